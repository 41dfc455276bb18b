/**
 * A database outage seen by the background loops (webhook worker, OpenID Connect logout worker,
 * each a pass every half second): said once at warn, as the request path and the event bus say it,
 * not an error line with a stack per pass; and said again when the database answers. The outage is
 * real: the server reaches PostgreSQL through a TCP relay that is cut (every connection dropped,
 * new ones refused) and then restored.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createTestDatabase, startTestServer, subscribe, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { OnEventsDocument } from '../generated/graphql.js';
import { invalidateCredential } from '../../src/core/services/credentials.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';

/**
 * A TCP relay to PostgreSQL that can be cut (connections dropped, new ones refused), stalled
 * (connections dropped, new ones accepted and never answered: a host that stops responding) and restored.
 */
async function relayTo(target: URL): Promise<{ port: number; cut(): void; stall(): void; restore(): void; close(): Promise<void> }> {
  let down: false | 'cut' | 'stall' = false;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down === 'cut') return void client.destroy();
    if (down === 'stall') {
      open.add(client);
      client.on('close', () => open.delete(client));
      client.on('error', () => {});
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = 'cut';
      for (const s of open) s.destroy();
    },
    stall() {
      down = 'stall';
      for (const s of open) s.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('database outage: the background loops', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    db = await createTestDatabase();
    relay = await relayTo(new URL(db.url));
    const viaRelay = new URL(db.url);
    viaRelay.port = String(relay.port);
    logs = captureLogs();
    t = await startTestServer({ databaseUrl: viaRelay.toString(), env: { LOG_LEVEL: 'info' } });
  });
  after(async () => {
    await t?.stop();
    logs.restore();
    await relay?.close();
    await db?.drop();
  });

  test('an outage of three seconds is one warn line per loop, not an error with a stack every half second; the recovery is said', async () => {
    const since = logs.all().length;
    relay.cut();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    relay.restore();
    // the loops' next passes succeed once the pool has reconnected
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${t.url}/readyz`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const lines = logs.all().slice(since);
    const loops = lines.filter((l) => /^(webhook worker|OIDC logout worker)/.test(String(l.msg)));
    const errors = loops.filter((l) => l.level === 'error');
    assert.deepEqual(
      errors.map((l) => l.msg),
      [],
      'no error lines for an outage',
    );
    for (const [loop, job] of [
      ['webhook worker', 'webhook-worker'],
      ['OIDC logout worker', 'oidc-logout-worker'],
    ]) {
      const down = loops.filter((l) => String(l.msg).startsWith(loop) && l.level === 'warn');
      assert.equal(down.length, 1, `${loop}: ${JSON.stringify(down)}`);
      assert.equal(down[0]!.job, job, 'a background line names its loop (requests have requestId)');
      assert.match(String(down[0]!.msg), /database unavailable/);
      assert.equal(typeof down[0]!.error, 'string', 'the reason, without a stack');
      assert.ok(
        loops.some((l) => String(l.msg).startsWith(loop) && l.level === 'info' && /database available again/.test(String(l.msg))),
        `${loop}: the recovery is logged`,
      );
    }
    const bus = lines.find((l) => String(l.msg).startsWith('event listener connection lost'));
    assert.equal(bus?.job, 'event-bus', JSON.stringify(bus));
  });

  test('/readyz is 503 while the database refuses connections or does not answer, and 200 again after', async () => {
    const readyz = async () => {
      const started = Date.now();
      const r = await fetch(`${t.url}/readyz`, { signal: AbortSignal.timeout(30000) });
      return { status: r.status, body: (await r.json()) as unknown, ms: Date.now() - started };
    };
    assert.equal((await readyz()).status, 200);
    try {
      relay.cut();
      const refused = await readyz();
      assert.deepEqual([refused.status, refused.body], [503, { status: 'database unreachable' }]);
      relay.stall();
      const hung = await readyz();
      assert.deepEqual([hung.status, hung.body], [503, { status: 'database unreachable' }]);
      // the check gives up after 2 s (the generous bound only tells it from a hang)
      assert.ok(hung.ms < 10_000, `answered after ${hung.ms} ms`);
    } finally {
      relay.restore();
    }
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await readyz()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 200);
  });

  test('WebSocket subscribers during an outage: the credential re-check says so once (job subscription-reauth), not a line with a stack per connection every 5 s', async () => {
    const org = await createOrg(t);
    const clients = [t.ws(org.key), t.ws(org.key), t.ws(org.key)];
    for (const c of clients) subscribe(c, OnEventsDocument, { organizationId: org.id });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const since = logs.all().length;
    relay.cut();
    try {
      // the credentials' cached copies dropped (as a revocation elsewhere does): the re-check reads them
      invalidateCredential();
      await new Promise((resolve) => setTimeout(resolve, 6000)); // past one re-check pass (5 s)
    } finally {
      relay.restore();
    }
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${t.url}/readyz`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 5500)); // a pass that succeeds
    const lines = logs
      .all()
      .slice(since)
      .filter((l) => /subscription credential/.test(String(l.msg)));
    const down = lines.filter((l) => l.level !== 'info');
    assert.equal(down.length, 1, JSON.stringify(down.map((l) => [l.level, l.msg])));
    assert.equal(down[0]!.level, 'warn');
    assert.equal(down[0]!.job, 'subscription-reauth');
    assert.equal(typeof down[0]!.error, 'string', 'the reason, without a stack');
    assert.ok(
      lines.some((l) => l.level === 'info' && /database available again/.test(String(l.msg))),
      'the recovery is logged',
    );
    for (const c of clients) await c.dispose();
  });
});

/**
 * Webhook sending is fair across organizations (noisy-neighbour isolation): one organization whose
 * receivers hang until the 10 s timeout holds at most WEBHOOK_SENDS_PER_ORGANIZATION endpoints at
 * once across all instances, so another organization's delivery goes out at once although the first
 * has more due endpoints than an instance has send slots (16).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import { loadConfig, ConfigError } from '../../src/server/config.js';
import { ormConfig } from '../../src/server/mikro-orm.config.js';
import { claimEndpoints } from '../../src/core/services/webhook-worker.js';
import type { Em } from '../../src/core/db.js';

/** A receiver on 127.0.0.1: requests under /slow/ never get an answer; the others get 200 at once. Counts open requests per path prefix. */
class Receiver {
  private server: Server | null = null;
  url = '';
  /** Requests under /slow/ open now, and the most that were open at once. */
  slowOpen = 0;
  slowMax = 0;
  slowReceived = 0;
  /** When the first request under /slow/ came (Date.now()). */
  slowSince = 0;
  readonly fast: Array<{ at: number; type: string }> = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url?.startsWith('/slow/')) {
          this.slowReceived++;
          this.slowSince ||= Date.now();
          this.slowOpen++;
          this.slowMax = Math.max(this.slowMax, this.slowOpen);
          res.on('close', () => this.slowOpen--); // the sender gave up (its timeout) or stopped
          return;
        }
        this.fast.push({ at: Date.now(), type: (JSON.parse(body) as { type: string }).type });
        res.statusCode = 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const CREATE = `mutation($org: ID, $input: CreateWebhookEndpointInput!) { createWebhookEndpoint(organizationId: $org, input: $input) { endpoint { id } } }`;
const CREATE_USER = `mutation($org: ID!, $input: CreateUserInput!) { createUser(organizationId: $org, input: $input) { id } }`;
const CAP = 2;
const ENV = { WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_SENDS_PER_ORGANIZATION: String(CAP) };

async function until(what: string, pred: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhook sending is fair across organizations', () => {
  const rx = new Receiver();
  let t: TestServer;
  let t2: TestServer;
  let noisy: OrgFixture;
  let quiet: OrgFixture;

  before(async () => {
    await rx.start();
    t = await startTestServer({ env: ENV });
    noisy = await createOrg(t);
    quiet = await createOrg(t);
  });

  after(async () => {
    await t2?.stop();
    await t?.stop();
    await rx.stop();
  });

  test('an organization whose 17 receivers hang holds at most WEBHOOK_SENDS_PER_ORGANIZATION of them, across instances too; another organization is delivered to at once', async () => {
    await t.gql(CREATE, { org: quiet.id, input: { url: `${rx.url}/fast`, eventTypes: ['USER_CREATED'] } }, quiet.key);
    // more hanging endpoints than one instance has send slots (16): without a cap they hold them all
    for (let i = 0; i < 17; i++) await t.gql(CREATE, { org: noisy.id, input: { url: `${rx.url}/slow/${i}` } }, noisy.key);
    await t.gql(CREATE_USER, { org: noisy.id, input: { userName: 'noisy-user' } }, noisy.key); // due for every one of them
    await until('the noisy organization is being sent to', () => rx.slowOpen >= CAP, 5000);
    // a few polls (every 500 ms): the instance takes what it may
    await new Promise((r) => setTimeout(r, 1500));
    const created = Date.now();
    await t.gql(CREATE_USER, { org: quiet.id, input: { userName: 'quiet-user' } }, quiet.key);
    // well before the noisy sends time out (10 s after they started)
    await until("the quiet organization's delivery", () => rx.fast.some((r) => r.type === 'USER_CREATED'), 3000);
    const arrived = rx.fast.find((r) => r.type === 'USER_CREATED')!.at;
    assert.ok(arrived - rx.slowSince < 10_000, 'delivered while the first noisy sends still hang (not in a slot their timeout freed)');
    assert.ok(arrived - created < 2500, `delivered in ${arrived - created} ms`);
    assert.equal(rx.slowMax, CAP, `at most ${CAP} of the noisy organization's endpoints at once (received ${rx.slowReceived})`);
    // a second instance on the same database, with 16 slots of its own: the cap holds across instances
    t2 = await startTestServer({ databaseUrl: t.databaseUrl, adminKey: t.adminKey, env: ENV });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(rx.slowMax, CAP, `at most ${CAP} at once across both instances (received ${rx.slowReceived})`);
  });
});

describe('WEBHOOK_SENDS_PER_ORGANIZATION', () => {
  test('4 by default; 1 to 20 (the endpoints an organization may have)', () => {
    assert.equal(loadConfig({}).webhookSendsPerOrganization, 4);
    assert.equal(loadConfig({ WEBHOOK_SENDS_PER_ORGANIZATION: '20' }).webhookSendsPerOrganization, 20);
    assert.throws(() => loadConfig({ WEBHOOK_SENDS_PER_ORGANIZATION: '0' }), ConfigError);
    assert.throws(() => loadConfig({ WEBHOOK_SENDS_PER_ORGANIZATION: '21' }), ConfigError);
    assert.throws(() => loadConfig({ WEBHOOK_SENDS_PER_ORGANIZATION: 'few' }), ConfigError);
  });
});

describe('claimEndpoints: the claim every instance runs', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  const X = '00000000-0000-4000-8000-00000000000a';
  const Y = '00000000-0000-4000-8000-00000000000b';
  /** The labels (`x1`…, `p6` for the platform's) of the endpoints leased now, sorted. */
  const leased = () =>
    withDb(db.url, async (c) =>
      (await c.query<{ url: string }>(`select url from webhook_endpoints where busy_until > now() order by url`)).rows.map((r) => r.url),
    );

  before(async () => {
    db = await createTestDatabase();
    await withDb(db.url, async (c) => {
      await c.query(`insert into organizations (id, name, slug, created_at, updated_at) values ($1, 'X', 'x', now(), now()), ($2, 'Y', 'y', now(), now())`, [
        X,
        Y,
      ]);
      // six endpoints each for x, y and the platform (p), each with one pending delivery, due since
      // x: 60 s, y: 30 s, p: 10 s (and the sixth endpoint of each the longest); x holds three leases
      for (const [org, label] of [
        [X, 'x'],
        [Y, 'y'],
        [null, 'p'],
      ] as const) {
        await c.query(
          `insert into webhook_endpoints (id, organization_id, url, event_types, secret, enabled, start_seq, created_at, updated_at, version)
           select gen_random_uuid(), $1::uuid, $2 || k, '{}', 'unused', true, 0, now(), now(), 1 from generate_series(1, 6) k`,
          [org, label],
        );
      }
      await c.query(`insert into webhook_deliveries (id, endpoint_id, event_seq, status, attempts, next_attempt_at, created_at, updated_at)
        select gen_random_uuid(), w.id, 1, 'PENDING', 0,
               now() - make_interval(secs => case left(w.url, 1) when 'x' then 60 when 'y' then 30 else 10 end + right(w.url, 1)::int), now(), now()
          from webhook_endpoints w`);
    });
    orm = await MikroORM.init(ormConfig({ url: db.url, poolSize: 4 }));
  });

  after(async () => {
    await orm?.close();
    await db?.drop();
  });

  const claim = (free: number) => claimEndpoints(orm.em.fork() as unknown as Em, 4, free);
  const reset = (busy: string[]) =>
    withDb(db.url, (c) => c.query(`update webhook_endpoints set busy_until = case when url = any($1) then now() + interval '20 s' end`, [busy]));

  test('in turns: the organizations holding fewest leases first, the longest due first within a turn; at most 4 of one organization (the platform counts as one)', async () => {
    await reset(['x1', 'x2', 'x3']);
    // turn 1: y6 (due 36 s), p6 (16 s); turn 2: y5 (35 s) before p5; x's next is its turn 4
    assert.equal((await claim(3)).length, 3);
    assert.deepEqual(await leased(), ['p6', 'x1', 'x2', 'x3', 'y5', 'y6']);
    // the rest up to 4 each, whatever the slots
    assert.equal((await claim(16)).length, 6);
    assert.deepEqual(await leased(), ['p3', 'p4', 'p5', 'p6', 'x1', 'x2', 'x3', 'x6', 'y3', 'y4', 'y5', 'y6']);
    assert.deepEqual(await claim(16), [], 'no organization has a turn left');
  });

  test('three instances claiming at the same moment together take at most 4 endpoints of an organization', async () => {
    for (let round = 0; round < 10; round++) {
      await reset([]);
      const claimed = (await Promise.all([claim(16), claim(16), claim(16)])).flat();
      assert.equal(new Set(claimed).size, claimed.length, 'no endpoint leased twice');
      const perGroup: Record<string, number> = {};
      for (const url of await leased()) perGroup[url[0]!] = (perGroup[url[0]!] ?? 0) + 1;
      assert.deepEqual(perGroup, { p: 4, x: 4, y: 4 }, `round ${round}`);
    }
  });
});

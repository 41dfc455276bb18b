/**
 * The scale-out drill (issue #20, docs/DEPLOYMENT.md): three server processes (`src/server/main.ts`, as
 * `npm start` runs it) on one PostgreSQL behind a round-robin HTTP and WebSocket proxy. SCIM creates
 * and SAML sign-ins go through the proxy while one instance, the one a live subscriber is connected
 * to, is killed with SIGKILL. Afterwards:
 * - every acknowledged create exists exactly once (one user, one USER_CREATED), and none twice;
 * - the subscriber resumes with afterSequence through the proxy (on a survivor) without a gap;
 * - the webhook deliveries pending at the kill are finished by the survivors (every event delivered,
 *   in order per endpoint; at-least-once, so the one in flight may come twice);
 * - the SAML AuthnRequest recorded by the killed instance is honoured by a survivor (InResponseTo),
 *   and a response it consumed is refused there as a replay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { print } from 'graphql';
import { createTestDatabase, gqlRequest, spawnServer, type Doc, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { withDb } from '../helpers/db.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, bindingHeader, connectIdp, postAcs, startLogin, to } from '../helpers/saml-sp.js';
import { CreateApiKeyDocument, CreateOrganizationDocument, CreateScimTokenDocument, OnEventsDocument } from '../generated/graphql.js';

const PUBLIC_URL = 'https://id.example.test';

/**
 * A load balancer in miniature: each HTTP request and WebSocket upgrade goes to the next backend in
 * turn. A backend that refuses the connection (dead) is skipped, which is safe because the request
 * never reached it; a failure after the request was sent is a 502, as a real proxy answers.
 */
class RoundRobinProxy {
  private next = 0;
  private server: http.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** The backend index each WebSocket upgrade went to, in order. */
  readonly upgrades: number[] = [];
  url = '';

  constructor(private readonly backends: string[]) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.forward(req, res, Buffer.concat(chunks), 0));
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket: net.Socket, head) => this.upgrade(req, socket, head, 0));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private pick(): number {
    const i = this.next % this.backends.length;
    this.next++;
    return i;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: number): void {
    const i = this.pick();
    const target = new URL(this.backends[i]!);
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent: false },
      (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
        r.on('error', () => res.destroy());
      },
    );
    out.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && tried + 1 < this.backends.length) return this.forward(req, res, body, tried + 1);
      if (!res.headersSent) res.writeHead(502).end('bad gateway');
      else res.destroy();
    });
    out.end(body);
  }

  private upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer, tried: number): void {
    const i = this.pick();
    const target = new URL(this.backends[i]!);
    const up = net.connect(Number(target.port), target.hostname);
    this.sockets.add(up);
    let connected = false;
    up.on('connect', () => {
      connected = true;
      this.upgrades.push(i);
      let raw = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let k = 0; k < req.rawHeaders.length; k += 2) raw += `${req.rawHeaders[k]}: ${req.rawHeaders[k + 1]}\r\n`;
      up.write(`${raw}\r\n`);
      up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on('error', (err: NodeJS.ErrnoException) => {
      this.sockets.delete(up);
      if (err.code === 'ECONNREFUSED' && !connected && tried + 1 < this.backends.length) return this.upgrade(req, socket, head, tried + 1);
      socket.destroy();
    });
    up.on('close', () => connected && socket.destroy());
    socket.on('error', () => up.destroy());
    socket.on('close', () => up.destroy());
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The process that has the TCP connection whose local port is `port` to `peerPort` open (Linux: the
 * socket's inode from /proc/net/tcp, then the process whose file descriptors include it).
 */
function processOf(port: number, peerPort: number, pids: number[]): number | undefined {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const line = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1]?.endsWith(`:${hex(port)}`) && f[2]?.endsWith(`:${hex(peerPort)}`));
  const inode = line?.[9];
  if (!inode) return undefined;
  return pids.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}

interface Receiver {
  url: string;
  /** The event sequence of every delivery received, in order. */
  sequences: number[];
  /**
   * Leaves the next delivery unanswered (its sender stays busy with it, holding the endpoint's lease)
   * and resolves with the sender's process id and the delivery's sequence.
   */
  holdNext(pids: number[]): Promise<{ pid: number | undefined; sequence: number }>;
  close(): Promise<void>;
}

/** The webhook receiver: records the event sequence of every delivery; answers after `delayMs`. */
async function startReceiver(delayMs: number): Promise<Receiver> {
  const sequences: number[] = [];
  let hold: ((req: http.IncomingMessage, sequence: number) => void) | null = null;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const sequence = (JSON.parse(body) as { data: { sequence: number } }).data.sequence;
      sequences.push(sequence);
      if (hold) {
        const h = hold;
        hold = null;
        return h(req, sequence); // never answered: the sender dies with it
      }
      setTimeout(() => res.end('ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    sequences,
    holdNext: (pids) =>
      new Promise((resolve) => {
        hold = (req, sequence) => resolve({ pid: processOf(req.socket.remotePort!, port, pids), sequence });
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds (polled every 100 ms), failing with `what` after `ms`. */
async function until(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A subscriber of the organization's events over the proxy: the sequences it received (deduplicated) and the highest. */
class Subscriber {
  readonly seen = new Set<number>();
  last = 0;
  ended: Promise<unknown>;
  private client: Client;

  constructor(url: string, key: string, org: string, afterSequence: number | null) {
    this.client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      retryAttempts: 0,
    });
    this.ended = new Promise((resolve) => {
      this.client.subscribe<{ events: { sequence: number } }>(
        { query: print(OnEventsDocument), variables: { organizationId: org, afterSequence } },
        {
          next: (msg) => {
            if (msg.errors) return resolve(msg.errors);
            const s = msg.data!.events.sequence;
            this.seen.add(s);
            if (s > this.last) this.last = s;
          },
          error: resolve,
          complete: () => resolve('complete'),
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

test('scale-out drill: three instances behind a proxy, one killed with SIGKILL under SCIM and SAML load', { timeout: 150_000 }, async () => {
  const db = await createTestDatabase();
  const adminKey = `drill-admin-${randomBytes(16).toString('hex')}`;
  const procs: ServerProcess[] = [];
  const subscribers: Subscriber[] = [];
  let proxy: RoundRobinProxy | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  let stopLoad = false;
  const t0 = Date.now();
  const mark = (what: string) => console.log(`drill: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const env = {
      DATABASE_URL: db.url,
      ADMIN_API_KEY: adminKey,
      PUBLIC_URL,
      SCIM_RATE_LIMIT: '0',
      SAML_RATE_LIMIT: '0',
      WEBHOOK_ALLOW_INSECURE_URLS: 'true',
      WEBHOOK_RETRY_BASE_MS: '200',
      SHUTDOWN_GRACE_SECONDS: '2',
      DB_POOL_SIZE: '8',
    };
    procs.push(...(await Promise.all([spawnServer(env), spawnServer(env), spawnServer(env)])));
    mark('three instances listening');
    proxy = new RoundRobinProxy(procs.map((p) => p.url));
    await proxy.start();
    const via = proxy.url;
    const gql = async <R, V>(doc: Doc<R, V>, variables: V, key = adminKey): Promise<R> => {
      const r = await gqlRequest<R, V>(via, key, doc, variables);
      assert.ok(!r.errors?.length, JSON.stringify(r.errors));
      return r.data!;
    };

    // the organization, its SCIM token and admin key, its SAML connection and a webhook endpoint, all through the proxy
    const slug = `drill-${randomBytes(3).toString('hex')}`;
    const org = (await gql(CreateOrganizationDocument, { input: { name: 'Drill', slug } })).createOrganization;
    const scimToken = (await gql(CreateScimTokenDocument, { organizationId: org.id, name: 'Okta' })).createScimToken.token;
    const key = (await gql(CreateApiKeyDocument, { organizationId: org.id, name: 'ops', role: 'ADMIN' })).createApiKey.token;
    const idp = new TestIdp();
    const sp = await connectIdp({ gql: (d: never, v: never, k?: string) => gql(d, v, k) } as unknown as TestServer, { id: org.id, slug, key, scimToken }, idp);
    receiver = await startReceiver(15);
    const hook = await gql<{ createWebhookEndpoint: { endpoint: { id: string } } }, unknown>(
      `mutation($org: ID, $url: String!) { createWebhookEndpoint(organizationId: $org, input: { url: $url }) { endpoint { id } } }`,
      { org: org.id, url: receiver.url },
      key,
    );
    const endpointId = hook.createWebhookEndpoint.endpoint.id;

    // a live subscriber on each instance, through the proxy (round robin: one each)
    const live: Subscriber[] = [];
    for (let k = 0; k < 3; k++) {
      live.push(new Subscriber(via, key, org.id, null));
      subscribers.push(live[k]!);
      // one at a time, so that upgrades[k] is the instance of live[k]
      await until('the subscriber connected', 10_000, () => proxy!.upgrades.length === k + 1);
    }
    await until('the subscriptions are live', 20_000, async () => {
      await gql(
        `mutation($org: ID!) { createGroup(organizationId: $org, input: { displayName: "${randomBytes(4).toString('hex')}" }) { id } }`,
        { org: org.id },
        key,
      );
      return live.every((l) => l.seen.size > 0);
    });
    assert.deepEqual([...proxy.upgrades].sort(), [0, 1, 2], 'one subscriber per instance');

    // SAML on every instance: a sign-in it completes (the response is replayed later) and one it only begins
    // (one after another: the first sign-in provisions the user)
    const samlOn = [];
    for (const p of procs) {
      const done = await startLogin(p.url, slug, '/app');
      const consumed = idp.response(to(sp, { inResponseTo: done.requestId }));
      const r = await postAcs(p.url, slug, consumed, undefined, bindingHeader(done));
      assert.equal(r.status, 303, r.text.slice(0, 300));
      samlOn.push({ done, consumed, begun: await startLogin(p.url, slug, '/later') });
    }

    // SCIM load: four clients creating users through the proxy; a create whose answer is lost (502, a
    // reset) is sent again, as identity providers do; a 409 then means the lost one had committed
    const acked = new Map<string, string>();
    const attempted = new Set<string>();
    let lostAnswers = 0;
    const createUser = async (userName: string): Promise<void> => {
      attempted.add(userName);
      for (let attempt = 0; attempt < 20; attempt++) {
        let status: number;
        let body: Record<string, any> = {};
        try {
          const res = await fetch(`${via}/scim/v2/Users`, {
            method: 'POST',
            headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${scimToken}` },
            body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }),
          });
          status = res.status;
          body = (await res.json().catch(() => ({}))) as Record<string, any>;
        } catch {
          status = 0;
        }
        if (status === 201) return void acked.set(userName, body.id as string);
        if (status === 409 && attempt > 0) return; // the earlier attempt committed; checked below
        assert.ok(status === 0 || status === 502 || status === 503, `unexpected ${status} ${JSON.stringify(body)}`);
        lostAnswers++;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`${userName}: no answer after 20 attempts`);
    };
    const load = Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        for (let i = 0; !stopLoad; i++) await createUser(`drill-${w}-${i}@acme.example`);
      }),
    );
    // SAML sign-ins through the proxy while the load runs (before and after the kill): the login
    // and the ACS post land on different instances in turn
    // and land on the killed instance now and then: a 502 then, and the person starts again (a
    // response the dead instance may have consumed cannot be posted twice)
    let signIns = 0;
    let signInsStartedAgain = 0;
    const saml = (async () => {
      while (!stopLoad) {
        let login;
        try {
          login = await startLogin(via, slug, '/app');
        } catch (err) {
          if (!/: 502 /.test((err as Error).message)) throw err;
          signInsStartedAgain++;
          continue;
        }
        const r = await postAcs(via, slug, idp.response(to(sp, { inResponseTo: login.requestId })), undefined, bindingHeader(login));
        if (r.status === 502) {
          signInsStartedAgain++;
          continue;
        }
        assert.equal(r.status, 303, r.text.slice(0, 300));
        signIns++;
      }
    })();

    // failures surface where they are awaited, below
    load.catch(() => {});
    saml.catch(() => {});
    await until('40 creates acknowledged before the kill', 30_000, () => acked.size >= 40);
    // the victim: the instance delivering to the webhook endpoint (it holds the endpoint's lease),
    // caught with a delivery the receiver leaves unanswered, killed at once
    const held = await receiver.holdNext(procs.map((p) => p.child.pid!));
    const victimIndex = procs.findIndex((p) => p.child.pid === held.pid);
    assert.ok(victimIndex >= 0, 'the sender of the held delivery is one of the instances');
    const victim = procs[victimIndex]!;
    victim.child.kill('SIGKILL');
    mark(`instance ${victimIndex + 1} killed`);
    const survivors = procs.filter((p) => p !== victim);
    const ackedAtKill = acked.size;
    const first = live[proxy.upgrades.indexOf(victimIndex)]!; // the subscriber on the victim
    let firstEnded = false;
    void first.ended.then(() => (firstEnded = true));
    await until('the subscriber saw its instance die', 10_000, () => firstEnded);
    // it resumes through the proxy (now on a survivor) from the last sequence it received
    const resumed = new Subscriber(via, key, org.id, first.last);
    subscribers.push(resumed);
    await until('80 more creates acknowledged after the kill', 40_000, () => acked.size >= ackedAtKill + 80);
    stopLoad = true;
    await Promise.all([load, saml]);
    mark('load stopped');
    assert.ok(signIns >= 2, `${signIns} SAML sign-ins through the proxy`);

    // SAML state lives in the database: the survivors honour what the dead instance recorded
    const { begun, consumed, done } = samlOn[victimIndex]!;
    const late = await postAcs(survivors[0]!.url, slug, idp.response(to(sp, { inResponseTo: begun.requestId })), undefined, bindingHeader(begun));
    assert.equal(late.status, 303, `an AuthnRequest recorded by the killed instance is answered on a survivor: ${late.text.slice(0, 300)}`);
    assertRefused(await postAcs(survivors[1]!.url, slug, consumed, undefined, bindingHeader(done)), 400);

    await withDb(db.url, async (c) => {
      // every acknowledged create exactly once, nothing twice, one USER_CREATED each
      const users = await c.query<{ id: string; user_name: string }>(
        `select id, user_name from users where organization_id = $1 and user_name like 'drill-%'`,
        [org.id],
      );
      const byName = new Map<string, string[]>();
      for (const u of users.rows) byName.set(u.user_name, [...(byName.get(u.user_name) ?? []), u.id]);
      for (const [name, id] of acked) assert.deepEqual(byName.get(name), [id], `${name}: acknowledged once, stored once`);
      for (const [name, ids] of byName) {
        assert.equal(ids.length, 1, `${name} stored once`);
        assert.ok(attempted.has(name));
      }
      const created = await c.query<{ subject_id: string; n: number }>(
        `select subject_id, count(*)::int as n from events where organization_id = $1 and type = 'USER_CREATED' group by subject_id`,
        [org.id],
      );
      const eventsOf = new Map(created.rows.map((r) => [r.subject_id, r.n]));
      for (const u of users.rows) assert.equal(eventsOf.get(u.id), 1, `${u.user_name}: one USER_CREATED`);

      // the resumed subscriber has every event after the first it saw: no gap across the kill
      const all = (await c.query<{ seq: string }>('select seq from events where organization_id = $1 order by seq', [org.id])).rows.map((r) => Number(r.seq));
      const from = Math.min(...first.seen);
      const expected = all.filter((s) => s >= from);
      const missing = () => expected.filter((s) => !first.seen.has(s) && !resumed.seen.has(s));
      await until('the resumed subscriber caught up', 20_000, () => missing().length === 0);
      mark('subscriber caught up');

      // the webhook deliveries: all finished by the survivors (a lease the victim held expires), in event order
      const hookStart = Number((await c.query<{ s: string }>('select start_seq as s from webhook_endpoints where id = $1', [endpointId])).rows[0]!.s);
      const toDeliver = all.filter((s) => s > hookStart);
      await until('every webhook delivery succeeded', 60_000, async () => {
        const r = await c.query<{ pending: number; succeeded: number }>(
          `select count(*) filter (where status = 'PENDING')::int as pending, count(*) filter (where status = 'SUCCEEDED')::int as succeeded
             from webhook_deliveries where endpoint_id = $1`,
          [endpointId],
        );
        return r.rows[0]!.pending === 0 && r.rows[0]!.succeeded >= toDeliver.length;
      });
      mark('webhook deliveries finished');
      const got = new Set(receiver!.sequences);
      assert.deepEqual(
        toDeliver.filter((s) => !got.has(s)),
        [],
        'every event reached the receiver',
      );
      assert.ok(
        receiver!.sequences.filter((s) => s === held.sequence).length >= 2,
        'the delivery the killed instance was sending was sent again by a survivor (at least once)',
      );
      const firsts = receiver!.sequences.filter((s, i, a) => a.indexOf(s) === i);
      assert.deepEqual(
        firsts,
        [...firsts].sort((a, b) => a - b),
        'first deliveries in event order',
      );
      console.log(
        `drill: ${acked.size} creates acknowledged (${ackedAtKill} before the kill), ${lostAnswers} answers lost and retried, ${signIns} SAML sign-ins (${signInsStartedAgain} started again after a 502), ` +
          `${expected.length} events to the subscriber across the kill, ${receiver!.sequences.length} webhook requests for ${toDeliver.length} events`,
      );
    });
  } finally {
    stopLoad = true;
    for (const s of subscribers) await s.close().catch(() => {});
    // SIGTERM, SIGKILL after 10 s (spawnServer's stop)
    await Promise.all(procs.map((p) => p.stop().catch(() => null)));
    await proxy?.close();
    await receiver?.close();
    await db.drop();
  }
});

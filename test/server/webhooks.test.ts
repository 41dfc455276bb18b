/**
 * Outbound webhooks (issue #20): endpoints per organization and for the platform, deliveries signed
 * per Standard Webhooks (verified here by an implementation of the spec independent of src/), in
 * event order, retried with backoff, the endpoint disabled after the schedule, secret rotation with
 * overlap, the deliveries query and resend, authorization, and the URL rules.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import { rebindingDns, silentDns } from '../helpers/rebinding-dns.js';
import { isNonPublicAddress } from '../../src/core/services/webhooks.js';
import { retryDelayMs } from '../../src/core/services/webhook-worker.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
}

/** An HTTP receiver on 127.0.0.1: records every request; `answer` chooses the status per path. */
class Receiver {
  readonly received: Received[] = [];
  answer: (path: string, n: number) => number = () => 200;
  /** Requests never answered (the connection hangs until the receiver stops). */
  hang: (path: string, n: number) => boolean = () => false;
  /** How long to wait before answering a path (ms). */
  delay: (path: string) => number = () => 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        const n = this.received.filter((r) => r.path === path).length;
        this.received.push({ path, headers: req.headers, body, json: JSON.parse(body) });
        if (this.hang(path, n)) return;
        setTimeout(() => {
          res.statusCode = this.answer(path, n);
          res.end('ok');
        }, this.delay(path));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `pred` holds for the requests received at `path`. */
  async waitFor(path: string, pred: (rs: Received[]) => boolean, timeoutMs = 15000): Promise<Received[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const rs = this.at(path);
      if (pred(rs)) return rs;
      if (Date.now() > end) throw new Error(`timed out waiting at ${path}; received: ${JSON.stringify(rs.map((r) => r.json.type))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/**
 * Standard Webhooks verification written from the spec: the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64-decoded secret
 * after `whsec_`; `webhook-signature` is a space-separated list of `v1,<base64>`.
 */
function verifies(secret: string, r: Received): boolean {
  const id = r.headers['webhook-id'] as string;
  const ts = r.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${r.body}`).digest();
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const got = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
    });
}

const ENDPOINT_FIELDS = 'id organizationId url eventTypes enabled disabledReason';
const CREATE = `mutation($org: ID, $input: CreateWebhookEndpointInput!) { createWebhookEndpoint(organizationId: $org, input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { ${ENDPOINT_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`;
const ROTATE = `mutation($id: ID!, $overlap: Int) { rotateWebhookSecret(id: $id, overlapSeconds: $overlap) { secret previousSecretExpiresAt endpoint { id } } }`;
const LIST = `query($org: ID) { webhookEndpoints(organizationId: $org) { ${ENDPOINT_FIELDS} } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $id, status: $status, first: $first, after: $after) {
    nodes { id eventSequence eventType status attempts lastStatusCode lastError } hasNextPage endCursor } }`;
const RESEND = `mutation($id: ID!) { resendWebhookDelivery(id: $id) { id status attempts } }`;
const CREATE_USER = `mutation($org: ID!, $input: CreateUserInput!) { createUser(organizationId: $org, input: $input) { id userName } }`;
const ENV = { WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_ATTEMPTS: '3' };

/** Writes an event as another transaction would (the columns of events/event-writer.ts), in `client`'s open transaction or on its own. */
async function insertEvent(client: pg.Client, organizationId: string, label: string): Promise<number> {
  const r = await client.query<{ seq: string }>(
    `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
     values ($1, 'USER_UPDATED', 'SYSTEM', 'test', 'USER', $2, '{}', '{}') returning seq`,
    [organizationId, label],
  );
  return Number(r.rows[0]!.seq);
}

const DELETE_USER = `mutation($org: ID!, $id: ID!) { deleteUser(organizationId: $org, id: $id) }`;

interface Created {
  createWebhookEndpoint: { secret: string; endpoint: { id: string; organizationId: string | null; url: string; eventTypes: string[]; enabled: boolean } };
}
interface Deliveries {
  webhookDeliveries: {
    nodes: Array<{
      id: string;
      eventSequence: number;
      eventType: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
    }>;
    hasNextPage: boolean;
    endCursor: string | null;
  };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outbound webhooks', () => {
  let t: TestServer;
  let strict: TestServer;
  let orgA: OrgFixture;
  let orgB: OrgFixture;
  const rx = new Receiver();

  const createEndpoint = async (org: OrgFixture | null, path: string, eventTypes?: string[]) =>
    (await t.gql<Created, unknown>(CREATE, { org: org?.id ?? null, input: { url: `${rx.url}${path}`, eventTypes } }, org?.key ?? t.adminKey))
      .createWebhookEndpoint;
  const createUser = async (org: OrgFixture, userName: string) =>
    (await t.gql<{ createUser: { id: string } }, unknown>(CREATE_USER, { org: org.id, input: { userName } }, org.key)).createUser;

  before(async () => {
    await rx.start();
    t = await startTestServer({ env: ENV });
    strict = await startTestServer();
    orgA = await createOrg(t);
    orgB = await createOrg(t);
  });

  after(async () => {
    await t?.stop();
    await strict?.stop();
    await rx.stop();
  });

  test('a new user reaches the endpoint signed per Standard Webhooks, in event order', async () => {
    const { secret, endpoint } = await createEndpoint(orgA, '/a');
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 32);
    assert.deepEqual(endpoint.eventTypes, []);
    const names = ['ann', 'bob', 'cyd', 'dee'];
    for (const n of names) await createUser(orgA, n);
    const got = await rx.waitFor('/a', (rs) => rs.filter((r) => r.json.type === 'USER_CREATED').length >= names.length);
    // the endpoint's own creation is an event of the organization too, and came first
    assert.equal(got[0]!.json.type, 'WEBHOOK_ENDPOINT_CREATED');
    const users = got.filter((r) => r.json.type === 'USER_CREATED');
    assert.deepEqual(
      users.map((r) => r.json.data.subjectLabel),
      names,
    );
    const seqs = got.map((r) => r.json.data.sequence as number);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'in event order',
    );
    assert.equal(new Set(seqs).size, seqs.length, 'each event once');
    for (const r of got) {
      assert.ok(verifies(secret, r), 'the signature verifies with the secret');
      assert.ok(!verifies(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, r), 'and not with another');
      assert.equal(r.headers['content-type'], 'application/json');
      assert.match(String(r.headers['webhook-id']), /^[0-9a-f-]{36}$/);
      const ts = Number(r.headers['webhook-timestamp']);
      assert.ok(Math.abs(ts - Date.now() / 1000) < 60, 'webhook-timestamp: unix seconds, now');
      assert.equal(String(r.headers['webhook-signature']).split(' ').length, 1);
    }
    const u = users[0]!.json;
    assert.equal(u.data.organizationId, orgA.id);
    assert.equal(u.data.type, 'USER_CREATED');
    assert.equal(u.data.subjectType, 'USER');
    assert.equal(u.data.actorType, 'API_KEY');
    assert.equal(u.timestamp, u.data.occurredAt);
    // webhook-id is the delivery's id, listed by the deliveries query with its status
    const d = await until('all SUCCEEDED', async () => {
      const r = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id, first: 100 }, orgA.key);
      return r.webhookDeliveries.nodes.every((n) => n.status === 'SUCCEEDED') && r.webhookDeliveries.nodes.length >= got.length && r;
    });
    const ids = new Set(d.webhookDeliveries.nodes.map((n) => n.id));
    for (const r of got) assert.ok(ids.has(String(r.headers['webhook-id'])));
    const first = d.webhookDeliveries.nodes.find((n) => n.eventSequence === u.data.sequence)!;
    assert.equal(first.eventType, 'USER_CREATED');
    assert.equal(first.attempts, 1);
    assert.equal(first.lastStatusCode, 200);
    // keyset pages, newest event first
    const p1 = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id, first: 2 }, orgA.key);
    assert.equal(p1.webhookDeliveries.hasNextPage, true);
    const p2 = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id, first: 2, after: p1.webhookDeliveries.endCursor }, orgA.key);
    assert.ok(p2.webhookDeliveries.nodes[0]!.eventSequence < p1.webhookDeliveries.nodes[1]!.eventSequence);
    await t.gql(DELETE, { id: endpoint.id }, orgA.key);
  });

  test("webhookDeliveries answers createdAt, updatedAt and a PENDING delivery's nextAttemptAt as date-times", async () => {
    const org = await createOrg(t);
    rx.hang = (path) => path === '/dates';
    const { endpoint } = await createEndpoint(org, '/dates', ['USER_CREATED']);
    try {
      await createUser(org, 'dated');
      await rx.waitFor('/dates', (rs) => rs.length >= 1); // in flight: still PENDING
      const r = await t.raw<Deliveries, unknown>(
        `query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { status createdAt updatedAt nextAttemptAt } } }`,
        { id: endpoint.id },
        org.key,
      );
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const [d] = r.data!.webhookDeliveries.nodes as unknown as Array<Record<string, string>>;
      assert.equal(d!.status, 'PENDING');
      for (const field of ['createdAt', 'updatedAt', 'nextAttemptAt'])
        assert.ok(Math.abs(Date.parse(d![field]!) - Date.now()) < 60_000 && d![field]!.endsWith('Z'), `${field}: ${d![field]}`);
    } finally {
      rx.hang = () => false;
      await t.gql(DELETE, { id: endpoint.id }, org.key);
    }
  });

  test('eventTypes: only the listed types are delivered', async () => {
    const all = await createEndpoint(orgA, '/all');
    const only = await createEndpoint(orgA, '/deleted-only', ['USER_DELETED']);
    assert.deepEqual(only.endpoint.eventTypes, ['USER_DELETED']);
    const u = await createUser(orgA, 'filtered');
    await t.gql(DELETE_USER, { org: orgA.id, id: u.id }, orgA.key);
    await rx.waitFor('/all', (rs) => rs.some((r) => r.json.type === 'USER_DELETED'));
    const got = await rx.waitFor('/deleted-only', (rs) => rs.length >= 1);
    assert.deepEqual(
      got.map((r) => [r.json.type, r.json.data.subjectId]),
      [['USER_DELETED', u.id]],
    );
    // everything the unfiltered endpoint got is out; the filtered one still has only that one
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(rx.at('/deleted-only').length, 1);
    await t.gql(DELETE, { id: all.endpoint.id }, orgA.key);
    await t.gql(DELETE, { id: only.endpoint.id }, orgA.key);
  });

  test('a failed delivery is retried with the same webhook-id and then succeeds; later events wait for it', async () => {
    rx.answer = (path, n) => (path === '/flaky' && n === 0 ? 500 : 200);
    const { endpoint } = await createEndpoint(orgB, '/flaky', ['USER_CREATED']);
    await createUser(orgB, 'first');
    await createUser(orgB, 'second');
    const got = await rx.waitFor('/flaky', (rs) => rs.length >= 3);
    assert.deepEqual(
      got.map((r) => r.json.data.subjectLabel),
      ['first', 'first', 'second'],
      'the second user only after the first one succeeded',
    );
    assert.equal(got[0]!.headers['webhook-id'], got[1]!.headers['webhook-id']);
    const d = await until('both SUCCEEDED', async () => {
      const r = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id, status: 'SUCCEEDED' }, orgB.key);
      return r.webhookDeliveries.nodes.length === 2 && r;
    });
    const [second, first] = d.webhookDeliveries.nodes;
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    const count = (outcome: string) => Number(new RegExp(`^idm_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    assert.ok(count('retry') >= 1 && count('succeeded') >= 3, metrics);
    assert.equal(first!.attempts, 2);
    assert.equal(first!.lastStatusCode, 200);
    assert.equal(second!.attempts, 1);
    rx.answer = () => 200;
    await t.gql(DELETE, { id: endpoint.id }, orgB.key);
  });

  test('after the retry schedule the delivery is FAILED and the endpoint disabled with an event; resend after enabling', async () => {
    const org = await createOrg(t);
    rx.answer = (path) => (path === '/dead' ? 503 : 200);
    const { endpoint } = await createEndpoint(org, '/dead', ['USER_CREATED']);
    await createUser(org, 'lost');
    const disabled = await until('disabled', async () => {
      const r = await t.gql<{ webhookEndpoints: Array<{ id: string; enabled: boolean; disabledReason: string | null }> }, unknown>(
        LIST,
        { org: org.id },
        org.key,
      );
      const w = r.webhookEndpoints.find((x) => x.id === endpoint.id)!;
      return !w.enabled && w;
    });
    assert.match(disabled.disabledReason ?? '', /failed 3 times/);
    assert.equal(rx.at('/dead').length, 3, 'WEBHOOK_MAX_ATTEMPTS attempts');
    const d = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id }, org.key);
    const [failed] = d.webhookDeliveries.nodes;
    assert.equal(failed!.status, 'FAILED');
    assert.equal(failed!.attempts, 3);
    assert.equal(failed!.lastStatusCode, 503);
    const ev = await t.gql<{ events: { nodes: Array<{ type: string; actorType: string; subjectId: string; data: Record<string, unknown> }> } }, unknown>(
      `query($org: ID!) { events(organizationId: $org, filter: { types: [WEBHOOK_ENDPOINT_DISABLED] }) { nodes { type actorType subjectId data } } }`,
      { org: org.id },
      org.key,
    );
    assert.equal(ev.events.nodes.length, 1);
    assert.equal(ev.events.nodes[0]!.actorType, 'SYSTEM');
    assert.equal(ev.events.nodes[0]!.subjectId, endpoint.id);
    assert.equal(ev.events.nodes[0]!.data.deliveryId, failed!.id);
    // the receiver is fixed: enable the endpoint and send the failed delivery again
    rx.answer = () => 200;
    await t.gql(UPDATE, { id: endpoint.id, input: { enabled: true } }, org.key);
    const resent = await t.gql<{ resendWebhookDelivery: { status: string; attempts: number } }, unknown>(RESEND, { id: failed!.id }, org.key);
    assert.deepEqual(resent.resendWebhookDelivery, { id: failed!.id, status: 'PENDING', attempts: 0 });
    const got = await rx.waitFor('/dead', (rs) => rs.length >= 4);
    assert.equal(got[3]!.headers['webhook-id'], failed!.id);
    await until('SUCCEEDED', async () => {
      const r = await t.gql<Deliveries, unknown>(DELIVERIES, { id: endpoint.id }, org.key);
      return r.webhookDeliveries.nodes[0]!.status === 'SUCCEEDED';
    });
  });

  test('rotation: during the overlap both secrets sign; without overlap only the new one', async () => {
    const created = await createEndpoint(orgA, '/rotate', ['USER_CREATED']);
    const rotated = (
      await t.gql<{ rotateWebhookSecret: { secret: string; previousSecretExpiresAt: string } }, unknown>(ROTATE, { id: created.endpoint.id }, orgA.key)
    ).rotateWebhookSecret;
    assert.notEqual(rotated.secret, created.secret);
    const overlapEnd = Date.parse(rotated.previousSecretExpiresAt) - Date.now();
    assert.ok(overlapEnd > 86_000_000 && overlapEnd <= 86_400_000, 'default overlap: a day');
    await createUser(orgA, 'rotated');
    const [r] = await rx.waitFor('/rotate', (rs) => rs.length >= 1);
    const sigs = String(r!.headers['webhook-signature']).split(' ');
    assert.equal(sigs.length, 2);
    assert.ok(verifies(rotated.secret, r!), 'the new secret verifies');
    assert.ok(verifies(created.secret, r!), 'the old one too, during the overlap');
    const again = (
      await t.gql<{ rotateWebhookSecret: { secret: string; previousSecretExpiresAt: string | null } }, unknown>(
        ROTATE,
        { id: created.endpoint.id, overlap: 0 },
        orgA.key,
      )
    ).rotateWebhookSecret;
    assert.equal(again.previousSecretExpiresAt, null);
    await createUser(orgA, 'rotated-again');
    const [, r2] = await rx.waitFor('/rotate', (rs) => rs.length >= 2);
    assert.equal(String(r2!.headers['webhook-signature']).split(' ').length, 1);
    assert.ok(verifies(again.secret, r2!));
    assert.ok(!verifies(rotated.secret, r2!));
    await t.gql(DELETE, { id: created.endpoint.id }, orgA.key);
  });

  test("another organization's key can neither see nor manage an endpoint; platform endpoints are the platform's", async () => {
    const { endpoint } = await createEndpoint(orgA, '/private', ['SESSION_REVOKED']);
    const codes = async (q: string, v: unknown, key: string) => (await t.raw(q, v, key)).errors?.map((e) => [e.extensions?.code, e.extensions?.reason]);
    assert.deepEqual(await codes(LIST, { org: orgA.id }, orgB.key), [['NOT_FOUND', 'organization.notFound']]);
    assert.deepEqual(await codes(UPDATE, { id: endpoint.id, input: { enabled: false } }, orgB.key), [['NOT_FOUND', 'webhookEndpoint.notFound']]);
    assert.deepEqual(await codes(ROTATE, { id: endpoint.id }, orgB.key), [['NOT_FOUND', 'webhookEndpoint.notFound']]);
    assert.deepEqual(await codes(DELETE, { id: endpoint.id }, orgB.key), [['NOT_FOUND', 'webhookEndpoint.notFound']]);
    assert.deepEqual(await codes(DELIVERIES, { id: endpoint.id }, orgB.key), [['NOT_FOUND', 'webhookEndpoint.notFound']]);
    assert.deepEqual(await codes(CREATE, { org: orgA.id, input: { url: `${rx.url}/x` } }, orgB.key), [['NOT_FOUND', 'organization.notFound']]);
    assert.deepEqual(await codes(CREATE, { input: { url: `${rx.url}/x` } }, orgA.key), [['FORBIDDEN', 'auth.forbidden']]);
    assert.deepEqual(await codes(LIST, {}, orgA.key), [['FORBIDDEN', 'auth.forbidden']]);
    // a READ_ONLY key of the organization may not manage it either
    const ro = await t.gql<{ createApiKey: { token: string } }, unknown>(
      `mutation($org: ID!) { createApiKey(organizationId: $org, name: "ro", role: READ_ONLY) { token } }`,
      { org: orgA.id },
      orgA.key,
    );
    assert.deepEqual(await codes(UPDATE, { id: endpoint.id, input: { enabled: false } }, ro.createApiKey.token), [['FORBIDDEN', 'auth.forbidden']]);
    // the organization's own key and the platform see it
    const own = await t.gql<{ webhookEndpoints: Array<{ id: string }> }, unknown>(LIST, { org: orgA.id }, orgA.key);
    assert.ok(own.webhookEndpoints.some((w) => w.id === endpoint.id));
    assert.equal((await t.gql<{ webhookEndpoints: unknown[] }, unknown>(LIST, { org: orgB.id }, orgB.key)).webhookEndpoints.length, 0);
    await t.gql(DELETE, { id: endpoint.id }, orgA.key);
  });

  test('an organization has at most 20 webhook endpoints (each event goes to every one): the next is BAD_USER_INPUT until one is deleted', async () => {
    const own = await createOrg(t);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => t.raw(CREATE, { org: own.id, input: { url: `${rx.url}/many/${i}` } }, own.key)));
    const refused = results.filter((r) => r.errors);
    assert.equal(results.length - refused.length, 20);
    assert.deepEqual(new Set(refused.map((r) => r.errors?.[0]?.extensions?.reason)), new Set(['webhookEndpoint.tooMany']));
    const { webhookEndpoints } = await t.gql<{ webhookEndpoints: Array<{ id: string }> }, unknown>(LIST, { org: own.id }, own.key);
    assert.equal(webhookEndpoints.length, 20);
    await t.gql(DELETE, { id: webhookEndpoints[0]!.id }, own.key);
    assert.equal((await t.raw(CREATE, { org: own.id, input: { url: `${rx.url}/many/again` } }, own.key)).errors, undefined);
    for (const w of (await t.gql<{ webhookEndpoints: Array<{ id: string }> }, unknown>(LIST, { org: own.id }, own.key)).webhookEndpoints)
      await t.gql(DELETE, { id: w.id }, own.key);
  });

  test('a platform endpoint receives the events of every organization', async () => {
    const { endpoint } = await createEndpoint(null, '/platform', ['USER_CREATED']);
    assert.equal(endpoint.organizationId, null);
    const a = await createUser(orgA, 'plat-a');
    const b = await createUser(orgB, 'plat-b');
    const got = await rx.waitFor('/platform', (rs) => rs.length >= 2);
    assert.deepEqual(new Set(got.map((r) => r.json.data.subjectId)), new Set([a.id, b.id]));
    assert.deepEqual(new Set(got.map((r) => r.json.data.organizationId)), new Set([orgA.id, orgB.id]));
    const listed = await t.gql<{ webhookEndpoints: Array<{ id: string }> }, unknown>(LIST, {});
    assert.deepEqual(
      listed.webhookEndpoints.map((w) => w.id),
      [endpoint.id],
    );
    await t.gql(DELETE, { id: endpoint.id });
  });

  test('without WEBHOOK_ALLOW_INSECURE_URLS: https to public addresses only', async () => {
    const org = await createOrg(strict);
    const reason = async (url: string) =>
      (await strict.raw(CREATE, { org: org.id, input: { url, eventTypes: ['SESSION_REVOKED'] } }, org.key)).errors?.[0]?.extensions?.reason;
    assert.equal(await reason(`${rx.url}/a`), 'webhook.url.insecure');
    assert.equal(await reason('https://127.0.0.1/hook'), 'webhook.url.private');
    assert.equal(await reason('https://localhost/hook'), 'webhook.url.private');
    assert.equal(await reason('https://10.1.2.3/hook'), 'webhook.url.private');
    assert.equal(await reason('https://169.254.169.254/latest'), 'webhook.url.private');
    assert.equal(await reason('https://[::1]/hook'), 'webhook.url.private');
    assert.equal(await reason('https://[::ffff:192.168.0.1]/hook'), 'webhook.url.private');
    // IPv6 forms that carry an IPv4 address: 6to4 of 127.0.0.1, IPv4-compatible, Teredo
    assert.equal(await reason('https://[2002:7f00:1::]/hook'), 'webhook.url.private');
    assert.equal(await reason('https://[::127.0.0.1]/hook'), 'webhook.url.private');
    assert.equal(await reason('https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook'), 'webhook.url.private');
    assert.equal(await reason('https://user:pw@example.com/hook'), 'webhook.url.credentials');
    assert.equal(await reason('ftp://example.com/hook'), 'webhook.url.insecure');
    // a public https URL is accepted (its events filtered to a type that does not occur here)
    const ok = await strict.raw<Created, unknown>(
      CREATE,
      { org: org.id, input: { url: 'https://example.com/hook', eventTypes: ['SESSION_REVOKED'] } },
      org.key,
    );
    assert.equal(ok.errors, undefined);
    await strict.gql(DELETE, { id: ok.data!.createWebhookEndpoint.endpoint.id }, org.key);
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', '::1', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1'])
      assert.ok(isNonPublicAddress(a), a);
    for (const a of ['2002:a00::1', '2002::1', '::7f00:1', '64:ff9b:1::a00:1']) assert.ok(isNonPublicAddress(a), a);
    // site-local, IPv4-translated, IPv4-mapped in hex, discard-only, and the IPv4 documentation ranges
    for (const a of ['fec0::1', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '::ffff:7f00:1', '100::1', '192.0.2.1', '198.51.100.7', '203.0.113.9'])
      assert.ok(isNonPublicAddress(a), a);
    // 6to4 of a public address, and public IPv6, stay reachable
    for (const a of ['93.184.216.34', '2606:4700::1111', '8.8.8.8', '2002:808:808::1', '2001:4860:4860::8888']) assert.ok(!isNonPublicAddress(a), a);
  });

  test('DNS rebinding: a name that resolves to a public address when checked and to 127.0.0.1 when connecting is refused at connect, never reached', async () => {
    // a resolver whose answer for rebind.test changes after the first question
    const resolver = rebindingDns('rebind.test', '93.184.215.14', '127.0.0.1');
    const answers = resolver.answers;
    // what the internal address would have answered: counts the connections that reach it
    let reached = 0;
    const internal = net.createServer((socket) => {
      reached++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    try {
      const org = await createOrg(strict);
      const url = `https://rebind.test:${(internal.address() as AddressInfo).port}/hook`;
      const created = await strict.gql<Created, unknown>(CREATE, { org: org.id, input: { url, eventTypes: ['USER_CREATED'] } }, org.key);
      const id = created.createWebhookEndpoint.endpoint.id;
      await strict.gql(CREATE_USER, { org: org.id, input: { userName: 'rebind' } }, org.key);
      const d = await until('the first attempt', async () => {
        const r = await strict.gql<Deliveries, unknown>(DELIVERIES, { id }, org.key);
        return r.webhookDeliveries.nodes[0]?.attempts ? r.webhookDeliveries.nodes[0] : undefined;
      });
      assert.equal(d.status, 'PENDING', 'retried later like any failed attempt');
      assert.equal(answers[0], '93.184.215.14', 'the check before the send was answered with a public address');
      assert.equal(reached, 0, 'no connection reached 127.0.0.1');
      assert.match(d.lastError ?? '', /^refused when connecting: rebind\.test resolves to a non-public address \(WEBHOOK_ALLOW_INSECURE_URLS is off\)$/);
      await strict.gql(DELETE, { id }, org.key);
    } finally {
      resolver.restore();
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });

  test('a name the DNS does not answer for: the attempt ends after 10 s ("no answer within 10 s"), not when the resolver gives up', async () => {
    const resolver = silentDns('silent.test');
    try {
      const org = await createOrg(strict);
      const created = await strict.gql<Created, unknown>(
        CREATE,
        { org: org.id, input: { url: 'https://silent.test/hook', eventTypes: ['USER_CREATED'] } },
        org.key,
      );
      const id = created.createWebhookEndpoint.endpoint.id;
      await strict.gql(CREATE_USER, { org: org.id, input: { userName: 'silent' } }, org.key);
      const d = await until(
        'the first attempt',
        async () => {
          const r = await strict.gql<Deliveries, unknown>(DELIVERIES, { id }, org.key);
          return r.webhookDeliveries.nodes[0]?.attempts ? r.webhookDeliveries.nodes[0] : undefined;
        },
        14_000,
      );
      assert.ok(resolver.asked() >= 1);
      assert.equal(d.lastError, 'no answer within 10 s');
      assert.equal(d.status, 'PENDING');
      await strict.gql(DELETE, { id }, org.key);
    } finally {
      resolver.restore();
    }
  });

  test('two instances on one database share the queue: each event once, in order', async () => {
    const t2 = await startTestServer({ databaseUrl: t.databaseUrl, adminKey: t.adminKey, env: ENV });
    try {
      const org = await createOrg(t);
      const { endpoint } = await createEndpoint(org, '/shared', ['USER_CREATED']);
      // slow answers: both instances' workers poll while a delivery is in flight
      rx.delay = (path) => (path === '/shared' ? 150 : 0);
      const names = Array.from({ length: 12 }, (_, i) => `shared-${String(i).padStart(2, '0')}`);
      // written through both instances, one after another
      for (const [i, n] of names.entries()) await (i % 2 ? t2 : t).gql(CREATE_USER, { org: org.id, input: { userName: n } }, org.key);
      const got = await rx.waitFor('/shared', (rs) => rs.length >= names.length);
      await new Promise((r) => setTimeout(r, 700)); // a duplicate would arrive meanwhile
      assert.deepEqual(
        rx.at('/shared').map((r) => r.json.data.subjectLabel),
        names,
      );
      assert.equal(new Set(got.map((r) => r.headers['webhook-id'])).size, names.length);
      await t.gql(DELETE, { id: endpoint.id }, org.key);
    } finally {
      rx.delay = () => 0;
      await t2.stop();
    }
  });

  test('an event numbered earlier that commits later is delivered too (no sequence high-water mark)', async () => {
    const org = await createOrg(t);
    const { endpoint } = await createEndpoint(org, '/late', ['USER_UPDATED', 'USER_CREATED']);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      const early = await insertEvent(client, org.id, 'late-commit');
      await createUser(org, 'committed-first'); // numbered after `early`, committed before it
      await rx.waitFor('/late', (rs) => rs.length >= 1);
      await new Promise((r) => setTimeout(r, 700)); // the enqueuer has run since
      await client.query('commit');
      const got = await rx.waitFor('/late', (rs) => rs.length >= 2);
      assert.deepEqual(
        got.map((r) => r.json.data.subjectLabel),
        ['committed-first', 'late-commit'],
        'in commit order: the later-committed event after the earlier one was out',
      );
      assert.equal(got[1]!.json.data.sequence, early);
      assert.ok(early < got[0]!.json.data.sequence);
    } finally {
      await client.end();
    }
    await t.gql(DELETE, { id: endpoint.id }, org.key);
  });

  test('an event numbered before an endpoint was created (or enabled again) that commits after it is delivered too', async () => {
    const org = await createOrg(t);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      const early = await insertEvent(client, org.id, 'slow-at-create');
      await createUser(org, 'before-create'); // numbered after `early`, committed before the endpoint
      const { endpoint } = await createEndpoint(org, '/late-create', ['USER_UPDATED', 'USER_CREATED']);
      await client.query('commit'); // after the endpoint was created: "committed from now on"
      await createUser(org, 'after-create');
      const got = await rx.waitFor('/late-create', (rs) => rs.length >= 2);
      await new Promise((r) => setTimeout(r, 700)); // anything else would arrive meanwhile
      assert.deepEqual(
        rx
          .at('/late-create')
          .map((r) => [r.json.data.subjectLabel, r.json.data.sequence])
          .sort((a, b) => Number(a[1]) - Number(b[1])),
        [
          ['slow-at-create', early],
          ['after-create', got.find((r) => r.json.data.subjectLabel === 'after-create')!.json.data.sequence],
        ],
      );
      // disabled, then enabled again while a transaction numbered before that holds its event
      await t.gql(UPDATE, { id: endpoint.id, input: { enabled: false } }, org.key);
      await client.query('begin');
      const early2 = await insertEvent(client, org.id, 'slow-at-enable');
      await createUser(org, 'while-disabled');
      await t.gql(UPDATE, { id: endpoint.id, input: { enabled: true } }, org.key);
      await client.query('commit');
      const again = await rx.waitFor('/late-create', (rs) => rs.some((r) => r.json.data.subjectLabel === 'slow-at-enable'));
      assert.equal(again.find((r) => r.json.data.subjectLabel === 'slow-at-enable')!.json.data.sequence, early2);
      await new Promise((r) => setTimeout(r, 700));
      assert.ok(!rx.at('/late-create').some((r) => r.json.data.subjectLabel === 'while-disabled'), 'committed while disabled: not sent');
      await t.gql(DELETE, { id: endpoint.id }, org.key);
    } finally {
      await client.end();
    }
  });

  test('an idle instance does not write: the enqueuer moves its cursor only when an event was committed since', async () => {
    const idle = await startTestServer();
    try {
      const cursorAt = () =>
        withDb(idle.databaseUrl, async (db) => String((await db.query('select updated_at from webhook_cursor where id = 1')).rows[0].updated_at.toISOString()));
      await createOrg(idle); // events: the cursor moves past them
      await new Promise((r) => setTimeout(r, 1200));
      const settled = await cursorAt();
      await new Promise((r) => setTimeout(r, 1500)); // three polls
      assert.equal(await cursorAt(), settled, 'no event, no write');
      await createOrg(idle);
      await new Promise((r) => setTimeout(r, 1200));
      assert.notEqual(await cursorAt(), settled, 'an event moves the cursor');
    } finally {
      await idle.stop();
    }
  });

  test('a delivery cut off by a shutdown, and events written meanwhile, go out after a restart; the secret is sealed and resealed at start', async () => {
    const db = await createTestDatabase();
    let s1: TestServer | undefined;
    let s2: TestServer | undefined;
    try {
      const k1 = 'k1-0123456789abcdef0123456789abcdef';
      const k2 = 'k2-0123456789abcdef0123456789abcdef';
      s1 = await startTestServer({ databaseUrl: db.url, env: { ...ENV, SECRETS_KEY: k1 } });
      const org = await createOrg(s1);
      const { secret } = (
        await s1.gql<Created, unknown>(CREATE, { org: org.id, input: { url: `${rx.url}/restart`, eventTypes: ['USER_CREATED', 'USER_UPDATED'] } }, org.key)
      ).createWebhookEndpoint;
      rx.hang = (path, n) => path === '/restart' && n === 0;
      await s1.gql(CREATE_USER, { org: org.id, input: { userName: 'in-flight' } }, org.key);
      const [cut] = await rx.waitFor('/restart', (rs) => rs.length >= 1);
      await s1.stop(); // the send is aborted: not an attempt
      rx.hang = () => false;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const stored = async () => (await client.query<{ secret: string }>('select secret from webhook_endpoints')).rows[0]!.secret;
      let sealed1: string;
      try {
        await insertEvent(client, org.id, 'while-down');
        sealed1 = await stored();
        assert.match(sealed1, /^enc:v1:/, 'sealed with SECRETS_KEY');
        assert.ok(!sealed1.includes(secret.slice(6)));
      } finally {
        await client.end();
      }
      // a new first key: the start reseals the secret with it; signatures stay the same
      s2 = await startTestServer({ databaseUrl: db.url, adminKey: s1.adminKey, env: { ...ENV, SECRETS_KEY: `${k2},${k1}` } });
      const c2 = new pg.Client({ connectionString: db.url });
      await c2.connect();
      const sealed2 = (await c2.query<{ secret: string }>('select secret from webhook_endpoints')).rows[0]!.secret;
      await c2.end();
      assert.match(sealed2, /^enc:v1:/);
      assert.notEqual(sealed2.split(':')[2], sealed1.split(':')[2], 'another key id');
      const got = await rx.waitFor('/restart', (rs) => rs.length >= 3);
      assert.deepEqual(
        got.map((r) => r.json.data.subjectLabel),
        ['in-flight', 'in-flight', 'while-down'],
      );
      assert.equal(got[1]!.headers['webhook-id'], cut!.headers['webhook-id'], 'the same message again');
      assert.ok(got.every((r) => verifies(secret, r)));
      const eps = await s2.gql<{ webhookEndpoints: Array<{ id: string }> }, unknown>(LIST, { org: org.id }, org.key);
      const d = await until('SUCCEEDED', async () => {
        const r = await s2!.gql<Deliveries, unknown>(DELIVERIES, { id: eps.webhookEndpoints[0]!.id }, org.key);
        return r.webhookDeliveries.nodes.every((n) => n.status === 'SUCCEEDED') && r;
      });
      assert.deepEqual(
        d.webhookDeliveries.nodes.map((n) => n.attempts),
        [1, 1],
      );
    } finally {
      rx.hang = () => false;
      await s2?.stop();
      await db.drop();
    }
  });
});

describe('webhook configuration and retry schedule', () => {
  test('defaults: https only, 5 s doubling up to an hour, 35 attempts over more than a day', () => {
    const c = loadConfig({});
    assert.equal(c.webhookAllowInsecureUrls, false);
    assert.equal(c.webhookRetryBaseMs, 5000);
    assert.equal(c.webhookMaxAttempts, 35);
    const delays = Array.from({ length: c.webhookMaxAttempts - 1 }, (_, i) => retryDelayMs(i + 1, c.webhookRetryBaseMs));
    assert.deepEqual(delays.slice(0, 3), [5000, 10000, 20000]);
    assert.equal(Math.max(...delays), 3_600_000);
    assert.ok(delays.reduce((a, b) => a + b, 0) >= 24 * 3_600_000, 'at least a day between the first attempt and the last');
  });

  test('invalid values are refused at start', () => {
    assert.throws(() => loadConfig({ WEBHOOK_ALLOW_INSECURE_URLS: 'maybe' }), ConfigError);
    assert.throws(() => loadConfig({ WEBHOOK_RETRY_BASE_MS: '0' }), ConfigError);
    assert.throws(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: 'many' }), ConfigError);
    assert.equal(loadConfig({ WEBHOOK_ALLOW_INSECURE_URLS: 'true' }).webhookAllowInsecureUrls, true);
  });
});

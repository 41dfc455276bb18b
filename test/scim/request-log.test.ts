/**
 * The SCIM request log of an organization (`scimRequests`, issue #19): what the setup page shows while
 * it waits for the identity provider's first request, then each request with its result. Written in
 * batches about a second after the requests; trimmed to the newest 1,000 rows and 24 hours.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Em } from '../../src/core/db.js';
import { recordScimRequests, SCIM_REQUEST_LOG_MAX_ROWS } from '../../src/core/services/scim-request-log.js';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';

const LOG = `query ($org: ID!, $first: Int, $after: String) { scimRequests(organizationId: $org, first: $first, after: $after) {
  hasNextPage endCursor nodes { id credentialId method path status scimType detail identityProvider userAgent durationMs at }
} }`;
type Page = { scimRequests: { hasNextPage: boolean; endCursor: string | null; nodes: Array<Record<string, any>> } };
const OKTA_UA = 'Okta SCIM Client 1.0.0';
const user = (userName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true });

/** The `i`th entry of a test's series as the server buffers it: a GET of the organization's SCIM endpoint at `at`. */
const logged = (organizationId: string, i: number, at: Date) => ({
  organizationId,
  credentialId: null,
  method: 'GET',
  path: `/scim/v2/Users/${i}`,
  status: 200,
  scimType: null,
  detail: null,
  identityProvider: 'entra',
  userAgent: null,
  durationMs: 1,
  at,
});

describe('SCIM request log', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let scimLink: string;
  let ssoLink: string;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    const link = async (scope: string) =>
      (
        await t.gql<{ createSetupLink: { url: string } }, unknown>(
          `mutation ($org: ID!) { createSetupLink(organizationId: $org, input: { scopes: [${scope}] }) { url } }`,
          { org: org.id },
          org.key,
        )
      ).createSetupLink.url.split('#')[1]!;
    scimLink = await link('SCIM');
    ssoLink = await link('SSO');
  });
  after(() => t.stop());

  /** The log once it holds `n` entries (they are written about a second after the requests). */
  async function waitFor(n: number, key = scimLink): Promise<Page['scimRequests']> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const page = (await t.gql<Page, unknown>(LOG, { org: org.id, first: 100 }, key)).scimRequests;
      if (page.nodes.length >= n || Date.now() > deadline) return page;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('empty until the first request; then each request, newest first, with its result and the identity provider', async () => {
    assert.deepEqual((await t.gql<Page, unknown>(LOG, { org: org.id }, scimLink)).scimRequests, { hasNextPage: false, endCursor: null, nodes: [] });
    const scim = scimClient(t, org.scimToken);
    const okta = { 'user-agent': OKTA_UA };
    assert.equal((await scim.get('/Users?filter=userName%20eq%20%22ada%40corp.example%22', okta)).status, 200);
    assert.equal((await scim.post('/Users', user('ada@corp.example'), okta)).status, 201);
    const dup = await scim.post('/Users', user('ada@corp.example'), okta);
    assert.equal(dup.status, 409);
    // an unknown token names no organization: nothing is recorded for it
    assert.equal((await scimClient(t, 'idm_scim_AAAAAAAAAAAA_' + 'A'.repeat(43)).get('/Users')).status, 401);

    const page = await waitFor(3);
    assert.equal(page.nodes.length, 3);
    const [conflict, created, listed] = page.nodes;
    assert.deepEqual(
      page.nodes.map((n) => [n.method, n.path, n.status]),
      [
        ['POST', '/scim/v2/Users', 409],
        ['POST', '/scim/v2/Users', 201],
        ['GET', '/scim/v2/Users', 200],
      ],
      'newest first; the path without its query (a filter names a person)',
    );
    assert.equal(conflict!.scimType, 'uniqueness');
    assert.ok(conflict!.detail);
    assert.equal(created!.scimType, null);
    assert.equal(created!.detail, null);
    for (const n of page.nodes) {
      assert.equal(n.identityProvider, 'okta');
      assert.equal(n.userAgent, OKTA_UA);
      assert.ok(n.durationMs >= 0);
      assert.ok(Date.now() - Date.parse(n.at) < 60_000);
    }
    const tokens = await t.gql<{ credentials: Array<{ id: string; name: string }> }, unknown>(
      `query ($org: ID!) { credentials(organizationId: $org) { id name } }`,
      { org: org.id },
      org.key,
    );
    assert.equal(listed!.credentialId, tokens.credentials.find((c) => c.name === 'Okta')!.id);

    // keyset paging
    const first = (await t.gql<Page, unknown>(LOG, { org: org.id, first: 2 }, org.key)).scimRequests;
    assert.equal(first.hasNextPage, true);
    const rest = (await t.gql<Page, unknown>(LOG, { org: org.id, first: 2, after: first.endCursor }, org.key)).scimRequests;
    assert.deepEqual(
      [...first.nodes, ...rest.nodes].map((n) => n.id),
      page.nodes.map((n) => n.id),
    );
    assert.equal(rest.hasNextPage, false);
    // a cursor of another organization's list is refused
    const foreign = await t.raw(LOG, { org: other.id, after: first.endCursor }, other.key);
    assert.equal(foreign.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('who may read it: read in the organization, or a SCIM setup link; not an SSO link, not another organization', async () => {
    const ro = (
      await t.gql<{ createApiKey: { token: string } }, unknown>(
        `mutation ($org: ID!) { createApiKey(organizationId: $org, name: "dashboard", role: READ_ONLY) { token } }`,
        { org: org.id },
        org.key,
      )
    ).createApiKey.token;
    await t.gql(LOG, { org: org.id }, ro);
    assert.equal((await t.raw(LOG, { org: org.id }, ssoLink)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await t.raw(LOG, { org: org.id }, other.key)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await t.raw(LOG, { org: org.id, first: 1001 }, org.key)).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('kept to the newest 1,000 rows per organization; entries of an organization that no longer exists are dropped', async () => {
    const em = t.server.orm.em.fork() as Em;
    const now = Date.now();
    const entry = (i: number, at = new Date(now - 1000 + i)) => logged(other.id, i, at);
    const old = entry(-1, new Date(now - 25 * 3600_000));
    await recordScimRequests(em, [old]);
    await recordScimRequests(
      em,
      Array.from({ length: SCIM_REQUEST_LOG_MAX_ROWS + 5 }, (_, i) => entry(i)),
    );
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('select count(*)::int as n from scim_requests where organization_id = $1', [other.id]);
      assert.equal(rows[0].n, SCIM_REQUEST_LOG_MAX_ROWS);
    } finally {
      await db.end();
    }
    const page = (await t.gql<Page, unknown>(LOG, { org: other.id, first: 1 }, other.key)).scimRequests;
    assert.equal(page.nodes[0]!.path, `/scim/v2/Users/${SCIM_REQUEST_LOG_MAX_ROWS + 4}`);
    // an entry of an organization deleted meanwhile is dropped with it, not an error for the batch
    await recordScimRequests(em, [{ ...entry(0), organizationId: '00000000-0000-7000-8000-000000000000' }, entry(7)]);
  });

  test("trimming finds each organization's boundary once, not once per row it reads, whatever the statistics", async () => {
    const third = await createOrg(t);
    const em = t.server.orm.em.fork() as Em;
    const entry = (i: number) => logged(third.id, i, new Date());
    await recordScimRequests(
      em,
      Array.from({ length: 1500 }, (_, i) => entry(i)),
    );
    // the trimming statement as recordScimRequests sends it
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    const sent: Array<{ text: string; values: unknown[] }> = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as { text?: string; values?: unknown[] };
      if (typeof q === 'object' && q?.text && /delete from scim_requests/.test(q.text)) sent.push({ text: q.text, values: q.values ?? [] });
      return original.apply(this, a);
    };
    try {
      await recordScimRequests(
        em,
        Array.from({ length: 20 }, (_, i) => entry(2000 + i)),
      );
    } finally {
      proto.query = original;
    }
    assert.equal(sent.length, 1);
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    /** The most times any node of its plan ran (a subquery run per row shows as loops ≈ rows). */
    const maxLoops = async (settings: string[]) => {
      await db.query('begin');
      try {
        for (const s of settings) await db.query(s);
        const { rows } = await db.query(`explain (analyze, format json) ${sent[0]!.text}`, sent[0]!.values);
        let most = 0;
        const walk = (node: Record<string, unknown>) => {
          most = Math.max(most, Number(node['Actual Loops'] ?? 0));
          for (const child of (node.Plans as Array<Record<string, unknown>>) ?? []) walk(child);
        };
        walk((rows[0]['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
        return most;
      } finally {
        await db.query('rollback');
      }
    };
    try {
      for (const stats of ['as they are', 'analyzed']) {
        if (stats === 'analyzed') await db.query('analyze scim_requests');
        assert.equal(await maxLoops([]), 1, `statistics ${stats}`);
        assert.equal(await maxLoops(['set local enable_hashjoin = off', 'set local enable_mergejoin = off']), 1, `nested loops, statistics ${stats}`);
      }
    } finally {
      await db.end();
    }
  });
});

describe('SCIM request log: rate-limited requests', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer({ env: { SCIM_RATE_LIMIT: '1', SCIM_RATE_BURST: '2' } })));
  after(() => t.stop());

  test('429s are in the log, a burst of them as one entry per token and batch that counts them, so they do not push the other entries out', async () => {
    const org = await createOrg(t);
    const scim = scimClient(t, org.scimToken);
    const okta = { 'user-agent': OKTA_UA };
    const answers = await Promise.all(Array.from({ length: 40 }, () => scim.get('/Users?count=0', okta)));
    const refused = answers.filter((r) => r.status === 429).length;
    assert.ok(refused >= 30, answers.map((r) => r.status).join(','));
    const deadline = Date.now() + 10_000;
    let nodes: Array<Record<string, any>>;
    for (;;) {
      nodes = (await t.gql<Page, unknown>(LOG, { org: org.id, first: 100 }, org.key)).scimRequests.nodes;
      const counted = nodes.filter((n) => n.status === 429).reduce((sum, n) => sum + 1 + Number(/and (\d+) more/.exec(n.detail)?.[1] ?? 0), 0);
      if (counted >= refused || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const limited = nodes.filter((n) => n.status === 429);
    assert.ok(limited.length >= 1 && limited.length <= 3, `one entry per batch, not one per request: ${limited.length}`);
    assert.equal(
      limited.reduce((sum, n) => sum + 1 + Number(/and (\d+) more/.exec(n.detail)?.[1] ?? 0), 0),
      refused,
      JSON.stringify(limited.map((n) => n.detail)),
    );
    for (const n of limited) {
      assert.deepEqual([n.method, n.path, n.identityProvider], ['GET', '/scim/v2/Users', 'okta']);
      assert.match(n.detail, /^too many requests; retry after \d+ s/);
      assert.ok(n.credentialId);
    }
    assert.equal(nodes.filter((n) => n.status === 200).length, 40 - refused, 'the answered requests are there too');
  });
});

describe('SCIM request log: refused tokens of the organization', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test("a revoked or mistyped SCIM token's 401s are in its organization's log, saying why, a burst as one entry; other tokens' are nowhere", async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const issue = async (name: string) =>
      (
        await t.gql<{ createScimToken: { credential: { id: string }; token: string } }, unknown>(
          `mutation ($org: ID!, $name: String!) { createScimToken(organizationId: $org, name: $name) { credential { id } token } }`,
          { org: org.id, name },
          org.key,
        )
      ).createScimToken;
    const revoked = await issue('Okta, old');
    await t.gql(
      `mutation ($org: ID!, $id: ID!) { revokeCredential(organizationId: $org, id: $id) { id } }`,
      { org: org.id, id: revoked.credential.id },
      org.key,
    );
    const okta = { 'user-agent': OKTA_UA };
    // the token given to the IdP with its last characters lost, then the revoked one three times
    const cut = (await issue('Okta')).token.slice(0, -5);
    assert.equal((await scimClient(t, cut).get('/Users?count=1', okta)).status, 401);
    for (let i = 0; i < 3; i++) assert.equal((await scimClient(t, revoked.token).get('/Users?count=1', okta)).status, 401);
    // neither a token of no credential nor another organization's log gets an entry
    assert.equal((await scimClient(t, `idm_scim_${'x'.repeat(12)}_${'y'.repeat(43)}`).get('/Users')).status, 401);
    assert.equal((await scimClient(t, 'not-a-token').get('/Users')).status, 401);
    let nodes: Array<Record<string, any>> = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      nodes = (await t.gql<Page, unknown>(LOG, { org: org.id, first: 100 }, org.key)).scimRequests.nodes;
      if (nodes.length >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const byDetail = nodes.map((n) => [n.status, n.method, n.path, n.identityProvider, n.credentialId, n.detail]);
    assert.equal(nodes.length, 2, JSON.stringify(byDetail));
    const mistyped = nodes.find((n) => /is not that token/.test(n.detail));
    const gone = nodes.find((n) => /was revoked/.test(n.detail));
    assert.ok(mistyped && gone, JSON.stringify(byDetail));
    assert.deepEqual([mistyped.status, mistyped.path, mistyped.identityProvider], [401, '/scim/v2/Users', 'okta']);
    assert.match(mistyped.detail, /^refused: the bearer token names a SCIM token of this organization but is not that token/);
    assert.deepEqual([gone.status, gone.credentialId], [401, revoked.credential.id]);
    assert.match(
      gone.detail,
      /^refused: the bearer token is a SCIM token that was revoked; give the identity provider a new SCIM token \(and 2 more of this token until /,
    );
    assert.deepEqual((await t.gql<Page, unknown>(LOG, { org: other.id, first: 10 }, other.key)).scimRequests.nodes, []);
  });
});

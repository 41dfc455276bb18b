import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { getIntrospectionQuery } from 'graphql';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { withDb } from '../helpers/db.js';
import { STATEMENTS_PER_OPERATION } from '../../src/core/db.js';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }>;

async function post(t: TestServer, key: string, body: unknown): Promise<{ status: number; errors?: Errors; data?: unknown; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { errors?: Errors; data?: unknown };
  return { status: res.status, ...json, ms: performance.now() - started };
}

/** Runs one operation over a graphql-ws socket and returns its first result or its errors. */
function overWs(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: unknown; errors?: Errors }> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query, variables },
      {
        next: (r) => {
          stop();
          resolve(r as { data?: unknown; errors?: Errors });
        },
        error: (e) => (Array.isArray(e) ? resolve({ errors: e as Errors }) : reject(e instanceof Error ? e : new Error(JSON.stringify(e)))),
        complete: () => {},
      },
    );
  });
}

const wsClient = (t: TestServer, key: string) =>
  createClient({
    url: t.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });

const INTROSPECTION_ALIAS = '__schema { types { name fields { name args { name type { name ofType { name } } } } } }';

describe('GraphQL request bounds (issue #15 §1 and §4)', () => {
  let t: TestServer;
  let org: OrgFixture;
  let readOnly: string;
  let logs: CapturedLogs;
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'info' } });
    org = await createOrg(t);
    readOnly = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'dashboard', role: 'READ_ONLY' }, org.key)).createApiKey.token;
    for (let i = 0; i < 3; i++) await createUser(t, org, { userName: `b${i}@example.com` });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  test('aliased introspection is costed: 3,000 aliases are refused before anything runs, over HTTP and WebSocket', async () => {
    const query = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: ${INTROSPECTION_ALIAS}`).join(' ')} }`;
    assert.ok(query.length > 250_000);
    const r = await post(t, readOnly, { query });
    assert.equal(r.status, 400);
    assert.equal(r.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.ok(r.ms < 2000, `refused in ${r.ms} ms`);
    // under the root-field bound, not under the cost and field bounds: introspection counts (40
    // standard queries: ~27,000 units and 220 fields each)
    const std = getIntrospectionQuery().replace(/^\s*query IntrospectionQuery \{\s*__schema/, '');
    const body = std.slice(0, std.indexOf('fragment FullType'));
    const frags = std.slice(std.indexOf('fragment FullType'));
    const forty = await post(t, readOnly, {
      query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __schema ${body.trim().replace(/\}$/, '')}`).join(' ')} } ${frags}`,
    });
    assert.equal(forty.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX', JSON.stringify(forty.errors));
    assert.ok(['query.cost', 'query.fields'].includes(forty.errors?.[0]?.extensions?.reason as string), JSON.stringify(forty.errors));
    const ws = wsClient(t, readOnly);
    try {
      const w = await overWs(ws, query);
      assert.equal(w.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
      // the HTTP status the error asks for is the transport's business: not in the answer, on either
      assert.equal(w.errors?.[0]?.extensions?.http, undefined, JSON.stringify(w.errors));
      assert.equal(r.errors?.[0]?.extensions?.http, undefined, JSON.stringify(r.errors));
    } finally {
      await ws.dispose();
    }
  });

  test('the standard introspection query (GraphiQL, Sandbox, codegen) still passes, and one alias of it', async () => {
    const r = await post(t, readOnly, {
      query: getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    });
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const one = await post(t, readOnly, { query: `{ ${INTROSPECTION_ALIAS} }` });
    assert.equal(one.errors, undefined, JSON.stringify(one.errors));
  });

  test('root fields are bounded, and fields that do real work cost what they do (userStats, samlConnection)', async () => {
    for (const field of ['samlConnection(organizationId: $o) { configured }', 'userStats(organizationId: $o) { totalUsers }', 'viewer { kind }']) {
      // 2,000 aliases (the reported attack) have more tokens than a document may; 1,100 write more fields
      // than a document may (refused before validation); 60 are within both but over the 50 root fields
      for (const [n, reason] of [
        [2000, 'query.tokens'],
        [1100, 'query.fields'],
        [60, 'query.rootFields'],
      ] as const) {
        const many = await post(t, readOnly, {
          query: `query($o: ID!) { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`.replace(
            'query($o: ID!) { a0: viewer',
            'query { a0: viewer',
          ),
          variables: field.includes('$o') ? { o: org.id } : {},
        });
        assert.equal(many.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX', field);
        // the reported 2,000 aliases: by tokens or by fields, whichever the selection reaches first
        if (n === 2000) assert.ok(['query.tokens', 'query.fields'].includes(many.errors?.[0]?.extensions?.reason as string), field);
        else assert.equal(many.errors?.[0]?.extensions?.reason, reason, field);
      }
    }
    // the size of a document is checked before it is validated (graphql-js validates ~4 µs per field,
    // and a new document escapes every cache): an unknown field among 2,500 aliases is not reported
    const unknown = await post(t, readOnly, { query: `{ ${Array.from({ length: 2500 }, (_, i) => `a${i}: viewer { kind nope${i} }`).join(' ')} }` });
    assert.equal(unknown.errors?.[0]?.extensions?.reason, 'query.fields', JSON.stringify(unknown.errors?.[0]));
    const ws = wsClient(t, readOnly);
    try {
      const w = await overWs(ws, `{ ${Array.from({ length: 2500 }, (_, i) => `a${i}: viewer { kind nope${i} }`).join(' ')} }`);
      assert.equal(w.errors?.[0]?.extensions?.reason, 'query.fields');
    } finally {
      await ws.dispose();
    }
    // within the root-field bound: 20 counts of the whole organization are too many
    const stats = await post(t, readOnly, {
      query: `query($o: ID!) { ${Array.from({ length: 20 }, (_, i) => `a${i}: userStats(organizationId: $o) { totalUsers }`).join(' ')} }`,
      variables: { o: org.id },
    });
    assert.equal(stats.errors?.[0]?.extensions?.reason, 'query.cost');
    const two = await post(t, readOnly, {
      query: `query($o: ID!) { a: userStats(organizationId: $o) { totalUsers } b: samlConnection(organizationId: $o) { configured } }`,
      variables: { o: org.id },
    });
    assert.equal(two.errors, undefined, JSON.stringify(two.errors));
  });

  test('every selected value counts: full pages of many fields multiply (the old model counted only objects)', async () => {
    const fields =
      'id userName displayName title department active createdAt updatedAt externalId nickName profileUrl userType preferredLanguage locale timezone';
    const page = (i: number) => `p${i}: users(organizationId: $o, first: 1000) { nodes { ${fields} } }`;
    const ok = await post(t, readOnly, { query: `query($o: ID!) { ${page(0)} }`, variables: { o: org.id } });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    const r = await post(t, readOnly, { query: `query($o: ID!) { ${Array.from({ length: 20 }, (_, i) => page(i)).join(' ')} }`, variables: { o: org.id } });
    assert.equal(r.errors?.[0]?.extensions?.reason, 'query.cost', JSON.stringify(r.errors));
  });

  test('deep nesting is refused with a clear error before the parser recurses (no engine text), over HTTP and WebSocket', async () => {
    for (const query of [
      `${'{ a '.repeat(20000)}${'}'.repeat(20000)}`,
      `{ users(organizationId: ${'['.repeat(30000)}"x"${']'.repeat(30000)}) { totalCount } }`,
      '{'.repeat(100000),
    ]) {
      const r = await post(t, readOnly, { query });
      assert.equal(r.status, 400);
      assert.equal(r.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
      assert.equal(r.errors?.[0]?.extensions?.reason, 'query.nesting');
      assert.doesNotMatch(r.errors?.[0]?.message ?? '', /call stack/i);
      const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent(query.slice(0, 1200))}`, {
        headers: { authorization: `Bearer ${readOnly}`, 'apollo-require-preflight': 'true' },
      });
      const gj = (await get.json()) as { errors?: Errors };
      assert.equal(gj.errors?.[0]?.extensions?.reason, 'query.nesting');
    }
    // braces inside strings and comments are not nesting
    const quoted = await post(t, readOnly, { query: `# ${'{'.repeat(500)}\n{ viewer { kind } a: viewer { label } }` });
    assert.equal(quoted.errors, undefined, JSON.stringify(quoted.errors));
    const ws = wsClient(t, readOnly);
    try {
      const w = await overWs(ws, `${'{ a '.repeat(20000)}${'}'.repeat(20000)}`);
      assert.equal(w.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
      assert.equal(w.errors?.[0]?.extensions?.http, undefined, JSON.stringify(w.errors));
      assert.doesNotMatch(w.errors?.[0]?.message ?? '', /call stack/i);
    } finally {
      await ws.dispose();
    }
  });

  test('a document of more tokens than the parser takes is refused before it is parsed in full', async () => {
    const query = `{ viewer { ${'kind '.repeat(120_000)} } }`;
    const r = await post(t, readOnly, { query });
    assert.equal(r.status, 400);
    assert.equal(r.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.equal(r.errors?.[0]?.extensions?.reason, 'query.tokens');
    assert.match(r.errors?.[0]?.message ?? '', /20000 tokens/);
  });

  test('an automatic persisted query whose hash does not match its text is the client error BAD_REQUEST, logged below error level', async () => {
    const query = '{ viewer { kind } }';
    const wrong = createHash('sha256').update('something else').digest('hex');
    const before = logs.all().filter((l) => l.level === 'error').length;
    const r = await post(t, readOnly, { query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    assert.equal(r.status, 400);
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    assert.match(r.errors?.[0]?.message ?? '', /sha/);
    const version = await post(t, readOnly, { query, extensions: { persistedQuery: { version: 2, sha256Hash: wrong } } });
    assert.equal(version.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    assert.equal(logs.all().filter((l) => l.level === 'error').length, before, 'no error-level line');
    const right = createHash('sha256').update(query).digest('hex');
    const ok = await post(t, readOnly, { query, extensions: { persistedQuery: { version: 1, sha256Hash: right } } });
    assert.equal(ok.errors, undefined);
  });

  test('operations per WebSocket and per credential are bounded, with a clear error', async () => {
    const ws = wsClient(t, readOnly);
    const stops: Array<() => void> = [];
    try {
      const sub = `subscription($o: ID!) { events(organizationId: $o) { sequence } }`;
      const refused = await new Promise<Errors>((resolve, reject) => {
        for (let i = 0; i < 51; i++) {
          stops.push(
            ws.subscribe(
              { query: sub, variables: { o: org.id } },
              { next: () => {}, error: (e) => (Array.isArray(e) ? resolve(e as Errors) : reject(new Error(JSON.stringify(e)))), complete: () => {} },
            ),
          );
        }
      });
      assert.equal(refused[0]?.extensions?.code, 'TOO_MANY_OPERATIONS');
      assert.match(refused[0]?.message ?? '', /50/);
      // completing one makes room again on the same socket
      stops.shift()!();
      await new Promise((r) => setTimeout(r, 100));
      const again = await overWs(ws, '{ viewer { kind } }');
      assert.equal(again.errors, undefined, JSON.stringify(again.errors));
    } finally {
      for (const s of stops) s();
      await ws.dispose();
    }
    // over several sockets of one credential: at most 200 at once
    const sockets = Array.from({ length: 5 }, () => wsClient(t, readOnly));
    const held: Array<() => void> = [];
    try {
      const sub = `subscription($o: ID!) { events(organizationId: $o) { sequence } }`;
      let errors: Errors | undefined;
      const ready: Promise<void>[] = [];
      for (const s of sockets) {
        for (let i = 0; i < 41; i++) {
          ready.push(
            new Promise<void>((resolve) => {
              held.push(
                s.subscribe(
                  { query: sub, variables: { o: org.id } },
                  { next: () => {}, error: (e) => ((errors ??= e as Errors), resolve()), complete: () => resolve() },
                ),
              );
              setTimeout(resolve, 1500);
            }),
          );
        }
      }
      await Promise.all(ready);
      assert.equal(errors?.[0]?.extensions?.code, 'TOO_MANY_OPERATIONS', JSON.stringify(errors));
      assert.match(errors?.[0]?.message ?? '', /credential/);
    } finally {
      for (const h of held) h();
      for (const s of sockets) await s.dispose();
    }
  });
});

describe('GraphQL time budget and answer size (issue #15 §1)', () => {
  let setup: TestServer;
  let t: TestServer;
  let small: TestServer;
  let org: OrgFixture;
  before(async () => {
    setup = await startTestServer();
    org = await createOrg(setup);
    for (let i = 0; i < 5; i++) await createUser(setup, org, { userName: `tb${i}@example.com` });
    // a second instance on the same database whose operations have 1 ms
    t = await startTestServer({ databaseUrl: setup.databaseUrl, adminKey: setup.adminKey, env: { GRAPHQL_TIME_BUDGET_MS: '1' } });
    small = await startTestServer({ databaseUrl: setup.databaseUrl, adminKey: setup.adminKey, env: { GRAPHQL_MAX_RESPONSE_BYTES: '4096' } });
  });
  after(async () => {
    await t.stop();
    await small.stop();
    await setup.stop();
  });

  test('an operation that runs past its time budget is stopped: one error says so', async () => {
    const r = await post(t, org.key, {
      query: `query($o: ID!) { users(organizationId: $o, first: 100) { nodes { id groups { id } manager { id } } } s: userStats(organizationId: $o) { totalUsers } }`,
      variables: { o: org.id },
    });
    const budget = (r.errors ?? []).filter((e) => e.extensions?.reason === 'query.timeBudget');
    assert.equal(budget.length, 1, JSON.stringify(r.errors));
    assert.equal(budget[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(budget[0]?.message ?? '', /time budget of 1 ms/);
    const ws = wsClient(t, org.key);
    try {
      const w = await overWs(ws, `query($o: ID!) { users(organizationId: $o) { nodes { id groups { id } } } }`, { o: org.id });
      assert.equal(w.errors?.filter((e) => e.extensions?.reason === 'query.timeBudget').length, 1, JSON.stringify(w.errors));
    } finally {
      await ws.dispose();
    }
  });

  test('an answer larger than GRAPHQL_MAX_RESPONSE_BYTES is refused, over HTTP and WebSocket', async () => {
    const so = org;
    const r = await post(small, so.key, { query: getIntrospectionQuery() });
    assert.equal(r.status, 400);
    assert.equal(r.errors?.[0]?.extensions?.reason, 'query.responseSize');
    const ok = await post(small, so.key, { query: '{ viewer { kind } }' });
    assert.equal(ok.errors, undefined);
    const ws = wsClient(small, so.key);
    try {
      const w = await overWs(ws, getIntrospectionQuery());
      assert.equal(w.errors?.[0]?.extensions?.reason, 'query.responseSize');
    } finally {
      await ws.dispose();
    }
  });
});

/** `n` users of an organization written straight into the table (a large organization, quickly). */
async function seedUsers(t: TestServer, organizationId: string, n: number): Promise<void> {
  await withDb(t.databaseUrl, (db) =>
    db.query(
      `insert into users (id, organization_id, user_name, user_name_key, active, emails, email_keys, phone_numbers, addresses, role, base_role,
                          custom_attributes, provisioned_by, attribute_sources, created_at, updated_at, version)
       select gen_random_uuid(), $1, 'u' || i || '@example.com', 'u' || i || '@example.com', true, '[]', '{}', '[]', '[]', 'MEMBER', 'MEMBER',
              '{}', 'API', '{}', now(), now(), 1
         from generate_series(1, $2::int) i`,
      [organizationId, n],
    ),
  );
}

/**
 * `n` aliases of a count of every user against 150 conditions on their emails (variables `$o`, `$f`:
 * `filter`), within the cost limit but about a second of the database each over 20,000 users.
 */
function slowCounts(n: number): { filter: unknown; aliases: string } {
  return {
    filter: { or: Array.from({ length: 150 }, (_, i) => ({ emails: { value: { contains: `nowhere${i}` } } })) },
    aliases: Array.from({ length: n }, (_, i) => `a${i}: users(organizationId: $o, first: 0, filter: $f) { totalCount }`).join(' '),
  };
}

describe('one operation takes a bounded share of the database pool', () => {
  let t: TestServer;
  let a: OrgFixture;
  let b: OrgFixture;
  before(async () => {
    t = await startTestServer({ env: { GRAPHQL_TIME_BUDGET_MS: '2000' } });
    a = await createOrg(t);
    b = await createOrg(t);
    await seedUsers(t, a.id, 20_000);
  });
  after(() => t.stop());

  test(`an operation of 30 slow counts runs ${STATEMENTS_PER_OPERATION} statements at once: another organization is served meanwhile, and what waited past the time budget does not run`, async () => {
    const { filter, aliases } = slowCounts(30);
    await withDb(t.databaseUrl, async (db) => {
      let most = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const r = await db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query like '%count(*)%from users u%'`,
          );
          most = Math.max(most, r.rows[0]!.n);
          await new Promise((res) => setTimeout(res, 20));
        }
      })();
      const started = performance.now();
      const heavy = post(t, a.key, { query: `query($o: ID!, $f: UserFilter) { ${aliases} }`, variables: { o: a.id, f: filter } });
      await new Promise((res) => setTimeout(res, 500));
      // the pool (10 connections here) still serves another organization
      const light = await post(t, b.key, { query: 'query($o: ID!) { groups(organizationId: $o) { nodes { id } } }', variables: { o: b.id } });
      const r = await heavy;
      const took = performance.now() - started;
      sampling = false;
      await sampler;
      assert.equal(light.errors, undefined, JSON.stringify(light.errors));
      assert.ok(light.ms < 1_000, `another organization waited ${Math.round(light.ms)} ms`);
      assert.ok(most >= 1 && most <= STATEMENTS_PER_OPERATION, `${most} counts ran at once`);
      // those still waiting their turn when the budget ran out did not run: one error says so
      const budget = (r.errors ?? []).filter((e) => e.extensions?.reason === 'query.timeBudget');
      assert.equal(budget.length, 1, JSON.stringify(r.errors));
      assert.ok(took < 8_000, `the operation took ${Math.round(took)} ms`);
    });
  });
});

describe('a statement that waited for a pooled connection past the time budget does not run', () => {
  let t: TestServer;
  let a: OrgFixture;
  before(async () => {
    // two pooled connections, and a budget shorter than one slow count
    t = await startTestServer({ env: { GRAPHQL_TIME_BUDGET_MS: '400', DB_POOL_SIZE: '2' } });
    a = await createOrg(t);
    await seedUsers(t, a.id, 20_000);
  });
  after(() => t.stop());

  test('four slow counts on two connections: the two that got a connection after the budget ran out end with query.timeBudget', async () => {
    const { filter, aliases } = slowCounts(4);
    const r = await post(t, a.key, { query: `query($o: ID!, $f: UserFilter) { ${aliases} }`, variables: { o: a.id, f: filter } });
    const budget = (r.errors ?? []).filter((e) => e.extensions?.reason === 'query.timeBudget');
    assert.equal(budget.length, 1, `${Math.round(r.ms)} ms: ${JSON.stringify(r.errors ?? r.data)}`);
  });
});

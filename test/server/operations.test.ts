import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import pg from 'pg';
import { spawnServer, spawnServerProcess, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { CreateUserDocument, EventsDocument } from '../generated/graphql.js';
import { GraphQLError, getIntrospectionQuery, print } from 'graphql';
import { formatError } from '../../src/graphql/errors.js';
import { createLogger } from '../../src/shared/logger.js';
import { AppError } from '../../src/core/errors.js';

describe('operations endpoints and protections', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('GET /healthz and /readyz', async () => {
    const h = await fetch(`${t.url}/healthz`);
    assert.equal(h.status, 200);
    assert.deepEqual(await h.json(), { status: 'ok' });
    const r = await fetch(`${t.url}/readyz`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ready' });
  });

  test('every response carries a request id; a sane caller-supplied one is kept and lands on the events', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}`, 'x-request-id': 'trace-abc-123' },
      body: JSON.stringify({ query: print(CreateUserDocument), variables: { organizationId: org.id, input: { userName: 'traced@example.com' } } }),
    });
    assert.equal(res.headers.get('x-request-id'), 'trace-abc-123');
    // nothing on the way keeps an answer (createScimToken's carries a token) or sniffs its type
    for (const r of [res, await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${org.scimToken}` } })]) {
      assert.deepEqual([r.headers.get('cache-control'), r.headers.get('x-content-type-options')], ['no-store', 'nosniff']);
    }
    const ev = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    assert.equal(ev.events.nodes[0]?.requestId, 'trace-abc-123');
    const bad = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'has spaces <script>' } });
    assert.match(bad.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  test('too deep and too costly operations are refused before running', async () => {
    const deep = await t.raw(
      `{ viewer { kind } users(organizationId: "${org.id}") { nodes { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { manager { id } } } } } } } } } } } } } }`,
      {},
      org.key,
    );
    assert.equal(deep.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    const costly = await t.raw(
      `query($o: ID!) { users(organizationId: $o, first: 1000) { nodes { groups(first: 1000) { members(first: 1000) { nodes { id } } } } } }`,
      { o: org.id },
      org.key,
    );
    assert.equal(costly.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.equal(costly.status, 400);
    // pages read only for their totalCount still cost their size (each alias reads one)
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: users(organizationId: $o, first: 1000) { totalCount }`).join(' ');
    const counted = await t.raw(`query($o: ID!) { ${aliases} }`, { o: org.id }, org.key);
    assert.equal(counted.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    // fragments that each spread the one before twice (2^39 spreads): the limits check measures each
    // fragment once (it walked every spread: a minute at 24 levels, with the server stalled), and
    // execution visits a fragment once per selection, so the answer is just the viewer
    const frags = Array.from({ length: 40 }, (_, i) =>
      i === 0 ? 'fragment F0 on Viewer { kind label }' : `fragment F${i} on Viewer { ...F${i - 1} ...F${i - 1} }`,
    ).join(' ');
    const bomb = await t.raw<{ viewer: { kind: string } }, Record<string, never>>(`query { viewer { ...F39 } } ${frags}`, {}, org.key);
    assert.equal(bomb.errors, undefined, JSON.stringify(bomb.errors));
    assert.equal(bomb.data?.viewer.kind, 'API_KEY');
    // the same shape over pages: graphql-js collects a fragment spread twice in one selection once, so
    // this reads one page, and the cost model counts it once (it counted 2^29 pages before)
    const pageFrags = Array.from({ length: 30 }, (_, i) =>
      i === 0 ? 'fragment P0 on Query { users(organizationId: $o, first: 10) { nodes { id } } }' : `fragment P${i} on Query { ...P${i - 1} ...P${i - 1} }`,
    ).join(' ');
    const pages = await t.raw<{ users: { nodes: unknown[] } }, { o: string }>(`query($o: ID!) { ...P29 } ${pageFrags}`, { o: org.id }, org.key);
    assert.equal(pages.errors, undefined, JSON.stringify(pages.errors));
    assert.ok(Array.isArray(pages.data?.users.nodes));
    // where aliases make the copies distinct, they multiply: refused
    const aliasFrags = Array.from({ length: 8 }, (_, i) =>
      i === 0 ? 'fragment Q0 on User { id }' : `fragment Q${i} on User { manager { ...Q${i - 1} } m: manager { ...Q${i - 1} } }`,
    ).join(' ');
    const aliased = await t.raw(`query($o: ID!) { users(organizationId: $o, first: 1000) { nodes { ...Q7 } } } ${aliasFrags}`, { o: org.id }, org.key);
    assert.equal(aliased.errors?.[0]?.extensions?.reason, 'query.cost', JSON.stringify(aliased.errors));
  });

  test('the standard introspection query passes the limits (GraphiQL, Sandbox, codegen); introspection that multiplies does not', async () => {
    for (const opts of [{}, { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }]) {
      const r = await t.raw<{ __schema: { types: unknown[] } }, Record<string, never>>(getIntrospectionQuery(opts), {}, org.key);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      assert.ok((r.data?.__schema.types.length ?? 0) > 20);
    }
    // lists of the schema's lists nested four deep multiply: refused, not run (graphql-js's own
    // validation refuses `fields` within `fields` within `fields`; this one it lets through)
    const nested = await t.raw(`{ __schema { types { fields { args { type { fields { name } } } } } } }`, {}, org.key);
    assert.equal(nested.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(nested.errors?.[0]?.message ?? '', /nests 4 lists/);
    const deep = await t.raw(`{ __type(name: "User") { ${'ofType { '.repeat(20)}name${' }'.repeat(20)} } }`, {}, org.key);
    assert.equal(deep.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(deep.errors?.[0]?.message ?? '', /introspection/);
  });

  test('page sizes come from variable defaults, and an omitted first from the field default', async () => {
    const doc = `query($o: ID!, $n: Int = 20) { groups(organizationId: $o, first: $n) { nodes { members(first: $n) { nodes { id groups(first: $n) { id } } } } } }`;
    for (const variables of [{ o: org.id }, { o: org.id, n: 20 }]) {
      const r = await t.raw(doc, variables, org.key);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    }
    // an explicit value still counts: 1000 × 1000 × 1000
    const big = await t.raw(doc, { o: org.id, n: 1000 }, org.key);
    assert.equal(big.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    // (50 × 50 members: read as 1000 × 1000 it would be refused)
    const omitted = await t.raw(
      `query($o: ID!, $n: Int) { groups(organizationId: $o, first: $n) { nodes { members(first: $n) { nodes { id userName } } } } }`,
      { o: org.id },
      org.key,
    );
    assert.equal(omitted.errors, undefined, JSON.stringify(omitted.errors));
  });

  test('syntax errors and unknown fields are client errors, not 500s', async () => {
    const syntax = await t.raw('{ viewer { ', {}, org.key);
    assert.equal(syntax.status, 400);
    assert.equal(syntax.errors?.[0]?.extensions?.code, 'GRAPHQL_PARSE_FAILED');
    const unknown = await t.raw('{ nope }', {}, org.key);
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    const badVar = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: 42 } } as never, org.key);
    assert.equal(badVar.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    // a page size that is no Int is a type error, not a query too complex
    for (const f of [2 ** 31, 1.5]) {
      const notInt = await t.raw('query($o: ID!, $f: Int) { users(organizationId: $o, first: $f) { totalCount } }', { o: org.id, f }, org.key);
      assert.equal(notInt.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', String(f));
    }
    const notFound = await fetch(`${t.url}/nowhere`);
    assert.equal(notFound.status, 404);
    // a body that is not JSON never reaches Apollo: still the errors[] shape GraphQL clients parse
    const broken = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}` },
      body: '{"query": ',
    });
    assert.equal(broken.status, 400);
    const body = (await broken.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
    assert.equal(body.errors?.[0]?.extensions.code, 'BAD_REQUEST');
  });

  test('unexpected failures are rendered with a reference only; the details go to the log', () => {
    const lines: string[] = [];
    const render = formatError(createLogger('error', {}, (l) => lines.push(l)));
    const dbError = Object.assign(new Error('insert into "users" ... duplicate key value violates unique constraint'), { code: 'XX000' });
    const out = render({ message: dbError.message, path: ['createUser'] }, new GraphQLError(dbError.message, { originalError: dbError }));
    assert.equal(out.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.match(out.message, /^internal error \(reference [a-z0-9]+\)$/);
    assert.ok(!JSON.stringify(out).includes('insert into'));
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.includes('insert into') && lines[0]!.includes(String(out.extensions?.ref)));
    const core = render(
      { message: 'x' },
      new GraphQLError('x', { originalError: new AppError('CONFLICT', 'user.userName.conflict', 'taken', { field: 'userName' }) }),
    );
    assert.deepEqual(core.extensions, { code: 'CONFLICT', reason: 'user.userName.conflict', field: 'userName' });
  });
});

describe('graceful shutdown', () => {
  let t: TestServer;
  let proc: Awaited<ReturnType<typeof spawnServerProcess>> | undefined;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await proc?.stop();
    await t.stop();
  });

  test('SIGTERM lets an in-flight request finish, then the process exits 0', async () => {
    proc = await spawnServerProcess(t.databaseUrl, t.adminKey);
    const body = JSON.stringify({ query: '{ viewer { kind } }' });
    const url = new URL(`${proc.url}/graphql`);
    const response = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${t.adminKey}` },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10)); // the request is now in flight
      setTimeout(() => {
        exitCode = proc!.stop(); // sends SIGTERM while the request is still being received
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    let exitCode!: Promise<number | null>;
    const res = await response;
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { data: { viewer: { kind: 'PLATFORM' } } });
    // the connection is closed after this answer: it says so, or a load balancer keeping it alive
    // sends its next request on it and gets a reset (a 502 for a POST it does not retry)
    assert.equal(res.connection, 'close');
    assert.equal(await exitCode, 0);
  });

  test('SHUTDOWN_GRACE_SECONDS above 10: an in-flight request may take that long (it was cut at 10 s)', async () => {
    const org = await createOrg(t);
    const lock = new pg.Client({ connectionString: t.databaseUrl });
    await lock.connect();
    let p: ServerProcess | undefined;
    try {
      // (a time budget longer than the wait, so that the request is answered in full)
      p = await spawnServer({ DATABASE_URL: t.databaseUrl, ADMIN_API_KEY: t.adminKey, SHUTDOWN_GRACE_SECONDS: '30', GRAPHQL_TIME_BUDGET_MS: '60000' });
      await lock.query('begin');
      await lock.query('lock table users in access exclusive mode');
      const answer = fetch(`${p.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
        body: JSON.stringify({ query: `{ users(organizationId: "${org.id}") { totalCount } }` }),
      }).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        (err: Error) => ({ status: 0, body: String(err.cause ?? err) }),
      );
      for (let i = 0; i < 200; i++) {
        const r = await lock.query(`select count(*)::int as n from pg_locks where relation = 'users'::regclass and not granted`);
        if (r.rows[0].n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const exited = new Promise<number | null>((resolve) => p!.child.once('exit', (code) => resolve(code)));
      p.child.kill('SIGTERM');
      // the request is still waiting 12 s after the signal, well inside the 30 s grace period
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      await lock.query('rollback');
      const res = await answer;
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(JSON.parse(res.body), { data: { users: { totalCount: 0 } } });
      assert.equal(await exited, 0);
    } finally {
      if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await lock.query('rollback').catch(() => {});
      await lock.end();
    }
  });

  test('a shutdown does not wait for database work beyond SHUTDOWN_GRACE_SECONDS + 5 s; a second signal (not the first delivered twice) ends it at once (exit 1)', async () => {
    const org = await createOrg(t);
    const lock = new pg.Client({ connectionString: t.databaseUrl });
    await lock.connect();
    const procs: ServerProcess[] = [];
    try {
      await lock.query('begin');
      await lock.query('lock table users in access exclusive mode');
      // (the bound only keeps a failure from hanging the run; the process is expected to exit at 6 s)
      const exitOf = (p: ServerProcess) =>
        new Promise<number | null | string>((resolve) => {
          if (p.child.exitCode !== null) return resolve(p.child.exitCode);
          p.child.once('exit', (code) => resolve(code));
          setTimeout(() => resolve('still running after 60 s'), 60000).unref();
        });
      const blocked = (p: ServerProcess) =>
        fetch(`${p.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
          body: JSON.stringify({ query: `{ users(organizationId: "${org.id}") { totalCount } }` }),
        }).catch(() => undefined);
      const waitForLockWaiter = async () => {
        for (let i = 0; i < 200; i++) {
          const r = await lock.query(`select count(*)::int as n from pg_locks where relation = 'users'::regclass and not granted`);
          if (r.rows[0].n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('the request never waited for the lock');
      };
      // one signal: the request's connection is cut at the grace period, its statement still
      // waits for the lock, and the process gives up on it 5 s later
      const a = await spawnServer({ DATABASE_URL: t.databaseUrl, ADMIN_API_KEY: t.adminKey, SHUTDOWN_GRACE_SECONDS: '1' });
      procs.push(a);
      void blocked(a);
      await waitForLockWaiter();
      a.child.kill('SIGTERM');
      assert.equal(await exitOf(a), 1);
      assert.match(a.output(), /"msg":"shutdown forced"[^\n]*still busy 6 s after SIGTERM/);
      // a second signal, with a long grace period
      const b = await spawnServer({ DATABASE_URL: t.databaseUrl, ADMIN_API_KEY: t.adminKey, SHUTDOWN_GRACE_SECONDS: '600' });
      procs.push(b);
      void blocked(b);
      await waitForLockWaiter();
      b.child.kill('SIGTERM');
      // the same signal delivered twice at once (a process group, a forwarding parent) is one
      b.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(b.child.exitCode, null, 'still draining');
      b.child.kill('SIGINT');
      assert.equal(await exitOf(b), 1);
      assert.match(b.output(), /"msg":"shutdown forced"[^\n]*second SIGINT/);
    } finally {
      for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await lock.query('rollback').catch(() => {});
      await lock.end();
    }
  });
});

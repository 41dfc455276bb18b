/**
 * A database that goes away or does not answer: requests get a retryable answer (SCIM 503 with
 * Retry-After, GraphQL TRY_AGAIN `database.unavailable` with HTTP 503), never a 500, and /readyz
 * stays 200 while the pool is merely exhausted (a busy instance is not an unready one; the database
 * down or hung is test/server/database-outage.background.test.ts). The outage is made real: the
 * backend serving a request is terminated while it waits for a lock (what a database restart does
 * to it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp } from '../helpers/saml-sp.js';
import { scimClient } from '../helpers/scim-client.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { Browser } from '../helpers/oidc-browser.js';

describe('database outage', () => {
  let t: TestServer;
  let org: OrgFixture;
  let lock: pg.Client;
  let logs: CapturedLogs;
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { DB_POOL_SIZE: '2', LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    lock = new pg.Client({ connectionString: t.databaseUrl });
    await lock.connect();
  });
  after(async () => {
    await lock.query('rollback').catch(() => {});
    await lock.end();
    await t.stop();
    logs.restore();
  });

  /**
   * Backends of this database waiting for the users table's lock (the test databases are clones of one
   * template, so the table has the same oid in each: without the database, a backend of another test
   * file running at the same time was terminated).
   */
  async function waiters(n: number, table = 'users', answer?: Promise<unknown>): Promise<number[]> {
    // an answer that comes before any backend waits did not read the table: say what it was
    let answered: unknown;
    void answer?.then(
      (v) => (answered = v ?? 'an answer'),
      (e: unknown) => (answered = e),
    );
    for (let i = 0; i < 200; i++) {
      if (answered !== undefined) {
        const what =
          answered instanceof Response
            ? `${answered.status} ${await answered.clone().text()}`
            : answered instanceof Error
              ? answered.message
              : JSON.stringify(answered);
        throw new Error(`the request was answered without waiting for ${table}: ${what.slice(0, 300)}`);
      }
      // pg_stat_activity is read once per transaction and this one is open (the lock's): read it afresh,
      // or a backend the server connected after the first read is not in it
      await lock.query('select pg_stat_clear_snapshot()');
      const r = await lock.query<{ pid: number }>(
        // client backends only: an autovacuum worker waiting for the table (busy tables in a full run)
        // is not the request, and terminating it instead left the request waiting for the lock for good
        `select l.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.relation = $1::regclass and not l.granted and l.database = (select oid from pg_database where datname = current_database())
            and a.backend_type = 'client backend'`,
        [table],
      );
      if (r.rows.length >= n) return r.rows.map((x) => x.pid);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const activity = await lock.query<{ state: string; wait: string | null; query: string }>(
      `select state, wait_event_type || ':' || wait_event as wait, left(query, 120) as query from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    throw new Error(`no request waited for the lock of ${table} within 10 s; the database's other sessions: ${JSON.stringify(activity.rows)}`);
  }

  /** Runs `request` while the users table (or `table`) is locked, terminates the backend serving it, and returns its answer. */
  async function cutOff<T>(request: () => Promise<T>, table = 'users'): Promise<T> {
    await lock.query('begin');
    await lock.query(`lock table ${table} in access exclusive mode`);
    try {
      const answer = request();
      for (const pid of await waiters(1, table, answer)) await lock.query('select pg_terminate_backend($1)', [pid]);
      // an answer that waits for the lock again would wait for this rollback for good: fail instead
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer 20 s after the backend waiting for ${table} was terminated`)), 20_000);
      });
      try {
        return await Promise.race([answer, late]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await lock.query('rollback');
      await recovered();
    }
  }

  /**
   * Waits until requests are served from the database again. The pool learns that the terminated
   * backend's connection is gone from its socket, which may come a moment after the failed request
   * was answered; a request sent in between fails at once with 503 (the retry the answer asks for)
   * instead of waiting for the next cut-off's lock. Two answers in a row: the pool has two connections.
   */
  async function recovered(): Promise<void> {
    let ok = 0;
    for (let i = 0; i < 40 && ok < 2; i++) {
      const r = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}` },
        body: JSON.stringify({ query: `{ users(organizationId: "${org.id}", first: 1) { totalCount } }` }),
      });
      await r.arrayBuffer();
      if (r.status === 200) ok++;
      else {
        ok = 0;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    assert.equal(ok, 2, 'the server serves requests again within 2 s of a cut-off');
  }

  test('SCIM: 503 with Retry-After and a SCIM error body', async () => {
    const scim = scimClient(t, org.scimToken);
    assert.equal((await scim.get('/Users?count=1')).status, 200, 'the token is known (authenticated from the cache below)');
    const r = await cutOff(() => scim.get(`/Users?filter=${encodeURIComponent('userName eq "a@example.com"')}`));
    assert.equal(r.status, 503, JSON.stringify(r.body));
    assert.equal(r.headers.get('retry-after'), '5');
    assert.deepEqual([r.body.status, r.body.schemas], ['503', ['urn:ietf:params:scim:api:messages:2.0:Error']]);
    assert.match(r.body.detail, /database is unavailable/);
    // the server recovers: requests are served again once the pool has dropped the terminated
    // connection (node-postgres learns of it from the socket, which may come a moment after the
    // failed query was answered: a request in between is a 503 the client retries, as told)
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await scim.get('/Users?count=1')).status;
      if (status !== 200) {
        assert.equal(status, 503, 'an outage answer, never another error');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    assert.equal(status, 200, 'served again within 2 s');
  });

  test('GraphQL over HTTP: 503 with Retry-After, code TRY_AGAIN, reason database.unavailable', async () => {
    const r = await cutOff(() =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}` },
        body: JSON.stringify({ query: `{ users(organizationId: "${org.id}") { totalCount } }` }),
      }),
    );
    const body = (await r.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    assert.equal(r.status, 503, JSON.stringify(body));
    assert.equal(r.headers.get('retry-after'), '5');
    assert.deepEqual([body.errors[0]!.extensions.code, body.errors[0]!.extensions.reason], ['TRY_AGAIN', 'database.unavailable']);
    // the warning names the request, as the response's X-Request-Id does
    assert.ok(
      logs.of(r.headers.get('x-request-id')!).some((l) => l.msg === 'database unavailable' && l.level === 'warn'),
      'a warn line with the request id',
    );
  });

  test('OpenID Connect: sign-in pages answer a 503 page with Retry-After (not JSON, not "Sign-in expired"), the token endpoint temporarily_unavailable', async () => {
    const c = (
      await t.gql<any, any>(`mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`, {
        input: { name: 'Host', redirectUris: ['http://127.0.0.1:9/cb'] },
      })
    ).createOidcClient;
    // a browser signed in here (SAML), whose session the interaction reads to answer without the IdP
    const idp = new TestIdp();
    const sp = await connectIdp(t, org, idp);
    await createUser(t, org, { userName: 'ada@acme.example' });
    const browser = new Browser();
    await browser.signIn(`${t.url}/saml/${org.slug}/login?returnTo=%2Fsigned-in`, { idp, sp, nameId: 'ada@acme.example', redirectUri: `${t.url}/signed-in` });
    assert.ok(browser.cookies.get('idm_session'), 'signed in');
    const auth = await browser.request(
      `${t.url}/oidc/auth?${new URLSearchParams({
        client_id: c.clientId,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: 'http://127.0.0.1:9/cb',
        state: 'st',
        organization: org.slug,
      })}`,
    );
    const interaction = auth.location!;
    assert.match(interaction, /\/oidc\/interaction\//, `${auth.status} ${auth.text.slice(0, 200)}`);
    // the interaction's own read, the organization's lookup, then the browser's session
    for (const table of ['oidc_payloads', 'organizations', 'sessions']) {
      const r = await cutOff(() => fetch(interaction, { headers: { cookie: browser.cookieHeader() }, redirect: 'manual' }), table);
      const text = await r.text();
      assert.equal(r.status, 503, `${table}: ${r.status} ${text.slice(0, 300)}`);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/, `${table}: a page for the person's browser`);
      assert.match(text, /Sign-in is unavailable at the moment/);
      assert.ok(text.includes(r.headers.get('x-request-id')!), 'the reference on the page is the request id');
    }
    // the back channel: OAuth's temporarily_unavailable, retryable, instead of server_error
    const token = await cutOff(
      () =>
        fetch(`${t.url}/oidc/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
          },
          body: 'grant_type=refresh_token&refresh_token=some-refresh-token',
        }),
      'oidc_payloads',
    );
    const body = (await token.json()) as Record<string, string>;
    assert.deepEqual([token.status, body.error], [503, 'temporarily_unavailable'], JSON.stringify(body));
    assert.equal(token.headers.get('retry-after'), '5');
  });

  test('OpenID Connect back channel: JSON temporarily_unavailable also when the signing keys cannot be read (a first request for an origin)', async () => {
    // without PUBLIC_URL the issuer follows the request's origin: a Host not seen yet makes the provider read its keys first
    const url = new URL(`${t.url}/oidc/token`);
    const body = 'grant_type=refresh_token&refresh_token=x';
    const post = () =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { host: 'another-origin.example', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const r = await cutOff(post, 'oidc_signing_keys');
    assert.equal(r.status, 503, r.text.slice(0, 300));
    assert.equal(r.headers['retry-after'], '5');
    assert.match(r.headers['content-type'] ?? '', /^application\/json/, r.text.slice(0, 300));
    assert.equal((JSON.parse(r.text) as { error: string }).error, 'temporarily_unavailable');
  });

  test('SAML: a 503 page with Retry-After while the organization or its connection cannot be read, not a 403', async () => {
    for (const [path, table] of [
      ['metadata', 'organizations'],
      ['login', 'organizations'],
      ['login', 'saml_connections'],
    ] as const) {
      const r = await cutOff(() => fetch(`${t.url}/saml/${org.slug}/${path}`, { redirect: 'manual' }), table);
      const text = await r.text();
      assert.equal(r.status, 503, `${path} (${table}): ${r.status} ${text.slice(0, 300)}`);
      assert.equal(r.headers.get('retry-after'), '5', `${path} (${table})`);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(text, /unavailable at the moment/);
    }
  });

  test('/readyz stays 200 while every pooled connection is busy serving requests (busy is not unready)', async () => {
    await lock.query('begin');
    await lock.query('lock table users in access exclusive mode');
    try {
      const scim = scimClient(t, org.scimToken);
      const blocked = [scim.get('/Users?count=1'), scim.get('/Users?count=2')];
      await waiters(2);
      // the pool (DB_POOL_SIZE=2) has no connection left: the database still answers, so the
      // instance is ready; a 503 here took every instance of a busy service out of the balancer at once
      const ready = await fetch(`${t.url}/readyz`, { signal: AbortSignal.timeout(30000) });
      assert.deepEqual([ready.status, await ready.json()], [200, { status: 'ready' }]);
      await lock.query('rollback');
      for (const r of await Promise.all(blocked)) assert.equal(r.status, 200);
      assert.equal((await fetch(`${t.url}/readyz`)).status, 200);
    } finally {
      await lock.query('rollback').catch(() => {});
    }
  });
});

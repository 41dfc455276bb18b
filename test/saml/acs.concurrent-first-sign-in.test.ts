/**
 * Two first sign-ins of the same new person at the same moment (two browser tabs, two IdP
 * responses, two server instances behind one PUBLIC_URL): both create the user at first login
 * (docs/PROVISIONING.md §5), and the one whose insert loses the race on the userName key must not
 * answer 409. It runs again, finds the user the other created and signs in as it: both sign-ins
 * succeed, with one user and one USER_CREATED event.
 *
 * The race window is a few milliseconds of one transaction, so the first test makes it certain: it
 * holds `LOCK TABLE users IN SHARE MODE` (reads go on, inserts wait) until both sign-ins have found
 * no user and wait to insert one; released, one insert wins and the other meets the unique key (before
 * the fix: a 409 page). The second sends several people's pairs at once without the lock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { spawnServer, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { bindingHeader, connectIdp, postAcs, sessionOf, startLogin, to } from '../helpers/saml-sp.js';
import { EventsDocument, UsersDocument } from '../generated/graphql.js';

const PUBLIC_URL = 'https://id.example.test';
const PEOPLE = 8;

describe('concurrent first SAML sign-ins of the same new user', () => {
  let a: TestServer;
  let b: ServerProcess;
  const idp = new TestIdp();
  before(async () => {
    a = await startTestServer({ env: { PUBLIC_URL } });
    b = await spawnServer({ DATABASE_URL: a.databaseUrl, ADMIN_API_KEY: a.adminKey, PUBLIC_URL, SAML_RATE_LIMIT: '0' });
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** Both sign-ins, one on each instance, for the same new person: the two ACS results. */
  async function pair(org: Awaited<ReturnType<typeof createOrg>>, sp: Awaited<ReturnType<typeof connectIdp>>, nameId: string) {
    const logins = [await startLogin(a.url, org.slug, '/one'), await startLogin(b.url, org.slug, '/two')];
    const responses = logins.map((l) => idp.response(to(sp, { inResponseTo: l.requestId, nameId })));
    return () =>
      Promise.all([
        postAcs(a.url, org.slug, responses[0]!, undefined, bindingHeader(logins[0]!)),
        postAcs(b.url, org.slug, responses[1]!, undefined, bindingHeader(logins[1]!)),
      ]);
  }

  test('both insert at the same moment (held at the users table until both wait): both sign in as the one user created', async () => {
    const org = await createOrg(a);
    const sp = await connectIdp(a, org, idp);
    const go = await pair(org, sp, 'held@race.example');
    const db = new pg.Client({ connectionString: a.databaseUrl });
    await db.connect();
    let results: Awaited<ReturnType<typeof go>>;
    try {
      await db.query('begin');
      await db.query('lock table users in share mode');
      const posted = go();
      // both transactions have looked for the user, found none, and wait to insert it
      const deadline = Date.now() + 20_000;
      for (;;) {
        const r = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'users' and not l.granted`,
        );
        if (r.rows[0]!.n >= 2) break;
        if (Date.now() > deadline) throw new Error(`the two sign-ins did not both reach the insert (${r.rows[0]!.n} waiting)`);
        await new Promise((res) => setTimeout(res, 20));
      }
      await db.query('commit');
      results = await posted;
    } finally {
      await db.end();
    }
    for (const r of results) assert.equal(r.status, 303, `${r.status} ${r.text.slice(0, 300)}`);
    const sessions = await Promise.all(results.map((r) => sessionOf(a.url, r.sessionCookie!)));
    assert.equal(sessions[0]!.body.user.id, sessions[1]!.body.user.id, 'both sessions are of the same user');
    const users = await a.gql(UsersDocument, { organizationId: org.id, first: 10 }, org.key);
    assert.deepEqual(
      users.users.nodes.map((u) => u.userName),
      ['held@race.example'],
    );
    const created = (await a.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED'] }, first: 10 }, org.key)).events.nodes;
    assert.equal(created.length, 1, 'one USER_CREATED');
    const signedIn = (await a.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_SIGNED_IN'] }, first: 10 }, org.key)).events.nodes;
    assert.deepEqual(
      signedIn.map((e) => (e.data as { firstLogin: boolean }).firstLogin).sort(),
      [false, true],
      'one first login, one sign-in of the user it created',
    );
  });

  test('two valid responses for the same new NameID posted at once to two instances: both sign in, one user, one USER_CREATED', async () => {
    const org = await createOrg(a);
    const sp = await connectIdp(a, org, idp);
    const people = Array.from({ length: PEOPLE }, (_, i) => `new${i}@race.example`);
    const pairs = await Promise.all(
      people.map(async (nameId) => {
        // two logins (two tabs), each answered by its own signed response
        const logins = [await startLogin(a.url, org.slug, '/one'), await startLogin(b.url, org.slug, '/two')];
        const responses = logins.map((l) => idp.response(to(sp, { inResponseTo: l.requestId, nameId })));
        return { nameId, logins, responses };
      }),
    );
    const results = await Promise.all(
      pairs.map(({ logins, responses }) =>
        Promise.all([
          postAcs(a.url, org.slug, responses[0]!, undefined, bindingHeader(logins[0]!)),
          postAcs(b.url, org.slug, responses[1]!, undefined, bindingHeader(logins[1]!)),
        ]),
      ),
    );
    for (const [i, pair] of results.entries()) {
      for (const r of pair) assert.equal(r.status, 303, `${people[i]}: ${r.status} ${r.text.slice(0, 300)}`);
      assert.deepEqual(
        pair.map((r) => r.location),
        ['/one', '/two'],
      );
      const sessions = await Promise.all(pair.map((r) => sessionOf(a.url, r.sessionCookie!)));
      for (const s of sessions) assert.equal(s.status, 200);
      assert.equal(sessions[0]!.body.user.id, sessions[1]!.body.user.id, 'both sessions are of the same user');
    }
    const users = await a.gql(UsersDocument, { organizationId: org.id, first: 100 }, org.key);
    assert.deepEqual(users.users.nodes.map((u) => u.userName).sort(), [...people].sort(), 'one user per person');
    const created = (await a.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED'] }, first: 100 }, org.key)).events.nodes;
    assert.equal(created.length, PEOPLE, 'one USER_CREATED per person');
    const signedIn = (await a.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_SIGNED_IN'] }, first: 100 }, org.key)).events.nodes;
    assert.equal(signedIn.length, 2 * PEOPLE, 'two sign-ins per person');
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { CreateUserDocument, EventsDocument, UsersDocument } from '../generated/graphql.js';

describe('concurrency', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('20 parallel creations of the same userName (differently cased) yield exactly one user and one event', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: i % 2 ? 'Race@Example.com' : 'race@example.com' } }, org.scimToken),
      ),
    );
    const ok = results.filter((r) => r.data?.createUser);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    assert.equal(ok.length, 1);
    assert.equal(conflicts.length, 19);
    const users = await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { eq: 'RACE@example.com' } } }, org.key);
    assert.equal(users.users.totalCount, 1);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED'] } }, org.key);
    assert.equal(ev.events.nodes.length, 1);
    assert.equal(ev.events.nodes[0]?.actorType, 'SCIM_TOKEN');
  });
});

describe('concurrent creates share statements (core/write-batcher.ts)', () => {
  let t: TestServer;
  let a: OrgFixture;
  let b: OrgFixture;
  let db: pg.Client;
  before(async () => {
    t = await startTestServer();
    a = await createOrg(t);
    b = await createOrg(t);
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await t?.stop();
  });

  const scimPost = (org: OrgFixture, userName: string) =>
    fetch(`${t.url}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'G', familyName: userName } }),
    });

  test('40 creates at once in two organizations, by SCIM and by API key: each user once with its own event, actor and request id', async () => {
    const n = 10;
    const scim = [a, b].flatMap((org) => Array.from({ length: n }, (_, i) => ({ org, userName: `scim${i}@${org.id}.example` })));
    const api = [a, b].flatMap((org) => Array.from({ length: n }, (_, i) => ({ org, userName: `api${i}@${org.id}.example` })));
    const [scimAnswers, apiAnswers] = await Promise.all([
      Promise.all(scim.map((c) => scimPost(c.org, c.userName))),
      Promise.all(api.map((c) => t.raw(CreateUserDocument, { organizationId: c.org.id, input: { userName: c.userName } }, c.org.key))),
      // the same userName twice in one organization at the same moment: one is created, the other is a conflict
      Promise.all([scimPost(a, 'twice@example.com'), scimPost(a, 'TWICE@example.com')]).then(async (r) => {
        assert.deepEqual(r.map((x) => x.status).sort(), [201, 409]);
      }),
    ]);
    assert.deepEqual(
      scimAnswers.map((r) => r.status),
      scim.map(() => 201),
    );
    for (const r of apiAnswers) assert.equal(r.errors, undefined);
    const expected = new Map<string, { org: string; actorType: string; requestId: string | null }>();
    scim.forEach((c, i) => expected.set(c.userName, { org: c.org.id, actorType: 'SCIM_TOKEN', requestId: scimAnswers[i]!.headers.get('x-request-id') }));
    api.forEach((c, i) => expected.set(c.userName, { org: c.org.id, actorType: 'API_KEY', requestId: apiAnswers[i]!.requestId }));
    const events = await db.query<{ organization_id: string; actor_type: string; request_id: string; subject_label: string; user_org: string | null }>(
      `select e.organization_id, e.actor_type, e.request_id, e.subject_label, u.organization_id as user_org
         from events e left join users u on u.id = e.subject_id where e.type = 'USER_CREATED' and e.organization_id in ($1, $2)`,
      [a.id, b.id],
    );
    assert.equal(events.rows.length, expected.size + 1, 'one USER_CREATED per created user');
    for (const e of events.rows) {
      if (e.subject_label.toLowerCase() === 'twice@example.com') continue;
      const want = expected.get(e.subject_label);
      assert.ok(want, e.subject_label);
      assert.equal(e.organization_id, want.org);
      assert.equal(e.user_org, want.org);
      assert.equal(e.actor_type, want.actorType);
      assert.ok(want.requestId);
      assert.equal(e.request_id, want.requestId);
    }
    // and they shared statements: rows written by one statement share its transaction id
    const transactions = await db.query<{ n: string }>(`select count(distinct xmin::text) as n from users where organization_id in ($1, $2)`, [a.id, b.id]);
    assert.ok(Number(transactions.rows[0]!.n) < expected.size, `${transactions.rows[0]!.n} transactions for ${expected.size + 1} creates`);
  });
});

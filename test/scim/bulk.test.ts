import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { isScimError, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { EventsDocument } from '../generated/graphql.js';
import { someoneWaitsForALock, withDb } from '../helpers/db.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM: Bulk', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('bulkId references let a group created in the same request include users created before it', async () => {
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER], userName: 'bulk1@example.com' } },
        { method: 'POST', path: '/Users', bulkId: 'u2', data: { schemas: [USER], userName: 'bulk2@example.com' } },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: { schemas: [GROUP], displayName: 'Bulk team', members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2' }] },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:u2',
          data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] },
        },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['201', '201', '201', '200'],
    );
    assert.match(r.body.Operations[0].location, /\/scim\/v2\/Users\/[0-9a-f-]{36}$/);
    assert.equal(r.body.Operations[0].version, 'W/"1"');
    const g = await scim.get(r.body.Operations[2].location.replace(/^.*\/scim\/v2/, ''));
    assert.equal(g.body.members.length, 2);
    assert.equal((await scim.get(`/Users?${q('title eq "Lead"')}`)).body.totalResults, 1);
  });

  test("forward references: an operation naming a bulkId listed further down runs after it; results keep the client's order", async () => {
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'fg',
          data: { schemas: [GROUP], displayName: 'Forward team', members: [{ value: 'bulkId:fu1' }, { value: 'bulkId:fu2' }] },
        },
        { method: 'PATCH', path: '/Users/bulkId:fu2', data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Forward lead' }] } },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'fu1',
          data: { schemas: [USER, ENTERPRISE], userName: 'fwd1@example.com', [ENTERPRISE]: { manager: { value: 'bulkId:fu2' } } },
        },
        { method: 'POST', path: '/Users', bulkId: 'fu2', data: { schemas: [USER], userName: 'fwd2@example.com' } },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.Operations.map((o: { method: string; bulkId?: string; status: string }) => [o.method, o.bulkId ?? null, o.status]),
      [
        ['POST', 'fg', '201'],
        ['PATCH', null, '200'],
        ['POST', 'fu1', '201'],
        ['POST', 'fu2', '201'],
      ],
      JSON.stringify(r.body),
    );
    const idOf = (i: number) => r.body.Operations[i].location.replace(/^.*\//, '');
    const group = await scim.get(`/Groups/${idOf(0)}`);
    assert.deepEqual(group.body.members.map((m: { value: string }) => m.value).sort(), [idOf(2), idOf(3)].sort());
    const fu1 = await scim.get(`/Users/${idOf(2)}`);
    assert.equal(fu1.body[ENTERPRISE].manager.value, idOf(3));
    assert.equal((await scim.get(`/Users/${idOf(3)}`)).body.title, 'Forward lead');
    assert.equal(r.body.Operations[1].location, `${r.body.Operations[3].location}`);
  });

  test('a circular reference fails with 409 at its first unresolved reference; a reference to a failed operation is 409 too, naming why', async () => {
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'ca',
          data: { schemas: [USER, ENTERPRISE], userName: 'circa@example.com', [ENTERPRISE]: { manager: { value: 'bulkId:cb' } } },
        },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'cb',
          data: { schemas: [USER, ENTERPRISE], userName: 'circb@example.com', [ENTERPRISE]: { manager: { value: 'bulkId:ca' } } },
        },
        { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER], userName: '' } },
        { method: 'POST', path: '/Groups', bulkId: 'cg', data: { schemas: [GROUP], displayName: 'Refers to a failure', members: [{ value: 'bulkId:bad' }] } },
        { method: 'POST', path: '/Users', bulkId: 'cc', data: { schemas: [USER], userName: 'circc@example.com' } },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['409', '409', '400', '409', '201'],
      JSON.stringify(r.body),
    );
    assert.match(r.body.Operations[0].response.detail, /bulkId "cb" names no operation of this request that ran before this one/);
    assert.match(r.body.Operations[1].response.detail, /bulkId "ca" names an operation of this request that failed/);
    assert.match(r.body.Operations[3].response.detail, /bulkId "bad" names an operation of this request that failed/);
    for (const name of ['circa', 'circb']) assert.equal((await scim.get(`/Users?${q(`userName eq "${name}@example.com"`)}`)).body.totalResults, 0);
    assert.equal((await scim.get(`/Groups?${q('displayName eq "Refers to a failure"')}`)).body.totalResults, 0);
  });

  test('without failOnErrors, a failed operation does not undo the others', async () => {
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'kept@example.com' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'kept@example.com' } },
        { method: 'DELETE', path: '/Users/01900000-0000-7000-8000-000000000000' },
      ],
    });
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['201', '409', '404'],
    );
    assert.equal(r.body.Operations[1].response.scimType, 'uniqueness');
    assert.equal((await scim.get(`/Users?${q('userName eq "kept@example.com"')}`)).body.totalResults, 1);
  });

  test('concurrent Bulk requests touching the same users in opposite orders all succeed (they run one at a time)', async () => {
    const made = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: Array.from({ length: 10 }, (_, i) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `c${i}`,
        data: { schemas: [USER], userName: `crossing${i}@example.com` },
      })),
    });
    const ids = made.body.Operations.map((o: { location: string }) => o.location.replace(/^.*\//, ''));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, k) => {
        const order = k % 2 ? [...ids].reverse() : ids;
        return scim.post('/Bulk', {
          schemas: [BULK],
          Operations: order.map((id: string) => ({
            method: 'PATCH',
            path: `/Users/${id}`,
            data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: `T${k}` }] },
          })),
        });
      }),
    );
    const statuses = results.flatMap((r) => r.body.Operations.map((o: { status: string }) => o.status));
    assert.deepEqual(
      [...new Set(statuses)],
      ['200'],
      JSON.stringify(results.map((r) => r.body.Operations.filter((o: { status: string }) => o.status !== '200'))).slice(0, 500),
    );
  });

  test('a bulkId used twice: the second operation is 400 and does nothing; references name the first', async () => {
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER], userName: 'dup1@example.com' } },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER], userName: 'dup2@example.com' } },
        { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: 'Dup refs', members: [{ value: 'bulkId:dup' }] } },
      ],
    });
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['201', '400', '201'],
    );
    assert.equal(r.body.Operations[1].response.scimType, 'invalidValue');
    assert.equal((await scim.get(`/Users?${q('userName eq "dup2@example.com"')}`)).body.totalResults, 0);
    const group = await scim.get(r.body.Operations[2].location.replace(/^.*\/scim\/v2/, ''));
    assert.deepEqual(
      group.body.members.map((m: { display: string }) => m.display),
      ['dup1@example.com'],
    );
  });

  test('reaching failOnErrors rolls the whole request back: nothing it did stays, no event is published', async () => {
    const before = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'x1', data: { schemas: [USER], userName: 'rolled1@example.com' } },
        { method: 'POST', path: '/Groups', bulkId: 'x2', data: { schemas: [GROUP], displayName: 'Rolled', members: [{ value: 'bulkId:x1' }] } },
        { method: 'POST', path: '/Users', bulkId: 'x3', data: { schemas: [USER] } },
        { method: 'POST', path: '/Users', bulkId: 'x4', data: { schemas: [USER], userName: 'never-reached@example.com' } },
      ],
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['424', '424', '400'],
    );
    assert.equal((await scim.get(`/Users?${q('userName sw "rolled"')}`)).body.totalResults, 0);
    assert.equal((await scim.get(`/Groups?${q('displayName eq "Rolled"')}`)).body.totalResults, 0);
    const after = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    assert.equal(after.events.nodes[0]?.sequence, before.events.nodes[0]?.sequence);
  });

  test('an operation PostgreSQL aborts to break a deadlock runs the whole request again, and it succeeds', async () => {
    const made = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'deadlock-a@example.com' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'deadlock-b@example.com' } },
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP], displayName: 'Deadlock 1' } },
        { method: 'POST', path: '/Groups', bulkId: 'g2', data: { schemas: [GROUP], displayName: 'Deadlock 2' } },
      ],
    });
    const [a, b, g1, g2] = made.body.Operations.map((o: { location: string }) => o.location.replace(/^.*\//, ''));
    const add = (user: string) => ({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: user }] }] });
    const before = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    const r = await withDb(t.databaseUrl, async (db) => {
      await db.query('begin');
      await db.query('select id from groups where id = $1 for update', [g2]);
      // the first operation takes the organization's membership lock (shared) and keeps it, as part
      // of the request's transaction; the second waits for the group row this session holds
      const request = scim.post('/Bulk', {
        schemas: [BULK],
        Operations: [
          { method: 'PATCH', path: `/Groups/${g1}`, data: add(a) },
          { method: 'PATCH', path: `/Groups/${g2}`, data: add(b) },
        ],
      });
      assert.ok(await someoneWaitsForALock(db), 'the second operation waits for the group row');
      // this session now waits for the membership lock: a deadlock, which PostgreSQL breaks after
      // deadlock_timeout (1 s) by aborting the second operation (its wait began first). Rolling back
      // only that operation would not help: this session would still wait for the first one's lock.
      await db.query('select pg_advisory_xact_lock(group_members_lock_key($1))', [org.id]);
      await db.query('commit');
      return request;
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.Operations.map((o: { status: string }) => o.status),
      ['204', '204'],
      JSON.stringify(r.body),
    );
    assert.deepEqual(
      (await scim.get(`/Groups/${g1}`)).body.members.map((m: { value: string }) => m.value),
      [a],
    );
    assert.deepEqual(
      (await scim.get(`/Groups/${g2}`)).body.members.map((m: { value: string }) => m.value),
      [b],
    );
    // the aborted run published nothing: one event per membership added
    const after = await t.gql(
      EventsDocument,
      { organizationId: org.id, filter: { afterSequence: before.events.nodes[0]!.sequence }, order: 'ASC', first: 10 },
      org.key,
    );
    assert.deepEqual(
      after.events.nodes.map((e) => [e.type, e.objectId]),
      [
        ['MEMBERSHIP_ADDED', a],
        ['MEMBERSHIP_ADDED', b],
      ],
    );
  });

  test('malformed and oversize Bulk requests', async () => {
    assert.ok(isScimError(await scim.post('/Bulk', { Operations: [] }), 400, 'invalidSyntax'));
    const get = await scim.post('/Bulk', { schemas: [BULK], Operations: [{ method: 'GET', path: '/Users' }] });
    assert.equal(get.body.Operations[0].status, '400', 'GET is not a bulk method');
    const tooMany = { schemas: [BULK], Operations: Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` })) };
    assert.ok(isScimError(await scim.post('/Bulk', tooMany), 413));
    const huge = {
      schemas: [BULK],
      Operations: [{ method: 'POST', path: '/Users', bulkId: 'h', data: { schemas: [USER], userName: 'h@example.com', title: 'x'.repeat(5 * 1024 * 1024) } }],
    };
    assert.ok(isScimError(await scim.post('/Bulk', huge), 413));
    const unresolved = await scim.post('/Bulk', { schemas: [BULK], Operations: [{ method: 'PATCH', path: '/Users/bulkId:nope', data: {} }] });
    assert.equal(unresolved.body.Operations[0].status, '409');
  });
});

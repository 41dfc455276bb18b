// Group push as Okta and Entra ID send it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { EventsDocument } from '../generated/graphql.js';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('SCIM: groups', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let scim: ScimClient;
  const users: string[] = [];
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    scim = scimClient(t, org.scimToken);
    for (let i = 0; i < 5; i++) users.push((await scim.post('/Users', { schemas: [USER], userName: `g${i}@example.com`, displayName: `G ${i}` })).body.id);
  });
  after(() => t.stop());

  test('Okta: push, rename, add and remove members, delete', async () => {
    const c = await scim.post('/Groups', fixture('okta/create-group'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.id;
    assert.deepEqual(c.body.members, []);
    assert.equal(c.headers.get('location'), `${t.url}/scim/v2/Groups/${id}`);
    const renamed = await scim.patch(`/Groups/${id}`, fixture('okta/rename-group', { groupId: id }));
    assert.equal(renamed.status, 204, JSON.stringify(renamed.body));
    assert.equal((await scim.get(`/Groups/${id}`)).body.displayName, 'Test SCIMv2 renamed');
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('okta/add-members', { userId: users[0]! }))).status, 204);
    const withMember = await scim.get(`/Groups/${id}`);
    assert.deepEqual(withMember.body.members, [{ value: users[0], $ref: `${t.url}/scim/v2/Users/${users[0]}`, display: 'G 0', type: 'User' }]);
    // re-adding an existing member does not duplicate it
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('okta/add-members', { userId: users[0]! }))).status, 204);
    assert.equal((await scim.get(`/Groups/${id}`)).body.members.length, 1);
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('okta/remove-member', { userId: users[0]! }))).status, 204);
    assert.deepEqual((await scim.get(`/Groups/${id}`)).body.members, []);
    assert.equal((await scim.delete(`/Groups/${id}`)).status, 204);
    assert.equal((await scim.get(`/Groups/${id}`)).status, 404);
  });

  test('Entra: create with its extra schema URN, find by displayName excluding members, add and remove with value arrays', async () => {
    const c = await scim.post('/Groups', fixture('entra/create-group'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.id;
    const found = await scim.get(`/Groups?excludedAttributes=members&${q('displayName eq "displayName"')}`);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].members, undefined);
    assert.equal(found.body.Resources[0].externalId, '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159');
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('entra/add-member', { userId: users[1]! }))).status, 204);
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('entra/add-member', { userId: users[2]! }))).status, 204);
    assert.equal((await scim.patch(`/Groups/${id}`, fixture('entra/remove-member', { userId: users[1]! }))).status, 204);
    const g = await scim.get(`/Groups/${id}`);
    assert.deepEqual(
      g.body.members.map((m: { value: string }) => m.value),
      [users[2]],
    );
  });

  test('linking to an existing group the way Okta enhanced group push does: POST conflicts, find by displayName, then PATCH', async () => {
    const existing = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Sales' });
    const dup = await scim.post('/Groups', { schemas: [GROUP], displayName: 'SALES', members: [{ value: users[0] }] });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.scimType, 'uniqueness');
    const found = await scim.get(`/Groups?${q('displayName eq "sales"')}`);
    assert.equal(found.body.Resources[0].id, existing.body.id);
    assert.equal((await scim.patch(`/Groups/${existing.body.id}`, PATCH({ op: 'add', path: 'members', value: [{ value: users[0] }] }))).status, 204);
    assert.equal((await scim.get(`/Groups/${existing.body.id}`)).body.members.length, 1);
  });

  test('replace members with [] empties the group; PUT replaces name and members', async () => {
    const c = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Replace me', members: users.slice(0, 3).map((value) => ({ value })) });
    assert.equal(c.body.members.length, 3);
    assert.equal((await scim.patch(`/Groups/${c.body.id}`, PATCH({ op: 'replace', path: 'members', value: [] }))).status, 204);
    assert.deepEqual((await scim.get(`/Groups/${c.body.id}`)).body.members, []);
    const put = await scim.put(`/Groups/${c.body.id}`, { schemas: [GROUP], id: c.body.id, displayName: 'Replaced', members: [{ value: users[4] }], meta: {} });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.displayName, 'Replaced');
    assert.deepEqual(
      put.body.members.map((m: { value: string }) => m.value),
      [users[4]],
    );
  });

  test('one membership per user: a member sent twice or added again is one member; removing a non-member changes nothing; remove then add applies in order', async () => {
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Once', members: [{ value: users[0] }] });
    const members = async () => ((await scim.get(`/Groups/${g.body.id}`)).body.members as Array<{ value: string }>).map((m) => m.value).sort();
    const add = PATCH({ op: 'add', path: 'members', value: [{ value: users[0] }, { value: users[1] }, { value: users[1] }] });
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, add)).status, 204);
    assert.deepEqual(await members(), [users[0]!, users[1]!].sort());
    // Entra's remove with a value array, naming a user who is not a member
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, fixture('entra/remove-member', { userId: users[2]! }))).status, 204);
    assert.deepEqual(await members(), [users[0]!, users[1]!].sort());
    // RFC 7644 §3.5.2.2: remove all members, then add new ones, in one request
    const replace = PATCH({ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [{ value: users[3] }] });
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, replace)).status, 204);
    assert.deepEqual(await members(), [users[3]]);
  });

  test('member ids from another organization (or unknown) are rejected and change nothing', async () => {
    const foreign = await scimClient(t, other.scimToken).post('/Users', { schemas: [USER], userName: 'foreign@example.com' });
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Guarded', members: [{ value: users[0] }] });
    for (const bad of [foreign.body.id, '01900000-0000-7000-8000-000000000000']) {
      const r = await scim.patch(`/Groups/${g.body.id}`, PATCH({ op: 'add', path: 'members', value: [{ value: users[1] }, { value: bad }] }));
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.scimType, 'invalidValue');
    }
    const created = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Never', members: [{ value: foreign.body.id }] });
    assert.equal(created.status, 400);
    assert.equal((await scim.get(`/Groups?${q('displayName eq "Never"')}`)).body.totalResults, 0);
    assert.deepEqual(
      (await scim.get(`/Groups/${g.body.id}`)).body.members.map((m: { value: string }) => m.value),
      [users[0]],
    );
  });

  test('a PATCH with several operations is atomic: a failing one undoes the earlier ones', async () => {
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Atomic' });
    const r = await scim.patch(
      `/Groups/${g.body.id}`,
      PATCH(
        { op: 'replace', value: { displayName: 'Atomic 2' } },
        { op: 'add', path: 'members', value: [{ value: users[0] }] },
        { op: 'add', path: 'members', value: [{ value: 'not-an-id' }] },
      ),
    );
    assert.equal(r.status, 400);
    const after = await scim.get(`/Groups/${g.body.id}`);
    assert.equal(after.body.displayName, 'Atomic');
    assert.deepEqual(after.body.members, []);
  });

  test("attributes naming members, or a user's groups, by the fully qualified URN return them (RFC 7644 §3.10), as the short name does", async () => {
    const u = (await scim.post('/Users', { schemas: [USER], userName: 'qualified@example.com', displayName: 'Q' })).body.id;
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Qualified', members: [{ value: u }] });
    const member = [{ value: u, $ref: `${t.url}/scim/v2/Users/${u}`, display: 'Q', type: 'User' }];
    for (const attributes of ['members', `${GROUP}:members`, `${GROUP.toUpperCase()}:members`, `${GROUP}:members.value`]) {
      const one = await scim.get(`/Groups/${g.body.id}?attributes=${encodeURIComponent(attributes)}`);
      assert.equal(one.status, 200, JSON.stringify(one.body));
      const expected = attributes.endsWith('.value') ? [{ value: u }] : member;
      assert.deepEqual(one.body.members, expected, attributes);
      const listed = await scim.get(`/Groups?${q('displayName eq "Qualified"')}&attributes=${encodeURIComponent(attributes)}`);
      assert.deepEqual(listed.body.Resources[0].members, expected, attributes);
    }
    const group = [{ value: g.body.id, $ref: `${t.url}/scim/v2/Groups/${g.body.id}`, display: 'Qualified', type: 'direct' }];
    for (const attributes of ['groups', `${USER}:groups`, `${USER}:groups.display`]) {
      const expected = attributes.endsWith('.display') ? [{ display: 'Qualified' }] : group;
      assert.deepEqual((await scim.get(`/Users/${u}?attributes=${encodeURIComponent(attributes)}`)).body.groups, expected, attributes);
      const listed = await scim.get(`/Users?${q(`id eq "${u}"`)}&attributes=${encodeURIComponent(attributes)}`);
      assert.deepEqual(listed.body.Resources[0].groups, expected, attributes);
    }
  });

  test('membership changes are events with the SCIM token as actor', async () => {
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Evented', members: [{ value: users[3] }] });
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: g.body.id } }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => [e.type, e.objectId, e.actorType]),
      [
        ['GROUP_CREATED', null, 'SCIM_TOKEN'],
        ['MEMBERSHIP_ADDED', users[3], 'SCIM_TOKEN'],
      ],
    );
  });
});

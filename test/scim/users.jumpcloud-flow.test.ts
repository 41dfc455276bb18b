// JumpCloud's Custom SCIM Identity Management, replayed from the request shapes in
// test/fixtures/jumpcloud (each citing its source): Test Connection, create, update by PUT and by
// PATCH, deactivate, group push with Entra-style member removal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { q, scimClient, type ScimClient } from '../helpers/scim-client.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('SCIM: JumpCloud user and group lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('Test Connection: a test user and a test group are created, then deleted (DELETE is supported)', async () => {
    const u = await scim.post('/Users', { schemas: [CORE], userName: 'jc-test-user@acme.example', active: true });
    assert.equal(u.status, 201, JSON.stringify(u.body));
    const g = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'JumpCloud Test Group' });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    assert.equal((await scim.delete(`/Groups/${g.body.id}`)).status, 204);
    assert.equal((await scim.delete(`/Users/${u.body.id}`)).status, 204);
    assert.equal((await scim.get(`/Users?${q('userName eq "jc-test-user@acme.example"')}`)).body.totalResults, 0);
  });

  let id = '';
  test('create, update by PUT, update by PATCH (one replace per attribute), deactivate', async () => {
    const c = await scim.post('/Users', fixture('jumpcloud/create-user'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    id = c.body.id;
    assert.equal(c.body.name.givenName, 'Barbara');
    assert.equal(c.body[ENT].department, 'Research');
    const put = await scim.put(`/Users/${id}`, fixture('jumpcloud/update-user-put'));
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.title, 'Institute Professor');
    assert.equal(put.body.name.familyName, 'Liskov-Turing');
    const patch = await scim.patch(`/Users/${id}`, fixture('jumpcloud/update-user-patch'));
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assert.equal(patch.body.name.givenName, 'Babs');
    assert.equal(patch.body.name.familyName, 'Liskov-Turing', 'the other name parts stay');
    assert.equal(patch.body.title, 'Emerita');
    const off = await scim.patch(`/Users/${id}`, fixture('jumpcloud/deactivate-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
  });

  test('group push: created with its members, a member added, one removed with the member as the value (no filter)', async () => {
    const other = await scim.post('/Users', { schemas: [CORE], userName: 'jc-other@acme.example' });
    const g = await scim.post('/Groups', fixture('jumpcloud/create-group', { userId: id }));
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const members = async () => ((await scim.get(`/Groups/${g.body.id}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();
    assert.deepEqual(await members(), [id]);
    const added = await scim.patch(`/Groups/${g.body.id}`, fixture('jumpcloud/add-member', { userId: other.body.id }));
    assert.ok(added.status === 200 || added.status === 204, JSON.stringify(added.body));
    assert.deepEqual(await members(), [id, other.body.id].sort());
    const removed = await scim.patch(`/Groups/${g.body.id}`, fixture('jumpcloud/remove-member', { userId: id }));
    assert.ok(removed.status === 200 || removed.status === 204, JSON.stringify(removed.body));
    assert.deepEqual(await members(), [other.body.id], 'only the member named in the value is removed');
  });
});

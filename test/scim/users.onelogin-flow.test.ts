// OneLogin's provisioning ("SCIM Provisioner with SAML (SCIM v2 Enterprise)"), replayed from its
// recorded and documented request shapes (test/fixtures/onelogin, each citing its source).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { q, scimClient, type ScimClient } from '../helpers/scim-client.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('SCIM: OneLogin user and group lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  let id = '';
  test('lookup by userName (with the trailing "&" OneLogin appends), create from the rendered template with its short schema URNs, empty parameters left unset', async () => {
    const userName = 'onelogin-test-user01@acme.example';
    const pre = await scim.get(`/Users?${q(`userName eq "${userName}"`)}&`);
    assert.equal(pre.status, 200, JSON.stringify(pre.body));
    assert.equal(pre.body.totalResults, 0);
    const c = await scim.post('/Users', fixture('onelogin/create-user'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    id = c.body.id;
    assert.equal(c.body.userName, userName);
    assert.equal(c.body.name.givenName, 'AAA Test');
    assert.equal(c.body.title, 'Engineer');
    assert.equal(c.body[ENT].department, 'Engineering');
    assert.equal(c.body[ENT].manager, undefined, 'an empty manager parameter sets no manager');
    assert.equal(c.body.userType, undefined, 'an empty parameter sets nothing');
    assert.deepEqual(c.body.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User', ENT], 'answered with the RFC URNs');
    const found = await scim.get(`/Users?${q(`userName eq "${userName}"`)}&`);
    assert.equal(found.body.Resources[0].id, id);
  });

  test('update by PUT of the whole template; a PATCH that replaces emails with one object', async () => {
    const put = await scim.put(`/Users/${id}`, fixture('onelogin/update-user-put'));
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.title, 'Senior Engineer');
    assert.equal(put.body.name.familyName, 'User 01');
    assert.equal(put.body[ENT].department, 'Platform');
    const patch = await scim.patch(`/Users/${id}`, fixture('onelogin/update-user-patch'));
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assert.deepEqual(patch.body.emails, [{ value: 'aaa.test@acme.example', type: 'work', primary: true }]);
  });

  test("a create whose emails is one object (OneLogin's documented template) stores that address", async () => {
    const c = await scim.post('/Users', fixture('onelogin/create-user-emails-object'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.deepEqual(c.body.emails, [{ value: 'onelogin-test-user02@acme.example', type: 'work', primary: true }]);
  });

  test('deactivate (Suspend)', async () => {
    const off = await scim.patch(`/Users/${id}`, fixture('onelogin/deactivate-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
  });

  test('group push: create, add a member, remove it', async () => {
    const g = await scim.post('/Groups', fixture('onelogin/create-group'));
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const added = await scim.patch(`/Groups/${g.body.id}`, fixture('onelogin/add-member', { userId: id }));
    assert.ok(added.status === 200 || added.status === 204, JSON.stringify(added.body));
    const members = async () => ((await scim.get(`/Groups/${g.body.id}`)).body.members ?? []).map((m: { value: string }) => m.value);
    assert.deepEqual(await members(), [id]);
    const removed = await scim.patch(`/Groups/${g.body.id}`, fixture('onelogin/remove-member', { userId: id }));
    assert.ok(removed.status === 200 || removed.status === 204, JSON.stringify(removed.body));
    assert.deepEqual(await members(), []);
  });
});

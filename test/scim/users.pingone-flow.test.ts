// PingOne's SCIM Outbound provisioning (and PingFederate's SCIM provisioner), replayed from the
// request shapes in test/fixtures/pingone (each citing its source): lookup filters, create, update
// by PUT and by PATCH, deactivate (Remove Action: Disable), group push in merge and overwrite mode.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { q, scimClient, type ScimClient } from '../helpers/scim-client.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('SCIM: PingOne user and group lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  const vars = { userName: 'frances.allen@acme.example', email: 'frances.allen@acme.example' };
  const filters = () => (fixture('pingone/lookup-filters', vars).filters as string[]).map((f) => `/Users?${q(f)}`);

  let id = '';
  test('the lookup filters (username Eq, emails eq, userName eq) find nobody before the create and the user after it', async () => {
    for (const f of filters()) {
      const r = await scim.get(f);
      assert.equal(r.status, 200, `${f}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.totalResults, 0);
    }
    const c = await scim.post('/Users', fixture('pingone/create-user'));
    assert.equal(c.status, 201, JSON.stringify(c.body));
    id = c.body.id;
    assert.equal(c.body.name.formatted, 'Frances Allen');
    assert.equal(c.body[ENT].department, 'Compilers');
    for (const f of filters()) {
      const r = await scim.get(f);
      assert.deepEqual(
        r.body.Resources.map((u: { id: string }) => u.id),
        [id],
        f,
      );
    }
  });

  test('update by PUT (patch updates off), by PATCH (the default), deactivate (Remove Action: Disable)', async () => {
    const put = await scim.put(`/Users/${id}`, fixture('pingone/update-user-put'));
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.title, 'IBM Fellow');
    assert.equal(put.body[ENT].department, 'Research');
    assert.equal(put.body.phoneNumbers, undefined, 'PUT replaces: phone numbers left out are cleared');
    const patch = await scim.patch(`/Users/${id}`, fixture('pingone/update-user-patch'));
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assert.equal(patch.body.title, 'Turing Laureate');
    assert.equal(patch.body[ENT].department, 'Compilers');
    const off = await scim.patch(`/Users/${id}`, fixture('pingone/deactivate-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
  });

  test('group push: create, add (merge), overwrite the members (replace), remove with the member as the value', async () => {
    const other = await scim.post('/Users', { schemas: [CORE], userName: 'ping-other@acme.example' });
    const g = await scim.post('/Groups', fixture('pingone/create-group'));
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const members = async () => ((await scim.get(`/Groups/${g.body.id}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();
    const ok = (r: { status: number; body: unknown }) => assert.ok(r.status === 200 || r.status === 204, JSON.stringify(r.body));
    ok(await scim.patch(`/Groups/${g.body.id}`, fixture('pingone/add-member', { userId: id })));
    assert.deepEqual(await members(), [id]);
    ok(await scim.patch(`/Groups/${g.body.id}`, fixture('pingone/replace-members', { userId: other.body.id })));
    assert.deepEqual(await members(), [other.body.id], 'replace overwrites the members');
    ok(await scim.patch(`/Groups/${g.body.id}`, fixture('pingone/remove-member', { userId: other.body.id })));
    assert.deepEqual(await members(), []);
  });
});

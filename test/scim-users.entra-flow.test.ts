// Microsoft Entra ID's provisioning sequence, replayed from its documented request shapes and quirks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.js';
import { createOrg, type OrgFixture } from './helpers/fixtures.js';
import { fixture } from './helpers/fixture.js';
import { PATCH, q, scimClient, type ScimClient } from './helpers/scim-client.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('SCIM: Entra ID user lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('filter by externalId, create (with Entra extras such as roles: []), update, disable with string booleans', async () => {
    const body = fixture('entra/create-user');
    const pre = await scim.get(`/Users?${q(`externalId eq "${body.externalId}"`)}`);
    assert.equal(pre.status, 200);
    assert.equal(pre.body.totalResults, 0);
    const c = await scim.post('/Users', body);
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.id as string;
    const byExt = await scim.get(`/Users?${q(`externalId eq "${body.externalId}"`)}`);
    assert.equal(byExt.body.Resources[0].id, id);
    const byExtWrongCase = await scim.get(`/Users?${q(`externalId eq "${String(body.externalId).toUpperCase()}"`)}`);
    assert.equal(byExtWrongCase.body.totalResults, 0, 'externalId is case-exact');

    const upd = await scim.patch(`/Users/${id}`, fixture('entra/update-user'));
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    assert.equal(upd.body.name.familyName, 'updatedFamilyName');
    assert.deepEqual(upd.body.emails, [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);

    const off = await scim.patch(`/Users/${id}`, fixture('entra/disable-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
    const on = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: 'active', value: 'True' }));
    assert.equal(on.body.active, true);
  });

  test('manager by bare id string, by object, and removal; Add on a filtered path creates the element', async () => {
    const boss = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'boss@example.com', displayName: 'The Boss' });
    const u = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'report@example.com' });
    const id = u.body.id;
    const set = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', path: `${ENT}:manager`, value: boss.body.id }));
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body[ENT].manager.value, boss.body.id);
    assert.equal(set.body[ENT].manager.displayName, 'The Boss');
    const removed = await scim.patch(`/Users/${id}`, PATCH({ op: 'Remove', path: `${ENT}:manager` }));
    assert.equal(removed.body[ENT]?.manager, undefined);
    const obj = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: { value: boss.body.id } }));
    assert.equal(obj.body[ENT].manager.value, boss.body.id);
    const addr = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Seattle' }));
    assert.equal(addr.status, 200, JSON.stringify(addr.body));
    assert.deepEqual(addr.body.addresses, [{ type: 'work', primary: false, locality: 'Seattle' }]);
    const dept = await scim.patch(`/Users/${id}`, PATCH({ op: 'Add', value: { [`${ENT}:department`]: 'Finance', 'name.givenName': 'Rita' } }));
    assert.equal(dept.body[ENT].department, 'Finance');
    assert.equal(dept.body.name.givenName, 'Rita');
    const foreignManager = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: `${ENT}:manager`, value: '01900000-0000-7000-8000-000000000000' }));
    assert.equal(foreignManager.status, 400);
    assert.equal(foreignManager.body.scimType, 'invalidValue');
  });
});

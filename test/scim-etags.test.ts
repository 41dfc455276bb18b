import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.js';
import { createOrg, type OrgFixture } from './helpers/fixtures.js';
import { PATCH, scimClient, type ScimClient } from './helpers/scim-client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('SCIM: ETags and preconditions', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('weak ETags follow the version; If-None-Match answers 304; If-Match guards PUT, PATCH and DELETE', async () => {
    const c = await scim.post('/Users', { schemas: [USER], userName: 'etag@example.com' });
    const id = c.body.id;
    assert.equal(c.headers.get('etag'), 'W/"1"');
    assert.equal(c.body.meta.version, 'W/"1"');
    assert.equal((await scim.get(`/Users/${id}`, { 'if-none-match': 'W/"1"' })).status, 304);
    assert.equal((await scim.get(`/Users/${id}`, { 'if-none-match': 'W/"7"' })).status, 200);
    const stale = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': 'W/"9"' });
    assert.equal(stale.status, 412);
    assert.equal((await scim.get(`/Users/${id}`)).body.title, undefined, 'nothing changed');
    const ok = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': 'W/"1"' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('etag'), 'W/"2"');
    const put = await scim.put(`/Users/${id}`, { schemas: [USER], userName: 'etag@example.com', title: 'y' }, { 'if-match': 'W/"1"' });
    assert.equal(put.status, 412);
    assert.equal((await scim.put(`/Users/${id}`, { schemas: [USER], userName: 'etag@example.com', title: 'y' }, { 'if-match': '*' })).status, 200);
    assert.equal((await scim.delete(`/Users/${id}`, { 'if-match': 'W/"1"' })).status, 412);
    assert.equal((await scim.delete(`/Users/${id}`, { 'if-match': 'W/"3"' })).status, 204);
  });

  test('group ETags grow with membership changes', async () => {
    const u = await scim.post('/Users', { schemas: [USER], userName: 'member@example.com' });
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Versioned' });
    assert.equal(g.headers.get('etag'), 'W/"1"');
    const p = await scim.patch(`/Groups/${g.body.id}`, PATCH({ op: 'add', path: 'members', value: [{ value: u.body.id }] }), { 'if-match': 'W/"1"' });
    assert.equal(p.status, 204);
    assert.equal(p.headers.get('etag'), 'W/"2"');
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, PATCH({ op: 'remove', path: 'members' }), { 'if-match': 'W/"1"' })).status, 412);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';

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

  test('without If-Match, concurrent PATCHes of one user all apply (none is 412); with the same If-Match exactly one wins', async () => {
    const id = (await scim.post('/Users', { schemas: [USER], userName: 'busy@example.com' })).body.id;
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const replaces = [
      { op: 'replace', path: 'displayName', value: 'Busy Person' },
      { op: 'replace', path: 'title', value: 'Engineer' },
      { op: 'replace', path: 'nickName', value: 'Busy' },
      { op: 'replace', path: 'userType', value: 'Employee' },
      { op: 'replace', path: 'name.givenName', value: 'Busy' },
      { op: 'replace', path: 'name.familyName', value: 'Person' },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'R&D' },
      { op: 'replace', path: 'locale', value: 'en-US' },
    ];
    const emails = Array.from({ length: 16 }, (_, i) => ({ op: 'add', path: 'emails', value: [{ value: `busy${i}@example.com`, type: `t${i}` }] }));
    const actives = Array.from({ length: 8 }, (_, i) => ({ op: 'replace', value: { active: i % 2 ? 'True' : 'False' } }));
    const all = await Promise.all([...replaces, ...emails, ...actives].map((op) => scim.patch(`/Users/${id}`, PATCH(op))));
    assert.deepEqual(
      all.map((r) => r.status),
      all.map(() => 200),
      JSON.stringify(all.find((r) => r.status !== 200)?.body),
    );
    const u = (await scim.get(`/Users/${id}`)).body;
    assert.equal(u.displayName, 'Busy Person');
    assert.equal(u.title, 'Engineer');
    assert.equal(u.nickName, 'Busy');
    assert.equal(u.userType, 'Employee');
    assert.deepEqual([u.name.givenName, u.name.familyName], ['Busy', 'Person']);
    assert.equal(u[ENTERPRISE].department, 'R&D');
    assert.equal(u.locale, 'en-US');
    assert.equal(u.emails.length, 16, 'every added email is kept');

    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: `t${i}` }), { 'if-match': u.meta.version })),
    );
    assert.deepEqual(racers.map((r) => r.status).sort(), [200, 412, 412, 412, 412, 412]);
  });
});

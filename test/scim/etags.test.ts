import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { isScimError, PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';

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

  test('an If-Match naming a version no resource can have (past 32 bits) is 412 on every method, like any other stale version', async () => {
    const u = (await scim.post('/Users', { schemas: [USER], userName: 'farfuture@example.com' })).body.id;
    const g = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Far future' })).body.id;
    for (const version of ['W/"2147483648"', 'W/"9999999999"', '"4294967296"']) {
      const h = { 'if-match': version };
      const answers = [
        await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'active', value: false }), h),
        await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'title', value: 'x' }), h),
        await scim.put(`/Users/${u}`, { schemas: [USER], userName: 'farfuture@example.com', title: 'y' }, h),
        await scim.delete(`/Users/${u}`, h),
        await scim.patch(`/Groups/${g}`, PATCH({ op: 'replace', path: 'displayName', value: 'Nearer' }), h),
        await scim.put(`/Groups/${g}`, { schemas: [GROUP], displayName: 'Nearer' }, h),
        await scim.delete(`/Groups/${g}`, h),
      ];
      assert.deepEqual(
        answers.map((r) => r.status),
        answers.map(() => 412),
        `${version}: ${JSON.stringify(answers.find((r) => r.status !== 412)?.body)}`,
      );
    }
    const user = (await scim.get(`/Users/${u}`)).body;
    assert.equal(user.active, true, 'nothing changed');
    assert.equal(user.title, undefined);
    assert.equal((await scim.get(`/Groups/${g}`)).body.displayName, 'Far future');
  });

  test('an If-Match listing several entity tags applies when any of them is the current version (RFC 7232 §3.1); a malformed one is 400', async () => {
    const u = (await scim.post('/Users', { schemas: [USER], userName: 'manytags@example.com' })).body.id;
    const g = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Many tags' })).body.id;
    const title = (v: string) => PATCH({ op: 'replace', path: 'title', value: v });
    // the current version first, last, alone among tags that name nothing; `*` matches any version
    assert.equal((await scim.patch(`/Users/${u}`, title('a'), { 'if-match': 'W/"1", W/"7"' })).status, 200);
    assert.equal((await scim.patch(`/Users/${u}`, title('b'), { 'if-match': '"x", W/"9999999999",W/"2"' })).status, 200);
    assert.equal((await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'active', value: false }), { 'if-match': 'W/"1", W/"3"' })).status, 200);
    const put = await scim.put(`/Users/${u}`, { schemas: [USER], userName: 'manytags@example.com', title: 'c' }, { 'if-match': 'W/"2", W/"4"' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal((await scim.patch(`/Users/${u}`, title('d'), { 'if-match': 'W/"1", W/"2", W/"3", W/"4"' })).status, 412, 'none is current (5)');
    assert.equal((await scim.get(`/Users/${u}`)).body.title, 'c', 'nothing changed');
    assert.equal((await scim.get(`/Users/${u}`, { 'if-none-match': 'W/"4", W/"5"' })).status, 304);
    assert.equal((await scim.get(`/Users/${u}`, { 'if-none-match': '"5"' })).status, 304, 'weak comparison');
    assert.equal((await scim.patch(`/Groups/${g}`, PATCH({ op: 'replace', path: 'displayName', value: 'Many' }), { 'if-match': 'W/"0", W/"1"' })).status, 204);
    assert.equal((await scim.put(`/Groups/${g}`, { schemas: [GROUP], displayName: 'More' }, { 'if-match': 'W/"2",W/"1"' })).status, 200);
    assert.equal((await scim.delete(`/Groups/${g}`, { 'if-match': 'W/"1", W/"2"' })).status, 412);
    for (const bad of ['3', 'W/3', '"3', 'W/"3" W/"4"', '*, W/"3"', 'w/"3"', ',']) {
      for (const r of [
        await scim.patch(`/Users/${u}`, title('e'), { 'if-match': bad }),
        await scim.put(`/Groups/${g}`, { schemas: [GROUP], displayName: 'Bad' }, { 'if-match': bad }),
        await scim.delete(`/Users/${u}`, { 'if-match': bad }),
        await scim.get(`/Users/${u}`, { 'if-none-match': bad }),
      ])
        assert.ok(isScimError(r, 400, 'invalidValue') && /If-(None-)?Match/.test(r.body.detail), `${bad}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    assert.equal((await scim.get(`/Users/${u}`)).body.title, 'c', 'nothing changed');
    assert.equal((await scim.delete(`/Groups/${g}`, { 'if-match': 'W/"3", W/"2"' })).status, 204);
  });

  test('group ETags grow with membership changes', async () => {
    const u = await scim.post('/Users', { schemas: [USER], userName: 'member@example.com' });
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Versioned' });
    assert.equal(g.headers.get('etag'), 'W/"1"');
    const p = await scim.patch(`/Groups/${g.body.id}`, PATCH({ op: 'add', path: 'members', value: [{ value: u.body.id }] }), { 'if-match': 'W/"1"' });
    assert.equal(p.status, 204);
    assert.equal(p.headers.get('etag'), 'W/"2"');
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, PATCH({ op: 'remove', path: 'members' }), { 'if-match': 'W/"1"' })).status, 412);
    // a PATCH whose operations change nothing (echoed schemas) still has its precondition checked
    const noop = PATCH({ op: 'replace', value: { schemas: [GROUP] } });
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, noop, { 'if-match': 'W/"1"' })).status, 412);
    const current = await scim.patch(`/Groups/${g.body.id}`, noop, { 'if-match': 'W/"2"' });
    assert.deepEqual([current.status, current.headers.get('etag')], [204, 'W/"2"']);
  });

  test("a user's ETag changes when the groups its GET shows change (added, removed, a group renamed): If-None-Match is not 304 with stale groups", async () => {
    const u = (await scim.post('/Users', { schemas: [USER], userName: 'joiner@example.com' })).body.id;
    const g = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Joined' })).body.id;
    const before = await scim.get(`/Users/${u}`);
    const tag0 = before.headers.get('etag')!;
    assert.equal(tag0, 'W/"1"');
    assert.equal((await scim.patch(`/Groups/${g}`, PATCH({ op: 'add', path: 'members', value: [{ value: u }] }))).status, 204);
    const joined = await scim.get(`/Users/${u}`, { 'if-none-match': tag0 });
    assert.equal(joined.status, 200, 'the copy without the group is not current');
    assert.deepEqual(
      joined.body.groups.map((x: { value: string }) => x.value),
      [g],
    );
    const tag1 = joined.headers.get('etag')!;
    assert.notEqual(tag1, tag0);
    assert.equal(joined.body.meta.version, tag1);
    assert.equal((await scim.get(`/Users/${u}`, { 'if-none-match': tag1 })).status, 304);
    assert.equal((await scim.get(`/Users?filter=id%20eq%20%22${u}%22`)).body.Resources[0].meta.version, tag1, 'lists say the same version');
    assert.equal((await scim.patch(`/Groups/${g}`, PATCH({ op: 'replace', path: 'displayName', value: 'Renamed' }))).status, 204);
    const renamed = await scim.get(`/Users/${u}`, { 'if-none-match': tag1 });
    assert.equal(renamed.status, 200, "the group's display changed");
    const tag2 = renamed.headers.get('etag')!;
    assert.notEqual(tag2, tag1);
    // writes are guarded by the user's own version (groups are read-only on a user): a tag of it with any groups applies
    const ok = await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': tag1 });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'title', value: 'y' }), { 'if-match': tag2 })).status, 412, 'version 1 is gone');
    const tag3 = ok.headers.get('etag')!;
    assert.equal((await scim.get(`/Users/${u}`)).headers.get('etag'), tag3, 'a write answers with the tag a GET gives');
    assert.equal((await scim.patch(`/Groups/${g}`, PATCH({ op: 'remove', path: `members[value eq "${u}"]` }))).status, 204);
    const left = await scim.get(`/Users/${u}`, { 'if-none-match': tag3 });
    assert.equal(left.status, 200);
    assert.equal(left.headers.get('etag'), 'W/"2"', 'no groups: the version alone');
  });

  test("a user's ETag changes when its manager's name, which the answer shows, changes", async () => {
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const boss = (await scim.post('/Users', { schemas: [USER], userName: 'boss@example.com', displayName: 'The Boss' })).body.id;
    const u = (await scim.post('/Users', { schemas: [USER, ENTERPRISE], userName: 'report@example.com', [ENTERPRISE]: { manager: { value: boss } } })).body.id;
    const before = await scim.get(`/Users/${u}`);
    assert.equal(before.body[ENTERPRISE].manager.displayName, 'The Boss');
    assert.equal((await scim.patch(`/Users/${boss}`, PATCH({ op: 'replace', path: 'displayName', value: 'New Boss' }))).status, 200);
    const after = await scim.get(`/Users/${u}`, { 'if-none-match': before.headers.get('etag')! });
    assert.equal(after.status, 200, 'the copy with the old name is not current');
    assert.equal(after.body[ENTERPRISE].manager.displayName, 'New Boss');
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
    assert.equal(
      (await scim.patch(`/Users/${u}`, PATCH({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': before.headers.get('etag')! })).status,
      200,
    );
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

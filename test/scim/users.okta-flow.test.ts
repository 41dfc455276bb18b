// The Okta provisioning sequence for users, replayed from Okta's documented request shapes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { DefineCustomAttributeDocument, EventsDocument } from '../generated/graphql.js';

describe('SCIM: Okta user lifecycle', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('filter by userName before create answers 200 with an empty ListResponse', async () => {
    const r = await scim.get(`/Users?${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/scim\+json/);
    assert.deepEqual(r.body, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  let id = '';
  test('create, then the full lifecycle: get, update by PUT, deactivate by PATCH, reactivate', async () => {
    const created = await scim.post('/Users', fixture('okta/create-user'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    assert.equal(created.headers.get('location'), `${t.url}/scim/v2/Users/${id}`);
    assert.equal(created.headers.get('etag'), 'W/"1"');
    assert.equal(created.body.userName, 'test.user@okta.local');
    assert.equal(created.body.externalId, '00ujl29u0le5T6Aj10h7');
    assert.deepEqual(created.body.name, { givenName: 'Test', familyName: 'User' });
    assert.deepEqual(created.body.emails, [{ value: 'test.user@okta.local', type: 'work', primary: true }]);
    assert.equal(created.body.active, true);
    assert.equal(created.body.password, undefined, 'a password is accepted and never returned');
    assert.deepEqual(created.body.meta, {
      resourceType: 'User',
      created: created.body.meta.created,
      lastModified: created.body.meta.lastModified,
      location: `${t.url}/scim/v2/Users/${id}`,
      version: 'W/"1"',
    });

    const found = await scim.get(`/Users?${q('userName eq "TEST.USER@okta.local"')}`);
    assert.equal(found.body.totalResults, 1);
    assert.equal(found.body.Resources[0].id, id);

    // Okta's PUT echoes id, meta and groups (read-only parts are ignored) and omits what it clears
    const full = {
      ...found.body.Resources[0],
      name: { givenName: 'Tess', familyName: 'User' },
      title: 'Analyst',
      groups: [{ value: 'x' }],
      password: 'new-secret',
    };
    delete full.locale;
    const put = await scim.put(`/Users/${id}`, full);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.name.givenName, 'Tess');
    assert.equal(put.body.title, 'Analyst');
    assert.equal(put.body.locale, undefined, 'omitted attributes are cleared by PUT');
    assert.equal(put.body.password, undefined);

    const off = await scim.patch(`/Users/${id}`, fixture('okta/deactivate-user'));
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.active, false);
    // a deactivated user is still returned by GET and by filters
    assert.equal((await scim.get(`/Users/${id}`)).body.active, false);
    const byFilter = await scim.get(`/Users?${q('userName eq "test.user@okta.local"')}`);
    assert.equal(byFilter.body.totalResults, 1);
    assert.equal(byFilter.body.Resources[0].active, false);

    const on = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: true } }));
    assert.equal(on.status, 200);
    assert.equal(on.body.active, true);
    assert.equal(on.body.id, id, 'reactivation restores the same user by default');
  });

  test('every change is an event with the SCIM token as the actor', async () => {
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id } }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => e.type),
      ['USER_CREATED', 'USER_UPDATED', 'USER_DEACTIVATED', 'USER_REACTIVATED'],
    );
    for (const e of ev.events.nodes) {
      assert.equal(e.actorType, 'SCIM_TOKEN');
      assert.equal(e.actorLabel, 'SCIM token "Okta"');
    }
  });

  test('a second POST of an active userName is 409 uniqueness and changes nothing', async () => {
    const r = await scim.post('/Users', fixture('okta/create-user'));
    assert.equal(r.status, 409);
    assert.equal(r.body.scimType, 'uniqueness');
    assert.equal((await scim.get(`/Users?${q('userName eq "test.user@okta.local"')}`)).body.totalResults, 1);
  });

  test('a re-POST of a deactivated user restores it instead of conflicting', async () => {
    await scim.patch(`/Users/${id}`, fixture('okta/deactivate-user'));
    const r = await scim.post('/Users', fixture('okta/create-user'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.id, id);
    assert.equal(r.body.active, true);
  });

  test("a custom attribute in Okta's default namespace (the core URN) arrives beside userName and is stored by its definition", async () => {
    // Okta's Profile Editor gives a new attribute the external namespace urn:ietf:params:scim:schemas:core:2.0:User
    // unless the admin changes it; Okta then sends it as a top-level attribute
    const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
    const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'costCode', type: 'STRING' } }, org.key);
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'seniority', type: 'INTEGER' } }, org.key);
    const c = await scim.post('/Users', { schemas: [CORE], userName: 'toplevel@okta.local', costCode: 'T1', seniority: '3', undefinedThing: 'x' });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.deepEqual(c.body[CUSTOM], { costCode: 'T1', seniority: 3 }, 'typed by the definitions; an attribute nothing defines is ignored');
    assert.equal(c.body.costCode, undefined, 'returned in the custom extension');
    const put = await scim.put(`/Users/${c.body.id}`, { schemas: [CORE], userName: 'toplevel@okta.local', costCode: 'T2' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body[CUSTOM], { costCode: 'T2' }, 'PUT replaces: seniority, omitted, is cleared');
    // PATCH by path and pathless, and a remove, name it the same way
    const byPath = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'replace', path: 'costCode', value: 'T3' }, { op: 'add', value: { seniority: 4 } }));
    assert.equal(byPath.status, 200, JSON.stringify(byPath.body));
    assert.deepEqual(byPath.body[CUSTOM], { costCode: 'T3', seniority: 4 });
    const removed = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'remove', path: 'CostCode' }));
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(removed.body[CUSTOM], { seniority: 4 });
    const wrongType = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'replace', path: 'seniority', value: 'senior' }));
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.scimType, 'invalidValue');
    // a PATCH path that neither the core schema nor a definition names stays invalid, and changes nothing
    const unknown = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'replace', path: 'undefinedThing', value: 'y' }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.scimType, 'invalidPath');
    const after = await scim.get(`/Users/${c.body.id}`);
    assert.equal(after.body.meta.version, removed.body.meta.version);
    // a core attribute is never read as a custom one
    const title = await scim.patch(`/Users/${c.body.id}`, PATCH({ op: 'replace', path: 'title', value: 'Analyst' }));
    assert.equal(title.body.title, 'Analyst');
    assert.deepEqual(title.body[CUSTOM], { seniority: 4 });
  });

  test('a PUT of the user as it is (Okta pushes the whole profile on every sync) changes nothing: same version, no event', async () => {
    const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
    const profile = {
      schemas: [USER],
      userName: 'unchanged@okta.local',
      externalId: '00uunchanged',
      name: { givenName: 'Una', familyName: 'Changed' },
      emails: [{ value: 'unchanged@okta.local', type: 'work', primary: true, display: 'Work' }],
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile', primary: true }],
      addresses: [{ streetAddress: '1 Main St', locality: 'Springfield', type: 'work', primary: true }],
      active: true,
    };
    const c = await scim.post('/Users', profile);
    assert.equal(c.status, 201, JSON.stringify(c.body));
    for (const body of [profile, { ...c.body, password: 'x' }]) {
      const put = await scim.put(`/Users/${c.body.id}`, body);
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.meta.version, 'W/"1"', JSON.stringify(put.body));
    }
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: c.body.id } }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => e.type),
      ['USER_CREATED'],
    );
  });

  test('DELETE removes the user; then it is 404', async () => {
    const c = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'gone@okta.local' });
    assert.equal((await scim.delete(`/Users/${c.body.id}`)).status, 204);
    assert.equal((await scim.get(`/Users/${c.body.id}`)).status, 404);
    assert.equal((await scim.delete(`/Users/${c.body.id}`)).status, 404);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { EventsDocument } from '../generated/graphql.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
type Json = Record<string, unknown>;

/**
 * A PATCH of `active` alone goes to the core without reading the user first (src/scim/users.ts,
 * `activeOnly`): it must answer exactly as the general PATCH path does.
 */
describe('SCIM: a PATCH of active alone', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  const createUser = async (userName: string) => {
    const r = await scim.post('/Users', { schemas: [USER], userName, active: true, title: 'Engineer' });
    assert.equal(r.status, 201);
    return (r.body as Json).id as string;
  };
  const eventTypes = async (id: string) =>
    (await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id } }, org.key)).events.nodes.map((e) => e.type);

  test('deactivates and reactivates by path and as a pathless value, answering with the whole user and one event each', async () => {
    const id = await createUser('active-fast@example.com');
    const off = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }));
    assert.equal(off.status, 200);
    assert.equal((off.body as Json).active, false);
    assert.equal((off.body as Json).title, 'Engineer');
    assert.equal((off.body as Json).userName, 'active-fast@example.com');
    assert.equal(off.headers.get('etag'), 'W/"2"');
    const on = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: 'active', value: true }));
    assert.equal(on.status, 200);
    assert.equal((on.body as Json).active, true);
    assert.equal(on.headers.get('etag'), 'W/"3"');
    // the same value again changes nothing: no version, no event
    const again = await scim.patch(`/Users/${id}`, PATCH({ op: 'add', path: 'urn:ietf:params:scim:schemas:core:2.0:User:active', value: true }));
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('etag'), 'W/"3"');
    const types = await eventTypes(id);
    assert.equal(types.filter((e) => e === 'USER_DEACTIVATED').length, 1);
    assert.equal(types.filter((e) => e === 'USER_REACTIVATED').length, 1);
  });

  test('If-Match is checked by the core: a stale version is 412 and changes nothing', async () => {
    const id = await createUser('active-ifmatch@example.com');
    const stale = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }), { 'If-Match': 'W/"7"' });
    assert.equal(stale.status, 412);
    assert.equal((stale.body as Json).status, '412');
    assert.equal(((await scim.get(`/Users/${id}`)).body as Json).active, true);
    const fresh = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }), { 'If-Match': 'W/"1"' });
    assert.equal(fresh.status, 200);
    assert.equal((fresh.body as Json).active, false);
  });

  test('an unknown id, or a user of another organization, is 404', async () => {
    const unknown = await scim.patch('/Users/0190a8b2-0000-7000-8000-000000000000', PATCH({ op: 'replace', value: { active: false } }));
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as Json).status, '404');
    const r = await scimClient(t, other.scimToken).post('/Users', { schemas: [USER], userName: 'elsewhere@example.com', active: true });
    const foreign = await scim.patch(`/Users/${(r.body as Json).id as string}`, PATCH({ op: 'replace', value: { active: false } }));
    assert.equal(foreign.status, 404);
    assert.equal(((await scimClient(t, other.scimToken).get(`/Users/${(r.body as Json).id as string}`)).body as Json).active, true);
  });

  test('what is not a JSON boolean, or more than active, takes the general path with the same answers as before', async () => {
    const id = await createUser('active-string@example.com');
    // Entra ID's string booleans
    const s = await scim.patch(`/Users/${id}`, PATCH({ op: 'Replace', path: 'active', value: 'False' }));
    assert.equal(s.status, 200);
    assert.equal((s.body as Json).active, false);
    const both = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: true, title: 'Lead' } }));
    assert.equal(both.status, 200);
    assert.equal((both.body as Json).active, true);
    assert.equal((both.body as Json).title, 'Lead');
    const bad = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'active', value: 7 }));
    assert.equal(bad.status, 400);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { EventsDocument, SetProvisioningPolicyDocument } from '../generated/graphql.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

type Json = Record<string, unknown>;
const groupIds = (body: unknown) => (((body as Json).groups as Json[] | undefined) ?? []).map((g) => g.value).sort();

/**
 * An update of one user writes its row in the statement of its events, and answers with the groups
 * read under the user's lock (services/provisioning.ts): these check what that must not change.
 */
describe('SCIM: the write path of a user update', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  const createUser = async (userName: string) => {
    const r = await scim.post('/Users', { schemas: [USER], userName, active: true });
    assert.equal(r.status, 201);
    return (r.body as Json).id as string;
  };

  test('two PATCHes of one user in one Bulk request both land: the first is written before the second reads the user', async () => {
    const id = await createUser('bulk-twice@example.com');
    const r = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'PATCH', path: `/Users/${id}`, data: PATCH({ op: 'replace', path: 'title', value: 'Lead' }) },
        { method: 'PATCH', path: `/Users/${id}`, data: PATCH({ op: 'replace', path: 'nickName', value: 'Bee' }) },
        { method: 'PATCH', path: `/Users/${id}`, data: PATCH({ op: 'replace', value: { active: false } }) },
      ],
    });
    assert.equal(r.status, 200);
    assert.deepEqual(
      ((r.body as Json).Operations as Json[]).map((o) => o.status),
      ['200', '200', '200'],
    );
    const got = await scim.get(`/Users/${id}`);
    const body = got.body as Json;
    assert.equal(body.title, 'Lead');
    assert.equal(body.nickName, 'Bee');
    assert.equal(body.active, false);
    // created at version 1, then one version per change
    assert.equal(got.headers.get('etag'), 'W/"4"');
    const events = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id } }, org.key);
    assert.deepEqual(
      events.events.nodes.map((e) => e.type),
      ['USER_CREATED', 'USER_UPDATED', 'USER_UPDATED', 'USER_DEACTIVATED'],
    );
  });

  test('a refused update writes nothing: its row update went down with its statement', async () => {
    const a = await createUser('taken@example.com');
    const b = await createUser('other@example.com');
    const r = await scim.patch(`/Users/${b}`, PATCH({ op: 'replace', path: 'userName', value: 'TAKEN@example.com' }));
    assert.equal(r.status, 409);
    const got = await scim.get(`/Users/${b}`);
    assert.equal((got.body as Json).userName, 'other@example.com');
    assert.equal(got.headers.get('etag'), 'W/"1"');
    assert.equal((await scim.get(`/Users/${a}`)).headers.get('etag'), 'W/"1"');
  });

  test('a PATCH answers with the groups a GET shows; a deactivation that takes the user out of its groups answers with none', async () => {
    const id = await createUser('grouped@example.com');
    const groups: string[] = [];
    for (const displayName of ['Writers', 'Readers']) {
      const g = await scim.post('/Groups', { schemas: [GROUP], displayName, members: [{ value: id }] });
      assert.equal(g.status, 201);
      groups.push((g.body as Json).id as string);
    }
    const patched = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: 'Editor' }));
    assert.equal(patched.status, 200);
    assert.deepEqual(groupIds(patched.body), [...groups].sort());
    assert.deepEqual(groupIds((await scim.get(`/Users/${id}`)).body), [...groups].sort());

    // the default policy keeps memberships on deactivation
    const kept = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }));
    assert.deepEqual(groupIds(kept.body), [...groups].sort());
    assert.equal((await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: true } }))).status, 200);

    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { deactivationRemovesMemberships: true } }, org.key);
    const removed = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }));
    assert.equal(removed.status, 200);
    assert.deepEqual(groupIds(removed.body), []);
    assert.deepEqual(groupIds((await scim.get(`/Users/${id}`)).body), []);
  });
});

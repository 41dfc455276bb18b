// docs/IDP-GUIDES.md, Okta, "Why Sync Password must stay off": with Okta's Sync Password on, the
// user's password arrives in the create and in later updates. It is accepted (so Okta's requests do
// not fail) and dropped: not in the answer, the user, the events, nor the log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { fixture } from '../helpers/fixture.js';
import { PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { captureLogs } from '../helpers/log-capture.js';
import { EventsDocument, UserDocument } from '../generated/graphql.js';

describe('SCIM: a synced password is dropped', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('create, PUT and PATCH with a password succeed, and the password is nowhere afterwards', async () => {
    const secret = 'Sync-0kta-Passw0rd!';
    const logs = captureLogs();
    try {
      const body = { ...fixture('okta/create-user'), password: secret };
      const c = await scim.post('/Users', body);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const id = c.body.id as string;
      const put = await scim.put(`/Users/${id}`, { ...body, password: `${secret}2` });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const patch = await scim.patch(
        `/Users/${id}`,
        PATCH({ op: 'replace', value: { password: `${secret}3` } }, { op: 'replace', path: 'password', value: `${secret}4` }),
      );
      assert.equal(patch.status, 200, JSON.stringify(patch.body));
      for (const r of [c, put, patch, await scim.get(`/Users/${id}`)]) assert.ok(!JSON.stringify(r.body).includes(secret), 'not in a SCIM answer');
      const user = await t.gql(UserDocument, { organizationId: org.id, id }, org.key);
      assert.ok(!JSON.stringify(user).includes(secret), 'not on the user');
      const events = await t.gql(EventsDocument, { organizationId: org.id, first: 100 }, org.key);
      assert.ok(events.events.nodes.length >= 2);
      assert.ok(!JSON.stringify(events).includes(secret), 'not in an event');
      assert.ok(logs.all().length > 0, 'the log was captured');
      assert.ok(!JSON.stringify(logs.all()).includes(secret), 'not in the log');
    } finally {
      logs.restore();
    }
  });
});

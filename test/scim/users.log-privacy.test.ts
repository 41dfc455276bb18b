// issue #15: logs name ids, not people's values. A SCIM manager value that matches nobody (an Okta
// manager login, an email address) is logged with the organization's and the user's ids only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { PATCH, scimClient, type ScimClient, type ScimResponse } from '../helpers/scim-client.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const MSG = 'SCIM manager matches no user by id, externalId or userName: the user is provisioned without it';

describe('SCIM log lines carry ids, not personal values', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  let logs: CapturedLogs;
  before(async () => {
    logs = captureLogs();
    // debug: every line a request can write, the per-operation ones included
    t = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  /** The request's log lines: one "manager matches no user" line with ids, and no line holding any of the personal values. */
  const assertLogged = (r: ScimResponse, userId: string, personal: string[]) => {
    const requestId = r.headers.get('x-request-id');
    const lines = logs.of(requestId);
    const manager = lines.filter((l) => l.msg === MSG);
    assert.equal(manager.length, 1, JSON.stringify(lines));
    for (const line of lines) {
      const text = JSON.stringify(line);
      for (const value of personal) assert.ok(!text.toLowerCase().includes(value.toLowerCase()), `a log line holds "${value}": ${text}`);
    }
    assert.equal(manager[0]!.level, 'warn');
    assert.equal(manager[0]!.organizationId, org.id);
    assert.equal(manager[0]!.userId, userId);
    assert.equal(manager[0]!.requestId, requestId);
  };

  test('POST, PUT, PATCH and Bulk: the line names the organization and the user, never the manager value, userName or name', async () => {
    const userName = 'grace.report@example.com';
    const manager = 'boss.nobody@example.com';
    const personal = [userName, manager, 'Grace Hopper', 'boss.nobody'];
    const created = await scim.post('/Users', { schemas: [CORE, ENT], userName, displayName: 'Grace Hopper', [ENT]: { manager: { value: manager } } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assertLogged(created, id, personal);

    const put = await scim.put(`/Users/${id}`, { schemas: [CORE, ENT], userName, displayName: 'Grace Hopper', [ENT]: { manager: { value: manager } } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assertLogged(put, id, personal);

    const patch = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: `${ENT}:manager`, value: manager }));
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    assertLogged(patch, id, personal);

    const bulk = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'b1',
          data: { schemas: [CORE, ENT], userName: 'second.report@example.com', [ENT]: { manager: { value: manager } } },
        },
      ],
    });
    assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
    const location = bulk.body.Operations[0].location as string;
    assertLogged(bulk, location.slice(location.lastIndexOf('/') + 1), [...personal, 'second.report']);
  });
});

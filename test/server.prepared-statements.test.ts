import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from './helpers/harness.js';
import { createOrg, type OrgFixture } from './helpers/fixtures.js';
import { PATCH, q, scimClient, type ScimClient } from './helpers/scim-client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

// Hot statements run as named prepared statements. When another instance migrates the schema under a
// running one (a rolling deploy adding a column), PostgreSQL refuses a prepared `select *` whose result
// columns changed; the server must stop preparing that statement and carry on, in and out of transactions.
describe('prepared statements across a live schema change', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
  });
  after(() => t.stop());

  test('a column added to users by another process does not fail lookups or PATCHes', async () => {
    const id = (await scim.post('/Users', { schemas: [USER], userName: 'prep@example.com' })).body.id as string;
    // run both shapes often enough to be prepared on the connections that serve them
    for (let i = 0; i < 8; i++) {
      assert.equal((await scim.get(`/Users?${q('userName eq "prep@example.com"')}`)).status, 200);
      assert.equal((await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: `t${i}` }))).status, 200);
    }
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query('alter table users add column added_by_a_newer_release text');
    } finally {
      await db.end();
    }
    for (let i = 0; i < 8; i++) {
      const found = await scim.get(`/Users?${q('userName eq "prep@example.com"')}`);
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.equal(found.body.totalResults, 1);
      const patched = await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: `after${i}` }));
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.title, `after${i}`);
    }
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { loadConfig } from '../../src/server/config.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Counts statements sent as named (prepared) statements by the pg driver in this process while `fn` runs. */
async function countNamed(fn: () => Promise<void>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let named = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { name?: string } | undefined;
    if (config && typeof config === 'object' && config.name) named++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return named;
}

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
    const named = await countNamed(async () => {
      for (let i = 0; i < 8; i++) {
        assert.equal((await scim.get(`/Users?${q('userName eq "prep@example.com"')}`)).status, 200);
        assert.equal((await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: `t${i}` }))).status, 200);
      }
    });
    assert.ok(named > 0, 'hot statements were prepared');
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

describe('DB_PREPARED_STATEMENTS=0', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { DB_PREPARED_STATEMENTS: '0' } });
  });
  after(() => t.stop());

  test('nothing is prepared, and the same flows work', async () => {
    const org = await createOrg(t);
    const scim = scimClient(t, org.scimToken);
    const named = await countNamed(async () => {
      const id = (await scim.post('/Users', { schemas: [USER], userName: 'unprepared@example.com' })).body.id as string;
      for (let i = 0; i < 8; i++) {
        assert.equal((await scim.get(`/Users?${q('userName eq "unprepared@example.com"')}`)).body.totalResults, 1);
        assert.equal((await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'title', value: `t${i}` }))).body.title, `t${i}`);
      }
    });
    assert.equal(named, 0);
  });
});

describe('DB_PREPARED_STATEMENTS configuration', () => {
  test('defaults to 64 statement texts; 0 turns preparing off; invalid values are refused with the variable named', () => {
    assert.equal(loadConfig({}).dbPreparedStatements, 64);
    assert.equal(loadConfig({ DB_PREPARED_STATEMENTS: '0' }).dbPreparedStatements, 0);
    assert.equal(loadConfig({ DB_PREPARED_STATEMENTS: '500' }).dbPreparedStatements, 500);
    for (const bad of ['-1', 'many', '1.5']) assert.throws(() => loadConfig({ DB_PREPARED_STATEMENTS: bad }), /DB_PREPARED_STATEMENTS/);
  });
});

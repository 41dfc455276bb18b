// A watched table that grows without statistics (the first import into a new database) is analyzed
// by the server within seconds instead of a minute or more of autovacuum, so the plans PostgreSQL
// keeps for the prepared hot statements stop reading the whole organization. Autovacuum is turned off
// for the table here: only the server can analyze it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { STATISTICS_CHECK_MS } from '../../src/core/table-statistics.js';

describe('server: table statistics of a fast-growing table', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer;
  let org: OrgFixture;
  let admin: pg.Client;
  let logs: CapturedLogs;

  before(async () => {
    db = await createTestDatabase();
    logs = captureLogs();
    t = await startTestServer({ databaseUrl: db.url, env: { LOG_LEVEL: 'info' } });
    org = await createOrg(t);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('alter table users set (autovacuum_enabled = off)');
  });
  after(async () => {
    logs?.restore();
    await t?.stop();
    await admin?.end();
    await db?.drop();
  });

  async function insertUsers(from: number, count: number): Promise<void> {
    await admin.query('begin');
    await admin.query(
      `insert into users (id, organization_id, user_name, user_name_key, active, emails, email_keys, phone_numbers, addresses, role, base_role,
                          custom_attributes, attribute_sources, provisioned_by, created_at, updated_at, version)
       select gen_random_uuid(), $1, 'user' || i || '@example.com', 'user' || i || '@example.com', true, '[]', '{}', '[]', '[]', 'MEMBER', 'MEMBER',
              '{}', '{}', 'SCIM', now(), now(), 1
         from generate_series($2::int, $3::int) i`,
      [org.id, from, from + count - 1],
    );
    // report this backend's counts at commit instead of up to a second or more later
    await admin.query('select pg_stat_force_next_flush()');
    await admin.query('commit');
  }

  async function usersStatistics(): Promise<{ analyzed: number; autoAnalyzed: number; reltuples: number }> {
    await admin.query('select pg_stat_clear_snapshot()');
    const { rows } = await admin.query(
      `select s.analyze_count::int as analyzed, s.autoanalyze_count::int as "autoAnalyzed", c.reltuples::int as reltuples
         from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'users'`,
    );
    return rows[0];
  }

  async function waitForAnalyzeCount(count: number): Promise<void> {
    const deadline = Date.now() + 6 * STATISTICS_CHECK_MS;
    while ((await usersStatistics()).analyzed < count) {
      assert.ok(Date.now() < deadline, `users was not analyzed ${count} time(s) within ${6 * STATISTICS_CHECK_MS} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('a table without statistics is analyzed once it has rows; a small change is left to autovacuum; a doubled table is analyzed again', async () => {
    assert.equal((await usersStatistics()).analyzed, 0, 'a new database has no statistics for users');
    await insertUsers(1, 1000);
    await waitForAnalyzeCount(1);
    const first = await usersStatistics();
    assert.ok(first.reltuples >= 1000, `statistics now describe the table (reltuples ${first.reltuples})`);
    assert.equal(first.autoAnalyzed, 0, 'autovacuum is off for the table: the server did it');
    const line = logs.all().find((l) => l.msg === 'table statistics were missing or outgrown: analyzed' && l.table === 'users');
    assert.ok(line, 'the server logs what it analyzed and why');
    assert.ok(Number(line.rows) >= 1000 || Number(line.changedSinceAnalyze) >= 1000, JSON.stringify(line));

    // 300 more rows (30 %): not due; two more checks pass without an ANALYZE
    await insertUsers(1001, 300);
    await new Promise((r) => setTimeout(r, 2 * STATISTICS_CHECK_MS + 500));
    assert.equal((await usersStatistics()).analyzed, 1, 'a table that grew by less than it had is left to autovacuum');

    // past twice the rows the statistics describe: analyzed again
    await insertUsers(1301, 1000);
    await waitForAnalyzeCount(2);
    assert.ok((await usersStatistics()).reltuples >= 2300);
  });
});

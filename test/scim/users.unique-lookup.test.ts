// A lookup by a unique key (the filter-before-create of every SCIM import) must find its row through
// that key's index, never by walking the organization's users in page order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { preparedPlans } from '../helpers/prepared-plans.js';

const USERS = 2000;

describe('SCIM: lookups by userName, externalId and displayName use their unique index', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  let admin: pg.Client;

  before(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    // the plan PostgreSQL can keep for a statement prepared while the organization was small (as it
    // did for 2 of 3 creates of a 20,000-user import, each then reading all of the organization's
    // users): sorting and sequential scans priced out, a page ordered by creation is read in the
    // order of its index, the filter checked row by row
    const name = admin.escapeIdentifier(new URL(db.url).pathname.slice(1));
    await admin.query(`alter database ${name} set enable_sort = off`);
    await admin.query(`alter database ${name} set enable_seqscan = off`);
    t = await startTestServer({ databaseUrl: db.url });
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
    await admin.query(
      `insert into users (id, organization_id, user_name, user_name_key, external_id, active, given_name, family_name, display_name, emails, email_keys,
                          phone_numbers, addresses, role, base_role, custom_attributes, attribute_sources, provisioned_by, created_at, updated_at, version)
       select gen_random_uuid(), $1, 'user' || i || '@example.com', 'user' || i || '@example.com', 'ext' || i, true, 'G', 'F', 'G F', '[]', '{}',
              '[]', '[]', 'MEMBER', 'MEMBER', '{}', '{}', 'SCIM', now() + i * interval '1 ms', now(), 1
         from generate_series(1, ${USERS}) i`,
      [org.id],
    );
    await admin.query(
      `insert into groups (id, organization_id, display_name, display_name_key, external_id, provisioned_by, member_count, created_at, updated_at, version)
       select gen_random_uuid(), $1, 'Group ' || i, 'group ' || i, 'gext' || i, 'SCIM', 0, now() + i * interval '1 ms', now(), 1 from generate_series(1, ${USERS}) i`,
      [org.id],
    );
    await admin.query('analyze users; analyze groups');
  });
  after(async () => {
    await t?.stop();
    await admin?.end();
    await db?.drop();
  });

  /**
   * Index statistics of the users and groups tables, once the server's backends have reported at
   * least `scans` scans (a backend reports what it read when it goes idle, within seconds).
   */
  async function indexReads(scans: number): Promise<Map<string, number>> {
    for (let i = 0; ; i++) {
      await admin.query('select pg_stat_clear_snapshot()');
      const r = await admin.query(`select indexrelname, idx_scan, idx_tup_read from pg_stat_user_indexes where relname in ('users', 'groups')`);
      const t = await admin.query(`select coalesce(sum(seq_scan), 0)::bigint as n from pg_stat_user_tables where relname in ('users', 'groups')`);
      const total = r.rows.reduce((n, row) => n + Number(row.idx_scan), 0) + Number(t.rows[0].n);
      if (total >= scans) return new Map(r.rows.map((row) => [row.indexrelname as string, Number(row.idx_tup_read)]));
      assert.ok(i < 120, `the server's index statistics never arrived (${total} of ${scans} scans)`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  test('misses and hits read a handful of index entries, not the organization', async () => {
    for (let i = 0; i < 10; i++) {
      const miss = await scim.get(`/Users?${q(`userName eq "nobody${i}@example.com"`)}`);
      assert.equal(miss.status, 200);
      assert.equal(miss.body.totalResults, 0);
      const ext = await scim.get(`/Users?${q(`externalId eq "none${i}"`)}`);
      assert.equal(ext.body.totalResults, 0);
      const group = await scim.get(`/Groups?${q(`displayName eq "No group ${i}"`)}`);
      assert.equal(group.body.totalResults, 0);
    }
    const hit = await scim.get(`/Users?${q('userName eq "USER1500@example.com"')}&startIndex=1`);
    assert.deepEqual([hit.body.totalResults, hit.body.Resources[0].userName], [1, 'user1500@example.com']);
    const beyond = await scim.get(`/Users?${q('userName eq "user1500@example.com"')}&startIndex=2`);
    assert.deepEqual([beyond.body.totalResults, beyond.body.Resources.length], [1, 0]);
    const groupHit = await scim.get(`/Groups?${q('displayName eq "group 7"')}&excludedAttributes=members`);
    assert.equal(groupHit.body.Resources[0].displayName, 'Group 7');
    const reads = await indexReads(34);
    const ordered = (reads.get('users_org_created_at_id_index') ?? 0) + (reads.get('groups_org_created_at_id_index') ?? 0);
    // walking the organization in page order reads 2,000 entries per lookup (about 68,000 in all)
    assert.ok(ordered < USERS, `the indexes that order pages were read ${ordered} times`);
    assert.ok((reads.get('users_org_user_name_key_unique') ?? 0) >= 1, 'the userName index found the hits');
  });

  test('a lookup is planned once: PostgreSQL runs its prepared statement on a generic plan, whatever count and startIndex say', async () => {
    for (let i = 0; i < 40; i++) {
      const r = await scim.get(`/Users?${q(`userName eq "user${1 + i * 37}@example.com"`)}&startIndex=${1 + (i % 3)}&count=${[1, 100, 10][i % 3]}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.totalResults, 1);
      assert.equal(r.body.Resources.length, i % 3 === 0 ? 1 : 0, `startIndex ${1 + (i % 3)}`);
    }
    const plans = await preparedPlans(t, 'user_name_key collate "C") = $2');
    // without it (LIMIT and OFFSET as parameters) every run was planned anew: 0 generic plans
    assert.ok(plans.generic > 0 && plans.mostCustom <= 5, JSON.stringify(plans));
  });
});

/**
 * `User.groups(first)` is costed as `first` groups per user (README "Limits of one operation"): the
 * read behind it takes at most that many per user, so a page of users asking for one group each
 * does not load every membership of every user on the page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import type { Em } from '../../src/core/db.js';
import type { CoreContext } from '../../src/core/access.js';
import { groupsOfUsers, knownGroups } from '../../src/core/queries/groups-query.js';
import { groupsRead, listUsers, MAX_PAGE_SIZE } from '../../src/core/queries/users-query.js';

const USERS = 50;
const GROUPS = 40;

describe("a page of users' groups", () => {
  let t: TestServer;
  let org: OrgFixture;
  let userIds: string[];
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    // every user in every group, written directly (2,000 memberships in one statement)
    userIds = await withDb(t.databaseUrl, async (db) => {
      const users = await db.query<{ id: string }>(
        `insert into users (id, organization_id, user_name, user_name_key, active, emails, email_keys, phone_numbers, addresses, role, base_role,
                            custom_attributes, provisioned_by, attribute_sources, created_at, updated_at, version)
         select gen_random_uuid(), $1, 'u' || i || '@example.com', 'u' || i || '@example.com', true, '[]', '{}', '[]', '[]', 'MEMBER', 'MEMBER',
                '{}', 'API', '{}', now() + i * interval '1 ms', now(), 1
           from generate_series(1, $2::int) i returning id`,
        [org.id, USERS],
      );
      await db.query(
        `insert into groups (id, organization_id, display_name, display_name_key, provisioned_by, member_count, created_at, updated_at, version)
         select gen_random_uuid(), $1, 'Group ' || lpad(i::text, 3, '0'), 'group ' || lpad(i::text, 3, '0'), 'API', $3::int, now(), now(), 1
           from generate_series(1, $2::int) i`,
        [org.id, GROUPS, USERS],
      );
      await db.query(
        `insert into group_memberships (group_id, user_id, organization_id, created_at)
         select g.id, u.id, $1, now() from groups g cross join users u where g.organization_id = $1 and u.organization_id = $1`,
        [org.id],
      );
      return users.rows.map((r) => r.id);
    });
  });
  after(() => t.stop());

  test('the read takes at most the page of groups asked for per user', async () => {
    const ctx: CoreContext = {
      em: t.server.orm.em.fork() as Em,
      principal: { kind: 'PLATFORM', credentialId: null, label: 'test' },
      requestId: null,
    };
    const one = await groupsOfUsers(ctx, org.id, userIds, 1);
    assert.equal(one.size, USERS);
    for (const groups of one.values())
      assert.deepEqual(
        groups.map((g) => g.displayName),
        ['Group 001'],
      );
    const none = await groupsOfUsers(ctx, org.id, userIds, 0);
    for (const groups of none.values()) assert.equal(groups.length, 0);
    // a page of users read with their groups in the same statement (`users { nodes { groups } }`)
    const page = await listUsers(ctx, org.id, { first: 1000, withGroups: 2 });
    assert.equal(page.nodes.length, USERS);
    for (const u of page.nodes)
      assert.deepEqual(
        knownGroups.get(u)?.map((g) => g.displayName),
        ['Group 001', 'Group 002'],
      );
    // the statement's limit is a power of two at least the page asked for (the field slices): every
    // `first` from 1 to 1000 makes at most 12 statement texts for the 64 the process prepares
    const reads = Array.from({ length: MAX_PAGE_SIZE }, (_, i) => [i + 1, groupsRead(i + 1)] as const);
    assert.ok(reads.every(([first, read]) => read >= first && read <= MAX_PAGE_SIZE));
    assert.equal(new Set(reads.map(([, read]) => read)).size, 11);
    assert.equal(groupsRead(0), 0);
  });

  test('users { groups(first) } and group { members { groups(first) } } answer the first groups by displayName, each page size in one request', async () => {
    const r = await t.gql(
      `query ($o: ID!) { users(organizationId: $o, first: 100) { nodes { id one: groups(first: 1) { displayName } three: groups(first: 3) { displayName } all: groups { id } } } }`,
      { o: org.id },
      org.key,
    );
    const nodes = (r as { users: { nodes: Array<{ one: Array<{ displayName: string }>; three: Array<{ displayName: string }>; all: unknown[] }> } }).users
      .nodes;
    assert.equal(nodes.length, USERS);
    for (const n of nodes) {
      assert.deepEqual(
        n.one.map((g) => g.displayName),
        ['Group 001'],
      );
      assert.deepEqual(
        n.three.map((g) => g.displayName),
        ['Group 001', 'Group 002', 'Group 003'],
      );
      assert.equal(n.all.length, GROUPS);
    }
    const groupId = (await t.gql(`query ($o: ID!) { groups(organizationId: $o, first: 1) { nodes { id } } }`, { o: org.id }, org.key)) as {
      groups: { nodes: Array<{ id: string }> };
    };
    const m = await t.gql(
      `query ($o: ID!, $g: ID!, $n: Int) { group(organizationId: $o, id: $g) { members(first: 100) { nodes { one: groups(first: 1) { displayName } n: groups(first: $n) { displayName } } } } }`,
      { o: org.id, g: groupId.groups.nodes[0]!.id, n: 4 },
      org.key,
    );
    const members = (m as { group: { members: { nodes: Array<{ one: Array<{ displayName: string }>; n: Array<{ displayName: string }> }> } } }).group.members
      .nodes;
    assert.equal(members.length, USERS);
    for (const n of members) {
      assert.deepEqual(
        n.one.map((g) => g.displayName),
        ['Group 001'],
      );
      assert.equal(n.n.length, 4);
    }
  });
});

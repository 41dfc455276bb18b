import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { someoneWaitsForALock, withDb } from '../helpers/db.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { preparedPlans } from '../helpers/prepared-plans.js';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  DeleteOrganizationDocument,
  DeleteUserDocument,
  EventsDocument,
  GroupDocument,
  GroupsDocument,
  RemoveGroupMembersDocument,
  SetGroupMembersDocument,
  UpdateGroupDocument,
  UserDocument,
  UsersDocument,
} from '../generated/graphql.js';

describe('groups and memberships', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  const ids: string[] = [];
  let logs: CapturedLogs;
  before(async () => {
    // warnings are captured (not printed): the lock races below check what the server reported
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    other = await createOrg(t);
    for (let i = 0; i < 12; i++) ids.push((await createUser(t, org, { userName: `m${i}@example.com` })).id);
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  test('create with members, page through members, count stays exact', async () => {
    const g = (
      await t.gql(
        CreateGroupDocument,
        { organizationId: org.id, input: { displayName: 'Engineering', externalId: '00g1', memberIds: ids.slice(0, 7) } },
        org.key,
      )
    ).createGroup;
    assert.equal(g.memberCount, 7);
    const names: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const { group } = await t.gql(GroupDocument, { organizationId: org.id, id: g.id, first: 3, after }, org.key);
      names.push(...group!.members.nodes.map((m) => m.userName));
      assert.equal(group!.members.totalCount, 7);
      if (!group!.members.pageInfo.hasNextPage) break;
      after = group!.members.pageInfo.endCursor;
    }
    assert.equal(new Set(names).size, 7);
  });

  test('displayName is unique case-insensitively; externalId too', async () => {
    const sales = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Sales', externalId: 'g-sales' } }, org.key)).createGroup;
    const byName = await t.raw(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'SALES' } }, org.key);
    assert.equal(byName.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(byName.errors?.[0]?.extensions?.field, 'displayName');
    assert.equal(byName.errors?.[0]?.extensions?.id, sales.id, 'the conflict names the group that has the name');
    const byExt = await t.raw(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Sales 2', externalId: 'g-sales' } }, org.key);
    assert.equal(byExt.errors?.[0]?.extensions?.field, 'externalId');
    const { groups } = await t.gql(GroupsDocument, { organizationId: org.id, filter: { displayName: { eq: 'sales' } } }, org.key);
    assert.equal(groups.totalCount, 1);
  });

  test('adding existing members does not duplicate them; removing non-members is ignored', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Ops', memberIds: [ids[0]!, ids[1]!] } }, org.key)).createGroup;
    const add = (await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[1]!, ids[2]!, ids[2]!] }, org.key))
      .addGroupMembers;
    assert.deepEqual(add.addedUserIds, [ids[2]]);
    assert.equal(add.group.memberCount, 3);
    const rm = (await t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[0]!, ids[9]!, 'not-a-user-id'] }, org.key))
      .removeGroupMembers;
    assert.deepEqual(rm.removedUserIds, [ids[0]], 'non-members, malformed ids too, are ignored');
    assert.equal(rm.group.memberCount, 2);
    const ev = await t.gql(
      EventsDocument,
      { organizationId: org.id, filter: { subjectId: g.id, types: ['MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED'] }, first: 50 },
      org.key,
    );
    assert.deepEqual(
      ev.events.nodes.map((e) => [e.type, e.objectId]),
      [
        ['MEMBERSHIP_ADDED', ids[0]],
        ['MEMBERSHIP_ADDED', ids[1]],
        ['MEMBERSHIP_ADDED', ids[2]],
        ['MEMBERSHIP_REMOVED', ids[0]],
      ],
    );
  });

  test('removals and adds at once on one group: each member removed once, memberCount exact, one event per change', async () => {
    // removal takes the group's lock and deletes in one statement (lockGroupRemoving): the lock
    // still serialises the group's membership writes
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Concurrent members', memberIds: ids.slice(0, 8) } }, org.key))
      .createGroup;
    const remove = (userIds: string[]) => t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds }, org.key);
    const add = (userIds: string[]) => t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds }, org.key);
    const results = await Promise.all([
      ...ids.slice(0, 6).map((id) => remove([id])),
      remove([ids[0]!]),
      remove([ids[1]!, ids[2]!]),
      add([ids[8]!]),
      add([ids[9]!, ids[0]!]),
      remove([ids[9]!]),
    ]);
    const removedIds = results.flatMap((r) => ('removeGroupMembers' in r ? r.removeGroupMembers.removedUserIds : []));
    assert.equal(new Set(removedIds).size, removedIds.length, 'no member removed twice');
    const now = (await t.gql(GroupDocument, { organizationId: org.id, id: g.id, first: 50 }, org.key)).group!;
    assert.equal(now.memberCount, now.members.totalCount);
    assert.equal(now.members.nodes.length, now.memberCount);
    const ev = await t.gql(
      EventsDocument,
      { organizationId: org.id, filter: { subjectId: g.id, types: ['MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED'] }, first: 100 },
      org.key,
    );
    const count = (type: string) => ev.events.nodes.filter((e) => e.type === type).length;
    assert.equal(count('MEMBERSHIP_ADDED') - count('MEMBERSHIP_REMOVED'), now.memberCount, 'the events add up to the members');
  });

  test('concurrent changes of one group wait their turn in the server, not in PostgreSQL: one waits for the row lock, the rest hold no connection', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'In turn', memberIds: ids.slice(0, 10) } }, org.key))
      .createGroup;
    const waiting = (db: import('pg').Client) =>
      db
        .query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)
        .then((r) => r.rows[0]!.n);
    await withDb(t.databaseUrl, async (holder) => {
      // another instance (here: a session of its own) holds the group's row
      await holder.query('begin');
      await holder.query('select id from groups where id = $1 for update', [g.id]);
      const removals = ids.slice(0, 10).map((id) => t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [id] }, org.key));
      try {
        await withDb(t.databaseUrl, async (db) => {
          assert.ok(await someoneWaitsForALock(db), 'the first change waits for the row');
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(await waiting(db), 1, 'only one of the ten waits in PostgreSQL');
        });
      } finally {
        await holder.query('commit');
      }
      const done = await Promise.all(removals);
      assert.deepEqual(
        done.map((r) => r.removeGroupMembers.removedUserIds),
        ids.slice(0, 10).map((id) => [id]),
        'each in its order, all done',
      );
    });
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id, first: 50 }, org.key)).group!.memberCount, 0);
    // a failed change does not hold up the next one
    const bad = await t.raw(
      'mutation ($o: ID!, $g: ID!, $u: [ID!]!) { removeGroupMembers(organizationId: $o, groupId: $g, userIds: $u, expectedVersion: 1) { removedUserIds } }',
      { o: org.id, g: g.id, u: [ids[0]!] },
      org.key,
    );
    assert.equal(bad.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    const next = await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[0]!] }, org.key);
    assert.deepEqual(next.addGroupMembers.addedUserIds, [ids[0]]);
  });

  test("removing one member (Okta's and Entra's removal) is planned once: a generic plan, not one per removal", async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'One at a time', memberIds: ids } }, org.key)).createGroup;
    for (const id of ids.slice(0, 10)) {
      const r = (await t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [id] }, org.key)).removeGroupMembers;
      assert.deepEqual(r.removedUserIds, [id]);
    }
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id, first: 50 }, org.key)).group!.memberCount, 2);
    // `m.user_id = any($3::uuid[])` was planned for every run (0 generic plans)
    const plans = await preparedPlans(t, 'm.user_id = $3::uuid and');
    assert.ok(plans.generic > 0 && plans.mostCustom <= 5, JSON.stringify(plans));
  });

  test('a removal is written with its event in one transaction; a stale version or a non-member changes nothing', async () => {
    const g = (
      await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Removed with its event', memberIds: ids.slice(0, 3) } }, org.key)
    ).createGroup;
    const removedEvents = async () =>
      (await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: g.id, types: ['MEMBERSHIP_REMOVED'] }, first: 50 }, org.key)).events.nodes;
    const remove = (userId: string, v: number) =>
      t.raw<{ removeGroupMembers: { removedUserIds: string[]; group: { memberCount: number; version: number } } }, Record<string, unknown>>(
        'mutation ($o: ID!, $g: ID!, $u: [ID!]!, $v: Int) { removeGroupMembers(organizationId: $o, groupId: $g, userIds: $u, expectedVersion: $v) { removedUserIds group { memberCount version } } }',
        { o: org.id, g: g.id, u: [userId], v },
        org.key,
      );
    const r = await remove(ids[0]!, g.version);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.deepEqual(r.data!.removeGroupMembers.removedUserIds, [ids[0]]);
    assert.deepEqual([r.data!.removeGroupMembers.group.memberCount, r.data!.removeGroupMembers.group.version], [2, g.version + 1]);
    const [ev] = await removedEvents();
    assert.deepEqual([ev?.objectId, ev?.subjectLabel, ev?.actorType, ev?.requestId], [ids[0], 'Removed with its event', 'API_KEY', r.requestId]);
    await withDb(t.databaseUrl, async (db) => {
      const same = await db.query<{ same: boolean }>(
        `select (select xmin::text from groups where id = $1) = (select xid::text from events where subject_id = $1 and type = 'MEMBERSHIP_REMOVED') as same`,
        [g.id],
      );
      assert.equal(same.rows[0]!.same, true, "the group's new version and the event were committed by one transaction");
    });

    const stale = await remove(ids[1]!, g.version);
    assert.equal(stale.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    const nonMember = (await t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[9]!] }, org.key)).removeGroupMembers;
    assert.deepEqual(nonMember.removedUserIds, []);
    const now = (await t.gql(GroupDocument, { organizationId: org.id, id: g.id, first: 50 }, org.key)).group!;
    assert.deepEqual([now.memberCount, now.version], [2, g.version + 1], 'neither changed the group');
    assert.deepEqual(
      now.members.nodes.map((m) => m.id),
      [ids[1], ids[2]],
    );
    assert.equal((await removedEvents()).length, 1, 'nor wrote an event');
    const missing = await t.raw(
      'mutation ($o: ID!, $g: ID!, $u: [ID!]!) { removeGroupMembers(organizationId: $o, groupId: $g, userIds: $u) { removedUserIds } }',
      { o: other.id, g: g.id, u: [ids[1]!] },
      other.key,
    );
    assert.equal(missing.errors?.[0]?.extensions?.code, 'NOT_FOUND', "another organization's group is not found");
  });

  test('setGroupMembers replaces the list; [] empties the group', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Replace', memberIds: ids.slice(0, 4) } }, org.key))
      .createGroup;
    const r = (await t.gql(SetGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: ids.slice(2, 6) }, org.key)).setGroupMembers;
    assert.deepEqual([...r.addedUserIds].sort(), ids.slice(4, 6).sort());
    assert.deepEqual([...r.removedUserIds].sort(), ids.slice(0, 2).sort());
    assert.equal(r.group.memberCount, 4);
    const e = (await t.gql(SetGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [] }, org.key)).setGroupMembers;
    assert.equal(e.group.memberCount, 0);
  });

  test('member ids of another organization, or unknown, are rejected and nothing changes', async () => {
    const foreign = await createUser(t, other, { userName: 'foreign@example.com' });
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Closed', memberIds: [ids[0]!] } }, org.key)).createGroup;
    for (const bad of [foreign.id, '01900000-0000-7000-8000-000000000000', 'not-a-uuid']) {
      const r = await t.raw(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[1]!, bad] }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', bad);
    }
    const { group } = await t.gql(GroupDocument, { organizationId: org.id, id: g.id }, org.key);
    assert.equal(group?.memberCount, 1);
    assert.equal(group?.members.totalCount, 1);
  });

  test('rename, user groups, filter users by group, delete user keeps counts, delete group', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Temp', memberIds: [ids[10]!, ids[11]!] } }, org.key))
      .createGroup;
    const renamed = (await t.gql(UpdateGroupDocument, { organizationId: org.id, id: g.id, input: { displayName: 'Temporary' } }, org.key)).updateGroup;
    assert.equal(renamed.displayName, 'Temporary');
    const { user } = await t.gql(UserDocument, { organizationId: org.id, id: ids[10]! }, org.key);
    assert.ok(user?.groups.some((x) => x.displayName === 'Temporary'));
    const inGroup = await t.gql(UsersDocument, { organizationId: org.id, filter: { groupId: g.id } }, org.key);
    assert.equal(inGroup.users.totalCount, 2);
    await t.gql(DeleteUserDocument, { organizationId: org.id, id: ids[11]! }, org.key);
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id }, org.key)).group?.memberCount, 1);
    // the user left the group with a membership event, as on deactivation, before its USER_DELETED
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { involving: ids[11]! }, order: 'DESC', first: 2 }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => [e.type, e.subjectId, e.objectId ?? null, (e.data as { reason?: string } | null)?.reason ?? null]),
      [
        ['USER_DELETED', ids[11]!, null, null],
        ['MEMBERSHIP_REMOVED', g.id, ids[11]!, 'userDeleted'],
      ],
    );
    assert.equal((await t.gql(DeleteGroupDocument, { organizationId: org.id, id: g.id }, org.key)).deleteGroup, g.id);
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id }, org.key)).group, null);
    assert.ok((await t.gql(UserDocument, { organizationId: org.id, id: ids[10]! }, org.key)).user, 'members survive their group');
  });

  // memberships have no foreign keys (checked row by row they cost ~40 % of a large push): triggers
  // delete them with their user or group, and adds hold off user deletions (membership-locks)
  describe('memberships of deleted users, groups and organizations', () => {
    /** The server's reports of a transaction it ran again, for one request. */
    const runAgain = (requestId: string | null) => logs.of(requestId).filter((l) => l.msg === 'transaction run again');
    const memberships = async (where: string, params: unknown[]) => {
      return withDb(t.databaseUrl, async (db) => {
        return Number((await db.query(`select count(*) from group_memberships where ${where}`, params)).rows[0].count);
      });
    };

    test('go with the user, with the group, and with the organization', async () => {
      const a = (await createUser(t, org, { userName: 'gone-a@example.com' })).id;
      const b = (await createUser(t, org, { userName: 'gone-b@example.com' })).id;
      const g1 = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Gone 1', memberIds: [a, b] } }, org.key)).createGroup.id;
      const g2 = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Gone 2', memberIds: [a, b] } }, org.key)).createGroup.id;
      assert.equal(await memberships('user_id = any($1::uuid[])', [[a, b]]), 4);
      await t.gql(DeleteUserDocument, { organizationId: org.id, id: a }, org.key);
      assert.equal(await memberships('user_id = $1', [a]), 0);
      assert.equal(await memberships('user_id = $1', [b]), 2, 'other members stay');
      await t.gql(DeleteGroupDocument, { organizationId: org.id, id: g1 }, org.key);
      assert.equal(await memberships('group_id = $1', [g1]), 0);
      assert.equal(await memberships('group_id = $1', [g2]), 1);

      const doomed = await createOrg(t);
      const users: string[] = [];
      for (let i = 0; i < 3; i++) users.push((await createUser(t, doomed, { userName: `d${i}@example.com` })).id);
      const dg = (await t.gql(CreateGroupDocument, { organizationId: doomed.id, input: { displayName: 'Doomed', memberIds: users } }, doomed.key)).createGroup
        .id;
      assert.equal(await memberships('group_id = $1', [dg]), 3);
      await t.gql(DeleteOrganizationDocument, { id: doomed.id, confirmSlug: doomed.slug });
      assert.equal(await memberships('group_id = $1 or user_id = any($2::uuid[])', [dg, users]), 0);
    });

    test('a user deletion racing an add in flight waits for it, then removes its membership and keeps the count exact', async () => {
      const u = (await createUser(t, org, { userName: 'deleted-during-add@example.com' })).id;
      const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Add in flight' } }, org.key)).createGroup.id;
      await withDb(t.databaseUrl, async (db) => {
        // an add as the groups service writes it (membership-locks): hold user deletions, count, insert
        await db.query('begin');
        await db.query('select pg_advisory_xact_lock_shared(group_members_lock_key($1))', [org.id]);
        await db.query('update groups set member_count = member_count + 1, version = version + 1 where id = $1', [g]);
        await db.query('insert into group_memberships (group_id, user_id, organization_id, created_at) values ($1, $2, $3, now())', [g, u, org.id]);
        let done = false;
        const del = t.raw(DeleteUserDocument, { organizationId: org.id, id: u }, org.key).finally(() => (done = true));
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(done, false, 'the deletion waits for the add');
        await db.query('commit');
        const r = await del;
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      });
      assert.equal(await memberships('user_id = $1', [u]), 0);
      assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g }, org.key)).group?.memberCount, 0, 'the count saw the add it waited for');
    });

    test('an add that PostgreSQL aborts to break a deadlock runs again and succeeds', async () => {
      const u = (await createUser(t, org, { userName: 'deadlocked-add@example.com' })).id;
      const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Deadlock' } }, org.key)).createGroup.id;
      await withDb(t.databaseUrl, async (db) => {
        await db.query('begin');
        await db.query('select id from groups where id = $1 for update', [g]);
        // the add takes the organization's membership lock shared, then waits for the group row
        const add = t.raw(AddGroupMembersDocument, { organizationId: org.id, groupId: g, userIds: [u] }, org.key);
        assert.ok(await someoneWaitsForALock(db), 'the add waits for the group row');
        // this transaction now waits for the add's lock: a deadlock, which PostgreSQL breaks after
        // deadlock_timeout (1 s) by aborting the add (its wait began first)
        await db.query('select pg_advisory_xact_lock(group_members_lock_key($1))', [org.id]);
        await db.query('commit');
        const r = await add;
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
        assert.ok(
          runAgain(r.requestId).some((l) => l.reason === 'deadlock'),
          'the server reports the deadlock it ran the add again for',
        );
      });
      assert.equal(await memberships('group_id = $1 and user_id = $2', [g, u]), 1);
    });

    test('a removal that PostgreSQL aborts to break a deadlock runs again and succeeds, with one event', async () => {
      const u = (await createUser(t, org, { userName: 'deadlocked-removal@example.com' })).id;
      const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Deadlocked removal', memberIds: [u] } }, org.key))
        .createGroup.id;
      await withDb(t.databaseUrl, async (db) => {
        await db.query('begin');
        // what an organization's deletion locks first: then the removal takes the group's row and
        // waits for the organization's (for its event)
        await db.query('select id from organizations where id = $1 for update', [org.id]);
        const rm = t.raw(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g, userIds: [u] }, org.key);
        assert.ok(await someoneWaitsForALock(db), 'the removal waits for the organization row');
        // this transaction now waits for the removal's group row: a deadlock, which PostgreSQL breaks
        // after deadlock_timeout (1 s) by aborting the removal (its wait began first). Under load the
        // removal's one check may come before this wait began; then this transaction is aborted
        // instead, and the removal goes on as it was
        const aborted = await db.query('select id from groups where id = $1 for update', [g]).then(
          () => false,
          (e: { code?: string }) => (e.code === '40P01' ? true : Promise.reject(e)),
        );
        await db.query(aborted ? 'rollback' : 'commit');
        const r = await rm;
        assert.equal(r.errors, undefined, JSON.stringify(r.errors));
        assert.deepEqual(r.data?.removeGroupMembers.removedUserIds, [u]);
        if (!aborted)
          assert.ok(
            runAgain(r.requestId).some((l) => l.reason === 'deadlock'),
            'the server reports the deadlock it ran the removal again for',
          );
      });
      assert.equal(await memberships('group_id = $1', [g]), 0);
      const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: g, types: ['MEMBERSHIP_REMOVED'] }, first: 10 }, org.key);
      assert.deepEqual(
        ev.events.nodes.map((e) => e.objectId),
        [u],
      );
      assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g }, org.key)).group?.memberCount, 0);
    });

    test('an organization deletion racing an add in flight waits for it: no deadlock, nothing left behind', async () => {
      const doomed = await createOrg(t);
      const u = (await createUser(t, doomed, { userName: 'added-during-deletion@example.com' })).id;
      const g = (await t.gql(CreateGroupDocument, { organizationId: doomed.id, input: { displayName: 'Doomed add' } }, doomed.key)).createGroup.id;
      const [add, del] = await withDb(t.databaseUrl, async (db) => {
        await db.query('begin');
        await db.query('select id from groups where id = $1 for update', [g]);
        // the add holds the organization's membership lock (shared) and waits for the group row
        const add = t.raw(AddGroupMembersDocument, { organizationId: doomed.id, groupId: g, userIds: [u] }, doomed.key);
        assert.ok(await someoneWaitsForALock(db), 'the add waits for the group row');
        // the deletion takes that lock first, so it waits for the add before it locks anything the add
        // needs; were it to lock the organization first, the add's event write (which locks the
        // organization row) and the deletion's cascade (which needs the add's group row) would deadlock
        const del = t.raw(DeleteOrganizationDocument, { id: doomed.id, confirmSlug: doomed.slug });
        assert.ok(await someoneWaitsForALock(db, 2), 'the deletion waits too');
        await db.query('commit');
        return [await add, await del];
      });
      assert.equal(add.errors, undefined, JSON.stringify(add.errors));
      assert.equal(del.errors, undefined, JSON.stringify(del.errors));
      assert.deepEqual([...runAgain(add.requestId), ...runAgain(del.requestId)], [], 'neither was aborted to break a deadlock');
      await withDb(t.databaseUrl, async (db) => {
        for (const table of ['group_memberships', 'events', 'groups', 'users']) {
          assert.equal((await db.query(`select count(*)::int as n from ${table} where organization_id = $1`, [doomed.id])).rows[0].n, 0, table);
        }
      });
    });

    test('an add racing the deletion of a member either fails or is removed with the user: never a membership of no user', async () => {
      const victim = (await createUser(t, org, { userName: 'racing@example.com' })).id;
      const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Race' } }, org.key)).createGroup.id;
      // the deletion is in flight while the add runs
      await withDb(t.databaseUrl, async (db) => {
        await db.query('begin');
        await db.query('delete from users where id = $1', [victim]);
        const add = t.raw(AddGroupMembersDocument, { organizationId: org.id, groupId: g, userIds: [victim, ids[0]!] }, org.key);
        await new Promise((r) => setTimeout(r, 300)); // the add is now waiting for the deletion
        await db.query('commit');
        const r = await add;
        assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r));
      });
      assert.equal(await memberships('user_id = $1', [victim]), 0);
      assert.equal(await memberships('group_id = $1', [g]), 0, 'nothing of the failed add was written');
    });
  });
});

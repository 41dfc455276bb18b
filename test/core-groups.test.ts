import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from './helpers/fixtures.js';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  DeleteUserDocument,
  EventsDocument,
  GroupDocument,
  GroupsDocument,
  RemoveGroupMembersDocument,
  SetGroupMembersDocument,
  UpdateGroupDocument,
  UserDocument,
  UsersDocument,
} from './generated/graphql.js';

describe('groups and memberships', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  const ids: string[] = [];
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    for (let i = 0; i < 12; i++) ids.push((await createUser(t, org, { userName: `m${i}@example.com` })).id);
  });
  after(() => t.stop());

  test('create with members, page through members, count stays exact', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Engineering', externalId: '00g1', memberIds: ids.slice(0, 7) } }, org.key)).createGroup;
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
    await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Sales', externalId: 'g-sales' } }, org.key);
    const byName = await t.raw(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'SALES' } }, org.key);
    assert.equal(byName.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(byName.errors?.[0]?.extensions?.field, 'displayName');
    const byExt = await t.raw(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Sales 2', externalId: 'g-sales' } }, org.key);
    assert.equal(byExt.errors?.[0]?.extensions?.field, 'externalId');
    const { groups } = await t.gql(GroupsDocument, { organizationId: org.id, filter: { displayName: { eq: 'sales' } } }, org.key);
    assert.equal(groups.totalCount, 1);
  });

  test('adding existing members does not duplicate them; removing non-members is ignored', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Ops', memberIds: [ids[0]!, ids[1]!] } }, org.key)).createGroup;
    const add = (await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[1]!, ids[2]!, ids[2]!] }, org.key)).addGroupMembers;
    assert.deepEqual(add.addedUserIds, [ids[2]]);
    assert.equal(add.group.memberCount, 3);
    const rm = (await t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [ids[0]!, ids[9]!] }, org.key)).removeGroupMembers;
    assert.deepEqual(rm.removedUserIds, [ids[0]]);
    assert.equal(rm.group.memberCount, 2);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: g.id, types: ['MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED'] }, first: 50 }, org.key);
    assert.deepEqual(ev.events.nodes.map((e) => [e.type, e.objectId]), [
      ['MEMBERSHIP_ADDED', ids[0]],
      ['MEMBERSHIP_ADDED', ids[1]],
      ['MEMBERSHIP_ADDED', ids[2]],
      ['MEMBERSHIP_REMOVED', ids[0]],
    ]);
  });

  test('setGroupMembers replaces the list; [] empties the group', async () => {
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Replace', memberIds: ids.slice(0, 4) } }, org.key)).createGroup;
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
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Temp', memberIds: [ids[10]!, ids[11]!] } }, org.key)).createGroup;
    const renamed = (await t.gql(UpdateGroupDocument, { organizationId: org.id, id: g.id, input: { displayName: 'Temporary' } }, org.key)).updateGroup;
    assert.equal(renamed.displayName, 'Temporary');
    const { user } = await t.gql(UserDocument, { organizationId: org.id, id: ids[10]! }, org.key);
    assert.ok(user?.groups.some((x) => x.displayName === 'Temporary'));
    const inGroup = await t.gql(UsersDocument, { organizationId: org.id, filter: { groupId: g.id } }, org.key);
    assert.equal(inGroup.users.totalCount, 2);
    await t.gql(DeleteUserDocument, { organizationId: org.id, id: ids[11]! }, org.key);
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id }, org.key)).group?.memberCount, 1);
    assert.equal((await t.gql(DeleteGroupDocument, { organizationId: org.id, id: g.id }, org.key)).deleteGroup, g.id);
    assert.equal((await t.gql(GroupDocument, { organizationId: org.id, id: g.id }, org.key)).group, null);
    assert.ok((await t.gql(UserDocument, { organizationId: org.id, id: ids[10]! }, org.key)).user, 'members survive their group');
  });
});

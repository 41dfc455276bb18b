// docs/PROVISIONING.md §3
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/harness.js';
import { createOrg, createUser } from '../../helpers/fixtures.js';
import {
  AddGroupMembersDocument,
  AddGroupMembersByNameDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  EventsDocument,
  RemoveGroupMembersDocument,
  SetProvisioningPolicyDocument,
  UpdateUserDocument,
  UserDocument,
  UsersDocument,
} from '../../generated/graphql.js';

describe('roles (§3)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test('§3.1 new users get the default role', async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { defaultRole: 'VIEWER' } }, org.key);
    const u = await createUser(t, org, { userName: 'v@example.com' }, org.scimToken);
    assert.equal(u.role, 'VIEWER');
  });

  test('§3.2 group-to-role rules: membership grants, highest wins, re-evaluated on every membership and rule change', async () => {
    const org = await createOrg(t);
    const admins = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Admins' } }, org.key)).createGroup;
    const editors = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Editors' } }, org.key)).createGroup;
    const u = await createUser(t, org, { userName: 'r@example.com' });
    const role = async () => (await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key)).user!.role;
    await t.gql(
      SetProvisioningPolicyDocument,
      {
        organizationId: org.id,
        input: {
          groupRoleRules: [
            { groupId: admins.id, role: 'ADMIN' },
            { groupId: editors.id, role: 'EDITOR' },
          ],
        },
      },
      org.key,
    );
    assert.equal(await role(), 'MEMBER');
    await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: editors.id, userIds: [u.id] }, org.scimToken);
    assert.equal(await role(), 'EDITOR');
    await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: admins.id, userIds: [u.id] }, org.scimToken);
    assert.equal(await role(), 'ADMIN', 'highest wins');
    await t.gql(RemoveGroupMembersDocument, { organizationId: org.id, groupId: admins.id, userIds: [u.id] }, org.scimToken);
    assert.equal(await role(), 'EDITOR');
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: editors.id, role: 'VIEWER' }] } }, org.key);
    assert.equal(await role(), 'MEMBER', 'a rule never lowers below the base role');
    await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { role: 'VIEWER' } }, org.key);
    const after = (await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key)).user!;
    assert.equal(after.role, 'VIEWER');
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: editors.id, role: 'ADMIN' }] } }, org.key);
    assert.equal(await role(), 'ADMIN');
    await t.gql(DeleteGroupDocument, { organizationId: org.id, id: editors.id }, org.key);
    assert.equal(await role(), 'VIEWER', 'deleting the group takes the granted role away');
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: u.id, types: ['USER_UPDATED'] }, first: 50 }, org.key);
    assert.ok(ev.events.nodes.some((e) => e.data.reason === 'groupRoleRules' && (e.changes.role as { after: string }).after === 'ADMIN'));
  });

  test('§3.2 a large group push re-evaluates every member set-based', async () => {
    const org = await createOrg(t);
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Everyone' } }, org.key)).createGroup;
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: g.id, role: 'EDITOR' }] } }, org.key);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await createUser(t, org, { userName: `p${i}@example.com` })).id);
    await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: ids }, org.scimToken);
    const editors = await t.gql(UsersDocument, { organizationId: org.id, filter: { role: { eq: 'EDITOR' } } }, org.key);
    assert.equal(editors.users.totalCount, 60);
  });

  test('setting the rules a policy already has changes nothing: same version, no POLICY_CHANGED (jsonb reorders the stored keys)', async () => {
    const org = await createOrg(t);
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Admins' } }, org.key)).createGroup;
    const set = async () =>
      (await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: g.id, role: 'ADMIN' }] } }, org.key))
        .setProvisioningPolicy;
    const first = await set();
    const again = await set();
    assert.equal(again.version, first.version);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['POLICY_CHANGED'] }, first: 50 }, org.key);
    assert.equal(ev.events.nodes.length, 1, 'one change: the first');
  });

  test('invalid rules are BAD_USER_INPUT (unknown group, group of another organization)', async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const foreign = (await t.gql(CreateGroupDocument, { organizationId: other.id, input: { displayName: 'Theirs' } }, other.key)).createGroup;
    for (const groupId of [foreign.id, '01900000-0000-7000-8000-000000000000', 'nope']) {
      const r = await t.raw(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId, role: 'ADMIN' }] } }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', groupId);
    }
  });

  test('§1.7 in mode FIRST_LOGIN a SCIM group push creates nobody, even with groupPushProvisionsMembers; an API key may', async () => {
    const org = await createOrg(t);
    await createUser(t, org, { userName: 'known@example.com' });
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode: 'FIRST_LOGIN', groupPushProvisionsMembers: true } }, org.key);
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'First login' } }, org.key)).createGroup;
    const newMembers = [{ userName: 'known@example.com' }, { userName: 'not-signed-in@example.com' }];
    const refused = await t.raw(AddGroupMembersByNameDocument, { organizationId: org.id, groupId: g.id, newMembers }, org.scimToken);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(refused.errors?.[0]?.extensions?.reason, 'policy.mode.scimCreateDisabled');
    assert.equal((await t.gql(UsersDocument, { organizationId: org.id }, org.key)).users.totalCount, 1, 'nothing was created');
    // members that are users already are pushed as before
    const known = await t.gql(AddGroupMembersByNameDocument, { organizationId: org.id, groupId: g.id, newMembers: [newMembers[0]!] }, org.scimToken);
    assert.equal(known.addGroupMembers.group.memberCount, 1);
    const byKey = await t.gql(AddGroupMembersByNameDocument, { organizationId: org.id, groupId: g.id, newMembers }, org.key);
    assert.equal(byKey.addGroupMembers.group.memberCount, 2);
  });

  test('§1.7 group push by userName creates missing members only when the policy allows it', async () => {
    const org = await createOrg(t);
    await createUser(t, org, { userName: 'known@example.com' });
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Pushed' } }, org.key)).createGroup;
    const refused = await t.raw(
      AddGroupMembersByNameDocument,
      { organizationId: org.id, groupId: g.id, newMembers: [{ userName: 'known@example.com' }, { userName: 'new@example.com' }] },
      org.scimToken,
    );
    assert.equal(refused.errors?.[0]?.extensions?.reason, 'policy.groupPush.provisioningDisabled');
    assert.equal((await t.gql(UsersDocument, { organizationId: org.id }, org.key)).users.totalCount, 1, 'nothing was created');
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupPushProvisionsMembers: true } }, org.key);
    const ok = await t.gql(
      AddGroupMembersByNameDocument,
      { organizationId: org.id, groupId: g.id, newMembers: [{ userName: 'KNOWN@example.com' }, { userName: 'new@example.com', displayName: 'New' }] },
      org.scimToken,
    );
    assert.equal(ok.addGroupMembers.group.memberCount, 2);
    const created = await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { eq: 'new@example.com' } } }, org.key);
    assert.equal(created.users.totalCount, 1);
    // concurrent pushes of several groups naming the same new person: one user, in every group
    const groups = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: `Wave ${i}` } }, org.key)),
    );
    const pushes = await Promise.all(
      groups.map(({ createGroup }) =>
        t.raw(
          AddGroupMembersByNameDocument,
          { organizationId: org.id, groupId: createGroup.id, newMembers: [{ userName: 'wave@example.com' }] },
          org.scimToken,
        ),
      ),
    );
    assert.deepEqual(
      pushes.map((p) => p.errors?.[0]?.extensions?.reason ?? null),
      pushes.map(() => null),
    );
    assert.deepEqual(
      pushes.map((p) => p.data?.addGroupMembers.group.memberCount),
      pushes.map(() => 1),
    );
    assert.equal((await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { eq: 'wave@example.com' } } }, org.key)).users.totalCount, 1);
  });
});

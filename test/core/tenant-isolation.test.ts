import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  CreateUserDocument,
  CredentialsDocument,
  DeleteGroupDocument,
  DeleteUserDocument,
  EventsDocument,
  GroupDocument,
  RevokeCredentialDocument,
  UpdateUserDocument,
  UserDocument,
  UsersDocument,
  UserStatsDocument,
} from '../generated/graphql.js';

describe('tenant isolation: an organization credential sees and changes nothing of another organization', () => {
  let t: TestServer;
  let a: OrgFixture;
  let b: OrgFixture;
  let bUser: string;
  let bGroup: string;
  let bCredential: string;
  before(async () => {
    t = await startTestServer();
    a = await createOrg(t);
    b = await createOrg(t);
    bUser = (await createUser(t, b, { userName: 'secret@b.example' })).id;
    bGroup = (await t.gql(CreateGroupDocument, { organizationId: b.id, input: { displayName: 'B team', memberIds: [bUser] } }, b.key)).createGroup.id;
    bCredential = (await t.gql(CredentialsDocument, { organizationId: b.id }, b.key)).credentials[0]!.id;
  });
  after(() => t.stop());

  for (const as of ['API key', 'SCIM token'] as const) {
    test(`${as} of A, asking about B by B's organization id, gets NOT_FOUND and B is unchanged`, async () => {
      const key = as === 'API key' ? a.key : a.scimToken;
      const ops = [
        t.raw(UserDocument, { organizationId: b.id, id: bUser }, key),
        t.raw(UsersDocument, { organizationId: b.id }, key),
        t.raw(UserStatsDocument, { organizationId: b.id }, key),
        t.raw(EventsDocument, { organizationId: b.id }, key),
        t.raw(GroupDocument, { organizationId: b.id, id: bGroup }, key),
        t.raw(CreateUserDocument, { organizationId: b.id, input: { userName: 'intruder@a.example' } }, key),
        t.raw(UpdateUserDocument, { organizationId: b.id, id: bUser, input: { title: 'pwned' } }, key),
        t.raw(DeleteUserDocument, { organizationId: b.id, id: bUser }, key),
        t.raw(DeleteGroupDocument, { organizationId: b.id, id: bGroup }, key),
        t.raw(RevokeCredentialDocument, { organizationId: b.id, id: bCredential }, key),
      ];
      for (const r of await Promise.all(ops)) assert.equal(r.errors?.[0]?.extensions?.code, 'NOT_FOUND', JSON.stringify(r));
    });

    test(`${as} of A, using B's ids under A's organization id, finds nothing and changes nothing`, async () => {
      const key = as === 'API key' ? a.key : a.scimToken;
      assert.equal((await t.gql(UserDocument, { organizationId: a.id, id: bUser }, key)).user, null);
      assert.equal((await t.gql(GroupDocument, { organizationId: a.id, id: bGroup }, key)).group, null);
      assert.equal(
        (await t.raw(UpdateUserDocument, { organizationId: a.id, id: bUser, input: { title: 'x' } }, key)).errors?.[0]?.extensions?.code,
        'NOT_FOUND',
      );
      assert.equal((await t.raw(DeleteUserDocument, { organizationId: a.id, id: bUser }, key)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      assert.equal((await t.raw(DeleteGroupDocument, { organizationId: a.id, id: bGroup }, key)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      const aGroup = (await t.gql(CreateGroupDocument, { organizationId: a.id, input: { displayName: `A team ${as}` } }, a.key)).createGroup.id;
      assert.equal(
        (await t.raw(AddGroupMembersDocument, { organizationId: a.id, groupId: aGroup, userIds: [bUser] }, key)).errors?.[0]?.extensions?.code,
        'BAD_USER_INPUT',
      );
      const users = await t.gql(UsersDocument, { organizationId: a.id, filter: { id: { eq: bUser } } }, key);
      assert.equal(users.users.totalCount, 0);
    });
  }

  test("B's data is intact", async () => {
    const { user } = await t.gql(UserDocument, { organizationId: b.id, id: bUser }, b.key);
    assert.equal(user?.title, null);
    assert.equal((await t.gql(GroupDocument, { organizationId: b.id, id: bGroup }, b.key)).group?.memberCount, 1);
    const creds = await t.gql(CredentialsDocument, { organizationId: b.id }, b.key);
    assert.ok(creds.credentials.every((c) => c.revokedAt === null));
  });
});

// docs/PROVISIONING.md §1.4, §1.5
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/harness.js';
import { createOrg, type OrgFixture } from '../../helpers/fixtures.js';
import { PATCH, scimClient } from '../../helpers/scim-client.js';
import {
  CreateGroupDocument,
  EventsDocument,
  UserStatsDocument,
  GroupDocument,
  ProvisionUserDocument,
  SetProvisioningPolicyDocument,
  UpdateUserDocument,
  UserDocument,
  UsersDocument,
} from '../../generated/graphql.js';

describe('deactivation and reactivation matrix (§1.4, §1.5)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  /** An org with the given policy, one SCIM user (role EDITOR) in one group. */
  async function setup(policy: { reactivation: 'RESTORE' | 'NEW_USER'; deactivationRemovesMemberships: boolean }) {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: policy }, org.key);
    const p = await t.gql(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userName: 'ada@example.com', externalId: '00u1', attributes: { title: 'Dev' } } },
      org.scimToken,
    );
    const id = p.provisionUser.user.id;
    await t.gql(UpdateUserDocument, { organizationId: org.id, id, input: { role: 'EDITOR' } }, org.key);
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Team', memberIds: [id] } }, org.key)).createGroup;
    return { org, id, groupId: g.id };
  }
  const scimSet = (org: OrgFixture, id: string, active: boolean) =>
    t.gql(ProvisionUserDocument, { organizationId: org.id, input: { userId: id, active, attributes: { title: 'Dev' } } }, org.scimToken);
  /** The history records NEW_USER reactivations left of ada@example.com. */
  const historyOf = async (org: OrgFixture) =>
    (await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { startsWith: 'ada@example.com#archived-' } } }, org.key)).users.nodes;
  const memberCount = async (org: OrgFixture, groupId: string) =>
    (await t.gql(GroupDocument, { organizationId: org.id, id: groupId }, org.key)).group!.memberCount;

  for (const reactivation of ['RESTORE', 'NEW_USER'] as const) {
    for (const removes of [false, true]) {
      test(`reactivation ${reactivation}, deactivation ${removes ? 'removes' : 'keeps'} memberships`, async () => {
        const { org, id, groupId } = await setup({ reactivation, deactivationRemovesMemberships: removes });
        const off = await scimSet(org, id, false);
        assert.equal(off.provisionUser.user.active, false);
        assert.equal(await memberCount(org, groupId), removes ? 0 : 1);
        // still visible while deactivated
        assert.equal((await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user?.active, false);

        const on = (await scimSet(org, id, true)).provisionUser;
        assert.equal(on.user.active, true);
        if (reactivation === 'RESTORE') {
          assert.equal(on.user.id, id, 'same user');
          assert.equal(on.user.role, 'EDITOR', 'same role');
          assert.equal(on.user.externalId, '00u1');
          assert.equal(await memberCount(org, groupId), removes ? 0 : 1);
        } else {
          assert.equal(on.user.id, id, 'the same id: the one the identity provider keeps sending');
          assert.equal(on.restored, true);
          assert.equal(on.created, false);
          assert.equal(on.user.userName, 'ada@example.com');
          assert.equal(on.user.externalId, '00u1');
          assert.equal(on.user.role, 'MEMBER', 'default role, not the old one');
          assert.deepEqual(on.user.groups, []);
          assert.equal(await memberCount(org, groupId), 0);
          const history = await historyOf(org);
          assert.equal(history.length, 1);
          const old = (await t.gql(UserDocument, { organizationId: org.id, id: history[0]!.id }, org.key)).user!;
          assert.notEqual(old.id, id);
          assert.equal(old.active, false);
          assert.equal(old.userName, `ada@example.com#archived-${old.id}`);
          assert.equal(old.externalId, null);
          assert.equal(old.role, 'EDITOR', 'the history keeps what the user was');
          const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id }, order: 'DESC' }, org.key);
          assert.equal(ev.events.nodes[0]?.type, 'USER_REACTIVATED');
          assert.equal(ev.events.nodes[0]?.data.history, old.id);
          assert.deepEqual(ev.events.nodes[0]?.changes.role, { before: 'EDITOR', after: 'MEMBER' });
        }
      });
    }
  }

  test('a re-POST of a deactivated user restores it (RESTORE) instead of conflicting', async () => {
    const { org, id } = await setup({ reactivation: 'RESTORE', deactivationRemovesMemberships: false });
    await scimSet(org, id, false);
    const again = (
      await t.gql(ProvisionUserDocument, { organizationId: org.id, input: { userName: 'ADA@example.com', attributes: { title: 'Lead' } } }, org.scimToken)
    ).provisionUser;
    assert.equal(again.user.id, id);
    assert.equal(again.restored, true);
    assert.equal(again.created, false);
    assert.equal(again.user.active, true);
    assert.equal(again.user.title, 'Lead');
    const byExternal = await setup({ reactivation: 'RESTORE', deactivationRemovesMemberships: false });
    await scimSet(byExternal.org, byExternal.id, false);
    const r = (
      await t.gql(
        ProvisionUserDocument,
        { organizationId: byExternal.org.id, input: { userName: 'renamed@example.com', externalId: '00u1', attributes: {} } },
        byExternal.org.scimToken,
      )
    ).provisionUser;
    assert.equal(r.user.id, byExternal.id);
    assert.equal(r.user.userName, 'renamed@example.com');
  });

  test('a re-POST of a deactivated user under NEW_USER replaces it; of an active user it conflicts', async () => {
    const { org, id } = await setup({ reactivation: 'NEW_USER', deactivationRemovesMemberships: false });
    const active = await t.raw(ProvisionUserDocument, { organizationId: org.id, input: { userName: 'ada@example.com', attributes: {} } }, org.scimToken);
    assert.equal(active.errors?.[0]?.extensions?.code, 'CONFLICT');
    await scimSet(org, id, false);
    const r = (await t.gql(ProvisionUserDocument, { organizationId: org.id, input: { userName: 'ada@example.com', attributes: {} } }, org.scimToken))
      .provisionUser;
    assert.equal(r.user.id, id);
    assert.equal(r.restored, true);
    assert.equal(r.user.title, null, 'a fresh start: the old title stays with the history');
    const { users } = await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { startsWith: 'ada@example.com' } } }, org.key);
    assert.equal(users.totalCount, 2);
  });

  test('NEW_USER: a repeated or concurrent reactivation by id makes one history record; a history record cannot be reactivated', async () => {
    const { org, id } = await setup({ reactivation: 'NEW_USER', deactivationRemovesMemberships: false });
    await scimSet(org, id, false);
    const all = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.raw(ProvisionUserDocument, { organizationId: org.id, input: { userId: id, active: true, attributes: { title: 'Dev' } } }, org.scimToken),
      ),
    );
    assert.deepEqual(
      all.map((r) => r.errors),
      all.map(() => undefined),
    );
    assert.deepEqual(new Set(all.map((r) => r.data?.provisionUser.user.id)), new Set([id]));
    assert.equal((await scimSet(org, id, true)).provisionUser.user.active, true, 'once more: nothing to do');
    assert.equal((await historyOf(org)).length, 1);
    // a second deactivation and reactivation leave a second history record
    await scimSet(org, id, false);
    await scimSet(org, id, true);
    const history = await historyOf(org);
    assert.equal(history.length, 2);
    const revive = await t.raw(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userId: history[0]!.id, active: true, attributes: {} } },
      org.scimToken,
    );
    assert.equal(revive.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(revive.errors?.[0]?.extensions?.reason, 'user.archived');
    // over SCIM, as Okta and Entra ID send it: deactivate and reactivate by PATCH of the id they know
    const scim = scimClient(t, org.scimToken);
    assert.equal((await scim.patch(`/Users/${id}`, PATCH({ op: 'replace', value: { active: false } }))).status, 200);
    const patches = await Promise.all(Array.from({ length: 4 }, () => scim.patch(`/Users/${id}`, PATCH({ op: 'replace', path: 'active', value: true }))));
    assert.deepEqual(
      patches.map((r) => [r.status, r.body.id, r.body.active]),
      patches.map(() => [200, id, true]),
    );
    assert.equal((await historyOf(org)).length, 3);
    const refused = await scim.patch(`/Users/${history[0]!.id}`, PATCH({ op: 'replace', path: 'active', value: true }));
    assert.equal(refused.status, 409);
    const { users } = await t.gql(UsersDocument, { organizationId: org.id, filter: { active: true } }, org.key);
    assert.deepEqual(
      users.nodes.map((u) => u.id),
      [id],
      'one active user',
    );
  });

  test('NEW_USER history copies: the historyCopy field and filter; SCIM lists and filters leave them out; no userName may carry the mark', async () => {
    const { org, id } = await setup({ reactivation: 'NEW_USER', deactivationRemovesMemberships: false });
    await scimSet(org, id, false);
    await scimSet(org, id, true);
    const [copy] = await historyOf(org);
    assert.ok(copy);
    type Nodes = { users: { totalCount: number; nodes: Array<{ id: string; historyCopy: boolean }> } };
    const list = (filter: unknown) =>
      t.gql<Nodes, unknown>(
        'query($o: ID!, $f: UserFilter) { users(organizationId: $o, filter: $f) { totalCount nodes { id historyCopy } } }',
        { o: org.id, f: filter },
        org.key,
      );
    assert.deepEqual((await list({ historyCopy: true })).users.nodes, [{ id: copy.id, historyCopy: true }]);
    assert.deepEqual((await list({ historyCopy: false })).users.nodes, [{ id, historyCopy: false }]);
    assert.equal((await list(null)).users.totalCount, 2, 'GraphQL lists show both unless asked');
    // the dashboard counts: one user, active; the copy only as a copy
    const { userStats } = await t.gql(UserStatsDocument, { organizationId: org.id }, org.key);
    assert.deepEqual([userStats.totalUsers, userStats.activeUsers, userStats.inactiveUsers, userStats.historyCopies], [1, 1, 0, 1]);
    assert.equal(
      userStats.bySource.reduce((n, s) => n + s.count, 0),
      1,
    );
    assert.equal(
      userStats.byRole.reduce((n, r) => n + r.count, 0),
      1,
    );
    // SCIM: an import (list without filter) and a filter see only the identity provider's user
    const scim = scimClient(t, org.scimToken);
    const all = await scim.get('/Users?startIndex=1&count=100');
    assert.equal(all.status, 200);
    assert.deepEqual([all.body.totalResults, all.body.Resources.map((r: { id: string }) => r.id)], [1, [id]]);
    const counted = await scim.get('/Users?count=0');
    assert.deepEqual([counted.body.totalResults, counted.body.itemsPerPage], [1, 0], 'the total counted without reading a page');
    const inactive = await scim.get(`/Users?filter=${encodeURIComponent('active eq false')}`);
    assert.equal(inactive.body.totalResults, 0);
    const byName = await scim.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName sw "ada@example.com"',
    });
    assert.deepEqual(
      byName.body.Resources.map((r: { id: string }) => r.id),
      [id],
    );
    // the mark is reserved, in any case, for every writer
    const taken = await t.raw(
      ProvisionUserDocument,
      { organizationId: org.id, input: { userName: 'eve#ARCHIVED-1@example.com', attributes: {} } },
      org.scimToken,
    );
    assert.equal(taken.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(taken.errors?.[0]?.extensions?.reason, 'user.userName.reserved');
    const rename = await t.raw(UpdateUserDocument, { organizationId: org.id, id, input: { userName: `ada@example.com#archived-${id}` } }, org.key);
    assert.equal(rename.errors?.[0]?.extensions?.reason, 'user.userName.reserved');
    const scimCreate = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x#archived-y' });
    assert.deepEqual([scimCreate.status, scimCreate.body.scimType], [400, 'invalidValue']);
    assert.equal((await list(null)).users.totalCount, 2, 'nothing was created or renamed');
  });

  test('NEW_USER history copies are kept as they were: no writer may change one (a rename would take its mark away), even under RESTORE; it can be deleted', async () => {
    const { org, id } = await setup({ reactivation: 'NEW_USER', deactivationRemovesMemberships: false });
    await scimSet(org, id, false);
    await scimSet(org, id, true);
    const [copy] = await historyOf(org);
    assert.ok(copy);
    const scim = scimClient(t, org.scimToken);
    // the attack: rename the copy (its mark gone), then reactivate it as an ordinary user
    const renamed = await scim.patch(`/Users/${copy.id}`, PATCH({ op: 'replace', path: 'userName', value: 'eve@example.com' }));
    assert.deepEqual([renamed.status, renamed.body.detail?.includes('history record')], [409, true]);
    const titled = await t.raw(UpdateUserDocument, { organizationId: org.id, id: copy.id, input: { department: 'Changed' } }, org.key);
    assert.deepEqual([titled.errors?.[0]?.extensions?.code, titled.errors?.[0]?.extensions?.reason], ['CONFLICT', 'user.archived']);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { reactivation: 'RESTORE' } }, org.key);
    const restored = await scim.patch(`/Users/${copy.id}`, PATCH({ op: 'replace', path: 'active', value: true }));
    assert.equal(restored.status, 409, 'not reactivated under RESTORE either');
    const kept = (await t.gql(UserDocument, { organizationId: org.id, id: copy.id }, org.key)).user!;
    assert.deepEqual([kept.userName, kept.active, kept.department], [copy.userName, false, copy.department]);
    // a PUT that changes nothing is no change, and deleting the copy is allowed
    assert.equal((await t.raw(UpdateUserDocument, { organizationId: org.id, id: copy.id, input: { department: copy.department } }, org.key)).errors, undefined);
    assert.equal((await scim.delete(`/Users/${copy.id}`)).status, 204);
  });
});

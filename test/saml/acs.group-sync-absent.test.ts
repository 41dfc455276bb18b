/**
 * SAML group sync when the groups attribute is absent or empty (docs/PROVISIONING.md §4.5): with a
 * mapping that targets `groups` (the default SAML mappings do), an assertion without the attribute
 * (Okta leaves it out when no group matches its filter) or with an empty one means "in none of the
 * groups group sync manages", so the roles those groups grant go too. The connection's
 * `keepGroupsWhenAttributeAbsent` keeps memberships when the attribute is absent, for an IdP that
 * never sends one; an empty attribute still means no groups. SCIM-pushed groups stay SCIM's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, postAcs, sessionOf, to, type Sp } from '../helpers/saml-sp.js';
import {
  AddGroupMembersDocument,
  ConfigureSamlConnectionDocument,
  CreateGroupDocument,
  EventsDocument,
  SamlConnectionDocument,
  SetAttributeMappingsDocument,
  SetProvisioningPolicyDocument,
  UserDocument,
} from '../generated/graphql.js';

describe('SAML group sync: an absent or empty groups attribute', () => {
  let t: TestServer;
  const idp = new TestIdp();
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  interface Setup {
    org: OrgFixture;
    sp: Sp;
    designers: { id: string };
  }

  /** An organization whose "Designers" group (created through the API: SAML-managed) grants EDITOR. */
  async function setup(connection: Record<string, unknown> = {}): Promise<Setup> {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true, ...connection });
    const designers = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Designers' } }, org.key)).createGroup;
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { groupRoleRules: [{ groupId: designers.id, role: 'EDITOR' }] } }, org.key);
    return { org, sp, designers };
  }

  const base = { firstName: ['Dana'], lastName: ['Designer'], email: ['dana@example.com'] };

  /** An IdP-initiated sign-in of dana@example.com with these attributes; her groups and role after it. */
  async function signIn(s: Setup, attributes: Record<string, string[]>): Promise<{ id: string; groups: string[]; role: string; requestId: string }> {
    const r = await postAcs(t.url, s.org.slug, idp.response(to(s.sp, { nameId: 'dana@example.com', attributes })));
    assert.equal(r.status, 303, r.text);
    const id = (await sessionOf(t.url, r.sessionCookie!)).body.user.id as string;
    const u = (await t.gql(UserDocument, { organizationId: s.org.id, id }, s.org.key)).user!;
    return { id, groups: u.groups.map((g) => g.displayName).sort(), role: u.role, requestId: r.requestId! };
  }

  test('groups=[Designers] → member; no groups attribute → removed; an empty one → removed; groups=[Everyone] → removed; the role goes with the membership', async () => {
    const s = await setup();
    const member = { groups: ['Designers'], role: 'EDITOR' };
    const none = { groups: [] as string[], role: 'MEMBER' };
    const pick = (x: { groups: string[]; role: string }) => ({ groups: x.groups, role: x.role });

    assert.deepEqual(pick(await signIn(s, { ...base, groups: ['Designers'] })), member);
    const absent = await signIn(s, base);
    assert.deepEqual(pick(absent), none, 'no groups attribute: in no synced group');

    assert.deepEqual(pick(await signIn(s, { ...base, groups: ['Designers'] })), member);
    const empty = await signIn(s, { ...base, groups: [] });
    assert.deepEqual(pick(empty), none, 'a groups attribute without values: in no synced group');

    assert.deepEqual(pick(await signIn(s, { ...base, groups: ['Designers'] })), member);
    assert.deepEqual(pick(await signIn(s, { ...base, groups: [''] })), none, 'a groups attribute with one empty value: in no synced group');

    assert.deepEqual(pick(await signIn(s, { ...base, groups: ['Designers'] })), member);
    assert.deepEqual(pick(await signIn(s, { ...base, groups: ['Everyone'] })), none, 'no asserted group matches: in no synced group');

    // the removals say why, in the audit log
    const removals = (await t.gql(EventsDocument, { organizationId: s.org.id, filter: { involving: absent.id, types: ['MEMBERSHIP_REMOVED'] } }, s.org.key))
      .events.nodes;
    const byRequest = (requestId: string) => removals.find((e) => e.requestId === requestId)!.data;
    assert.deepEqual(byRequest(absent.requestId), { via: 'saml', groupsAttribute: 'absent' });
    assert.deepEqual(byRequest(empty.requestId), { via: 'saml', groupsAttribute: 'empty' });
  });

  test('keepGroupsWhenAttributeAbsent: an absent attribute leaves memberships as they are; an empty one still removes them', async () => {
    const s = await setup({ keepGroupsWhenAttributeAbsent: true });
    const conn = (await t.gql(SamlConnectionDocument, { organizationId: s.org.id }, s.org.key)).samlConnection;
    assert.equal(conn.keepGroupsWhenAttributeAbsent, true);
    assert.deepEqual((await signIn(s, { ...base, groups: ['Designers'] })).groups, ['Designers']);
    const kept = await signIn(s, base);
    assert.deepEqual([kept.groups, kept.role], [['Designers'], 'EDITOR'], 'absent: kept');
    assert.deepEqual((await signIn(s, { ...base, groups: [] })).groups, [], 'empty: removed');
  });

  test('the switch defaults to false, is a recorded change, and only groups group sync manages are touched', async () => {
    const s = await setup();
    assert.equal((await t.gql(SamlConnectionDocument, { organizationId: s.org.id }, s.org.key)).samlConnection.keepGroupsWhenAttributeAbsent, false);
    const on = await t.gql(ConfigureSamlConnectionDocument, { organizationId: s.org.id, input: { keepGroupsWhenAttributeAbsent: true } }, s.org.key);
    assert.equal(on.configureSamlConnection.keepGroupsWhenAttributeAbsent, true);
    const off = await t.gql(ConfigureSamlConnectionDocument, { organizationId: s.org.id, input: { keepGroupsWhenAttributeAbsent: false } }, s.org.key);
    assert.equal(off.configureSamlConnection.keepGroupsWhenAttributeAbsent, false);
    const changes = (await t.gql(EventsDocument, { organizationId: s.org.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] } }, s.org.key)).events.nodes.map(
      (e) => e.changes,
    );
    assert.deepEqual(changes.slice(-2), [
      { keepGroupsWhenAttributeAbsent: { before: false, after: true } },
      { keepGroupsWhenAttributeAbsent: { before: true, after: false } },
    ]);

    // a group pushed by SCIM (which outranks SAML by default) is SCIM's: an absent attribute leaves it
    const dana = await signIn(s, { ...base, groups: ['Designers'] });
    const pushed = (await t.gql(CreateGroupDocument, { organizationId: s.org.id, input: { displayName: 'Pushed' } }, s.org.scimToken)).createGroup;
    await t.gql(AddGroupMembersDocument, { organizationId: s.org.id, groupId: pushed.id, userIds: [dana.id] }, s.org.scimToken);
    assert.deepEqual((await signIn(s, base)).groups, ['Pushed']);
  });

  test('with the groups default disabled and no rule that targets groups, group sync is off: memberships stay whatever the assertion says', async () => {
    const s = await setup();
    assert.deepEqual((await signIn(s, { ...base, groups: ['Designers'] })).groups, ['Designers']);
    // an own rule for another target keeps the groups default (docs/PROVISIONING.md §4.2): disabling it is explicit
    await t.gql(
      SetAttributeMappingsDocument,
      { organizationId: s.org.id, source: 'SAML', rules: [{ source: 'firstName', target: 'givenName' }], disabledDefaults: ['groups'] },
      s.org.key,
    );
    assert.deepEqual((await signIn(s, base)).groups, ['Designers']);
    assert.deepEqual((await signIn(s, { ...base, groups: [] })).groups, ['Designers']);
  });
});

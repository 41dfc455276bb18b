// docs/PROVISIONING.md §1.1, §1.2, §1.3, §5
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/harness.js';
import { createOrg, type OrgFixture } from '../../helpers/fixtures.js';
import { signInAsSamlAdapter } from '../../helpers/saml-adapter.js';
import {
  CreateApiKeyDocument,
  DeactivateUserDocument,
  EndSessionDocument,
  EventsDocument,
  ProvisionUserDocument,
  ReactivateUserDocument,
  SessionDocument,
  SetProvisioningPolicyDocument,
  SignInDocument,
  UsersDocument,
} from '../../generated/graphql.js';

describe('provisioning modes and sign-in (§1.1, §1.2, §1.3, §5)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  const signIn = (org: OrgFixture, subject: string, attributes: Record<string, unknown> = {}) => signInAsSamlAdapter(t, org.id, { subject, attributes });
  const scimCreate = (org: OrgFixture, userName: string) =>
    t.raw(ProvisionUserDocument, { organizationId: org.id, input: { userName, attributes: {} } }, org.scimToken);
  const count = async (org: OrgFixture) => (await t.gql(UsersDocument, { organizationId: org.id }, org.key)).users.totalCount;

  test('§5 no key may record a sign-in (open a session for a user): ADMIN and READ_ONLY keys, SCIM tokens and the platform key are refused', async () => {
    const org = await createOrg(t);
    const readOnly = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'ro', role: 'READ_ONLY' }, org.key)).createApiKey.token;
    for (const key of [org.key, readOnly, org.scimToken, t.adminKey]) {
      const r = await t.raw(SignInDocument, { organizationId: org.id, input: { subject: 'ceo@example.com', attributes: {} } }, key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(r.errors));
      assert.equal(r.data, null);
    }
    assert.equal(await count(org), 0, 'no user was created');
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_SIGNED_IN'] } }, org.key)).events.nodes;
    assert.equal(events.length, 0);
  });

  test('§1.1 SCIM mode: an unknown user cannot sign in; a SCIM-provisioned one can', async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode: 'SCIM' } }, org.key);
    const r = await signIn(org, 'stranger@example.com', { firstName: 'S' });
    assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(r.errors?.[0]?.extensions?.reason, 'signIn.unknownUser');
    assert.equal(await count(org), 0);
    assert.equal((await scimCreate(org, 'known@example.com')).errors, undefined);
    const ok = await signIn(org, 'KNOWN@example.com');
    assert.equal(ok.data?.signIn.created, false);
    assert.equal(ok.data?.signIn.user.userName, 'known@example.com');
  });

  test('§1.1 FIRST_LOGIN mode: SCIM cannot create users, a first sign-in does', async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode: 'FIRST_LOGIN' } }, org.key);
    const r = await scimCreate(org, 'pushed@example.com');
    assert.equal(r.errors?.[0]?.extensions?.reason, 'policy.mode.scimCreateDisabled');
    assert.equal(await count(org), 0);
    const s = await signIn(org, 'first@example.com', { firstName: 'Fay', lastName: 'First', email: 'first@example.com', title: 'Analyst' });
    assert.deepEqual(s.errors, []);
    const u = s.data!.signIn.user;
    assert.equal(s.data!.signIn.created, true);
    assert.equal(u.provisionedBy, 'SAML');
    assert.equal(u.role, 'MEMBER');
    assert.deepEqual(u.name, { givenName: 'Fay', familyName: 'First' });
    assert.equal(u.title, 'Analyst');
    assert.deepEqual(u.emails, [{ value: 'first@example.com', type: 'work', primary: true }]);
    assert.ok(u.lastSignInAt);
  });

  test('§1.1 SCIM_AND_FIRST_LOGIN (default): both create users', async () => {
    const org = await createOrg(t);
    assert.equal((await scimCreate(org, 'a@example.com')).errors, undefined);
    assert.equal((await signIn(org, 'b@example.com')).data?.signIn.created, true);
    assert.equal(await count(org), 2);
  });

  for (const mode of ['SCIM', 'FIRST_LOGIN', 'SCIM_AND_FIRST_LOGIN'] as const) {
    test(`§1.2 mode ${mode}: a deactivated user is neither re-activated nor re-created by a sign-in`, async () => {
      const org = await createOrg(t);
      const created = await t.gql(
        ProvisionUserDocument,
        { organizationId: org.id, input: { userName: 'leaver@example.com', attributes: {}, source: 'SCIM' } },
        org.key,
      );
      await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode } }, org.key);
      await t.gql(DeactivateUserDocument, { organizationId: org.id, id: created.provisionUser.user.id }, org.key);
      const r = await signIn(org, 'leaver@example.com', { title: 'Changed' });
      assert.equal(r.errors?.[0]?.extensions?.reason, 'signIn.userDeactivated');
      const { users } = await t.gql(UsersDocument, { organizationId: org.id }, org.key);
      assert.equal(users.totalCount, 1);
      assert.equal(users.nodes[0]?.active, false);
    });
  }

  test('§1.3 allowed email domains gate first-login provisioning only', async () => {
    const org = await createOrg(t);
    await t.gql(ProvisionUserDocument, { organizationId: org.id, input: { userName: 'contractor@other.example', attributes: {}, source: 'SCIM' } }, org.key);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { allowedEmailDomains: ['Example.com', '@corp.example'] } }, org.key);
    const bad = await signIn(org, 'eve@evil.example');
    assert.equal(bad.errors?.[0]?.extensions?.reason, 'signIn.domainNotAllowed');
    assert.equal((await signIn(org, 'ok@example.com')).data?.signIn.created, true);
    assert.equal((await signIn(org, 'Dev@CORP.example')).data?.signIn.created, true);
    assert.equal((await signIn(org, 'contractor@other.example')).data?.signIn.created, false, 'existing users are not affected');
    const invalid = await t.raw(SetProvisioningPolicyDocument, { organizationId: org.id, input: { allowedEmailDomains: ['not a domain'] } }, org.key);
    assert.equal(invalid.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('§5 sessions: the session secret resolves to the user until logout; deactivation revokes sessions; events are recorded', async () => {
    const org = await createOrg(t);
    const s1 = (await signIn(org, 'sess@example.com')).data!.signIn;
    const s2 = (await signIn(org, 'sess@example.com')).data!.signIn;
    assert.equal((await t.gql(SessionDocument, { organizationId: org.id, token: s1.sessionToken }, org.key)).session?.user.userName, 'sess@example.com');
    const expires = new Date(s1.sessionExpiresAt).getTime() - Date.now();
    assert.ok(expires > 86000_000 && expires <= 86400_000, String(expires));
    assert.equal((await t.gql(EndSessionDocument, { organizationId: org.id, token: s1.sessionToken }, org.key)).endSession, true);
    assert.equal(
      (await t.gql(EndSessionDocument, { organizationId: org.id, token: s1.sessionToken }, org.key)).endSession,
      false,
      'already ended: no second event',
    );
    assert.equal((await t.gql(SessionDocument, { organizationId: org.id, token: s1.sessionToken }, org.key)).session, null);
    assert.ok((await t.gql(SessionDocument, { organizationId: org.id, token: s2.sessionToken }, org.key)).session);
    await t.gql(DeactivateUserDocument, { organizationId: org.id, id: s2.user.id }, org.key);
    assert.equal((await t.gql(SessionDocument, { organizationId: org.id, token: s2.sessionToken }, org.key)).session, null, 'deactivation revoked it');
    await t.gql(ReactivateUserDocument, { organizationId: org.id, id: s2.user.id }, org.key);
    assert.equal((await t.gql(SessionDocument, { organizationId: org.id, token: s2.sessionToken }, org.key)).session, null, 'reactivation does not revive it');
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: s1.user.id } }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => [e.type, e.data.reason ?? null, e.data.sessions ?? null]),
      [
        ['USER_CREATED', null, null],
        ['USER_SIGNED_IN', null, null],
        ['USER_SIGNED_IN', null, null],
        ['SESSION_REVOKED', 'logout', 1],
        ['USER_DEACTIVATED', null, null],
        ['SESSION_REVOKED', 'deactivation', 1],
        ['USER_REACTIVATED', null, null],
      ],
    );
    assert.equal(ev.events.nodes[1]?.data.firstLogin, true);
  });

  test('§5 the session lifetime follows the policy', async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { sessionLifetimeSeconds: 3600 } }, org.key);
    const s = (await signIn(org, 'short@example.com')).data!.signIn;
    const ms = new Date(s.sessionExpiresAt).getTime() - Date.now();
    assert.ok(ms > 3500_000 && ms <= 3600_000, String(ms));
    const bad = await t.raw(SetProvisioningPolicyDocument, { organizationId: org.id, input: { sessionLifetimeSeconds: 5 } }, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});

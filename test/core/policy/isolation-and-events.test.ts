// docs/PROVISIONING.md §1, §6 — and isolation between organizations
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/harness.js';
import { createOrg, type OrgFixture } from '../../helpers/fixtures.js';
import {
  AttributeMappingsDocument,
  CreateApiKeyDocument,
  CustomAttributeDefinitionsDocument,
  DefineCustomAttributeDocument,
  EventsDocument,
  PreviewProvisioningDocument,
  ProvisioningPolicyDocument,
  ProvisionUserDocument,
  SetAttributeMappingsDocument,
  SetProvisioningPolicyDocument,
  SignInDocument,
} from '../../generated/graphql.js';

describe('policy: defaults, events, isolation', () => {
  let t: TestServer;
  let a: OrgFixture;
  let b: OrgFixture;
  before(async () => {
    t = await startTestServer();
    a = await createOrg(t);
    b = await createOrg(t);
  });
  after(() => t.stop());

  test('§1 defaults until changed; a change keeps omitted fields, bumps the version and is a POLICY_CHANGED event with a diff (§6)', async () => {
    const p = (await t.gql(ProvisioningPolicyDocument, { organizationId: a.id }, a.key)).provisioningPolicy;
    assert.deepEqual(p, {
      mode: 'SCIM_AND_FIRST_LOGIN',
      defaultRole: 'MEMBER',
      groupRoleRules: [],
      deactivationRemovesMemberships: false,
      reactivation: 'RESTORE',
      groupPushProvisionsMembers: false,
      seatLimit: null,
      allowedEmailDomains: [],
      sessionLifetimeSeconds: 86400,
      attributePrecedence: ['SCIM', 'API', 'SAML'],
      version: 0,
    });
    const c = (await t.gql(SetProvisioningPolicyDocument, { organizationId: a.id, input: { mode: 'SCIM', seatLimit: 100 } }, a.key)).setProvisioningPolicy;
    assert.equal(c.mode, 'SCIM');
    assert.equal(c.seatLimit, 100);
    assert.equal(c.reactivation, 'RESTORE');
    assert.equal(c.version, 1);
    const same = (await t.gql(SetProvisioningPolicyDocument, { organizationId: a.id, input: { mode: 'SCIM' } }, a.key)).setProvisioningPolicy;
    assert.equal(same.version, 1, 'no change, no new version');
    const ev = await t.gql(EventsDocument, { organizationId: a.id, filter: { types: ['POLICY_CHANGED'] } }, a.key);
    assert.equal(ev.events.nodes.length, 1);
    assert.deepEqual(ev.events.nodes[0]?.changes, { mode: { before: 'SCIM_AND_FIRST_LOGIN', after: 'SCIM' }, seatLimit: { before: null, after: 100 } });
    assert.equal(ev.events.nodes[0]?.actorType, 'API_KEY');
    // the actor type filter is an enum: a misspelt kind is an error, not an empty log
    const byKind = await t.gql(EventsDocument, { organizationId: a.id, filter: { types: ['POLICY_CHANGED'], actorType: 'API_KEY' } }, a.key);
    assert.equal(byKind.events.nodes.length, 1);
    const misspelt = await t.raw(EventsDocument, { organizationId: a.id, filter: { actorType: 'api_key' as never } }, a.key);
    assert.equal(misspelt.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(misspelt.errors?.[0]?.message ?? '', /API_KEY/);
    // first: 0 is an empty page with nothing to follow, as on users (it said hasNextPage with a null cursor)
    const none = await t.gql(EventsDocument, { organizationId: a.id, first: 0 }, a.key);
    assert.deepEqual([none.events.nodes, none.events.hasNextPage, none.events.endCursor], [[], false, null]);
  });

  test('invalid policy values are BAD_USER_INPUT and change nothing', async () => {
    for (const input of [{ mode: 'SOMETIMES' }, { defaultRole: 'GOD' }, { seatLimit: -1 }, { mode: null }, { sessionLifetimeSeconds: 10 ** 9 }]) {
      const r = await t.raw(SetProvisioningPolicyDocument, { organizationId: b.id, input } as never, b.key);
      assert.ok(['BAD_USER_INPUT'].includes(String(r.errors?.[0]?.extensions?.code)), JSON.stringify(input) + JSON.stringify(r.errors));
    }
    assert.equal((await t.gql(ProvisioningPolicyDocument, { organizationId: b.id }, b.key)).provisioningPolicy.version, 0);
  });

  test("one organization's key can neither read nor change another's policy, mappings, definitions, or provision and sign in there", async () => {
    const ops = [
      t.raw(ProvisioningPolicyDocument, { organizationId: b.id }, a.key),
      t.raw(SetProvisioningPolicyDocument, { organizationId: b.id, input: { seatLimit: 0 } }, a.key),
      t.raw(AttributeMappingsDocument, { organizationId: b.id, source: 'SAML' }, a.key),
      t.raw(SetAttributeMappingsDocument, { organizationId: b.id, source: 'SAML', rules: [] }, a.key),
      t.raw(CustomAttributeDefinitionsDocument, { organizationId: b.id }, a.key),
      t.raw(DefineCustomAttributeDocument, { organizationId: b.id, input: { name: 'x', type: 'STRING' } }, a.key),
      t.raw(ProvisionUserDocument, { organizationId: b.id, input: { userName: 'x@example.com', attributes: {} } }, a.scimToken),
      t.raw(SignInDocument, { organizationId: b.id, input: { subject: 'x@example.com', attributes: {} } }, a.key),
      t.raw(PreviewProvisioningDocument, { organizationId: b.id, source: 'SAML', input: { subject: 'x', attributes: {} } }, a.key),
    ];
    for (const r of await Promise.all(ops)) assert.equal(r.errors?.[0]?.extensions?.code, 'NOT_FOUND', JSON.stringify(r.errors));
  });

  test('the audit log is for API keys and platform keys: a SCIM token may not read or stream it; READ_ONLY keys may, and may preview', async () => {
    const denied = await t.raw(EventsDocument, { organizationId: a.id }, a.scimToken);
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(denied.errors));
    const ro = (await t.gql(CreateApiKeyDocument, { organizationId: a.id, name: 'ro', role: 'READ_ONLY' }, a.key)).createApiKey.token;
    assert.ok((await t.gql(EventsDocument, { organizationId: a.id }, ro)).events.nodes.length > 0);
    const preview = await t.raw(PreviewProvisioningDocument, { organizationId: a.id, source: 'SAML', input: { subject: 'p@example.com', attributes: {} } }, ro);
    assert.equal(preview.errors, undefined, JSON.stringify(preview.errors));
    const ws = t.ws(a.scimToken);
    const streamed = await new Promise<unknown>((resolve) => {
      ws.subscribe(
        { query: `subscription($o: ID!) { events(organizationId: $o) { sequence } }`, variables: { o: a.id } },
        { next: resolve, error: resolve, complete: () => {} },
      );
    });
    assert.match(JSON.stringify(streamed), /FORBIDDEN/);
  });

  test('SCIM tokens may provision but not change policy, mappings or definitions, nor sign users in', async () => {
    for (const r of [
      await t.raw(SetProvisioningPolicyDocument, { organizationId: a.id, input: { seatLimit: 1 } }, a.scimToken),
      await t.raw(SetAttributeMappingsDocument, { organizationId: a.id, source: 'SCIM', rules: [] }, a.scimToken),
      await t.raw(DefineCustomAttributeDocument, { organizationId: a.id, input: { name: 'x', type: 'STRING' } }, a.scimToken),
      await t.raw(SignInDocument, { organizationId: a.id, input: { subject: 'x@example.com', attributes: {} } }, a.scimToken),
    ]) {
      assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    }
  });
});

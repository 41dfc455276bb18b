// The identity-provider profiles query (issue #21): every profile, the organization's own values
// when one is named (read access), placeholders otherwise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { CreateApiKeyDocument, IdentityProviderProfileDocument, IdentityProviderProfilesDocument, SamlConnectionDocument } from '../generated/graphql.js';
import { SCIM_PREFIX } from '../../src/scim/router.js';
import { SCIM_BASE_PATH } from '../../src/core/services/identity-provider-profiles.js';

const PUBLIC_URL = 'https://id.example.test';

describe('GraphQL: identityProviderProfiles', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer({ env: { PUBLIC_URL } });
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('lists the seven profiles, each with SAML steps, attribute names and default rules; Google without SCIM', async () => {
    const { identityProviderProfiles: list } = await t.gql(IdentityProviderProfilesDocument, {});
    assert.deepEqual(
      list.map((p) => p.kind),
      ['OKTA', 'ENTRA_ID', 'GOOGLE_WORKSPACE', 'ONELOGIN', 'JUMPCLOUD', 'PING', 'GENERIC'],
    );
    for (const p of list) {
      assert.ok(p.samlSetup.length >= 2, `${p.kind} has SAML steps`);
      assert.ok(
        p.samlDocsUrls.every((u) => u.startsWith('https://')),
        `${p.kind} cites its docs`,
      );
      assert.equal(p.scimSupported, p.scimSetup.length > 0, `${p.kind}: SCIM steps exactly when SCIM is supported`);
      assert.deepEqual(
        p.samlAttributeNames,
        p.defaultSamlRules.map((r) => ({ attribute: r.target, samlName: r.source })),
      );
      assert.equal(p.organizationId, null);
    }
    const google = list.find((p) => p.kind === 'GOOGLE_WORKSPACE')!;
    assert.equal(google.scimSupported, false);
    assert.match(google.scimNote ?? '', /catalogue/);
    const entra = list.find((p) => p.kind === 'ENTRA_ID')!;
    assert.ok(
      entra.samlAttributeNames.some((a) => a.attribute === 'email' && a.samlName === 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
    );
  });

  test('the step that connects the identity provider says what to do on the setup page too, not only which mutation to run', async () => {
    // the setup page (a setup link, no API) shows these steps with its metadata upload below them
    const { identityProviderProfiles: list } = await t.gql(IdentityProviderProfilesDocument, {});
    for (const p of list) {
      const connect = p.samlSetup.find((s) => s.title === 'Connect the identity provider to this service');
      assert.ok(connect, `${p.kind} has the connect step`);
      assert.match(connect.instructions, /on the setup page, upload it/, p.kind);
    }
  });

  test('without an organization: placeholders that say what goes there; the SCIM base URL is already real', async () => {
    const { identityProviderProfile: okta } = await t.gql(IdentityProviderProfileDocument, { kind: 'OKTA' });
    const values = okta!.samlSetup.flatMap((s) => s.values);
    const sso = values.find((v) => v.label === 'Single sign on URL')!;
    assert.deepEqual(sso, { label: 'Single sign on URL', value: `${PUBLIC_URL}/saml/<organization slug>/acs`, key: 'ACS_URL', placeholder: true });
    const scim = okta!.scimSetup.flatMap((s) => s.values);
    assert.deepEqual(
      scim.find((v) => v.key === 'SCIM_BASE_URL'),
      {
        label: 'SCIM connector base URL',
        value: `${PUBLIC_URL}/scim/v2`,
        key: 'SCIM_BASE_URL',
        placeholder: false,
      },
    );
    assert.equal(scim.find((v) => v.key === 'SCIM_TOKEN')!.placeholder, true);
    assert.equal(values.find((v) => v.label === 'Name ID format')!.value, 'EmailAddress');
  });

  test('with an organization: its own ACS URL, entity ID, login URL and SCIM base URL, as samlConnection shows them', async () => {
    const { samlConnection } = await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key);
    const sp = samlConnection.serviceProvider;
    const { identityProviderProfiles: list } = await t.gql(IdentityProviderProfilesDocument, { organizationId: org.id }, org.key);
    const byKey = (kind: string, key: string) =>
      list
        .find((p) => p.kind === kind)!
        .samlSetup.concat(list.find((p) => p.kind === kind)!.scimSetup)
        .flatMap((s) => s.values)
        .filter((v) => v.key === key);
    assert.deepEqual(
      byKey('ENTRA_ID', 'ACS_URL').map((v) => [v.label, v.value, v.placeholder]),
      [['Reply URL (Assertion Consumer Service URL)', sp.acsUrl, false]],
    );
    assert.deepEqual(
      byKey('ENTRA_ID', 'SP_ENTITY_ID').map((v) => [v.label, v.value]),
      [['Identifier (Entity ID)', sp.entityId]],
    );
    assert.deepEqual(
      byKey('GOOGLE_WORKSPACE', 'SP_LOGIN_URL').map((v) => [v.label, v.value]),
      [['Start URL', sp.loginUrl]],
    );
    assert.deepEqual(
      byKey('GENERIC', 'SP_METADATA_URL').map((v) => v.value),
      [sp.metadataUrl],
    );
    assert.deepEqual(
      byKey('ENTRA_ID', 'SCIM_BASE_URL').map((v) => [v.label, v.value]),
      [['Tenant URL', `${PUBLIC_URL}/scim/v2`]],
    );
    const pattern = byKey('ONELOGIN', 'ACS_URL_PATTERN')[0]!.value;
    assert.ok(new RegExp(pattern).test(sp.acsUrl), 'the OneLogin validator matches the ACS URL');
    assert.ok(!new RegExp(pattern).test(`${sp.acsUrl}x`), 'and nothing longer');
    assert.ok(list.every((p) => p.organizationId === org.id));
  });

  test('a READ_ONLY key may read its organization; another organization learns nothing (NOT_FOUND)', async () => {
    const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'console', role: 'READ_ONLY' }, org.key);
    const ok = await t.raw(IdentityProviderProfilesDocument, { organizationId: org.id }, createApiKey.token);
    assert.equal(ok.errors, undefined);
    const other = await createOrg(t);
    const denied = await t.raw(IdentityProviderProfilesDocument, { organizationId: org.id }, other.key);
    assert.equal(denied.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const bad = await t.raw(IdentityProviderProfileDocument, { kind: 'OKTA', organizationId: 'not-a-uuid' });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  test('the core names the SCIM base path the SCIM adapter is mounted at', () => {
    assert.equal(SCIM_BASE_PATH, SCIM_PREFIX);
  });
});

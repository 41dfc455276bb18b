/**
 * Each identity-provider profile end to end (issue #21): a connection configured with the profile,
 * a real signed response carrying the attribute names that IdP sends (as docs/IDP-GUIDES.md sets
 * them up), and the user signed in with the right attributes and groups. The default SAML mappings
 * follow the connection's profile (docs/PROVISIONING.md §4.2).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, postAcs, sessionOf, to } from '../helpers/saml-sp.js';
import {
  AttributeMappingsDocument,
  ConfigureSamlConnectionDocument,
  CreateGroupDocument,
  EventsDocument,
  IdentityProviderProfileDocument,
  SamlConnectionDocument,
  SetAttributeMappingsDocument,
  UserDocument,
  type IdentityProviderKind,
} from '../generated/graphql.js';

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

interface Case {
  kind: IdentityProviderKind;
  /** The IdP's entity ID as it looks for that IdP. */
  entityId: string;
  ssoUrl: string;
  nameId: string;
  attributes: Record<string, string[]>;
  expect: { givenName: string; familyName: string; email: string; title: string | null; groups: string[] };
}

const CASES: Case[] = [
  {
    kind: 'OKTA',
    entityId: 'http://www.okta.com/exk1a2b3c4d5e6f7g8h9',
    ssoUrl: 'https://acme.okta.com/app/acme_identity_1/exk1a2b3c4d5e6f7g8h9/sso/saml',
    nameId: 'ada@acme.example',
    attributes: {
      firstName: ['Ada'],
      lastName: ['Lovelace'],
      email: ['ada@acme.example'],
      title: ['Analyst'],
      department: ['R&D'],
      groups: ['Engineering', 'Everyone'],
    },
    expect: { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@acme.example', title: 'Analyst', groups: ['Engineering'] },
  },
  {
    kind: 'ENTRA_ID',
    entityId: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    ssoUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2',
    nameId: 'grace@acme.example',
    attributes: {
      'http://schemas.microsoft.com/identity/claims/tenantid': ['72f988bf-86f1-41af-91ab-2d7cd011db47'],
      'http://schemas.microsoft.com/identity/claims/objectidentifier': ['3b2f1c1e-5b0e-4b7e-9a51-0c2a3cbd1f70'],
      [`${CLAIMS}/name`]: ['grace@acme.onmicrosoft.com'],
      [`${CLAIMS}/givenname`]: ['Grace'],
      [`${CLAIMS}/surname`]: ['Hopper'],
      [`${CLAIMS}/emailaddress`]: ['grace@acme.example'],
      'http://schemas.microsoft.com/identity/claims/displayname': ['Grace Hopper'],
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': ['Engineering', 'Operations'],
    },
    expect: { givenName: 'Grace', familyName: 'Hopper', email: 'grace@acme.example', title: null, groups: ['Engineering', 'Operations'] },
  },
  {
    kind: 'GOOGLE_WORKSPACE',
    entityId: 'https://accounts.google.com/o/saml2?idpid=C01abc2de',
    ssoUrl: 'https://accounts.google.com/o/saml2/idp?idpid=C01abc2de',
    nameId: 'katherine@acme.example',
    attributes: {
      firstName: ['Katherine'],
      lastName: ['Johnson'],
      email: ['katherine@acme.example'],
      title: ['Mathematician'],
      groups: ['operations@acme.example', 'Operations'],
    },
    expect: { givenName: 'Katherine', familyName: 'Johnson', email: 'katherine@acme.example', title: 'Mathematician', groups: ['Operations'] },
  },
  {
    kind: 'ONELOGIN',
    entityId: 'https://app.onelogin.com/saml/metadata/9f3c2a1b-4d5e-4f60-8a7b-1c2d3e4f5a6b',
    ssoUrl: 'https://acme.onelogin.com/trust/saml2/http-redirect/sso/9f3c2a1b-4d5e-4f60-8a7b-1c2d3e4f5a6b',
    nameId: 'margaret@acme.example',
    // "memberOf" without "Multi-value parameter": one value, semicolon-separated
    attributes: {
      email: ['margaret@acme.example'],
      firstName: ['Margaret'],
      lastName: ['Hamilton'],
      title: ['Director'],
      memberOf: ['Engineering;Operations'],
    },
    expect: { givenName: 'Margaret', familyName: 'Hamilton', email: 'margaret@acme.example', title: 'Director', groups: ['Engineering', 'Operations'] },
  },
  {
    kind: 'JUMPCLOUD',
    entityId: 'jumpcloud-acme',
    ssoUrl: 'https://sso.jumpcloud.com/saml2/acme-identity',
    nameId: 'barbara@acme.example',
    attributes: {
      email: ['barbara@acme.example'],
      firstname: ['Barbara'],
      lastname: ['Liskov'],
      jobTitle: ['Professor'],
      department: ['Research'],
      memberOf: ['Engineering'],
    },
    expect: { givenName: 'Barbara', familyName: 'Liskov', email: 'barbara@acme.example', title: 'Professor', groups: ['Engineering'] },
  },
  {
    kind: 'PING',
    entityId: 'https://auth.pingone.com/0a7af83d-4ed9-4510-93cd-506fe835f69a',
    ssoUrl: 'https://auth.pingone.com/0a7af83d-4ed9-4510-93cd-506fe835f69a/saml20/idp/sso',
    nameId: 'frances@acme.example',
    attributes: {
      email: ['frances@acme.example'],
      firstName: ['Frances'],
      lastName: ['Allen'],
      title: ['Fellow'],
      memberOf: ['Operations', 'Everyone'],
    },
    expect: { givenName: 'Frances', familyName: 'Allen', email: 'frances@acme.example', title: 'Fellow', groups: ['Operations'] },
  },
];

describe('SAML: identity-provider profiles', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  async function orgWithGroups(): Promise<{ org: OrgFixture; groups: Map<string, string> }> {
    const org = await createOrg(t);
    const groups = new Map<string, string>();
    for (const name of ['Engineering', 'Operations']) {
      groups.set(name, (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: name } }, org.key)).createGroup.id);
    }
    return { org, groups };
  }

  for (const c of CASES) {
    test(`${c.kind}: a signed response with its attribute names signs the user in with the right attributes and groups`, async () => {
      const { org, groups } = await orgWithGroups();
      const idp = new TestIdp({ entityId: c.entityId, ssoUrl: c.ssoUrl, commonName: c.kind.toLowerCase() });
      const sp = await connectIdp(t, org, idp, { profile: c.kind, allowIdpInitiated: true });
      const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: c.nameId, attributes: c.attributes })));
      assert.equal(r.status, 303, r.text);
      const id = (await sessionOf(t.url, r.sessionCookie!)).body.user.id as string;
      const u = (await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!;
      assert.equal(u.userName, c.nameId);
      assert.equal(u.name?.givenName, c.expect.givenName);
      assert.equal(u.name?.familyName, c.expect.familyName);
      assert.deepEqual(
        u.emails.map((e) => e.value),
        [c.expect.email],
      );
      assert.equal(u.title, c.expect.title);
      assert.deepEqual(u.groups.map((g) => g.id).sort(), c.expect.groups.map((g) => groups.get(g)!).sort());

      // the attribute names the profile query shows are the ones that worked
      const profile = (await t.gql(IdentityProviderProfileDocument, { kind: c.kind })).identityProviderProfile!;
      const sent = new Set(Object.keys(c.attributes).map((k) => k.toLowerCase()));
      for (const target of ['givenName', 'familyName', 'email', 'groups']) {
        assert.ok(
          profile.samlAttributeNames.some((a) => a.attribute === target && sent.has(a.samlName.toLowerCase())),
          `${c.kind}: the profile names the attribute sent for ${target}`,
        );
      }
    });
  }

  test("the connection records its profile (event diff), and the SAML defaults follow it: an Entra ID connection does not read Okta's names", async () => {
    const { org } = await orgWithGroups();
    const idp = new TestIdp();
    const before = await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SAML' }, org.key);
    assert.equal(before.attributeMappings.profile, 'GENERIC');
    assert.ok(before.attributeMappings.defaultRules.some((r) => r.source === 'firstName'));

    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    assert.equal((await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection.profile, 'GENERIC');
    const set = await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { profile: 'ENTRA_ID' } }, org.key);
    assert.equal(set.configureSamlConnection.profile, 'ENTRA_ID');
    const ev = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] }, order: 'DESC', first: 1 }, org.key))
      .events.nodes[0]!;
    assert.deepEqual((ev.changes as Record<string, unknown>).profile, { before: 'GENERIC', after: 'ENTRA_ID' });

    const m = (await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SAML' }, org.key)).attributeMappings;
    assert.equal(m.profile, 'ENTRA_ID');
    assert.ok(
      m.defaultRules.every((r) => r.source.startsWith('http://')),
      'claim URIs only',
    );
    assert.ok(m.effectiveRules.some((r) => r.source === `${CLAIMS}/emailaddress` && r.target === 'email' && r.origin === 'DEFAULT'));

    // an Okta-named attribute is no longer read; the claim is
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response(to(sp, { nameId: 'ada@acme.example', attributes: { firstName: ['Okta'], [`${CLAIMS}/givenname`]: ['Ada'] } })),
    );
    assert.equal(r.status, 303, r.text);
    const id = (await sessionOf(t.url, r.sessionCookie!)).body.user.id as string;
    assert.equal((await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!.name?.givenName, 'Ada');
  });

  test('own rules and disabled defaults are kept when the profile changes; a disabled default must be one of the profile', async () => {
    const { org } = await orgWithGroups();
    await connectIdp(t, org, new TestIdp(), { profile: 'OKTA' });
    const own = await t.gql(
      SetAttributeMappingsDocument,
      { organizationId: org.id, source: 'SAML', rules: [{ source: 'costCentre', target: 'costCenter' }], disabledDefaults: ['department'] },
      org.key,
    );
    assert.deepEqual(own.setAttributeMappings.disabledDefaults, ['department']);
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { profile: 'JUMPCLOUD' } }, org.key);
    const m = (await t.gql(AttributeMappingsDocument, { organizationId: org.id, source: 'SAML' }, org.key)).attributeMappings;
    assert.equal(m.profile, 'JUMPCLOUD');
    assert.deepEqual(
      m.rules.map((r) => r.source),
      ['costCentre'],
    );
    assert.deepEqual(m.disabledDefaults, ['department']);
    assert.ok(!m.effectiveRules.some((r) => r.target === 'department'));
    assert.ok(m.effectiveRules.some((r) => r.source === 'firstname' && r.origin === 'DEFAULT'));
    // displayName is a default target of Okta's but not of JumpCloud's
    const bad = await t.raw(SetAttributeMappingsDocument, { organizationId: org.id, source: 'SAML', rules: [], disabledDefaults: ['displayName'] }, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('profile null is refused with a clear error, and nothing changes', async () => {
    const { org } = await orgWithGroups();
    await connectIdp(t, org, new TestIdp(), { profile: 'PING' });
    const r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { profile: null } }, org.key);
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(r.errors![0]!.message, /profile cannot be null/);
    assert.equal((await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection.profile, 'PING');
    const unknown = await t.raw(
      'mutation($o: ID!) { configureSamlConnection(organizationId: $o, input: { profile: AUTH0 }) { profile } }',
      { o: org.id },
      org.key,
    );
    assert.ok(unknown.errors?.length, 'an unknown profile is refused by the schema');
  });
});

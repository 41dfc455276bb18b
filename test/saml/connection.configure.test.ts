/**
 * configureSamlConnection / samlConnection: metadata import, explicit fields, defaults, validation,
 * events, the write-only SP key, the derived SP side and SP metadata, and who may call what
 * (the adapter's in-process operations are refused to every credential). docs/SAML.md §Configuration.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { get } from '../helpers/saml-sp.js';
import {
  ConfigureSamlConnectionDocument,
  ConsumeSamlAssertionDocument,
  CreateApiKeyDocument,
  EventsDocument,
  RecordSamlAuthnRequestDocument,
  SamlConnectionDocument,
  SamlOrganizationDocument,
} from '../generated/graphql.js';

describe('configureSamlConnection and samlConnection', () => {
  let t: TestServer;
  const idp = new TestIdp();
  // a key pair made at test time, used as the SP's (signing AuthnRequests)
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test('before configuration: defaults and the SP side (which the IdP admin needs first), configured false', async () => {
    const org = await createOrg(t);
    const c = (await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection;
    assert.equal(c.configured, false);
    assert.equal(c.version, 0);
    assert.equal(c.idpEntityId, null);
    assert.deepEqual(c.idpCertificates, []);
    assert.equal(c.nameIdFormat, 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    assert.equal(c.wantAssertionsSigned, true);
    assert.equal(c.wantResponseSigned, false);
    assert.equal(c.clockSkewSeconds, 60);
    assert.equal(c.allowIdpInitiated, false);
    assert.equal(c.signAuthnRequests, false);
    assert.deepEqual(c.serviceProvider, {
      entityId: `${t.url}/saml/${org.slug}/metadata`,
      acsUrl: `${t.url}/saml/${org.slug}/acs`,
      metadataUrl: `${t.url}/saml/${org.slug}/metadata`,
      loginUrl: `${t.url}/saml/${org.slug}/login`,
      sloUrl: `${t.url}/saml/${org.slug}/slo`,
      logoutUrl: `${t.url}/saml/${org.slug}/logout`,
    });
  });

  test('metadata import in one mutation: entity ID, SSO URL and certificates; recorded as SAML_CONNECTION_CONFIGURED', async () => {
    const org = await createOrg(t);
    const c = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataXml: idp.metadataXml() } }, org.key))
      .configureSamlConnection;
    assert.equal(c.configured, true);
    assert.equal(c.version, 1);
    assert.equal(c.idpEntityId, idp.entityId);
    assert.equal(c.idpSsoUrl, idp.ssoUrl);
    assert.equal(c.idpCertificates.length, 1);
    assert.equal(c.idpCertificates[0]!.pem.replace(/-----[A-Z ]+-----|\s/g, ''), idp.certificateBase64);
    assert.equal(c.idpCertificates[0]!.subject, 'CN=test-idp');
    assert.match(c.idpCertificates[0]!.fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(Date.parse(c.idpCertificates[0]!.notAfter) > Date.now());

    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] } }, org.key)).events.nodes;
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.subjectType, 'SAML_CONNECTION');
    assert.equal(e.subjectId, org.id);
    assert.equal(e.actorLabel, 'API key "admin"');
    assert.deepEqual(e.data, { created: true, importedFromMetadata: true });
    assert.deepEqual(e.changes.idpEntityId, { before: null, after: idp.entityId });
    assert.deepEqual(e.changes.idpCertificates, { before: null, after: [c.idpCertificates[0]!.fingerprintSha256] });
  });

  test('explicit fields override the metadata; omitted fields are kept; an unchanged call changes nothing', async () => {
    const org = await createOrg(t);
    const c = (
      await t.gql(
        ConfigureSamlConnectionDocument,
        {
          organizationId: org.id,
          input: {
            idpMetadataXml: idp.metadataXml(),
            idpSsoUrl: 'https://example.okta.com/override',
            clockSkewSeconds: 120,
            allowedRedirectHosts: ['App.Example.com', 'app.example.com', 'localhost:3000'],
          },
        },
        org.key,
      )
    ).configureSamlConnection;
    assert.equal(c.idpSsoUrl, 'https://example.okta.com/override');
    assert.equal(c.idpEntityId, idp.entityId);
    assert.deepEqual(c.allowedRedirectHosts, ['app.example.com', 'localhost:3000']);

    const later = (
      await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { allowIdpInitiated: true, defaultRedirectUrl: '/home' } }, org.key)
    ).configureSamlConnection;
    assert.equal(later.version, 2);
    assert.equal(later.clockSkewSeconds, 120);
    assert.equal(later.idpSsoUrl, 'https://example.okta.com/override');
    assert.equal(later.allowIdpInitiated, true);
    assert.equal(later.defaultRedirectUrl, '/home');

    const same = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { allowIdpInitiated: true } }, org.key))
      .configureSamlConnection;
    assert.equal(same.version, 2);
    const cleared = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { defaultRedirectUrl: null } }, org.key))
      .configureSamlConnection;
    assert.equal(cleared.defaultRedirectUrl, null);
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] } }, org.key)).events.nodes;
    assert.equal(events.length, 3);
    assert.deepEqual(events[1]!.changes, { allowIdpInitiated: { before: false, after: true }, defaultRedirectUrl: { before: null, after: '/home' } });
    assert.deepEqual(events[2]!.changes, { defaultRedirectUrl: { before: '/home', after: null } });
  });

  test('fields alone (no metadata), certificates as PEM or bare base64', async () => {
    const org = await createOrg(t);
    const other = new TestIdp({ commonName: 'second' });
    const c = (
      await t.gql(
        ConfigureSamlConnectionDocument,
        {
          organizationId: org.id,
          input: {
            idpEntityId: 'https://idp.example.com',
            idpSsoUrl: 'https://idp.example.com/sso',
            idpCertificates: [idp.certificatePem, other.certificateBase64],
          },
        },
        org.key,
      )
    ).configureSamlConnection;
    assert.deepEqual(
      c.idpCertificates.map((x) => x.subject),
      ['CN=test-idp', 'CN=second'],
    );
  });

  describe('validation (BAD_USER_INPUT with a reason; nothing is stored)', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['no IdP settings at all', { allowIdpInitiated: true }, 'samlConnection.idpEntityId.required'],
      ['no certificate', { idpEntityId: 'https://idp.example.com', idpSsoUrl: 'https://idp.example.com/sso' }, 'samlConnection.idpCertificates.required'],
      [
        'a certificate that is not one',
        { idpEntityId: 'x', idpSsoUrl: 'https://idp.example.com/sso', idpCertificates: ['bm90IGEgY2VydA=='] },
        'samlConnection.certificate.invalid',
      ],
      ['an http SSO URL', { idpEntityId: 'x', idpSsoUrl: 'http://idp.example.com/sso', idpCertificates: ['CERT'] }, 'samlConnection.idpSsoUrl.invalid'],
      ['metadata that is not XML', { idpMetadataXml: 'hello' }, 'samlConnection.idpMetadataXml.invalid'],
      ['metadata with a DOCTYPE', { idpMetadataXml: '<!DOCTYPE x [<!ENTITY e "x">]><x/>' }, 'samlConnection.idpMetadataXml.invalid'],
      ['clock skew over 10 minutes', { idpMetadataXml: 'META', clockSkewSeconds: 601 }, 'samlConnection.clockSkewSeconds.invalid'],
      [
        'a redirect "host" with a scheme',
        { idpMetadataXml: 'META', allowedRedirectHosts: ['https://app.example.com'] },
        'samlConnection.allowedRedirectHosts.invalid',
      ],
      ['a wildcard redirect host', { idpMetadataXml: 'META', allowedRedirectHosts: ['*.example.com'] }, 'samlConnection.allowedRedirectHosts.invalid'],
      ['a scheme-relative default redirect', { idpMetadataXml: 'META', defaultRedirectUrl: '//evil.example' }, 'samlConnection.defaultRedirectUrl.invalid'],
      ['a javascript: default redirect', { idpMetadataXml: 'META', defaultRedirectUrl: 'javascript:alert(1)' }, 'samlConnection.defaultRedirectUrl.invalid'],
      ['neither assertions nor responses signed', { idpMetadataXml: 'META', wantAssertionsSigned: false }, 'samlConnection.signatures.required'],
      ['signAuthnRequests without an SP key', { idpMetadataXml: 'META', signAuthnRequests: true }, 'samlConnection.signAuthnRequests.keyRequired'],
      ['an SP key without its certificate', { idpMetadataXml: 'META', spPrivateKeyPem: 'SPKEY' }, 'samlConnection.spKey.pairRequired'],
      [
        'an SP key with a certificate of another key',
        { idpMetadataXml: 'META', spPrivateKeyPem: 'SPKEY', spCertificatePem: 'IDPCERT' },
        'samlConnection.spKey.mismatch',
      ],
      [
        'an SP "key" that is not one',
        { idpMetadataXml: 'META', spPrivateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', spCertificatePem: 'SPCERT' },
        'samlConnection.spKey.invalid',
      ],
    ];
    for (const [name, input, reason] of cases) {
      test(name, async () => {
        const org = await createOrg(t);
        const fill = (v: unknown): unknown =>
          v === 'META'
            ? idp.metadataXml()
            : v === 'CERT' || v === 'IDPCERT'
              ? idp.certificatePem
              : v === 'SPKEY'
                ? spKeys.privateKeyPem
                : v === 'SPCERT'
                  ? spKeys.certificatePem
                  : Array.isArray(v)
                    ? v.map(fill)
                    : v;
        const filled = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, fill(v)]));
        const r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: filled }, org.key);
        assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.errors));
        assert.equal(r.errors?.[0]?.extensions?.reason, reason);
        assert.equal((await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection.configured, false);
      });
    }
  });

  test('the SP key pair is write-only: the certificate is shown and published, the key appears in no response and no event', async () => {
    const org = await createOrg(t);
    const r = await t.raw(
      ConfigureSamlConnectionDocument,
      {
        organizationId: org.id,
        input: { idpMetadataXml: idp.metadataXml(), spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true },
      },
      org.key,
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const c = r.data!.configureSamlConnection;
    assert.equal(c.spPrivateKeyConfigured, true);
    assert.equal(c.spCertificate!.subject, 'CN=sp.example.test');
    const keyBody = spKeys.privateKeyPem.split('\n')[1]!;
    const events = await t.gql(EventsDocument, { organizationId: org.id }, org.key);
    const read = await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key);
    for (const doc of [r, events, read]) {
      const text = JSON.stringify(doc);
      assert.ok(!text.includes('PRIVATE KEY') && !text.includes(keyBody), 'no trace of the private key');
    }
    const metadata = await get(`${t.url}/saml/${org.slug}/metadata`);
    assert.match(metadata.text, /AuthnRequestsSigned="true"/);
    assert.match(metadata.text, new RegExp(`<md:KeyDescriptor use="signing">.*${spKeys.certificateBase64.slice(0, 40).replace(/[+/]/g, '\\$&')}`));

    const removed = (
      await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { signAuthnRequests: false, spPrivateKeyPem: null } }, org.key)
    ).configureSamlConnection;
    assert.equal(removed.spPrivateKeyConfigured, false);
    assert.equal(removed.spCertificate, null);
    assert.doesNotMatch((await get(`${t.url}/saml/${org.slug}/metadata`)).text, /KeyDescriptor/);
  });

  test('GET /saml/{org}/metadata: SP metadata with entity ID, ACS URL and NameID format, also before configuration; unknown org 404', async () => {
    const org = await createOrg(t);
    const r = await get(`${t.url}/saml/${org.slug}/metadata`);
    assert.equal(r.status, 200);
    assert.match(r.contentType!, /^application\/samlmetadata\+xml/);
    assert.match(r.text, new RegExp(`entityID="${t.url}/saml/${org.slug}/metadata"`));
    assert.match(
      r.text,
      new RegExp(`<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${t.url}/saml/${org.slug}/acs"`),
    );
    assert.match(r.text, /<md:NameIDFormat>urn:oasis:names:tc:SAML:1\.1:nameid-format:emailAddress<\/md:NameIDFormat>/);
    assert.match(r.text, /WantAssertionsSigned="true"/);
    assert.equal((await get(`${t.url}/saml/nobody-here/metadata`)).status, 404);
    // login and ACS need a configured connection
    const login = await get(`${t.url}/saml/${org.slug}/login`);
    assert.equal(login.status, 404);
    assert.match(login.text, /not set up/);
  });

  test('PUBLIC_URL decides the SP side (not the request origin)', async () => {
    const s = await startTestServer({ env: { PUBLIC_URL: 'https://id.example.test/' } });
    try {
      const org = await createOrg(s);
      const c = (await s.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection;
      assert.equal(c.serviceProvider.acsUrl, `https://id.example.test/saml/${org.slug}/acs`);
      assert.match((await get(`${s.url}/saml/${org.slug}/metadata`)).text, new RegExp(`entityID="https://id.example.test/saml/${org.slug}/metadata"`));
    } finally {
      await s.stop();
    }
  });

  describe('authorization', () => {
    test('READ_ONLY keys and SCIM tokens read but do not configure; other organizations see nothing; the platform key may', async () => {
      const org = await createOrg(t);
      const other = await createOrg(t);
      const ro = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'ro', role: 'READ_ONLY' }, org.key)).createApiKey.token;
      assert.equal((await t.raw(SamlConnectionDocument, { organizationId: org.id }, ro)).errors, undefined);
      const input = { idpMetadataXml: idp.metadataXml() };
      assert.equal((await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input }, ro)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal((await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input }, org.scimToken)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal((await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input }, other.key)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      assert.equal((await t.raw(SamlConnectionDocument, { organizationId: org.id }, other.key)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
      assert.equal((await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input }, t.adminKey)).errors, undefined);
    });

    test("the SAML adapter's in-process operations (slug lookup, AuthnRequests, replay cache) are refused to every credential", async () => {
      const org = await createOrg(t);
      await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataXml: idp.metadataXml() } }, org.key);
      for (const key of [org.key, t.adminKey]) {
        const slug = await t.raw(SamlOrganizationDocument, { slug: org.slug }, key);
        assert.equal(slug.errors?.[0]?.extensions?.code, 'FORBIDDEN');
        const rec = await t.raw(
          RecordSamlAuthnRequestDocument,
          { organizationId: org.id, input: { id: `_${'a'.repeat(40)}`, redirectUrl: `${idp.ssoUrl}?SAMLRequest=x` } },
          key,
        );
        assert.equal(rec.errors?.[0]?.extensions?.code, 'FORBIDDEN');
        const use = await t.raw(
          ConsumeSamlAssertionDocument,
          { organizationId: org.id, input: { assertionId: 'id1', notOnOrAfter: new Date().toISOString() } },
          key,
        );
        assert.equal(use.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      }
    });
  });
});

/**
 * SP key rollover with overlap (docs/SAML.md "SP key rollover"), over real HTTP: a next key pair is
 * staged and published in SP metadata (signing and encryption) while the active one still signs;
 * assertions encrypted to the old and to the new certificate both sign in during the overlap
 * (before and after activation); AuthnRequests are signed with the new key once it is activated;
 * after retirement an assertion encrypted to the old certificate is refused as
 * `validate.sp_key_retired`. Each step records its event; keys are sealed with SECRETS_KEY.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVerify } from 'node:crypto';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { TestIdp, toBase64 } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, get, postAcs, sessionOf, startLogin, to, type Sp } from '../helpers/saml-sp.js';
import {
  ActivateSamlServiceProviderKeyDocument,
  ConfigureSamlConnectionDocument,
  EventsDocument,
  RetireSamlServiceProviderKeyDocument,
  StageSamlServiceProviderKeyDocument,
} from '../generated/graphql.js';

const SECRETS_KEY = 'rollover-test-secrets-key-0123456789abcdef';

describe('SP key rollover', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  const oldKey = new TestIdp({ commonName: 'sp-2025.example.test' });
  const newKey = new TestIdp({ commonName: 'sp-2026.example.test' });
  const thirdKey = new TestIdp({ commonName: 'sp-2027.example.test' });
  const fourthKey = new TestIdp({ commonName: 'sp-2028.example.test' });

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn', SECRETS_KEY } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp, {
      spPrivateKeyPem: oldKey.privateKeyPem,
      spCertificatePem: oldKey.certificatePem,
      wantAssertionsEncrypted: true,
      signAuthnRequests: true,
    });
  });
  after(async () => {
    await t?.stop();
    logs.restore();
  });

  /** An SP-initiated sign-in whose assertion is encrypted to `to` (an SP certificate); the ACS's answer. */
  const signInEncryptedTo = async (key: TestIdp, nameId = 'ada@example.com') => {
    const login = await startLogin(t.url, org.slug);
    const xml = await idp.encryptedResponseXml({ ...to(sp, { inResponseTo: login.requestId, nameId }), encrypt: { certificatePem: key.certificatePem } });
    return { login, result: await postAcs(t.url, org.slug, toBase64(xml)) };
  };
  const signedWith = (location: string, key: TestIdp) => {
    const raw = location.slice(location.indexOf('?') + 1);
    const at = raw.indexOf('&Signature=');
    return createVerify('RSA-SHA256')
      .update(raw.slice(0, at))
      .verify(key.certificatePem, decodeURIComponent(raw.slice(at + '&Signature='.length)), 'base64');
  };
  const metadataCertificates = async (use: 'signing' | 'encryption') => {
    const xml = (await get(sp.metadataUrl.replace(/^https?:\/\/[^/]+/, t.url))).text;
    return [...xml.matchAll(new RegExp(`<md:KeyDescriptor use="${use}">.*?<ds:X509Certificate>([^<]+)</ds:X509Certificate>`, 'g'))].map((m) => m[1]);
  };
  const eventTypes = async () =>
    (
      await t.gql(
        EventsDocument,
        { organizationId: org.id, filter: { types: ['SAML_SP_KEY_STAGED', 'SAML_SP_KEY_ACTIVATED', 'SAML_SP_KEY_RETIRED'] } },
        org.key,
      )
    ).events.nodes;

  test('before: one key signs and decrypts; the staging steps refuse out of order', async () => {
    const { login, result } = await signInEncryptedTo(oldKey);
    assert.equal(result.status, 303, result.text);
    assert.ok(signedWith(login.http.location!, oldKey));
    const activate = await t.raw(ActivateSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key);
    assert.equal(activate.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.noStagedKey');
    const retire = await t.raw(RetireSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key);
    assert.equal(retire.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.noPreviousKey');
    const mismatch = await t.raw(
      StageSamlServiceProviderKeyDocument,
      { organizationId: org.id, input: { privateKeyPem: newKey.privateKeyPem, certificatePem: thirdKey.certificatePem } },
      org.key,
    );
    assert.equal(mismatch.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(mismatch.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.mismatch');
    const noKeyOrg = await createOrg(t);
    await connectIdp(t, noKeyOrg, idp);
    const noActive = await t.raw(
      StageSamlServiceProviderKeyDocument,
      { organizationId: noKeyOrg.id, input: { privateKeyPem: newKey.privateKeyPem, certificatePem: newKey.certificatePem } },
      noKeyOrg.key,
    );
    assert.equal(noActive.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.noActiveKey');
  });

  test('staged: published in SP metadata for signing and encryption beside the active one; the old key still signs; both decrypt', async () => {
    const c = (
      await t.gql(
        StageSamlServiceProviderKeyDocument,
        { organizationId: org.id, input: { privateKeyPem: newKey.privateKeyPem, certificatePem: newKey.certificatePem } },
        org.key,
      )
    ).stageSamlServiceProviderKey;
    assert.equal(c.spCertificate!.subject, 'CN=sp-2025.example.test');
    assert.equal(c.spNextCertificate!.subject, 'CN=sp-2026.example.test');
    assert.equal(c.spPreviousCertificate, null);
    assert.deepEqual(await metadataCertificates('signing'), [oldKey.certificateBase64, newKey.certificateBase64]);
    assert.deepEqual(await metadataCertificates('encryption'), [oldKey.certificateBase64, newKey.certificateBase64]);

    const before = await signInEncryptedTo(oldKey, 'ada@example.com');
    assert.equal(before.result.status, 303, before.result.text);
    assert.ok(signedWith(before.login.http.location!, oldKey), 'AuthnRequests are still signed with the active key');
    // an IdP that picked up the new certificate from the metadata already
    const early = await signInEncryptedTo(newKey, 'grace@example.com');
    assert.equal(early.result.status, 303, early.result.text);
    assert.equal((await sessionOf(t.url, early.result.sessionCookie!)).body.user.userName, 'grace@example.com');
  });

  test('the staged private key is sealed at rest like the active one', async () => {
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('select sp_private_key, sp_next_private_key from saml_connections where organization_id = $1', [org.id]);
      for (const v of [rows[0].sp_private_key, rows[0].sp_next_private_key]) {
        assert.ok(v);
        assert.doesNotMatch(v, /PRIVATE KEY/);
      }
    } finally {
      await db.end();
    }
  });

  test('activated: the new key signs AuthnRequests; assertions encrypted to the old and to the new key both sign in (overlap)', async () => {
    const c = (await t.gql(ActivateSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key)).activateSamlServiceProviderKey;
    assert.equal(c.spCertificate!.subject, 'CN=sp-2026.example.test');
    assert.equal(c.spPreviousCertificate!.subject, 'CN=sp-2025.example.test');
    assert.equal(c.spNextCertificate, null);
    assert.deepEqual(await metadataCertificates('signing'), [newKey.certificateBase64]);
    assert.deepEqual(await metadataCertificates('encryption'), [newKey.certificateBase64]);

    const viaNew = await signInEncryptedTo(newKey, 'grace@example.com');
    assert.equal(viaNew.result.status, 303, viaNew.result.text);
    assert.ok(signedWith(viaNew.login.http.location!, newKey), 'signed with the new key');
    assert.equal(signedWith(viaNew.login.http.location!, oldKey), false);
    const viaOld = await signInEncryptedTo(oldKey, 'ada@example.com');
    assert.equal(viaOld.result.status, 303, viaOld.result.text);
    assert.equal((await sessionOf(t.url, viaOld.result.sessionCookie!)).body.user.userName, 'ada@example.com');

    // no second activation while the previous key still decrypts
    await t.gql(
      StageSamlServiceProviderKeyDocument,
      { organizationId: org.id, input: { privateKeyPem: thirdKey.privateKeyPem, certificatePem: thirdKey.certificatePem } },
      org.key,
    );
    const again = await t.raw(ActivateSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key);
    assert.equal(again.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    assert.equal(again.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.previousNotRetired');
  });

  test('retired: an assertion encrypted to the old certificate is refused by name; the new one signs in', async () => {
    const c = (await t.gql(RetireSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key)).retireSamlServiceProviderKey;
    assert.equal(c.spPreviousCertificate, null);
    const { result } = await signInEncryptedTo(oldKey);
    assertRefused(result, 400);
    const line = logs.of(result.requestId).find((l) => l.msg === 'SAML request refused');
    assert.equal(line?.reason, 'validate.sp_key_retired', JSON.stringify(line));
    assert.match(result.text, /retired/);
    const ok = await signInEncryptedTo(newKey, 'grace@example.com');
    assert.equal(ok.result.status, 303, ok.result.text);
    // a certificate that was an SP certificate cannot be staged again
    const reused = await t.raw(
      StageSamlServiceProviderKeyDocument,
      { organizationId: org.id, input: { privateKeyPem: oldKey.privateKeyPem, certificatePem: oldKey.certificatePem } },
      org.key,
    );
    assert.equal(reused.errors?.[0]?.extensions?.reason, 'samlConnection.spKey.reused');
  });

  test('each step recorded its event, certificates by fingerprint', async () => {
    const events = await eventTypes();
    assert.deepEqual(
      events.map((e) => e.type),
      ['SAML_SP_KEY_STAGED', 'SAML_SP_KEY_ACTIVATED', 'SAML_SP_KEY_STAGED', 'SAML_SP_KEY_RETIRED'],
    );
    for (const e of events) {
      assert.match(String(e.data.certificate), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.doesNotMatch(JSON.stringify(e), /PRIVATE KEY/);
    }
    const conf = await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: {} }, org.key);
    assert.equal(conf.configureSamlConnection.spNextCertificate!.subject, 'CN=sp-2027.example.test');
  });

  test('a start with SECRETS_KEY="new,old" reseals the active, the staged and the previous key; each still decrypts', async () => {
    // from here: active new, staged third → active third, previous new, staged fourth
    await t.gql(ActivateSamlServiceProviderKeyDocument, { organizationId: org.id }, org.key);
    await t.gql(
      StageSamlServiceProviderKeyDocument,
      { organizationId: org.id, input: { privateKeyPem: fourthKey.privateKeyPem, certificatePem: fourthKey.certificatePem } },
      org.key,
    );
    const keys = async () => {
      const db = new pg.Client({ connectionString: t.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query(
          'select sp_private_key, sp_next_private_key, sp_previous_private_key from saml_connections where organization_id = $1',
          [org.id],
        );
        return Object.values(rows[0] as Record<string, string>);
      } finally {
        await db.end();
      }
    };
    const before = await keys();
    assert.equal(before.length, 3);
    // a second instance on the same database with a new first key (the key list is per process, as in production)
    const second = await startTestServer({ databaseUrl: t.databaseUrl, adminKey: t.adminKey, env: { SECRETS_KEY: `${'n'.repeat(40)},${SECRETS_KEY}` } });
    try {
      const after = await keys();
      for (const [i, v] of after.entries()) {
        assert.match(v, /^enc:v1:/);
        assert.notEqual(v.split(':')[2], before[i]!.split(':')[2], `column ${i} sealed with the new key`);
      }
      for (const key of [thirdKey, fourthKey, newKey]) {
        const { result } = await signInEncryptedTo(key, 'ada@example.com');
        assert.equal(result.status, 303, result.text);
      }
    } finally {
      await second.stop();
    }
  });
});

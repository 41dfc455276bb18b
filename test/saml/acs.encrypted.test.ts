/**
 * Encrypted assertions end to end over real HTTP: the `wantAssertionsEncrypted` setting, SP metadata
 * with the encryption certificate, sign-in with assertions signed and then encrypted to the SP
 * certificate by the test IdP (as Okta does), the core's `decryptSamlAssertion` (SAML adapter only),
 * and every refusal with a 4xx page, no session cookie, no change and the precise logged reason.
 * docs/SAML.md §Encrypted assertions, §Rejections.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import {
  TestIdp,
  XENC,
  injectNameIdComment,
  nestAssertionInsideSigned,
  tamperCiphertext,
  toBase64,
  type EncryptionOptions,
  type ResponseOptions,
} from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, get, postAcs, sessionOf, snapshot, startLogin, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import {
  ConfigureSamlConnectionDocument,
  CreateApiKeyDocument,
  DecryptSamlAssertionDocument,
  EventsDocument,
  SamlConnectionDocument,
} from '../generated/graphql.js';

describe('SAML sign-in with encrypted assertions', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });
  // the SP key pair (made at test time) that assertions are encrypted to, and someone else's
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  const otherKeys = new TestIdp({ commonName: 'other-sp.example.test' });
  const spKeyInput = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem };

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp, { ...spKeyInput, wantAssertionsEncrypted: true });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  /** Options for a response to a fresh SP-initiated login of `o`. */
  const answer = async (opts: ResponseOptions = {}, o: OrgFixture = org, s: Sp = sp): Promise<ResponseOptions> =>
    to(s, { inResponseTo: (await startLogin(t.url, o.slug)).requestId, ...opts });
  /** The answer with its assertion signed and then encrypted to the SP certificate. */
  const encrypted = async (opts: ResponseOptions = {}, enc: Partial<EncryptionOptions> = {}, o: OrgFixture = org, s: Sp = sp): Promise<string> =>
    idp.encryptedResponseXml({ ...(await answer(opts, o, s)), encrypt: { certificatePem: spKeys.certificatePem, ...enc } });
  const post =
    (xml: string, o: OrgFixture = org) =>
    () =>
      postAcs(t.url, o.slug, toBase64(xml));

  /** Posts, then checks the refusal, that nothing changed, and the logged reason. */
  async function refused(send: () => Promise<HttpResult>, reason: string, status = 400, o: OrgFixture = org): Promise<HttpResult> {
    const before = await snapshot(t, o);
    const r = await send();
    assertRefused(r, status);
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused');
    assert.ok(line, 'the refusal is logged under the reference');
    assert.equal(line.reason, reason, `logged: ${JSON.stringify(line)}`);
    assert.deepEqual(await snapshot(t, o), before, 'no user and no event changed');
    return r;
  }

  describe('sign-in', () => {
    test('SP-initiated, assertion signed and then encrypted (Okta default; AES-256-GCM, RSA-OAEP): signs in with the attributes', async () => {
      const login = await startLogin(t.url, org.slug, '/inbox');
      const xml = await idp.encryptedResponseXml({
        ...to(sp, { inResponseTo: login.requestId, nameId: 'ada@example.com' }),
        encrypt: { certificatePem: spKeys.certificatePem },
      });
      assert.doesNotMatch(xml, /ada@example\.com|Analyst/, 'nothing of the assertion travels in the clear');
      const r = await postAcs(t.url, org.slug, toBase64(xml));
      assert.equal(r.status, 303, r.text);
      assert.equal(r.location, '/inbox');
      const s = await sessionOf(t.url, r.sessionCookie!);
      assert.equal(s.body.user.userName, 'ada@example.com');
      assert.equal(s.body.user.title, 'Analyst');
      assert.equal(s.body.user.department, 'Engineering');
      const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_SIGNED_IN'] } }, org.key)).events.nodes;
      assert.equal(events.at(-1)!.requestId, r.requestId);
    });

    test('Response signed over the EncryptedAssertion, assertion signed too', async () => {
      const r = await postAcs(t.url, org.slug, toBase64(await encrypted({ signResponse: true, nameId: 'grace@example.com' })));
      assert.equal(r.status, 303, r.text);
      assert.equal((await sessionOf(t.url, r.sessionCookie!)).body.user.userName, 'grace@example.com');
    });

    test('Response signed, assertion not signed itself (wantAssertionsSigned off, wantResponseSigned on)', async () => {
      const o = await createOrg(t);
      const s = await connectIdp(t, o, idp, { ...spKeyInput, wantAssertionsEncrypted: true, wantAssertionsSigned: false, wantResponseSigned: true });
      const xml = await encrypted({ signResponse: true, signAssertion: false, nameId: 'linus@example.com', attributes: { title: ['Kernel'] } }, {}, o, s);
      const r = await postAcs(t.url, o.slug, toBase64(xml));
      assert.equal(r.status, 303, r.text);
      const session = await sessionOf(t.url, r.sessionCookie!);
      assert.equal(session.body.user.userName, 'linus@example.com');
      assert.equal(session.body.user.title, 'Kernel');
    });

    test('AES-128-CBC with xenc11 rsa-oaep, and AES-256-CBC with the EncryptedKey beside the EncryptedData', async () => {
      let r = await postAcs(t.url, org.slug, toBase64(await encrypted({}, { content: 'aes128-cbc', keyTransport: 'rsa-oaep' })));
      assert.equal(r.status, 303, r.text);
      r = await postAcs(t.url, org.slug, toBase64(await encrypted({}, { content: 'aes256-cbc', keyPlacement: 'sibling' })));
      assert.equal(r.status, 303, r.text);
    });

    test('the same encrypted response posted twice: the second is refused', async () => {
      const xml = await encrypted();
      assert.equal((await postAcs(t.url, org.slug, toBase64(xml))).status, 303);
      await refused(post(xml), 'saml.inResponseTo.used');
    });

    test('encryption not required, SP key pair configured: encrypted and plaintext assertions are both accepted', async () => {
      const o = await createOrg(t);
      const s = await connectIdp(t, o, idp, spKeyInput);
      assert.equal((await postAcs(t.url, o.slug, toBase64(await encrypted({}, {}, o, s)))).status, 303);
      assert.equal((await postAcs(t.url, o.slug, idp.response(await answer({}, o, s)))).status, 303);
    });
  });

  describe('refusals', () => {
    test('a plaintext assertion while encryption is required', async () => {
      const r = await refused(post(idp.responseXml(await answer())), 'validate.not_encrypted');
      assert.match(r.text, /accepts only encrypted sign-in responses/);
    });
    test('encrypted to another certificate (an IdP set up with a wrong or old SP certificate)', async () => {
      await refused(post(await encrypted({}, { certificatePem: otherKeys.certificatePem })), 'validate.decryption_failed');
    });
    test('RSA PKCS#1 v1.5 key transport (rsa-1_5)', async () => {
      const r = await refused(post(await encrypted({}, { keyTransport: 'rsa-1_5' })), 'validate.weak_encryption');
      assert.match(r.text, /outdated method/);
    });
    test('3DES content encryption', async () => {
      await refused(post(await encrypted({}, { content: 'tripledes-cbc' })), 'validate.weak_encryption');
    });
    test('ciphertext changed (AES-GCM, Response not signed)', async () => {
      await refused(post(tamperCiphertext(await encrypted())), 'validate.decryption_failed');
    });
    test('ciphertext changed under a Response signature: refused before decryption', async () => {
      await refused(post(tamperCiphertext(await encrypted({ signResponse: true }))), 'validate.bad_signature');
    });
    test('assertion inside signed by an untrusted key', async () => {
      await refused(post(await encrypted({ signer: attacker })), 'validate.untrusted_key');
    });
    test('assertion inside not signed (signed assertions required)', async () => {
      await refused(post(await encrypted({ signAssertion: false, signResponse: true })), 'validate.unsigned');
    });
    test('signature wrapping inside the decrypted assertion (an evil assertion nested in the signed one)', async () => {
      await refused(post(await encrypted({}, { beforeEncrypt: (xml) => nestAssertionInsideSigned(xml) })), 'validate.wrapping');
    });
    test('a DOCTYPE inside the decrypted assertion', async () => {
      await refused(post(await encrypted({}, { tamperPlaintext: (a) => `<!DOCTYPE x [<!ENTITY e "x">]>${a}` })), 'validate.doctype');
    });
    test('NameID with a comment inside the decrypted assertion', async () => {
      const xml = await encrypted({ nameId: 'ada@example.com.evil.example' }, { beforeEncrypt: (x) => injectNameIdComment(x, 'ada@example.com') });
      await refused(post(xml), 'validate.nameid');
    });
    test('the decrypted assertion is issued for another SP', async () => {
      await refused(post(await encrypted({ audience: 'https://other-sp.example.com/saml' })), 'validate.audience');
    });
    test('an encrypted assertion at an organization without an SP key pair', async () => {
      const o = await createOrg(t);
      const s = await connectIdp(t, o, idp);
      await refused(post(await encrypted({}, {}, o, s), o), 'validate.encrypted_unsupported', 400, o);
    });
    test('failures after decryption all show the same page (no padding or parsing oracle)', async () => {
      const page = (r: HttpResult) => r.text.replace(r.requestId!, 'REF');
      const failed = await refused(post(tamperCiphertext(await encrypted())), 'validate.decryption_failed');
      const garbled = await refused(post(await encrypted({}, { tamperPlaintext: (a) => a.slice(0, -20) })), 'validate.malformed');
      const forged = await refused(post(await encrypted({ signer: attacker, keyInfoCertificatePem: idp.certificatePem })), 'validate.bad_signature');
      assert.equal(page(failed), page(garbled));
      assert.equal(page(failed), page(forged));
    });
  });

  describe('setting, metadata and the decryption operation', () => {
    test('SP metadata publishes the encryption certificate (with the accepted methods) only while encryption is required', async () => {
      const o = await createOrg(t);
      await connectIdp(t, o, idp, spKeyInput);
      const md = () => get(`${t.url}/saml/${o.slug}/metadata`).then((r) => r.text);
      assert.doesNotMatch(await md(), /KeyDescriptor/);

      const on = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { wantAssertionsEncrypted: true } }, o.key))
        .configureSamlConnection;
      assert.equal(on.wantAssertionsEncrypted, true);
      const text = await md();
      const kd = /<md:KeyDescriptor use="encryption">([\s\S]*?)<\/md:KeyDescriptor>/.exec(text);
      assert.ok(kd, text);
      assert.ok(kd[1]!.includes(`<ds:X509Certificate>${spKeys.certificateBase64}</ds:X509Certificate>`));
      assert.deepEqual(
        [...kd[1]!.matchAll(/<md:EncryptionMethod Algorithm="([^"]+)"\/>/g)].map((m) => m[1]),
        [XENC['aes256-gcm'], XENC['aes128-gcm'], XENC['aes256-cbc'], XENC['aes128-cbc'], XENC['rsa-oaep-mgf1p'], XENC['rsa-oaep']],
      );
      assert.doesNotMatch(text, /use="signing"/, 'AuthnRequests are not signed here');
      const events = (await t.gql(EventsDocument, { organizationId: o.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] } }, o.key)).events.nodes;
      assert.deepEqual(events.at(-1)!.changes, { wantAssertionsEncrypted: { before: false, after: true } });

      await t.gql(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { wantAssertionsEncrypted: false } }, o.key);
      assert.doesNotMatch(await md(), /KeyDescriptor/);
    });

    test('requiring encryption needs the SP key pair, and the pair cannot be removed while it is required', async () => {
      const o = await createOrg(t);
      let r = await t.raw(
        ConfigureSamlConnectionDocument,
        { organizationId: o.id, input: { idpMetadataXml: idp.metadataXml(), wantAssertionsEncrypted: true } },
        o.key,
      );
      assert.equal(r.errors?.[0]?.extensions?.reason, 'samlConnection.wantAssertionsEncrypted.keyRequired');
      await connectIdp(t, o, idp, { ...spKeyInput, wantAssertionsEncrypted: true });
      r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { spPrivateKeyPem: null } }, o.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.equal(r.errors?.[0]?.extensions?.reason, 'samlConnection.wantAssertionsEncrypted.keyRequired');
      const c = (await t.gql(SamlConnectionDocument, { organizationId: o.id }, o.key)).samlConnection;
      assert.equal(c.spPrivateKeyConfigured, true);
      assert.equal(c.wantAssertionsEncrypted, true);
    });

    test('decryptSamlAssertion is refused to every credential (API keys, SCIM token, platform key, other organizations): the SP key is no decryption service', async () => {
      const xml = await encrypted();
      const encryptedAssertionXml = /<saml2:EncryptedAssertion[\s\S]*<\/saml2:EncryptedAssertion>/.exec(xml)![0];
      const readOnly = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'ro', role: 'READ_ONLY' }, org.key)).createApiKey.token;
      const other = await createOrg(t);
      const cases: Array<[string, string, string]> = [
        ['ADMIN API key', org.key, 'FORBIDDEN'],
        ['READ_ONLY API key', readOnly, 'FORBIDDEN'],
        ['SCIM token', org.scimToken, 'FORBIDDEN'],
        ['platform key', t.adminKey, 'FORBIDDEN'],
        ["another organization's key", other.key, 'NOT_FOUND'],
      ];
      for (const [who, key, code] of cases) {
        const r = await t.raw(DecryptSamlAssertionDocument, { organizationId: org.id, input: { encryptedAssertionXml } }, key);
        assert.equal(r.errors?.[0]?.extensions?.code, code, `${who}: ${JSON.stringify(r.errors)}`);
        assert.equal(r.data, null);
        assert.doesNotMatch(JSON.stringify(r), /ada@example|Assertion ID/, `${who}: no plaintext`);
      }
    });
  });
});

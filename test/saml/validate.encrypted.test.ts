/**
 * Encrypted assertions in the validator and in the core's decryption, without a server: real
 * assertions signed and then encrypted by the test IdP with xml-encryption (as Okta does), decrypted
 * by the core's `decryptEncryptedAssertion` with the SP key, validated by `validateSamlResponse`.
 * The HTTP side (operation, setting, metadata, refusal pages) is in saml-acs.encrypted.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/core/errors.js';
import { decryptEncryptedAssertion } from '../../src/core/services/saml-decrypt.js';
import { SamlDecryptionRefused, validateSamlResponse, type SamlRejection, type SamlTrust } from '../../src/saml/validate-response.js';
import {
  ACS_URL,
  SP_ENTITY_ID,
  TestIdp,
  XENC,
  addUnsignedAssertion,
  encryptAssertion,
  injectNameIdComment,
  nestAssertionInsideSigned,
  tamperCiphertext,
  toBase64,
  type EncryptionOptions,
  type ResponseOptions,
} from '../helpers/saml-idp.js';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const MIN = 60_000;

const idp = new TestIdp();
const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });
const sp = new TestIdp({ commonName: 'sp.example.test' });
const otherSp = new TestIdp({ commonName: 'other-sp.example.test' });

const REASONS: Record<string, SamlDecryptionRefused['reason']> = {
  'saml.decrypt.weakAlgorithm': 'weak_encryption',
  'saml.decrypt.unsupportedAlgorithm': 'encrypted_unsupported',
  'saml.decrypt.failed': 'decryption_failed',
  'saml.decrypt.malformed': 'malformed',
};

/** The core's decryption with the SP key, its refusals translated as the adapter does (src/saml/flows.ts). */
function decryptor(key: TestIdp = sp) {
  const calls: string[] = [];
  const decrypt = async (xml: string): Promise<string> => {
    calls.push(xml);
    try {
      return (await decryptEncryptedAssertion(xml, { privateKeyPem: key.privateKeyPem, certificateBase64: key.certificateBase64 })).assertionXml;
    } catch (err) {
      if (err instanceof AppError && REASONS[err.reason]) throw new SamlDecryptionRefused(REASONS[err.reason]!, err.message);
      throw err;
    }
  };
  return { decrypt, calls };
}

function trust(overrides: Partial<SamlTrust> = {}): SamlTrust {
  return {
    idpEntityId: idp.entityId,
    idpCertificates: [idp.certificatePem],
    spEntityId: SP_ENTITY_ID,
    acsUrl: ACS_URL,
    wantAssertionsSigned: true,
    wantResponseSigned: false,
    clockSkewMs: MIN,
    now: NOW,
    decryptAssertion: decryptor().decrypt,
    ...overrides,
  };
}

const FIXED: ResponseOptions = { now: NOW, responseId: 'id-response-1', assertionId: 'id-assertion-1' };
const encrypted = (opts: ResponseOptions = {}, enc: Partial<EncryptionOptions> = {}): Promise<string> =>
  idp.encryptedResponseXml({ ...FIXED, ...opts, encrypt: { certificatePem: sp.certificatePem, ...enc } });

async function accepted(xml: string, t: SamlTrust = trust()) {
  const r = await validateSamlResponse(toBase64(xml), t);
  assert.ok(r.ok, r.ok ? '' : `rejected: ${r.reason}: ${r.detail}`);
  return r.assertion;
}

async function rejected(xml: string, reason: SamlRejection, t: SamlTrust = trust()): Promise<string> {
  const r = await validateSamlResponse(toBase64(xml), t);
  assert.equal(r.ok, false, `expected rejection '${reason}' but the response was accepted`);
  if (r.ok) return '';
  assert.equal(r.reason, reason, `expected '${reason}', got '${r.reason}': ${r.detail}`);
  assert.ok(r.detail.length > 0 && r.detail.length < 300, 'detail is a short sentence');
  return r.detail;
}

describe('encrypted assertions that are accepted', () => {
  test('signed, then encrypted (Okta): the result is exactly that of the same assertion in plaintext', async () => {
    const xml = await encrypted();
    assert.match(xml, /<saml2:EncryptedAssertion[^>]*><xenc:EncryptedData[^>]*Type="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#Element"/);
    assert.match(xml, /<KeyInfo xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">\s*<e:EncryptedKey/);
    assert.doesNotMatch(xml, /ada@example\.com|<saml2:Assertion/, 'nothing of the assertion in the clear');
    const plain = await accepted(idp.responseXml(FIXED));
    assert.deepEqual(await accepted(xml), plain);
  });

  for (const content of ['aes256-gcm', 'aes128-gcm', 'aes256-cbc', 'aes128-cbc'] as const) {
    for (const keyTransport of ['rsa-oaep-mgf1p', 'rsa-oaep'] as const) {
      test(`${keyTransport} with ${content}`, async () => {
        const xml = await encrypted({}, { content, keyTransport });
        assert.ok(xml.includes(XENC[content]) && xml.includes(XENC[keyTransport]));
        assert.equal((await accepted(xml)).nameId, 'ada@example.com');
      });
    }
  }

  test('EncryptedKey beside the EncryptedData, named by a RetrievalMethod (SAML core §2.2.4)', async () => {
    assert.equal((await accepted(await encrypted({}, { keyPlacement: 'sibling' }))).nameId, 'ada@example.com');
  });

  test('Response signed over the EncryptedAssertion, assertion signed too', async () => {
    const xml = await encrypted({ signResponse: true });
    assert.equal((await accepted(xml, trust({ wantResponseSigned: true }))).nameId, 'ada@example.com');
  });

  test('Response signed, assertion not signed itself (wantAssertionsSigned off): values from the ciphertext the Response signature covers', async () => {
    const xml = await encrypted({ signResponse: true, signAssertion: false });
    const a = await accepted(xml, trust({ wantAssertionsSigned: false, wantResponseSigned: true }));
    assert.equal(a.nameId, 'ada@example.com');
    assert.equal(a.assertionId, 'id-assertion-1');
  });

  test('the Response signature is verified before anything is decrypted, and the signed ciphertext is what gets decrypted', async () => {
    const d = decryptor();
    await accepted(await encrypted({ signResponse: true }), trust({ wantResponseSigned: true, decryptAssertion: d.decrypt }));
    assert.equal(d.calls.length, 1);
    assert.match(d.calls[0]!, /^<saml2:EncryptedAssertion xmlns:saml2="urn:oasis:names:tc:SAML:2\.0:assertion">/);
    const tampered = decryptor();
    await rejected(
      tamperCiphertext(await encrypted({ signResponse: true })),
      'bad_signature',
      trust({ wantResponseSigned: true, decryptAssertion: tampered.decrypt }),
    );
    assert.equal(tampered.calls.length, 0, 'a tampered response is refused before decryption');
  });

  test('encryption required: an encrypted assertion passes, a plaintext one is refused (not_encrypted)', async () => {
    await accepted(await encrypted(), trust({ requireEncryptedAssertions: true }));
    await rejected(idp.responseXml(FIXED), 'not_encrypted', trust({ requireEncryptedAssertions: true }));
  });
});

describe('encrypted assertions that are refused', () => {
  test('no decryptAssertion (no SP key pair) → encrypted_unsupported', async () => {
    await rejected(await encrypted(), 'encrypted_unsupported', trust({ decryptAssertion: undefined }));
  });
  test('encrypted to another certificate → decryption_failed, with the hint in the detail', async () => {
    const detail = await rejected(await encrypted({}, { certificatePem: otherSp.certificatePem }), 'decryption_failed');
    assert.match(detail, /another certificate/);
  });
  test('rsa-1_5 key transport (Bleichenbacher) → weak_encryption', async () => {
    const detail = await rejected(await encrypted({}, { keyTransport: 'rsa-1_5' }), 'weak_encryption');
    assert.match(detail, /rsa-1_5/);
  });
  test('3DES content encryption → weak_encryption', async () => {
    const detail = await rejected(await encrypted({}, { content: 'tripledes-cbc' }), 'weak_encryption');
    assert.match(detail, /3DES/);
  });
  test('AES-GCM ciphertext changed (response not signed) → decryption_failed', async () => {
    await rejected(tamperCiphertext(await encrypted()), 'decryption_failed');
  });
  test('AES-CBC ciphertext changed → refused (bad padding, garbage XML, or a broken signature)', async () => {
    const r = await validateSamlResponse(toBase64(tamperCiphertext(await encrypted({}, { content: 'aes256-cbc' }))), trust());
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(['decryption_failed', 'malformed', 'bad_signature'].includes(r.reason), `${r.reason}: ${r.detail}`);
  });
  test('assertion inside signed by an untrusted key → untrusted_key', async () => {
    await rejected(await encrypted({ signer: attacker }), 'untrusted_key');
  });
  test("assertion inside signed by an untrusted key claiming the IdP's certificate → bad_signature", async () => {
    await rejected(await encrypted({ signer: attacker, keyInfoCertificatePem: idp.certificatePem }), 'bad_signature');
  });
  test('assertion inside not signed, while signed assertions are required → unsigned', async () => {
    await rejected(await encrypted({ signAssertion: false, signResponse: true }), 'unsigned', trust({ wantResponseSigned: true }));
    await rejected(await encrypted({ signAssertion: false }), 'unsigned', trust({ wantAssertionsSigned: false, wantResponseSigned: false }));
  });
  test('an unsigned assertion nested inside the decrypted, signed one → wrapping', async () => {
    await rejected(await encrypted({}, { beforeEncrypt: (xml) => nestAssertionInsideSigned(xml) }), 'wrapping');
  });
  test('a DOCTYPE inside the plaintext → doctype', async () => {
    await rejected(await encrypted({}, { tamperPlaintext: (a) => `<!DOCTYPE x [<!ENTITY e "x">]>${a}` }), 'doctype');
  });
  test('NameID with a comment inside the plaintext → nameid', async () => {
    const xml = await encrypted({ nameId: 'ada@example.com.evil.example' }, { beforeEncrypt: (x) => injectNameIdComment(x, 'ada@example.com') });
    await rejected(xml, 'nameid');
  });
  test('the plaintext is a Response, not an Assertion → wrapping', async () => {
    const inner = idp.responseXml({ ...FIXED, responseId: 'id-inner-response' }).replace(/^<\?xml[^>]*\?>/, '');
    await rejected(await encrypted({}, { tamperPlaintext: () => inner }), 'wrapping');
  });
  test('SHA-1 signature inside the encrypted assertion → sha1', async () => {
    await rejected(await encrypted({ signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' }), 'sha1');
  });
  test('every assertion check runs on the decrypted assertion: audience, recipient, issuer, expiry', async () => {
    await rejected(await encrypted({ audience: 'https://other-sp.example.com' }), 'audience');
    await rejected(await encrypted({ recipient: 'https://other-sp.example.com/acs' }), 'recipient');
    await rejected(await encrypted({ assertionIssuer: 'http://www.okta.com/exkOTHER' }), 'issuer');
    await rejected(await encrypted({ now: new Date(NOW.getTime() - 60 * MIN) }), 'expired');
  });
  test('an encrypted and a plaintext assertion side by side → multiple_assertions', async () => {
    const both = await encryptAssertion(addUnsignedAssertion(idp.responseXml(FIXED), 'after'), { certificatePem: sp.certificatePem });
    await rejected(both, 'multiple_assertions');
  });
  test('two encrypted assertions → multiple_assertions', async () => {
    const one = await encrypted();
    const enc = /<saml2:EncryptedAssertion[\s\S]*<\/saml2:EncryptedAssertion>/.exec(one)![0];
    await rejected(one.replace(enc, enc + enc.replace(/Id="[^"]*"/g, '')), 'multiple_assertions');
  });
  test('a decryption service that fails unexpectedly ends in a rejection, not an exception', async () => {
    await rejected(await encrypted(), 'malformed', trust({ decryptAssertion: async () => Promise.reject(new Error('core down')) }));
  });
});

describe('decryptEncryptedAssertion (core): strict shape and algorithms', () => {
  const key = { privateKeyPem: sp.privateKeyPem, certificateBase64: sp.certificateBase64 };
  const encryptedAssertionOf = async (enc: Partial<EncryptionOptions> = {}) =>
    /<saml2:EncryptedAssertion[\s\S]*<\/saml2:EncryptedAssertion>/.exec(await encrypted({}, enc))![0];
  const refusal = async (xml: string, reason: string, message?: RegExp) => {
    await assert.rejects(decryptEncryptedAssertion(xml, key), (err: unknown) => {
      assert.ok(err instanceof AppError, String(err));
      assert.equal(err.code, 'BAD_USER_INPUT');
      assert.equal(err.reason, reason, err.message);
      if (message) assert.match(err.message, message);
      return true;
    });
  };

  test('decrypts to the assertion, naming the algorithms', async () => {
    const r = await decryptEncryptedAssertion(await encryptedAssertionOf({ content: 'aes128-cbc' }), key);
    assert.match(r.assertionXml, /^<saml2:Assertion [^>]*ID="id-assertion-1"/);
    assert.equal(r.keyTransportAlgorithm, XENC['rsa-oaep-mgf1p']);
    assert.equal(r.contentEncryptionAlgorithm, XENC['aes128-cbc']);
  });
  test('unknown content algorithm (AES-192) → unsupportedAlgorithm', async () => {
    const xml = (await encryptedAssertionOf({ content: 'aes256-cbc' })).replace(XENC['aes256-cbc'], 'http://www.w3.org/2001/04/xmlenc#aes192-cbc');
    await refusal(xml, 'saml.decrypt.unsupportedAlgorithm', /aes192/);
  });
  test('RSA-OAEP with a SHA-256 digest → unsupportedAlgorithm (not silently mis-decrypted)', async () => {
    const xml = (await encryptedAssertionOf()).replace('http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmlenc#sha256');
    await refusal(xml, 'saml.decrypt.unsupportedAlgorithm', /SHA-1 only/);
  });
  test('weak algorithms are refused by name, before any decryption', async () => {
    await refusal(await encryptedAssertionOf({ keyTransport: 'rsa-1_5' }), 'saml.decrypt.weakAlgorithm', /Bleichenbacher/);
    await refusal(await encryptedAssertionOf({ content: 'tripledes-cbc' }), 'saml.decrypt.weakAlgorithm', /3DES/);
  });
  test('malformed input', async () => {
    const good = await encryptedAssertionOf();
    const key2 = /<e:EncryptedKey[\s\S]*<\/e:EncryptedKey>/.exec(good)![0];
    await refusal('<x/>', 'saml.decrypt.malformed');
    await refusal('not xml', 'saml.decrypt.malformed');
    await refusal(`<!DOCTYPE x [<!ENTITY e "x">]>${good}`, 'saml.decrypt.malformed', /DOCTYPE/);
    await refusal(good.replace('</saml2:EncryptedAssertion>', `${key2}</saml2:EncryptedAssertion>`), 'saml.decrypt.malformed', /two EncryptedKeys/);
    await refusal(
      good.replace(
        /<xenc:CipherData>\s*<xenc:CipherValue>[^<]*<\/xenc:CipherValue>\s*<\/xenc:CipherData>/,
        '<xenc:CipherData><xenc:CipherReference URI="https://evil.example/x"/></xenc:CipherData>',
      ),
      'saml.decrypt.malformed',
      /CipherReference/,
    );
    await refusal(
      good.replace('</saml2:EncryptedAssertion>', '<saml2:Assertion/></saml2:EncryptedAssertion>'),
      'saml.decrypt.malformed',
      /unexpected Assertion/,
    );
  });
  test('another key → failed, without details from the cryptography', async () => {
    const xml = await encryptedAssertionOf({ certificatePem: otherSp.certificatePem });
    await refusal(xml, 'saml.decrypt.failed', /could not be decrypted with the SP key \(it was encrypted to another certificate/);
  });
});

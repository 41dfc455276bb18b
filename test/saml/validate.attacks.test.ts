/**
 * One test per attack on the SAML Response validator, each asserting the exact rejection reason.
 * Responses are real XML signed by the test IdP (test/helpers/saml-idp.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSamlResponse, MAX_SAML_RESPONSE_BASE64_LENGTH, type SamlRejection, type SamlTrust } from '../../src/saml/validate-response.js';
import {
  ACS_URL,
  SP_ENTITY_ID,
  TestIdp,
  addDoctype,
  addStraySignature,
  addUnsignedAssertion,
  duplicateAssertionId,
  fakeEncryptedAssertion,
  hideSignedAssertion,
  injectNameIdComment,
  moveResponseSignatureIntoAssertion,
  moveSignedAssertion,
  nestAssertionInsideSigned,
  tamperAttribute,
  tamperNameId,
  toBase64,
  wrapSignedResponse,
  type ResponseOptions,
} from '../helpers/saml-idp.js';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const MIN = 60_000;

const idp = new TestIdp();
// The attacker runs their own "IdP" with their own key, claiming to be ours.
const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });

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
    ...overrides,
  };
}

const xmlOf = (opts: ResponseOptions = {}): string => idp.responseXml({ now: NOW, ...opts });

async function expectRejected(samlResponse: string, reason: SamlRejection, t: SamlTrust = trust()): Promise<void> {
  const result = await validateSamlResponse(samlResponse, t);
  assert.equal(result.ok, false, `expected rejection '${reason}' but the response was accepted`);
  if (!result.ok) {
    assert.equal(result.reason, reason, `expected '${reason}', got '${result.reason}': ${result.detail}`);
    assert.ok(result.detail.length > 0 && result.detail.length < 300, 'detail is a short sentence');
    assert.doesNotMatch(result.detail, /\n\s+at /, 'detail carries no stack trace');
  }
}

test('sanity: the unmodified response is accepted (so every rejection below is caused by the attack)', async () => {
  const result = await validateSamlResponse(toBase64(xmlOf()), trust());
  assert.equal(result.ok, true, result.ok ? '' : `${result.reason}: ${result.detail}`);
  const both = await validateSamlResponse(toBase64(xmlOf({ signResponse: true })), trust({ wantResponseSigned: true }));
  assert.equal(both.ok, true, both.ok ? '' : `${both.reason}: ${both.detail}`);
});

describe('DTD / XXE', () => {
  test('DOCTYPE with an internal entity in a validly signed response → doctype', async () => {
    await expectRejected(toBase64(addDoctype(xmlOf())), 'doctype');
  });
  test('XXE: external entity referenced from NameID → doctype', async () => {
    const xml = xmlOf({ nameId: 'XXE' })
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
      .replace('>XXE<', '>&xxe;<');
    await expectRejected(toBase64(xml), 'doctype');
  });
  test('billion laughs entity expansion → doctype', async () => {
    const dtd =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const xml = xmlOf({ nameId: 'BOOM' }).replace('<?xml version="1.0" encoding="UTF-8"?>', dtd).replace('>BOOM<', '>&lol3;<');
    await expectRejected(toBase64(xml), 'doctype');
  });
  test('lower-case doctype declaration without internal subset → doctype', async () => {
    await expectRejected(toBase64(xmlOf().replace('<?xml version="1.0" encoding="UTF-8"?>', '<!doctype Response>')), 'doctype');
  });
});

describe('SHA-1', () => {
  test('assertion signed with rsa-sha1 and a sha1 digest → sha1', async () => {
    await expectRejected(toBase64(xmlOf({ signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' })), 'sha1');
  });
  test('rsa-sha256 signature over a sha1 digest → sha1', async () => {
    await expectRejected(toBase64(xmlOf({ digestAlgorithm: 'sha1' })), 'sha1');
  });
  test('an rsa-sha1 Signature placed in the Response next to a sha256-signed Assertion → sha1', async () => {
    const assertionSigned = xmlOf();
    const sha1Response = idp.responseXml({ now: NOW, signAssertion: false, signResponse: true, signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' });
    const sha1Signature = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(sha1Response)![0];
    const mixed = assertionSigned.replace(/(<saml2:Issuer[^>]*>[^<]*<\/saml2:Issuer>)/, `$1${sha1Signature}`);
    await expectRejected(toBase64(mixed), 'sha1');
  });
});

describe('missing signatures', () => {
  test('unsigned assertion while wantAssertionsSigned → unsigned', async () => {
    await expectRejected(toBase64(xmlOf({ signAssertion: false })), 'unsigned');
  });
  test('unsigned response while wantResponseSigned (assertion signed) → unsigned', async () => {
    await expectRejected(toBase64(xmlOf()), 'unsigned', trust({ wantResponseSigned: true }));
  });
  test('only the response signed while wantAssertionsSigned → unsigned', async () => {
    await expectRejected(toBase64(xmlOf({ signAssertion: false, signResponse: true })), 'unsigned');
  });
  test('nothing signed at all, even with both "want" flags off → unsigned', async () => {
    await expectRejected(toBase64(xmlOf({ signAssertion: false })), 'unsigned', trust({ wantAssertionsSigned: false }));
  });
});

describe('forged and tampered signatures', () => {
  test('NameID changed after signing → bad_signature', async () => {
    await expectRejected(toBase64(tamperNameId(xmlOf(), 'ceo@example.com')), 'bad_signature');
  });
  test('groups attribute extended with "superadmins" after signing → bad_signature', async () => {
    const tampered = tamperAttribute(xmlOf(), 'groups', 'superadmins');
    assert.notEqual(tampered, xmlOf(), 'tamper helper changed the document');
    await expectRejected(toBase64(tampered), 'bad_signature');
  });
  test('Destination rewritten after the Response was signed → bad_signature', async () => {
    const xml = xmlOf({ signResponse: true }).replace(`Destination="${ACS_URL}"`, 'Destination="https://other.example.com/acs"');
    await expectRejected(toBase64(xml), 'bad_signature', trust({ wantResponseSigned: true }));
  });
  test('signed by an attacker key that carries its own certificate in KeyInfo → untrusted_key', async () => {
    await expectRejected(toBase64(xmlOf({ signer: attacker })), 'untrusted_key');
  });
  test('signed by an attacker key, no KeyInfo → bad_signature', async () => {
    await expectRejected(toBase64(xmlOf({ signer: attacker, includeKeyInfo: false })), 'bad_signature');
  });
  test("signed by an attacker key while KeyInfo claims the IdP's certificate → bad_signature", async () => {
    await expectRejected(toBase64(xmlOf({ signer: attacker, keyInfoCertificatePem: idp.certificatePem })), 'bad_signature');
  });
  test('attacker-signed Response around a genuine IdP-signed Assertion → untrusted_key (every signature present must verify)', async () => {
    await expectRejected(toBase64(xmlOf({ signResponse: true, responseSigner: attacker })), 'untrusted_key');
  });
});

describe('NameID comment injection (CVE-2017-11427 family)', () => {
  test('comment inserted into a signed NameID (user@example.com<!---->.evil.com) → nameid', async () => {
    const xml = injectNameIdComment(xmlOf({ nameId: 'ada@example.com.evil.com' }), 'ada@example.com');
    assert.match(xml, /ada@example\.com<!---->\.evil\.com/);
    await expectRejected(toBase64(xml), 'nameid');
  });
  test('empty NameID → nameid', async () => {
    await expectRejected(toBase64(xmlOf({ nameId: '' })), 'nameid');
  });
  test('whitespace-only NameID → nameid', async () => {
    await expectRejected(toBase64(xmlOf({ nameId: '   ' })), 'nameid');
  });
  test('a transient NameID (a new one-time id every sign-in: a new user and seat each time) → nameid_transient', async () => {
    await expectRejected(toBase64(xmlOf({ nameId: '_3f1c0a9e7b6d', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' })), 'nameid_transient');
  });
});

describe('signature wrapping (XSW)', () => {
  test('second unsigned Assertion before the signed one → multiple_assertions', async () => {
    await expectRejected(toBase64(addUnsignedAssertion(xmlOf(), 'before')), 'multiple_assertions');
  });
  test('second unsigned Assertion after the signed one → multiple_assertions', async () => {
    await expectRejected(toBase64(addUnsignedAssertion(xmlOf(), 'after')), 'multiple_assertions');
  });
  test('second Assertion beside a signed Response (response signature only) → multiple_assertions', async () => {
    const xml = addUnsignedAssertion(xmlOf({ signAssertion: false, signResponse: true }), 'after');
    await expectRejected(toBase64(xml), 'multiple_assertions', trust({ wantAssertionsSigned: false, wantResponseSigned: true }));
  });
  test('signed Assertion moved into samlp:Extensions, evil Assertion in its place → wrapping', async () => {
    await expectRejected(toBase64(moveSignedAssertion(xmlOf(), 'extensions')), 'wrapping');
  });
  test('signed Assertion moved into a ds:Object of a copied Signature, evil Assertion in its place → wrapping', async () => {
    await expectRejected(toBase64(moveSignedAssertion(xmlOf(), 'object')), 'wrapping');
  });
  test('evil Assertion nested inside the signed Assertion → wrapping', async () => {
    await expectRejected(toBase64(nestAssertionInsideSigned(xmlOf())), 'wrapping');
  });
  test('signed Response moved into samlp:Extensions of an evil Response → wrapping', async () => {
    const xml = wrapSignedResponse(xmlOf({ signAssertion: false, signResponse: true }));
    await expectRejected(toBase64(xml), 'wrapping', trust({ wantAssertionsSigned: false, wantResponseSigned: true }));
  });
  test("Response's Signature moved into the Assertion (Reference names another element) → wrapping", async () => {
    const xml = moveResponseSignatureIntoAssertion(xmlOf({ signAssertion: false, signResponse: true }));
    await expectRejected(toBase64(xml), 'wrapping', trust({ wantAssertionsSigned: false }));
  });
  test('the only (signed) Assertion hidden in samlp:Extensions → wrapping', async () => {
    await expectRejected(toBase64(hideSignedAssertion(xmlOf())), 'wrapping');
  });
  test('a Signature outside the Response/Assertion (in samlp:Extensions) → wrapping', async () => {
    await expectRejected(toBase64(addStraySignature(xmlOf())), 'wrapping');
  });
  test('another element carrying the signed Assertion ID (duplicate ID) → wrapping', async () => {
    await expectRejected(toBase64(duplicateAssertionId(xmlOf())), 'wrapping');
  });
  test('Assertion in a foreign namespace masquerading as the SAML Assertion → wrapping', async () => {
    const xml = xmlOf({ signAssertion: false, signResponse: true }).replace(
      /<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"/,
      '<saml2:Assertion xmlns:saml2="urn:example:not-saml"',
    );
    await expectRejected(toBase64(xml), 'wrapping', trust({ wantAssertionsSigned: false }));
  });
});

describe('encrypted assertions', () => {
  test('EncryptedAssertion without decryptAssertion (no SP key pair) → encrypted_unsupported', async () => {
    await expectRejected(toBase64(fakeEncryptedAssertion(xmlOf({ signResponse: true }))), 'encrypted_unsupported', trust({ wantResponseSigned: true }));
  });
});

describe('issuer', () => {
  test('Assertion Issuer is another IdP, signed with the trusted key (shared-cert IdPs) → issuer', async () => {
    await expectRejected(toBase64(xmlOf({ assertionIssuer: 'http://www.okta.com/exkOTHERTENANT' })), 'issuer');
  });
  test('Response Issuer is another IdP → issuer', async () => {
    await expectRejected(toBase64(xmlOf({ responseIssuer: 'http://www.okta.com/exkOTHERTENANT' })), 'issuer');
  });
  test('Assertion without Issuer → issuer', async () => {
    await expectRejected(toBase64(xmlOf({ assertionIssuer: null })), 'issuer');
  });
});

describe('destination and recipient', () => {
  test('Response Destination is another SP (response forwarded from elsewhere) → destination', async () => {
    await expectRejected(toBase64(xmlOf({ destination: 'https://evil.example.com/saml/acs' })), 'destination');
  });
  test('Response without Destination → destination', async () => {
    await expectRejected(toBase64(xmlOf({ destination: null })), 'destination');
  });
  test('SubjectConfirmationData Recipient is another SP → recipient', async () => {
    await expectRejected(toBase64(xmlOf({ recipient: 'https://evil.example.com/saml/acs' })), 'recipient');
  });
  test('SubjectConfirmationData without Recipient → recipient', async () => {
    await expectRejected(toBase64(xmlOf({ recipient: null })), 'recipient');
  });
  test('no bearer SubjectConfirmation (holder-of-key only) → recipient', async () => {
    await expectRejected(toBase64(xmlOf({ confirmationMethod: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' })), 'recipient');
  });
});

describe('audience', () => {
  test('assertion issued to another SP → audience', async () => {
    await expectRejected(toBase64(xmlOf({ audience: 'https://other-sp.example.com/metadata' })), 'audience');
  });
  test('assertion without AudienceRestriction → audience', async () => {
    await expectRejected(toBase64(xmlOf({ audience: null })), 'audience');
  });
});

describe('validity window', () => {
  test('Conditions NotOnOrAfter passed beyond the skew → expired', async () => {
    await expectRejected(toBase64(xmlOf({ conditionsNotOnOrAfter: new Date(NOW.getTime() - 2 * MIN) })), 'expired');
  });
  test('SubjectConfirmationData NotOnOrAfter passed while Conditions are still valid → expired', async () => {
    await expectRejected(toBase64(xmlOf({ subjectNotOnOrAfter: new Date(NOW.getTime() - 2 * MIN) })), 'expired');
  });
  test('SubjectConfirmationData without NotOnOrAfter → expired', async () => {
    await expectRejected(toBase64(xmlOf({ subjectNotOnOrAfter: null })), 'expired');
  });
  test('Conditions without NotOnOrAfter (unbounded lifetime) → expired', async () => {
    await expectRejected(toBase64(xmlOf({ conditionsNotOnOrAfter: null })), 'expired');
  });
  test('Conditions NotBefore beyond the skew in the future → not_yet_valid', async () => {
    await expectRejected(toBase64(xmlOf({ conditionsNotBefore: new Date(NOW.getTime() + 2 * MIN) })), 'not_yet_valid');
  });
  test('old captured response replayed days later (wall clock, node-saml and our checks) → expired', async () => {
    const old = idp.response({ now: new Date(Date.now() - 3 * 24 * 60 * MIN) });
    await expectRejected(old, 'expired', trust({ now: undefined }));
  });
});

describe('status', () => {
  test('status Responder next to a validly signed assertion → status', async () => {
    await expectRejected(toBase64(xmlOf({ statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder' })), 'status');
  });
  test('IdP error response without assertion (AuthnFailed) → status', async () => {
    const xml = xmlOf({
      omitAssertion: true,
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
      subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
    });
    await expectRejected(toBase64(xml), 'status');
  });
});

describe('malformed input never throws', () => {
  const cases: Array<[string, unknown]> = [
    ['empty string', ''],
    ['garbage base64', '!!!not base64 at all%%%'],
    ['base64 of plain text', Buffer.from('hello world, not xml').toString('base64')],
    ['base64 of JSON', Buffer.from('{"SAMLResponse":"x"}').toString('base64')],
    ['base64 of truncated XML', toBase64(xmlOf().slice(0, 500))],
    ['base64 of invalid UTF-8', Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]).toString('base64')],
    ['base64 of an unrelated XML document', toBase64('<?xml version="1.0"?><html><body>hi</body></html>')],
    ['SAML LogoutResponse instead of Response', toBase64(xmlOf().replace(/saml2p:Response/g, 'saml2p:LogoutResponse'))],
    ['not a string (null)', null],
    ['not a string (object)', { SAMLResponse: 'x' }],
  ];
  for (const [name, input] of cases) {
    test(`${name} → malformed`, async () => {
      await expectRejected(input as string, 'malformed');
    });
  }
  test('deeply nested XML → xml_limits (refused by the pre-scan, before any DOM)', async () => {
    await expectRejected(
      toBase64(
        `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="x" Version="2.0">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</saml2p:Response>`,
      ),
      'xml_limits',
    );
  });
  test('huge input (over the size limit) → malformed', async () => {
    await expectRejected('A'.repeat(MAX_SAML_RESPONSE_BASE64_LENGTH + 4), 'malformed');
  });
  test('Assertion missing entirely from a success response → malformed', async () => {
    await expectRejected(toBase64(xmlOf({ omitAssertion: true })), 'malformed');
  });
  test('SubjectConfirmationData InResponseTo differs from Response InResponseTo → malformed', async () => {
    await expectRejected(toBase64(xmlOf({ inResponseTo: 'id-request-A', subjectInResponseTo: 'id-request-B' })), 'malformed');
  });
  test('unusable configured certificate → untrusted_key (configuration error, no exception)', async () => {
    await expectRejected(toBase64(xmlOf()), 'untrusted_key', trust({ idpCertificates: ['not a certificate'] }));
    await expectRejected(toBase64(xmlOf()), 'untrusted_key', trust({ idpCertificates: [] }));
  });
});

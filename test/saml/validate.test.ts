/**
 * Accepting genuine Okta-shaped responses: result fields, signature placements, certificate
 * rotation and clock skew. The attack side lives in saml-validate.attacks.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCertificate, validateSamlResponse, type SamlTrust, type SamlValidation } from '../../src/saml/validate-response.js';
import { ACS_URL, DEFAULT_ATTRIBUTES, EMAIL_FORMAT, SP_ENTITY_ID, TestIdp, toBase64, type ResponseOptions } from '../helpers/saml-idp.js';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const SEC = 1000;
const MIN = 60 * SEC;

const idp = new TestIdp();

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

function accepted(result: SamlValidation) {
  assert.ok(result.ok, result.ok ? '' : `rejected: ${result.reason}: ${result.detail}`);
  return result.assertion;
}

const respond = (opts: ResponseOptions = {}, from: TestIdp = idp): string => from.response({ now: NOW, ...opts });

describe('valid Okta-shaped responses', () => {
  test('assertion signed only (Okta default): every result field is exact', async () => {
    const xmlOpts: ResponseOptions = { assertionId: 'id5283764950204719812345678', inResponseTo: 'id-authnrequest-42', sessionIndex: 'id-authnrequest-42' };
    const result = accepted(await validateSamlResponse(respond(xmlOpts), trust()));
    assert.deepEqual(result, {
      nameId: 'ada@example.com',
      nameIdFormat: EMAIL_FORMAT,
      sessionIndex: 'id-authnrequest-42',
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      assertionId: 'id5283764950204719812345678',
      inResponseTo: 'id-authnrequest-42',
      notOnOrAfter: new Date(NOW.getTime() + 5 * MIN),
      attributes: {
        firstName: ['Ada'],
        lastName: ['Lovelace'],
        email: ['ada@example.com'],
        title: ['Analyst'],
        department: ['Engineering'],
        groups: ['Everyone', 'engineering', 'admins'],
      },
      issuer: idp.entityId,
    });
    assert.deepEqual(result.attributes, DEFAULT_ATTRIBUTES);
  });

  test('response and assertion both signed, wantResponseSigned', async () => {
    const result = accepted(await validateSamlResponse(respond({ signResponse: true }), trust({ wantResponseSigned: true })));
    assert.equal(result.nameId, 'ada@example.com');
  });

  test('response and assertion both signed while only assertions are required', async () => {
    accepted(await validateSamlResponse(respond({ signResponse: true }), trust()));
  });

  test('only the response signed, wantAssertionsSigned=false: values come from the signed Response', async () => {
    const result = accepted(
      await validateSamlResponse(
        respond({ signAssertion: false, signResponse: true, nameId: 'grace@example.com' }),
        trust({ wantAssertionsSigned: false, wantResponseSigned: true }),
      ),
    );
    assert.equal(result.nameId, 'grace@example.com');
    assert.deepEqual(result.attributes.groups, ['Everyone', 'engineering', 'admins']);
  });

  test('IdP-initiated (no InResponseTo anywhere) → inResponseTo null', async () => {
    const result = accepted(await validateSamlResponse(respond({ inResponseTo: null }), trust()));
    assert.equal(result.inResponseTo, null);
  });

  test('InResponseTo only on the unsigned Response is not believed', async () => {
    const result = accepted(await validateSamlResponse(respond({ inResponseTo: 'id-forged', subjectInResponseTo: null }), trust()));
    assert.equal(result.inResponseTo, null);
  });

  test('InResponseTo only on a signed Response is used', async () => {
    const result = accepted(await validateSamlResponse(respond({ inResponseTo: 'id-req-7', subjectInResponseTo: null, signResponse: true }), trust()));
    assert.equal(result.inResponseTo, 'id-req-7');
  });

  test('notOnOrAfter is the earlier of Conditions and SubjectConfirmationData', async () => {
    const early = new Date(NOW.getTime() + 2 * MIN);
    const late = new Date(NOW.getTime() + 9 * MIN);
    const a = accepted(await validateSamlResponse(respond({ conditionsNotOnOrAfter: early, subjectNotOnOrAfter: late }), trust()));
    assert.deepEqual(a.notOnOrAfter, early);
    const b = accepted(await validateSamlResponse(respond({ conditionsNotOnOrAfter: late, subjectNotOnOrAfter: early }), trust()));
    assert.deepEqual(b.notOnOrAfter, early);
  });

  test('attributes: special characters, unicode, empty values and no AttributeStatement', async () => {
    const attributes = { displayName: ['Zoë <Ops> & "Co"'], groups: ['a', 'b', 'c', 'd'], empty: [''], 'urn:oid:0.9.2342.19200300.100.1.3': ['z@example.com'] };
    const result = accepted(await validateSamlResponse(respond({ attributes }), trust()));
    assert.deepEqual(result.attributes, attributes);
    const none = accepted(await validateSamlResponse(respond({ attributes: {} }), trust()));
    assert.deepEqual(none.attributes, {});
  });

  test('NameID with another format and no SessionIndex', async () => {
    const result = accepted(
      await validateSamlResponse(
        respond({ nameId: '00u1abcd2EFGH3ijk4x7', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', sessionIndex: null }),
        trust(),
      ),
    );
    assert.equal(result.nameId, '00u1abcd2EFGH3ijk4x7');
    assert.equal(result.nameIdFormat, 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    assert.equal(result.sessionIndex, null);
  });

  test('wall clock (no injected now): node-saml time checks run and agree', async () => {
    const result = accepted(await validateSamlResponse(idp.response(), trust({ now: undefined })));
    assert.ok(result.notOnOrAfter.getTime() > Date.now());
  });

  test('base64 with line breaks (some HTTP clients wrap the form value) is accepted', async () => {
    const wrapped = respond().replace(/(.{76})/g, '$1\r\n');
    accepted(await validateSamlResponse(wrapped, trust()));
  });

  test('pretty-printed response (whitespace between elements, signed as such) is accepted', async () => {
    const result = accepted(await validateSamlResponse(respond({ pretty: true, signResponse: true }), trust({ wantResponseSigned: true })));
    assert.equal(result.nameId, 'ada@example.com');
    assert.deepEqual(result.attributes, DEFAULT_ATTRIBUTES);
  });

  test('CRLF line endings introduced in transit are normalized', async () => {
    const xml = idp.responseXml({ now: NOW, pretty: true }).replace(/\n/g, '\r\n');
    accepted(await validateSamlResponse(toBase64(xml), trust()));
  });

  test('stateless: the same response validates twice (replay protection is the caller’s job via assertionId)', async () => {
    const r = respond();
    const first = accepted(await validateSamlResponse(r, trust()));
    const second = accepted(await validateSamlResponse(r, trust()));
    assert.equal(first.assertionId, second.assertionId);
  });
});

describe('certificate rotation', () => {
  const oldIdp = idp;
  const newIdp = new TestIdp({ entityId: idp.entityId, commonName: 'test-idp-2031' });

  test('trust [old, new]: responses signed by either certificate are accepted', async () => {
    const both = trust({ idpCertificates: [oldIdp.certificatePem, newIdp.certificatePem] });
    accepted(await validateSamlResponse(respond({}, oldIdp), both));
    accepted(await validateSamlResponse(respond({}, newIdp), both));
    accepted(await validateSamlResponse(respond({ signResponse: true }, newIdp), { ...both, wantResponseSigned: true }));
  });

  test('trust [new] only: a response signed with the retired certificate is rejected', async () => {
    const result = await validateSamlResponse(respond({}, oldIdp), trust({ idpCertificates: [newIdp.certificatePem] }));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'untrusted_key');
  });

  test('certificates may be configured as bare base64 (as in metadata) or PEM with CRLF', async () => {
    const bare = newIdp.certificateBase64;
    const crlf = oldIdp.certificatePem.replace(/\n/g, '\r\n');
    const t = trust({ idpCertificates: [bare, crlf] });
    accepted(await validateSamlResponse(respond({}, newIdp), t));
    accepted(await validateSamlResponse(respond({}, oldIdp), t));
    assert.equal(normalizeCertificate(bare).pem, normalizeCertificate(newIdp.certificatePem).pem);
  });
});

describe('clock skew', () => {
  const skewed = (opts: ResponseOptions, clockSkewMs: number) => validateSamlResponse(respond(opts), trust({ clockSkewMs }));

  test('NotBefore 30 s in the future is tolerated with 60 s skew, rejected without skew', async () => {
    const opts = { conditionsNotBefore: new Date(NOW.getTime() + 30 * SEC) };
    accepted(await skewed(opts, MIN));
    const strict = await skewed(opts, 0);
    assert.equal(!strict.ok && strict.reason, 'not_yet_valid');
  });

  test('NotBefore 90 s in the future is rejected even with 60 s skew', async () => {
    const result = await skewed({ conditionsNotBefore: new Date(NOW.getTime() + 90 * SEC) }, MIN);
    assert.equal(!result.ok && result.reason, 'not_yet_valid');
  });

  test('Conditions NotOnOrAfter 30 s in the past is tolerated with 60 s skew, rejected without skew', async () => {
    const opts = { conditionsNotOnOrAfter: new Date(NOW.getTime() - 30 * SEC) };
    accepted(await skewed(opts, MIN));
    const strict = await skewed(opts, 0);
    assert.equal(!strict.ok && strict.reason, 'expired');
  });

  test('SubjectConfirmationData NotOnOrAfter 30 s in the past: tolerated with skew, rejected without', async () => {
    const opts = { subjectNotOnOrAfter: new Date(NOW.getTime() - 30 * SEC) };
    accepted(await skewed(opts, MIN));
    const strict = await skewed(opts, 0);
    assert.equal(!strict.ok && strict.reason, 'expired');
  });

  test('NotOnOrAfter exactly now (minus the skew) is already expired', async () => {
    const result = await skewed({ conditionsNotOnOrAfter: new Date(NOW.getTime() - MIN) }, MIN);
    assert.equal(!result.ok && result.reason, 'expired');
  });
});

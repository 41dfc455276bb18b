/**
 * IdP metadata import (Okta-style documents written inline) and SP metadata generation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { parseIdpMetadata, spMetadataXml } from '../../src/saml/metadata.js';
import { TestIdp } from '../helpers/saml-idp.js';

// Two real (public-only) self-signed certificates shaped like Okta's (O=Okta, OU=SSOProvider).
const CERT_A = [
  'MIIECzCCAvOgAwIBAgIUWv8EW3BZ7lVrj6W22vwRl4oAcRQwDQYJKoZIhvcNAQELBQAwgZQxCzAJ',
  'BgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNpc2NvMQ0w',
  'CwYDVQQKDARPa3RhMRQwEgYDVQQLDAtTU09Qcm92aWRlcjEVMBMGA1UEAwwMZGV2LTEyMzQ1Njcx',
  'MRwwGgYJKoZIhvcNAQkBFg1pbmZvQG9rdGEuY29tMB4XDTI2MTEyOTA5MDAwMloXDTM2MTEyNjA5',
  'MDAwMlowgZQxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4g',
  'RnJhbmNpc2NvMQ0wCwYDVQQKDARPa3RhMRQwEgYDVQQLDAtTU09Qcm92aWRlcjEVMBMGA1UEAwwM',
  'ZGV2LTEyMzQ1NjcxMRwwGgYJKoZIhvcNAQkBFg1pbmZvQG9rdGEuY29tMIIBIjANBgkqhkiG9w0B',
  'AQEFAAOCAQ8AMIIBCgKCAQEA0UXGctur9YVnFDBpbQ3Pg1TIjYOlKvrMBKWkq+5bb1fOx4f10oj7',
  'u9ajQS801z3uj+pnykbrudGrgF3g5z5eGjWsZXvy8zof0NJXS+BlOyu4LhX0PevpXTRk6AVqvf8n',
  'LkrV3efPI5kI8umUtg2pVhRna1VfGLSRwtkEzykn1W8XVSHyrgOj6rTH5GpqE4GbDYRuIVLoBDPc',
  'yAdcZgLeJwbe4caM5weRoEIskfqsywFDSId6ukeKjK/IDhXnmAmBIlh9bP7LyIXru6FGoUaxGVNE',
  'zjcUxqYJR2QoV/QPeHIF8CdMsWideqKNUGGvKKjYlBP2b5ehancnWpy8+QAGzQIDAQABo1MwUTAd',
  'BgNVHQ4EFgQUZjj9svAaT0KCGT6SGb4Udd9/+UcwHwYDVR0jBBgwFoAUZjj9svAaT0KCGT6SGb4U',
  'dd9/+UcwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAYH7S6E5UJd0rln9ctcRF',
  'rYWLVbETrHFSUMhfiPFnF1/CesWdSupTPV44UyvH5jYuFbHe3UFqoRJG+/e7JDbgRAyDftVECMVV',
  'fg9HxjtTIS8D1JX9/1w5SVdjhLjLVSybcoRV7PlFyqV9vHrOgahNS/LGYtszTxqMU6wrAtEsNTn2',
  'vlvux4DkQV2Z/TpmoE6ioTTR+UzXTvRrsetq98eIR7KxE17EIexpNz6WJVdVamYtCCG4uxyzhY/p',
  'YGaRHcsx2dJWr5Ab4+3/HJAWmjf550BUBUXLqxxyj0ZhtV/GFEk8ubxzMahudRZxVUNCeVzbXlic',
  '54Ar49ooTrNhicHrSQ==',
].join('');
const CERT_B = [
  'MIIECzCCAvOgAwIBAgIUaukkSfJxAxJBZkwi9uUrpIMoYj0wDQYJKoZIhvcNAQELBQAwgZQxCzAJ',
  'BgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNpc2NvMQ0w',
  'CwYDVQQKDARPa3RhMRQwEgYDVQQLDAtTU09Qcm92aWRlcjEVMBMGA1UEAwwMZGV2LTEyMzQ1Njcy',
  'MRwwGgYJKoZIhvcNAQkBFg1pbmZvQG9rdGEuY29tMB4XDTI2MTEyOTA5MDAwMloXDTM2MTEyNjA5',
  'MDAwMlowgZQxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4g',
  'RnJhbmNpc2NvMQ0wCwYDVQQKDARPa3RhMRQwEgYDVQQLDAtTU09Qcm92aWRlcjEVMBMGA1UEAwwM',
  'ZGV2LTEyMzQ1NjcyMRwwGgYJKoZIhvcNAQkBFg1pbmZvQG9rdGEuY29tMIIBIjANBgkqhkiG9w0B',
  'AQEFAAOCAQ8AMIIBCgKCAQEA0ubbEpMzAG/bIvmF8BdM+p3Nul0HIVWdF7zxvTI2mgIgT2sz7LKn',
  '7tXFDbpbksIwnTXvuU580dJP7RhpwqWazXsch9xll87TsXaAIhbmCgUkFqYrfk8XaQcssXUYScaX',
  'VUzUvNBFfQia1XEQazX6RAYhCLsLk3gc+/kUUGPk+lHeRBM1KCnKheyzXS90kxQLdHPARgntLDoj',
  'qAwPDiPnpafkvYXOr2fpve1Q01HGg0qdtGhzuYYtsL26VirGSWKwnyYS/x7DJSVjAtO6faX8Bq/a',
  '/7vqissjvjSMOTNf9itO/wRvuIIYwaAr4/yQePOVLchAJ3YyXxMMFEbKPu+vPwIDAQABo1MwUTAd',
  'BgNVHQ4EFgQUNVVZhS0ypcL4vBy0Qg9939cnCNgwHwYDVR0jBBgwFoAUNVVZhS0ypcL4vBy0Qg99',
  '39cnCNgwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAm9opBFVbfd5avP7K0FYX',
  'fekKHqL3qfDi4DjUK5glqkdd6WquADBBE97Hpnclo1xMfIm25IISRhdlvIi6Oz0RipGW4k8RVNVj',
  'pdzBZlFD/hGL2l25XQFDuElWAzvaNV3xueWZr2d2pUJ5yUe5sFLEmRTE5iLsDNw2IWDt+jOrbzM2',
  '1td3bxIh8lbH8DvKrVA4YLql6SYAN1TNtfLhCAiZ1qOvreGS0a9X5HOI/8kAH/IrUfPCZZ/cDet/',
  '/7JEfaWGCw7RBm1vWmc6MAXVM0/9H/vS4pgsGLQt/0KMtZG6g/RcEliIbDYUNQVzcJWOFsyXBifd',
  '4Qr1a1x5LsumjDpVWA==',
].join('');

/** Okta prints certificates wrapped; the parser must return them as bare base64. */
const wrapped = (b64: string): string => `\n${b64.match(/.{1,64}/g)!.join('\n')}\n`;

const OKTA_ENTITY_ID = 'http://www.okta.com/exk8x2fq9hT1abcDE5d7';
const OKTA_SSO = 'https://dev-12345678.okta.com/app/dev-12345678_identityapi_1/exk8x2fq9hT1abcDE5d7/sso/saml';

function oktaMetadata(signingCerts: string[] = [CERT_A]): string {
  const keyDescriptors = signingCerts
    .map(
      (c) => `
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>${wrapped(c)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${OKTA_ENTITY_ID}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptors}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${OKTA_SSO}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${OKTA_SSO}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

describe('parseIdpMetadata', () => {
  test('Okta IdP metadata → entity id, SSO endpoint (HTTP-Redirect preferred), certificate, NameID formats', () => {
    assert.deepEqual(parseIdpMetadata(oktaMetadata()), {
      entityId: OKTA_ENTITY_ID,
      ssoUrl: OKTA_SSO,
      ssoBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
      certificates: [CERT_A],
      nameIdFormats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
      slo: null,
    });
  });

  test('two signing certificates (rotation) → both, in document order', () => {
    assert.deepEqual(parseIdpMetadata(oktaMetadata([CERT_A, CERT_B])).certificates, [CERT_A, CERT_B]);
  });

  test('HTTP-POST only → POST endpoint', () => {
    const xml = oktaMetadata().replace(/\s*<md:SingleSignOnService Binding="[^"]*HTTP-Redirect"[^>]*\/>/, '');
    const md = parseIdpMetadata(xml);
    assert.equal(md.ssoBinding, 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    assert.equal(md.ssoUrl, OKTA_SSO);
  });

  test('encryption-only KeyDescriptors are not signing certificates; KeyDescriptor without use counts', () => {
    const encOnly = oktaMetadata([CERT_A, CERT_B]).replace('use="signing"', 'use="encryption"');
    assert.deepEqual(parseIdpMetadata(encOnly).certificates, [CERT_B]);
    const noUse = oktaMetadata([CERT_A]).replace(' use="signing"', '');
    assert.deepEqual(parseIdpMetadata(noUse).certificates, [CERT_A]);
  });

  test('an EntitiesDescriptor holding one IdP is accepted', () => {
    const inner = oktaMetadata().replace(/^<\?xml[^>]*\?>\s*/, '');
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    assert.equal(parseIdpMetadata(xml).entityId, OKTA_ENTITY_ID);
  });

  test('the test IdP metadata round-trips', () => {
    const idp = new TestIdp();
    const md = parseIdpMetadata(idp.metadataXml());
    assert.equal(md.entityId, idp.entityId);
    assert.deepEqual(md.certificates, [idp.certificateBase64]);
  });

  test('DOCTYPE is refused', () => {
    const xml = oktaMetadata().replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE md [<!ENTITY okta "dev-12345678.okta.com">]>');
    assert.throws(() => parseIdpMetadata(xml), /DOCTYPE/);
  });

  test('document without IDPSSODescriptor (an SP metadata document) is refused', () => {
    const sp = spMetadataXml({
      entityId: 'https://sp.example.com',
      acsUrl: 'https://sp.example.com/acs',
      nameIdFormat: 'x',
      wantAssertionsSigned: true,
      authnRequestsSigned: false,
    });
    assert.throws(() => parseIdpMetadata(sp), /no IDPSSODescriptor/);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['empty input', '', /empty/],
    ['not XML', 'this is not xml', /not well-formed/],
    ['an HTML page', '<html><body>Sign in</body></html>', /not a SAML 2.0 metadata document/],
    ['no entityID', oktaMetadata().replace(/ entityID="[^"]*"/, ''), /no entityID/],
    ['no signing certificate', oktaMetadata([]), /no signing certificate/],
    ['a garbage certificate', oktaMetadata(['bm90IGEgY2VydGlmaWNhdGU=']), /unusable signing certificate/],
    ['no usable SSO binding', oktaMetadata().replace(/HTTP-(POST|Redirect)/g, 'SOAP'), /no SingleSignOnService/],
    ['a plain-http SSO URL', oktaMetadata().replace(/https:\/\/dev-12345678/g, 'http://dev-12345678'), /https/],
  ];
  for (const [name, xml, message] of bad) {
    test(`${name} is refused with a clear message`, () => {
      assert.throws(() => parseIdpMetadata(xml), message);
    });
  }
  test("XML the parser refuses is named by the parser's reason once, not by its wrapped error", () => {
    // what the setup page shows for a certificate file picked instead of the metadata, or a cut-off file
    assert.throws(() => parseIdpMetadata('-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n'), {
      message: 'IdP metadata is not well-formed XML: missing root element',
    });
    assert.throws(() => parseIdpMetadata('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor>'), {
      message: 'IdP metadata is not well-formed XML: unclosed xml tag(s): md:EntityDescriptor, md:IDPSSODescriptor',
    });
  });
  test('the metadata’s address pasted instead of the XML (Okta’s Metadata URL, Entra’s App Federation Metadata Url) is named as such', () => {
    const message =
      'IdP metadata is the address of the metadata, not the metadata XML: open it in a browser, save the XML it shows and upload that file (with the API, give the address as idpMetadataUrl)';
    for (const url of [
      'https://dev-12345678.okta.com/app/exk1a2b3c4d5e6f7g8h9/sso/saml/metadata',
      '  https://login.microsoftonline.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/federationmetadata/2007-06/federationmetadata.xml?appid=11111111-2222-3333-4444-555555555555\n',
    ]) {
      assert.throws(() => parseIdpMetadata(url), { message });
    }
  });
});

describe('spMetadataXml', () => {
  const base = {
    entityId: 'https://id.example.com/saml/metadata?org=acme&x="1"',
    acsUrl: 'https://id.example.com/saml/acs',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    wantAssertionsSigned: true,
    authnRequestsSigned: false,
  };
  const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

  function parse(xml: string) {
    const doc = new DOMParser({
      onError: (level, msg) => {
        throw new Error(`${level}: ${msg}`);
      },
    }).parseFromString(xml, 'text/xml');
    return doc.documentElement!;
  }

  test('is parseable XML with entityID, HTTP-POST ACS, NameIDFormat and WantAssertionsSigned', () => {
    const root = parse(spMetadataXml(base));
    assert.equal(root.localName, 'EntityDescriptor');
    assert.equal(root.namespaceURI, MD);
    assert.equal(root.getAttribute('entityID'), base.entityId);
    const sp = root.getElementsByTagNameNS(MD, 'SPSSODescriptor')[0]!;
    assert.equal(sp.getAttribute('WantAssertionsSigned'), 'true');
    assert.equal(sp.getAttribute('AuthnRequestsSigned'), 'false');
    assert.match(sp.getAttribute('protocolSupportEnumeration')!, /urn:oasis:names:tc:SAML:2\.0:protocol/);
    const acs = root.getElementsByTagNameNS(MD, 'AssertionConsumerService')[0]!;
    assert.equal(acs.getAttribute('Binding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    assert.equal(acs.getAttribute('Location'), base.acsUrl);
    assert.equal(root.getElementsByTagNameNS(MD, 'NameIDFormat')[0]!.textContent, base.nameIdFormat);
    assert.equal(root.getElementsByTagNameNS(MD, 'KeyDescriptor').length, 0, 'no certificate given, no KeyDescriptor');
  });

  test('includes signing and encryption certificates when given (PEM in, bare base64 out)', () => {
    const pem = `-----BEGIN CERTIFICATE-----${wrapped(CERT_A)}-----END CERTIFICATE-----\n`;
    const root = parse(
      spMetadataXml({ ...base, signingCertificate: pem, encryptionCertificate: CERT_B, authnRequestsSigned: true, wantAssertionsSigned: false }),
    );
    const kds = Array.from({ length: root.getElementsByTagNameNS(MD, 'KeyDescriptor').length }, (_, i) => root.getElementsByTagNameNS(MD, 'KeyDescriptor')[i]!);
    assert.deepEqual(
      kds.map((kd) => [kd.getAttribute('use'), kd.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]!.textContent]),
      [
        ['signing', CERT_A],
        ['encryption', CERT_B],
      ],
    );
    const sp = root.getElementsByTagNameNS(MD, 'SPSSODescriptor')[0]!;
    assert.equal(sp.getAttribute('WantAssertionsSigned'), 'false');
    assert.equal(sp.getAttribute('AuthnRequestsSigned'), 'true');
  });

  test('refuses bad input', () => {
    assert.throws(() => spMetadataXml({ ...base, acsUrl: 'not a url' }), /ACS URL/);
    assert.throws(() => spMetadataXml({ ...base, entityId: '' }), /entityId/);
    assert.throws(() => spMetadataXml({ ...base, signingCertificate: 'garbage' }), /certificate/);
    assert.throws(() => spMetadataXml({ ...base, authnRequestsSigned: true }), /signingCertificate/);
  });
});

/**
 * SAML 2.0 metadata: importing an IdP's metadata (Okta: "Identity Provider metadata" link) and
 * generating ours (SP) for the IdP admin to upload.
 *
 * The metadata signature, if any, is not verified: trust comes from how the document reached the
 * admin (HTTPS download from the IdP or an admin upload). validUntil/cacheDuration are ignored.
 */
import { normalizeCertificate } from '../shared/xml.js';
import { BINDING_POST, BINDING_REDIRECT, httpUrl, NS_DSIG, NS_MD, PROTOCOL } from '../shared/saml-idp-metadata.js';
import { escapeMarkup } from '../shared/text.js';

// the IdP metadata parser sits in src/shared: the GraphQL API reads metadata too (idpMetadataXml)
export { parseIdpMetadata, BINDING_POST, BINDING_REDIRECT, type IdpMetadata } from '../shared/saml-idp-metadata.js';

const SP_ENCRYPTION_METHODS = [
  'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
  'http://www.w3.org/2009/xmlenc11#rsa-oaep',
] as const;

/**
 * Our SP metadata (SPSSODescriptor with one HTTP-POST AssertionConsumerService and, given `sloUrl`,
 * a SingleLogoutService for HTTP-Redirect and HTTP-POST). During an SP key
 * rollover the staged next certificate follows the active one in each KeyDescriptor use. Certificates are
 * PEM or bare base64; they are validated and emitted as bare base64. Throws Error on bad input.
 */
export function spMetadataXml(sp: {
  entityId: string;
  acsUrl: string;
  /** Our Single Logout endpoint (both bindings); omitted: no SingleLogoutService is published. */
  sloUrl?: string;
  nameIdFormat: string;
  signingCertificate?: string;
  encryptionCertificate?: string;
  /** A staged next certificate (SP key rollover): published beside the active one, for each use the active one is published for. */
  nextCertificate?: string;
  wantAssertionsSigned: boolean;
  authnRequestsSigned: boolean;
}): string {
  if (!sp.entityId || !sp.entityId.trim()) throw new Error('SP entityId is required');
  httpUrl(sp.acsUrl, 'ACS URL');
  if (sp.sloUrl) httpUrl(sp.sloUrl, 'SLO URL');
  if (!sp.nameIdFormat || !sp.nameIdFormat.trim()) throw new Error('SP nameIdFormat is required');
  if (sp.authnRequestsSigned && !sp.signingCertificate) throw new Error('authnRequestsSigned requires a signingCertificate');
  const keyDescriptor = (use: 'signing' | 'encryption', cert: string, methods: readonly string[] = []) => {
    let base64: string;
    try {
      base64 = normalizeCertificate(cert).base64;
    } catch (err) {
      throw new Error(`SP ${use} certificate is unusable: ${(err as Error).message}`, { cause: err });
    }
    return (
      `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="${NS_DSIG}"><ds:X509Data>` +
      `<ds:X509Certificate>${base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
      methods.map((m) => `<md:EncryptionMethod Algorithm="${escapeMarkup(m)}"/>`).join('') +
      `</md:KeyDescriptor>`
    );
  };
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${NS_MD}" entityID="${escapeMarkup(sp.entityId)}">` +
    `<md:SPSSODescriptor AuthnRequestsSigned="${sp.authnRequestsSigned}" WantAssertionsSigned="${sp.wantAssertionsSigned}" protocolSupportEnumeration="${PROTOCOL}">` +
    (sp.signingCertificate ? keyDescriptor('signing', sp.signingCertificate) : '') +
    (sp.signingCertificate && sp.nextCertificate ? keyDescriptor('signing', sp.nextCertificate) : '') +
    (sp.encryptionCertificate ? keyDescriptor('encryption', sp.encryptionCertificate, SP_ENCRYPTION_METHODS) : '') +
    (sp.encryptionCertificate && sp.nextCertificate ? keyDescriptor('encryption', sp.nextCertificate, SP_ENCRYPTION_METHODS) : '') +
    // schema order: KeyDescriptor, SingleLogoutService, NameIDFormat, AssertionConsumerService
    (sp.sloUrl
      ? `<md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${escapeMarkup(sp.sloUrl)}"/>` +
        `<md:SingleLogoutService Binding="${BINDING_POST}" Location="${escapeMarkup(sp.sloUrl)}"/>`
      : '') +
    `<md:NameIDFormat>${escapeMarkup(sp.nameIdFormat)}</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="${BINDING_POST}" Location="${escapeMarkup(sp.acsUrl)}" index="0" isDefault="true"/>` +
    `</md:SPSSODescriptor></md:EntityDescriptor>\n`
  );
}

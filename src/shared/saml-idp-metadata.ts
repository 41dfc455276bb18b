/**
 * Parses IdP metadata XML (SAML 2.0 metadata: EntityDescriptor / IDPSSODescriptor) into the values a
 * SAML connection needs: entity id, SSO URL and binding, signing certificates, NameID formats.
 */
import type { Element } from '@xmldom/xmldom';
import { hasDtd, normalizeCertificate, parseXmlStrict, XmlLimitExceeded } from './xml.js';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  ssoBinding: string;
  certificates: string[];
  nameIdFormats: string[];
  /** The SingleLogoutService (HTTP-Redirect preferred, else HTTP-POST); null when the IdP offers none. */
  slo: IdpSingleLogout | null;
}

export interface IdpSingleLogout {
  url: string;
  /** ResponseLocation when given apart from Location; null: responses go to `url`. */
  responseUrl: string | null;
  binding: string;
}

export const NS_MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
/** Maximum metadata size accepted (characters). */
const MAX_METADATA_LENGTH = 1_000_000;

function children(el: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

export function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} is not a valid URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error(`${what} must be an https URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  return value;
}

function isProtocolSupported(descriptor: Element): boolean {
  return (descriptor.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(PROTOCOL);
}

/**
 * Parses IdP metadata (an EntityDescriptor, or an EntitiesDescriptor holding exactly one IdP).
 * SSO endpoint: HTTP-Redirect preferred, else HTTP-POST. Certificates: every KeyDescriptor with
 * use="signing" or without `use`, as bare base64 DER, deduplicated; at least one is required.
 * Throws Error with a clear message on anything else (including any DOCTYPE).
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (typeof xml !== 'string' || !xml.trim()) throw new Error('IdP metadata is empty');
  if (xml.length > MAX_METADATA_LENGTH) throw new Error('IdP metadata is too large');
  // the address pasted where the document belongs: the guides have the admin copy it (Okta's Metadata URL, Entra's App Federation Metadata Url)
  if (/^https?:\/\/\S+$/i.test(xml.trim())) {
    throw new Error(
      'IdP metadata is the address of the metadata, not the metadata XML: open it in a browser, save the XML it shows and upload that file (with the API, give the address as idpMetadataUrl)',
    );
  }
  if (hasDtd(xml)) throw new Error('IdP metadata must not contain a DOCTYPE or ENTITY declaration');
  let root: Element;
  try {
    root = parseXmlStrict(xml.replace(/^\uFEFF/, '').trimStart()).documentElement!;
  } catch (err) {
    if (err instanceof XmlLimitExceeded) throw new Error(`IdP metadata is over a structural limit: ${err.message}`, { cause: err });
    throw new Error(`IdP metadata is not well-formed XML: ${((err as Error).message ?? '').split('\n')[0]?.slice(0, 200)}`, { cause: err });
  }
  if (root.namespaceURI !== NS_MD) throw new Error('IdP metadata is not a SAML 2.0 metadata document (wrong namespace)');

  let entity: Element;
  if (root.localName === 'EntityDescriptor') {
    entity = root;
  } else if (root.localName === 'EntitiesDescriptor') {
    const idps = children(root, NS_MD, 'EntityDescriptor').filter((e) => children(e, NS_MD, 'IDPSSODescriptor').length > 0);
    if (idps.length !== 1) throw new Error(`IdP metadata describes ${idps.length} identity providers; import exactly one`);
    entity = idps[0]!;
  } else {
    throw new Error(`IdP metadata root element is ${root.localName}, expected EntityDescriptor`);
  }

  const entityId = (entity.getAttribute('entityID') ?? '').trim();
  if (!entityId) throw new Error('IdP metadata has no entityID');

  const descriptors = children(entity, NS_MD, 'IDPSSODescriptor').filter(isProtocolSupported);
  if (descriptors.length === 0) throw new Error('IdP metadata has no IDPSSODescriptor for SAML 2.0');
  if (descriptors.length > 1) throw new Error('IdP metadata has more than one SAML 2.0 IDPSSODescriptor');
  const idp = descriptors[0]!;

  const certificates: string[] = [];
  for (const kd of children(idp, NS_MD, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const ki of children(kd, NS_DSIG, 'KeyInfo')) {
      for (const data of children(ki, NS_DSIG, 'X509Data')) {
        for (const cert of children(data, NS_DSIG, 'X509Certificate')) {
          let normalized: string;
          try {
            normalized = normalizeCertificate(cert.textContent ?? '').base64;
          } catch (err) {
            throw new Error(`IdP metadata contains an unusable signing certificate: ${(err as Error).message}`, { cause: err });
          }
          if (!certificates.includes(normalized)) certificates.push(normalized);
        }
      }
    }
  }
  if (certificates.length === 0) throw new Error('IdP metadata has no signing certificate');

  const services = children(idp, NS_MD, 'SingleSignOnService');
  const pick = services.find((s) => s.getAttribute('Binding') === BINDING_REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === BINDING_POST);
  if (!pick) throw new Error('IdP metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding');
  const ssoUrl = httpUrl((pick.getAttribute('Location') ?? '').trim(), 'SingleSignOnService Location');

  const nameIdFormats = children(idp, NS_MD, 'NameIDFormat')
    .map((f) => (f.textContent ?? '').trim())
    .filter((f, i, all) => f && all.indexOf(f) === i);

  return { entityId, ssoUrl, ssoBinding: pick.getAttribute('Binding')!, certificates, nameIdFormats, slo: singleLogout(idp) };
}

/** The IdP's SingleLogoutService over HTTP-Redirect (preferred) or HTTP-POST; other bindings (SOAP) are not used. */
function singleLogout(idp: Element): IdpSingleLogout | null {
  const services = children(idp, NS_MD, 'SingleLogoutService');
  const pick = services.find((s) => s.getAttribute('Binding') === BINDING_REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === BINDING_POST);
  if (!pick) return null;
  const url = httpUrl((pick.getAttribute('Location') ?? '').trim(), 'SingleLogoutService Location');
  const response = (pick.getAttribute('ResponseLocation') ?? '').trim();
  return {
    url,
    responseUrl: response && response !== url ? httpUrl(response, 'SingleLogoutService ResponseLocation') : null,
    binding: pick.getAttribute('Binding')!,
  };
}

/**
 * What the encryption KeyDescriptor advertises (md:EncryptionMethod, strongest first), so that IdPs
 * that read it (Shibboleth, …) choose AES-GCM; the core's decryptSamlAssertion accepts exactly these.
 */

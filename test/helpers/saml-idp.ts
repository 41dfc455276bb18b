/**
 * A test identity provider that signs real XML the way Okta does: an RSA key and a self-signed
 * X.509 certificate made with openssl at construction (temp dir removed immediately), Okta-shaped
 * `saml2p:Response`/`saml2:Assertion` documents signed with xml-crypto (RSA-SHA256, exc-c14n,
 * enveloped; `ds:Signature` right after the `Issuer`), and post-processors that turn a signed
 * response into the classic attacks (wrapping, comment injection, DOCTYPE, ...).
 *
 * Encrypted assertions as Okta makes them ("Assertion Encryption: Encrypted"): the assertion is
 * signed, then encrypted to the SP certificate with xml-encryption (xenc:EncryptedData carrying an
 * xenc:EncryptedKey in its ds:KeyInfo), then the Response is signed over the EncryptedAssertion.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import xmlenc from 'xml-encryption';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
} as const;

const ALG = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

export const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
export const SP_ENTITY_ID = 'https://id.example.com/saml/metadata';
export const ACS_URL = 'https://id.example.com/saml/acs';

export const DEFAULT_ATTRIBUTES: Readonly<Record<string, string[]>> = {
  firstName: ['Ada'],
  lastName: ['Lovelace'],
  email: ['ada@example.com'],
  title: ['Analyst'],
  department: ['Engineering'],
  groups: ['Everyone', 'engineering', 'admins'],
};

export interface TestIdpOptions {
  /** Okta-style issuer, e.g. http://www.okta.com/exk... */
  entityId?: string;
  ssoUrl?: string;
  commonName?: string;
  /** Days the certificate is valid (default 2). */
  days?: number;
}

export interface ResponseOptions {
  /** The instant the IdP "issues" the response; all validity windows derive from it. Default: new Date(). */
  now?: Date;
  responseId?: string;
  assertionId?: string;
  /** Response@InResponseTo and SubjectConfirmationData@InResponseTo; null omits both. Default 'id-authnrequest-1'. */
  inResponseTo?: string | null;
  /** Override only SubjectConfirmationData@InResponseTo (null omits it). */
  subjectInResponseTo?: string | null;
  nameId?: string;
  nameIdFormat?: string | null;
  sessionIndex?: string | null;
  /** The AuthnStatement's AuthnContextClassRef; null omits it. Default PasswordProtectedTransport. */
  authnContextClassRef?: string | null;
  attributes?: Record<string, string[]>;
  /** Response@Destination; null omits it. Default ACS_URL. */
  destination?: string | null;
  /** SubjectConfirmationData@Recipient; null omits it. Default ACS_URL. */
  recipient?: string | null;
  /** Audience; null omits the AudienceRestriction. Default SP_ENTITY_ID. */
  audience?: string | null;
  /** Response Issuer; null omits it. Default the IdP entity id. */
  responseIssuer?: string | null;
  /** Assertion Issuer; null omits it. Default the IdP entity id. */
  assertionIssuer?: string | null;
  confirmationMethod?: string;
  conditionsNotBefore?: Date | null;
  conditionsNotOnOrAfter?: Date | null;
  subjectNotOnOrAfter?: Date | null;
  statusCode?: string;
  /** Second-level status code (e.g. urn:...:status:AuthnFailed). */
  subStatusCode?: string;
  /** Leave the Assertion out (IdP error responses). */
  omitAssertion?: boolean;
  signAssertion?: boolean; // default true
  signResponse?: boolean; // default false
  /** Sign with another IdP's key (the attacker). Default: this IdP. */
  signer?: TestIdp;
  /** Sign only the Response with this key (default: `signer`). */
  responseSigner?: TestIdp;
  /** Put the signer's certificate in ds:KeyInfo (Okta does). Default true. */
  includeKeyInfo?: boolean;
  /** Put this certificate in ds:KeyInfo instead of the signer's (a forger claiming the IdP's cert). */
  keyInfoCertificatePem?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
  /** Indent with newlines before signing (some IdPs pretty-print). */
  pretty?: boolean;
  /** Encrypt the (signed) assertion: only with `encryptedResponse()` / `encryptedResponseXml()`. */
  encrypt?: EncryptionOptions;
}

export const XENC = {
  'rsa-oaep-mgf1p': 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
  'rsa-oaep': 'http://www.w3.org/2009/xmlenc11#rsa-oaep',
  'rsa-1_5': 'http://www.w3.org/2001/04/xmlenc#rsa-1_5',
  'aes256-gcm': 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'aes128-gcm': 'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  'aes256-cbc': 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  'aes128-cbc': 'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  'tripledes-cbc': 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc',
} as const;
const NS_XENC = 'http://www.w3.org/2001/04/xmlenc#';

export interface EncryptionOptions {
  /** The certificate (PEM) to encrypt to: the SP's, or another one (an IdP set up with a wrong or old SP certificate). */
  certificatePem: string;
  /** Key transport. Default rsa-oaep-mgf1p (Okta's "RSA-OAEP"); rsa-oaep is the XML Encryption 1.1 name (SHA-1, MGF1-SHA1). */
  keyTransport?: 'rsa-oaep-mgf1p' | 'rsa-oaep' | 'rsa-1_5';
  /** Content encryption. Default aes256-gcm. */
  content?: 'aes256-gcm' | 'aes128-gcm' | 'aes256-cbc' | 'aes128-cbc' | 'tripledes-cbc';
  /** The EncryptedKey inside the EncryptedData's KeyInfo (Okta; default), or beside it, named by a ds:RetrievalMethod. */
  keyPlacement?: 'inline' | 'sibling';
  /** Rewrites the (assertion-signed) response XML just before its assertion is encrypted: attacks inside the ciphertext. */
  beforeEncrypt?: (responseXml: string) => string;
  /** Rewrites the assertion's serialized plaintext just before it is encrypted. */
  tamperPlaintext?: (assertionXml: string) => string;
}

const XS = 'http://www.w3.org/2001/XMLSchema';
const iso = (d: Date): string => d.toISOString();
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const oktaId = (): string =>
  `id${BigInt(`0x${randomBytes(12).toString('hex')}`)
    .toString()
    .slice(0, 26)}`;

export class TestIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;

  constructor(options: TestIdpOptions = {}) {
    this.entityId = options.entityId ?? 'http://www.okta.com/exk1test0identity0api';
    this.ssoUrl = options.ssoUrl ?? 'https://example.okta.com/app/example_identityapi_1/exk1test0identity0api/sso/saml';
    const dir = mkdtempSync(path.join(tmpdir(), 'saml-idp-'));
    try {
      const key = path.join(dir, 'k.pem');
      const cert = path.join(dir, 'c.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          String(options.days ?? 2),
          '-subj',
          `/CN=${options.commonName ?? 'test-idp'}`,
        ],
        { stdio: 'pipe' },
      );
      this.privateKeyPem = readFileSync(key, 'utf8');
      this.certificatePem = readFileSync(cert, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The certificate as bare base64 (what metadata and KeyInfo carry). */
  get certificateBase64(): string {
    return this.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  }

  /** IdP metadata as Okta publishes it; with `slo`, a SingleLogoutService (Okta publishes one once Single Logout is on). */
  metadataXml(slo?: { url: string; binding?: 'HTTP-Redirect' | 'HTTP-POST'; responseUrl?: string }): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${esc(this.entityId)}">` +
      `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${NS.dsig}"><ds:X509Data><ds:X509Certificate>${this.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
      (slo
        ? `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${slo.binding ?? 'HTTP-Redirect'}" Location="${esc(slo.url)}"` +
          (slo.responseUrl ? ` ResponseLocation="${esc(slo.responseUrl)}"` : '') +
          `/>`
        : '') +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>` +
      `<md:NameIDFormat>${EMAIL_FORMAT}</md:NameIDFormat>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(this.ssoUrl)}"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(this.ssoUrl)}"/>` +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`
    );
  }

  /** Okta-shaped SAMLResponse, base64 (the HTTP-POST form value). */
  response(opts: ResponseOptions = {}): string {
    return toBase64(this.responseXml(opts));
  }

  /** Okta-shaped SAML Response XML, signed as the options say. */
  responseXml(opts: ResponseOptions = {}): string {
    if (opts.encrypt) throw new Error('encryption is asynchronous: use encryptedResponseXml()');
    return this.signResponse(this.signAssertion(this.unsignedXml(opts), opts), opts);
  }

  /** Okta-shaped SAMLResponse with an encrypted assertion, base64 (the HTTP-POST form value). */
  async encryptedResponse(opts: ResponseOptions & { encrypt: EncryptionOptions }): Promise<string> {
    return toBase64(await this.encryptedResponseXml(opts));
  }

  /** As Okta does it: sign the assertion, encrypt it to the SP certificate, then sign the Response (over the EncryptedAssertion). */
  async encryptedResponseXml(opts: ResponseOptions & { encrypt: EncryptionOptions }): Promise<string> {
    let xml = this.signAssertion(this.unsignedXml(opts), opts);
    if (opts.encrypt.beforeEncrypt) xml = opts.encrypt.beforeEncrypt(xml);
    xml = await encryptAssertion(xml, opts.encrypt);
    return this.signResponse(xml, opts);
  }

  private signing(opts: ResponseOptions): Signing {
    const signer = opts.signer ?? this;
    return {
      key: signer.privateKeyPem,
      cert: opts.includeKeyInfo === false ? undefined : (opts.keyInfoCertificatePem ?? signer.certificatePem),
      signatureAlgorithm: ALG[opts.signatureAlgorithm ?? 'rsa-sha256'],
      digestAlgorithm: ALG[opts.digestAlgorithm ?? 'sha256'],
    };
  }

  private signAssertion(xml: string, opts: ResponseOptions): string {
    if (!(opts.signAssertion ?? true) || opts.omitAssertion) return xml;
    const assertionIssuer = opts.assertionIssuer === undefined ? this.entityId : opts.assertionIssuer;
    const assertionPath = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
    // Signature goes right after the Assertion Issuer (schema order), or first when there is none.
    return assertionIssuer == null
      ? sign(xml, assertionPath, assertionPath, 'prepend', this.signing(opts))
      : sign(xml, assertionPath, `${assertionPath}/*[local-name(.)='Issuer']`, 'after', this.signing(opts));
  }

  private signResponse(xml: string, opts: ResponseOptions): string {
    if (!(opts.signResponse ?? false)) return xml;
    const signing = this.signing(opts);
    const rs = opts.responseSigner ?? opts.signer ?? this;
    signing.key = rs.privateKeyPem;
    if (signing.cert !== undefined && !opts.keyInfoCertificatePem) signing.cert = rs.certificatePem;
    const responseIssuer = opts.responseIssuer === undefined ? this.entityId : opts.responseIssuer;
    const responsePath = "/*[local-name(.)='Response']";
    return responseIssuer == null
      ? sign(xml, responsePath, responsePath, 'prepend', signing)
      : sign(xml, responsePath, `${responsePath}/*[local-name(.)='Issuer']`, 'after', signing);
  }

  /** The Response XML before any signature. */
  private unsignedXml(opts: ResponseOptions): string {
    const now = opts.now ?? new Date();
    const min = 60_000;
    const responseId = opts.responseId ?? oktaId();
    const assertionId = opts.assertionId ?? oktaId();
    const inResponseTo = opts.inResponseTo === undefined ? 'id-authnrequest-1' : opts.inResponseTo;
    const subjectIrt = opts.subjectInResponseTo === undefined ? inResponseTo : opts.subjectInResponseTo;
    const destination = opts.destination === undefined ? ACS_URL : opts.destination;
    const recipient = opts.recipient === undefined ? ACS_URL : opts.recipient;
    const audience = opts.audience === undefined ? SP_ENTITY_ID : opts.audience;
    const responseIssuer = opts.responseIssuer === undefined ? this.entityId : opts.responseIssuer;
    const assertionIssuer = opts.assertionIssuer === undefined ? this.entityId : opts.assertionIssuer;
    const notBefore = opts.conditionsNotBefore === undefined ? new Date(now.getTime() - 5 * min) : opts.conditionsNotBefore;
    const notOnOrAfter = opts.conditionsNotOnOrAfter === undefined ? new Date(now.getTime() + 5 * min) : opts.conditionsNotOnOrAfter;
    const subjectNotOnOrAfter = opts.subjectNotOnOrAfter === undefined ? new Date(now.getTime() + 5 * min) : opts.subjectNotOnOrAfter;
    const nameIdFormat = opts.nameIdFormat === undefined ? EMAIL_FORMAT : opts.nameIdFormat;
    const sessionIndex = opts.sessionIndex === undefined ? (inResponseTo ?? responseId) : opts.sessionIndex;
    const attributes = opts.attributes ?? DEFAULT_ATTRIBUTES;
    const classRef = opts.authnContextClassRef === undefined ? 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' : opts.authnContextClassRef;
    const a = (name: string, value: string | null | undefined) => (value == null ? '' : ` ${name}="${esc(value)}"`);
    const issuerEl = (value: string | null) =>
      value == null ? '' : `<saml2:Issuer xmlns:saml2="${NS.assertion}" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${esc(value)}</saml2:Issuer>`;

    const attributeXml = Object.entries(attributes)
      .map(
        ([name, values]) =>
          `<saml2:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">` +
          values
            .map((v) => `<saml2:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml2:AttributeValue>`)
            .join('') +
          `</saml2:Attribute>`,
      )
      .join('');

    const assertion = opts.omitAssertion
      ? ''
      : `<saml2:Assertion xmlns:saml2="${NS.assertion}" ID="${esc(assertionId)}" IssueInstant="${iso(now)}" Version="2.0" xmlns:xs="${XS}">` +
        issuerEl(assertionIssuer).replace(` xmlns:saml2="${NS.assertion}"`, '') +
        `<saml2:Subject>` +
        `<saml2:NameID${a('Format', nameIdFormat)}>${esc(opts.nameId ?? 'ada@example.com')}</saml2:NameID>` +
        `<saml2:SubjectConfirmation Method="${esc(opts.confirmationMethod ?? 'urn:oasis:names:tc:SAML:2.0:cm:bearer')}">` +
        `<saml2:SubjectConfirmationData${a('InResponseTo', subjectIrt)}${a('NotOnOrAfter', subjectNotOnOrAfter && iso(subjectNotOnOrAfter))}${a('Recipient', recipient)}/>` +
        `</saml2:SubjectConfirmation></saml2:Subject>` +
        `<saml2:Conditions${a('NotBefore', notBefore && iso(notBefore))}${a('NotOnOrAfter', notOnOrAfter && iso(notOnOrAfter))}>` +
        (audience == null ? '' : `<saml2:AudienceRestriction><saml2:Audience>${esc(audience)}</saml2:Audience></saml2:AudienceRestriction>`) +
        `</saml2:Conditions>` +
        `<saml2:AuthnStatement AuthnInstant="${iso(now)}"${a('SessionIndex', sessionIndex)}>` +
        `<saml2:AuthnContext>${classRef === null ? '' : `<saml2:AuthnContextClassRef>${esc(classRef)}</saml2:AuthnContextClassRef>`}</saml2:AuthnContext>` +
        `</saml2:AuthnStatement>` +
        (attributeXml ? `<saml2:AttributeStatement>${attributeXml}</saml2:AttributeStatement>` : '') +
        `</saml2:Assertion>`;

    let xml =
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<saml2p:Response xmlns:saml2p="${NS.protocol}"${a('Destination', destination)} ID="${esc(responseId)}"${a('InResponseTo', inResponseTo)} IssueInstant="${iso(now)}" Version="2.0" xmlns:xs="${XS}">` +
      issuerEl(responseIssuer) +
      `<saml2p:Status><saml2p:StatusCode Value="${esc(opts.statusCode ?? 'urn:oasis:names:tc:SAML:2.0:status:Success')}">` +
      (opts.subStatusCode ? `<saml2p:StatusCode Value="${esc(opts.subStatusCode)}"/>` : '') +
      `</saml2p:StatusCode></saml2p:Status>` +
      assertion +
      `</saml2p:Response>`;

    if (opts.pretty) xml = xml.replace(/></g, '>\n  <');
    return xml;
  }
}

interface Signing {
  key: string;
  cert: string | undefined;
  signatureAlgorithm: string;
  digestAlgorithm: string;
}

function sign(xml: string, referenceXPath: string, locationXPath: string, action: 'after' | 'prepend', s: Signing): string {
  const sig = new SignedXml({
    privateKey: s.key,
    publicCert: s.cert,
    signatureAlgorithm: s.signatureAlgorithm,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  // Okta keeps the xs prefix (used in xsi:type values) with an InclusiveNamespaces PrefixList.
  sig.addReference({
    xpath: referenceXPath,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: s.digestAlgorithm,
    inclusiveNamespacesPrefixList: ['xs'],
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: locationXPath, action } });
  return sig.getSignedXml();
}

export const toBase64 = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');

// ---------------------------------------------------------------------------------------------
// Post-processors: each takes signed XML and returns the attack variant.
// ---------------------------------------------------------------------------------------------

function parse(xml: string): Document {
  return new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(msg);
    },
  }).parseFromString(xml, 'text/xml');
}
const serialize = (node: Document | Element): string => new XMLSerializer().serializeToString(node);

function root(doc: Document): Element {
  return doc.documentElement!;
}
function child(el: Element, ns: string, localName: string): Element {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName) return n as Element;
  }
  throw new Error(`no ${localName} under ${el.localName}`);
}
function assertionOf(doc: Document): Element {
  return child(root(doc), NS.assertion, 'Assertion');
}
function nameIdOf(assertion: Element): Element {
  return child(child(assertion, NS.assertion, 'Subject'), NS.assertion, 'NameID');
}
function setText(el: Element, text: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(text));
}
function removeSignature(el: Element): void {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === NS.dsig && (n as Element).localName === 'Signature') {
      el.removeChild(n);
      return;
    }
  }
}
/** An unsigned copy of the signed assertion with a new ID and the attacker's NameID. */
function evilCopy(assertion: Element, nameId: string): Element {
  const evil = assertion.cloneNode(true) as Element;
  removeSignature(evil);
  evil.setAttribute('ID', `evil-${randomBytes(6).toString('hex')}`);
  setText(nameIdOf(evil), nameId);
  return evil;
}

/** Changes the NameID text after signing (digest no longer matches). */
export function tamperNameId(xml: string, nameId: string): string {
  const doc = parse(xml);
  setText(nameIdOf(assertionOf(doc)), nameId);
  return serialize(doc);
}

/** Adds a value to a multi-valued attribute after signing (e.g. 'admins' into groups). */
export function tamperAttribute(xml: string, name: string, value: string): string {
  return xml.replace(new RegExp(`(<saml2:Attribute Name="${name}"[^>]*>)`), `$1<saml2:AttributeValue>${esc(value)}</saml2:AttributeValue>`);
}

/**
 * CVE-2017-11427 family: `user@example.com.evil.com` signed, then a comment inserted so that a
 * text-node reader sees `user@example.com`. exc-c14n drops comments, so the signature still verifies.
 */
export function injectNameIdComment(xml: string, splitAfter: string): string {
  const doc = parse(xml);
  const nameId = nameIdOf(assertionOf(doc));
  const text = nameId.textContent ?? '';
  if (!text.startsWith(splitAfter)) throw new Error('NameID does not start with the split point');
  while (nameId.firstChild) nameId.removeChild(nameId.firstChild);
  nameId.appendChild(doc.createTextNode(splitAfter));
  nameId.appendChild(doc.createComment(''));
  nameId.appendChild(doc.createTextNode(text.slice(splitAfter.length)));
  return serialize(doc);
}

/** A DOCTYPE with an internal entity in front of the (still validly signed) response. */
export function addDoctype(xml: string): string {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE saml2p:Response [<!ENTITY idp "example.okta.com">]>${body}`;
}

/** A second, unsigned Assertion (attacker NameID) beside the signed one. */
export function addUnsignedAssertion(xml: string, position: 'before' | 'after', nameId = 'attacker@evil.example'): string {
  const doc = parse(xml);
  const signed = assertionOf(doc);
  const evil = evilCopy(signed, nameId);
  if (position === 'before') root(doc).insertBefore(evil, signed);
  else root(doc).insertBefore(evil, signed.nextSibling);
  return serialize(doc);
}

/**
 * Classic XSW: the attacker's assertion takes the signed assertion's place, and the signed one is
 * hidden where a naive verifier still finds it by ID: in samlp:Extensions (after the Response
 * Issuer) or in a ds:Object of a Signature copied into the evil assertion.
 */
export function moveSignedAssertion(xml: string, into: 'extensions' | 'object', nameId = 'attacker@evil.example'): string {
  const doc = parse(xml);
  const response = root(doc);
  const signed = assertionOf(doc);
  const evil = evilCopy(signed, nameId);
  response.replaceChild(evil, signed);
  if (into === 'extensions') {
    const ext = doc.createElementNS(NS.protocol, 'saml2p:Extensions');
    ext.appendChild(signed);
    const issuer = child(response, NS.assertion, 'Issuer');
    response.insertBefore(ext, issuer.nextSibling);
  } else {
    let sig: Element | null = null;
    for (let n = signed.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1 && (n as Element).localName === 'Signature') sig = n as Element;
    }
    if (!sig) throw new Error('assertion is not signed');
    const copy = sig.cloneNode(true) as Element;
    const obj = doc.createElementNS(NS.dsig, 'ds:Object');
    obj.appendChild(signed);
    copy.appendChild(obj);
    const evilIssuer = child(evil, NS.assertion, 'Issuer');
    evil.insertBefore(copy, evilIssuer.nextSibling);
  }
  return serialize(doc);
}

/**
 * XSW on a signed Response: a new (unsigned) root Response carrying the attacker's assertion, with
 * the original signed Response tucked into its samlp:Extensions.
 */
export function wrapSignedResponse(xml: string, nameId = 'attacker@evil.example'): string {
  const doc = parse(xml);
  const original = root(doc);
  const evil = original.cloneNode(true) as Element;
  removeSignature(evil);
  evil.setAttribute('ID', `evil-${randomBytes(6).toString('hex')}`);
  const evilAssertion = evilCopy(child(evil, NS.assertion, 'Assertion'), nameId);
  evil.replaceChild(evilAssertion, child(evil, NS.assertion, 'Assertion'));
  doc.replaceChild(evil, original);
  const ext = doc.createElementNS(NS.protocol, 'saml2p:Extensions');
  ext.appendChild(original);
  evil.insertBefore(ext, child(evil, NS.assertion, 'Issuer').nextSibling);
  return serialize(doc);
}

/** The only (signed) Assertion moved into samlp:Extensions, nothing in its place. */
export function hideSignedAssertion(xml: string): string {
  const doc = parse(xml);
  const response = root(doc);
  const signed = assertionOf(doc);
  response.removeChild(signed);
  const ext = doc.createElementNS(NS.protocol, 'saml2p:Extensions');
  ext.appendChild(signed);
  response.insertBefore(ext, child(response, NS.assertion, 'Issuer').nextSibling);
  return serialize(doc);
}

/** A copy of the Assertion's Signature dropped into samlp:Extensions (a Signature outside Response/Assertion). */
export function addStraySignature(xml: string): string {
  const doc = parse(xml);
  const response = root(doc);
  const sig = child(assertionOf(doc), NS.dsig, 'Signature').cloneNode(true) as Element;
  const ext = doc.createElementNS(NS.protocol, 'saml2p:Extensions');
  ext.appendChild(sig);
  response.insertBefore(ext, child(response, NS.assertion, 'Issuer').nextSibling);
  return serialize(doc);
}

/** A second Assertion nested inside the signed one (as its last child). */
export function nestAssertionInsideSigned(xml: string, nameId = 'attacker@evil.example'): string {
  const doc = parse(xml);
  const signed = assertionOf(doc);
  const evil = evilCopy(signed, nameId);
  signed.appendChild(evil);
  return serialize(doc);
}

/** Moves the Response's enveloped Signature into the Assertion (its Reference still names the Response). */
export function moveResponseSignatureIntoAssertion(xml: string): string {
  const doc = parse(xml);
  const response = root(doc);
  const assertion = assertionOf(doc);
  removeSignature(assertion);
  const sig = child(response, NS.dsig, 'Signature');
  response.removeChild(sig);
  assertion.insertBefore(sig, child(assertion, NS.assertion, 'Issuer').nextSibling);
  return serialize(doc);
}

/** Adds an Extensions element whose child carries the same ID as the signed Assertion. */
export function duplicateAssertionId(xml: string): string {
  const doc = parse(xml);
  const response = root(doc);
  const id = assertionOf(doc).getAttribute('ID')!;
  const ext = doc.createElementNS(NS.protocol, 'saml2p:Extensions');
  const dup = doc.createElementNS('urn:example:evil', 'evil:Thing');
  dup.setAttribute('ID', id);
  ext.appendChild(dup);
  response.insertBefore(ext, child(response, NS.assertion, 'Issuer').nextSibling);
  return serialize(doc);
}

/** Replaces the Assertion with an EncryptedAssertion of random bytes (no key, no algorithms: refused before any decryption). */
export function fakeEncryptedAssertion(xml: string): string {
  const doc = parse(xml);
  const response = root(doc);
  const enc = doc.createElementNS(NS.assertion, 'saml2:EncryptedAssertion');
  const data = doc.createElementNS('http://www.w3.org/2001/04/xmlenc#', 'xenc:EncryptedData');
  data.setAttribute('Type', 'http://www.w3.org/2001/04/xmlenc#Element');
  const cipher = doc.createElementNS('http://www.w3.org/2001/04/xmlenc#', 'xenc:CipherData');
  const value = doc.createElementNS('http://www.w3.org/2001/04/xmlenc#', 'xenc:CipherValue');
  value.appendChild(doc.createTextNode(randomBytes(48).toString('base64')));
  cipher.appendChild(value);
  data.appendChild(cipher);
  enc.appendChild(data);
  response.replaceChild(enc, assertionOf(doc));
  return serialize(doc);
}

// ---------------------------------------------------------------------------------------------
// Encryption (xml-encryption, as Okta does it)
// ---------------------------------------------------------------------------------------------

/**
 * Replaces the Response's Assertion (signed or not) with a saml2:EncryptedAssertion: the assertion's
 * XML encrypted to `enc.certificatePem` with xml-encryption, an xenc:EncryptedData with the
 * xenc:EncryptedKey in its ds:KeyInfo (or beside it). Sign the Response afterwards, if at all.
 */
export async function encryptAssertion(responseXml: string, enc: EncryptionOptions): Promise<string> {
  const doc = parse(responseXml);
  const assertion = assertionOf(doc);
  let plaintext = serialize(assertion);
  if (enc.tamperPlaintext) plaintext = enc.tamperPlaintext(plaintext);
  const keyTransport = enc.keyTransport ?? 'rsa-oaep-mgf1p';
  let encryptedData = await new Promise<string>((resolve, reject) =>
    xmlenc.encrypt(
      plaintext,
      {
        rsa_pub: enc.certificatePem,
        pem: enc.certificatePem,
        // xml-encryption names only rsa-oaep-mgf1p; with SHA-1 and MGF1-SHA1, xenc11#rsa-oaep is the same computation
        keyEncryptionAlgorithm: keyTransport === 'rsa-1_5' ? XENC['rsa-1_5'] : XENC['rsa-oaep-mgf1p'],
        encryptionAlgorithm: XENC[enc.content ?? 'aes256-gcm'],
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  if (keyTransport === 'rsa-oaep') encryptedData = encryptedData.replace(XENC['rsa-oaep-mgf1p'], XENC['rsa-oaep']);
  const wrapper = parse(`<saml2:EncryptedAssertion xmlns:saml2="${NS.assertion}">${encryptedData.trim()}</saml2:EncryptedAssertion>`);
  const encrypted = root(wrapper);
  if (enc.keyPlacement === 'sibling') {
    // SAML core §2.2.4: EncryptedKey as a child of EncryptedAssertion, named from the EncryptedData's KeyInfo
    const data = child(encrypted, NS_XENC, 'EncryptedData');
    const keyInfo = child(data, NS.dsig, 'KeyInfo');
    const key = child(keyInfo, NS_XENC, 'EncryptedKey');
    const id = `_k${randomBytes(8).toString('hex')}`;
    key.setAttribute('Id', id);
    keyInfo.removeChild(key);
    encrypted.appendChild(key);
    const retrieval = wrapper.createElementNS(NS.dsig, 'RetrievalMethod');
    retrieval.setAttribute('URI', `#${id}`);
    retrieval.setAttribute('Type', `${NS_XENC}EncryptedKey`);
    keyInfo.appendChild(retrieval);
  }
  root(doc).replaceChild(doc.importNode(encrypted, true), assertion);
  return serialize(doc);
}

/** Flips bits in the middle of the EncryptedData's CipherValue (the encrypted assertion itself). */
export function tamperCiphertext(xml: string): string {
  const doc = parse(xml);
  const data = child(child(root(doc), NS.assertion, 'EncryptedAssertion'), NS_XENC, 'EncryptedData');
  const value = child(child(data, NS_XENC, 'CipherData'), NS_XENC, 'CipherValue');
  const bytes = Buffer.from((value.textContent ?? '').replace(/\s+/g, ''), 'base64');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x41;
  setText(value, bytes.toString('base64'));
  return serialize(doc);
}

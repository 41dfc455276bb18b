/**
 * A test identity provider that signs real XML the way Okta does: an RSA key and a self-signed
 * X.509 certificate made with openssl at construction (temp dir removed immediately), Okta-shaped
 * `saml2p:Response`/`saml2:Assertion` documents signed with xml-crypto (RSA-SHA256, exc-c14n,
 * enveloped; `ds:Signature` right after the `Issuer`), and post-processors that turn a signed
 * response into the classic attacks (wrapping, comment injection, DOCTYPE, ...).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

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
}

const XS = 'http://www.w3.org/2001/XMLSchema';
const iso = (d: Date): string => d.toISOString();
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const oktaId = (): string => `id${BigInt(`0x${randomBytes(12).toString('hex')}`).toString().slice(0, 26)}`;

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
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${options.commonName ?? 'test-idp'}`],
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

  /** IdP metadata as Okta publishes it. */
  metadataXml(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${esc(this.entityId)}">` +
      `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${NS.dsig}"><ds:X509Data><ds:X509Certificate>${this.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
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
        `<saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext>` +
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
    const signer = opts.signer ?? this;
    const signing = {
      key: signer.privateKeyPem,
      cert: opts.includeKeyInfo === false ? undefined : (opts.keyInfoCertificatePem ?? signer.certificatePem),
      signatureAlgorithm: ALG[opts.signatureAlgorithm ?? 'rsa-sha256'],
      digestAlgorithm: ALG[opts.digestAlgorithm ?? 'sha256'],
    };
    if ((opts.signAssertion ?? true) && !opts.omitAssertion) {
      const assertionPath = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
      // Signature goes right after the Assertion Issuer (schema order), or first when there is none.
      xml = assertionIssuer == null ? sign(xml, assertionPath, assertionPath, 'prepend', signing) : sign(xml, assertionPath, `${assertionPath}/*[local-name(.)='Issuer']`, 'after', signing);
    }
    if (opts.signResponse ?? false) {
      const rs = opts.responseSigner ?? signer;
      signing.key = rs.privateKeyPem;
      if (signing.cert !== undefined && !opts.keyInfoCertificatePem) signing.cert = rs.certificatePem;
      const responsePath = "/*[local-name(.)='Response']";
      xml = responseIssuer == null ? sign(xml, responsePath, responsePath, 'prepend', signing) : sign(xml, responsePath, `${responsePath}/*[local-name(.)='Issuer']`, 'after', signing);
    }
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
  sig.addReference({ xpath: referenceXPath, transforms: [ALG.enveloped, ALG.excC14n], digestAlgorithm: s.digestAlgorithm, inclusiveNamespacesPrefixList: ['xs'] });
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
const serialize = (doc: Document): string => new XMLSerializer().serializeToString(doc);

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

/** Replaces the Assertion with an EncryptedAssertion (opaque content; we refuse before decrypting). */
export function encryptAssertion(xml: string): string {
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

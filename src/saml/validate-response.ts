/**
 * Strict validation of a SAML 2.0 Web SSO `<samlp:Response>` (HTTP-POST binding).
 *
 * Two layers, both of which must accept:
 *  1. Our own checks on the parsed document (this file): DOCTYPE, SHA-1, document shape against
 *     signature wrapping, signature presence/placement/verification with the configured
 *     certificates only (each signature's value over SignedInfo first, so that a forged one is
 *     refused before the full check, whose cost grows with the document), Destination, Issuer,
 *     Status, bearer SubjectConfirmation, Conditions, NameID integrity. Values are read only from
 *     the canonical XML that a verified signature covers (xml-crypto's `getSignedReferences()`),
 *     never from the unverified document.
 *  2. `@node-saml/node-saml` `validatePostResponseAsync` as a second, independent opinion on
 *     signatures, Conditions timestamps and Audience.
 *
 * An EncryptedAssertion is decrypted by the caller's `decryptAssertion` (the SP key stays in the
 * core), after the Response signature, if any, has been verified on the document as received (it
 * covers the ciphertext). The plaintext Assertion is then spliced into a working copy of the
 * Response in place of the EncryptedAssertion, and everything else runs on that copy exactly as for
 * a plaintext assertion: no DOCTYPE, no SHA-1, one Assertion, no wrapping, its own signature with
 * the configured certificates, issuer, audience, recipient, times, NameID integrity.
 *
 * `validateSamlResponse` never throws: every failure is `{ ok: false, reason, detail }`.
 * It keeps no state: replay detection (assertionId until notOnOrAfter) and the InResponseTo
 * check against issued AuthnRequest ids are the caller's job.
 */
import { X509Certificate } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { findAncestorNs, SignedXml } from 'xml-crypto';
import { DEFAULT_XML_LIMITS, hasDtd, normalizeCertificate, parseXmlStrict, XmlLimitExceeded, type NormalizedCertificate } from '../shared/xml.js';

export { hasDtd, normalizeCertificate, parseXmlStrict, type NormalizedCertificate };

export interface SamlTrust {
  idpEntityId: string; // expected <Issuer> of Response and Assertion
  idpCertificates: string[]; // PEM or bare base64 certs; ANY of them may have signed (rotation overlap)
  spEntityId: string; // expected Audience
  acsUrl: string; // expected Response@Destination and SubjectConfirmationData@Recipient
  wantAssertionsSigned: boolean; // default true at the caller
  wantResponseSigned: boolean; // default false at the caller (Okta signs the assertion by default)
  clockSkewMs: number; // e.g. 60000
  now?: Date; // for tests; default new Date()
  /**
   * Decrypts a `saml:EncryptedAssertion` (given as XML) to the Assertion XML. Absent: encrypted
   * assertions are refused (`encrypted_unsupported`). Refusals are thrown as SamlDecryptionRefused;
   * anything else thrown ends validation as an unexpected failure.
   */
  decryptAssertion?: (encryptedAssertionXml: string) => Promise<string>;
  /** Refuse plaintext assertions (`not_encrypted`). */
  requireEncryptedAssertions?: boolean;
}

export interface SamlAssertionResult {
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  assertionId: string; // for the caller's replay cache
  inResponseTo: string | null; // the caller checks it against its stored AuthnRequest ids
  notOnOrAfter: Date; // earliest of SubjectConfirmationData@NotOnOrAfter and Conditions@NotOnOrAfter: replay-cache expiry
  attributes: Record<string, string[]>; // every AttributeStatement attribute by Name, values as strings
  issuer: string;
}

export type SamlRejection =
  | 'malformed'
  | 'doctype'
  | 'sha1'
  | 'unsigned'
  | 'bad_signature'
  | 'untrusted_key'
  | 'wrapping'
  | 'multiple_assertions'
  | 'issuer'
  | 'destination'
  | 'recipient'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'status'
  | 'nameid'
  | 'nameid_transient'
  | 'encrypted_unsupported'
  | 'not_encrypted'
  | 'weak_encryption'
  | 'decryption_failed'
  | 'xml_limits';

export type SamlValidation = { ok: true; assertion: SamlAssertionResult } | { ok: false; reason: SamlRejection; detail: string };

/** Largest accepted SAMLResponse form value (base64 characters, ~730 KB of XML). Okta responses are ~10-20 KB; ~2500 groups still fit. */
export const MAX_SAML_RESPONSE_BASE64_LENGTH = 1_000_000;
/**
 * Deeper element nesting than this is refused before any XML library recurses over it (by the
 * pre-scan of parseXmlStrict, with the other DEFAULT_XML_LIMITS; checked again on every DOM walk).
 */
const MAX_DEPTH = DEFAULT_XML_LIMITS.maxDepth;

const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const NAMEID_TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

const ALLOWED_SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
]);
const ALLOWED_DIGEST_METHODS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
const ALLOWED_C14N = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
/**
 * Most nodes (elements, comments, processing instructions, CDATA sections) in a signature's
 * SignedInfo, itself included. A real one has about a dozen; the bound keeps the early SignedInfo
 * check (certificatesVerifyingSignedInfo) small whatever the document holds.
 */
const MAX_SIGNED_INFO_NODES = 64;

/** What `SamlTrust.decryptAssertion` throws to refuse an EncryptedAssertion, with the reason to report. */
export class SamlDecryptionRefused extends Error {
  constructor(
    readonly reason: Extract<SamlRejection, 'weak_encryption' | 'decryption_failed' | 'encrypted_unsupported' | 'malformed'>,
    detail: string,
  ) {
    super(detail);
    this.name = 'SamlDecryptionRefused';
  }
}

/** Largest decrypted assertion accepted (characters). */
const MAX_DECRYPTED_LENGTH = 1_000_000;
const NS_XENC = 'http://www.w3.org/2001/04/xmlenc#';

/** Thrown internally to short-circuit with a reason; never escapes `validateSamlResponse`. */
class Reject extends Error {
  constructor(
    readonly reason: SamlRejection,
    readonly detail: string,
  ) {
    super(detail);
  }
}
function reject(reason: SamlRejection, detail: string): never {
  throw new Reject(reason, detail);
}

// ---------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// XML helpers (xmldom 0.9, namespace-aware)
// ---------------------------------------------------------------------------------------------

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

function childElements(el: Element, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue;
    if (ns !== undefined && n.namespaceURI !== ns) continue;
    if (localName !== undefined && n.localName !== localName) continue;
    out.push(n);
  }
  return out;
}

function onlyChild(el: Element, ns: string, localName: string, what: string, reason: SamlRejection = 'malformed'): Element | null {
  const found = childElements(el, ns, localName);
  if (found.length > 1) reject(reason, `more than one ${what}`);
  return found[0] ?? null;
}

/** Every element in document order (iterative, depth-limited). */
function allElements(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Array<{ el: Element; depth: number }> = [{ el: root, depth: 0 }];
  while (stack.length) {
    const { el, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) reject('malformed', 'XML nesting is too deep');
    out.push(el);
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, depth: depth + 1 });
  }
  return out;
}

function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

/**
 * The value of an element that must hold exactly one text node (or nothing): any comment,
 * CDATA section, processing instruction or child element makes it null.
 */
function strictText(el: Element): string | null {
  const kids = el.childNodes;
  if (kids.length === 0) return '';
  if (kids.length !== 1) return null;
  const only = kids.item(0);
  if (!only || only.nodeType !== TEXT_NODE) return null;
  return only.nodeValue ?? '';
}

function simpleText(el: Element, what: string): string {
  const v = strictText(el);
  if (v === null) reject('malformed', `${what} must contain text only`);
  return v!.trim();
}

const XS_DATETIME = /^(\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: string, what: string): Date {
  const m = XS_DATETIME.exec(value.trim());
  const ms = m ? Date.parse(`${m[1]}${m[2] ? m[2].slice(0, 4) : ''}${m[3]}`) : NaN;
  if (!Number.isFinite(ms)) reject('malformed', `${what} is not a valid xs:dateTime`);
  return new Date(ms);
}

function optionalInstant(el: Element, name: string, what: string): Date | null {
  const v = attr(el, name);
  return v === null ? null : parseInstant(v, what);
}

const short = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max)}…` : s);

// ---------------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------------

interface SignatureInfo {
  element: Element;
  /** Element the signature is enveloped in (Response or Assertion); its ID is the only allowed Reference. */
  parent: Element;
}

/** Checks placement and shape of a ds:Signature; returns nothing, rejects on problems. */
function checkSignatureShape(sig: Element, parent: Element, what: string): void {
  const parentId = attr(parent, 'ID');
  const signedInfo = childElements(sig, NS_DSIG, 'SignedInfo');
  if (signedInfo.length !== 1) reject('wrapping', `${what} signature must have exactly one SignedInfo`);
  const si = signedInfo[0]!;
  const c14n = childElements(si, NS_DSIG, 'CanonicalizationMethod');
  if (c14n.length !== 1 || !ALLOWED_C14N.has(attr(c14n[0]!, 'Algorithm') ?? '')) {
    reject('bad_signature', `${what} signature uses an unsupported canonicalization method`);
  }
  const methods = childElements(si, NS_DSIG, 'SignatureMethod');
  if (methods.length !== 1 || !ALLOWED_SIGNATURE_METHODS.has(attr(methods[0]!, 'Algorithm') ?? '')) {
    reject('bad_signature', `${what} signature uses an unsupported signature algorithm`);
  }
  const refs = childElements(si, NS_DSIG, 'Reference');
  if (refs.length !== 1) reject('wrapping', `${what} signature must have exactly one Reference`);
  const ref = refs[0]!;
  if (!parentId || attr(ref, 'URI') !== `#${parentId}`) {
    reject('wrapping', `${what} signature does not reference the element it is enveloped in`);
  }
  const digests = childElements(ref, NS_DSIG, 'DigestMethod');
  if (digests.length !== 1 || !ALLOWED_DIGEST_METHODS.has(attr(digests[0]!, 'Algorithm') ?? '')) {
    reject('bad_signature', `${what} signature uses an unsupported digest algorithm`);
  }
  const transformsEls = childElements(ref, NS_DSIG, 'Transforms');
  if (transformsEls.length !== 1) reject('bad_signature', `${what} signature must be an enveloped signature`);
  const transforms = childElements(transformsEls[0]!, NS_DSIG, 'Transform').map((t) => attr(t, 'Algorithm') ?? '');
  const ok =
    transforms.length >= 1 &&
    transforms.length <= 2 &&
    transforms[0] === ENVELOPED &&
    (transforms.length === 1 || ALLOWED_C14N.has(transforms[1]!));
  if (!ok) reject('bad_signature', `${what} signature must use the enveloped-signature transform plus canonicalization only`);
  // XML Signature's order (SignedInfo, SignatureValue, ...; CanonicalizationMethod, SignatureMethod,
  // Reference) and a small SignedInfo: what the early SignedInfo check reads is found in bounded work.
  const kids = childElements(sig);
  if (kids[0] !== si || kids[1]?.namespaceURI !== NS_DSIG || kids[1].localName !== 'SignatureValue') {
    reject('bad_signature', `${what} signature does not begin with SignedInfo and SignatureValue`);
  }
  const parts = childElements(si);
  if (parts.length !== 3 || parts[0] !== c14n[0] || parts[1] !== methods[0] || parts[2] !== ref) {
    reject('bad_signature', `${what} signature's SignedInfo holds other than CanonicalizationMethod, SignatureMethod and Reference, in this order`);
  }
  if (nodesOver(si, MAX_SIGNED_INFO_NODES)) reject('bad_signature', `${what} signature's SignedInfo has more than ${MAX_SIGNED_INFO_NODES} nodes`);
}

/** Whether `root` and what it holds count more than `max` elements, comments, processing instructions and CDATA sections (stops counting there). */
function nodesOver(root: Element, max: number): boolean {
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT_NODE) continue;
    if (++count > max) return true;
    for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return false;
}

/** DER certificates found in a signature's KeyInfo (used only to classify failures, never to trust). */
function keyInfoCertificates(sig: Element): string[] {
  const out: string[] = [];
  for (const ki of childElements(sig, NS_DSIG, 'KeyInfo')) {
    for (const data of childElements(ki, NS_DSIG, 'X509Data')) {
      for (const c of childElements(data, NS_DSIG, 'X509Certificate')) {
        const b64 = (c.textContent ?? '').replace(/\s+/g, '');
        try {
          out.push(Buffer.from(b64, 'base64').toString('base64'));
        } catch {
          /* ignored */
        }
      }
    }
  }
  return out;
}

/** The first element in document order below `root` (not `root` itself) that `accept` takes; a plain DOM walk, no XPath. */
function firstInSubtree(root: Element, accept: (el: Element) => boolean): Element | null {
  const stack: Node[] = [];
  for (let n = root.lastChild; n; n = n.previousSibling) stack.push(n);
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (accept(n)) return n;
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return null;
}

/**
 * The first element named SignedInfo (in any namespace) in the document, in document order: the one
 * whose ancestors' namespace declarations xml-crypto's checkSignature hands to the canonicalization
 * of every SignedInfo it checks (`findAncestorNs(doc, "//*[local-name()='SignedInfo']")`).
 */
function firstSignedInfo(elements: Element[]): Element | null {
  return elements.find((el) => el.localName === 'SignedInfo') ?? null;
}

/**
 * The early refusal of a forged signature (issue #15 §2): verifies the SignatureValue over the
 * canonical SignedInfo with each configured certificate, before xml-crypto's full check, whose
 * reference step (a re-parse of the whole document, XPath lookups of the referenced ID over every
 * attribute, canonicalization and digest of the referenced element) costs in proportion to the
 * document and comes first, and which runs once per configured certificate. The work here does not
 * grow with the document: a DOM walk that stops at the Signature's first CanonicalizationMethod,
 * SignatureMethod and SignatureValue (within SignedInfo and right after it: checkSignatureShape
 * checked their order and SignedInfo's size), the namespace declarations on SignedInfo's ancestors,
 * the canonicalization of SignedInfo alone and one RSA verification per certificate (besides a look
 * along the Signature's child list and, by the caller, along the element list for the first SignedInfo).
 *
 * It reads what xml-crypto's loadSignature and checkSignature read (the first CanonicalizationMethod
 * and SignatureMethod with an Algorithm below the Signature, its only SignedInfo child, the first
 * text of its first SignatureValue, ancestor namespaces from the document's first SignedInfo) and
 * canonicalizes with xml-crypto's own `getCanonXml` (its canonicalization classes, as
 * checkSignature calls them) and verifies with its own signature algorithms, restricted to the
 * algorithms accepted here: the full check's last step, which no signature it accepts can fail.
 * Returns the certificates under which SignedInfo verifies; with none, the signature is refused
 * exactly as the full check refuses an invalid signature value. The full check still runs (with
 * those certificates) on whatever passes: references and digests are verified only there.
 */
function certificatesVerifyingSignedInfo(sig: SignatureInfo, certs: NormalizedCertificate[], documentSignedInfo: Element | null, what: string): NormalizedCertificate[] {
  const signedInfos = childElements(sig.element).filter((el) => el.localName === 'SignedInfo');
  const c14nMethod = firstInSubtree(sig.element, (el) => el.localName === 'CanonicalizationMethod' && el.hasAttribute('Algorithm'));
  const signatureMethod = firstInSubtree(sig.element, (el) => el.localName === 'SignatureMethod' && el.hasAttribute('Algorithm'));
  const c14n = c14nMethod?.getAttribute('Algorithm') ?? '';
  const algorithm = signatureMethod?.getAttribute('Algorithm') ?? '';
  if (signedInfos.length !== 1) refuseSignature(sig, certs, what, 'not exactly one SignedInfo');
  if (!ALLOWED_C14N.has(c14n)) refuseSignature(sig, certs, what, 'unsupported canonicalization method');
  if (!ALLOWED_SIGNATURE_METHODS.has(algorithm)) refuseSignature(sig, certs, what, 'unsupported signature algorithm');
  let signatureValue = '';
  firstInSubtree(sig.element, (el) => {
    if (el.localName !== 'SignatureValue') return false;
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        signatureValue = n.nodeType === TEXT_NODE ? (n.nodeValue ?? '').replace(/\r?\n/g, '') : '';
        return true;
      }
    }
    return false;
  });
  const signedXml = new SignedXml({ getCertFromKeyInfo: () => null });
  let canonical: string;
  try {
    const ancestorNamespaces = documentSignedInfo
      ? findAncestorNs(documentSignedInfo as unknown as Parameters<typeof findAncestorNs>[0], '.')
      : [];
    canonical = signedXml.getCanonXml([c14n], signedInfos[0] as unknown as Parameters<SignedXml['getCanonXml']>[1], { ancestorNamespaces });
  } catch (err) {
    return refuseSignature(sig, certs, what, err instanceof Error ? err.message : String(err));
  }
  const verifying = certs.filter((cert) => {
    try {
      const method = new signedXml.SignatureAlgorithms[algorithm as keyof SignedXml['SignatureAlgorithms']]();
      return method.verifySignature(canonical, cert.pem, signatureValue) === true;
    } catch {
      return false;
    }
  });
  if (verifying.length === 0) refuseSignature(sig, certs, what, 'signature value incorrect');
  return verifying;
}

/**
 * Verifies one enveloped signature: first its SignatureValue over SignedInfo with each configured
 * certificate (certificatesVerifyingSignedInfo, `signedInfoCerts` when the caller has done that
 * already), then xml-crypto's full check (references, digests, and SignedInfo again) with each
 * certificate that passed (with any other, the full check would fail at its last step). KeyInfo is
 * ignored: `getCertFromKeyInfo` returns null. Returns the canonical XML the signature covers.
 */
function verifySignature(
  sig: SignatureInfo,
  xml: string,
  certs: NormalizedCertificate[],
  what: string,
  signedInfoCerts: NormalizedCertificate[],
): string {
  let lastError = '';
  for (const cert of signedInfoCerts) {
    const signed = new SignedXml({ publicCert: cert.pem, getCertFromKeyInfo: () => null });
    try {
      // xml-crypto ships its own xmldom; its loader only walks standard DOM properties.
      signed.loadSignature(sig.element as unknown as Parameters<SignedXml['loadSignature']>[0]);
      if (signed.getReferences().length !== 1) reject('wrapping', `${what} signature must have exactly one Reference`);
      if (signed.checkSignature(xml)) {
        const refs = signed.getSignedReferences();
        if (refs.length === 1 && typeof refs[0] === 'string') return refs[0];
        lastError = 'unexpected number of signed references';
      } else {
        lastError = 'digest mismatch';
      }
    } catch (err) {
      if (err instanceof Reject) throw err;
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  return refuseSignature(sig, certs, what, lastError.startsWith('invalid signature: the signature value') ? 'signature value incorrect' : lastError);
}

/** Refuses a signature that does not verify with any configured certificate: untrusted_key when KeyInfo names only others, else bad_signature. */
function refuseSignature(sig: SignatureInfo, certs: NormalizedCertificate[], what: string, why: string): never {
  const trusted = new Set(certs.map((c) => c.base64));
  const embedded = keyInfoCertificates(sig.element);
  if (embedded.length > 0 && !embedded.some((c) => trusted.has(c))) {
    reject('untrusted_key', `${what} is signed with a certificate that is not one of the configured IdP certificates`);
  }
  return reject('bad_signature', `${what} signature does not verify with any configured IdP certificate (${short(why, 80)})`);
}

// ---------------------------------------------------------------------------------------------
// node-saml
// ---------------------------------------------------------------------------------------------

function mapNodeSamlError(err: unknown, responseSigned: boolean): Reject {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  const d = (s: string) => `node-saml: ${short(s)}`;
  if (name === 'SamlStatusError' || /^SAML provider returned/.test(message)) return new Reject('status', d(message));
  if (/not yet valid/i.test(message)) return new Reject('not_yet_valid', d(message));
  if (/expired/i.test(message)) return new Reject('expired', d(message));
  if (/audience/i.test(message)) return new Reject('audience', d(message));
  if (/multiple assertions/i.test(message)) return new Reject('multiple_assertions', d(message));
  if (/ID cannot refer|Referenced node|Too many signatures|multiple elements with the same value/i.test(message)) {
    return new Reject('wrapping', d(message));
  }
  if (/Invalid document signature/.test(message)) return new Reject(responseSigned ? 'bad_signature' : 'unsigned', d(message));
  if (/signature/i.test(message)) return new Reject('bad_signature', d(message));
  if (/decrypt|Encrypted/i.test(message)) return new Reject('encrypted_unsupported', d(message));
  return new Reject('malformed', d(message));
}

// ---------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------

export async function validateSamlResponse(samlResponseBase64: string, trust: SamlTrust): Promise<SamlValidation> {
  try {
    const assertion = await validate(samlResponseBase64, trust);
    return { ok: true, assertion };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, reason: err.reason, detail: err.detail };
    // Anything unexpected (a library bug, stack exhaustion, ...) is a rejection, never an exception.
    const name = err instanceof Error ? err.name : typeof err;
    return { ok: false, reason: 'malformed', detail: `SAML response could not be processed (${short(name, 40)})` };
  }
}

async function validate(samlResponseBase64: string, trust: SamlTrust): Promise<SamlAssertionResult> {
  // ---- trust configuration ----
  if (!trust || typeof trust !== 'object') reject('malformed', 'trust configuration missing');
  if (!Array.isArray(trust.idpCertificates) || trust.idpCertificates.length === 0) {
    reject('untrusted_key', 'no IdP certificate is configured');
  }
  const certs = trust.idpCertificates.map((c, i) => {
    try {
      return normalizeCertificate(c);
    } catch (err) {
      return reject('untrusted_key', `configured IdP certificate #${i + 1} is unusable: ${(err as Error).message}`);
    }
  });
  for (const [k, v] of Object.entries({ idpEntityId: trust.idpEntityId, spEntityId: trust.spEntityId, acsUrl: trust.acsUrl })) {
    if (typeof v !== 'string' || !v) reject('malformed', `trust.${k} is not configured`);
  }
  const skew = Number.isFinite(trust.clockSkewMs) && trust.clockSkewMs >= 0 ? trust.clockSkewMs : 0;
  const nowMs = (trust.now ?? new Date()).getTime();
  if (!Number.isFinite(nowMs)) reject('malformed', 'trust.now is not a valid date');

  // ---- decoding ----
  if (typeof samlResponseBase64 !== 'string') reject('malformed', 'SAMLResponse is not a string');
  if (samlResponseBase64.length > MAX_SAML_RESPONSE_BASE64_LENGTH) reject('malformed', 'SAMLResponse is too large');
  const b64 = samlResponseBase64.replace(/[\r\n\t ]+/g, '');
  if (!b64 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) reject('malformed', 'SAMLResponse is not valid base64');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.from(b64, 'base64'));
  } catch {
    return reject('malformed', 'SAMLResponse is not UTF-8 text');
  }
  if (hasDtd(xml)) reject('doctype', 'SAML response contains a DOCTYPE/ENTITY declaration');
  if (xml.includes('\u0000')) reject('malformed', 'SAML response contains NUL characters');
  xml = xml.replace(/\r\n?/g, '\n'); // what every XML processor does; xml-crypto expects it done

  // ---- parsing ----
  // parseXmlStrict first scans the text against DEFAULT_XML_LIMITS (depth, nodes, attributes,
  // namespace declarations) in one pass, without a DOM: the work done on an oversized structure is
  // proportional to the bytes read up to the limit it exceeds
  let doc: Document;
  try {
    doc = parseXmlStrict(xml);
  } catch (err) {
    if (err instanceof XmlLimitExceeded) reject('xml_limits', `SAML response: ${err.message}`);
    const m = (err as Error).message ?? '';
    if (/DOCTYPE/i.test(m)) reject('doctype', 'SAML response contains a DOCTYPE declaration');
    return reject('malformed', `SAML response is not well-formed XML (${short(m.split('\n')[0] ?? '', 100)})`);
  }
  let response = doc.documentElement!;
  if (response.namespaceURI !== NS_PROTOCOL || response.localName !== 'Response') {
    reject('malformed', 'document element is not a SAML 2.0 protocol Response');
  }
  if (attr(response, 'Version') !== '2.0') reject('malformed', 'Response Version is not 2.0');
  let elements = allElements(response);

  // ---- algorithms: refuse SHA-1 anywhere in the document ----
  refuseSha1(elements);

  // ---- status ----
  const status = onlyChild(response, NS_PROTOCOL, 'Status', 'Status');
  const statusCode = status ? onlyChild(status, NS_PROTOCOL, 'StatusCode', 'StatusCode') : null;
  const statusValue = statusCode ? attr(statusCode, 'Value') : null;
  if (statusValue !== STATUS_SUCCESS) {
    const sub = statusCode ? childElements(statusCode, NS_PROTOCOL, 'StatusCode')[0] : undefined;
    const subValue = sub ? attr(sub, 'Value') : null;
    reject('status', `IdP returned status ${short(statusValue ?? '(none)', 80)}${subValue ? ` / ${short(subValue, 80)}` : ''}`);
  }

  // ---- encryption ----
  if (elements.some((el) => el.localName === 'EncryptedID' || el.localName === 'EncryptedAttribute')) {
    reject('encrypted_unsupported', 'encrypted NameIDs and attributes are not supported (encrypt the whole assertion)');
  }
  let decryption: Decryption | null = null;
  if (elements.some((el) => el.localName === 'EncryptedAssertion')) {
    // From here on, the working copy with the decrypted Assertion spliced in.
    decryption = await decryptAndSplice(xml, response, elements, trust, certs);
    ({ xml, response, elements } = decryption);
    refuseSha1(elements);
    if (elements.some((el) => el.localName === 'EncryptedAssertion')) reject('wrapping', 'the decrypted assertion contains another EncryptedAssertion');
  } else if (trust.requireEncryptedAssertions && elements.some((el) => el.localName === 'Assertion')) {
    reject('not_encrypted', 'the Assertion is not encrypted, and this connection requires encrypted assertions');
  }

  // ---- structure: assertion count/placement, unique IDs, signature placement ----
  const responses = elements.filter((el) => el.localName === 'Response');
  if (responses.length !== 1) reject('wrapping', 'a second Response element is embedded in the document');
  const assertions = elements.filter((el) => el.localName === 'Assertion');
  if (assertions.length === 0) reject('malformed', 'Response contains no Assertion');
  if (assertions.length > 1) {
    const allTopLevel = assertions.every((a) => a.parentNode === response && a.namespaceURI === NS_ASSERTION);
    if (allTopLevel) reject('multiple_assertions', `Response contains ${assertions.length} assertions; exactly one is accepted`);
    reject('wrapping', 'an Assertion is nested somewhere other than directly under Response');
  }
  const assertion = assertions[0]!;
  if (assertion.namespaceURI !== NS_ASSERTION) reject('wrapping', 'Assertion element is not in the SAML 2.0 assertion namespace');
  if (assertion.parentNode !== response) reject('wrapping', 'the Assertion is not a direct child of Response');

  refuseDuplicateIds(elements);
  const responseId = attr(response, 'ID');
  const assertionId = attr(assertion, 'ID');
  if (!responseId) reject('malformed', 'Response has no ID');
  if (!assertionId) reject('malformed', 'Assertion has no ID');

  const signatures = elements.filter((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG);
  let responseSig: SignatureInfo | null = null;
  let assertionSig: SignatureInfo | null = null;
  for (const s of signatures) {
    const parent = s.parentNode;
    if (parent === response && !responseSig) responseSig = { element: s, parent: response };
    else if (parent === assertion && !assertionSig) assertionSig = { element: s, parent: assertion };
    else reject('wrapping', 'a Signature is placed somewhere other than directly in the Response or the Assertion, or twice');
  }
  if (responseSig) checkSignatureShape(responseSig.element, response, 'Response');
  if (assertionSig) checkSignatureShape(assertionSig.element, assertion, 'Assertion');
  if (decryption && !!responseSig !== !!decryption.signedResponse) reject('wrapping', 'the Response signature changed while the assertion was decrypted');

  // ---- signature presence ----
  if (trust.wantAssertionsSigned && !assertionSig) reject('unsigned', 'the Assertion is not signed');
  if (trust.wantResponseSigned && !responseSig) reject('unsigned', 'the Response is not signed');
  if (!assertionSig && !responseSig) reject('unsigned', 'neither the Response nor the Assertion is signed');

  // ---- our own cryptographic verification (configured certificates only) ----
  // Every signature present must verify, even one the configuration does not require. The Response
  // signature of an encrypted response was verified on the document as received, before decryption:
  // it covers the EncryptedAssertion, not the working copy. The SignatureValue over SignedInfo of
  // each signature is verified first, in work that does not grow with the document, so that a forged
  // signature is refused before any full check, whose cost does (issue #15 §2).
  const documentSignedInfo = firstSignedInfo(elements);
  const responseSignedInfoCerts = responseSig && !decryption ? certificatesVerifyingSignedInfo(responseSig, certs, documentSignedInfo, 'Response') : null;
  const assertionSignedInfoCerts = assertionSig ? certificatesVerifyingSignedInfo(assertionSig, certs, documentSignedInfo, 'Assertion') : null;
  const signedResponseXml = responseSig && responseSignedInfoCerts ? verifySignature(responseSig, xml, certs, 'Response', responseSignedInfoCerts) : null;
  const signedAssertionXml = assertionSig && assertionSignedInfoCerts ? verifySignature(assertionSig, xml, certs, 'Assertion', assertionSignedInfoCerts) : null;

  // The views values are read from: canonical bytes the verified signatures cover.
  let signedResponse: Element | null = decryption ? decryption.signedResponse : null;
  if (signedResponseXml !== null) {
    signedResponse = parseSignedView(signedResponseXml, NS_PROTOCOL, 'Response', responseId!);
  }
  let signedAssertion: Element;
  if (signedAssertionXml !== null) {
    signedAssertion = parseSignedView(signedAssertionXml, NS_ASSERTION, 'Assertion', assertionId!);
  } else if (decryption) {
    // Not signed itself: it is what the ciphertext under the verified Response signature decrypts to
    // (decryptAndSplice decrypted the EncryptedAssertion from the signed bytes).
    if (!decryption.signedResponse) reject('unsigned', 'neither the Response nor the decrypted Assertion is signed');
    signedAssertion = assertion;
  } else {
    const inner = childElements(signedResponse!, NS_ASSERTION, 'Assertion');
    if (inner.length !== 1 || attr(inner[0]!, 'ID') !== assertionId) reject('wrapping', 'signed Response does not contain the Assertion');
    signedAssertion = inner[0]!;
  }
  // Response-level fields: from the signed view when the Response is signed, else the document.
  const responseView = signedResponse ?? response;
  // Checked only now for a decrypted assertion: until its signature verified, every refusal looks the
  // same from outside (no oracle on what a chosen ciphertext decrypts to).
  if (decryption && elements.some((el) => el.localName === 'EncryptedID' || el.localName === 'EncryptedAttribute')) {
    reject('encrypted_unsupported', 'encrypted NameIDs and attributes are not supported (encrypt the whole assertion)');
  }

  // ---- NameID integrity on the document as received (canonicalization hides comments) ----
  const domNameId = findNameId(assertion);
  const domNameIdText = strictText(domNameId);
  if (domNameIdText === null) {
    reject('nameid', 'NameID contains a comment, CDATA section or child node (NameID truncation attack)');
  }

  // ---- issuer ----
  const responseIssuerEl = onlyChild(responseView, NS_ASSERTION, 'Issuer', 'Response Issuer', 'issuer');
  if (responseIssuerEl) {
    const v = simpleText(responseIssuerEl, 'Response Issuer');
    if (v !== trust.idpEntityId) reject('issuer', `Response Issuer ${short(JSON.stringify(v), 100)} is not the configured IdP`);
  }
  const assertionIssuerEl = onlyChild(signedAssertion, NS_ASSERTION, 'Issuer', 'Assertion Issuer', 'issuer');
  if (!assertionIssuerEl) reject('issuer', 'Assertion has no Issuer');
  const issuer = simpleText(assertionIssuerEl!, 'Assertion Issuer');
  if (issuer !== trust.idpEntityId) reject('issuer', `Assertion Issuer ${short(JSON.stringify(issuer), 100)} is not the configured IdP`);

  // ---- destination ----
  const destination = attr(responseView, 'Destination');
  if (destination === null) reject('destination', 'Response has no Destination');
  if (destination !== trust.acsUrl) reject('destination', `Response Destination ${short(JSON.stringify(destination), 120)} is not this ACS URL`);

  if (attr(signedAssertion, 'Version') !== '2.0') reject('malformed', 'Assertion Version is not 2.0');

  // ---- subject ----
  const subject = onlyChild(signedAssertion, NS_ASSERTION, 'Subject', 'Subject');
  if (!subject) reject('nameid', 'Assertion has no Subject');
  const nameIdEl = findNameId(signedAssertion);
  const signedNameIdText = strictText(nameIdEl);
  if (signedNameIdText === null) reject('nameid', 'NameID contains a comment or child node');
  const nameId = signedNameIdText!.trim();
  if (!nameId) reject('nameid', 'NameID is empty');
  // a transient NameID names this one session, not the person: signed in by it, every login would
  // be a stranger (under first-login provisioning, a new user and a seat each time)
  if (attr(nameIdEl!, 'Format') === NAMEID_TRANSIENT) reject('nameid_transient', 'NameID Format is transient (a one-time identifier); send the email address (EmailAddress) or another persistent identifier');
  if (nameId !== domNameIdText!.trim()) reject('wrapping', 'NameID in the document differs from the signed NameID');

  // bearer SubjectConfirmation: some bearer confirmation must satisfy Recipient and time
  const confirmations = childElements(subject!, NS_ASSERTION, 'SubjectConfirmation').filter((sc) => attr(sc, 'Method') === CM_BEARER);
  if (confirmations.length === 0) reject('recipient', 'Assertion has no bearer SubjectConfirmation');
  let confirmed: { notOnOrAfter: Date; inResponseTo: string | null } | null = null;
  let firstProblem: Reject | null = null;
  for (const sc of confirmations) {
    try {
      const data = onlyChild(sc, NS_ASSERTION, 'SubjectConfirmationData', 'SubjectConfirmationData', 'recipient');
      if (!data) reject('recipient', 'bearer SubjectConfirmation has no SubjectConfirmationData');
      const recipient = attr(data!, 'Recipient');
      if (recipient !== trust.acsUrl) {
        reject('recipient', recipient === null ? 'SubjectConfirmationData has no Recipient' : `SubjectConfirmationData Recipient ${short(JSON.stringify(recipient), 120)} is not this ACS URL`);
      }
      const scNotBefore = optionalInstant(data!, 'NotBefore', 'SubjectConfirmationData@NotBefore');
      const scNotOnOrAfter = optionalInstant(data!, 'NotOnOrAfter', 'SubjectConfirmationData@NotOnOrAfter');
      if (!scNotOnOrAfter) reject('expired', 'SubjectConfirmationData has no NotOnOrAfter');
      if (scNotBefore && nowMs + skew < scNotBefore.getTime()) reject('not_yet_valid', 'SubjectConfirmationData is not yet valid');
      if (nowMs - skew >= scNotOnOrAfter!.getTime()) reject('expired', `SubjectConfirmationData expired at ${scNotOnOrAfter!.toISOString()}`);
      confirmed = { notOnOrAfter: scNotOnOrAfter!, inResponseTo: attr(data!, 'InResponseTo') };
      break;
    } catch (err) {
      if (!(err instanceof Reject)) throw err;
      firstProblem ??= err;
    }
  }
  if (!confirmed) throw firstProblem ?? new Reject('recipient', 'no usable bearer SubjectConfirmation');

  // ---- conditions ----
  const conditions = onlyChild(signedAssertion, NS_ASSERTION, 'Conditions', 'Conditions');
  if (!conditions) reject('audience', 'Assertion has no Conditions/AudienceRestriction');
  const notBefore = optionalInstant(conditions!, 'NotBefore', 'Conditions@NotBefore');
  const condNotOnOrAfter = optionalInstant(conditions!, 'NotOnOrAfter', 'Conditions@NotOnOrAfter');
  // Optional in SAML core, always sent by Okta; node-saml cannot process Conditions without it.
  if (!condNotOnOrAfter) reject('expired', 'Conditions have no NotOnOrAfter (unbounded assertion lifetime)');
  if (notBefore && nowMs + skew < notBefore.getTime()) reject('not_yet_valid', `Assertion is not valid before ${notBefore.toISOString()}`);
  if (nowMs - skew >= condNotOnOrAfter!.getTime()) reject('expired', `Assertion expired at ${condNotOnOrAfter!.toISOString()}`);
  const restrictions = childElements(conditions!, NS_ASSERTION, 'AudienceRestriction');
  if (restrictions.length === 0) reject('audience', 'Assertion has no AudienceRestriction');
  for (const r of restrictions) {
    const audiences = childElements(r, NS_ASSERTION, 'Audience').map((a) => simpleText(a, 'Audience'));
    if (!audiences.includes(trust.spEntityId)) {
      reject('audience', `AudienceRestriction ${short(JSON.stringify(audiences), 120)} does not include this SP`);
    }
  }
  for (const c of childElements(conditions!)) {
    const known = c.namespaceURI === NS_ASSERTION && ['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction'].includes(c.localName ?? '');
    if (!known) reject('malformed', `Conditions contain an unsupported condition ${short(c.localName ?? '', 40)}`);
  }

  // ---- InResponseTo ----
  const responseInResponseTo = attr(responseView, 'InResponseTo');
  if (confirmed.inResponseTo !== null && responseInResponseTo !== null && confirmed.inResponseTo !== responseInResponseTo) {
    reject('malformed', 'Response@InResponseTo and SubjectConfirmationData@InResponseTo differ');
  }
  // The unsigned Response attribute is only believed when the Response signature covers it.
  const inResponseTo = confirmed.inResponseTo ?? (signedResponse ? responseInResponseTo : null);

  // ---- statements ----
  const authn = childElements(signedAssertion, NS_ASSERTION, 'AuthnStatement')[0];
  const sessionIndex = authn ? attr(authn, 'SessionIndex') : null;

  const collected = new Map<string, string[]>();
  for (const statement of childElements(signedAssertion, NS_ASSERTION, 'AttributeStatement')) {
    for (const a of childElements(statement, NS_ASSERTION, 'Attribute')) {
      const name = attr(a, 'Name');
      if (!name) reject('malformed', 'Attribute without a Name');
      const values = collected.get(name!) ?? [];
      for (const v of childElements(a, NS_ASSERTION, 'AttributeValue')) {
        if (v.getAttributeNS(NS_XSI, 'nil') === 'true') continue;
        values.push(v.textContent ?? '');
      }
      collected.set(name!, values);
    }
  }

  // ---- second opinion: node-saml (last, so that the reasons above are the precise ones) ----
  // On the working copy of an encrypted response, node-saml must not see the Response signature (it no
  // longer covers the document; it was verified before decryption): removed, with
  // wantAuthnResponseSigned off, node-saml verifies the Assertion signature instead. An encrypted
  // assertion that is not signed itself has nothing node-saml could verify (it reads only signed
  // assertions, and the SP key stays in the core); our checks above are the only ones then.
  let nodeSamlProfile: { nameID?: unknown } | null = null;
  if (!decryption) nodeSamlProfile = await runNodeSaml(xml, trust, certs, skew, !!responseSig);
  else if (assertionSig) nodeSamlProfile = await runNodeSaml(withoutResponseSignature(xml), { ...trust, wantResponseSigned: false, wantAssertionsSigned: true }, certs, skew, false);
  if (nodeSamlProfile && String(nodeSamlProfile.nameID ?? '').trim() !== nameId) {
    reject('wrapping', 'node-saml and the strict parser disagree about the NameID');
  }

  const notOnOrAfter = condNotOnOrAfter!.getTime() < confirmed.notOnOrAfter.getTime() ? condNotOnOrAfter! : confirmed.notOnOrAfter;

  return {
    nameId,
    nameIdFormat: attr(nameIdEl, 'Format'),
    sessionIndex,
    assertionId: assertionId!,
    inResponseTo,
    notOnOrAfter,
    attributes: Object.fromEntries(collected),
    issuer,
  };
}

/** Refuses SHA-1 signature and digest methods (not OAEP's digest inside an xenc:EncryptionMethod: no signature). */
function refuseSha1(elements: Element[]): void {
  for (const el of elements) {
    if (el.localName === 'SignatureMethod' || el.localName === 'DigestMethod') {
      const parent = el.parentNode as Element | null;
      if (el.localName === 'DigestMethod' && parent?.localName === 'EncryptionMethod' && parent.namespaceURI === NS_XENC) continue;
      if (/sha1/i.test(attr(el, 'Algorithm') ?? '')) {
        reject('sha1', `${el.localName} uses SHA-1 (${short(attr(el, 'Algorithm') ?? '', 80)})`);
      }
    }
  }
}

function refuseDuplicateIds(elements: Element[]): void {
  const seenIds = new Set<string>();
  for (const el of elements) {
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      const local = a.localName ?? a.name;
      if (local === 'ID' || local === 'Id' || local === 'id' || local === 'AssertionID') {
        if (seenIds.has(a.value)) reject('wrapping', 'an ID value occurs more than once in the document');
        seenIds.add(a.value);
      }
    }
  }
}

interface Decryption {
  /** The working copy: the received Response with the decrypted Assertion in place of the EncryptedAssertion. */
  xml: string;
  response: Element;
  elements: Element[];
  /** The signed view of the Response as received (with the EncryptedAssertion), when it was signed and verified. */
  signedResponse: Element | null;
}

/**
 * Checks the received document around the EncryptedAssertion (one, directly under the Response, no
 * plaintext Assertion beside it, signatures only on the Response), verifies the Response signature
 * there, decrypts the EncryptedAssertion (from the signed bytes when the Response is signed) and
 * returns the working copy with the plaintext Assertion spliced in.
 */
async function decryptAndSplice(xml: string, response: Element, elements: Element[], trust: SamlTrust, certs: NormalizedCertificate[]): Promise<Decryption> {
  if (typeof trust.decryptAssertion !== 'function') {
    reject('encrypted_unsupported', 'the assertion is encrypted, but no SP key pair is configured to decrypt it');
  }
  if (elements.filter((el) => el.localName === 'Response').length !== 1) reject('wrapping', 'a second Response element is embedded in the document');
  const candidates = elements.filter((el) => el.localName === 'EncryptedAssertion' || el.localName === 'Assertion');
  if (candidates.length > 1) {
    const allTopLevel = candidates.every((a) => a.parentNode === response && a.namespaceURI === NS_ASSERTION);
    if (allTopLevel) reject('multiple_assertions', `Response contains ${candidates.length} assertions (encrypted or not); exactly one is accepted`);
    reject('wrapping', 'an Assertion or EncryptedAssertion is nested somewhere other than directly under Response');
  }
  const encrypted = candidates[0]!;
  if (encrypted.namespaceURI !== NS_ASSERTION || encrypted.parentNode !== response) {
    reject('wrapping', 'the EncryptedAssertion is not a SAML 2.0 element directly under Response');
  }
  refuseDuplicateIds(elements);
  const signatures = elements.filter((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG);
  if (signatures.length > 1 || signatures.some((s) => s.parentNode !== response)) {
    reject('wrapping', 'a Signature is placed somewhere other than directly in the Response (an assertion signature belongs inside the encrypted assertion)');
  }
  const responseSig: SignatureInfo | null = signatures[0] ? { element: signatures[0], parent: response } : null;
  if (responseSig) checkSignatureShape(responseSig.element, response, 'Response');
  if (trust.wantResponseSigned && !responseSig) reject('unsigned', 'the Response is not signed');

  // The Response signature covers the ciphertext: verified first, so that nothing is decrypted for a
  // tampered response, and the ciphertext decrypted is the one the signature covers.
  let signedResponse: Element | null = null;
  let source = encrypted;
  if (responseSig) {
    const responseId = attr(response, 'ID');
    if (!responseId) reject('malformed', 'Response has no ID');
    const signedInfoCerts = certificatesVerifyingSignedInfo(responseSig, certs, firstSignedInfo(elements), 'Response');
    signedResponse = parseSignedView(verifySignature(responseSig, xml, certs, 'Response', signedInfoCerts), NS_PROTOCOL, 'Response', responseId!, true);
    source = childElements(signedResponse, NS_ASSERTION, 'EncryptedAssertion')[0]!;
  }

  let plaintext: unknown;
  try {
    plaintext = await trust.decryptAssertion!(new XMLSerializer().serializeToString(source));
  } catch (err) {
    if (err instanceof SamlDecryptionRefused) reject(err.reason, short(err.message, 240));
    throw err;
  }
  if (typeof plaintext !== 'string' || !plaintext) return reject('decryption_failed', 'the EncryptedAssertion decrypted to nothing');
  if (plaintext.length > MAX_DECRYPTED_LENGTH) reject('malformed', 'the decrypted assertion is too large');
  if (hasDtd(plaintext)) reject('doctype', 'the decrypted assertion contains a DOCTYPE/ENTITY declaration');
  if (plaintext.includes('\u0000')) reject('malformed', 'the decrypted assertion contains NUL characters');
  let decrypted: Element;
  try {
    decrypted = parseXmlStrict(plaintext.replace(/\r\n?/g, '\n')).documentElement!;
  } catch (err) {
    if (err instanceof XmlLimitExceeded) reject('xml_limits', `the decrypted assertion: ${err.message}`);
    const m = (err as Error).message ?? '';
    if (/DOCTYPE/i.test(m)) reject('doctype', 'the decrypted assertion contains a DOCTYPE declaration');
    return reject('malformed', `the decrypted assertion is not well-formed XML (${short(m.split('\n')[0] ?? '', 100)})`);
  }
  if (decrypted.namespaceURI !== NS_ASSERTION || decrypted.localName !== 'Assertion') {
    const looksLikeOne = decrypted.localName === 'Assertion' || decrypted.localName === 'Response';
    reject(looksLikeOne ? 'wrapping' : 'malformed', `the EncryptedAssertion decrypts to ${short(decrypted.localName ?? '', 40)}, not a SAML 2.0 Assertion`);
  }

  // The working copy, re-parsed from its text so that the DOM checked and the text that xml-crypto
  // and node-saml parse are the same document.
  const work = parseXmlStrict(xml);
  const root = work.documentElement!;
  root.replaceChild(work.importNode(decrypted, true), childElements(root, NS_ASSERTION, 'EncryptedAssertion')[0]!);
  const splicedXml = new XMLSerializer().serializeToString(work);
  let spliced: Element;
  try {
    spliced = parseXmlStrict(splicedXml).documentElement!;
  } catch (err) {
    if (err instanceof XmlLimitExceeded) reject('xml_limits', `the Response with the decrypted assertion: ${err.message}`);
    return reject('malformed', 'the decrypted assertion does not fit into the Response');
  }
  return { xml: splicedXml, response: spliced, elements: allElements(spliced), signedResponse };
}

/** The document without the Signature directly in its root element. */
function withoutResponseSignature(xml: string): string {
  const doc = parseXmlStrict(xml);
  const root = doc.documentElement!;
  for (const s of childElements(root, NS_DSIG, 'Signature')) root.removeChild(s);
  return new XMLSerializer().serializeToString(doc);
}

function findNameId(assertion: Element): Element {
  const subject = childElements(assertion, NS_ASSERTION, 'Subject');
  if (subject.length !== 1) return reject('nameid', 'Assertion must have exactly one Subject');
  const ids = childElements(subject[0]!, NS_ASSERTION, 'NameID');
  if (ids.length !== 1) return reject('nameid', ids.length === 0 ? 'Subject has no NameID' : 'Subject has more than one NameID');
  return ids[0]!;
}

function parseSignedView(signedXml: string, ns: string, localName: string, expectedId: string, encrypted = false): Element {
  let view: Document;
  try {
    view = parseXmlStrict(signedXml);
  } catch {
    return reject('bad_signature', 'signed content could not be re-parsed');
  }
  const root = view.documentElement!;
  if (root.namespaceURI !== ns || root.localName !== localName || attr(root, 'ID') !== expectedId) {
    reject('wrapping', `the verified signature does not cover the ${localName} the values would be read from`);
  }
  // Same shape rules on the signed bytes as on the document (guards against parser differentials
  // between our xmldom and the copy xml-crypto parses with).
  if (encrypted) {
    // a signed Response carrying one EncryptedAssertion (and its xenc parts), directly under it
    const enc = childElements(root, NS_ASSERTION, 'EncryptedAssertion');
    const saml = allElements(root).filter((el) => ['Assertion', 'Response', 'EncryptedAssertion', 'EncryptedID', 'EncryptedAttribute'].includes(el.localName ?? ''));
    if (enc.length !== 1 || saml.length !== 2 || saml[0] !== root || saml[1] !== enc[0]) {
      reject('wrapping', 'the signed Response does not have the shape of the document');
    }
    return root;
  }
  const inner = allElements(root).filter((el) => el.localName === 'Assertion' || el.localName === 'Response' || (el.localName ?? '').startsWith('Encrypted'));
  const expected = localName === 'Assertion' ? [root] : [root, ...childElements(root, NS_ASSERTION, 'Assertion')];
  if (inner.length !== expected.length || inner.length > 2 || !inner.every((el, i) => el === expected[i])) {
    reject('wrapping', `the signed ${localName} does not have the shape of the document`);
  }
  return root;
}

async function runNodeSaml(
  xml: string,
  trust: SamlTrust,
  certs: NormalizedCertificate[],
  skew: number,
  responseSigned: boolean,
): Promise<{ nameID?: unknown }> {
  const saml = new SAML({
    idpCert: certs.map((c) => c.pem),
    issuer: trust.spEntityId,
    audience: trust.spEntityId,
    callbackUrl: trust.acsUrl,
    idpIssuer: trust.idpEntityId,
    wantAssertionsSigned: trust.wantAssertionsSigned,
    wantAuthnResponseSigned: trust.wantResponseSigned,
    // node-saml reads the wall clock; with an injected `now` its time checks are switched off
    // (-1) and ours, which honour `now`, are the only ones.
    acceptedClockSkewMs: trust.now ? -1 : skew,
    maxAssertionAgeMs: 0,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  let result: Awaited<ReturnType<SAML['validatePostResponseAsync']>>;
  try {
    result = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') });
  } catch (err) {
    throw mapNodeSamlError(err, responseSigned);
  }
  if (!result.profile || result.loggedOut) reject('malformed', 'node-saml did not produce a login profile');
  return result.profile as { nameID?: unknown };
}

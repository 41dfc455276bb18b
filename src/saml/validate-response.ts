/**
 * Strict validation of a SAML 2.0 Web SSO `<samlp:Response>` (HTTP-POST binding): `validate` is the
 * ordered list of the checks, each a named function below or in signature.ts, encrypted-assertion.ts
 * and node-saml-opinion.ts. The design and the order: docs/SAML.md, "How a response is validated".
 */
import { TextDecoder } from 'node:util';
import type { Element } from '@xmldom/xmldom';
import { hasDtd, normalizeCertificate, parseXmlStrict, type NormalizedCertificate } from '../shared/xml.js';
import { decryptAndSplice, SamlDecryptionRefused, type DecryptAssertion, type Decryption } from './encrypted-assertion.js';
import { checkWithNodeSaml } from './node-saml-opinion.js';
import { Rejection, short, type SamlRejection } from './rejection.js';
import {
  allElements,
  attr,
  childElements,
  NS_ASSERTION,
  NS_PROTOCOL,
  NS_XENC,
  onlyChild,
  optionalInstant,
  parseSamlXml,
  refuseDtdOrNul,
  simpleText,
  strictText,
} from './saml-xml.js';
import { locateSignatures, parseSignedView, refuseDuplicateIds, verifySignatures, type SignatureInfo } from './signature.js';

export { hasDtd, normalizeCertificate, parseXmlStrict, SamlDecryptionRefused, type NormalizedCertificate, type SamlRejection };

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
  decryptAssertion?: DecryptAssertion;
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
  /** The AuthnStatement's AuthnContextClassRef (how the IdP authenticated the person), shown by a test sign-in; null when absent. */
  authnContextClassRef: string | null;
}

export type SamlValidation = { ok: true; assertion: SamlAssertionResult } | { ok: false; reason: SamlRejection; detail: string };

/** Largest accepted SAMLResponse form value (base64 characters, ~730 KB of XML). Okta responses are ~10-20 KB; ~2500 groups still fit. */
export const MAX_SAML_RESPONSE_BASE64_LENGTH = 1_000_000;

const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const NAMEID_TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/**
 * Validates a posted SAMLResponse against the connection's trust settings. Never throws: every
 * failure is `{ ok: false, reason, detail }`. Keeps no state: replay detection (assertionId until
 * notOnOrAfter) and the InResponseTo check against issued AuthnRequest ids are the caller's job.
 */
export async function validateSamlResponse(samlResponseBase64: string, trust: SamlTrust): Promise<SamlValidation> {
  try {
    const result = await validate(samlResponseBase64, trust);
    if (result instanceof Rejection) return { ok: false, reason: result.reason, detail: result.detail };
    return { ok: true, assertion: result };
  } catch (err) {
    // Anything unexpected (a library bug, stack exhaustion, ...) is a rejection, never an exception.
    const name = err instanceof Error ? err.name : typeof err;
    return { ok: false, reason: 'malformed', detail: `SAML response could not be processed (${short(name, 40)})` };
  }
}

/** The checks, in order: the first rejection ends validation. */
async function validate(samlResponseBase64: string, trust: SamlTrust): Promise<SamlAssertionResult | Rejection> {
  // ---- the configuration, and the document as received ----
  const settings = readTrust(trust);
  if (settings instanceof Rejection) return settings;
  const { certs, skew, nowMs } = settings;
  const text = decodeSamlResponse(samlResponseBase64);
  if (text instanceof Rejection) return text;
  const received = parseResponse(text);
  if (received instanceof Rejection) return received;
  let refusal = refuseSha1(received.elements) ?? checkStatus(received.response) ?? refuseEncryptedParts(received.elements);
  if (refusal) return refusal;

  // ---- an encrypted assertion is decrypted: from here on, the working copy ----
  const decryption = await decryptIfEncrypted(received, trust, certs);
  if (decryption instanceof Rejection) return decryption;
  const { xml, response, elements } = decryption ?? received;

  // ---- structure and signatures ----
  const assertion = placeAssertion(elements, response);
  if (assertion instanceof Rejection) return assertion;
  const ids = readIds(elements, response, assertion);
  if (ids instanceof Rejection) return ids;
  const signatures = locateSignatures(elements, response, assertion);
  if (signatures instanceof Rejection) return signatures;
  refusal = checkResponseSignatureKept(decryption, signatures.responseSig) ?? checkRequiredSignatures(trust, signatures);
  if (refusal) return refusal;
  // Every signature present must verify, even one the configuration does not require. The Response
  // signature of an encrypted response was verified on the document as received, before decryption:
  // it covers the EncryptedAssertion, not the working copy.
  const covered = verifySignatures(xml, elements, certs, { response: decryption ? null : signatures.responseSig, assertion: signatures.assertionSig });
  if (covered instanceof Rejection) return covered;
  const views = readSignedViews(covered, decryption, assertion, ids);
  if (views instanceof Rejection) return views;
  const { signedResponse, signedAssertion } = views;
  // Response-level fields: from the signed view when the Response is signed, else the document.
  const responseView = signedResponse ?? response;
  // Checked only now for a decrypted assertion: until its signature verified, every refusal looks the
  // same from outside (no oracle on what a chosen ciphertext decrypts to).
  refusal = decryption ? refuseEncryptedParts(elements) : undefined;
  if (refusal) return refusal;

  // ---- the values, read from the signed views ----
  const receivedNameId = readNameIdAsReceived(assertion);
  if (receivedNameId instanceof Rejection) return receivedNameId;
  refusal = checkResponseIssuer(responseView, trust.idpEntityId);
  if (refusal) return refusal;
  const issuer = readAssertionIssuer(signedAssertion, trust.idpEntityId);
  if (issuer instanceof Rejection) return issuer;
  refusal = checkDestination(responseView, trust.acsUrl) ?? checkAssertionVersion(signedAssertion);
  if (refusal) return refusal;
  const subject = readSubject(signedAssertion, receivedNameId);
  if (subject instanceof Rejection) return subject;
  const confirmed = checkBearerConfirmation(subject.element, trust.acsUrl, nowMs, skew);
  if (confirmed instanceof Rejection) return confirmed;
  const conditionsNotOnOrAfter = checkConditions(signedAssertion, trust.spEntityId, nowMs, skew);
  if (conditionsNotOnOrAfter instanceof Rejection) return conditionsNotOnOrAfter;
  const inResponseTo = readInResponseTo(responseView, confirmed, !!signedResponse);
  if (inResponseTo instanceof Rejection) return inResponseTo;
  const attributes = readAttributes(signedAssertion);
  if (attributes instanceof Rejection) return attributes;

  // ---- second opinion: node-saml (last, so that the reasons above are the precise ones) ----
  const signed = { decrypted: !!decryption, response: !!signatures.responseSig, assertion: !!signatures.assertionSig };
  refusal = await checkWithNodeSaml(xml, trust, certs, skew, signed, subject.nameId);
  if (refusal) return refusal;

  return {
    nameId: subject.nameId,
    nameIdFormat: subject.format,
    sessionIndex: readSessionIndex(signedAssertion),
    authnContextClassRef: readAuthnContextClassRef(signedAssertion),
    assertionId: ids.assertionId,
    inResponseTo,
    notOnOrAfter: conditionsNotOnOrAfter.getTime() < confirmed.notOnOrAfter.getTime() ? conditionsNotOnOrAfter : confirmed.notOnOrAfter,
    attributes,
    issuer,
  };
}

// ---------------------------------------------------------------------------------------------
// The configuration and the document as received
// ---------------------------------------------------------------------------------------------

/** The trust settings, checked: the configured certificates in canonical form, the skew, the time now. */
function readTrust(trust: SamlTrust): { certs: NormalizedCertificate[]; skew: number; nowMs: number } | Rejection {
  if (!trust || typeof trust !== 'object') return new Rejection('malformed', 'trust configuration missing');
  const certs = readCertificates(trust.idpCertificates);
  if (certs instanceof Rejection) return certs;
  for (const [k, v] of Object.entries({ idpEntityId: trust.idpEntityId, spEntityId: trust.spEntityId, acsUrl: trust.acsUrl })) {
    if (typeof v !== 'string' || !v) return new Rejection('malformed', `trust.${k} is not configured`);
  }
  const skew = Number.isFinite(trust.clockSkewMs) && trust.clockSkewMs >= 0 ? trust.clockSkewMs : 0;
  const nowMs = (trust.now ?? new Date()).getTime();
  if (!Number.isFinite(nowMs)) return new Rejection('malformed', 'trust.now is not a valid date');
  return { certs, skew, nowMs };
}

/** At least one configured IdP certificate, each usable. */
export function readCertificates(idpCertificates: string[]): NormalizedCertificate[] | Rejection {
  if (!Array.isArray(idpCertificates) || idpCertificates.length === 0) return new Rejection('untrusted_key', 'no IdP certificate is configured');
  const certs: NormalizedCertificate[] = [];
  for (const [i, c] of idpCertificates.entries()) {
    try {
      certs.push(normalizeCertificate(c));
    } catch (err) {
      return new Rejection('untrusted_key', `configured IdP certificate #${i + 1} is unusable: ${(err as Error).message}`);
    }
  }
  return certs;
}

/** The form value as XML text: bounded, base64, UTF-8, no DTD or NUL; line ends normalized (what every XML processor does; xml-crypto expects it done). */
function decodeSamlResponse(samlResponseBase64: string): string | Rejection {
  if (typeof samlResponseBase64 !== 'string') return new Rejection('malformed', 'SAMLResponse is not a string');
  if (samlResponseBase64.length > MAX_SAML_RESPONSE_BASE64_LENGTH) return new Rejection('malformed', 'SAMLResponse is too large');
  const b64 = samlResponseBase64.replace(/[\r\n\t ]+/g, '');
  if (!b64 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return new Rejection('malformed', 'SAMLResponse is not valid base64');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.from(b64, 'base64'));
  } catch {
    return new Rejection('malformed', 'SAMLResponse is not UTF-8 text');
  }
  return refuseDtdOrNul(xml, 'SAML response') ?? xml.replace(/\r\n?/g, '\n');
}

interface ResponseDocument {
  xml: string;
  response: Element;
  elements: Element[];
}

/** The text parsed strictly (within the XML limits, see saml-xml.ts); its root a SAML 2.0 protocol Response, Version 2.0. */
function parseResponse(xml: string): ResponseDocument | Rejection {
  const doc = parseSamlXml(xml, 'SAML response');
  if (doc instanceof Rejection) return doc;
  const response = doc.documentElement!;
  if (response.namespaceURI !== NS_PROTOCOL || response.localName !== 'Response') {
    return new Rejection('malformed', 'document element is not a SAML 2.0 protocol Response');
  }
  if (attr(response, 'Version') !== '2.0') return new Rejection('malformed', 'Response Version is not 2.0');
  const elements = allElements(response);
  if (elements instanceof Rejection) return elements;
  return { xml, response, elements };
}

/** Refuses SHA-1 signature and digest methods anywhere in the document (not OAEP's digest inside an xenc:EncryptionMethod: no signature). */
export function refuseSha1(elements: Element[]): Rejection | undefined {
  for (const el of elements) {
    if (el.localName === 'SignatureMethod' || el.localName === 'DigestMethod') {
      const parent = el.parentNode as Element | null;
      if (el.localName === 'DigestMethod' && parent?.localName === 'EncryptionMethod' && parent.namespaceURI === NS_XENC) continue;
      if (/sha1/i.test(attr(el, 'Algorithm') ?? '')) {
        return new Rejection('sha1', `${el.localName} uses SHA-1 (${short(attr(el, 'Algorithm') ?? '', 80)})`);
      }
    }
  }
  return undefined;
}

/** The IdP's status must be Success; otherwise its status (and second-level status) is the detail. */
function checkStatus(response: Element): Rejection | undefined {
  const status = onlyChild(response, NS_PROTOCOL, 'Status', 'Status');
  if (status instanceof Rejection) return status;
  const statusCode = status ? onlyChild(status, NS_PROTOCOL, 'StatusCode', 'StatusCode') : null;
  if (statusCode instanceof Rejection) return statusCode;
  const statusValue = statusCode ? attr(statusCode, 'Value') : null;
  if (statusValue === STATUS_SUCCESS) return undefined;
  const sub = statusCode ? childElements(statusCode, NS_PROTOCOL, 'StatusCode')[0] : undefined;
  const subValue = sub ? attr(sub, 'Value') : null;
  return new Rejection('status', `IdP returned status ${short(statusValue ?? '(none)', 80)}${subValue ? ` / ${short(subValue, 80)}` : ''}`);
}

/** Encryption of the whole assertion only: an EncryptedID or EncryptedAttribute is refused. */
function refuseEncryptedParts(elements: Element[]): Rejection | undefined {
  if (elements.some((el) => el.localName === 'EncryptedID' || el.localName === 'EncryptedAttribute')) {
    return new Rejection('encrypted_unsupported', 'encrypted NameIDs and attributes are not supported (encrypt the whole assertion)');
  }
  return undefined;
}

/**
 * An EncryptedAssertion decrypted and spliced into a working copy (encrypted-assertion.ts), which is
 * checked for SHA-1 and for another EncryptedAssertion in the plaintext; null for a plaintext
 * assertion, which is refused when the connection requires encryption.
 */
async function decryptIfEncrypted(received: ResponseDocument, trust: SamlTrust, certs: NormalizedCertificate[]): Promise<Decryption | null | Rejection> {
  if (!received.elements.some((el) => el.localName === 'EncryptedAssertion')) {
    if (trust.requireEncryptedAssertions && received.elements.some((el) => el.localName === 'Assertion')) {
      return new Rejection('not_encrypted', 'the Assertion is not encrypted, and this connection requires encrypted assertions');
    }
    return null;
  }
  const decryption = await decryptAndSplice(received.xml, received.response, received.elements, trust, certs);
  if (decryption instanceof Rejection) return decryption;
  const sha1 = refuseSha1(decryption.elements);
  if (sha1) return sha1;
  if (decryption.elements.some((el) => el.localName === 'EncryptedAssertion'))
    return new Rejection('wrapping', 'the decrypted assertion contains another EncryptedAssertion');
  return decryption;
}

// ---------------------------------------------------------------------------------------------
// Structure and signatures
// ---------------------------------------------------------------------------------------------

/** One Response, holding exactly one Assertion, a SAML 2.0 element directly under it (no wrapping). */
function placeAssertion(elements: Element[], response: Element): Element | Rejection {
  if (elements.filter((el) => el.localName === 'Response').length !== 1)
    return new Rejection('wrapping', 'a second Response element is embedded in the document');
  const assertions = elements.filter((el) => el.localName === 'Assertion');
  if (assertions.length === 0) return new Rejection('malformed', 'Response contains no Assertion');
  if (assertions.length > 1) {
    const allTopLevel = assertions.every((a) => a.parentNode === response && a.namespaceURI === NS_ASSERTION);
    if (allTopLevel) return new Rejection('multiple_assertions', `Response contains ${assertions.length} assertions; exactly one is accepted`);
    return new Rejection('wrapping', 'an Assertion is nested somewhere other than directly under Response');
  }
  const assertion = assertions[0]!;
  if (assertion.namespaceURI !== NS_ASSERTION) return new Rejection('wrapping', 'Assertion element is not in the SAML 2.0 assertion namespace');
  if (assertion.parentNode !== response) return new Rejection('wrapping', 'the Assertion is not a direct child of Response');
  return assertion;
}

interface Ids {
  responseId: string;
  assertionId: string;
}

/** No ID twice in the document; the Response and the Assertion each have one. */
function readIds(elements: Element[], response: Element, assertion: Element): Ids | Rejection {
  const duplicate = refuseDuplicateIds(elements);
  if (duplicate) return duplicate;
  const responseId = attr(response, 'ID');
  const assertionId = attr(assertion, 'ID');
  if (!responseId) return new Rejection('malformed', 'Response has no ID');
  if (!assertionId) return new Rejection('malformed', 'Assertion has no ID');
  return { responseId, assertionId };
}

/** The working copy of an encrypted response has a Response signature exactly when the received document had a verified one. */
function checkResponseSignatureKept(decryption: Decryption | null, responseSig: SignatureInfo | null): Rejection | undefined {
  if (decryption && !!responseSig !== !!decryption.signedResponse)
    return new Rejection('wrapping', 'the Response signature changed while the assertion was decrypted');
  return undefined;
}

/** The signatures the connection requires (wantAssertionsSigned, wantResponseSigned), and at least one. */
function checkRequiredSignatures(trust: SamlTrust, s: { responseSig: SignatureInfo | null; assertionSig: SignatureInfo | null }): Rejection | undefined {
  if (trust.wantAssertionsSigned && !s.assertionSig) return new Rejection('unsigned', 'the Assertion is not signed');
  if (trust.wantResponseSigned && !s.responseSig) return new Rejection('unsigned', 'the Response is not signed');
  if (!s.assertionSig && !s.responseSig) return new Rejection('unsigned', 'neither the Response nor the Assertion is signed');
  return undefined;
}

/** The views values are read from: the canonical bytes the verified signatures cover. */
function readSignedViews(
  covered: { response: string | null; assertion: string | null },
  decryption: Decryption | null,
  assertion: Element,
  ids: Ids,
): { signedResponse: Element | null; signedAssertion: Element } | Rejection {
  let signedResponse: Element | null = decryption ? decryption.signedResponse : null;
  if (covered.response !== null) {
    const view = parseSignedView(covered.response, NS_PROTOCOL, 'Response', ids.responseId);
    if (view instanceof Rejection) return view;
    signedResponse = view;
  }
  if (covered.assertion !== null) {
    const signedAssertion = parseSignedView(covered.assertion, NS_ASSERTION, 'Assertion', ids.assertionId);
    return signedAssertion instanceof Rejection ? signedAssertion : { signedResponse, signedAssertion };
  }
  if (decryption) {
    // Not signed itself: it is what the ciphertext under the verified Response signature decrypts to
    // (decryptAndSplice decrypted the EncryptedAssertion from the signed bytes).
    if (!decryption.signedResponse) return new Rejection('unsigned', 'neither the Response nor the decrypted Assertion is signed');
    return { signedResponse, signedAssertion: assertion };
  }
  const inner = childElements(signedResponse!, NS_ASSERTION, 'Assertion');
  if (inner.length !== 1 || attr(inner[0]!, 'ID') !== ids.assertionId) return new Rejection('wrapping', 'signed Response does not contain the Assertion');
  return { signedResponse, signedAssertion: inner[0]! };
}

// ---------------------------------------------------------------------------------------------
// The values, from the signed views
// ---------------------------------------------------------------------------------------------

function findNameId(assertion: Element): Element | Rejection {
  const subject = childElements(assertion, NS_ASSERTION, 'Subject');
  if (subject.length !== 1) return new Rejection('nameid', 'Assertion must have exactly one Subject');
  const ids = childElements(subject[0]!, NS_ASSERTION, 'NameID');
  if (ids.length !== 1) return new Rejection('nameid', ids.length === 0 ? 'Subject has no NameID' : 'Subject has more than one NameID');
  return ids[0]!;
}

/** The NameID of the document as received must be plain text: canonicalization hides comments, so the signed view cannot show them. */
function readNameIdAsReceived(assertion: Element): string | Rejection {
  const nameId = findNameId(assertion);
  if (nameId instanceof Rejection) return nameId;
  const text = strictText(nameId);
  if (text === null) return new Rejection('nameid', 'NameID contains a comment, CDATA section or child node (NameID truncation attack)');
  return text;
}

/**
 * What this service expected, for the detail of a refusal: the values the admin compares with the
 * IdP's settings (a test sign-in shows the detail). They are this service's own public settings (SP
 * metadata, the configured IdP entity ID), never a value of the person signing in.
 */
const expected = (value: string): string => `(expected ${short(JSON.stringify(value), 100)})`;

/** This server's clock and the allowed skew, for a response outside its validity window: clocks apart, or a stale response. */
const clock = (nowMs: number, skew: number): string => `; this server's clock: ${new Date(nowMs).toISOString()}, allowed skew ${Math.round(skew / 1000)} s`;

/** The Response Issuer, optional, must be the configured IdP. */
function checkResponseIssuer(responseView: Element, idpEntityId: string): Rejection | undefined {
  const issuerEl = onlyChild(responseView, NS_ASSERTION, 'Issuer', 'Response Issuer', 'issuer');
  if (issuerEl instanceof Rejection) return issuerEl;
  if (!issuerEl) return undefined;
  const v = simpleText(issuerEl, 'Response Issuer');
  if (v instanceof Rejection) return v;
  if (v !== idpEntityId) return new Rejection('issuer', `Response Issuer ${short(JSON.stringify(v), 100)} is not the configured IdP ${expected(idpEntityId)}`);
  return undefined;
}

/** The Assertion Issuer, required, must be the configured IdP. */
function readAssertionIssuer(signedAssertion: Element, idpEntityId: string): string | Rejection {
  const issuerEl = onlyChild(signedAssertion, NS_ASSERTION, 'Issuer', 'Assertion Issuer', 'issuer');
  if (issuerEl instanceof Rejection) return issuerEl;
  if (!issuerEl) return new Rejection('issuer', 'Assertion has no Issuer');
  const issuer = simpleText(issuerEl, 'Assertion Issuer');
  if (issuer instanceof Rejection) return issuer;
  if (issuer !== idpEntityId)
    return new Rejection('issuer', `Assertion Issuer ${short(JSON.stringify(issuer), 100)} is not the configured IdP ${expected(idpEntityId)}`);
  return issuer;
}

/** The Response is addressed to this ACS URL. */
function checkDestination(responseView: Element, acsUrl: string): Rejection | undefined {
  const destination = attr(responseView, 'Destination');
  if (destination === null) return new Rejection('destination', 'Response has no Destination');
  if (destination !== acsUrl)
    return new Rejection('destination', `Response Destination ${short(JSON.stringify(destination), 120)} is not this ACS URL ${expected(acsUrl)}`);
  return undefined;
}

function checkAssertionVersion(signedAssertion: Element): Rejection | undefined {
  return attr(signedAssertion, 'Version') !== '2.0' ? new Rejection('malformed', 'Assertion Version is not 2.0') : undefined;
}

/**
 * The Subject and its NameID: plain text, not empty, not transient, the same as in the document as
 * received. A transient NameID names this one session, not the person: signed in by it, every login
 * would be a stranger (under first-login provisioning, a new user and a seat each time).
 */
function readSubject(signedAssertion: Element, receivedNameId: string): { element: Element; nameId: string; format: string | null } | Rejection {
  const subject = onlyChild(signedAssertion, NS_ASSERTION, 'Subject', 'Subject');
  if (subject instanceof Rejection) return subject;
  if (!subject) return new Rejection('nameid', 'Assertion has no Subject');
  const nameIdEl = findNameId(signedAssertion);
  if (nameIdEl instanceof Rejection) return nameIdEl;
  const signedNameIdText = strictText(nameIdEl);
  if (signedNameIdText === null) return new Rejection('nameid', 'NameID contains a comment or child node');
  const nameId = signedNameIdText.trim();
  if (!nameId) return new Rejection('nameid', 'NameID is empty');
  const format = attr(nameIdEl, 'Format');
  if (format === NAMEID_TRANSIENT) {
    return new Rejection(
      'nameid_transient',
      'NameID Format is transient (a one-time identifier); send the email address (EmailAddress) or another persistent identifier',
    );
  }
  if (nameId !== receivedNameId.trim()) return new Rejection('wrapping', 'NameID in the document differs from the signed NameID');
  return { element: subject, nameId, format };
}

interface Confirmation {
  notOnOrAfter: Date;
  inResponseTo: string | null;
}

/** Some bearer SubjectConfirmation must satisfy Recipient and time; when none does, the first one's problem is the rejection. */
function checkBearerConfirmation(subject: Element, acsUrl: string, nowMs: number, skew: number): Confirmation | Rejection {
  const confirmations = childElements(subject, NS_ASSERTION, 'SubjectConfirmation').filter((sc) => attr(sc, 'Method') === CM_BEARER);
  if (confirmations.length === 0) return new Rejection('recipient', 'Assertion has no bearer SubjectConfirmation');
  let firstProblem: Rejection | null = null;
  for (const sc of confirmations) {
    const confirmed = checkConfirmation(sc, acsUrl, nowMs, skew);
    if (!(confirmed instanceof Rejection)) return confirmed;
    firstProblem ??= confirmed;
  }
  return firstProblem ?? new Rejection('recipient', 'no usable bearer SubjectConfirmation');
}

/** One bearer SubjectConfirmation: its data addressed to this ACS URL, with a NotOnOrAfter, valid now (within the skew). */
function checkConfirmation(sc: Element, acsUrl: string, nowMs: number, skew: number): Confirmation | Rejection {
  const data = onlyChild(sc, NS_ASSERTION, 'SubjectConfirmationData', 'SubjectConfirmationData', 'recipient');
  if (data instanceof Rejection) return data;
  if (!data) return new Rejection('recipient', 'bearer SubjectConfirmation has no SubjectConfirmationData');
  const recipient = attr(data, 'Recipient');
  if (recipient !== acsUrl) {
    return new Rejection(
      'recipient',
      recipient === null
        ? 'SubjectConfirmationData has no Recipient'
        : `SubjectConfirmationData Recipient ${short(JSON.stringify(recipient), 120)} is not this ACS URL ${expected(acsUrl)}`,
    );
  }
  const notBefore = optionalInstant(data, 'NotBefore', 'SubjectConfirmationData@NotBefore');
  if (notBefore instanceof Rejection) return notBefore;
  const notOnOrAfter = optionalInstant(data, 'NotOnOrAfter', 'SubjectConfirmationData@NotOnOrAfter');
  if (notOnOrAfter instanceof Rejection) return notOnOrAfter;
  if (!notOnOrAfter) return new Rejection('expired', 'SubjectConfirmationData has no NotOnOrAfter');
  if (notBefore && nowMs + skew < notBefore.getTime())
    return new Rejection('not_yet_valid', `SubjectConfirmationData is not valid before ${notBefore.toISOString()}${clock(nowMs, skew)}`);
  if (nowMs - skew >= notOnOrAfter.getTime())
    return new Rejection('expired', `SubjectConfirmationData expired at ${notOnOrAfter.toISOString()}${clock(nowMs, skew)}`);
  return { notOnOrAfter, inResponseTo: attr(data, 'InResponseTo') };
}

/** The Conditions: valid now (within the skew), for this SP, and no condition we do not understand. Returns their NotOnOrAfter. */
function checkConditions(signedAssertion: Element, spEntityId: string, nowMs: number, skew: number): Date | Rejection {
  const conditions = onlyChild(signedAssertion, NS_ASSERTION, 'Conditions', 'Conditions');
  if (conditions instanceof Rejection) return conditions;
  if (!conditions) return new Rejection('audience', 'Assertion has no Conditions/AudienceRestriction');
  const notOnOrAfter = checkConditionsTime(conditions, nowMs, skew);
  if (notOnOrAfter instanceof Rejection) return notOnOrAfter;
  return checkAudience(conditions, spEntityId) ?? checkConditionKinds(conditions) ?? notOnOrAfter;
}

function checkConditionsTime(conditions: Element, nowMs: number, skew: number): Date | Rejection {
  const notBefore = optionalInstant(conditions, 'NotBefore', 'Conditions@NotBefore');
  if (notBefore instanceof Rejection) return notBefore;
  const notOnOrAfter = optionalInstant(conditions, 'NotOnOrAfter', 'Conditions@NotOnOrAfter');
  if (notOnOrAfter instanceof Rejection) return notOnOrAfter;
  // Optional in SAML core, always sent by Okta; node-saml cannot process Conditions without it.
  if (!notOnOrAfter) return new Rejection('expired', 'Conditions have no NotOnOrAfter (unbounded assertion lifetime)');
  if (notBefore && nowMs + skew < notBefore.getTime())
    return new Rejection('not_yet_valid', `Assertion is not valid before ${notBefore.toISOString()}${clock(nowMs, skew)}`);
  if (nowMs - skew >= notOnOrAfter.getTime()) return new Rejection('expired', `Assertion expired at ${notOnOrAfter.toISOString()}${clock(nowMs, skew)}`);
  return notOnOrAfter;
}

/** At least one AudienceRestriction, and each names this SP. */
function checkAudience(conditions: Element, spEntityId: string): Rejection | undefined {
  const restrictions = childElements(conditions, NS_ASSERTION, 'AudienceRestriction');
  if (restrictions.length === 0) return new Rejection('audience', 'Assertion has no AudienceRestriction');
  for (const r of restrictions) {
    const audiences: string[] = [];
    for (const a of childElements(r, NS_ASSERTION, 'Audience')) {
      const audience = simpleText(a, 'Audience');
      if (audience instanceof Rejection) return audience;
      audiences.push(audience);
    }
    if (!audiences.includes(spEntityId))
      return new Rejection(
        'audience',
        `AudienceRestriction ${short(JSON.stringify(audiences), 120)} does not include this SP's entity ID ${expected(spEntityId)}`,
      );
  }
  return undefined;
}

function checkConditionKinds(conditions: Element): Rejection | undefined {
  for (const c of childElements(conditions)) {
    const known = c.namespaceURI === NS_ASSERTION && ['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction'].includes(c.localName ?? '');
    if (!known) return new Rejection('malformed', `Conditions contain an unsupported condition ${short(c.localName ?? '', 40)}`);
  }
  return undefined;
}

/** The request this answers: the confirmation's InResponseTo, else the Response's, which is believed only when the Response signature covers it. */
function readInResponseTo(responseView: Element, confirmed: Confirmation, responseSigned: boolean): string | null | Rejection {
  const responseInResponseTo = attr(responseView, 'InResponseTo');
  if (confirmed.inResponseTo !== null && responseInResponseTo !== null && confirmed.inResponseTo !== responseInResponseTo) {
    return new Rejection('malformed', 'Response@InResponseTo and SubjectConfirmationData@InResponseTo differ');
  }
  return confirmed.inResponseTo ?? (responseSigned ? responseInResponseTo : null);
}

/** Every AttributeStatement attribute by Name, its values as strings (xsi:nil values left out). */
function readAttributes(signedAssertion: Element): Record<string, string[]> | Rejection {
  const collected = new Map<string, string[]>();
  for (const statement of childElements(signedAssertion, NS_ASSERTION, 'AttributeStatement')) {
    for (const a of childElements(statement, NS_ASSERTION, 'Attribute')) {
      const name = attr(a, 'Name');
      if (!name) return new Rejection('malformed', 'Attribute without a Name');
      const values = collected.get(name) ?? [];
      for (const v of childElements(a, NS_ASSERTION, 'AttributeValue')) {
        if (v.getAttributeNS(NS_XSI, 'nil') === 'true') continue;
        values.push(v.textContent ?? '');
      }
      collected.set(name, values);
    }
  }
  return Object.fromEntries(collected);
}

function readSessionIndex(signedAssertion: Element): string | null {
  const authn = childElements(signedAssertion, NS_ASSERTION, 'AuthnStatement')[0];
  return authn ? attr(authn, 'SessionIndex') : null;
}

function readAuthnContextClassRef(signedAssertion: Element): string | null {
  const authn = childElements(signedAssertion, NS_ASSERTION, 'AuthnStatement')[0];
  const context = authn ? childElements(authn, NS_ASSERTION, 'AuthnContext')[0] : undefined;
  const ref = context ? childElements(context, NS_ASSERTION, 'AuthnContextClassRef')[0] : undefined;
  return ref ? (ref.textContent ?? '').trim().slice(0, 512) || null : null;
}

/**
 * Strict validation of the Single Logout messages an organization's IdP sends to our SLO endpoint
 * (`/saml/{org}/slo`): a `samlp:LogoutRequest` (IdP-initiated logout) or a `samlp:LogoutResponse`
 * (the answer to ours), over HTTP-Redirect (the query signature, SAML bindings §3.4.4.1) or
 * HTTP-POST (an enveloped XML signature, checked like a Response's: signature.ts). Unsigned messages
 * are refused: SAML profiles §4.4.3 requires the signature on both front-channel bindings.
 *
 * node-saml 5.1's logout helpers are not used: its validateRedirectAsync accepts a message without
 * Signature, inflates without a limit, finds the signed parameters by a regular expression over the
 * query (any parameter containing "SAMLRequest" matches), accepts any hash Node knows (SHA-1 too),
 * and checks neither Destination nor IssueInstant/NotOnOrAfter; its InResponseTo cache is in memory.
 * The checks, in order: docs/SAML.md, "Single Logout".
 */
import { verify } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { Element } from '@xmldom/xmldom';
import { parseXmlStrict, type NormalizedCertificate } from '../shared/xml.js';
import { Rejection, short, type SamlRejection } from './rejection.js';
import {
  allElements,
  attr,
  childElements,
  NS_ASSERTION,
  NS_DSIG,
  NS_PROTOCOL,
  onlyChild,
  parseInstant,
  parseSamlXml,
  refuseDtdOrNul,
  simpleText,
  strictText,
} from './saml-xml.js';
import { checkSignatureShape, refuseDuplicateIds, verifySignatures } from './signature.js';
import { readCertificates, refuseSha1 } from './validate-response.js';

/** Largest accepted SAMLRequest/SAMLResponse value (base64 characters). A logout message is 1-3 KB; this leaves room, no more. */
export const MAX_LOGOUT_MESSAGE_BASE64_LENGTH = 64 * 1024;
/** Largest inflated HTTP-Redirect message (bytes): deflate's ratio must not turn a small URL into a large document. */
const MAX_INFLATED_BYTES = 128 * 1024;
/** Largest accepted RelayState (SAML bindings §3.4.3: 80 bytes). */
const MAX_RELAY_STATE = 80;
/** How old (by IssueInstant, beyond the clock skew) a logout message may be: it travels through a browser right away. */
export const MAX_LOGOUT_MESSAGE_AGE_MS = 5 * 60 * 1000;
const MAX_SESSION_INDEXES = 20;

const QUERY_SIGNATURE_ALGORITHMS: Record<string, string> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const NAMEID_ELEMENTS = new Set(['BaseID', 'EncryptedID']);

export interface LogoutTrust {
  idpEntityId: string;
  /** PEM or bare base64; any may have signed. */
  idpCertificates: string[];
  /** Our SLO URL: the required Destination. */
  sloUrl: string;
  clockSkewMs: number;
  now?: Date;
}

export type LogoutMessage =
  | {
      kind: 'LogoutRequest';
      id: string;
      /** Until when the ID must be remembered (replay): NotOnOrAfter or IssueInstant plus the accepted age, the earlier. */
      rememberUntil: Date;
      nameId: string;
      sessionIndexes: string[];
      relayState: string | null;
    }
  | { kind: 'LogoutResponse'; id: string; inResponseTo: string; status: string; subStatus: string | null; relayState: string | null };

export type LogoutValidation = { ok: true; message: LogoutMessage } | { ok: false; reason: SamlRejection; detail: string };

/** The message of an HTTP-Redirect request, from the raw query string (as received: the signature covers its exact octets). */
export function validateRedirectLogout(rawQuery: string, trust: LogoutTrust): LogoutValidation {
  return settle(() => {
    const params = readQuery(rawQuery);
    if (params instanceof Rejection) return params;
    const certs = readCertificates(trust.idpCertificates);
    if (certs instanceof Rejection) return certs;
    const refusal = verifyQuerySignature(params, certs);
    if (refusal) return refusal;
    const xml = inflateMessage(params.message.value);
    if (xml instanceof Rejection) return xml;
    const doc = parseMessage(xml, params.message.name);
    if (doc instanceof Rejection) return doc;
    // the query signature covers the whole message; an XML signature in it is not allowed (bindings §3.4.4.1)
    if (doc.elements.some((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG))
      return new Rejection('wrapping', 'an HTTP-Redirect message carries an XML signature');
    const nameIdAsReceived = readNameIdText(doc.root);
    if (nameIdAsReceived instanceof Rejection) return nameIdAsReceived;
    return readMessage(doc.root, nameIdAsReceived, params.relayState?.value ?? null, trust);
  });
}

/** The message of an HTTP-POST form (SAMLRequest or SAMLResponse, RelayState), with its enveloped signature. */
export function validatePostLogout(form: URLSearchParams, trust: LogoutTrust): LogoutValidation {
  return settle(() => {
    const requests = form.getAll('SAMLRequest');
    const responses = form.getAll('SAMLResponse');
    const relayStates = form.getAll('RelayState');
    if (requests.length + responses.length !== 1) return new Rejection('malformed', 'the form must carry exactly one SAMLRequest or SAMLResponse');
    if (relayStates.length > 1) return new Rejection('malformed', 'more than one RelayState');
    const relayState = relayStates[0] || null;
    if (relayState !== null && relayState.length > MAX_RELAY_STATE) return new Rejection('malformed', 'RelayState is longer than 80 characters');
    const name = requests.length ? 'SAMLRequest' : 'SAMLResponse';
    const certs = readCertificates(trust.idpCertificates);
    if (certs instanceof Rejection) return certs;
    const xml = decodeBase64Message(requests[0] ?? responses[0] ?? '');
    if (xml instanceof Rejection) return xml;
    const doc = parseMessage(xml, name);
    if (doc instanceof Rejection) return doc;
    const refusal = refuseSha1(doc.elements) ?? refuseDuplicateIds(doc.elements);
    if (refusal) return refusal;
    const view = verifyEnvelopedSignature(xml, doc, certs);
    if (view instanceof Rejection) return view;
    // canonicalization drops comments: the NameID as received must be plain text, and the same
    const nameIdAsReceived = readNameIdText(doc.root);
    if (nameIdAsReceived instanceof Rejection) return nameIdAsReceived;
    return readMessage(view, nameIdAsReceived, relayState, trust);
  });
}

/** Never throws: anything unexpected is a rejection. */
function settle(run: () => LogoutMessage | Rejection): LogoutValidation {
  try {
    const r = run();
    return r instanceof Rejection ? { ok: false, reason: r.reason, detail: r.detail } : { ok: true, message: r };
  } catch (err) {
    const name = err instanceof Error ? err.name : typeof err;
    return { ok: false, reason: 'malformed', detail: `the logout message could not be processed (${short(name, 40)})` };
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP-Redirect: the query and its signature
// ---------------------------------------------------------------------------------------------

interface RawParam {
  name: string;
  /** As received (URL-encoded): the signed octets are built from these. */
  raw: string;
  /** Decoded as a form value. */
  value: string;
}

interface RedirectParams {
  message: RawParam;
  relayState: RawParam | null;
  sigAlg: RawParam | null;
  signature: RawParam | null;
}

const SIGNED_PARAMETERS = new Set(['SAMLRequest', 'SAMLResponse', 'RelayState', 'SigAlg', 'Signature']);

/** The SAML parameters of the raw query, each at most once, exactly one message. */
function readQuery(rawQuery: string): RedirectParams | Rejection {
  if (typeof rawQuery !== 'string' || rawQuery.length > 3 * MAX_LOGOUT_MESSAGE_BASE64_LENGTH)
    return new Rejection('malformed', 'the logout message is too large');
  const found = new Map<string, RawParam>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const parsed = new URLSearchParams(`${rawName}=${raw}`);
    const [[name, value] = ['', '']] = [...parsed.entries()];
    if (!SIGNED_PARAMETERS.has(name)) continue;
    if (found.has(name)) return new Rejection('malformed', `${name} occurs more than once in the query`);
    found.set(name, { name, raw, value });
  }
  const request = found.get('SAMLRequest');
  const response = found.get('SAMLResponse');
  if (!!request === !!response) return new Rejection('malformed', 'the query must carry exactly one SAMLRequest or SAMLResponse');
  const message = (request ?? response)!;
  if (message.value.length > MAX_LOGOUT_MESSAGE_BASE64_LENGTH) return new Rejection('malformed', 'the logout message is too large');
  const relayState = found.get('RelayState') ?? null;
  if (relayState && relayState.value.length > MAX_RELAY_STATE) return new Rejection('malformed', 'RelayState is longer than 80 characters');
  return { message, relayState, sigAlg: found.get('SigAlg') ?? null, signature: found.get('Signature') ?? null };
}

/**
 * The query signature (SAML bindings §3.4.4.1): RSA-SHA256 or RSA-SHA512 over
 * `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as received, with a configured IdP certificate.
 */
function verifyQuerySignature(p: RedirectParams, certs: NormalizedCertificate[]): Rejection | undefined {
  if (!p.signature || !p.sigAlg) return new Rejection('unsigned', 'the HTTP-Redirect message has no Signature and SigAlg');
  if (/sha1/i.test(p.sigAlg.value)) return new Rejection('sha1', `SigAlg uses SHA-1 (${short(p.sigAlg.value, 80)})`);
  const algorithm = QUERY_SIGNATURE_ALGORITHMS[p.sigAlg.value];
  if (!algorithm) return new Rejection('bad_signature', `SigAlg ${short(JSON.stringify(p.sigAlg.value), 100)} is not supported`);
  const b64 = p.signature.value.replace(/[\r\n\t ]+/g, '');
  if (!b64 || b64.length > 2048 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return new Rejection('bad_signature', 'Signature is not base64');
  const octets = Buffer.from(
    `${p.message.name}=${p.message.raw}` + (p.relayState ? `&RelayState=${p.relayState.raw}` : '') + `&SigAlg=${p.sigAlg.raw}`,
    'utf8',
  );
  const signature = Buffer.from(b64, 'base64');
  const verified = certs.some((c) => {
    try {
      return verify(algorithm, octets, c.pem, signature);
    } catch {
      return false;
    }
  });
  return verified ? undefined : new Rejection('bad_signature', 'the query signature does not verify with any configured IdP certificate');
}

/** The DEFLATE-encoded message (bindings §3.4.4.1), inflated within a limit, as UTF-8 text without DTD or NUL. */
function inflateMessage(base64: string): string | Rejection {
  const b64 = base64.replace(/[\r\n\t ]+/g, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return new Rejection('malformed', 'the logout message is not valid base64');
  let bytes: Buffer;
  try {
    bytes = inflateRawSync(Buffer.from(b64, 'base64'), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (err) {
    const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test((err as Error).message ?? '');
    return new Rejection(
      'malformed',
      tooLarge ? `the inflated logout message is larger than ${MAX_INFLATED_BYTES} bytes` : 'the logout message is not DEFLATE data',
    );
  }
  return utf8(bytes);
}

function decodeBase64Message(base64: string): string | Rejection {
  if (base64.length > MAX_LOGOUT_MESSAGE_BASE64_LENGTH) return new Rejection('malformed', 'the logout message is too large');
  const b64 = base64.replace(/[\r\n\t ]+/g, '');
  if (!b64 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return new Rejection('malformed', 'the logout message is not valid base64');
  return utf8(Buffer.from(b64, 'base64'));
}

function utf8(bytes: Buffer): string | Rejection {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new Rejection('malformed', 'the logout message is not UTF-8 text');
  }
  return refuseDtdOrNul(xml, 'the logout message') ?? xml.replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

interface MessageDocument {
  root: Element;
  elements: Element[];
}

/** Parsed strictly (XML limits); the root the protocol element the parameter names: SAMLRequest a LogoutRequest, SAMLResponse a LogoutResponse. */
function parseMessage(xml: string, parameter: string): MessageDocument | Rejection {
  const doc = parseSamlXml(xml, 'the logout message');
  if (doc instanceof Rejection) return doc;
  const root = doc.documentElement!;
  const expected = parameter === 'SAMLRequest' ? 'LogoutRequest' : 'LogoutResponse';
  if (root.namespaceURI !== NS_PROTOCOL || root.localName !== expected)
    return new Rejection('malformed', `the ${parameter} is not a SAML 2.0 protocol ${expected}`);
  const elements = allElements(root);
  if (elements instanceof Rejection) return elements;
  return { root, elements };
}

/** SHA-1 signature and digest methods are refused anywhere in the document. */

/**
 * The one enveloped signature, directly in the root, of the accepted shape, verified with the
 * configured certificates (SignedInfo first, then xml-crypto's full check: signature.ts); returns
 * the signed view, the canonical XML the signature covers, re-parsed: values are read from it.
 */
function verifyEnvelopedSignature(xml: string, doc: MessageDocument, certs: NormalizedCertificate[]): Element | Rejection {
  const signatures = doc.elements.filter((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG);
  if (signatures.length === 0) return new Rejection('unsigned', `the ${doc.root.localName} is not signed`);
  if (signatures.length > 1 || signatures[0]!.parentNode !== doc.root)
    return new Rejection('wrapping', `a Signature is placed somewhere other than directly in the ${doc.root.localName}, or twice`);
  const sig = { element: signatures[0]!, parent: doc.root };
  const shape = checkSignatureShape(sig.element, doc.root, doc.root.localName!);
  if (shape) return shape;
  const covered = verifySignatures(xml, doc.elements, certs, { response: sig, assertion: null });
  if (covered instanceof Rejection) return covered;
  if (covered.response === null) return new Rejection('unsigned', 'no signature covered the message');
  let view: Element;
  try {
    view = parseXmlStrict(covered.response).documentElement!;
  } catch {
    return new Rejection('bad_signature', 'signed content could not be re-parsed');
  }
  const id = attr(doc.root, 'ID');
  if (view.namespaceURI !== NS_PROTOCOL || view.localName !== doc.root.localName || !id || attr(view, 'ID') !== id)
    return new Rejection('wrapping', `the verified signature does not cover the ${doc.root.localName} the values would be read from`);
  const inner = allElements(view);
  if (inner instanceof Rejection) return inner;
  if (
    inner.some((el) => el !== view && (el.namespaceURI === NS_PROTOCOL || el.localName === 'Assertion') && el.localName !== 'SessionIndex' && !isStatusPart(el))
  )
    return new Rejection('wrapping', `the signed ${view.localName} holds another protocol message or an assertion`);
  return view;
}

const isStatusPart = (el: Element): boolean => ['Status', 'StatusCode', 'StatusMessage', 'StatusDetail'].includes(el.localName ?? '');

// ---------------------------------------------------------------------------------------------
// The values
// ---------------------------------------------------------------------------------------------

/** The message's fields, checked: version and ID, Issuer, Destination, IssueInstant; then a request's or a response's own. */
function readMessage(el: Element, nameIdAsReceived: string | null, relayState: string | null, trust: LogoutTrust): LogoutMessage | Rejection {
  const skew = Number.isFinite(trust.clockSkewMs) && trust.clockSkewMs >= 0 ? trust.clockSkewMs : 0;
  const nowMs = (trust.now ?? new Date()).getTime();
  if (attr(el, 'Version') !== '2.0') return new Rejection('malformed', `${el.localName} Version is not 2.0`);
  const id = attr(el, 'ID');
  if (!id || id.length > 256) return new Rejection('malformed', `${el.localName} has no ID (or one over 256 characters)`);
  const refusal = checkIssuer(el, trust.idpEntityId) ?? checkDestination(el, trust.sloUrl);
  if (refusal) return refusal;
  const issued = checkIssueInstant(el, nowMs, skew);
  if (issued instanceof Rejection) return issued;
  if (el.localName === 'LogoutRequest') return readRequest(el, id, issued, nameIdAsReceived, relayState, nowMs, skew);
  return readResponse(el, id, relayState);
}

function checkIssuer(el: Element, idpEntityId: string): Rejection | undefined {
  const issuerEl = onlyChild(el, NS_ASSERTION, 'Issuer', `${el.localName} Issuer`, 'issuer');
  if (issuerEl instanceof Rejection) return issuerEl;
  if (!issuerEl) return new Rejection('issuer', `${el.localName} has no Issuer`);
  const v = simpleText(issuerEl, `${el.localName} Issuer`);
  if (v instanceof Rejection) return v;
  if (v !== idpEntityId) return new Rejection('issuer', `${el.localName} Issuer ${short(JSON.stringify(v), 100)} is not the configured IdP`);
  return undefined;
}

/** Required: a signed message without a Destination could be replayed at another SP that trusts the same IdP. */
function checkDestination(el: Element, sloUrl: string): Rejection | undefined {
  const destination = attr(el, 'Destination');
  if (destination === null) return new Rejection('destination', `${el.localName} has no Destination`);
  if (destination !== sloUrl) return new Rejection('destination', `${el.localName} Destination ${short(JSON.stringify(destination), 120)} is not this SLO URL`);
  return undefined;
}

/** IssueInstant: not in the future (beyond the skew), not older than MAX_LOGOUT_MESSAGE_AGE_MS (beyond the skew). */
function checkIssueInstant(el: Element, nowMs: number, skew: number): Date | Rejection {
  const v = attr(el, 'IssueInstant');
  if (v === null) return new Rejection('malformed', `${el.localName} has no IssueInstant`);
  const issued = parseInstant(v, `${el.localName}@IssueInstant`);
  if (issued instanceof Rejection) return issued;
  if (issued.getTime() > nowMs + skew) return new Rejection('not_yet_valid', `${el.localName} is issued in the future (${issued.toISOString()})`);
  if (issued.getTime() + MAX_LOGOUT_MESSAGE_AGE_MS <= nowMs - skew)
    return new Rejection('expired', `${el.localName} was issued at ${issued.toISOString()}, too long ago`);
  return issued;
}

function readRequest(
  el: Element,
  id: string,
  issued: Date,
  nameIdAsReceived: string | null,
  relayState: string | null,
  nowMs: number,
  skew: number,
): LogoutMessage | Rejection {
  const notOnOrAfterText = attr(el, 'NotOnOrAfter');
  const notOnOrAfter = notOnOrAfterText === null ? null : parseInstant(notOnOrAfterText, 'LogoutRequest@NotOnOrAfter');
  if (notOnOrAfter instanceof Rejection) return notOnOrAfter;
  if (notOnOrAfter && nowMs - skew >= notOnOrAfter.getTime()) return new Rejection('expired', `LogoutRequest expired at ${notOnOrAfter.toISOString()}`);
  const nameId = readNameId(el, nameIdAsReceived);
  if (nameId instanceof Rejection) return nameId;
  const sessionIndexes: string[] = [];
  const indexEls = childElements(el, NS_PROTOCOL, 'SessionIndex');
  if (indexEls.length > MAX_SESSION_INDEXES) return new Rejection('malformed', `more than ${MAX_SESSION_INDEXES} SessionIndex elements`);
  for (const s of indexEls) {
    const v = simpleText(s, 'SessionIndex');
    if (v instanceof Rejection) return v;
    if (!v || v.length > 256) return new Rejection('malformed', 'a SessionIndex is empty or over 256 characters');
    sessionIndexes.push(v);
  }
  const byAge = issued.getTime() + MAX_LOGOUT_MESSAGE_AGE_MS;
  const rememberUntil = new Date(notOnOrAfter ? Math.min(notOnOrAfter.getTime(), byAge) : byAge);
  return { kind: 'LogoutRequest', id, rememberUntil, nameId, sessionIndexes, relayState };
}

/** The text of the one NameID of a LogoutRequest, as received; null for a response. Anything but plain text is refused (comment truncation). */
function readNameIdText(root: Element): string | null | Rejection {
  if (root.localName !== 'LogoutRequest') return null;
  const ids = childElements(root, NS_ASSERTION, 'NameID');
  if (ids.length !== 1) return new Rejection('nameid', ids.length === 0 ? 'LogoutRequest has no NameID' : 'LogoutRequest has more than one NameID');
  const text = strictText(ids[0]!);
  if (text === null) return new Rejection('nameid', 'NameID contains a comment, CDATA section or child node (NameID truncation attack)');
  return text;
}

/** The NameID of the (signed) request: plain, not empty, at most 1024 characters, equal to the one received; an EncryptedID or BaseID is refused. */
function readNameId(el: Element, asReceived: string | null): string | Rejection {
  if (childElements(el, NS_ASSERTION).some((c) => NAMEID_ELEMENTS.has(c.localName ?? '')))
    return new Rejection('encrypted_unsupported', 'an EncryptedID or BaseID instead of a NameID is not supported');
  const ids = childElements(el, NS_ASSERTION, 'NameID');
  if (ids.length !== 1) return new Rejection('nameid', 'LogoutRequest must have exactly one NameID');
  const text = strictText(ids[0]!);
  if (text === null) return new Rejection('nameid', 'NameID contains a comment or child node');
  const nameId = text.trim();
  if (!nameId || nameId.length > 1024) return new Rejection('nameid', 'NameID is empty or over 1024 characters');
  if (asReceived === null || asReceived.trim() !== nameId) return new Rejection('wrapping', 'NameID in the document differs from the signed NameID');
  return nameId;
}

function readResponse(el: Element, id: string, relayState: string | null): LogoutMessage | Rejection {
  const inResponseTo = attr(el, 'InResponseTo');
  if (!inResponseTo || inResponseTo.length > 256) return new Rejection('malformed', 'LogoutResponse has no InResponseTo (or one over 256 characters)');
  const status = onlyChild(el, NS_PROTOCOL, 'Status', 'Status');
  if (status instanceof Rejection) return status;
  if (!status) return new Rejection('status', 'LogoutResponse has no Status');
  const code = onlyChild(status, NS_PROTOCOL, 'StatusCode', 'StatusCode');
  if (code instanceof Rejection) return code;
  const value = code ? attr(code, 'Value') : null;
  if (!value) return new Rejection('status', 'LogoutResponse has no StatusCode');
  const sub = code ? childElements(code, NS_PROTOCOL, 'StatusCode')[0] : undefined;
  return { kind: 'LogoutResponse', id, inResponseTo, status: value, subStatus: sub ? attr(sub, 'Value') : null, relayState };
}

export const isSuccess = (status: string): boolean => status === STATUS_SUCCESS;

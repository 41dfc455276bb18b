/**
 * The signatures of a SAML response: where they may be and what shape they must have, their
 * verification with the configured IdP certificates only (SignedInfo first, then xml-crypto's full
 * check), and the signed view values are read from. Why it is done this way: docs/SAML.md,
 * "Signatures are checked by SignedInfo first" and "How a response is validated".
 */
import type { Element } from '@xmldom/xmldom';
import { findAncestorNs, SignedXml } from 'xml-crypto';
import { certificateFingerprint } from '../shared/digest.js';
import { parseXmlStrict, type NormalizedCertificate } from '../shared/xml.js';
import { Rejection, short } from './rejection.js';
import { allElements, attr, CDATA_SECTION_NODE, childElements, firstInSubtree, NS_ASSERTION, NS_DSIG, nodesOver, TEXT_NODE } from './saml-xml.js';

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

export interface SignatureInfo {
  element: Element;
  /** Element the signature is enveloped in (Response or Assertion); its ID is the only allowed Reference. */
  parent: Element;
}

// ---------------------------------------------------------------------------------------------
// Placement and shape
// ---------------------------------------------------------------------------------------------

/**
 * The signatures of a plaintext response (or the working copy of an encrypted one): at most one
 * directly in the Response and one directly in the Assertion, none elsewhere; each of the accepted shape.
 */
export function locateSignatures(
  elements: Element[],
  response: Element,
  assertion: Element,
): { responseSig: SignatureInfo | null; assertionSig: SignatureInfo | null } | Rejection {
  let responseSig: SignatureInfo | null = null;
  let assertionSig: SignatureInfo | null = null;
  for (const s of elements.filter((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG)) {
    const parent = s.parentNode;
    if (parent === response && !responseSig) responseSig = { element: s, parent: response };
    else if (parent === assertion && !assertionSig) assertionSig = { element: s, parent: assertion };
    else return new Rejection('wrapping', 'a Signature is placed somewhere other than directly in the Response or the Assertion, or twice');
  }
  const shape =
    (responseSig ? checkSignatureShape(responseSig.element, response, 'Response') : undefined) ??
    (assertionSig ? checkSignatureShape(assertionSig.element, assertion, 'Assertion') : undefined);
  return shape ?? { responseSig, assertionSig };
}

/**
 * No ID value twice in the document (ID, Id, id, AssertionID, in any namespace): a Reference must
 * name one element, the one whose signature and shape were checked.
 */
export function refuseDuplicateIds(elements: Element[]): Rejection | undefined {
  const seenIds = new Set<string>();
  for (const el of elements) {
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      const local = a.localName ?? a.name;
      if (local === 'ID' || local === 'Id' || local === 'id' || local === 'AssertionID') {
        if (seenIds.has(a.value)) return new Rejection('wrapping', 'an ID value occurs more than once in the document');
        seenIds.add(a.value);
      }
    }
  }
  return undefined;
}

/** Placement and shape of a ds:Signature: one SignedInfo with allowed algorithms, one Reference to its parent, enveloped, in XML Signature's order. */
export function checkSignatureShape(sig: Element, parent: Element, what: string): Rejection | undefined {
  const signedInfo = childElements(sig, NS_DSIG, 'SignedInfo');
  if (signedInfo.length !== 1) return new Rejection('wrapping', `${what} signature must have exactly one SignedInfo`);
  const si = signedInfo[0]!;
  return checkSignedInfoMethods(si, what) ?? checkReference(si, parent, what) ?? checkSignedInfoOrder(sig, si, what);
}

function checkSignedInfoMethods(si: Element, what: string): Rejection | undefined {
  const c14n = childElements(si, NS_DSIG, 'CanonicalizationMethod');
  if (c14n.length !== 1 || !ALLOWED_C14N.has(attr(c14n[0]!, 'Algorithm') ?? '')) {
    return new Rejection('bad_signature', `${what} signature uses an unsupported canonicalization method`);
  }
  const methods = childElements(si, NS_DSIG, 'SignatureMethod');
  if (methods.length !== 1 || !ALLOWED_SIGNATURE_METHODS.has(attr(methods[0]!, 'Algorithm') ?? '')) {
    return new Rejection('bad_signature', `${what} signature uses an unsupported signature algorithm`);
  }
  return undefined;
}

/** One Reference, to the ID of the element the signature is enveloped in, an allowed digest, the enveloped-signature transform (plus canonicalization). */
function checkReference(si: Element, parent: Element, what: string): Rejection | undefined {
  const refs = childElements(si, NS_DSIG, 'Reference');
  if (refs.length !== 1) return new Rejection('wrapping', `${what} signature must have exactly one Reference`);
  const ref = refs[0]!;
  const parentId = attr(parent, 'ID');
  if (!parentId || attr(ref, 'URI') !== `#${parentId}`) {
    return new Rejection('wrapping', `${what} signature does not reference the element it is enveloped in`);
  }
  const digests = childElements(ref, NS_DSIG, 'DigestMethod');
  if (digests.length !== 1 || !ALLOWED_DIGEST_METHODS.has(attr(digests[0]!, 'Algorithm') ?? '')) {
    return new Rejection('bad_signature', `${what} signature uses an unsupported digest algorithm`);
  }
  const transformsEls = childElements(ref, NS_DSIG, 'Transforms');
  if (transformsEls.length !== 1) return new Rejection('bad_signature', `${what} signature must be an enveloped signature`);
  const transforms = childElements(transformsEls[0]!, NS_DSIG, 'Transform').map((t) => attr(t, 'Algorithm') ?? '');
  const ok = transforms.length >= 1 && transforms.length <= 2 && transforms[0] === ENVELOPED && (transforms.length === 1 || ALLOWED_C14N.has(transforms[1]!));
  if (!ok) return new Rejection('bad_signature', `${what} signature must use the enveloped-signature transform plus canonicalization only`);
  return undefined;
}

/**
 * XML Signature's order (SignedInfo, SignatureValue, ...; CanonicalizationMethod, SignatureMethod,
 * Reference) and a small SignedInfo: what the early SignedInfo check reads is found in bounded work.
 */
function checkSignedInfoOrder(sig: Element, si: Element, what: string): Rejection | undefined {
  const kids = childElements(sig);
  if (kids[0] !== si || kids[1]?.namespaceURI !== NS_DSIG || kids[1].localName !== 'SignatureValue') {
    return new Rejection('bad_signature', `${what} signature does not begin with SignedInfo and SignatureValue`);
  }
  const parts = childElements(si);
  const [c14n] = childElements(si, NS_DSIG, 'CanonicalizationMethod');
  const [method] = childElements(si, NS_DSIG, 'SignatureMethod');
  const [ref] = childElements(si, NS_DSIG, 'Reference');
  if (parts.length !== 3 || parts[0] !== c14n || parts[1] !== method || parts[2] !== ref) {
    return new Rejection(
      'bad_signature',
      `${what} signature's SignedInfo holds other than CanonicalizationMethod, SignatureMethod and Reference, in this order`,
    );
  }
  if (nodesOver(si, MAX_SIGNED_INFO_NODES))
    return new Rejection('bad_signature', `${what} signature's SignedInfo has more than ${MAX_SIGNED_INFO_NODES} nodes`);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/**
 * Verifies the signatures given with the configured certificates: the SignatureValue over
 * SignedInfo of each first (Response, then Assertion), so that a forged one is refused before any
 * full check runs (issue #15 §2), then xml-crypto's full check of each in the same order. Returns
 * the canonical XML each signature covers (null for a signature not given).
 */
export function verifySignatures(
  xml: string,
  elements: Element[],
  certs: NormalizedCertificate[],
  signatures: { response: SignatureInfo | null; assertion: SignatureInfo | null },
): { response: string | null; assertion: string | null } | Rejection {
  const documentSignedInfo = firstSignedInfo(elements);
  const { response: responseSig, assertion: assertionSig } = signatures;
  const responseCerts = responseSig ? certificatesVerifyingSignedInfo(responseSig, certs, documentSignedInfo, 'Response') : null;
  if (responseCerts instanceof Rejection) return responseCerts;
  const assertionCerts = assertionSig ? certificatesVerifyingSignedInfo(assertionSig, certs, documentSignedInfo, 'Assertion') : null;
  if (assertionCerts instanceof Rejection) return assertionCerts;
  const response = responseSig && responseCerts ? verifySignature(responseSig, xml, certs, 'Response', responseCerts) : null;
  if (response instanceof Rejection) return response;
  const assertion = assertionSig && assertionCerts ? verifySignature(assertionSig, xml, certs, 'Assertion', assertionCerts) : null;
  if (assertion instanceof Rejection) return assertion;
  return { response, assertion };
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
function certificatesVerifyingSignedInfo(
  sig: SignatureInfo,
  certs: NormalizedCertificate[],
  documentSignedInfo: Element | null,
  what: string,
): NormalizedCertificate[] | Rejection {
  const signedInfos = childElements(sig.element).filter((el) => el.localName === 'SignedInfo');
  const c14nMethod = firstInSubtree(sig.element, (el) => el.localName === 'CanonicalizationMethod' && el.hasAttribute('Algorithm'));
  const signatureMethod = firstInSubtree(sig.element, (el) => el.localName === 'SignatureMethod' && el.hasAttribute('Algorithm'));
  const c14n = c14nMethod?.getAttribute('Algorithm') ?? '';
  const algorithm = signatureMethod?.getAttribute('Algorithm') ?? '';
  if (signedInfos.length !== 1) return refuseSignature(sig, certs, what, 'not exactly one SignedInfo');
  if (!ALLOWED_C14N.has(c14n)) return refuseSignature(sig, certs, what, 'unsupported canonicalization method');
  if (!ALLOWED_SIGNATURE_METHODS.has(algorithm)) return refuseSignature(sig, certs, what, 'unsupported signature algorithm');
  const signatureValue = firstSignatureValue(sig.element);
  const signedXml = new SignedXml({ getCertFromKeyInfo: () => null });
  let canonical: string;
  try {
    const ancestorNamespaces = documentSignedInfo ? findAncestorNs(documentSignedInfo as unknown as Parameters<typeof findAncestorNs>[0], '.') : [];
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
  if (verifying.length === 0) return refuseSignature(sig, certs, what, 'signature value incorrect');
  return verifying;
}

/** The first text of the Signature's first SignatureValue, as xml-crypto's loadSignature reads it (line breaks removed; a CDATA section reads as nothing). */
function firstSignatureValue(sig: Element): string {
  let signatureValue = '';
  firstInSubtree(sig, (el) => {
    if (el.localName !== 'SignatureValue') return false;
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        signatureValue = n.nodeType === TEXT_NODE ? (n.nodeValue ?? '').replace(/\r?\n/g, '') : '';
        return true;
      }
    }
    return false;
  });
  return signatureValue;
}

/**
 * Verifies one enveloped signature with xml-crypto's full check (references, digests, and SignedInfo
 * again) with each certificate under which its SignedInfo verified (`signedInfoCerts`; with any
 * other, the full check would fail at its last step). KeyInfo is ignored: `getCertFromKeyInfo`
 * returns null. Returns the canonical XML the signature covers.
 */
function verifySignature(
  sig: SignatureInfo,
  xml: string,
  certs: NormalizedCertificate[],
  what: string,
  signedInfoCerts: NormalizedCertificate[],
): string | Rejection {
  let lastError = '';
  for (const cert of signedInfoCerts) {
    const outcome = fullCheck(sig, xml, cert, what);
    if (outcome instanceof Rejection) return outcome;
    if ('covered' in outcome) return outcome.covered;
    lastError = outcome.failed;
  }
  return refuseSignature(sig, certs, what, lastError.startsWith('invalid signature: the signature value') ? 'signature value incorrect' : lastError);
}

/** xml-crypto's full check of one signature with one certificate: what it covers, or why it failed. */
function fullCheck(sig: SignatureInfo, xml: string, cert: NormalizedCertificate, what: string): { covered: string } | { failed: string } | Rejection {
  const signed = new SignedXml({ publicCert: cert.pem, getCertFromKeyInfo: () => null });
  try {
    // xml-crypto ships its own xmldom; its loader only walks standard DOM properties.
    signed.loadSignature(sig.element as unknown as Parameters<SignedXml['loadSignature']>[0]);
    if (signed.getReferences().length !== 1) return new Rejection('wrapping', `${what} signature must have exactly one Reference`);
    if (!signed.checkSignature(xml)) return { failed: 'digest mismatch' };
    const refs = signed.getSignedReferences();
    if (refs.length === 1 && typeof refs[0] === 'string') return { covered: refs[0] };
    return { failed: 'unexpected number of signed references' };
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

/** Refuses a signature that does not verify with any configured certificate: untrusted_key when KeyInfo names only others, else bad_signature. */
function refuseSignature(sig: SignatureInfo, certs: NormalizedCertificate[], what: string, why: string): Rejection {
  const trusted = new Set(certs.map((c) => c.base64));
  const embedded = keyInfoCertificates(sig.element);
  if (embedded.length > 0 && !embedded.some((c) => trusted.has(c))) {
    return new Rejection(
      'untrusted_key',
      `${what} is signed with a certificate that is not one of the configured IdP certificates ` +
        `(it names SHA-256 ${embedded.slice(0, 2).map(sha256Fingerprint).join(', ')}; configured: ${certs
          .slice(0, 3)
          .map((c) => sha256Fingerprint(c.base64))
          .join(', ')}${certs.length > 3 ? ` and ${certs.length - 3} more` : ''})`,
    );
  }
  return new Rejection('bad_signature', `${what} signature does not verify with any configured IdP certificate (${short(why, 80)})`);
}

/**
 * The start of a certificate's SHA-256 fingerprint as samlConnection shows it (`fingerprintSha256`),
 * enough for an admin to tell certificates apart and short enough for a log detail.
 */
function sha256Fingerprint(base64Der: string): string {
  return `${certificateFingerprint(base64Der).split(':').slice(0, 8).join(':')}…`;
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

// ---------------------------------------------------------------------------------------------
// The signed view
// ---------------------------------------------------------------------------------------------

/**
 * The canonical XML a verified signature covers, parsed: the element values are read from. It must
 * be the element the signature is enveloped in (`localName` in `ns`, with `expectedId`) and have the
 * shape of the document (guards against parser differentials between our xmldom and the copy
 * xml-crypto parses with). `encrypted`: a signed Response carrying an EncryptedAssertion.
 */
export function parseSignedView(signedXml: string, ns: string, localName: string, expectedId: string, encrypted = false): Element | Rejection {
  let root: Element;
  try {
    root = parseXmlStrict(signedXml).documentElement!;
  } catch {
    return new Rejection('bad_signature', 'signed content could not be re-parsed');
  }
  if (root.namespaceURI !== ns || root.localName !== localName || attr(root, 'ID') !== expectedId) {
    return new Rejection('wrapping', `the verified signature does not cover the ${localName} the values would be read from`);
  }
  const shape = encrypted ? checkSignedEncryptedShape(root) : checkSignedShape(root, localName);
  return shape ?? root;
}

/** A signed Response carrying one EncryptedAssertion (and its xenc parts), directly under it, and no other SAML element. */
function checkSignedEncryptedShape(root: Element): Rejection | undefined {
  const enc = childElements(root, NS_ASSERTION, 'EncryptedAssertion');
  const elements = allElements(root);
  if (elements instanceof Rejection) return elements;
  const saml = elements.filter((el) => ['Assertion', 'Response', 'EncryptedAssertion', 'EncryptedID', 'EncryptedAttribute'].includes(el.localName ?? ''));
  if (enc.length !== 1 || saml.length !== 2 || saml[0] !== root || saml[1] !== enc[0]) {
    return new Rejection('wrapping', 'the signed Response does not have the shape of the document');
  }
  return undefined;
}

/** A signed Assertion holds no other Assertion or Response; a signed Response only its one Assertion, directly under it. */
function checkSignedShape(root: Element, localName: string): Rejection | undefined {
  const elements = allElements(root);
  if (elements instanceof Rejection) return elements;
  const inner = elements.filter((el) => el.localName === 'Assertion' || el.localName === 'Response' || (el.localName ?? '').startsWith('Encrypted'));
  const expected = localName === 'Assertion' ? [root] : [root, ...childElements(root, NS_ASSERTION, 'Assertion')];
  if (inner.length !== expected.length || inner.length > 2 || !inner.every((el, i) => el === expected[i])) {
    return new Rejection('wrapping', `the signed ${localName} does not have the shape of the document`);
  }
  return undefined;
}

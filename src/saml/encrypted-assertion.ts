/**
 * An EncryptedAssertion: the checks of the document as received, the Response signature verified
 * before anything is decrypted, the decryption by the caller (the SP key stays in the core), and the
 * working copy with the plaintext Assertion in its place, on which validation then goes on. Why:
 * docs/SAML.md, "Encrypted assertions" and "How a response is validated".
 */
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { parseXmlStrict, XmlLimitExceeded, type NormalizedCertificate } from '../shared/xml.js';
import { Rejection, short, type SamlRejection } from './rejection.js';
import { allElements, attr, childElements, NS_ASSERTION, NS_DSIG, NS_PROTOCOL, parseSamlXml, refuseDtdOrNul } from './saml-xml.js';
import { checkSignatureShape, parseSignedView, refuseDuplicateIds, verifySignatures, type SignatureInfo } from './signature.js';

/**
 * Decrypts a `saml:EncryptedAssertion` (given as XML) to the Assertion XML. Refusals are thrown as
 * SamlDecryptionRefused; anything else thrown ends validation as an unexpected failure.
 */
export type DecryptAssertion = (encryptedAssertionXml: string) => Promise<string>;

/** What a `DecryptAssertion` throws to refuse an EncryptedAssertion, with the reason to report. */
export class SamlDecryptionRefused extends Error {
  constructor(
    readonly reason: Extract<SamlRejection, 'weak_encryption' | 'decryption_failed' | 'encrypted_unsupported' | 'malformed' | 'sp_key_retired'>,
    detail: string,
  ) {
    super(detail);
    this.name = 'SamlDecryptionRefused';
  }
}

/** Largest decrypted assertion accepted (characters). */
const MAX_DECRYPTED_LENGTH = 1_000_000;

export interface Decryption {
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
export async function decryptAndSplice(
  xml: string,
  response: Element,
  elements: Element[],
  trust: { decryptAssertion?: DecryptAssertion; wantResponseSigned: boolean },
  certs: NormalizedCertificate[],
): Promise<Decryption | Rejection> {
  const decrypt = trust.decryptAssertion;
  if (typeof decrypt !== 'function')
    return new Rejection('encrypted_unsupported', 'the assertion is encrypted, but no SP key pair is configured to decrypt it');
  const encrypted = placeEncryptedAssertion(response, elements);
  if (encrypted instanceof Rejection) return encrypted;
  const duplicateIds = refuseDuplicateIds(elements);
  if (duplicateIds) return duplicateIds;
  const responseSig = locateResponseSignature(response, elements, trust.wantResponseSigned);
  if (responseSig instanceof Rejection) return responseSig;
  // The Response signature covers the ciphertext: verified first, so that nothing is decrypted for a
  // tampered response, and the ciphertext decrypted is the one the signature covers.
  const signed = responseSig ? verifyBeforeDecryption(xml, response, elements, certs, responseSig) : { signedResponse: null, ciphertext: encrypted };
  if (signed instanceof Rejection) return signed;
  const plaintext = await decryptOnce(decrypt, signed.ciphertext);
  if (plaintext instanceof Rejection) return plaintext;
  const assertion = readDecryptedAssertion(plaintext);
  if (assertion instanceof Rejection) return assertion;
  const working = spliceIntoResponse(xml, assertion);
  if (working instanceof Rejection) return working;
  return { ...working, signedResponse: signed.signedResponse };
}

/** Exactly one Response, and in it exactly one EncryptedAssertion (and no Assertion), a SAML 2.0 element directly under it. */
function placeEncryptedAssertion(response: Element, elements: Element[]): Element | Rejection {
  if (elements.filter((el) => el.localName === 'Response').length !== 1)
    return new Rejection('wrapping', 'a second Response element is embedded in the document');
  const candidates = elements.filter((el) => el.localName === 'EncryptedAssertion' || el.localName === 'Assertion');
  if (candidates.length > 1) {
    const allTopLevel = candidates.every((a) => a.parentNode === response && a.namespaceURI === NS_ASSERTION);
    if (allTopLevel)
      return new Rejection('multiple_assertions', `Response contains ${candidates.length} assertions (encrypted or not); exactly one is accepted`);
    return new Rejection('wrapping', 'an Assertion or EncryptedAssertion is nested somewhere other than directly under Response');
  }
  const encrypted = candidates[0]!;
  if (encrypted.namespaceURI !== NS_ASSERTION || encrypted.parentNode !== response) {
    return new Rejection('wrapping', 'the EncryptedAssertion is not a SAML 2.0 element directly under Response');
  }
  return encrypted;
}

/** The one signature the received document may carry, directly in the Response, of the accepted shape; required with `wantResponseSigned`. */
function locateResponseSignature(response: Element, elements: Element[], wantResponseSigned: boolean): SignatureInfo | null | Rejection {
  const signatures = elements.filter((el) => el.localName === 'Signature' && el.namespaceURI === NS_DSIG);
  if (signatures.length > 1 || signatures.some((s) => s.parentNode !== response)) {
    return new Rejection(
      'wrapping',
      'a Signature is placed somewhere other than directly in the Response (an assertion signature belongs inside the encrypted assertion)',
    );
  }
  const responseSig: SignatureInfo | null = signatures[0] ? { element: signatures[0], parent: response } : null;
  const shape = responseSig ? checkSignatureShape(responseSig.element, response, 'Response') : undefined;
  if (shape) return shape;
  if (wantResponseSigned && !responseSig) return new Rejection('unsigned', 'the Response is not signed');
  return responseSig;
}

/** Verifies the Response signature on the document as received; the EncryptedAssertion to decrypt is then the one in the signed bytes. */
function verifyBeforeDecryption(
  xml: string,
  response: Element,
  elements: Element[],
  certs: NormalizedCertificate[],
  responseSig: SignatureInfo,
): { signedResponse: Element; ciphertext: Element } | Rejection {
  const responseId = attr(response, 'ID');
  if (!responseId) return new Rejection('malformed', 'Response has no ID');
  const covered = verifySignatures(xml, elements, certs, { response: responseSig, assertion: null });
  if (covered instanceof Rejection) return covered;
  const signedResponse = parseSignedView(covered.response!, NS_PROTOCOL, 'Response', responseId, true);
  if (signedResponse instanceof Rejection) return signedResponse;
  return { signedResponse, ciphertext: childElements(signedResponse, NS_ASSERTION, 'EncryptedAssertion')[0]! };
}

/** The caller's decryption of the EncryptedAssertion: its refusals become rejections; anything else it throws propagates (an unexpected failure). */
async function decryptOnce(decrypt: DecryptAssertion, ciphertext: Element): Promise<string | Rejection> {
  let plaintext: unknown;
  try {
    plaintext = await decrypt(new XMLSerializer().serializeToString(ciphertext));
  } catch (err) {
    if (err instanceof SamlDecryptionRefused) return new Rejection(err.reason, short(err.message, 240));
    throw err;
  }
  if (typeof plaintext !== 'string' || !plaintext) return new Rejection('decryption_failed', 'the EncryptedAssertion decrypted to nothing');
  return plaintext;
}

/** The plaintext as one SAML 2.0 Assertion: bounded in size, no DTD or NUL, well-formed within the XML limits. */
function readDecryptedAssertion(plaintext: string): Element | Rejection {
  if (plaintext.length > MAX_DECRYPTED_LENGTH) return new Rejection('malformed', 'the decrypted assertion is too large');
  const unsafe = refuseDtdOrNul(plaintext, 'the decrypted assertion');
  if (unsafe) return unsafe;
  const doc = parseSamlXml(plaintext.replace(/\r\n?/g, '\n'), 'the decrypted assertion');
  if (doc instanceof Rejection) return doc;
  const decrypted = doc.documentElement!;
  if (decrypted.namespaceURI !== NS_ASSERTION || decrypted.localName !== 'Assertion') {
    const looksLikeOne = decrypted.localName === 'Assertion' || decrypted.localName === 'Response';
    return new Rejection(
      looksLikeOne ? 'wrapping' : 'malformed',
      `the EncryptedAssertion decrypts to ${short(decrypted.localName ?? '', 40)}, not a SAML 2.0 Assertion`,
    );
  }
  return decrypted;
}

/**
 * The working copy: the received Response with `decrypted` in place of its EncryptedAssertion,
 * re-parsed from its text so that the DOM checked and the text that xml-crypto and node-saml parse
 * are the same document.
 */
function spliceIntoResponse(xml: string, decrypted: Element): Omit<Decryption, 'signedResponse'> | Rejection {
  const work = parseXmlStrict(xml);
  const root = work.documentElement!;
  root.replaceChild(work.importNode(decrypted, true), childElements(root, NS_ASSERTION, 'EncryptedAssertion')[0]!);
  const splicedXml = new XMLSerializer().serializeToString(work);
  let spliced: Element;
  try {
    spliced = parseXmlStrict(splicedXml).documentElement!;
  } catch (err) {
    if (err instanceof XmlLimitExceeded) return new Rejection('xml_limits', `the Response with the decrypted assertion: ${err.message}`);
    return new Rejection('malformed', 'the decrypted assertion does not fit into the Response');
  }
  const elements = allElements(spliced);
  if (elements instanceof Rejection) return elements;
  return { xml: splicedXml, response: spliced, elements };
}

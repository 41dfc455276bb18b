/**
 * Decryption of SAML EncryptedAssertions with the organization's SP key. The key never leaves the
 * core: the SAML adapter hands in the EncryptedAssertion and gets the plaintext back, which it then
 * validates like any other assertion (signature, issuer, audience, times, shape). This file decides
 * only whether the encryption is acceptable and decrypts it; it trusts nothing in the plaintext.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { open } from '../secret-box.js';
import xmlenc from 'xml-encryption';
import { AppError, badInput } from '../errors.js';
import { scanXmlLimits, XmlLimitExceeded } from '../../shared/xml.js';
import type { CoreContext } from '../access.js';
import { requireConnection } from './saml-connections.js';
import { authorizeSaml } from './saml-sign-in.js';
import { fingerprint } from './saml-keys.js';

const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const NS_XENC = 'http://www.w3.org/2001/04/xmlenc#';
const NS_XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';

export const KEY_TRANSPORT = {
  rsaOaepMgf1p: `${NS_XENC}rsa-oaep-mgf1p`,
  rsaOaep: `${NS_XENC11}rsa-oaep`,
  rsa15: `${NS_XENC}rsa-1_5`,
} as const;

export const CONTENT_ENCRYPTION = {
  aes128Gcm: `${NS_XENC11}aes128-gcm`,
  aes256Gcm: `${NS_XENC11}aes256-gcm`,
  aes128Cbc: `${NS_XENC}aes128-cbc`,
  aes256Cbc: `${NS_XENC}aes256-cbc`,
  tripleDes: `${NS_XENC}tripledes-cbc`,
} as const;

const CONTENT_OK = new Set<string>([CONTENT_ENCRYPTION.aes128Gcm, CONTENT_ENCRYPTION.aes256Gcm, CONTENT_ENCRYPTION.aes128Cbc, CONTENT_ENCRYPTION.aes256Cbc]);
/** Refused on purpose, with the reason given in the error. */
const WEAK: Record<string, string> = {
  [KEY_TRANSPORT.rsa15]: 'RSA PKCS#1 v1.5 key transport (rsa-1_5) is open to Bleichenbacher padding-oracle attacks; use RSA-OAEP',
  [CONTENT_ENCRYPTION.tripleDes]: '3DES (tripledes-cbc) is deprecated (64-bit blocks, Sweet32); use AES-GCM or AES-CBC',
};
const OAEP_SHA1_DIGEST = 'http://www.w3.org/2000/09/xmldsig#sha1';
const MGF1_SHA1 = `${NS_XENC11}mgf1sha1`;
const TYPE_ELEMENT = `${NS_XENC}Element`;
const RETRIEVAL_ENCRYPTED_KEY = `${NS_XENC}EncryptedKey`;

/** Largest EncryptedAssertion accepted (characters); the ACS takes at most ~730 KB of XML in all. */
export const MAX_ENCRYPTED_ASSERTION_LENGTH = 1_000_000;

export interface DecryptedAssertion {
  /** The plaintext: the Assertion element as the IdP serialized it. Not validated here. */
  assertionXml: string;
  keyTransportAlgorithm: string;
  contentEncryptionAlgorithm: string;
}

/**
 * `decryptSamlAssertion`: decrypts an EncryptedAssertion with the organization's SP key. Only the
 * organization's in-process SAML principal may call it (the same rule as the other SAML
 * bookkeeping operations), so no credential can use the SP key as a decryption service.
 * Writes nothing.
 */
export async function decryptAssertion(ctx: CoreContext, organizationId: string, encryptedAssertionXml: string): Promise<DecryptedAssertion> {
  authorizeSaml(ctx, organizationId, 'only the SAML adapter decrypts SAML assertions');
  const c = await requireConnection(ctx.em, organizationId, true);
  if (!c.spPrivateKey || !c.spCertificate) {
    throw new AppError('PRECONDITION_FAILED', 'saml.decrypt.noKey', 'no SP key pair is configured, so encrypted assertions cannot be decrypted', {});
  }
  // during an SP key rollover the staged and the previous pair decrypt too (saml-sp-key-rollover.ts)
  const keys: SpKey[] = [];
  for (const [key, certificateBase64] of [
    [c.spPrivateKey, c.spCertificate],
    [c.spNextPrivateKey, c.spNextCertificate],
    [c.spPreviousPrivateKey, c.spPreviousCertificate],
  ] as const) {
    if (key && certificateBase64) keys.push({ privateKeyPem: open(key), certificateBase64 });
  }
  return decryptEncryptedAssertion(encryptedAssertionXml, keys, c.spRetiredCertificates);
}

/** An SP key pair that may decrypt: the private key (PEM) and its certificate (bare base64 DER). */
export interface SpKey {
  privateKeyPem: string;
  certificateBase64: string;
}

const malformed = (why: string) => badInput('saml.decrypt.malformed', `EncryptedAssertion ${why}`);
const unsupported = (why: string) => badInput('saml.decrypt.unsupportedAlgorithm', why);
const weak = (why: string) => badInput('saml.decrypt.weakAlgorithm', why);

function children(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) out.push(n as Element);
    else if (n.nodeType === 3 || n.nodeType === 8)
      continue; // whitespace and comments between elements
    else throw malformed('contains unexpected content');
  }
  return out;
}
const is = (el: Element, ns: string, localName: string) => el.namespaceURI === ns && el.localName === localName;

/** The only child text of a CipherValue, as strict base64 (whitespace allowed, as IdPs wrap it). */
function cipherValue(cipherData: Element | undefined, what: string): string {
  if (!cipherData) throw malformed(`has no ${what} CipherData`);
  const kids = children(cipherData);
  if (kids.length !== 1 || !is(kids[0]!, NS_XENC, 'CipherValue'))
    throw malformed(`${what} CipherData must hold exactly one CipherValue (CipherReference is not supported)`);
  const v = kids[0]!;
  if (children(v).length !== 0) throw malformed(`${what} CipherValue must contain text only`);
  const b64 = (v.textContent ?? '').replace(/\s+/g, '');
  if (!b64 || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw malformed(`${what} CipherValue is not base64`);
  return b64;
}

function algorithmOf(method: Element | undefined, what: string): string {
  if (!method) throw malformed(`has no ${what} EncryptionMethod`);
  const alg = method.getAttribute('Algorithm') ?? '';
  if (!alg) throw malformed(`${what} EncryptionMethod has no Algorithm`);
  return alg;
}

function one(list: Element[], what: string, required: boolean): Element | undefined {
  if (list.length > 1) throw malformed(`has more than one ${what}`);
  if (required && list.length === 0) throw malformed(`has no ${what}`);
  return list[0];
}

/**
 * Checks the shape and the algorithms of an EncryptedAssertion strictly, then decrypts it with the SP
 * key. Accepted: exactly one EncryptedData (Type Element) with AES-GCM or AES-CBC (128 or 256 bits),
 * and exactly one EncryptedKey with RSA-OAEP (SHA-1 digest, MGF1-SHA1: what every IdP sends), inside
 * the EncryptedData's KeyInfo (Okta, Entra ID, ADFS) or beside it (SAML core §2.2.4, optionally
 * named by a RetrievalMethod). rsa-1_5 and 3DES are refused as weak, anything else as unsupported.
 *
 * xml-encryption does the cryptography, but only ever sees a document rebuilt here from the checked
 * values: its own lookups (`//KeyInfo`, `//CipherValue`, …) search the whole document and would
 * otherwise pick whatever an attacker places first.
 *
 * Throws BAD_USER_INPUT with reason `saml.decrypt.malformed`, `.weakAlgorithm`,
 * `.unsupportedAlgorithm` or `.failed` (one reason for every cryptographic failure, with no detail
 * from the cryptography, so that the outcome is no padding or OAEP oracle).
 */
export async function decryptEncryptedAssertion(
  xml: string,
  spKeys: SpKey | SpKey[],
  retiredFingerprints: readonly string[] = [],
): Promise<DecryptedAssertion> {
  const keys = Array.isArray(spKeys) ? spKeys : [spKeys];
  if (typeof xml !== 'string' || !xml) throw malformed('is empty');
  if (xml.length > MAX_ENCRYPTED_ASSERTION_LENGTH) throw malformed('is too large');
  if (/<!\s*(DOCTYPE|ENTITY|ATTLIST|ELEMENT|NOTATION)/i.test(xml)) throw malformed('contains a DOCTYPE or entity declaration');
  let root: Element;
  try {
    scanXmlLimits(xml); // no DOM for XML over the structural limits
    const doc = new DOMParser({
      locator: false,
      onError: (level, msg) => {
        throw new Error(`${level}: ${msg}`);
      },
    }).parseFromString(xml, 'text/xml');
    root = doc.documentElement!;
    if (!root) throw new Error('no document element');
  } catch (err) {
    throw malformed(err instanceof XmlLimitExceeded ? `is over a structural limit: ${err.message}` : 'is not well-formed XML');
  }
  if (!is(root, NS_ASSERTION, 'EncryptedAssertion')) throw malformed('is not a SAML 2.0 EncryptedAssertion element');

  // EncryptedAssertion: one EncryptedData, at most one EncryptedKey beside it, nothing else
  const top = children(root);
  for (const el of top)
    if (!is(el, NS_XENC, 'EncryptedData') && !is(el, NS_XENC, 'EncryptedKey')) throw malformed(`contains an unexpected ${el.localName} element`);
  const data = one(
    top.filter((el) => is(el, NS_XENC, 'EncryptedData')),
    'EncryptedData',
    true,
  )!;
  const siblingKey = one(
    top.filter((el) => is(el, NS_XENC, 'EncryptedKey')),
    'EncryptedKey beside the EncryptedData',
    false,
  );

  const type = data.getAttribute('Type');
  if (type && type !== TYPE_ELEMENT) throw malformed('EncryptedData must encrypt an element (Type …#Element)');
  const dataKids = children(data);
  for (const el of dataKids) {
    if (!is(el, NS_XENC, 'EncryptionMethod') && !is(el, NS_DSIG, 'KeyInfo') && !is(el, NS_XENC, 'CipherData'))
      throw malformed(`EncryptedData contains an unexpected ${el.localName} element`);
  }
  const contentMethod = one(
    dataKids.filter((el) => is(el, NS_XENC, 'EncryptionMethod')),
    'content EncryptionMethod',
    true,
  )!;
  const contentAlg = algorithmOf(contentMethod, 'content');
  for (const el of children(contentMethod)) if (!is(el, NS_XENC, 'KeySize')) throw malformed(`content EncryptionMethod contains an unexpected ${el.localName}`);
  const dataCipher = cipherValue(
    one(
      dataKids.filter((el) => is(el, NS_XENC, 'CipherData')),
      'CipherData',
      true,
    ),
    'EncryptedData',
  );

  // the EncryptedKey: in the EncryptedData's KeyInfo, or beside it
  const keyInfo = one(
    dataKids.filter((el) => is(el, NS_DSIG, 'KeyInfo')),
    'KeyInfo in EncryptedData',
    false,
  );
  const keyInfoKids = keyInfo ? children(keyInfo) : [];
  for (const el of keyInfoKids) {
    if (!is(el, NS_XENC, 'EncryptedKey') && !is(el, NS_DSIG, 'RetrievalMethod') && !is(el, NS_DSIG, 'KeyName'))
      throw malformed(`EncryptedData KeyInfo contains an unexpected ${el.localName}`);
  }
  const inlineKey = one(
    keyInfoKids.filter((el) => is(el, NS_XENC, 'EncryptedKey')),
    'EncryptedKey in the KeyInfo',
    false,
  );
  const retrieval = one(
    keyInfoKids.filter((el) => is(el, NS_DSIG, 'RetrievalMethod')),
    'RetrievalMethod',
    false,
  );
  if (inlineKey && siblingKey) throw malformed('carries two EncryptedKeys');
  const key = inlineKey ?? siblingKey;
  if (!key) throw malformed('has no EncryptedKey');
  if (retrieval) {
    const uri = retrieval.getAttribute('URI') ?? '';
    const rtype = retrieval.getAttribute('Type');
    if (inlineKey || !uri.startsWith('#') || uri.slice(1) !== key.getAttribute('Id') || (rtype && rtype !== RETRIEVAL_ENCRYPTED_KEY)) {
      throw malformed('RetrievalMethod does not name the EncryptedKey beside the EncryptedData');
    }
  }
  const keyKids = children(key);
  for (const el of keyKids) {
    const ok =
      is(el, NS_XENC, 'EncryptionMethod') ||
      is(el, NS_DSIG, 'KeyInfo') ||
      is(el, NS_XENC, 'CipherData') ||
      is(el, NS_XENC, 'ReferenceList') ||
      is(el, NS_XENC, 'CarriedKeyName');
    if (!ok) throw malformed(`EncryptedKey contains an unexpected ${el.localName}`);
  }
  const keyMethod = one(
    keyKids.filter((el) => is(el, NS_XENC, 'EncryptionMethod')),
    'key EncryptionMethod',
    true,
  )!;
  const keyAlg = algorithmOf(keyMethod, 'key');
  const keyCipher = cipherValue(
    one(
      keyKids.filter((el) => is(el, NS_XENC, 'CipherData')),
      'EncryptedKey CipherData',
      true,
    ),
    'EncryptedKey',
  );

  // ---- algorithms: weak ones refused by name, unknown ones as unsupported ----
  if (WEAK[keyAlg]) throw weak(WEAK[keyAlg]);
  if (WEAK[contentAlg]) throw weak(WEAK[contentAlg]);
  if (keyAlg !== KEY_TRANSPORT.rsaOaepMgf1p && keyAlg !== KEY_TRANSPORT.rsaOaep)
    throw unsupported(`key transport ${keyAlg.slice(0, 120)} is not supported (RSA-OAEP only)`);
  if (!CONTENT_OK.has(contentAlg)) throw unsupported(`content encryption ${contentAlg.slice(0, 120)} is not supported (AES-128/256 in GCM or CBC mode only)`);
  // OAEP's digest and mask function: SHA-1 is the default of rsa-oaep-mgf1p and what IdPs send. It is not
  // a signature digest (collisions do not matter to OAEP). Others cannot be decrypted correctly here:
  // xml-encryption 3.1 and node:crypto tie MGF1's hash to the OAEP digest, and OAEPparams are not passed.
  for (const p of children(keyMethod)) {
    if (is(p, NS_DSIG, 'DigestMethod')) {
      if (p.getAttribute('Algorithm') !== OAEP_SHA1_DIGEST)
        throw unsupported(`RSA-OAEP with digest ${(p.getAttribute('Algorithm') ?? '').slice(0, 120)} is not supported (SHA-1 only)`);
    } else if (is(p, NS_XENC11, 'MGF') && keyAlg === KEY_TRANSPORT.rsaOaep) {
      if (p.getAttribute('Algorithm') !== MGF1_SHA1)
        throw unsupported(`RSA-OAEP with mask function ${(p.getAttribute('Algorithm') ?? '').slice(0, 120)} is not supported (MGF1 with SHA-1 only)`);
    } else {
      throw unsupported(`RSA-OAEP parameter ${p.localName} is not supported`);
    }
  }

  // ---- decryption, on a document holding only the checked values ----
  // xenc11#rsa-oaep with SHA-1 and MGF1-SHA1 is exactly rsa-oaep-mgf1p, the name xml-encryption knows.
  const normalized =
    `<xenc:EncryptedData xmlns:xenc="${NS_XENC}" xmlns:ds="${NS_DSIG}" Type="${TYPE_ELEMENT}">` +
    `<xenc:EncryptionMethod Algorithm="${contentAlg}"/>` +
    `<ds:KeyInfo><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="${KEY_TRANSPORT.rsaOaepMgf1p}"/>` +
    `<xenc:CipherData><xenc:CipherValue>${keyCipher}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${dataCipher}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>`;
  // The EncryptedKey's KeyInfo may name the certificate it was encrypted to (it is not authenticated:
  // it only orders the keys tried, and names a retired key before any decryption is attempted, so
  // the answer does not depend on the ciphertext).
  const named = namedCertificates(key);
  const candidates = named.length
    ? [...keys.filter((k) => named.includes(k.certificateBase64)), ...keys.filter((k) => !named.includes(k.certificateBase64))]
    : keys;
  if (named.length && !keys.some((k) => named.includes(k.certificateBase64)) && named.some((c) => retiredFingerprints.includes(fingerprintOf(c)))) {
    throw badInput(
      'saml.decrypt.retiredKey',
      'the assertion was encrypted to a retired SP certificate (see the EncryptedKey KeyInfo): give the IdP the current SP certificate from the SP metadata',
    );
  }
  let plaintext: string | null = null;
  for (const sp of candidates) {
    try {
      plaintext = await new Promise<string>((resolve, reject) =>
        xmlenc.decrypt(normalized, { key: sp.privateKeyPem, disallowDecryptionWithInsecureAlgorithm: true, warnInsecureAlgorithm: false }, (err, result) =>
          err ? reject(err) : typeof result === 'string' ? resolve(result) : reject(new Error('no plaintext')),
        ),
      );
      break;
    } catch {
      // the next key; one reason for all failures below
    }
  }
  if (plaintext === null) {
    throw badInput(
      'saml.decrypt.failed',
      `the assertion could not be decrypted with the SP key${named.length && !keys.some((k) => named.includes(k.certificateBase64)) ? ' (it was encrypted to another certificate, see the EncryptedKey KeyInfo: give the IdP the current SP certificate)' : ''}`,
    );
  }
  if (!plaintext) throw badInput('saml.decrypt.failed', 'the assertion decrypted to nothing');
  return { assertionXml: plaintext, keyTransportAlgorithm: keyAlg, contentEncryptionAlgorithm: contentAlg };
}

/** The certificates (bare base64) the EncryptedKey's informational KeyInfo names; none when it names none. */
function namedCertificates(key: Element): string[] {
  const out: string[] = [];
  for (const ki of children(key).filter((el) => is(el, NS_DSIG, 'KeyInfo'))) {
    const certs = ki.getElementsByTagNameNS(NS_DSIG, 'X509Certificate');
    for (let i = 0; i < certs.length && i < 10; i++) out.push((certs.item(i)!.textContent ?? '').replace(/\s+/g, ''));
  }
  return out;
}

function fingerprintOf(base64: string): string {
  try {
    return fingerprint(base64);
  } catch {
    return '';
  }
}

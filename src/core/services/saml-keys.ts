import { createPrivateKey, createPublicKey, createSign, X509Certificate, type KeyObject } from 'node:crypto';
import { badInput } from '../errors.js';
import { certificateFingerprint } from '../../shared/digest.js';

/** What the API shows about a certificate (the certificate itself is public; keys never are). */
export interface CertificateInfo {
  /** Canonical PEM. */
  pem: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, upper-case hex pairs separated by colons (as IdP consoles show it). */
  fingerprintSha256: string;
}

export interface ParsedCertificate {
  /** Bare base64 DER, the stored form. */
  base64: string;
  x509: X509Certificate;
}

/**
 * Accepts a PEM certificate or bare base64 DER (whitespace ignored) and checks that it is X.509.
 * Throws BAD_USER_INPUT naming `field`.
 */
export function parseCertificate(input: unknown, field: string): ParsedCertificate {
  const bad = (why: string) => badInput('samlConnection.certificate.invalid', `${field}: ${why}`, { field });
  if (typeof input !== 'string' || !input.trim()) throw bad('a certificate (PEM or base64) is required');
  let body = input.trim();
  const pem = /^-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----$/.exec(body);
  if (pem) body = pem[1]!;
  else if (body.includes('-----')) throw bad('PEM must contain exactly one CERTIFICATE block');
  const b64 = body.replace(/\s+/g, '');
  if (!b64 || b64.length > 20_000 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) throw bad('neither PEM nor base64');
  try {
    const der = Buffer.from(b64, 'base64');
    return { base64: der.toString('base64'), x509: new X509Certificate(der) };
  } catch {
    throw bad('not a valid X.509 certificate');
  }
}

export function certificateInfo(base64: string): CertificateInfo {
  const der = Buffer.from(base64, 'base64');
  const x = new X509Certificate(der);
  return {
    pem: `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`,
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    fingerprintSha256: fingerprint(base64),
  };
}

/** A certificate's SHA-256 fingerprint (shared/digest.ts: the SAML adapter names certificates the same way). */
export const fingerprint = certificateFingerprint;

/**
 * Checks an SP key pair: an RSA private key of at least 2048 bits (PEM, PKCS#1 or PKCS#8, not
 * encrypted) whose public half is the certificate's. Returns the key as PKCS#8 PEM.
 */
export function checkKeyPair(privateKeyPem: unknown, cert: ParsedCertificate): string {
  const field = 'spPrivateKeyPem';
  if (typeof privateKeyPem !== 'string' || !privateKeyPem.includes('PRIVATE KEY-----') || privateKeyPem.length > 20_000) {
    throw badInput('samlConnection.spKey.invalid', 'spPrivateKeyPem must be a PEM private key', { field });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: privateKeyPem.trim(), format: 'pem' });
  } catch {
    throw badInput('samlConnection.spKey.invalid', 'spPrivateKeyPem is not a readable, unencrypted PEM private key', { field });
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw badInput(
      'samlConnection.spKey.invalid',
      'the SP key must be an RSA key of at least 2048 bits (it signs AuthnRequests with RSA-SHA256 and decrypts assertions with RSA-OAEP)',
      { field },
    );
  }
  const pub = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
  if (pub(createPublicKey(key)) !== pub(cert.x509.publicKey)) {
    throw badInput('samlConnection.spKey.mismatch', 'spCertificatePem does not belong to spPrivateKeyPem', { field: 'spCertificatePem' });
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export const SIG_ALG_RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/**
 * The HTTP-Redirect binding signature (SAML bindings §3.4.4.1): RSA-SHA256 over
 * `SAMLRequest=…&RelayState=…&SigAlg=…` with the values URL-encoded exactly as they are sent.
 * Returns the query string to send (signed octets plus `&Signature=…`).
 */
export function signedRedirectQuery(samlRequest: string, relayState: string | null, privateKeyPem: string): string {
  return signedRedirectMessage('SAMLRequest', samlRequest, relayState, privateKeyPem);
}

/** signedRedirectQuery for either message parameter: SAMLRequest or SAMLResponse (a LogoutResponse). */
export function signedRedirectMessage(parameter: 'SAMLRequest' | 'SAMLResponse', message: string, relayState: string | null, privateKeyPem: string): string {
  const octets =
    `${parameter}=${encodeURIComponent(message)}` +
    (relayState ? `&RelayState=${encodeURIComponent(relayState)}` : '') +
    `&SigAlg=${encodeURIComponent(SIG_ALG_RSA_SHA256)}`;
  const signature = createSign('RSA-SHA256').update(octets).sign(privateKeyPem, 'base64');
  return `${octets}&Signature=${encodeURIComponent(signature)}`;
}

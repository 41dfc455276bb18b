/**
 * Strict XML and X.509 helpers shared by the SAML connection (IdP metadata) and the SAML adapter
 * (response validation): parsing that refuses DTDs and every parser warning, and certificates in
 * canonical form. Pure functions, no I/O.
 */
import { X509Certificate } from 'node:crypto';
import { DOMParser, type Document } from '@xmldom/xmldom';

export interface NormalizedCertificate {
  /** Canonical PEM (64-char lines). */
  pem: string;
  /** Bare base64 DER, no whitespace. */
  base64: string;
}

/**
 * Accepts a PEM certificate or bare base64 DER (whitespace ignored), checks that it is a parseable
 * X.509 certificate and returns it in canonical forms. Throws Error on anything else.
 */
export function normalizeCertificate(input: string): NormalizedCertificate {
  if (typeof input !== 'string') throw new Error('certificate must be a string');
  let body = input.trim();
  const pem = /^-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----$/.exec(body);
  if (pem) body = pem[1]!;
  else if (body.includes('-----')) throw new Error('certificate PEM must contain exactly one CERTIFICATE block');
  const base64 = body.replace(/\s+/g, '');
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw new Error('certificate is neither PEM nor base64');
  }
  const der = Buffer.from(base64, 'base64');
  try {
    new X509Certificate(der);
  } catch {
    throw new Error('certificate is not a valid X.509 certificate');
  }
  const canonical = der.toString('base64');
  const lines = canonical.match(/.{1,64}/g) ?? [];
  return { pem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`, base64: canonical };
}

/** Parses XML refusing every warning and error xmldom reports (and any DOCTYPE). Throws Error. */
export function parseXmlStrict(xml: string): Document {
  const parser = new DOMParser({
    locator: false,
    onError: (level, msg) => {
      throw new Error(`${level}: ${msg}`);
    },
  });
  const doc = parser.parseFromString(xml, 'text/xml');
  if (!doc || !doc.documentElement) throw new Error('no document element');
  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 10 /* DOCUMENT_TYPE_NODE */) throw new Error('DOCTYPE present');
  }
  return doc;
}

/** Raw-text DTD detection, done before any parser sees the input. */
export function hasDtd(text: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY|ATTLIST|ELEMENT|NOTATION)/i.test(text);
}

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

/**
 * Structural bounds on XML that reaches a DOM parser. A DOM costs far more per node than its bytes
 * (xmldom: about 1 s of CPU for 105,000 nested or 180,000 sibling elements in 730 KB), so the size
 * limits alone do not bound the work; these do. A real SAML response (Okta, Entra ID; signed,
 * encrypted, with dozens of attributes) has 30 to a few hundred nodes, 7 levels or fewer, at most
 * 8 attributes and 4 namespace declarations on an element; one with 2,500 group values (Okta's
 * shape: two attributes on each value) has ~2,640 nodes and ~5,200 attributes, so about 4,900
 * group values are the most a response can carry. IdP metadata stays as far below.
 */
export interface XmlLimits {
  /** Deepest element nesting below the root element (the root is at depth 0). */
  maxDepth: number;
  /** Elements, comments, processing instructions and CDATA sections together (text lies between them, so it is bounded too). */
  maxNodes: number;
  /** Attributes of one element, namespace declarations included. */
  maxAttributesPerElement: number;
  /** Attributes of all elements together, namespace declarations included. */
  maxAttributes: number;
  /** Namespace declarations (`xmlns`, `xmlns:p`) on one element. */
  maxNamespaceDeclarationsPerElement: number;
}

export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = Object.freeze({
  maxDepth: 48,
  maxNodes: 5_000,
  maxAttributesPerElement: 32,
  maxAttributes: 15_000,
  maxNamespaceDeclarationsPerElement: 16,
});

/** XML over one of the XmlLimits (`limit` names which), refused before any DOM was built. */
export class XmlLimitExceeded extends Error {
  constructor(
    readonly limit: keyof XmlLimits,
    message: string,
  ) {
    super(message);
    this.name = 'XmlLimitExceeded';
  }
}

/** XML the pre-scan cannot read as well-formed markup (the DOM parser would refuse it too). */
export class XmlScanMalformed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlScanMalformed';
  }
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Ends a tag or attribute name: whitespace, `/`, `>`, `=`, `<`, a quote. */
const endsName = (c: number): boolean => isSpace(c) || c === SLASH || c === GT || c === EQ || c === LT || c === QUOT || c === APOS || Number.isNaN(c);

/**
 * Checks XML against `limits` in one forward pass over the text, without building anything: no
 * DOM, no regular expression, each character looked at a bounded number of times (comment, CDATA,
 * processing-instruction and attribute-value ends are found with indexOf from the current
 * position), so the work is proportional to the bytes read, and it stops at the first limit
 * exceeded (at once for deep nesting, which is found at its start). Markup it cannot read as
 * well-formed (a `<!` other than a comment or CDATA, an unquoted attribute value, an unclosed
 * comment, an end tag that closes nothing or another element) is XmlScanMalformed: the DOM parser
 * would refuse it as well, and counting past it could undercount what the parser builds.
 * Entity and DOCTYPE declarations are the caller's to refuse first (hasDtd).
 * Throws XmlLimitExceeded or XmlScanMalformed.
 */
export function scanXmlLimits(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  const n = xml.length;
  const open: string[] = []; // names of the open elements (at most maxDepth + 1)
  let nodes = 0;
  let attributes = 0;
  const node = () => {
    if (++nodes > limits.maxNodes)
      throw new XmlLimitExceeded('maxNodes', `XML has more than ${limits.maxNodes} elements, comments, processing instructions and CDATA sections`);
  };
  let i = xml.indexOf('<');
  while (i !== -1 && i < n) {
    const c = xml.charCodeAt(i + 1);
    if (c === BANG) {
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end === -1) throw new XmlScanMalformed('an unclosed comment');
        node();
        i = xml.indexOf('<', end + 3);
      } else if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i + 9);
        if (end === -1) throw new XmlScanMalformed('an unclosed CDATA section');
        node();
        i = xml.indexOf('<', end + 3);
      } else {
        throw new XmlScanMalformed(
          xml.startsWith('<!DOCTYPE', i) ? 'DOCTYPE present' : 'a markup declaration ("<!") that is neither a comment nor a CDATA section',
        );
      }
      continue;
    }
    if (c === QUESTION) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) throw new XmlScanMalformed('an unclosed processing instruction');
      node();
      i = xml.indexOf('<', end + 2);
      continue;
    }
    if (c === SLASH) {
      let j = i + 2;
      while (j < n && !endsName(xml.charCodeAt(j))) j++;
      const name = xml.slice(i + 2, j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== GT) throw new XmlScanMalformed('an end tag without ">"');
      if (open.length === 0 || open[open.length - 1] !== name) throw new XmlScanMalformed(`an end tag </${name.slice(0, 40)}> that closes no open element`);
      open.pop();
      i = xml.indexOf('<', j + 1);
      continue;
    }
    // a start tag
    let j = i + 1;
    while (j < n && !endsName(xml.charCodeAt(j))) j++;
    if (j === i + 1) throw new XmlScanMalformed('a "<" that starts no tag');
    const name = xml.slice(i + 1, j);
    node();
    if (open.length > limits.maxDepth) throw new XmlLimitExceeded('maxDepth', `XML nests elements more than ${limits.maxDepth} levels deep`);
    let own = 0;
    let declarations = 0;
    let selfClosing = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const d = xml.charCodeAt(j);
      if (d === GT) break;
      if (d === SLASH) {
        if (xml.charCodeAt(j + 1) !== GT) throw new XmlScanMalformed('a "/" in a start tag that does not end it');
        selfClosing = true;
        j++;
        break;
      }
      if (j === before || j >= n) throw new XmlScanMalformed(j >= n ? 'an unclosed start tag' : 'attributes not separated by whitespace');
      const nameStart = j;
      while (j < n && !endsName(xml.charCodeAt(j))) j++;
      if (j === nameStart) throw new XmlScanMalformed('an attribute without a name');
      const attrName = xml.slice(nameStart, j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== EQ) throw new XmlScanMalformed('an attribute without a value');
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const q = xml.charCodeAt(j);
      if (q !== QUOT && q !== APOS) throw new XmlScanMalformed('an attribute value without quotes');
      const end = xml.indexOf(q === QUOT ? '"' : "'", j + 1);
      if (end === -1) throw new XmlScanMalformed('an unclosed attribute value');
      j = end + 1;
      if (++own > limits.maxAttributesPerElement)
        throw new XmlLimitExceeded('maxAttributesPerElement', `an XML element has more than ${limits.maxAttributesPerElement} attributes`);
      if (++attributes > limits.maxAttributes) throw new XmlLimitExceeded('maxAttributes', `XML has more than ${limits.maxAttributes} attributes in all`);
      if ((attrName === 'xmlns' || attrName.startsWith('xmlns:')) && ++declarations > limits.maxNamespaceDeclarationsPerElement) {
        throw new XmlLimitExceeded(
          'maxNamespaceDeclarationsPerElement',
          `an XML element declares more than ${limits.maxNamespaceDeclarationsPerElement} namespaces`,
        );
      }
    }
    if (!selfClosing) open.push(name);
    i = xml.indexOf('<', j + 1);
  }
}

/**
 * Parses XML refusing every warning and error xmldom reports (and any DOCTYPE). The text is first
 * checked against `limits` by scanXmlLimits, so no DOM is built for XML over them. Throws Error
 * (XmlLimitExceeded for XML over a limit, XmlScanMalformed for markup the scan cannot read).
 */
export function parseXmlStrict(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): Document {
  scanXmlLimits(xml, limits);
  // xmldom wraps what onError throws ("Reporting fatalError "…" caused Error: …"): the reason is rethrown as itself
  let reported: Error | undefined;
  const parser = new DOMParser({
    locator: false,
    onError: (_level, msg) => {
      reported ??= new Error(String(msg).split('\n')[0]);
      throw reported;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (err) {
    throw reported ?? err;
  }
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

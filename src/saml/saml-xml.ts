/**
 * Reading a SAML document (xmldom 0.9, namespace-aware): the namespaces, strict parsing with its
 * failures as rejections, DOM walks that never recurse, text that must be plain, and xs:dateTime.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';
import { DEFAULT_XML_LIMITS, hasDtd, parseXmlStrict, XmlLimitExceeded } from '../shared/xml.js';
import { Rejection, short, type SamlRejection } from './rejection.js';

export const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const NS_XENC = 'http://www.w3.org/2001/04/xmlenc#';

/**
 * Deeper element nesting than this is refused before any XML library recurses over it (by the
 * pre-scan of parseXmlStrict, with the other DEFAULT_XML_LIMITS; checked again on every DOM walk).
 */
const MAX_DEPTH = DEFAULT_XML_LIMITS.maxDepth;

const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/** Text no XML parser may see: a DTD (DOCTYPE, ENTITY, …: XXE, entity expansion) or a NUL character. `what` names it in the detail. */
export function refuseDtdOrNul(text: string, what: string): Rejection | undefined {
  if (hasDtd(text)) return new Rejection('doctype', `${what} contains a DOCTYPE/ENTITY declaration`);
  if (text.includes('\u0000')) return new Rejection('malformed', `${what} contains NUL characters`);
  return undefined;
}

/**
 * Parses with parseXmlStrict, which first scans the text against DEFAULT_XML_LIMITS (depth, nodes,
 * attributes, namespace declarations) in one pass, without a DOM: the work done on an oversized
 * structure is proportional to the bytes read up to the limit it exceeds. `what` names the text in
 * the detail ("SAML response", "the decrypted assertion").
 */
export function parseSamlXml(xml: string, what: string): Document | Rejection {
  try {
    return parseXmlStrict(xml);
  } catch (err) {
    if (err instanceof XmlLimitExceeded) return new Rejection('xml_limits', `${what}: ${err.message}`);
    const m = (err as Error).message ?? '';
    if (/DOCTYPE/i.test(m)) return new Rejection('doctype', `${what} contains a DOCTYPE declaration`);
    return new Rejection('malformed', `${what} is not well-formed XML (${short(m.split('\n')[0] ?? '', 100)})`);
  }
}

export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

export function childElements(el: Element, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (!isElement(n)) continue;
    if (ns !== undefined && n.namespaceURI !== ns) continue;
    if (localName !== undefined && n.localName !== localName) continue;
    out.push(n);
  }
  return out;
}

/** The child element `ns`:`localName`, null when there is none; more than one is refused with `reason`. */
export function onlyChild(el: Element, ns: string, localName: string, what: string, reason: SamlRejection = 'malformed'): Element | null | Rejection {
  const found = childElements(el, ns, localName);
  if (found.length > 1) return new Rejection(reason, `more than one ${what}`);
  return found[0] ?? null;
}

/** Every element in document order (iterative, depth-limited). */
export function allElements(root: Element): Element[] | Rejection {
  const out: Element[] = [];
  const stack: Array<{ el: Element; depth: number }> = [{ el: root, depth: 0 }];
  while (stack.length) {
    const { el, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return new Rejection('malformed', 'XML nesting is too deep');
    out.push(el);
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i]!, depth: depth + 1 });
  }
  return out;
}

/** The first element in document order below `root` (not `root` itself) that `accept` takes; a plain DOM walk, no XPath. */
export function firstInSubtree(root: Element, accept: (el: Element) => boolean): Element | null {
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

/** Whether `root` and what it holds count more than `max` elements, comments, processing instructions and CDATA sections (stops counting there). */
export function nodesOver(root: Element, max: number): boolean {
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

export function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

/**
 * The value of an element that must hold exactly one text node (or nothing): any comment,
 * CDATA section, processing instruction or child element makes it null.
 */
export function strictText(el: Element): string | null {
  const kids = el.childNodes;
  if (kids.length === 0) return '';
  if (kids.length !== 1) return null;
  const only = kids.item(0);
  if (!only || only.nodeType !== TEXT_NODE) return null;
  return only.nodeValue ?? '';
}

/** strictText, trimmed; anything but text is refused as malformed. */
export function simpleText(el: Element, what: string): string | Rejection {
  const v = strictText(el);
  if (v === null) return new Rejection('malformed', `${what} must contain text only`);
  return v.trim();
}

const XS_DATETIME = /^(\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An xs:dateTime with a zone (Z or an offset), to the millisecond; anything else is refused as malformed. */
export function parseInstant(value: string, what: string): Date | Rejection {
  const m = XS_DATETIME.exec(value.trim());
  const ms = m ? Date.parse(`${m[1]}${m[2] ? m[2].slice(0, 4) : ''}${m[3]}`) : NaN;
  if (!Number.isFinite(ms)) return new Rejection('malformed', `${what} is not a valid xs:dateTime`);
  return new Date(ms);
}

/** The instant in attribute `name` of `el`, null when the attribute is absent. */
export function optionalInstant(el: Element, name: string, what: string): Date | null | Rejection {
  const v = attr(el, name);
  return v === null ? null : parseInstant(v, what);
}

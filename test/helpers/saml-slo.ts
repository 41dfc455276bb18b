/**
 * SAML Single Logout as the test IdP does it: LogoutRequests and LogoutResponses signed for the
 * HTTP-Redirect binding (query signature over the raw octets, SAML bindings §3.4.4.1) or the HTTP-POST
 * binding (enveloped XML signature after the Issuer, like the IdP's Responses), sent to our SLO
 * endpoint; and the reading and verification of the messages our SP sends back (a redirect, or the
 * auto-submitting form of the POST binding).
 */
import assert from 'node:assert/strict';
import { createSign, randomBytes, verify } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { EMAIL_FORMAT, NS, type TestIdp } from './saml-idp.js';
import { read, type HttpResult } from './saml-sp.js';

const SIG = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date): string => d.toISOString();
export const logoutId = (): string => `_lr${randomBytes(16).toString('hex')}`;

export interface LogoutRequestOptions {
  id?: string;
  /** Issuer; null omits it. Default the IdP's entity id. */
  issuer?: string | null;
  /** Destination; null omits it. */
  destination: string | null;
  nameId?: string;
  /** The NameID element's content as raw XML (e.g. with a comment), instead of `nameId`. */
  nameIdXml?: string;
  sessionIndexes?: string[];
  issueInstant?: Date;
  /** NotOnOrAfter; null omits it. Default five minutes after issueInstant. */
  notOnOrAfter?: Date | null;
  /** Extra XML inside the request, after the SessionIndexes (padding for size limits). */
  extra?: string;
}

/** An Okta-shaped samlp:LogoutRequest (unsigned). */
export function logoutRequestXml(idp: TestIdp, o: LogoutRequestOptions): string {
  const issued = o.issueInstant ?? new Date();
  const notOnOrAfter = o.notOnOrAfter === undefined ? new Date(issued.getTime() + 5 * 60_000) : o.notOnOrAfter;
  const issuer = o.issuer === undefined ? idp.entityId : o.issuer;
  return (
    `<saml2p:LogoutRequest xmlns:saml2p="${NS.protocol}" xmlns:saml2="${NS.assertion}" ID="${esc(o.id ?? logoutId())}" Version="2.0" IssueInstant="${iso(issued)}"` +
    (o.destination !== null ? ` Destination="${esc(o.destination)}"` : '') +
    (notOnOrAfter ? ` NotOnOrAfter="${iso(notOnOrAfter)}"` : '') +
    `>` +
    (issuer !== null ? `<saml2:Issuer>${esc(issuer)}</saml2:Issuer>` : '') +
    `<saml2:NameID Format="${EMAIL_FORMAT}">${o.nameIdXml ?? esc(o.nameId ?? 'ada@example.com')}</saml2:NameID>` +
    (o.sessionIndexes ?? []).map((s) => `<saml2p:SessionIndex>${esc(s)}</saml2p:SessionIndex>`).join('') +
    (o.extra ?? '') +
    `</saml2p:LogoutRequest>`
  );
}

export interface LogoutResponseOptions {
  id?: string;
  issuer?: string | null;
  destination: string | null;
  inResponseTo: string;
  status?: string;
  issueInstant?: Date;
}

/** An Okta-shaped samlp:LogoutResponse (unsigned). */
export function logoutResponseXml(idp: TestIdp, o: LogoutResponseOptions): string {
  const issuer = o.issuer === undefined ? idp.entityId : o.issuer;
  return (
    `<saml2p:LogoutResponse xmlns:saml2p="${NS.protocol}" xmlns:saml2="${NS.assertion}" ID="${esc(o.id ?? logoutId())}" Version="2.0"` +
    ` IssueInstant="${iso(o.issueInstant ?? new Date())}" InResponseTo="${esc(o.inResponseTo)}"` +
    (o.destination !== null ? ` Destination="${esc(o.destination)}"` : '') +
    `>` +
    (issuer !== null ? `<saml2:Issuer>${esc(issuer)}</saml2:Issuer>` : '') +
    `<saml2p:Status><saml2p:StatusCode Value="${esc(o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success')}"/></saml2p:Status>` +
    `</saml2p:LogoutResponse>`
  );
}

/** The HTTP-POST binding: an enveloped signature (RSA-SHA256, exc-c14n) right after the Issuer, by `signer`. */
export function signEnveloped(xml: string, signer: TestIdp, algorithm: keyof typeof SIG = 'rsa-sha256'): string {
  const sig = new SignedXml({
    privateKey: signer.privateKeyPem,
    publicCert: signer.certificatePem,
    signatureAlgorithm: SIG[algorithm],
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: '/*',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: algorithm === 'rsa-sha1' ? 'http://www.w3.org/2000/09/xmldsig#sha1' : 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `/*/*[local-name()='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

export interface RedirectOptions {
  /** Who signs the query; null: unsigned. */
  signer: TestIdp | null;
  relayState?: string;
  algorithm?: keyof typeof SIG;
}

/** The HTTP-Redirect binding's query: the deflated message, RelayState, SigAlg and the signature over those octets as sent. */
export function redirectQuery(parameter: 'SAMLRequest' | 'SAMLResponse', xml: string, o: RedirectOptions): string {
  const message = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  let octets = `${parameter}=${encodeURIComponent(message)}` + (o.relayState !== undefined ? `&RelayState=${encodeURIComponent(o.relayState)}` : '');
  if (!o.signer) return octets;
  octets += `&SigAlg=${encodeURIComponent(SIG[o.algorithm ?? 'rsa-sha256'])}`;
  const signature = createSign(o.algorithm === 'rsa-sha1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(octets)
    .sign(o.signer.privateKeyPem, 'base64');
  return `${octets}&Signature=${encodeURIComponent(signature)}`;
}

/** GET /saml/{slug}/slo?query (no redirects followed). */
export async function sloRedirect(baseUrl: string, slug: string, query: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return read(await fetch(`${baseUrl}/saml/${slug}/slo?${query}`, { redirect: 'manual', headers }));
}

/** POST /saml/{slug}/slo with an HTTP-POST binding form. */
export async function sloPost(baseUrl: string, slug: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(`${baseUrl}/saml/${slug}/slo`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
  return read(res);
}

export interface OutgoingMessage {
  binding: 'redirect' | 'post';
  /** Where it goes (without the query for a redirect). */
  url: string;
  parameter: string;
  xml: string;
  relayState: string | null;
  /** Whether its signature verifies with this certificate (the query signature, or the enveloped XML signature). */
  verifies(certificatePem: string): boolean;
}

const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The message our SP sends to the IdP: from the redirect's Location, or the form of the POST binding's page. */
export function outgoing(http: HttpResult): OutgoingMessage {
  if (http.status === 302) {
    const location = http.location!;
    const q = location.indexOf('?');
    const raw = new Map<string, string>();
    for (const part of location.slice(q + 1).split('&')) {
      const eq = part.indexOf('=');
      raw.set(decodeURIComponent(part.slice(0, eq)), part.slice(eq + 1));
    }
    const parameter = raw.has('SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse';
    const value = (k: string) => (raw.has(k) ? decodeURIComponent(raw.get(k)!.replace(/\+/g, ' ')) : null);
    const xml = inflateRawSync(Buffer.from(value(parameter)!, 'base64')).toString('utf8');
    const octets =
      `${parameter}=${raw.get(parameter)}` + (raw.has('RelayState') ? `&RelayState=${raw.get('RelayState')}` : '') + `&SigAlg=${raw.get('SigAlg')}`;
    return {
      binding: 'redirect',
      url: location.slice(0, q),
      parameter,
      xml,
      relayState: value('RelayState'),
      verifies: (pem) =>
        value('SigAlg') === SIG['rsa-sha256'] && verify('RSA-SHA256', Buffer.from(octets), pem, Buffer.from(value('Signature') ?? '', 'base64')),
    };
  }
  assert.equal(http.status, 200, `expected a redirect or the POST binding's page: ${http.status} ${http.text.slice(0, 300)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(http.text)?.[1];
  const fields = new Map([...http.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]));
  assert.ok(action, 'the page has a form');
  const parameter = fields.has('SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse';
  const xml = Buffer.from(fields.get(parameter)!, 'base64').toString('utf8');
  return {
    binding: 'post',
    url: unescapeHtml(action),
    parameter,
    xml,
    relayState: fields.get('RelayState') ?? null,
    verifies: (pem) => {
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const sigs = doc.getElementsByTagNameNS(NS.dsig, 'Signature');
      if (sigs.length !== 1) return false;
      const signed = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
      signed.loadSignature(sigs[0] as never);
      return signed.checkSignature(xml);
    },
  };
}

/** The attribute `name` of the message's root element. */
export function rootAttribute(xml: string, name: string): string | null {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement!.getAttribute(name);
}

/** The StatusCode values of a LogoutResponse (top level, then second level). */
export function statusCodes(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const codes = doc.getElementsByTagNameNS(NS.protocol, 'StatusCode');
  return Array.from({ length: codes.length }, (_, i) => codes[i]!.getAttribute('Value')!);
}

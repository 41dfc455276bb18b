/**
 * The Single Logout messages this SP sends (unsigned here; the core signs them with the SP key,
 * `signSamlLogoutMessage`), and the page that carries one over the HTTP-POST binding.
 */
import { createHash } from 'node:crypto';
import { escapeMarkup } from '../shared/text.js';

const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  unknownPrincipal: 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal',
} as const;

/** xs:dateTime to the second, as IdPs expect it. */
const instant = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A LogoutRequest for the session's NameID and SessionIndex (SAML core §3.7.1), valid for `ttlSeconds`. */
export function logoutRequestXml(r: {
  id: string;
  issuer: string;
  destination: string;
  nameId: string;
  nameIdFormat: string;
  sessionIndex: string | null;
  now: Date;
  notOnOrAfter: Date;
}): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS_PROTOCOL}" xmlns:saml="${NS_ASSERTION}" ID="${escapeMarkup(r.id)}" Version="2.0" ` +
    `IssueInstant="${instant(r.now)}" Destination="${escapeMarkup(r.destination)}" NotOnOrAfter="${instant(r.notOnOrAfter)}">` +
    `<saml:Issuer>${escapeMarkup(r.issuer)}</saml:Issuer>` +
    `<saml:NameID Format="${escapeMarkup(r.nameIdFormat)}">${escapeMarkup(r.nameId)}</saml:NameID>` +
    (r.sessionIndex ? `<samlp:SessionIndex>${escapeMarkup(r.sessionIndex)}</samlp:SessionIndex>` : '') +
    `</samlp:LogoutRequest>`
  );
}

/** A LogoutResponse to the IdP's LogoutRequest `inResponseTo` (SAML core §3.7.2), with a status and an optional second-level one. */
export function logoutResponseXml(r: {
  id: string;
  issuer: string;
  destination: string;
  inResponseTo: string;
  status: string;
  subStatus?: string | null;
  now: Date;
}): string {
  const code = r.subStatus
    ? `<samlp:StatusCode Value="${escapeMarkup(r.status)}"><samlp:StatusCode Value="${escapeMarkup(r.subStatus)}"/></samlp:StatusCode>`
    : `<samlp:StatusCode Value="${escapeMarkup(r.status)}"/>`;
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS_PROTOCOL}" xmlns:saml="${NS_ASSERTION}" ID="${escapeMarkup(r.id)}" Version="2.0" ` +
    `IssueInstant="${instant(r.now)}" Destination="${escapeMarkup(r.destination)}" InResponseTo="${escapeMarkup(r.inResponseTo)}">` +
    `<saml:Issuer>${escapeMarkup(r.issuer)}</saml:Issuer><samlp:Status>${code}</samlp:Status></samlp:LogoutResponse>`
  );
}

const SUBMIT_SCRIPT = 'document.forms[0].submit();';
const SUBMIT_SCRIPT_HASH = createHash('sha256').update(SUBMIT_SCRIPT).digest('base64');

/**
 * The HTTP-POST binding (bindings §3.5): a page whose form posts the message to the IdP, submitted by
 * a script its Content-Security-Policy allows by hash (and by a button without scripts).
 */
export function postFormPage(m: { url: string; parameter: string; value: string; relayState: string | null }): { body: string; csp: string } {
  const body =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Signing out…</title></head>` +
    `<body><form method="post" action="${escapeMarkup(m.url)}">` +
    `<input type="hidden" name="${escapeMarkup(m.parameter)}" value="${escapeMarkup(m.value)}">` +
    (m.relayState ? `<input type="hidden" name="RelayState" value="${escapeMarkup(m.relayState)}">` : '') +
    `<noscript><p>Signing out at your identity provider.</p><button type="submit">Continue</button></noscript>` +
    `</form><script>${SUBMIT_SCRIPT}</script></body></html>\n`;
  let origin: string;
  try {
    origin = new URL(m.url).origin;
  } catch {
    origin = "'none'";
  }
  return { body, csp: `default-src 'none'; script-src 'sha256-${SUBMIT_SCRIPT_HASH}'; form-action ${origin}; frame-ancestors 'none'` };
}

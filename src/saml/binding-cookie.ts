/**
 * The SAML adapter's login binding cookie (the session cookie: src/shared/session-cookie.ts).
 */
import { cookieValue } from '../shared/session-cookie.js';

/**
 * The browser binding cookie, set by `/saml/{org}/login` over https: its secret goes with the
 * AuthnRequest (hashed), and the ACS accepts the answer to that request only from a browser that
 * sends the cookie back, so a response obtained elsewhere cannot sign a victim's browser in (login
 * CSRF). SameSite=None because the IdP posts to the ACS from another site, which browsers allow only
 * with Secure: over plain http there is no binding. One value per browser, reused by every login
 * started within its lifetime (several tabs, several organizations).
 */
export const BINDING_COOKIE = 'idm_saml_binding';
const BINDING_RE = /^[A-Za-z0-9_-]{32,128}$/;

/** The binding secret named by a Cookie header, or null (absent or malformed). */
export function readBindingCookie(header: string | undefined): string | null {
  const v = cookieValue(header, BINDING_COOKIE);
  return v !== null && BINDING_RE.test(v) ? v : null;
}

/**
 * Set-Cookie for the binding secret (https only), sent back to every `/saml/` path for
 * `maxAgeSeconds`: under the path of the public URL (`PUBLIC_URL=https://host/identity` → the
 * browser posts to `/identity/saml/{org}/acs`, and a cookie for `/saml/` would not go there).
 */
export function bindingCookie(secret: string, maxAgeSeconds: number, publicUrl: string): string {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '').replace(/[;,\s]/g, encodeURIComponent);
  return `${BINDING_COOKIE}=${secret}; Path=${base}/saml/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=None`;
}

/**
 * The browser session cookie: `idm_session=<organizationId>.<secret>`. The organization id lets the
 * adapter ask the right organization about the secret (sessions are organization-scoped); the secret
 * is the one signIn returned, of which only the SHA-256 is stored.
 */
export const SESSION_COOKIE = 'idm_session';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const VALUE_RE = new RegExp(`^(${UUID})\\.([A-Za-z0-9_-]{20,200})$`, 'i');

export interface SessionCookie {
  organizationId: string;
  token: string;
}

/** The value of the first cookie called `name` in a Cookie header, or null. */
function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session named by a Cookie header, or null (absent or malformed). */
export function readSessionCookie(header: string | undefined): SessionCookie | null {
  const m = VALUE_RE.exec(cookieValue(header, SESSION_COOKIE) ?? '');
  return m ? { organizationId: m[1]!.toLowerCase(), token: m[2]! } : null;
}

/** Set-Cookie for a new session. `secure` when the service is reached over https. */
export function sessionCookie(s: SessionCookie, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${s.organizationId}.${s.token}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

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

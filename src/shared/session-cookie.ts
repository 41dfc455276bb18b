/**
 * The browser session cookie: `idm_session=<organizationId>.<secret>`, set by the SAML adapter's
 * sign-in and read by it and by the OpenID Connect adapter. The organization id lets an adapter ask
 * the right organization about the secret (sessions are organization-scoped); the secret is the one
 * signIn returned, of which only the SHA-256 is stored.
 */
export const SESSION_COOKIE = 'idm_session';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const VALUE_RE = new RegExp(`^(${UUID})\\.([A-Za-z0-9_-]{20,200})$`, 'i');

export interface SessionCookie {
  organizationId: string;
  token: string;
}

/** The value of the first cookie called `name` in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
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

import { operationFailed, type OidcOperations } from './oidc-context.js';
import { SESSION, type SessionResult } from './operations.js';
import type { SessionCookie } from '../shared/session-cookie.js';

/**
 * The browser's session of this service (`idm_session`, opened by a SAML sign-in), as the OpenID
 * Connect adapter reads it: the interactions finish logins with it, and the login policy notices
 * when it names another person than the provider's session (docs/OIDC.md "Signed in already").
 */

/** A live session with its organization. */
export interface LiveSession {
  organizationId: string;
  session: NonNullable<SessionResult['session']>;
}

/** The live session of a cookie; null when it has ended, expired, its user is inactive or its organization is gone. */
export async function readIdmSession(ops: OidcOperations, cookie: SessionCookie): Promise<LiveSession | null> {
  const orgId = cookie.organizationId;
  const s = await ops.run<SessionResult>(orgId, SESSION, { org: orgId, token: cookie.token });
  if (!s.ok) {
    if (s.error.code === 'NOT_FOUND') return null;
    throw operationFailed(s.error); // TRY_AGAIN (the database unavailable): temporarily_unavailable, 503
  }
  const session = s.data.session;
  if (!session || !session.user.active || session.user.organizationId !== orgId) return null;
  return { organizationId: orgId, session };
}

/**
 * Whether a `login_hint` names this person: their userName or the address of their `email` claim
 * (the primary email, else the first), ignoring case. The same names the SAML adapter sends as
 * `login_hint` when it hands an IdP-initiated sign-in to a client.
 */
export function hintNames(hint: string, person: { userName: string; email?: string | null }): boolean {
  const h = hint.trim().toLowerCase();
  return !!h && [person.userName, person.email].some((v) => typeof v === 'string' && v.toLowerCase() === h);
}

/** The `email` claim's address of a session's user. */
export function sessionEmail(user: LiveSession['session']['user']): string | null {
  return user.emails.find((e) => e.primary)?.value ?? user.emails[0]?.value ?? null;
}

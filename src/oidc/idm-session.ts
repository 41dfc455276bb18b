import { operationFailed, type OidcOperations } from './oidc-context.js';
import { SESSION, type SessionResult, type WantedOrganization } from './operations.js';
import { readSessionCookie, type SessionCookie } from '../shared/session-cookie.js';

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
 * The browser's live session (from its Cookie header) when it may answer an authorization request
 * with these parameters, the organization they name being `wanted` (docs/OIDC.md "Signed in
 * already"): only of the organization the request names (by slug or a verified domain of
 * `login_hint`) when it names one, never when it names an organization that does not exist; with
 * `max_age`, only a SAML sign-in no older than it; with a `login_hint`, only if that names the
 * session's person. Used by the interaction (reusableSession) and by `prompt=none` (provider.ts).
 */
export async function answeringSession(
  ops: OidcOperations,
  cookieHeader: string | undefined,
  params: Record<string, unknown>,
  wanted: WantedOrganization,
): Promise<LiveSession | null> {
  const cookie = readSessionCookie(cookieHeader);
  if (!cookie) return null;
  if (wanted.kind === 'unknown' && wanted.by === 'slug') return null;
  if (wanted.kind === 'found' && wanted.org.id !== cookie.organizationId) return null;
  const live = await readIdmSession(ops, cookie);
  if (!live) return null;
  // a session older than the request's max_age is not the recent authentication it asks for
  const maxAge = Number(params.max_age);
  if (params.max_age !== undefined && !(Date.now() - Date.parse(String(live.session.createdAt)) <= maxAge * 1000)) return null;
  const hint = typeof params.login_hint === 'string' ? params.login_hint : '';
  const user = live.session.user;
  if (hint && !hintNames(hint, { userName: user.userName, email: sessionEmail(user) })) return null;
  return live;
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

/**
 * SAML 2.0 Single Logout, the adapter's flows (docs/SAML.md "Single Logout"):
 *
 * - `slo`: our SingleLogoutService, `/saml/{org}/slo` (GET: HTTP-Redirect, POST: HTTP-POST). An IdP's
 *   signed LogoutRequest ends the sessions of the NameID here (and the user's OpenID Connect state,
 *   with back-channel logout tokens), and is answered with a LogoutResponse signed with the SP key;
 *   an IdP's LogoutResponse to our LogoutRequest finishes an SP-initiated logout.
 * - `spLogout`: `/saml/{org}/logout` (GET or POST, `?returnTo=`): ends the browser's session and, when
 *   the IdP does Single Logout, sends it a signed LogoutRequest; without one, lands on the return-to.
 *
 * Everything that changes state goes through the core's GraphQL operations; refusals are failures as
 * data, rendered by the router like every SAML failure.
 */
import { failure, type SamlFailure } from './error-page.js';
import { fail, isResult, load, newMessageId, operationFailure, type Found, type OperationError, type SamlResult } from './flows.js';
import { logoutRequestXml, logoutResponseXml, postFormPage, STATUS } from './logout-messages.js';
import {
  BEGIN_LOGOUT,
  CONSUME_LOGOUT_RESPONSE,
  END_SAML_SESSIONS,
  END_SESSION,
  SIGN_LOGOUT_MESSAGE,
  type BegunLogout,
  type ConsumedLogoutResponse,
  type EndedSamlSessions,
  type EndedSession,
  type SignedLogoutMessage,
} from './operations.js';
import { asciiUrl, checkReturnTo } from './return-to.js';
import type { SamlContext } from './saml-context.js';
import { clearedSessionCookie, type SessionCookie } from '../shared/session-cookie.js';
import { isSuccess, validatePostLogout, validateRedirectLogout, type LogoutMessage, type LogoutTrust, type LogoutValidation } from './validate-logout.js';

/** An incoming SLO message: the raw query of a GET (HTTP-Redirect), or the form of a POST (HTTP-POST). */
export type SloMessage = { binding: 'redirect'; rawQuery: string } | { binding: 'post'; form: URLSearchParams };

const TITLE = 'Sign-out failed';
const refused = (status: number, reason: string, message: string, detail = ''): SamlFailure => ({ ...failure(status, reason, message, detail), title: TITLE });

const REJECTION_MESSAGES: Record<string, string> = {
  expired: 'The sign-out request has expired. Please sign out again at your identity provider.',
  not_yet_valid: 'The sign-out request is not valid yet: the clocks of your identity provider and of this service disagree.',
};

/** GET or POST /saml/{org}/slo: a LogoutRequest from the IdP, or its LogoutResponse to ours. */
export async function slo(sc: SamlContext, slug: string, incoming: SloMessage, cookie: SessionCookie | null): Promise<SamlResult> {
  const found = await load(sc, slug, true);
  if (isResult(found)) return found;
  const c = found.connection;
  const trust: LogoutTrust = {
    idpEntityId: c.idpEntityId!,
    idpCertificates: c.idpCertificates.map((x) => x.pem),
    sloUrl: c.serviceProvider.sloUrl,
    clockSkewMs: c.clockSkewSeconds * 1000,
  };
  const v: LogoutValidation = incoming.binding === 'redirect' ? validateRedirectLogout(incoming.rawQuery, trust) : validatePostLogout(incoming.form, trust);
  if (!v.ok) {
    const message = REJECTION_MESSAGES[v.reason] ?? 'The sign-out message from your identity provider could not be verified.';
    return fail(refused(400, `slo.${v.reason}`, message, v.detail), found.org.name, { binding: incoming.binding });
  }
  if (v.message.kind === 'LogoutRequest') return idpInitiated(sc, found, v.message, cookie);
  return logoutAnswered(sc, found, v.message);
}

/**
 * The IdP's LogoutRequest, verified: the core ends the NameID's sessions and its users' OpenID Connect
 * state (once per request ID), and the IdP is answered Success, or Requester/UnknownPrincipal when
 * nothing was left to end. The browser's
 * session cookie of this organization is cleared either way.
 */
async function idpInitiated(
  sc: SamlContext,
  { org, connection: c }: Found,
  m: Extract<LogoutMessage, { kind: 'LogoutRequest' }>,
  cookie: SessionCookie | null,
): Promise<SamlResult> {
  sc.notePersonal([m.nameId]);
  const who = { logoutRequestId: m.id };
  const r = await sc.run<EndedSamlSessions>(org.id, END_SAML_SESSIONS, {
    org: org.id,
    input: { requestId: m.id, expiresAt: m.rememberUntil.toISOString(), nameId: m.nameId, sessionIndexes: m.sessionIndexes },
  });
  if (!r.ok) {
    const message = r.error.reason === 'saml.logoutRequest.replayed' ? 'This sign-out request has already been used.' : 'The sign-out could not be completed.';
    return fail(titled(operationFailure(r.error, 'slo', message, r.error.code === 'CONFLICT' ? 400 : 403)), org.name, who);
  }
  const ended = r.data.endSamlSessions;
  sc.log.info('SAML logout (IdP-initiated)', { organizationId: org.id, ...who, sessionsEnded: ended.sessionsEnded, userIds: ended.userIds });
  const cookies = cookie?.organizationId === org.id ? [clearedSessionCookie(sc.publicUrl.startsWith('https:'))] : [];
  if (!c.idpSloUrl) {
    sc.log.warn('SAML logout: the IdP cannot be answered', { organizationId: org.id, reason: 'saml.logout.noIdpSloUrl' });
    return signedOutPage(cookies);
  }
  const xml = logoutResponseXml({
    id: newMessageId(),
    issuer: c.serviceProvider.entityId,
    // where the IdP's metadata says responses go: its ResponseLocation when it has one
    destination: c.idpSloResponseUrl ?? c.idpSloUrl,
    inResponseTo: m.id,
    status: ended.userIds.length > 0 ? STATUS.success : STATUS.requester,
    subStatus: ended.userIds.length > 0 ? null : STATUS.unknownPrincipal,
    now: new Date(),
  });
  const signed = await sc.run<SignedLogoutMessage>(org.id, SIGN_LOGOUT_MESSAGE, { org: org.id, input: { xml, relayState: m.relayState } });
  if (!signed.ok) return unsigned(sc, signed.error, cookies, org);
  return deliver(signed.data.signSamlLogoutMessage, cookies);
}

/** The IdP's LogoutResponse to our LogoutRequest: accepted once (InResponseTo), then the browser lands on the return-to. */
async function logoutAnswered(sc: SamlContext, { org, connection: c }: Found, m: Extract<LogoutMessage, { kind: 'LogoutResponse' }>): Promise<SamlResult> {
  const who = { inResponseTo: m.inResponseTo };
  const r = await sc.run<ConsumedLogoutResponse>(org.id, CONSUME_LOGOUT_RESPONSE, { org: org.id, inResponseTo: m.inResponseTo });
  if (!r.ok) return fail(titled(operationFailure(r.error, 'slo', 'This sign-out was not started here, or it took too long.', 400)), org.name, who);
  if (!isSuccess(m.status)) {
    // our session ended before the request was sent; the IdP's own (or another SP's) may not have
    sc.log.warn('SAML logout: the IdP reported that it could not log out everywhere', {
      organizationId: org.id,
      ...who,
      status: m.status,
      subStatus: m.subStatus,
    });
  } else {
    sc.log.info('SAML logout (SP-initiated) completed at the IdP', { organizationId: org.id, ...who });
  }
  return landing(sc, c, r.data.consumeSamlLogoutResponse.returnTo, []);
}

/**
 * GET or POST /saml/{org}/logout?returnTo=…: ends the browser's session of this organization and,
 * when the IdP does Single Logout (and the session came from a SAML sign-in), sends the IdP a signed
 * LogoutRequest; its LogoutResponse comes back to `slo`. Otherwise straight to the return-to.
 */
export async function spLogout(sc: SamlContext, slug: string, cookie: SessionCookie | null, returnToParam: unknown): Promise<SamlResult> {
  const found = await load(sc, slug, false);
  if (isResult(found)) return found;
  const { org, connection: c } = found;
  let returnTo: string | null = null;
  if (returnToParam !== undefined && returnToParam !== '') {
    const check = checkReturnTo(returnToParam, sc.publicUrl, c.allowedRedirectHosts);
    if (!check.ok) return fail(refused(400, 'returnTo.refused', 'The page to return to after sign-out is not allowed.', check.why), org.name);
    returnTo = check.url;
  }
  const mine = cookie?.organizationId === org.id ? cookie : null;
  const cookies = mine ? [clearedSessionCookie(sc.publicUrl.startsWith('https:'))] : [];
  if (!c.configured) {
    // no IdP to tell: the session (should one exist) ends here, as POST /auth/logout ends it
    if (mine) {
      const ended = await sc.run<EndedSession>(org.id, END_SESSION, { org: org.id, token: mine.token });
      if (!ended.ok && ended.error.code === 'INTERNAL_SERVER_ERROR')
        return fail(titled(operationFailure(ended.error, 'logout', 'The sign-out could not be completed.')), org.name);
    }
    return landing(sc, c, returnTo, cookies);
  }
  const id = newMessageId();
  const r = await sc.run<BegunLogout>(org.id, BEGIN_LOGOUT, { org: org.id, input: { token: mine?.token ?? null, requestId: id, returnTo } });
  if (!r.ok) return fail(titled(operationFailure(r.error, 'logout', 'The sign-out could not be completed.', 400)), org.name);
  const begun = r.data.beginSamlLogout;
  if (!begun.logoutRequest) return landing(sc, c, returnTo, cookies);
  const lr = begun.logoutRequest;
  const xml = logoutRequestXml({
    id: lr.id,
    issuer: c.serviceProvider.entityId,
    destination: lr.destination,
    nameId: lr.nameId,
    nameIdFormat: lr.nameIdFormat,
    sessionIndex: lr.sessionIndex ?? null,
    now: new Date(),
    notOnOrAfter: new Date(String(lr.expiresAt)),
  });
  const signed = await sc.run<SignedLogoutMessage>(org.id, SIGN_LOGOUT_MESSAGE, { org: org.id, input: { xml, relayState: null } });
  if (!signed.ok) {
    // the session here has ended; the IdP's is left as it is
    sc.log.warn('SAML logout: the LogoutRequest could not be signed; logged out here only', { organizationId: org.id, reason: signed.error.reason });
    return landing(sc, c, returnTo, cookies);
  }
  sc.log.info('SAML logout (SP-initiated) sent to the IdP', { organizationId: org.id, logoutRequestId: lr.id });
  return deliver(signed.data.signSamlLogoutMessage, cookies);
}

/** A signed message on its way to the IdP: a redirect (HTTP-Redirect) or the auto-submitting form (HTTP-POST). */
function deliver(m: SignedLogoutMessage['signSamlLogoutMessage'], cookies: string[]): SamlResult {
  if (m.value === null || m.value === undefined) return { kind: 'redirect', status: 302, location: m.url, cookies };
  const page = postFormPage({ url: m.url, parameter: m.parameter, value: m.value, relayState: m.relayState ?? null });
  return { kind: 'document', contentType: 'text/html; charset=utf-8', body: page.body, contentSecurityPolicy: page.csp, cookies };
}

/** Where a logout lands: the return-to (checked again: the allowed hosts may have changed), else the configured default, else `/`. */
function landing(sc: SamlContext, c: Found['connection'], returnTo: string | null, cookies: string[]): SamlResult {
  const fallback = asciiUrl(c.defaultRedirectUrl ?? '/');
  if (returnTo === null) return { kind: 'redirect', status: 303, location: fallback, cookies };
  const check = checkReturnTo(returnTo, sc.publicUrl, c.allowedRedirectHosts);
  return { kind: 'redirect', status: 303, location: check.ok ? check.url : fallback, cookies };
}

/** The sessions ended but the IdP cannot be answered with a signed response (no SP key, or no SLO URL): a page saying so. */
function unsigned(sc: SamlContext, e: OperationError, cookies: string[], org: Found['org']): SamlResult {
  if (e.code !== 'PRECONDITION_FAILED') return fail(titled(operationFailure(e, 'slo', 'The sign-out could not be completed.')), org.name);
  sc.log.warn('SAML logout: the IdP cannot be answered', { organizationId: org.id, reason: e.reason, detail: e.message });
  return signedOutPage(cookies);
}

function signedOutPage(cookies: string[]): SamlResult {
  return {
    kind: 'document',
    contentType: 'text/html; charset=utf-8',
    body:
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Signed out</title></head>` +
      `<body><h1>Signed out</h1><p>You have been signed out of this service.</p></body></html>\n`,
    cookies,
  };
}

const titled = (f: SamlFailure): SamlFailure => ({ ...f, title: TITLE });

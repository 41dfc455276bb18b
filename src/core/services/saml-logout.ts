/**
 * SAML 2.0 Single Logout (docs/SAML.md "Single Logout"), the core's side: ending the sessions an
 * identity provider's LogoutRequest names, ending a session for an SP-initiated logout and
 * remembering the LogoutRequest sent for it, accepting the IdP's LogoutResponse once, and signing
 * our logout messages with the SP key (which never leaves the core). The SAML adapter validates the
 * incoming messages and builds the outgoing ones; only its in-process principal calls these.
 *
 * Ending a session here is the same as POST /auth/logout (provisioning.ts `endSession`): the session
 * is revoked, SESSION_REVOKED is written and the user's OpenID Connect state is ended with
 * back-channel logout tokens queued (oidc-logout.ts), all in one transaction.
 */
import { deflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { pgArray, sql, type Em } from '../db.js';
import { SamlLogoutRequest } from '../entities/saml.js';
import { AppError, badInput } from '../errors.js';
import { foldKey } from '../keys.js';
import { open } from '../secret-box.js';
import { sha256 } from '../secrets.js';
import type { CoreContext } from '../access.js';
import { parseXmlStrict } from '../../shared/xml.js';
import { endOidcAccess } from './oidc-logout.js';
import { authorizeSaml } from './saml-sign-in.js';
import { requireConnection, SLO_BINDINGS } from './saml-connections.js';
import { SIG_ALG_RSA_SHA256, signedRedirectMessage } from './saml-keys.js';
import { transact, type EventBuffer } from './transaction.js';

/** How long the IdP has to answer our LogoutRequest. */
export const LOGOUT_REQUEST_TTL_SECONDS = 10 * 60;
/** Expired LogoutRequests stay this long before they are purged, so a late answer is told "expired". */
const LOGOUT_REQUEST_RETENTION_SECONDS = 24 * 3600;
const REQUEST_ID_RE = /^[A-Za-z_][A-Za-z0-9_.-]{31,127}$/;
/** The IdP's LogoutRequest IDs share the replay cache of assertion IDs under this prefix. */
const REPLAY_PREFIX = 'logout:';
const MAX_SESSION_INDEXES = 20;
const MAX_MESSAGE_LENGTH = 64 * 1024;
const MAX_RETURN_TO = 2048;
const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const BINDING_REDIRECT = SLO_BINDINGS[0];

export interface SamlSessionsEndInput {
  /** The LogoutRequest's ID: a second use is refused (CONFLICT saml.logoutRequest.replayed). */
  requestId: string;
  /** Until when the ID is remembered (the request's NotOnOrAfter, or its IssueInstant plus the accepted age). */
  expiresAt: Date;
  /** The NameID the request names. */
  nameId: string;
  /** The SessionIndex values it names; none: every session of the NameID. */
  sessionIndexes?: string[] | null;
}

export interface SamlSessionsEnded {
  /** How many live sessions were ended. */
  sessionsEnded: number;
  /** The users whose sessions or OpenID Connect state were ended (none: the IdP is told UnknownPrincipal). */
  userIds: string[];
}

/**
 * IdP-initiated logout: ends every live session of the organization signed in with this NameID
 * (and one of the SessionIndex values, when the request names any), and the OpenID Connect state of
 * every user with such a session, live or not. The request ID enters the
 * replay cache in the same transaction: a replayed request ends nothing. A session signed in before
 * the NameID was kept with sessions is found by the user's userName equal to the NameID.
 */
export async function endSamlSessions(ctx: CoreContext, organizationId: string, input: SamlSessionsEndInput): Promise<SamlSessionsEnded> {
  authorizeSaml(ctx, organizationId, 'only the SAML adapter ends sessions by SAML logout');
  const requestId = typeof input.requestId === 'string' ? input.requestId : '';
  if (!requestId || requestId.length > 256)
    throw badInput('saml.logoutRequest.id.invalid', 'the request ID must be 1 to 256 characters', { field: 'requestId' });
  const nameId = typeof input.nameId === 'string' ? input.nameId.trim() : '';
  if (!nameId || nameId.length > 1024) throw badInput('saml.logoutRequest.nameId.invalid', 'the NameID must be 1 to 1024 characters', { field: 'nameId' });
  const indexes = input.sessionIndexes ?? [];
  if (indexes.length > MAX_SESSION_INDEXES || indexes.some((i) => typeof i !== 'string' || !i || i.length > 256)) {
    throw badInput('saml.logoutRequest.sessionIndex.invalid', `at most ${MAX_SESSION_INDEXES} SessionIndex values of 1 to 256 characters`, {
      field: 'sessionIndexes',
    });
  }
  const expiresAt = input.expiresAt instanceof Date ? input.expiresAt : new Date(String(input.expiresAt));
  if (!Number.isFinite(expiresAt.getTime())) throw badInput('saml.logoutRequest.expiresAt.invalid', 'expiresAt is not a date', { field: 'expiresAt' });
  return transact(ctx, organizationId, async (em, events) => {
    const c = await requireConnection(em, organizationId);
    await sql(em, 'delete from saml_used_assertions where organization_id = ? and expires_at < now()', [organizationId]);
    const until = new Date(Math.min(Math.max(expiresAt.getTime(), Date.now()), Date.now() + 24 * 3600 * 1000) + c.clockSkewSeconds * 1000);
    // a concurrent use of the same ID waits here for the first one's commit, then finds the row
    const inserted = await sql(
      em,
      `insert into saml_used_assertions (organization_id, assertion_id, used_at, expires_at) values (?, ?, now(), ?)
       on conflict (organization_id, assertion_id) do nothing returning assertion_id`,
      [organizationId, `${REPLAY_PREFIX}${requestId}`, until],
    );
    if (!inserted.length) throw new AppError('CONFLICT', 'saml.logoutRequest.replayed', 'this logout request has already been processed', {});
    const rows = await sql<{ user_id: string; user_name: string }>(
      em,
      `update sessions s set revoked_at = now() from users u
        where s.organization_id = ? and u.id = s.user_id and s.revoked_at is null and s.expires_at > now()
          and (s.saml_name_id = ? or (s.saml_name_id is null and (u.user_name_key collate "C") = ?))
          and (cardinality(?::text[]) = 0 or s.saml_session_index = any(?::text[]))
        returning s.user_id, u.user_name`,
      [organizationId, nameId, foldKey(nameId), pgArray(indexes), pgArray(indexes)],
    );
    const userIds = await endedSessionsEvents(em, events, organizationId, rows, 'samlLogout');
    // the OpenID Connect state a SAML sign-in led to outlives its session (days, not hours): the user
    // of an already expired or ended session of the NameID is signed out of the clients as well
    const others = await sql<{ user_id: string; user_name: string }>(
      em,
      `select distinct s.user_id, u.user_name from sessions s join users u on u.id = s.user_id
        where s.organization_id = ? and (s.saml_name_id = ? or (s.saml_name_id is null and (u.user_name_key collate "C") = ?))
          and (cardinality(?::text[]) = 0 or s.saml_session_index = any(?::text[]))`,
      [organizationId, nameId, foldKey(nameId), pgArray(indexes), pgArray(indexes)],
    );
    for (const u of others) {
      if (userIds.includes(u.user_id)) continue;
      const ended = await endOidcAccess(em, organizationId, { id: u.user_id, userName: u.user_name }, 'sessionEnded');
      if (ended.length) userIds.push(u.user_id);
      events.push(...ended);
    }
    return { sessionsEnded: rows.length, userIds };
  });
}

/** Per user whose sessions ended: SESSION_REVOKED (with the reason) and the end of their OpenID Connect state. */
async function endedSessionsEvents(
  em: Em,
  events: EventBuffer,
  organizationId: string,
  rows: Array<{ user_id: string; user_name: string }>,
  reason: 'logout' | 'samlLogout',
): Promise<string[]> {
  const byUser = new Map<string, { userName: string; sessions: number }>();
  for (const r of rows) {
    const u = byUser.get(r.user_id) ?? { userName: r.user_name, sessions: 0 };
    u.sessions += 1;
    byUser.set(r.user_id, u);
  }
  for (const [id, u] of byUser) {
    events.push({ type: 'SESSION_REVOKED', subjectType: 'USER', subjectId: id, subjectLabel: u.userName, data: { reason, sessions: u.sessions } });
    events.push(...(await endOidcAccess(em, organizationId, { id, userName: u.userName }, 'sessionEnded')));
  }
  return [...byUser.keys()];
}

export interface SamlLogoutStartInput {
  /** The session secret (from the session cookie); an unknown or dead one ends nothing. */
  token?: string | null;
  /** The ID our LogoutRequest will carry (an NCName of 32 to 128 characters, made by the adapter). */
  requestId: string;
  /** Where the logout lands (validated by the adapter), kept for the IdP's answer. */
  returnTo?: string | null;
}

export interface SamlLogoutStart {
  /** A live session was ended. */
  sessionEnded: boolean;
  /** The LogoutRequest to send, recorded; null when the IdP is not to be told (no SLO URL, no SP key, no SAML NameID, no session). */
  logoutRequest: {
    id: string;
    nameId: string;
    nameIdFormat: string;
    sessionIndex: string | null;
    destination: string;
    binding: string;
    expiresAt: Date;
  } | null;
}

/**
 * SP-initiated logout: ends the session (as `endSession` does) and, when the IdP does Single Logout
 * and the session came from a SAML sign-in, records the LogoutRequest the adapter is to send (its
 * ID, the return-to), so that any instance accepts the answer. Logging out is never refused: without
 * a live session it ends nothing and asks for no LogoutRequest.
 */
export async function beginSamlLogout(ctx: CoreContext, organizationId: string, input: SamlLogoutStartInput): Promise<SamlLogoutStart> {
  authorizeSaml(ctx, organizationId, 'only the SAML adapter starts SAML logouts');
  if (typeof input.requestId !== 'string' || !REQUEST_ID_RE.test(input.requestId))
    throw badInput('saml.logoutRequest.id.invalid', 'the request ID must be an NCName of 32 to 128 characters', { field: 'requestId' });
  const returnTo = input.returnTo ?? null;
  if (returnTo !== null && (typeof returnTo !== 'string' || returnTo.length > MAX_RETURN_TO))
    throw badInput('saml.returnTo.invalid', `returnTo must be at most ${MAX_RETURN_TO} characters`, { field: 'returnTo' });
  const token = typeof input.token === 'string' && input.token ? input.token : null;
  return transact(ctx, organizationId, async (em, events) => {
    const c = await requireConnection(em, organizationId, true);
    const rows = token
      ? await sql<{ user_id: string; user_name: string; saml_name_id: string | null; saml_session_index: string | null }>(
          em,
          `update sessions s set revoked_at = now() from users u
            where s.token_hash = ? and s.organization_id = ? and s.revoked_at is null and s.expires_at > now() and u.id = s.user_id
            returning s.user_id, u.user_name, s.saml_name_id, s.saml_session_index`,
          [sha256(token), organizationId],
        )
      : [];
    const s = rows[0];
    if (!s) return { sessionEnded: false, logoutRequest: null };
    await endedSessionsEvents(em, events, organizationId, rows, 'logout');
    if (!c.idpSloUrl || !c.spPrivateKey || !s.saml_name_id) return { sessionEnded: true, logoutRequest: null };
    await sql(em, `delete from saml_logout_requests where organization_id = ? and expires_at < now() - make_interval(secs => ?)`, [
      organizationId,
      LOGOUT_REQUEST_RETENTION_SECONDS,
    ]);
    const r = Object.assign(new SamlLogoutRequest(), {
      id: input.requestId,
      organization: organizationId,
      returnTo,
      expiresAt: new Date(Date.now() + LOGOUT_REQUEST_TTL_SECONDS * 1000),
    });
    em.persist(r);
    await em.flush();
    return {
      sessionEnded: true,
      logoutRequest: {
        id: r.id,
        nameId: s.saml_name_id,
        nameIdFormat: c.nameIdFormat,
        sessionIndex: s.saml_session_index,
        destination: c.idpSloUrl,
        binding: c.idpSloBinding ?? BINDING_REDIRECT,
        expiresAt: r.expiresAt,
      },
    };
  });
}

/**
 * The IdP's LogoutResponse (validated by the adapter) answers our LogoutRequest `inResponseTo`:
 * it must be one of this organization's, unexpired and not answered yet. Returns its return-to.
 */
export async function consumeSamlLogoutResponse(ctx: CoreContext, organizationId: string, inResponseTo: string): Promise<{ returnTo: string | null }> {
  authorizeSaml(ctx, organizationId, 'only the SAML adapter accepts SAML logout responses');
  if (typeof inResponseTo !== 'string' || !inResponseTo || inResponseTo.length > 256)
    throw badInput('saml.logoutResponse.inResponseTo.invalid', 'InResponseTo must be 1 to 256 characters', { field: 'inResponseTo' });
  return transact(ctx, organizationId, async (em) => {
    const rows = await sql<{ return_to: string | null }>(
      em,
      `update saml_logout_requests set consumed_at = now()
        where id = ? and organization_id = ? and consumed_at is null and expires_at > now() returning return_to`,
      [inResponseTo, organizationId],
    );
    if (rows.length) return { returnTo: rows[0]!.return_to };
    const [r] = await sql<{ organization_id: string; expired: boolean; consumed: boolean }>(
      em,
      'select organization_id, expires_at <= now() as expired, consumed_at is not null as consumed from saml_logout_requests where id = ?',
      [inResponseTo],
    );
    if (!r || r.organization_id !== organizationId)
      throw new AppError('NOT_FOUND', 'saml.logoutResponse.unknownRequest', 'the LogoutResponse answers no logout request this organization sent', {});
    if (r.consumed) throw new AppError('CONFLICT', 'saml.logoutResponse.used', 'the logout request this response answers has already been answered', {});
    throw new AppError('PRECONDITION_FAILED', 'saml.logoutResponse.expired', 'the logout request this response answers has expired', {});
  });
}

export interface SamlLogoutMessageInput {
  /** An unsigned LogoutRequest (recorded by beginSamlLogout) or LogoutResponse, addressed to the IdP's SLO URL. */
  xml: string;
  relayState?: string | null;
}

export interface SignedSamlLogoutMessage {
  /** The binding the IdP offers (HTTP-Redirect or HTTP-POST URN). */
  binding: string;
  /** HTTP-Redirect: the full signed URL; HTTP-POST: the form's action. */
  url: string;
  /** SAMLRequest or SAMLResponse. */
  parameter: 'SAMLRequest' | 'SAMLResponse';
  /** HTTP-POST: the base64 signed XML; null for HTTP-Redirect (in the URL). */
  value: string | null;
  relayState: string | null;
}

/**
 * Signs a logout message for the organization's IdP with the SP key (RSA-SHA256): the HTTP-Redirect
 * query signature, or an enveloped XML signature for HTTP-POST, by the binding the IdP offers. Signs
 * only a LogoutRequest or LogoutResponse addressed to the IdP's own SLO URL, a request only with the
 * ID beginSamlLogout recorded.
 */
export async function signSamlLogoutMessage(ctx: CoreContext, organizationId: string, input: SamlLogoutMessageInput): Promise<SignedSamlLogoutMessage> {
  authorizeSaml(ctx, organizationId, 'only the SAML adapter signs SAML logout messages');
  const bad = (why: string) => badInput('saml.logoutMessage.invalid', `the logout message ${why}`, { field: 'xml' });
  if (typeof input.xml !== 'string' || input.xml.length > MAX_MESSAGE_LENGTH) throw bad(`must be at most ${MAX_MESSAGE_LENGTH} characters`);
  const relayState = input.relayState ?? null;
  if (relayState !== null && (typeof relayState !== 'string' || relayState.length > 80)) throw bad('has a RelayState over 80 characters');
  let root;
  try {
    root = parseXmlStrict(input.xml).documentElement!;
  } catch {
    throw bad('is not well-formed XML');
  }
  const kind = root.namespaceURI === NS_PROTOCOL ? root.localName : null;
  if (kind !== 'LogoutRequest' && kind !== 'LogoutResponse') throw bad('is neither a LogoutRequest nor a LogoutResponse');
  if (root.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature').length) throw bad('is already signed');
  const id = root.getAttribute('ID') ?? '';
  return transact(ctx, organizationId, async (em) => {
    const c = await requireConnection(em, organizationId, true);
    if (!c.idpSloUrl) throw new AppError('PRECONDITION_FAILED', 'saml.logout.noIdpSloUrl', 'the IdP has no Single Logout URL', {});
    if (!c.spPrivateKey)
      throw new AppError('PRECONDITION_FAILED', 'saml.logout.noSpKey', 'logout messages are signed with the SP key, and none is configured', {});
    const destination = kind === 'LogoutRequest' ? c.idpSloUrl : (c.idpSloResponseUrl ?? c.idpSloUrl);
    if (root.getAttribute('Destination') !== destination) throw bad("is not addressed to the IdP's Single Logout URL");
    if (kind === 'LogoutRequest') {
      const pending = await sql(em, 'select 1 from saml_logout_requests where id = ? and organization_id = ? and consumed_at is null and expires_at > now()', [
        id,
        organizationId,
      ]);
      if (!pending.length) throw bad('carries an ID that was not recorded');
    }
    const key = open(c.spPrivateKey);
    const parameter = kind === 'LogoutRequest' ? 'SAMLRequest' : 'SAMLResponse';
    const binding = c.idpSloBinding ?? BINDING_REDIRECT;
    if (binding === BINDING_REDIRECT) {
      const deflated = deflateRawSync(Buffer.from(input.xml, 'utf8')).toString('base64');
      const query = signedRedirectMessage(parameter, deflated, relayState, key);
      return { binding, url: `${destination}${destination.includes('?') ? '&' : '?'}${query}`, parameter, value: null, relayState };
    }
    return { binding, url: destination, parameter, value: Buffer.from(signEnveloped(input.xml, key), 'utf8').toString('base64'), relayState };
  });
}

/** An enveloped RSA-SHA256 signature (exclusive canonicalization, SHA-256 digest) over the root, placed right after its Issuer as the schema wants. */
function signEnveloped(xml: string, privateKeyPem: string): string {
  const sig = new SignedXml({
    privateKey: privateKeyPem,
    signatureAlgorithm: SIG_ALG_RSA_SHA256,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: '/*',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `/*/*[local-name()='Issuer' and namespace-uri()='${NS_ASSERTION}']`, action: 'after' },
  });
  return sig.getSignedXml();
}

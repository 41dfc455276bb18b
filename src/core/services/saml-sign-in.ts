import { inflateRawSync } from 'node:zlib';
import { sql } from '../db.js';
import { SamlAuthnRequest } from '../entities/saml.js';
import { AppError, badInput, forbidden } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { open } from '../secret-box.js';
import { safeEqual, sha256 } from '../secrets.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { requireConnection } from './saml-connections.js';
import { signedRedirectQuery } from './saml-keys.js';
import { linkTestSignIn } from './saml-test-sign-ins.js';

/** How long the IdP has to answer an AuthnRequest (the user's time on the IdP's login and MFA pages). */
export const AUTHN_REQUEST_TTL_SECONDS = 30 * 60;
/** Expired requests stay this long before they are purged, so a late answer is told "expired", not "unknown". */
const AUTHN_REQUEST_RETENTION_SECONDS = 24 * 3600;
const REQUEST_ID_RE = /^[A-Za-z_][A-Za-z0-9_.-]{31,127}$/;
const MAX_RETURN_TO = 2048;
const BINDING_RE = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * These operations are the SAML adapter's bookkeeping (nonces and the replay cache), not changes to
 * the organization's identity data, so they write no events: an event per click on an
 * unauthenticated login URL would let anyone fill the audit log. The sign-in they lead to is
 * recorded (USER_SIGNED_IN and friends). Only the organization's in-process SAML principal calls them
 * (also `decryptSamlAssertion`, saml-decrypt.ts).
 */
export function authorizeSaml(ctx: CoreContext, organizationId: string, refusal = 'only the SAML adapter records SAML requests and assertions'): void {
  if (!isUuid(organizationId)) throw new AppError('NOT_FOUND', 'organization.notFound', 'organization not found');
  authorize(ctx, organizationId, 'signIn');
  if (ctx.principal.kind !== 'SAML') throw forbidden(refusal);
}

export interface AuthnRequestInput {
  /** The AuthnRequest's ID (at least 32 characters of an XML NCName, made by the adapter). */
  id: string;
  /** Where the sign-in should land (validated by the adapter against the public host and the allowed hosts). */
  returnTo?: string | null;
  /** The unsigned HTTP-Redirect URL to the IdP, carrying the deflated request as SAMLRequest. */
  redirectUrl: string;
  /**
   * The secret of a cookie the adapter sets in the browser that starts the sign-in: the response is
   * then accepted only from a browser that carries it (no login CSRF with a response obtained
   * elsewhere). Only its SHA-256 is stored. Absent: the request is not bound to a browser.
   */
  browserBinding?: string | null;
  /** The secret of a test sign-in this login starts (`startSamlTestSignIn`): the request is linked to it. */
  testSignIn?: string | null;
}

export interface RecordedAuthnRequest {
  id: string;
  expiresAt: Date;
  /** The URL to send the browser to: `redirectUrl`, signed with the SP key when the connection says so. */
  redirectUrl: string;
}

/**
 * Records an AuthnRequest the adapter is about to send, and signs its redirect when the connection
 * signs AuthnRequests: the SP private key never leaves the core, and it signs only a request to the
 * organization's own IdP that carries the ID just recorded.
 */
export async function recordAuthnRequest(ctx: CoreContext, organizationId: string, input: AuthnRequestInput): Promise<RecordedAuthnRequest> {
  authorizeSaml(ctx, organizationId);
  if (typeof input.id !== 'string' || !REQUEST_ID_RE.test(input.id))
    throw badInput('saml.authnRequest.id.invalid', 'the request ID must be an NCName of 32 to 128 characters', { field: 'id' });
  const returnTo = input.returnTo ?? null;
  if (returnTo !== null && (typeof returnTo !== 'string' || returnTo.length > MAX_RETURN_TO)) {
    throw badInput('saml.returnTo.invalid', `returnTo must be at most ${MAX_RETURN_TO} characters`, { field: 'returnTo' });
  }
  const binding = input.browserBinding ?? null;
  if (binding !== null && !BINDING_RE.test(binding))
    throw badInput('saml.browserBinding.invalid', 'browserBinding must be 32 to 128 base64url characters', { field: 'browserBinding' });
  return transact(ctx, organizationId, async (em) => {
    const c = await requireConnection(em, organizationId, true);
    const { samlRequest, relayState } = checkRedirect(input.redirectUrl, c.idpSsoUrl, input.id);
    await sql(em, `delete from saml_authn_requests where organization_id = ? and expires_at < now() - make_interval(secs => ?)`, [
      organizationId,
      AUTHN_REQUEST_RETENTION_SECONDS,
    ]);
    const r = Object.assign(new SamlAuthnRequest(), {
      id: input.id,
      organization: organizationId,
      returnTo,
      expiresAt: new Date(Date.now() + AUTHN_REQUEST_TTL_SECONDS * 1000),
      browserBindingHash: binding === null ? null : sha256(binding),
    });
    em.persist(r);
    await em.flush();
    if (input.testSignIn != null) await linkTestSignIn(em, organizationId, input.testSignIn, r.id);
    let redirectUrl = input.redirectUrl;
    if (c.signAuthnRequests && c.spPrivateKey) {
      // the adapter's query is replaced by the signed one; the SSO URL's own parameters stay
      redirectUrl = `${c.idpSsoUrl}${c.idpSsoUrl.includes('?') ? '&' : '?'}${signedRedirectQuery(samlRequest, relayState, open(c.spPrivateKey))}`;
    }
    return { id: r.id, expiresAt: r.expiresAt, redirectUrl };
  });
}

/** The redirect must go to the configured SSO URL and carry an AuthnRequest with the recorded ID, unsigned. */
function checkRedirect(redirectUrl: string, ssoUrl: string, id: string): { samlRequest: string; relayState: string | null } {
  const bad = (why: string) => badInput('saml.authnRequest.redirect.invalid', `redirectUrl ${why}`, { field: 'redirectUrl' });
  let u: URL;
  try {
    u = new URL(redirectUrl);
  } catch {
    throw bad('is not a URL');
  }
  const sso = new URL(ssoUrl);
  if (u.origin !== sso.origin || u.pathname !== sso.pathname) throw bad("does not go to the IdP's SSO URL");
  const samlRequest = u.searchParams.get('SAMLRequest');
  if (!samlRequest) throw bad('carries no SAMLRequest');
  if (u.searchParams.has('Signature') || u.searchParams.has('SigAlg')) throw bad('is already signed');
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(samlRequest, 'base64'), { maxOutputLength: 64 * 1024 }).toString('utf8');
  } catch {
    throw bad('carries a SAMLRequest that is not deflated XML');
  }
  if (!/^(<\?xml[^>]*\?>)?\s*<(\w+:)?AuthnRequest\b/.test(xml) || !xml.includes(` ID="${id}"`)) throw bad('carries no AuthnRequest with the recorded ID');
  return { samlRequest, relayState: u.searchParams.get('RelayState') };
}

export interface AssertionUseInput {
  /** The Assertion's ID: accepted once per organization. */
  assertionId: string;
  /** When the assertion stops being acceptable (the validator's notOnOrAfter); the cache keeps it until then plus the skew. */
  notOnOrAfter: Date;
  /** The Response's InResponseTo; null for an IdP-initiated (unsolicited) response. */
  inResponseTo?: string | null;
  /** The binding cookie's secret the browser posted the response with (see AuthnRequestInput). */
  browserBinding?: string | null;
}

export interface AssertionUse {
  /** The AuthnRequest answered (null when IdP-initiated). */
  authnRequestId: string | null;
  /** The return-to stored with the AuthnRequest. */
  returnTo: string | null;
  idpInitiated: boolean;
  /** The test sign-in the answered request belongs to (null for an ordinary sign-in), and whether it is a dry run. */
  testSignInId?: string | null;
  testSignInDryRun?: boolean | null;
}

/**
 * Accepts a validated assertion for sign-in, once: consumes the AuthnRequest its InResponseTo names
 * (which must have been issued for this organization, be unexpired and unused) or, for an
 * IdP-initiated response, checks that the connection allows those; then enters the assertion ID in
 * the replay cache. Both in one transaction: a refused assertion consumes nothing. Expired rows of
 * the organization are purged on the way (set-based).
 */
export async function consumeAssertion(ctx: CoreContext, organizationId: string, input: AssertionUseInput): Promise<AssertionUse> {
  authorizeSaml(ctx, organizationId);
  const assertionId = typeof input.assertionId === 'string' ? input.assertionId : '';
  if (!assertionId || assertionId.length > 256)
    throw badInput('saml.assertion.id.invalid', 'the assertion ID must be 1 to 256 characters', { field: 'assertionId' });
  const notOnOrAfter = input.notOnOrAfter instanceof Date ? input.notOnOrAfter : new Date(String(input.notOnOrAfter));
  if (!Number.isFinite(notOnOrAfter.getTime())) throw badInput('saml.assertion.notOnOrAfter.invalid', 'notOnOrAfter is not a date', { field: 'notOnOrAfter' });
  const inResponseTo = input.inResponseTo ?? null;
  return transact(ctx, organizationId, async (em) => {
    const c = await requireConnection(em, organizationId);
    let use: AssertionUse;
    if (inResponseTo === null) {
      if (!c.allowIdpInitiated)
        throw new AppError(
          'FORBIDDEN',
          'saml.idpInitiated.disallowed',
          'sign-in started at the identity provider (IdP-initiated) is not allowed for this organization',
          {},
        );
      use = { authnRequestId: null, returnTo: null, idpInitiated: true };
    } else {
      const rows = await sql<{ return_to: string | null; browser_binding_hash: string | null; test_id: string | null; test_dry_run: boolean | null }>(
        em,
        `update saml_authn_requests r set consumed_at = now()
          where id = ? and organization_id = ? and consumed_at is null and expires_at > now()
          returning return_to, browser_binding_hash,
                    (select t.id from saml_test_sign_ins t where t.authn_request_id = r.id and t.organization_id = r.organization_id) as test_id,
                    (select t.dry_run from saml_test_sign_ins t where t.authn_request_id = r.id and t.organization_id = r.organization_id) as test_dry_run`,
        [inResponseTo, organizationId],
      );
      if (!rows.length) throw await whyNotConsumable(em, organizationId, inResponseTo);
      const bound = rows[0]!.browser_binding_hash;
      const sent = typeof input.browserBinding === 'string' && BINDING_RE.test(input.browserBinding) ? sha256(input.browserBinding) : null;
      // thrown inside the transaction: the request stays unconsumed for the browser that started it
      if (bound !== null && (sent === null || !safeEqual(sent, bound))) {
        throw new AppError(
          'FORBIDDEN',
          'saml.inResponseTo.otherBrowser',
          'the response answers a sign-in started in another browser (its binding cookie is missing or different)',
          {},
        );
      }
      use = {
        authnRequestId: inResponseTo,
        returnTo: rows[0]!.return_to,
        idpInitiated: false,
        testSignInId: rows[0]!.test_id,
        testSignInDryRun: rows[0]!.test_dry_run,
      };
    }
    await sql(em, 'delete from saml_used_assertions where organization_id = ? and expires_at < now()', [organizationId]);
    const expiresAt = new Date(Math.max(notOnOrAfter.getTime(), Date.now()) + c.clockSkewSeconds * 1000);
    // a concurrent use of the same ID waits here for the first one's commit, then finds the row
    const inserted = await sql(
      em,
      `insert into saml_used_assertions (organization_id, assertion_id, used_at, expires_at) values (?, ?, now(), ?)
       on conflict (organization_id, assertion_id) do nothing returning assertion_id`,
      [organizationId, assertionId, expiresAt],
    );
    if (!inserted.length) throw new AppError('CONFLICT', 'saml.assertion.replayed', 'this assertion has already been used to sign in', {});
    return use;
  });
}

async function whyNotConsumable(em: CoreContext['em'], organizationId: string, id: string): Promise<AppError> {
  const rows = await sql<{ organization_id: string; expired: boolean; consumed: boolean }>(
    em,
    'select organization_id, expires_at <= now() as expired, consumed_at is not null as consumed from saml_authn_requests where id = ?',
    [id],
  );
  const r = rows[0];
  if (!r) return new AppError('NOT_FOUND', 'saml.inResponseTo.unknown', 'the response answers no sign-in request this service issued', {});
  if (r.organization_id !== organizationId)
    return new AppError('NOT_FOUND', 'saml.inResponseTo.otherOrganization', 'the response answers a sign-in request issued for another organization', {});
  if (r.consumed) return new AppError('CONFLICT', 'saml.inResponseTo.used', 'the sign-in request this response answers has already been completed', {});
  return new AppError('PRECONDITION_FAILED', 'saml.inResponseTo.expired', 'the sign-in request this response answers has expired', {});
}

/**
 * The SAML adapter's flows as plain functions: request values in, a result out (a redirect, a
 * document, or a failure as data). They reach the core only through GraphQL operations run by the
 * SamlContext; the router (router.ts) turns results into HTTP.
 */
import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { failure, type SamlFailure } from './error-page.js';
import { spMetadataXml } from './metadata.js';
import {
  CONNECTION,
  CONSUME_ASSERTION,
  DECRYPT_ASSERTION,
  END_SESSION,
  IDP_INITIATED_LANDING,
  RECORD_AUTHN_REQUEST,
  RESOLVE_ORGANIZATION,
  SESSION,
  SIGN_IN,
  type Connection,
  type ConsumedAssertion,
  type DecryptedAssertion,
  type EndedSession,
  type IdpInitiatedLanding,
  type RecordedAuthnRequest,
  type ResolvedOrganization,
  type SessionResult,
  type SignedIn,
} from './operations.js';
import { recordTestResult, testCompletePage, testFailure, testRelayState, testTokenFromQuery, testTokenFromRelayState } from './test-sign-in.js';
import { asciiUrl, checkReturnTo } from './return-to.js';
import type { OperationOutcome, SamlContext } from './saml-context.js';
import { bindingCookie } from './binding-cookie.js';
import { clearedSessionCookie, sessionCookie, type SessionCookie } from '../shared/session-cookie.js';
import { SamlDecryptionRefused, validateSamlResponse, type SamlRejection, type SamlTrust } from './validate-response.js';
import { DATABASE_UNAVAILABLE } from '../shared/database-outage.js';

/** The ID of a SAML message this SP sends (AuthnRequest, LogoutRequest, LogoutResponse): 160 random bits after `_` (an xs:ID may not start with a digit). */
export const newMessageId = (): string => `_${randomBytes(20).toString('hex')}`;

export type SamlResult =
  | { kind: 'redirect'; status: 302 | 303; location: string; cookies?: string[] }
  | { kind: 'document'; contentType: string; body: string; cookies?: string[]; contentSecurityPolicy?: string }
  | { kind: 'json'; status: number; body: unknown; cookies?: string[] }
  | { kind: 'empty'; status: 204; cookies?: string[] }
  | { kind: 'failure'; failure: SamlFailure; organizationName?: string | null; log?: Record<string, unknown> };

export const fail = (f: SamlFailure, organizationName?: string | null, log?: Record<string, unknown>): SamlResult => ({
  kind: 'failure',
  failure: f,
  organizationName,
  log,
});

export type OperationError = Extract<OperationOutcome<unknown>, { ok: false }>['error'];

/** A failed operation: core refusals keep their status class; anything else is an internal fault. */
export function operationFailure(e: OperationError, stage: string, message: string, status = 403, retryUrl: string | null = null): SamlFailure {
  // the database is unreachable or restarting: retryable (503 with Retry-After, as the router answers a thrown outage), not a refusal
  if (e.code === DATABASE_UNAVAILABLE.code && e.reason === DATABASE_UNAVAILABLE.reason)
    return failure(503, 'unavailable', 'Sign-in is unavailable at the moment. Please try again in a minute.', e.message, retryUrl);
  if (e.code === 'INTERNAL_SERVER_ERROR' || !e.reason)
    return failure(500, `${stage}.internal`, 'Something went wrong on our side. Please try again later.', e.message);
  return failure(status, e.reason, message, e.message, retryUrl);
}

export interface Found {
  org: { id: string; slug: string; name: string };
  connection: Connection;
}

/** The organization the `{org}` slug names, and its connection (404 when unknown, or not configured when that is required). */
export async function load(sc: SamlContext, slug: string, requireConfigured: boolean): Promise<Found | SamlResult> {
  const r = await sc.run<ResolvedOrganization>(null, RESOLVE_ORGANIZATION, { slug });
  // a slug the core refuses as input (a NUL) names no organization, like any other unknown one
  if (!r.ok && r.error.code !== 'BAD_USER_INPUT') return fail(operationFailure(r.error, 'organization', 'Something went wrong on our side.'));
  const org = r.ok ? r.data.samlOrganization : null;
  if (!org)
    return fail(
      failure(
        404,
        'organization.notFound',
        'There is no sign-in page at this address. Check the link you followed.',
        `slug ${JSON.stringify(slug.slice(0, 80))}`,
      ),
    );
  const c = await sc.run<{ samlConnection: Connection }>(org.id, CONNECTION, { org: org.id });
  if (!c.ok) return fail(operationFailure(c.error, 'connection', 'Something went wrong on our side.'), org.name);
  if (requireConfigured && !c.data.samlConnection.configured) {
    return fail(failure(404, 'samlConnection.notConfigured', 'Single sign-on is not set up for this organization yet. Ask your administrator.'), org.name);
  }
  return { org, connection: c.data.samlConnection };
}

export const isResult = (x: Found | SamlResult): x is SamlResult => 'kind' in x;

/** GET /saml/{org}/metadata: our SP metadata for the IdP admin (works before the connection is configured). */
/**
 * GET /saml/{org}/acs: the address opened in a browser (an admin checking a URL of the guide, a
 * bookmark). The identity provider posts to it; the page says so and offers the sign-in page.
 */
export async function acsOpened(sc: SamlContext, slug: string): Promise<SamlResult> {
  const found = await load(sc, slug, false);
  if (isResult(found)) return found;
  const message =
    'This address receives the sign-in response your identity provider posts to this service; it cannot be opened on its own. To sign in, start at the sign-in page.';
  return fail(failure(405, 'request.method', message, 'GET on the ACS, which takes HTTP-POST', found.connection.serviceProvider.loginUrl), found.org.name);
}

export async function metadata(sc: SamlContext, slug: string): Promise<SamlResult> {
  const found = await load(sc, slug, false);
  if (isResult(found)) return found;
  const c = found.connection;
  try {
    const body = spMetadataXml({
      entityId: c.serviceProvider.entityId,
      acsUrl: c.serviceProvider.acsUrl,
      sloUrl: c.serviceProvider.sloUrl,
      nameIdFormat: c.nameIdFormat,
      signingCertificate: c.signAuthnRequests && c.spCertificate ? c.spCertificate.pem : undefined,
      encryptionCertificate: c.wantAssertionsEncrypted && c.spCertificate ? c.spCertificate.pem : undefined,
      // a staged next key (SP key rollover) is published beside the active one, for the same uses
      nextCertificate: c.spNextCertificate?.pem,
      wantAssertionsSigned: c.wantAssertionsSigned,
      authnRequestsSigned: c.signAuthnRequests,
    });
    return { kind: 'document', contentType: 'application/samlmetadata+xml; charset=utf-8', body };
  } catch (err) {
    // e.g. an http ACS URL on a public host: set PUBLIC_URL to the https address
    return fail(failure(500, 'metadata.invalid', 'The SP metadata cannot be produced with the current configuration.', (err as Error).message), found.org.name);
  }
}

/**
 * GET /saml/{org}/login?returnTo=…: SP-initiated sign-in, an AuthnRequest over the HTTP-Redirect binding.
 * With `testSignIn=<secret>` (test-sign-in.ts) the request is a test's: no return-to, the secret as RelayState.
 */
export async function login(
  sc: SamlContext,
  slug: string,
  returnToParam: unknown,
  bindingFromCookie: string | null,
  testSignInParam?: unknown,
): Promise<SamlResult> {
  const found = await load(sc, slug, true);
  if (isResult(found)) return found;
  const { org, connection: c } = found;
  const test = testTokenFromQuery(testSignInParam);
  if (test === false) return fail(failure(400, 'testSignIn.invalid', 'This test sign-in link is not valid. Start a new test from the setup page.'), org.name);
  let returnTo: string | null = null;
  if (test === null && returnToParam !== undefined && returnToParam !== '') {
    const check = checkReturnTo(returnToParam, sc.publicUrl, c.allowedRedirectHosts);
    if (!check.ok) return fail(failure(400, 'returnTo.refused', 'The page to return to after sign-in is not allowed.', check.why), org.name);
    returnTo = check.url;
  }
  const id = newMessageId();
  const saml = new SAML({
    entryPoint: c.idpSsoUrl!,
    issuer: c.serviceProvider.entityId,
    callbackUrl: c.serviceProvider.acsUrl,
    audience: c.serviceProvider.entityId,
    idpCert: c.idpCertificates.map((x) => x.pem),
    identifierFormat: c.nameIdFormat,
    generateUniqueId: () => id,
    // node-saml's default is SHA-1; we never sign here (the core does, see recordSamlAuthnRequest), but say so
    signatureAlgorithm: 'sha256',
    // the IdP picks the authentication context (password, MFA, …); "exact PasswordProtectedTransport" breaks MFA at some IdPs
    disableRequestedAuthnContext: true,
    validateInResponseTo: ValidateInResponseTo.never, // ours, in PostgreSQL
  });
  const unsigned = await saml.getAuthorizeUrlAsync(test ? testRelayState(test) : '', undefined, {});
  // over https the request is bound to this browser (see bindingCookie); the cookie's value is reused
  const binding = sc.publicUrl.startsWith('https:') ? (bindingFromCookie ?? randomBytes(32).toString('base64url')) : null;
  const r = await sc.run<RecordedAuthnRequest>(org.id, RECORD_AUTHN_REQUEST, {
    org: org.id,
    input: { id, returnTo, redirectUrl: unsigned, browserBinding: binding, ...(test ? { testSignIn: test } : {}) },
  });
  if (!r.ok && r.error.reason === 'saml.testSignIn.unknown')
    return fail(
      operationFailure(r.error, 'authnRequest', 'This test sign-in has expired or is finished. Start a new test from the setup page.', 400),
      org.name,
    );
  if (!r.ok) return fail(operationFailure(r.error, 'authnRequest', 'The sign-in could not be started.', 400), org.name);
  const recorded = r.data.recordSamlAuthnRequest;
  const cookies = binding ? [bindingCookie(binding, (Date.parse(String(recorded.expiresAt)) - Date.now()) / 1000, sc.publicUrl)] : [];
  return { kind: 'redirect', status: 302, location: recorded.redirectUrl, cookies };
}

const REJECTION_MESSAGES: Partial<Record<SamlRejection, string>> = {
  expired: 'The sign-in response has expired. Please sign in again.',
  not_yet_valid: 'The sign-in response is not valid yet: the clocks of your identity provider and of this service disagree. Please try again in a minute.',
  status: 'Your identity provider reported that the sign-in did not succeed.',
  nameid_transient:
    'Your identity provider sent a one-time name identifier (transient), which cannot identify you from one sign-in to the next. Ask your administrator to set the Name ID format to EmailAddress.',
  encrypted_unsupported:
    'Your identity provider encrypted the sign-in response in a way this service cannot decrypt (no decryption key is set up, or the method is not supported). Ask your administrator to check the assertion encryption settings.',
  not_encrypted:
    'This organization accepts only encrypted sign-in responses, but your identity provider sent an unencrypted one. Ask your administrator to turn on assertion encryption at the identity provider.',
  weak_encryption:
    'Your identity provider encrypted the sign-in response with an outdated method that this service refuses. Ask your administrator to choose RSA-OAEP and AES-GCM (or AES-CBC) at the identity provider.',
  sp_key_retired:
    'Your identity provider encrypted the sign-in response to a certificate of this service that has been retired. Ask your administrator to give the identity provider the current certificate from the SP metadata.',
  // decryption_failed on purpose has no message of its own: from decryption until the decrypted
  // assertion's signature has verified, every failure looks the same from outside (no padding or
  // XML-parsing oracle on chosen ciphertexts). Nor has xml_limits (XML over a structural limit, which
  // a decrypted assertion may be too).
};

/** The core's refusals of `decryptSamlAssertion`, as validation reasons. */
const DECRYPTION_REFUSALS: Record<string, SamlDecryptionRefused['reason']> = {
  'saml.decrypt.weakAlgorithm': 'weak_encryption',
  'saml.decrypt.unsupportedAlgorithm': 'encrypted_unsupported',
  'saml.decrypt.noKey': 'encrypted_unsupported',
  'saml.decrypt.failed': 'decryption_failed',
  'saml.decrypt.malformed': 'malformed',
  'saml.decrypt.retiredKey': 'sp_key_retired',
};

const SIGN_IN_MESSAGES: Record<string, string> = {
  'signIn.userDeactivated': 'Your account has been deactivated. Contact your administrator.',
  'signIn.unknownUser': 'Your account has not been set up for this application yet. Contact your administrator.',
  'signIn.domainNotAllowed': 'Accounts from your email domain cannot be created here. Contact your administrator.',
  'policy.seatLimit.reached': 'All seats of your organization are in use, so no new account can be created. Contact your administrator.',
};

/**
 * POST /saml/{org}/acs: validates the response strictly, accepts the assertion once (the AuthnRequest
 * it answers, or IdP-initiated if allowed), checks where it lands, then signs in. Any refusal is a
 * failure with no session and no change to the user (the only thing that may have been written is
 * the replay-cache entry of a valid assertion).
 */
export async function acs(sc: SamlContext, slug: string, form: URLSearchParams, bindingFromCookie: string | null): Promise<SamlResult> {
  const found = await load(sc, slug, true);
  if (isResult(found)) return found;
  const { org, connection: c } = found;
  const retry = c.serviceProvider.loginUrl;
  const posted = readAcsForm(form, retry);
  if ('failure' in posted) return fail(posted.failure, org.name);

  // a test's secret, so that a response refused before it is consumed is reported to the test
  const testToken = testTokenFromRelayState(posted.relayState);
  const decryption = coreDecryption(sc, org.id, c.spPrivateKeyConfigured);
  const v = await validateSamlResponse(posted.samlResponse, trustOf(c, decryption.decryptAssertion));
  // a test's page leads back to the setup page, not into an ordinary sign-in
  const refusal = (f: SamlFailure): SamlFailure => (testToken ? testFailure(f) : f);
  if (decryption.fault)
    return fail(refusal(operationFailure(decryption.fault, 'decrypt', 'The sign-in response could not be processed.', 400, retry)), org.name);
  if (!v.ok) {
    if (testToken) await recordTestResult(sc, org.id, { token: testToken, failureReason: v.reason, failureMessage: v.detail });
    const message = REJECTION_MESSAGES[v.reason] ?? 'The sign-in response from your identity provider could not be verified.';
    return fail(refusal(failure(400, `validate.${v.reason}`, message, v.detail, retry)), org.name);
  }
  const a = v.assertion;
  // from here on the log names the assertion and, once known, the user by id, never the person's
  // NameID or attribute values (which the router redacts from every logged detail as well)
  sc.notePersonal([a.nameId, ...Object.values(a.attributes).flat()]);
  const who = { assertionId: a.assertionId, inResponseTo: a.inResponseTo };

  const used = await sc.run<ConsumedAssertion>(org.id, CONSUME_ASSERTION, {
    org: org.id,
    input: { assertionId: a.assertionId, notOnOrAfter: a.notOnOrAfter.toISOString(), inResponseTo: a.inResponseTo, browserBinding: bindingFromCookie },
  });
  if (!used.ok) {
    if (testToken) await recordTestResult(sc, org.id, { token: testToken, failureReason: used.error.reason, failureMessage: used.error.message, assertion: a });
    return fail(refusal(consumeFailure(used.error, retry)), org.name, who);
  }
  const u = used.data.consumeSamlAssertion;
  if (u.testSignInId) return testSignIn(sc, org, a, { id: u.testSignInId, dryRun: u.testSignInDryRun === true }, retry, who);
  // the RelayState names a test, but the request answered is no longer the test's (its login URL was
  // opened again, which links the newer request): never an ordinary sign-in, which a dry run is not
  if (testToken)
    return fail(
      failure(
        400,
        'testSignIn.superseded',
        'This test sign-in was started again in another window or tab since this one: finish it there, or start a new test from the setup page.',
        'the RelayState names a test that the answered AuthnRequest is no longer linked to',
      ),
      org.name,
      who,
    );
  const target = landingTarget(sc, c, u, posted.relayState, retry);
  if (typeof target !== 'string') return fail(target, org.name, who);
  // a dashboard tile without a RelayState: the client the connection names, if any (docs/OIDC.md "IdP-initiated sign-in")
  let landing: IdpInitiatedLanding = null;
  if (u.idpInitiated && posted.relayState === null) {
    const l = await sc.run<{ samlConnection: { idpInitiatedLanding: IdpInitiatedLanding } }>(org.id, IDP_INITIATED_LANDING, { org: org.id });
    if (!l.ok) return fail(operationFailure(l.error, 'landing', 'Something went wrong on our side.'), org.name, who);
    landing = l.data.samlConnection.idpInitiatedLanding;
  }

  const s = await sc.run<SignedIn>(org.id, SIGN_IN, {
    org: org.id,
    input: { subject: a.nameId, attributes: a.attributes, sessionIndex: a.sessionIndex, authnContextClassRef: a.authnContextClassRef },
  });
  if (!s.ok) return fail(signInFailure(s.error, retry), org.name, { ...who, ...(s.error.userId ? { userId: s.error.userId } : {}) });
  const handOff = landing ? clientHandOff(sc, landing, s.data.signIn.user) : null;
  return signedIn(sc, org.id, s.data.signIn, u.idpInitiated, decryption.algorithms, handOff ?? target, landing?.clientId);
}

/**
 * Where an IdP-initiated sign-in goes to reach the connection's OpenID Connect client: its
 * initiate-login URI with `iss`, `login_hint` and `target_link_uri` (OpenID Connect Core §4), so
 * that the client sends an ordinary authorization request (its own state and PKCE) which the session
 * just opened answers; without one, the client's target link, a page that starts its sign-in.
 * Never an authorization code the client did not ask for (docs/OIDC.md "IdP-initiated sign-in").
 */
function clientHandOff(sc: SamlContext, landing: NonNullable<IdpInitiatedLanding>, user: SignedIn['signIn']['user']): string | null {
  if (!landing.initiateLoginUri) return landing.targetLinkUri ?? null;
  const url = new URL(landing.initiateLoginUri);
  url.searchParams.set('iss', `${sc.publicUrl}/oidc`);
  const hint = user.emails.find((e) => e.primary)?.value ?? user.emails[0]?.value ?? user.userName;
  if (hint) url.searchParams.set('login_hint', hint);
  if (landing.targetLinkUri) url.searchParams.set('target_link_uri', landing.targetLinkUri);
  return url.href;
}

/**
 * The ACS of a test sign-in, once the response is valid and consumed: a dry run records what arrived
 * and what the mappings would make of it, and signs no one in; otherwise the person is signed in as
 * usual (session cookie included). Either way the browser gets the "test sign-in complete" page.
 */
async function testSignIn(
  sc: SamlContext,
  org: Found['org'],
  a: Extract<Awaited<ReturnType<typeof validateSamlResponse>>, { ok: true }>['assertion'],
  test: { id: string; dryRun: boolean },
  retry: string,
  who: Record<string, unknown>,
): Promise<SamlResult> {
  const page = (cookies: string[] = []): SamlResult => ({
    kind: 'document',
    contentType: 'text/html; charset=utf-8',
    body: testCompletePage(org.name, test.dryRun),
    cookies,
  });
  if (test.dryRun) {
    await recordTestResult(sc, org.id, { id: test.id, assertion: a });
    return page();
  }
  const s = await sc.run<SignedIn>(org.id, SIGN_IN, {
    org: org.id,
    input: { subject: a.nameId, attributes: a.attributes, sessionIndex: a.sessionIndex, authnContextClassRef: a.authnContextClassRef },
  });
  if (!s.ok) {
    await recordTestResult(sc, org.id, { id: test.id, assertion: a, failureReason: s.error.reason || s.error.code, failureMessage: s.error.message });
    return fail(testFailure(signInFailure(s.error, retry)), org.name, { ...who, ...(s.error.userId ? { userId: s.error.userId } : {}) });
  }
  await recordTestResult(sc, org.id, { id: test.id, assertion: a, userId: s.data.signIn.user.id, created: s.data.signIn.created });
  const signed = signedIn(sc, org.id, s.data.signIn, false, null, '/');
  return page(signed.kind === 'redirect' ? signed.cookies : []);
}

/** The ACS form: exactly one SAMLResponse, at most one RelayState (an empty one is none). */
function readAcsForm(form: URLSearchParams, retry: string): { samlResponse: string; relayState: string | null } | { failure: SamlFailure } {
  const responses = form.getAll('SAMLResponse');
  if (responses.length !== 1 || !responses[0])
    return { failure: failure(400, 'request.samlResponse', 'The sign-in response is missing.', `${responses.length} SAMLResponse fields`, retry) };
  const relayStates = form.getAll('RelayState');
  if (relayStates.length > 1)
    return { failure: failure(400, 'request.relayState', 'The sign-in response is malformed.', `${relayStates.length} RelayState fields`, retry) };
  return { samlResponse: responses[0], relayState: relayStates[0] || null };
}

/**
 * Encrypted assertions are decrypted by the core, which holds the SP key; the validator calls
 * `decryptAssertion` once the Response signature (if any) has verified, and validates the plaintext
 * it returns. Remembers the algorithms used (for the sign-in log line) and a fault of the operation
 * (which is a server error, not a refusal of the response).
 */
function coreDecryption(sc: SamlContext, organizationId: string, keyConfigured: boolean) {
  const decryption: { fault: OperationError | null; algorithms: string[] | null; decryptAssertion: SamlTrust['decryptAssertion'] } = {
    fault: null,
    algorithms: null,
    decryptAssertion: undefined,
  };
  if (!keyConfigured) return decryption;
  decryption.decryptAssertion = async (encryptedAssertionXml) => {
    const r = await sc.run<DecryptedAssertion>(organizationId, DECRYPT_ASSERTION, { org: organizationId, input: { encryptedAssertionXml } });
    if (r.ok) {
      const d = r.data.decryptSamlAssertion;
      decryption.algorithms = [d.keyTransportAlgorithm, d.contentEncryptionAlgorithm];
      return d.assertionXml;
    }
    const reason = DECRYPTION_REFUSALS[r.error.reason];
    if (reason) throw new SamlDecryptionRefused(reason, r.error.message);
    decryption.fault = r.error;
    throw new Error('the decryption operation failed');
  };
  return decryption;
}

/** What the validator trusts: the connection's IdP and this SP. */
function trustOf(c: Connection, decryptAssertion: SamlTrust['decryptAssertion']): SamlTrust {
  return {
    idpEntityId: c.idpEntityId!,
    idpCertificates: c.idpCertificates.map((x) => x.pem),
    spEntityId: c.serviceProvider.entityId,
    acsUrl: c.serviceProvider.acsUrl,
    wantAssertionsSigned: c.wantAssertionsSigned,
    wantResponseSigned: c.wantResponseSigned,
    clockSkewMs: c.clockSkewSeconds * 1000,
    decryptAssertion,
    requireEncryptedAssertions: c.wantAssertionsEncrypted,
  };
}

/** The core's refusal to consume the assertion (replay, unknown or used request, IdP-initiated not allowed, another browser). */
function consumeFailure(e: OperationError, retry: string): SamlFailure {
  const message =
    e.reason === 'saml.idpInitiated.disallowed'
      ? "Sign-in has to start at this application, not at your identity provider's dashboard."
      : e.reason === 'saml.assertion.replayed'
        ? 'This sign-in response has already been used. Please sign in again.'
        : e.reason === 'saml.inResponseTo.otherBrowser'
          ? 'This sign-in was started in a different browser. Please start it again here.'
          : 'This sign-in was not started here, or it took too long. Please start again.';
  const status = e.reason === 'saml.idpInitiated.disallowed' || e.reason === 'saml.inResponseTo.otherBrowser' ? 403 : 400;
  return operationFailure(e, 'consume', message, status, retry);
}

/**
 * Where the sign-in lands. SP-initiated: the return-to stored with the request (checked again: the
 * allowed hosts may have changed since); IdP-initiated: the RelayState, if any; else the configured
 * default (as a Location header can carry it; the return-to check does the same), else `/`.
 */
function landingTarget(
  sc: SamlContext,
  c: Connection,
  u: ConsumedAssertion['consumeSamlAssertion'],
  relayState: string | null,
  retry: string,
): string | SamlFailure {
  const wanted = u.idpInitiated ? relayState : u.returnTo;
  const fallback = asciiUrl(c.defaultRedirectUrl ?? '/');
  if (wanted === null) return fallback;
  const check = checkReturnTo(wanted, sc.publicUrl, c.allowedRedirectHosts);
  if (!check.ok) return failure(400, 'returnTo.refused', 'The page to return to after sign-in is not allowed.', check.why, retry);
  return check.url;
}

/** The core's refusal to sign in: what the person is told, and the status by the error's code. */
function signInFailure(e: OperationError, retry: string): SamlFailure {
  const message =
    SIGN_IN_MESSAGES[e.reason] ??
    (e.code === 'SEAT_LIMIT'
      ? SIGN_IN_MESSAGES['policy.seatLimit.reached']!
      : e.code === 'BAD_USER_INPUT'
        ? 'Your identity provider sent account details that could not be accepted. Contact your administrator.'
        : e.code === 'TRY_AGAIN'
          ? 'The service was too busy to finish your sign-in. Sign in again.'
          : 'Your sign-in was refused. Contact your administrator.');
  const status = e.code === 'BAD_USER_INPUT' ? 400 : e.code === 'CONFLICT' ? 409 : e.code === 'TRY_AGAIN' ? 503 : 403;
  return operationFailure(e, 'signIn', message, status, e.code === 'TRY_AGAIN' ? retry : null);
}

/** A successful sign-in: logged (by ids), the session cookie set, and a 303 to the target. */
function signedIn(
  sc: SamlContext,
  organizationId: string,
  signed: SignedIn['signIn'],
  idpInitiated: boolean,
  algorithms: string[] | null,
  target: string,
  handedToClient?: string,
): SamlResult {
  if (signed.refusedAttributes.length) {
    // field and reason only: the messages quote the values refused
    sc.log.warn('SAML sign-in left out attribute values the user model refuses', {
      organizationId,
      userId: signed.user.id,
      refused: signed.refusedAttributes.map((r) => ({ field: r.field, reason: r.reason })),
    });
  }
  sc.log.info('SAML sign-in', {
    organizationId,
    userId: signed.user.id,
    created: signed.created,
    idpInitiated,
    ...(handedToClient ? { handedToClient } : {}),
    skippedFields: signed.skippedFields,
    ...(algorithms ? { encryption: algorithms } : {}),
  });
  const maxAge = (Date.parse(signed.sessionExpiresAt) - Date.now()) / 1000;
  const cookie = sessionCookie({ organizationId, token: signed.sessionToken }, maxAge, sc.publicUrl.startsWith('https:'));
  return { kind: 'redirect', status: 303, location: target, cookies: [cookie] };
}

/** GET /auth/session: the signed-in user as JSON, 401 when there is no live session. */
export async function currentSession(sc: SamlContext, cookie: SessionCookie | null): Promise<SamlResult> {
  const secure = sc.publicUrl.startsWith('https:');
  const none = (clear: boolean): SamlResult => ({
    kind: 'json',
    status: 401,
    body: { error: 'not signed in' },
    cookies: clear ? [clearedSessionCookie(secure)] : [],
  });
  if (!cookie) return none(false);
  const r = await sc.run<SessionResult>(cookie.organizationId, SESSION, { org: cookie.organizationId, token: cookie.token });
  if (!r.ok) {
    if (r.error.code === 'INTERNAL_SERVER_ERROR') return fail(operationFailure(r.error, 'session', ''));
    return none(true); // e.g. the organization no longer exists
  }
  if (!r.data.session) return none(true);
  return { kind: 'json', status: 200, body: { user: r.data.session.user, organization: r.data.organization, expiresAt: r.data.session.expiresAt } };
}

/** POST /auth/logout: ends the session server-side and removes the cookie. */
export async function logout(sc: SamlContext, cookie: SessionCookie | null): Promise<SamlResult> {
  if (cookie) {
    const r = await sc.run<EndedSession>(cookie.organizationId, END_SESSION, { org: cookie.organizationId, token: cookie.token });
    if (!r.ok && r.error.code === 'INTERNAL_SERVER_ERROR') return fail(operationFailure(r.error, 'logout', ''));
  }
  return { kind: 'empty', status: 204, cookies: [clearedSessionCookie(sc.publicUrl.startsWith('https:'))] };
}

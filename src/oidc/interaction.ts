import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import type { Logger } from '../shared/logger.js';
import { isTemporarilyUnavailable, type OidcOperations } from './oidc-context.js';
import { isDatabaseUnavailable } from '../shared/database-outage.js';
import { answeringSession, readIdmSession, type LiveSession } from './idm-session.js';
import { readSessionCookie } from '../shared/session-cookie.js';
import { ORGANIZATION, RECORD_SIGN_IN, type ResolvedOrganization } from './operations.js';
import { emailPage, errorPage, PAGE_CSP } from './pages.js';
import { wantedOrganization, type WantedOrganization } from './provider.js';

/**
 * The provider's interactions (docs/OIDC.md "The flow"): which organization (`organization`,
 * `login_hint`, else the work-email page), then the organization's own SP-initiated SAML sign-in
 * with a return-to back here, then the session that sign-in opened (`idm_session`, read through the
 * GraphQL `session` query) finishes the login; consent is given by the operator's registration of
 * the client, so it is granted without a page.
 */

const MAX_FORM_BYTES = 4096;

type Org = NonNullable<ResolvedOrganization['oidcOrganization']>;

export interface InteractionDeps {
  provider: Provider;
  ops: OidcOperations;
  log: Logger;
  /** The external base URL (the issuer without "/oidc"). */
  base: string;
}

function page(ctx: Koa.Context, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', PAGE_CSP);
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = html;
}

function refuse(ctx: Koa.Context, deps: InteractionDeps, status: number, reason: string, title: string, message: string): void {
  deps.log[status >= 500 ? 'error' : 'warn']('OIDC interaction refused', { ref: deps.ops.requestId, status, reason, path: ctx.path });
  page(ctx, status, errorPage(title, message, deps.ops.requestId));
}

/** A 303 (an empty body, not null: Koa turns a null body into a 204, which browsers do not follow). */
function redirect(ctx: Koa.Context, location: string): void {
  ctx.status = 303;
  ctx.set('Location', location);
  ctx.body = '';
}

/** GET /oidc/interaction/:uid, POST …/email, GET …/saml. */
export async function interaction(ctx: Koa.Context, deps: InteractionDeps, uid: string, step: string | undefined): Promise<void> {
  let details: InteractionDetails;
  try {
    details = await deps.provider.interactionDetails(ctx.req, ctx.res);
  } catch (err) {
    // a database that does not answer is not an expired sign-in (router.ts answers 503)
    if (isTemporarilyUnavailable(err) || isDatabaseUnavailable(err)) throw err;
    details = null as unknown as InteractionDetails;
  }
  if (!details || details.uid !== uid) {
    return refuse(
      ctx,
      deps,
      400,
      'interaction.unknown',
      'Sign-in expired',
      'This sign-in has expired or was started in another browser. Go back to the application and sign in again.',
    );
  }
  if (details.prompt.name === 'consent') return consent(ctx, deps, details);
  if (details.prompt.name !== 'login')
    return refuse(ctx, deps, 400, 'interaction.prompt', 'Sign-in could not be completed', 'This sign-in asks for something this service does not offer.');
  if (step === '/saml' && ctx.method === 'GET') return finishLogin(ctx, deps, details);

  let org: Org | null;
  // absolute, from PUBLIC_URL: behind a proxy that strips a path prefix, ctx.path lacks it
  const emailAction = `${deps.base}/oidc/interaction/${uid}/email`;
  if (step === '/email') {
    if (ctx.method !== 'POST') return page(ctx, 200, emailPage(emailAction));
    const email = await readEmail(ctx);
    if (email === null) return page(ctx, 400, emailPage(emailAction, { error: 'Enter your work email address, such as name@company.com.' }));
    const r = await deps.ops.must<ResolvedOrganization>(null, ORGANIZATION, { email });
    org = r.oidcOrganization;
    if (!org)
      return page(
        ctx,
        200,
        emailPage(emailAction, { email, error: 'No organization signs in with this email domain here. Check the address, or ask your administrator.' }),
      );
  } else if (!step && ctx.method === 'GET') {
    const wanted = await wantedOrganization(deps.ops, details.params);
    if (wanted.kind === 'unknown' && wanted.by === 'slug')
      return refuse(
        ctx,
        deps,
        404,
        'organization.notFound',
        'Organization not found',
        'The application asked to sign you in with an organization that does not exist here.',
      );
    const live = await reusableSession(ctx, deps, details, wanted);
    if (live) return completeLogin(ctx, deps, details, live, 'reused');
    if (wanted.kind === 'found') org = wanted.org;
    else return page(ctx, 200, emailPage(emailAction));
  } else return refuse(ctx, deps, 405, 'interaction.method', 'Sign-in could not be completed', 'This address does not accept that request.');

  if (!org.samlConfigured)
    return refuse(
      ctx,
      deps,
      409,
      'samlConnection.notConfigured',
      'Single sign-on is not set up',
      `Single sign-on is not set up for ${org.name} yet. Ask your administrator.`,
    );
  // remembered with the interaction (server side): the session that comes back must be of this organization
  await deps.provider.interactionResult(ctx.req, ctx.res, { idmOrganization: org.id }, { mergeWithLastSubmission: true });
  const back = `${deps.base}/oidc/interaction/${uid}/saml`;
  redirect(ctx, `${deps.base}/saml/${encodeURIComponent(org.slug)}/login?returnTo=${encodeURIComponent(back)}`);
}

async function readEmail(ctx: Koa.Context): Promise<string | null> {
  if (!ctx.is('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  const email = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('email')?.trim() ?? '';
  // no NUL (which no organization's domain holds, and the core refuses as text)
  return /^[^\s@\0]{1,64}@[^\s@\0]{1,253}$/.test(email) ? email : null;
}

/** Back from the SAML sign-in: the session it opened must be of the interaction's organization. */
async function finishLogin(ctx: Koa.Context, deps: InteractionDeps, details: InteractionDetails): Promise<void> {
  const orgId = typeof details.result?.idmOrganization === 'string' ? details.result.idmOrganization : null;
  if (!orgId)
    return refuse(
      ctx,
      deps,
      400,
      'interaction.noOrganization',
      'Sign-in could not be completed',
      'This sign-in was not started here. Go back to the application and sign in again.',
    );
  const cookie = readSessionCookie(ctx.get('cookie'));
  if (!cookie || cookie.organizationId !== orgId)
    return refuse(
      ctx,
      deps,
      403,
      'session.otherOrganization',
      'Sign-in could not be completed',
      'You are not signed in with an account of the organization the application asked for. Sign in again with your work account.',
    );
  const live = await readIdmSession(deps.ops, cookie);
  if (!live)
    return refuse(
      ctx,
      deps,
      403,
      'session.none',
      'Sign-in could not be completed',
      'Your sign-in has ended or your account is not active. Contact your administrator.',
    );
  return completeLogin(ctx, deps, details, live, 'saml');
}

/**
 * Login reasons a live session of ours may answer without another SAML round trip: the provider has
 * no session yet (e.g. after an IdP-initiated sign-in), its session is of another organization than
 * the request names, or of another person than the browser's session here; or `max_age`, which
 * reusableSession checks against the session's own sign-in time (the provider counts any login
 * result as fresh). Anything else asks for a fresh sign-in at the IdP: `prompt=login`, an
 * `id_token_hint` or a requested `sub` that differ, an essential `acr`.
 */
const REUSABLE_REASONS = new Set(['no_session', 'organization_mismatch', 'idm_session_changed', 'max_age']);

/**
 * The browser's session (`idm_session`), when it may answer this authorization request without
 * another SAML round trip (docs/OIDC.md "Signed in already"): only a live one, only of the
 * organization the request names (by slug or a verified domain of `login_hint`) when it names one,
 * and, when the request has a `login_hint`, only if that is the session user's userName or the
 * address of their `email` claim. Never a session of another organization than the one named.
 */
async function reusableSession(ctx: Koa.Context, deps: InteractionDeps, details: InteractionDetails, wanted: WantedOrganization): Promise<LiveSession | null> {
  if (!details.prompt.reasons.every((r) => REUSABLE_REASONS.has(r))) return null;
  return answeringSession(deps.ops, ctx.get('cookie'), details.params, wanted);
}

/**
 * Ends the login with the session's user: `acr` is the AuthnContextClassRef the IdP asserted, `amr`
 * its RFC 8176 methods (core/authn-context.ts); a reused session keeps the time of its sign-in as
 * `auth_time`.
 */
async function completeLogin(ctx: Koa.Context, deps: InteractionDeps, details: InteractionDetails, live: LiveSession, how: 'saml' | 'reused'): Promise<void> {
  const { organizationId: orgId, session } = live;
  const user = session.user;
  const clientId = String(details.params.client_id ?? '');
  await deps.ops.must(orgId, RECORD_SIGN_IN, { org: orgId, userId: user.id, clientId });
  deps.log.info('OIDC sign-in', { organizationId: orgId, userId: user.id, clientId, session: how });
  const login = {
    accountId: user.id,
    amr: session.authenticationMethods,
    ...(session.authnContextClassRef ? { acr: session.authnContextClassRef } : {}),
    ...(how === 'reused' ? { ts: Math.floor(Date.parse(String(session.createdAt)) / 1000) } : {}),
    remember: true,
  };
  const returnTo = await deps.provider.interactionResult(ctx.req, ctx.res, { login }, { mergeWithLastSubmission: true });
  redirect(ctx, returnTo);
}

/** The client is registered by the operator: what it asks for within our scopes is granted without a page. */
async function consent(ctx: Koa.Context, deps: InteractionDeps, details: InteractionDetails): Promise<void> {
  const d = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  const accountId = details.session?.accountId;
  if (!accountId)
    return refuse(ctx, deps, 400, 'interaction.noSession', 'Sign-in expired', 'This sign-in has expired. Go back to the application and sign in again.');
  const grant =
    (details.grantId ? await deps.provider.Grant.find(details.grantId) : undefined) ??
    new deps.provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (d.missingOIDCScope?.length) grant.addOIDCScope(d.missingOIDCScope.join(' '));
  if (d.missingOIDCClaims?.length) grant.addOIDCClaims(d.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  const returnTo = await deps.provider.interactionResult(ctx.req, ctx.res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  redirect(ctx, returnTo);
}

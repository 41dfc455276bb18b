import type Koa from 'koa';
import { Router } from '@koa/router';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';
import { NO_METRICS, type ServiceMetrics } from '../shared/metrics.js';
import { clientAddressKey, RateLimiter } from '../shared/rate-limit.js';
import { requestOrigin } from '../shared/request-origin.js';
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from '../shared/database-outage.js';
import { errorPage, failure } from './error-page.js';
import { acs, acsOpened, currentSession, login, logout, metadata, type SamlResult } from './flows.js';
import { readSamlForm } from './koa-saml-form.js';
import { slo, spLogout } from './logout.js';
import { MAX_LOGOUT_MESSAGE_BASE64_LENGTH } from './validate-logout.js';
import { SamlContext } from './saml-context.js';
import { TEST_SIGN_IN_PARAM } from './test-sign-in.js';
import { readBindingCookie } from './binding-cookie.js';
import { readSessionCookie } from '../shared/session-cookie.js';

/** A URL a Location header can carry as it is: visible ASCII only (no space, control or non-ASCII character). */
const HEADER_SAFE_URL = /^[\x21-\x7e]+$/;

export interface SamlDeps {
  runner: OperationRunner;
  /** Configured external base URL; unset: the origin of each request (X-Forwarded-* honoured, as for SCIM). */
  publicUrl: string | undefined;
  log: Logger;
  /**
   * Requests per second per client IP (0 = unlimited) and the burst above that rate, on
   * `/saml/{org}/metadata`, `/login`, `/acs`, `/slo` and `/logout` together, across all organizations.
   */
  rateLimit: { perSecond: number; burst: number };
  /** Where each ACS outcome is counted (`idm_saml_signins_total`, `idm_saml_rejections_total`); none when omitted. */
  metrics?: ServiceMetrics;
}

const VALIDATE = 'validate.';

/** How an ACS post ended, for the metrics: a sign-in, a response that failed validation (by its rejection), another refusal, or a fault. */
export function acsOutcome(r: SamlResult): Parameters<ServiceMetrics['samlAcs']>[0] {
  if (r.kind !== 'failure') return { result: 'success' };
  const { status, reason } = r.failure;
  if (status >= 500) return { result: 'error' };
  if (reason.startsWith(VALIDATE)) return { result: 'rejected', reason: reason.slice(VALIDATE.length) };
  return { result: 'refused' };
}

/**
 * The SAML 2.0 adapter: `/saml/{org}/metadata`, `/saml/{org}/login`, `/saml/{org}/acs`, Single Logout
 * (`/saml/{org}/slo`, `/saml/{org}/logout`: logout.ts) and the browser
 * session endpoints `/auth/session`, `/auth/logout`. Koa request → flow (flows.ts) → HTTP response;
 * every failure is rendered here, as an HTML page whose reference is the request id on the log line
 * that carries the precise reason.
 *
 * The unauthenticated `/saml/{org}/…` endpoints are rate limited per client IP (`ctx.ip`: with
 * `app.proxy` and `app.maxIpsCount = 1`, the address the nearest proxy appended to X-Forwarded-For)
 * before anything else happens, so a refused request reads no body, runs no query, verifies no
 * signature and stores nothing (no AuthnRequest, no replay-cache entry).
 */
export function samlRouter(deps: SamlDeps): Router {
  const router = new Router();
  const contextOf = (ctx: Koa.Context) =>
    new SamlContext(deps.runner, deps.publicUrl ?? requestOrigin(ctx), ctx.state.requestId as string, ctx.state.log as Logger);

  const metrics = deps.metrics ?? NO_METRICS;

  /** Runs a flow; an unexpected exception is still an error page with a reference, never a stack. `observe` sees the outcome. */
  const handle = (flow: (ctx: Koa.Context, sc: SamlContext) => Promise<SamlResult>, observe?: (r: SamlResult) => void) => async (ctx: Koa.Context) => {
    const sc = contextOf(ctx);
    let result: SamlResult;
    try {
      result = await flow(ctx, sc);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        sc.log.warn('SAML request failed: database unavailable', { error: (err as Error)?.message });
        ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
        result = {
          kind: 'failure',
          failure: failure(503, 'unavailable', 'Sign-in is unavailable at the moment. Please try again in a minute.', (err as Error)?.message ?? ''),
        };
      } else {
        sc.log.error('SAML request failed', { error: err });
        result = {
          kind: 'failure',
          failure: failure(500, 'internal', 'Something went wrong on our side. Please try again later.', (err as Error)?.message ?? ''),
        };
      }
    }
    observe?.(result);
    send(ctx, sc, result, ctx.params?.org);
  };

  const limiter = new RateLimiter(deps.rateLimit.perSecond, deps.rateLimit.burst);
  /** The flow, unless the client IP is over its rate: then a 429 page with Retry-After and nothing done. */
  const rateLimited =
    (flow: (ctx: Koa.Context, sc: SamlContext) => Promise<SamlResult>) =>
    async (ctx: Koa.Context, sc: SamlContext): Promise<SamlResult> => {
      const wait = limiter.take(clientAddressKey(ctx.ip));
      if (wait === 0) return flow(ctx, sc);
      ctx.set('Retry-After', String(wait));
      const message = `Too many sign-in attempts from your address. Please try again in ${wait} second${wait === 1 ? '' : 's'}.`;
      return {
        kind: 'failure',
        failure: failure(429, 'request.rateLimited', message, `client ${ctx.ip} is over SAML_RATE_LIMIT; retry after ${wait} s`),
        log: { ip: ctx.ip, retryAfter: wait },
      };
    };

  router.get('/saml/:org/metadata', handle(rateLimited((ctx, sc) => metadata(sc, ctx.params.org!))));
  router.get(
    '/saml/:org/login',
    handle(rateLimited((ctx, sc) => login(sc, ctx.params.org!, ctx.query.returnTo, readBindingCookie(ctx.get('cookie')), ctx.query[TEST_SIGN_IN_PARAM]))),
  );
  router.post(
    '/saml/:org/acs',
    handle(
      rateLimited(async (ctx, sc) => {
        const form = await readSamlForm(ctx);
        if (!(form instanceof URLSearchParams)) return { kind: 'failure', failure: form };
        return acs(sc, ctx.params.org!, form, readBindingCookie(ctx.get('cookie')));
      }),
      (r) => metrics.samlAcs(acsOutcome(r)),
    ),
  );
  router.get(
    '/saml/:org/acs',
    handle(
      rateLimited(async (ctx, sc) => {
        ctx.set('Allow', 'POST');
        return acsOpened(sc, ctx.params.org!);
      }),
    ),
  );
  // Single Logout (logout.ts): the IdP's messages over HTTP-Redirect (GET) and HTTP-POST, and our logout
  router.get(
    '/saml/:org/slo',
    handle(rateLimited((ctx, sc) => slo(sc, ctx.params.org!, { binding: 'redirect', rawQuery: ctx.querystring }, readSessionCookie(ctx.get('cookie'))))),
  );
  router.post(
    '/saml/:org/slo',
    handle(
      rateLimited(async (ctx, sc) => {
        const form = await readSamlForm(ctx, 3 * MAX_LOGOUT_MESSAGE_BASE64_LENGTH);
        if (!(form instanceof URLSearchParams)) {
          const message = form.status === 413 ? 'The sign-out message is too large.' : 'The sign-out message did not arrive as a form post.';
          return { kind: 'failure', failure: { ...form, message, title: 'Sign-out failed' } };
        }
        return slo(sc, ctx.params.org!, { binding: 'post', form }, readSessionCookie(ctx.get('cookie')));
      }),
    ),
  );
  const logoutFlow = (ctx: Koa.Context, sc: SamlContext) => spLogout(sc, ctx.params.org!, readSessionCookie(ctx.get('cookie')), ctx.query.returnTo);
  router.get('/saml/:org/logout', handle(rateLimited(logoutFlow)));
  router.post('/saml/:org/logout', handle(rateLimited(logoutFlow)));
  router.get(
    '/auth/session',
    handle((ctx, sc) => currentSession(sc, readSessionCookie(ctx.get('cookie')))),
  );
  router.post(
    '/auth/logout',
    handle((ctx, sc) => logout(sc, readSessionCookie(ctx.get('cookie')))),
  );
  return router;
}

/** A flow's result as the HTTP response; the headers every SAML response carries. */
function send(ctx: Koa.Context, sc: SamlContext, r: SamlResult, slug?: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  switch (r.kind) {
    case 'redirect':
      // the flows hand over ASCII URLs (return-to.ts); should one ever not be, the person gets the
      // error page (without the cookies) instead of Koa's JSON for the header Node refuses
      if (!HEADER_SAFE_URL.test(r.location)) {
        return send(
          ctx,
          sc,
          {
            kind: 'failure',
            failure: failure(500, 'redirect.invalid', 'Something went wrong on our side. Please try again later.', 'the redirect target is not an ASCII URL'),
          },
          slug,
        );
      }
      for (const c of r.cookies ?? []) ctx.append('Set-Cookie', c);
      ctx.status = r.status;
      ctx.set('Location', r.location);
      return;
    case 'document':
      for (const c of r.cookies ?? []) ctx.append('Set-Cookie', c);
      // a page of ours (the test sign-in's): nothing but its inline style
      if (r.contentType.startsWith('text/html'))
        ctx.set('Content-Security-Policy', r.contentSecurityPolicy ?? "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      ctx.status = 200;
      ctx.type = r.contentType;
      ctx.body = r.body;
      return;
    case 'json':
      for (const c of r.cookies ?? []) ctx.append('Set-Cookie', c);
      ctx.status = r.status;
      ctx.body = r.body;
      return;
    case 'empty':
      for (const c of r.cookies ?? []) ctx.append('Set-Cookie', c);
      ctx.status = r.status;
      return;
    case 'failure':
      return sendFailure(ctx, sc, r, slug);
  }
}

/** A failure: logged with its reason and detail (personal values redacted), answered with the error page. */
function sendFailure(ctx: Koa.Context, sc: SamlContext, r: Extract<SamlResult, { kind: 'failure' }>, slug?: string): void {
  const f = r.failure;
  // the detail may quote what the core said about the person: their NameID and attribute values are redacted
  const extra = Object.fromEntries(Object.entries(r.log ?? {}).map(([k, v]) => [k, typeof v === 'string' ? sc.redact(v) : v]));
  const fields = { ref: sc.requestId, status: f.status, reason: f.reason, detail: sc.redact(f.detail), path: ctx.path, ...(slug ? { slug } : {}), ...extra };
  if (f.status >= 500) sc.log.error('SAML request failed', fields);
  else sc.log.warn('SAML request refused', fields);
  ctx.status = f.status;
  // unavailable (the database): when to try again
  if (f.status === 503) ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  ctx.body = errorPage(f, sc.requestId, r.organizationName);
  // refused before the body was read: close rather than leave it in front of the next request
  if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
}

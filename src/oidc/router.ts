import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';
import { clientAddressKey, RateLimiter } from '../shared/rate-limit.js';
import { requestOrigin } from '../shared/request-origin.js';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../shared/database-outage.js';
import { interaction } from './interaction.js';
import { isTemporarilyUnavailable, OidcOperations } from './oidc-context.js';
import { errorPage, PAGE_CSP } from './pages.js';
import { currentOperations, OidcProviders } from './provider.js';
import { SAML_LOGOUT_HOP_PATH, samlLogoutHop } from './saml-logout-hop.js';

export interface OidcDeps {
  runner: OperationRunner;
  /** PUBLIC_URL; unset: each request's origin. The issuer is it + "/oidc". */
  publicUrl: string | undefined;
  log: Logger;
  trustProxy: boolean;
  /**
   * Requests per second per client IP (0 = unlimited) and the burst above that rate: `browser` on the
   * endpoints a person's browser reaches (authorization, interaction pages, end session), `backChannel`
   * on those a host application's server calls (token, userinfo, revocation, pushed authorization
   * requests). Discovery and JWKS: none.
   */
  rateLimit: { browser: { perSecond: number; burst: number }; backChannel: { perSecond: number; burst: number } };
}

/** Which bucket a path under /oidc draws from: discovery and JWKS none (static, cached by clients), the OAuth back channel, else the browser's. */
export function rateLimitClass(rest: string): 'none' | 'backChannel' | 'browser' {
  if (rest === '/.well-known/openid-configuration' || rest === '/jwks') return 'none';
  // /request: pushed authorization requests (RFC 9126), which a host application's server sends
  if (rest === '/token' || rest === '/token/revocation' || rest === '/me' || rest === '/request') return 'backChannel';
  return 'browser';
}

/**
 * A request over its client IP's rate: answered before anything is looked up (no provider, no query).
 * The back channel speaks OAuth: 429 with Retry-After and the JSON error body of RFC 6749 §5.2, with
 * `temporarily_unavailable` (the code RFC 6749 §4.1.2.1 gives a server that cannot answer now;
 * oauth4webapi/openid-client surface it as a ResponseBodyError with status 429). The browser endpoints
 * get a page: redirecting the error to the client's redirect_uri would need the client read first,
 * which is the work the limit saves.
 */
function refuseOverRate(ctx: Koa.Context, kind: 'backChannel' | 'browser', wait: number, requestId: string): void {
  ctx.status = 429;
  ctx.set('Retry-After', String(wait));
  ctx.set('Cache-Control', 'no-store');
  if (kind === 'backChannel') {
    ctx.body = { error: 'temporarily_unavailable', error_description: `too many requests from this address; retry after ${wait} s` };
  } else {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PAGE_CSP);
    ctx.body = errorPage(
      'Too many sign-in attempts',
      `Too many sign-in attempts from your address. Please try again in ${wait} second${wait === 1 ? '' : 's'}.`,
      requestId,
    );
  }
  // refused before the body was read: close rather than leave it in front of the next request
  if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
}

const INTERACTION = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,100})(\/saml|\/email)?$/;

/** The provider's endpoints (those of the features turned on in provider.ts) and ours, as route templates. */
const OIDC_ROUTES = new Set(
  [
    '/.well-known/openid-configuration',
    '/auth',
    '/token',
    '/me',
    '/jwks',
    '/session/end',
    '/session/end/confirm',
    '/session/end/success',
    '/token/revocation',
    '/request',
  ].map((p) => `/oidc${p}`),
);

/**
 * The route template of a path under /oidc, as the metrics and traces name it (`ctx.state.route`):
 * ids become `:uid` (`/oidc/auth/:uid`, where the provider resumes a sign-in); a path nothing serves
 * stays unnamed (`unmatched`).
 */
export function oidcRouteOf(path: string): string | undefined {
  if (OIDC_ROUTES.has(path) || path === SAML_LOGOUT_HOP_PATH) return path;
  const interaction = INTERACTION.exec(path);
  if (interaction) return `/oidc/interaction/:uid${interaction[2] ?? ''}`;
  return /^\/oidc\/auth\/[^/]+$/.test(path) ? '/oidc/auth/:uid' : undefined;
}

/** The endpoints a form may POST to as well as GET (OpenID Connect Core §3.1.2.1; RP-Initiated Logout 1.0 §2). */
const GET_OR_POST = new Set(['/oidc/auth', '/oidc/session/end']);

/**
 * The largest posted request: its parameters become a URL, which servers and proxies in front
 * commonly take up to 8 KiB of (Node's whole header block is 16 KiB).
 */
export const MAX_POSTED_REQUEST_BYTES = 8192;

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/**
 * A form POST to the authorization or end-session endpoint, which OpenID Connect requires besides
 * GET: oidc-provider routes POST there only with `enableHttpPostMethods`, which it allows only with
 * its session cookie `SameSite=None` (a cross-site form POST carries no SameSite=Lax cookie, so the
 * session would not be seen), so the POST was a 404 "Not Found". The cookies stay Lax (the secure
 * default; docs/OIDC.md): the form is answered with a 303 to the same endpoint with its parameters
 * as the query, and the browser's GET, a top-level navigation that carries Lax cookies, is the
 * request the provider serves, with the sessions a GET sees. Bounded (MAX_POSTED_REQUEST_BYTES);
 * a body that is not a form, or larger, gets a page saying so.
 */
async function postedAsGet(ctx: Koa.Context, base: string, log: Logger): Promise<void> {
  const refuse = (status: number, reason: string, message: string) => {
    log.warn('OIDC request refused', { ref: ctx.state.requestId, status, reason, path: ctx.path });
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PAGE_CSP);
    ctx.body = errorPage('Sign-in could not be completed', message, ctx.state.requestId as string);
    if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
  };
  const tooLarge = () =>
    refuse(413, 'request.tooLarge', `The request is larger than ${MAX_POSTED_REQUEST_BYTES} bytes. Go back to the application and try again.`);
  if (Number(ctx.get('content-length') || 0) > MAX_POSTED_REQUEST_BYTES) return tooLarge();
  if (!FORM_TYPE.test(ctx.get('content-type')))
    return refuse(
      400,
      'request.contentType',
      'The request did not arrive as a form (application/x-www-form-urlencoded). Go back to the application and try again.',
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_POSTED_REQUEST_BYTES) return tooLarge();
    chunks.push(chunk);
  }
  const query = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).toString();
  ctx.status = 303;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Location', `${base}${ctx.path}${query ? `?${query}` : ''}`);
  ctx.body = '';
}

const fixed = new WeakSet<Provider>();

/**
 * Every URL the provider writes (discovery's endpoints, the resume URL and its cookie path, end
 * session's form action) from its issuer, which is PUBLIC_URL + "/oidc" (or the request's origin +
 * "/oidc" without PUBLIC_URL). oidc-provider itself builds them from the request it sees
 * (`ctx.href` + the mount path): behind a reverse proxy that strips a path prefix
 * (PUBLIC_URL=https://example.com/idm forwarded as /oidc/…) that loses the prefix, and the origin is
 * the socket's whenever the proxy is not trusted, so discovery named endpoints no client can reach.
 */
function urlsFromIssuer(provider: Provider): Provider {
  if (fixed.has(provider)) return provider;
  provider.OIDCContext.prototype.urlFor = function (name: string, opt?: Record<string, unknown>) {
    return provider.urlFor(name, opt);
  };
  fixed.add(provider);
  return provider;
}

/**
 * The OpenID Connect adapter, mounted at `/oidc`: the interaction pages (interaction.ts) here, every
 * other path handed to oidc-provider (discovery, authorization, token, userinfo, JWKS, end session,
 * revocation). Each request runs its core operations as the OIDC principal (currentOperations).
 */
export function oidcMiddleware(deps: OidcDeps): Koa.Middleware {
  const providers = new OidcProviders(deps.runner, deps.log, deps.trustProxy);
  const limiters = {
    browser: new RateLimiter(deps.rateLimit.browser.perSecond, deps.rateLimit.browser.burst),
    backChannel: new RateLimiter(deps.rateLimit.backChannel.perSecond, deps.rateLimit.backChannel.burst),
  };
  return async (ctx, next) => {
    if (ctx.path !== '/oidc' && !ctx.path.startsWith('/oidc/')) return next();
    ctx.state.route = oidcRouteOf(ctx.path);
    const kind = rateLimitClass(ctx.path.slice('/oidc'.length));
    if (kind !== 'none') {
      const wait = limiters[kind].take(clientAddressKey(ctx.ip));
      if (wait > 0) {
        ((ctx.state.log as Logger | undefined) ?? deps.log).warn('OIDC request refused', {
          ref: ctx.state.requestId,
          status: 429,
          reason: 'request.rateLimited',
          path: ctx.path,
          ip: ctx.ip,
          retryAfter: wait,
        });
        return refuseOverRate(ctx, kind, wait, ctx.state.requestId as string);
      }
    }
    const base = deps.publicUrl ?? requestOrigin(ctx);
    if (ctx.method === 'POST' && GET_OR_POST.has(ctx.path)) return postedAsGet(ctx, base, (ctx.state.log as Logger | undefined) ?? deps.log);
    const ops = new OidcOperations(deps.runner, base, ctx.state.requestId as string);
    const log = (ctx.state.log as Logger | undefined) ?? deps.log;
    try {
      const provider = urlsFromIssuer(await providers.get(`${base}/oidc`, ops));
      const m = INTERACTION.exec(ctx.path);
      await currentOperations.run(ops, async () => {
        if (m) return interaction(ctx, { provider, ops, log, base }, m[1]!, m[2]);
        if (ctx.path === SAML_LOGOUT_HOP_PATH && ctx.method === 'GET') return samlLogoutHop(ctx, { provider, ops, log, base });
        // hand the request to the provider, mounted at /oidc (its URLs come from the issuer: urlsFromIssuer)
        ctx.respond = false;
        const req = ctx.req as typeof ctx.req & { originalUrl?: string };
        const url = req.url;
        req.originalUrl = `${new URL(base).pathname.replace(/\/$/, '')}${req.url}`;
        req.url = ctx.url.slice('/oidc'.length) || '/';
        try {
          await provider.callback()(ctx.req, ctx.res);
        } finally {
          // the request log (and the span) name the path the request came in on, /oidc/token, not /token
          req.url = url;
        }
      });
    } catch (err) {
      // a request handed to the provider has been answered by it (ctx.respond is undefined otherwise)
      if (ctx.respond === false) throw err;
      const unavailable = isDatabaseUnavailable(err) || isTemporarilyUnavailable(err);
      if (unavailable) ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
      log.error('OIDC request failed', { error: err });
      ctx.status = unavailable ? 503 : 500;
      // a host application's server (token, userinfo, revocation) reads OAuth's JSON error, as from the provider
      if (kind === 'backChannel') {
        ctx.body = unavailable
          ? { error: 'temporarily_unavailable', error_description: DATABASE_UNAVAILABLE.message }
          : { error: 'server_error', error_description: `the request could not be processed (reference ${ops.requestId})` };
        return;
      }
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.body = errorPage('Something went wrong', 'Sign-in is unavailable at the moment. Please try again later.', ops.requestId);
    }
  };
}

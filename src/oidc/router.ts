import type Koa from 'koa';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';
import { requestOrigin } from '../shared/request-origin.js';
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from '../shared/database-outage.js';
import { interaction } from './interaction.js';
import { OidcOperations } from './oidc-context.js';
import { errorPage, PAGE_CSP } from './pages.js';
import { currentOperations, OidcProviders } from './provider.js';
import { SAML_LOGOUT_HOP_PATH, samlLogoutHop } from './saml-logout-hop.js';

export interface OidcDeps {
  runner: OperationRunner;
  /** PUBLIC_URL; unset: each request's origin. The issuer is it + "/oidc". */
  publicUrl: string | undefined;
  log: Logger;
  trustProxy: boolean;
}

const INTERACTION = /^\/oidc\/interaction\/([A-Za-z0-9_-]{1,100})(\/saml|\/email)?$/;

/**
 * The OpenID Connect adapter, mounted at `/oidc`: the interaction pages (interaction.ts) here, every
 * other path handed to oidc-provider (discovery, authorization, token, userinfo, JWKS, end session,
 * revocation). Each request runs its core operations as the OIDC principal (currentOperations).
 */
export function oidcMiddleware(deps: OidcDeps): Koa.Middleware {
  const providers = new OidcProviders(deps.runner, deps.log, deps.trustProxy);
  return async (ctx, next) => {
    if (ctx.path !== '/oidc' && !ctx.path.startsWith('/oidc/')) return next();
    const base = deps.publicUrl ?? requestOrigin(ctx);
    const ops = new OidcOperations(deps.runner, base, ctx.state.requestId as string);
    const log = (ctx.state.log as Logger | undefined) ?? deps.log;
    try {
      const provider = await providers.get(`${base}/oidc`, ops);
      const m = INTERACTION.exec(ctx.path);
      await currentOperations.run(ops, async () => {
        if (m) return interaction(ctx, { provider, ops, log, base }, m[1]!, m[2]);
        if (ctx.path === SAML_LOGOUT_HOP_PATH && ctx.method === 'GET') return samlLogoutHop(ctx, { provider, ops, log, base });
        // hand the request to the provider, mounted at /oidc (it computes its URLs from originalUrl)
        ctx.respond = false;
        const req = ctx.req as typeof ctx.req & { originalUrl?: string };
        req.originalUrl = req.url;
        req.url = ctx.url.slice('/oidc'.length) || '/';
        await provider.callback()(ctx.req, ctx.res);
      });
    } catch (err) {
      if (!ctx.respond) throw err;
      const unavailable = isDatabaseUnavailable(err);
      if (unavailable) ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
      log.error('OIDC request failed', { error: err });
      ctx.status = unavailable ? 503 : 500;
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.body = errorPage('Something went wrong', 'Sign-in is unavailable at the moment. Please try again later.', ops.requestId);
    }
  };
}

import type Koa from 'koa';

/** How long a browser may keep a preflight's answer (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for `/graphql`, so a dashboard served from another origin can call the API from a browser.
 * `origins` is the CORS_ORIGINS list: exact origins (`https://dash.example.com`), or `*` for any.
 * The API authenticates by a bearer key in the Authorization header, never by cookies, so no
 * `Access-Control-Allow-Credentials` is sent and `*` lets no page act with a user's ambient
 * credentials. Other paths get no CORS headers: SCIM is called by identity providers' servers and
 * SAML by browser navigation, neither by scripts of other origins.
 */
export function cors(path: string, origins: readonly string[]): Koa.Middleware {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return async (ctx, next) => {
    if (ctx.path !== path) return next();
    const origin = ctx.get('origin');
    if (!origin) return next();
    ctx.vary('Origin');
    const ok = any || allowed.has(origin);
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      // a preflight: answered here, before authentication (a browser sends it without credentials)
      if (!ok) {
        ctx.status = 403;
        ctx.body = { error: `origin ${origin} is not allowed to call ${path} (CORS_ORIGINS)` };
        return;
      }
      ctx.set('Access-Control-Allow-Origin', any ? '*' : origin);
      ctx.set('Access-Control-Allow-Methods', 'GET, POST');
      const requested = ctx.get('access-control-request-headers');
      ctx.set('Access-Control-Allow-Headers', requested || 'Authorization, Content-Type');
      ctx.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
      ctx.status = 204;
      return;
    }
    if (ok) {
      // set before the request runs, so error answers (401, 503) are readable by the page too
      ctx.set('Access-Control-Allow-Origin', any ? '*' : origin);
      ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    }
    return next();
  };
}

import type Koa from 'koa';
import { Router } from '@koa/router';
import type { OperationRunner } from '../graphql/executor.js';
import type { Principal } from '../core/principal.js';
import type { Logger } from '../shared/logger.js';
import { NO_METRICS, type ServiceMetrics } from '../shared/metrics.js';
import { NO_SCIM_REQUEST_LOG, type ScimRequestSink } from '../shared/scim-request-log.js';
import { bulk } from './bulk.js';
import { BULK_MAX_PAYLOAD, resourceTypes, schemas, serviceProviderConfig } from './discovery.js';
import * as groups from './groups.js';
import { identityProviderOf } from './quirks.js';
import { readJsonBody } from './koa-scim-body.js';
import { listResponse } from './list-response.js';
import { CUSTOM_DEFINITIONS } from './operations.js';
import type { CustomAttr } from './resource-schema.js';
import { RateLimiter } from '../shared/rate-limit.js';
import { isDatabaseUnavailable } from '../shared/database-outage.js';
import { requestOrigin } from '../shared/request-origin.js';
import { ScimContext } from './scim-context.js';
import { databaseUnavailable, errorBody, ScimError } from './scim-error.js';
import { listsUrn, SEARCH_REQUEST } from './urns.js';
import * as users from './users.js';
import type { ScimResult } from './users.js';

export const SCIM_PREFIX = '/scim/v2';
/** Largest body of a single-resource request; Bulk allows BULK_MAX_PAYLOAD. */
export const MAX_BODY = 1024 * 1024;

/** The organization's credential a refused bearer token names, and why it was refused (for that organization's request log). */
interface RefusedToken {
  organizationId: string;
  credentialId: string;
  reason: string;
}

export interface ScimDeps {
  runner: OperationRunner;
  /** Who an `Authorization` header's bearer token is, undefined when none or unknown (the server's BearerAuth). */
  auth: {
    principal(authorization: string | undefined | null): Promise<Principal | undefined>;
    /** For a refused header: the organization's credential its token names, and why it was refused (for that organization's request log). */
    refused?(authorization: string | undefined | null): Promise<RefusedToken | undefined>;
  };
  /** Configured external base URL; unset: the origin of each request (X-Forwarded-* honoured with TRUST_PROXY). */
  publicUrl: string | undefined;
  log: Logger;
  rateLimit: { perSecond: number; burst: number };
  /** Where each answered request is counted (`idm_scim_requests_total`); none when omitted. */
  metrics?: ServiceMetrics;
  /** Where each authenticated request is recorded for its organization's recent-request log (`scimRequests`); none when omitted. */
  requestLog?: ScimRequestSink;
}

/** The metrics' `resource` label of a path under /scim/v2: its first segment, from a fixed set. */
export function scimResourceOf(path: string): string {
  const first = path.slice(SCIM_PREFIX.length + 1).split('/', 1)[0]!;
  switch (first) {
    case 'Users':
    case 'Groups':
    case 'Bulk':
      return first;
    case 'ServiceProviderConfig':
    case 'ResourceTypes':
    case 'Schemas':
      return 'discovery';
    default:
      return 'other';
  }
}

/** A principal the SCIM endpoints accept: an organization's SCIM token or API key. */
type ScimPrincipal = Exclude<Principal, { kind: 'PLATFORM' | 'SAML' | 'SETUP_LINK' | 'OIDC' }>;

const SCIM_TYPE = 'application/scim+json; charset=utf-8';

function send(ctx: Koa.Context, r: ScimResult): void {
  ctx.status = r.status;
  for (const [k, v] of Object.entries(r.headers ?? {})) ctx.set(k, v);
  if (r.body !== undefined) {
    ctx.type = SCIM_TYPE;
    ctx.body = r.body;
  }
}

/**
 * `/scim/v2//Users` → `/scim/v2/Users`: a connector base URL entered with a trailing slash (the
 * identity provider appends `/Users`) still reaches the endpoints. Mounted before the router.
 */
export async function collapseScimSlashes(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  if (ctx.path.startsWith(SCIM_PREFIX) && ctx.path.includes('//')) ctx.path = ctx.path.replace(/\/{2,}/g, '/');
  await next();
}

/**
 * The SCIM 2.0 adapter (RFC 7644) under /scim/v2: authenticates the organization's bearer token,
 * translates each request into GraphQL operations on the core schema, and each result (or error)
 * back into SCIM. It never touches the database itself.
 */
export function scimRouter(deps: ScimDeps): Router {
  const router = new Router({ prefix: SCIM_PREFIX });
  const limiter = new RateLimiter(deps.rateLimit.perSecond, deps.rateLimit.burst);
  const baseOf = (ctx: Koa.Context) => `${deps.publicUrl ?? requestOrigin(ctx)}${SCIM_PREFIX}`;

  const metrics = deps.metrics ?? NO_METRICS;
  const requestLog = deps.requestLog ?? NO_SCIM_REQUEST_LOG;

  // errors: every failure is a SCIM Error body (RFC 7644 §3.12)
  const scimErrors = async (ctx: Koa.Context, next: Koa.Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new ScimError(404, undefined, `no SCIM endpoint ${ctx.method} ${ctx.path}`);
    } catch (err) {
      // an outage met outside a GraphQL operation (which says TRY_AGAIN itself, see fromGraphQLErrors)
      const unavailable = !(err instanceof ScimError) && isDatabaseUnavailable(err);
      const e = err instanceof ScimError ? err : unavailable ? databaseUnavailable() : new ScimError(500, undefined, 'internal error');
      ctx.state.scimError = e;
      if (unavailable) (ctx.state.log as Logger).warn('SCIM request failed: database unavailable', { error: (err as Error)?.message });
      else if (!(err instanceof ScimError)) (ctx.state.log as Logger).error('SCIM request failed', { error: err });
      else if (e.status >= 500) (ctx.state.log as Logger).error('SCIM request failed', { detail: e.message });
      ctx.status = e.status;
      for (const [k, v] of Object.entries(e.headers)) ctx.set(k, v);
      ctx.type = SCIM_TYPE;
      ctx.body = errorBody(e.status, e.scimType, e.message);
      // a request refused before its body was read: close the connection rather than leave an
      // unread body in front of the client's next request on it
      if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
    }
  };
  // every request, answered or failed, is counted once it has its status
  router.use(async (ctx, next) => {
    const started = performance.now();
    try {
      await scimErrors(ctx, next);
    } finally {
      const idp = identityProviderOf(ctx.get('user-agent'));
      metrics.scimRequest({ resource: scimResourceOf(ctx.path), method: ctx.method, status: ctx.status, idp });
      // the organization's log: requests whose token named it, those the rate limit refused too, and
      // those refused with a revoked or mistyped token of it (a push; the server writes them in
      // batches, a burst of 429s or 401s as one entry per token and batch)
      const principal = ctx.state.scimPrincipal as ScimPrincipal | undefined;
      const refused = ctx.state.scimRefused as RefusedToken | undefined;
      if (principal || refused) {
        const e = ctx.state.scimError as ScimError | undefined;
        requestLog.record({
          organizationId: principal ? principal.organizationId : refused!.organizationId,
          credentialId: principal ? ('credentialId' in principal ? principal.credentialId : null) : refused!.credentialId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          scimType: e?.scimType ?? null,
          detail: refused ? refused.reason : e ? e.message : null,
          identityProvider: idp,
          userAgent: ctx.get('user-agent') || null,
          durationMs: performance.now() - started,
          at: new Date(),
        });
      }
    }
  });

  // authentication: the organization's SCIM token (API keys of the organization work too)
  router.use(async (ctx, next) => {
    const principal = await deps.auth.principal(ctx.get('authorization'));
    // a token of an organization's that was revoked, or copied in part: in that organization's log
    if (!principal) ctx.state.scimRefused = await deps.auth.refused?.(ctx.get('authorization'));
    if (!principal || principal.kind === 'PLATFORM' || principal.kind === 'SAML' || principal.kind === 'SETUP_LINK' || principal.kind === 'OIDC') {
      throw new ScimError(401, undefined, principal ? 'use a SCIM token of the organization' : 'missing, unknown or revoked bearer token', {
        'WWW-Authenticate': 'Bearer realm="scim"',
      });
    }
    ctx.state.scimPrincipal = principal;
    const wait = limiter.take(principal.credentialId);
    if (wait > 0) throw new ScimError(429, undefined, `too many requests; retry after ${wait} s`, { 'Retry-After': String(wait) });
    ctx.state.scim = new ScimContext(deps.runner, principal, principal.organizationId, baseOf(ctx), ctx.state.requestId as string, ctx.state.log as Logger);
    await next();
  });

  const scim = (ctx: Koa.Context) => ctx.state.scim as ScimContext;
  const body = (ctx: Koa.Context, limit = MAX_BODY) => readJsonBody(ctx, limit);
  const ifMatch = (ctx: Koa.Context) => ctx.get('if-match') || undefined;
  const ifNoneMatch = (ctx: Koa.Context) => ctx.get('if-none-match') || undefined;

  /** POST /.search: the query parameters travel in a SearchRequest body (RFC 7644 §3.4.3). */
  const searchParams = async (ctx: Koa.Context): Promise<users.ListParams> => {
    const b = await body(ctx);
    if (typeof b !== 'object' || b === null || !listsUrn((b as Record<string, unknown>).schemas, SEARCH_REQUEST)) {
      throw new ScimError(400, 'invalidSyntax', `a search request needs schemas ["${SEARCH_REQUEST}"]`);
    }
    const r = b as Record<string, unknown>;
    const list = (v: unknown) => (Array.isArray(v) ? v.join(',') : v);
    return {
      filter: r.filter,
      startIndex: r.startIndex,
      count: r.count,
      sortBy: r.sortBy,
      sortOrder: r.sortOrder,
      attributes: list(r.attributes),
      excludedAttributes: list(r.excludedAttributes),
    };
  };

  router.get('/Users', async (ctx) => send(ctx, await users.listUsers(scim(ctx), ctx.query)));
  router.post('/Users/.search', async (ctx) => send(ctx, await users.listUsers(scim(ctx), await searchParams(ctx))));
  router.post('/Users', async (ctx) => send(ctx, await users.createUser(scim(ctx), await body(ctx), ctx.query)));
  router.get('/Users/:id', async (ctx) => send(ctx, await users.getUser(scim(ctx), ctx.params.id!, ctx.query, ifNoneMatch(ctx))));
  router.put('/Users/:id', async (ctx) => send(ctx, await users.replaceUser(scim(ctx), ctx.params.id!, await body(ctx), ctx.query, ifMatch(ctx))));
  router.patch('/Users/:id', async (ctx) => send(ctx, await users.patchUser(scim(ctx), ctx.params.id!, await body(ctx), ctx.query, ifMatch(ctx))));
  router.delete('/Users/:id', async (ctx) => send(ctx, await users.deleteUser(scim(ctx), ctx.params.id!, ifMatch(ctx))));

  router.get('/Groups', async (ctx) => send(ctx, await groups.listGroups(scim(ctx), ctx.query)));
  router.post('/Groups/.search', async (ctx) => send(ctx, await groups.listGroups(scim(ctx), await searchParams(ctx))));
  router.post('/Groups', async (ctx) => send(ctx, await groups.createGroup(scim(ctx), await body(ctx), ctx.query)));
  router.get('/Groups/:id', async (ctx) => send(ctx, await groups.getGroup(scim(ctx), ctx.params.id!, ctx.query, ifNoneMatch(ctx))));
  router.put('/Groups/:id', async (ctx) => send(ctx, await groups.replaceGroup(scim(ctx), ctx.params.id!, await body(ctx), ctx.query, ifMatch(ctx))));
  router.patch('/Groups/:id', async (ctx) => send(ctx, await groups.patchGroup(scim(ctx), ctx.params.id!, await body(ctx), ifMatch(ctx))));
  router.delete('/Groups/:id', async (ctx) => send(ctx, await groups.deleteGroup(scim(ctx), ctx.params.id!, ifMatch(ctx))));

  router.post('/Bulk', async (ctx) => send(ctx, await bulk(scim(ctx), await body(ctx, BULK_MAX_PAYLOAD))));

  // discovery (RFC 7644 §4): read-only; other methods answer 405
  const customAttrs = async (ctx: Koa.Context) =>
    (await scim(ctx).run<{ customAttributeDefinitions: CustomAttr[] }>(CUSTOM_DEFINITIONS, {})).customAttributeDefinitions;
  const DISCOVERY = ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:name', '/Schemas', '/Schemas/:id'];
  // RFC 7644 §4: a filter on a discovery endpoint is refused (403), so no client takes the answer as filtered
  for (const path of DISCOVERY) {
    router.get(path, (ctx, next) => {
      if (ctx.query.filter !== undefined) throw new ScimError(403, undefined, `${ctx.path} cannot be filtered (RFC 7644 §4); ask without filter`);
      return next();
    });
  }
  router.get('/ServiceProviderConfig', (ctx) => send(ctx, { status: 200, body: serviceProviderConfig(baseOf(ctx)) }));
  router.get('/ResourceTypes', (ctx) => {
    const all = resourceTypes(baseOf(ctx));
    send(ctx, { status: 200, body: listResponse(all, all.length, 1) });
  });
  router.get('/ResourceTypes/:name', (ctx) => {
    const rt = resourceTypes(baseOf(ctx)).find((r) => String(r.id).toLowerCase() === ctx.params.name!.toLowerCase());
    if (!rt) throw new ScimError(404, undefined, `no resource type ${ctx.params.name}`);
    send(ctx, { status: 200, body: rt });
  });
  router.get('/Schemas', async (ctx) => {
    const all = schemas(baseOf(ctx), await customAttrs(ctx));
    send(ctx, { status: 200, body: listResponse(all, all.length, 1) });
  });
  router.get('/Schemas/:id', async (ctx) => {
    const s = schemas(baseOf(ctx), await customAttrs(ctx)).find((x) => String(x.id).toLowerCase() === ctx.params.id!.toLowerCase());
    if (!s) throw new ScimError(404, undefined, `no schema ${ctx.params.id}`);
    send(ctx, { status: 200, body: s });
  });
  for (const path of DISCOVERY) {
    router.all(path, (ctx) => {
      throw new ScimError(405, undefined, `${ctx.method} is not supported on ${ctx.path}; discovery endpoints are read-only`, { Allow: 'GET' });
    });
  }
  // RFC 7644 §3.11: /Me needs an authenticated subject; bearer tokens here represent the IdP, not a user
  router.all('/Me', () => {
    throw new ScimError(501, undefined, '/Me is not supported: SCIM tokens authenticate an identity provider, not a user');
  });
  // anything else under /scim/v2 is a SCIM 404 (router middleware only runs for matched routes)
  router.all('/{*rest}', (ctx) => {
    throw new ScimError(404, undefined, `no SCIM endpoint ${ctx.method} ${ctx.path}`);
  });
  return router;
}

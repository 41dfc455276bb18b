import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import { Router } from '@koa/router';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { lazyFork, type Em } from '../core/db.js';
import type { EventBus } from '../core/events/event-bus.js';
import { OperationRunner } from '../graphql/executor.js';
import { GraphQLPipeline } from '../graphql/pipeline.js';
import { BearerAuth } from '../core/services/bearer-auth.js';
import { requestContext } from './koa-request-context.js';
import { collapseScimSlashes, scimRouter } from '../scim/router.js';
import { samlRouter } from '../saml/router.js';
import { auditRouter } from '../audit/router.js';
import { oidcMiddleware } from '../oidc/router.js';
import { samlMetadataPolicy, type Config } from './config.js';
import type { Logger } from '../shared/logger.js';
import { cors } from './koa-cors.js';
import { databaseUnavailable } from '../core/errors.js';
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from '../shared/database-outage.js';
import { graphqlHttp } from './graphql-http.js';
import { graphqlWebSocket } from './graphql-ws.js';
import { ServerMetrics, metricsEndpoint, type PoolStats } from './metrics.js';
import type { ServerTracing } from './tracing.js';
import { adminConsole } from './koa-admin-console.js';
import { ScimRequestLog } from './scim-request-log.js';
import { ReadinessProbe } from './readiness.js';

/**
 * The admin console's build (scripts/build-console.ts writes it into console/dist of the package;
 * served at /admin), found from the package's root: this module is src/server/app.ts under tsx
 * (`npm start`) but dist/src/server/app.js compiled (README, Production), one folder deeper.
 */
const CONSOLE_DIST = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'console', 'dist');

/** The nearest folder at or above `dir` that holds a package.json (the compiled dist/ holds none). */
function packageRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir, '../..');
  }
}

/** The largest GraphQL request, over HTTP (body) and WebSocket (message): 2 MiB. */
const GRAPHQL_BODY_LIMIT = 2 * 1024 * 1024;

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  /** The database's URL (the readiness check opens its own connection to it). */
  databaseUrl: string;
  bus: EventBus;
  schema: GraphQLSchema;
  log: Logger;
  /** OpenTelemetry traces (undefined: off, nothing set up). */
  tracing?: ServerTracing | undefined;
}

export interface App {
  httpServer: http.Server;
  runner: OperationRunner;
  /** This instance's Prometheus metrics (served at /metrics); undefined with METRICS_ENABLED=false. */
  metrics: ServerMetrics | undefined;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes WebSockets. */
  close(): Promise<void>;
}

/** Why a GraphQL request has no principal: no Authorization header, or one naming no live credential. */
const noCredential = (header: string) => (header ? 'unknown or revoked credential' : 'missing Authorization: Bearer <key>');

/** Builds the Koa app with Apollo (HTTP) and graphql-ws (WebSocket) on one server and one path. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, orm, databaseUrl, bus, schema, log, tracing } = deps;
  // an entity manager per request, forked only when the request uses the ORM (lazyFork)
  const fork = () => lazyFork(orm.em as Em);
  const auth = new BearerAuth(fork, config.adminApiKey);
  // one registry per instance; the pool and the bus are read when Prometheus scrapes
  // (METRICS_ENABLED=false: none at all, and no /metrics)
  const metrics = config.metricsEnabled
    ? new ServerMetrics({
        pool: () => (orm.em.getConnection().getKnex().client as { pool?: PoolStats }).pool,
        eventsCaughtUpAt: () => bus.caughtUpAt,
      })
    : undefined;
  const pipeline = new GraphQLPipeline(schema, {
    fork,
    bus,
    log,
    metrics,
    webhooks: { allowInsecure: config.webhookAllowInsecureUrls },
    samlMetadata: samlMetadataPolicy(config),
    tracing,
  });
  const runner = new OperationRunner(pipeline, fork);
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = 65_000;
  // a client sending its headers or body slowly is cut off sooner than Node's 60 s / 300 s
  // (a request of the largest allowed body, 4 MB, still has two minutes)
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 120_000;
  const principal = async (header: string | undefined) => (await auth.principal(header)) ?? null;
  const ws = graphqlWebSocket({ httpServer, pipeline, principal, noCredential, config, log, maxPayload: GRAPHQL_BODY_LIMIT });
  const graphql = await graphqlHttp({ httpServer, pipeline, principal, noCredential, config, log, maxBody: GRAPHQL_BODY_LIMIT, onDrain: ws.dispose });

  const app = new Koa();
  // behind a proxy (TRUST_PROXY=true) the client address is the one the nearest proxy
  // appended to X-Forwarded-For, not the leftmost entry, which the client itself can write (the SAML
  // rate limit is keyed by it); without one, the socket's address and the Host header
  app.proxy = config.trustProxy;
  app.maxIpsCount = 1;
  // what Koa reports itself (a streamed body that failed after its headers went out) goes to the
  // structured log instead of stderr; a client hanging up mid-response is not an error
  app.on('error', (err: NodeJS.ErrnoException, ctx?: Koa.Context) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET') return;
    ((ctx?.state.log as Logger | undefined) ?? log).error('response failed', { error: err });
  });
  /** Set when the server starts to stop (SIGTERM): answers from then on close their connection. */
  let closing: Promise<void> | undefined;
  app.use(requestContext(log, metrics));
  // a span per request, after the request id is known (only when traces are on)
  if (tracing) app.use(tracing.http());
  // API answers are never cached on the way (a mutation's answer may carry a new key or token), nor
  // sniffed as another content type
  app.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
    // stopping: the connection is closed after this answer, so the answer says so (with keep-alive,
    // a load balancer would send its next request on it and meet the close instead of an answer)
    if (closing && !ctx.headerSent) ctx.set('Connection', 'close');
  });
  app.use(cors('/graphql', config.corsOrigins));
  // health probes and error rendering for everything that is not GraphQL
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = err as { status?: number; expose?: boolean; message?: string };
      const unavailable = isDatabaseUnavailable(err);
      const status = unavailable ? 503 : e.status && e.status >= 400 && e.status < 500 ? e.status : 500;
      if (status === 500) ctx.state.log.error('unhandled error', { error: err });
      if (unavailable) {
        ctx.state.log.warn('request failed: database unavailable', { error: e.message });
        ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
      }
      ctx.status = status;
      const message = status === 500 ? 'internal error' : unavailable ? databaseUnavailable().message : (e.message ?? 'bad request');
      const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : unavailable ? 'TRY_AGAIN' : 'BAD_REQUEST';
      // GraphQL clients parse `errors` (a body that is not JSON, before Apollo sees it)
      ctx.body =
        ctx.path === '/graphql'
          ? { errors: [{ message, extensions: { code, ...(unavailable ? { reason: 'database.unavailable' } : {}), requestId: ctx.state.requestId } }] }
          : { error: message, requestId: ctx.state.requestId };
    }
  });

  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  // on a connection of its own: a pool whose connections are all busy serving requests is busy, not unready
  const readiness = new ReadinessProbe(databaseUrl);
  router.get('/readyz', async (ctx) => {
    const r = await readiness.check();
    if (r.ready) {
      ctx.body = { status: 'ready' };
      return;
    }
    ctx.status = 503;
    ctx.body = { status: r.status };
    ctx.state.log.warn('readiness check failed', { error: r.reason });
  });
  if (metrics) router.get('/metrics', metricsEndpoint(metrics, config.metricsToken));
  router.all('/graphql', ...graphql.middleware);
  // the organizations' recent SCIM requests, written in batches off the request path
  const scimRequestLog = new ScimRequestLog(fork, log.child({ job: 'scim-request-log' }));
  scimRequestLog.start();
  const scim = scimRouter({
    runner,
    auth,
    publicUrl: config.publicUrl,
    log,
    rateLimit: { perSecond: config.scimRateLimit, burst: config.scimRateBurst },
    metrics,
    requestLog: scimRequestLog,
  });
  app.use(collapseScimSlashes);
  app.use(scim.routes());
  app.use(
    samlRouter({ runner, publicUrl: config.publicUrl, log, rateLimit: { perSecond: config.samlRateLimit, burst: config.samlRateBurst }, metrics }).routes(),
  );
  app.use(auditRouter({ runner, auth, log }).routes());
  app.use(
    oidcMiddleware({
      runner,
      publicUrl: config.publicUrl,
      log,
      trustProxy: config.trustProxy,
      rateLimit: {
        browser: { perSecond: config.oidcRateLimit, burst: config.oidcRateBurst },
        backChannel: { perSecond: config.oidcTokenRateLimit, burst: config.oidcTokenRateBurst },
      },
    }),
  );
  app.use(router.routes());
  app.use(router.allowedMethods());
  app.use(adminConsole(CONSOLE_DIST, config.publicUrl));
  // Koa snapshots its middleware when callback() is called: attach only after everything is registered
  httpServer.on('request', app.callback());

  return {
    httpServer,
    runner,
    metrics,
    close: () =>
      (closing ??= (async () => {
        const grace = setTimeout(() => httpServer.closeAllConnections(), config.shutdownGraceSeconds * 1000);
        grace.unref();
        await graphql.apollo.stop(); // stops accepting, drains HTTP, disposes the WebSocket server
        clearTimeout(grace);
        await scimRequestLog.stop(); // what the last requests left in the buffer
        await readiness.close();
      })()),
  };
}

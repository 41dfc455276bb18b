import type Koa from 'koa';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceMetrics } from '../shared/metrics.js';
import { safeEqual, sha256 } from '../core/secrets.js';

/** What the pool gauges read at scrape time: knex's tarn pool (`orm.em.getKnex().client.pool`), absent before start and after close. */
export interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

export interface MetricsSources {
  /** The database pool, read at each scrape (undefined while there is none). */
  pool(): PoolStats | undefined;
  /** The event bus's `caughtUpAt` (epoch ms), read at each scrape. */
  eventsCaughtUpAt(): number | null;
}

/** Label values that are names a client chose (GraphQL operation names, error codes): kept short and plain, else `other`. */
const PLAIN_NAME = /^[A-Za-z0-9_]{1,64}$/;
const capped = (name: string) => (PLAIN_NAME.test(name) ? name : 'other');

/**
 * Distinct operation names a client chose (over HTTP and WebSocket) that get series of their own,
 * per instance; later new ones count as `other`. A key holder naming each request anew would
 * otherwise grow the registry (and Prometheus's series) without end. The adapters' in-process
 * operations have names of the server's own, always kept.
 */
const MAX_CLIENT_OPERATION_NAMES = 200;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** HTTP methods as a label: the usual ones, anything else `other` (Node accepts some thirty). */
const methodLabel = (method: string) => (METHODS.has(method) ? method : 'other');

/** Latency buckets (seconds) of the HTTP histogram: 5 ms … 10 s. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one server instance, on a registry of its own (several servers in one
 * process count separately). Recording is one counter increment or histogram observation; the pool
 * and event-bus gauges are read when Prometheus scrapes. Every name and label is listed in README.md,
 * "Metrics".
 */
export class ServerMetrics implements ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly graphqlOperations: Counter<'operation_type' | 'operation_name' | 'via'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly scimRequests: Counter<'resource' | 'method' | 'status' | 'idp'>;
  private readonly webhookDeliveries: Counter<'outcome'>;
  private readonly samlSignIns: Counter<'result'>;
  private readonly samlRejections: Counter<'reason'>;
  /** The client-chosen operation names that have series (at most MAX_CLIENT_OPERATION_NAMES). */
  private readonly clientOperationNames = new Set<string>();

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'idm_' });
    this.httpRequests = new Counter({
      name: 'idm_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'idm_http_request_duration_seconds',
      help: 'Time from a request reaching the server to its answer (a streamed body: until it has been sent), by method and route template',
      labelNames: ['method', 'route'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.graphqlOperations = new Counter({
      name: 'idm_graphql_operations_total',
      help: 'GraphQL operations run, by type, name (anonymous, or other when not a plain name of up to 64 characters) and how they came (http, ws, in-process)',
      labelNames: ['operation_type', 'operation_name', 'via'],
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'idm_graphql_errors_total',
      help: 'Errors in the answers of GraphQL operations, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.scimRequests = new Counter({
      name: 'idm_scim_requests_total',
      help: 'SCIM requests answered, by resource (Users, Groups, Bulk, discovery, other), method, status and sending identity provider (okta, entra, other)',
      labelNames: ['resource', 'method', 'status', 'idp'],
      registers,
    });
    this.samlSignIns = new Counter({
      name: 'idm_saml_signins_total',
      help: 'SAML ACS posts, by result: success, rejected (the response failed validation), refused (replay, policy, return-to, …), error',
      labelNames: ['result'],
      registers,
    });
    this.samlRejections = new Counter({
      name: 'idm_saml_rejections_total',
      help: 'SAML responses that failed validation, by reason (docs/SAML.md, "Rejections")',
      labelNames: ['reason'],
      registers,
    });
    this.webhookDeliveries = new Counter({
      name: 'idm_webhook_deliveries_total',
      help: 'Webhook delivery attempts made by this instance, by outcome: succeeded (2xx), retry (failed, tried again later), failed (retry schedule exhausted, endpoint disabled)',
      labelNames: ['outcome'],
      registers,
    });
    new Gauge({
      name: 'idm_db_pool_connections',
      help: 'Database pool connections of this process: in_use, idle, and pending (requests waiting for one)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        this.set({ state: 'in_use' }, pool?.numUsed() ?? 0);
        this.set({ state: 'idle' }, pool?.numFree() ?? 0);
        this.set({ state: 'pending' }, pool?.numPendingAcquires() ?? 0);
      },
    });
    new Gauge({
      name: 'idm_event_bus_lag_seconds',
      help: 'Seconds since the event bus last caught up: every event committed before then has been delivered to this process; about a poll interval when healthy',
      registers,
      collect() {
        const at = sources.eventsCaughtUpAt();
        this.set(at === null ? 0 : Math.max(0, (Date.now() - at) / 1000));
      },
    });
  }

  /** One HTTP request answered: `route` is the matched route template, or `unmatched`. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const m = methodLabel(method);
    this.httpRequests.inc({ method: m, route, status: String(status) });
    this.httpDuration.observe({ method: m, route }, seconds);
  }

  graphqlOperation(e: { type: string; name: string | null | undefined; via: string; errorCodes: readonly string[] }): void {
    this.graphqlOperations.inc({ operation_type: e.type, operation_name: e.name ? this.operationNameLabel(capped(e.name), e.via) : 'anonymous', via: e.via });
    for (const code of e.errorCodes) this.graphqlErrors.inc({ code: capped(code) });
  }

  private operationNameLabel(name: string, via: string): string {
    if (via === 'in-process' || name === 'other' || this.clientOperationNames.has(name)) return name;
    if (this.clientOperationNames.size >= MAX_CLIENT_OPERATION_NAMES) return 'other';
    this.clientOperationNames.add(name);
    return name;
  }

  scimRequest(e: { resource: string; method: string; status: number; idp: string }): void {
    this.scimRequests.inc({ resource: e.resource, method: methodLabel(e.method), status: String(e.status), idp: e.idp });
  }

  samlAcs(e: { result: 'success' | 'rejected' | 'refused' | 'error'; reason?: string }): void {
    this.samlSignIns.inc({ result: e.result });
    if (e.result === 'rejected' && e.reason) this.samlRejections.inc({ reason: capped(e.reason) });
  }

  webhookDelivery(e: { outcome: 'succeeded' | 'retry' | 'failed' }): void {
    this.webhookDeliveries.inc({ outcome: e.outcome });
  }
}

/** What @koa/router leaves on the context: every layer whose path matched (routes and `use` middleware), and the path of the last one that ran. */
type RoutedContext = Koa.Context & { matched?: Array<{ path: string | RegExp; methods: string[] }>; _matchedRoute?: string | RegExp };

/**
 * The route template that serves this request (`/scim/v2/Users/:id`), or `unmatched`: the Koa
 * router's route that ran; when the router's own middleware answered before it (a SCIM 401 or 429),
 * the route the request was for, not that middleware's pattern (`/scim/v2(?:\/|$)`, which
 * `_matchedRoute` then holds); else the template a middleware that is not a router named
 * (`ctx.state.route`: the OpenID Connect adapter).
 */
export function routeOf(ctx: Koa.Context): string {
  const c = ctx as RoutedContext;
  const matched = c.matched;
  if (matched) {
    let first: string | undefined;
    for (const layer of matched) {
      if (typeof layer.path !== 'string' || !layer.methods.includes(ctx.method)) continue;
      if (layer.path === c._matchedRoute) return layer.path;
      first ??= layer.path;
    }
    if (first !== undefined) return first;
  }
  const named = ctx.state.route as unknown;
  return typeof named === 'string' ? named : 'unmatched';
}

/**
 * GET /metrics: the registry in Prometheus's text format. With a token (METRICS_TOKEN), only for a
 * request that carries it as `Authorization: Bearer <token>` (compared in constant time); without
 * one, open to whoever reaches the port.
 */
export function metricsEndpoint(metrics: ServerMetrics, token: string | undefined): Koa.Middleware {
  const expected = token === undefined ? undefined : sha256(token);
  return async (ctx) => {
    if (expected) {
      const m = /^Bearer (.+)$/.exec(ctx.get('authorization'));
      // both sides hashed: equal lengths for the constant-time comparison, and the token's length is not told by the time taken
      if (!m || !safeEqual(sha256(m[1]!), expected)) {
        ctx.status = 401;
        ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
        ctx.body = { error: 'missing or wrong bearer token (METRICS_TOKEN)', requestId: ctx.state.requestId };
        return;
      }
    }
    ctx.body = await metrics.registry.metrics();
    ctx.set('Content-Type', metrics.registry.contentType);
  };
}

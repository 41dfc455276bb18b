import { randomUUID } from 'node:crypto';
import { Stream } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from '../shared/logger.js';
import { routeOf, type ServerMetrics } from './metrics.js';

/** Requests not logged (probes and scrapes, every few seconds); they are still counted in the metrics. */
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane, else a new one), echoes it
 * in the response, and logs one structured line per request when it ends, when it also counts it in
 * the HTTP metrics (`idm_http_requests_total`, `idm_http_request_duration_seconds`) by its route template.
 */
export function requestContext(log: Logger, metrics?: Pick<ServerMetrics, 'httpRequest'>): Koa.Middleware {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const requestId = REQUEST_ID_RE.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } catch (err) {
      logLine(ctx, started, metrics);
      throw err;
    }
    // a streamed body (a large group's members) is logged when it has been sent, or cut off
    if (ctx.body instanceof Stream) ctx.res.once('close', () => logLine(ctx, started, metrics, ctx.res.writableFinished ? {} : { aborted: true }));
    else logLine(ctx, started, metrics);
  };
}

/** The request's metrics and log line (a module function, not a closure per request: see outcomeOf in core/services/mapping-engine.ts). */
function logLine(ctx: Koa.Context, started: bigint, metrics: Pick<ServerMetrics, 'httpRequest'> | undefined, extra: Record<string, unknown> = {}) {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const level = ctx.status >= 500 ? 'error' : 'info';
  metrics?.httpRequest(ctx.method, routeOf(ctx), ctx.status, ms / 1000);
  if (!UNLOGGED.has(ctx.path)) {
    ctx.state.log[level]('request', { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, ip: ctx.ip, ...extra });
  }
}

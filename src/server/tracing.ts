import { Stream } from 'node:stream';
import type Koa from 'koa';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type ReadableSpan,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_RESPONSE_STATUS_CODE,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import type { Logger } from '../shared/logger.js';
import type { OperationSpan, Tracing } from '../shared/tracing.js';
import type { TracingConfig } from './config.js';
import { routeOf } from './metrics.js';

// GraphQL's attributes are still "development" in the semantic conventions (only in the package's
// incubating entry point, which may change in a minor release): their names, written out
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
/** Ours: the request id (X-Request-Id, echoed in the response and on every log line of the request). */
const ATTR_REQUEST_ID = 'idm.request_id';
/** Ours: how a GraphQL operation came (http, ws, in-process: a SCIM or SAML request ran it). */
const ATTR_GRAPHQL_VIA = 'idm.graphql.via';
/** Ours: the `extensions.code` of each error of a GraphQL answer. */
const ATTR_GRAPHQL_ERROR_CODES = 'idm.graphql.error_codes';

/** Error codes of a GraphQL answer that are the server's fault (the span's status is then ERROR, as for an HTTP 5xx). */
const SERVER_FAULTS = new Set(['INTERNAL_SERVER_ERROR', 'TRY_AGAIN', 'UNKNOWN']);
/** Probes and scrapes (every few seconds, each its own trace) are not traced, as they are not logged. */
const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** The longest statement text a span keeps (a 1,000-member insert lists its placeholders). */
const MAX_STATEMENT = 4096;

/** The pg client a pooled connection is (what knex's pool `afterCreate` is handed). */
interface PgConnection {
  query: (...args: unknown[]) => unknown;
  host?: string;
  port?: number;
  database?: string;
}

/**
 * OpenTelemetry traces of one server instance (README, "Traces"), made only when an OTLP endpoint is
 * configured (see `createTracing`):
 * - a SERVER span per HTTP request (`http()`, the Koa middleware), continuing the caller's trace
 *   when it sends a W3C `traceparent`;
 * - a span per GraphQL operation (the pipeline's `traced`, through the `Tracing` interface);
 * - a CLIENT span per SQL statement run inside one of those (`onConnection`, the pool's `afterCreate`).
 *
 * Its provider, context manager and propagator are this instance's own, not registered as the
 * process's globals: several servers in one process (the tests) trace, or do not, each on its own.
 */
export class ServerTracing implements Tracing {
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;
  private readonly contexts = new AsyncLocalStorageContextManager().enable();
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(config: TracingConfig, log: Logger, exporter: SpanExporter = new OTLPTraceExporter({ url: config.endpoint })) {
    this.provider = new TracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ ...config.resourceAttributes, [ATTR_SERVICE_NAME]: config.serviceName })),
      sampler: samplerOf(config),
      spanLimits: { attributeValueLengthLimit: MAX_STATEMENT },
      spanProcessors: [
        new BatchSpanProcessor({
          exporter: new LoggedExporter(exporter, log),
          scheduledDelayMillis: config.exportDelayMs,
          maxQueueSize: config.maxQueueSize,
          maxExportBatchSize: Math.min(512, config.maxQueueSize),
        }),
      ],
    });
    this.tracer = this.provider.getTracer('identity-api');
  }

  /**
   * The span of each HTTP request: named `<method> <route template>` when it ends, with the method,
   * route, status, path and the request id (so place it after the request-context middleware). A
   * streamed body's span ends when the body has been sent. Health probes and scrapes are left out.
   */
  http(): Koa.Middleware {
    return (ctx, next) => {
      if (UNTRACED.has(ctx.path)) return next();
      const parent = this.propagator.extract(ROOT_CONTEXT, ctx.headers, defaultTextMapGetter);
      const method = METHODS.has(ctx.method) ? ctx.method : '_OTHER';
      const attributes: Attributes = {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_URL_PATH]: ctx.path,
        [ATTR_URL_SCHEME]: ctx.protocol,
        [ATTR_REQUEST_ID]: ctx.state.requestId as string,
      };
      const agent = ctx.get('user-agent');
      if (agent) attributes[ATTR_USER_AGENT_ORIGINAL] = agent;
      const span = this.tracer.startSpan(method, { kind: SpanKind.SERVER, attributes }, parent);
      const end = (status: number) => {
        const route = routeOf(ctx);
        if (route !== 'unmatched') {
          span.updateName(`${method} ${route}`);
          span.setAttribute(ATTR_HTTP_ROUTE, route);
        }
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 500) {
          span.setAttribute(ATTR_ERROR_TYPE, String(status));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      return this.contexts.with(trace.setSpan(parent, span), async () => {
        try {
          await next();
        } catch (err) {
          end((err as { status?: number }).status ?? 500);
          throw err;
        }
        if (ctx.body instanceof Stream) ctx.res.once('close', () => end(ctx.status));
        else end(ctx.status);
      });
    };
  }

  graphqlOperation<T>(via: string, requestId: string, run: (span: OperationSpan) => T): T {
    const parent = this.contexts.active();
    // inside a request the sampler did not keep (OTEL_TRACES_SAMPLER): nothing below it is recorded either
    if (trace.getSpan(parent)?.isRecording() === false) return run(UNRECORDED);
    // over WebSocket there is no HTTP request around the operation: it is the server span itself
    const kind = via === 'ws' ? SpanKind.SERVER : SpanKind.INTERNAL;
    const span = this.tracer.startSpan('GraphQL Operation', { kind, attributes: { [ATTR_GRAPHQL_VIA]: via, [ATTR_REQUEST_ID]: requestId } }, parent);
    const handle: OperationSpan = { describe: (e) => describeOperation(span, e) };
    let result: T;
    try {
      result = this.contexts.with(trace.setSpan(parent, span), run, undefined, handle);
    } catch (err) {
      failed(span, err);
      throw err;
    }
    if (isPromise(result))
      result.then(
        () => span.end(),
        (err: unknown) => failed(span, err),
      );
    else span.end();
    return result;
  }

  /**
   * knex's pool `afterCreate`: each new connection's `query` is wrapped so that a statement sent
   * while a traced request or operation is active gets a span, its child: whichever path sent it
   * (the raw `sql()` of src/core/db.ts, MikroORM, knex's BEGIN/COMMIT). A statement outside any (the
   * webhook worker's and the statistics' polling) gets none, so they do not make a trace each.
   */
  readonly onConnection = (connection: PgConnection, done: (err: Error | null, connection: PgConnection) => void): void => {
    this.traceConnection(connection);
    done(null, connection);
  };

  private traceConnection(connection: PgConnection): void {
    const query = connection.query;
    const contexts = this.contexts;
    const tracer = this.tracer;
    connection.query = function (this: unknown, ...args: unknown[]) {
      const parent = contexts.active();
      const first = args[0] as { text?: unknown; values?: unknown; submit?: unknown; callback?: unknown } | string | undefined;
      // a Submittable that is a statement with a callback (a transaction's first statement, sent with
      // its BEGIN: lean-transaction.ts) ends in that callback
      const statement = typeof first === 'object' && typeof first.submit === 'function' && typeof first.callback === 'function' ? first : undefined;
      // outside a traced request or operation, or in one the sampler did not keep: no span; another
      // Submittable (a cursor, a stream) is left alone: it ends on events of its own
      if (!trace.getSpan(parent)?.isRecording() || first === undefined || (typeof first === 'object' && typeof first.submit === 'function' && !statement))
        return query.apply(this, args);
      const text = typeof first === 'string' ? first : String(first.text ?? '');
      const values = Array.isArray(args[1]) ? args[1] : typeof first === 'object' ? first.values : undefined;
      const span = tracer.startSpan(
        statementName(text),
        { kind: SpanKind.CLIENT, attributes: statementAttributes(connection, text, Array.isArray(values) && values.length > 0) },
        parent,
      );
      const end = (err: unknown) => {
        if (err) {
          const code = (err as { code?: unknown }).code;
          if (typeof code === 'string') span.setAttribute(ATTR_DB_RESPONSE_STATUS_CODE, code);
          span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : ((err as Error).name ?? 'Error'));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      if (statement) {
        const callback = statement.callback as (err: unknown, ...rest: unknown[]) => unknown;
        statement.callback = function (this: unknown, err: unknown, ...rest: unknown[]) {
          end(err);
          return callback.call(this, err, ...rest);
        };
        return query.apply(this, args);
      }
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        args[last] = function (this: unknown, err: unknown, ...rest: unknown[]) {
          end(err);
          return callback.call(this, err, ...rest);
        };
        return query.apply(this, args);
      }
      let result: unknown;
      try {
        result = query.apply(this, args);
      } catch (err) {
        end(err);
        throw err;
      }
      if (isPromise(result)) result.then(() => end(undefined), end);
      else end(undefined);
      return result;
    };
  }

  /** Sends the spans not yet exported (tests; the benchmark). */
  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Exports what is left and stops (the last step of a server's stop). */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
    this.contexts.disable();
  }
}

/** The tracing of a server with this configuration, or undefined (nothing set up) without an OTLP endpoint. */
export function createTracing(config: TracingConfig | undefined, log: Logger): ServerTracing | undefined {
  if (!config) return undefined;
  log.info('exporting traces (OTLP/HTTP)', { endpoint: config.endpoint, serviceName: config.serviceName, sampler: config.sampler });
  return new ServerTracing(config, log);
}

/** The span handle of an operation that is not recorded. */
const UNRECORDED: OperationSpan = { describe() {} };

function samplerOf(config: TracingConfig): Sampler {
  const ratio = () => new TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function describeOperation(span: Span, e: { type: string; name: string | null; errorCodes: readonly string[] }): void {
  if (e.type !== 'unknown') {
    span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, e.type);
    // a client's name is its own text: kept to a length a span name should have
    const name = e.name?.slice(0, 100);
    if (name) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
    span.updateName(name ? `${e.type} ${name}` : e.type);
  }
  if (e.errorCodes.length) {
    span.setAttribute(ATTR_GRAPHQL_ERROR_CODES, [...e.errorCodes]);
    const fault = e.errorCodes.find((c) => SERVER_FAULTS.has(c));
    if (fault) {
      span.setAttribute(ATTR_ERROR_TYPE, fault);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
}

function failed(span: Span, err: unknown): void {
  span.setAttribute(ATTR_ERROR_TYPE, err instanceof Error ? err.name : 'Error');
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

const isPromise = (v: unknown): v is Promise<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** `SELECT users`, `INSERT events`, `COMMIT`: the statement's first keyword and its first table (as the conventions name a span). */
function statementName(text: string): string {
  const op = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  const table = tableOf(text);
  return table ? `${op} ${table}` : op;
}

const TABLE_RE = /\b(?:from|into|update|join)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
const tableOf = (text: string) => TABLE_RE.exec(text)?.[1];

function statementAttributes(connection: PgConnection, text: string, parameterized: boolean): Attributes {
  const attributes: Attributes = {
    [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
    // a statement sent with parameters carries no values; one without may have them written in
    // (MikroORM inlines its values into the text): its literals are replaced by `?`
    [ATTR_DB_QUERY_TEXT]: (parameterized ? text : withoutLiterals(text)).slice(0, MAX_STATEMENT),
    [ATTR_DB_OPERATION_NAME]: /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL',
  };
  const table = tableOf(text);
  if (table) attributes[ATTR_DB_COLLECTION_NAME] = table;
  if (connection.database) attributes[ATTR_DB_NAMESPACE] = connection.database;
  if (connection.host) attributes[ATTR_SERVER_ADDRESS] = connection.host;
  if (connection.port) attributes[ATTR_SERVER_PORT] = connection.port;
  return attributes;
}

/**
 * PostgreSQL literals in a statement's text replaced by `?`: strings (`'…'` with `''` inside,
 * `E'…'` with backslash escapes, `$$…$$` and `$tag$…$tag$`) and numbers (not the digits of a name,
 * nor `$1`). What people's names, addresses and keys would be written in.
 */
export function withoutLiterals(text: string): string {
  return text.replace(LITERAL_RE, '?');
}

const LITERAL_RE = /\b[eE]'(?:[^'\\]|''|\\[\s\S])*'|'(?:[^']|'')*'|(\$[A-Za-z_]*\$)[\s\S]*?\1|(?<![\w$."])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/** The exporter, with a failed export logged (a warning a minute at most: an unreachable collector is said, not repeated). */
class LoggedExporter implements SpanExporter {
  private warnedAt = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly log: Logger,
  ) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS && Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.log.warn('exporting traces failed; spans are dropped until the receiver answers', { spans: spans.length, error: result.error?.message });
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

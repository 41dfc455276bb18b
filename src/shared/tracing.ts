/**
 * What the layers below the server need of tracing (README, "Traces"): a span per GraphQL operation.
 * The server (src/server/tracing.ts) implements it with the OpenTelemetry SDK when an OTLP endpoint
 * is configured and hands it to the GraphQL pipeline; without one the pipeline gets none and runs
 * its work directly, so tracing off costs one branch per operation.
 *
 * A small interface of our own rather than `@opentelemetry/api` in the pipeline: the API is a no-op
 * without an SDK, but a no-op that still creates a span object and enters a context per call, and
 * its tracer provider and context manager are process-wide globals (the tests run several servers in
 * one process, of which only some trace). The OpenTelemetry vocabulary (attribute names, span kinds)
 * stays in one file of the server, as the Prometheus names do in src/server/metrics.ts.
 */
export interface OperationSpan {
  /** The operation, once known (set again when it ends): its type, name, and the `extensions.code` of each error of its answer. */
  describe(e: { type: string; name: string | null; errorCodes: readonly string[] }): void;
}

export interface Tracing {
  /**
   * Runs `run` inside a span for one GraphQL operation (`via`: http, ws or in-process), a child of
   * the caller's span (the HTTP request's); the SQL statements it runs become the span's children.
   * The span ends when `run` returns, or when the promise it returns settles.
   */
  graphqlOperation<T>(via: string, requestId: string, run: (span: OperationSpan) => T): T;
}

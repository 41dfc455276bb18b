import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Em } from '../core/db.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { Principal } from '../core/principal.js';
import type { SamlMetadataPolicy, WebhookUrlPolicy } from '../core/access.js';
import type { Logger } from '../shared/logger.js';
import { NO_METRICS, type ServiceMetrics } from '../shared/metrics.js';
import type { OperationSpan, Tracing } from '../shared/tracing.js';
import { createGraphQLContext, type GraphQLContext } from './context.js';
import { formatError } from './errors.js';
import { checkInputValues } from './input-values.js';
import { MAX_TOKENS, checkDocumentSize, checkQueryLimits, checkSourceNesting, tokenLimitError } from './limits.js';
import { logOperation, type OperationLogEntry } from './operation-log.js';

/** Errors graphql-js makes itself (syntax, validation, variable coercion) carry no code: they are the client's. */
export const clientError = (e: GraphQLError, code: string) =>
  e.extensions?.code || e.originalError
    ? e
    : new GraphQLError(e.message, { nodes: e.nodes, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } });

export const responseTooLarge = (size: number, limit: number) =>
  new GraphQLError(`the answer would be ${size} bytes, more than the ${limit} a GraphQL answer may have; ask for smaller pages or fewer fields`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'query.responseSize', http: { status: 400 } },
  });

/** Keeps the first time-budget error of a result (each resolver that did not start made one). */
export function dedupeBudgetErrors<E extends { extensions?: Record<string, unknown> | undefined }>(errors: readonly E[]): E[] {
  let seen = false;
  return errors.filter((e) => {
    if (e.extensions?.reason !== 'query.timeBudget') return true;
    if (seen) return false;
    return (seen = true);
  });
}

export interface CheckOptions {
  /** The limits of a client's operation (QueryLimits); the adapters' fixed documents skip them. */
  limits: boolean;
  /** Coerce the variables to their declared types first (Apollo does it itself over HTTP). */
  coerceVariables: boolean;
}

/**
 * The one path of a GraphQL operation, whoever sends it: Apollo over HTTP (src/server/graphql-http.ts),
 * graphql-ws over WebSocket (src/server/graphql-ws.ts) and the SCIM and SAML adapters in-process
 * (executor.ts) all take these steps, so a bound or a rule is written once:
 *
 * 1. `document`: the source's nesting is scanned, it is parsed (at most MAX_TOKENS tokens), its
 *    fields are counted (MAX_DOCUMENT_FIELDS) and it is validated — Apollo parses and validates
 *    itself, with the same bounds (`parseOptions`, and `checkSource` before it sees the request);
 * 2. `check`: the operation's limits (for clients), its input values, its variables' types;
 * 3. `context`: the core context with the principal and, for clients, the time budget;
 * 4. `formatErrors`: codes kept, one time-budget error, internal faults logged and answered with a reference;
 * 5. `log`: one debug line per operation, and its count in the metrics (`idm_graphql_operations_total`,
 *    `idm_graphql_errors_total`; the server hands in `metrics`).
 *
 * Around them, `traced`: the operation's span, when the server traces (it hands in `tracing`).
 */
export class GraphQLPipeline {
  readonly format: ReturnType<typeof formatError>;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly deps: {
      fork: () => Em;
      bus: EventBus;
      log: Logger;
      metrics?: ServiceMetrics;
      webhooks?: WebhookUrlPolicy;
      samlMetadata?: SamlMetadataPolicy;
      tracing?: Tracing;
    },
  ) {
    this.format = formatError(deps.log);
    this.metrics = deps.metrics ?? NO_METRICS;
  }

  private readonly metrics: ServiceMetrics;

  /**
   * What a source may be before it is validated, or null: nesting no deeper than the parser's stack
   * allows (query.nesting), and, parsed, no more fields than validation should take on (query.fields).
   * A source that does not parse is left to the parser's own error (null), but for the token limit (query.tokens).
   */
  checkSource(source: string): GraphQLError | null {
    try {
      checkSourceNesting(source);
    } catch (err) {
      return err as GraphQLError;
    }
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: MAX_TOKENS });
    } catch (err) {
      return tokenLimitError(err);
    }
    return this.checkParsed(document);
  }

  private checkParsed(document: DocumentNode): GraphQLError | null {
    try {
      checkDocumentSize(document);
      return null;
    } catch (err) {
      return err as GraphQLError;
    }
  }

  /** Step 1: a source as a validated document, or the client's errors (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, QUERY_TOO_COMPLEX). */
  document(source: unknown): { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: GraphQLError[] } {
    if (typeof source !== 'string') return { errors: [clientError(new GraphQLError('the query must be a string'), 'GRAPHQL_PARSE_FAILED')] };
    try {
      checkSourceNesting(source);
    } catch (err) {
      return { errors: [err as GraphQLError] };
    }
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: MAX_TOKENS });
    } catch (err) {
      return { errors: [tokenLimitError(err) ?? clientError(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
    }
    const large = this.checkParsed(document);
    if (large) return { errors: [large] };
    const errors = validate(this.schema, document, specifiedRules);
    return errors.length ? { errors: errors.map((e) => clientError(e, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
  }

  /** Step 2: what the operation may not do, before anything runs (empty when it may run). */
  check(
    document: DocumentNode | null,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    opts: CheckOptions,
  ): GraphQLError[] {
    try {
      if (opts.limits && document) checkQueryLimits(this.schema, document, operationName, variables ?? undefined);
      checkInputValues(document, variables);
    } catch (err) {
      if (err instanceof GraphQLError) return [err];
      throw err;
    }
    const operation = opts.coerceVariables && document ? getOperationAST(document, operationName) : null;
    if (operation) {
      // a value of the wrong type is the client's error (the errors graphql-js makes while executing
      // carry the scalar's own error and read as internal faults)
      const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
      if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
    }
    return [];
  }

  /** Step 3: what the resolvers receive; `budgetMs` null for none (subscriptions, the adapters' operations). */
  context(principal: Principal, requestId: string, publicUrl: string | null, budgetMs: number | null, em: Em | (() => Em) = this.deps.fork): GraphQLContext {
    return createGraphQLContext(
      { em, bus: this.deps.bus, log: this.deps.log, webhooks: this.deps.webhooks, samlMetadata: this.deps.samlMetadata },
      principal,
      requestId,
      publicUrl,
      budgetMs,
    );
  }

  /** Step 4: errors as a client sees them. Anything that is not a GraphQLError is an internal fault. */
  formatErrors(errors: readonly unknown[], requestId?: string): GraphQLFormattedError[] {
    // an error with a path arose while executing: a fault unless it carries a code (formatError decides);
    // one without is about the request itself (its variables, say)
    const mapped = errors.map((e) =>
      e instanceof GraphQLError
        ? e.path
          ? e
          : clientError(e, 'BAD_USER_INPUT')
        : new GraphQLError('internal error', { originalError: e instanceof Error ? e : new Error(String(e)) }),
    );
    return dedupeBudgetErrors(mapped).map((e) => this.format(e.toJSON(), e, requestId));
  }

  /** Step 5: every operation, HTTP, WebSocket or in-process, ends here once. */
  log(entry: OperationLogEntry & { span?: OperationSpan | undefined }): void {
    logOperation(this.deps.log, entry);
    const facts = operationFacts(entry.document, entry.operationName, entry.errors);
    this.metrics.graphqlOperation({ ...facts, via: entry.via });
    entry.span?.describe(facts);
  }

  /**
   * Runs an operation inside its span when the server traces (README, "Traces"): the SQL statements
   * it runs become the span's children, and `log` names the span (pass it the span). Without
   * tracing, `run` is called as is.
   */
  traced<T>(via: OperationLogEntry['via'], requestId: string, run: (span: OperationSpan | undefined) => T): T {
    const tracing = this.deps.tracing;
    return tracing ? tracing.graphqlOperation(via, requestId, run) : run(undefined);
  }
}

/** An operation's type and name (as the metrics and the span name them) and its errors' codes. */
export function operationFacts(
  document: DocumentNode | undefined,
  operationName: string | null | undefined,
  errors?: OperationLogEntry['errors'],
): { type: string; name: string | null; errorCodes: string[] } {
  const op = document ? getOperationAST(document, operationName ?? undefined) : null;
  return {
    type: op?.operation ?? 'unknown',
    name: op ? (op.name?.value ?? null) : (operationName ?? null),
    errorCodes: errors?.length ? errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')) : [],
  };
}

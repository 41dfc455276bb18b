import type http from 'node:http';
import type Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { koaMiddleware } from '@as-integrations/koa';
import { GraphQLError } from 'graphql';
import type { Principal } from '../core/principal.js';
import type { GraphQLContext } from '../graphql/context.js';
import { tagRequest } from '../graphql/errors.js';
import { MAX_TOKENS } from '../graphql/limits.js';
import { dedupeBudgetErrors, responseTooLarge, type GraphQLPipeline } from '../graphql/pipeline.js';
import { DATABASE_RETRY_SECONDS } from '../shared/database-outage.js';
import type { Logger } from '../shared/logger.js';
import type { OperationSpan } from '../shared/tracing.js';
import { requestOrigin } from '../shared/request-origin.js';
import type { Config } from './config.js';

export interface GraphQLHttpDeps {
  httpServer: http.Server;
  pipeline: GraphQLPipeline;
  /** The principal of an Authorization header's credential, or null. */
  principal: (authorization: string | undefined) => Promise<Principal | null>;
  /** Why a request has no principal, as the 401 says it. */
  noCredential: (header: string) => string;
  config: Config;
  log: Logger;
  /** The largest request body. */
  maxBody: number;
  /** Runs when Apollo stops, after HTTP is drained (the WebSocket server). */
  onDrain: () => Promise<void>;
}

/** Where an operation's span rides on its context (a symbol: Apollo copies the context's own properties per operation). */
const SPAN = Symbol('operation span');
type TracedContext = GraphQLContext & { [SPAN]?: OperationSpan | undefined };

const errorBody = (e: GraphQLError) => ({ errors: [{ message: e.message, extensions: { code: e.extensions.code, reason: e.extensions.reason } }] });

/**
 * GraphQL over HTTP: Apollo Server on `/graphql`, its operations through the pipeline (pipeline.ts).
 * Returns the Koa middleware chain for the route and Apollo, whose `stop()` drains the HTTP server.
 */
export async function graphqlHttp(deps: GraphQLHttpDeps): Promise<{ apollo: ApolloServer<GraphQLContext>; middleware: Koa.Middleware[] }> {
  const { pipeline, config } = deps;
  const apollo = new ApolloServer<GraphQLContext>({
    schema: pipeline.schema,
    introspection: true,
    // the parser stops at this many tokens (the source's nesting is checked before, see the route)
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: pipeline.format,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handlers would re-raise the signal and race our shutdown
    stopOnTerminationSignals: false,
    plugins: [
      // the default cache-control plugin listens to every field, which makes Apollo wrap every
      // resolver of the shared schema (the in-process SCIM/SAML runner's too); we set no cache hints
      ApolloServerPluginCacheControlDisabled(),
      // in-flight requests get SHUTDOWN_GRACE_SECONDS (the plugin's own default, 10 s, cut them sooner)
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer, stopGracePeriodMillis: config.shutdownGraceSeconds * 1000 }),
      {
        async serverWillStart() {
          return { drainServer: deps.onDrain };
        },
      },
      {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            // Apollo parsed, validated and coerced the variables; the pipeline's checks come next
            async didResolveOperation({ document, request }) {
              const refused = pipeline.check(document, request.operationName, request.variables, { limits: true, coerceVariables: false });
              if (refused.length) throw refused[0];
            },
            // the request id for the log line of an internal error (formatError is not told it)
            async didEncounterErrors({ errors, contextValue }) {
              if (contextValue?.requestId) for (const e of errors) tagRequest(e, contextValue.requestId);
            },
            async willSendResponse({ response, document, request, contextValue }) {
              if (response.body.kind !== 'single') return;
              const result = response.body.singleResult;
              // an operation stopped by its time budget: one error says so, not one per resolver that did not start
              if (result.errors) result.errors = dedupeBudgetErrors(result.errors);
              // the debug line and the operation's metrics
              pipeline.log({
                via: 'http',
                requestId: contextValue?.requestId ?? '',
                document,
                operationName: request.operationName,
                principal: contextValue?.core?.principal,
                variables: request.variables,
                started,
                errors: result.errors,
                span: (contextValue as TracedContext | undefined)?.[SPAN],
              });
              // an operation that failed because the database is unavailable is a 503 with
              // Retry-After (load balancers and clients retry it; it is logged as a failure), not a 200
              if (!result.errors?.some((e) => e.extensions?.reason === 'database.unavailable')) return;
              response.http.status = 503;
              response.http.headers.set('retry-after', String(DATABASE_RETRY_SECONDS));
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const apolloMiddleware = koaMiddleware(apollo, {
    context: async ({ ctx }) => {
      const principal = ctx.state.principal as Principal | undefined;
      if (!principal) throw new GraphQLError(deps.noCredential(ctx.get('authorization')), { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      const context: TracedContext = pipeline.context(
        principal,
        ctx.state.requestId as string,
        config.publicUrl ?? requestOrigin(ctx),
        config.graphqlTimeBudgetMs,
      );
      // the plugin names the span when the operation ends (tracing on)
      if (ctx.state.graphqlSpan) context[SPAN] = ctx.state.graphqlSpan as OperationSpan;
      return context;
    },
  });

  const middleware: Koa.Middleware[] = [
    // the credential is checked before the body is read: a client without one cannot make the
    // server take in (and wait for) up to 2 MiB. Apollo's landing page (GET, text/html) needs none.
    async (ctx, next) => {
      const header = ctx.get('authorization');
      const principal = header ? await deps.principal(header) : null;
      if (principal) ctx.state.principal = principal;
      else if (ctx.method === 'POST') {
        ctx.status = 401;
        ctx.body = { errors: [{ message: deps.noCredential(header), extensions: { code: 'UNAUTHENTICATED' } }] };
        if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
        return;
      }
      await next();
    },
    bodyParser({ enableTypes: ['json'], jsonLimit: deps.maxBody, encoding: 'utf-8' }),
    // before Apollo parses: a source whose nesting would overflow the parser's stack is refused; after
    // it answered: an answer larger than GRAPHQL_MAX_RESPONSE_BYTES (the work is bounded before by
    // the cost limit, this bounds what is sent)
    async (ctx, next) => {
      const query = ctx.method === 'GET' ? ctx.query.query : (ctx.request.body as { query?: unknown } | undefined)?.query;
      const nested = typeof query === 'string' ? pipeline.checkSource(query) : null;
      if (nested) {
        ctx.status = 400;
        ctx.body = errorBody(nested);
        return;
      }
      await next();
      const max = config.graphqlMaxResponseBytes;
      if (typeof ctx.body === 'string' && ctx.body.length > max / 3 && Buffer.byteLength(ctx.body) > max) {
        ctx.status = 400;
        ctx.body = errorBody(responseTooLarge(Buffer.byteLength(ctx.body), max));
        ctx.state.log.warn('GraphQL answer over the size limit: refused', { limit: max });
      }
    },
    // with traces on, Apollo parses, validates and executes inside the operation's span
    config.tracing
      ? (ctx, next) =>
          pipeline.traced('http', ctx.state.requestId as string, (span) => {
            ctx.state.graphqlSpan = span;
            return apolloMiddleware(ctx, next);
          })
      : apolloMiddleware,
  ];
  return { apollo, middleware };
}

import http from 'node:http';
import Koa from 'koa';
import { Router } from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { koaMiddleware } from '@as-integrations/koa';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, getVariableValues, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Em } from '../core/db.js';
import type { EventBus } from '../core/events/event-bus.js';
import type { Principal } from '../core/principal.js';
import { createGraphQLContext, type GraphQLContext } from '../graphql/context.js';
import { formatError, tagRequest } from '../graphql/errors.js';
import { MAX_TOKENS, checkQueryLimits, checkSourceNesting } from '../graphql/limits.js';
import { checkInputValues } from '../graphql/input-values.js';
import { OperationRunner } from '../graphql/executor.js';
import { logOperation } from '../graphql/operation-log.js';
import { BearerAuth } from '../core/services/bearer-auth.js';
import { onCredentialInvalidated } from '../core/services/credentials.js';
import { requestContext } from './koa-request-context.js';
import { collapseScimSlashes, scimRouter } from '../scim/router.js';
import { samlRouter } from '../saml/router.js';
import type { Config } from './config.js';
import type { Logger } from '../shared/logger.js';
import { requestOrigin } from '../shared/request-origin.js';
import { cors } from './koa-cors.js';
import { databaseUnavailable } from '../core/errors.js';
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from '../shared/database-outage.js';

/** The largest GraphQL request, over HTTP (body) and WebSocket (message): 2 MiB. */
const GRAPHQL_BODY_LIMIT = 2 * 1024 * 1024;

/** Operations (subscriptions, and queries in flight) one WebSocket may have open at once. */
export const MAX_OPERATIONS_PER_SOCKET = 50;
/** Operations one credential may have open at once over all its WebSockets to this process. */
export const MAX_OPERATIONS_PER_CREDENTIAL = 200;

/** How long /readyz waits for the database's answer before it reports 503. */
const READINESS_TIMEOUT_MS = 2000;

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  bus: EventBus;
  schema: GraphQLSchema;
  log: Logger;
}

export interface App {
  httpServer: http.Server;
  runner: OperationRunner;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes WebSockets. */
  close(): Promise<void>;
}

/** How often open WebSocket connections re-check their credential. */
export const WS_REAUTH_MS = 5_000;

/** Why a GraphQL request has no principal: no Authorization header, or one naming no live credential. */
const noCredential = (header: string) => (header ? 'unknown or revoked credential' : 'missing Authorization: Bearer <key>');
const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const tooManyOperations = (message: string) => new GraphQLError(message, { extensions: { code: 'TOO_MANY_OPERATIONS', reason: 'subscription.tooMany' } });
const responseTooLarge = (size: number, limit: number) =>
  new GraphQLError(`the answer would be ${size} bytes, more than the ${limit} a GraphQL answer may have; ask for smaller pages or fewer fields`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'query.responseSize' },
  });

/** Keeps the first time-budget error of a result (each resolver that did not start made one). */
function dedupeBudgetErrors<E extends { extensions?: Record<string, unknown> | undefined }>(errors: readonly E[]): E[] {
  let seen = false;
  return errors.filter((e) => {
    if (e.extensions?.reason !== 'query.timeBudget') return true;
    if (seen) return false;
    return (seen = true);
  });
}

/**
 * Before Apollo parses a request: refuses a source whose nesting would overflow the parser's stack
 * (checkSourceNesting), and after it answered, an answer larger than `maxBytes` (QUERY_TOO_COMPLEX,
 * reason query.responseSize; the work is bounded before by the cost limit, this bounds what is sent).
 */
function graphqlSource(maxBytes: number): Koa.Middleware {
  return async (ctx, next) => {
    const body = ctx.request.body as { query?: unknown } | undefined;
    const query = ctx.method === 'GET' ? ctx.query.query : body?.query;
    if (typeof query === 'string') {
      try {
        checkSourceNesting(query);
      } catch (err) {
        const e = err as GraphQLError;
        ctx.status = 400;
        ctx.body = { errors: [{ message: e.message, extensions: { code: e.extensions.code, reason: e.extensions.reason } }] };
        return;
      }
    }
    await next();
    if (typeof ctx.body === 'string' && ctx.body.length > maxBytes / 3 && Buffer.byteLength(ctx.body) > maxBytes) {
      const e = responseTooLarge(Buffer.byteLength(ctx.body), maxBytes);
      ctx.status = 400;
      ctx.body = { errors: [{ message: e.message, extensions: { code: e.extensions.code, reason: e.extensions.reason } }] };
      ctx.state.log.warn('GraphQL answer over the size limit: refused', { limit: maxBytes });
    }
  };
}

/** Builds the Koa app with Apollo (HTTP) and graphql-ws (WebSocket) on one server and one path. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, orm, bus, schema, log } = deps;
  const fork = () => orm.em.fork() as Em;
  const auth = new BearerAuth(fork, config.adminApiKey);
  const runner = new OperationRunner(schema, { fork, bus, log });
  const httpServer = http.createServer();
  httpServer.keepAliveTimeout = 65_000;
  // a client sending its headers or body slowly is cut off sooner than Node's 60 s / 300 s
  // (a request of the largest allowed body, 4 MB, still has two minutes)
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 120_000;

  // a message may be as large as a GraphQL request body over HTTP (ws allowed 100 MiB, before
  // authentication: one such message took 250 MB of memory); a larger one closes the socket (1009)
  // noServer: the HTTP server's own errors (a port in use) are not the WebSocket server's, which
  // graphql-ws would report on stderr as an "internal error emitted on the WebSocket server"
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: GRAPHQL_BODY_LIMIT });
  httpServer.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      // a message over maxPayload: ws has closed the socket with 1009 before it emits the error, which
      // graphql-ws would print on stderr as "Internal error emitted on a WebSocket socket"; it is the
      // client's doing, so it is logged as such instead
      const emit = ws.emit.bind(ws);
      ws.emit = ((event: string | symbol, ...args: unknown[]) => {
        if (event === 'error' && (args[0] as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          log.info('WebSocket message over the size limit: closed (1009)', { limit: GRAPHQL_BODY_LIMIT });
          return true;
        }
        return emit(event, ...args);
      }) as typeof ws.emit;
      wss.emit('connection', ws, req);
    }),
  );
  const format = formatError(log);
  /** Errors graphql-js makes itself (syntax, validation, variable coercion) carry no code: the client's. */
  const clientError = (e: GraphQLError, code: string) => (e.extensions?.code || e.originalError ? e : new GraphQLError(e.message, { nodes: e.nodes, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } }));
  const formatWs = (errors: readonly unknown[]) =>
    errors.map((e) => {
      const err = e instanceof GraphQLError ? clientError(e, 'BAD_USER_INPUT') : new GraphQLError('internal error', { originalError: e instanceof Error ? e : new Error(String(e)) });
      return format(err.toJSON(), err);
    });
  // open connections and the credential each authenticated with: a revoked key (or one of a deleted
  // organization) loses its subscriptions
  const connections = new Map<WebSocket, string | undefined>();
  /** The operations open on each socket, grouped by credential (MAX_OPERATIONS_PER_CREDENTIAL). */
  const socketsOf = new Map<string, Set<{ subscriptions: Record<string, unknown> }>>();
  const credentialKey = (p: Principal) => (p.kind === 'SAML' ? `saml:${p.organizationId}` : `${p.kind}:${p.credentialId ?? p.label}`);
  const recheckConnections = () => {
    for (const [socket, header] of connections) {
      auth
        .principal(header)
        .then((p) => {
          if (!p && connections.has(socket)) {
            connections.delete(socket);
            socket.close(4403, 'Forbidden: the credential was revoked');
          }
        })
        .catch((err) => log.warn('re-checking a subscription credential failed', { error: err }));
    }
  };
  // at once when a credential is revoked (here or, through NOTIFY, on another instance), and
  // every WS_REAUTH_MS as a backstop
  const stopListening = onCredentialInvalidated(() => connections.size && recheckConnections());
  const reauth = setInterval(recheckConnections, WS_REAUTH_MS);
  reauth.unref();
  const wsServer = useServer<Record<string, unknown> | undefined, { principal?: Principal; socket: WebSocket }>(
    {
      schema,
      // never an internal error's message in a close reason, whatever NODE_ENV says
      isProd: true,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = (params.authorization ?? params.Authorization) as string | undefined;
        const given = typeof header === 'string' && header !== '';
        const principal = given ? await auth.principal(header) : null;
        if (!principal) {
          // closed here to say why, as HTTP's 401 does: 4401 without a key, 4403 for one that names no
          // live credential (graphql-ws's own close for `false` then finds the socket closing)
          if (given) ctx.extra.socket.close(4403, `Forbidden: ${noCredential(header)}`);
          else ctx.extra.socket.close(4401, 'Unauthorized: send {"authorization": "Bearer <key>"} as the connection payload');
          return false;
        }
        ctx.extra.principal = principal;
        connections.set(ctx.extra.socket, header);
        const key = credentialKey(principal);
        let set = socketsOf.get(key);
        if (!set) socketsOf.set(key, (set = new Set()));
        set.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connections.delete(ctx.extra.socket);
        if (!ctx.extra.principal) return;
        const key = credentialKey(ctx.extra.principal);
        const set = socketsOf.get(key);
        set?.delete(ctx);
        if (set?.size === 0) socketsOf.delete(key);
      },
      onSubscribe: (ctx, id, payload) => {
        // bounded per socket and per credential (this operation is already counted in ctx.subscriptions)
        const open = Object.keys(ctx.subscriptions).length;
        if (open > MAX_OPERATIONS_PER_SOCKET) return [tooManyOperations(`this WebSocket has ${MAX_OPERATIONS_PER_SOCKET} operations open, the most one socket may have; complete one first`)];
        let total = 0;
        for (const c of socketsOf.get(credentialKey(ctx.extra.principal!)) ?? []) total += Object.keys(c.subscriptions).length;
        if (total > MAX_OPERATIONS_PER_CREDENTIAL) return [tooManyOperations(`this credential has ${MAX_OPERATIONS_PER_CREDENTIAL} operations open over its WebSockets, the most one credential may have; complete one first`)];
        let document;
        try {
          if (typeof payload.query !== 'string') throw new GraphQLError('the query must be a string');
          checkSourceNesting(payload.query);
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (err) {
          return [clientError(err as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length) return errors.map((e) => clientError(e, 'GRAPHQL_VALIDATION_FAILED'));
        try {
          checkQueryLimits(schema, document, payload.operationName, payload.variables ?? undefined);
          checkInputValues(document, payload.variables);
        } catch (err) {
          return [err as GraphQLError];
        }
        // variables are coerced here, as Apollo does over HTTP: a value of the wrong type is the
        // client's error (the errors graphql-js makes while executing carry the scalar's own error
        // and read as internal faults)
        const operation = getOperationAST(document, payload.operationName);
        if (operation) {
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
          if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
        }
        // subscriptions live as long as the client wants; queries and mutations have the time budget
        const live = operation?.operation === 'subscription';
        const contextValue: GraphQLContext = createGraphQLContext({ em: fork(), bus, log }, ctx.extra.principal!, `ws-${id}`, config.publicUrl ?? null, live ? null : config.graphqlTimeBudgetMs);
        logOperation(log, { via: 'ws', requestId: `ws-${id}`, document, operationName: payload.operationName, principal: ctx.extra.principal, variables: payload.variables });
        const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
        return args;
      },
      // the same rendering as over HTTP: codes kept, internal faults logged and answered with a reference
      onError: (_ctx, _id, _payload, errors) => formatWs(errors),
      onNext: (_ctx, _id, _payload, args, result) => {
        const formatted = result.errors?.length ? { ...result, errors: formatWs(dedupeBudgetErrors(result.errors)) } : undefined;
        // a query's or mutation's answer is bounded as over HTTP (an event is small by construction)
        if (getOperationAST(args.document, args.operationName)?.operation !== 'subscription') {
          const size = Buffer.byteLength(JSON.stringify(formatted ?? result));
          if (size > config.graphqlMaxResponseBytes) return { data: null, errors: [responseTooLarge(size, config.graphqlMaxResponseBytes)] };
        }
        return formatted;
      },
    },
    wss,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    // the parser stops at this many tokens (the source's nesting is checked before, see graphqlSource)
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: format,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handlers would re-raise the signal and race our shutdown
    stopOnTerminationSignals: false,
    plugins: [
      // the default cache-control plugin listens to every field, which makes Apollo wrap every
      // resolver of the shared schema (the in-process SCIM/SAML runner's too); we set no cache hints
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsServer.dispose();
            },
          };
        },
      },
      {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async didResolveOperation({ document, request }) {
              checkQueryLimits(schema, document, request.operationName, request.variables);
              checkInputValues(document, request.variables);
            },
            // an operation that failed because the database is unavailable is a 503 with
            // Retry-After (load balancers and clients retry it; it is logged as a failure), not a 200
            // the request id for the log line of an internal error (formatError is not told it)
            async didEncounterErrors({ errors, contextValue }) {
              if (contextValue?.requestId) for (const e of errors) tagRequest(e, contextValue.requestId);
            },
            async willSendResponse({ response, document, request, contextValue }) {
              // an operation stopped by its time budget: one error says so, not one per resolver that did not start
              if (response.body.kind === 'single' && response.body.singleResult.errors) {
                response.body.singleResult.errors = dedupeBudgetErrors(response.body.singleResult.errors);
              }
              if (log.isDebug) {
                const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
                logOperation(log, { via: 'http', requestId: contextValue?.requestId ?? '', document, operationName: request.operationName, principal: contextValue?.core?.principal, variables: request.variables, started, errors });
              }
              if (response.body.kind !== 'single') return;
              if (!response.body.singleResult.errors?.some((e) => e.extensions?.reason === 'database.unavailable')) return;
              response.http.status = 503;
              response.http.headers.set('retry-after', String(DATABASE_RETRY_SECONDS));
            },
          };
        },
      },
    ],
  });
  await apollo.start();

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
  app.use(requestContext(log));
  // API answers are never cached on the way (a mutation's answer may carry a new key or token), nor
  // sniffed as another content type
  app.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
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
  router.get('/readyz', async (ctx) => {
    try {
      // a database that does not answer (hung, or its pool exhausted) is not ready either
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
      });
      const check = orm.em.getConnection().execute('select 1');
      check.catch(() => {}); // when the timeout won, a later failure is no news
      await Promise.race([check, timeout]).finally(() => clearTimeout(timer));
      ctx.body = { status: 'ready' };
    } catch (err) {
      ctx.status = 503;
      ctx.body = { status: 'database unreachable' };
      ctx.state.log.warn('readiness check failed', { error: (err as Error).message });
    }
  });
  router.all(
    '/graphql',
    // the credential is checked before the body is read: a client without one cannot make the
    // server take in (and wait for) up to 2 MiB. Apollo's landing page (GET, text/html) needs none.
    async (ctx, next) => {
      const header = ctx.get('authorization');
      const principal = header ? await auth.principal(header) : null;
      if (principal) ctx.state.principal = principal;
      else if (ctx.method === 'POST') {
        ctx.status = 401;
        ctx.body = { errors: [{ message: noCredential(header), extensions: { code: 'UNAUTHENTICATED' } }] };
        if (!ctx.req.readableEnded) ctx.set('Connection', 'close');
        return;
      }
      await next();
    },
    bodyParser({ enableTypes: ['json'], jsonLimit: GRAPHQL_BODY_LIMIT, encoding: 'utf-8' }),
    graphqlSource(config.graphqlMaxResponseBytes),
    koaMiddleware(apollo, {
      context: async ({ ctx }) => {
        const principal = ctx.state.principal as Principal | undefined;
        if (!principal) throw unauthenticated(noCredential(ctx.get('authorization')));
        return createGraphQLContext({ em: fork(), bus, log }, principal, ctx.state.requestId as string, config.publicUrl ?? requestOrigin(ctx), config.graphqlTimeBudgetMs);
      },
    }),
  );
  const scim = scimRouter({ runner, auth, publicUrl: config.publicUrl, log, rateLimit: { perSecond: config.scimRateLimit, burst: config.scimRateBurst } });
  app.use(collapseScimSlashes);
  app.use(scim.routes());
  app.use(samlRouter({ runner, publicUrl: config.publicUrl, log, rateLimit: { perSecond: config.samlRateLimit, burst: config.samlRateBurst } }).routes());
  app.use(router.routes());
  app.use(router.allowedMethods());
  // Koa snapshots its middleware when callback() is called: attach only after everything is registered
  httpServer.on('request', app.callback());

  let closing: Promise<void> | undefined;
  return {
    httpServer,
    runner,
    close: () =>
      (closing ??= (async () => {
        const grace = setTimeout(() => httpServer.closeAllConnections(), config.shutdownGraceSeconds * 1000);
        grace.unref();
        clearInterval(reauth);
        stopListening();
        await apollo.stop(); // stops accepting, drains HTTP, disposes the WebSocket server
        clearTimeout(grace);
      })()),
  };
}

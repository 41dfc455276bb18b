import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, execute, getOperationAST, subscribe, type ExecutionArgs } from 'graphql';
import type { Principal } from '../core/principal.js';
import { onCredentialInvalidated } from '../core/services/credentials.js';
import type { GraphQLContext } from '../graphql/context.js';
import { operationFacts, responseTooLarge, type GraphQLPipeline } from '../graphql/pipeline.js';
import type { Logger } from '../shared/logger.js';
import { PassFailures } from '../shared/database-outage.js';
import type { Config } from './config.js';

/** Operations (subscriptions, and queries in flight) one WebSocket may have open at once. */
export const MAX_OPERATIONS_PER_SOCKET = 50;
/** Operations one credential may have open at once over all its WebSockets to this process. */
export const MAX_OPERATIONS_PER_CREDENTIAL = 200;
/** How often open WebSocket connections re-check their credential. */
export const WS_REAUTH_MS = 5_000;

const tooManyOperations = (message: string) => new GraphQLError(message, { extensions: { code: 'TOO_MANY_OPERATIONS', reason: 'subscription.tooMany' } });
const credentialKey = (p: Principal) =>
  p.kind === 'SAML' || p.kind === 'OIDC' ? `${p.kind.toLowerCase()}:${p.organizationId}` : `${p.kind}:${p.credentialId ?? p.label}`;

export interface GraphQLWsDeps {
  httpServer: http.Server;
  pipeline: GraphQLPipeline;
  /** The principal of an Authorization header's credential, or null. */
  principal: (authorization: string | undefined) => Promise<Principal | null>;
  /** Why a request has no principal (the same words as HTTP's 401). */
  noCredential: (header: string) => string;
  config: Config;
  log: Logger;
  /** The largest message, as a GraphQL request body over HTTP. */
  maxPayload: number;
}

/**
 * GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's `/graphql`: subscriptions, and
 * queries and mutations too, through the same pipeline as HTTP. A connection authenticates once with
 * its connection payload and loses its operations when that credential is revoked. Returns what
 * stops it.
 */
export function graphqlWebSocket(deps: GraphQLWsDeps): { dispose: () => Promise<void> } {
  const { httpServer, pipeline, config, log, maxPayload } = deps;
  // an operation's span (tracing on): its start, for a subscription; named when it starts, as the log line is
  const traced = <T>(args: ExecutionArgs, run: (args: ExecutionArgs) => T): T =>
    pipeline.traced('ws', (args.contextValue as GraphQLContext).requestId, (span) => {
      span?.describe(operationFacts(args.document, args.operationName));
      return run(args);
    });
  // a message may be as large as a GraphQL request body over HTTP (ws allowed 100 MiB, before
  // authentication: one such message took 250 MB of memory); a larger one closes the socket (1009)
  // noServer: the HTTP server's own errors (a port in use) are not the WebSocket server's, which
  // graphql-ws would report on stderr as an "internal error emitted on the WebSocket server"
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload });
  httpServer.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      // a message over maxPayload: ws has closed the socket with 1009 before it emits the error, which
      // graphql-ws would print on stderr as "Internal error emitted on a WebSocket socket"; it is the
      // client's doing, so it is logged as such instead
      const emit = ws.emit.bind(ws);
      ws.emit = ((event: string | symbol, ...args: unknown[]) => {
        if (event === 'error' && (args[0] as { code?: unknown } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          log.info('WebSocket message over the size limit: closed (1009)', { limit: maxPayload });
          return true;
        }
        return emit(event, ...args);
      }) as typeof ws.emit;
      wss.emit('connection', ws, req);
    }),
  );
  // open connections and the credential each authenticated with: a revoked key (or one of a deleted
  // organization) loses its subscriptions
  const connections = new Map<WebSocket, string | undefined>();
  /** The operations open on each socket, grouped by credential (MAX_OPERATIONS_PER_CREDENTIAL). */
  const socketsOf = new Map<string, Set<{ subscriptions: Record<string, unknown> }>>();
  // a database outage is said once for the whole pass and then quietly until it answers, as the
  // background loops do (it was a warn line with a stack per connection every WS_REAUTH_MS)
  const recheckPasses = new PassFailures(log.child({ job: 'subscription-reauth' }), 'subscription credential re-check');
  const recheckConnections = () => {
    const checks = [...connections].map(([socket, header]) =>
      deps.principal(header).then((p) => {
        if (!p && connections.has(socket)) {
          connections.delete(socket);
          socket.close(4403, 'Forbidden: the credential was revoked');
        }
      }),
    );
    void Promise.allSettled(checks).then((results) => {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) recheckPasses.failed(failed.reason);
      else if (results.length) recheckPasses.succeeded();
    });
  };
  // at once when a credential is revoked (here or, through NOTIFY, on another instance), and
  // every WS_REAUTH_MS as a backstop
  const stopListening = onCredentialInvalidated(() => connections.size && recheckConnections());
  const reauth = setInterval(recheckConnections, WS_REAUTH_MS);
  reauth.unref();
  const server = useServer<Record<string, unknown> | undefined, { principal?: Principal; socket: WebSocket }>(
    {
      schema: pipeline.schema,
      // never an internal error's message in a close reason, whatever NODE_ENV says
      isProd: true,
      // each query and mutation runs in its span when tracing is on; a subscription's span covers its start
      ...(config.tracing ? { execute: (args: ExecutionArgs) => traced(args, execute), subscribe: (args: ExecutionArgs) => traced(args, subscribe) } : {}),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = (params.authorization ?? params.Authorization) as string | undefined;
        const given = typeof header === 'string' && header !== '';
        const principal = given ? await deps.principal(header) : null;
        if (!principal) {
          // closed here to say why, as HTTP's 401 does: 4401 without a key, 4403 for one that names no
          // live credential (graphql-ws's own close for `false` then finds the socket closing)
          if (given) ctx.extra.socket.close(4403, `Forbidden: ${deps.noCredential(header)}`);
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
        if (open > MAX_OPERATIONS_PER_SOCKET)
          return [tooManyOperations(`this WebSocket has ${MAX_OPERATIONS_PER_SOCKET} operations open, the most one socket may have; complete one first`)];
        let total = 0;
        for (const c of socketsOf.get(credentialKey(ctx.extra.principal!)) ?? []) total += Object.keys(c.subscriptions).length;
        if (total > MAX_OPERATIONS_PER_CREDENTIAL)
          return [
            tooManyOperations(
              `this credential has ${MAX_OPERATIONS_PER_CREDENTIAL} operations open over its WebSockets, the most one credential may have; complete one first`,
            ),
          ];
        const { document, errors } = pipeline.document(payload.query);
        if (errors) return errors;
        // variables are coerced here, as Apollo does over HTTP
        const refused = pipeline.check(document, payload.operationName, payload.variables, { limits: true, coerceVariables: true });
        if (refused.length) return refused;
        // subscriptions live as long as the client wants; queries and mutations have the time budget
        const live = getOperationAST(document, payload.operationName)?.operation === 'subscription';
        const contextValue = pipeline.context(ctx.extra.principal!, `ws-${id}`, config.publicUrl ?? null, live ? null : config.graphqlTimeBudgetMs);
        pipeline.log({
          via: 'ws',
          requestId: `ws-${id}`,
          document,
          operationName: payload.operationName,
          principal: ctx.extra.principal,
          variables: payload.variables,
        });
        const args: ExecutionArgs = {
          schema: pipeline.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
      // the same rendering as over HTTP: codes kept, internal faults logged and answered with a reference
      onError: (_ctx, id, _payload, errors) => pipeline.formatErrors(errors, `ws-${id}`),
      onNext: (_ctx, id, _payload, args, result) => {
        // formatErrors keeps one time-budget error of many
        const formatted = result.errors?.length ? { ...result, errors: pipeline.formatErrors(result.errors, `ws-${id}`) } : undefined;
        // a query's or mutation's answer is bounded as over HTTP (an event is small by construction);
        // they are the operations given a time budget in onSubscribe, so no event re-reads the document
        if ((args.contextValue as GraphQLContext).budgetMs !== null) {
          const size = Buffer.byteLength(JSON.stringify(formatted ?? result));
          if (size > config.graphqlMaxResponseBytes) return { data: null, errors: [responseTooLarge(size, config.graphqlMaxResponseBytes)] };
        }
        return formatted;
      },
    },
    wss,
  );
  return {
    dispose: async () => {
      clearInterval(reauth);
      stopListening();
      await server.dispose();
    },
  };
}

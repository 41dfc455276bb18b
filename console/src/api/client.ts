/**
 * The console's only way to the server: the public GraphQL API at /graphql, over HTTP for queries
 * and mutations and over WebSocket (graphql-ws) for subscriptions, with the session's key as the
 * bearer credential (HTTP `Authorization` header; WebSocket connection payload `authorization`).
 */
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';
import { href } from '../router';

export interface ApiError {
  message: string;
  extensions?: { code?: string; reason?: string; [k: string]: unknown };
}

/** A failed operation: the server's GraphQL errors (or a transport failure as one error). */
export class GraphQLFailure extends Error {
  constructor(
    readonly errors: ApiError[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

let currentKey: string | null = null;
let ws: Client | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Sets the key every later operation is sent with (null: signed out). */
export function setKey(key: string | null): void {
  if (key === currentKey) return;
  currentKey = key;
  void ws?.dispose();
  ws = null;
}

/** Called when the server refuses the key (revoked, expired, unknown): the console signs out. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  let res: Response;
  try {
    res = await fetch(href('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(currentKey ? { authorization: `Bearer ${currentKey}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (err) {
    throw new GraphQLFailure([{ message: `The server could not be reached (${(err as Error).message}).` }], 0);
  }
  let body: { data?: R | null; errors?: ApiError[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new GraphQLFailure([{ message: `Unexpected answer from the server (HTTP ${res.status}).` }], res.status);
  }
  if (res.status === 401 || body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    for (const l of unauthorizedListeners) l();
  }
  if (body.errors?.length) throw new GraphQLFailure(body.errors, res.status);
  if (!body.data) throw new GraphQLFailure([{ message: `Empty answer (HTTP ${res.status}).` }], res.status);
  return body.data;
}

function socket(): Client {
  if (ws) return ws;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${href('/graphql')}`;
  const key = currentKey;
  ws = createClient({
    url,
    connectionParams: () => ({ authorization: `Bearer ${key ?? ''}` }),
    lazy: true,
    retryAttempts: 5,
    // 4401/4403: no key, or one the server no longer knows (revoked): retrying cannot help
    shouldRetry: (e) => !(e && typeof e === 'object' && 'code' in e && [4401, 4403].includes((e as CloseEvent).code)),
  });
  return ws;
}

export interface SubscriptionSink<R> {
  next(data: R): void;
  error(error: GraphQLFailure): void;
  complete?(): void;
}

/** Starts a subscription; returns what stops it. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, sink: SubscriptionSink<R>): () => void {
  return socket().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (msg) => {
        if (msg.errors?.length) sink.error(new GraphQLFailure(msg.errors as ApiError[], 200));
        else if (msg.data) sink.next(msg.data as R);
      },
      error: (e) => {
        const close = e as CloseEvent;
        if (close && typeof close === 'object' && 'code' in close) {
          if (close.code === 4401 || close.code === 4403) for (const l of unauthorizedListeners) l();
          sink.error(new GraphQLFailure([{ message: `The live connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''}).` }], 0));
        } else if (Array.isArray(e)) sink.error(new GraphQLFailure(e as ApiError[], 200));
        else sink.error(new GraphQLFailure([{ message: (e as Error)?.message ?? 'The live connection failed.' }], 0));
      },
      complete: () => sink.complete?.(),
    },
  );
}

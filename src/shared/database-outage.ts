/** Recognising a database that is unreachable, restarting or out of connections, for every layer. */

/** Node's socket errors when the database cannot be reached or drops the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** SQLSTATEs of a database that is going away or not taking connections (class 08: connection exceptions). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg's and knex's messages for a lost connection or an exhausted pool, which carry no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect|Timeout acquiring a connection/i;

/**
 * Whether an error says the database is unreachable, restarting or out of connections (as opposed
 * to refusing the statement): the request may succeed when it is tried again.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
    if (e.name === 'KnexTimeoutError' || e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/**
 * How every protocol names the failure: the core's TRY_AGAIN AppError (core/errors.ts,
 * databaseUnavailable) and the adapters' answers to an outage outside a GraphQL operation.
 */
export const DATABASE_UNAVAILABLE = {
  code: 'TRY_AGAIN',
  reason: 'database.unavailable',
  message: 'the database is unavailable at the moment; try again shortly',
} as const;
/** The Retry-After (seconds) every protocol answers a `database.unavailable` failure with. */
export const DATABASE_RETRY_SECONDS = 5;

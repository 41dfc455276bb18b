/** Recognising a database that is unreachable, restarting or out of connections, for every layer. */
import type { Logger } from './logger.js';

/** Node's socket errors when the database cannot be reached or drops the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/**
 * SQLSTATEs of a database that is going away or not taking connections (class 08: connection
 * exceptions), or that takes no writes (25006: a standby, or a primary demoted in a failover, which
 * the service meets only that way: it opens no read-only transactions itself).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '25006']);
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

/** What a background loop logs with. */
export type OutageLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * How a background loop that runs a pass every half second (the webhook worker, the OpenID Connect
 * logout worker) reports a failed pass: a database outage once, at warn and without a stack, as the
 * request path and the event bus say it, and its end once a pass succeeds again (logged every pass,
 * an outage was an error line with a stack four times a second per instance); any other failure at
 * error, every time.
 */
export class PassFailures {
  private down = false;

  constructor(
    private readonly log: OutageLogger,
    /** The loop's name as its lines start: `webhook worker`. */
    private readonly loop: string,
  ) {}

  failed(err: unknown): void {
    if (!isDatabaseUnavailable(err)) {
      this.log.error(`${this.loop} pass failed`, { error: err });
      return;
    }
    if (this.down) return;
    this.down = true;
    this.log.warn(`${this.loop} pass failed: database unavailable; trying again every pass, quietly until it answers`, {
      error: (err as Error | undefined)?.message ?? String(err),
    });
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info(`${this.loop}: database available again`);
  }
}

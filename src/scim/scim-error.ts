import type { GraphQLFormattedError } from 'graphql';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE } from '../shared/database-outage.js';
import { ERROR_SCHEMA } from './urns.js';

/** The error types of RFC 7644 §3.12 (a 400's `scimType`; 409 uniqueness). */
export type ScimType =
  'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

/**
 * The one SCIM protocol error (RFC 7644 §3.12): raised with its HTTP status and scimType where the
 * failure is found (parsers, filter and PATCH translation, handlers, GraphQL results) and rendered
 * as a SCIM Error body in one place, the error middleware of router.ts (Bulk puts the same body in
 * an operation's response).
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** The same error with `prefix` before its detail (where it happened: `Operations[2]: `). */
  withPrefix(prefix: string): ScimError {
    return new ScimError(this.status, this.scimType, prefix + this.message, this.headers);
  }
}

/**
 * 503 with Retry-After: the database is unreachable, restarting or out of connections, whether the
 * core said so (TRY_AGAIN, reason database.unavailable) or the adapter met the outage itself.
 */
export function databaseUnavailable(detail: string = DATABASE_UNAVAILABLE.message): ScimError {
  return new ScimError(503, undefined, detail, { 'Retry-After': String(DATABASE_RETRY_SECONDS) });
}

export function errorBody(status: number, scimType: ScimType | undefined, detail: string): Record<string, unknown> {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Reasons of core BAD_USER_INPUT errors that are really about the filter or paging. */
const FILTER_REASONS = /^filter\.|^sort\./;

/**
 * Maps the first GraphQL error of a failed operation to a SCIM error: the core's codes and reasons
 * decide status and scimType. Unknown codes are internal errors (500) and are logged by the caller.
 */
export function fromGraphQLErrors(errors: readonly GraphQLFormattedError[]): ScimError {
  const e = errors[0]!;
  const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const reason = String(e.extensions?.reason ?? '');
  switch (code) {
    case 'BAD_USER_INPUT':
      return new ScimError(400, FILTER_REASONS.test(reason) ? 'invalidFilter' : 'invalidValue', e.message);
    case 'CONFLICT':
      return new ScimError(409, 'uniqueness', e.message);
    case 'NOT_FOUND':
      return new ScimError(404, undefined, e.message);
    case 'FORBIDDEN':
    case 'SEAT_LIMIT':
      return new ScimError(403, undefined, e.message);
    case 'PRECONDITION_FAILED':
      return new ScimError(412, undefined, e.message);
    case 'UNAUTHENTICATED':
      return new ScimError(401, undefined, e.message);
    case 'TRY_AGAIN':
      return reason === DATABASE_UNAVAILABLE.reason ? databaseUnavailable(e.message) : new ScimError(503, undefined, e.message, { 'Retry-After': '1' });
    case 'QUERY_TOO_COMPLEX':
      return new ScimError(400, 'tooMany', e.message);
    default:
      return new ScimError(500, undefined, e.message);
  }
}

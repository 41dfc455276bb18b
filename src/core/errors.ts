import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../shared/database-outage.js';

/**
 * The one client-facing error of the core. `code` is the coarse class every adapter maps
 * (GraphQL `extensions.code`, SCIM status + scimType, SAML error page); `reason` is a stable,
 * dotted identifier of the exact rule that failed (e.g. `user.userName.conflict`).
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'SEAT_LIMIT'
  | 'PRECONDITION_FAILED'
  /** A concurrent change held what this one needed (PostgreSQL broke a deadlock); nothing was written, try again. */
  | 'TRY_AGAIN';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
    /** Extra machine-readable details (e.g. the offending field). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function assertThat(cond: unknown, code: ErrorCode, reason: string, message: string, details?: Record<string, unknown>): asserts cond {
  if (!cond) throw new AppError(code, reason, message, details);
}

export const badInput = (reason: string, message: string, details?: Record<string, unknown>) => new AppError('BAD_USER_INPUT', reason, message, details);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}.notFound`, `${what} not found`);
export const forbidden = (message = 'not allowed') => new AppError('FORBIDDEN', 'auth.forbidden', message);

/** Unique constraints of the schema, named so a violation can be turned into a precise CONFLICT. */
const CONSTRAINTS: Record<string, [reason: string, message: string, field: string]> = {
  users_org_user_name_key_unique: ['user.userName.conflict', 'a user with this userName already exists', 'userName'],
  users_org_external_id_unique: ['user.externalId.conflict', 'a user with this externalId already exists', 'externalId'],
  groups_org_display_name_key_unique: ['group.displayName.conflict', 'a group with this displayName already exists', 'displayName'],
  groups_org_external_id_unique: ['group.externalId.conflict', 'a group with this externalId already exists', 'externalId'],
  organizations_slug_unique: ['organization.slug.conflict', 'an organization with this slug already exists', 'slug'],
};

export const databaseUnavailable = () => new AppError(DATABASE_UNAVAILABLE.code, DATABASE_UNAVAILABLE.reason, DATABASE_UNAVAILABLE.message);

/**
 * Turns what a concurrent change can make PostgreSQL refuse into a client error: a unique violation
 * into a CONFLICT naming the field; a foreign-key violation (what the change refers to — the
 * organization, a user — was deleted meanwhile) into NOT_FOUND; a deadlock or serialization failure
 * that was not run again (inside a SCIM Bulk, or after transact()'s retries) into TRY_AGAIN.
 * Undefined for other errors.
 */
export function errorFromDb(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  if (e?.code === '40P01' || e?.code === '40001')
    return new AppError('TRY_AGAIN', 'transaction.contention', 'a concurrent change held what this one needed; nothing was changed, try again');
  if (e?.code === '23503')
    return new AppError('NOT_FOUND', 'reference.gone', 'something this change refers to was deleted meanwhile', { constraint: e.constraint ?? null });
  if (e?.code !== '23505') return undefined;
  const c = e.constraint ? CONSTRAINTS[e.constraint] : undefined;
  if (c) return new AppError('CONFLICT', c[0], c[1], { field: c[2] });
  return new AppError('CONFLICT', 'conflict', 'the change conflicts with existing data');
}

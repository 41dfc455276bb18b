import { sql, type Em } from './db.js';

/**
 * The advisory locks the core takes to serialize a read-check-write per organization. Each is a
 * transaction-level lock (held until commit) on `hashtextextended(<key>, <seed>)`: the key is the
 * organization's id (the bulk lane prefixes it), the seed below names what the lock guards. Two
 * callers contend only when they pass the same seed for the same key, so every seed must differ
 * from the others, and callers that guard the same thing must pass the same constant.
 *
 * Not here: the membership lock (services/membership-locks.ts) is keyed by the SQL function
 * `group_members_lock_key`, because a trigger on `users` takes it too; src/server/start.ts holds
 * its own locks for migrations and the first-start key.
 */

/**
 * The count of active users against the seat limit (docs/PROVISIONING.md §1.6). MUST be the one key
 * of both sides: every activation (`assertSeatAvailable`, services/users.ts) and a new seat limit
 * (`setPolicy`, services/policy.ts). Were they to differ, a limit could be lowered below the count
 * while an activation it does not wait for goes ahead.
 */
export const SEAT_COUNT_LOCK = 7001;

/** One writer of the provisioning policy at a time (`setPolicy`: read, validate, write the row). */
export const POLICY_WRITE_LOCK = 7002;

/** One writer of the SAML connection at a time (`configureSamlConnection`: read, validate, write the row). */
export const SAML_CONNECTION_WRITE_LOCK = 7003;

/**
 * One group push naming new people at a time (`addGroupMembers` with `newMembers`): a concurrent
 * push naming the same person waits, then finds the user the first one created.
 */
export const GROUP_PUSH_LOCK = 7004;

/** An organization's turn in a lane (`takeOrganizationTurn`, services/transaction.ts; key `<lane>:<organization id>`). */
export const ORGANIZATION_TURN_LOCK = 7005;

/**
 * The SAML certificate lifecycle check (services/saml-certificate-lifecycle.ts) runs on one instance
 * at a time: a try-lock on `hashtextextended('saml-certificate-lifecycle', <this>)`, not per organization.
 */
export const SAML_CERTIFICATE_LIFECYCLE_LOCK = 7021;
/** One event pruner at a time over all instances (services/event-retention.ts; key `events`, taken with pg_try_advisory_xact_lock per batch). */
export const EVENT_PRUNE_LOCK = 7006;
/** One writer of the OpenID Connect signing keys at a time (creating the first ones, rotating them; key `oidc`). */
export const OIDC_SIGNING_KEYS_LOCK = 7022;
/**
 * One create at a time of a kind an organization may hold only so many of (key `<kind>:<organization id or platform>`):
 * the count and the insert happen under it, so concurrent creates cannot pass the limit together.
 */
export const COUNTED_CREATE_LOCK = 7007;

export type AdvisoryLock =
  | typeof SEAT_COUNT_LOCK
  | typeof POLICY_WRITE_LOCK
  | typeof SAML_CONNECTION_WRITE_LOCK
  | typeof GROUP_PUSH_LOCK
  | typeof ORGANIZATION_TURN_LOCK
  | typeof OIDC_SIGNING_KEYS_LOCK
  | typeof COUNTED_CREATE_LOCK;

/** Takes `lock` for `key` (an organization's id) until the transaction ends; waits while another transaction holds it. */
export async function holdAdvisoryLock(em: Em, lock: AdvisoryLock, key: string): Promise<void> {
  await sql(em, 'select pg_advisory_xact_lock(hashtextextended(?, ?))', [key, lock]);
}

/**
 * Before a create of a kind an organization (or the platform, `organizationId` null) may hold at
 * most `max` of: takes COUNTED_CREATE_LOCK for `kind` until the transaction ends, then counts the
 * rows of `table` the organization holds (`where` narrows them, e.g. to the unrevoked) and throws
 * `refusal()` when there are already `max`.
 */
export async function holdRoomFor(
  em: Em,
  kind: string,
  organizationId: string | null,
  counted: { table: string; where?: string; max: number },
  refusal: () => Error,
): Promise<void> {
  await holdAdvisoryLock(em, COUNTED_CREATE_LOCK, `${kind}:${organizationId ?? 'platform'}`);
  const [held] = await sql<{ n: number }>(
    em,
    `select count(*)::int as n from ${counted.table} where organization_id is not distinct from ?${counted.where ? ` and ${counted.where}` : ''}`,
    [organizationId],
  );
  if (held!.n >= counted.max) throw refusal();
}

/** The last change queued under each key of `inTurn` (its settled end), removed when the queue empties. */
const turns = new Map<string, Promise<void>>();

/**
 * Runs `fn` once every earlier call with the same key in this process has settled: one at a time
 * per key, in arrival order. For writes that PostgreSQL serializes on one row anyway (a group's
 * membership changes lock the group's row): the others wait here, holding no pooled connection
 * and no transaction, instead of in PostgreSQL, where each waiter holds a connection idle in its
 * transaction and is woken, and re-reads the row's newer version, at every commit before its own
 * (with 16 concurrent removals from one group that cost PostgreSQL about as much again as the
 * removals). Other instances still meet at the row lock. Only for a change that opens its own
 * transaction: one inside a transaction may hold row locks another turn's holder waits for.
 */
export async function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = turns.get(key);
  const run = before ? before.then(fn) : fn();
  const end = run.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, end);
  try {
    return await run;
  } finally {
    if (turns.get(key) === end) turns.delete(key);
  }
}

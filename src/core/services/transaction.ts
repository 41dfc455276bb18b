import type { CoreContext } from '../access.js';
import { isStalePreparedStatement, sendDeferredWrites, sql, type Em } from '../db.js';
import { AppError, errorFromDb } from '../errors.js';
import { writeEvents } from '../events/event-writer.js';
import type { NewEvent } from '../events/event-types.js';
import { actorOf } from '../principal.js';
import { holdAdvisoryLock, ORGANIZATION_TURN_LOCK } from '../locks.js';

/** The events a transaction will append, written just before it commits, and work for after the commit. */
export class EventBuffer {
  readonly events: NewEvent[] = [];
  readonly afterCommitHooks: Array<() => void> = [];
  push(...e: NewEvent[]): void {
    this.events.push(...e);
  }
  /** Runs `fn` once the transaction has committed (e.g. dropping a cached copy of what it changed). */
  afterCommit(fn: () => void): void {
    this.afterCommitHooks.push(fn);
  }
}

/**
 * Runs `fn` in a transaction (a savepoint when one is already open, as in a SCIM Bulk request),
 * then writes its events in the same transaction. Unique violations become CONFLICT errors.
 * `organizationId` null: the platform's own events (platform keys, deleted organizations).
 */
export async function transact<T>(ctx: CoreContext, organizationId: string | null, fn: (em: Em, events: EventBuffer) => Promise<T>): Promise<T> {
  // inside another transaction (a savepoint): nothing commits here, and a failure cannot be run again
  const nested = ctx.em.isInTransaction();
  for (let attempt = 1; ; attempt++) {
    const events = new EventBuffer();
    try {
      const result = await ctx.em.transactional(async (em) => {
        const r = await fn(em as Em, events);
        const uow = em.getUnitOfWork();
        const orm = uow.getPersistStack().size || uow.getRemoveStack().size || uow.getIdentityMap().keys().length;
        if (orm) {
          // MikroORM's own statements do not send deferred writes (saveRowDeferred): send them first
          await sendDeferredWrites(em as Em);
          await em.flush();
        }
        // the deferred writes (if any) go in the events' statement, and so does the COMMIT when
        // nothing can follow it (no unit of work for MikroORM to flush after this callback, not a savepoint)
        await writeEvents(em as Em, organizationId, actorOf(ctx.principal), ctx.requestId, events.events, { commit: !nested && !orm });
        await sendDeferredWrites(em as Em); // a change without events
        return r;
      });
      for (const hook of events.afterCommitHooks) hook();
      return result;
    } catch (err) {
      // nothing was written, so run the whole transaction again (a nested one cannot: its outer
      // transaction is aborted) when a prepared statement went stale under a schema change made by
      // another instance (sql() has stopped preparing it), or when PostgreSQL broke a deadlock with
      // a concurrent transaction by aborting this one (the other one has then gone ahead)
      if ((isStalePreparedStatement(err) || isDeadlock(err)) && attempt < RETRIES && !nested) {
        ctx.log?.warn('transaction run again', {
          reason: isDeadlock(err) ? 'deadlock' : 'stale prepared statement',
          attempt,
          organizationId,
          detail: (err as Error).message,
        });
        continue;
      }
      const mapped = errorFromDb(err);
      if (mapped?.code === 'CONFLICT' && organizationId && !nested) await nameTheHolder(ctx, organizationId, err, mapped);
      throw mapped ?? err;
    }
  }
}

/** Unique keys of users and groups: where to find the row that holds a key another change wanted. */
const KEY_HOLDERS: Record<string, { table: 'users' | 'groups'; column: string }> = {
  users_org_user_name_key_unique: { table: 'users', column: '(user_name_key collate "C")' },
  users_org_external_id_unique: { table: 'users', column: 'external_id' },
  groups_org_display_name_key_unique: { table: 'groups', column: '(display_name_key collate "C")' },
  groups_org_external_id_unique: { table: 'groups', column: 'external_id' },
};

/**
 * Adds the id of the user or group that already has the key to a CONFLICT (`extensions.id`), so a
 * script that retries a create after a timeout can go on with it. The key's value comes from
 * PostgreSQL's detail (`Key (organization_id, …)=(<uuid>, <value>) already exists.`); when it cannot
 * be read, the error goes without the id.
 */
async function nameTheHolder(ctx: CoreContext, organizationId: string, err: unknown, conflict: AppError): Promise<void> {
  const e = err as { constraint?: string; detail?: string };
  const holder = e.constraint ? KEY_HOLDERS[e.constraint] : undefined;
  const value = holder && typeof e.detail === 'string' ? /\)=\([0-9a-f-]{36}, (.*)\) already exists\.$/s.exec(e.detail)?.[1] : undefined;
  if (!holder || value === undefined) return;
  try {
    const [row] = await sql<{ id: string }>(ctx.em, `select id from ${holder.table} where organization_id = ? and ${holder.column} = ?`, [
      organizationId,
      value,
    ]);
    if (row) conflict.details.id = row.id;
  } catch {
    // the conflict stands as it is
  }
}

/** Each stale-statement retry stops preparing one more statement text; a transaction runs only a handful. */
const RETRIES = 10;

const isDeadlock = (err: unknown) => (err as { code?: string }).code === '40P01';

/**
 * Holds the organization's turn in one lane until the transaction ends: transactions of the same
 * organization in the lane run one after another. For work that touches many rows in an order the
 * client chose (a SCIM Bulk request): two of them locking the same rows in opposite orders would
 * deadlock and both be rolled back.
 */
export async function takeOrganizationTurn(em: Em, organizationId: string, lane: 'bulk'): Promise<void> {
  await holdAdvisoryLock(em, ORGANIZATION_TURN_LOCK, `${lane}:${organizationId}`);
}

import { sql, type Em } from '../db.js';
import { AppError, badInput } from '../errors.js';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import type { EventBus } from './event-bus.js';
import { EVENT_COLUMNS, EVENT_TYPES, rowToEvent, type EventType, type StoredEvent } from './event-types.js';

export interface StreamOptions {
  types?: EventType[] | null;
  /** Replay stored events with a greater sequence number before going live (resume after a reconnect). */
  afterSequence?: number | null;
}

const BACKLOG_PAGE = 500;
/** A subscriber that falls this far behind is cut off rather than buffering without bound. */
const MAX_QUEUE = 50_000;

/**
 * Refuses a resume from a sequence the retention pruner has deleted past (events.pruned, with the
 * high-water mark): the events between are gone, and a consumer of an audit trail must not skip them
 * unknowingly. It continues, accepting the gap, with afterSequence = prunedThroughSequence. Read after
 * the backlog: a pruning that committed before the read is seen here (it deletes a prefix and moves the
 * mark in one transaction), so no gap passes unnoticed.
 */
export async function assertNotPruned(em: Em, organizationId: string, afterSequence: number): Promise<void> {
  const [row] = await sql<{ through: string }>(em, 'select events_pruned_through::text as through from organizations where id = ?', [organizationId]);
  const through = Number(row?.through ?? 0);
  if (through > afterSequence) {
    throw badInput(
      'events.pruned',
      `the events after sequence ${afterSequence} up to ${through} were deleted by the retention policy; resume with afterSequence ${through} to continue from the oldest kept event`,
      { prunedThroughSequence: through },
    );
  }
}

/**
 * An organization's events as an async stream: first the stored ones after `afterSequence` (plus
 * any numbered earlier that committed after it: at-least-once, deduplicate by sequence), then live
 * ones, with nothing missed at the seam. The stored ones are read a page at a time as the subscriber
 * takes them (a subscriber that does not read holds a page, not its whole replay); live events are
 * held from before the first page is read, and one the replay already delivered is skipped by
 * sequence number.
 */
export function streamEvents(ctx: CoreContext, bus: EventBus, organizationId: string, opts: StreamOptions): AsyncIterableIterator<StoredEvent> {
  authorize(ctx, organizationId, 'audit');
  const types = opts.types?.length ? new Set(opts.types) : null;
  // as in the events query: an empty list is a mistake, not "every type" (nor "none", forever)
  if (opts.types && opts.types.length === 0) throw badInput('filter.types.empty', 'types must name at least one event type (leave it out for every type)');
  for (const t of opts.types ?? []) if (!EVENT_TYPES.includes(t)) throw badInput('filter.types.invalid', `unknown event type ${t}`);
  const after = opts.afterSequence ?? null;
  if (after !== null && (!Number.isSafeInteger(after) || after < 0))
    throw badInput('subscription.afterSequence.invalid', 'afterSequence must be a non-negative integer');

  const queue: StoredEvent[] = [];
  let waiting: ((r: IteratorResult<StoredEvent> | Error) => void) | null = null;
  let failed: Error | null = null;
  /** The organization was deleted: the stream ends with this error once what was queued is out. */
  let gone: Error | null = null;
  let done = false;
  /** Until the replay's last page is read; live events wait in `held` meanwhile. */
  let replaying = after !== null;
  const held: StoredEvent[] = [];
  const replayed = new Set<number>();
  let replayMax = -1;
  /** The horizon and transaction of event `after` (see beginReplay), once read. */
  let horizon: number | null = null;
  let afterXid: number | null = null;
  /**
   * A live event the resuming subscriber already had: numbered up to `after` and written by the
   * transaction of event `after` or by one that had ended before it was written. (The bus may
   * deliver events committed shortly before the subscription; one numbered earlier that committed
   * later, xid at least the horizon, is sent: at-least-once.)
   */
  const alreadyHad = (e: StoredEvent) =>
    after !== null && e.sequence <= after && (horizon === null || e.xid === undefined || e.xid === afterXid || e.xid < horizon);
  const tooSlow = () =>
    // a code and a reason the client can act on: resubscribe from the last sequence it received
    new AppError(
      'TRY_AGAIN',
      'subscription.tooSlow',
      `the subscriber fell more than ${MAX_QUEUE} events behind; subscribe again with afterSequence = the last sequence received`,
    );

  const push = (e: StoredEvent) => {
    if (done || failed || gone) return;
    if (e.organizationId === null) {
      // the one platform event the bus hands a subscriber: its organization's deletion (a platform
      // key's subscription would otherwise stay open, silent, forever; an organization's own keys
      // are deleted with it and lose the socket)
      if (e.type !== 'ORGANIZATION_DELETED') return;
      gone = new AppError('NOT_FOUND', 'organization.notFound', `the organization ${organizationId} was deleted`);
      replaying = false;
      held.length = 0;
      unsubscribe();
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(gone);
      }
      return;
    }
    if (types && !types.has(e.type)) return;
    if (replaying) {
      // held until the replay is out; filtered at the seam
      if (held.length < MAX_QUEUE) held.push(e);
      else {
        failed = tooSlow();
        unsubscribe();
      }
      return;
    }
    if ((e.sequence <= replayMax && replayed.has(e.sequence)) || alreadyHad(e)) return;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: e, done: false });
    } else if (queue.length < MAX_QUEUE) {
      queue.push(e);
    } else {
      failed = tooSlow();
      unsubscribe();
    }
  };
  const unsubscribe = bus.subscribe(organizationId, push);

  const typeList = types ? [...types] : null;
  const typeCond = typeList ? `and e.type in (${typeList.map(() => '?').join(', ')})` : '';
  /** The last sequence the replay has read. */
  let cursor = after ?? 0;

  /** The replay's checks, and the events numbered before `after` that committed after it. */
  const beginReplay = async (): Promise<StoredEvent[]> => {
    // a number no event has had yet (a timestamp passed by mistake, another system's counter) would
    // hold back every event until the sequence reached it, silently
    const [issued] = await sql<{ last_value: string; is_called: boolean }>(ctx.em, 'select last_value, is_called from events_seq_seq', []);
    if (issued && cursor > (issued.is_called ? Number(issued.last_value) : 0))
      throw badInput('subscription.afterSequence.future', `no event has sequence ${after} yet: pass the last sequence received (or omit afterSequence)`);
    // refused before anything is sent, as when the replay was read whole
    const [count] = await sql<{ n: number }>(
      ctx.em,
      `select count(*)::int as n from (select 1 from events e where e.organization_id = ? and e.seq > ? ${typeCond} limit ?) x`,
      [organizationId, cursor, ...(typeList ?? []), MAX_QUEUE + 1],
    );
    if ((count?.n ?? 0) > MAX_QUEUE)
      throw badInput('subscription.afterSequence.tooOld', `more than ${MAX_QUEUE} events to replay; page through the events query instead`);
    // Sequence numbers are taken when events are written, commits happen later: a transaction
    // numbered before `after` may have committed after it. Such a transaction was still running
    // when event `after` was written, so its xid is at least that event's horizon: re-send those.
    const h = await sql<{ horizon: string; xid: string }>(ctx.em, 'select horizon, xid from events where seq = ? and organization_id = ?', [
      after,
      organizationId,
    ]);
    horizon = h[0] ? Number(h[0].horizon) : null;
    afterXid = h[0] ? Number(h[0].xid) : null;
    if (horizon === null) return [];
    const late = await sql(
      ctx.em,
      `select ${EVENT_COLUMNS} from events e where e.organization_id = ? and e.seq < ? ${typeCond} and e.xid >= ? order by e.seq`,
      [organizationId, after, ...(typeList ?? []), horizon],
    );
    return late.map(rowToEvent);
  };

  /** Queues the replay's next page; after its last, the live events held meanwhile. */
  const replayPage = async (first: boolean) => {
    const old = first ? await beginReplay() : [];
    const from = cursor;
    const rows = await sql(ctx.em, `select ${EVENT_COLUMNS} from events e where e.organization_id = ? and e.seq > ? ${typeCond} order by e.seq limit ?`, [
      organizationId,
      from,
      ...(typeList ?? []),
      BACKLOG_PAGE,
    ]);
    // after the read: a pruning that committed before it deleted past `from` is seen here (it deletes
    // a prefix and moves the mark in one transaction), so no gap passes unnoticed
    await assertNotPruned(ctx.em, organizationId, from);
    for (const r of rows) old.push(rowToEvent(r));
    for (const e of old) {
      replayed.add(e.sequence);
      if (e.sequence > replayMax) replayMax = e.sequence;
    }
    if (rows.length) cursor = old[old.length - 1]!.sequence;
    queue.push(...old);
    if (rows.length < BACKLOG_PAGE) {
      replaying = false;
      queue.push(...held.splice(0).filter((e) => !replayed.has(e.sequence) && !alreadyHad(e)));
    }
  };

  let begun = false;
  const readOn = async () => {
    const first = !begun;
    begun = true;
    try {
      // a platform key passes `authorize` for any id: one of no organization would wait forever
      if (first && ctx.principal.kind === 'PLATFORM') await assertListedOrganization(ctx, organizationId, true);
      if (replaying) await replayPage(first);
    } catch (err) {
      failed = err as Error;
      replaying = false;
    }
  };

  const finish = () => {
    done = true;
    unsubscribe();
    queue.length = 0;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: undefined, done: true });
    }
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!done && !failed && (!begun || (replaying && !queue.length))) await readOn();
      if (failed) {
        const err = failed;
        finish();
        throw err;
      }
      if (queue.length) return { value: queue.shift()!, done: false };
      if (gone) {
        const err = gone;
        finish();
        throw err;
      }
      if (done) return { value: undefined, done: true };
      return new Promise((resolve, reject) => {
        waiting = (r) => {
          if (!(r instanceof Error)) return resolve(r);
          finish();
          reject(r);
        };
      });
    },
    async return() {
      finish();
      return { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      finish();
      throw err;
    },
  };
}

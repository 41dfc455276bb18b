import { sql, type Em } from '../db.js';
import { writeEvents } from '../events/event-writer.js';
import { EVENT_PRUNE_LOCK } from '../locks.js';
import type { Actor } from '../principal.js';

export interface EventPrunerOptions {
  /** EVENT_RETENTION_DAYS: the retention of organizations without their own; null: keep forever. */
  defaultRetentionDays: number | null;
  log: { info(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
}

/** How often an instance runs a pass (the first one a minute after start). */
export const PRUNE_INTERVAL_MS = 5 * 60_000;
const FIRST_PASS_MS = 60_000;
/** Events deleted per transaction: a short one (~70 ms measured on a loaded 2-core VM), so nothing waits long behind it. */
export const PRUNE_BATCH = 1000;

const SYSTEM: Actor = { type: 'SYSTEM', id: null, label: 'event retention' };
const NO_LIMIT = '9223372036854775807';

/**
 * One batch of one organization: its oldest events (by sequence, after what was pruned before), up to
 * PRUNE_BATCH, deleted as long as they are older than the cutoff, and stopping at the first that must
 * stay, so what is kept is always every event after `events_pruned_through`, a contiguous suffix of
 * the log. An event stays when it is younger than the cutoff, when a webhook delivery of it to an
 * enabled endpoint is still PENDING (the worker reads the event when it sends), or when the webhook
 * enqueuer has not yet seen it (committed since the cursor's snapshot: its deliveries are not written
 * yet). A disabled endpoint holds nothing: retention is a bound (as with Svix and Standard Webhooks
 * senders), and its PENDING deliveries of a deleted event end FAILED (EXPIRED_DELIVERY_ERROR), in the
 * same statement, as a resend or enable would otherwise find nothing to send. The organization's
 * row gets the new high-water mark in the same statement (a FOR NO KEY UPDATE lock, which does not
 * conflict with the FOR KEY SHARE the event writer takes: writers never wait for it).
 *
 * Parameters: organization, batch size, cutoff (days), the expired deliveries' lastError.
 */
const PRUNE_BATCH_SQL = `
  with org as (select id, events_pruned_through as wm from organizations where id = ?::uuid),
       cur as (select snapshot_xmax as xmax, snapshot_xip::bigint[] as xip from webhook_cursor where id = 1),
       cand as materialized (
         select e.seq, e.occurred_at, e.xid from org join events e on e.organization_id = org.id and e.seq > org.wm
          order by e.seq limit ?),
       held as (
         select coalesce(min(d.event_seq), ${NO_LIMIT}) as seq from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id and w.enabled
          where d.status = 'PENDING' and d.event_seq between (select min(seq) from cand) and (select max(seq) from cand)
            and exists (select 1 from cand c where c.seq = d.event_seq)),
       stop as (
         select coalesce(min(c.seq), ${NO_LIMIT}) as seq from cand c left join cur on true
          where c.occurred_at >= now() - make_interval(days => ?)
             or c.seq >= (select seq from held)
             or c.xid >= cur.xmax or c.xid = any(cur.xip)),
       del as (delete from events e using cand c where e.seq = c.seq and c.seq < (select seq from stop) returning e.seq),
       expired as (
         update webhook_deliveries d set status = 'FAILED', last_error = ?, updated_at = now()
           from del where d.event_seq = del.seq and d.status = 'PENDING' returning d.id),
       mark as (
         update organizations o set events_pruned_through = (select max(seq) from del)
          where o.id = (select id from org) and exists (select 1 from del) returning o.events_pruned_through)
  select (select count(*) from del)::int as deleted, (select events_pruned_through::text from mark) as through,
         (select count(*) from cand)::int as looked, (select count(*) from expired)::int as expired`;

/** The `lastError` of a disabled endpoint's PENDING delivery whose event the pruner deleted (it ends FAILED). */
export const EXPIRED_DELIVERY_ERROR = 'expired: event passed retention while the endpoint was disabled';

export interface PruneResult {
  organizationId: string;
  deleted: number;
  /** The organization's high-water mark after the pass (every event numbered up to it is gone); null: unchanged. */
  throughSequence: number | null;
  /** PENDING deliveries of disabled webhook endpoints whose event was deleted: now FAILED (EXPIRED_DELIVERY_ERROR). */
  expiredDeliveries: number;
}

/**
 * Deletes events older than each organization's retention (its `eventRetentionDays`, else the
 * platform default), in batches of PRUNE_BATCH, each its own short transaction. One instance prunes
 * at a time: each batch first takes a transaction-level advisory lock with pg_try_advisory_xact_lock,
 * and an instance that does not get it ends its pass (another one is pruning). A pass that deleted
 * anything writes one EVENTS_PRUNED event in the organization's log, in the transaction of its last
 * batch (data.throughSequence: the high-water mark; a resume below it is refused, events.pruned).
 * Started by the composition root (src/server/start.ts) on every instance.
 */
export class EventPruner {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly fork: () => Em,
    private readonly opts: EventPrunerOptions,
  ) {}

  start(): void {
    this.schedule(FIRST_PASS_MS);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .catch((err) => this.opts.log.error('event pruning failed', { error: err }))
        .finally(() => {
          this.running = null;
          this.schedule(PRUNE_INTERVAL_MS);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass over every organization that has a retention; what it deleted, per organization that lost events. */
  async runOnce(): Promise<PruneResult[]> {
    const orgs = await sql<{ id: string; days: number }>(
      this.fork(),
      `select id, coalesce(event_retention_days, ?::int) as days from organizations where coalesce(event_retention_days, ?::int) is not null order by id`,
      [this.opts.defaultRetentionDays, this.opts.defaultRetentionDays],
    );
    const results: PruneResult[] = [];
    for (const org of orgs) {
      if (this.closed) break;
      let r: PruneResult | 'busy';
      try {
        r = await this.pruneOrganization(org.id, org.days);
      } catch (err) {
        // one organization's failure (deleted meanwhile, a lost connection) does not stop the others
        this.opts.log.error('event pruning failed', { organizationId: org.id, error: err });
        continue;
      }
      if (r === 'busy') break; // another instance is pruning
      if (r.deleted) {
        results.push(r);
        this.opts.log.info('events pruned', {
          organizationId: org.id,
          deleted: r.deleted,
          throughSequence: r.throughSequence,
          retentionDays: org.days,
          expiredDeliveries: r.expiredDeliveries,
        });
      }
    }
    return results;
  }

  private async pruneOrganization(organizationId: string, days: number): Promise<PruneResult | 'busy'> {
    let deleted = 0;
    let expired = 0;
    let through: number | null = null;
    for (;;) {
      const batch = await this.fork().transactional(async (tx) => {
        const em = tx as Em;
        const [lock] = await sql<{ ok: boolean }>(em, 'select pg_try_advisory_xact_lock(hashtextextended(?, ?)) as ok', ['events', EVENT_PRUNE_LOCK]);
        if (!lock?.ok) return 'busy' as const;
        const [r] = await sql<{ deleted: number; through: string | null; looked: number; expired: number }>(em, PRUNE_BATCH_SQL, [
          organizationId,
          PRUNE_BATCH,
          days,
          EXPIRED_DELIVERY_ERROR,
        ]);
        const n = r?.deleted ?? 0;
        const last = n < PRUNE_BATCH || r!.looked < PRUNE_BATCH;
        if (r?.through) through = Number(r.through);
        // the pass is over: one event says so, in the transaction of its last batch
        if (last && deleted + n > 0) await notePruned(em, organizationId, through, days, deleted + n);
        return { n, last, expired: r?.expired ?? 0 };
      });
      if (batch === 'busy') {
        if (!deleted) return 'busy';
        // another instance took over between two batches of this pass: what this pass deleted is
        // said all the same (the other pass says what it deleted)
        await this.fork().transactional(async (tx) => notePruned(tx as Em, organizationId, through, days, deleted));
        return { organizationId, deleted, throughSequence: through, expiredDeliveries: expired };
      }
      deleted += batch.n;
      expired += batch.expired;
      if (batch.last || this.closed) return { organizationId, deleted, throughSequence: through, expiredDeliveries: expired };
      // let requests of this instance in between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/** The EVENTS_PRUNED event of a pass that deleted `deleted` events through sequence `through`. */
async function notePruned(em: Em, organizationId: string, through: number | null, days: number, deleted: number): Promise<void> {
  await writeEvents(em, organizationId, SYSTEM, null, [
    {
      type: 'EVENTS_PRUNED',
      subjectType: 'ORGANIZATION',
      subjectId: organizationId,
      data: { throughSequence: through, retentionDays: days, olderThan: await cutoff(em, days), deleted },
    },
  ]);
}

async function cutoff(em: Em, days: number): Promise<string> {
  const [r] = await sql<{ t: Date }>(em, 'select now() - make_interval(days => ?) as t', [days]);
  return new Date(r!.t).toISOString();
}

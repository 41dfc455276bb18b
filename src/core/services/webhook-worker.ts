import { sql, type Em } from '../db.js';
import { PassFailures, type OutageLogger } from '../../shared/database-outage.js';
import { EVENT_COLUMNS, rowToEvent, type StoredEvent } from '../events/event-types.js';
import { writeEvents } from '../events/event-writer.js';
import type { Actor } from '../principal.js';
import { NO_METRICS, type ServiceMetrics } from '../../shared/metrics.js';
import { postOutbound, withinSignal } from '../../shared/outbound-post.js';
import { assertDeliverable, signWebhook, signingSecrets } from './webhooks.js';

export interface WebhookWorkerOptions {
  /** WEBHOOK_ALLOW_INSECURE_URLS: http and non-public addresses allowed. */
  allowInsecure: boolean;
  /** WEBHOOK_RETRY_BASE_MS: the delay after the first failed attempt. */
  retryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts before the delivery is FAILED and its endpoint disabled. */
  maxAttempts: number;
  /** WEBHOOK_SENDS_PER_ORGANIZATION: endpoints of one organization sent to at once, across all instances. */
  sendsPerOrganization: number;
  log: OutageLogger;
  /** Where each attempt's outcome is counted (`idm_webhook_deliveries_total`). */
  metrics?: ServiceMetrics;
}

/** How often an instance enqueues newly committed events and looks for due deliveries. */
export const WEBHOOK_POLL_MS = 500;
/**
 * How long an instance holds an endpoint while it delivers (renewed before each delivery): longer than
 * one delivery may take (WEBHOOK_TIMEOUT_MS, 10 s), and how long the endpoints of an instance that died
 * wait before another instance takes them over (test/server/scale-out.drill.test.ts).
 */
const LEASE_SECONDS = 20;
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Endpoints one instance delivers to at once (one delivery in flight per endpoint). */
const CONCURRENCY = 16;
/** Deliveries sent to one endpoint before its lease is given back (other instances may then take it). */
const DRAIN_LIMIT = 200;
/** The longest delay is this many times the first (5 s → 1 h). */
const MAX_DELAY_FACTOR = 720;

const SYSTEM: Actor = { type: 'SYSTEM', id: null, label: 'webhook delivery' };

/**
 * The wait before the next attempt after `failedAttempts` failures: base · 2^(failures−1), at most
 * 720 · base. With the defaults (5 s, 35 attempts): 5 s, 10 s, … 42 min, then hourly, ~25 h in all.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), baseMs * MAX_DELAY_FACTOR);
}

/** The event as the GraphQL `Event` type shows it. */
export function eventPayload(e: StoredEvent): Record<string, unknown> {
  return {
    sequence: e.sequence,
    organizationId: e.organizationId,
    type: e.type,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    subjectLabel: e.subjectLabel,
    objectType: e.objectType,
    objectId: e.objectId,
    changes: e.changes,
    data: e.data,
    requestId: e.requestId,
    occurredAt: e.occurredAt.toISOString(),
  };
}

/**
 * Enqueueing: one statement adds a delivery per (new event, enabled endpoint that wants it). "New"
 * is decided as the event bus decides it (event-bus.ts), not by sequence number: numbers are taken
 * when events are written and transactions commit later in any order, so a high-water mark of
 * sequences would skip an event numbered lower that commits later. The cursor row keeps the snapshot
 * of the previous run (`snapshot_xmax`, `snapshot_xip`); this run reads the events whose transaction was running then
 * or started after it and is visible now, and stores its own snapshot: every committed event is seen
 * exactly once by the enqueuer, whichever instance runs it (the row is locked, SKIP LOCKED: one at a
 * time). An endpoint receives the events numbered after its `start_seq` (the newest when it was
 * created or enabled again), and those numbered earlier that committed after that moment (their
 * transaction was running in the snapshot it was read in, or started later: `start_xmax`,
 * `start_xip`). `on conflict do nothing` keeps a repeated run harmless.
 */
const ENQUEUE = `
  with cur as (select snapshot_xmax as xmax, snapshot_xip::bigint[] as xip from webhook_cursor where id = 1),
       snap as materialized (select pg_current_snapshot() as s),
       ins as (
         insert into webhook_deliveries (id, endpoint_id, event_seq, status, attempts, next_attempt_at, created_at, updated_at)
         select gen_random_uuid(), w.id, e.seq, 'PENDING', 0, now(), now(), now()
           from cur
           join events e on e.xid = any(cur.xip) or e.xid >= cur.xmax
           join webhook_endpoints w
             on w.enabled
            and (e.seq > w.start_seq or e.xid >= w.start_xmax or e.xid = any(w.start_xip::bigint[]))
            and (w.organization_id = e.organization_id or w.organization_id is null)
            and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
          order by e.seq
         on conflict (endpoint_id, event_seq) do nothing
         returning 1)
  update webhook_cursor c
     set snapshot_xmax = pg_snapshot_xmax(snap.s)::text::bigint, snapshot_xip = array(select pg_snapshot_xip(snap.s)::text), updated_at = now()
    from snap where c.id = 1
  returning (select count(*) from ins)::int as n`;

/** Whether an event was committed since the cursor's snapshot (ENQUEUE's condition, read-only). */
const NEW_EVENTS = `
  select exists (select 1 from webhook_cursor c join events e on e.xid = any(c.snapshot_xip::bigint[]) or e.xid >= c.snapshot_xmax
                  where c.id = 1) as fresh`;

/**
 * Claiming: endpoints whose next delivery (pending, lowest event sequence) is due and that no
 * instance holds, locked FOR UPDATE SKIP LOCKED and leased for LEASE_SECONDS. One delivery in flight
 * per endpoint, oldest first, keeps them in event order; several instances share the endpoints.
 *
 * Fair across organizations (the platform's endpoints count as one more): an organization is sent to
 * at no more than `sendsPerOrganization` endpoints at once, counting the leases every instance holds
 * (`held`: its endpoints with busy_until > now()), so one tenant whose receivers hang until the
 * timeout, or that has a deep backlog, cannot take every instance's slots. When slots are scarce the
 * endpoints are taken in turns: an organization holding k leases has its next due endpoint in turn
 * k + 1, its following one in turn k + 2, …, and lower turns go first (the organizations holding
 * fewest leases first, then round robin); within a turn the longest due first. Twice the free slots are
 * candidates, so that one locked by someone else (SKIP LOCKED: an endpoint being updated) leaves its
 * slot to the next; more locked than that leave slots free until the next poll. Parameters: the cap,
 * the candidates, the slots free, the lease's seconds.
 */
const CLAIM = `
  with held as (
    select w.organization_id as org, count(*)::int as n from webhook_endpoints w
     where w.busy_until > now() group by w.organization_id),
  due as materialized (
    select w.id, w.organization_id as org, h.next_attempt_at as at from webhook_endpoints w
      join lateral (select d.next_attempt_at from webhook_deliveries d
                     where d.endpoint_id = w.id and d.status = 'PENDING' order by d.event_seq limit 1) h on true
     where w.enabled and (w.busy_until is null or w.busy_until <= now()) and h.next_attempt_at <= now()),
  turns as (
    select due.id, due.at, coalesce(held.n, 0) + row_number() over (partition by due.org order by due.at, due.id) as turn
      from due left join held on held.org is not distinct from due.org),
  pick as (select id, at, turn from turns where turn <= ? order by turn, at, id limit ?),
  c as (
    select w.id from pick p join webhook_endpoints w on w.id = p.id
     where w.enabled and (w.busy_until is null or w.busy_until <= now())
     order by p.turn, p.at, p.id
     limit ? for update of w skip locked)
  update webhook_endpoints w set busy_until = now() + make_interval(secs => ?) from c where w.id = c.id
  returning w.id`;

/**
 * Instances claim one at a time (a transaction-level advisory lock, taken before the claim's snapshot):
 * the claim after another's sees its leases, so two instances claiming at the same moment cannot both
 * take an organization's last free turns. An instance that finds another claiming does not wait for
 * it (nothing ever waits for this lock): it claims at its next poll, WEBHOOK_POLL_MS later. A holder
 * cut off from the database mid-transaction keeps the others from claiming until the database ends its
 * session, after 5 s idle in the transaction.
 */
const CLAIM_TURN = `select pg_try_advisory_xact_lock(hashtextextended('webhook-claim', 0)) as mine,
                           set_config('idle_in_transaction_session_timeout', '5s', true) as idle`;

/** Leases up to `free` due endpoints, at most `sendsPerOrganization` of an organization across instances, in turns (CLAIM): their ids. */
export async function claimEndpoints(em: Em, sendsPerOrganization: number, free: number): Promise<string[]> {
  const rows = await em.transactional(async (tx) => {
    const [turn] = await sql<{ mine: boolean }>(tx as Em, CLAIM_TURN);
    if (!turn?.mine) return []; // another instance is claiming: this one claims at its next poll
    return sql<{ id: string }>(tx as Em, CLAIM, [sendsPerOrganization, 2 * free, free, LEASE_SECONDS], { commit: true });
  });
  return rows.map((r) => r.id);
}

interface Head {
  id: string;
  event_seq: string;
  attempts: number;
  due: boolean;
  enabled: boolean;
  url: string;
  organization_id: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
}

interface Outcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * Delivers events to webhook endpoints, at least once and in event order per endpoint. Started by
 * the composition root (src/server/start.ts) on every instance; all its state is in PostgreSQL, so
 * it resumes after a restart and instances share the work.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  /** Failed passes, an outage said once (shared/database-outage.ts). */
  private readonly passes: PassFailures;
  private closed = false;
  private ticking: Promise<void> | null = null;
  private readonly busy = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly fork: () => Em,
    private readonly opts: WebhookWorkerOptions,
  ) {
    this.passes = new PassFailures(opts.log, 'webhook worker');
  }

  start(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick()
        .then(
          () => this.passes.succeeded(),
          (err: unknown) => this.passes.failed(err),
        )
        .finally(() => {
          this.ticking = null;
          this.schedule(WEBHOOK_POLL_MS);
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    await this.enqueue();
    const free = CONCURRENCY - this.busy.size;
    if (free <= 0 || this.closed) return;
    const ids = await claimEndpoints(this.fork(), this.opts.sendsPerOrganization, free);
    for (const id of ids) {
      const p = this.drain(id)
        .catch((err) => this.opts.log.error('webhook delivery failed', { endpointId: id, error: err }))
        .finally(() => this.busy.delete(id));
      this.busy.set(id, p);
    }
  }

  /** Adds the deliveries of the events committed since the last run (by any instance); the number added. */
  async enqueue(): Promise<number> {
    // nothing committed since the cursor: no transaction, no write (an idle instance polls with one
    // read-only indexed query; moving the cursor would itself be a commit the next poll sees)
    const [fresh] = await sql<{ fresh: boolean }>(this.fork(), NEW_EVENTS);
    if (!fresh?.fresh) return 0;
    return this.fork().transactional(async (tx) => {
      const locked = await sql(tx as Em, 'select id from webhook_cursor where id = 1 for update skip locked');
      if (!locked.length) return 0; // another instance is enqueueing
      const [r] = await sql<{ n: number }>(tx as Em, ENQUEUE);
      return r?.n ?? 0;
    });
  }

  /** Sends the endpoint's due deliveries one after another while they succeed, then gives its lease back. */
  private async drain(endpointId: string): Promise<void> {
    const em = this.fork();
    try {
      for (let i = 0; i < DRAIN_LIMIT && !this.closed; i++) {
        const [head] = await sql<Head>(
          em,
          `select d.id, d.event_seq, d.attempts, d.next_attempt_at <= now() as due, w.enabled, w.url, w.organization_id,
                  w.secret, w.previous_secret, w.previous_secret_expires_at
             from webhook_endpoints w
             join lateral (select * from webhook_deliveries d where d.endpoint_id = w.id and d.status = 'PENDING' order by d.event_seq limit 1) d on true
            where w.id = ?`,
          [endpointId],
        );
        if (!head || !head.due || !head.enabled) return;
        await sql(em, 'update webhook_endpoints set busy_until = now() + make_interval(secs => ?) where id = ?', [LEASE_SECONDS, endpointId]);
        const [eventRow] = await sql(em, `select ${EVENT_COLUMNS} from events where seq = ?`, [head.event_seq]);
        const outcome: Outcome = eventRow ? await this.send(head, rowToEvent(eventRow)) : { ok: false, status: null, error: 'the event no longer exists' };
        if (this.closed && !outcome.ok) return; // stopped mid-send: not an attempt; sent again later
        await this.record(em, endpointId, head, outcome, !eventRow);
        if (!outcome.ok) return;
      }
    } finally {
      await sql(em, 'update webhook_endpoints set busy_until = null where id = ?', [endpointId]).catch(() => {});
    }
  }

  private async send(head: Head, event: StoredEvent): Promise<Outcome> {
    const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: eventPayload(event) });
    try {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = signWebhook(signingSecrets(head), head.id, timestamp, body);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'identity-webhooks/1',
        'webhook-id': head.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      };
      const status = await postToTenantUrl(head.url, { headers, body }, this.opts.allowInsecure, this.abort.signal);
      const ok = status >= 200 && status < 300;
      return { ok, status, error: ok ? null : `the endpoint answered HTTP ${status}` };
    } catch (err) {
      return { ok: false, status: null, error: describe(err) };
    }
  }

  /** Writes an attempt's outcome: SUCCEEDED, a retry after the backoff, or FAILED with the endpoint disabled (and its event). */
  private async record(em: Em, endpointId: string, head: Head, outcome: Outcome, permanent: boolean): Promise<void> {
    const metrics = this.opts.metrics ?? NO_METRICS;
    if (outcome.ok) {
      metrics.webhookDelivery({ outcome: 'succeeded' });
      await sql(
        em,
        `update webhook_deliveries set status = 'SUCCEEDED', attempts = attempts + 1, last_status_code = ?, last_error = null, updated_at = now()
          where id = ? and status = 'PENDING'`,
        [outcome.status, head.id],
      );
      return;
    }
    const attempts = head.attempts + 1;
    const error = (outcome.error ?? 'failed').slice(0, 1000);
    if (!permanent && attempts < this.opts.maxAttempts) {
      metrics.webhookDelivery({ outcome: 'retry' });
      await sql(
        em,
        `update webhook_deliveries set attempts = attempts + 1, last_status_code = ?, last_error = ?,
                next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
          where id = ? and status = 'PENDING'`,
        [outcome.status, error, retryDelayMs(attempts, this.opts.retryBaseMs) / 1000, head.id],
      );
      return;
    }
    metrics.webhookDelivery({ outcome: 'failed' });
    await em.transactional(async (tx) => {
      await sql(
        tx as Em,
        `update webhook_deliveries set status = 'FAILED', attempts = attempts + 1, last_status_code = ?, last_error = ?, updated_at = now()
          where id = ? and status = 'PENDING'`,
        [outcome.status, error, head.id],
      );
      if (permanent) return; // the event is gone (its organization was deleted): nothing the endpoint did
      const reason = `delivery ${head.id} failed ${attempts} times; last: ${error}`;
      const disabled = await sql(
        tx as Em,
        `update webhook_endpoints set enabled = false, disabled_reason = ?, version = version + 1, updated_at = now() where id = ? and enabled returning id`,
        [reason.slice(0, 1000), endpointId],
      );
      if (disabled.length) {
        await writeEvents(tx as Em, head.organization_id, SYSTEM, null, [
          {
            type: 'WEBHOOK_ENDPOINT_DISABLED',
            subjectType: 'WEBHOOK_ENDPOINT',
            subjectId: endpointId,
            subjectLabel: head.url,
            changes: { enabled: { before: true, after: false } },
            data: { reason, deliveryId: head.id, attempts, lastStatusCode: outcome.status },
          },
        ]);
        this.opts.log.warn('webhook endpoint disabled after persistent failure', { endpointId, deliveryId: head.id, attempts, error });
      }
    });
  }

  /** Stops polling and in-flight sends (they count as no attempt and are sent again, here after a restart or by another instance). */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.ticking;
    await Promise.allSettled([...this.busy.values()]);
  }
}

/** Why a send failed, in a line (a timeout, a refused connection with its cause): the OIDC logout worker reports with it too. */
/**
 * POSTs to a URL a tenant chose (a webhook endpoint, a back-channel logout URI) within
 * WEBHOOK_TIMEOUT_MS or until `abort`, the check of its host (a DNS lookup) included; the address
 * the socket connects to is checked again (shared/outbound-post.ts: the name may resolve otherwise
 * by then). Returns the answer's HTTP status.
 */
export async function postToTenantUrl(
  url: string,
  request: { headers: Record<string, string>; body: string },
  allowInsecure: boolean,
  abort: AbortSignal,
): Promise<number> {
  const signal = AbortSignal.any([AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), abort]);
  await withinSignal(assertDeliverable(url, allowInsecure), signal);
  return postOutbound(url, { ...request, allowPrivate: allowInsecure, signal });
}

export function describe(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  if (e?.name === 'AbortError') return 'stopped';
  if ((e as NodeJS.ErrnoException)?.code === 'ENONPUBLIC') return `refused when connecting: ${e.message} (WEBHOOK_ALLOW_INSECURE_URLS is off)`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message}: ${cause}` : String(e?.message ?? err);
}

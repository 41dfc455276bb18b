import pg from 'pg';
import { EVENT_COLUMNS, rowToEvent, type StoredEvent } from './event-types.js';

export type EventListener = (event: StoredEvent) => void;

/**
 * The caches this process keeps of what other instances may change, by the NOTIFY channel their
 * invalidations come on: each drops the copy a payload names, or (no argument) every copy. Handed
 * in by the composition root (src/server/start.ts), so the event log knows no service.
 */
export type CacheInvalidations = Readonly<Record<string, (key?: string) => void>>;

interface BusLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** How often the bus asks PostgreSQL for newly committed events while someone in this process is subscribed (the delay a live subscriber sees). */
export const EVENT_POLL_MS = 100;
/**
 * How often it only takes a snapshot while no one is subscribed (a wake-up of the server and its
 * database connection costs ~1.5 ms of CPU: polling at 50 ms kept an idle instance ~3 % busy). A
 * new subscriber may therefore also receive events committed up to this long before it subscribed.
 */
export const IDLE_POLL_MS = 1000;

/**
 * What a poll had seen: the transactions that were still running then (`xip`) and the first
 * transaction id not yet assigned (`xmax`), as `pg_current_snapshot()` reports them. An event
 * becomes visible after that snapshot only if its transaction was one of those or started later.
 */
interface Seen {
  xmax: string;
  xip: string[];
}

function parseSnapshot(text: string): Seen {
  const [, xmax, xip] = text.split(':');
  return { xmax: xmax!, xip: xip ? xip.split(',') : [] };
}

/**
 * Delivers committed events to in-process subscribers, whichever server instance caused them.
 *
 * The bus tails the events table: every EVENT_POLL_MS one indexed statement on a dedicated
 * connection reads the events of the organizations someone in this process is subscribed to whose
 * transactions committed since the previous poll. "Since" is exact without relying on sequence
 * order (numbers are taken at write time, commits come later, in any order): the poll remembers
 * its snapshot, and the next one reads the events whose transaction was running then or started
 * after it (`events.xid`, indexed per organization) and is visible now. A poll that fails (a lost
 * connection) is simply made again from the same snapshot, so nothing is missed across reconnects.
 *
 * Writers therefore do not NOTIFY: PostgreSQL serializes every committing transaction that sent a
 * NOTIFY on one cluster-wide lock held until its commit is flushed, which halved the write rate of
 * concurrent provisioning. NOTIFY remains for the rare cache invalidations (configuration and
 * credentials: `invalidations`), which this connection also LISTENs to.
 */
export class EventBus {
  private client: pg.Client | null = null;
  private readonly listeners = new Map<string, Set<EventListener>>();
  /** Organizations subscribed since the last poll began, with the snapshot to read them from. */
  private readonly joined = new Map<string, Seen>();
  private seen: Seen | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private caughtUp: number | null = null;

  constructor(
    private readonly url: string,
    private readonly log: BusLog,
    private readonly invalidations: CacheInvalidations = {},
  ) {}

  /**
   * When (epoch ms) the snapshot of the last successful poll was at the latest taken: every event
   * committed before it has been delivered to this process's subscribers, so `now - caughtUpAt` bounds
   * how late a committed event can be (the `idm_event_bus_lag_seconds` metric; about a poll
   * interval when healthy, growing while the database does not answer). Null before `start`.
   */
  get caughtUpAt(): number | null {
    return this.caughtUp;
  }

  async start(): Promise<void> {
    await this.connect();
    const sent = Date.now();
    const r = await this.client!.query<{ snap: string }>('select pg_current_snapshot()::text as snap');
    this.seen = parseSnapshot(r.rows[0]!.snap);
    this.caughtUp = sent;
    this.schedule();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'identity-events' });
    client.on('error', (err) => this.onConnectionLost(client, err));
    client.on('end', () => this.onConnectionLost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      // cache invalidations from any instance (see org-config.ts and credentials.ts)
      if (msg.payload && Object.hasOwn(this.invalidations, msg.channel)) this.invalidations[msg.channel]!(msg.payload);
    });
    await client.connect();
    const channels = Object.keys(this.invalidations);
    if (channels.length) await client.query(channels.map((c) => `listen ${c}`).join('; '));
    const wasConnected = this.seen !== null;
    this.client = client;
    if (wasConnected) {
      // invalidations may have been missed while disconnected: drop every cached copy
      for (const invalidate of Object.values(this.invalidations)) invalidate();
    }
  }

  private onConnectionLost(client: pg.Client, err: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.log.warn('event listener connection lost; reconnecting', { error: err.message });
    const retry = () => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.connect().catch(() => {
        this.reconnectTimer = setTimeout(retry, 1000);
      });
    };
    this.reconnectTimer = setTimeout(retry, 200);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.polling = this.poll()
          .catch((err) => {
            // the connection handlers reconnect; the next poll starts from the same snapshot
            if (this.client) this.log.error('event poll failed', { error: err });
          })
          .finally(() => {
            this.polling = null;
            this.schedule();
          });
      },
      this.listeners.size ? EVENT_POLL_MS : IDLE_POLL_MS,
    );
    this.timer.unref();
  }

  /** One poll: deliver the subscribed organizations' events committed since the previous one. */
  private async poll(): Promise<void> {
    const client = this.client;
    if (!client || !this.seen) return;
    // who to read, from which snapshot: the steady subscribers from the last poll's, organizations
    // that joined since from the snapshot that was current when they joined
    const groups = new Map<Seen, string[]>();
    const joined = new Map(this.joined);
    for (const org of this.listeners.keys()) {
      const from = joined.get(org) ?? this.seen;
      const list = groups.get(from);
      if (list) list.push(org);
      else groups.set(from, [org]);
    }
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    // and the deletions of those organizations (platform events): their subscribers learn they are gone
    const conds = [...groups].map(([from, orgs]) => {
      const [ids, xip, xmax] = [arg(orgs), arg(from.xip), arg(from.xmax)];
      const since = `(e.xid = any(${xip}::bigint[]) or e.xid >= ${xmax}::bigint)`;
      return `(e.organization_id = any(${ids}::uuid[]) and ${since}) or (e.organization_id is null and ${since} and e.type = 'ORGANIZATION_DELETED' and e.subject_id = any(${ids}::uuid[]))`;
    });
    const sent = Date.now();
    const res = await client.query<Record<string, unknown> & { __snap: string }>(
      conds.length
        ? `with s as materialized (select pg_current_snapshot()::text as snap)
           select s.snap as __snap, e.* from s
             left join lateral (select ${EVENT_COLUMNS} from events e where ${conds.join(' or ')}) e on true
            order by e.seq`
        : 'select pg_current_snapshot()::text as __snap',
      args,
    );
    this.seen = parseSnapshot(res.rows[0]!.__snap);
    for (const [org, from] of joined) if (this.joined.get(org) === from) this.joined.delete(org);
    for (const row of res.rows) if (row.seq !== null && row.seq !== undefined) this.deliver(rowToEvent(row));
    this.caughtUp = sent;
  }

  private deliver(event: StoredEvent): void {
    // platform events have no organization subscribers, except an organization's deletion: its
    // subscribers receive it (organizationId null) and end
    const to = event.organizationId ?? (event.type === 'ORGANIZATION_DELETED' ? event.subjectId : null);
    if (to === null) return;
    const set = this.listeners.get(to);
    if (!set) return;
    for (const l of set) {
      try {
        l(event);
      } catch (err) {
        this.log.error('event listener threw', { error: err });
      }
    }
  }

  /**
   * Registers a listener for one organization's events; returns the function that removes it. It
   * receives every event committed after this call (and possibly some committed up to a poll
   * interval, at most IDLE_POLL_MS, before it: deduplicate by sequence number where that matters),
   * and the platform's ORGANIZATION_DELETED of that organization (organizationId null) if it is deleted.
   */
  subscribe(organizationId: string, listener: EventListener): () => void {
    let set = this.listeners.get(organizationId);
    if (!set) {
      const wasIdle = this.listeners.size === 0;
      this.listeners.set(organizationId, (set = new Set()));
      // a poll in flight may not include this organization: the next one reads it from the snapshot
      // that poll started after
      if (this.seen) this.joined.set(organizationId, this.seen);
      if (wasIdle && this.timer) {
        // the first subscriber: the live pace from now on, not the idle one
        clearTimeout(this.timer);
        this.schedule();
      }
    }
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.listeners.get(organizationId) === set) {
        this.listeners.delete(organizationId);
        this.joined.delete(organizationId);
      }
    };
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.polling;
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }
}

import pg from 'pg';
import { EVENT_COLUMNS, EVENTS_CHANNEL, rowToEvent, type StoredEvent } from './event-types.js';
import { CONFIG_CHANNEL, invalidateOrgConfig } from '../services/org-config.js';
import { CREDENTIALS_CHANNEL, invalidateCredential } from '../services/credentials.js';

export type EventListener = (event: StoredEvent) => void;

interface BusLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Delivers committed events to in-process subscribers, whichever server instance caused them.
 * One dedicated connection LISTENs on the events channel; each notification names an organization
 * and sequence numbers, and the rows are read only when someone in this process is subscribed to
 * that organization. Notifications arrive in commit order and are handled strictly in turn.
 */
export class EventBus {
  private client: pg.Client | null = null;
  private readonly listeners = new Map<string, Set<EventListener>>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private lastSeq = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly log: BusLog,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'identity-events' });
    client.on('error', (err) => this.onConnectionLost(client, err));
    client.on('end', () => this.onConnectionLost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      // cache invalidations from any instance (see org-config.ts and credentials.ts)
      if (msg.channel === CONFIG_CHANNEL && msg.payload) return invalidateOrgConfig(msg.payload);
      if (msg.channel === CREDENTIALS_CHANNEL && msg.payload) return invalidateCredential(msg.payload);
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      const payload = msg.payload;
      this.chain = this.chain.then(() => this.handle(client, payload)).catch((err) => this.log.error('event delivery failed', { error: err }));
    });
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}; listen ${CONFIG_CHANNEL}; listen ${CREDENTIALS_CHANNEL}`);
    const wasConnected = this.client !== null || this.lastSeq > 0;
    this.client = client;
    if (wasConnected) {
      // invalidations may have been missed while disconnected: drop every cached copy
      invalidateOrgConfig();
      invalidateCredential();
      await this.catchUp(client);
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

  /** After a reconnect, deliver what was committed while we were not listening. */
  private async catchUp(client: pg.Client): Promise<void> {
    const orgs = [...this.listeners.keys()];
    if (orgs.length === 0) return;
    const res = await client.query(
      `select ${EVENT_COLUMNS} from events where organization_id = any($1::uuid[]) and seq > $2 order by seq limit 100000`,
      [orgs, this.lastSeq],
    );
    for (const row of res.rows) this.deliver(rowToEvent(row));
  }

  private async handle(client: pg.Client, payload: string): Promise<void> {
    let msg: { o: string; s: number[] };
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    const max = Math.max(...msg.s);
    if (!this.listeners.has(msg.o)) {
      if (max > this.lastSeq) this.lastSeq = max;
      return;
    }
    const res = await client.query(`select ${EVENT_COLUMNS} from events where seq = any($1::bigint[]) order by seq`, [msg.s]);
    for (const row of res.rows) this.deliver(rowToEvent(row));
    if (max > this.lastSeq) this.lastSeq = max;
  }

  private deliver(event: StoredEvent): void {
    if (event.organizationId === null) return; // platform events have no organization subscribers
    const set = this.listeners.get(event.organizationId);
    if (!set) return;
    for (const l of set) {
      try {
        l(event);
      } catch (err) {
        this.log.error('event listener threw', { error: err });
      }
    }
  }

  /** Registers a listener for one organization's events; returns the function that removes it. */
  subscribe(organizationId: string, listener: EventListener): () => void {
    let set = this.listeners.get(organizationId);
    if (!set) this.listeners.set(organizationId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.listeners.get(organizationId) === set) this.listeners.delete(organizationId);
    };
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }
}

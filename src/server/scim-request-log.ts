import type { Em } from '../core/db.js';
import { pruneScimRequests, recordScimRequests } from '../core/services/scim-request-log.js';
import type { Logger } from '../shared/logger.js';
import type { ScimRequestEntry, ScimRequestSink } from '../shared/scim-request-log.js';

/** How often the buffered SCIM requests are written. */
export const SCIM_LOG_FLUSH_MS = 1000;
/** The most entries held between two writes: beyond it (the database is slow or away) new ones are dropped and counted. */
export const SCIM_LOG_MAX_BUFFERED = 20_000;
/** How often rows older than 24 hours are deleted (those of organizations whose SCIM went quiet). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The SCIM request log of this instance: the SCIM router records each request here (a push onto an
 * array, nothing on the request path waits for the database) and every SCIM_LOG_FLUSH_MS the
 * entries are written by one set-based statement (services/scim-request-log.ts). Bounded: while a
 * write is in flight or failing, at most SCIM_LOG_MAX_BUFFERED entries wait; the rest are dropped
 * (a recent-request log, not an audit trail) and the drop is logged.
 *
 * Requests the rate limit refused (429) are recorded too, so an admin who sees the identity
 * provider report "rate limited" finds them, and so are those refused (401) with a token of the
 * organization that was revoked or is mistyped (BearerAuth.refused), but a burst of either is one
 * entry per token and batch:
 * the first, its detail saying how many more followed (`… (and 37 more of this token until <time>)`).
 * A client that ignores Retry-After thus adds at most one row a second per instance, and cannot
 * push the organization's other entries out of its 1,000 rows nor fill the buffer.
 */
export class ScimRequestLog implements ScimRequestSink {
  private buffer: ScimRequestEntry[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastPrune = 0;
  /** The 429 or 401 entry of each token in the buffer (by status, organization and credential), with how many more it stands for. */
  private limited = new Map<string, { entry: ScimRequestEntry; more: number; last: Date }>();

  constructor(
    private readonly fork: () => Em,
    private readonly log: Logger,
  ) {}

  record(entry: ScimRequestEntry): void {
    if (entry.status === 429 || entry.status === 401) {
      const key = `${entry.status} ${entry.organizationId} ${entry.credentialId}`;
      const first = this.limited.get(key);
      if (first) {
        first.more++;
        first.last = entry.at;
        return;
      }
      if (this.buffer.length < SCIM_LOG_MAX_BUFFERED) this.limited.set(key, { entry, more: 0, last: entry.at });
    }
    if (this.buffer.length >= SCIM_LOG_MAX_BUFFERED) {
      this.dropped++;
      return;
    }
    this.buffer.push(entry);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), SCIM_LOG_FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what is buffered (one statement); a write already running is waited for, not doubled. */
  flush(): Promise<void> {
    return (this.flushing ??= this.write().finally(() => (this.flushing = undefined)));
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.dropped) {
      this.log.warn('SCIM request log: entries dropped (the buffer was full)', { dropped: this.dropped });
      this.dropped = 0;
    }
    const batch = this.buffer;
    if (batch.length) {
      this.buffer = [];
      for (const { entry, more, last } of this.limited.values())
        if (more) entry.detail = `${entry.detail ?? 'too many requests'} (and ${more} more of this token until ${last.toISOString()})`;
      this.limited.clear();
      try {
        await recordScimRequests(this.fork(), batch);
      } catch (err) {
        this.log.warn('SCIM request log: a batch could not be written', { entries: batch.length, error: (err as Error)?.message });
      }
    }
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      try {
        await pruneScimRequests(this.fork());
      } catch (err) {
        this.log.warn('SCIM request log: pruning failed', { error: (err as Error)?.message });
      }
    }
  }
}

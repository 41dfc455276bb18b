import { sql, type Em } from '../db.js';
import { PassFailures, type OutageLogger } from '../../shared/database-outage.js';
import { purgeExpiredOidcPayloads } from './oidc-store.js';
import { signLogoutToken } from './oidc-signing-keys.js';
import { describe, postToTenantUrl, retryDelayMs, WEBHOOK_POLL_MS } from './webhook-worker.js';

export interface OidcLogoutWorkerOptions {
  /** WEBHOOK_ALLOW_INSECURE_URLS: http and non-public addresses allowed (the same operator setting as for webhooks). */
  allowInsecure: boolean;
  /** WEBHOOK_RETRY_BASE_MS: the delay after the first failed attempt, doubling as for webhooks. */
  retryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts before a delivery is FAILED. */
  maxAttempts: number;
  log: OutageLogger;
}

/** How long an instance holds a delivery while it sends it; longer than a send may take. */
const LEASE_SECONDS = 60;
/** Deliveries one instance sends at once. */
const CONCURRENCY = 16;
/** How often expired provider state is purged (by whichever instance gets there). */
const PURGE_EVERY_MS = 60_000;

/**
 * Due deliveries, taken FOR UPDATE SKIP LOCKED and leased, with the client's URI: several instances
 * share the queue, each delivery is sent by one at a time (again by another if its lease runs out).
 */
const CLAIM = `
  with c as (
    select id from oidc_logout_deliveries
     where status = 'PENDING' and next_attempt_at <= now() and (busy_until is null or busy_until <= now())
     order by next_attempt_at limit ? for update skip locked)
  update oidc_logout_deliveries d set busy_until = now() + make_interval(secs => ?)
    from c, oidc_clients k where d.id = c.id and k.id = d.client_id
  returning d.id, d.client_id, d.user_id, d.issuer, d.sid, d.attempts, k.backchannel_logout_uri as uri`;

interface Claimed {
  id: string;
  client_id: string;
  user_id: string;
  issuer: string;
  sid: string | null;
  attempts: number;
  uri: string | null;
}

/**
 * Sends OpenID Back-Channel Logout tokens (docs/OIDC.md "Deprovisioning"): each queued delivery is
 * POSTed as `logout_token=<JWT>` to the client's back-channel URI until it answers 2xx, with the
 * webhook retry schedule (services/webhook-worker.ts) and its address check. Started by the
 * composition root on every instance; all state is in PostgreSQL.
 */
export class OidcLogoutWorker {
  private timer: NodeJS.Timeout | null = null;
  /** Failed passes, an outage said once (shared/database-outage.ts). */
  private readonly passes: PassFailures;
  private closed = false;
  private ticking: Promise<void> | null = null;
  private readonly busy = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private purgedAt = 0;

  constructor(
    private readonly fork: () => Em,
    private readonly opts: OidcLogoutWorkerOptions,
  ) {
    this.passes = new PassFailures(opts.log, 'OIDC logout worker');
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
    if (Date.now() - this.purgedAt > PURGE_EVERY_MS) {
      this.purgedAt = Date.now();
      await purgeExpiredOidcPayloads(this.fork());
    }
    const free = CONCURRENCY - this.busy.size;
    if (free <= 0 || this.closed) return;
    const rows = await sql<Claimed>(this.fork(), CLAIM, [free, LEASE_SECONDS]);
    for (const row of rows) {
      const p: Promise<void> = this.deliver(row)
        .catch((err) => this.opts.log.error('OIDC back-channel logout failed', { deliveryId: row.id, error: err }))
        .finally(() => this.busy.delete(p));
      this.busy.add(p);
    }
  }

  private async deliver(d: Claimed): Promise<void> {
    const em = this.fork();
    let outcome: { ok: boolean; status: number | null; error: string | null };
    if (!d.uri) outcome = { ok: false, status: null, error: 'the client no longer has a back-channel logout URI' };
    else {
      try {
        const token = await signLogoutToken(em, { iss: d.issuer, aud: d.client_id, sub: d.user_id, sid: d.sid });
        const request = {
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'identity-oidc/1' },
          body: new URLSearchParams({ logout_token: token }).toString(),
        };
        const status = await postToTenantUrl(d.uri, request, this.opts.allowInsecure, this.abort.signal);
        const ok = status >= 200 && status < 300;
        outcome = { ok, status, error: ok ? null : `the client answered HTTP ${status}` };
      } catch (err) {
        outcome = { ok: false, status: null, error: describe(err) };
      }
    }
    if (this.closed && !outcome.ok) return; // stopped mid-send: not an attempt
    const attempts = d.attempts + 1;
    const final = !d.uri || attempts >= this.opts.maxAttempts;
    await sql(
      em,
      `update oidc_logout_deliveries
          set status = case when ? then 'SUCCEEDED' when ? then 'FAILED' else 'PENDING' end,
              attempts = attempts + 1, last_status_code = ?, last_error = ?, busy_until = null, updated_at = now(),
              next_attempt_at = case when ? then next_attempt_at else now() + make_interval(secs => ?) end
        where id = ?`,
      [
        outcome.ok,
        final,
        outcome.status,
        outcome.error?.slice(0, 1000) ?? null,
        outcome.ok || final,
        retryDelayMs(attempts, this.opts.retryBaseMs) / 1000,
        d.id,
      ],
    );
    if (!outcome.ok)
      this.opts.log.warn('OIDC back-channel logout not accepted', { deliveryId: d.id, clientId: d.client_id, attempts, final, error: outcome.error });
  }

  /** Stops polling and in-flight sends (they count as no attempt and are sent again once their lease ends). */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.ticking;
    await Promise.allSettled([...this.busy]);
  }
}

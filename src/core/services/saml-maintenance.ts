/**
 * The SAML connections' background work, started on every instance by the composition root
 * (src/server/start.ts): the periodic refresh of IdP metadata URLs (saml-metadata-refresh.ts; each
 * due connection claimed by one instance) and the certificate lifecycle check
 * (saml-certificate-lifecycle.ts; one instance per run). All state is in PostgreSQL.
 */
import type { SamlMetadataPolicy } from '../access.js';
import type { Em } from '../db.js';
import { announceExpiringCertificates } from './saml-certificate-lifecycle.js';
import { refreshDueMetadata } from './saml-metadata-refresh.js';

/** How often an instance looks for connections whose metadata refresh is due. */
export const METADATA_POLL_MS = 30_000;
/** Connections claimed per look, and fetched at once. */
const CLAIM_LIMIT = 50;
const CONCURRENCY = 5;

export interface SamlMaintenanceOptions {
  policy: SamlMetadataPolicy;
  /** SAML_CERTIFICATE_CHECK_SECONDS: how often this instance runs the certificate lifecycle check; 0: never. */
  certificateCheckSeconds: number;
  log: { warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
}

export class SamlMaintenance {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly fork: () => Em,
    private readonly opts: SamlMaintenanceOptions,
  ) {}

  start(): void {
    this.every(METADATA_POLL_MS, () => this.refreshDueMetadata(), 'SAML metadata refresh pass failed', METADATA_POLL_MS * Math.random());
    const check = this.opts.certificateCheckSeconds * 1000;
    if (check > 0)
      this.every(check, () => this.checkCertificates(), 'SAML certificate lifecycle check failed', Math.min(check, 5_000 + 60_000 * Math.random()));
  }

  /** One pass of the metadata refresh: the connections due now. Returns how many were fetched. */
  refreshDueMetadata(): Promise<number> {
    return refreshDueMetadata(this.fork, this.opts.policy, { limit: CLAIM_LIMIT, concurrency: CONCURRENCY, signal: this.abort.signal, log: this.opts.log });
  }

  /** One run of the certificate lifecycle check; the events written, or null when another instance was running it. */
  checkCertificates(): Promise<number | null> {
    return announceExpiringCertificates(this.fork());
  }

  private every(ms: number, task: () => Promise<unknown>, failure: string, firstMs: number): void {
    const run = (delay: number) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const p = task()
          .catch((err) => this.opts.log.error(failure, { error: err }))
          .finally(() => {
            this.running.delete(p);
            run(ms);
          });
        this.running.add(p);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    };
    run(firstMs);
  }

  /** Stops the timers and in-flight fetches (a stopped fetch is no failure: the connection is due again after its lease). */
  async stop(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }
}

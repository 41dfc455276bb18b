/**
 * Keeping an IdP's metadata current (docs/SAML.md "Metadata URL"): a connection configured with
 * `idpMetadataUrl` is fetched again periodically (SAML_METADATA_REFRESH_SECONDS, jittered; each due
 * connection claimed by one instance) and on `refreshSamlMetadata`. The fetched entity ID, SSO URL
 * and signing certificates replace the stored ones: during an IdP's certificate rollover its
 * metadata lists both certificates, and both are trusted. A failed fetch keeps the last good
 * metadata, records why on the connection and raises SAML_METADATA_REFRESH_FAILED; a fetch that
 * changes what is trusted raises SAML_METADATA_REFRESHED.
 */
import { authorize, type CoreContext } from '../access.js';
import { sameJson } from '../../shared/json-equal.js';
import { sql, type Em } from '../db.js';
import { Organization } from '../entities/organization.js';
import { SamlConnection } from '../entities/saml.js';
import { AppError, notFound } from '../errors.js';
import type { FieldChanges, NewEvent } from '../events/event-types.js';
import { writeEvents } from '../events/event-writer.js';
import { holdAdvisoryLock, SAML_CONNECTION_WRITE_LOCK } from '../locks.js';
import type { Actor } from '../principal.js';
import { isUuid } from '../../shared/ids.js';
import type { IdpMetadata } from '../../shared/saml-idp-metadata.js';
import { nextRefreshAt, samlConnectionView, type SamlConnectionView } from './saml-connections.js';
import { syncCertificateExpiries } from './saml-certificate-lifecycle.js';
import { fingerprint } from './saml-keys.js';
import { loadIdpMetadata, MetadataFetchError, STRICT_METADATA_POLICY } from './saml-metadata-fetch.js';
import { transact } from './transaction.js';
import type { SamlMetadataPolicy } from '../access.js';

/** After a failed fetch the next try comes sooner than the interval: at most an hour later. */
const RETRY_AFTER_FAILURE_SECONDS = 3600;
/** How long an instance holds a claimed connection while it fetches (another instance takes it over after). */
const CLAIM_LEASE_SECONDS = 300;
const MAX_CERTIFICATES = 10;

type Outcome = { metadata: IdpMetadata } | { error: MetadataFetchError };

async function fetchOutcome(url: string, policy: SamlMetadataPolicy, signal?: AbortSignal): Promise<Outcome> {
  try {
    const metadata = await loadIdpMetadata(url, policy, signal);
    if (metadata.certificates.length > MAX_CERTIFICATES)
      return { error: new MetadataFetchError('metadata.invalid', `the metadata lists more than ${MAX_CERTIFICATES} signing certificates`) };
    if (metadata.entityId.length > 1024) return { error: new MetadataFetchError('metadata.invalid', 'the metadata entityID is longer than 1024 characters') };
    if (metadata.ssoUrl.length > 2048) return { error: new MetadataFetchError('metadata.invalid', 'the metadata SSO URL is longer than 2048 characters') };
    return { metadata };
  } catch (err) {
    if (err instanceof MetadataFetchError) return { error: err };
    throw err;
  }
}

/** The Single Logout fields of a connection (the SLO service follows the metadata like the SSO URL). */
const sloOf = (c: SamlConnection) => ({ idpSloUrl: c.idpSloUrl, idpSloResponseUrl: c.idpSloResponseUrl, idpSloBinding: c.idpSloBinding });
const sloFromMetadata = (m: IdpMetadata) => ({
  idpSloUrl: m.slo?.url ?? null,
  idpSloResponseUrl: m.slo?.responseUrl ?? null,
  idpSloBinding: m.slo?.binding ?? null,
});

/**
 * Applies a fetch's outcome to the connection, in the caller's transaction; returns the events to
 * write. A connection whose URL changed since the fetch began is left alone (that configuration
 * fetched its own). `explicit`: asked for by refreshSamlMetadata (a failure is always recorded;
 * the periodic refresh records one only when the reason is new, so an IdP that stays down does not
 * fill the log).
 */
async function applyOutcome(
  em: Em,
  organizationId: string,
  url: string,
  outcome: Outcome,
  policy: SamlMetadataPolicy,
  explicit: boolean,
): Promise<{ events: NewEvent[]; connection: SamlConnection | null }> {
  await holdAdvisoryLock(em, SAML_CONNECTION_WRITE_LOCK, organizationId);
  const c = await em.findOne(SamlConnection, { organization: organizationId });
  if (!c || c.idpMetadataUrl !== url) return { events: [], connection: c };
  const now = new Date();
  if ('error' in outcome) {
    const message = outcome.error.message.slice(0, 1000);
    const isNew = explicit || c.metadataRefreshError !== message;
    c.metadataRefreshError = message;
    c.metadataNextRefreshAt = nextRefreshAt(now, Math.min(policy.refreshSeconds, RETRY_AFTER_FAILURE_SECONDS));
    await em.flush();
    const event: NewEvent = {
      type: 'SAML_METADATA_REFRESH_FAILED',
      subjectType: 'SAML_CONNECTION',
      subjectId: organizationId,
      subjectLabel: c.idpEntityId,
      data: { url, reason: outcome.error.reason, message, lastRefreshedAt: c.metadataRefreshedAt?.toISOString() ?? null },
    };
    return { events: isNew ? [event] : [], connection: c };
  }
  const m = outcome.metadata;
  const before = { idpEntityId: c.idpEntityId, idpSsoUrl: c.idpSsoUrl, idpCertificates: c.idpCertificates.map(fingerprint), ...sloOf(c) };
  const after = { idpEntityId: m.entityId, idpSsoUrl: m.ssoUrl, idpCertificates: m.certificates.map(fingerprint), ...sloFromMetadata(m) };
  const changes: FieldChanges = {};
  for (const k of Object.keys(after) as Array<keyof typeof after>) {
    if (!sameJson(before[k], after[k])) changes[k] = { before: before[k], after: after[k] };
  }
  c.metadataRefreshedAt = now;
  c.metadataRefreshError = null;
  c.metadataNextRefreshAt = nextRefreshAt(now, policy.refreshSeconds);
  if (Object.keys(changes).length === 0) {
    await em.flush();
    return { events: [], connection: c };
  }
  c.idpEntityId = m.entityId;
  c.idpSsoUrl = m.ssoUrl;
  c.idpCertificates = [...m.certificates];
  Object.assign(c, sloFromMetadata(m));
  c.updatedAt = now;
  c.version += 1;
  await em.flush();
  await syncCertificateExpiries(em, organizationId, c);
  return {
    events: [
      {
        type: 'SAML_METADATA_REFRESHED',
        subjectType: 'SAML_CONNECTION',
        subjectId: organizationId,
        subjectLabel: c.idpEntityId,
        changes,
        data: {
          url,
          addedCertificates: after.idpCertificates.filter((f) => !before.idpCertificates.includes(f)),
          removedCertificates: before.idpCertificates.filter((f) => !after.idpCertificates.includes(f)),
        },
      },
    ],
    connection: c,
  };
}

/**
 * `refreshSamlMetadata`: fetches the connection's idpMetadataUrl now. Answers the connection: on a
 * failure `metadataRefreshError` says why (and the last good metadata stays); PRECONDITION_FAILED
 * when the connection has no metadata URL.
 */
export async function refreshSamlMetadata(ctx: CoreContext, organizationId: string, publicUrl: string): Promise<SamlConnectionView> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'manage');
  const policy = ctx.samlMetadata ?? STRICT_METADATA_POLICY;
  const [row] = await sql<{ url: string | null }>(ctx.em, 'select idp_metadata_url as url from saml_connections where organization_id = ?', [organizationId]);
  if (!row) throw new AppError('NOT_FOUND', 'samlConnection.notFound', 'SAML sign-in is not configured for this organization');
  if (!row.url)
    throw new AppError(
      'PRECONDITION_FAILED',
      'samlConnection.idpMetadataUrl.notSet',
      'the connection has no idpMetadataUrl to refresh from; configure one first',
      {
        field: 'idpMetadataUrl',
      },
    );
  const url = row.url;
  const outcome = await fetchOutcome(url, policy);
  return transact(ctx, organizationId, async (em, events) => {
    const r = await applyOutcome(em, organizationId, url, outcome, policy, true);
    events.push(...r.events);
    const org = await em.findOne(Organization, { id: organizationId });
    if (!org) throw notFound('organization');
    return samlConnectionView(org, r.connection, publicUrl);
  });
}

const SYSTEM: Actor = { type: 'SYSTEM', id: null, label: 'SAML metadata refresh' };

/**
 * Claims up to `limit` connections whose refresh is due (FOR UPDATE SKIP LOCKED: each by one
 * instance), leasing them by moving their next refresh forward; the fetch then runs outside any
 * transaction and its outcome sets the real next time.
 */
const CLAIM = `
  with due as (
    select organization_id from saml_connections
     where idp_metadata_url is not null and metadata_next_refresh_at <= now()
     order by metadata_next_refresh_at
     limit ? for update skip locked)
  update saml_connections c set metadata_next_refresh_at = now() + make_interval(secs => ?)
    from due where c.organization_id = due.organization_id
  returning c.organization_id, c.idp_metadata_url as url`;

/** One pass of the periodic refresh: the connections due, fetched `concurrency` at a time. Returns how many were fetched. */
export async function refreshDueMetadata(
  fork: () => Em,
  policy: SamlMetadataPolicy,
  opts: { limit: number; concurrency: number; signal?: AbortSignal; log?: CoreContext['log'] },
): Promise<number> {
  const claimed = await sql<{ organization_id: string; url: string }>(fork(), CLAIM, [opts.limit, CLAIM_LEASE_SECONDS]);
  const queue = [...claimed];
  const work = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (opts.signal?.aborted) return;
      const { organization_id: org, url } = next;
      try {
        const outcome = await fetchOutcome(url, policy, opts.signal);
        if (opts.signal?.aborted) return; // stopped mid-fetch: not a failure; due again after the lease
        await fork().transactional(async (tx) => {
          const r = await applyOutcome(tx as Em, org, url, outcome, policy, false);
          await writeEvents(tx as Em, org, SYSTEM, null, r.events);
        });
      } catch (err) {
        opts.log?.warn('SAML metadata refresh failed', { organizationId: org, error: (err as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, queue.length) }, work));
  return claimed.length;
}

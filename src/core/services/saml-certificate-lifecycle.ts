/**
 * Certificate lifecycle of SAML connections (docs/SAML.md "Certificate expiry"): every certificate a
 * connection holds (the IdP's signing certificates, the SP's active, staged and previous ones) is
 * listed with its expiry in `saml_certificate_expiries`, written in the transaction that changes the
 * connection. A periodic check, one instance at a time, raises SAML_CERTIFICATE_EXPIRING once per
 * certificate for each threshold (30, 7 and 1 days before notAfter) it crosses, with one statement
 * over all organizations.
 */
import { X509Certificate } from 'node:crypto';
import { pgArray, sql, type Em } from '../db.js';
import type { SamlConnection } from '../entities/saml.js';
import type { NewEvent } from '../events/event-types.js';
import { writeEvents } from '../events/event-writer.js';
import type { Actor } from '../principal.js';
import { SAML_CERTIFICATE_LIFECYCLE_LOCK } from '../locks.js';
import { fingerprint } from './saml-keys.js';

/** Days before notAfter at which a certificate is announced, widest first. */
export const EXPIRY_THRESHOLDS_DAYS = [30, 7, 1] as const;

export type CertificateUsage = 'IDP' | 'SP' | 'SP_NEXT' | 'SP_PREVIOUS';

export interface HeldCertificate {
  fingerprint: string;
  usage: CertificateUsage;
  subject: string;
  notAfter: Date;
}

/** The certificates a connection holds, with their use (a certificate held twice is listed once, by its first use). */
export function heldCertificates(
  c: Pick<SamlConnection, 'idpCertificates' | 'spCertificate' | 'spNextCertificate' | 'spPreviousCertificate'>,
): HeldCertificate[] {
  const out = new Map<string, HeldCertificate>();
  const add = (base64: string | null, usage: CertificateUsage) => {
    if (!base64) return;
    const fp = fingerprint(base64);
    if (out.has(fp)) return;
    const x = new X509Certificate(Buffer.from(base64, 'base64'));
    out.set(fp, { fingerprint: fp, usage, subject: x.subject.replace(/\n/g, ', ').slice(0, 500), notAfter: new Date(x.validTo) });
  };
  for (const b of c.idpCertificates) add(b, 'IDP');
  add(c.spCertificate, 'SP');
  add(c.spNextCertificate, 'SP_NEXT');
  add(c.spPreviousCertificate, 'SP_PREVIOUS');
  return [...out.values()];
}

export type ExpiryWarning = 'NONE' | 'WITHIN_30_DAYS' | 'WITHIN_7_DAYS' | 'WITHIN_1_DAY' | 'EXPIRED';

/** How close `notAfter` is, as the connection's status shows it. */
export function expiryWarning(notAfter: Date | null, now = new Date()): ExpiryWarning {
  if (!notAfter) return 'NONE';
  const days = (notAfter.getTime() - now.getTime()) / 86_400_000;
  if (days <= 0) return 'EXPIRED';
  if (days <= 1) return 'WITHIN_1_DAY';
  if (days <= 7) return 'WITHIN_7_DAYS';
  if (days <= 30) return 'WITHIN_30_DAYS';
  return 'NONE';
}

/**
 * Brings the organization's rows to the certificates the connection now holds, in the caller's
 * transaction: new ones added, gone ones removed, a certificate that stays keeps what was already
 * announced for it (also when its use changes, as when a staged SP key becomes active).
 */
export async function syncCertificateExpiries(em: Em, organizationId: string, c: Parameters<typeof heldCertificates>[0] | null): Promise<void> {
  const held = c ? heldCertificates(c) : [];
  await sql(em, 'delete from saml_certificate_expiries where organization_id = ? and not (fingerprint = any(?::text[]))', [
    organizationId,
    pgArray(held.map((h) => h.fingerprint)),
  ]);
  if (!held.length) return;
  await sql(
    em,
    `insert into saml_certificate_expiries (organization_id, fingerprint, usage, subject, not_after)
     select ?::uuid, x.fp, x.usage, x.subject, x.not_after
       from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) as x(fp, usage, subject, not_after)
     on conflict (organization_id, fingerprint) do update set usage = excluded.usage, subject = excluded.subject, not_after = excluded.not_after`,
    [
      organizationId,
      pgArray(held.map((h) => h.fingerprint)),
      pgArray(held.map((h) => h.usage)),
      pgArray(held.map((h) => h.subject)),
      pgArray(held.map((h) => h.notAfter.toISOString())),
    ],
  );
}

/**
 * The announcements due: for each listed certificate whose notAfter is within 30 days, the smallest
 * threshold it is within, when that is smaller than what was announced before. Marked announced
 * in the same statement (rows another transaction holds are skipped, and seen next time).
 */
const ANNOUNCE = `
  with due as (
    select e.organization_id, e.fingerprint, t.threshold
      from saml_certificate_expiries e
     cross join lateral (select case when e.not_after <= now() + interval '1 day' then 1
                                     when e.not_after <= now() + interval '7 days' then 7
                                     else 30 end as threshold) t
     where e.not_after <= now() + interval '30 days'
       and (e.warned_days is null or e.warned_days > t.threshold)
       for update of e skip locked)
  update saml_certificate_expiries e set warned_days = due.threshold
    from due
   where e.organization_id = due.organization_id and e.fingerprint = due.fingerprint
  returning e.organization_id, e.fingerprint, e.usage, e.subject, e.not_after, e.warned_days as threshold`;

const SYSTEM: Actor = { type: 'SYSTEM', id: null, label: 'SAML certificate lifecycle' };
/** Connections whose certificates are not listed yet (configured before the list existed), filled in per run. */
const BACKFILL_BATCH = 500;

/**
 * One run of the check: fills in connections not listed yet, then announces what is due, each
 * event in its organization. Only one instance runs it at a time (a transaction-level try-lock: an
 * instance that does not get it skips the run). Returns the number of events written, or null when
 * another instance was running it.
 */
export async function announceExpiringCertificates(em: Em): Promise<number | null> {
  return em.transactional(async (tx) => {
    const t = tx as Em;
    const [lock] = await sql<{ ok: boolean }>(t, `select pg_try_advisory_xact_lock(hashtextextended('saml-certificate-lifecycle', ?)) as ok`, [
      SAML_CERTIFICATE_LIFECYCLE_LOCK,
    ]);
    if (!lock?.ok) return null;
    const unlisted = await sql<{
      organization_id: string;
      idp_certificates: string[];
      sp_certificate: string | null;
      sp_next_certificate: string | null;
      sp_previous_certificate: string | null;
    }>(
      t,
      `select c.organization_id, c.idp_certificates, c.sp_certificate, c.sp_next_certificate, c.sp_previous_certificate
         from saml_connections c
        where not exists (select 1 from saml_certificate_expiries e where e.organization_id = c.organization_id)
        limit ?`,
      [BACKFILL_BATCH],
    );
    for (const r of unlisted) {
      await syncCertificateExpiries(t, r.organization_id, {
        idpCertificates: r.idp_certificates,
        spCertificate: r.sp_certificate,
        spNextCertificate: r.sp_next_certificate,
        spPreviousCertificate: r.sp_previous_certificate,
      });
    }
    const due = await sql<{ organization_id: string; fingerprint: string; usage: string; subject: string; not_after: Date | string; threshold: number }>(
      t,
      ANNOUNCE,
    );
    const byOrg = new Map<string, NewEvent[]>();
    for (const d of due) {
      const notAfter = new Date(d.not_after);
      const list = byOrg.get(d.organization_id) ?? [];
      list.push({
        type: 'SAML_CERTIFICATE_EXPIRING',
        subjectType: 'SAML_CONNECTION',
        subjectId: d.organization_id,
        subjectLabel: d.subject,
        data: {
          fingerprintSha256: d.fingerprint,
          usage: d.usage,
          subject: d.subject,
          notAfter: notAfter.toISOString(),
          thresholdDays: d.threshold,
          daysLeft: Math.max(0, Math.floor((notAfter.getTime() - Date.now()) / 86_400_000)),
          expired: notAfter.getTime() <= Date.now(),
        },
      });
      byOrg.set(d.organization_id, list);
    }
    // one statement per organization that has an announcement (events carry their organization)
    for (const [org, events] of byOrg) await writeEvents(t, org, SYSTEM, null, events);
    return due.length;
  });
}

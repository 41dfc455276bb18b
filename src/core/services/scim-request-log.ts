/**
 * The recent-request log of each organization's SCIM endpoint (`scimRequests`): what the setup page
 * shows while it waits for the identity provider's first request, and afterwards its requests and
 * their results. The server writes it in batches (one statement per batch, off the request path:
 * src/server/scim-request-log.ts); it keeps 24 hours and at most SCIM_REQUEST_LOG_MAX_ROWS rows per
 * organization.
 */
import { pgArray, sql, type Em } from '../db.js';
import { badInput, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import type { ScimRequestEntry } from '../../shared/scim-request-log.js';
import { assertListedOrganization, authorizeAny, type CoreContext } from '../access.js';
import { pageSize } from '../queries/paging.js';
import { decodeCursor, encodeCursor } from '../queries/sql-builder.js';

export const SCIM_REQUEST_LOG_HOURS = 24;
export const SCIM_REQUEST_LOG_MAX_ROWS = 1000;
const MAX_TEXT = 500;

export interface ScimRequestRow {
  id: string;
  organizationId: string;
  credentialId: string | null;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  detail: string | null;
  identityProvider: string;
  userAgent: string | null;
  durationMs: number;
  at: Date;
}

const cut = (s: string | null) => (s === null ? null : s.slice(0, MAX_TEXT));

/** A PostgreSQL array literal whose null elements are NULL (pgArray quotes every element). */
function nullableArray(values: ReadonlyArray<string | null>): string {
  return '{' + values.map((v) => (v === null ? 'NULL' : '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"')).join(',') + '}';
}

/**
 * Writes a batch of entries in one statement (unnest of arrays; ids in the batch's order), then trims the log of the
 * organizations in the batch to the newest SCIM_REQUEST_LOG_MAX_ROWS rows and the last 24 hours.
 * Entries of organizations deleted meanwhile are dropped (the join). The server's own bookkeeping:
 * no caller, no event.
 */
export async function recordScimRequests(em: Em, entries: readonly ScimRequestEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: ScimRequestEntry) => T) => entries.map(f);
  const orgs = [...new Set(entries.map((e) => e.organizationId))];
  await em.transactional(async (tx) => {
    await sql(
      tx as Em,
      `insert into scim_requests (organization_id, credential_id, method, path, status, scim_type, detail, identity_provider, user_agent, duration_ms, at)
       select x.org, x.cred, x.method, x.path, x.status, x.scim_type, x.detail, x.idp, x.ua, x.ms, x.at
         from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::timestamptz[])
              with ordinality as x(org, cred, method, path, status, scim_type, detail, idp, ua, ms, at, n)
         join organizations o on o.id = x.org
        order by x.n`,
      [
        pgArray(col((e) => e.organizationId)),
        nullableArray(col((e) => (e.credentialId && isUuid(e.credentialId) ? e.credentialId : null))),
        pgArray(col((e) => e.method.slice(0, 16))),
        pgArray(col((e) => cut(e.path)!)),
        `{${col((e) => Math.max(0, Math.min(999, Math.trunc(e.status)))).join(',')}}`,
        nullableArray(col((e) => cut(e.scimType))),
        nullableArray(col((e) => cut(e.detail))),
        pgArray(col((e) => e.identityProvider.slice(0, 32))),
        nullableArray(col((e) => cut(e.userAgent))),
        `{${col((e) => Math.max(0, Math.min(2_147_483_647, Math.round(e.durationMs)))).join(',')}}`,
        pgArray(col((e) => e.at.toISOString())),
      ],
    );
    // the rows past the newest SCIM_REQUEST_LOG_MAX_ROWS, and older ones, of these organizations (index organization_id, id).
    // Each organization's boundary is found once (materialized): as a subquery in FROM, PostgreSQL
    // pulled it up and could evaluate it again for every row it filtered (on a table without
    // statistics yet, as after a first deployment: ~1,000 × 1,000 index entries a batch, ~0.3 s)
    await sql(
      tx as Em,
      `with c as materialized (
         select o.id as org,
                (select r.id from scim_requests r where r.organization_id = o.id order by r.id desc offset ? limit 1) as last_kept
           from unnest(?::uuid[]) as o(id))
       delete from scim_requests s using c
       where s.organization_id = c.org and (s.id < c.last_kept or s.at < now() - make_interval(hours => ?))`,
      [SCIM_REQUEST_LOG_MAX_ROWS - 1, pgArray(orgs), SCIM_REQUEST_LOG_HOURS],
    );
  });
}

/** Deletes every organization's rows older than 24 hours (those of organizations that went quiet); by the `at` index. */
export async function pruneScimRequests(em: Em): Promise<number> {
  const rows = await sql<{ n: number }>(
    em,
    `with d as (delete from scim_requests where at < now() - make_interval(hours => ?) returning 1) select count(*)::int as n from d`,
    [SCIM_REQUEST_LOG_HOURS],
  );
  return rows[0]?.n ?? 0;
}

export interface ScimRequestPage {
  nodes: ScimRequestRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The organization's recent SCIM requests, newest first (in the order they were recorded), keyset
 * paged. For `read` in the organization, or a setup link with the SCIM scope.
 */
export async function listScimRequests(
  ctx: CoreContext,
  organizationId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ScimRequestPage> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorizeAny(ctx, organizationId, ['read', 'configureScim']);
  const n = pageSize(first);
  const list = `scimRequests:${organizationId}`;
  let afterId: string | null = null;
  if (after) {
    afterId = decodeCursor(after, list)[1];
    if (!/^\d{1,19}$/.test(afterId)) throw badInput('pagination.cursor.invalid', 'the cursor is not one this API returned');
  }
  const rows = await sql<Record<string, unknown>>(
    ctx.em,
    `select id::text as id, organization_id, credential_id, method, path, status, scim_type, detail, identity_provider, user_agent, duration_ms, at
       from scim_requests
      where organization_id = ? and at > now() - make_interval(hours => ?) ${afterId ? 'and scim_requests.id < ?::bigint' : ''}
      order by scim_requests.id desc limit ?`,
    [organizationId, SCIM_REQUEST_LOG_HOURS, ...(afterId ? [afterId] : []), n + 1],
  );
  await assertListedOrganization(ctx, organizationId, rows.length === 0);
  const nodes = rows.slice(0, n).map((r): ScimRequestRow => ({
    id: String(r.id),
    organizationId: String(r.organization_id),
    credentialId: (r.credential_id as string | null) ?? null,
    method: String(r.method),
    path: String(r.path),
    status: Number(r.status),
    scimType: (r.scim_type as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
    identityProvider: String(r.identity_provider),
    userAgent: (r.user_agent as string | null) ?? null,
    durationMs: Number(r.duration_ms),
    at: new Date(r.at as string),
  }));
  const last = nodes.at(-1);
  return { nodes, hasNextPage: rows.length > n, endCursor: last ? encodeCursor(null, last.id, list) : null };
}

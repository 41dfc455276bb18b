import { createHmac, randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { pgArray, sql, type Em } from '../db.js';
import { WebhookDelivery, WebhookEndpoint, DELIVERY_STATUSES, type DeliveryStatus } from '../entities/webhook.js';
import { AppError, badInput, forbidden, notFound } from '../errors.js';
import { EVENT_TYPES, type EventType, type FieldChanges } from '../events/event-types.js';
import { can } from '../principal.js';
import { isCurrent, open, seal, SecretKeyError } from '../secret-box.js';
import { isUuid } from '../../shared/ids.js';
import { assertResolvesPublic, hostOf, isNonPublicAddress, namesNonPublicHost } from '../../shared/outbound-address.js';
import { transact } from './transaction.js';
import { holdRoomFor } from '../locks.js';

/**
 * Outbound webhooks: the endpoints and their management (README "Webhooks"). What is sent, when,
 * and how it is signed: services/webhook-worker.ts.
 */

export interface WebhookEndpointInput {
  url?: string | null;
  /** Empty or absent (on create): every type. */
  eventTypes?: EventType[] | null;
  enabled?: boolean | null;
}

export interface CreatedWebhookEndpoint {
  /** `whsec_` + base64 of 32 random bytes: shown once, stored sealed. */
  secret: string;
  endpoint: WebhookEndpoint;
}

export interface RotatedWebhookSecret extends CreatedWebhookEndpoint {
  previousSecretExpiresAt: Date | null;
}

const MAX_URL_LENGTH = 2000;
/** The longest overlap a rotation may give the old secret (30 days). */
export const MAX_ROTATION_OVERLAP_SECONDS = 30 * 86400;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks signature of one message under each secret: `v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_`; several are
 * space-separated (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 */
export function signWebhook(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map(
      (s) =>
        `v1,${createHmac('sha256', Buffer.from(s.replace(/^whsec_/, ''), 'base64'))
          .update(`${id}.${timestamp}.${body}`)
          .digest('base64')}`,
    )
    .join(' ');
}

// the address rules are shared with the IdP metadata fetch (src/shared/outbound-address.ts)
export { isNonPublicAddress };

/** The URL as stored, or BAD_USER_INPUT: https (http too when allowed), no credentials, and (unless allowed) no literal non-public address or localhost. */
export function checkWebhookUrl(value: unknown, allowInsecure: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw badInput('webhook.url.required', 'url is required', { field: 'url' });
  if (text.length > MAX_URL_LENGTH) throw badInput('webhook.url.tooLong', `url is longer than ${MAX_URL_LENGTH} characters`, { field: 'url' });
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw badInput('webhook.url.invalid', 'url is not an absolute URL', { field: 'url' });
  }
  if (u.protocol !== 'https:' && !(allowInsecure && u.protocol === 'http:'))
    throw badInput('webhook.url.insecure', 'url must be https (http only where the operator set WEBHOOK_ALLOW_INSECURE_URLS)', { field: 'url' });
  if (u.username || u.password) throw badInput('webhook.url.credentials', 'url must not contain a user name or password', { field: 'url' });
  if (u.hash) throw badInput('webhook.url.fragment', 'url must not contain a fragment', { field: 'url' });
  if (!allowInsecure && namesNonPublicHost(u))
    throw badInput('webhook.url.private', 'url must not name a loopback, link-local or private address (unless the operator set WEBHOOK_ALLOW_INSECURE_URLS)', {
      field: 'url',
    });
  return u.toString();
}

/**
 * Refuses, at delivery time, a URL whose host resolves to an address it may not reach (a public
 * name pointing inward). A name that resolves differently between this check and the connection
 * (DNS rebinding within the resolver's cache time) is caught by the send (shared/outbound-post.ts),
 * which checks the address it connects to.
 */
export async function assertDeliverable(url: string, allowInsecure: boolean): Promise<void> {
  checkWebhookUrl(url, allowInsecure);
  if (allowInsecure) return;
  try {
    await assertResolvesPublic(hostOf(new URL(url)));
  } catch (err) {
    throw new Error(`${(err as Error).message} (WEBHOOK_ALLOW_INSECURE_URLS is off)`, { cause: err });
  }
}

function checkEventTypes(types: readonly string[] | null | undefined): EventType[] {
  const list = [...new Set(types ?? [])];
  for (const t of list)
    if (!EVENT_TYPES.includes(t as EventType)) throw badInput('webhook.eventTypes.invalid', `unknown event type ${t}`, { field: 'eventTypes' });
  return list as EventType[];
}

function requirePlatform(ctx: CoreContext, what: string): void {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden(`only a platform key can ${what}`);
}

/** Who may manage the endpoints of `organizationId` (null: the platform's): a key that may `manage` it, or a platform key. */
function authorizeScope(ctx: CoreContext, organizationId: string | null): void {
  if (organizationId === null) requirePlatform(ctx, 'manage platform webhook endpoints (leave organizationId out only with a platform key)');
  else authorize(ctx, organizationId, 'manage');
}

/** The organization of endpoint `id` after checking the caller may manage it; NOT_FOUND for anyone who may not see it. */
async function endpointScope(ctx: CoreContext, id: string): Promise<string | null> {
  if (!isUuid(id)) throw notFound('webhookEndpoint');
  const [row] = await sql<{ organization_id: string | null }>(ctx.em, 'select organization_id from webhook_endpoints where id = ?', [id]);
  if (!row) throw notFound('webhookEndpoint');
  const org = row.organization_id;
  const p = ctx.principal;
  if (p.kind !== 'PLATFORM' && (org === null || p.organizationId !== org)) throw notFound('webhookEndpoint');
  if (org !== null && !can(p, org, 'manage')) authorize(ctx, org, 'manage');
  return org;
}

async function lockEndpoint(em: Em, id: string): Promise<WebhookEndpoint> {
  const w = await em.findOne(WebhookEndpoint, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!w) throw notFound('webhookEndpoint');
  return w;
}

/**
 * Where an endpoint starts receiving: the newest event sequence, and the snapshot it was read in. It
 * receives the events numbered after it, and those numbered earlier whose transaction was running
 * then or started later, so commits after this moment (see the worker's ENQUEUE).
 */
async function startPoint(em: Em): Promise<Pick<WebhookEndpoint, 'startSeq' | 'startXmax' | 'startXip'>> {
  const [row] = await sql<{ s: string; xmax: string; xip: string[] }>(
    em,
    `select (select coalesce(max(seq), 0) from events)::text as s, pg_snapshot_xmax(snap.s)::text as xmax,
            array(select pg_snapshot_xip(snap.s)::text) as xip
       from pg_current_snapshot() as snap(s)`,
  );
  return { startSeq: row!.s, startXmax: row!.xmax, startXip: row!.xip };
}

/** Webhook endpoints an organization (or the platform) may have: each event goes to every one of them. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export async function createWebhookEndpoint(ctx: CoreContext, organizationId: string | null, input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
  authorizeScope(ctx, organizationId);
  if (organizationId !== null && !isUuid(organizationId)) throw notFound('organization');
  const url = checkWebhookUrl(input.url, ctx.webhooks?.allowInsecure ?? false);
  const eventTypes = checkEventTypes(input.eventTypes);
  const secret = newWebhookSecret();
  return transact(ctx, organizationId, async (em, events) => {
    await holdRoomFor(em, 'webhooks', organizationId, { table: 'webhook_endpoints', max: MAX_WEBHOOK_ENDPOINTS }, () =>
      badInput('webhookEndpoint.tooMany', `at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first`, { field: 'url' }),
    );
    const w = new WebhookEndpoint();
    Object.assign(w, { organization: organizationId, url, eventTypes, secret: seal(secret), ...(await startPoint(em)) });
    em.persist(w);
    await em.flush().catch((e) => {
      if ((e as { code?: string }).code === '23503') throw notFound('organization');
      throw e;
    });
    events.push({ type: 'WEBHOOK_ENDPOINT_CREATED', subjectType: 'WEBHOOK_ENDPOINT', subjectId: w.id, subjectLabel: url, data: { url, eventTypes } });
    return { secret, endpoint: w };
  });
}

export async function listWebhookEndpoints(ctx: CoreContext, organizationId: string | null): Promise<WebhookEndpoint[]> {
  authorizeScope(ctx, organizationId);
  const found = await ctx.em.find(WebhookEndpoint, { organization: organizationId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (organizationId !== null) await assertListedOrganization(ctx, organizationId, found.length === 0);
  return found;
}

/** Changes url, event types (empty: every type) or enabled; enabling again delivers the events committed after that moment only. */
export async function updateWebhookEndpoint(ctx: CoreContext, id: string, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
  const org = await endpointScope(ctx, id);
  const url = input.url === undefined || input.url === null ? undefined : checkWebhookUrl(input.url, ctx.webhooks?.allowInsecure ?? false);
  const eventTypes = input.eventTypes === undefined || input.eventTypes === null ? undefined : checkEventTypes(input.eventTypes);
  return transact(ctx, org, async (em, events) => {
    const w = await lockEndpoint(em, id);
    const changes: FieldChanges = {};
    if (url !== undefined && url !== w.url) {
      changes.url = { before: w.url, after: url };
      w.url = url;
    }
    if (eventTypes !== undefined && [...eventTypes].sort().join() !== [...w.eventTypes].sort().join()) {
      changes.eventTypes = { before: w.eventTypes, after: eventTypes };
      w.eventTypes = eventTypes;
    }
    if (typeof input.enabled === 'boolean' && input.enabled !== w.enabled) {
      changes.enabled = { before: w.enabled, after: input.enabled };
      w.enabled = input.enabled;
      if (w.enabled) {
        w.disabledReason = null;
        Object.assign(w, await startPoint(em));
      } else {
        w.disabledReason = 'disabled by an administrator';
      }
    }
    if (Object.keys(changes).length) {
      w.version++;
      w.updatedAt = new Date();
      events.push({ type: 'WEBHOOK_ENDPOINT_UPDATED', subjectType: 'WEBHOOK_ENDPOINT', subjectId: w.id, subjectLabel: w.url, changes });
    }
    return w;
  });
}

/** Deletes the endpoint with its deliveries (pending ones are not sent). */
export async function deleteWebhookEndpoint(ctx: CoreContext, id: string): Promise<WebhookEndpoint> {
  const org = await endpointScope(ctx, id);
  return transact(ctx, org, async (em, events) => {
    const w = await lockEndpoint(em, id);
    em.remove(w);
    events.push({ type: 'WEBHOOK_ENDPOINT_DELETED', subjectType: 'WEBHOOK_ENDPOINT', subjectId: w.id, subjectLabel: w.url, data: { url: w.url } });
    return w;
  });
}

/**
 * A new signing secret (returned once). The one it replaces keeps signing for `overlapSeconds`
 * (both signatures in `webhook-signature`), so the receiver can switch without dropping messages.
 */
export async function rotateWebhookSecret(ctx: CoreContext, id: string, overlapSeconds: number): Promise<RotatedWebhookSecret> {
  if (!Number.isSafeInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > MAX_ROTATION_OVERLAP_SECONDS)
    throw badInput('webhook.overlapSeconds.invalid', `overlapSeconds must be between 0 and ${MAX_ROTATION_OVERLAP_SECONDS}`, { field: 'overlapSeconds' });
  const org = await endpointScope(ctx, id);
  const secret = newWebhookSecret();
  return transact(ctx, org, async (em, events) => {
    const w = await lockEndpoint(em, id);
    const expires = overlapSeconds > 0 ? new Date(Date.now() + overlapSeconds * 1000) : null;
    w.previousSecret = expires ? w.secret : null;
    w.previousSecretExpiresAt = expires;
    w.secret = seal(secret);
    w.version++;
    w.updatedAt = new Date();
    events.push({
      type: 'WEBHOOK_SECRET_ROTATED',
      subjectType: 'WEBHOOK_ENDPOINT',
      subjectId: w.id,
      subjectLabel: w.url,
      data: { previousSecretExpiresAt: expires?.toISOString() ?? null },
    });
    return { secret, endpoint: w, previousSecretExpiresAt: expires };
  });
}

/** The secrets that sign a message now: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(
  w: { secret: string; previous_secret: string | null; previous_secret_expires_at: Date | string | null },
  now = Date.now(),
): string[] {
  const out = [open(w.secret)];
  if (w.previous_secret && w.previous_secret_expires_at && new Date(w.previous_secret_expires_at).getTime() > now) out.push(open(w.previous_secret));
  return out;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventSequence: number;
  eventType: EventType | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryPage {
  nodes: DeliveryRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const MAX_DELIVERY_PAGE = 1000;
/** A timestamptz column read by `sql()`: the driver hands it over as PostgreSQL's text. */
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));

/** An endpoint's deliveries, newest event first; `after`: the endCursor of the previous page. */
export async function listWebhookDeliveries(
  ctx: CoreContext,
  endpointId: string,
  status: DeliveryStatus | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<DeliveryPage> {
  await endpointScope(ctx, endpointId);
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_DELIVERY_PAGE)
    throw badInput('webhook.first.invalid', `first must be between 1 and ${MAX_DELIVERY_PAGE}`, { field: 'first' });
  if (status && !DELIVERY_STATUSES.includes(status)) throw badInput('webhook.status.invalid', `unknown status ${status}`, { field: 'status' });
  if (after !== null && after !== undefined && !/^\d{1,18}$/.test(after))
    throw badInput('webhook.after.invalid', 'after must be an endCursor', { field: 'after' });
  const rows = await sql<Record<string, unknown>>(
    ctx.em,
    `select d.id, d.endpoint_id, d.event_seq, e.type as event_type, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error,
            d.created_at, d.updated_at
       from webhook_deliveries d left join events e on e.seq = d.event_seq
      where d.endpoint_id = ? and (?::text is null or d.status = ?::text) and (?::bigint is null or d.event_seq < ?::bigint)
      order by d.event_seq desc limit ?`,
    [endpointId, status ?? null, status ?? null, after ?? null, after ?? null, first + 1],
  );
  const nodes = rows.slice(0, first).map((r): DeliveryRow => ({
    id: r.id as string,
    endpointId: r.endpoint_id as string,
    eventSequence: Number(r.event_seq),
    eventType: (r.event_type as EventType | null) ?? null,
    status: r.status as DeliveryStatus,
    attempts: r.attempts as number,
    nextAttemptAt: r.status === 'PENDING' ? asDate(r.next_attempt_at) : null,
    lastStatusCode: (r.last_status_code as number | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
  }));
  return { nodes, hasNextPage: rows.length > first, endCursor: nodes.length ? String(nodes[nodes.length - 1]!.eventSequence) : null };
}

/**
 * Sends a delivery again: it becomes PENDING with its attempts reset, and goes out as its
 * endpoint's next delivery once the endpoint's earlier pending ones are out (event order). Delivery
 * state is not a change of the endpoint: no event.
 */
export async function resendWebhookDelivery(ctx: CoreContext, id: string): Promise<DeliveryRow> {
  if (!isUuid(id)) throw notFound('webhookDelivery');
  const d = await ctx.em.findOne(WebhookDelivery, { id });
  if (!d) throw notFound('webhookDelivery');
  try {
    await endpointScope(ctx, d.endpoint);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('webhookDelivery');
    throw err;
  }
  await sql(ctx.em, `update webhook_deliveries set status = 'PENDING', attempts = 0, next_attempt_at = now(), updated_at = now() where id = ?`, [id]);
  const page = await sql<{ type: string | null }>(ctx.em, 'select type from events where seq = ?', [d.eventSeq]);
  return {
    id: d.id,
    endpointId: d.endpoint,
    eventSequence: Number(d.eventSeq),
    eventType: (page[0]?.type as EventType | undefined) ?? null,
    status: 'PENDING',
    attempts: 0,
    nextAttemptAt: new Date(),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt,
    updatedAt: new Date(),
  };
}

/**
 * At start: seals the webhook signing secrets (current and previous) that are not sealed with the
 * first SECRETS_KEY (stored before it was set, or under a key being rotated out), as resealSpKeys
 * does for the SP keys. `unreadable`: secrets sealed with a key SECRETS_KEY does not hold (their
 * endpoints cannot be signed for until it is set).
 */
export async function resealWebhookSecrets(em: Em): Promise<{ resealed: number; unreadable: number }> {
  const rows = await sql<{ id: string; secret: string; previous_secret: string | null }>(em, 'select id, secret, previous_secret from webhook_endpoints');
  const ids: string[] = [];
  const secrets: string[] = [];
  const previous: Array<string | null> = [];
  let unreadable = 0;
  for (const r of rows) {
    if (isCurrent(r.secret) && (r.previous_secret === null || isCurrent(r.previous_secret))) continue;
    try {
      secrets.push(isCurrent(r.secret) ? r.secret : seal(open(r.secret)));
      previous.push(r.previous_secret === null || isCurrent(r.previous_secret) ? r.previous_secret : seal(open(r.previous_secret)));
      ids.push(r.id);
    } catch (e) {
      if (!(e instanceof SecretKeyError)) throw e;
      secrets.length = ids.length;
      previous.length = ids.length;
      unreadable++;
    }
  }
  if (ids.length) {
    await sql(
      em,
      "update webhook_endpoints w set secret = x.s, previous_secret = nullif(x.p, '') from unnest(?::uuid[], ?::text[], ?::text[]) as x(id, s, p) where w.id = x.id",
      [pgArray(ids), pgArray(secrets), pgArray(previous.map((p) => p ?? ''))],
    );
  }
  return { resealed: ids.length, unreadable };
}

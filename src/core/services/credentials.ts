import { pgArray, sql, type Em } from '../db.js';
import { Credential, type CredentialKind } from '../entities/credential.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { API_KEY_ROLES, type ApiKeyRole, type Principal, type SetupScope } from '../principal.js';
import { namedCredential, newSecret, parseToken, safeEqual, sha256 } from '../secrets.js';
import { assertListedOrganization, authorize, authorizeAny, type CoreContext } from '../access.js';
import { transact, type EventBuffer } from './transaction.js';
import { holdRoomFor } from '../locks.js';

export interface IssuedCredential {
  credential: Credential;
  /** The plaintext secret; never stored, never shown again. */
  token: string;
}

function normalizeName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n) throw badInput('credential.name.required', 'name is required', { field: 'name' });
  if (n.length > 200) throw badInput('credential.name.tooLong', 'name is longer than 200 characters', { field: 'name' });
  return n;
}

/** Credentials (SCIM tokens and API keys; platform keys apart) an organization may hold unrevoked at a time. */
export const MAX_ACTIVE_CREDENTIALS = 100;

/** Stores a new credential and its event; `organizationId` null for a platform key. The caller authorizes. */
async function issue(ctx: CoreContext, organizationId: string | null, kind: CredentialKind, name: string, role: string): Promise<IssuedCredential> {
  const secret = newSecret(kind === 'SCIM_TOKEN' ? 'scim' : kind === 'API_KEY' ? 'key' : 'admin');
  return transact(ctx, organizationId, async (em, events) => {
    await holdRoomFor(em, 'credentials', organizationId, { table: 'credentials', where: 'revoked_at is null', max: MAX_ACTIVE_CREDENTIALS }, () =>
      badInput('credential.tooMany', `at most ${MAX_ACTIVE_CREDENTIALS} credentials in use at a time; revoke one first`, { field: 'name' }),
    );
    const c = new Credential();
    Object.assign(c, { organization: organizationId, kind, name, role, lookupId: secret.lookupId, secretHash: secret.hash, createdBy: ctx.principal.label });
    if (ctx.principal.kind === 'SETUP_LINK') c.setupLinkId = ctx.principal.credentialId;
    em.persist(c);
    await em.flush().catch((e) => {
      // the organization row is the only foreign key here
      if ((e as { code?: string }).code === '23503') throw notFound('organization');
      throw e;
    });
    events.push({ type: 'CREDENTIAL_CREATED', subjectType: 'CREDENTIAL', subjectId: c.id, subjectLabel: name, data: { kind, role } });
    return { credential: c, token: secret.token };
  });
}

/** Revokes the credential `id` of the organization (null: a platform key); once revoked it stays so. The caller authorizes. */
async function revoke(ctx: CoreContext, organizationId: string | null, id: string): Promise<Credential> {
  if (!isUuid(id)) throw notFound('credential');
  return transact(ctx, organizationId, async (em, events) => {
    const c = await em.findOne(
      Credential,
      organizationId === null ? { id, organization: null, kind: 'PLATFORM_KEY' } : { id, organization: organizationId, ...ownedBySetupLink(ctx) },
    );
    if (!c) throw notFound('credential');
    if (!c.revokedAt) {
      c.revokedAt = new Date();
      await dropCached(em, events, [c.lookupId]);
      events.push({ type: 'CREDENTIAL_REVOKED', subjectType: 'CREDENTIAL', subjectId: c.id, subjectLabel: c.name, data: { kind: c.kind } });
    }
    return c;
  });
}

/** A setup link sees only the SCIM tokens it created itself; every other caller is not narrowed here. */
function ownedBySetupLink(ctx: CoreContext): { kind?: 'SCIM_TOKEN'; setupLinkId?: string } {
  return ctx.principal.kind === 'SETUP_LINK' ? { kind: 'SCIM_TOKEN', setupLinkId: ctx.principal.credentialId } : {};
}

/** Creates a SCIM token: `manage`, or a setup link's SCIM scope (the token then belongs to the link's list). */
export function createScimToken(ctx: CoreContext, organizationId: string, name: string): Promise<IssuedCredential> {
  authorizeAny(ctx, organizationId, ['manage', 'configureScim']);
  return issue(ctx, organizationId, 'SCIM_TOKEN', normalizeName(name), 'PROVISIONING');
}

export function createApiKey(ctx: CoreContext, organizationId: string, name: string, role: ApiKeyRole): Promise<IssuedCredential> {
  authorize(ctx, organizationId, 'manage');
  if (!API_KEY_ROLES.includes(role)) throw badInput('credential.role.invalid', `role must be one of ${API_KEY_ROLES.join(', ')}`, { field: 'role' });
  return issue(ctx, organizationId, 'API_KEY', normalizeName(name), role);
}

/** The organization's credentials (`manage`); for a setup link with the SCIM scope, the SCIM tokens it created. */
export async function listCredentials(ctx: CoreContext, organizationId: string, includeRevoked: boolean): Promise<Credential[]> {
  authorizeAny(ctx, organizationId, ['manage', 'configureScim']);
  const found = await ctx.em.find(
    Credential,
    { organization: organizationId, ...ownedBySetupLink(ctx), ...(includeRevoked ? {} : { revokedAt: null }) },
    { orderBy: { createdAt: 'asc' } },
  );
  await assertListedOrganization(ctx, organizationId, found.length === 0);
  return found;
}

/** Revokes a credential of the organization (`manage`); a setup link only a SCIM token it created (others are NOT_FOUND to it). */
export async function revokeCredential(ctx: CoreContext, organizationId: string, id: string): Promise<Credential> {
  authorizeAny(ctx, organizationId, ['manage', 'configureScim']);
  return revoke(ctx, organizationId, id);
}

function requirePlatform(ctx: CoreContext, what: string): void {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden(`only a platform key can ${what}`);
}

/** Platform keys (not ADMIN_API_KEY, which lives in the environment), oldest first. */
export async function listPlatformKeys(ctx: CoreContext, includeRevoked: boolean): Promise<Credential[]> {
  requirePlatform(ctx, 'list platform keys');
  return ctx.em.find(
    Credential,
    { organization: null, kind: 'PLATFORM_KEY', ...(includeRevoked ? {} : { revokedAt: null }) },
    { orderBy: { createdAt: 'asc' } },
  );
}

/** A new platform key; the secret is returned once. The change is a platform event. */
export async function createPlatformKey(ctx: CoreContext, name: string): Promise<IssuedCredential> {
  requirePlatform(ctx, 'create platform keys');
  return issue(ctx, null, 'PLATFORM_KEY', normalizeName(name), 'PLATFORM');
}

/**
 * Revokes a platform key; it is refused from the next request on, in every server instance. A key
 * may revoke itself. When no platform key is left, ADMIN_API_KEY (set in the environment and a
 * restart) is the way back in.
 */
export async function revokePlatformKey(ctx: CoreContext, id: string): Promise<Credential> {
  requirePlatform(ctx, 'revoke platform keys');
  return revoke(ctx, null, id);
}

/** Drops verified copies of these credentials in this process (after commit) and in every other one (NOTIFY at commit). */
export async function dropCached(em: Em, events: EventBuffer, lookupIds: string[]): Promise<void> {
  if (lookupIds.length === 0) return;
  for (const l of lookupIds) invalidateCredential(l);
  events.afterCommit(() => lookupIds.forEach((l) => invalidateCredential(l)));
  await sql(em, 'select pg_notify(?, l) from unnest(?::text[]) as t(l)', [CREDENTIALS_CHANNEL, pgArray(lookupIds)]);
}

/** Stores a platform key (first start without ADMIN_API_KEY). Returns the plaintext once. */
export async function issuePlatformKey(em: Em, name: string): Promise<string> {
  const secret = newSecret('admin');
  await sql(
    em,
    `insert into credentials (id, organization_id, kind, name, role, lookup_id, secret_hash, created_by, created_at)
                 values (gen_random_uuid(), null, 'PLATFORM_KEY', ?, 'PLATFORM', ?, ?, 'system', now())`,
    [name, secret.lookupId, secret.hash],
  );
  return secret.token;
}

/** True when the database has neither organizations nor platform keys (a brand-new installation). */
export async function isFreshInstallation(em: Em): Promise<boolean> {
  const rows = await sql<{ n: number }>(
    em,
    `select (select count(*) from organizations)::int + (select count(*) from credentials where kind = 'PLATFORM_KEY' and revoked_at is null)::int as n`,
  );
  return (rows[0]?.n ?? 0) === 0;
}

const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * Verified credentials, by lookup id, for CREDENTIAL_TTL_MS: the SCIM hot path then authenticates
 * without a query. Revocation drops the entry at once in this process (after commit) and in every
 * other process through NOTIFY on CREDENTIALS_CHANNEL.
 */
export const CREDENTIALS_CHANNEL = 'identity_credentials';
const CREDENTIAL_TTL_MS = 30_000;
const verified = new Map<string, { hash: string; principal: Principal; expires: number }>();

const invalidationListeners = new Set<() => void>();

/**
 * Calls `fn` whenever a credential is invalidated in this process (a revocation here, or through
 * NOTIFY elsewhere), e.g. to re-check open WebSocket connections at once. Returns the unsubscribe.
 */
export function onCredentialInvalidated(fn: () => void): () => void {
  invalidationListeners.add(fn);
  return () => invalidationListeners.delete(fn);
}

export function invalidateCredential(lookupId?: string): void {
  if (lookupId === undefined) verified.clear();
  else verified.delete(lookupId);
  for (const fn of invalidationListeners) fn();
}

/**
 * Finds the principal for a bearer token, or undefined. The stored hash is compared in constant
 * time; `lastUsedAt` is refreshed at most once a minute so the hot SCIM path does not write per request.
 */
export async function authenticate(fork: () => Em, token: string, adminKeyHash: string | undefined): Promise<Principal | undefined> {
  const hash = sha256(token);
  if (adminKeyHash !== undefined && safeEqual(hash, adminKeyHash)) return { kind: 'PLATFORM', credentialId: null, label: 'ADMIN_API_KEY' };
  const parsed = parseToken(token);
  if (!parsed) return undefined;
  const hit = verified.get(parsed.lookupId);
  if (hit && hit.expires > Date.now() && safeEqual(hash, hit.hash)) return hit.principal;
  // an entity manager only on a cache miss: most requests never need one here
  const em = fork();
  if (parsed.kind === 'setup') return authenticateSetupLink(em, parsed.lookupId, hash);
  const rows = await sql<{ id: string; organization_id: string | null; kind: CredentialKind; name: string; role: string; secret_hash: string; stale: boolean }>(
    em,
    `select id, organization_id, kind, name, role, secret_hash,
            (last_used_at is null or last_used_at < now() - make_interval(secs => ?)) as stale
       from credentials where lookup_id = ? and revoked_at is null`,
    [LAST_USED_RESOLUTION_SECONDS, parsed.lookupId],
  );
  const c = rows[0];
  if (!c || !safeEqual(hash, c.secret_hash)) return undefined;
  if (c.stale) {
    void sql(em.fork(), 'update credentials set last_used_at = now() where id = ?', [c.id]).catch(() => {});
  }
  const label = `${c.kind === 'SCIM_TOKEN' ? 'SCIM token' : c.kind === 'API_KEY' ? 'API key' : 'platform key'} "${c.name}"`;
  const principal: Principal =
    c.kind === 'PLATFORM_KEY'
      ? { kind: 'PLATFORM', credentialId: c.id, label }
      : c.kind === 'SCIM_TOKEN'
        ? { kind: 'SCIM_TOKEN', credentialId: c.id, organizationId: c.organization_id!, label }
        : { kind: 'API_KEY', credentialId: c.id, organizationId: c.organization_id!, role: c.role as ApiKeyRole, label };
  remember(parsed.lookupId, hash, principal, Date.now() + CREDENTIAL_TTL_MS);
  return principal;
}

/** An organization's SCIM token or API key that a refused bearer token names, and why it was refused. */
export interface RefusedCredential {
  organizationId: string;
  credentialId: string;
  reason: string;
}

/**
 * For a bearer token `authenticate` refused: the organization's credential it names by its lookup
 * id, if any, and why it was refused (revoked, or its secret does not match: copied in part or
 * mistyped), so the organization's SCIM request log can show the identity provider's refused
 * requests to its admin. Only the credential's owner sees the reason; the client gets the same 401
 * whatever it is. A token naming no credential of an organization: undefined.
 */
export async function refusedCredential(em: Em, token: string): Promise<RefusedCredential | undefined> {
  const named = namedCredential(token);
  if (!named || (named.kind !== 'scim' && named.kind !== 'key')) return undefined;
  const [c] = await sql<{ id: string; organization_id: string | null; kind: CredentialKind; revoked: boolean }>(
    em,
    'select id, organization_id, kind, revoked_at is not null as revoked from credentials where lookup_id = ?',
    [named.lookupId],
  );
  if (!c?.organization_id) return undefined;
  const what = c.kind === 'SCIM_TOKEN' ? 'SCIM token' : 'API key';
  return {
    organizationId: c.organization_id,
    credentialId: c.id,
    reason: c.revoked
      ? `refused: the bearer token is a ${what} that was revoked; give the identity provider a new SCIM token`
      : `refused: the bearer token names a ${what} of this organization but is not that token (copied in part, or mistyped?)`,
  };
}

function remember(lookupId: string, hash: string, principal: Principal, expires: number): void {
  if (verified.size > 10_000) verified.clear();
  verified.set(lookupId, { hash, principal, expires });
}

/**
 * A setup link's secret (`idm_setup_…`): live until it is revoked or expires. Its cached copy ends
 * at the link's expiry at the latest, so an expired link is refused on the next request (and an open
 * WebSocket at its next re-check).
 */
async function authenticateSetupLink(em: Em, lookupId: string, hash: string): Promise<Principal | undefined> {
  const rows = await sql<{ id: string; organization_id: string; scopes: SetupScope[]; secret_hash: string; expires_at: Date }>(
    em,
    `select id, organization_id, scopes, secret_hash, expires_at from setup_links
      where lookup_id = ? and revoked_at is null and expires_at > now()`,
    [lookupId],
  );
  const l = rows[0];
  if (!l || !safeEqual(hash, l.secret_hash)) return undefined;
  const expiresAt = new Date(l.expires_at);
  const principal: Principal = {
    kind: 'SETUP_LINK',
    credentialId: l.id,
    organizationId: l.organization_id,
    scopes: l.scopes,
    expiresAt,
    label: setupLinkLabel(l.id, l.scopes),
  };
  remember(lookupId, hash, principal, Math.min(Date.now() + CREDENTIAL_TTL_MS, expiresAt.getTime()));
  return principal;
}

/** How a setup link appears as an actor: `setup link 0193…a1f2 (SSO, SCIM)`. */
export function setupLinkLabel(id: string, scopes: readonly string[]): string {
  return `setup link ${id.slice(0, 8)}…${id.slice(-4)} (${scopes.join(', ')})`;
}

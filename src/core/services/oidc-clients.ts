import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { LockMode } from '@mikro-orm/core';
import type { CoreContext } from '../access.js';
import type { Em } from '../db.js';
import { OidcClient } from '../entities/oidc.js';
import { AppError, badInput, forbidden, notFound } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { sha256 } from '../secrets.js';
import { isUuid } from '../../shared/ids.js';
import { transact } from './transaction.js';
import { checkWebhookUrl } from './webhooks.js';

/**
 * OpenID Connect clients: the host applications that receive signed-in people (docs/OIDC.md).
 * Registered by the platform operator only: a client serves every organization.
 */

export interface OidcClientInput {
  name?: string | null;
  redirectUris?: string[] | null;
  postLogoutRedirectUris?: string[] | null;
  backchannelLogoutUri?: string | null;
  /** OpenID Connect Core §4 initiate-login URI; null removes it (update). */
  initiateLoginUri?: string | null;
  /** A public client (SPA, native app): no secret, PKCE required. Fixed at creation. */
  public?: boolean | null;
}

export interface CreatedOidcClient {
  client: OidcClient;
  /** Null for a public client. */
  clientSecret: string | null;
}

const MAX_NAME = 200;
const MAX_URIS = 20;
const MAX_URI_LENGTH = 2000;

function requirePlatform(ctx: CoreContext): void {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden('only a platform key manages OpenID Connect clients (a client serves every organization)');
}

/** `oidc_` + 32 random bytes: shown once, stored as its SHA-256. */
export function newClientSecret(): string {
  return `oidc_${randomBytes(32).toString('base64url')}`;
}

function checkName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name || name.length > MAX_NAME) throw badInput('oidcClient.name.invalid', `name must be 1-${MAX_NAME} characters`, { field: 'name' });
  return name;
}

const isLoopback = (host: string) => host === 'localhost' || (isIP(host.replace(/^\[(.*)\]$/, '$1')) !== 0 && /^(127\.|\[::1\]$)/.test(host));

/**
 * A redirect URI as the provider compares it (exactly): absolute, https, or http on a loopback
 * host (RFC 8252 §7.3, development); no fragment, no credentials.
 */
function checkRedirectUri(value: unknown, field: string): string {
  const bad = (why: string) => badInput(`oidcClient.${field}.invalid`, `${field}: ${why}`, { field });
  if (typeof value !== 'string' || !value || value.length > MAX_URI_LENGTH) throw bad(`each URI must be 1-${MAX_URI_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw bad(`${JSON.stringify(value.slice(0, 100))} is not an absolute URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname)))
    throw bad('must be https (http only for localhost, 127.0.0.1 or [::1], RFC 8252)');
  if (u.hash || value.includes('#')) throw bad('must not contain a fragment');
  if (u.username || u.password) throw bad('must not contain a user name or password');
  return value;
}

function checkUris(values: unknown, field: string, required: boolean): string[] {
  if (!Array.isArray(values)) throw badInput(`oidcClient.${field}.invalid`, `${field} must be a list`, { field });
  if (required && values.length === 0) throw badInput(`oidcClient.${field}.required`, `${field} needs at least one URI`, { field });
  if (values.length > MAX_URIS) throw badInput(`oidcClient.${field}.tooMany`, `${field}: at most ${MAX_URIS} URIs`, { field });
  return [...new Set(values.map((v) => checkRedirectUri(v, field)))];
}

/** The initiate-login URI: the redirect URI rules (https, or http on a loopback host; no fragment, no credentials). */
function checkInitiateLoginUri(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return checkRedirectUri(value, 'initiateLoginUri');
}

/** The back-channel logout URI, checked as a webhook URL is (https to public addresses unless WEBHOOK_ALLOW_INSECURE_URLS). */
function checkBackchannelUri(ctx: CoreContext, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    return checkWebhookUrl(value, ctx.webhooks?.allowInsecure ?? false);
  } catch (err) {
    if (err instanceof AppError)
      throw badInput(err.reason.replace(/^webhook\.url/, 'oidcClient.backchannelLogoutUri'), err.message.replace(/^url/, 'backchannelLogoutUri'), {
        field: 'backchannelLogoutUri',
      });
    throw err;
  }
}

export async function createOidcClient(ctx: CoreContext, input: OidcClientInput): Promise<CreatedOidcClient> {
  requirePlatform(ctx);
  const c = new OidcClient();
  c.name = checkName(input.name);
  c.redirectUris = checkUris(input.redirectUris, 'redirectUris', true);
  c.postLogoutRedirectUris = checkUris(input.postLogoutRedirectUris ?? [], 'postLogoutRedirectUris', false);
  c.backchannelLogoutUri = checkBackchannelUri(ctx, input.backchannelLogoutUri);
  c.initiateLoginUri = checkInitiateLoginUri(input.initiateLoginUri);
  const secret = input.public ? null : newClientSecret();
  c.secretHash = secret ? sha256(secret) : null;
  return transact(ctx, null, async (em, events) => {
    em.persist(c);
    events.push({
      type: 'OIDC_CLIENT_CREATED',
      subjectType: 'OIDC_CLIENT',
      subjectId: c.id,
      subjectLabel: c.name,
      changes: {
        name: { before: null, after: c.name },
        redirectUris: { before: null, after: c.redirectUris },
        postLogoutRedirectUris: { before: null, after: c.postLogoutRedirectUris },
        backchannelLogoutUri: { before: null, after: c.backchannelLogoutUri },
        initiateLoginUri: { before: null, after: c.initiateLoginUri },
      },
      data: { public: secret === null },
    });
    return { client: c, clientSecret: secret };
  });
}

export async function listOidcClients(ctx: CoreContext): Promise<OidcClient[]> {
  requirePlatform(ctx);
  return ctx.em.find(OidcClient, {}, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1000 });
}

async function lockClient(em: Em, id: string): Promise<OidcClient> {
  const c = isUuid(id) ? await em.findOne(OidcClient, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!c) throw notFound('oidcClient');
  return c;
}

export async function updateOidcClient(ctx: CoreContext, id: string, input: OidcClientInput): Promise<OidcClient> {
  requirePlatform(ctx);
  if (input.public !== undefined && input.public !== null)
    throw badInput('oidcClient.public.immutable', 'a client stays public or confidential; create another client instead', { field: 'public' });
  const next: Partial<Pick<OidcClient, 'name' | 'redirectUris' | 'postLogoutRedirectUris' | 'backchannelLogoutUri' | 'initiateLoginUri'>> = {};
  if (input.name !== undefined && input.name !== null) next.name = checkName(input.name);
  if (input.redirectUris !== undefined && input.redirectUris !== null) next.redirectUris = checkUris(input.redirectUris, 'redirectUris', true);
  if (input.postLogoutRedirectUris !== undefined && input.postLogoutRedirectUris !== null)
    next.postLogoutRedirectUris = checkUris(input.postLogoutRedirectUris, 'postLogoutRedirectUris', false);
  if (input.backchannelLogoutUri !== undefined) next.backchannelLogoutUri = checkBackchannelUri(ctx, input.backchannelLogoutUri);
  if (input.initiateLoginUri !== undefined) next.initiateLoginUri = checkInitiateLoginUri(input.initiateLoginUri);
  return transact(ctx, null, async (em, events) => {
    const c = await lockClient(em, id);
    const changes: FieldChanges = {};
    for (const [k, v] of Object.entries(next) as Array<[keyof typeof next, unknown]>) {
      if (JSON.stringify(c[k]) === JSON.stringify(v)) continue;
      changes[k] = { before: c[k], after: v };
      (c as unknown as Record<string, unknown>)[k] = v;
    }
    if (Object.keys(changes).length === 0) return c;
    c.version += 1;
    c.updatedAt = new Date();
    events.push({ type: 'OIDC_CLIENT_UPDATED', subjectType: 'OIDC_CLIENT', subjectId: c.id, subjectLabel: c.name, changes });
    return c;
  });
}

/** Replaces a confidential client's secret; the old one stops working at once. */
export async function rotateOidcClientSecret(ctx: CoreContext, id: string): Promise<CreatedOidcClient> {
  requirePlatform(ctx);
  return transact(ctx, null, async (em, events) => {
    const c = await lockClient(em, id);
    if (c.secretHash === null) throw badInput('oidcClient.public', 'a public client has no secret to rotate', { field: 'id' });
    const secret = newClientSecret();
    c.secretHash = sha256(secret);
    c.version += 1;
    c.updatedAt = new Date();
    events.push({ type: 'OIDC_CLIENT_SECRET_ROTATED', subjectType: 'OIDC_CLIENT', subjectId: c.id, subjectLabel: c.name });
    return { client: c, clientSecret: secret };
  });
}

/** Deletes a client: its pending logout deliveries go with it; tokens it holds stop working (the provider no longer finds the client). */
export async function deleteOidcClient(ctx: CoreContext, id: string): Promise<OidcClient> {
  requirePlatform(ctx);
  return transact(ctx, null, async (em, events) => {
    const c = await lockClient(em, id);
    em.remove(c);
    events.push({ type: 'OIDC_CLIENT_DELETED', subjectType: 'OIDC_CLIENT', subjectId: c.id, subjectLabel: c.name });
    return c;
  });
}

/**
 * A client as oidc-provider's Client model reads it (OAuth client metadata). `client_secret` is the
 * stored SHA-256, never the secret: the adapter compares the SHA-256 of what a client presents
 * (src/oidc/provider.ts), and no HS* algorithm (which would key on it) is enabled. OIDC adapter only.
 */
export async function oidcClientMetadata(ctx: CoreContext, id: string): Promise<Record<string, unknown> | null> {
  if (ctx.principal.kind !== 'OIDC') throw forbidden('only the OpenID Connect adapter reads client metadata');
  const c = isUuid(id) ? await ctx.em.findOne(OidcClient, { id }) : null;
  if (!c) return null;
  return {
    client_id: c.id,
    client_name: c.name,
    ...(c.secretHash ? { client_secret: c.secretHash, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    // oidc-provider accepts only an https initiate_login_uri (OpenID Connect Registration §2); a loopback http one stays ours alone
    ...(c.initiateLoginUri?.startsWith('https:') ? { initiate_login_uri: c.initiateLoginUri } : {}),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

import type { CoreContext } from '../access.js';
import { sql } from '../db.js';
import { badInput } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { requireOidcAdapter } from './oidc-signing-keys.js';

/**
 * The OpenID Connect provider's storage (oidc-provider's adapter interface: upsert, find, findByUid,
 * findByUserCode, consume, destroy, revokeByGrantId) in `oidc_payloads`, so every instance shares
 * grants, codes, sessions and interactions. Only the in-process OIDC adapter may call it.
 */

/** The models oidc-provider stores (and nothing else). */
export const OIDC_MODELS = [
  'Session',
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'ClientCredentials',
  'Client',
  'InitialAccessToken',
  'RegistrationAccessToken',
  'Interaction',
  'ReplayDetection',
  'PushedAuthorizationRequest',
  'Grant',
  'BackchannelAuthenticationRequest',
] as const;

const MAX_ID = 512;
/** The largest payload (a session holding many clients' authorizations stays far below). */
const MAX_PAYLOAD_BYTES = 64 * 1024;
/** The longest a payload may live: the provider's longest TTL (a refresh token, 14 days) and some. */
const MAX_EXPIRES_IN = 90 * 86400;

function checkKey(model: string, id: string): void {
  if (!(OIDC_MODELS as readonly string[]).includes(model)) throw badInput('oidcStore.model.invalid', `unknown model ${model.slice(0, 50)}`, { field: 'model' });
  if (typeof id !== 'string' || !id || id.length > MAX_ID) throw badInput('oidcStore.id.invalid', `id must be 1-${MAX_ID} characters`, { field: 'id' });
}

const text = (v: unknown) => (typeof v === 'string' && v.length <= MAX_ID ? v : null);

/** Stores (or replaces) a payload for `expiresIn` seconds (none: until destroyed). `issuer`: the provider's. */
export async function storeOidcPayload(
  ctx: CoreContext,
  model: string,
  id: string,
  payload: Record<string, unknown>,
  expiresIn: number | null,
  issuer: string | null,
): Promise<boolean> {
  requireOidcAdapter(ctx, 'store provider state');
  checkKey(model, id);
  const json = JSON.stringify(payload);
  if (json.length > MAX_PAYLOAD_BYTES) throw badInput('oidcStore.payload.tooLarge', `payload is over ${MAX_PAYLOAD_BYTES} bytes`, { field: 'payload' });
  if (expiresIn !== null && (!Number.isInteger(expiresIn) || expiresIn < 0 || expiresIn > MAX_EXPIRES_IN))
    throw badInput('oidcStore.expiresIn.invalid', `expiresIn must be 0 to ${MAX_EXPIRES_IN} seconds`, { field: 'expiresIn' });
  const accountId = payload.accountId ?? (payload.session as { accountId?: unknown } | undefined)?.accountId;
  await sql(
    ctx.em,
    `insert into oidc_payloads (model, id, payload, grant_id, uid, user_code, user_id, client_id, issuer, expires_at)
     values (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, case when ?::int is null then null else now() + make_interval(secs => ?::int) end)
     on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid, user_code = excluded.user_code,
       user_id = excluded.user_id, client_id = excluded.client_id, issuer = excluded.issuer, expires_at = excluded.expires_at`,
    [
      model,
      id,
      json,
      text(payload.grantId),
      text(payload.uid),
      text(payload.userCode),
      isUuid(accountId) ? accountId : null,
      text(payload.clientId),
      issuer,
      expiresIn,
      expiresIn,
    ],
  );
  return true;
}

/** A live payload by id, uid (Session) or user code; `consumed` (epoch seconds) when it was consumed. */
export async function findOidcPayload(
  ctx: CoreContext,
  model: string,
  by: { id?: string | null; uid?: string | null; userCode?: string | null },
): Promise<Record<string, unknown> | null> {
  requireOidcAdapter(ctx, 'read provider state');
  const [column, value] = by.id ? ['id', by.id] : by.uid ? ['uid', by.uid] : by.userCode ? ['user_code', by.userCode] : [null, null];
  if (!column) throw badInput('oidcStore.key.required', 'give id, uid or userCode', { field: 'id' });
  checkKey(model, value!);
  const [row] = await sql<{ payload: Record<string, unknown>; consumed: number | null }>(
    ctx.em,
    `select payload, extract(epoch from consumed_at)::bigint as consumed from oidc_payloads
      where model = ? and ${column} = ? and (expires_at is null or expires_at > now()) limit 1`,
    [model, value],
  );
  if (!row) return null;
  return row.consumed !== null ? { ...row.payload, consumed: Number(row.consumed) } : row.payload;
}

/** Marks a payload consumed (an authorization code exchanged, a refresh token rotated). */
export async function consumeOidcPayload(ctx: CoreContext, model: string, id: string): Promise<boolean> {
  requireOidcAdapter(ctx, 'consume provider state');
  checkKey(model, id);
  const rows = await sql(ctx.em, 'update oidc_payloads set consumed_at = coalesce(consumed_at, now()) where model = ? and id = ? returning 1', [model, id]);
  return rows.length > 0;
}

export async function destroyOidcPayload(ctx: CoreContext, model: string, id: string): Promise<boolean> {
  requireOidcAdapter(ctx, 'destroy provider state');
  checkKey(model, id);
  const rows = await sql(ctx.em, 'delete from oidc_payloads where model = ? and id = ? returning 1', [model, id]);
  return rows.length > 0;
}

/**
 * Destroys everything issued under a grant (its codes and tokens, and the grant itself). Not an
 * interaction that names the grant: when another person signs in on the same browser, the provider
 * ends the previous person's session (revoking its grants) in the middle of the new person's
 * interaction, which must survive it.
 */
export async function revokeOidcGrant(ctx: CoreContext, grantId: string): Promise<number> {
  requireOidcAdapter(ctx, 'revoke grants');
  checkKey('Grant', grantId);
  const rows = await sql(ctx.em, `delete from oidc_payloads where (grant_id = ? and model <> 'Interaction') or (model = 'Grant' and id = ?) returning 1`, [
    grantId,
    grantId,
  ]);
  return rows.length;
}

/** Deletes payloads expired for an hour (rows no lookup returns any more); at most `limit` per call. */
export async function purgeExpiredOidcPayloads(em: CoreContext['em'], limit = 1000): Promise<number> {
  const rows = await sql(
    em,
    `delete from oidc_payloads where ctid in (select ctid from oidc_payloads where expires_at < now() - interval '1 hour' limit ?) returning 1`,
    [limit],
  );
  return rows.length;
}

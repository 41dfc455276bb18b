import type { CoreContext } from '../access.js';
import { sql, type Em } from '../db.js';
import type { NewEvent } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { requireOidcAdapter } from './oidc-signing-keys.js';
import { transact } from './transaction.js';

/**
 * Ending a user's OpenID Connect access (docs/OIDC.md "Deprovisioning"): every provider session,
 * grant, code and token of the user is deleted, and each client the user signed in to that has a
 * `backchannelLogoutUri` gets a back-channel logout delivery queued (sent by oidc-logout-worker.ts),
 * in the transaction that deactivated or deleted the user or ended their session.
 */

export type OidcLogoutReason = 'deactivation' | 'deletion' | 'sessionEnded' | 'logout';

/**
 * Deletes the user's provider state and queues a logout delivery per client with a back-channel URI
 * (the `sid` that client knows, from the session's authorizations). One statement; an event
 * (OIDC_LOGGED_OUT) when there was anything to end.
 */
export async function endOidcAccess(em: Em, organizationId: string, user: { id: string; userName: string }, reason: OidcLogoutReason): Promise<NewEvent[]> {
  const [r] = await sql<{ ended: number; clients: string[] }>(
    em,
    `with gone as (delete from oidc_payloads where user_id = ? returning model, payload, client_id, issuer),
          pairs as (
            select a.key as client_id, a.value->>'sid' as sid, gone.issuer
              from gone cross join lateral jsonb_each(case when jsonb_typeof(gone.payload->'authorizations') = 'object' then gone.payload->'authorizations' else '{}'::jsonb end) a
             where gone.model = 'Session'
            union all
            select client_id, null, issuer from gone where model = 'Grant' and client_id is not null),
          per_client as (select client_id, max(sid) as sid, max(issuer) as issuer from pairs where issuer is not null group by client_id),
          queued as (
            insert into oidc_logout_deliveries (id, client_id, user_id, organization_id, issuer, sid, reason, status, attempts, next_attempt_at, created_at, updated_at)
            select gen_random_uuid(), c.id, ?, ?, p.issuer, p.sid, ?, 'PENDING', 0, now(), now(), now()
              from per_client p join oidc_clients c on c.id::text = p.client_id and c.backchannel_logout_uri is not null
            returning client_id)
     select (select count(*) from gone)::int as ended, array(select client_id::text from queued) as clients`,
    [user.id, user.id, organizationId, reason],
  );
  if (!r || r.ended === 0) return [];
  return [{ type: 'OIDC_LOGGED_OUT', subjectType: 'USER', subjectId: user.id, subjectLabel: user.userName, data: { reason, clients: r.clients } }];
}

/**
 * RP-initiated logout: the provider ended the user's session and asks for a back-channel logout
 * of `clientId` (a client the session had signed in to). Queued like any other; nothing when the
 * client has no back-channel URI or the user is gone.
 */
export async function queueOidcBackchannelLogout(ctx: CoreContext, clientId: string, userId: string, sid: string | null, issuer: string): Promise<boolean> {
  requireOidcAdapter(ctx, 'queue back-channel logouts');
  if (!isUuid(clientId) || !isUuid(userId)) return false;
  const rows = await sql(
    ctx.em,
    `insert into oidc_logout_deliveries (id, client_id, user_id, organization_id, issuer, sid, reason, status, attempts, next_attempt_at, created_at, updated_at)
     select gen_random_uuid(), c.id, u.id, u.organization_id, ?, ?, 'logout', 'PENDING', 0, now(), now(), now()
       from oidc_clients c, users u where c.id = ? and c.backchannel_logout_uri is not null and u.id = ?
     returning 1`,
    [issuer, sid ? sid.slice(0, 200) : null, clientId, userId],
  );
  return rows.length > 0;
}

/** Records an RP-initiated logout (OIDC_LOGGED_OUT, reason logout, the client that asked). */
export async function recordOidcLogout(ctx: CoreContext, userId: string, clientId: string | null): Promise<boolean> {
  requireOidcAdapter(ctx, 'record logouts');
  if (!isUuid(userId)) return false;
  const [u] = await sql<{ organization_id: string; user_name: string }>(ctx.em, 'select organization_id, user_name from users where id = ?', [userId]);
  if (!u) return false;
  return transact(ctx, u.organization_id, async (_em, events) => {
    events.push({
      type: 'OIDC_LOGGED_OUT',
      subjectType: 'USER',
      subjectId: userId,
      subjectLabel: u.user_name,
      data: { reason: 'logout', clientId: clientId && isUuid(clientId) ? clientId : null },
    });
    return true;
  });
}

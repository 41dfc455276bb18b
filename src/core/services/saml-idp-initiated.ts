import { authorize, authorizeAny, type CoreContext } from '../access.js';
import { sql } from '../db.js';
import { OidcClient } from '../entities/oidc.js';
import { badInput, notFound } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { holdAdvisoryLock, SAML_CONNECTION_WRITE_LOCK } from '../locks.js';
import { isUuid } from '../../shared/ids.js';
import { requireConnection } from './saml-connections.js';
import { transact } from './transaction.js';

/**
 * Where an IdP-initiated SAML sign-in (a dashboard tile) lands when its RelayState names no page:
 * an OpenID Connect client the connection names (docs/OIDC.md "IdP-initiated sign-in"). The SAML
 * adapter sends the signed-in browser to the client's initiate-login URI (OpenID Connect Core §4),
 * and the client starts an ordinary authorization request, with its own state and PKCE, that the
 * session just opened answers. Without an initiate-login URI the browser goes to the target link,
 * a page of the client, which starts its own sign-in the same way. Never a code nobody asked for.
 */

export interface IdpInitiatedLandingInput {
  /** The client; null clears the setting. */
  clientId: string | null;
  /** The client's page to land on (`target_link_uri`): on the origin of one of its redirect URIs. */
  targetLinkUri?: string | null;
}

export interface IdpInitiatedLanding {
  clientId: string;
  clientName: string;
  /** The client's initiate-login URI (null: the browser goes to targetLinkUri instead). */
  initiateLoginUri: string | null;
  targetLinkUri: string | null;
}

const MAX_URL_LENGTH = 2048;
/** As every redirect target of the SAML adapter (src/saml/return-to.ts). */
const REFUSED_IN_REDIRECTS = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}\\]/u;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A target link the client registered for: an absolute https URL (http on a loopback host) whose
 * origin is the origin of one of the client's redirect URIs (so a redirect URI itself qualifies);
 * null when it is not one. The client's registration is what makes a host trusted here.
 */
export function registeredTargetLink(client: Pick<OidcClient, 'redirectUris'>, value: string): string | null {
  const v = value.trim();
  if (!v || v.length > MAX_URL_LENGTH || REFUSED_IN_REDIRECTS.test(v)) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return null;
  }
  if (!(u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname))) || u.username || u.password) return null;
  return client.redirectUris.some((r) => originOf(r) === u.origin) ? u.href : null;
}

/**
 * Names (or, with clientId null, clears) the client IdP-initiated sign-ins of the organization land
 * in. Refused (BAD_USER_INPUT): an unknown client; a target link not on an origin the client
 * registered; a client without an initiate-login URI and no target link (nowhere to go).
 * Recorded as SAML_CONNECTION_CONFIGURED with the two fields' changes.
 */
export async function setSamlIdpInitiatedLanding(
  ctx: CoreContext,
  organizationId: string,
  input: IdpInitiatedLandingInput,
): Promise<IdpInitiatedLanding | null> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorizeAny(ctx, organizationId, ['manage', 'configureSso']);
  return transact(ctx, organizationId, async (em, events) => {
    await holdAdvisoryLock(em, SAML_CONNECTION_WRITE_LOCK, organizationId);
    const c = await requireConnection(em, organizationId);
    let client: OidcClient | null = null;
    let target: string | null = null;
    if (input.clientId !== null) {
      client = isUuid(input.clientId) ? await em.findOne(OidcClient, { id: input.clientId }) : null;
      if (!client) throw badInput('samlConnection.idpInitiatedClient.unknown', 'clientId names no OpenID Connect client', { field: 'clientId' });
      if (input.targetLinkUri !== undefined && input.targetLinkUri !== null && input.targetLinkUri !== '') {
        target = registeredTargetLink(client, String(input.targetLinkUri));
        if (!target)
          throw badInput(
            'samlConnection.idpInitiatedTargetLinkUri.notRegistered',
            "targetLinkUri must be an https URL on the origin of one of the client's redirect URIs",
            { field: 'targetLinkUri' },
          );
      }
      if (!client.initiateLoginUri && !target)
        throw badInput(
          'samlConnection.idpInitiatedClient.noInitiateLoginUri',
          'the client has no initiateLoginUri to hand sign-ins to: register one (updateOidcClient) or give targetLinkUri, a page of the client that starts its sign-in',
          { field: 'clientId' },
        );
    }
    const before = { idpInitiatedClientId: c.idpInitiatedClient, idpInitiatedTargetLinkUri: c.idpInitiatedTargetLinkUri };
    const after = { idpInitiatedClientId: client?.id ?? null, idpInitiatedTargetLinkUri: target };
    const changes: FieldChanges = {};
    for (const k of Object.keys(after) as Array<keyof typeof after>) if (before[k] !== after[k]) changes[k] = { before: before[k], after: after[k] };
    if (Object.keys(changes).length) {
      c.idpInitiatedClient = after.idpInitiatedClientId;
      c.idpInitiatedTargetLinkUri = after.idpInitiatedTargetLinkUri;
      c.version += 1;
      c.updatedAt = new Date();
      await em.flush();
      events.push({
        type: 'SAML_CONNECTION_CONFIGURED',
        subjectType: 'SAML_CONNECTION',
        subjectId: organizationId,
        subjectLabel: c.idpEntityId,
        changes,
        data: { created: false, importedFromMetadata: false },
      });
    }
    return client && { clientId: client.id, clientName: client.name, initiateLoginUri: client.initiateLoginUri, targetLinkUri: target };
  });
}

/**
 * The landing as it holds now (the SAML adapter reads it at each IdP-initiated sign-in): the client
 * as registered at this moment, a target link no longer on one of its origins dropped; null when no
 * client is named or there is nowhere left to go.
 */
export async function samlIdpInitiatedLanding(ctx: CoreContext, organizationId: string): Promise<IdpInitiatedLanding | null> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'readSettings');
  const [row] = await sql<{ id: string; name: string; redirect_uris: string[]; initiate_login_uri: string | null; target: string | null }>(
    ctx.em,
    `select k.id, k.name, k.redirect_uris, k.initiate_login_uri, c.idp_initiated_target_link_uri as target
       from saml_connections c join oidc_clients k on k.id = c.idp_initiated_client_id where c.organization_id = ?`,
    [organizationId],
  );
  if (!row) return null;
  const target = row.target ? registeredTargetLink({ redirectUris: row.redirect_uris }, row.target) : null;
  if (!row.initiate_login_uri && !target) return null;
  return { clientId: row.id, clientName: row.name, initiateLoginUri: row.initiate_login_uri, targetLinkUri: target };
}

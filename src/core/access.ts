/**
 * Who calls a core operation and what it may do there: the context every service and query runs
 * with, and the checks they make first. Below services/, queries/ and events/, which all use it.
 */
import { sql, type Em } from './db.js';
import { AppError, forbidden, notFound } from './errors.js';
import { can, type Permission, type Principal } from './principal.js';
import { isUuid } from '../shared/ids.js';

/** What every core operation runs with: one EntityManager fork and the caller, bound per request. */
export interface CoreContext {
  em: Em;
  principal: Principal;
  requestId: string | null;
  /** Where core operations report what operators should know of (a transaction run again); the server's logger. */
  log?: { warn(msg: string, fields?: Record<string, unknown>): void };
  /** What the operator lets webhook URLs be (WEBHOOK_ALLOW_INSECURE_URLS); absent: https to public addresses only. */
  webhooks?: WebhookUrlPolicy;
  /** What the operator lets IdP metadata URLs be and how often they are fetched again; absent: the strict default. */
  samlMetadata?: SamlMetadataPolicy;
}

/**
 * IdP metadata fetches (services/saml-metadata-fetch.ts): SAML_METADATA_ALLOW_PRIVATE_ADDRESSES,
 * OUTBOUND_CA_FILE (extra trusted CA certificates, PEM), SAML_METADATA_REFRESH_SECONDS.
 */
export interface SamlMetadataPolicy {
  allowPrivateAddresses: boolean;
  extraCaCertificates: string[];
  refreshSeconds: number;
}

/** WEBHOOK_ALLOW_INSECURE_URLS: also http, and loopback, link-local and private addresses (services/webhooks.ts). */
export interface WebhookUrlPolicy {
  allowInsecure: boolean;
}

/**
 * An organization id that is no UUID names no organization: NOT_FOUND before any statement, where
 * PostgreSQL would refuse it as a uuid (an internal error). A platform key passes `can` for any id.
 */
function assertOrganizationId(organizationId: string): void {
  if (!isUuid(organizationId)) throw new AppError('NOT_FOUND', 'organization.notFound', 'organization not found');
}

/** Throws FORBIDDEN unless the caller holds `permission` in `organizationId`. */
export function authorize(ctx: CoreContext, organizationId: string, permission: Permission): void {
  assertOrganizationId(organizationId);
  if (!can(ctx.principal, organizationId, permission)) {
    // an org credential asking about another org learns nothing about whether that org exists
    throw ctx.principal.kind !== 'PLATFORM' && ctx.principal.organizationId !== organizationId
      ? new AppError('NOT_FOUND', 'organization.notFound', 'organization not found')
      : permission === 'signIn'
        ? forbidden('only the SAML adapter records sign-ins and reads or ends sessions, from an assertion it verified; no key may')
        : forbidden(`${credentialName(ctx.principal)} may not ${permission} in this organization`);
  }
}

/**
 * A list read that found nothing, for a platform key: NOT_FOUND when the organization does not exist.
 * A platform key passes `authorize` for any well-formed id, so without this an id of no organization
 * (a typo, a deleted one) would read as an organization with no users. An organization's own
 * credentials name one that exists. Costs a statement only for an empty answer to a platform key.
 */
export async function assertListedOrganization(ctx: CoreContext, organizationId: string, empty: boolean): Promise<void> {
  if (!empty || ctx.principal.kind !== 'PLATFORM') return;
  const rows = await sql(ctx.em, 'select 1 from organizations where id = ?', [organizationId]);
  if (rows.length === 0) throw notFound('organization');
}

/** Throws (as `authorize` does for the first) unless the caller holds one of `permissions` in `organizationId`. */
export function authorizeAny(ctx: CoreContext, organizationId: string, permissions: Permission[]): void {
  assertOrganizationId(organizationId);
  if (permissions.some((p) => can(ctx.principal, organizationId, p))) return;
  authorize(ctx, organizationId, permissions[0]!);
}

/**
 * Sessions (a cookie's secret → its user; logout): the SAML adapter that opened them, and a key that
 * may `manage` the organization (a host application validating the cookie value it holds server-side).
 * Knowing the secret is required either way; opening a session is the SAML adapter's alone (`signIn`).
 */
export function authorizeSessions(ctx: CoreContext, organizationId: string): void {
  assertOrganizationId(organizationId);
  if (can(ctx.principal, organizationId, 'signIn')) return;
  // the OIDC adapter reads the session a SAML sign-in opened, to hand the person on to a client
  if (ctx.principal.kind === 'OIDC' && ctx.principal.organizationId === organizationId) return;
  authorize(ctx, organizationId, 'manage');
}

/** How a refusal names the caller, with what limits it (a read-only key, a SCIM token). */
function credentialName(p: Principal): string {
  switch (p.kind) {
    case 'API_KEY':
      return p.role === 'READ_ONLY' ? 'this API key is READ_ONLY (it may only query): it' : 'this API key';
    case 'SCIM_TOKEN':
      return 'a SCIM token (it may read and provision users and groups)';
    case 'SAML':
      return 'the SAML adapter';
    case 'OIDC':
      return 'the OpenID Connect adapter';
    case 'PLATFORM':
      return 'this platform key';
    case 'SETUP_LINK':
      return `a setup link (scopes ${p.scopes.join(', ')}: it may only set up what they name)`;
  }
}

/**
 * The organization's setup status at a glance (`Organization.status`): SSO configured, when the IdP's
 * signing certificate expires, the last SCIM request and the SCIM errors of the last 24 hours,
 * sign-ins today and seats used against the limit. One statement of indexed reads (the active-user
 * count is the one the seat limit itself makes).
 */
import { sql } from '../db.js';
import { isUuid } from '../../shared/ids.js';
import { notFound } from '../errors.js';
import { loadOrgConfig } from '../org-config.js';
import { authorize, type CoreContext } from '../access.js';
import { certificateInfo } from './saml-keys.js';
import { SCIM_REQUEST_LOG_HOURS } from './scim-request-log.js';

export interface OrganizationStatus {
  ssoConfigured: boolean;
  idpCertificateExpiresAt: Date | null;
  lastScimRequestAt: Date | null;
  scimErrorsLast24h: number;
  signInsToday: number;
  activeUsers: number;
  seatLimit: number | null;
}

export async function getOrganizationStatus(ctx: CoreContext, organizationId: string): Promise<OrganizationStatus> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'readSettings');
  const [row] = await sql<{ sso: boolean | null; certs: string[] | null; last_scim: Date | null; scim_errors: number; sign_ins: number; active: number }>(
    ctx.em,
    `select (select c.idp_sso_url is not null and c.idp_entity_id is not null from saml_connections c where c.organization_id = ?) as sso,
            (select c.idp_certificates from saml_connections c where c.organization_id = ?) as certs,
            (select r.at from scim_requests r where r.organization_id = ? order by r.id desc limit 1) as last_scim,
            (select count(*)::int from scim_requests r
              where r.organization_id = ? and r.status >= 400 and r.at > now() - make_interval(hours => ?)) as scim_errors,
            (select count(*)::int from sessions s
              where s.organization_id = ? and s.created_at >= date_trunc('day', now(), 'UTC')) as sign_ins,
            (select count(*)::int from users u where u.organization_id = ? and u.active) as active`,
    [organizationId, organizationId, organizationId, organizationId, SCIM_REQUEST_LOG_HOURS, organizationId, organizationId],
  );
  const config = await loadOrgConfig(ctx.em, organizationId);
  // the earliest expiry of the trusted certificates: during a rotation the old one ends first
  let expires: Date | null = null;
  for (const c of row?.certs ?? []) {
    try {
      const notAfter = certificateInfo(c).notAfter;
      if (!expires || notAfter < expires) expires = notAfter;
    } catch {
      // stored certificates were parsed when configured; one that no longer parses has no expiry to show
    }
  }
  return {
    ssoConfigured: row?.sso === true,
    idpCertificateExpiresAt: expires,
    lastScimRequestAt: row?.last_scim ? new Date(row.last_scim) : null,
    scimErrorsLast24h: row?.scim_errors ?? 0,
    signInsToday: row?.sign_ins ?? 0,
    activeUsers: row?.active ?? 0,
    seatLimit: config.policy.seatLimit,
  };
}

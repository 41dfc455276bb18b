import { authorize, type CoreContext } from '../access.js';
import { sql } from '../db.js';
import { User } from '../entities/user.js';
import { badInput } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { normalizeDomain } from './organization-domains.js';
import { requireOidcAdapter } from './oidc-signing-keys.js';
import { transact } from './transaction.js';

/**
 * What the OpenID Connect adapter needs of organizations and users: which organization a sign-in
 * is for, the claims of a signed-in user, and the record of a sign-in handed to a client
 * (docs/OIDC.md).
 */

export interface OidcOrganization {
  id: string;
  slug: string;
  name: string;
  /** Whether the organization has a SAML connection to sign its people in with. */
  samlConfigured: boolean;
}

/**
 * The organization a sign-in names: by `slug`, or by the domain of `email` when exactly one
 * organization holds that domain verified. Null when none does.
 */
export async function resolveOidcOrganization(ctx: CoreContext, by: { slug?: string | null; email?: string | null }): Promise<OidcOrganization | null> {
  requireOidcAdapter(ctx, 'find organizations for sign-in');
  let where: string;
  let param: string;
  if (by.slug) {
    if (by.slug.length > 100) return null;
    where = 'o.slug = ?';
    param = by.slug;
  } else if (by.email) {
    const at = by.email.lastIndexOf('@');
    if (at < 1 || by.email.length > 320) return null;
    let domain: string;
    try {
      domain = normalizeDomain(by.email.slice(at + 1));
    } catch {
      return null;
    }
    where = 'o.id = (select organization_id from organization_domains where domain = ? and verified_at is not null)';
    param = domain;
  } else throw badInput('oidcOrganization.key.required', 'give slug or email', { field: 'slug' });
  const [row] = await sql<{ id: string; slug: string; name: string; saml: boolean }>(
    ctx.em,
    `select o.id, o.slug, o.name, exists (select 1 from saml_connections c where c.organization_id = o.id) as saml from organizations o where ${where}`,
    [param],
  );
  return row ? { id: row.id, slug: row.slug, name: row.name, samlConfigured: row.saml } : null;
}

/** The claims of an active user (null: unknown or deactivated, so no token is issued or honoured for them). */
export async function oidcAccountClaims(ctx: CoreContext, userId: string): Promise<{ organizationId: string; claims: Record<string, unknown> } | null> {
  requireOidcAdapter(ctx, 'read account claims');
  if (!isUuid(userId)) return null;
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user || !user.active) return null;
  const [facts] = await sql<{ slug: string; domains: string[]; groups: string[] }>(
    ctx.em,
    `select o.slug,
            array(select domain from organization_domains d where d.organization_id = o.id and d.verified_at is not null) as domains,
            array(select g.display_name from group_memberships m join groups g on g.id = m.group_id where m.user_id = ? order by g.display_name limit 1000) as groups
       from organizations o where o.id = ?`,
    [user.id, user.organization],
  );
  if (!facts) return null;
  return { organizationId: user.organization, claims: claimsOf(user, facts) };
}

/**
 * The user as OpenID Connect claims (docs/OIDC.md "Claims"). `email_verified` is true only for an
 * address in a domain the organization holds verified: the organization's IdP vouches for its own
 * domains, not for an address elsewhere it may have been given.
 */
export function claimsOf(user: User, facts: { slug: string; domains: string[]; groups: string[] }): Record<string, unknown> {
  const email = user.emails.find((e) => e.primary)?.value ?? user.emails[0]?.value ?? (user.userName.includes('@') ? user.userName : null);
  const domain = email ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : null;
  const name = user.formattedName ?? user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || null);
  const claims: Record<string, unknown> = {
    sub: user.id,
    email,
    email_verified: !!domain && facts.domains.includes(domain),
    name,
    given_name: user.givenName,
    family_name: user.familyName,
    preferred_username: user.userName,
    locale: user.locale,
    zoneinfo: user.timezone,
    org_id: user.organization,
    org_slug: facts.slug,
    groups: facts.groups,
    roles: [user.role],
    custom_attributes: user.customAttributes,
  };
  for (const k of Object.keys(claims)) if (claims[k] === null) delete claims[k];
  return claims;
}

/** Records that a user was signed in to a client (OIDC_SIGNED_IN, the client named). */
export async function recordOidcSignIn(ctx: CoreContext, organizationId: string, userId: string, clientId: string): Promise<boolean> {
  authorize(ctx, organizationId, 'read');
  requireOidcAdapter(ctx, 'record sign-ins to clients');
  return transact(ctx, organizationId, async (em, events) => {
    const [u] = await sql<{ user_name: string }>(em, 'select user_name from users where id = ? and organization_id = ? and active', [userId, organizationId]);
    const [client] = isUuid(clientId) ? await sql<{ id: string; name: string }>(em, 'select id, name from oidc_clients where id = ?', [clientId]) : [];
    if (!u || !client) return false;
    events.push({
      type: 'OIDC_SIGNED_IN',
      subjectType: 'USER',
      subjectId: userId,
      subjectLabel: u.user_name,
      objectType: 'OIDC_CLIENT',
      objectId: client.id,
      data: { clientId: client.id, clientName: client.name },
    });
    return true;
  });
}

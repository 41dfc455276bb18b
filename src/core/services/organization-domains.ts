import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { sql } from '../db.js';
import { OrganizationDomain } from '../entities/oidc.js';
import { AppError, badInput, forbidden, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { transact } from './transaction.js';

/**
 * An organization's email domains (docs/OIDC.md "Which organization"). An organization claims a
 * domain and publishes the DNS TXT record it is given; the platform operator (or its automation)
 * checks the record and records the domain verified. Only then does `login_hint=someone@domain`
 * route a sign-in to the organization, and are its addresses `email_verified`. A tenant cannot
 * verify its own claim: it could otherwise take over another company's domain.
 */

/** The DNS name the TXT record is published under, for `domain`. */
export const dnsRecordName = (domain: string) => `_idm-verification.${domain}`;

const MAX_DOMAINS = 50;

/** A domain as stored: lower-case A-labels, no trailing dot, at least two labels; BAD_USER_INPUT otherwise. */
export function normalizeDomain(value: unknown): string {
  const bad = () => badInput('organizationDomain.invalid', 'domain must be a DNS name such as example.com (no scheme, path or @)', { field: 'domain' });
  if (typeof value !== 'string' || value.length > 253) throw bad();
  const ascii = domainToASCII(value.trim().replace(/\.$/, '').toLowerCase());
  if (!ascii || ascii.length > 253) throw bad();
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) || /^[0-9]+$/.test(labels.at(-1)!)) throw bad();
  return ascii;
}

export async function listOrganizationDomains(ctx: CoreContext, organizationId: string): Promise<OrganizationDomain[]> {
  authorize(ctx, organizationId, 'read');
  const found = await ctx.em.find(OrganizationDomain, { organization: organizationId }, { orderBy: { domain: 'asc' } });
  await assertListedOrganization(ctx, organizationId, found.length === 0);
  return found;
}

export async function addOrganizationDomain(ctx: CoreContext, organizationId: string, domain: string): Promise<OrganizationDomain> {
  authorize(ctx, organizationId, 'manage');
  const name = normalizeDomain(domain);
  return transact(ctx, organizationId, async (em, events) => {
    const [{ n } = { n: 0 }] = await sql<{ n: number }>(em, 'select count(*)::int as n from organization_domains where organization_id = ?', [organizationId]);
    if (n >= MAX_DOMAINS) throw badInput('organizationDomain.tooMany', `an organization has at most ${MAX_DOMAINS} domains`, { field: 'domain' });
    const d = new OrganizationDomain();
    d.organization = organizationId;
    d.domain = name;
    d.verificationToken = `idm-verification=${randomBytes(24).toString('base64url')}`;
    em.persist(d);
    events.push({ type: 'ORGANIZATION_DOMAIN_ADDED', subjectType: 'ORGANIZATION_DOMAIN', subjectId: d.id, subjectLabel: name });
    return d;
  });
}

async function domainOf(ctx: CoreContext, organizationId: string, id: string): Promise<OrganizationDomain> {
  // verifyOrganizationDomain (platform keys only) calls no authorize, which would check the organization's id
  const d = isUuid(id) && isUuid(organizationId) ? await ctx.em.findOne(OrganizationDomain, { id, organization: organizationId }) : null;
  if (!d) throw notFound('organizationDomain');
  return d;
}

/**
 * Records the domain verified: the platform operator calls it after checking the TXT record. Another
 * organization holding the domain verified: CONFLICT.
 */
export async function verifyOrganizationDomain(ctx: CoreContext, organizationId: string, id: string): Promise<OrganizationDomain> {
  if (ctx.principal.kind !== 'PLATFORM')
    throw forbidden('only a platform key records a domain verified, after checking its DNS TXT record (an organization cannot vouch for its own claim)');
  return transact(ctx, organizationId, async (em, events) => {
    const d = await domainOf({ ...ctx, em }, organizationId, id);
    if (d.verifiedAt) return d;
    const [holder] = await sql<{ organization_id: string }>(
      em,
      'select organization_id from organization_domains where domain = ? and verified_at is not null and organization_id <> ?',
      [d.domain, organizationId],
    );
    if (holder) throw new AppError('CONFLICT', 'organizationDomain.verifiedElsewhere', `${d.domain} is verified for another organization`);
    d.verifiedAt = new Date();
    events.push({ type: 'ORGANIZATION_DOMAIN_VERIFIED', subjectType: 'ORGANIZATION_DOMAIN', subjectId: d.id, subjectLabel: d.domain });
    return d;
  });
}

export async function removeOrganizationDomain(ctx: CoreContext, organizationId: string, id: string): Promise<OrganizationDomain> {
  authorize(ctx, organizationId, 'manage');
  return transact(ctx, organizationId, async (em, events) => {
    const d = await domainOf({ ...ctx, em }, organizationId, id);
    em.remove(d);
    events.push({ type: 'ORGANIZATION_DOMAIN_REMOVED', subjectType: 'ORGANIZATION_DOMAIN', subjectId: d.id, subjectLabel: d.domain });
    return d;
  });
}

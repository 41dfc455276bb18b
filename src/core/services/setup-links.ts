/**
 * Setup links (`createSetupLink`): a secret URL an operator hands to the customer's IT admin, who
 * then sets up SSO or SCIM for that one organization without a key, until the link expires or is
 * revoked. The secret is stored as credentials are (lookup id + SHA-256, see secrets.ts) and is
 * authenticated with them (credentials.ts `authenticate`); what a link may do is its scopes'
 * permissions (principal.ts). Every change made through one is an event whose actor is the link.
 */
import { sql } from '../db.js';
import { SetupLink } from '../entities/setup-link.js';
import { badInput, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { SETUP_SCOPES, type SetupScope } from '../principal.js';
import { newSecret } from '../secrets.js';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { dropCached } from './credentials.js';

export const SETUP_LINK_DEFAULT_SECONDS = 7 * 86400;
export const SETUP_LINK_MIN_SECONDS = 300;
export const SETUP_LINK_MAX_SECONDS = 30 * 86400;
/** Live (unexpired, unrevoked) links one organization may have at once. */
export const SETUP_LINK_MAX_LIVE = 50;
/** How many links `setupLinks` lists, newest first. */
export const SETUP_LINK_LIST_LIMIT = 200;

export interface SetupLinkInput {
  scopes: readonly string[];
  expiresInSeconds?: number | null;
}

export interface IssuedSetupLink {
  link: SetupLink;
  /** The plaintext secret; never stored, never shown again. */
  secret: string;
}

function checkScopes(scopes: unknown): SetupScope[] {
  if (!Array.isArray(scopes) || scopes.length === 0)
    throw badInput('setupLink.scopes.required', `scopes must name at least one of ${SETUP_SCOPES.join(', ')}`, { field: 'scopes' });
  const out = new Set<SetupScope>();
  for (const s of scopes) {
    if (!SETUP_SCOPES.includes(s as SetupScope))
      throw badInput('setupLink.scopes.invalid', `scopes must be among ${SETUP_SCOPES.join(', ')}`, { field: 'scopes' });
    out.add(s as SetupScope);
  }
  return SETUP_SCOPES.filter((s) => out.has(s));
}

function checkLifetime(seconds: number | null | undefined): number {
  if (seconds === undefined || seconds === null) return SETUP_LINK_DEFAULT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < SETUP_LINK_MIN_SECONDS || seconds > SETUP_LINK_MAX_SECONDS)
    throw badInput(
      'setupLink.expiresInSeconds.invalid',
      `expiresInSeconds must be a whole number from ${SETUP_LINK_MIN_SECONDS} (5 minutes) to ${SETUP_LINK_MAX_SECONDS} (30 days)`,
      { field: 'expiresInSeconds' },
    );
  return seconds;
}

/** A new setup link of the organization (`manage`); the secret is returned once. Recorded as SETUP_LINK_CREATED. */
export async function createSetupLink(ctx: CoreContext, organizationId: string, input: SetupLinkInput): Promise<IssuedSetupLink> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'manage');
  const scopes = checkScopes(input.scopes);
  const seconds = checkLifetime(input.expiresInSeconds);
  const secret = newSecret('setup');
  return transact(ctx, organizationId, async (em, events) => {
    const [live] = await sql<{ n: number }>(
      em,
      'select count(*)::int as n from setup_links where organization_id = ? and revoked_at is null and expires_at > now()',
      [organizationId],
    );
    if ((live?.n ?? 0) >= SETUP_LINK_MAX_LIVE)
      throw badInput('setupLink.tooMany', `the organization has ${SETUP_LINK_MAX_LIVE} live setup links, the most it may have; revoke one first`);
    const link = Object.assign(new SetupLink(), {
      organization: organizationId,
      scopes,
      lookupId: secret.lookupId,
      secretHash: secret.hash,
      createdBy: ctx.principal.label,
      expiresAt: new Date(Date.now() + seconds * 1000),
    });
    em.persist(link);
    await em.flush().catch((e) => {
      if ((e as { code?: string }).code === '23503') throw notFound('organization');
      throw e;
    });
    events.push({
      type: 'SETUP_LINK_CREATED',
      subjectType: 'SETUP_LINK',
      subjectId: link.id,
      subjectLabel: scopes.join(', '),
      data: { scopes, expiresAt: link.expiresAt.toISOString() },
    });
    return { link, secret: secret.token };
  });
}

/**
 * Revokes a setup link (`manage` in its organization): refused from the next request on, in every
 * server instance, and its open WebSockets are closed. Revoking a revoked one changes nothing.
 */
export async function revokeSetupLink(ctx: CoreContext, id: string): Promise<SetupLink> {
  if (!isUuid(id)) throw notFound('setupLink');
  const p = ctx.principal;
  // an organization credential learns nothing about links of other organizations
  const found = await ctx.em.findOne(SetupLink, p.kind === 'PLATFORM' ? { id } : { id, organization: p.organizationId ?? '' });
  if (!found) throw notFound('setupLink');
  authorize(ctx, found.organization, 'manage');
  return transact(ctx, found.organization, async (em, events) => {
    const link = await em.findOne(SetupLink, { id, organization: found.organization });
    if (!link) throw notFound('setupLink');
    if (!link.revokedAt) {
      link.revokedAt = new Date();
      await dropCached(em, events, [link.lookupId]);
      events.push({ type: 'SETUP_LINK_REVOKED', subjectType: 'SETUP_LINK', subjectId: link.id, subjectLabel: link.scopes.join(', ') });
    }
    return link;
  });
}

/** The organization's setup links, newest first (`manage`), revoked and expired ones included; never their secrets. */
export async function listSetupLinks(ctx: CoreContext, organizationId: string): Promise<SetupLink[]> {
  if (!isUuid(organizationId)) throw notFound('organization');
  authorize(ctx, organizationId, 'manage');
  const found = await ctx.em.find(SetupLink, { organization: organizationId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: SETUP_LINK_LIST_LIMIT });
  await assertListedOrganization(ctx, organizationId, found.length === 0);
  return found;
}

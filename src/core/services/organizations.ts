import { sql } from '../db.js';
import { holdMembershipAdds } from './membership-locks.js';
import { LockMode } from '@mikro-orm/core';
import { Organization } from '../entities/organization.js';
import { badInput, forbidden, notFound } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { dropCached } from './credentials.js';
import { configChanged } from '../org-config.js';

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface OrganizationFields {
  name?: string;
  slug?: string;
}

function normalize(input: OrganizationFields): OrganizationFields {
  const out: OrganizationFields = {};
  if (input.name !== undefined) {
    const n = String(input.name).trim();
    if (!n) throw badInput('organization.name.required', 'name is required', { field: 'name' });
    if (n.length > 200) throw badInput('organization.name.tooLong', 'name is longer than 200 characters', { field: 'name' });
    out.name = n;
  }
  if (input.slug !== undefined) {
    const s = String(input.slug).trim();
    if (!SLUG_RE.test(s)) {
      throw badInput('organization.slug.invalid', 'slug must be 1-63 lower-case letters, digits or inner hyphens', { field: 'slug' });
    }
    out.slug = s;
  }
  return out;
}

export async function createOrganization(ctx: CoreContext, input: { name: string; slug: string }): Promise<Organization> {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden('only a platform key can create organizations');
  const f = normalize(input);
  if (!f.name || !f.slug) throw badInput('organization.required', 'name and slug are required');
  const org = new Organization();
  org.name = f.name;
  org.slug = f.slug;
  return transact(ctx, org.id, async (em, events) => {
    em.persist(org);
    await em.flush();
    events.push({
      type: 'ORGANIZATION_CREATED',
      subjectType: 'ORGANIZATION',
      subjectId: org.id,
      subjectLabel: org.slug,
      changes: { name: { before: null, after: org.name }, slug: { before: null, after: org.slug } },
    });
    return org;
  });
}

export async function getOrganization(ctx: CoreContext, id: string): Promise<Organization | null> {
  if (!isUuid(id)) return null;
  if (ctx.principal.kind !== 'PLATFORM' && ctx.principal.organizationId !== id) return null;
  return ctx.em.findOne(Organization, { id });
}

export async function getOrganizationBySlug(ctx: CoreContext, slug: string): Promise<Organization | null> {
  const org = await ctx.em.findOne(Organization, { slug });
  if (!org) return null;
  if (ctx.principal.kind !== 'PLATFORM' && ctx.principal.organizationId !== org.id) return null;
  return org;
}

/** Platform keys see every organization (keyset-paged by id); an organization credential sees its own. */
export async function listOrganizations(ctx: CoreContext, first: number, after: string | null): Promise<Organization[]> {
  if (after !== null && !isUuid(after))
    throw badInput('pagination.after.invalid', 'after must be the id of the last organization of the previous page', { field: 'after' });
  if (ctx.principal.kind !== 'PLATFORM') {
    const own = await ctx.em.findOne(Organization, { id: ctx.principal.organizationId });
    return own && (!after || own.id > after) ? [own] : [];
  }
  return ctx.em.find(Organization, after ? { id: { $gt: after } } : {}, { orderBy: { id: 'asc' }, limit: first });
}

export async function updateOrganization(ctx: CoreContext, id: string, input: OrganizationFields): Promise<Organization> {
  if (!isUuid(id)) throw notFound('organization');
  authorize(ctx, id, 'manage');
  const f = normalize(input);
  return transact(ctx, id, async (em, events) => {
    const org = await em.findOne(Organization, { id });
    if (!org) throw notFound('organization');
    const changes: FieldChanges = {};
    for (const k of ['name', 'slug'] as const) {
      if (f[k] !== undefined && f[k] !== org[k]) {
        changes[k] = { before: org[k], after: f[k] };
        org[k] = f[k]!;
      }
    }
    if (Object.keys(changes).length === 0) return org;
    org.version += 1;
    org.updatedAt = new Date();
    events.push({ type: 'ORGANIZATION_UPDATED', subjectType: 'ORGANIZATION', subjectId: org.id, subjectLabel: org.slug, changes });
    return org;
  });
}

/**
 * Deletes an organization and everything it owns (users, groups, memberships, credentials, SAML
 * connection, sessions, policy, mappings, definitions, its events), in one transaction. Platform
 * keys only; `confirmSlug` must repeat the organization's slug. Its tokens and keys stop working at
 * once in every server instance. The deletion is recorded as a platform event (ORGANIZATION_DELETED).
 */
export async function deleteOrganization(ctx: CoreContext, id: string, confirmSlug: string): Promise<Organization> {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden('only a platform key can delete organizations');
  if (!isUuid(id)) throw notFound('organization');
  return transact(ctx, null, async (em, events) => {
    // before the organization's row (see membership-locks): membership adds in flight, which lock it
    // `for key share` when they write their events, finish first instead of deadlocking with the
    // deletion of their users
    await holdMembershipAdds(em, id);
    const org = await em.findOne(Organization, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!org) throw notFound('organization');
    if (confirmSlug !== org.slug) {
      throw badInput('organization.delete.confirmSlug', `confirmSlug must repeat the slug of the organization to delete ("${org.slug}")`, {
        field: 'confirmSlug',
      });
    }
    const [counts] = await sql<{ users: number; groups: number }>(
      em,
      'select (select count(*) from users where organization_id = ?)::int as users, (select count(*) from groups where organization_id = ?)::int as groups',
      [id, id],
    );
    const keys = await sql<{ lookup_id: string }>(
      em,
      'select lookup_id from credentials where organization_id = ? union all select lookup_id from setup_links where organization_id = ?',
      [id, id],
    );
    em.getUnitOfWork().unsetIdentity(org);
    // every table of the organization references it with on delete cascade; memberships go with
    // their users and groups (delete triggers, see GroupMembership)
    await sql(em, 'delete from organizations where id = ?', [id]);
    await dropCached(
      em,
      events,
      keys.map((k) => k.lookup_id),
    );
    await configChanged(em, events, id);
    events.push({
      type: 'ORGANIZATION_DELETED',
      subjectType: 'ORGANIZATION',
      subjectId: org.id,
      subjectLabel: org.slug,
      data: { name: org.name, slug: org.slug, users: counts?.users ?? 0, groups: counts?.groups ?? 0 },
    });
    return org;
  });
}

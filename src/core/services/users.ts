import { LockMode } from '@mikro-orm/core';
import { sql, type Em } from '../db.js';
import { User, type ProvisioningSource } from '../entities/user.js';
import { AppError, badInput, notFound } from '../errors.js';
import type { EventType, FieldChanges } from '../events/event-types.js';
import { isUuid } from '../ids.js';
import type { Principal } from '../principal.js';
import { authorize, transact, type CoreContext } from './context.js';
import { foldKey, normalizeUserFields, type UserFields } from './user-fields.js';

/** The source a change is attributed to, from who makes it. */
export function sourceOf(p: Principal): ProvisioningSource {
  return p.kind === 'SCIM_TOKEN' ? 'SCIM' : p.kind === 'SAML' ? 'SAML' : 'API';
}

type FieldKey = keyof UserFields;

/** How each writable field reads from the entity, for diffs and event payloads. */
function current(u: User, k: FieldKey): unknown {
  return k === 'managerId' ? u.manager : (u as unknown as Record<string, unknown>)[k];
}

function assign(u: User, k: FieldKey, v: unknown): void {
  switch (k) {
    case 'managerId':
      u.manager = v as string | null;
      return;
    case 'userName':
      u.userName = v as string;
      u.userNameKey = foldKey(v as string);
      return;
    case 'emails':
      u.emails = (v as User['emails']) ?? [];
      u.emailKeys = [...new Set(u.emails.map((e) => foldKey(e.value)))];
      return;
    case 'phoneNumbers':
    case 'addresses':
      (u as unknown as Record<string, unknown>)[k] = v ?? [];
      return;
    default:
      (u as unknown as Record<string, unknown>)[k] = v;
  }
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function assertManager(em: Em, organizationId: string, userId: string | null, managerId: string | null | undefined): Promise<void> {
  if (!managerId) return;
  if (managerId === userId) throw badInput('user.managerId.self', 'a user cannot be its own manager', { field: 'managerId' });
  const rows = await sql(em, 'select 1 from users where id = ? and organization_id = ?', [managerId, organizationId]);
  if (rows.length === 0) throw badInput('user.managerId.notFound', 'managerId does not name a user of this organization', { field: 'managerId' });
}

export async function getUser(ctx: CoreContext, organizationId: string, id: string): Promise<User | null> {
  authorize(ctx, organizationId, 'read');
  if (!isUuid(id)) return null;
  return ctx.em.findOne(User, { id, organization: organizationId });
}

export async function createUser(ctx: CoreContext, organizationId: string, input: UserFields): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeUserFields(input);
  if (fields.userName === undefined) throw badInput('user.userName.required', 'userName is required', { field: 'userName' });
  return transact(ctx, organizationId, async (em, events) => {
    await assertManager(em, organizationId, null, fields.managerId);
    const u = new User();
    u.organization = organizationId;
    u.provisionedBy = sourceOf(ctx.principal);
    const changes: FieldChanges = {};
    for (const [k, v] of Object.entries(fields) as [FieldKey, unknown][]) {
      assign(u, k, v);
      changes[k] = { before: null, after: current(u, k) };
    }
    if (u.active === false) u.deactivatedAt = u.createdAt;
    em.persist(u);
    await em.flush();
    events.push({ type: 'USER_CREATED', subjectType: 'USER', subjectId: u.id, subjectLabel: u.userName, changes, data: { provisionedBy: u.provisionedBy } });
    return u;
  });
}

export interface UpdateOptions {
  /** When set, the update fails with PRECONDITION_FAILED unless the user is at this version (SCIM If-Match). */
  expectedVersion?: number;
}

/** Loads the user row locked for the rest of the transaction; NOT_FOUND across organizations too. */
export async function lockUser(em: Em, organizationId: string, id: string): Promise<User> {
  if (!isUuid(id)) throw notFound('user');
  const u = await em.findOne(User, { id, organization: organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!u) throw notFound('user');
  return u;
}

export function checkVersion(kind: string, actual: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('PRECONDITION_FAILED', `${kind}.version.mismatch`, `the ${kind} was changed since version ${expected} (now ${actual})`, { version: actual });
  }
}

/** Applies `input` (undefined = keep, null = clear) and records one event describing every changed field. */
export async function updateUser(ctx: CoreContext, organizationId: string, id: string, input: UserFields, opts: UpdateOptions = {}): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeUserFields(input);
  if ('userName' in input && input.userName === null) throw badInput('user.userName.required', 'userName cannot be cleared', { field: 'userName' });
  return transact(ctx, organizationId, async (em, events) => {
    const u = await lockUser(em, organizationId, id);
    checkVersion('user', u.version, opts.expectedVersion);
    if (fields.managerId !== undefined) await assertManager(em, organizationId, u.id, fields.managerId);
    const changes: FieldChanges = {};
    for (const [k, v] of Object.entries(fields) as [FieldKey, unknown][]) {
      if (k === 'customAttributes') {
        const merged = { ...u.customAttributes };
        for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) {
          if (cv === null) delete merged[ck];
          else merged[ck] = cv as never;
        }
        if (!same(merged, u.customAttributes)) {
          changes.customAttributes = { before: u.customAttributes, after: merged };
          u.customAttributes = merged;
        }
        continue;
      }
      const before = current(u, k);
      if (same(before, v ?? (k === 'emails' || k === 'phoneNumbers' || k === 'addresses' ? [] : null))) continue;
      assign(u, k, v);
      changes[k] = { before, after: current(u, k) };
    }
    if (Object.keys(changes).length === 0) return u;
    let type: EventType = 'USER_UPDATED';
    if (changes.active) {
      type = u.active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED';
      const before = u.deactivatedAt;
      u.deactivatedAt = u.active ? null : new Date();
      changes.deactivatedAt = { before, after: u.deactivatedAt };
    }
    u.version += 1;
    u.updatedAt = new Date();
    events.push({ type, subjectType: 'USER', subjectId: u.id, subjectLabel: u.userName, changes });
    return u;
  });
}

export async function deleteUser(ctx: CoreContext, organizationId: string, id: string, opts: UpdateOptions = {}): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  return transact(ctx, organizationId, async (em, events) => {
    const u = await lockUser(em, organizationId, id);
    checkVersion('user', u.version, opts.expectedVersion);
    // memberships go with the user (foreign key cascade); keep the groups' counters and versions true
    const groups = await sql<{ id: string }>(
      em,
      `update groups g set member_count = member_count - 1, version = version + 1, updated_at = now()
         from group_memberships m where m.group_id = g.id and m.user_id = ? returning g.id`,
      [u.id],
    );
    em.remove(u);
    events.push({ type: 'USER_DELETED', subjectType: 'USER', subjectId: u.id, subjectLabel: u.userName, data: { groupIds: groups.map((g) => g.id) } });
    return u;
  });
}

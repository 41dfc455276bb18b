import { LockMode } from '@mikro-orm/core';
import { pgArray, sql, type Em } from '../db.js';
import { Group } from '../entities/group.js';
import { badInput, notFound } from '../errors.js';
import type { FieldChanges, NewEvent } from '../events/event-types.js';
import { isUuid } from '../ids.js';
import { authorize, transact, type CoreContext, type EventBuffer } from './context.js';
import { foldKey } from './user-fields.js';
import { checkVersion, type UpdateOptions } from './users.js';

export interface GroupFields {
  displayName?: string;
  externalId?: string | null;
}

/** Largest member list one call may carry; a bigger push is split by the caller (Okta sends pages). */
export const MAX_MEMBERS_PER_CALL = 20000;

function normalizeGroupFields(input: GroupFields): GroupFields {
  const out: GroupFields = {};
  if (input.displayName !== undefined) {
    const d = typeof input.displayName === 'string' ? input.displayName.trim() : '';
    if (!d) throw badInput('group.displayName.required', 'displayName is required and may not be blank', { field: 'displayName' });
    if (d.length > 256) throw badInput('group.displayName.tooLong', 'displayName is longer than 256 characters', { field: 'displayName' });
    out.displayName = d;
  }
  if (input.externalId !== undefined) {
    const e = input.externalId === null ? null : String(input.externalId).trim();
    if (e && e.length > 512) throw badInput('group.externalId.tooLong', 'externalId is longer than 512 characters', { field: 'externalId' });
    out.externalId = e || null;
  }
  return out;
}

function memberIds(ids: readonly string[]): string[] {
  if (ids.length > MAX_MEMBERS_PER_CALL) {
    throw badInput('group.members.tooMany', `at most ${MAX_MEMBERS_PER_CALL} members per call`, { field: 'userIds' });
  }
  const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
  const bad = unique.find((i) => !isUuid(i));
  if (bad !== undefined) throw badInput('group.members.notFound', `no user with id "${bad}" in this organization`, { field: 'userIds', ids: [bad] });
  return unique;
}

export async function getGroup(ctx: CoreContext, organizationId: string, id: string): Promise<Group | null> {
  authorize(ctx, organizationId, 'read');
  if (!isUuid(id)) return null;
  return ctx.em.findOne(Group, { id, organization: organizationId });
}

async function lockGroup(em: Em, organizationId: string, id: string): Promise<Group> {
  if (!isUuid(id)) throw notFound('group');
  const g = await em.findOne(Group, { id, organization: organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!g) throw notFound('group');
  return g;
}

/** Fails unless every id is a user of the organization (ids of other organizations are unknown here). */
async function assertUsersExist(em: Em, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const missing = await sql<{ id: string }>(
    em,
    `select x.id::text from unnest(?::uuid[]) as x(id)
      where not exists (select 1 from users u where u.id = x.id and u.organization_id = ?) limit 10`,
    [pgArray(ids), organizationId],
  );
  if (missing.length > 0) {
    const list = missing.map((m) => m.id);
    throw badInput('group.members.notFound', `no user with id ${list.map((i) => `"${i}"`).join(', ')} in this organization`, { field: 'userIds', ids: list });
  }
}

function membershipEvents(type: 'MEMBERSHIP_ADDED' | 'MEMBERSHIP_REMOVED', g: Group, userIds: string[]): NewEvent[] {
  return userIds.map((userId) => ({
    type,
    subjectType: 'GROUP',
    subjectId: g.id,
    subjectLabel: g.displayName,
    objectType: 'USER',
    objectId: userId,
  }));
}

async function insertMembers(em: Em, organizationId: string, g: Group, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ user_id: string }>(
    em,
    `insert into group_memberships (group_id, user_id, organization_id, created_at)
     select ?::uuid, x.id, ?::uuid, now() from unnest(?::uuid[]) as x(id)
     on conflict do nothing returning user_id`,
    [g.id, organizationId, pgArray(ids)],
  );
  return rows.map((r) => r.user_id);
}

async function deleteMembers(em: Em, g: Group, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ user_id: string }>(
    em,
    'delete from group_memberships where group_id = ? and user_id = any(?::uuid[]) returning user_id',
    [g.id, pgArray(ids)],
  );
  return rows.map((r) => r.user_id);
}

function touch(g: Group, delta: number): void {
  g.memberCount += delta;
  g.version += 1;
  g.updatedAt = new Date();
}

export async function createGroup(ctx: CoreContext, organizationId: string, input: GroupFields & { memberIds?: string[] }): Promise<Group> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeGroupFields({ ...input, displayName: input.displayName ?? '' });
  const ids = memberIds(input.memberIds ?? []);
  return transact(ctx, organizationId, async (em, events) => {
    await assertUsersExist(em, organizationId, ids);
    const g = new Group();
    g.organization = organizationId;
    g.displayName = fields.displayName!;
    g.displayNameKey = foldKey(g.displayName);
    g.externalId = fields.externalId ?? null;
    em.persist(g);
    await em.flush();
    const changes: FieldChanges = { displayName: { before: null, after: g.displayName } };
    if (g.externalId) changes.externalId = { before: null, after: g.externalId };
    events.push({ type: 'GROUP_CREATED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, changes });
    const added = await insertMembers(em, organizationId, g, ids);
    g.memberCount = added.length;
    events.push(...membershipEvents('MEMBERSHIP_ADDED', g, added));
    return g;
  });
}

export async function updateGroup(ctx: CoreContext, organizationId: string, id: string, input: GroupFields, opts: UpdateOptions = {}): Promise<Group> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeGroupFields(input);
  return transact(ctx, organizationId, async (em, events) => {
    const g = await lockGroup(em, organizationId, id);
    checkVersion('group', g.version, opts.expectedVersion);
    const changes: FieldChanges = {};
    if (fields.displayName !== undefined && fields.displayName !== g.displayName) {
      changes.displayName = { before: g.displayName, after: fields.displayName };
      g.displayName = fields.displayName;
      g.displayNameKey = foldKey(fields.displayName);
    }
    if (fields.externalId !== undefined && fields.externalId !== g.externalId) {
      changes.externalId = { before: g.externalId, after: fields.externalId };
      g.externalId = fields.externalId;
    }
    if (Object.keys(changes).length === 0) return g;
    touch(g, 0);
    events.push({ type: 'GROUP_UPDATED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, changes });
    return g;
  });
}

export async function deleteGroup(ctx: CoreContext, organizationId: string, id: string, opts: UpdateOptions = {}): Promise<Group> {
  authorize(ctx, organizationId, 'provision');
  return transact(ctx, organizationId, async (em, events) => {
    const g = await lockGroup(em, organizationId, id);
    checkVersion('group', g.version, opts.expectedVersion);
    em.remove(g);
    events.push({ type: 'GROUP_DELETED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, data: { memberCount: g.memberCount } });
    return g;
  });
}

export interface MembershipChange {
  group: Group;
  added: string[];
  removed: string[];
}

async function changeMembers(
  ctx: CoreContext,
  organizationId: string,
  groupId: string,
  opts: UpdateOptions,
  fn: (em: Em, g: Group, events: EventBuffer) => Promise<{ added: string[]; removed: string[] }>,
): Promise<MembershipChange> {
  authorize(ctx, organizationId, 'provision');
  return transact(ctx, organizationId, async (em, events) => {
    // the group row lock serialises membership writes to one group and keeps member_count exact
    const g = await lockGroup(em, organizationId, groupId);
    checkVersion('group', g.version, opts.expectedVersion);
    const { added, removed } = await fn(em, g, events);
    if (added.length || removed.length) touch(g, added.length - removed.length);
    events.push(...membershipEvents('MEMBERSHIP_ADDED', g, added), ...membershipEvents('MEMBERSHIP_REMOVED', g, removed));
    return { group: g, added, removed };
  });
}

/** Adds users to a group; users already in it are left as they are (no duplicate, no event). */
export function addGroupMembers(ctx: CoreContext, organizationId: string, groupId: string, userIds: readonly string[], opts: UpdateOptions = {}) {
  const ids = memberIds(userIds);
  return changeMembers(ctx, organizationId, groupId, opts, async (em, g) => {
    await assertUsersExist(em, organizationId, ids);
    return { added: await insertMembers(em, organizationId, g, ids), removed: [] };
  });
}

/** Removes users from a group; ids that are not members are ignored. Cost does not grow with group size. */
export function removeGroupMembers(ctx: CoreContext, organizationId: string, groupId: string, userIds: readonly string[], opts: UpdateOptions = {}) {
  const ids = memberIds(userIds);
  return changeMembers(ctx, organizationId, groupId, opts, async (em, g) => ({ added: [], removed: await deleteMembers(em, g, ids) }));
}

/** Makes the member list exactly `userIds` (an empty list empties the group). */
export function setGroupMembers(ctx: CoreContext, organizationId: string, groupId: string, userIds: readonly string[], opts: UpdateOptions = {}) {
  const ids = memberIds(userIds);
  return changeMembers(ctx, organizationId, groupId, opts, async (em, g) => {
    await assertUsersExist(em, organizationId, ids);
    const removedRows = await sql<{ user_id: string }>(
      em,
      'delete from group_memberships where group_id = ? and not (user_id = any(?::uuid[])) returning user_id',
      [g.id, pgArray(ids)],
    );
    return { added: await insertMembers(em, organizationId, g, ids), removed: removedRows.map((r) => r.user_id) };
  });
}

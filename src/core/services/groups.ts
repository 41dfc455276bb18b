import { fromRow, lockedRow, lockRow, pgArray, saveRowDeferred, sql, type Em } from '../db.js';
import { Group } from '../entities/group.js';
import { badInput, errorFromDb, notFound } from '../errors.js';
import type { FieldChanges, NewEvent } from '../events/event-types.js';
import { eventPerRowInsert, eventPerRowParams } from '../events/event-writer.js';
import { actorOf } from '../principal.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, type CoreContext } from '../access.js';
import { transact, type EventBuffer } from './transaction.js';
import { foldKey } from '../keys.js';
import { holdUserDeletions } from './membership-locks.js';
import { GROUP_PUSH_LOCK, holdAdvisoryLock, inTurn } from '../locks.js';
import { loadOrgConfig, type OrgConfig } from '../org-config.js';
import { checkVersion, insertUser, rolesAfterMembershipChange, sourceOf, type UpdateOptions } from './users.js';
import { normalizeUserName } from './user-fields.js';
import { recomputeRoles } from './roles.js';
import { enforce, groupGrantsRole, mayGroupPushCreate } from './policy-decisions.js';

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

/** The distinct ids of a membership change; `removal`: an id that is not a UUID is no member and is ignored, as non-members are. */
function memberIds(ids: readonly string[], removal = false): string[] {
  if (ids.length > MAX_MEMBERS_PER_CALL) {
    throw badInput('group.members.tooMany', `at most ${MAX_MEMBERS_PER_CALL} members per call`, { field: 'userIds' });
  }
  const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
  if (removal) return unique.filter(isUuid);
  const bad = unique.find((i) => !isUuid(i));
  if (bad !== undefined) throw badInput('group.members.notFound', `no user with id "${bad}" in this organization`, { field: 'userIds', ids: [bad] });
  return unique;
}

export async function getGroup(ctx: CoreContext, organizationId: string, id: string): Promise<Group | null> {
  authorize(ctx, organizationId, 'read');
  if (!isUuid(id)) return null;
  const rows = await sql(ctx.em, 'select * from groups where id = ? and organization_id = ?', [id, organizationId]);
  return rows[0] ? fromRow(ctx.em, Group, rows[0]) : null;
}

/** The group row locked for the rest of the transaction, as a plain object written back with saveRowDeferred. */
async function lockGroup(em: Em, organizationId: string, id: string): Promise<Group> {
  if (!isUuid(id)) throw notFound('group');
  const g = await lockRow(em, Group, 'id = ? and organization_id = ?', [id, organizationId]);
  if (!g) throw notFound('group');
  return g;
}

/**
 * lockGroup and the removal of `ids` from its members in one statement, in the transaction path of a
 * removal (removeMembersAlone is the one-statement path): the group's row is locked first — the materialized CTE the delete joins — so
 * membership writes to one group are still serialised by that lock. A refused change (the
 * version) throws after it, and its transaction rolls the removal back.
 */
async function lockGroupRemoving(em: Em, organizationId: string, id: string, ids: string[]): Promise<{ g: Group; removed: string[] }> {
  if (ids.length === 0) return { g: await lockGroup(em, organizationId, id), removed: [] };
  if (!isUuid(id)) throw notFound('group');
  // one member (Okta's and Entra's removal) by a scalar parameter: PostgreSQL then plans the prepared
  // statement once (a generic plan) instead of for each run, as it does for `= any(array)` (~0.1 ms
  // of its CPU per removal)
  const one = ids.length === 1;
  const [row] = await sql<Record<string, unknown> & { __removed: string[] }>(
    em,
    `with g as materialized (select t.* from groups t where t.id = ? and t.organization_id = ? for update of t),
          d as (delete from group_memberships m using g where m.group_id = g.id and ${one ? 'm.user_id = ?::uuid' : 'm.user_id = any(?::uuid[])'} returning m.user_id)
     select g.*, array(select user_id::text from d) as __removed from g`,
    [id, organizationId, one ? ids[0] : pgArray(ids)],
  );
  if (!row) throw notFound('group');
  return { g: lockedRow(em, Group, row), removed: row.__removed };
}

/**
 * removeGroupMembers as one statement in a transaction of its own (PostgreSQL's autocommit), the
 * path of Okta's and Entra ID's one-member removals: lockGroupRemoving's lock and delete, the
 * group's count, version and updatedAt as `touch` sets them, and a MEMBERSHIP_REMOVED event per
 * removed member, written together or not at all (changeMembers takes two statements and a
 * transaction for it). Locks in changeMembers' order: the group's row, then the organization's
 * `for key share` (writeEvents' lock), before any membership is deleted. A version the caller
 * expected that is not the group's deletes nothing, then throws. Null: PostgreSQL broke a deadlock
 * by aborting the statement (nothing was written); the caller then takes the transaction's path.
 */
async function removeMembersAlone(
  ctx: CoreContext,
  organizationId: string,
  groupId: string,
  ids: string[],
  opts: UpdateOptions,
): Promise<MembershipChange | null> {
  if (!isUuid(groupId)) throw notFound('group');
  const one = ids.length === 1;
  const expected = opts.expectedVersion ?? null;
  const now = new Date();
  let row: RemovedAloneRow | undefined;
  try {
    [row] = await sql<RemovedAloneRow>(ctx.em, one ? REMOVE_ONE_ALONE : REMOVE_MANY_ALONE, [
      groupId,
      organizationId,
      one ? ids[0] : pgArray(ids),
      expected,
      expected,
      now,
      groupId,
      ...eventPerRowParams('MEMBERSHIP_REMOVED', 'GROUP', 'USER', actorOf(ctx.principal), ctx.requestId),
    ]);
  } catch (err) {
    if ((err as { code?: string }).code !== '40P01') throw errorFromDb(err) ?? err;
    ctx.log?.warn('transaction run again', { reason: 'deadlock', attempt: 1, organizationId, detail: (err as Error).message });
    return null;
  }
  if (!row) throw notFound('group');
  const g = fromRow(ctx.em, Group, row);
  checkVersion('group', g.version, opts.expectedVersion);
  const removed = row.__removed;
  if (removed.length) {
    g.memberCount = row.__member_count!;
    g.version = row.__version!;
    g.updatedAt = now;
  }
  return { group: g, added: [], removed };
}

/** The group's row before the removal, the ids removed, and its count and version after (null: none removed). */
type RemovedAloneRow = Record<string, unknown> & { __removed: string[]; __member_count: number | null; __version: number | null };

function removeAloneText(one: boolean): string {
  return `with g as materialized (select t.* from groups t where t.id = ? and t.organization_id = ? for update of t),
          locked as materialized (select o.id from organizations o join g on o.id = g.organization_id for key share of o),
          d as (delete from group_memberships m using g, locked
                 where m.group_id = g.id and ${one ? 'm.user_id = ?::uuid' : 'm.user_id = any(?::uuid[])'} and (?::int is null or g.version = ?::int)
                 returning m.user_id, g.organization_id, g.id as subject_id, g.display_name as subject_label, m.user_id as object_id),
          n as (select count(*)::int as c from d),
          u as (update groups x set member_count = x.member_count - n.c, version = x.version + 1, updated_at = ?::timestamptz
                  from n where x.id = ? and n.c > 0 returning x.member_count, x.version),
          ins as (${eventPerRowInsert('d')})
     select g.*, array(select user_id::text from d) as __removed, u.member_count as __member_count, u.version as __version
       from g left join u on true`;
}
const REMOVE_ONE_ALONE = removeAloneText(true);
const REMOVE_MANY_ALONE = removeAloneText(false);

/** Fails unless every id is a user of the organization (ids of other organizations are unknown here); hold user deletions first (membership-locks). */
async function assertUsersExist(em: Em, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // a primary-key lookup of the ids (= any(array)): its plan does not depend on table statistics
  const found = await sql<{ id: string }>(em, 'select id from users where id = any(?::uuid[]) and organization_id = ?', [pgArray(ids), organizationId]);
  if (found.length === ids.length) return;
  const known = new Set(found.map((f) => f.id));
  const list = ids.filter((id) => !known.has(id)).slice(0, 10);
  throw badInput('group.members.notFound', `no user with id ${list.map((i) => `"${i}"`).join(', ')} in this organization`, { field: 'userIds', ids: list });
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
    if (ids.length) await holdUserDeletions(em, organizationId);
    await assertUsersExist(em, organizationId, ids);
    const g = new Group();
    g.organization = organizationId;
    g.displayName = fields.displayName!;
    g.displayNameKey = foldKey(g.displayName);
    g.externalId = fields.externalId ?? null;
    g.provisionedBy = sourceOf(ctx.principal);
    em.persist(g);
    await em.flush();
    const changes: FieldChanges = { displayName: { before: null, after: g.displayName } };
    if (g.externalId) changes.externalId = { before: null, after: g.externalId };
    events.push({ type: 'GROUP_CREATED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, changes });
    const added = await insertMembers(em, organizationId, g, ids);
    g.memberCount = added.length;
    events.push(...membershipEvents('MEMBERSHIP_ADDED', g, added));
    if (added.length) events.push(...(await rolesAfterMembershipChange(em, await loadOrgConfig(em, organizationId), added)));
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
    saveRowDeferred(em, 'Group', g); // written in the statement of its event
    events.push({ type: 'GROUP_UPDATED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, changes });
    return g;
  });
}

export async function deleteGroup(ctx: CoreContext, organizationId: string, id: string, opts: UpdateOptions = {}): Promise<Group> {
  authorize(ctx, organizationId, 'provision');
  return transact(ctx, organizationId, async (em, events) => {
    const g = await lockGroup(em, organizationId, id);
    checkVersion('group', g.version, opts.expectedVersion);
    await sql(em, 'delete from groups where id = ?', [g.id]);
    events.push({ type: 'GROUP_DELETED', subjectType: 'GROUP', subjectId: g.id, subjectLabel: g.displayName, data: { memberCount: g.memberCount } });
    const config = await loadOrgConfig(em, organizationId);
    // former members may lose a role the group granted
    if (groupGrantsRole(config.policy, g.id)) events.push(...(await recomputeRoles(em, organizationId, config.policy.groupRoleRules, null)));
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
  addsMembers: boolean,
  fn: (em: Em, g: Group, events: EventBuffer, config: OrgConfig) => Promise<{ added: string[]; removed: string[] }>,
  /** Locks the group (and may remove members with the lock: lockGroupRemoving). */
  lock: (em: Em) => Promise<{ g: Group; removed: string[] }> = async (em) => ({ g: await lockGroup(em, organizationId, groupId), removed: [] }),
): Promise<MembershipChange> {
  authorize(ctx, organizationId, 'provision');
  const run = () =>
    transact(ctx, organizationId, async (em, events) => {
      // before any row lock (see membership-locks): no user this change adds is deleted meanwhile
      if (addsMembers) await holdUserDeletions(em, organizationId);
      // the group row lock serialises membership writes to one group and keeps member_count exact
      const { g, removed: removedWithLock } = await lock(em);
      checkVersion('group', g.version, opts.expectedVersion);
      const config = await loadOrgConfig(em, organizationId);
      const change = await fn(em, g, events, config);
      const added = change.added;
      const removed = [...removedWithLock, ...change.removed];
      if (added.length || removed.length) {
        touch(g, added.length - removed.length);
        // written in the statement of the events (or before the roles' statements, when rules apply)
        saveRowDeferred(em, 'Group', g);
      }
      events.push(...membershipEvents('MEMBERSHIP_ADDED', g, added), ...membershipEvents('MEMBERSHIP_REMOVED', g, removed));
      events.push(...(await rolesAfterMembershipChange(em, config, [...added, ...removed])));
      return { group: g, added, removed };
    });
  // one change of this group at a time on this instance (inTurn); inside a transaction (a SCIM Bulk
  // operation) as it comes
  return ctx.em.isInTransaction() ? run() : inTurn(`group:${organizationId}:${groupId}`, run);
}

export interface NewMember {
  userName: string;
  displayName?: string | null;
}

/**
 * Adds users to a group; users already in it are left as they are (no duplicate, no event).
 * `newMembers` names people who may not be users yet (group push): they are matched by userName and,
 * when the policy lets group push provision members, the missing ones are created (docs/PROVISIONING.md §1.7).
 */
export function addGroupMembers(
  ctx: CoreContext,
  organizationId: string,
  groupId: string,
  userIds: readonly string[],
  opts: UpdateOptions & { newMembers?: NewMember[] } = {},
) {
  const ids = memberIds(userIds);
  const wanted = (opts.newMembers ?? []).map((m) => ({ userName: normalizeUserName(m.userName), displayName: m.displayName ?? null }));
  if (ids.length + wanted.length > MAX_MEMBERS_PER_CALL)
    throw badInput('group.members.tooMany', `at most ${MAX_MEMBERS_PER_CALL} members per call`, { field: 'newMembers' });
  return changeMembers(ctx, organizationId, groupId, opts, ids.length + wanted.length > 0, async (em, g, events, config) => {
    await assertUsersExist(em, organizationId, ids);
    const all = [...ids];
    if (wanted.length) {
      // one group push naming new people at a time per organization: a concurrent push that names the
      // same person waits here, then finds the user the first one created instead of conflicting
      await holdAdvisoryLock(em, GROUP_PUSH_LOCK, organizationId);
      const found = await sql<{ id: string; user_name_key: string }>(
        em,
        'select id, user_name_key from users where organization_id = ? and user_name_key = any(?::text[])',
        [organizationId, pgArray(wanted.map((w) => foldKey(w.userName)))],
      );
      const byKey = new Map(found.map((f) => [f.user_name_key, f.id]));
      const missing = wanted.filter((w) => !byKey.has(foldKey(w.userName)));
      enforce(
        mayGroupPushCreate(
          config.policy,
          sourceOf(ctx.principal),
          missing.map((m) => m.userName),
        ),
      );
      for (const m of missing) {
        const u = await insertUser(em, events, config, { userName: m.userName, displayName: m.displayName }, sourceOf(ctx.principal), {
          via: 'groupPush',
          groupId: g.id,
        });
        byKey.set(foldKey(m.userName), u.id);
      }
      all.push(...wanted.map((w) => byKey.get(foldKey(w.userName))!));
    }
    return { added: await insertMembers(em, organizationId, g, [...new Set(all)]), removed: [] };
  });
}

/** Removes users from a group; ids that are not members are ignored. Cost does not grow with group size. */
export async function removeGroupMembers(
  ctx: CoreContext,
  organizationId: string,
  groupId: string,
  userIds: readonly string[],
  opts: UpdateOptions = {},
): Promise<MembershipChange> {
  const ids = memberIds(userIds, true);
  // no transaction of the caller's to join, and no role derived from groups to recompute: one statement
  if (ids.length && !ctx.em.isInTransaction()) {
    authorize(ctx, organizationId, 'provision');
    const config = await loadOrgConfig(ctx.em, organizationId);
    if (config.policy.groupRoleRules.length === 0) {
      const alone = await inTurn(`group:${organizationId}:${groupId}`, () => removeMembersAlone(ctx, organizationId, groupId, ids, opts));
      if (alone) return alone;
    }
  }
  return slowRemoveGroupMembers(ctx, organizationId, groupId, ids, opts);
}

function slowRemoveGroupMembers(ctx: CoreContext, organizationId: string, groupId: string, ids: string[], opts: UpdateOptions) {
  return changeMembers(
    ctx,
    organizationId,
    groupId,
    opts,
    false,
    async () => ({ added: [], removed: [] }),
    (em) => lockGroupRemoving(em, organizationId, groupId, ids),
  );
}

/** Makes the member list exactly `userIds` (an empty list empties the group). */
export function setGroupMembers(ctx: CoreContext, organizationId: string, groupId: string, userIds: readonly string[], opts: UpdateOptions = {}) {
  const ids = memberIds(userIds);
  return changeMembers(ctx, organizationId, groupId, opts, ids.length > 0, async (em, g) => {
    await assertUsersExist(em, organizationId, ids);
    const removedRows = await sql<{ user_id: string }>(
      em,
      'delete from group_memberships where group_id = ? and not (user_id = any(?::uuid[])) returning user_id',
      [g.id, pgArray(ids)],
    );
    return { added: await insertMembers(em, organizationId, g, ids), removed: removedRows.map((r) => r.user_id) };
  });
}

import { columnProps, fromRow, insertRowsStatement, insertStatement, lockRawRow, lockRow, lockedRow, saveRow, saveRowDeferred, sql, type Em } from '../db.js';
import { sameJson } from '../../shared/json-equal.js';
import { User, type ProvisioningSource, type UserRole } from '../entities/user.js';
import type { Group } from '../entities/group.js';
import { AppError, badInput, errorFromDb, notFound } from '../errors.js';
import { type EventType, type FieldChanges, type NewEvent } from '../events/event-types.js';
import { eventRow, eventRowsInsert } from '../events/event-writer.js';
import { WriteBatcher } from '../write-batcher.js';
import { knownGroups } from '../queries/groups-query.js';
import { groupsColumn, groupsColumnOf, readUserWithGroups } from '../queries/users-query.js';
import { isUuid, uuidv7 } from '../../shared/ids.js';
import { actorOf, type Principal } from '../principal.js';
import { authorize, type CoreContext } from '../access.js';
import { transact, type EventBuffer } from './transaction.js';
import { holdMembershipAdds } from './membership-locks.js';
import { validateCustomValues } from './custom-attributes.js';
import { loadOrgConfig, type OrgConfig } from '../org-config.js';
import { recomputeRoles, roleFromGroups } from './roles.js';
import {
  deactivationEffects,
  effectiveRole,
  enforce,
  mayChangeUser,
  mayReactivateAsNewUser,
  mayTakeSeat,
  mayWriteAttribute,
  reactivationBranch,
  seatsCounted,
} from './policy-decisions.js';
import { foldKey, HISTORY_MARK } from '../keys.js';
import { holdAdvisoryLock, SEAT_COUNT_LOCK } from '../locks.js';
import { normalizeUserFields, type UserFields } from './user-fields.js';
import { endOidcAccess } from './oidc-logout.js';

/** The source a change is attributed to, from who makes it. */
export function sourceOf(p: Principal): ProvisioningSource {
  return p.kind === 'SCIM_TOKEN' ? 'SCIM' : p.kind === 'SAML' ? 'SAML' : 'API';
}

type FieldKey = keyof UserFields;

/** How each writable field reads from the entity, for diffs and event payloads. */
function current(u: User, k: FieldKey): unknown {
  if (k === 'managerId') return u.manager;
  if (k === 'role') return u.baseRole;
  return (u as unknown as Record<string, unknown>)[k];
}

function assign(u: User, k: FieldKey, v: unknown): void {
  switch (k) {
    case 'managerId':
      u.manager = v as string | null;
      return;
    case 'role':
      u.baseRole = v as UserRole;
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

const EMPTY_LIST_FIELDS = new Set<FieldKey>(['emails', 'phoneNumbers', 'addresses']);
/** Provenance records who last wrote a value: writing "nothing" releases ownership (docs/PROVISIONING.md §4.4). */
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
async function assertManager(em: Em, organizationId: string, userId: string | null, managerId: string | null | undefined): Promise<void> {
  if (!managerId) return;
  if (managerId === userId) throw badInput('user.managerId.self', 'a user cannot be its own manager', { field: 'managerId' });
  const rows = await sql(em, 'select 1 from users where id = ? and organization_id = ?', [managerId, organizationId]);
  if (rows.length === 0) throw badInput('user.managerId.notFound', 'managerId does not name a user of this organization', { field: 'managerId' });
}

/**
 * Seat limit (docs/PROVISIONING.md §1.6): taken under a per-organization advisory lock held to commit,
 * so concurrent activations cannot together exceed it. Costs nothing when no limit is set.
 */
export async function assertSeatAvailable(em: Em, config: OrgConfig): Promise<void> {
  if (!seatsCounted(config.policy)) return;
  await holdAdvisoryLock(em, SEAT_COUNT_LOCK, config.organizationId);
  const rows = await sql<{ n: number }>(em, 'select count(*)::int as n from users where organization_id = ? and active', [config.organizationId]);
  enforce(mayTakeSeat(config.policy, rows[0]?.n ?? 0));
}

/** A user by id, or null; `withGroups`: its groups read in the same statement (for a `groups` selection). */
export async function getUser(ctx: CoreContext, organizationId: string, id: string, opts: { withGroups?: boolean } = {}): Promise<User | null> {
  authorize(ctx, organizationId, 'read');
  if (!isUuid(id)) return null;
  if (opts.withGroups) return readUserWithGroups(ctx.em, organizationId, id);
  const rows = await sql(ctx.em, 'select * from users where id = ? and organization_id = ?', [id, organizationId]);
  return rows[0] ? fromRow(ctx.em, User, rows[0]) : null;
}

/**
 * Loads the user row locked for the rest of the transaction; NOT_FOUND across organizations too.
 * A plain object outside the unit of work: whoever changes it writes it with saveRow.
 */
export async function lockUser(em: Em, organizationId: string, id: string): Promise<User> {
  if (!isUuid(id)) throw notFound('user');
  const u = await lockRow(em, User, 'id = ? and organization_id = ?', [id, organizationId]);
  if (!u) throw notFound('user');
  return u;
}

/** lockUser, and the user's groups as they are at the lock, read in the same statement. */
export async function lockUserWithGroups(em: Em, organizationId: string, id: string): Promise<{ user: User; groups: Group[] }> {
  if (!isUuid(id)) throw notFound('user');
  const row = await lockRawRow(em, User, 'id = ? and organization_id = ?', [id, organizationId], `, ${groupsColumn('t')}`);
  if (!row) throw notFound('user');
  return { user: lockedRow(em, User, row), groups: groupsColumnOf(em, row)! };
}

export function checkVersion(kind: string, actual: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== actual) {
    const why = expected < actual ? `was changed since version ${expected}` : `never had version ${expected}`;
    throw new AppError('PRECONDITION_FAILED', `${kind}.version.mismatch`, `the ${kind} ${why}: it is at version ${actual}`, {
      version: actual,
      field: 'expectedVersion',
    });
  }
}

export interface WriteOptions {
  source: ProvisioningSource;
  /**
   * An explicit edit by an administrator (GraphQL updateUser with an API key): always applied.
   * Syncs from SCIM and SAML instead respect attribute precedence (docs/PROVISIONING.md §4.4).
   */
  explicit: boolean;
  expectedVersion?: number;
  /**
   * The caller's transaction writes nothing more before its events (provisioning's update of one
   * user): the row's update goes in the events' statement (saveRowDeferred), one round trip fewer.
   */
  lastWrite?: boolean;
}

export interface WriteResult {
  user: User;
  changes: FieldChanges;
  /** Fields a sync did not write because a more authoritative source owns them. */
  skipped: string[];
}

/** A new, unsaved user from validated fields: default role, custom attributes, provenance. */
function buildNewUser(config: OrgConfig, fields: UserFields, source: ProvisioningSource): { user: User; changes: FieldChanges } {
  if (fields.userName === undefined) throw badInput('user.userName.required', 'userName is required', { field: 'userName' });
  const u = new User();
  u.organization = config.organizationId;
  u.provisionedBy = source;
  u.baseRole = u.role = config.policy.defaultRole;
  const custom = validateCustomValues(config.definitions, fields.customAttributes ?? {}, {});
  const changes: FieldChanges = {};
  const at = u.createdAt.toISOString();
  for (const [k, v] of Object.entries(fields) as [FieldKey, unknown][]) {
    if (k === 'customAttributes') continue;
    assign(u, k, v);
    if (isEmpty(v)) continue;
    changes[k] = { before: null, after: current(u, k) };
    if (k !== 'active') u.attributeSources[k] = { source, at };
  }
  for (const [k, v] of Object.entries(custom)) {
    if (v === null) continue;
    u.customAttributes[k] = v;
    u.attributeSources[`custom:${k}`] = { source, at };
  }
  if (Object.keys(u.customAttributes).length) changes.customAttributes = { before: null, after: u.customAttributes };
  u.role = u.baseRole;
  if (!u.active) u.deactivatedAt = u.createdAt;
  return { user: u, changes };
}

/** Creates a user in an open transaction: seat limit, default role, custom attributes, provenance, event. */
export async function insertUser(
  em: Em,
  events: EventBuffer,
  config: OrgConfig,
  fields: UserFields,
  source: ProvisioningSource,
  data: Record<string, unknown> = {},
): Promise<User> {
  await assertManager(em, config.organizationId, null, fields.managerId);
  const { user: u, changes } = buildNewUser(config, fields, source);
  if (u.active) await assertSeatAvailable(em, config);
  em.persist(u);
  await em.flush();
  events.push({ type: 'USER_CREATED', subjectType: 'USER', subjectId: u.id, subjectLabel: u.userName, changes, data: { provisionedBy: source, ...data } });
  return u;
}

/** Whether a create can take the one-statement path: nothing to check beyond the unique indexes. */
export function canInsertFast(config: OrgConfig, fields: UserFields): boolean {
  return !seatsCounted(config.policy) && !fields.managerId;
}

/** One create of a batch: the user's row and its USER_CREATED event, as JSON-ready objects. */
interface FastInsert {
  em: Em;
  row: Record<string, unknown>;
  event: Record<string, unknown>;
}

/** insertUserFast's statement per user insert text (the event part is the same for every create). */
const fastInsertTexts = new Map<string, string>();

function fastInsertText(insert: string): string {
  let text = fastInsertTexts.get(insert);
  if (text === undefined) {
    text = `with u as (${insert} on conflict do nothing returning id, organization_id),
          e as (${eventRowsInsert('u')})
     select u.id from u`;
    if (fastInsertTexts.size < 64) fastInsertTexts.set(insert, text);
  }
  return text;
}

/** Inserts the users of a batch with their events; for each, whether its row was written (false: a unique index refused it). */
async function sendFastInserts(text: string, items: FastInsert[]): Promise<boolean[]> {
  const rows = await sql<{ id: string }>(items[0]!.em, text, [JSON.stringify(items.map((i) => i.row)), JSON.stringify(items.map((i) => i.event))]);
  if (rows.length === items.length) return items.map(() => true);
  const written = new Set(rows.map((r) => r.id));
  return items.map((i) => written.has(i.row['id'] as string));
}

/**
 * Concurrent creates (an IdP import pushes with several connections) go as one statement: one is out
 * at a time, and those arriving meanwhile go together in the next (core/write-batcher.ts), up to 100;
 * a statement out for 20 ms (a row waiting for another transaction's insert of the same userName)
 * lets the next one go. In `npm run bench:peers` (8 clients) a batch holds ~2.6 creates, and
 * PostgreSQL's CPU per create fell from 0.34-0.36 ms to 0.25-0.31.
 */
const fastInserts = new WriteBatcher<FastInsert, boolean>(sendFastInserts, 1, 100, 20);

/**
 * The common create (an IdP pushing a new user) in one round trip and without an explicit
 * transaction: INSERT … ON CONFLICT DO NOTHING and its USER_CREATED event (fed by the inserted row)
 * in a single statement, which PostgreSQL runs atomically, shared with the creates of other requests
 * made at the same moment (each user and its event are written together or not at all).
 * Returns null when a unique index refused the row; the caller then takes the full path, which
 * restores a deactivated user or names the conflict.
 * The user row's foreign key to the organization locks that row `for key share` for the event too
 * (events have no foreign key of their own; see `writeEvents`).
 */
export async function insertUserFast(ctx: CoreContext, config: OrgConfig, fields: UserFields, source: ProvisioningSource): Promise<User | null> {
  const { user: u, changes } = buildNewUser(config, fields, source);
  const insert = insertRowsStatement(ctx.em, 'User', u);
  const item: FastInsert = {
    em: ctx.em,
    row: insert.row,
    event: eventRow(actorOf(ctx.principal), ctx.requestId, {
      type: 'USER_CREATED',
      subjectType: 'USER',
      subjectId: u.id,
      subjectLabel: u.userName,
      changes,
      data: { provisionedBy: source },
    }),
  };
  const text = fastInsertText(insert.text);
  // inside a transaction the statement must run on its connection: alone
  const written = await (ctx.em.getTransactionContext() ? sendFastInserts(text, [item]).then((r) => r[0]!) : fastInserts.write(text, item)).catch(
    (err: unknown) => {
      // e.g. the organization was deleted while this request was on its way
      throw errorFromDb(err) ?? err;
    },
  );
  if (!written) return null;
  knownGroups.set(u, []);
  return u;
}

/** Everything deactivation implies besides the flag (docs/PROVISIONING.md §1.4). */
async function onDeactivated(em: Em, config: OrgConfig, u: User): Promise<NewEvent[]> {
  const out: NewEvent[] = [];
  // sessions come only from sign-ins, which set lastSignInAt: a user who never signed in has none
  if (u.lastSignInAt) {
    const ended = await sql(em, 'update sessions set revoked_at = now() where user_id = ? and revoked_at is null and expires_at > now() returning id', [u.id]);
    if (ended.length)
      out.push({
        type: 'SESSION_REVOKED',
        subjectType: 'USER',
        subjectId: u.id,
        subjectLabel: u.userName,
        data: { reason: 'deactivation', sessions: ended.length },
      });
    // and the clients it was handed to over OpenID Connect (only a signed-in user has any)
    out.push(...(await endOidcAccess(em, config.organizationId, { id: u.id, userName: u.userName }, 'deactivation')));
  }
  if (deactivationEffects(config.policy).removeMemberships) out.push(...(await removeAllMemberships(em, u, 'deactivation')));
  return out;
}

/** Takes the user out of every group (counts and versions of the groups follow); one event per group. */
async function removeAllMemberships(em: Em, u: User, reason: string): Promise<NewEvent[]> {
  const removed = await sql<{ id: string; display_name: string }>(
    em,
    `with del as (delete from group_memberships where user_id = ? returning group_id)
     update groups g set member_count = member_count - 1, version = version + 1, updated_at = now()
       from del where g.id = del.group_id returning g.id, g.display_name`,
    [u.id],
  );
  return removed.map((g) => ({
    type: 'MEMBERSHIP_REMOVED',
    subjectType: 'GROUP',
    subjectId: g.id,
    subjectLabel: g.display_name,
    objectType: 'USER',
    objectId: u.id,
    data: { reason },
  }));
}

/**
 * Applies `fields` to a locked user in an open transaction and records one event for every changed
 * field (undefined = keep, null = clear). Handles precedence, provenance, custom attribute
 * validation, seat limit on reactivation, deactivation effects and the effective role.
 */
export async function applyUserChanges(em: Em, events: EventBuffer, config: OrgConfig, u: User, fields: UserFields, opts: WriteOptions): Promise<WriteResult> {
  checkVersion('user', u.version, opts.expectedVersion);
  const historyCopy = isHistoryCopy(u); // before a rename below takes its mark away
  if (fields.managerId !== undefined) await assertManager(em, config.organizationId, u.id, fields.managerId);
  const owns = (key: string) => mayWriteAttribute(config.policy, opts, u.attributeSources[key]?.source);
  const changes: FieldChanges = {};
  const skipped: string[] = [];
  const at = new Date().toISOString();
  for (const [k, v] of Object.entries(fields) as [FieldKey, unknown][]) {
    if (k === 'customAttributes') continue;
    const before = current(u, k);
    if (sameJson(before, v ?? (EMPTY_LIST_FIELDS.has(k) ? [] : null))) continue;
    if (k !== 'active' && !owns(k)) {
      skipped.push(k);
      continue;
    }
    assign(u, k, v);
    changes[k] = { before, after: current(u, k) };
    if (k === 'active') continue;
    if (isEmpty(v)) delete u.attributeSources[k];
    else u.attributeSources[k] = { source: opts.source, at };
  }
  if (fields.customAttributes) {
    const wanted = Object.fromEntries(Object.entries(fields.customAttributes).filter(([k]) => owns(`custom:${k}`) || !skipped.push(`custom:${k}`)));
    const merged = { ...u.customAttributes };
    const valid = validateCustomValues(config.definitions, wanted, merged);
    for (const [k, v] of Object.entries(valid)) {
      if (sameJson(v, u.customAttributes[k] ?? null)) continue;
      if (v === null) {
        delete merged[k];
        delete u.attributeSources[`custom:${k}`];
      } else {
        merged[k] = v;
        u.attributeSources[`custom:${k}`] = { source: opts.source, at };
      }
    }
    if (!sameJson(merged, u.customAttributes)) {
      changes.customAttributes = { before: u.customAttributes, after: merged };
      u.customAttributes = merged;
    }
  }
  if (Object.keys(changes).length === 0) return { user: u, changes, skipped };
  enforce(mayChangeUser({ historyCopy }, Object.keys(changes)[0]!));
  let type: EventType = 'USER_UPDATED';
  const extra: NewEvent[] = [];
  if (changes.active) {
    type = u.active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED';
    const before = u.deactivatedAt;
    u.deactivatedAt = u.active ? null : new Date();
    changes.deactivatedAt = { before, after: u.deactivatedAt };
    if (u.active) await assertSeatAvailable(em, config);
    else extra.push(...(await onDeactivated(em, config, u)));
  }
  if (changes.role || changes.active) {
    const effective = effectiveRole(u.baseRole, await roleFromGroups(em, u.id, config.policy.groupRoleRules));
    if (effective !== u.role) {
      changes.effectiveRole = { before: u.role, after: effective };
      u.role = effective;
    }
  }
  u.version += 1;
  u.updatedAt = new Date();
  if (opts.lastWrite) saveRowDeferred(em, 'User', u);
  else await saveRow(em, 'User', u);
  events.push({ type, subjectType: 'USER', subjectId: u.id, subjectLabel: u.userName, changes }, ...extra);
  return { user: u, changes, skipped };
}

/** Whether a user is the history copy a NEW_USER reactivation keeps: its userName is `<userName>#archived-<its own id>` (HISTORY_MARK). */
export const isHistoryCopy = (u: { id: string; userName: string }) => foldKey(u.userName).includes(HISTORY_MARK);

/** Columns a NEW_USER reactivation keeps; and the bookkeeping ones it resets without reporting. */
const KEPT_ON_RENEWAL = new Set(['id', 'organization', 'version']);
const UNREPORTED = new Set(['userNameKey', 'emailKeys', 'attributeSources', 'createdAt', 'updatedAt']);
/** Event field names (FieldChanges keys) of the columns named otherwise. */
const EVENT_FIELD: Record<string, string> = { manager: 'managerId', baseRole: 'role', role: 'effectiveRole' };

/**
 * The NEW_USER branch of a reactivation (docs/PROVISIONING.md §1.5; `reactivationBranch`), for every
 * change that reactivates (updateUser, SCIM PUT/PATCH and re-POST): the locked user `old` starts
 * afresh under the same id — the id the identity provider knows and keeps sending — with `fields`
 * (their `active` aside) and everything else as for a new user (no memberships, the default role, no
 * custom attributes). The record as it was is kept, deactivated, as a history copy under a new id
 * and the userName `<userName>#archived-<that id>` (externalId cleared). A history copy itself cannot
 * be reactivated (`mayReactivateAsNewUser`). `expectedVersion` is checked first, as an update would.
 */
export async function reactivateAsNewUser(
  em: Em,
  events: EventBuffer,
  config: OrgConfig,
  old: User,
  input: UserFields,
  source: ProvisioningSource,
  expectedVersion?: number,
): Promise<User> {
  checkVersion('user', old.version, expectedVersion);
  enforce(mayReactivateAsNewUser({ historyCopy: isHistoryCopy(old) }));
  const fields: UserFields = { ...input };
  delete fields.active;
  await assertManager(em, config.organizationId, old.id, fields.managerId);
  // the history copy: the row as it is, under a new id
  const historyId = uuidv7();
  const archived = `${old.userName}${HISTORY_MARK}${historyId}`;
  const copy: User = { ...old, id: historyId, userName: archived, userNameKey: foldKey(archived), externalId: null, updatedAt: new Date(), version: 1 };
  const insert = insertStatement(em, 'User', copy);
  await sql(em, insert.text, insert.params);
  events.push({
    type: 'USER_CREATED',
    subjectType: 'USER',
    subjectId: historyId,
    subjectLabel: archived,
    changes: { userName: { before: null, after: archived } },
    data: { reason: 'reactivation.newUser', historyOf: old.id },
  });
  // the user itself, as new
  const removed = await removeAllMemberships(em, old, 'reactivation.newUser');
  const { user: fresh } = buildNewUser(config, { userName: old.userName, externalId: old.externalId, ...fields, active: true }, source);
  await assertSeatAvailable(em, config);
  const changes: FieldChanges = {};
  const o = old as unknown as Record<string, unknown>;
  const f = fresh as unknown as Record<string, unknown>;
  for (const prop of columnProps(em, 'User')) {
    if (KEPT_ON_RENEWAL.has(prop)) continue;
    const before = o[prop] ?? null;
    const after = f[prop] ?? null;
    if (!UNREPORTED.has(prop) && !sameJson(before, after)) changes[EVENT_FIELD[prop] ?? prop] = { before, after };
    o[prop] = f[prop];
  }
  old.updatedAt = fresh.createdAt;
  old.version += 1;
  await saveRow(em, 'User', old);
  knownGroups.set(old, []);
  events.push(
    {
      type: 'USER_REACTIVATED',
      subjectType: 'USER',
      subjectId: old.id,
      subjectLabel: old.userName,
      changes,
      data: { reason: 'reactivation.newUser', history: historyId },
    },
    ...removed,
  );
  return old;
}

export async function createUser(ctx: CoreContext, organizationId: string, input: UserFields): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeUserFields(input);
  if (fields.userName === undefined) throw badInput('user.userName.required', 'userName is required', { field: 'userName' });
  const source = sourceOf(ctx.principal);
  const config = await loadOrgConfig(ctx.em, organizationId);
  if (canInsertFast(config, fields)) {
    const u = await insertUserFast(ctx, config, fields, source);
    if (u) return u;
  }
  return transact(ctx, organizationId, async (em, events) => insertUser(em, events, await loadOrgConfig(em, organizationId), fields, source));
}

export interface UpdateOptions {
  /** When set, the update fails with PRECONDITION_FAILED unless the user is at this version (SCIM If-Match). */
  expectedVersion?: number;
}

/**
 * Applies `input` (undefined = keep, null = clear). An API key's edit is explicit and always applied;
 * a SCIM token's is a sync that respects precedence. Reactivation follows the policy (RESTORE or NEW_USER).
 */
export async function updateUser(ctx: CoreContext, organizationId: string, id: string, input: UserFields, opts: UpdateOptions = {}): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  const fields = normalizeUserFields(input);
  if ('userName' in input && input.userName === null) throw badInput('user.userName.required', 'userName cannot be cleared', { field: 'userName' });
  const source = sourceOf(ctx.principal);
  return transact(ctx, organizationId, async (em, events) => {
    const config = await loadOrgConfig(em, organizationId);
    const u = await lockUser(em, organizationId, id);
    if (reactivationBranch(config.policy, u, fields.active === true) === 'NEW_USER')
      return reactivateAsNewUser(em, events, config, u, fields, source, opts.expectedVersion);
    return (await applyUserChanges(em, events, config, u, fields, { source, explicit: source === 'API', expectedVersion: opts.expectedVersion })).user;
  });
}

export async function deleteUser(ctx: CoreContext, organizationId: string, id: string, opts: UpdateOptions = {}): Promise<User> {
  authorize(ctx, organizationId, 'provision');
  return transact(ctx, organizationId, async (em, events) => {
    // first (see membership-locks): adds in flight finish before the counters below are read
    await holdMembershipAdds(em, organizationId);
    const u = await lockUser(em, organizationId, id);
    checkVersion('user', u.version, opts.expectedVersion);
    // the user leaves its groups first, as on deactivation, with one MEMBERSHIP_REMOVED per group
    // (reason userDeleted), so a subscriber keeping member counts from membership events stays right
    const left = await removeAllMemberships(em, u, 'userDeleted');
    if (u.lastSignInAt) left.push(...(await endOidcAccess(em, organizationId, { id: u.id, userName: u.userName }, 'deletion')));
    await sql(em, 'delete from users where id = ?', [u.id]);
    events.push(...left, {
      type: 'USER_DELETED',
      subjectType: 'USER',
      subjectId: u.id,
      subjectLabel: u.userName,
      data: { groupIds: left.map((e) => e.subjectId) },
    });
    return u;
  });
}

/** Re-evaluates roles of `userIds` after their memberships changed (no-op without group-to-role rules). */
export async function rolesAfterMembershipChange(em: Em, config: OrgConfig, userIds: string[]): Promise<NewEvent[]> {
  const rules = config.policy.groupRoleRules;
  if (rules.length === 0 || userIds.length === 0) return [];
  return recomputeRoles(em, config.organizationId, rules, userIds);
}

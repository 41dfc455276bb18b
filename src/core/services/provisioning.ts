import { createHash, randomBytes } from 'node:crypto';
import { fromRow, pgArray, saveRow, sql, type Em } from '../db.js';
import { knownGroups } from '../queries/groups-query.js';
import { Session } from '../entities/provisioning.js';
import { User, type ProvisioningSource } from '../entities/user.js';
import { AppError, badInput, errorFromDb, notFound } from '../errors.js';
import type { NewEvent } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, authorizeSessions, type CoreContext } from '../access.js';
import { can } from '../principal.js';
import { EventBuffer, transact } from './transaction.js';
import { applyMappings, type MappingResult, type MappingSource, type RuleOutcome, type StoredMapping } from './mapping-engine.js';
import { loadOrgConfig, type OrgConfig } from '../org-config.js';
import {
  applyUserChanges,
  canInsertFast,
  insertUser,
  insertUserFast,
  lockUser,
  lockUserWithGroups,
  reactivateAsNewUser,
  rolesAfterMembershipChange,
  sourceOf,
} from './users.js';
import { foldKey } from '../keys.js';
import { normalizeAuthnContextClassRef } from '../authn-context.js';
import { normalizeUserFields, normalizeUserFieldsLeniently, type RefusedField, type UserFields } from './user-fields.js';
import {
  enforce,
  groupsLeftOutOfSamlSync,
  mayCreateUser,
  mayProvisionAtFirstSignIn,
  maySignIn,
  reactivationBranch,
  rePostOfDeactivated,
  samlGroupSync,
  type SamlGroupSync,
} from './policy-decisions.js';
import { endOidcAccess } from './oidc-logout.js';

export interface ProvisionInput {
  /** Update this user (SCIM PUT/PATCH); absent: create (SCIM POST). */
  userId?: string | null;
  userName?: string | null;
  externalId?: string | null;
  active?: boolean | null;
  /** The source's raw attributes, mapped by the organization's rules for that source. */
  attributes: Record<string, unknown>;
  expectedVersion?: number | null;
  /** API and platform keys say whose mappings to apply; SCIM tokens are always SCIM. */
  source?: MappingSource | null;
  /** The attributes are a change (SCIM PATCH), not the complete user: only attributes present are written. */
  partial?: boolean | null;
}

export interface ProvisionResult {
  user: User;
  created: boolean;
  /** A deactivated user was brought back by a re-POST (policy RESTORE) or replaced (NEW_USER). */
  restored: boolean;
  skipped: string[];
  outcomes: RuleOutcome[];
}

function mappingSource(ctx: CoreContext, requested: MappingSource | null | undefined): MappingSource {
  const own = sourceOf(ctx.principal);
  if (own === 'SCIM' || own === 'SAML') {
    if (requested && requested !== own) throw badInput('provision.source.mismatch', `this credential provisions as ${own}`, { field: 'source' });
    return own;
  }
  if (requested !== 'SCIM' && requested !== 'SAML')
    throw badInput('provision.source.required', 'say which source (SCIM or SAML) the attributes come from', { field: 'source' });
  return requested;
}

/** Whether an own rule reads the source `userName` (no default does): only then is the bag copied to add it. */
const readsUserName = (stored: StoredMapping | null) => !!stored && stored.rules.some((r) => r.source.toLowerCase() === 'username');

/**
 * The attributes with the call's userName under `userName` (docs/PROVISIONING.md §4.1: a mapping
 * source): the SCIM adapter sends it beside the attributes, not among them. Without one (a PATCH
 * that leaves it, an update that omits it) the bag is as sent.
 */
function withUserName(stored: StoredMapping | null, attributes: Record<string, unknown>, userName: string | null | undefined): Record<string, unknown> {
  return typeof userName === 'string' && readsUserName(stored) ? { ...attributes, userName } : attributes;
}

/**
 * SAML: the NameID is the mapping source `userName` unless the assertion has an attribute of that
 * name (any case), which stays what it was (docs/PROVISIONING.md §4.1).
 */
function withNameId(stored: StoredMapping | null, attributes: Record<string, unknown>, subject: string): Record<string, unknown> {
  if (!readsUserName(stored) || Object.keys(attributes).some((k) => k.toLowerCase() === 'username')) return attributes;
  return { ...attributes, userName: subject };
}

/** Maps the source attributes and validates the result (no database access). */
function prepare(config: OrgConfig, source: MappingSource, input: ProvisionInput) {
  const attributes = input.attributes && typeof input.attributes === 'object' && !Array.isArray(input.attributes) ? input.attributes : {};
  const mode = source === 'SAML' ? 'merge' : input.partial ? 'partial' : 'replace';
  const mapped = applyMappings(
    source,
    config.mappings[source],
    config.definitions,
    withUserName(config.mappings[source], attributes, input.userName),
    mode,
    config.samlProfile,
  );
  const identity: UserFields = {};
  if (input.userName != null) identity.userName = input.userName;
  if (input.externalId !== undefined) identity.externalId = input.externalId;
  if (input.active != null) identity.active = input.active;
  // a cleared `role` target (its rule yielded nothing) returns to the organization's default role
  const roleCleared = mapped.fields.role === null ? { role: config.policy.defaultRole } : {};
  return { mapped, fields: normalizeUserFields({ ...mapped.fields, ...roleCleared, ...identity }) };
}

/** Provision from raw source attributes in an open transaction (shared by provisionUser and its preview). */
async function provisionIn(
  em: Em,
  events: EventBuffer,
  config: OrgConfig,
  source: MappingSource,
  input: ProvisionInput,
  read: ResultReads = {},
): Promise<ProvisionResult> {
  const { mapped, fields } = prepare(config, source, input);
  const opts = { source: source as ProvisioningSource, explicit: false, expectedVersion: input.expectedVersion ?? undefined };
  if (input.userId) {
    // the groups the answer shows, read with the lock: unchanged unless this change changes a membership
    const { user: u, groups } = read.withGroups
      ? await lockUserWithGroups(em, config.organizationId, input.userId)
      : { user: await lockUser(em, config.organizationId, input.userId), groups: undefined };
    if (reactivationBranch(config.policy, u, fields.active === true) === 'NEW_USER') {
      return {
        user: await reactivateAsNewUser(em, events, config, u, fields, source, opts.expectedVersion),
        created: false,
        restored: true,
        skipped: [],
        outcomes: mapped.outcomes,
      };
    }
    const r = await applyUserChanges(em, events, config, u, fields, { ...opts, lastWrite: true });
    if (groups && !events.events.some((e) => MEMBERSHIP_EVENTS.has(e.type))) knownGroups.set(r.user, groups);
    return { user: r.user, created: false, restored: false, skipped: r.skipped, outcomes: mapped.outcomes };
  }
  if (fields.userName === undefined) throw badInput('user.userName.required', 'userName is required', { field: 'userName' });
  // a re-POST of a known but deactivated user restores it (or replaces it) instead of conflicting
  const existing = await sql<{ id: string; active: boolean }>(
    em,
    `select id, active from users where organization_id = ? and ((user_name_key collate "C") = ? or (external_id = ?::text and ?::text is not null)) limit 2`,
    [config.organizationId, foldKey(fields.userName), fields.externalId ?? null, fields.externalId ?? null],
  );
  const restore = rePostOfDeactivated(source, existing, fields.active);
  if (restore) {
    const u = await lockUser(em, config.organizationId, restore.userId);
    if (reactivationBranch(config.policy, u, restore.activate) === 'NEW_USER') {
      return { user: await reactivateAsNewUser(em, events, config, u, fields, source), created: false, restored: true, skipped: [], outcomes: mapped.outcomes };
    }
    const r = await applyUserChanges(em, events, config, u, { ...fields, active: restore.activate }, { ...opts, lastWrite: true });
    return { user: r.user, created: false, restored: true, skipped: r.skipped, outcomes: mapped.outcomes };
  }
  enforce(mayCreateUser(config.policy, source));
  const user = await insertUser(em, events, config, fields, source);
  return { user, created: true, restored: false, skipped: [], outcomes: mapped.outcomes };
}

/** What the caller will read of the result besides the user's own columns. */
export interface ResultReads {
  /** The user's groups (read with the user's lock when the change is an update). */
  withGroups?: boolean;
}

const MEMBERSHIP_EVENTS = new Set<string>(['MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED']);

/** Creates or updates a user from a source's raw attributes through the organization's mappings (SCIM POST/PUT/PATCH). */
export async function provisionUser(ctx: CoreContext, organizationId: string, input: ProvisionInput, read: ResultReads = {}): Promise<ProvisionResult> {
  authorize(ctx, organizationId, 'provision');
  const source = mappingSource(ctx, input.source);
  if (input.userId && !isUuid(input.userId)) throw notFound('user');
  if (!input.userId) {
    // the hot path of an IdP import: a new user, created in one statement when nothing else applies
    const config = await loadOrgConfig(ctx.em, organizationId);
    const { mapped, fields } = prepare(config, source, input);
    if (fields.userName !== undefined && canInsertFast(config, fields) && mayCreateUser(config.policy, source).allowed) {
      const user = await insertUserFast(ctx, config, fields, source);
      if (user) return { user, created: true, restored: false, skipped: [], outcomes: mapped.outcomes };
    }
  }
  return transact(ctx, organizationId, async (em, events) => provisionIn(em, events, await loadOrgConfig(em, organizationId), source, input, read));
}

export interface SignInInput {
  /** The SAML NameID (or the subject of another sign-in protocol). */
  subject: string;
  attributes: Record<string, unknown>;
  /** IdP session index, kept with the session for single logout. */
  sessionIndex?: string | null;
  /** The assertion's AuthnContextClassRef, kept with the session (OIDC `acr`/`amr`, core/authn-context.ts). */
  authnContextClassRef?: string | null;
}

export interface SignInResult {
  user: User;
  created: boolean;
  outcomes: RuleOutcome[];
  skipped: string[];
  /** Attribute values left out because the user model refuses them (the sign-in went ahead). */
  refused: RefusedField[];
  /** The session cookie secret, returned once; only its hash is stored. */
  sessionToken: string;
  sessionExpiresAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The group names a sign-in's group sync follows (docs/PROVISIONING.md §4.5; `samlGroupSync`), or
 * null when memberships are left alone. The connection's `keepGroupsWhenAttributeAbsent` is read
 * only when the groups attribute is absent, the one case it decides.
 */
async function groupsToSync(em: Em, organizationId: string, mapped: MappingResult): Promise<SamlGroupSync | null> {
  let keep = false;
  if (mapped.groupsMissing === 'absent') {
    const rows = await sql<{ keep: boolean }>(em, 'select keep_groups_when_attribute_absent as keep from saml_connections where organization_id = ?', [
      organizationId,
    ]);
    keep = rows[0]?.keep ?? false;
  }
  return samlGroupSync(mapped, keep);
}

/**
 * SAML group sync (docs/PROVISIONING.md §4.5): memberships follow the asserted group names, but
 * only in groups SAML may manage — not groups pushed by SCIM while SCIM outranks SAML. `missing`
 * (the groups attribute was empty or absent) is recorded with each removal.
 */
async function syncGroups(em: Em, config: OrgConfig, user: User, names: string[], missing?: 'empty' | 'absent'): Promise<NewEvent[]> {
  const outranking = groupsLeftOutOfSamlSync(config.policy);
  const groups = await sql<{ id: string; display_name: string; display_name_key: string; member: boolean }>(
    em,
    `select g.id, g.display_name, g.display_name_key,
            exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ?) as member
       from groups g where g.organization_id = ? and not (g.provisioned_by = any(?::text[]))
        and (g.display_name_key = any(?::text[]) or exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ?))`,
    [user.id, config.organizationId, pgArray(outranking), pgArray(names.map(foldKey)), user.id],
  );
  const wanted = new Set(names.map(foldKey));
  const add = groups.filter((g) => wanted.has(g.display_name_key) && !g.member);
  const remove = groups.filter((g) => !wanted.has(g.display_name_key) && g.member);
  const events: NewEvent[] = [];
  if (add.length) {
    // the update locks the groups first (one deleted meanwhile is skipped): memberships have no
    // foreign keys, so nothing else stops a membership of a deleted group (see GroupMembership)
    await sql(
      em,
      `with locked as (update groups set member_count = member_count + 1, version = version + 1, updated_at = now() where id = any(?::uuid[]) returning id)
       insert into group_memberships (group_id, user_id, organization_id, created_at) select id, ?, ?, now() from locked on conflict do nothing`,
      [pgArray(add.map((g) => g.id)), user.id, config.organizationId],
    );
  }
  if (remove.length) {
    await sql(em, `delete from group_memberships where user_id = ? and group_id = any(?::uuid[])`, [user.id, pgArray(remove.map((g) => g.id))]);
    await sql(em, `update groups set member_count = member_count - 1, version = version + 1, updated_at = now() where id = any(?::uuid[])`, [
      pgArray(remove.map((g) => g.id)),
    ]);
  }
  for (const [type, list] of [
    ['MEMBERSHIP_ADDED', add],
    ['MEMBERSHIP_REMOVED', remove],
  ] as const) {
    for (const g of list)
      events.push({
        type,
        subjectType: 'GROUP',
        subjectId: g.id,
        subjectLabel: g.display_name,
        objectType: 'USER',
        objectId: user.id,
        data: { via: 'saml', ...(missing ? { groupsAttribute: missing } : {}) },
      });
  }
  return events;
}

async function signInIn(em: Em, events: EventBuffer, config: OrgConfig, input: SignInInput): Promise<SignInResult> {
  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  if (!subject) throw badInput('signIn.subject.required', 'the sign-in subject (NameID) is empty', { field: 'subject' });
  const attributes = input.attributes && typeof input.attributes === 'object' && !Array.isArray(input.attributes) ? input.attributes : {};
  const mapped = applyMappings(
    'SAML',
    config.mappings.SAML,
    config.definitions,
    withNameId(config.mappings.SAML, attributes, subject),
    'merge',
    config.samlProfile,
  );
  const userName = (mapped.userName ?? subject).trim();
  // an attribute value the user model refuses is left out (and reported), not a failed sign-in
  const { fields, refused } = normalizeUserFieldsLeniently({ ...mapped.fields });
  const found = await sql<{ id: string }>(em, `select id from users where organization_id = ? and (user_name_key collate "C") = ?`, [
    config.organizationId,
    foldKey(userName),
  ]);
  let user: User;
  let created = false;
  let skipped: string[] = [];
  if (found.length) {
    user = await lockUser(em, config.organizationId, found[0]!.id);
    // the identity provider (via SCIM or an administrator) is the authority on deactivation
    enforce(maySignIn(user));
    const r = await applyUserChanges(em, events, config, user, fields, { source: 'SAML', explicit: false });
    skipped = r.skipped;
  } else {
    const candidate = { ...fields, userName };
    enforce(mayProvisionAtFirstSignIn(config.policy, candidate));
    user = await insertUser(em, events, config, normalizeUserFields(candidate), 'SAML', { via: 'firstLogin' });
    created = true;
  }
  const groups = await groupsToSync(em, config.organizationId, mapped);
  if (groups) {
    const membership = await syncGroups(em, config, user, groups.names, groups.missing);
    events.push(...membership);
    if (membership.length) events.push(...(await rolesAfterMembershipChange(em, config, [user.id])));
  }
  user.lastSignInAt = new Date();
  if (!created) await saveRow(em, 'User', user); // a locked row (a new one is in the unit of work)
  const token = randomBytes(32).toString('base64url');
  const session = new Session();
  session.organization = config.organizationId;
  session.user = user.id;
  session.tokenHash = sha256(token);
  session.samlSessionIndex = input.sessionIndex ?? null;
  session.authnContextClassRef = normalizeAuthnContextClassRef(input.authnContextClassRef);
  session.samlNameId = subject; // Single Logout finds the session by it (saml-logout.ts)
  session.expiresAt = new Date(Date.now() + config.policy.sessionLifetimeSeconds * 1000);
  em.persist(session);
  await em.flush();
  // group-to-role rules may have changed the role in SQL: answer with the row as stored
  if (groups) user = fromRow(em, User, (await sql(em, 'select * from users where id = ?', [user.id]))[0]!);
  events.push({
    type: 'USER_SIGNED_IN',
    subjectType: 'USER',
    subjectId: user.id,
    subjectLabel: user.userName,
    data: { firstLogin: created, sessionId: session.id, ...(refused.length ? { refusedFields: refused.map((r) => r.field) } : {}) },
  });
  return { user, created, outcomes: mapped.outcomes, skipped, refused, sessionToken: token, sessionExpiresAt: session.expiresAt };
}

/**
 * Records a sign-in (docs/PROVISIONING.md §5): finds the user by the mapped userName or the subject,
 * refuses deactivated users, creates unknown ones when the policy allows first-login provisioning
 * (within the seat limit and allowed email domains), syncs mapped attributes and groups, sets
 * lastSignInAt and opens a server-side session.
 */
export async function signIn(ctx: CoreContext, organizationId: string, input: SignInInput): Promise<SignInResult> {
  authorize(ctx, organizationId, 'signIn');
  const once = () => transact(ctx, organizationId, async (em, events) => signInIn(em, events, await loadOrgConfig(em, organizationId), input));
  try {
    return await once();
  } catch (err) {
    // two first sign-ins of the same new person at once (two tabs, two instances): both found no user,
    // and the insert of the one that lost on a unique key rolled back whole. Run once more: it now
    // finds the user the other created and signs in as it (one user, one USER_CREATED). A conflict
    // that is not such a race (another user holds the externalId) fails the same way again.
    const race = err instanceof AppError && (err.reason === 'user.userName.conflict' || err.reason === 'user.externalId.conflict');
    if (!race || ctx.em.isInTransaction()) throw err;
    return once();
  }
}

class DryRun extends Error {
  constructor(readonly value: unknown) {
    super('dry run');
  }
}

export interface PreviewResult {
  /** The user as it would be after the change (null when the change would fail). */
  user: Record<string, unknown> | null;
  created: boolean;
  skipped: string[];
  /** SAML: attribute values the sign-in would leave out (the user model refuses them). */
  refused: RefusedField[];
  outcomes: RuleOutcome[];
  /** The error the real call would return. */
  error: AppError | null;
}

function snapshot(u: User): Record<string, unknown> {
  const { organization, userNameKey, emailKeys, ...rest } = u as unknown as Record<string, unknown>;
  void organization;
  void userNameKey;
  void emailKeys;
  return JSON.parse(JSON.stringify(rest));
}

/**
 * Dry run (docs/PROVISIONING.md §4.6): runs the real provisioning or sign-in code in a transaction
 * that is always rolled back, so the preview cannot drift from what a real request would do.
 */
export async function previewProvisioning(
  ctx: CoreContext,
  organizationId: string,
  source: MappingSource,
  input: ProvisionInput | SignInInput,
): Promise<PreviewResult> {
  authorize(ctx, organizationId, 'readSettings');
  if (source !== 'SCIM' && source !== 'SAML') throw badInput('mapping.source.invalid', 'source must be SCIM or SAML', { field: 'source' });
  const r = await dryRun(ctx, organizationId, source, input);
  // a caller that may not read users (a setup link) sees what the mappings make of the input, not
  // the stored data of an existing user it happened to name
  if (!r.created && r.user !== null && !can(ctx.principal, organizationId, 'read')) {
    return {
      ...r,
      user: null,
      error: new AppError(
        'FORBIDDEN',
        'preview.existingUser',
        'this input names an existing user, whose data this caller may not read; preview a user that does not exist yet, or run a test sign-in',
      ),
    };
  }
  return r;
}

async function dryRun(ctx: CoreContext, organizationId: string, source: MappingSource, input: ProvisionInput | SignInInput): Promise<PreviewResult> {
  try {
    await ctx.em.transactional(async (em) => {
      const config = await loadOrgConfig(em as Em, organizationId);
      const events = new EventBuffer(); // collected, never written: the transaction rolls back
      try {
        if (source === 'SAML') {
          const r = await signInIn(em as Em, events, config, input as SignInInput);
          throw new DryRun({ user: snapshot(r.user), created: r.created, skipped: r.skipped, refused: r.refused, outcomes: r.outcomes, error: null });
        }
        const p = input as ProvisionInput;
        if (p.userId && !isUuid(p.userId)) throw notFound('user');
        const r = await provisionIn(em as Em, events, config, 'SCIM', p);
        throw new DryRun({ user: snapshot(r.user), created: r.created, skipped: r.skipped, refused: [], outcomes: r.outcomes, error: null });
      } catch (thrown) {
        if (thrown instanceof DryRun) throw thrown;
        // a unique key another user has (userName, externalId): the CONFLICT the real request reports
        const err = thrown instanceof AppError ? thrown : errorFromDb(thrown);
        if (err && (thrown instanceof AppError || err.code === 'CONFLICT')) {
          const p = input as ProvisionInput;
          const attributes = p.attributes ?? {};
          const bag =
            source === 'SAML'
              ? withNameId(config.mappings.SAML, attributes, String((input as SignInInput).subject ?? '').trim())
              : withUserName(config.mappings.SCIM, attributes, p.userName);
          const outcomes = applyMappings(
            source,
            config.mappings[source],
            config.definitions,
            bag,
            source === 'SAML' ? 'merge' : p.partial ? 'partial' : 'replace',
            config.samlProfile,
          ).outcomes;
          throw new DryRun({ user: null, created: false, skipped: [], refused: [], outcomes, error: err });
        }
        throw thrown;
      }
    });
  } catch (err) {
    if (err instanceof DryRun) return err.value as PreviewResult;
    throw err;
  }
  throw new Error('unreachable: the dry run always rolls back');
}

/** The user behind a session cookie, or null when it is unknown, expired, revoked or the user is inactive. */
export interface LiveSession {
  user: User;
  expiresAt: Date;
  /** When the SAML sign-in that opened the session happened (OIDC `auth_time` when the session is reused). */
  createdAt: Date;
  authnContextClassRef: string | null;
}

export async function sessionUser(ctx: CoreContext, organizationId: string, token: string): Promise<LiveSession | null> {
  authorizeSessions(ctx, organizationId);
  const rows = await sql<{ user_id: string; expires_at: Date; created_at: Date; authn_context_class_ref: string | null }>(
    ctx.em,
    `select s.user_id, s.expires_at, s.created_at, s.authn_context_class_ref from sessions s join users u on u.id = s.user_id
      where s.token_hash = ? and s.organization_id = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
    [sha256(token), organizationId],
  );
  if (!rows.length) return null;
  const user = await ctx.em.findOne(User, { id: rows[0]!.user_id });
  const r = rows[0]!;
  return user ? { user, expiresAt: new Date(r.expires_at), createdAt: new Date(r.created_at), authnContextClassRef: r.authn_context_class_ref } : null;
}

/**
 * Ends a session (logout), with a SESSION_REVOKED event about its user. Returns whether a live
 * session was ended (false for an unknown, already ended or expired one).
 */
export async function endSession(ctx: CoreContext, organizationId: string, token: string): Promise<boolean> {
  authorizeSessions(ctx, organizationId);
  return transact(ctx, organizationId, async (em, events) => {
    const rows = await sql<{ id: string; user_id: string; user_name: string }>(
      em,
      `update sessions s set revoked_at = now() from users u
        where s.token_hash = ? and s.organization_id = ? and s.revoked_at is null and s.expires_at > now() and u.id = s.user_id
        returning s.id, s.user_id, u.user_name`,
      [sha256(token), organizationId],
    );
    const r = rows[0];
    if (!r) return false;
    events.push({ type: 'SESSION_REVOKED', subjectType: 'USER', subjectId: r.user_id, subjectLabel: r.user_name, data: { reason: 'logout', sessions: 1 } });
    // signing out here signs the user out of the clients the session was handed to as well
    events.push(...(await endOidcAccess(em, organizationId, { id: r.user_id, userName: r.user_name }, 'sessionEnded')));
    return true;
  });
}

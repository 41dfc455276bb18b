/**
 * The decisions of an organization's provisioning policy (docs/PROVISIONING.md), each a pure
 * function: the policy's values and the facts of one request in, the decision out — allowed, or
 * refused with the error the API answers with, or the branch to take. No database, no clock.
 *
 * The services read the facts (the locked user, the number of active users, the matching rows),
 * ask here, and do the writing: `provisioning.ts`, `users.ts`, `groups.ts`, `roles.ts`, and
 * `policy.ts`, which stores the settings (and asks `maySetSeatLimit` of a new seat limit).
 * docs/PROVISIONING.md names each function at the section that specifies it.
 */
import type { GroupRoleRule, ReactivationMode } from '../entities/provisioning.js';
import { USER_ROLES, type ProvisioningSource, type UserRole } from '../entities/user.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { PolicyValues } from '../org-config.js';

/** A refusal: what the API answers (GraphQL `extensions.code` and `reason`, SCIM status, SAML error page). */
export interface Refused {
  allowed: false;
  code: ErrorCode;
  reason: string;
  message: string;
  details: Record<string, unknown>;
}

export type Decision = { allowed: true } | Refused;

const ALLOWED: Decision = Object.freeze({ allowed: true });

const refuse = (code: ErrorCode, reason: string, message: string, details: Record<string, unknown> = {}): Refused => ({
  allowed: false,
  code,
  reason,
  message,
  details,
});

/** Throws a refusal as the core's AppError; an allowed decision passes. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new AppError(decision.code, decision.reason, decision.message, decision.details);
}

// §1.1 Modes ------------------------------------------------------------------------------------

/**
 * May `source` create a user (§1.1)? A SCIM create is refused while the mode creates users only at
 * first sign-in (FIRST_LOGIN). First sign-ins ask `mayProvisionAtFirstSignIn`.
 */
export function mayCreateUser(policy: Pick<PolicyValues, 'mode'>, source: ProvisioningSource): Decision {
  if (source === 'SCIM' && policy.mode === 'FIRST_LOGIN') {
    return refuse(
      'FORBIDDEN',
      'policy.mode.scimCreateDisabled',
      'the provisioning policy creates users only at first sign-in (mode FIRST_LOGIN); SCIM may update and deactivate existing users',
    );
  }
  return ALLOWED;
}

/** What a first sign-in knows of the person it would create. */
export interface SignInCandidate {
  userName?: string;
  emails?: ReadonlyArray<{ value: string; primary?: boolean }> | null;
}

/**
 * The domain allowed email domains are checked against (§1.3): of the userName when it is an
 * address, else of the primary email, else of any email; null when none has one.
 */
export function emailDomainOf(u: SignInCandidate): string | null {
  const candidates = [u.userName, ...(u.emails ?? []).filter((e) => e.primary).map((e) => e.value), ...(u.emails ?? []).map((e) => e.value)];
  for (const c of candidates) {
    const m = c ? /@([^@\s]+)$/.exec(c) : null;
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}

/**
 * May a sign-in by someone who is no user yet create them (§1.1, §1.3)? Not in mode SCIM; and with
 * allowed email domains, only someone of one of them (`emailDomainOf`). The seat limit is asked
 * apart (`mayTakeSeat`), as for every activation.
 */
export function mayProvisionAtFirstSignIn(policy: Pick<PolicyValues, 'mode' | 'allowedEmailDomains'>, candidate: SignInCandidate): Decision {
  if (policy.mode === 'SCIM') {
    return refuse('FORBIDDEN', 'signIn.unknownUser', 'no user has this userName, and the policy creates users only through SCIM');
  }
  const allowed = policy.allowedEmailDomains;
  if (allowed.length) {
    const domain = emailDomainOf(candidate);
    if (!domain || !allowed.includes(domain)) {
      return refuse(
        'FORBIDDEN',
        'signIn.domainNotAllowed',
        `first sign-in from ${domain ? `@${domain}` : 'an address without a domain'} is not allowed (allowed: ${allowed.join(', ')})`,
        { domain },
      );
    }
  }
  return ALLOWED;
}

// §1.2 The identity provider is the authority on deactivation ---------------------------------------

/**
 * May an existing user sign in (§1.2)? Not while deactivated, in every mode: a sign-in never
 * re-activates. The message names no one (it reaches logs); the details name the user by id.
 */
export function maySignIn(user: { id: string; active: boolean }): Decision {
  if (!user.active) return refuse('FORBIDDEN', 'signIn.userDeactivated', 'the user is deactivated and cannot sign in', { userId: user.id });
  return ALLOWED;
}

// §1.4 Deactivation ---------------------------------------------------------------------------------

/** What deactivating a user does besides the flag and revoking its sessions (§1.4). */
export function deactivationEffects(policy: Pick<PolicyValues, 'deactivationRemovesMemberships'>): { removeMemberships: boolean } {
  return { removeMemberships: policy.deactivationRemovesMemberships };
}

// §1.5 Reactivation ---------------------------------------------------------------------------------

/**
 * What a change that sets `active` to `activate` does to `user` (§1.5): null when it reactivates
 * nothing (the user is active, or stays inactive); else the policy's branch — RESTORE (the same user
 * comes back: an ordinary update of `active`) or NEW_USER (the user starts afresh under its id).
 */
export function reactivationBranch(policy: Pick<PolicyValues, 'reactivation'>, user: { active: boolean }, activate: boolean): ReactivationMode | null {
  return activate && !user.active ? policy.reactivation : null;
}

/** May a user be reactivated as a new user (§1.5)? Not the history copy an earlier one kept. */
export function mayReactivateAsNewUser(user: { historyCopy: boolean }): Decision {
  if (user.historyCopy) {
    return refuse('CONFLICT', 'user.archived', 'this user is the history record of a reactivation as a new user (NEW_USER); it cannot be reactivated', {
      field: 'active',
    });
  }
  return ALLOWED;
}

/**
 * A change of a user's fields (any source): a history copy of a NEW_USER reactivation is the record
 * as it was and stays so (§1.5). Renaming one would also take its mark away, after which it could be
 * reactivated as an ordinary user. It can be deleted.
 */
export function mayChangeUser(user: { historyCopy: boolean }, field: string): Decision {
  if (user.historyCopy) {
    return refuse(
      'CONFLICT',
      'user.archived',
      'this user is the history record of a reactivation as a new user (NEW_USER); it is kept as it was and cannot be changed (it can be deleted)',
      {
        field,
      },
    );
  }
  return ALLOWED;
}

/**
 * A create from `source` whose userName or externalId matches existing users (`matches`, at most
 * two): a SCIM re-POST of the one deactivated user does not conflict (§1.5) but brings that user
 * back — reactivated unless the create says `active: false`. Null: an ordinary create (which
 * conflicts with any match).
 */
export function rePostOfDeactivated(
  source: ProvisioningSource,
  matches: ReadonlyArray<{ id: string; active: boolean }>,
  active: boolean | undefined,
): { userId: string; activate: boolean } | null {
  if (source !== 'SCIM' || matches.length !== 1 || matches[0]!.active) return null;
  return { userId: matches[0]!.id, activate: active !== false };
}

// §1.6 Seat limit -----------------------------------------------------------------------------------

/** Whether activations count the active users at all (§1.6): only under a seat limit. */
export const seatsCounted = (policy: Pick<PolicyValues, 'seatLimit'>): boolean => policy.seatLimit !== null;

/** May one more user become active, `activeUsers` being active now (§1.6)? */
export function mayTakeSeat(policy: Pick<PolicyValues, 'seatLimit'>, activeUsers: number): Decision {
  const limit = policy.seatLimit;
  if (limit === null || activeUsers < limit) return ALLOWED;
  return refuse('SEAT_LIMIT', 'policy.seatLimit.reached', `the organization's seat limit of ${limit} active users is reached`, { seatLimit: limit });
}

/** May the seat limit become `limit` while `activeUsers` are active (§1.6)? Not below them. */
export function maySetSeatLimit(limit: number, activeUsers: number): Decision {
  if (activeUsers > limit) {
    return refuse('CONFLICT', 'policy.seatLimit.belowUsage', `${activeUsers} users are active; deactivate some before lowering the seat limit to ${limit}`, {
      field: 'seatLimit',
      activeUsers,
    });
  }
  return ALLOWED;
}

// §1.7 Group push -----------------------------------------------------------------------------------

/**
 * May a group push create the members it names by userName that are no users yet (§1.7)? Only
 * when the policy lets group push provision members, and the caller's source may create users at
 * all (mode FIRST_LOGIN: not SCIM, §1.1); otherwise the whole push is refused.
 */
export function mayGroupPushCreate(
  policy: Pick<PolicyValues, 'groupPushProvisionsMembers' | 'mode'>,
  source: ProvisioningSource,
  unknownUserNames: readonly string[],
): Decision {
  if (unknownUserNames.length === 0) return ALLOWED;
  const create = mayCreateUser(policy, source);
  if (!create.allowed) return create;
  if (policy.groupPushProvisionsMembers) return ALLOWED;
  return refuse(
    'FORBIDDEN',
    'policy.groupPush.provisioningDisabled',
    `the provisioning policy does not let group push create users (${unknownUserNames.length} unknown: ${unknownUserNames.slice(0, 3).join(', ')})`,
    { userNames: unknownUserNames.slice(0, 20) },
  );
}

// §3 Roles ------------------------------------------------------------------------------------------

/** A role's rank (§3.1): VIEWER < MEMBER < EDITOR < ADMIN. */
export const roleRank = (r: string): number => USER_ROLES.indexOf(r as UserRole);

/** The higher of two roles. */
export const maxRole = (a: UserRole, b: UserRole): UserRole => (roleRank(a) >= roleRank(b) ? a : b);

/** The highest role the group-to-role rules grant a member of `groupIds` (§3.2); null when none applies. */
export function roleFromRules(rules: readonly GroupRoleRule[], groupIds: readonly string[]): UserRole | null {
  let best: UserRole | null = null;
  for (const r of rules) if (groupIds.includes(r.groupId)) best = best ? maxRole(best, r.role as UserRole) : (r.role as UserRole);
  return best;
}

/**
 * A user's effective role (§3.2): the highest of its base role and what its groups grant. The
 * set-based re-evaluation (`recomputeRoles`, services/roles.ts) computes the same in SQL.
 */
export const effectiveRole = (baseRole: UserRole, granted: UserRole | null): UserRole => (granted ? maxRole(baseRole, granted) : baseRole);

/** Whether a rule grants a role for membership in the group (§3.2): then its deletion re-evaluates roles. */
export const groupGrantsRole = (policy: Pick<PolicyValues, 'groupRoleRules'>, groupId: string): boolean =>
  policy.groupRoleRules.some((r) => r.groupId === groupId);

// §4.4 Precedence -----------------------------------------------------------------------------------

/** A source's rank in `attributePrecedence`: 0 is the most authoritative; an unranked source ranks last. */
function sourceRank(precedence: readonly string[], source: string): number {
  const i = precedence.indexOf(source);
  return i < 0 ? precedence.length : i;
}

/**
 * May a write from `writer` change an attribute last written by `owner` (§4.4)? An administrator's
 * explicit edit always may; a sync (SCIM, SAML) may unless the owner ranks higher in
 * `attributePrecedence`. False: the attribute is skipped (the result's `skippedFields`). `active`
 * is not subject to precedence: callers do not ask for it.
 */
export function mayWriteAttribute(
  policy: Pick<PolicyValues, 'attributePrecedence'>,
  writer: { source: ProvisioningSource; explicit: boolean },
  owner: ProvisioningSource | undefined,
): boolean {
  if (writer.explicit) return true;
  if (!owner || owner === writer.source) return true;
  return sourceRank(policy.attributePrecedence, writer.source) <= sourceRank(policy.attributePrecedence, owner);
}

// §4.5 SAML group sync ------------------------------------------------------------------------------

/**
 * The `provisionedBy` of groups SAML group sync leaves alone (§4.5): SCIM-pushed groups while SCIM
 * outranks SAML in `attributePrecedence`. Groups created through the API are always SAML's to sync.
 */
export function groupsLeftOutOfSamlSync(policy: Pick<PolicyValues, 'attributePrecedence'>): ProvisioningSource[] {
  const precedence = policy.attributePrecedence;
  return precedence.indexOf('SCIM') < precedence.indexOf('SAML') ? ['SCIM'] : [];
}

/** What one sign-in's group sync follows (§4.5): the group names, and why there are none when the attribute was empty or absent. */
export interface SamlGroupSync {
  names: string[];
  missing?: 'empty' | 'absent';
}

/**
 * The group sync of one sign-in (§4.5), from what the SAML mappings made of the assertion: the
 * asserted names; none when the groups attribute is empty, and by default when it is absent;
 * null (memberships left as they are) when no rule targets `groups`, or when the attribute is
 * absent and the connection says `keepGroupsWhenAttributeAbsent` (read only when it is absent).
 */
export function samlGroupSync(
  mapped: { groups?: string[] | undefined; groupsMissing?: 'empty' | 'absent' | undefined },
  keepGroupsWhenAttributeAbsent: boolean,
): SamlGroupSync | null {
  if (mapped.groups) return { names: mapped.groups };
  if (mapped.groupsMissing === 'empty') return { names: [], missing: 'empty' };
  if (mapped.groupsMissing !== 'absent') return null;
  return keepGroupsWhenAttributeAbsent ? null : { names: [], missing: 'absent' };
}

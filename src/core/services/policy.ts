/**
 * The provisioning policy's settings (docs/PROVISIONING.md §1): `getPolicy` reads them, `setPolicy`
 * changes them, every field validated. What the settings decide, request by request, is in
 * policy-decisions.ts (pure functions the services call).
 */
import { pgArray, sql } from '../db.js';
import { sameJson } from '../../shared/json-equal.js';
import {
  ATTRIBUTE_SOURCES,
  PROVISIONING_MODES,
  REACTIVATION_MODES,
  ProvisioningPolicy,
  type AttributeSource,
  type GroupRoleRule,
  type ProvisioningMode,
  type ReactivationMode,
} from '../entities/provisioning.js';
import { USER_ROLES, type UserRole } from '../entities/user.js';
import { badInput } from '../errors.js';
import type { FieldChanges } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { configChanged, loadOrgConfig, rowToPolicy, type PolicyValues } from '../org-config.js';
import { recomputeRoles } from './roles.js';
import { holdAdvisoryLock, POLICY_WRITE_LOCK, SEAT_COUNT_LOCK } from '../locks.js';
import { enforce, maySetSeatLimit } from './policy-decisions.js';

export interface PolicyInput {
  mode?: ProvisioningMode | null;
  defaultRole?: UserRole | null;
  groupRoleRules?: GroupRoleRule[] | null;
  deactivationRemovesMemberships?: boolean | null;
  reactivation?: ReactivationMode | null;
  groupPushProvisionsMembers?: boolean | null;
  /** null in the input clears the limit (unlimited); omit the field to keep it. */
  seatLimit?: number | null;
  allowedEmailDomains?: string[] | null;
  sessionLifetimeSeconds?: number | null;
  attributePrecedence?: AttributeSource[] | null;
}

const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MIN_SESSION_SECONDS = 300;
export const MAX_SESSION_SECONDS = 30 * 86400;

export async function getPolicy(ctx: CoreContext, organizationId: string): Promise<PolicyValues> {
  authorize(ctx, organizationId, 'readSettings');
  return (await loadOrgConfig(ctx.em, organizationId)).policy;
}

/**
 * Changes the provisioning policy (omitted fields are kept). Validates every field, refuses a seat
 * limit below the active users, records POLICY_CHANGED with a diff and re-evaluates roles when the
 * group-to-role rules changed.
 */
export async function setPolicy(ctx: CoreContext, organizationId: string, input: PolicyInput): Promise<PolicyValues> {
  authorize(ctx, organizationId, 'manage');
  const has = (k: keyof PolicyInput) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;
  const nonNull = (k: keyof PolicyInput) => {
    if (input[k] === null) throw badInput(`policy.${k}.required`, `${k} cannot be null`, { field: k });
  };
  return transact(ctx, organizationId, async (em, events) => {
    // one writer at a time per organization: read-validate-write of the policy row
    await holdAdvisoryLock(em, POLICY_WRITE_LOCK, organizationId);
    const before = (await loadOrgConfig(em, organizationId, { fresh: true })).policy;
    const next: PolicyValues = {
      ...before,
      groupRoleRules: [...before.groupRoleRules],
      allowedEmailDomains: [...before.allowedEmailDomains],
      attributePrecedence: [...before.attributePrecedence],
    };
    if (has('mode')) {
      nonNull('mode');
      if (!PROVISIONING_MODES.includes(input.mode!))
        throw badInput('policy.mode.invalid', `mode must be one of ${PROVISIONING_MODES.join(', ')}`, { field: 'mode' });
      next.mode = input.mode!;
    }
    if (has('defaultRole')) {
      nonNull('defaultRole');
      if (!USER_ROLES.includes(input.defaultRole!))
        throw badInput('policy.defaultRole.invalid', `defaultRole must be one of ${USER_ROLES.join(', ')}`, { field: 'defaultRole' });
      next.defaultRole = input.defaultRole!;
    }
    if (has('groupRoleRules')) {
      nonNull('groupRoleRules');
      const rules = input.groupRoleRules!;
      if (rules.length > 100) throw badInput('policy.groupRoleRules.tooMany', 'at most 100 group-to-role rules', { field: 'groupRoleRules' });
      for (const [i, r] of rules.entries()) {
        if (!isUuid(r.groupId)) throw badInput('policy.groupRoleRules.group', `groupRoleRules[${i}]: no such group`, { field: `groupRoleRules[${i}].groupId` });
        if (!USER_ROLES.includes(r.role as UserRole))
          throw badInput('policy.groupRoleRules.role', `groupRoleRules[${i}]: role must be one of ${USER_ROLES.join(', ')}`, {
            field: `groupRoleRules[${i}].role`,
          });
      }
      const ids = [...new Set(rules.map((r) => r.groupId.toLowerCase()))];
      const found = await sql<{ id: string }>(em, 'select id from groups where organization_id = ? and id = any(?::uuid[])', [organizationId, pgArray(ids)]);
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw badInput('policy.groupRoleRules.group', `no group ${missing[0]} in this organization`, { field: 'groupRoleRules' });
      next.groupRoleRules = rules.map((r) => ({ groupId: r.groupId.toLowerCase(), role: r.role }));
    }
    for (const k of ['deactivationRemovesMemberships', 'groupPushProvisionsMembers'] as const) {
      if (has(k)) {
        nonNull(k);
        next[k] = input[k] === true;
      }
    }
    if (has('reactivation')) {
      nonNull('reactivation');
      if (!REACTIVATION_MODES.includes(input.reactivation!))
        throw badInput('policy.reactivation.invalid', `reactivation must be one of ${REACTIVATION_MODES.join(', ')}`, { field: 'reactivation' });
      next.reactivation = input.reactivation!;
    }
    if (Object.prototype.hasOwnProperty.call(input, 'seatLimit') && input.seatLimit !== undefined) {
      const limit = input.seatLimit;
      if (limit !== null) {
        if (!Number.isInteger(limit) || limit < 0 || limit > 100_000_000)
          throw badInput('policy.seatLimit.invalid', 'seatLimit must be a whole number from 0 to 100,000,000, or null for none', { field: 'seatLimit' });
        await holdAdvisoryLock(em, SEAT_COUNT_LOCK, organizationId);
        const rows = await sql<{ n: number }>(em, 'select count(*)::int as n from users where organization_id = ? and active', [organizationId]);
        enforce(maySetSeatLimit(limit, rows[0]?.n ?? 0));
      }
      next.seatLimit = limit;
    }
    if (has('allowedEmailDomains')) {
      nonNull('allowedEmailDomains');
      const domains = [...new Set(input.allowedEmailDomains!.map((d) => String(d).trim().toLowerCase().replace(/^@/, '')))];
      const bad = domains.find((d) => !DOMAIN_RE.test(d));
      if (bad !== undefined)
        throw badInput('policy.allowedEmailDomains.invalid', `"${bad}" is not a domain name such as example.com`, { field: 'allowedEmailDomains' });
      if (domains.length > 100) throw badInput('policy.allowedEmailDomains.tooMany', 'at most 100 domains', { field: 'allowedEmailDomains' });
      next.allowedEmailDomains = domains;
    }
    if (has('sessionLifetimeSeconds')) {
      nonNull('sessionLifetimeSeconds');
      const s = input.sessionLifetimeSeconds!;
      if (!Number.isInteger(s) || s < MIN_SESSION_SECONDS || s > MAX_SESSION_SECONDS) {
        throw badInput('policy.sessionLifetimeSeconds.invalid', `sessionLifetimeSeconds must be between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS}`, {
          field: 'sessionLifetimeSeconds',
        });
      }
      next.sessionLifetimeSeconds = s;
    }
    if (has('attributePrecedence')) {
      nonNull('attributePrecedence');
      const p = input.attributePrecedence!;
      if (p.length !== ATTRIBUTE_SOURCES.length || new Set(p).size !== p.length || !p.every((s) => ATTRIBUTE_SOURCES.includes(s))) {
        throw badInput('policy.attributePrecedence.invalid', `attributePrecedence must rank each of ${ATTRIBUTE_SOURCES.join(', ')} exactly once`, {
          field: 'attributePrecedence',
        });
      }
      next.attributePrecedence = [...p];
    }
    const changes: FieldChanges = {};
    for (const k of Object.keys(next) as (keyof PolicyValues)[]) {
      if (k === 'version' || k === 'updatedAt') continue;
      if (!sameJson(before[k], next[k])) changes[k] = { before: before[k], after: next[k] };
    }
    if (Object.keys(changes).length === 0) return before;
    const row =
      (await em.findOne(ProvisioningPolicy, { organization: organizationId })) ??
      Object.assign(new ProvisioningPolicy(), { organization: organizationId, version: 0 });
    Object.assign(row, {
      mode: next.mode,
      defaultRole: next.defaultRole,
      groupRoleRules: next.groupRoleRules,
      deactivationRemovesMemberships: next.deactivationRemovesMemberships,
      reactivation: next.reactivation,
      groupPushProvisionsMembers: next.groupPushProvisionsMembers,
      seatLimit: next.seatLimit,
      allowedEmailDomains: next.allowedEmailDomains,
      sessionLifetimeSeconds: next.sessionLifetimeSeconds,
      attributePrecedence: next.attributePrecedence,
      updatedAt: new Date(),
      version: row.version + 1,
    });
    em.persist(row);
    await em.flush();
    await configChanged(em, events, organizationId);
    events.push({ type: 'POLICY_CHANGED', subjectType: 'POLICY', subjectId: organizationId, subjectLabel: 'provisioning policy', changes });
    if (changes.groupRoleRules) events.push(...(await recomputeRoles(em, organizationId, next.groupRoleRules, null)));
    return rowToPolicy({
      mode: row.mode,
      default_role: row.defaultRole,
      group_role_rules: row.groupRoleRules,
      deactivation_removes_memberships: row.deactivationRemovesMemberships,
      reactivation: row.reactivation,
      group_push_provisions_members: row.groupPushProvisionsMembers,
      seat_limit: row.seatLimit,
      allowed_email_domains: row.allowedEmailDomains,
      session_lifetime_seconds: row.sessionLifetimeSeconds,
      attribute_precedence: row.attributePrecedence,
      version: row.version,
      updated_at: row.updatedAt,
    });
  });
}

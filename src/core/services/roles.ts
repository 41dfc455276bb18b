import { pgArray, sql, type Em } from '../db.js';
import type { GroupRoleRule } from '../entities/provisioning.js';
import { USER_ROLES, type UserRole } from '../entities/user.js';
import type { NewEvent } from '../events/event-types.js';
import { roleFromRules } from './policy-decisions.js';

const RANKS = `array[${USER_ROLES.map((r) => `'${r}'`).join(',')}]`;

/** The role a user's memberships grant under the rules (null when none applies; `roleFromRules`). */
export async function roleFromGroups(em: Em, userId: string, rules: GroupRoleRule[]): Promise<UserRole | null> {
  if (rules.length === 0) return null;
  const rows = await sql<{ group_id: string }>(em, 'select group_id from group_memberships where user_id = ? and group_id = any(?::uuid[])', [
    userId,
    pgArray(rules.map((r) => r.groupId)),
  ]);
  return roleFromRules(
    rules,
    rows.map((m) => m.group_id),
  );
}

/**
 * Re-evaluates effective roles set-based (docs/PROVISIONING.md §3.2): role = highest of base_role
 * and every rule whose group the user is in (what `effectiveRole` and `roleFromRules` of
 * policy-decisions.ts decide for one user, here in SQL). `userIds` null means every user the rules
 * could touch (members of a rule group, or users whose role differs from their base role). Returns
 * the events.
 */
export async function recomputeRoles(em: Em, organizationId: string, rules: GroupRoleRule[], userIds: string[] | null): Promise<NewEvent[]> {
  if (userIds !== null && userIds.length === 0) return [];
  const ruleJson = JSON.stringify(rules.map((r) => ({ group_id: r.groupId, role: r.role })));
  const scope =
    userIds === null
      ? `u.organization_id = ? and (u.role <> u.base_role or exists (select 1 from group_memberships m join rules r on r.group_id = m.group_id where m.user_id = u.id))`
      : `u.organization_id = ? and u.id = any(?::uuid[])`;
  const params: unknown[] = [ruleJson, organizationId];
  if (userIds !== null) params.push(pgArray(userIds));
  const rows = await sql<{ id: string; user_name: string; before: string; after: string }>(
    em,
    `with rules as (select * from jsonb_to_recordset(?::jsonb) as r(group_id uuid, role text)),
     computed as (
       select u.id, u.role as before,
              (${RANKS})[greatest(array_position(${RANKS}, u.base_role),
                 coalesce((select max(array_position(${RANKS}, r.role)) from group_memberships m join rules r on r.group_id = m.group_id
                            where m.user_id = u.id), 1))] as after
         from users u where ${scope})
     update users u set role = c.after, version = u.version + 1, updated_at = now()
       from computed c where u.id = c.id and u.role is distinct from c.after
     returning u.id, u.user_name, c.before, c.after`,
    params,
  );
  return rows.map((r) => ({
    type: 'USER_UPDATED' as const,
    subjectType: 'USER' as const,
    subjectId: r.id,
    subjectLabel: r.user_name,
    changes: { role: { before: r.before, after: r.after } },
    data: { reason: 'groupRoleRules' },
  }));
}

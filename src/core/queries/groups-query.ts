import { fromRow, pgArray, sql } from '../db.js';
import { Group } from '../entities/group.js';
import { badInput } from '../errors.js';
import { isUuid } from '../ids.js';
import { authorize, type CoreContext } from '../services/context.js';
import { foldKey } from '../services/user-fields.js';
import { and, dateConditions, not, or, Sql, sqlOf, stringConditions, type DateCondition, type StringCondition } from './sql-builder.js';
import type { SortDirection } from './users-query.js';
import { fetchPage, pinsOneRow, type Page } from './paging.js';

export interface GroupFilter {
  and?: GroupFilter[] | null;
  or?: GroupFilter[] | null;
  not?: GroupFilter | null;
  id?: { eq?: string | null; in?: string[] | null } | null;
  displayName?: StringCondition | null;
  externalId?: StringCondition | null;
  /** Groups that have this user as a member. */
  memberId?: string | null;
  createdAt?: DateCondition | null;
  updatedAt?: DateCondition | null;
}

export const GROUP_SORT_FIELDS = ['CREATED_AT', 'DISPLAY_NAME', 'UPDATED_AT', 'MEMBER_COUNT'] as const;
export type GroupSortField = (typeof GROUP_SORT_FIELDS)[number];

const SORTS: Record<GroupSortField, { expr: string; cast: string }> = {
  CREATED_AT: { expr: 'g.created_at', cast: 'timestamptz' },
  DISPLAY_NAME: { expr: '(g.display_name_key collate "C")', cast: 'text' },
  UPDATED_AT: { expr: 'g.updated_at', cast: 'timestamptz' },
  MEMBER_COUNT: { expr: 'g.member_count', cast: 'integer' },
};

const NIL = '00000000-0000-0000-0000-000000000000';

export function compileGroupFilter(f: GroupFilter | null | undefined): Sql {
  let nodes = 0;
  const walk = (f: GroupFilter, depth: number): Sql => {
    if (++nodes > 200 || depth > 12) throw badInput('filter.tooComplex', 'filters are limited to 200 conditions nested 12 deep');
    const parts: Sql[] = [];
    if (f.and) parts.push(and(f.and.map((x) => walk(x, depth + 1))));
    if (f.or) parts.push(or(f.or.map((x) => walk(x, depth + 1))));
    if (f.not) parts.push(not(walk(f.not, depth + 1)));
    if (f.id?.eq != null) parts.push(sqlOf('g.id = ?::uuid', isUuid(f.id.eq) ? f.id.eq : NIL));
    if (f.id?.in != null) parts.push(f.id.in.length ? sqlOf(`g.id in (${f.id.in.map(() => '?::uuid').join(', ')})`, ...f.id.in.map((i) => (isUuid(i) ? i : NIL))) : sqlOf('false'));
    if (f.displayName) parts.push(...stringConditions('(g.display_name_key collate "C")', f.displayName, foldKey, 'displayName'));
    if (f.externalId) parts.push(...stringConditions('g.external_id', f.externalId, (s) => s, 'externalId'));
    if (f.memberId != null) {
      parts.push(isUuid(f.memberId) ? sqlOf('exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ?)', f.memberId) : sqlOf('false'));
    }
    if (f.createdAt) parts.push(...dateConditions('g.created_at', f.createdAt));
    if (f.updatedAt) parts.push(...dateConditions('g.updated_at', f.updatedAt));
    return and(parts);
  };
  return f ? walk(f, 0) : sqlOf('true');
}

export interface GroupPageArgs {
  filter?: GroupFilter | null;
  sort?: { field: GroupSortField; direction?: SortDirection | null } | null;
  first?: number | null;
  after?: string | null;
  offset?: number | null;
}

export async function listGroups(ctx: CoreContext, organizationId: string, args: GroupPageArgs): Promise<Page<Group>> {
  authorize(ctx, organizationId, 'read');
  const sort = SORTS[args.sort?.field ?? 'CREATED_AT'];
  if (!sort) throw badInput('sort.field.invalid', 'unknown sort field');
  return fetchPage(ctx.em, {
    from: 'groups g',
    alias: 'g',
    where: Sql.join([new Sql('g.organization_id = ?', [organizationId]), compileGroupFilter(args.filter)], ' and '),
    // unique within the organization: id, displayName (groups_org_display_name_key_unique), externalId
    unique: pinsOneRow(args.filter, (f) => f.id?.eq != null || f.displayName?.eq != null || f.externalId?.eq != null),
    sort,
    desc: args.sort?.direction === 'DESC',
    first: args.first,
    after: args.after,
    offset: args.offset,
    map: (row) => fromRow(ctx.em, Group, row),
  });
}

/**
 * Groups already known for a user object, so resolving its groups needs no query: read together with
 * the user (listUsers with withGroups) or known empty (a user created by this request).
 */
export const knownGroups = new WeakMap<object, Group[]>();

/** The groups of each of `userIds`, by display name. */
export async function groupsOfUsers(ctx: CoreContext, organizationId: string, userIds: string[]): Promise<Map<string, Group[]>> {
  authorize(ctx, organizationId, 'read');
  const out = new Map<string, Group[]>(userIds.map((id) => [id, []]));
  const valid = userIds.filter(isUuid);
  if (valid.length === 0) return out;
  const rows = await sql<Record<string, unknown>>(
    ctx.em,
    `select m.user_id as __user_id, g.* from group_memberships m join groups g on g.id = m.group_id
      where m.user_id = any(?::uuid[]) and g.organization_id = ? order by g.display_name_key collate "C"`,
    [pgArray(valid), organizationId],
  );
  for (const r of rows) {
    const userId = r.__user_id as string;
    delete r.__user_id;
    out.get(userId)?.push(fromRow(ctx.em, Group, r));
  }
  return out;
}

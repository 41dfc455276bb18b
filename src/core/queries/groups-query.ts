import { fromRow, pgArray, sql } from '../db.js';
import { Group } from '../entities/group.js';
import { badInput } from '../errors.js';
import { isUuid } from '../ids.js';
import { authorize, type CoreContext } from '../services/context.js';
import { foldKey } from '../services/user-fields.js';
import { and, dateConditions, decodeCursor, encodeCursor, not, or, Sql, sqlOf, stringConditions, type DateCondition, type StringCondition } from './sql-builder.js';
import { MAX_OFFSET, pageSize, type Page, type SortDirection } from './users-query.js';

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
  const limit = pageSize(args.first);
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw badInput('pagination.offset.invalid', `offset must be between 0 and ${MAX_OFFSET}`);
  if (offset && args.after) throw badInput('pagination.offset.withCursor', 'use either offset or after, not both');
  const sort = SORTS[args.sort?.field ?? 'CREATED_AT'];
  if (!sort) throw badInput('sort.field.invalid', 'unknown sort field');
  const desc = args.sort?.direction === 'DESC';
  const where = Sql.join([new Sql('g.organization_id = ?', [organizationId]), compileGroupFilter(args.filter)], ' and ');
  const conds = [where];
  if (args.after) {
    const [key, id] = decodeCursor(args.after);
    conds.push(new Sql(`(${sort.expr}, g.id) ${desc ? '<' : '>'} (?::${sort.cast}, ?::uuid)`, [key, id]));
  }
  const cond = Sql.join(conds, ' and ');
  const dir = desc ? 'desc' : 'asc';
  const nodes: Group[] = [];
  const cursors: string[] = [];
  let hasNextPage = false;
  if (limit > 0) {
    const rows = await sql<Record<string, unknown>>(
      ctx.em,
      `select g.*, (${sort.expr})::text as __sort_key from groups g where ${cond.text} order by ${sort.expr} ${dir}, g.id ${dir} limit ? offset ?`,
      [...cond.params, limit + 1, offset],
    );
    hasNextPage = rows.length > limit;
    for (const row of rows.slice(0, limit)) {
      const key = row.__sort_key as string | null;
      delete row.__sort_key;
      nodes.push(fromRow(ctx.em, Group, row));
      cursors.push(encodeCursor(key, row.id as string));
    }
  }
  let total: Promise<number> | undefined;
  // the last page tells the total without counting (a lookup by userName, the common SCIM case)
  if (limit > 0 && !hasNextPage && !args.after && (nodes.length > 0 || offset === 0)) total = Promise.resolve(offset + nodes.length);
  return {
    nodes,
    cursors,
    hasNextPage,
    totalCount: () => (total ??= sql<{ n: string }>(ctx.em, `select count(*) as n from groups g where ${where.text}`, where.params).then((r) => Number(r[0]!.n))),
  };
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

import { fromRow, pgArray, sql } from '../db.js';
import { Group } from '../entities/group.js';
import { badInput } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { foldKey } from '../keys.js';
import {
  and,
  boundedIn,
  boundedValues,
  dateConditions,
  decodeCursor,
  encodeCursor,
  not,
  or,
  Sql,
  sqlOf,
  stringConditions,
  type DateCondition,
  type StringCondition,
} from './sql-builder.js';
import { fetchPage, pageSize, pinsOneRow, type Page, type SortDirection } from './paging.js';

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
    if (f.id?.in != null)
      parts.push(
        boundedIn('id', f.id.in).length
          ? sqlOf(`g.id in (${f.id.in.map(() => '?::uuid').join(', ')})`, ...f.id.in.map((i) => (isUuid(i) ? i : NIL)))
          : sqlOf('false'),
      );
    if (f.displayName) parts.push(...stringConditions('(g.display_name_key collate "C")', f.displayName, foldKey, 'displayName'));
    if (f.externalId) parts.push(...stringConditions('g.external_id', f.externalId, (s) => s, 'externalId'));
    if (f.memberId != null) {
      parts.push(
        isUuid(f.memberId) ? sqlOf('exists (select 1 from group_memberships m where m.group_id = g.id and m.user_id = ?)', f.memberId) : sqlOf('false'),
      );
    }
    if (f.createdAt) parts.push(...dateConditions('g.created_at', f.createdAt));
    if (f.updatedAt) parts.push(...dateConditions('g.updated_at', f.updatedAt));
    return and(parts);
  };
  return f ? boundedValues(walk(f, 0)) : sqlOf('true');
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
  const page = await fetchPage(ctx.em, {
    from: 'groups g',
    alias: 'g',
    scope: organizationId,
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
  await assertListedOrganization(ctx, organizationId, page.nodes.length === 0);
  return page;
}

/**
 * Groups already known for a user object, so resolving its groups needs no query: read together with
 * the user (listUsers with withGroups) or known empty (a user created by this request).
 */
export const knownGroups = new WeakMap<object, Group[]>();

/**
 * The first `limit` groups of each of `userIds`, by display name. The limit is applied per user in
 * the statement: a page of 1000 users asking for one group each reads 1000 groups, not every
 * membership of every user on the page (which the cost of `User.groups(first)` does not count).
 */
export async function groupsOfUsers(ctx: CoreContext, organizationId: string, userIds: string[], limit: number): Promise<Map<string, Group[]>> {
  authorize(ctx, organizationId, 'read');
  const out = new Map<string, Group[]>(userIds.map((id) => [id, []]));
  const valid = userIds.filter(isUuid);
  if (valid.length === 0 || limit <= 0) return out;
  const rows = await sql<Record<string, unknown>>(
    ctx.em,
    `select u.id as __user_id, g.* from unnest(?::uuid[]) as u(id)
       cross join lateral (select g.* from group_memberships m join groups g on g.id = m.group_id
                            where m.user_id = u.id and g.organization_id = ? order by g.display_name_key collate "C" limit ?) g
      order by u.id, g.display_name_key collate "C"`,
    [pgArray(valid), organizationId, limit],
  );
  for (const r of rows) {
    const userId = r.__user_id as string;
    delete r.__user_id;
    out.get(userId)?.push(fromRow(ctx.em, Group, r));
  }
  return out;
}

const MEMBERSHIPS_LIST = 'memberships';

/** A member of a group as a member list shows it. */
export interface Membership {
  organizationId: string;
  userId: string;
  userName: string;
  displayName: string | null;
  addedAt: Date;
}

/**
 * The members of a group in user-id order, keyset-paged on the membership table's primary key
 * (group_id, user_id): a page reads only its own memberships and the three columns of each user a
 * member list shows, whatever the size of the group or of the organization. For reading a whole
 * large group (SCIM returns every member of a group); `members` pages full users instead.
 */
export async function listMemberships(
  ctx: CoreContext,
  organizationId: string,
  groupId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<Membership>> {
  authorize(ctx, organizationId, 'read');
  const limit = pageSize(args.first);
  let after: string | null = null;
  if (args.after) {
    after = decodeCursor(args.after, `${MEMBERSHIPS_LIST}|${groupId}`)[1];
    if (!isUuid(after)) throw badInput('pagination.cursor.invalid', 'the cursor is not one this API returned');
  }
  const nodes: Membership[] = [];
  let hasNextPage = false;
  if (limit > 0 && isUuid(groupId)) {
    const rows = await sql<{ user_id: string; user_name: string; display_name: string | null; created_at: Date | string }>(
      ctx.em,
      // the page of memberships first, then each one's user by primary key. As a plain join
      // PostgreSQL merge-joins (walking the users index from the start to the cursor on every
      // page) or hash-joins (reading every user of the table); `offset 0` keeps the lateral
      // subquery from being flattened into such a join
      `select m.user_id, u.user_name, u.display_name, m.created_at
        from (select user_id, created_at from group_memberships where group_id = ? and organization_id = ?${after ? ' and user_id > ?::uuid' : ''}
              order by user_id limit ?) m
        cross join lateral (select user_name, display_name from users where id = m.user_id offset 0) u
        order by m.user_id`,
      after ? [groupId, organizationId, after, limit + 1] : [groupId, organizationId, limit + 1],
    );
    hasNextPage = rows.length > limit;
    for (const r of rows.slice(0, limit)) {
      nodes.push({
        organizationId,
        userId: r.user_id,
        userName: r.user_name,
        displayName: r.display_name,
        addedAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
      });
    }
  }
  return {
    nodes,
    cursor: (i) => encodeCursor(null, nodes[i]!.userId, `${MEMBERSHIPS_LIST}|${groupId}`),
    hasNextPage,
    totalCount: () =>
      sql<{ n: string }>(ctx.em, 'select count(*) as n from group_memberships where group_id = ? and organization_id = ?', [groupId, organizationId]).then(
        (r) => Number(r[0]!.n),
      ),
  };
}

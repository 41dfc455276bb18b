import { fromRow, selectColumns, sql, type Em } from '../db.js';
import { PROVISIONING_SOURCES, USER_ROLES, User, type ProvisioningSource, type UserRole } from '../entities/user.js';
import { Group } from '../entities/group.js';
import { knownGroups } from './groups-query.js';
import { badInput } from '../errors.js';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { loadOrgConfig } from '../org-config.js';
import { Sql } from './sql-builder.js';
import { fetchPage, MAX_PAGE_SIZE, pinsOneRow, type Page, type SortDirection } from './paging.js';
export { MAX_PAGE_SIZE, MAX_OFFSET, DEFAULT_PAGE_SIZE, pageSize, type Page } from './paging.js';
import { compileUserFilter, hasCustomConditions, type UserFilter } from './user-filter.js';
import { HISTORY_MARK } from '../keys.js';

export const USER_SORT_FIELDS = [
  'CREATED_AT',
  'USER_NAME',
  'UPDATED_AT',
  'FAMILY_NAME',
  'GIVEN_NAME',
  'DISPLAY_NAME',
  'EXTERNAL_ID',
  'DEPARTMENT',
  'TITLE',
  'EMAIL',
  'CUSTOM_ATTRIBUTE',
] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** Sort expressions and the type their cursor value is cast back to. CREATED_AT and USER_NAME are indexed. */
const SORTS: Record<Exclude<UserSortField, 'CUSTOM_ATTRIBUTE'>, { expr: string; cast: string }> = {
  CREATED_AT: { expr: 'u.created_at', cast: 'timestamptz' },
  USER_NAME: { expr: '(u.user_name_key collate "C")', cast: 'text' },
  UPDATED_AT: { expr: 'u.updated_at', cast: 'timestamptz' },
  FAMILY_NAME: { expr: `coalesce(lower(u.family_name), '')`, cast: 'text' },
  GIVEN_NAME: { expr: `coalesce(lower(u.given_name), '')`, cast: 'text' },
  DISPLAY_NAME: { expr: `coalesce(lower(u.display_name), '')`, cast: 'text' },
  EXTERNAL_ID: { expr: `coalesce(u.external_id, '')`, cast: 'text' },
  DEPARTMENT: { expr: `coalesce(lower(u.department), '')`, cast: 'text' },
  TITLE: { expr: `coalesce(lower(u.title), '')`, cast: 'text' },
  EMAIL: { expr: `coalesce(u.email_keys[1], '')`, cast: 'text' },
};

/** Sorting by a custom attribute: numerically for INTEGER attributes, as text otherwise (DATETIME text sorts by time). */
async function customSort(ctx: CoreContext, organizationId: string, name: string | null | undefined): Promise<{ expr: string; cast: string }> {
  const def = name ? (await loadOrgConfig(ctx.em, organizationId)).definitions.get(name) : undefined;
  if (!def)
    throw badInput('sort.customAttribute.unknown', `sort.customAttribute must name a custom attribute of this organization`, { field: 'sort.customAttribute' });
  // a multi-valued attribute sorts by its first value (as RFC 7644 §3.4.2.3 has SCIM do; it sorted
  // by the list's JSON text)
  const raw = def.multiValued ? `(u.custom_attributes->'${def.name}'->0)` : `(u.custom_attributes->'${def.name}')`;
  if (def.type === 'INTEGER') {
    return { expr: `coalesce(case when jsonb_typeof(${raw}) = 'number' then (${raw})::numeric end, '-Infinity'::numeric)`, cast: 'numeric' };
  }
  return { expr: `coalesce(${raw} #>> '{}', '')`, cast: 'text' };
}

export interface UserPageArgs {
  filter?: UserFilter | null;
  sort?: { field: UserSortField; direction?: SortDirection | null; customAttribute?: string | null } | null;
  first?: number | null;
  after?: string | null;
  /** Rows to skip before the page (SCIM startIndex - 1); cannot be combined with `after`. */
  offset?: number | null;
  /** Also read each user's groups in the same query (see knownGroups): at most this many per user (by display name). */
  withGroups?: number;
  /** Read `attributeSources` (default true); a page that will not show them leaves the column out. */
  withAttributeSources?: boolean;
}

/**
 * The columns a page of users leaves out: the folded keys, which serve filters and uniqueness and
 * are never shown, and the provenance of every attribute unless it is shown (a JSON object per row,
 * the largest column of most users). A page of 1,000 then sends and parses ~1/4 less.
 */
const PAGE_OMITS = ['userNameKey', 'emailKeys'] as const;
const PAGE_OMITS_AND_SOURCES = [...PAGE_OMITS, 'attributeSources'] as const;

/** Whether the filter is `historyCopy: false` alone (a SCIM list without filter). */
const onlyNotHistoryCopies = (f: UserFilter | null | undefined) =>
  f?.historyCopy === false && Object.entries(f).every(([k, v]) => k === 'historyCopy' || v == null);

/**
 * The organization's users that are no history copy, counted as all of them (index-only on
 * users_org_active_index) minus the copies (index-only on the partial users_org_history_copy_index,
 * whose condition this repeats word for word): `not like` would read every row.
 */
const countNotHistoryCopies = (organizationId: string) =>
  new Sql(
    `select (select count(*) from users where organization_id = ?)
          - (select count(*) from users where organization_id = ? and user_name_key like '%${HISTORY_MARK}%') as n`,
    [organizationId, organizationId],
  );

export async function listUsers(ctx: CoreContext, organizationId: string, args: UserPageArgs): Promise<Page<User>> {
  authorize(ctx, organizationId, 'read');
  const sort =
    args.sort?.field === 'CUSTOM_ATTRIBUTE' ? await customSort(ctx, organizationId, args.sort.customAttribute) : SORTS[args.sort?.field ?? 'CREATED_AT'];
  if (!sort) throw badInput('sort.field.invalid', 'unknown sort field');
  // custom attribute conditions are checked against the organization's definitions (cached)
  const definitions = hasCustomConditions(args.filter) ? (await loadOrgConfig(ctx.em, organizationId)).definitions : undefined;
  const omit = args.withAttributeSources === false ? PAGE_OMITS_AND_SOURCES : PAGE_OMITS;
  const page = await fetchPage(ctx.em, {
    from: 'users u',
    alias: 'u',
    scope: organizationId,
    where: Sql.join([new Sql('u.organization_id = ?', [organizationId]), compileUserFilter(args.filter, definitions)], ' and '),
    count: onlyNotHistoryCopies(args.filter) ? countNotHistoryCopies(organizationId) : undefined,
    // unique within the organization: id, userName (users_org_user_name_key_unique), externalId
    unique: pinsOneRow(args.filter, (f) => f.id?.eq != null || f.userName?.eq != null || f.externalId?.eq != null),
    sort,
    desc: args.sort?.direction === 'DESC',
    first: args.first,
    after: args.after,
    offset: args.offset,
    columns: selectColumns(ctx.em, User.name, 'u', omit),
    // the page's groups in the same query when they will be shown (see knownGroups)
    extraColumns: args.withGroups !== undefined ? `, ${groupsColumn('u', groupsRead(args.withGroups))}` : '',
    map: (row) => userWithKnownGroups(ctx.em, row, omit),
  });
  await assertListedOrganization(ctx, organizationId, page.nodes.length === 0);
  return page;
}

/**
 * The groups of the user row `alias` as one JSON column `__groups`, in the order the `groups` field
 * gives them (read back with groupsColumnOf); with `limit` (an integer), only the first that many.
 */
export function groupsColumn(alias: string, limit?: number): string {
  const memberships = `from group_memberships m join groups g on g.id = m.group_id where m.user_id = ${alias}.id`;
  const from =
    limit === undefined ? memberships : `from (select g.* ${memberships} order by g.display_name_key collate "C" limit ${Math.max(0, Math.trunc(limit))}) g`;
  return `(select coalesce(json_agg(row_to_json(g) order by g.display_name_key collate "C"), '[]'::json) ${from}) as __groups`;
}
const GROUPS_COLUMN = groupsColumn('u');

/**
 * How many groups per user a page reads for a `first` of `wanted`: the next power of two (the field
 * takes its `first` of them), at most MAX_PAGE_SIZE. The limit is written into the statement, so the
 * lookup's prepared statement keeps its generic plan (see fetchPage's `unique`), and a dashboard
 * that asks for every `first` from 1 to 1000 still makes at most 12 statement texts, not 1,001 (the
 * process prepares at most 64 texts: the SCIM path's must still find room).
 */
export const groupsRead = (wanted: number): number => (wanted <= 0 ? 0 : Math.min(MAX_PAGE_SIZE, 2 ** Math.ceil(Math.log2(wanted))));

/** The groups of a row read with groupsColumn, or undefined without it. */
export function groupsColumnOf(em: Em, row: Record<string, unknown>): Group[] | undefined {
  const groups = row.__groups as Record<string, unknown>[] | undefined;
  return groups?.map((g) => fromRow(em, Group, g));
}

/** A user row (read without the columns of `omit`), with its groups remembered (knownGroups) when the row carries GROUPS_COLUMN. */
function userWithKnownGroups(em: Em, row: Record<string, unknown>, omit?: readonly string[]): User {
  const user = fromRow(em, User, row, omit);
  const groups = groupsColumnOf(em, row);
  if (groups) knownGroups.set(user, groups);
  return user;
}

/**
 * One user by id, with its groups read in the same statement (a SCIM GET or PATCH shows them:
 * one round trip instead of two). The caller has authorized the read and checked the id's shape.
 */
export async function readUserWithGroups(em: Em, organizationId: string, id: string): Promise<User | null> {
  const rows = await sql(em, `select u.*, ${GROUPS_COLUMN} from users u where u.id = ? and u.organization_id = ?`, [id, organizationId]);
  return rows[0] ? userWithKnownGroups(em, rows[0]) : null;
}

export interface UserStats {
  totalUsers: number;
  activeUsers: number;
  inactiveUsers: number;
  /** History copies kept by NEW_USER reactivations: not users, so in none of the other counts. */
  historyCopies: number;
  /** Every source and every role, zeros included, each with all its users and the active ones. */
  bySource: Array<{ source: ProvisioningSource; count: number; active: number }>;
  byRole: Array<{ role: UserRole; count: number; active: number }>;
}

/** Dashboard counts in one pass over the organization's rows. */
export async function userStats(ctx: CoreContext, organizationId: string): Promise<UserStats> {
  authorize(ctx, organizationId, 'read');
  const rows = await sql<{ source: ProvisioningSource; role: UserRole; active: boolean; copy: boolean; n: string }>(
    ctx.em,
    `select provisioned_by as source, role, active, user_name_key like '%${HISTORY_MARK}%' as copy, count(*) as n
       from users where organization_id = ? group by 1, 2, 3, 4`,
    [organizationId],
  );
  await assertListedOrganization(ctx, organizationId, rows.length === 0);
  const bySource = new Map(PROVISIONING_SOURCES.map((source) => [source, { source, count: 0, active: 0 }]));
  const byRole = new Map(USER_ROLES.map((role) => [role, { role, count: 0, active: 0 }]));
  const stats: UserStats = { totalUsers: 0, activeUsers: 0, inactiveUsers: 0, historyCopies: 0, bySource: [], byRole: [] };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.copy) {
      stats.historyCopies += n;
      continue;
    }
    stats.totalUsers += n;
    if (r.active) stats.activeUsers += n;
    else stats.inactiveUsers += n;
    for (const c of [bySource.get(r.source), byRole.get(r.role)]) {
      if (!c) continue;
      c.count += n;
      if (r.active) c.active += n;
    }
  }
  // sources in the enum's order, roles from least to most privileged
  stats.bySource = [...bySource.values()];
  stats.byRole = [...byRole.values()];
  return stats;
}

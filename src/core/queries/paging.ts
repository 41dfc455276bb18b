import { sql, type Em } from '../db.js';
import { badInput } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { unstorableText } from '../../shared/text.js';
import { decodeCursor, encodeCursor, Sql } from './sql-builder.js';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;
/** Offsets beyond this are refused: deep offset paging is linear in the offset; use cursors. */
export const MAX_OFFSET = 10_000_000;

/** The order of a sorted page (users, groups). */
export type SortDirection = 'ASC' | 'DESC';

export interface Page<T> {
  nodes: T[];
  /** The cursor of `nodes[i]`, encoded when asked for (most pages are read without cursors). */
  cursor: (i: number) => string;
  hasNextPage: boolean;
  /** Counts the rows matching the filter, computed only when asked for. */
  totalCount: () => Promise<number>;
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) throw badInput('pagination.first.invalid', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  return n;
}

export interface PageQuery<T> {
  /** `users u`: the table and its alias; the alias is used for `<alias>.id`. */
  from: string;
  alias: string;
  /** Every condition of the filter (organization included). */
  where: Sql;
  /** Whose list it is (the organization's id): a cursor is valid only in the scope it came from. */
  scope: string;
  sort: { expr: string; cast: string };
  desc: boolean;
  first: number | null | undefined;
  after: string | null | undefined;
  offset: number | null | undefined;
  /**
   * The filter pins at most one row through a unique index (see `pinsOneRow`): the page is not
   * ordered, so PostgreSQL looks the row up by that index instead of perhaps walking the sort
   * index through every row of the organization (a plan made while the table was small does that,
   * and a miss — the filter-before-create of every SCIM import — then reads all of them).
   */
  unique?: boolean;
  /** The count of every row `where` matches, as `n`, when a cheaper statement than count(*) gives it. */
  count?: Sql;
  /** The select list of the table's columns (default `<alias>.*`; see selectColumns in db.ts). */
  columns?: string;
  /** Extra select-list entries (`, (…) as __x`), read by `map`. */
  extraColumns?: string;
  map: (row: Record<string, unknown>) => T;
}

/**
 * One page of a sorted list: keyset paging (`after` = the cursor of the last row: sort value as
 * PostgreSQL printed it, and the id that breaks ties) or offset paging (SCIM startIndex). The total
 * is counted only when asked for, and not at all when the last page already tells it.
 */
export async function fetchPage<T>(em: Em, q: PageQuery<T>): Promise<Page<T>> {
  const limit = pageSize(q.first);
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw badInput('pagination.offset.invalid', `offset must be between 0 and ${MAX_OFFSET}`);
  if (offset && q.after) throw badInput('pagination.offset.withCursor', 'use either offset or after, not both');
  const id = `${q.alias}.id`;
  const conds = [q.where];
  // which list and order a cursor belongs to: the organization, the table, the sort expression and its direction
  const list = `${q.scope}|${q.from}|${q.sort.expr}|${q.desc ? 'desc' : 'asc'}`;
  let cursorKey: string | null = null;
  if (q.after) {
    const [key, after] = decodeCursor(q.after, list);
    // a cursor edited by hand (the list tag kept): an id or text PostgreSQL cannot take is the client's error
    if (!isUuid(after) || (key !== null && unstorableText(key))) throw invalidCursor();
    cursorKey = key;
    conds.push(new Sql(`(${q.sort.expr}, ${id}) ${q.desc ? '<' : '>'} (?::${q.sort.cast}, ?::uuid)`, [key, after]));
  }
  const cond = Sql.join(conds, ' and ');
  const dir = q.desc ? 'desc' : 'asc';
  const nodes: T[] = [];
  const keys: Array<string | null> = [];
  const ids: string[] = [];
  let hasNextPage = false;
  if (limit > 0) {
    const select = `select ${q.columns ?? `${q.alias}.*`}, (${q.sort.expr})::text as __sort_key${q.extraColumns ?? ''} from ${q.from} where ${cond.text}`;
    const rows = q.unique
      ? // at most one row: no parameters for LIMIT and OFFSET, whose unknown values make PostgreSQL plan
        // the prepared statement anew for every lookup (a generic plan looks costlier to it), which cost
        // ~3× the lookup itself; the window is taken here (`limit 2` only bounds the read)
        (await sql<Record<string, unknown>>(em, `${select} limit 2`, cond.params)).slice(offset, offset + limit + 1)
      : await sql<Record<string, unknown>>(
          em,
          `${select}
        order by ${q.sort.expr} ${dir}, ${id} ${dir} limit ? offset ?`,
          [...cond.params, limit + 1, offset],
        ).catch(async (err: unknown) => {
          // ... and so is a sort value the sort's type cannot read (a time that is none, a count past
          // integer): asked of PostgreSQL only when the statement failed on bad data
          if (cursorKey !== null && isDataException(err) && !(await readableAs(em, cursorKey, q.sort.cast))) throw invalidCursor();
          throw err;
        });
    hasNextPage = rows.length > limit;
    for (const row of rows.slice(0, limit)) {
      // the row keeps __sort_key (and any extra column): map reads only the columns it knows, and
      // deleting a property would switch the row to a slow dictionary representation
      const key = row.__sort_key as string | null;
      nodes.push(q.map(row));
      keys.push(key);
      ids.push(row.id as string);
    }
  }
  let total: Promise<number> | undefined;
  // the last page tells the total without counting (a lookup by userName, the common SCIM case)
  if (limit > 0 && !hasNextPage && !q.after && (nodes.length > 0 || offset === 0)) total = Promise.resolve(offset + nodes.length);
  return {
    nodes,
    cursor: (i) => encodeCursor(keys[i] ?? null, ids[i]!, list),
    hasNextPage,
    totalCount: () => {
      const count = q.count ?? new Sql(`select count(*) as n from ${q.from} where ${q.where.text}`, q.where.params);
      return (total ??= sql<{ n: string }>(em, count.text, count.params).then((r) => Number(r[0]!.n)));
    },
  };
}

const invalidCursor = () => badInput('pagination.cursor.invalid', 'the cursor is not one this API returned');

/** PostgreSQL's class 22, data exception: a value its type cannot read (22007, 22008, 22P02, 22003, …). */
const isDataException = (err: unknown) => /^22/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** Whether PostgreSQL reads a cursor's sort value as the sort's type (false only when it says the value is bad). */
async function readableAs(em: Em, key: string, cast: string): Promise<boolean> {
  try {
    await sql(em, `select ?::${cast} as v`, [key]);
    return true;
  } catch (err) {
    if (isDataException(err)) return false;
    return true;
  }
}

/**
 * Whether a filter (an object of conditions that must all hold, with nested `and` lists) requires
 * equality on a column that is unique within the organization, so it matches at most one row.
 */
export function pinsOneRow<F extends { and?: F[] | null }>(f: F | null | undefined, uniqueEq: (f: F) => boolean): boolean {
  if (!f) return false;
  return uniqueEq(f) || (f.and ?? []).some((x) => pinsOneRow(x, uniqueEq));
}

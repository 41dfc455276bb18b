import { createHash } from 'node:crypto';
import { badInput } from '../errors.js';

/** A fragment of SQL with its `?` parameters, built up without ever splicing values into the text. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: unknown[] = [],
  ) {}

  static join(parts: Sql[], sep: string): Sql {
    return new Sql(
      parts.map((p) => p.text).join(sep),
      parts.flatMap((p) => p.params),
    );
  }
}

export const sqlOf = (text: string, ...params: unknown[]) => new Sql(text, params);

/** Escapes LIKE wildcards so user input matches literally (used with `escape '\'`). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface StringCondition {
  eq?: string | null;
  ne?: string | null;
  in?: string[] | null;
  contains?: string | null;
  startsWith?: string | null;
  endsWith?: string | null;
  gt?: string | null;
  ge?: string | null;
  lt?: string | null;
  le?: string | null;
  /** true: has a value; false: has none. */
  present?: boolean | null;
}

export interface DateCondition {
  eq?: Date | null;
  gt?: Date | null;
  ge?: Date | null;
  lt?: Date | null;
  le?: Date | null;
  present?: boolean | null;
}

export const MAX_IN_LIST = 1000;

/** Every filter's `in` list is bounded: more than MAX_IN_LIST values is BAD_USER_INPUT. */
export function boundedIn<T>(field: string, values: T[]): T[] {
  if (values.length > MAX_IN_LIST) throw badInput('filter.in.tooLong', `${field}.in has more than ${MAX_IN_LIST} values`);
  return values;
}

/**
 * Values one filter may bind in all (its `in` lists together): PostgreSQL takes at most 65,535
 * parameters in a statement, and beyond them refuses it with a protocol error that reads as a
 * database outage (TRY_AGAIN, HTTP 503), which a script would retry forever.
 */
export const MAX_FILTER_VALUES = 60_000;

/** A compiled filter, refused with BAD_USER_INPUT filter.tooManyValues when it binds more than MAX_FILTER_VALUES values. */
export function boundedValues(filter: Sql): Sql {
  if (filter.params.length > MAX_FILTER_VALUES)
    throw badInput(
      'filter.tooManyValues',
      `the filter compares with ${filter.params.length} values in all; the limit is ${MAX_FILTER_VALUES} (its in lists together)`,
    );
  return filter;
}

/**
 * Conditions on one text expression. `fold` lower-cases the operand the same way the expression is
 * folded (case-insensitive attributes); the expression itself is passed already folded.
 */
export function stringConditions(expr: string, c: StringCondition, fold: (s: string) => string, field: string): Sql[] {
  const out: Sql[] = [];
  const v = (s: string) => fold(s);
  if (c.eq != null) out.push(sqlOf(`${expr} = ?`, v(c.eq)));
  if (c.ne != null) out.push(sqlOf(`(${expr} is null or ${expr} <> ?)`, v(c.ne)));
  if (c.in != null) out.push(boundedIn(field, c.in).length === 0 ? sqlOf('false') : sqlOf(`${expr} in (${c.in.map(() => '?').join(', ')})`, ...c.in.map(v)));
  if (c.contains != null) out.push(sqlOf(`${expr} like ? escape '\\'`, `%${likeEscape(v(c.contains))}%`));
  if (c.startsWith != null) out.push(sqlOf(`${expr} like ? escape '\\'`, `${likeEscape(v(c.startsWith))}%`));
  if (c.endsWith != null) out.push(sqlOf(`${expr} like ? escape '\\'`, `%${likeEscape(v(c.endsWith))}`));
  if (c.gt != null) out.push(sqlOf(`${expr} > ?`, v(c.gt)));
  if (c.ge != null) out.push(sqlOf(`${expr} >= ?`, v(c.ge)));
  if (c.lt != null) out.push(sqlOf(`${expr} < ?`, v(c.lt)));
  if (c.le != null) out.push(sqlOf(`${expr} <= ?`, v(c.le)));
  if (c.present != null) out.push(sqlOf(c.present ? `${expr} is not null` : `${expr} is null`));
  return out;
}

export function dateConditions(expr: string, c: DateCondition): Sql[] {
  const out: Sql[] = [];
  if (c.eq != null) out.push(sqlOf(`${expr} = ?`, c.eq));
  if (c.gt != null) out.push(sqlOf(`${expr} > ?`, c.gt));
  if (c.ge != null) out.push(sqlOf(`${expr} >= ?`, c.ge));
  if (c.lt != null) out.push(sqlOf(`${expr} < ?`, c.lt));
  if (c.le != null) out.push(sqlOf(`${expr} <= ?`, c.le));
  if (c.present != null) out.push(sqlOf(c.present ? `${expr} is not null` : `${expr} is null`));
  return out;
}

export const and = (parts: Sql[]): Sql =>
  parts.length === 0 ? sqlOf('true') : parts.length === 1 ? parts[0]! : new Sql(`(${Sql.join(parts, ' and ').text})`, Sql.join(parts, ' and ').params);
export const or = (parts: Sql[]): Sql => (parts.length === 0 ? sqlOf('false') : new Sql(`(${Sql.join(parts, ' or ').text})`, Sql.join(parts, ' or ').params));
export const not = (p: Sql): Sql => new Sql(`not coalesce(${p.text}, false)`, p.params);

/**
 * Opaque keyset cursor: the sort value as PostgreSQL printed it, the row id, and which list and
 * order it belongs to (`list`): a cursor passed to another list, or after changing the sort, is
 * refused instead of silently paging from the wrong place.
 */
/**
 * Which list a cursor belongs to, as a short digest: the table, sort and direction (and the
 * organization or group) it was read from. A cursor used on another list, or in another organization,
 * is refused instead of silently paging from an unrelated place, and it shows no SQL.
 */
const listTag = (list: string) => {
  let tag = listTags.get(list);
  if (tag === undefined) {
    tag = createHash('sha256').update(list).digest('base64url').slice(0, 16);
    if (listTags.size >= 10_000) listTags.clear();
    listTags.set(list, tag);
  }
  return tag;
};
/** A page's cursors share one list: its digest is computed once. */
const listTags = new Map<string, string>();

export function encodeCursor(sortKey: string | null, id: string, list: string): string {
  return Buffer.from(JSON.stringify([sortKey, id, listTag(list)])).toString('base64url');
}

export function decodeCursor(cursor: string, list: string): [string | null, string] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    /* below */
  }
  if (Array.isArray(v) && v.length === 3 && (v[0] === null || typeof v[0] === 'string') && typeof v[1] === 'string' && typeof v[2] === 'string') {
    if (v[2] !== listTag(list))
      throw badInput('pagination.cursor.otherList', 'the cursor belongs to another list, sort order or organization; start again without it');
    return [v[0], v[1]];
  }
  throw badInput('pagination.cursor.invalid', 'the cursor is not one this API returned');
}

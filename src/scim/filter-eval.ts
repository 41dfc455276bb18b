/**
 * In-memory evaluation of a parsed SCIM filter (RFC 7644 §3.4.2.2) against one JSON object.
 *
 * Used by the PATCH applier for value-path filters (`emails[type eq "work"]`,
 * `members[value eq "id"]`): the filter's attribute names are then relative to the element being
 * tested. It works on any JSON object, so a whole resource can be tested too
 * (`userName eq "bjensen" and emails[type eq "work"]`).
 *
 * Rules (the RFC's, plus the choices the RFC leaves open, marked "choice"):
 * - Attribute names are matched case-insensitively (`TYPE eq "work"` reads `type`).
 * - String comparisons (eq, ne, co, sw, ew, gt, ge, lt, le) ignore case unless
 *   `options.caseExact(name)` says the attribute is case-exact (e.g. a group member's `value`).
 * - Two strings that both read as ISO-8601 date-times (`2011-05-13T04:42:34Z`; src/shared/datetime.ts,
 *   the parser custom DATETIME attributes are stored with) are compared chronologically, so `…:34Z`
 *   equals `…:34.000Z`, a `+02:00` offset is honoured, and a time without offset is UTC.
 * - Numbers compare numerically, booleans only with eq / ne (the parser rejects anything else).
 * - A value of another JSON type than the comparison value never matches (choice: no coercion,
 *   so `primary eq true` does not match `"primary": "true"`; the PATCH applier stores coerced
 *   booleans, see quirks.ts).
 * - A multi-valued attribute (array) matches if any of its values matches; for an array of
 *   objects, and for a single complex object compared without a sub-attribute, the comparison
 *   reads the object's `value` sub-attribute (RFC 7644: `emails co "example.com"`).
 * - `pr` is true for a value that is not null, not "", not an empty array and not an object
 *   without any present sub-attribute.
 * - Missing attributes (choice): every comparison is false, except `eq null` (true) and `ne`
 *   with a non-null value (true: a missing value is "not equal"). `ne null` is the same as `pr`
 *   for simple values.
 * - `schema:attr` paths (`urn:…:enterprise:2.0:User:department eq "Sales"`) read the attribute
 *   from the extension object keyed by the URN when the object has one, otherwise from the
 *   object itself (a core-schema URN prefix).
 *
 * Pure, never throws for any FilterNode the parser produces, and never mutates its input.
 */
import { parseIsoDateTime } from '../shared/datetime.js';
import type { AttrPath, CompareOp, CompareValue, FilterNode } from './filter-ast.js';

export interface FilterEvalOptions {
  /**
   * Whether string comparisons on the attribute are case-exact (default: no attribute is). Called
   * with the attribute's path as written in the filter, dotted, relative to the evaluated object:
   * `value` for `members[value eq "x"]` evaluated on a member, `emails.value` for
   * `emails.value eq "x"` or `emails[value eq "x"]` evaluated on a user, and with the URN prefix
   * when one was written (`urn:…:User:employeeNumber`). Compare the name case-insensitively.
   */
  caseExact?: (attrName: string) => boolean;
}

/** Whether `target` (normally a JSON object) satisfies `filter`. */
export function evaluateFilter(filter: FilterNode, target: unknown, options: FilterEvalOptions = {}): boolean {
  return evaluate(filter, target, options, '');
}

/**
 * Reads an own property whose name matches `name` ignoring case; an exact-case match wins. Returns
 * undefined for a non-object or a missing property. Exported for the PATCH applier.
 */
export function getCaseInsensitive(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) {
    if (key.toLowerCase() === lower) return obj[key];
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `prefix` is the dotted path of the valuePath attribute being descended into ('' at the top). */
function evaluate(node: FilterNode, target: unknown, options: FilterEvalOptions, prefix: string): boolean {
  switch (node.op) {
    case 'and':
      return evaluate(node.left, target, options, prefix) && evaluate(node.right, target, options, prefix);
    case 'or':
      return evaluate(node.left, target, options, prefix) || evaluate(node.right, target, options, prefix);
    case 'not':
      return !evaluate(node.filter, target, options, prefix);
    case 'valuePath': {
      const values = resolve(target, node.path);
      const inner = prefix + pathName(node.path) + '.';
      return values.some((element) => isObject(element) && evaluate(node.filter, element, options, inner));
    }
    case 'pr':
      return resolve(target, node.path).some(isPresent);
    default: {
      const name = prefix + pathName(node.path);
      const caseExact = options.caseExact?.(name) ?? false;
      const values = resolve(target, node.path)
        .map((v) => (isObject(v) && node.path.subAttr === undefined ? v.value : v))
        .filter((v) => v !== undefined && v !== null);
      const expected = node.value;
      if (expected === null) {
        // eq null: unassigned; ne null: assigned
        return node.op === 'eq' ? values.length === 0 : values.length > 0;
      }
      if (node.op === 'ne') return !values.some((v) => compare('eq', v, expected, caseExact));
      const op = node.op;
      return values.some((v) => compare(op, v, expected, caseExact));
    }
  }
}

function pathName(path: AttrPath): string {
  const base = path.schema === undefined ? path.attr : `${path.schema}:${path.attr}`;
  return path.subAttr === undefined ? base : `${base}.${path.subAttr}`;
}

/**
 * The values the path designates, flattened: [] when missing, the array's elements for a
 * multi-valued attribute, and for `attr.sub` on a multi-valued complex attribute each element's sub.
 */
function resolve(target: unknown, path: AttrPath): unknown[] {
  let base: unknown = target;
  if (path.schema !== undefined) {
    const extension = getCaseInsensitive(target, path.schema);
    if (isObject(extension)) base = extension;
  }
  const values = flatten(getCaseInsensitive(base, path.attr));
  if (path.subAttr === undefined) return values;
  const subAttr = path.subAttr;
  return values.flatMap((v) => flatten(getCaseInsensitive(v, subAttr)));
}

function flatten(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isObject(value)) return Object.values(value).some(isPresent);
  return true;
}

/**
 * An ISO-8601 date or date-time read by the one parser (src/shared/datetime.ts: no offset =
 * UTC), as custom DATETIME attributes are stored and filtered; anything else is compared as text.
 */
function asTime(value: string): number | undefined {
  // cheap pre-check ("YYYY-" and long enough) before the parser
  if (value.length < 10 || value.charCodeAt(4) !== 0x2d) return undefined;
  return parseIsoDateTime(value)?.getTime();
}

/** `actual op expected` for one value; ne is handled by the caller as "not any eq". */
function compare(op: CompareOp, actual: unknown, expected: Exclude<CompareValue, null>, caseExact: boolean): boolean {
  if (typeof expected === 'boolean') return op === 'eq' && actual === expected;
  if (typeof expected === 'number') {
    return typeof actual === 'number' && order(op, actual === expected ? 0 : actual < expected ? -1 : 1);
  }
  if (typeof actual !== 'string') return false;
  if (op === 'eq' || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
    const a = asTime(actual);
    const b = a === undefined ? undefined : asTime(expected);
    if (a !== undefined && b !== undefined) return order(op, a === b ? 0 : a < b ? -1 : 1);
  }
  const left = caseExact ? actual : actual.toLowerCase();
  const right = caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      return order(op, left === right ? 0 : left < right ? -1 : 1);
  }
}

function order(op: CompareOp, sign: number): boolean {
  switch (op) {
    case 'eq':
      return sign === 0;
    case 'gt':
      return sign > 0;
    case 'ge':
      return sign >= 0;
    case 'lt':
      return sign < 0;
    case 'le':
      return sign <= 0;
    default:
      // co / sw / ew on numbers: substring operators apply to strings only
      return false;
  }
}

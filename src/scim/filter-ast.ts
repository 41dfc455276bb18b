/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2): the tree filter-parser.ts and path-parser.ts build and
 * filter-eval.ts, filter-to-core.ts, patch.ts and quirks.ts read. Types only, importing nothing, so
 * every one of them can depend on it without depending on another.
 */

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A comparison value: the JSON value written after the operator. */
export type CompareValue = string | number | boolean | null;

/** An attribute reference as written in a filter or PATCH path. */
export interface AttrPath {
  /** Schema URN prefix when the attribute was written with one, exactly as written (e.g. 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'); undefined otherwise. */
  schema?: string;
  /** Attribute name as written (callers compare case-insensitively). */
  attr: string;
  /** Sub-attribute name as written, e.g. 'value' in 'emails.value' or 'familyName' in 'name.familyName'. */
  subAttr?: string;
}

/**
 * A parsed filter. Optional properties are omitted (never present as `undefined`), so ASTs can be
 * compared with deep equality.
 */
export type FilterNode =
  | { op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; filter: FilterNode }
  | { op: 'pr'; path: AttrPath }
  | { op: CompareOp; path: AttrPath; value: CompareValue }
  /** A complex attribute filter: emails[type eq "work" and value co "@example.com"] . Inside `filter`, paths are relative to `path` (sub-attributes of it, given as AttrPath.attr). */
  | { op: 'valuePath'; path: AttrPath; filter: FilterNode };

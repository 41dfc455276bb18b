/**
 * SCIM filter / sortBy → GraphQL `UserFilter` / `GroupFilter` / `UserSort` / `GroupSort` variables.
 *
 * Pure: takes the AST from filter-parser.ts (and the organization's custom attribute definitions)
 * and returns plain JSON for the `users(filter:, sort:)` / `groups(filter:, sort:)` queries: dates
 * are ISO-8601 UTC strings, enum values are strings, absent conditions are absent keys. Which
 * attribute paths a filter or sortBy may name, and the condition or sort field each becomes, are
 * the table's (resource-schema.ts: `filter`, `sort`); this module holds the operators' semantics.
 *
 * Conventions of the produced filters (the adapter may rely on them):
 * - MATCH ALL is the empty filter `{}` (no condition → true). `active pr`, `id pr`, `schemas eq
 *   "<the resource's own or an extension URN>"` produce it.
 * - MATCH NONE is `{id: {in: []}}` (the core compiles an empty `in` to false). `active eq null`,
 *   `schemas eq "<any other URN>"`, `emails[primary eq null]` produce it. isMatchAll / isMatchNone
 *   recognize both, e.g. to answer a MATCH NONE filter with an empty ListResponse without a query.
 * - Chains of and / or are flattened into one list; MATCH ALL / MATCH NONE operands are folded away
 *   (`x and <all>` → x, `x or <all>` → all, `not <none>` → all), and `not not x` → x.
 * - Everything this module rejects is a ScimError (HTTP 400, scimType invalidFilter) whose
 *   message names the attribute as written and what was wrong; sortBy errors have scimType
 *   invalidValue.
 */
import { normalizeIsoDateTime } from '../shared/datetime.js';
import type { AttrPath, CompareOp, CompareValue, FilterNode } from './filter-ast.js';
import { parsePatchPath } from './path-parser.js';
import {
  customAttribute,
  ENTERPRISE_USER,
  GROUP_RESOURCE,
  USER_RESOURCE,
  type CustomAttr,
  type FilterTarget,
  type ScimAttribute,
  type ScimSchema,
} from './resource-schema.js';
import { ScimError } from './scim-error.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';

/** A filter the adapter cannot translate: HTTP 400, scimType invalidFilter. */
function invalidFilter(detail: string): ScimError {
  return new ScimError(400, 'invalidFilter', detail);
}

/** A sortBy the adapter cannot translate: HTTP 400, scimType invalidValue. */
function invalidSort(detail: string): ScimError {
  return new ScimError(400, 'invalidValue', detail);
}

type Json = Record<string, unknown>;

/** A fresh MATCH ALL filter. */
export function matchAll(): Json {
  return {};
}

/** A fresh MATCH NONE filter (`id in []` compiles to false). */
export function matchNone(): Json {
  return { id: { in: [] } };
}

export function isMatchAll(filter: Json): boolean {
  return Object.keys(filter).length === 0;
}

export function isMatchNone(filter: Json): boolean {
  if (!hasOnlyKey(filter, 'id')) return false;
  const id = filter.id as Json | null;
  return id !== null && typeof id === 'object' && hasOnlyKey(id, 'in') && Array.isArray(id.in) && id.in.length === 0;
}

function hasOnlyKey(o: Json, key: string): boolean {
  const keys = Object.keys(o);
  return keys.length === 1 && keys[0] === key;
}

// ---------------------------------------------------------------------------------------------
// Boolean combinators (with flattening and constant folding)

function allOf(parts: Json[]): Json {
  const out: Json[] = [];
  for (const p of parts) {
    if (isMatchAll(p)) continue;
    if (isMatchNone(p)) return matchNone();
    if (hasOnlyKey(p, 'and')) out.push(...(p.and as Json[]));
    else out.push(p);
  }
  return out.length === 0 ? matchAll() : out.length === 1 ? out[0]! : { and: out };
}

function anyOf(parts: Json[]): Json {
  const out: Json[] = [];
  for (const p of parts) {
    if (isMatchNone(p)) continue;
    if (isMatchAll(p)) return matchAll();
    if (hasOnlyKey(p, 'or')) out.push(...(p.or as Json[]));
    else out.push(p);
  }
  return out.length === 0 ? matchNone() : out.length === 1 ? out[0]! : { or: out };
}

function negate(f: Json): Json {
  if (isMatchAll(f)) return matchNone();
  if (isMatchNone(f)) return matchAll();
  if (hasOnlyKey(f, 'not')) return f.not as Json;
  return { not: f };
}

// ---------------------------------------------------------------------------------------------
// Attribute model, built from the table of resource-schema.ts

type Leaf = { op: 'pr'; path: AttrPath } | { op: CompareOp; path: AttrPath; value: CompareValue };

/** A sub-attribute of one element of a multi-valued complex attribute. */
interface ElementSub {
  /** Key in MultiValueFilter / AddressFilter. */
  name: string;
  bool?: true;
  unsupported?: true;
}

/** A multi-valued complex attribute whose elements the core can filter one at a time. */
interface ElementDef {
  /** Key in UserFilter (emails, phoneNumbers, addresses). */
  field: string;
  subs: ReadonlyMap<string, ElementSub>;
}

/** What a leaf (comparison or pr) on an attribute path translates to: a FilterTarget of the table, or one of these. */
type Target =
  | FilterTarget
  /** A sub-attribute of one element of a multi-valued attribute. */
  | { kind: 'element'; element: ElementDef; sub: ElementSub }
  /** A multi-valued attribute without a `value` sub-attribute written alone (only pr / eq null / ne null). */
  | { kind: 'elements'; element: ElementDef }
  | { kind: 'schemas' }
  | { kind: 'unsupported' };

/** A top-level attribute of a schema. */
interface AttrDef {
  /** Target when written without a sub-attribute; absent → a sub-attribute is required. */
  self?: Target;
  /** Sub-attributes by lower-case name; absent → a simple attribute (no sub-attributes). */
  subs?: ReadonlyMap<string, Target>;
  /** How `attr[...]` translates; absent → not allowed. */
  bracket?: { kind: 'element'; element: ElementDef } | { kind: 'membership'; field: 'groupId' | 'memberId'; element: ElementDef } | { kind: 'complex' };
  /** Defined by the schema but not filterable here. */
  unsupported?: true;
  /** e.g. "name.familyName", for the message when a sub-attribute is missing. */
  example?: string;
}

const UNSUPPORTED: Target = { kind: 'unsupported' };
const unsupportedAttr: AttrDef = { unsupported: true };

/** The element filter of a multi-valued complex attribute: its sub-attributes with a filter are filterable. */
function elementDef(field: string, subs: readonly ScimAttribute<never>[]): ElementDef {
  const entry = (s: ScimAttribute<never>): ElementSub =>
    s.filter === undefined ? { name: s.name, unsupported: true } : s.type === 'boolean' ? { name: s.name, bool: true } : { name: s.name };
  return { field, subs: new Map(subs.map((s) => [s.name.toLowerCase(), entry(s)])) };
}

/** Sub-attribute targets outside "[...]": ELEMENT → the element's own sub-attribute; no filter → unsupported. */
function subTargets(subs: readonly ScimAttribute<never>[], element?: ElementDef): Map<string, Target> {
  const m = new Map<string, Target>();
  for (const s of subs) {
    const key = s.name.toLowerCase();
    const f = s.filter;
    if (f === undefined) m.set(key, UNSUPPORTED);
    else if (f.kind === 'element') m.set(key, element ? { kind: 'element', element, sub: element.subs.get(key)! } : UNSUPPORTED);
    else m.set(key, f as FilterTarget);
  }
  return m;
}

/** How filters on one attribute of the table translate (see AttributeFilter in resource-schema.ts). */
function attrDef(a: ScimAttribute<never>): AttrDef {
  const f = a.filter;
  if (f === undefined || f.kind === 'element') return unsupportedAttr;
  const subs = a.subAttributes ?? [];
  if (f.kind === 'elements') {
    const element = elementDef(f.field, subs);
    const targets = subTargets(subs, element);
    const self: Target = f.self === undefined ? { kind: 'elements', element } : f.self === 'value' ? targets.get('value')! : f.self;
    return { self, subs: targets, bracket: { kind: 'element', element } };
  }
  if (f.kind === 'membership') {
    // groups (users) / members (groups): only `eq` / `ne` on the id
    return { self: f, subs: subTargets(subs), bracket: { kind: 'membership', field: f.field, element: elementDef('membership', subs) } };
  }
  if (f.kind === 'subAttributes') return { subs: subTargets(subs), bracket: { kind: 'complex' }, example: `${a.name}.${f.example}` };
  if (a.type === 'complex') return { self: f, subs: subTargets(subs), bracket: { kind: 'complex' } };
  return { self: f };
}

/** A schema's attributes by lower-case name; a resource's core schema also has `schemas` (RFC 7643 §3, in no schema). */
function table(schema: ScimSchema<never>, withSchemas: boolean): ReadonlyMap<string, AttrDef> {
  const m = new Map(schema.attributes.map((a) => [a.name.toLowerCase(), attrDef(a)]));
  if (withSchemas) m.set('schemas', { self: { kind: 'schemas' } });
  return m;
}

const USER_CORE = table(USER_RESOURCE.schema, true);
const USER_ENTERPRISE = table(ENTERPRISE_USER, false);
const GROUP_CORE = table(GROUP_RESOURCE.schema, true);

interface Context {
  resource: 'User' | 'Group';
  core: ReadonlyMap<string, AttrDef>;
  coreSchema: string;
  enterprise?: ReadonlyMap<string, AttrDef>;
  custom?: readonly CustomAttr[];
  /** URNs `schemas eq "…"` matches (every resource of the type is considered to carry all of them). */
  schemaUrns: readonly string[];
}

/** The attribute path as written, for messages. */
function label(path: AttrPath): string {
  return `${path.schema === undefined ? '' : path.schema + ':'}${path.attr}${path.subAttr === undefined ? '' : '.' + path.subAttr}`;
}

function unknownAttribute(path: AttrPath, ctx: Context): ScimError {
  return invalidFilter(`unknown attribute "${label(path)}" in the filter (not an attribute of ${ctx.resource} resources)`);
}

function unsupportedAttribute(name: string): ScimError {
  return invalidFilter(`filtering on "${name}" is not supported`);
}

/**
 * Finds a custom attribute by name: the exact name first, else the only case-insensitive match.
 * Two definitions differing only in case make the case-insensitive lookup ambiguous: `invalid`
 * says how that is refused (in a filter or in a sortBy).
 */
export function findCustomAttr(custom: readonly CustomAttr[], name: string, invalid = invalidFilter): CustomAttr | undefined {
  const exact = custom.find((c) => c.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const matches = custom.filter((c) => c.name.toLowerCase() === lower);
  if (matches.length > 1) {
    throw invalid(
      `"${name}" is ambiguous: it matches the custom attributes ${matches.map((m) => `"${m.name}"`).join(', ')}; write the name with its exact case`,
    );
  }
  return matches[0];
}

function customAttrDef(def: CustomAttr): AttrDef {
  return attrDef(customAttribute(def));
}

/**
 * Resolves the top-level attribute of a path. A path without URN looks in the core schema, then the
 * enterprise extension, then the custom attributes (custom names never shadow core or enterprise
 * ones). A URN-qualified path looks only in that schema, except that custom attributes are also
 * found under the core URN and under any extension URN the resource does not have, as POST, PUT
 * and PATCH read them (the namespace is free text an admin types in the identity provider, which
 * then filters by it). URNs and names compare case-insensitively.
 */
function lookup(path: AttrPath, ctx: Context): AttrDef {
  const name = path.attr.toLowerCase();
  const schema = path.schema?.toLowerCase();
  const custom = () => {
    const def = ctx.custom && findCustomAttr(ctx.custom, path.attr);
    return def ? customAttrDef(def) : undefined;
  };
  if (schema === undefined || schema === ctx.coreSchema.toLowerCase()) {
    const def = ctx.core.get(name);
    if (def) return def;
    if (schema === undefined) {
      const ext = ctx.enterprise?.get(name);
      if (ext) return ext;
    }
    const c = custom();
    if (c) return c;
  } else if (ctx.enterprise && schema === ENTERPRISE_SCHEMA.toLowerCase()) {
    const def = ctx.enterprise.get(name);
    if (def) return def;
  } else {
    const c = custom();
    if (c) return c;
    if (schema !== CUSTOM_SCHEMA.toLowerCase() || !ctx.custom)
      throw invalidFilter(`unknown schema "${path.schema}" in the attribute "${label(path)}" (not a schema of ${ctx.resource} resources)`);
  }
  throw unknownAttribute(path, ctx);
}

function leafTarget(path: AttrPath, ctx: Context): Target {
  const def = lookup(path, ctx);
  if (def.unsupported) throw unsupportedAttribute(label(path));
  let target: Target | undefined;
  if (path.subAttr !== undefined) {
    target = def.subs?.get(path.subAttr.toLowerCase());
    if (target === undefined) throw unknownAttribute(path, ctx);
  } else {
    target = def.self;
    if (target === undefined) {
      const hint = def.example === undefined ? '' : ` such as "${def.example}"`;
      throw invalidFilter(`"${label(path)}" is a complex attribute: filter on one of its sub-attributes${hint}`);
    }
  }
  if (target.kind === 'unsupported') throw unsupportedAttribute(label(path));
  return target;
}

// ---------------------------------------------------------------------------------------------
// Leaf conditions

const TEXT_OPS: Readonly<Record<CompareOp, string>> = {
  eq: 'eq',
  ne: 'ne',
  co: 'contains',
  sw: 'startsWith',
  ew: 'endsWith',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
};

const show = (v: CompareValue): string => JSON.stringify(v);

/** true for `pr` and `ne null`, false for `eq null`, undefined for a comparison with a value. */
function presence(leaf: Leaf, name: string): boolean | undefined {
  if (leaf.op === 'pr') return true;
  if (leaf.value !== null) return undefined;
  if (leaf.op === 'eq') return false;
  if (leaf.op === 'ne') return true;
  throw invalidFilter(`"${leaf.op}" cannot compare "${name}" with null (only "eq" and "ne" can)`);
}

function opNotSupported(op: string, name: string, allowed: string): ScimError {
  return invalidFilter(`the operator "${op}" is not supported on "${name}" (supported: ${allowed})`);
}

/** A StringFilter for a text attribute. */
function textCondition(leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return { present: p };
  const { op, value } = leaf as Extract<Leaf, { value: CompareValue }>;
  if (typeof value !== 'string') throw invalidFilter(`"${name}" is a string attribute: compare it with a string, not ${show(value)}`);
  return { [TEXT_OPS[op]]: value };
}

function stringValue(leaf: Extract<Leaf, { value: CompareValue }>, name: string): string {
  if (typeof leaf.value !== 'string') throw invalidFilter(`"${name}" takes a string value, not ${show(leaf.value)}`);
  return leaf.value;
}

function booleanValue(leaf: Extract<Leaf, { value: CompareValue }>, name: string): boolean {
  if (typeof leaf.value !== 'boolean') {
    throw invalidFilter(`"${name}" is a boolean attribute: only "eq" / "ne" with true or false and "pr" apply (got "${leaf.op}" ${show(leaf.value)})`);
  }
  if (leaf.op !== 'eq' && leaf.op !== 'ne') throw opNotSupported(leaf.op, name, 'eq, ne, pr');
  return leaf.value;
}

/**
 * Reads an xsd:dateTime / ISO-8601 value with the one parser (src/shared/datetime.ts: a date
 * alone means midnight UTC; a time without zone is UTC, never the host's zone) and returns it as ISO
 * UTC with milliseconds, the text custom DATETIME attributes are stored as.
 */
export function normalizeDateTime(value: CompareValue, name: string): string {
  const iso = normalizeIsoDateTime(value);
  if (iso === undefined) throw invalidFilter(`"${name}" is a dateTime attribute: ${show(value)} is not an ISO-8601 date-time such as "2024-05-01T12:00:00Z"`);
  return iso;
}

function dateFilter(field: string, leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return { [field]: { present: p } };
  const { op, value } = leaf as Extract<Leaf, { value: CompareValue }>;
  if (op === 'co' || op === 'sw' || op === 'ew') throw opNotSupported(op, name, 'eq, ne, gt, ge, lt, le, pr');
  const iso = normalizeDateTime(value, name);
  return op === 'ne' ? negate({ [field]: { eq: iso } }) : { [field]: { [op]: iso } };
}

function idFilter(leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return p ? matchAll() : matchNone();
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  if (l.op !== 'eq' && l.op !== 'ne') throw opNotSupported(l.op, name, 'eq, ne, pr');
  const cond = { id: { eq: stringValue(l, name) } };
  return l.op === 'eq' ? cond : negate(cond);
}

function activeFilter(leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return p ? matchAll() : matchNone(); // active is never null
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  const b = booleanValue(l, name);
  return { active: l.op === 'eq' ? b : !b };
}

function membershipFilter(field: 'groupId' | 'memberId', leaf: Leaf, name: string): Json {
  if (leaf.op === 'pr' || leaf.value === null) throw opNotSupported(leaf.op === 'pr' ? 'pr' : `${leaf.op} null`, name, 'eq, ne with an id');
  if (leaf.op !== 'eq' && leaf.op !== 'ne') throw opNotSupported(leaf.op, name, 'eq, ne with an id');
  const cond = { [field]: stringValue(leaf, name) };
  return leaf.op === 'eq' ? cond : negate(cond);
}

function managerFilter(leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return { managerId: { present: p } };
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  if (l.op !== 'eq' && l.op !== 'ne') throw opNotSupported(l.op, name, 'eq, ne, pr');
  const cond = { managerId: { eq: stringValue(l, name) } };
  return l.op === 'eq' ? cond : negate(cond);
}

function schemasFilter(leaf: Leaf, name: string, ctx: Context): Json {
  const p = presence(leaf, name);
  if (p !== undefined) return p ? matchAll() : matchNone(); // every resource has schemas
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  const v = stringValue(l, name).toLowerCase();
  const urns = ctx.schemaUrns.map((u) => u.toLowerCase());
  const test: Partial<Record<CompareOp, (u: string) => boolean>> = {
    eq: (u) => u === v,
    ne: (u) => u === v, // negated below: "none of the URNs equals"
    co: (u) => u.includes(v),
    sw: (u) => u.startsWith(v),
    ew: (u) => u.endsWith(v),
  };
  const t = test[l.op];
  if (!t) throw opNotSupported(l.op, name, 'eq, ne, co, sw, ew, pr');
  const any = urns.some(t);
  return (l.op === 'ne' ? !any : any) ? matchAll() : matchNone();
}

function numberValue(leaf: Extract<Leaf, { value: CompareValue }>, name: string): number {
  const v = leaf.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) return Number(v);
  throw invalidFilter(`"${name}" is an integer attribute: compare it with a number, not ${show(v)}`);
}

function customFilter(def: CustomAttr, leaf: Leaf, name: string): Json {
  const cond = (c: Json): Json => ({ customAttributes: [{ name: def.name, ...c }] });
  const p = presence(leaf, name);
  if (p !== undefined) return cond({ present: p });
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  switch (def.type) {
    case 'STRING':
      // the custom extension advertises string attributes caseExact: every operator compares exactly
      return cond(l.op === 'co' || l.op === 'sw' || l.op === 'ew' ? { ...textCondition(l, name), caseSensitive: true } : textCondition(l, name));
    case 'DATETIME': {
      if (l.op === 'co' || l.op === 'sw' || l.op === 'ew') {
        // substring operators match the stored ISO text as is (e.g. sw "2024-05")
        return cond({ [TEXT_OPS[l.op]]: stringValue(l, name) });
      }
      return cond({ [l.op]: normalizeDateTime(l.value, name) });
    }
    case 'INTEGER': {
      if (l.op === 'co' || l.op === 'sw' || l.op === 'ew') throw opNotSupported(l.op, name, 'eq, ne, gt, ge, lt, le, pr');
      const n = numberValue(l, name);
      switch (l.op) {
        case 'eq':
          return cond({ equalsNumber: n });
        case 'ne':
          return negate(cond({ equalsNumber: n }));
        case 'gt':
          return cond({ gtNumber: n });
        case 'lt':
          return cond({ ltNumber: n });
        case 'ge':
          return anyOf([cond({ equalsNumber: n }), cond({ gtNumber: n })]);
        case 'le':
          return anyOf([cond({ equalsNumber: n }), cond({ ltNumber: n })]);
      }
      break;
    }
    case 'BOOLEAN': {
      const b = booleanValue(l, name);
      return l.op === 'eq' ? cond({ equalsBoolean: b }) : negate(cond({ equalsBoolean: b }));
    }
  }
  throw invalidFilter(`"${name}" has an unsupported custom attribute type`);
}

// ---------------------------------------------------------------------------------------------
// Elements of multi-valued attributes

/** Conditions on one element; a list of them means "one element matches any of these". */
type Alternatives = Json[];

/** At most this many alternatives come out of one "[...]" (and distributes over or). */
const MAX_ALTERNATIVES = 64;

function elementLeaf(sub: ElementSub, leaf: Leaf, name: string): Alternatives {
  if (!sub.bool) return [{ [sub.name]: textCondition(leaf, name) }];
  const p = presence(leaf, name);
  // `primary` always has a value (false when not given): pr → any element; eq null → no element
  if (p !== undefined) return p ? [{}] : [];
  const l = leaf as Extract<Leaf, { value: CompareValue }>;
  const b = booleanValue(l, name);
  return [{ [sub.name]: l.op === 'eq' ? b : !b }];
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Conditions on the same element, merged; null when they contradict each other. */
function mergeElement(a: Json, b: Json, parent: string): Json | null {
  const out: Json = { ...a };
  for (const [key, cond] of Object.entries(b)) {
    if (!(key in out)) {
      out[key] = cond;
      continue;
    }
    const prev = out[key];
    if (deepEqual(prev, cond)) continue;
    if (typeof prev === 'boolean') return null; // primary eq true and primary eq false
    const merged: Json = { ...(prev as Json) };
    for (const [op, v] of Object.entries(cond as Json)) {
      if (op in merged && !deepEqual(merged[op], v)) {
        if (op === 'present') return null; // pr and eq null on the same sub-attribute
        throw invalidFilter(
          `unsupported: two "${op}" conditions on "${parent}.${key}" inside one "[...]" (write them as separate "${parent}[...]" filters joined with "and")`,
        );
      }
      merged[op] = v;
    }
    out[key] = merged;
  }
  return out;
}

/** The filter inside "attr[...]" as alternatives of per-element conditions (a disjunctive normal form). */
function elementAlternatives(element: ElementDef, node: FilterNode, parent: string): Alternatives {
  switch (node.op) {
    case 'and': {
      const left = elementAlternatives(element, node.left, parent);
      const right = elementAlternatives(element, node.right, parent);
      if (left.length * right.length > MAX_ALTERNATIVES) throw invalidFilter(`the filter inside "${parent}[...]" is too complex`);
      const out: Alternatives = [];
      for (const l of left) {
        for (const r of right) {
          const m = mergeElement(l, r, parent);
          if (m !== null) out.push(m);
        }
      }
      return out;
    }
    case 'or': {
      const out = [...elementAlternatives(element, node.left, parent), ...elementAlternatives(element, node.right, parent)];
      if (out.length > MAX_ALTERNATIVES) throw invalidFilter(`the filter inside "${parent}[...]" is too complex`);
      return out;
    }
    case 'not':
      throw invalidFilter(`"not" inside "${parent}[...]" is not supported (conditions on one element can only be combined with "and" and "or")`);
    case 'valuePath':
      throw invalidFilter(`a "[...]" filter cannot be nested inside "${parent}[...]"`);
    default: {
      const name = `${parent}.${node.path.attr}`;
      const sub = node.path.schema === undefined && node.path.subAttr === undefined ? element.subs.get(node.path.attr.toLowerCase()) : undefined;
      if (sub === undefined) throw invalidFilter(`unknown sub-attribute "${node.path.attr}" inside "${parent}[...]"`);
      if (sub.unsupported) throw unsupportedAttribute(name);
      return elementLeaf(sub, node, name);
    }
  }
}

/** "Some element satisfies one of the alternatives". */
function someElement(field: string, alternatives: Alternatives): Json {
  return anyOf(alternatives.map((a) => ({ [field]: a })));
}

function elementsBare(element: ElementDef, leaf: Leaf, name: string): Json {
  const p = presence(leaf, name);
  if (p === undefined) throw invalidFilter(`"${name}" has no value of its own: compare one of its sub-attributes, e.g. "${name}.type"`);
  const any = { [element.field]: {} };
  return p ? any : negate(any);
}

// ---------------------------------------------------------------------------------------------
// Translation

function translateLeaf(leaf: Leaf, ctx: Context): Json {
  const target = leafTarget(leaf.path, ctx);
  const name = label(leaf.path);
  switch (target.kind) {
    case 'id':
      return idFilter(leaf, name);
    case 'text':
      return { [target.field]: textCondition(leaf, name) };
    case 'active':
      return activeFilter(leaf, name);
    case 'date':
      return dateFilter(target.field, leaf, name);
    case 'email':
      return { email: textCondition(leaf, name) };
    case 'element':
      return someElement(target.element.field, elementLeaf(target.sub, leaf, name));
    case 'elements':
      return elementsBare(target.element, leaf, name);
    case 'membership':
      return membershipFilter(target.field, leaf, name);
    case 'manager':
      return managerFilter(leaf, name);
    case 'schemas':
      return schemasFilter(leaf, name, ctx);
    case 'custom':
      return customFilter(target.def, leaf, name);
    case 'unsupported':
      throw unsupportedAttribute(name);
  }
}

/** Inside `parent[...]` paths are relative: rewrite them to `parent.sub` (for singular complex attributes). */
function qualify(node: FilterNode, parent: AttrPath): FilterNode {
  switch (node.op) {
    case 'and':
    case 'or':
      return { op: node.op, left: qualify(node.left, parent), right: qualify(node.right, parent) };
    case 'not':
      return { op: 'not', filter: qualify(node.filter, parent) };
    case 'valuePath':
      throw invalidFilter(`a "[...]" filter cannot be nested inside "${label(parent)}[...]"`);
    default: {
      const path: AttrPath = parent.schema === undefined ? { attr: parent.attr } : { schema: parent.schema, attr: parent.attr };
      path.subAttr = node.path.attr;
      return node.op === 'pr' ? { op: 'pr', path } : { op: node.op, path, value: node.value };
    }
  }
}

function translateValuePath(node: Extract<FilterNode, { op: 'valuePath' }>, ctx: Context): Json {
  const def = lookup(node.path, ctx);
  const name = label(node.path);
  if (def.unsupported) throw unsupportedAttribute(name);
  const bracket = def.bracket;
  if (bracket === undefined) throw invalidFilter(`"${name}[...]" is not allowed: "${name}" is not a complex attribute`);
  switch (bracket.kind) {
    case 'element':
      return someElement(bracket.element.field, elementAlternatives(bracket.element, node.filter, name));
    case 'membership': {
      const alternatives = elementAlternatives(bracket.element, node.filter, name);
      return anyOf(
        alternatives.map((a) => {
          const value = a.value as Json | undefined;
          if (!hasOnlyKey(a, 'value') || !value || !hasOnlyKey(value, 'eq')) {
            throw invalidFilter(`unsupported filter inside "${name}[...]": only "value eq <id>" conditions (combined with "or") are supported`);
          }
          return { [bracket.field]: value.eq };
        }),
      );
    }
    case 'complex':
      return translate(qualify(node.filter, node.path), ctx);
  }
}

/** Operands of a chain of the same operator (a and b and c → [a, b, c]), without deep recursion. */
function chain(node: FilterNode & { op: 'and' | 'or' }): FilterNode[] {
  const out: FilterNode[] = [];
  const stack: FilterNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.op === node.op) stack.push((n as typeof node).right, (n as typeof node).left);
    else out.push(n);
  }
  return out;
}

function translate(node: FilterNode, ctx: Context): Json {
  switch (node.op) {
    case 'and':
      return allOf(chain(node).map((n) => translate(n, ctx)));
    case 'or':
      return anyOf(chain(node).map((n) => translate(n, ctx)));
    case 'not':
      return negate(translate(node.filter, ctx));
    case 'valuePath':
      return translateValuePath(node, ctx);
    case 'pr':
    case 'eq':
    case 'ne':
    case 'co':
    case 'sw':
    case 'ew':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return translateLeaf(node, ctx);
    default:
      throw invalidFilter(`unsupported filter operator "${String((node as { op: unknown }).op)}"`);
  }
}

const USER_SCHEMA_URNS = [USER_RESOURCE.schema.id, ...USER_RESOURCE.extensions.map((e) => e.id)];

function userContext(custom: readonly CustomAttr[]): Context {
  return { resource: 'User', core: USER_CORE, coreSchema: USER_SCHEMA, enterprise: USER_ENTERPRISE, custom, schemaUrns: USER_SCHEMA_URNS };
}

const GROUP_CONTEXT: Context = { resource: 'Group', core: GROUP_CORE, coreSchema: GROUP_SCHEMA, schemaUrns: [GROUP_RESOURCE.schema.id] };

/**
 * SCIM User filter AST → GraphQL UserFilter JSON. `custom` = the organization's custom attribute
 * definitions.
 * @throws ScimError 400 invalidFilter
 */
export function userFilterToCore(node: FilterNode, custom: CustomAttr[]): Record<string, unknown> {
  return translate(node, userContext(custom));
}

/**
 * SCIM Group filter AST → GraphQL GroupFilter JSON.
 * @throws ScimError 400 invalidFilter
 */
export function groupFilterToCore(node: FilterNode): Record<string, unknown> {
  return translate(node, GROUP_CONTEXT);
}

// ---------------------------------------------------------------------------------------------
// Sorting

function parseSortPath(sortBy: string): AttrPath {
  let parsed;
  try {
    parsed = parsePatchPath(sortBy);
  } catch (err) {
    // read with the PATCH path grammar, but refused as a sortBy: invalidValue, in its words
    const detail = err instanceof Error ? `: ${err.message.replace(/\bpath\b/g, 'sortBy')}` : '';
    throw invalidSort(`invalid sortBy ${JSON.stringify(sortBy)}${detail}`);
  }
  if (parsed.filter !== undefined) throw invalidSort(`invalid sortBy ${JSON.stringify(sortBy)}: sortBy takes an attribute path without "[...]"`);
  const path: AttrPath = parsed.schema === undefined ? { attr: parsed.attr } : { schema: parsed.schema, attr: parsed.attr };
  if (parsed.subAttr !== undefined) path.subAttr = parsed.subAttr;
  return path;
}

/** The sortable paths of a schema (the table's `sort`): lower-case `attr` or `attr.sub` → UserSort / GroupSort field, with the paths as spelled. */
function sorts(schema: ScimSchema<never>): { fields: ReadonlyMap<string, string>; paths: string[] } {
  const fields = new Map<string, string>();
  const paths: string[] = [];
  const add = (path: string, field: string | undefined) => {
    if (field === undefined) return;
    fields.set(path.toLowerCase(), field);
    paths.push(path);
  };
  for (const a of schema.attributes) {
    add(a.name, a.sort);
    for (const s of a.subAttributes ?? []) add(`${a.name}.${s.name}`, s.sort);
  }
  return { fields, paths };
}

const USER_CORE_SORTS = sorts(USER_RESOURCE.schema);
const USER_ENTERPRISE_SORTS = sorts(ENTERPRISE_USER);
const GROUP_SORTS = sorts(GROUP_RESOURCE.schema);

const USER_SORTABLE = `${[...USER_CORE_SORTS.paths, ...USER_ENTERPRISE_SORTS.paths.map((p) => `${ENTERPRISE_USER.id}:${p}`)].join(', ')} and custom attributes`;

function sortKey(path: AttrPath): string {
  return path.attr.toLowerCase() + (path.subAttr === undefined ? '' : '.' + path.subAttr.toLowerCase());
}

/**
 * SCIM sortBy → GraphQL UserSort `field` (and `customAttribute` for CUSTOM_ATTRIBUTE). The direction
 * (sortOrder) is the adapter's: ascending → ASC, descending → DESC.
 * @throws ScimError 400 invalidValue
 */
export function userSortToCore(sortBy: string, custom: CustomAttr[]): { field: string; customAttribute?: string } {
  const path = parseSortPath(sortBy);
  const key = sortKey(path);
  const schema = path.schema?.toLowerCase();
  const fail = () => invalidSort(`cannot sort by ${JSON.stringify(sortBy)} (sortable: ${USER_SORTABLE})`);
  const customSort = () => {
    if (path.subAttr !== undefined) return undefined;
    const def = findCustomAttr(custom, path.attr, invalidSort);
    return def && { field: customAttribute(def).sort!, customAttribute: def.name };
  };
  if (schema === undefined || schema === USER_SCHEMA.toLowerCase()) {
    const field = USER_CORE_SORTS.fields.get(key);
    if (field) return { field };
    // core attributes that exist but are not sortable must not fall through to an extension
    if (!USER_CORE.has(path.attr.toLowerCase())) {
      const ext = schema === undefined ? USER_ENTERPRISE_SORTS.fields.get(key) : undefined;
      if (ext) return { field: ext };
      // a custom attribute, bare or under the core URN (as Entra ID qualifies it)
      if (schema !== undefined || !USER_ENTERPRISE.has(path.attr.toLowerCase())) {
        const c = customSort();
        if (c) return c;
      }
    }
    throw fail();
  }
  if (schema === ENTERPRISE_SCHEMA.toLowerCase()) {
    const field = USER_ENTERPRISE_SORTS.fields.get(key);
    if (field) return { field };
    throw fail();
  }
  // the custom extension, or another namespace an admin chose for custom attributes (as lookup reads filters)
  const c = customSort();
  if (c) return c;
  throw fail();
}

/**
 * SCIM sortBy → GraphQL GroupSort `field`.
 * @throws ScimError 400 invalidValue
 */
export function groupSortToCore(sortBy: string): { field: string } {
  const path = parseSortPath(sortBy);
  const schema = path.schema?.toLowerCase();
  const field = schema === undefined || schema === GROUP_SCHEMA.toLowerCase() ? GROUP_SORTS.fields.get(sortKey(path)) : undefined;
  if (!field) throw invalidSort(`cannot sort by ${JSON.stringify(sortBy)} (sortable: ${GROUP_SORTS.paths.join(', ')})`);
  return { field };
}

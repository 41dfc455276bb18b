/**
 * A SCIM PATCH operation applied to the data of one attribute, once patch.ts has resolved its path
 * to the attribute (and the sub-attribute and value filter, if any): the value rules of the
 * decisions listed in patch.ts — types and coercion, multi-valued elements (identity, merging,
 * value filters, Entra's removal selectors and filtered-path creation), at most one primary, and
 * required sub-attributes. Pure: no schema lookup by name, no resource, no parsing.
 */
import type { FilterNode } from './filter-ast.js';
import { evaluateFilter } from './filter-eval.js';
import { isPlainObject, jsonEqual, type Json } from './json-value.js';
import type { PatchOperation } from './patch-operation.js';
import { coerceBooleanStrings, elementFromValueFilter, removalSelectors } from './quirks.js';
import type { AttrType } from './resource-schema.js';
import { ScimError } from './scim-error.js';
import { CUSTOM_SCHEMA } from './urns.js';

/** One attribute as PATCH reads it (patch.ts builds them from the table of resource-schema.ts). */
export interface AttributeInfo {
  /** Canonical spelling (what the result uses). */
  name: string;
  type: AttrType;
  multiValued: boolean;
  /** Enforced for top-level attributes only; sub-attributes are always writable. */
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  subAttributes?: Record<string, AttributeInfo>;
  /** String comparisons (filters, duplicate detection) are exact instead of ignoring case. Default false. */
  caseExact?: boolean;
  /**
   * Top-level: cannot be removed or unassigned (400 invalidValue). Sub-attribute of a multi-valued
   * attribute: every element must have it. Default false.
   */
  required?: boolean;
}

/** The core schema or an extension, with its attributes: where a resolved path's data is. */
export interface Container {
  /** canonical URN */
  urn: string;
  isCore: boolean;
  /** lower-cased name → info */
  attrs: Map<string, AttributeInfo>;
}

/** A PATCH path resolved to an attribute of a container (and its sub-attribute and value filter, if any). */
export interface AttributeTarget {
  kind: 'attribute';
  container: Container;
  info: AttributeInfo;
  filter?: FilterNode;
  sub?: AttributeInfo;
  /** the path as written, for messages */
  label: string;
}

// PATCH's refusals: HTTP 400 with the RFC 7644 §3.12 scimType

export function invalidPath(message: string): never {
  throw new ScimError(400, 'invalidPath', message);
}

export function invalidValue(message: string): never {
  throw new ScimError(400, 'invalidValue', message);
}

export function noTarget(message: string): never {
  throw new ScimError(400, 'noTarget', message);
}

export function mutability(message: string): never {
  throw new ScimError(400, 'mutability', message);
}

/** Lower-cased name → sub-attribute, per attribute (schemas are treated as immutable once used). */
const SUB_ATTRIBUTES = new WeakMap<AttributeInfo, Map<string, AttributeInfo>>();

export function subAttribute(info: AttributeInfo, name: string): AttributeInfo | undefined {
  let index = SUB_ATTRIBUTES.get(info);
  if (index === undefined) {
    index = new Map();
    for (const sub of Object.values(info.subAttributes ?? {})) if (!index.has(sub.name.toLowerCase())) index.set(sub.name.toLowerCase(), sub);
    SUB_ATTRIBUTES.set(info, index);
  }
  return index.get(name.toLowerCase());
}

/** A single-valued complex attribute (name, manager, meta). */
export function isSingleComplex(info: AttributeInfo): boolean {
  return info.type === 'complex' && !info.multiValued;
}

export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isUnassigned);
  return false;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * A single-valued complex attribute (name, manager) or one of its sub-attributes: add and replace
 * merge, remove and null unassign.
 */
export function applySingleComplex(op: PatchOperation['op'], target: AttributeTarget, holder: Json, value: unknown): void {
  const { info, sub, label, container } = target;
  const current = isPlainObject(holder[info.name]) ? (holder[info.name] as Json) : undefined;
  if (sub !== undefined) {
    if (op === 'remove' || value === null) {
      if (current !== undefined) delete current[sub.name];
      return;
    }
    const next = current ?? {};
    next[sub.name] = toScalar(sub, value, label, container);
    holder[info.name] = next;
    return;
  }
  if (op === 'remove' || value === null) {
    delete holder[info.name];
    return;
  }
  // add and replace both merge the given sub-attributes (RFC 7644 §3.5.2.1 / §3.5.2.3) — except
  // that a new `value` (manager: another user) replaces the object, whose other sub-attributes
  // ($ref, displayName) described the previous referent
  const patch = elementPatch(info, value, label, container);
  const newValue = patch.get('value');
  const valueInfo = subAttribute(info, 'value');
  const newReferent =
    valueInfo !== undefined && newValue !== undefined && newValue !== null && current !== undefined && !sameScalar(valueInfo, current['value'], newValue);
  const next = current === undefined || newReferent ? {} : current;
  applyElementPatch(next, patch);
  holder[info.name] = next;
}

/**
 * A multi-valued attribute, whole or through a value filter and/or sub-attribute: adds merge equal
 * elements, removes take Entra's selectors, a filtered sub-attribute path may create its element;
 * then at most one element stays primary and required sub-attributes are checked.
 */
export function applyMulti(op: PatchOperation['op'], target: AttributeTarget, holder: Json, value: unknown, hasValue: boolean): void {
  const { info, filter, sub, label, container } = target;
  const stored = holder[info.name];
  let list: unknown[] = Array.isArray(stored) ? stored : isUnassigned(stored) ? [] : [stored];
  const touched = new Set<unknown>();

  if (filter === undefined && sub === undefined) {
    if (op === 'remove') {
      const selectors = hasValue ? removalSelectors(value) : undefined;
      if (selectors === undefined) list = [];
      else {
        // selectors with a value are looked up by identity (long lists), the others compared one by one
        const identities = new Set<string>();
        const patterns: unknown[] = [];
        for (const selector of selectors) {
          const pattern = toSelector(info, selector, label, container);
          const identity = elementIdentity(info, pattern);
          if (identity !== undefined) identities.add(identity);
          else patterns.push(pattern);
        }
        list = list.filter((element) => {
          const identity = elementIdentity(info, element);
          if (identity !== undefined && identities.has(identity)) return false;
          return !patterns.some((pattern) => matchesSelector(info, element, pattern));
        });
      }
    } else if (value === null) {
      list = [];
    } else {
      const elements = toElements(info, value, label, container);
      if (op === 'replace') list = [];
      // elements with a value are found by identity (the first equal one of the same type), others by comparison
      const byIdentity = new Map<string, unknown[]>();
      const remember = (identity: string, element: unknown) => {
        const same = byIdentity.get(identity);
        if (same) same.push(element);
        else byIdentity.set(identity, [element]);
      };
      for (const element of list) {
        const identity = elementIdentity(info, element);
        if (identity !== undefined) remember(identity, element);
      }
      for (const element of elements) {
        const identity = elementIdentity(info, element);
        const existing =
          identity !== undefined
            ? byIdentity.get(identity)?.find((candidate) => typesAgree(info, candidate, element))
            : list.find((candidate) => sameElement(info, candidate, element));
        if (existing === undefined) {
          list.push(element);
          if (identity !== undefined) remember(identity, element);
          touched.add(element);
        } else if (isPlainObject(existing) && isPlainObject(element)) {
          const { value: _keep, ...rest } = element;
          Object.assign(existing, rest);
          touched.add(existing);
        }
      }
    }
  } else {
    const test = filter === undefined ? undefined : elementTester(info, filter);
    const matches = test === undefined ? list : list.filter(test);
    const matched = new Set(matches);
    if (sub !== undefined) {
      if (op === 'remove' || value === null) {
        if (matches.length === 0 && op === 'remove') noTarget(`no element of "${info.name}" matches "${label}"`);
        for (const element of matches) if (isPlainObject(element)) delete element[sub.name];
        list = list.filter((element) => !isUnassigned(element));
      } else {
        const scalar = toScalar(sub, value, label, container);
        if (matches.length === 0) {
          // Entra ID: Add/Replace of `addresses[type eq "work"].locality` creates the work address (quirks.elementFromValueFilter)
          const seed = filter === undefined ? {} : elementFromValueFilter(filter);
          if (seed === undefined) {
            noTarget(`no element of "${info.name}" matches "${label}", and only "eq" conditions joined by "and" can describe a new one`);
          }
          const element = toElement(info, seed, label, container) as Json;
          element[sub.name] = scalar;
          list.push(element);
          touched.add(element);
        }
        for (const element of matches) {
          if (!isPlainObject(element)) continue;
          element[sub.name] = scalar;
          touched.add(element);
        }
      }
    } else {
      if (op === 'add') invalidPath(`"add" cannot target filtered elements ("${label}"); add to "${info.name}", or use "replace"`);
      if (matches.length === 0) noTarget(`no element of "${info.name}" matches "${label}"`);
      if (op === 'remove' || value === null) {
        list = list.filter((element) => !matched.has(element));
      } else if (info.type === 'complex') {
        const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
        const patch = elementPatch(info, one, label, container);
        for (const element of matches) {
          if (!isPlainObject(element)) continue;
          applyElementPatch(element, patch);
          touched.add(element);
        }
        list = list.filter((element) => !isUnassigned(element));
      } else {
        const scalar = toScalar(info, Array.isArray(value) && value.length === 1 ? value[0] : value, label, container);
        list = list.map((element) => (matched.has(element) ? scalar : element));
      }
    }
  }

  if (subAttribute(info, 'primary') !== undefined) {
    const primaries = [...touched].filter((element) => isPlainObject(element) && element['primary'] === true);
    if (primaries.length > 1) invalidValue(`at most one element of "${info.name}" can be primary`);
    for (const element of list) {
      if (primaries.length === 1 && element !== primaries[0] && isPlainObject(element) && element['primary'] === true) delete element['primary'];
    }
  }
  for (const required of Object.values(info.subAttributes ?? {}).filter((s) => s.required)) {
    if (list.some((element) => isPlainObject(element) && isUnassignedOrEmpty(element[required.name]))) {
      invalidValue(`every element of "${info.name}" needs "${required.name}"`);
    }
  }
  holder[info.name] = list;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Checks and coerces a simple value to the attribute's type. */
export function toScalar(info: AttributeInfo, value: unknown, label: string, container: Container): unknown {
  const what = `"${label}"${label.toLowerCase().endsWith(info.name.toLowerCase()) ? '' : ` (${info.name})`}`;
  switch (info.type) {
    case 'boolean': {
      const coerced = coerceBooleanStrings(value, true);
      if (typeof coerced !== 'boolean') invalidValue(`${what} must be a boolean, not ${describeValue(value)}`);
      return coerced;
    }
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      if (typeof value === 'string' && INTEGER.test(value.trim()) && Number.isSafeInteger(Number(value))) return Number(value);
      return invalidValue(`${what} must be an integer, not ${describeValue(value)}`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && DECIMAL.test(value.trim()) && Number.isFinite(Number(value))) return Number(value);
      return invalidValue(`${what} must be a number, not ${describeValue(value)}`);
    case 'complex':
      return invalidValue(`${what} must be an object`);
    default:
      if (typeof value === 'string') return value;
      if (container.urn === CUSTOM_SCHEMA && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
      return invalidValue(`${what} must be a string, not ${describeValue(value)}`);
  }
}

/** The elements a value adds to / replaces a multi-valued attribute with (a single one is wrapped; nulls are skipped). */
function toElements(info: AttributeInfo, value: unknown, label: string, container: Container): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .filter((item) => item !== null)
    .map((item) => toElement(info, item, label, container))
    .filter((element) => !isUnassigned(element));
}

function toElement(info: AttributeInfo, item: unknown, label: string, container: Container): unknown {
  if (info.type !== 'complex') return toScalar(info, item, label, container);
  if (!isPlainObject(item)) {
    invalidValue(`"${info.name}" takes objects such as {"value": …}, not ${describeValue(item)}`);
  }
  const element: Json = {};
  applyElementPatch(element, elementPatch(info, item, label, container));
  return element;
}

/** The given sub-attributes, canonicalised and type-checked; null means "unassign". */
function elementPatch(info: AttributeInfo, value: unknown, label: string, container: Container): Map<string, unknown> {
  if (!isPlainObject(value)) invalidValue(`"${label}" takes an object of "${info.name}" sub-attributes, not ${describeValue(value)}`);
  const patch = new Map<string, unknown>();
  for (const key of Object.keys(value)) {
    const sub = subAttribute(info, key);
    if (sub === undefined) invalidPath(`unknown sub-attribute "${info.name}.${key}"`);
    const v = value[key];
    patch.set(sub.name, v === null ? null : toScalar(sub, v, `${info.name}.${sub.name}`, container));
  }
  return patch;
}

/** A remove selector (Entra's `value` array on remove), canonicalised. */
function toSelector(info: AttributeInfo, selector: unknown, label: string, container: Container): unknown {
  if (info.type !== 'complex') return toScalar(info, selector, label, container);
  const patch = elementPatch(info, selector, label, container);
  return Object.fromEntries([...patch].filter(([, v]) => v !== null));
}

function matchesSelector(info: AttributeInfo, element: unknown, selector: unknown): boolean {
  if (info.type !== 'complex') return sameElement(info, element, selector);
  if (!isPlainObject(element) || !isPlainObject(selector)) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  if (selector['value'] !== undefined) return sameScalar(subAttribute(info, 'value'), element['value'], selector['value']);
  return keys.every((key) => sameScalar(subAttribute(info, key), element[key], selector[key]));
}

function sameElement(info: AttributeInfo, a: unknown, b: unknown): boolean {
  if (info.type !== 'complex') return sameScalar(info, a, b);
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const valueInfo = subAttribute(info, 'value');
  if (valueInfo !== undefined && a['value'] !== undefined && b['value'] !== undefined) return sameScalar(valueInfo, a['value'], b['value']);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
  return [...keys].every((key) => sameScalar(subAttribute(info, key), a[key], b[key]));
}

/**
 * Whether an element of `info` matches a value filter (names relative to the element; a simple
 * element is seen as `{ value: element }`). Built once per operation, not per element.
 */
function elementTester(info: AttributeInfo, filter: FilterNode): (element: unknown) => boolean {
  const known = new Map<string, boolean>();
  const caseExactOf = (name: string): boolean => (info.type === 'complex' ? subAttribute(info, name)?.caseExact : info.caseExact) ?? false;
  const options = {
    caseExact: (name: string): boolean => {
      let exact = known.get(name);
      if (exact === undefined) known.set(name, (exact = caseExactOf(name)));
      return exact;
    },
  };
  if (info.type === 'complex') return (element) => evaluateFilter(filter, element, options);
  return (element) => evaluateFilter(filter, { value: element }, options);
}

function applyElementPatch(element: Json, patch: Map<string, unknown>): void {
  for (const [name, v] of patch) {
    if (v === null) delete element[name];
    else element[name] = v;
  }
}

/**
 * The key under which two elements are "the same element" when both have one: the `value` of a
 * complex element (case folded unless caseExact), or a simple element itself. Undefined for a
 * complex element without `value`, which is compared sub-attribute by sub-attribute instead.
 */
function elementIdentity(info: AttributeInfo, element: unknown): string | undefined {
  if (info.type !== 'complex') return scalarIdentity(info, element);
  if (!isPlainObject(element) || element['value'] === undefined || element['value'] === null) return undefined;
  return scalarIdentity(subAttribute(info, 'value'), element['value']);
}

/**
 * Whether two elements with equal values are the same element: `{value: "a@x", type: "home"}` is
 * another address than `{value: "a@x", type: "work"}` (RFC 7644 §3.5.2.1: add appends a value not
 * already contained), unless either has no type. Case-exact values (member and group ids) identify
 * alone.
 */
function typesAgree(info: AttributeInfo, a: unknown, b: unknown): boolean {
  if (info.type !== 'complex' || subAttribute(info, 'value')?.caseExact === true) return true;
  if (!isPlainObject(a) || !isPlainObject(b)) return true;
  const ta = a['type'];
  const tb = b['type'];
  return typeof ta !== 'string' || typeof tb !== 'string' || ta.toLowerCase() === tb.toLowerCase();
}

function scalarIdentity(info: AttributeInfo | undefined, value: unknown): string {
  if (typeof value === 'string') return `s:${info?.caseExact === true ? value : value.toLowerCase()}`;
  return `j:${JSON.stringify(value)}`;
}

function sameScalar(info: AttributeInfo | undefined, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return info?.caseExact === true ? a === b : a.toLowerCase() === b.toLowerCase();
  return jsonEqual(a, b);
}

export function isUnassignedOrEmpty(value: unknown): boolean {
  return isUnassigned(value) || value === '';
}

/** Deletes null, empty lists, empty complex values and empty elements of the container's known attributes. */
export function dropUnassigned(container: Container, data: Json): void {
  for (const info of container.attrs.values()) {
    if (!Object.hasOwn(data, info.name)) continue;
    let value = data[info.name];
    if (Array.isArray(value)) {
      value = value.filter((element) => !isUnassigned(element));
      for (const element of value as unknown[]) if (isPlainObject(element)) dropNullKeys(element);
      data[info.name] = value;
    } else if (isPlainObject(value)) {
      dropNullKeys(value);
    }
    if (isUnassigned(value)) delete data[info.name];
  }
}

function dropNullKeys(obj: Json): void {
  for (const key of Object.keys(obj)) if (obj[key] === null || obj[key] === undefined) delete obj[key];
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

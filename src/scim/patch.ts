/**
 * SCIM 2.0 PATCH (RFC 7644 §3.5.2) applied in memory to a User resource. (A Group PATCH is not
 * applied to the group: groups.ts turns it into member and name steps for the core, groupPatchSteps,
 * so that its cost does not grow with the group's size.)
 *
 * Pure: no database, no HTTP. `readPatchRequest` validates a PatchOp body; `applyPatch` applies
 * its operations, in order, to a deep copy of the resource and reports which attributes changed.
 * Identity-provider deviations (Okta, Entra ID) are tolerated through the named normalisers of
 * quirks.ts. The only error thrown is ScimError (HTTP 400 with an RFC 7644 §3.12 scimType).
 *
 * The attributes, their types and characteristics are the table of resource-schema.ts, as
 * /Schemas advertises them but where an entry's `patch` says otherwise (ids compare exactly,
 * the unstored multi-valued attributes are applied like stored ones, Entra's role sub-attributes).
 *
 * Decisions beyond the RFC (all tested in test/scim/patch.test.ts and test/scim/quirks.test.ts):
 * - Names: attribute, sub-attribute and schema-URN names match case-insensitively; the result uses
 *   the schema's spelling (`"USERNAME"` sets `userName`), also for keys already in the resource.
 *   A name without URN prefix is a core attribute only. Unknown attributes, sub-attributes (also
 *   inside values and filters) and URNs are 400 invalidPath — except in an open extension (users'
 *   custom attributes, ResourceSchema.openExtension), which takes any attribute name and any
 *   other extension URN as its own.
 * - Pathless values: every key is read as a PATCH path and applied with the operation's op, so
 *   `{"name.givenName": …}`, `{"urn:…:enterprise:2.0:User:department": …}` and
 *   `{"emails[type eq \"work\"].value": …}` work (Entra); an extension URN key (or a path naming
 *   a whole extension) takes an object of that extension's attributes.
 * - Unassigned, null, `[]` and `{}` are the same state (RFC 7643 §2.5): null in a value unassigns
 *   (an attribute, a sub-attribute, an extension), and the result never holds null, empty lists,
 *   empty complex values, empty elements or empty extension objects — removing the last email,
 *   or replacing `emails` with `[]`, deletes the `emails` key. `schemas` lists the core URN (as
 *   found) plus each extension the result has data for; it is created only when an extension is.
 * - `changed` is computed by comparing the result with the input (so re-adding an existing email,
 *   or a change undone later in the same request, changes nothing); keys are listed at applyPatch.
 * - Complex single-valued attributes (`name`, `manager`): add and replace merge the given
 *   sub-attributes, except that a `value` different from the current one (another manager)
 *   replaces the whole object, so a stale `$ref`/`displayName` is not kept.
 * - Multi-valued elements are "the same" when their `value`s are equal (exact for
 *   `groups`, ignoring case for `emails` etc.; for the latter also their `type`s when
 *   both have one: a home address equal to the work one is another element), or — for elements
 *   without `value` (addresses) — when all sub-attributes are equal. Adding an element equal to
 *   an existing one merges its other sub-attributes into the existing element (keeping the stored `value`
 *   spelling) instead of appending a duplicate. Primitive elements (multi-valued custom
 *   attributes) are compared by value; value filters see them as `{ value: element }`.
 * - At most one element is primary: an operation that makes an element primary deletes `primary`
 *   from the others; one operation making two elements primary is 400 invalidValue.
 * - Filtered path with a sub-attribute that matches nothing: add AND replace create the element
 *   from the filter's `eq … and eq …` conditions plus the sub-attribute (Entra sends both for
 *   not-yet-existing typed elements; quirks.elementFromValueFilter); a filter that is not of that
 *   form is 400 noTarget. `emails.value` without a filter addresses every element (creating one
 *   `{value}` element when there is none, for add/replace).
 * - remove: a value on a multi-valued attribute removes only the matching elements (Entra);
 *   otherwise it is ignored. Removing an unassigned attribute is a no-op; a filter matching
 *   nothing is 400 noTarget (RFC).
 * - Mutability (top-level attributes only): readOnly targeted by a path → mutability; in a pathless
 *   value it is ignored when equal to the current value (Okta echoes `id`), else mutability.
 *   immutable may only be set while unassigned. writeOnly (`password`) is accepted and dropped:
 *   never in the result (a `password` in the input resource is dropped too), never in `changed`.
 *   `schemas` (pathless key or path) is ignored. `required` attributes (`userName`) cannot be
 *   removed or set to null/"" (invalidValue); a required sub-attribute must be in every element.
 * - Types: boolean accepts Entra's "True"/"False"; integer/decimal accept numeric strings (stored as
 *   numbers); string/reference/dateTime/binary need strings (dateTime format is not checked), except that
 *   custom-extension strings also accept numbers and booleans (stored as text). Complex attributes
 *   need objects; multi-valued ones an array or a single element (wrapped).
 */
import type { FilterNode } from './filter-ast.js';
import { evaluateFilter } from './filter-eval.js';
import { parsePatchPath, type PatchPath } from './path-parser.js';
import {
  coerceBooleanStrings,
  elementFromValueFilter,
  isEchoedReadOnlyValue,
  normalizeManagerValue,
  normalizePatchOperation,
  removalSelectors,
} from './quirks.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, PATCH_OP } from './urns.js';
import { customAttribute, USER_RESOURCE, type AttrType, type CustomAttr, type ScimAttribute, type ScimResourceType } from './resource-schema.js';
import { isPlainObject, jsonEqual, type Json } from './json-value.js';
import type { PatchOperation } from './patch-operation.js';
import { ScimError } from './scim-error.js';

// ---------------------------------------------------------------------------------------------
// Public API

/** Most operations accepted in one PATCH request. */
export const MAX_PATCH_OPERATIONS = 1000;

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
   * attribute: every element must have it (e.g. `members.value`). Default false.
   */
  required?: boolean;
}

export interface ResourceSchema {
  /** core schema URN of the resource (USER_SCHEMA) */
  core: string;
  /** extension URNs allowed on this resource (e.g. [ENTERPRISE_SCHEMA, CUSTOM_SCHEMA] for users) */
  extensions: string[];
  /** canonical attribute names per container (core or extension URN) → AttributeInfo, case-insensitively matched */
  attributes: Record<string, Record<string, AttributeInfo>>;
  /**
   * An extension (one of `extensions`) whose attributes are open-ended, as custom attributes are:
   * a name it does not list is accepted as a string attribute (multi-valued when the value is a
   * list), and an extension URN the schema does not know is read as this one — identity providers
   * let admins choose the namespace (`urn:ietf:params:scim:schemas:extension:Acme:2.0:User:costCode`,
   * `urn:okta:acme_app:1.0:user:custom:costCode`). A path in such a URN names the whole extension
   * when its value is an object (custom attributes are never complex), else the attribute after
   * the last colon.
   */
  openExtension?: string;
}

/**
 * Validates a PatchOp request body: `schemas` must contain PATCH_OP, `Operations` (exact key, or
 * any letter case as a fallback) a non-empty array of at most MAX_PATCH_OPERATIONS operations,
 * each normalised by quirks.normalizePatchOperation. Paths are parsed later, by applyPatch.
 * @throws ScimError 400 invalidSyntax (shape) / invalidValue (add or replace without value)
 */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) throw new ScimError(400, 'invalidSyntax', 'the request body must be a JSON object');
  const schemas = body['schemas'];
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP.toLowerCase())) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" must be an array containing "${PATCH_OP}"`);
  }
  const ops = readOwnCaseInsensitive(body, 'Operations');
  checkOperationList(ops);
  return ops.map((raw, index) => withOperationContext(index, () => normalizePatchOperation(raw)));
}

/**
 * Applies the operations, in order, to a deep copy of `resource` (a SCIM User JSON object)
 * and returns the new resource plus the set of changed attribute keys. Never mutates its inputs.
 * The operations are normalised again (quirks.normalizePatchOperation), so raw ones work too.
 *
 * `changed` keys: a top-level core attribute by its canonical name (`userName`, `active`,
 * `emails`); a sub-attribute of a single-valued complex core attribute as
 * `name.givenName` (one key per sub-attribute whose value differs); an extension attribute as
 * `<extension URN>:<name>` (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`,
 * `urn:ietf:params:scim:schemas:extension:custom:2.0:User:<custom name>`), complex or not; a
 * multi-valued attribute by its name when its list differs in any way (including order).
 *
 * @throws ScimError 400 — messages start with `Operations[<index>]: `.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  ops: PatchOperation[],
  schema: ResourceSchema,
): { resource: Record<string, unknown>; changed: Set<string> } {
  try {
    if (!isPlainObject(resource)) throw new ScimError(400, 'invalidValue', 'the resource must be a JSON object');
    checkOperationList(ops);
    const compiled = compileSchema(schema);
    const before = canonicalizeResource(compiled, cloneJson(resource));
    const patcher = new Patcher(compiled, cloneJson(before));
    ops.forEach((raw, index) => withOperationContext(index, () => patcher.apply(normalizePatchOperation(raw))));
    const result = patcher.finish();
    return { resource: result, changed: changedKeys(compiled, before, result) };
  } catch (err) {
    throw toPatchError(err, '');
  }
}

/**
 * The ResourceSchema of a SCIM User: the table's core User, enterprise extension and the
 * organization's custom attributes (resource-schema.ts) under CUSTOM_SCHEMA, the open extension
 * (readWrite, caseExact; string values of custom attributes also accept numbers and booleans,
 * which become text — the core validates custom values, docs/PROVISIONING.md §2.2). A custom name
 * matching an earlier one ignoring case is ignored.
 */
export function userResourceSchema(definitions: readonly CustomAttr[]): ResourceSchema {
  const custom: Record<string, AttributeInfo> = {};
  const seen = new Set<string>();
  for (const def of definitions) {
    if (seen.has(def.name.toLowerCase())) continue;
    seen.add(def.name.toLowerCase());
    custom[def.name] = attributeInfo(customAttribute(def));
  }
  return { ...USER_RESOURCE_SCHEMA, attributes: { ...USER_RESOURCE_SCHEMA.attributes, [CUSTOM_SCHEMA]: custom } };
}

// ---------------------------------------------------------------------------------------------
// Schemas: the table of resource-schema.ts, as PATCH reads it

/** One attribute as PATCH reads it: as /Schemas advertises it, but for its `patch` reading. */
function attributeInfo(a: ScimAttribute<never>): AttributeInfo {
  const p = a.patch ?? {};
  const info: AttributeInfo = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    mutability: p.mutability ?? a.mutability ?? 'readWrite',
    caseExact: p.caseExact ?? a.caseExact ?? false,
    required: p.required ?? a.required ?? false,
  };
  const subs = [...(a.subAttributes ?? []), ...(p.extraSubAttributes ?? [])];
  if (subs.length > 0) info.subAttributes = byName(subs);
  return info;
}

function byName(attributes: readonly ScimAttribute<never>[]): Record<string, AttributeInfo> {
  return Object.fromEntries(attributes.map((a) => [a.name, attributeInfo(a)]));
}

/** A resource type's schemas; an extension whose attributes are per organization is the open one, empty here. */
function resourceSchema(type: ScimResourceType<never>): ResourceSchema {
  const attributes: Record<string, Record<string, AttributeInfo>> = { [type.schema.id]: byName(type.schema.attributes) };
  for (const e of type.extensions) attributes[e.id] = byName(e.attributes);
  const open = type.extensions.find((e) => e.perOrganization);
  return { core: type.schema.id, extensions: type.extensions.map((e) => e.id), attributes, ...(open ? { openExtension: open.id } : {}) };
}

const USER_RESOURCE_SCHEMA = resourceSchema(USER_RESOURCE);

// ---------------------------------------------------------------------------------------------
// Internals

/** Sets an own property even for a key such as "__proto__". */
function setOwn(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Deep copy of plain objects and arrays; anything else (primitives, Dates) is shared. */
function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: Json = {};
  for (const key of Object.keys(value)) setOwn(copy, key, cloneJson(value[key]));
  return copy as T;
}

function readOwnCaseInsensitive(obj: Json, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function checkOperationList(ops: unknown): asserts ops is unknown[] {
  if (!Array.isArray(ops)) throw new ScimError(400, 'invalidSyntax', '"Operations" must be an array of operations');
  if (ops.length === 0) throw new ScimError(400, 'invalidSyntax', '"Operations" must contain at least one operation');
  if (ops.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(400, 'invalidSyntax', `"Operations" has ${ops.length} operations; at most ${MAX_PATCH_OPERATIONS} are accepted`);
  }
}

function withOperationContext<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw toPatchError(err, `Operations[${index}]: `);
  }
}

/** A ScimError gets `prefix` before its detail; anything else (a fault of this module) becomes 400 invalidValue. */
function toPatchError(err: unknown, prefix: string): ScimError {
  if (err instanceof ScimError) return prefix === '' ? err : err.withPrefix(prefix);
  const message = err instanceof Error ? err.message : String(err);
  return new ScimError(400, 'invalidValue', `${prefix}the operation could not be applied: ${message}`);
}

/**
 * Parses a PATCH path, or a key of a pathless value: a malformed one is the parser's 400
 * invalidPath, its detail after `prefix` (what was being read).
 */
function parsePath(raw: string, prefix: string): PatchPath {
  try {
    return parsePatchPath(raw);
  } catch (err) {
    throw err instanceof ScimError ? err.withPrefix(prefix) : err;
  }
}

function invalidPath(message: string): never {
  throw new ScimError(400, 'invalidPath', message);
}

function invalidValue(message: string): never {
  throw new ScimError(400, 'invalidValue', message);
}

function noTarget(message: string): never {
  throw new ScimError(400, 'noTarget', message);
}

function mutability(message: string): never {
  throw new ScimError(400, 'mutability', message);
}

interface Container {
  /** canonical URN */
  urn: string;
  isCore: boolean;
  /** lower-cased name → info */
  attrs: Map<string, AttributeInfo>;
}

interface CompiledSchema {
  core: Container;
  extensions: Container[];
  /** lower-cased URN → container */
  byUrn: Map<string, Container>;
  /** see ResourceSchema.openExtension */
  open?: Container;
}

function compileSchema(schema: ResourceSchema): CompiledSchema {
  const container = (urn: string, isCore: boolean): Container => {
    const record = Object.hasOwn(schema.attributes, urn) ? schema.attributes[urn] : undefined;
    const attrs = new Map<string, AttributeInfo>();
    for (const info of Object.values(record ?? {})) {
      if (!attrs.has(info.name.toLowerCase())) attrs.set(info.name.toLowerCase(), info);
    }
    return { urn, isCore, attrs };
  };
  const core = container(schema.core, true);
  const extensions = schema.extensions.filter((urn) => urn.toLowerCase() !== schema.core.toLowerCase()).map((urn) => container(urn, false));
  const byUrn = new Map<string, Container>();
  for (const c of [core, ...extensions]) if (!byUrn.has(c.urn.toLowerCase())) byUrn.set(c.urn.toLowerCase(), c);
  const open = schema.openExtension === undefined ? undefined : byUrn.get(schema.openExtension.toLowerCase());
  return { core, extensions, byUrn, ...(open !== undefined && !open.isCore ? { open } : {}) };
}

/** Lower-cased name → sub-attribute, per attribute (schemas are treated as immutable once used). */
const SUB_ATTRIBUTES = new WeakMap<AttributeInfo, Map<string, AttributeInfo>>();

function subAttribute(info: AttributeInfo, name: string): AttributeInfo | undefined {
  let index = SUB_ATTRIBUTES.get(info);
  if (index === undefined) {
    index = new Map();
    for (const sub of Object.values(info.subAttributes ?? {})) if (!index.has(sub.name.toLowerCase())) index.set(sub.name.toLowerCase(), sub);
    SUB_ATTRIBUTES.set(info, index);
  }
  return index.get(name.toLowerCase());
}

/** A single-valued complex attribute (name, manager, meta). */
function isSingleComplex(info: AttributeInfo): boolean {
  return info.type === 'complex' && !info.multiValued;
}

function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isUnassigned);
  return false;
}

/** Renames known keys (attributes, extension URNs, sub-attributes) to the schema's spelling and drops writeOnly attributes. */
function canonicalizeResource(schema: CompiledSchema, resource: Json): Json {
  canonicalizeAttributes(schema.core, resource);
  for (const key of Object.keys(resource)) {
    const ext = schema.byUrn.get(key.toLowerCase());
    if (ext === undefined || ext.isCore) continue;
    renameKey(resource, key, ext.urn);
    const data = resource[ext.urn];
    if (isPlainObject(data)) canonicalizeAttributes(ext, data);
  }
  return resource;
}

function canonicalizeAttributes(container: Container, data: Json): void {
  for (const key of Object.keys(data)) {
    const info = container.attrs.get(key.toLowerCase());
    if (info === undefined) continue;
    if (info.mutability === 'writeOnly') {
      delete data[key];
      continue;
    }
    renameKey(data, key, info.name);
    const value = data[info.name];
    const objects = Array.isArray(value) ? value : [value];
    if (info.type !== 'complex') continue;
    for (const element of objects) {
      if (!isPlainObject(element)) continue;
      for (const subKey of Object.keys(element)) {
        const sub = subAttribute(info, subKey);
        if (sub !== undefined) renameKey(element, subKey, sub.name);
      }
    }
  }
}

function renameKey(obj: Json, from: string, to: string): void {
  if (from === to || Object.hasOwn(obj, to)) return;
  setOwn(obj, to, obj[from]);
  delete obj[from];
}

/** Compares the input and the result per attribute; see applyPatch for the key spellings. */
function changedKeys(schema: CompiledSchema, before: Json, after: Json): Set<string> {
  const changed = new Set<string>();
  const same = (a: unknown, b: unknown) => (isUnassigned(a) && isUnassigned(b)) || jsonEqual(a, b);
  for (const container of [schema.core, ...schema.extensions]) {
    const old = container.isCore ? before : before[container.urn];
    const now = container.isCore ? after : after[container.urn];
    for (const info of container.attrs.values()) {
      const a = isPlainObject(old) ? old[info.name] : undefined;
      const b = isPlainObject(now) ? now[info.name] : undefined;
      if (container.isCore && isSingleComplex(info)) {
        for (const sub of Object.values(info.subAttributes ?? {})) {
          const subA = isPlainObject(a) ? a[sub.name] : undefined;
          const subB = isPlainObject(b) ? b[sub.name] : undefined;
          if (!same(subA, subB)) changed.add(`${info.name}.${sub.name}`);
        }
      } else if (!same(a, b)) {
        changed.add(container.isCore ? info.name : `${container.urn}:${info.name}`);
      }
    }
  }
  return changed;
}

type Target =
  | { kind: 'ignore' }
  | { kind: 'extension'; container: Container }
  | { kind: 'attribute'; container: Container; info: AttributeInfo; filter?: FilterNode; sub?: AttributeInfo; label: string };

type AttributeTarget = Extract<Target, { kind: 'attribute' }>;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Applies operations to `resource` (which it owns and mutates). */
class Patcher {
  constructor(
    private readonly schema: CompiledSchema,
    private readonly resource: Json,
  ) {}

  apply(op: PatchOperation): void {
    const hasValue = Object.hasOwn(op, 'value') && op.value !== undefined;
    if (op.path === undefined) {
      if (op.op === 'remove') noTarget('"remove" requires a "path"');
      this.applyObject(op.op, op.value, undefined);
      return;
    }
    const target = this.resolve(op.path, 'invalid path: ', undefined, op.op === 'remove' ? undefined : op.value);
    this.applyTarget(op.op, target, op.value, hasValue, false);
  }

  /** Final clean-up: drops unassigned values and empty extensions, and keeps `schemas` in line. */
  finish(): Json {
    const { resource, schema } = this;
    dropUnassigned(schema.core, resource);
    const present: string[] = [];
    for (const ext of schema.extensions) {
      const data = resource[ext.urn];
      if (isPlainObject(data)) dropUnassigned(ext, data);
      if (isPlainObject(data) && Object.keys(data).length > 0) present.push(ext.urn);
      else delete resource[ext.urn];
    }
    const schemas = resource['schemas'];
    if (Array.isArray(schemas)) {
      const kept = schemas.filter((s) => {
        const ext = typeof s === 'string' ? schema.byUrn.get(s.toLowerCase()) : undefined;
        return ext === undefined || ext.isCore || present.includes(ext.urn);
      });
      for (const urn of present) if (!kept.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase())) kept.push(urn);
      resource['schemas'] = kept;
    } else if (present.length > 0) {
      resource['schemas'] = [schema.core.urn, ...present];
    }
    return resource;
  }

  // -- resolution ------------------------------------------------------------------------------

  /**
   * Resolves a PATCH path, or a key of a pathless value (`parseError` = what a parse error's detail
   * starts with; `within` = the container whose object holds the key when it is inside an extension
   * object; `value` = the value it is given, which decides what a path in an unknown URN names, see
   * ResourceSchema.openExtension).
   */
  private resolve(raw: string, parseError: string, within: Container | undefined, value: unknown): Target {
    const { open } = this.schema;
    if (within === undefined) {
      const whole = this.schema.byUrn.get(raw.trim().toLowerCase());
      if (whole !== undefined && !whole.isCore) return { kind: 'extension', container: whole };
      if (whole !== undefined) invalidPath(`"${raw}" is the core schema URN; name an attribute`);
    }
    const path = parsePath(raw, parseError);
    if (
      within === undefined &&
      open !== undefined &&
      isPlainObject(value) &&
      path.schema !== undefined &&
      !this.schema.byUrn.has(path.schema.toLowerCase()) &&
      path.filter === undefined
    ) {
      return { kind: 'extension', container: open }; // an object for a URN of no known schema: the whole (custom) extension
    }
    let container = within ?? this.schema.core;
    if (path.schema !== undefined) {
      const named = this.schema.byUrn.get(path.schema.toLowerCase()) ?? open;
      if (named === undefined) invalidPath(`unknown or unsupported schema "${path.schema}" in "${raw}"`);
      if (within !== undefined && named !== within) invalidPath(`"${raw}" does not belong to ${within.urn}`);
      container = named;
    }
    if (container.isCore && path.attr.toLowerCase() === 'schemas' && path.subAttr === undefined && path.filter === undefined) {
      return { kind: 'ignore' };
    }
    let info = container.attrs.get(path.attr.toLowerCase());
    if (info === undefined && container.isCore && within === undefined && open !== undefined) {
      // a custom attribute named without its namespace or under the core schema's URN: that is Okta's
      // default "external namespace" for a new attribute (it sends the attribute beside userName), and
      // Entra ID writes such paths as `urn:ietf:params:scim:schemas:core:2.0:User:<name>`
      const custom = open.attrs.get(path.attr.toLowerCase());
      if (custom !== undefined) {
        container = open;
        info = custom;
      }
    }
    if (info === undefined && container === open && path.subAttr === undefined && path.filter === undefined) {
      // an attribute the schema does not list: taken as given (the core decides what it means)
      info = { name: path.attr, type: 'string', multiValued: Array.isArray(value), mutability: 'readWrite', caseExact: true };
      container.attrs.set(path.attr.toLowerCase(), info);
    }
    if (info === undefined) {
      invalidPath(`unknown attribute "${raw}"${container.isCore ? '' : ` (not an attribute of ${container.urn})`}`);
    }
    const target: AttributeTarget = { kind: 'attribute', container, info, label: raw };
    if (path.subAttr !== undefined) {
      if (info.type !== 'complex') invalidPath(`"${info.name}" has no sub-attributes (in "${raw}")`);
      const sub = subAttribute(info, path.subAttr);
      if (sub === undefined) invalidPath(`unknown sub-attribute "${info.name}.${path.subAttr}" (in "${raw}")`);
      target.sub = sub;
    }
    if (path.filter !== undefined) {
      if (!info.multiValued) invalidPath(`a "[...]" filter needs a multi-valued attribute; "${info.name}" is single-valued`);
      this.checkFilterNames(info, path.filter);
      target.filter = path.filter;
    }
    return target;
  }

  /** Names in a value filter must be sub-attributes of the attribute (`value` for simple multi-valued ones). */
  private checkFilterNames(info: AttributeInfo, filter: FilterNode): void {
    switch (filter.op) {
      case 'and':
      case 'or':
        this.checkFilterNames(info, filter.left);
        this.checkFilterNames(info, filter.right);
        return;
      case 'not':
        this.checkFilterNames(info, filter.filter);
        return;
      case 'valuePath':
        return invalidPath('filters cannot nest');
      default: {
        const name = filter.path.attr;
        const known = info.type === 'complex' ? subAttribute(info, name) !== undefined : name.toLowerCase() === 'value';
        if (!known) invalidPath(`unknown sub-attribute "${name}" in the filter of "${info.name}"`);
      }
    }
  }

  // -- application -----------------------------------------------------------------------------

  /** A pathless value (or the object of a core/extension URN key): each key is applied as a path. */
  private applyObject(op: PatchOperation['op'], value: unknown, within: Container | undefined): void {
    if (!isPlainObject(value)) {
      invalidValue(
        within === undefined ? 'without a "path", "value" must be an object of attributes' : `the value of "${within.urn}" must be an object of its attributes`,
      );
    }
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (within === undefined && this.schema.core.urn.toLowerCase() === key.toLowerCase()) {
        this.applyObject(op, v, this.schema.core);
        continue;
      }
      const notAPath = `"${key}" in the value is not an attribute name or path: `;
      const target = this.resolve(key, notAPath, within?.isCore === true ? undefined : within, op === 'remove' ? undefined : v);
      this.applyTarget(op, target, v, v !== undefined, true);
    }
  }

  private applyTarget(op: PatchOperation['op'], target: Target, value: unknown, hasValue: boolean, pathless: boolean): void {
    if (target.kind === 'ignore') return;
    if (target.kind === 'extension') {
      if (op === 'remove' || value === null) delete this.resource[target.container.urn];
      else this.applyObject(op, value, target.container);
      return;
    }
    const { container, info } = target;
    if (container.urn === ENTERPRISE_SCHEMA && info.name === 'manager' && target.sub === undefined && op !== 'remove') {
      value = normalizeManagerValue(value);
    }
    const data = this.data(container);
    const current = data?.[info.name];
    switch (info.mutability) {
      case 'writeOnly':
        return; // e.g. password: accepted, never stored
      case 'readOnly':
        if (pathless && op !== 'remove' && target.sub === undefined && target.filter === undefined && isEchoedReadOnlyValue(current, value)) return;
        return mutability(`"${info.name}" is read-only`);
      case 'immutable':
        if (!isUnassigned(current)) {
          if (op !== 'remove' && target.sub === undefined && target.filter === undefined && jsonEqual(current, value)) return;
          mutability(`"${info.name}" is immutable and already has a value`);
        }
        break;
      default:
        break;
    }
    const holder = data ?? this.createData(container);
    if (info.multiValued) this.applyMulti(op, target, holder, value, hasValue);
    else if (info.type === 'complex') this.applySingleComplex(op, target, holder, value);
    else if (op === 'remove' || value === null) delete holder[info.name];
    else holder[info.name] = this.scalar(info, value, target.label, container);

    if (
      container.urn === ENTERPRISE_SCHEMA &&
      info.name === 'manager' &&
      holder['manager'] !== undefined &&
      normalizeManagerValue(holder['manager']) === null
    ) {
      delete holder['manager'];
    }
    if (info.required && isUnassignedOrEmpty(holder[info.name])) {
      invalidValue(`"${info.name}" is required and cannot be removed or emptied`);
    }
  }

  private applySingleComplex(op: PatchOperation['op'], target: AttributeTarget, holder: Json, value: unknown): void {
    const { info, sub, label, container } = target;
    const current = isPlainObject(holder[info.name]) ? (holder[info.name] as Json) : undefined;
    if (sub !== undefined) {
      if (op === 'remove' || value === null) {
        if (current !== undefined) delete current[sub.name];
        return;
      }
      const next = current ?? {};
      next[sub.name] = this.scalar(sub, value, label, container);
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
    const patch = this.elementPatch(info, value, label, container);
    const newValue = patch.get('value');
    const valueInfo = subAttribute(info, 'value');
    const newReferent =
      valueInfo !== undefined && newValue !== undefined && newValue !== null && current !== undefined && !sameScalar(valueInfo, current['value'], newValue);
    const next = current === undefined || newReferent ? {} : current;
    applyElementPatch(next, patch);
    holder[info.name] = next;
  }

  private applyMulti(op: PatchOperation['op'], target: AttributeTarget, holder: Json, value: unknown, hasValue: boolean): void {
    const { info, filter, sub, label, container } = target;
    const stored = holder[info.name];
    let list: unknown[] = Array.isArray(stored) ? stored : isUnassigned(stored) ? [] : [stored];
    const touched = new Set<unknown>();

    if (filter === undefined && sub === undefined) {
      if (op === 'remove') {
        const selectors = hasValue ? removalSelectors(value) : undefined;
        if (selectors === undefined) list = [];
        else {
          // selectors with a value are looked up by identity (large groups), the others compared one by one
          const identities = new Set<string>();
          const patterns: unknown[] = [];
          for (const selector of selectors) {
            const pattern = this.selector(info, selector, label, container);
            const identity = elementIdentity(info, pattern);
            if (identity !== undefined) identities.add(identity);
            else patterns.push(pattern);
          }
          list = list.filter((element) => {
            const identity = elementIdentity(info, element);
            if (identity !== undefined && identities.has(identity)) return false;
            return !patterns.some((pattern) => this.matchesSelector(info, element, pattern));
          });
        }
      } else if (value === null) {
        list = [];
      } else {
        const elements = this.elements(info, value, label, container);
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
              : list.find((candidate) => this.sameElement(info, candidate, element));
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
          const scalar = this.scalar(sub, value, label, container);
          if (matches.length === 0) {
            // Entra ID: Add/Replace of `addresses[type eq "work"].locality` creates the work address (quirks.elementFromValueFilter)
            const seed = filter === undefined ? {} : elementFromValueFilter(filter);
            if (seed === undefined) {
              noTarget(`no element of "${info.name}" matches "${label}", and only "eq" conditions joined by "and" can describe a new one`);
            }
            const element = this.element(info, seed, label, container) as Json;
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
          const patch = this.elementPatch(info, one, label, container);
          for (const element of matches) {
            if (!isPlainObject(element)) continue;
            applyElementPatch(element, patch);
            touched.add(element);
          }
          list = list.filter((element) => !isUnassigned(element));
        } else {
          const scalar = this.scalar(info, Array.isArray(value) && value.length === 1 ? value[0] : value, label, container);
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

  // -- values ----------------------------------------------------------------------------------

  /** Checks and coerces a simple value to the attribute's type. */
  private scalar(info: AttributeInfo, value: unknown, label: string, container: Container): unknown {
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
  private elements(info: AttributeInfo, value: unknown, label: string, container: Container): unknown[] {
    const items = Array.isArray(value) ? value : [value];
    return items
      .filter((item) => item !== null)
      .map((item) => this.element(info, item, label, container))
      .filter((element) => !isUnassigned(element));
  }

  private element(info: AttributeInfo, item: unknown, label: string, container: Container): unknown {
    if (info.type !== 'complex') return this.scalar(info, item, label, container);
    if (!isPlainObject(item)) {
      invalidValue(`"${info.name}" takes objects such as {"value": …}, not ${describeValue(item)}`);
    }
    const element: Json = {};
    applyElementPatch(element, this.elementPatch(info, item, label, container));
    return element;
  }

  /** The given sub-attributes, canonicalised and type-checked; null means "unassign". */
  private elementPatch(info: AttributeInfo, value: unknown, label: string, container: Container): Map<string, unknown> {
    if (!isPlainObject(value)) invalidValue(`"${label}" takes an object of "${info.name}" sub-attributes, not ${describeValue(value)}`);
    const patch = new Map<string, unknown>();
    for (const key of Object.keys(value)) {
      const sub = subAttribute(info, key);
      if (sub === undefined) invalidPath(`unknown sub-attribute "${info.name}.${key}"`);
      const v = value[key];
      patch.set(sub.name, v === null ? null : this.scalar(sub, v, `${info.name}.${sub.name}`, container));
    }
    return patch;
  }

  /** A remove selector (Entra's `value` array on remove), canonicalised. */
  private selector(info: AttributeInfo, selector: unknown, label: string, container: Container): unknown {
    if (info.type !== 'complex') return this.scalar(info, selector, label, container);
    const patch = this.elementPatch(info, selector, label, container);
    return Object.fromEntries([...patch].filter(([, v]) => v !== null));
  }

  private matchesSelector(info: AttributeInfo, element: unknown, selector: unknown): boolean {
    if (info.type !== 'complex') return this.sameElement(info, element, selector);
    if (!isPlainObject(element) || !isPlainObject(selector)) return false;
    const keys = Object.keys(selector);
    if (keys.length === 0) return false;
    if (selector['value'] !== undefined) return sameScalar(subAttribute(info, 'value'), element['value'], selector['value']);
    return keys.every((key) => sameScalar(subAttribute(info, key), element[key], selector[key]));
  }

  private sameElement(info: AttributeInfo, a: unknown, b: unknown): boolean {
    if (info.type !== 'complex') return sameScalar(info, a, b);
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const valueInfo = subAttribute(info, 'value');
    if (valueInfo !== undefined && a['value'] !== undefined && b['value'] !== undefined) return sameScalar(valueInfo, a['value'], b['value']);
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
    return [...keys].every((key) => sameScalar(subAttribute(info, key), a[key], b[key]));
  }

  // -- containers ------------------------------------------------------------------------------

  private data(container: Container): Json | undefined {
    if (container.isCore) return this.resource;
    const data = this.resource[container.urn];
    return isPlainObject(data) ? data : undefined;
  }

  private createData(container: Container): Json {
    const data: Json = {};
    this.resource[container.urn] = data;
    return data;
  }
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

function isUnassignedOrEmpty(value: unknown): boolean {
  return isUnassigned(value) || value === '';
}

/** Deletes null, empty lists, empty complex values and empty elements of the container's known attributes. */
function dropUnassigned(container: Container, data: Json): void {
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

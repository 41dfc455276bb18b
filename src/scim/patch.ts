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
 * This file reads the request, resolves each path against the schema and walks the operations
 * (class Patcher); what an operation does to one attribute's data (types, elements, primary,
 * required) is patch-apply.ts.
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
import { parsePatchPath, type PatchPath } from './path-parser.js';
import { isEchoedReadOnlyValue, normalizeManagerValue, normalizePatchOperation } from './quirks.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, listsUrn, PATCH_OP } from './urns.js';
import { customAttribute, USER_RESOURCE, type CustomAttr, type ScimAttribute, type ScimResourceType } from './resource-schema.js';
import { isPlainObject, jsonEqual, type Json } from './json-value.js';
import {
  applyMulti,
  applySingleComplex,
  dropUnassigned,
  invalidPath,
  invalidValue,
  isSingleComplex,
  isUnassigned,
  isUnassignedOrEmpty,
  mutability,
  noTarget,
  toScalar,
  subAttribute,
  type AttributeInfo,
  type AttributeTarget,
  type Container,
} from './patch-apply.js';
import type { PatchOperation } from './patch-operation.js';
import { ScimError } from './scim-error.js';

// ---------------------------------------------------------------------------------------------
// Public API

export type { AttributeInfo } from './patch-apply.js';

/** Most operations accepted in one PATCH request. */
export const MAX_PATCH_OPERATIONS = 1000;

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
  if (!listsUrn(schemas, PATCH_OP)) {
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

/** What a PATCH path (or a key of a pathless value) names. */
type Target = { kind: 'ignore' } | { kind: 'extension'; container: Container } | AttributeTarget;

/**
 * Applies operations to `resource` (which it owns and mutates): resolves each path against the
 * schema and applies it to the container's data (patch-apply.ts holds the value rules).
 */
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
    if (info.multiValued) applyMulti(op, target, holder, value, hasValue);
    else if (info.type === 'complex') applySingleComplex(op, target, holder, value);
    else if (op === 'remove' || value === null) delete holder[info.name];
    else holder[info.name] = toScalar(info, value, target.label, container);

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

import { parseFilter } from './filter-parser.js';
import { userFilterToCore, userSortToCore } from './filter-to-core.js';
import { attributeNamed, ENTERPRISE_USER, isUserCoreAttribute, USER_CORE, USER_RESOURCE, type CustomAttr, type GqlUser } from './resource-schema.js';
import type { PatchOperation } from './patch-operation.js';
import { applyPatch, readPatchRequest, userResourceSchema } from './patch.js';
import { isUuid } from '../shared/ids.js';
import { coerceBooleanStrings, listOfSingleElement, withRfcSchemaUrns } from './quirks.js';
import { project, readProjection, wants, type Projection } from './projection.js';
import { etagOf, ifMatchVersions, notModified, versionFromIfMatch, type ScimContext } from './scim-context.js';
import { ScimError } from './scim-error.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, USER_SCHEMA } from './urns.js';
import { CUSTOM_DEFINITIONS, DELETE_USER, GET_USER, LIST_USERS, PROVISION_USER, listUsersOperation } from './operations.js';
import { resourceRenderer } from './render.js';
import { MAX_RESULTS } from './discovery.js';
import { listResponse } from './list-response.js';

export interface ScimResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const USER_EXTENSIONS = USER_RESOURCE.extensions.map((e) => e.id);

/** Core User attributes a body sends to the attribute bag the mappings read (`input: 'attributes'`). */
const BAG_ATTRIBUTES = USER_CORE.attributes.filter((a) => a.input === 'attributes');
/** Enterprise attributes, all read from the bag by their full URN path. */
const ENTERPRISE_INPUT = ENTERPRISE_USER.attributes.filter((a) => a.input === 'attributes');
/** Sent as arguments of their own (userName, externalId, active). */
const IDENTITY_KEYS = new Set(USER_CORE.attributes.filter((a) => a.input === 'identity').map((a) => a.name));
/**
 * Core attributes the core does not store but attribute mappings read: Entra ID sends a user's app
 * roles as `roles` (a rule `roles` → `role` applies them). Never returned, so a PATCH of them is
 * relative to nothing: add/replace send the new list, and any remove clears it.
 */
const INPUT_ONLY = BAG_ATTRIBUTES.filter((a) => a.core === undefined).map((a) => a.name.toLowerCase()); // lower case, as compared

const renderUser = resourceRenderer(USER_RESOURCE);

/** The SCIM User resource (RFC 7643 §4.1 + enterprise + custom extension) for a core user (render.ts). */
export function toScimUser(u: GqlUser, baseUrl: string): Record<string, unknown> {
  return renderUser(u, baseUrl);
}

const keyOf = (o: Record<string, unknown>, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
const get = (o: Record<string, unknown>, name: string): unknown => {
  const k = keyOf(o, name);
  return k === undefined ? undefined : o[k];
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Flattens a SCIM User into the attribute bag the core's SCIM mappings read (docs/PROVISIONING.md
 * §4.1): `name.givenName`, `emails`, full URN paths for extension attributes, and custom attributes
 * by their bare reference name. Identity fields (userName, externalId, active) travel separately.
 */
export function flattenUser(resource: Record<string, unknown>, only?: Set<string>): Record<string, unknown> {
  const bag: Record<string, unknown> = {};
  const put = (key: string, v: unknown) => {
    if (!only || only.has(key)) bag[key] = v === undefined ? null : v;
  };
  for (const a of BAG_ATTRIBUTES) {
    const v = get(resource, a.name);
    // a singular complex attribute (name) by its sub-attributes' paths
    if (a.type === 'complex' && !a.multiValued)
      for (const sub of a.subAttributes ?? []) put(`${a.name}.${sub.name}`, isObject(v) ? get(v, sub.name) : undefined);
    else put(a.name, v);
  }
  for (const [urn, value] of Object.entries(resource)) {
    if (!urn.toLowerCase().startsWith('urn:')) continue;
    const lower = urn.toLowerCase();
    if (lower === USER_SCHEMA.toLowerCase()) continue;
    if (!isObject(value)) continue;
    const canonical = lower === ENTERPRISE_SCHEMA.toLowerCase() ? ENTERPRISE_SCHEMA : lower === CUSTOM_SCHEMA.toLowerCase() ? CUSTOM_SCHEMA : urn;
    for (const [attr, v] of Object.entries(value)) {
      // read as the enterprise attribute of that name is (manager: its id), in any extension
      const enterprise = attributeNamed(ENTERPRISE_USER.attributes, attr);
      const val = enterprise?.readInput ? enterprise.readInput(v) : v;
      put(`${canonical}:${attr}`, val);
      // custom attributes are matched by their bare reference name, whatever namespace the IdP used
      if (!(canonical === ENTERPRISE_SCHEMA && enterprise)) put(attr, val);
    }
  }
  // a custom attribute sent without a namespace, beside userName (Okta's default "external
  // namespace" for a new attribute is the core URN): by its name, like one in an extension
  for (const [key, v] of Object.entries(resource)) {
    if (key.toLowerCase().startsWith('urn:') || isUserCoreAttribute(key) || key in bag) continue;
    put(key, v);
  }
  // a PATCH that removed an attribute: send it as empty so its target is cleared
  if (only) for (const k of only) if (!(k in bag)) bag[k] = null;
  // the whole user: an enterprise attribute left out is cleared
  if (!only) for (const a of ENTERPRISE_INPUT) if (!(`${ENTERPRISE_SCHEMA}:${a.name}` in bag)) bag[`${ENTERPRISE_SCHEMA}:${a.name}`] = null;
  return bag;
}

/**
 * Checks `schemas` of a User body: present, includes the core URN, and lists URNs. An extension
 * URN other than the enterprise and custom ones is another namespace for custom attributes (IdPs
 * let admins choose it; flattenUser reads its attributes by name), so its value must be an object.
 */
function checkSchemas(body: Record<string, unknown>): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === 'string'))
    throw new ScimError(400, 'invalidSyntax', 'schemas must be a list of schema URNs');
  if (!schemas.some((s) => s.toLowerCase() === USER_SCHEMA.toLowerCase())) throw new ScimError(400, 'invalidSyntax', `schemas must include ${USER_SCHEMA}`);
  const notUrn = schemas.find((s) => !/^urn:[^:]+:./i.test(s));
  if (notUrn !== undefined) throw new ScimError(400, 'invalidValue', `"${notUrn}" in schemas is not a schema URN`);
  for (const k of Object.keys(body)) {
    const lower = k.toLowerCase();
    if (!lower.startsWith('urn:') || lower === USER_SCHEMA.toLowerCase()) continue;
    const v = body[k];
    if (v !== null && !isObject(v)) throw new ScimError(400, 'invalidValue', `the value of ${k} must be an object of that extension's attributes`);
  }
}

/** Stored attributes of the bag, whose shape is checked: lists of objects first, then objects, then strings. */
const SHAPED = BAG_ATTRIBUTES.filter((a) => a.core !== undefined);
const LIST_ATTRIBUTES = SHAPED.filter((a) => a.multiValued);
const LISTS = LIST_ATTRIBUTES.map((a) => a.name);
const OBJECTS = SHAPED.filter((a) => !a.multiValued && a.type === 'complex').map((a) => a.name);
const STRINGS = SHAPED.filter((a) => !a.multiValued && a.type !== 'complex').map((a) => a.name);

/** Shapes RFC 7643 fixes: multi-valued complex attributes are lists of objects, `name` is an object, the others strings. */
function checkShapes(body: Record<string, unknown>): void {
  for (const a of LISTS) {
    const v = get(body, a);
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || !v.every(isObject)) throw new ScimError(400, 'invalidValue', `${a} must be a list of objects`);
  }
  for (const a of LIST_ATTRIBUTES) checkElements(a, get(body, a.name) as Array<Record<string, unknown>> | null | undefined);
  for (const a of OBJECTS) {
    const v = get(body, a);
    if (v !== undefined && v !== null && !isObject(v)) throw new ScimError(400, 'invalidValue', `${a} must be an object`);
  }
  for (const a of STRINGS) {
    const v = get(body, a);
    if (v !== undefined && v !== null && typeof v !== 'string') throw new ScimError(400, 'invalidValue', `${a} must be a string`);
  }
}

/**
 * The string sub-attributes of a list's elements are strings, and an element of a list with a
 * `value` (emails, phoneNumbers) has one: the core keeps only elements with a text value, so such an
 * element was dropped without a word. An empty string is kept out as before (OneLogin renders a
 * template parameter without a value as "": it sets nothing).
 */
function checkElements(a: (typeof LIST_ATTRIBUTES)[number], list: Array<Record<string, unknown>> | null | undefined, valueCleared = false): void {
  if (!list) return;
  for (const [i, element] of list.entries())
    for (const sub of a.subAttributes ?? []) {
      const v = get(element, sub.name);
      if (sub.name === 'value' && !valueCleared && (v === undefined || v === null))
        throw new ScimError(400, 'invalidValue', `${a.name}[${i}].value is required`);
      if (sub.type === 'string' && v !== undefined && v !== null && typeof v !== 'string')
        throw new ScimError(400, 'invalidValue', `${a.name}[${i}].${sub.name} must be a string`);
    }
}

function identityOf(body: Record<string, unknown>, requireUserName: boolean) {
  checkShapes(body);
  const userName = get(body, 'userName');
  if (requireUserName && (typeof userName !== 'string' || !userName.trim()))
    throw new ScimError(400, 'invalidValue', 'userName is required and must be a non-empty string');
  const externalId = get(body, 'externalId');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string')
    throw new ScimError(400, 'invalidValue', 'externalId must be a string');
  const active = coerceBooleanStrings(get(body, 'active'), true);
  if (active !== undefined && active !== null && typeof active !== 'boolean') throw new ScimError(400, 'invalidValue', 'active must be a boolean');
  return { userName: userName as string | undefined, externalId: externalId as string | null | undefined, active: active as boolean | null | undefined };
}

function asBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', 'the request body must be a JSON object');
  return body;
}

/** A POST or PUT body with OneLogin's deviations read as RFC 7643 (quirks.ts): its short schema URNs, a list attribute given as one object. */
function userBody(raw: unknown): Record<string, unknown> {
  const body = withRfcSchemaUrns(asBody(raw));
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(body)) {
    if (!LISTS.some((a) => a.toLowerCase() === k.toLowerCase())) continue;
    const wrapped = listOfSingleElement(v);
    if (wrapped !== v) (out ??= { ...body })[k] = wrapped;
  }
  return out ?? body;
}

function parseIntParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = Array.isArray(v) ? v[0] : v;
  // decimal digits only: Number() would also read ' ' as 0, '0x10' as 16 and '1e3' as 1000
  const n = typeof s === 'number' ? s : typeof s === 'string' && /^[+-]?\d{1,10}$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31) throw new ScimError(400, 'invalidValue', `${name} must be an integer`);
  return n;
}

export interface ListParams {
  filter?: unknown;
  startIndex?: unknown;
  count?: unknown;
  sortBy?: unknown;
  sortOrder?: unknown;
  attributes?: unknown;
  excludedAttributes?: unknown;
}

/** The deepest startIndex the core pages to (its offset limit, 10,000,000); past it no organization has results. */
const MAX_START_INDEX = 10_000_001;

export function paging(params: ListParams): { startIndex: number; count: number; offset: number } {
  const start = parseIntParam(params.startIndex, 'startIndex') ?? 1;
  const count = parseIntParam(params.count, 'count') ?? 100;
  // RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0; a startIndex past the
  // results is an empty page (with the total), not an error
  const startIndex = Math.max(1, start);
  if (startIndex > MAX_START_INDEX) return { startIndex, count: 0, offset: 0 };
  return { startIndex, count: Math.min(Math.max(0, count), MAX_RESULTS), offset: startIndex - 1 };
}

export function sortOrderOf(v: unknown): 'ASC' | 'DESC' {
  if (v === undefined || v === null || v === '') return 'ASC';
  const s = String(v).toLowerCase();
  if (s === 'ascending') return 'ASC';
  if (s === 'descending') return 'DESC';
  throw new ScimError(400, 'invalidValue', 'sortOrder must be "ascending" or "descending"');
}

/** Custom attribute definitions, loaded only when a filter or sort names something beyond the standard attributes. */
async function definitions(ctx: ScimContext): Promise<CustomAttr[]> {
  return (await ctx.run<{ customAttributeDefinitions: CustomAttr[] }>(CUSTOM_DEFINITIONS, {})).customAttributeDefinitions;
}

/**
 * Translates a filter or sortBy without the organization's custom attribute definitions, and only
 * when that refuses it (invalidFilter, or invalidValue for a sortBy: it may name a custom
 * attribute) once more with them.
 */
async function translate<T>(ctx: ScimContext, fn: (custom: CustomAttr[]) => T): Promise<T> {
  try {
    return fn([]);
  } catch (err) {
    if (!(err instanceof ScimError && (err.scimType === 'invalidFilter' || err.scimType === 'invalidValue'))) throw err;
  }
  return fn(await definitions(ctx));
}

export async function listUsers(ctx: ScimContext, params: ListParams): Promise<ScimResult> {
  const { startIndex, count, offset } = paging(params);
  const projection = readProjection(params.attributes, params.excludedAttributes);
  let filter: Record<string, unknown> | null = null;
  if (params.filter !== undefined && params.filter !== '') {
    if (typeof params.filter !== 'string') throw new ScimError(400, 'invalidFilter', 'filter must be a string');
    const ast = parseFilter(params.filter);
    filter = await translate(ctx, (custom) => userFilterToCore(ast, custom));
  }
  let sort: Record<string, unknown> | null = null;
  if (params.sortBy) {
    const sortBy = String(params.sortBy);
    const s = await translate(ctx, (custom) => userSortToCore(sortBy, custom));
    sort = { ...s, direction: sortOrderOf(params.sortOrder) };
  } else if (params.sortOrder) sortOrderOf(params.sortOrder);
  const data = await ctx.run<{ users: { totalCount: number; nodes: GqlUser[] } }>(
    ...listUsersOperation(
      // the history copies a NEW_USER reactivation keeps are not the identity provider's users: an
      // import listing them would offer them as unmatched users to create
      { filter: { ...filter, historyCopy: false }, sort, first: count, offset },
      wants(projection, 'groups', USER_SCHEMA),
    ),
  );
  const resources = data.users.nodes.map((u) => project(toScimUser(u, ctx.baseUrl), projection, USER_SCHEMA, USER_EXTENSIONS));
  return { status: 200, body: listResponse(resources, data.users.totalCount, startIndex) };
}

async function fetchUser(ctx: ScimContext, id: string, groups: boolean): Promise<GqlUser> {
  const data = await ctx.run<{ user: GqlUser | null }>(GET_USER, { id, groups });
  if (!data.user) throw new ScimError(404, undefined, `User ${id} not found`);
  return data.user;
}

/** Reads the user's version, for an If-Match that lists several (versionFromIfMatch). */
const currentVersion = (ctx: ScimContext, id: string) => async () => (await fetchUser(ctx, id, false)).version;

function userResult(ctx: ScimContext, u: GqlUser, status: number, projection: Projection): ScimResult {
  const location = `${ctx.baseUrl}/Users/${u.id}`;
  return {
    status,
    body: project(toScimUser(u, ctx.baseUrl), projection, USER_SCHEMA, USER_EXTENSIONS),
    headers: { ETag: etagOf(u.version, u), ...(status === 201 ? { Location: location } : { 'Content-Location': location }) },
  };
}

export async function getUser(ctx: ScimContext, id: string, params: ListParams, ifNoneMatch?: string): Promise<ScimResult> {
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const u = await fetchUser(ctx, id, wants(projection, 'groups', USER_SCHEMA));
  const etag = etagOf(u.version, u);
  if (notModified(ifNoneMatch, etag)) return { status: 304, headers: { ETag: etag } };
  return userResult(ctx, u, 200, projection);
}

async function provision(ctx: ScimContext, input: Record<string, unknown>, groups: boolean) {
  const managerDropped = input.attributes ? await resolveManager(ctx, input.attributes as Record<string, unknown>) : false;
  const r = (await ctx.run<{ provisionUser: { created: boolean; restored: boolean; user: GqlUser } }>(PROVISION_USER, { input, groups })).provisionUser;
  // ids only: the value the IdP sent is someone's login or email address (the request id is on every line)
  if (managerDropped)
    ctx.log.warn('SCIM manager matches no user by id, externalId or userName: the user is provisioned without it', {
      organizationId: ctx.organizationId,
      userId: r.user.id,
    });
  return r;
}

const MANAGER_KEY = `${ENTERPRISE_SCHEMA}:manager`;

/**
 * The enterprise `manager.value` is the manager's SCIM id (RFC 7643 §4.3), which Entra ID sends once
 * the manager exists here. Other IdPs' templates fill it from their own directory (OneLogin's
 * `external_manager_id`, Okta's manager login): a value that is not an id is looked up as a user's
 * `externalId`, else `userName`, and one that matches nobody is dropped (true: the caller logs it,
 * with ids only) instead of failing the whole user on every update. A value shaped like an id stays an id: one of no user of the
 * organization is 400, as before.
 */
async function resolveManager(ctx: ScimContext, attributes: Record<string, unknown>): Promise<boolean> {
  const value = attributes[MANAGER_KEY];
  // (isUuid narrows what it is given: ask about a copy, so `value` stays a string below)
  if (typeof value !== 'string' || value.trim() === '' || isUuid(`${value}`)) return false;
  const literal = JSON.stringify(value);
  let nodes: GqlUser[] = [];
  let filter;
  try {
    filter = userFilterToCore(parseFilter(`externalId eq ${literal} or userName eq ${literal}`), []);
  } catch {
    // a value no filter can hold (longer than a filter may be) names nobody either
  }
  if (filter) nodes = (await ctx.run<{ users: { nodes: GqlUser[] } }>(LIST_USERS, { filter, sort: null, first: 2, offset: 0, groups: false })).users.nodes;
  const found = (nodes.find((u) => u.externalId === value) ?? nodes[0])?.id ?? null;
  attributes[MANAGER_KEY] = found;
  return found === null;
}

export async function createUser(ctx: ScimContext, rawBody: unknown, params: ListParams): Promise<ScimResult> {
  const body = userBody(rawBody);
  checkSchemas(body);
  const id = identityOf(body, true);
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const r = await provision(
    ctx,
    { userName: id.userName, externalId: id.externalId ?? null, active: id.active ?? true, attributes: flattenUser(body) },
    wants(projection, 'groups', USER_SCHEMA),
  );
  // a re-POST that restored a deactivated user answers like an update of that user
  return userResult(ctx, r.user, r.created ? 201 : 200, projection);
}

export async function replaceUser(ctx: ScimContext, id: string, rawBody: unknown, params: ListParams, ifMatch?: string): Promise<ScimResult> {
  const body = userBody(rawBody);
  checkSchemas(body);
  const ident = identityOf(body, true);
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const expectedVersion = (await versionFromIfMatch(ifMatch, currentVersion(ctx, id))) ?? null;
  const r = await provision(
    ctx,
    {
      userId: id,
      userName: ident.userName,
      // PUT replaces: an omitted externalId is cleared; an omitted active stays as it is
      externalId: ident.externalId ?? null,
      active: ident.active ?? null,
      attributes: flattenUser(body),
      expectedVersion,
    },
    wants(projection, 'groups', USER_SCHEMA),
  );
  return userResult(ctx, r.user, r.created ? 201 : 200, projection);
}

/**
 * A PATCH without If-Match applies to the latest version: a write that lost the race with another
 * change of the same user reads it again and re-applies its operations, after a short random pause
 * (so writers queued on one user spread out), until it lands. Past this many tries it answers 503
 * with Retry-After, never 412: the client set no precondition.
 */
const MAX_PATCH_ATTEMPTS = 100;

export async function patchUser(ctx: ScimContext, id: string, rawBody: unknown, params: ListParams, ifMatch?: string): Promise<ScimResult> {
  let ops = readPatchRequest(rawBody);
  const inputOnly = inputOnlyNamed(ops);
  if (inputOnly.size) ops = ops.map(clearOnRemove);
  const allowed = ifMatchVersions(ifMatch);
  const cleared = valuesCleared(ops);
  const projection = readProjection(params.attributes, params.excludedAttributes);
  // a PATCH of `active` alone (Okta's deactivation and reactivation) does not depend on what the
  // user holds: it goes to the core as it is, without reading the user first (the core locks the
  // user, checks If-Match's version and writes nothing when `active` is already so)
  const active = inputOnly.size ? undefined : activeOnly(ops);
  if (active !== undefined) {
    const expected = await versionFromIfMatch(ifMatch, currentVersion(ctx, id));
    const input = { userId: id, partial: true, active, attributes: {}, ...(expected !== undefined ? { expectedVersion: expected } : {}) };
    return userResult(ctx, (await provision(ctx, input, wants(projection, 'groups', USER_SCHEMA))).user, 200, projection);
  }
  let defs: CustomAttr[] | undefined;
  for (let attempt = 1; ; attempt++) {
    const current = await fetchUser(ctx, id, false);
    if (allowed !== undefined && !allowed.includes(current.version))
      throw new ScimError(412, undefined, `If-Match ${ifMatch} does not name the user's version, ${current.version}`);
    const before = toScimUser(current, ctx.baseUrl);
    // custom attributes are typed by their definitions, loaded only when an operation names one
    // (a name the user has no value for yet, or another namespace for them); else the user's own do
    defs ??= touchesCustomAttributes(ops) ? await definitions(ctx) : undefined;
    const custom: CustomAttr[] =
      defs ?? Object.keys(current.customAttributes).map((name) => ({ name, type: 'STRING', multiValued: Array.isArray(current.customAttributes[name]) }));
    const patched = applyPatch(before, ops, userResourceSchema(custom));
    const next = patched.resource;
    for (const a of LIST_ATTRIBUTES)
      if (patched.changed.has(a.name)) checkElements(a, get(next, a.name) as Array<Record<string, unknown>> | undefined, cleared.has(a.name.toLowerCase()));
    const input: Record<string, unknown> = { userId: id, partial: true, expectedVersion: current.version };
    if (patched.changed.has('userName')) input.userName = identityOf(next, true).userName;
    if (patched.changed.has('externalId')) input.externalId = (get(next, 'externalId') as string | undefined) ?? null;
    if (patched.changed.has('active')) {
      const a = identityOf(next, false).active;
      if (typeof a !== 'boolean') throw new ScimError(400, 'invalidValue', 'active must be a boolean');
      input.active = a;
    }
    const attributeKeys = new Set([...patched.changed, ...inputOnly].filter((k) => !IDENTITY_KEYS.has(k)));
    input.attributes = attributeKeys.size ? flattenUser(next, expandKeys(attributeKeys, next)) : {};
    try {
      const r = await provision(ctx, input, wants(projection, 'groups', USER_SCHEMA));
      return userResult(ctx, r.user, 200, projection);
    } catch (err) {
      if (!(err instanceof ScimError) || err.status !== 412 || allowed !== undefined) throw err;
      if (attempt >= MAX_PATCH_ATTEMPTS) {
        ctx.log.warn('SCIM PATCH gave up on a user changed by others on every try', { userId: id, attempts: attempt });
        throw new ScimError(503, undefined, 'the user is being changed by many concurrent requests; retry', { 'Retry-After': '1' });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 20)));
    }
  }
}

const CORE_PREFIX = `${USER_SCHEMA.toLowerCase()}:`;

/**
 * The value PATCH operations give `active` when that is all they do — each an `add` or `replace`
 * of `active` with a JSON boolean, by path or as the only key of a pathless value (the last one
 * wins, as applying them in order would) — else undefined.
 */
function activeOnly(ops: PatchOperation[]): boolean | undefined {
  let active: boolean | undefined;
  for (const op of ops) {
    if (op.op !== 'add' && op.op !== 'replace') return undefined;
    let value: unknown;
    if (typeof op.path === 'string') {
      if (corePath(op.path) !== 'active') return undefined;
      value = op.value;
    } else {
      if (!isObject(op.value)) return undefined;
      const keys = Object.keys(op.value);
      if (keys.length !== 1 || corePath(keys[0]!) !== 'active') return undefined;
      value = op.value[keys[0]!];
    }
    if (typeof value !== 'boolean') return undefined;
    active = value;
  }
  return active;
}

/**
 * The lists (lower case) whose element values the operations clear: a remove, or a replace with
 * null, of `emails[type eq "work"].value` or `emails.value` (by path or as a pathless key). An
 * element left without a value is dropped, as the client meant (checkElements lets it through).
 */
function valuesCleared(ops: PatchOperation[]): Set<string> {
  const out = new Set<string>();
  const add = (path: string) => {
    const m = /^([a-z]+)(?:\[.*\])?\.value$/s.exec(corePath(path));
    if (m) out.add(m[1]!);
  };
  for (const op of ops) {
    if (typeof op.path === 'string') {
      if (op.op === 'remove' || (op.op === 'replace' && op.value === null)) add(op.path);
    } else if (op.op === 'replace' && isObject(op.value)) for (const [k, v] of Object.entries(op.value)) if (v === null) add(k);
  }
  return out;
}

/** A PATCH path or pathless key in lower case, without the core schema's URN prefix. */
function corePath(key: string): string {
  const lower = key.trim().toLowerCase();
  return lower.startsWith(CORE_PREFIX) ? lower.slice(CORE_PREFIX.length) : lower;
}

/** What the operations name: their paths and the keys of their pathless values, as `corePath` gives them. */
function namedPaths(ops: PatchOperation[]): string[] {
  return ops.flatMap((op) => (typeof op.path === 'string' ? [op.path] : isObject(op.value) ? Object.keys(op.value) : [])).map(corePath);
}

/** The input-only attribute (INPUT_ONLY) a PATCH path or pathless key names, if any (`roles`, `roles[…]`, `roles.value`). */
function inputOnlyAttribute(path: string): string | undefined {
  const lower = corePath(path);
  return INPUT_ONLY.find((a) => lower === a || lower.startsWith(`${a}[`) || lower.startsWith(`${a}.`));
}

/** The input-only attributes the operations name. */
function inputOnlyNamed(ops: PatchOperation[]): Set<string> {
  return new Set(
    namedPaths(ops)
      .map(inputOnlyAttribute)
      .filter((a): a is string => a !== undefined),
  );
}

/** A remove of an input-only attribute (in any form) clears it: there are no stored elements to pick from. */
function clearOnRemove(op: PatchOperation): PatchOperation {
  const a = op.op === 'remove' && typeof op.path === 'string' ? inputOnlyAttribute(op.path) : undefined;
  return a === undefined ? op : { op: 'remove', path: a };
}

/**
 * Whether a PATCH names an attribute beyond the core and enterprise ones: a custom attribute, in
 * whatever namespace or in none.
 */
function touchesCustomAttributes(ops: PatchOperation[]): boolean {
  return namedPaths(ops).some((path) =>
    path.startsWith('urn:')
      ? path !== USER_SCHEMA.toLowerCase() && !path.startsWith(ENTERPRISE_SCHEMA.toLowerCase())
      : !isUserCoreAttribute(path.split(/[.[]/)[0]!),
  );
}

/** Changed keys → the flattened keys to send (custom extension attributes also go by bare name). */
function expandKeys(changed: Set<string>, resource: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const k of changed) {
    out.add(k);
    const m = /^(urn:.*):([^:]+)$/.exec(k);
    if (m && m[1]!.toLowerCase() !== ENTERPRISE_SCHEMA.toLowerCase()) out.add(m[2]!);
  }
  void resource;
  return out;
}

export async function deleteUser(ctx: ScimContext, id: string, ifMatch?: string): Promise<ScimResult> {
  await ctx.run(DELETE_USER, { id, version: (await versionFromIfMatch(ifMatch, currentVersion(ctx, id))) ?? null });
  return { status: 204 };
}

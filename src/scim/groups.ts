import { Readable } from 'node:stream';
import { isUuid } from '../shared/ids.js';
import type { FilterNode } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { groupFilterToCore, groupSortToCore } from './filter-to-core.js';
import { parsePatchPath } from './path-parser.js';
import { isIgnoredGroupSchema, normalizeOpName } from './quirks.js';
import { project, readProjection, wants, type Projection } from './projection.js';
import { etagOf, notModified, versionFromIfMatch, type ScimContext } from './scim-context.js';
import { ScimError } from './scim-error.js';
import { GROUP_SCHEMA, listsUrn, PATCH_OP } from './urns.js';
import {
  ADD_MEMBERS,
  CREATE_GROUP,
  DELETE_GROUP,
  GET_GROUP,
  GROUP_MEMBERS,
  REMOVE_MEMBERS,
  SET_MEMBERS,
  UPDATE_GROUP,
  listGroupsOperation,
} from './operations.js';
import { resourceRenderer } from './render.js';
import { GROUP_RESOURCE, type GqlGroup, type GroupMember } from './resource-schema.js';
import { listResponse } from './list-response.js';
import { paging, sortOrderOf, type ListParams, type ScimResult } from './users.js';

const renderGroup = resourceRenderer(GROUP_RESOURCE);

/** The SCIM Group resource (RFC 7643 §4.2) for a core group, with the given page of members, if any (render.ts). */
export function toScimGroup(g: GqlGroup, members: GroupMember[] | null, baseUrl: string): Record<string, unknown> {
  return renderGroup(members ? { ...g, members } : g, baseUrl);
}

/** A group's members, a page of 1000 at a time (never all of a large group at once). */
async function* memberPages(ctx: ScimContext, id: string): AsyncGenerator<GroupMember[]> {
  let after: string | null = null;
  for (;;) {
    const data: { group: { memberships: { nodes: GroupMember[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } = await ctx.run(
      GROUP_MEMBERS,
      { id, after },
    );
    if (!data.group) return;
    yield data.group.memberships.nodes;
    if (!data.group.memberships.pageInfo.hasNextPage) return;
    after = data.group.memberships.pageInfo.endCursor;
  }
}

/**
 * A group with its members as JSON text, in pieces: the members come last, each page of them read
 * and written before the next is read, so a group of any size is sent in flat memory.
 */
async function* groupJson(ctx: ScimContext, g: GqlGroup, projection: Projection): AsyncGenerator<string> {
  const head = JSON.stringify(project(toScimGroup(g, null, ctx.baseUrl), projection, GROUP_SCHEMA, []));
  yield head === '{}' ? '{"members":[' : `${head.slice(0, -1)},"members":[`;
  let first = true;
  for await (const page of memberPages(ctx, g.id)) {
    if (!page.length) continue;
    const items = JSON.stringify(project(toScimGroup(g, page, ctx.baseUrl), projection, GROUP_SCHEMA, []).members).slice(1, -1);
    yield first ? items : `,${items}`;
    first = false;
  }
  yield ']}';
}

/** Whether the projection keeps the members attribute (all of each member, or some sub-attributes). */
const membersShown = (projection: Projection) =>
  wants(projection, 'members', GROUP_SCHEMA) && project({ schemas: [GROUP_SCHEMA], id: '', members: [] }, projection, GROUP_SCHEMA, []).members !== undefined;

/**
 * A response body streamed from JSON pieces. Its status and headers are sent first: a failure while
 * reading members is logged and cuts the response off, and a client that hangs up stops the reads.
 */
function jsonStream(ctx: ScimContext, pieces: AsyncIterable<string>): Readable {
  return Readable.from(
    (async function* () {
      try {
        yield* pieces;
      } catch (err) {
        ctx.log.error('SCIM response failed while streaming', { error: err });
        throw err;
      }
    })(),
    { objectMode: false },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: Record<string, unknown>, name: string) => {
  const k = Object.keys(o).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : o[k];
};

/**
 * Reads a members list: `[{value: "<user id>"}, …]`. A member whose value is not an id but carries a
 * `display` is named by userName instead (group push that may provision, docs/PROVISIONING.md §1.7).
 */
function readMembers(v: unknown): { userIds: string[]; newMembers: Array<{ userName: string; displayName: string | null }> } {
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  const userIds: string[] = [];
  const newMembers: Array<{ userName: string; displayName: string | null }> = [];
  for (const m of list) {
    if (!isObject(m)) throw new ScimError(400, 'invalidValue', 'each member must be an object with a value');
    const value = get(m, 'value');
    const display = get(m, 'display');
    if (typeof value === 'string' && isUuid(value)) userIds.push(value);
    else if (typeof display === 'string' && display.trim()) newMembers.push({ userName: display.trim(), displayName: null });
    else throw new ScimError(400, 'invalidValue', `member ${JSON.stringify(value)} is not a user of this organization`);
  }
  return { userIds, newMembers };
}

function asBody(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', 'the request body must be a JSON object');
  return body;
}

function checkSchemas(body: Record<string, unknown>): void {
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === GROUP_SCHEMA.toLowerCase())) {
    throw new ScimError(400, 'invalidSyntax', `schemas must include ${GROUP_SCHEMA}`);
  }
  const unknown = schemas.find((s) => typeof s !== 'string' || (s.toLowerCase() !== GROUP_SCHEMA.toLowerCase() && !isIgnoredGroupSchema(s)));
  if (unknown !== undefined) throw new ScimError(400, 'invalidValue', `unknown schema ${unknown}`);
}

function displayNameOf(body: Record<string, unknown>): string {
  const d = get(body, 'displayName');
  if (typeof d !== 'string' || !d.trim()) throw new ScimError(400, 'invalidValue', 'displayName is required and must be a non-empty string');
  return d;
}

export async function listGroups(ctx: ScimContext, params: ListParams): Promise<ScimResult> {
  const { startIndex, count, offset } = paging(params);
  const projection = readProjection(params.attributes, params.excludedAttributes);
  let filter: Record<string, unknown> | null = null;
  if (params.filter !== undefined && params.filter !== '') {
    if (typeof params.filter !== 'string') throw new ScimError(400, 'invalidFilter', 'filter must be a string');
    filter = groupFilterToCore(parseFilter(params.filter));
  }
  let sort: Record<string, unknown> | null = null;
  if (params.sortBy) sort = { ...groupSortToCore(String(params.sortBy)), direction: sortOrderOf(params.sortOrder) };
  const data = await ctx.run<{ groups: { totalCount: number; nodes: GqlGroup[] } }>(...listGroupsOperation({ filter, sort, first: count, offset }));
  const nodes = data.groups.nodes;
  if (!membersShown(projection)) {
    return {
      status: 200,
      body: listResponse(
        nodes.map((g) => project(toScimGroup(g, null, ctx.baseUrl), projection, GROUP_SCHEMA, [])),
        data.groups.totalCount,
        startIndex,
      ),
    };
  }
  // with members: streamed, one group and one page of members at a time
  const { Resources: _, ...envelope } = listResponse(nodes, data.groups.totalCount, startIndex);
  async function* pieces(): AsyncGenerator<string> {
    yield `${JSON.stringify(envelope).slice(0, -1)},"Resources":[`;
    for (const [i, g] of nodes.entries()) {
      if (i > 0) yield ',';
      yield* groupJson(ctx, g, projection);
    }
    yield ']}';
  }
  return { status: 200, body: jsonStream(ctx, pieces()) };
}

async function groupResult(ctx: ScimContext, g: GqlGroup, status: number, projection: Projection): Promise<ScimResult> {
  const location = `${ctx.baseUrl}/Groups/${g.id}`;
  return {
    status,
    body: membersShown(projection) ? jsonStream(ctx, groupJson(ctx, g, projection)) : project(toScimGroup(g, null, ctx.baseUrl), projection, GROUP_SCHEMA, []),
    headers: { ETag: etagOf(g.version), ...(status === 201 ? { Location: location } : { 'Content-Location': location }) },
  };
}

async function fetchGroup(ctx: ScimContext, id: string): Promise<GqlGroup> {
  const data = await ctx.run<{ group: GqlGroup | null }>(GET_GROUP, { id });
  if (!data.group) throw new ScimError(404, undefined, `Group ${id} not found`);
  return data.group;
}

/** Reads the group's version, for an If-Match that lists several (versionFromIfMatch). */
const currentVersion = (ctx: ScimContext, id: string) => async () => (await fetchGroup(ctx, id)).version;

export async function getGroup(ctx: ScimContext, id: string, params: ListParams, ifNoneMatch?: string): Promise<ScimResult> {
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const g = await fetchGroup(ctx, id);
  if (notModified(ifNoneMatch, etagOf(g.version))) return { status: 304, headers: { ETag: etagOf(g.version) } };
  return groupResult(ctx, g, 200, projection);
}

/**
 * Runs `fn` in one transaction (or in the Bulk request's, when there is one). A single operation
 * needs no outer transaction: the core runs each mutation in its own.
 */
function atomically<T>(ctx: ScimContext, fn: (ctx: ScimContext) => Promise<T>, operations = 2): Promise<T> {
  return ctx.scope || operations < 2 ? fn(ctx) : ctx.runner.transaction((scope) => fn(ctx.withScope(scope)));
}

export async function createGroup(ctx: ScimContext, rawBody: unknown, params: ListParams): Promise<ScimResult> {
  const body = asBody(rawBody);
  checkSchemas(body);
  const displayName = displayNameOf(body);
  const externalId = get(body, 'externalId');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string')
    throw new ScimError(400, 'invalidValue', 'externalId must be a string');
  const { userIds, newMembers } = readMembers(get(body, 'members'));
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const g = await atomically(
    ctx,
    async (tx) => {
      const created = (await tx.run<{ createGroup: GqlGroup }>(CREATE_GROUP, { input: { displayName, externalId: externalId ?? null, memberIds: userIds } }))
        .createGroup;
      if (!newMembers.length) return created;
      return (await tx.run<{ addGroupMembers: { group: GqlGroup } }>(ADD_MEMBERS, { id: created.id, userIds: [], newMembers, version: null })).addGroupMembers
        .group;
    },
    newMembers.length ? 2 : 1,
  );
  return groupResult(ctx, g, 201, projection);
}

export async function replaceGroup(ctx: ScimContext, id: string, rawBody: unknown, params: ListParams, ifMatch?: string): Promise<ScimResult> {
  const body = asBody(rawBody);
  checkSchemas(body);
  const displayName = displayNameOf(body);
  const externalId = get(body, 'externalId');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string')
    throw new ScimError(400, 'invalidValue', 'externalId must be a string');
  const { userIds, newMembers } = readMembers(get(body, 'members'));
  const projection = readProjection(params.attributes, params.excludedAttributes);
  const version = (await versionFromIfMatch(ifMatch, currentVersion(ctx, id))) ?? null;
  const g = await atomically(ctx, async (tx) => {
    await tx.run<{ updateGroup: GqlGroup }>(UPDATE_GROUP, { id, input: { displayName, externalId: externalId ?? null }, version });
    let group = (await tx.run<{ setGroupMembers: { group: GqlGroup } }>(SET_MEMBERS, { id, userIds })).setGroupMembers.group;
    if (newMembers.length)
      group = (await tx.run<{ addGroupMembers: { group: GqlGroup } }>(ADD_MEMBERS, { id, userIds: [], newMembers, version: null })).addGroupMembers.group;
    return group;
  });
  return groupResult(ctx, g, 200, projection);
}

type GroupStep =
  | { kind: 'update'; input: { displayName?: string; externalId?: string | null } }
  | { kind: 'add'; userIds: string[]; newMembers: Array<{ userName: string; displayName: string | null }> }
  | { kind: 'remove'; userIds: string[] }
  | { kind: 'set'; userIds: string[] };

/** The member ids a remove filter selects: `value eq "id"`, or several of those joined by `or`. */
function memberIdsOf(filter: FilterNode): string[] {
  if (filter.op === 'or') return [...memberIdsOf(filter.left), ...memberIdsOf(filter.right)];
  if (filter.op === 'eq' && filter.path.attr.toLowerCase() === 'value' && !filter.path.subAttr && typeof filter.value === 'string') return [filter.value];
  throw new ScimError(400, 'invalidFilter', 'member filters select members by value: members[value eq "<id>"] (optionally joined with or)');
}

/**
 * Translates a Group PatchOp into core steps without reading the member list: member changes
 * become add/remove/set-members mutations whose cost does not grow with the group's size.
 */
export function groupPatchSteps(rawBody: unknown, currentId: string): GroupStep[] {
  const body = asBody(rawBody);
  const schemas = body.schemas;
  if (!listsUrn(schemas, PATCH_OP)) throw new ScimError(400, 'invalidSyntax', `schemas must be ["${PATCH_OP}"]`);
  const ops = get(body, 'Operations');
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'invalidSyntax', 'Operations must be a non-empty list');
  if (ops.length > 1000) throw new ScimError(400, 'invalidValue', 'at most 1000 operations per request');
  const steps: GroupStep[] = [];
  for (const raw of ops) {
    if (!isObject(raw)) throw new ScimError(400, 'invalidSyntax', 'each operation must be an object');
    const op = normalizeOpName(get(raw, 'op'));
    if (!op) throw new ScimError(400, 'invalidSyntax', `op must be add, replace or remove`);
    const value = get(raw, 'value');
    const pathText = get(raw, 'path');
    if (pathText === undefined || pathText === null || pathText === '') {
      if (op === 'remove') throw new ScimError(400, 'noTarget', 'remove needs a path');
      if (!isObject(value)) throw new ScimError(400, 'invalidValue', 'an operation without a path needs an object value');
      const input: { displayName?: string; externalId?: string | null } = {};
      for (const [k, v] of Object.entries(value)) {
        const key = k.toLowerCase();
        if (key === 'id') {
          if (v !== currentId) throw new ScimError(400, 'mutability', 'id is read-only');
        } else if (key === 'displayname') {
          if (typeof v !== 'string' || !v.trim()) throw new ScimError(400, 'invalidValue', 'displayName must be a non-empty string');
          input.displayName = v;
        } else if (key === 'externalid') {
          if (v !== null && typeof v !== 'string') throw new ScimError(400, 'invalidValue', 'externalId must be a string');
          input.externalId = v as string | null;
        } else if (key === 'members') {
          const m = readMembers(v);
          steps.push(op === 'add' ? { kind: 'add', ...m } : { kind: 'set', userIds: m.userIds });
          if (op !== 'add' && m.newMembers.length) steps.push({ kind: 'add', userIds: [], newMembers: m.newMembers });
        } else if (key === 'schemas' || key === 'meta') {
          // echoed read-only parts are ignored
        } else throw new ScimError(400, 'invalidPath', `unknown attribute ${k}`);
      }
      if (Object.keys(input).length) steps.push({ kind: 'update', input });
      continue;
    }
    if (typeof pathText !== 'string') throw new ScimError(400, 'invalidPath', 'path must be a string');
    const path = parsePatchPath(pathText);
    if (path.schema && path.schema.toLowerCase() !== GROUP_SCHEMA.toLowerCase()) throw new ScimError(400, 'invalidPath', `unknown schema ${path.schema}`);
    const attr = path.attr.toLowerCase();
    if (attr === 'members') {
      if (path.subAttr) throw new ScimError(400, 'invalidPath', 'member sub-attributes cannot be changed');
      if (path.filter) {
        if (op !== 'remove') throw new ScimError(400, 'invalidPath', 'a member filter can only be used to remove members');
        steps.push({ kind: 'remove', userIds: memberIdsOf(path.filter) });
      } else if (op === 'add') steps.push({ kind: 'add', ...readMembers(value) });
      else if (op === 'replace') {
        const m = readMembers(value);
        steps.push({ kind: 'set', userIds: m.userIds });
        if (m.newMembers.length) steps.push({ kind: 'add', userIds: [], newMembers: m.newMembers });
      } else if (value !== undefined && value !== null) steps.push({ kind: 'remove', userIds: readMembers(value).userIds });
      else steps.push({ kind: 'set', userIds: [] });
    } else if (attr === 'displayname' && !path.filter && !path.subAttr) {
      if (op === 'remove') throw new ScimError(400, 'mutability', 'displayName is required and cannot be removed');
      if (typeof value !== 'string' || !value.trim()) throw new ScimError(400, 'invalidValue', 'displayName must be a non-empty string');
      steps.push({ kind: 'update', input: { displayName: value } });
    } else if (attr === 'externalid' && !path.filter && !path.subAttr) {
      if (op !== 'remove' && value !== null && typeof value !== 'string') throw new ScimError(400, 'invalidValue', 'externalId must be a string');
      steps.push({ kind: 'update', input: { externalId: op === 'remove' ? null : (value as string | null) } });
    } else if (attr === 'id' || attr === 'meta' || attr === 'schemas') {
      throw new ScimError(400, 'mutability', `${path.attr} is read-only`);
    } else throw new ScimError(400, 'invalidPath', `unknown attribute ${path.attr}`);
  }
  return steps;
}

export async function patchGroup(ctx: ScimContext, id: string, rawBody: unknown, ifMatch?: string): Promise<ScimResult> {
  const steps = groupPatchSteps(rawBody, id);
  let version: number | null = (await versionFromIfMatch(ifMatch, currentVersion(ctx, id))) ?? null;
  const apply = async (tx: ScimContext): Promise<GqlGroup> => {
    let group: GqlGroup | null = null;
    for (const s of steps) {
      // If-Match guards the group as the client saw it: only the first step checks it
      if (s.kind === 'update') group = (await tx.run<{ updateGroup: GqlGroup }>(UPDATE_GROUP, { id, input: s.input, version })).updateGroup;
      else if (s.kind === 'add')
        group = (await tx.run<{ addGroupMembers: { group: GqlGroup } }>(ADD_MEMBERS, { id, userIds: s.userIds, newMembers: s.newMembers, version }))
          .addGroupMembers.group;
      else if (s.kind === 'remove')
        group = (await tx.run<{ removeGroupMembers: { group: GqlGroup } }>(REMOVE_MEMBERS, { id, userIds: s.userIds, version })).removeGroupMembers.group;
      else group = (await tx.run<{ setGroupMembers: { group: GqlGroup } }>(SET_MEMBERS, { id, userIds: s.userIds, version })).setGroupMembers.group;
      version = null;
    }
    if (group) return group;
    // no step (operations that change nothing): the precondition is still the client's
    const g = await fetchGroup(tx, id);
    if (version !== null && g.version !== version) throw new ScimError(412, undefined, `If-Match ${ifMatch} does not name the group's version, ${g.version}`);
    return g;
  };
  const g = await atomically(ctx, apply, steps.length);
  return { status: 204, headers: { ETag: etagOf(g.version) } };
}

export async function deleteGroup(ctx: ScimContext, id: string, ifMatch?: string): Promise<ScimResult> {
  await ctx.run(DELETE_GROUP, { id, version: (await versionFromIfMatch(ifMatch, currentVersion(ctx, id))) ?? null });
  return { status: 204 };
}

/**
 * The GraphQL operations the SCIM adapter runs in-process. Fixed documents: parsed and validated
 * once by the OperationRunner, then served from its cache. The fields of users and groups are
 * those the table of resource-schema.ts reads (GqlUser, GqlGroup there are their shapes).
 */
import { GROUP_RESOURCE, USER_RESOURCE, type ScimResourceType } from './resource-schema.js';

/**
 * The fields of a resource type the adapter reads: every attribute's (and extension's) `core` of
 * the table in resource-schema.ts, in its order. A complex attribute read from one field selects
 * its sub-attributes as fields of it.
 */
function selection(type: ScimResourceType<never>): string {
  const fields: string[] = [];
  for (const schema of [type.schema, ...type.extensions]) {
    if (schema.core?.select) fields.push(schema.core.select);
    for (const a of schema.attributes) {
      if (a.core === undefined) continue;
      if (typeof a.core !== 'string') {
        if (a.core.select) fields.push(a.core.select);
      } else fields.push(a.subAttributes ? `${a.core} { ${a.subAttributes.map((s) => s.name).join(' ')} }` : a.core);
    }
  }
  return fields.join('\n  ');
}

const USER_FIELDS = `
fragment ScimUser on User {
  ${selection(USER_RESOURCE)}
}`;

const GROUP_FIELDS = `
fragment ScimGroup on Group {
  ${selection(GROUP_RESOURCE)}
}`;

export const GET_USER = `query ScimGetUser($org: ID!, $id: ID!, $groups: Boolean!) { user(organizationId: $org, id: $id) { ...ScimUser } } ${USER_FIELDS}`;

export const LIST_USERS = `query ScimListUsers($org: ID!, $filter: UserFilter, $sort: UserSort, $first: Int!, $offset: Int, $groups: Boolean!) {
  users(organizationId: $org, filter: $filter, sort: $sort, first: $first, offset: $offset) { totalCount nodes { ...ScimUser } }
} ${USER_FIELDS}`;

/**
 * A list filter that is one unique key's equality alone — `userName eq "…"`, which Okta and Entra ID
 * send before every create, `externalId eq`, `id eq`; for groups `displayName eq` before a group
 * push — runs as a document that spells the filter out. Its only variables are scalars, so the
 * OperationRunner runs it compiled (graphql-jit cannot compile a variable of the recursive
 * UserFilter/GroupFilter type, see graphql/executor.ts). The same field, arguments and resolvers as
 * LIST_USERS/LIST_GROUPS with that filter, so the same result.
 */
const USER_KEYS = { id: 'ID', userName: 'String', externalId: 'String' } as const;
const GROUP_KEYS = { id: 'ID', displayName: 'String', externalId: 'String' } as const;

const FIND_USERS = Object.fromEntries(
  Object.entries(USER_KEYS).map(([key, type]) => [
    key,
    `query ScimFindUsers_${key}($org: ID!, $value: ${type}!, $first: Int!, $offset: Int, $groups: Boolean!) {
  users(organizationId: $org, filter: {${key}: {eq: $value}, historyCopy: false}, first: $first, offset: $offset) { totalCount nodes { ...ScimUser } }
} ${USER_FIELDS}`,
  ]),
);

const FIND_GROUPS = Object.fromEntries(
  Object.entries(GROUP_KEYS).map(([key, type]) => [
    key,
    `query ScimFindGroups_${key}($org: ID!, $value: ${type}!, $first: Int!, $offset: Int) {
  groups(organizationId: $org, filter: {${key}: {eq: $value}}, first: $first, offset: $offset) { totalCount nodes { ...ScimGroup } }
} ${GROUP_FIELDS}`,
  ]),
);

/**
 * A list without a filter (paging through every user or group, as an Okta import does) runs as a
 * document without the recursive filter variable, so compiled too.
 */
export const PAGE_USERS = `query ScimPageUsers($org: ID!, $sort: UserSort, $first: Int!, $offset: Int, $groups: Boolean!) {
  users(organizationId: $org, filter: {historyCopy: false}, sort: $sort, first: $first, offset: $offset) { totalCount nodes { ...ScimUser } }
} ${USER_FIELDS}`;

export const PAGE_GROUPS = `query ScimPageGroups($org: ID!, $sort: GroupSort, $first: Int!, $offset: Int) {
  groups(organizationId: $org, sort: $sort, first: $first, offset: $offset) { totalCount nodes { ...ScimGroup } }
} ${GROUP_FIELDS}`;

/** The key and value of a filter that is `{<key>: {eq: "<value>"}}` plus exactly the `fixed` conditions, else undefined. */
function uniqueKeyEquality(
  filter: Record<string, unknown> | null,
  keys: Record<string, string>,
  fixed: Record<string, unknown>,
): { key: string; value: string } | undefined {
  if (!filter) return undefined;
  const names = Object.keys(filter);
  if (names.length !== 1 + Object.keys(fixed).length) return undefined;
  let found: { key: string; value: string } | undefined;
  for (const name of names) {
    if (name in fixed) {
      if (filter[name] !== fixed[name]) return undefined;
      continue;
    }
    const cond = filter[name] as Record<string, unknown> | null;
    if (!Object.hasOwn(keys, name) || typeof cond !== 'object' || cond === null) return undefined;
    const ops = Object.keys(cond);
    if (ops.length !== 1 || ops[0] !== 'eq' || typeof cond.eq !== 'string') return undefined;
    found = { key: name, value: cond.eq };
  }
  return found;
}

export interface ListArgs {
  filter: Record<string, unknown> | null;
  sort: Record<string, unknown> | null;
  first: number;
  offset: number;
}

/** The document and variables that list users (see FIND_USERS); `filter` already has `historyCopy: false`. */
export function listUsersOperation(args: ListArgs, groups: boolean): [string, Record<string, unknown>] {
  const unique = args.sort ? undefined : uniqueKeyEquality(args.filter, USER_KEYS, { historyCopy: false });
  if (unique) return [FIND_USERS[unique.key]!, { value: unique.value, first: args.first, offset: args.offset, groups }];
  const f = args.filter;
  if (f && Object.keys(f).length === 1 && f.historyCopy === false) return [PAGE_USERS, { sort: args.sort, first: args.first, offset: args.offset, groups }];
  return [LIST_USERS, { ...args, groups }];
}

/** The document and variables that list groups (see FIND_GROUPS). */
export function listGroupsOperation(args: ListArgs): [string, Record<string, unknown>] {
  const unique = args.sort ? undefined : uniqueKeyEquality(args.filter, GROUP_KEYS, {});
  if (unique) return [FIND_GROUPS[unique.key]!, { value: unique.value, first: args.first, offset: args.offset }];
  if (!args.filter) return [PAGE_GROUPS, { sort: args.sort, first: args.first, offset: args.offset }];
  return [LIST_GROUPS, { ...args }];
}

export const PROVISION_USER = `mutation ScimProvisionUser($org: ID!, $input: ProvisionUserInput!, $groups: Boolean!) {
  provisionUser(organizationId: $org, input: $input) { created restored user { ...ScimUser } }
} ${USER_FIELDS}`;

export const DELETE_USER = `mutation ScimDeleteUser($org: ID!, $id: ID!, $version: Int) { deleteUser(organizationId: $org, id: $id, expectedVersion: $version) }`;

export const CUSTOM_DEFINITIONS = `query ScimCustomDefinitions($org: ID!) { customAttributeDefinitions(organizationId: $org) { name displayName type multiValued required allowedValues } }`;

export const GET_GROUP = `query ScimGetGroup($org: ID!, $id: ID!) { group(organizationId: $org, id: $id) { ...ScimGroup } } ${GROUP_FIELDS}`;

export const GROUP_MEMBERS = `query ScimGroupMembers($org: ID!, $id: ID!, $after: String) {
  group(organizationId: $org, id: $id) { memberships(first: 1000, after: $after) { nodes { userId userName displayName } pageInfo { hasNextPage endCursor } } }
}`;

export const LIST_GROUPS = `query ScimListGroups($org: ID!, $filter: GroupFilter, $sort: GroupSort, $first: Int!, $offset: Int) {
  groups(organizationId: $org, filter: $filter, sort: $sort, first: $first, offset: $offset) { totalCount nodes { ...ScimGroup } }
} ${GROUP_FIELDS}`;

export const CREATE_GROUP = `mutation ScimCreateGroup($org: ID!, $input: CreateGroupInput!) { createGroup(organizationId: $org, input: $input) { ...ScimGroup } } ${GROUP_FIELDS}`;

export const UPDATE_GROUP = `mutation ScimUpdateGroup($org: ID!, $id: ID!, $input: UpdateGroupInput!, $version: Int) {
  updateGroup(organizationId: $org, id: $id, input: $input, expectedVersion: $version) { ...ScimGroup }
} ${GROUP_FIELDS}`;

export const ADD_MEMBERS = `mutation ScimAddMembers($org: ID!, $id: ID!, $userIds: [ID!]!, $newMembers: [NewMemberInput!], $version: Int) {
  addGroupMembers(organizationId: $org, groupId: $id, userIds: $userIds, newMembers: $newMembers, expectedVersion: $version) { group { ...ScimGroup } }
} ${GROUP_FIELDS}`;

export const REMOVE_MEMBERS = `mutation ScimRemoveMembers($org: ID!, $id: ID!, $userIds: [ID!]!, $version: Int) {
  removeGroupMembers(organizationId: $org, groupId: $id, userIds: $userIds, expectedVersion: $version) { group { ...ScimGroup } }
} ${GROUP_FIELDS}`;

export const SET_MEMBERS = `mutation ScimSetMembers($org: ID!, $id: ID!, $userIds: [ID!]!, $version: Int) {
  setGroupMembers(organizationId: $org, groupId: $id, userIds: $userIds, expectedVersion: $version) { group { ...ScimGroup } }
} ${GROUP_FIELDS}`;

export const DELETE_GROUP = `mutation ScimDeleteGroup($org: ID!, $id: ID!, $version: Int) { deleteGroup(organizationId: $org, id: $id, expectedVersion: $version) }`;

export const GROUP_POLICY = `query ScimGroupPolicy($org: ID!) { provisioningPolicy(organizationId: $org) { groupPushProvisionsMembers } }`;

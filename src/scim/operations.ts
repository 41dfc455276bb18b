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

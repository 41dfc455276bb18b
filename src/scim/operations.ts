/**
 * The GraphQL operations the SCIM adapter runs in-process. Fixed documents: parsed and validated
 * once by the OperationRunner, then served from its cache.
 */
const USER_FIELDS = `
fragment ScimUser on User {
  id externalId userName active
  name { formatted familyName givenName middleName honorificPrefix honorificSuffix }
  displayName nickName profileUrl title userType locale preferredLanguage timezone
  employeeNumber costCenter organizationName division department
  managerId manager { displayName userName }
  emails { value type primary display }
  phoneNumbers { value type primary display }
  addresses { type primary formatted streetAddress locality region postalCode country }
  customAttributes
  groups(first: 1000) @include(if: $groups) { id displayName }
  createdAt updatedAt version
}`;

const GROUP_FIELDS = `
fragment ScimGroup on Group { id externalId displayName memberCount createdAt updatedAt version }`;

export const GET_USER = `query ScimGetUser($org: ID!, $id: ID!, $groups: Boolean!) { user(organizationId: $org, id: $id) { ...ScimUser } } ${USER_FIELDS}`;

export const LIST_USERS = `query ScimListUsers($org: ID!, $filter: UserFilter, $sort: UserSort, $first: Int!, $offset: Int, $groups: Boolean!) {
  users(organizationId: $org, filter: $filter, sort: $sort, first: $first, offset: $offset) { totalCount nodes { ...ScimUser } }
} ${USER_FIELDS}`;

export const PROVISION_USER = `mutation ScimProvisionUser($org: ID!, $input: ProvisionUserInput!, $groups: Boolean!) {
  provisionUser(organizationId: $org, input: $input) { created restored user { ...ScimUser } }
} ${USER_FIELDS}`;

export const DELETE_USER = `mutation ScimDeleteUser($org: ID!, $id: ID!, $version: Int) { deleteUser(organizationId: $org, id: $id, expectedVersion: $version) }`;

export const CUSTOM_DEFINITIONS = `query ScimCustomDefinitions($org: ID!) { customAttributeDefinitions(organizationId: $org) { name type multiValued required } }`;

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

/** Shapes of the selections above. */
export interface GqlUser {
  id: string;
  externalId: string | null;
  userName: string;
  active: boolean;
  name: Record<string, string | null>;
  displayName: string | null;
  nickName: string | null;
  profileUrl: string | null;
  title: string | null;
  userType: string | null;
  locale: string | null;
  preferredLanguage: string | null;
  timezone: string | null;
  employeeNumber: string | null;
  costCenter: string | null;
  organizationName: string | null;
  division: string | null;
  department: string | null;
  managerId: string | null;
  manager: { displayName: string | null; userName: string } | null;
  emails: Array<{ value: string; type: string | null; primary: boolean; display: string | null }>;
  phoneNumbers: Array<{ value: string; type: string | null; primary: boolean; display: string | null }>;
  addresses: Array<Record<string, string | boolean | null>>;
  customAttributes: Record<string, unknown>;
  groups?: Array<{ id: string; displayName: string }>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface GqlGroup {
  id: string;
  externalId: string | null;
  displayName: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

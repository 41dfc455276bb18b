/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who made a change. */
export type ActorType =
  /** An organization's API key (automation, dashboards). */
  | 'API_KEY'
  /** A platform key (the operator of this service). */
  | 'PLATFORM'
  /** A SAML sign-in (first-login provisioning, sign-in records). */
  | 'SAML'
  /** An organization's SCIM token: its identity provider. */
  | 'SCIM_TOKEN'
  /** The service itself. */
  | 'SYSTEM';

/** Conditions on one address; all must hold for the same address. */
export type AddressFilter = {
  country?: StringFilter | null | undefined;
  formatted?: StringFilter | null | undefined;
  locality?: StringFilter | null | undefined;
  postalCode?: StringFilter | null | undefined;
  primary?: boolean | null | undefined;
  region?: StringFilter | null | undefined;
  streetAddress?: StringFilter | null | undefined;
  type?: StringFilter | null | undefined;
};

/** A postal address. */
export type AddressInput = {
  country?: string | null | undefined;
  formatted?: string | null | undefined;
  locality?: string | null | undefined;
  postalCode?: string | null | undefined;
  primary?: boolean | null | undefined;
  region?: string | null | undefined;
  streetAddress?: string | null | undefined;
  type?: string | null | undefined;
};

/** ADMIN may change everything in its organization; READ_ONLY may only query. */
export type ApiKeyRole =
  | 'ADMIN'
  | 'READ_ONLY';

/** A new group. */
export type CreateGroupInput = {
  displayName: string;
  externalId?: string | null | undefined;
  /** Initial members (user ids of the same organization). */
  memberIds?: Array<string | number> | null | undefined;
};

/** A new organization. */
export type CreateOrganizationInput = {
  name: string;
  /** 1-63 lower-case letters, digits or inner hyphens; unique. */
  slug: string;
};

/** A new user. */
export type CreateUserInput = {
  active?: boolean | null | undefined;
  addresses?: Array<AddressInput> | null | undefined;
  costCenter?: string | null | undefined;
  /** Custom attribute values by reference name; merged into the existing values, null removes one. */
  customAttributes?: Record<string, unknown> | null | undefined;
  department?: string | null | undefined;
  displayName?: string | null | undefined;
  division?: string | null | undefined;
  emails?: Array<MultiValueInput> | null | undefined;
  employeeNumber?: string | null | undefined;
  externalId?: string | null | undefined;
  locale?: string | null | undefined;
  managerId?: string | number | null | undefined;
  name?: UserNameInput | null | undefined;
  nickName?: string | null | undefined;
  organizationName?: string | null | undefined;
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  preferredLanguage?: string | null | undefined;
  profileUrl?: string | null | undefined;
  /** Sets the base role; group-to-role rules may raise the effective role. */
  role?: UserRole | null | undefined;
  timezone?: string | null | undefined;
  title?: string | null | undefined;
  /** Unique (case-insensitively) within the organization. */
  userName: string;
  userType?: string | null | undefined;
};

/** What a bearer credential is for. */
export type CredentialKind =
  | 'API_KEY'
  | 'PLATFORM_KEY'
  | 'SCIM_TOKEN';

/** Conditions on one custom attribute. String operators ignore case; `eq`/`in` match exactly (also elements of multi-valued attributes). */
export type CustomAttributeFilter = {
  /** contains, startsWith and endsWith compare case-sensitively, as eq does (default: they ignore case). */
  caseSensitive?: boolean | null | undefined;
  contains?: string | null | undefined;
  endsWith?: string | null | undefined;
  eq?: string | null | undefined;
  /** Equal to this boolean. */
  equalsBoolean?: boolean | null | undefined;
  /** Equal to this number. */
  equalsNumber?: number | null | undefined;
  ge?: string | null | undefined;
  /** String (e.g. ISO date-time) greater than. */
  gt?: string | null | undefined;
  /** Number greater than. */
  gtNumber?: number | null | undefined;
  in?: Array<string> | null | undefined;
  le?: string | null | undefined;
  lt?: string | null | undefined;
  /** Number less than. */
  ltNumber?: number | null | undefined;
  /** Reference name of the attribute. */
  name: string;
  ne?: string | null | undefined;
  present?: boolean | null | undefined;
  startsWith?: string | null | undefined;
};

/** Value type of a custom attribute (DATETIME values are ISO-8601, stored in UTC). */
export type CustomAttributeType =
  | 'BOOLEAN'
  | 'DATETIME'
  | 'INTEGER'
  | 'STRING';

/** Conditions on a timestamp; all given conditions must hold. */
export type DateTimeFilter = {
  eq?: string | null | undefined;
  ge?: string | null | undefined;
  gt?: string | null | undefined;
  le?: string | null | undefined;
  lt?: string | null | undefined;
  /** true: has a value; false: has none. */
  present?: boolean | null | undefined;
};

export type DefineCustomAttributeInput = {
  allowedValues?: Array<unknown> | null | undefined;
  displayName?: string | null | undefined;
  multiValued?: boolean | null | undefined;
  name: string;
  required?: boolean | null | undefined;
  type: CustomAttributeType;
};

/** Audit log filter; all given conditions must hold. */
export type EventFilter = {
  actorId?: string | number | null | undefined;
  /** Only changes made by this kind of actor. */
  actorType?: ActorType | null | undefined;
  afterSequence?: number | null | undefined;
  beforeSequence?: number | null | undefined;
  /** Subject or object is this id. */
  involving?: string | number | null | undefined;
  objectId?: string | number | null | undefined;
  since?: string | null | undefined;
  subjectId?: string | number | null | undefined;
  types?: Array<EventType> | null | undefined;
  until?: string | null | undefined;
};

/** Kind of change recorded in the event log. */
export type EventType =
  | 'ATTRIBUTE_MAPPINGS_CHANGED'
  | 'CREDENTIAL_CREATED'
  | 'CREDENTIAL_REVOKED'
  | 'CUSTOM_ATTRIBUTE_DEFINED'
  | 'CUSTOM_ATTRIBUTE_DELETED'
  | 'CUSTOM_ATTRIBUTE_UPDATED'
  | 'GROUP_CREATED'
  | 'GROUP_DELETED'
  | 'GROUP_UPDATED'
  | 'MEMBERSHIP_ADDED'
  | 'MEMBERSHIP_REMOVED'
  | 'ORGANIZATION_CREATED'
  | 'ORGANIZATION_DELETED'
  | 'ORGANIZATION_UPDATED'
  | 'POLICY_CHANGED'
  | 'SAML_CONNECTION_CONFIGURED'
  | 'SESSION_REVOKED'
  | 'USER_CREATED'
  | 'USER_DEACTIVATED'
  | 'USER_DELETED'
  | 'USER_REACTIVATED'
  | 'USER_SIGNED_IN'
  | 'USER_UPDATED';

/** A group filter; combine with and / or / not. */
export type GroupFilter = {
  and?: Array<GroupFilter> | null | undefined;
  createdAt?: DateTimeFilter | null | undefined;
  /** Case-insensitive. */
  displayName?: StringFilter | null | undefined;
  /** Case-sensitive. */
  externalId?: StringFilter | null | undefined;
  id?: IdFilter | null | undefined;
  /** Groups having this user as a member. */
  memberId?: string | number | null | undefined;
  not?: GroupFilter | null | undefined;
  or?: Array<GroupFilter> | null | undefined;
  updatedAt?: DateTimeFilter | null | undefined;
};

export type GroupRoleRuleInput = {
  groupId: string | number;
  role: UserRole;
};

/** Match by id. */
export type IdFilter = {
  eq?: string | number | null | undefined;
  in?: Array<string | number> | null | undefined;
};

/** Conditions on a user's manager. */
export type ManagerFilter = {
  eq?: string | number | null | undefined;
  present?: boolean | null | undefined;
};

export type MappingRuleInput = {
  source: string;
  target: string;
  transforms?: Array<TransformInput> | null | undefined;
};

/** A source of attributes that mapping rules translate. */
export type MappingSource =
  | 'SAML'
  | 'SCIM';

/** Conditions on one element of a multi-valued attribute; all must hold for the same element. */
export type MultiValueFilter = {
  display?: StringFilter | null | undefined;
  primary?: boolean | null | undefined;
  type?: StringFilter | null | undefined;
  value?: StringFilter | null | undefined;
};

/** One value of a multi-valued attribute. */
export type MultiValueInput = {
  display?: string | null | undefined;
  primary?: boolean | null | undefined;
  type?: string | null | undefined;
  value: string;
};

/** A member named by userName (group push); created when missing if the policy lets group push provision members. */
export type NewMemberInput = {
  displayName?: string | null | undefined;
  userName: string;
};

/** What to preview: SCIM fields (userId/userName/externalId/active) or a SAML subject, plus raw attributes. */
export type PreviewInput = {
  active?: boolean | null | undefined;
  attributes: Record<string, unknown>;
  externalId?: string | null | undefined;
  /** SAML NameID. */
  subject?: string | null | undefined;
  userId?: string | number | null | undefined;
  userName?: string | null | undefined;
};

/** A user described by a source: identity fields plus raw attributes for the mappings. */
export type ProvisionUserInput = {
  active?: boolean | null | undefined;
  /** Raw source attributes, e.g. {"name.givenName": "Ada", "emails": [{"value": "…", "type": "work"}]}. */
  attributes: Record<string, unknown>;
  expectedVersion?: number | null | undefined;
  externalId?: string | null | undefined;
  /** The attributes are a change (SCIM PATCH), not the complete user: only attributes present are written. */
  partial?: boolean | null | undefined;
  /** Whose mappings to apply; required for API keys, implied for SCIM tokens. */
  source?: MappingSource | null | undefined;
  /** Update this user; omit to create. */
  userId?: string | number | null | undefined;
  userName?: string | null | undefined;
};

/** SCIM: only the IdP creates users (unknown users cannot sign in). FIRST_LOGIN: users are created at their first SAML sign-in (SCIM may update and deactivate, not create). SCIM_AND_FIRST_LOGIN: both. */
export type ProvisioningMode =
  | 'FIRST_LOGIN'
  | 'SCIM'
  | 'SCIM_AND_FIRST_LOGIN';

/** Policy changes: omitted fields are kept. seatLimit: null removes the limit. */
export type ProvisioningPolicyInput = {
  allowedEmailDomains?: Array<string> | null | undefined;
  attributePrecedence?: Array<ProvisioningSource> | null | undefined;
  deactivationRemovesMemberships?: boolean | null | undefined;
  defaultRole?: UserRole | null | undefined;
  groupPushProvisionsMembers?: boolean | null | undefined;
  groupRoleRules?: Array<GroupRoleRuleInput> | null | undefined;
  mode?: ProvisioningMode | null | undefined;
  reactivation?: ReactivationMode | null | undefined;
  seatLimit?: number | null | undefined;
  sessionLifetimeSeconds?: number | null | undefined;
};

/** How a user came to exist: SCIM push from the identity provider, first SAML sign-in, or the API. */
export type ProvisioningSource =
  | 'API'
  | 'SAML'
  | 'SCIM';

/** Conditions on the provisioning source. */
export type ProvisioningSourceFilter = {
  eq?: ProvisioningSource | null | undefined;
  in?: Array<ProvisioningSource> | null | undefined;
};

/** RESTORE: the same user comes back (id, memberships, role). NEW_USER: the user starts afresh under the same id (no memberships, default role); its old record is kept as a deactivated history copy. */
export type ReactivationMode =
  | 'NEW_USER'
  | 'RESTORE';

/** Conditions on a role. */
export type RoleFilter = {
  eq?: UserRole | null | undefined;
  in?: Array<UserRole> | null | undefined;
};

/** RULE: the organization's own rule; DEFAULT: a built-in default rule; IMPLICIT: a custom attribute read from the source attribute of its own name. */
export type RuleOrigin =
  | 'DEFAULT'
  | 'IMPLICIT'
  | 'RULE';

/** A validated assertion about to be used for sign-in (in-process use only). */
export type SamlAssertionUseInput = {
  assertionId: string;
  /** The browser binding cookie's secret sent with the response, if any. */
  browserBinding?: string | null | undefined;
  /** Null for an IdP-initiated response. */
  inResponseTo?: string | null | undefined;
  notOnOrAfter: string;
};

/** An AuthnRequest the SAML adapter is about to send (in-process use only). */
export type SamlAuthnRequestInput = {
  /** The secret of the browser's binding cookie; the response must come back with it. */
  browserBinding?: string | null | undefined;
  /** The request's ID attribute. */
  id: string;
  /** The unsigned HTTP-Redirect URL to the IdP. */
  redirectUrl: string;
  /** Validated return-to, kept for the response. */
  returnTo?: string | null | undefined;
};

/** SAML connection settings. Omitted fields are kept. The first configuration needs the IdP entity ID, SSO URL and at least one certificate, given as fields or imported with idpMetadataXml; explicit fields override what the metadata says. */
export type SamlConnectionInput = {
  allowIdpInitiated?: boolean | null | undefined;
  /** Host names (optionally with :port), e.g. app.example.com. */
  allowedRedirectHosts?: Array<string> | null | undefined;
  /** 0 to 600. */
  clockSkewSeconds?: number | null | undefined;
  /** A path on this service (/app) or an https URL; null clears it. */
  defaultRedirectUrl?: string | null | undefined;
  /** PEM or base64 certificates; replaces the list (give old and new together during a rotation). */
  idpCertificates?: Array<string> | null | undefined;
  idpEntityId?: string | null | undefined;
  /** The IdP's metadata XML (Okta: Sign On → Identity Provider metadata). Imports entity ID, SSO URL and signing certificates. */
  idpMetadataXml?: string | null | undefined;
  /** https URL. */
  idpSsoUrl?: string | null | undefined;
  nameIdFormat?: string | null | undefined;
  /** Requires an SP key pair. */
  signAuthnRequests?: boolean | null | undefined;
  /** The SP certificate (PEM) of spPrivateKeyPem. */
  spCertificatePem?: string | null | undefined;
  /** SP private key (RSA ≥ 2048, unencrypted PEM), together with spCertificatePem; null clears the pair. Signs AuthnRequests and decrypts assertions. Write-only. */
  spPrivateKeyPem?: string | null | undefined;
  /** Require encrypted assertions. Requires an SP key pair. */
  wantAssertionsEncrypted?: boolean | null | undefined;
  wantAssertionsSigned?: boolean | null | undefined;
  wantResponseSigned?: boolean | null | undefined;
};

/** An encrypted assertion from a SAML response (in-process use only). */
export type SamlEncryptedAssertionInput = {
  /** The saml:EncryptedAssertion element as XML. */
  encryptedAssertionXml: string;
};

export type SignInInput = {
  /** Assertion attributes by Name (values as lists). */
  attributes: Record<string, unknown>;
  sessionIndex?: string | null | undefined;
  /** The SAML NameID. */
  subject: string;
};

/** Ascending or descending. */
export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Conditions on a text attribute; all given conditions must hold. Comparisons ignore case except on externalId. */
export type StringFilter = {
  /** Contains the substring. */
  contains?: string | null | undefined;
  /** Ends with. */
  endsWith?: string | null | undefined;
  /** Equal to. */
  eq?: string | null | undefined;
  /** Sorts after or equal. */
  ge?: string | null | undefined;
  /** Sorts after. */
  gt?: string | null | undefined;
  /** Equal to one of (at most 1000 values). */
  in?: Array<string> | null | undefined;
  /** Sorts before or equal. */
  le?: string | null | undefined;
  /** Sorts before. */
  lt?: string | null | undefined;
  /** Not equal to (absent values match). */
  ne?: string | null | undefined;
  /** true: has a value; false: has none. */
  present?: boolean | null | undefined;
  /** Starts with. */
  startsWith?: string | null | undefined;
};

/** Kind of object an event is about. */
export type SubjectType =
  | 'ATTRIBUTE_MAPPING'
  | 'CREDENTIAL'
  | 'CUSTOM_ATTRIBUTE'
  | 'GROUP'
  | 'ORGANIZATION'
  | 'POLICY'
  | 'SAML_CONNECTION'
  | 'USER';

export type TransformInput = {
  dropUnmatched?: boolean | null | undefined;
  group?: number | null | undefined;
  kind: TransformKind;
  pattern?: string | null | undefined;
  separator?: string | null | undefined;
  table?: Record<string, unknown> | null | undefined;
  value?: string | null | undefined;
};

/** A step applied to a source value before it reaches its target. */
export type TransformKind =
  | 'DEFAULT'
  | 'JOIN'
  | 'LOOKUP'
  | 'LOWER'
  | 'REGEX_EXTRACT'
  | 'SPLIT'
  | 'TRIM'
  | 'UPPER';

/** Changes to a definition; omitted fields are kept. The type can change only while no user has a value. */
export type UpdateCustomAttributeInput = {
  /** null or [] removes the list. */
  allowedValues?: Array<unknown> | null | undefined;
  displayName?: string | null | undefined;
  required?: boolean | null | undefined;
  type?: CustomAttributeType | null | undefined;
};

/** Changes to a group; omitted fields are kept. */
export type UpdateGroupInput = {
  displayName?: string | null | undefined;
  /** null clears it. */
  externalId?: string | null | undefined;
};

/** Changes to a user: omitted fields are kept, null clears a field. */
export type UpdateUserInput = {
  active?: boolean | null | undefined;
  addresses?: Array<AddressInput> | null | undefined;
  costCenter?: string | null | undefined;
  /** Custom attribute values by reference name; merged into the existing values, null removes one. */
  customAttributes?: Record<string, unknown> | null | undefined;
  department?: string | null | undefined;
  displayName?: string | null | undefined;
  division?: string | null | undefined;
  emails?: Array<MultiValueInput> | null | undefined;
  employeeNumber?: string | null | undefined;
  externalId?: string | null | undefined;
  locale?: string | null | undefined;
  managerId?: string | number | null | undefined;
  name?: UserNameInput | null | undefined;
  nickName?: string | null | undefined;
  organizationName?: string | null | undefined;
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  preferredLanguage?: string | null | undefined;
  profileUrl?: string | null | undefined;
  /** Sets the base role; group-to-role rules may raise the effective role. */
  role?: UserRole | null | undefined;
  timezone?: string | null | undefined;
  title?: string | null | undefined;
  userName?: string | null | undefined;
  userType?: string | null | undefined;
};

/** A user filter. All conditions given on one object must hold; combine objects with and / or / not. */
export type UserFilter = {
  active?: boolean | null | undefined;
  addresses?: AddressFilter | null | undefined;
  and?: Array<UserFilter> | null | undefined;
  costCenter?: StringFilter | null | undefined;
  createdAt?: DateTimeFilter | null | undefined;
  customAttributes?: Array<CustomAttributeFilter> | null | undefined;
  deactivatedAt?: DateTimeFilter | null | undefined;
  department?: StringFilter | null | undefined;
  displayName?: StringFilter | null | undefined;
  division?: StringFilter | null | undefined;
  /** Any of the email addresses. */
  email?: StringFilter | null | undefined;
  emails?: MultiValueFilter | null | undefined;
  employeeNumber?: StringFilter | null | undefined;
  /** Case-sensitive. */
  externalId?: StringFilter | null | undefined;
  familyName?: StringFilter | null | undefined;
  formattedName?: StringFilter | null | undefined;
  givenName?: StringFilter | null | undefined;
  /** Member of this group. */
  groupId?: string | number | null | undefined;
  /** true: only the history copies that reactivation as a new user (policy `reactivation: NEW_USER`) keeps; false: none of them. SCIM lists leave them out. */
  historyCopy?: boolean | null | undefined;
  honorificPrefix?: StringFilter | null | undefined;
  honorificSuffix?: StringFilter | null | undefined;
  id?: IdFilter | null | undefined;
  lastSignInAt?: DateTimeFilter | null | undefined;
  locale?: StringFilter | null | undefined;
  managerId?: ManagerFilter | null | undefined;
  middleName?: StringFilter | null | undefined;
  nickName?: StringFilter | null | undefined;
  not?: UserFilter | null | undefined;
  or?: Array<UserFilter> | null | undefined;
  organizationName?: StringFilter | null | undefined;
  phoneNumbers?: MultiValueFilter | null | undefined;
  preferredLanguage?: StringFilter | null | undefined;
  profileUrl?: StringFilter | null | undefined;
  provisionedBy?: ProvisioningSourceFilter | null | undefined;
  role?: RoleFilter | null | undefined;
  timezone?: StringFilter | null | undefined;
  title?: StringFilter | null | undefined;
  updatedAt?: DateTimeFilter | null | undefined;
  /** Case-insensitive. */
  userName?: StringFilter | null | undefined;
  userType?: StringFilter | null | undefined;
};

/** Name components; in an update, an omitted component is kept and null clears it. */
export type UserNameInput = {
  familyName?: string | null | undefined;
  formatted?: string | null | undefined;
  givenName?: string | null | undefined;
  honorificPrefix?: string | null | undefined;
  honorificSuffix?: string | null | undefined;
  middleName?: string | null | undefined;
};

/** Role of a user in its organization, from least to most privileged. */
export type UserRole =
  | 'ADMIN'
  | 'EDITOR'
  | 'MEMBER'
  | 'VIEWER';

/** Sort order of users (ties are broken by id, so paging is stable). */
export type UserSort = {
  /** With field CUSTOM_ATTRIBUTE: the attribute to sort by. */
  customAttribute?: string | null | undefined;
  direction?: SortDirection | null | undefined;
  field: UserSortField;
};

/** Sort keys for users. CREATED_AT (default) and USER_NAME are index-backed at any size; the others sort the filtered set. */
export type UserSortField =
  | 'CREATED_AT'
  | 'CUSTOM_ATTRIBUTE'
  | 'DEPARTMENT'
  | 'DISPLAY_NAME'
  | 'EMAIL'
  | 'EXTERNAL_ID'
  | 'FAMILY_NAME'
  | 'GIVEN_NAME'
  | 'TITLE'
  | 'UPDATED_AT'
  | 'USER_NAME';

export type EventFieldsFragment = { sequence: number, organizationId: string | null, type: EventType, actorType: ActorType, actorId: string | null, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, requestId: string | null, occurredAt: string };

export type EventsQueryVariables = Exact<{
  organizationId: string | number;
  filter?: EventFilter | null | undefined;
  order?: SortDirection | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EventsQuery = { events: { hasNextPage: boolean, endCursor: string | null, nodes: Array<{ sequence: number, organizationId: string | null, type: EventType, actorType: ActorType, actorId: string | null, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, requestId: string | null, occurredAt: string }> } };

export type OnEventsSubscriptionVariables = Exact<{
  organizationId: string | number;
  types?: Array<EventType> | EventType | null | undefined;
  afterSequence?: number | null | undefined;
}>;


export type OnEventsSubscription = { events: { sequence: number, organizationId: string | null, type: EventType, actorType: ActorType, actorId: string | null, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, requestId: string | null, occurredAt: string } };

export type PlatformEventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  order?: SortDirection | null | undefined;
  first?: number | null | undefined;
}>;


export type PlatformEventsQuery = { events: { hasNextPage: boolean, nodes: Array<{ sequence: number, organizationId: string | null, type: EventType, actorType: ActorType, actorId: string | null, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, requestId: string | null, occurredAt: string }> } };

export type GroupFieldsFragment = { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number };

export type CreateGroupMutationVariables = Exact<{
  organizationId: string | number;
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { createGroup: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number } };

export type UpdateGroupMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
  input: UpdateGroupInput;
}>;


export type UpdateGroupMutation = { updateGroup: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number } };

export type DeleteGroupMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type DeleteGroupMutation = { deleteGroup: string };

export type AddGroupMembersMutationVariables = Exact<{
  organizationId: string | number;
  groupId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type AddGroupMembersMutation = { addGroupMembers: { addedUserIds: Array<string>, removedUserIds: Array<string>, group: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number } } };

export type RemoveGroupMembersMutationVariables = Exact<{
  organizationId: string | number;
  groupId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type RemoveGroupMembersMutation = { removeGroupMembers: { addedUserIds: Array<string>, removedUserIds: Array<string>, group: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number } } };

export type SetGroupMembersMutationVariables = Exact<{
  organizationId: string | number;
  groupId: string | number;
  userIds: Array<string | number> | string | number;
}>;


export type SetGroupMembersMutation = { setGroupMembers: { addedUserIds: Array<string>, removedUserIds: Array<string>, group: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number } } };

export type GroupQueryVariables = Exact<{
  organizationId: string | number;
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GroupQuery = { group: { id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number, members: { totalCount: number, nodes: Array<{ id: string, userName: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type GroupsQueryVariables = Exact<{
  organizationId: string | number;
  filter?: GroupFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GroupsQuery = { groups: { totalCount: number, nodes: Array<{ id: string, organizationId: string, displayName: string, externalId: string | null, memberCount: number, version: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CreateOrganizationMutation = { createOrganization: { id: string, name: string, slug: string, createdAt: string } };

export type CreateScimTokenMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
}>;


export type CreateScimTokenMutation = { createScimToken: { token: string, credential: { id: string, kind: CredentialKind, name: string, role: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } } };

export type CreateApiKeyMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
  role?: ApiKeyRole | null | undefined;
}>;


export type CreateApiKeyMutation = { createApiKey: { token: string, credential: { id: string, kind: CredentialKind, name: string, role: string } } };

export type RevokeCredentialMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type RevokeCredentialMutation = { revokeCredential: { id: string, revokedAt: string | null } };

export type CredentialsQueryVariables = Exact<{
  organizationId: string | number;
  includeRevoked?: boolean | null | undefined;
}>;


export type CredentialsQuery = { credentials: Array<{ id: string, kind: CredentialKind, name: string, role: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { kind: string, organizationId: string | null, credentialId: string | null, label: string, role: ApiKeyRole | null } };

export type OrganizationQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationQuery = { organization: { id: string, name: string, slug: string } | null };

export type PlatformKeysQueryVariables = Exact<{
  includeRevoked?: boolean | null | undefined;
}>;


export type PlatformKeysQuery = { platformKeys: Array<{ id: string, kind: CredentialKind, name: string, role: string, organizationId: string | null, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, createdBy: string | null }> };

export type CreatePlatformKeyMutationVariables = Exact<{
  name: string;
}>;


export type CreatePlatformKeyMutation = { createPlatformKey: { token: string, credential: { id: string, kind: CredentialKind, name: string, role: string, organizationId: string | null, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } } };

export type RevokePlatformKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokePlatformKeyMutation = { revokePlatformKey: { id: string, name: string, revokedAt: string | null } };

export type DeleteOrganizationMutationVariables = Exact<{
  id: string | number;
  confirmSlug: string;
}>;


export type DeleteOrganizationMutation = { deleteOrganization: boolean };

export type ProvisioningPolicyQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ProvisioningPolicyQuery = { provisioningPolicy: { mode: ProvisioningMode, defaultRole: UserRole, deactivationRemovesMemberships: boolean, reactivation: ReactivationMode, groupPushProvisionsMembers: boolean, seatLimit: number | null, allowedEmailDomains: Array<string>, sessionLifetimeSeconds: number, attributePrecedence: Array<ProvisioningSource>, version: number, groupRoleRules: Array<{ groupId: string, role: UserRole }> } };

export type SetProvisioningPolicyMutationVariables = Exact<{
  organizationId: string | number;
  input: ProvisioningPolicyInput;
}>;


export type SetProvisioningPolicyMutation = { setProvisioningPolicy: { mode: ProvisioningMode, defaultRole: UserRole, deactivationRemovesMemberships: boolean, reactivation: ReactivationMode, groupPushProvisionsMembers: boolean, seatLimit: number | null, allowedEmailDomains: Array<string>, sessionLifetimeSeconds: number, attributePrecedence: Array<ProvisioningSource>, version: number, groupRoleRules: Array<{ groupId: string, role: UserRole }> } };

export type DefinitionFieldsFragment = { id: string, name: string, displayName: string, type: CustomAttributeType, multiValued: boolean, allowedValues: Array<unknown> | null, required: boolean, version: number };

export type CustomAttributeDefinitionsQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type CustomAttributeDefinitionsQuery = { customAttributeDefinitions: Array<{ id: string, name: string, displayName: string, type: CustomAttributeType, multiValued: boolean, allowedValues: Array<unknown> | null, required: boolean, version: number }> };

export type DefineCustomAttributeMutationVariables = Exact<{
  organizationId: string | number;
  input: DefineCustomAttributeInput;
}>;


export type DefineCustomAttributeMutation = { defineCustomAttribute: { id: string, name: string, displayName: string, type: CustomAttributeType, multiValued: boolean, allowedValues: Array<unknown> | null, required: boolean, version: number } };

export type UpdateCustomAttributeMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
  input: UpdateCustomAttributeInput;
}>;


export type UpdateCustomAttributeMutation = { updateCustomAttribute: { id: string, name: string, displayName: string, type: CustomAttributeType, multiValued: boolean, allowedValues: Array<unknown> | null, required: boolean, version: number } };

export type DeleteCustomAttributeMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
}>;


export type DeleteCustomAttributeMutation = { deleteCustomAttribute: { name: string, usersChanged: number } };

export type MappingFieldsFragment = { source: MappingSource, isDefault: boolean, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> };

export type AttributeMappingsQueryVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type AttributeMappingsQuery = { attributeMappings: { source: MappingSource, isDefault: boolean, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

export type SetAttributeMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
  rules: Array<MappingRuleInput> | MappingRuleInput;
}>;


export type SetAttributeMappingsMutation = { setAttributeMappings: { source: MappingSource, isDefault: boolean, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

export type ResetAttributeMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type ResetAttributeMappingsMutation = { resetAttributeMappings: { source: MappingSource, isDefault: boolean, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

export type ProvisionedUserFragment = { id: string, userName: string, externalId: string | null, active: boolean, role: UserRole, baseRole: UserRole, title: string | null, department: string | null, displayName: string | null, customAttributes: Record<string, unknown>, attributeSources: Record<string, unknown>, provisionedBy: ProvisioningSource, version: number, deactivatedAt: string | null, lastSignInAt: string | null, name: { givenName: string | null, familyName: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }>, groups: Array<{ id: string, displayName: string }> };

export type ProvisionUserMutationVariables = Exact<{
  organizationId: string | number;
  input: ProvisionUserInput;
}>;


export type ProvisionUserMutation = { provisionUser: { created: boolean, restored: boolean, skippedFields: Array<string>, user: { id: string, userName: string, externalId: string | null, active: boolean, role: UserRole, baseRole: UserRole, title: string | null, department: string | null, displayName: string | null, customAttributes: Record<string, unknown>, attributeSources: Record<string, unknown>, provisionedBy: ProvisioningSource, version: number, deactivatedAt: string | null, lastSignInAt: string | null, name: { givenName: string | null, familyName: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }>, groups: Array<{ id: string, displayName: string }> }, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }> } };

export type SignInMutationVariables = Exact<{
  organizationId: string | number;
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { created: boolean, sessionToken: string, sessionExpiresAt: string, skippedFields: Array<string>, user: { id: string, userName: string, externalId: string | null, active: boolean, role: UserRole, baseRole: UserRole, title: string | null, department: string | null, displayName: string | null, customAttributes: Record<string, unknown>, attributeSources: Record<string, unknown>, provisionedBy: ProvisioningSource, version: number, deactivatedAt: string | null, lastSignInAt: string | null, name: { givenName: string | null, familyName: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }>, groups: Array<{ id: string, displayName: string }> }, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }> } };

export type SessionQueryVariables = Exact<{
  organizationId: string | number;
  token: string;
}>;


export type SessionQuery = { session: { expiresAt: string, user: { id: string, userName: string } } | null };

export type EndSessionMutationVariables = Exact<{
  organizationId: string | number;
  token: string;
}>;


export type EndSessionMutation = { endSession: boolean };

export type PreviewProvisioningQueryVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
  input: PreviewInput;
}>;


export type PreviewProvisioningQuery = { previewProvisioning: { user: Record<string, unknown> | null, created: boolean, skippedFields: Array<string>, refusedAttributes: Array<{ field: string, reason: string }>, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }>, error: { code: string, reason: string, message: string, field: string | null } | null } };

export type AddGroupMembersByNameMutationVariables = Exact<{
  organizationId: string | number;
  groupId: string | number;
  newMembers?: Array<NewMemberInput> | NewMemberInput | null | undefined;
}>;


export type AddGroupMembersByNameMutation = { addGroupMembers: { addedUserIds: Array<string>, group: { id: string, memberCount: number } } };

export type SamlCertificateFieldsFragment = { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string };

export type SamlConnectionFieldsFragment = { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string } };

export type SamlConnectionQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type SamlConnectionQuery = { samlConnection: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string } } };

export type ConfigureSamlConnectionMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlConnectionInput;
}>;


export type ConfigureSamlConnectionMutation = { configureSamlConnection: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string } } };

export type SamlOrganizationQueryVariables = Exact<{
  slug: string;
}>;


export type SamlOrganizationQuery = { samlOrganization: { id: string, slug: string, name: string } | null };

export type RecordSamlAuthnRequestMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlAuthnRequestInput;
}>;


export type RecordSamlAuthnRequestMutation = { recordSamlAuthnRequest: { id: string, expiresAt: string, redirectUrl: string } };

export type ConsumeSamlAssertionMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlAssertionUseInput;
}>;


export type ConsumeSamlAssertionMutation = { consumeSamlAssertion: { authnRequestId: string | null, returnTo: string | null, idpInitiated: boolean } };

export type DecryptSamlAssertionMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlEncryptedAssertionInput;
}>;


export type DecryptSamlAssertionMutation = { decryptSamlAssertion: { assertionXml: string, keyTransportAlgorithm: string, contentEncryptionAlgorithm: string } };

export type UserFieldsFragment = { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> };

export type CreateUserMutationVariables = Exact<{
  organizationId: string | number;
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> } };

export type UpdateUserMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
  input: UpdateUserInput;
  expectedVersion?: number | null | undefined;
}>;


export type UpdateUserMutation = { updateUser: { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> } };

export type DeactivateUserMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type DeactivateUserMutation = { deactivateUser: { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> } };

export type ReactivateUserMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type ReactivateUserMutation = { reactivateUser: { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> } };

export type DeleteUserMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type DeleteUserMutation = { deleteUser: string };

export type UserQueryVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type UserQuery = { user: { id: string, organizationId: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, title: string | null, department: string | null, managerId: string | null, role: UserRole, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, version: number, manager: { id: string, userName: string } | null, groups: Array<{ id: string, displayName: string }>, name: { givenName: string | null, familyName: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }> } | null };

export type UsersQueryVariables = Exact<{
  organizationId: string | number;
  filter?: UserFilter | null | undefined;
  sort?: UserSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  offset?: number | null | undefined;
}>;


export type UsersQuery = { users: { totalCount: number, nodes: Array<{ id: string, userName: string, active: boolean, department: string | null }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } };

export type UserStatsQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type UserStatsQuery = { userStats: { totalUsers: number, activeUsers: number, inactiveUsers: number, seatsUsed: number, historyCopies: number, bySource: Array<{ source: ProvisioningSource, count: number, active: number }>, byRole: Array<{ role: UserRole, count: number, active: number }> } };

export const EventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"subjectLabel"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]} as unknown as DocumentNode<EventFieldsFragment, unknown>;
export const GroupFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GroupFieldsFragment, unknown>;
export const DefinitionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DefinitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomAttributeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"allowedValues"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<DefinitionFieldsFragment, unknown>;
export const MappingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<MappingFieldsFragment, unknown>;
export const ProvisionedUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<ProvisionedUserFragment, unknown>;
export const SamlCertificateFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}}]} as unknown as DocumentNode<SamlCertificateFieldsFragment, unknown>;
export const SamlConnectionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}}]} as unknown as DocumentNode<SamlConnectionFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UserFieldsFragment, unknown>;
export const EventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SortDirection"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"subjectLabel"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const OnEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OnEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"types"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventType"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SafeInt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"Variable","name":{"kind":"Name","value":"types"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSequence"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"subjectLabel"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]} as unknown as DocumentNode<OnEventsSubscription, OnEventsSubscriptionVariables>;
export const PlatformEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"order"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SortDirection"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"order"},"value":{"kind":"Variable","name":{"kind":"Name","value":"order"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"actorType"}},{"kind":"Field","name":{"kind":"Name","value":"actorId"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"subjectLabel"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"objectId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]} as unknown as DocumentNode<PlatformEventsQuery, PlatformEventsQueryVariables>;
export const CreateGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<CreateGroupMutation, CreateGroupMutationVariables>;
export const UpdateGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UpdateGroupMutation, UpdateGroupMutationVariables>;
export const DeleteGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteGroupMutation, DeleteGroupMutationVariables>;
export const AddGroupMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddGroupMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addGroupMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"removedUserIds"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<AddGroupMembersMutation, AddGroupMembersMutationVariables>;
export const RemoveGroupMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveGroupMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeGroupMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"removedUserIds"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<RemoveGroupMembersMutation, RemoveGroupMembersMutationVariables>;
export const SetGroupMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetGroupMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setGroupMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedUserIds"}},{"kind":"Field","name":{"kind":"Name","value":"removedUserIds"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<SetGroupMembersMutation, SetGroupMembersMutationVariables>;
export const GroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Group"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GroupQuery, GroupQueryVariables>;
export const GroupsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Groups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"GroupFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Group"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<GroupsQuery, GroupsQueryVariables>;
export const CreateOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOrganizationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const CreateScimTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScimToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScimToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScimTokenMutation, CreateScimTokenMutationVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyRole"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokeCredentialMutation, RevokeCredentialMutationVariables>;
export const CredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Credentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeRevoked"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeRevoked"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeRevoked"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<CredentialsQuery, CredentialsQueryVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"credentialId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const OrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Organization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<OrganizationQuery, OrganizationQueryVariables>;
export const PlatformKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeRevoked"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platformKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeRevoked"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeRevoked"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}}]}}]}}]} as unknown as DocumentNode<PlatformKeysQuery, PlatformKeysQueryVariables>;
export const CreatePlatformKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePlatformKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPlatformKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePlatformKeyMutation, CreatePlatformKeyMutationVariables>;
export const RevokePlatformKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokePlatformKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokePlatformKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokePlatformKeyMutation, RevokePlatformKeyMutationVariables>;
export const DeleteOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmSlug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmSlug"}}}]}]}}]} as unknown as DocumentNode<DeleteOrganizationMutation, DeleteOrganizationMutationVariables>;
export const ProvisioningPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProvisioningPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisioningPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRole"}},{"kind":"Field","name":{"kind":"Name","value":"groupRoleRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deactivationRemovesMemberships"}},{"kind":"Field","name":{"kind":"Name","value":"reactivation"}},{"kind":"Field","name":{"kind":"Name","value":"groupPushProvisionsMembers"}},{"kind":"Field","name":{"kind":"Name","value":"seatLimit"}},{"kind":"Field","name":{"kind":"Name","value":"allowedEmailDomains"}},{"kind":"Field","name":{"kind":"Name","value":"sessionLifetimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"attributePrecedence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ProvisioningPolicyQuery, ProvisioningPolicyQueryVariables>;
export const SetProvisioningPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetProvisioningPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setProvisioningPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRole"}},{"kind":"Field","name":{"kind":"Name","value":"groupRoleRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deactivationRemovesMemberships"}},{"kind":"Field","name":{"kind":"Name","value":"reactivation"}},{"kind":"Field","name":{"kind":"Name","value":"groupPushProvisionsMembers"}},{"kind":"Field","name":{"kind":"Name","value":"seatLimit"}},{"kind":"Field","name":{"kind":"Name","value":"allowedEmailDomains"}},{"kind":"Field","name":{"kind":"Name","value":"sessionLifetimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"attributePrecedence"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<SetProvisioningPolicyMutation, SetProvisioningPolicyMutationVariables>;
export const CustomAttributeDefinitionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomAttributeDefinitions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customAttributeDefinitions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DefinitionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DefinitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomAttributeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"allowedValues"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<CustomAttributeDefinitionsQuery, CustomAttributeDefinitionsQueryVariables>;
export const DefineCustomAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DefineCustomAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DefineCustomAttributeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"defineCustomAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DefinitionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DefinitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomAttributeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"allowedValues"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<DefineCustomAttributeMutation, DefineCustomAttributeMutationVariables>;
export const UpdateCustomAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCustomAttributeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DefinitionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DefinitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomAttributeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"allowedValues"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UpdateCustomAttributeMutation, UpdateCustomAttributeMutationVariables>;
export const DeleteCustomAttributeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCustomAttribute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCustomAttribute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"usersChanged"}}]}}]}}]} as unknown as DocumentNode<DeleteCustomAttributeMutation, DeleteCustomAttributeMutationVariables>;
export const AttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<AttributeMappingsQuery, AttributeMappingsQueryVariables>;
export const SetAttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rules"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingRuleInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAttributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rules"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<SetAttributeMappingsMutation, SetAttributeMappingsMutationVariables>;
export const ResetAttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetAttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetAttributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<ResetAttributeMappingsMutation, ResetAttributeMappingsMutationVariables>;
export const ProvisionUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProvisionUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisionUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisionUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProvisionedUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"restored"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<ProvisionUserMutation, ProvisionUserMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProvisionedUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"sessionToken"}},{"kind":"Field","name":{"kind":"Name","value":"sessionExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}}]}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;
export const EndSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const PreviewProvisioningDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewProvisioning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewProvisioning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"refusedAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewProvisioningQuery, PreviewProvisioningQueryVariables>;
export const AddGroupMembersByNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddGroupMembersByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newMembers"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NewMemberInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addGroupMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"ListValue","values":[]}},{"kind":"Argument","name":{"kind":"Name","value":"newMembers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newMembers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedUserIds"}}]}}]}}]} as unknown as DocumentNode<AddGroupMembersByNameMutation, AddGroupMembersByNameMutationVariables>;
export const SamlConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SamlConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samlConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<SamlConnectionQuery, SamlConnectionQueryVariables>;
export const ConfigureSamlConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureSamlConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureSamlConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<ConfigureSamlConnectionMutation, ConfigureSamlConnectionMutationVariables>;
export const SamlOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SamlOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samlOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SamlOrganizationQuery, SamlOrganizationQueryVariables>;
export const RecordSamlAuthnRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordSamlAuthnRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlAuthnRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordSamlAuthnRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}}]}}]}}]} as unknown as DocumentNode<RecordSamlAuthnRequestMutation, RecordSamlAuthnRequestMutationVariables>;
export const ConsumeSamlAssertionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsumeSamlAssertion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlAssertionUseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consumeSamlAssertion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authnRequestId"}},{"kind":"Field","name":{"kind":"Name","value":"returnTo"}},{"kind":"Field","name":{"kind":"Name","value":"idpInitiated"}}]}}]}}]} as unknown as DocumentNode<ConsumeSamlAssertionMutation, ConsumeSamlAssertionMutationVariables>;
export const DecryptSamlAssertionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecryptSamlAssertion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlEncryptedAssertionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decryptSamlAssertion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assertionXml"}},{"kind":"Field","name":{"kind":"Name","value":"keyTransportAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"contentEncryptionAlgorithm"}}]}}]}}]} as unknown as DocumentNode<DecryptSamlAssertionMutation, DecryptSamlAssertionMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UpdateUserMutation, UpdateUserMutationVariables>;
export const DeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<DeactivateUserMutation, DeactivateUserMutationVariables>;
export const ReactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<ReactivateUserMutation, ReactivateUserMutationVariables>;
export const DeleteUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteUserMutation, DeleteUserMutationVariables>;
export const UserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"User"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}},{"kind":"Field","name":{"kind":"Name","value":"manager"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UserQuery, UserQueryVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"department"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const UserStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalUsers"}},{"kind":"Field","name":{"kind":"Name","value":"activeUsers"}},{"kind":"Field","name":{"kind":"Name","value":"inactiveUsers"}},{"kind":"Field","name":{"kind":"Name","value":"seatsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"historyCopies"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<UserStatsQuery, UserStatsQueryVariables>;
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who made a change. */
export type ActorType =
  /** An organization's API key (automation, dashboards). */
  | 'API_KEY'
  /** The OpenID Connect provider (sign-ins handed to a client, logouts). */
  | 'OIDC'
  /** A platform key (the operator of this service). */
  | 'PLATFORM'
  /** A SAML sign-in (first-login provisioning, sign-in records). */
  | 'SAML'
  /** An organization's SCIM token: its identity provider. */
  | 'SCIM_TOKEN'
  /** A setup link (actorId: the link's id): the customer's IT admin setting up SSO or SCIM without a key. */
  | 'SETUP_LINK'
  /** The service itself. */
  | 'SYSTEM';

/** Conditions on one address; all must hold for the same address. */
export type AddressFilter = {
  /** Conditions on the country (ignoring case). */
  country?: StringFilter | null | undefined;
  /** Conditions on the formatted address (ignoring case). */
  formatted?: StringFilter | null | undefined;
  /** Conditions on the city or locality (ignoring case). */
  locality?: StringFilter | null | undefined;
  /** Conditions on the postal code (ignoring case). */
  postalCode?: StringFilter | null | undefined;
  /** true: the address is primary; false: it is not. */
  primary?: boolean | null | undefined;
  /** Conditions on the state or region (ignoring case). */
  region?: StringFilter | null | undefined;
  /** Conditions on the street address (ignoring case). */
  streetAddress?: StringFilter | null | undefined;
  /** Conditions on the type label (ignoring case). */
  type?: StringFilter | null | undefined;
};

/** A postal address; every part at most 1024 characters after trimming. An address with no part set is dropped. */
export type AddressInput = {
  /** Country, e.g. an ISO 3166-1 alpha-2 code (stored as given). */
  country?: string | null | undefined;
  /** The full address, formatted for display. */
  formatted?: string | null | undefined;
  /** City or locality. */
  locality?: string | null | undefined;
  /** Postal or ZIP code. */
  postalCode?: string | null | undefined;
  /** The preferred address; at most one address may be primary. */
  primary?: boolean | null | undefined;
  /** State or region. */
  region?: string | null | undefined;
  /** Street, house number, and the like. */
  streetAddress?: string | null | undefined;
  /** A label such as "work" or "home", at most 64 characters. */
  type?: string | null | undefined;
};

/** ADMIN may change everything in its organization; READ_ONLY may only query. */
export type ApiKeyRole =
  /** Read, provision and manage everything in its organization (users, groups, credentials, policy, mappings, SAML). */
  | 'ADMIN'
  /** Queries and subscriptions only, except `credentials` and `session`; no mutation. */
  | 'READ_ONLY';

/** A new group. */
export type CreateGroupInput = {
  /** Name, 1-256 characters after trimming; unique (case-insensitively) within the organization. */
  displayName: string;
  /** The identity provider's id, at most 512 characters (trimmed; empty means none). */
  externalId?: string | null | undefined;
  /** Initial members: user ids of the same organization, at most 20,000 (group.members.tooMany). */
  memberIds?: Array<string | number> | null | undefined;
};

/** A new organization. */
export type CreateOrganizationInput = {
  /** Display name, 1-200 characters after trimming. */
  name: string;
  /** 1-63 lower-case letters, digits or inner hyphens; unique. */
  slug: string;
};

/** A new user. */
export type CreateUserInput = {
  /** false deactivates, true reactivates (under the policy's reactivation mode and seat limit); null or omitted keeps it. Default for a new user: true. */
  active?: boolean | null | undefined;
  /** Postal addresses, at most 50; replaces the whole list (null or [] clears it). */
  addresses?: Array<AddressInput> | null | undefined;
  /** Cost center. */
  costCenter?: string | null | undefined;
  /** Custom attribute values by reference name; merged into the existing values, null removes one. */
  customAttributes?: Record<string, unknown> | null | undefined;
  /** Department. */
  department?: string | null | undefined;
  /** Name to show for the user. */
  displayName?: string | null | undefined;
  /** Division. */
  division?: string | null | undefined;
  /** Email addresses, at most 50; replaces the whole list (null or [] clears it). */
  emails?: Array<MultiValueInput> | null | undefined;
  /** Employee number. */
  employeeNumber?: string | null | undefined;
  /** The identity provider's id, at most 512 characters, case-sensitive; unique within the organization (CONFLICT otherwise). */
  externalId?: string | null | undefined;
  /** A locale such as "en-US" or "en_US" (2-3 letters, then -/_ parts), at most 35 characters. */
  locale?: string | null | undefined;
  /** Id of another user of the same organization (not the user itself). */
  managerId?: string | number | null | undefined;
  /** Name components; null clears all of them. */
  name?: UserNameInput | null | undefined;
  /** Casual name. */
  nickName?: string | null | undefined;
  /** Company or business unit name (the enterprise extension's `organization`). */
  organizationName?: string | null | undefined;
  /** Phone numbers, at most 50; replaces the whole list (null or [] clears it). */
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  /** Preferred language, e.g. "en-US" (free text). */
  preferredLanguage?: string | null | undefined;
  /** URL of a profile page (not validated). */
  profileUrl?: string | null | undefined;
  /** Sets the base role (null or omitted keeps it; a new user gets the policy's defaultRole); group-to-role rules may raise the effective role. */
  role?: UserRole | null | undefined;
  /** An IANA time zone such as "America/Los_Angeles", at most 64 characters. */
  timezone?: string | null | undefined;
  /** Job title. */
  title?: string | null | undefined;
  /** Unique (case-insensitively) within the organization; at most 256 characters, no tabs, line breaks or invisible formatting characters. */
  userName: string;
  /** e.g. "Employee", "Contractor". */
  userType?: string | null | undefined;
};

/** What a bearer credential is for. */
export type CredentialKind =
  /** An organization's API key; its role (ADMIN or READ_ONLY) says what it may do. */
  | 'API_KEY'
  /** A platform key: acts in every organization and alone may create and delete organizations and manage platform keys. */
  | 'PLATFORM_KEY'
  /** The identity provider's SCIM token: may read and provision users, groups and memberships of its organization, not manage credentials or settings. */
  | 'SCIM_TOKEN';

/** Conditions on one custom attribute, checked against the organization's definition: a name no definition has, or a comparison its type cannot answer, is BAD_USER_INPUT (`filter.customAttribute.unknown` / `.type`). A multi-valued attribute matches when any element does. */
export type CustomAttributeFilter = {
  /** contains, startsWith and endsWith compare case-sensitively, as eq does (default: they ignore case). */
  caseSensitive?: boolean | null | undefined;
  /** STRING and DATETIME: contains this text (ignoring case unless caseSensitive). */
  contains?: string | null | undefined;
  /** STRING and DATETIME: ends with this text (ignoring case unless caseSensitive). */
  endsWith?: string | null | undefined;
  /** Equal to (exactly, case included). INTEGER and BOOLEAN attributes: a number or true/false written as text ("3", "true"). */
  eq?: string | null | undefined;
  /** Equal to this boolean. */
  equalsBoolean?: boolean | null | undefined;
  /** Equal to this number. */
  equalsNumber?: number | null | undefined;
  /** Greater than or equal to (as gt). */
  ge?: string | null | undefined;
  /** Greater than: STRING and DATETIME compare the text (ISO date-times by time), INTEGER the number written as text ("2"). */
  gt?: string | null | undefined;
  /** Number greater than. */
  gtNumber?: number | null | undefined;
  /** Equal to one of these (as eq). */
  in?: Array<string> | null | undefined;
  /** Less than or equal to (as gt). */
  le?: string | null | undefined;
  /** Less than (as gt). */
  lt?: string | null | undefined;
  /** Number less than. */
  ltNumber?: number | null | undefined;
  /** Reference name of the attribute (as defined, case included). */
  name: string;
  /** Not equal to (as eq); users without a value match. */
  ne?: string | null | undefined;
  /** true: the user has a value (a non-empty list for multi-valued attributes); false: none. */
  present?: boolean | null | undefined;
  /** STRING and DATETIME: starts with this text (ignoring case unless caseSensitive). */
  startsWith?: string | null | undefined;
};

/** Value type of a custom attribute (DATETIME values are ISO-8601, stored in UTC). */
export type CustomAttributeType =
  /** true or false (the strings "true"/"false" in any case are accepted). */
  | 'BOOLEAN'
  /** An ISO-8601 date or date-time, stored as UTC ISO text so that text order is time order. */
  | 'DATETIME'
  /** A whole number, at most 2^53 - 1 in magnitude (numeric strings are accepted). */
  | 'INTEGER'
  /** Text, at most 2048 characters (numbers and booleans are stored as their text). */
  | 'STRING';

/** Conditions on a timestamp (ISO-8601); all given conditions must hold. Absent values match no comparison. */
export type DateTimeFilter = {
  /** At exactly this time. */
  eq?: string | null | undefined;
  /** At or after this time (inclusive). */
  ge?: string | null | undefined;
  /** After this time (exclusive). */
  gt?: string | null | undefined;
  /** At or before this time (inclusive). */
  le?: string | null | undefined;
  /** Before this time (exclusive). */
  lt?: string | null | undefined;
  /** true: has a value; false: has none. */
  present?: boolean | null | undefined;
};

/** A new custom attribute. */
export type DefineCustomAttributeInput = {
  /** When given, values must be one of these (at most 500, of the attribute's type; not for BOOLEAN). Empty or null: any value. */
  allowedValues?: Array<unknown> | null | undefined;
  /** Label for people, at most 200 characters (default: the name). */
  displayName?: string | null | undefined;
  /** Users may hold a list of values (default false); cannot be changed later. */
  multiValued?: boolean | null | undefined;
  /** Reference name: a letter, then letters, digits or _, at most 64 characters; unique in the organization (CONFLICT), not a standard attribute name. */
  name: string;
  /** Every user must have a value (default false); refused while the organization has users. */
  required?: boolean | null | undefined;
  /** Value type. */
  type: CustomAttributeType;
};

/** Audit log filter; all given conditions must hold. */
export type EventFilter = {
  /** Only changes made by this credential. */
  actorId?: string | number | null | undefined;
  /** Only changes made by this kind of actor. */
  actorType?: ActorType | null | undefined;
  /** Only events with a greater sequence (exclusive). */
  afterSequence?: number | null | undefined;
  /** Only events with a smaller sequence (exclusive). */
  beforeSequence?: number | null | undefined;
  /** Subject or object is this id (a user's own events and its memberships). */
  involving?: string | number | null | undefined;
  /** Only events whose other party is this object, e.g. the memberships of a user. */
  objectId?: string | number | null | undefined;
  /** Resume after this sequence (the last one received): the events with a greater sequence, and also those numbered before it that committed after it was written (sequence numbers are taken when an event is written, transactions commit later). At-least-once, as the subscription resume: deduplicate by `sequence`. The audit export parameter afterSequence is this. */
  resumeAfterSequence?: number | null | undefined;
  /** Only events that occurred at or after this time (inclusive). */
  since?: string | null | undefined;
  /** Only events about this object (an id that is not a UUID matches nothing). */
  subjectId?: string | number | null | undefined;
  /** Only events of these types; omit for every type (an empty list is refused: filter.types.empty). */
  types?: Array<EventType> | null | undefined;
  /** Only events that occurred before this time (exclusive). */
  until?: string | null | undefined;
};

/** Kind of change recorded in the event log. */
export type EventType =
  /** A source's mapping rules were replaced or reset (data.source). */
  | 'ATTRIBUTE_MAPPINGS_CHANGED'
  /** A SCIM token, API key or platform key was created (data.kind, data.role). */
  | 'CREDENTIAL_CREATED'
  /** A SCIM token, API key or platform key was revoked (data.kind). */
  | 'CREDENTIAL_REVOKED'
  /** A custom attribute was defined. */
  | 'CUSTOM_ATTRIBUTE_DEFINED'
  /** A custom attribute was deleted with every user's value (data.usersChanged). */
  | 'CUSTOM_ATTRIBUTE_DELETED'
  /** A custom attribute definition changed. */
  | 'CUSTOM_ATTRIBUTE_UPDATED'
  /** The retention pruner deleted the organization's events older than its retention (data.throughSequence: every event numbered up to it is gone; data.olderThan, data.retentionDays, data.deleted: how many this pass). A resume from below throughSequence is refused with events.pruned. */
  | 'EVENTS_PRUNED'
  /** A group was created. */
  | 'GROUP_CREATED'
  /** A group was deleted (data.memberCount). */
  | 'GROUP_DELETED'
  /** A group's displayName or externalId changed. */
  | 'GROUP_UPDATED'
  /** A user joined a group: subject is the group, object the user. */
  | 'MEMBERSHIP_ADDED'
  /** A user left a group: subject is the group, object the user. */
  | 'MEMBERSHIP_REMOVED'
  /** An OpenID Connect client (a host application) was registered; a platform event (changes: name, redirectUris, …). */
  | 'OIDC_CLIENT_CREATED'
  /** An OpenID Connect client was deleted with its pending logout deliveries; a platform event. */
  | 'OIDC_CLIENT_DELETED'
  /** An OpenID Connect client's secret was replaced (the old one stops working at once); a platform event. */
  | 'OIDC_CLIENT_SECRET_ROTATED'
  /** An OpenID Connect client's name or URIs changed; a platform event. */
  | 'OIDC_CLIENT_UPDATED'
  /** A user's OpenID Connect sessions and tokens were ended (data.reason: logout, deactivation, deletion or sessionEnded; data.clients: the clients sent a back-channel logout). */
  | 'OIDC_LOGGED_OUT'
  /** A user was signed in to an OpenID Connect client (data.clientId, data.clientName): the hand-off of a SAML sign-in to a host application. */
  | 'OIDC_SIGNED_IN'
  /** The OpenID Connect signing keys were rotated (data.current, data.next, data.retired: key ids); a platform event. Also written when SECRETS_KEY opened neither CURRENT nor NEXT and they were replaced (data.unreadable: their key ids, both now RETIRED). */
  | 'OIDC_SIGNING_KEYS_ROTATED'
  /** An organization was created (changes: name, slug). */
  | 'ORGANIZATION_CREATED'
  /** An organization was deleted with everything it owns; a platform event (organizationId null), data: name, slug, users, groups. */
  | 'ORGANIZATION_DELETED'
  /** An email domain was claimed for the organization (not yet verified). */
  | 'ORGANIZATION_DOMAIN_ADDED'
  /** An email domain was removed from the organization. */
  | 'ORGANIZATION_DOMAIN_REMOVED'
  /** An organization's email domain was recorded as verified by the platform operator. */
  | 'ORGANIZATION_DOMAIN_VERIFIED'
  /** An organization's name or slug changed. */
  | 'ORGANIZATION_UPDATED'
  /** The provisioning policy changed (changes lists each field). */
  | 'POLICY_CHANGED'
  /** A certificate of the SAML connection expires within 30, 7 or 1 days (data.thresholdDays; once per threshold and certificate): data.usage (IDP, SP, SP_NEXT, SP_PREVIOUS), data.fingerprintSha256, data.notAfter, data.daysLeft. */
  | 'SAML_CERTIFICATE_EXPIRING'
  /** The SAML connection was created or changed (certificates appear by fingerprint, never the SP key). */
  | 'SAML_CONNECTION_CONFIGURED'
  /** A fetch of the SAML connection's idpMetadataUrl changed what it trusts (entity ID, SSO URL or signing certificates, by fingerprint in changes; data.addedCertificates, data.removedCertificates). */
  | 'SAML_METADATA_REFRESHED'
  /** A fetch of the SAML connection's idpMetadataUrl failed; the last good metadata stays in use (data.reason, data.message, data.url). */
  | 'SAML_METADATA_REFRESH_FAILED'
  /** The staged SP key pair became the active one; the one before still decrypts until it is retired (data.certificate, data.previousCertificate). */
  | 'SAML_SP_KEY_ACTIVATED'
  /** The previous SP key pair was retired: assertions encrypted to it are refused from now on (data.certificate). */
  | 'SAML_SP_KEY_RETIRED'
  /** A next SP key pair was staged: published in SP metadata, able to decrypt, not yet signing (data.certificate fingerprint). */
  | 'SAML_SP_KEY_STAGED'
  /** A test sign-in of the SAML connection was started (data.testSignInId, data.dryRun). */
  | 'SAML_TEST_SIGN_IN_STARTED'
  /** A user's sign-in sessions ended before they expired: data.reason is logout (endSession, POST /auth/logout, /saml/{org}/logout), samlLogout (the IdP's SAML LogoutRequest) or deactivation, data.sessions how many. */
  | 'SESSION_REVOKED'
  /** A setup link was created (data.scopes, data.expiresAt; never its secret). */
  | 'SETUP_LINK_CREATED'
  /** A setup link was revoked before it expired. */
  | 'SETUP_LINK_REVOKED'
  /** A user was created (by the API, SCIM, a first SAML sign-in, a group push, or as the history copy of a NEW_USER reactivation: data.historyOf). */
  | 'USER_CREATED'
  /** A user was deactivated (active became false). */
  | 'USER_DEACTIVATED'
  /** A user was deleted (data.groupIds: the groups it left). */
  | 'USER_DELETED'
  /** A deactivated user became active again. */
  | 'USER_REACTIVATED'
  /** A user signed in with SAML (data.firstLogin, data.sessionId). */
  | 'USER_SIGNED_IN'
  /** A user's attributes or role changed (changes lists each field). */
  | 'USER_UPDATED'
  /** A webhook endpoint was created (data: url, eventTypes; never its secret); a platform event for a platform endpoint. */
  | 'WEBHOOK_ENDPOINT_CREATED'
  /** A webhook endpoint was deleted with its deliveries (data.url). */
  | 'WEBHOOK_ENDPOINT_DELETED'
  /** The service disabled a webhook endpoint whose delivery kept failing for the whole retry schedule (data.reason, data.deliveryId). */
  | 'WEBHOOK_ENDPOINT_DISABLED'
  /** A webhook endpoint's url, event types or enabled state changed (changes lists each field). */
  | 'WEBHOOK_ENDPOINT_UPDATED'
  /** A webhook endpoint's signing secret was replaced; data.previousSecretExpiresAt: until when the old one also signs. */
  | 'WEBHOOK_SECRET_ROTATED';

/** A group filter; combine with and / or / not. */
export type GroupFilter = {
  /** Every one of these filters must match (a filter has at most 200 conditions, nested at most 12 deep). */
  and?: Array<GroupFilter> | null | undefined;
  /** Conditions on the creation time. */
  createdAt?: DateTimeFilter | null | undefined;
  /** Case-insensitive. */
  displayName?: StringFilter | null | undefined;
  /** Case-sensitive. */
  externalId?: StringFilter | null | undefined;
  /** Conditions on the group id. */
  id?: IdFilter | null | undefined;
  /** Groups having this user as a member. */
  memberId?: string | number | null | undefined;
  /** This filter must not match. */
  not?: GroupFilter | null | undefined;
  /** At least one of these filters must match (an empty list matches nothing). */
  or?: Array<GroupFilter> | null | undefined;
  /** Conditions on the time of the last change. */
  updatedAt?: DateTimeFilter | null | undefined;
};

/** Members of the group get at least the role. */
export type GroupRoleRuleInput = {
  /** A group of the organization. */
  groupId: string | number;
  /** The role its members get at least. */
  role: UserRole;
};

/** Match by id. An id that is not a UUID matches nothing. */
export type IdFilter = {
  /** Exactly this id. */
  eq?: string | number | null | undefined;
  /** One of these ids (an empty list matches nothing). */
  in?: Array<string | number> | null | undefined;
};

/** An identity provider this service knows by name (docs/IDP-GUIDES.md): its setup steps, the SAML attribute names it sends by default, and the SCIM requests it makes. A SAML connection records one; its default SAML mappings follow it. */
export type IdentityProviderKind =
  /** Microsoft Entra ID (formerly Azure Active Directory): claims named by URI. */
  | 'ENTRA_ID'
  /** Any SAML 2.0 identity provider and SCIM 2.0 client. The default of a connection; its SAML defaults read Okta's and Entra ID's names both. */
  | 'GENERIC'
  /** Google Workspace: SAML only (Google's automatic provisioning does not reach custom apps over SCIM). */
  | 'GOOGLE_WORKSPACE'
  /** JumpCloud. */
  | 'JUMPCLOUD'
  /** Okta (Workforce Identity Cloud). */
  | 'OKTA'
  /** OneLogin. */
  | 'ONELOGIN'
  /** PingOne, and PingFederate with the same values. */
  | 'PING';

/** Conditions on a user's manager. */
export type ManagerFilter = {
  /** The manager is this user (an id that is not a UUID matches nothing). */
  eq?: string | number | null | undefined;
  /** true: has a manager; false: has none. */
  present?: boolean | null | undefined;
};

/** A mapping rule: source attribute → target, through transforms. */
export type MappingRuleInput = {
  /** Source attribute name, 1-512 characters (matched exactly first, then ignoring case). */
  source: string;
  /** A user attribute (givenName, title, department, emails, email, managerId, role, …), custom:<defined name>, and for SAML also userName or groups. */
  target: string;
  /** Steps applied in order, at most 10 (default none). */
  transforms?: Array<TransformInput> | null | undefined;
};

/** A source of attributes that mapping rules translate. */
export type MappingSource =
  /** SAML assertion attributes, by attribute Name. */
  | 'SAML'
  /** SCIM user resources, by flattened attribute path (name.givenName, emails, enterprise URN paths). */
  | 'SCIM';

/** Conditions on one element of a multi-valued attribute; all must hold for the same element. */
export type MultiValueFilter = {
  /** Conditions on the display form (ignoring case). */
  display?: StringFilter | null | undefined;
  /** true: the element is primary; false: it is not. */
  primary?: boolean | null | undefined;
  /** Conditions on the type label (ignoring case). */
  type?: StringFilter | null | undefined;
  /** Conditions on the value (ignoring case). */
  value?: StringFilter | null | undefined;
};

/** One value of a multi-valued attribute. */
export type MultiValueInput = {
  /** A human-readable form of the value. */
  display?: string | null | undefined;
  /** The preferred value; at most one value of the list may be primary. */
  primary?: boolean | null | undefined;
  /** A label such as "work" or "home", at most 64 characters. */
  type?: string | null | undefined;
  /** The value, at most 1024 characters after trimming; emails must look like name@domain. */
  value: string;
};

/** A member named by userName (group push); created when missing if the policy lets group push provision members. */
export type NewMemberInput = {
  /** displayName of a user created for this entry; ignored when the user exists. */
  displayName?: string | null | undefined;
  /** The userName to match (ignoring case) or, when missing and allowed, to create. */
  userName: string;
};

/** What to preview: SCIM fields (userId/userName/externalId/active) or a SAML subject, plus raw attributes. */
export type PreviewInput = {
  /** SCIM: the active state to write. */
  active?: boolean | null | undefined;
  /** Raw source attributes, as for provisionUser (SCIM) or signIn (SAML). */
  attributes: Record<string, unknown>;
  /** SCIM: the identity provider's id. */
  externalId?: string | null | undefined;
  /** SAML NameID. */
  subject?: string | null | undefined;
  /** SCIM: preview an update of this user; omit to preview a create. */
  userId?: string | number | null | undefined;
  /** SCIM: the userName; SAML: used as the subject when `subject` is omitted. */
  userName?: string | null | undefined;
};

/** A user described by a source: identity fields plus raw attributes for the mappings. */
export type ProvisionUserInput = {
  /** false deactivates, true reactivates; null or omitted keeps the state (a new user is active). */
  active?: boolean | null | undefined;
  /** Raw source attributes, e.g. {"name.givenName": "Ada", "emails": [{"value": "…", "type": "work"}]}. */
  attributes: Record<string, unknown>;
  /** With userId: the user's `version` as the caller last saw it; if it changed since, PRECONDITION_FAILED (user.version.mismatch) and nothing is written. */
  expectedVersion?: number | null | undefined;
  /** The identity provider's id; null clears it, omitted keeps it. */
  externalId?: string | null | undefined;
  /** The attributes are a change (SCIM PATCH), not the complete user: only attributes present are written. */
  partial?: boolean | null | undefined;
  /** Whose mappings to apply (and the source recorded for the written fields); required for API and platform keys, implied for SCIM tokens (another value is refused). */
  source?: MappingSource | null | undefined;
  /** Update this user; omit to create. */
  userId?: string | number | null | undefined;
  /** The userName (required to create; on update, omitted keeps it). */
  userName?: string | null | undefined;
};

/** SCIM: only the IdP creates users (unknown users cannot sign in). FIRST_LOGIN: users are created at their first SAML sign-in (SCIM may update and deactivate, not create). SCIM_AND_FIRST_LOGIN: both. */
export type ProvisioningMode =
  /** Users are created at their first SAML sign-in; SCIM may update and deactivate them but not create (FORBIDDEN policy.mode.scimCreateDisabled). */
  | 'FIRST_LOGIN'
  /** Only SCIM creates users; a SAML sign-in of an unknown user is refused (FORBIDDEN signIn.unknownUser). */
  | 'SCIM'
  /** Both SCIM and a first SAML sign-in create users (the default). */
  | 'SCIM_AND_FIRST_LOGIN';

/** Policy changes: omitted fields are kept. seatLimit: null removes the limit; null in any other field is refused (BAD_USER_INPUT). */
export type ProvisioningPolicyInput = {
  /** Replaces the allowed domains, e.g. example.com (a leading @ is dropped, case ignored), at most 100; [] allows any. */
  allowedEmailDomains?: Array<string> | null | undefined;
  /** Sources from most to least authoritative; must name each of SCIM, SAML and API exactly once. */
  attributePrecedence?: Array<ProvisioningSource> | null | undefined;
  /** Deactivation also removes the user from every group. */
  deactivationRemovesMemberships?: boolean | null | undefined;
  /** Base role of newly provisioned users (existing users keep theirs). */
  defaultRole?: UserRole | null | undefined;
  /** A group push may create the members that are not users yet. */
  groupPushProvisionsMembers?: boolean | null | undefined;
  /** Replaces the group-to-role rules (at most 100, groups of this organization); every user's effective role is recomputed. */
  groupRoleRules?: Array<GroupRoleRuleInput> | null | undefined;
  /** Who may create users. */
  mode?: ProvisioningMode | null | undefined;
  /** What reactivating a deactivated user does. */
  reactivation?: ReactivationMode | null | undefined;
  /** Maximum active users, 0 to 100,000,000; null removes the limit. Below the current active users: CONFLICT (policy.seatLimit.belowUsage). */
  seatLimit?: number | null | undefined;
  /** Session lifetime in seconds, 300 to 2,592,000 (30 days); applies to sessions opened afterwards. */
  sessionLifetimeSeconds?: number | null | undefined;
};

/** How a user came to exist: SCIM push from the identity provider, first SAML sign-in, or the API. */
export type ProvisioningSource =
  /** Created through this API with an API key or platform key (createUser, createGroup/addGroupMembers). */
  | 'API'
  /** Created at a first SAML sign-in, or by `provisionUser` with source SAML. */
  | 'SAML'
  /** Provisioned over SCIM: by a SCIM token, or by `provisionUser` with source SCIM. */
  | 'SCIM';

/** Conditions on the provisioning source. */
export type ProvisioningSourceFilter = {
  /** Provisioned by this source. */
  eq?: ProvisioningSource | null | undefined;
  /** Provisioned by one of these sources (an empty list matches nothing). */
  in?: Array<ProvisioningSource> | null | undefined;
};

/** RESTORE: the same user comes back (id, memberships, role). NEW_USER: the user starts afresh under the same id (no memberships, default role); its old record is kept as a deactivated history copy. */
export type ReactivationMode =
  /** The user starts afresh under the same id (no memberships, default role); the old record is kept as a deactivated history copy (`historyCopy: true`). */
  | 'NEW_USER'
  /** The same user comes back with its id, attributes and role, and the memberships deactivation left it (the default). */
  | 'RESTORE';

/** Conditions on a role. */
export type RoleFilter = {
  /** The effective role is this one. */
  eq?: UserRole | null | undefined;
  /** The effective role is one of these (an empty list matches nothing). */
  in?: Array<UserRole> | null | undefined;
};

/** RULE: the organization's own rule; DEFAULT: a built-in default rule; IMPLICIT: a custom attribute read from the source attribute of its own name. */
export type RuleOrigin =
  /** A built-in default rule (no rule of the organization names its target, and the organization has not disabled it). */
  | 'DEFAULT'
  /** A defined custom attribute that no rule targets, read from the source attribute of its own name. */
  | 'IMPLICIT'
  /** One of the organization's own rules. */
  | 'RULE';

/** A validated assertion about to be used for sign-in (in-process use only). */
export type SamlAssertionUseInput = {
  /** The assertion's ID, 1-256 characters; a second use is refused (CONFLICT saml.assertion.replayed). */
  assertionId: string;
  /** The browser binding cookie's secret sent with the response, if any. */
  browserBinding?: string | null | undefined;
  /** Null for an IdP-initiated response. */
  inResponseTo?: string | null | undefined;
  /** The assertion's NotOnOrAfter: its ID is remembered until then (plus the clock skew). */
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
  /** The secret of the test sign-in this login starts (`startSamlTestSignIn`), if any. */
  testSignIn?: string | null | undefined;
};

/** What a certificate of a SAML connection is for. */
export type SamlCertificateUsage =
  /** One of the IdP's trusted signing certificates. */
  | 'IDP'
  /** The active SP certificate (signs AuthnRequests, decrypts assertions). */
  | 'SP'
  /** The staged next SP certificate of a key rollover (published, decrypts, does not sign yet). */
  | 'SP_NEXT'
  /** The SP certificate before the last activation (decrypts until it is retired). */
  | 'SP_PREVIOUS';

/** How close the soonest certificate expiry of a SAML connection is (SAML_CERTIFICATE_EXPIRING events are raised at the same thresholds). */
export type SamlCertificateWarning =
  /** A certificate has expired. */
  | 'EXPIRED'
  /** No certificate expires within 30 days (or there is none). */
  | 'NONE'
  /** A certificate expires within a day. */
  | 'WITHIN_1_DAY'
  /** A certificate expires within 7 days. */
  | 'WITHIN_7_DAYS'
  /** A certificate expires within 30 days. */
  | 'WITHIN_30_DAYS';

/** SAML connection settings. Omitted fields are kept. The first configuration needs the IdP entity ID, SSO URL and at least one certificate, given as fields or imported with idpMetadataXml; explicit fields override what the metadata says. */
export type SamlConnectionInput = {
  /** Accept IdP-initiated (unsolicited) sign-ins. */
  allowIdpInitiated?: boolean | null | undefined;
  /** Host names (optionally with :port), e.g. app.example.com; at most 100; replaces the list. */
  allowedRedirectHosts?: Array<string> | null | undefined;
  /** Allowed clock difference in seconds, 0 to 600. */
  clockSkewSeconds?: number | null | undefined;
  /** A path on this service (/app) or an https URL; null clears it. */
  defaultRedirectUrl?: string | null | undefined;
  /** PEM or base64 certificates, 1 to 10; replaces the list (give old and new together during a rotation). */
  idpCertificates?: Array<string> | null | undefined;
  /** The IdP's entityID (Issuer), at most 1024 characters. */
  idpEntityId?: string | null | undefined;
  /** An https URL of the IdP's metadata, fetched now (instead of idpMetadataXml) and then periodically, so that a signing certificate rollover at the IdP needs no change here; loopback, link-local and private addresses are refused unless the operator allows them. At most 2048 characters; null stops fetching (the imported values stay). */
  idpMetadataUrl?: string | null | undefined;
  /** The IdP's metadata XML (Okta: Sign On → Identity Provider metadata). Imports entity ID, SSO URL and signing certificates; it replaces a metadata URL, which is no longer fetched (idpMetadataUrl becomes null). */
  idpMetadataXml?: string | null | undefined;
  /** The binding of idpSloUrl: urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect (the default) or urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST. */
  idpSloBinding?: string | null | undefined;
  /** The IdP's Single Logout URL: https (http only for localhost), at most 2048 characters; overrides the metadata's. null clears it (logout is then local only). */
  idpSloUrl?: string | null | undefined;
  /** The IdP SSO URL: https (http only for localhost), at most 2048 characters. */
  idpSsoUrl?: string | null | undefined;
  /** Keep group memberships when an assertion has no groups attribute (default false: no attribute means no groups). Only for an identity provider that never sends one. */
  keepGroupsWhenAttributeAbsent?: boolean | null | undefined;
  /** NameID format URI to request, at most 512 characters (default urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress). */
  nameIdFormat?: string | null | undefined;
  /** The identity provider this connection is for; the default SAML mappings follow it (custom rules and disabled defaults are kept). Omitted: kept (GENERIC on a new connection). */
  profile?: IdentityProviderKind | null | undefined;
  /** Requires an SP key pair. */
  signAuthnRequests?: boolean | null | undefined;
  /** The SP certificate (PEM) of spPrivateKeyPem. */
  spCertificatePem?: string | null | undefined;
  /** SP private key (RSA ≥ 2048, unencrypted PEM), together with spCertificatePem; null clears the pair. Signs AuthnRequests and decrypts assertions. Write-only. */
  spPrivateKeyPem?: string | null | undefined;
  /** Require encrypted assertions. Requires an SP key pair. */
  wantAssertionsEncrypted?: boolean | null | undefined;
  /** Require signed assertions; at least one of this and wantResponseSigned must stay true. */
  wantAssertionsSigned?: boolean | null | undefined;
  /** Require signed responses; at least one of this and wantAssertionsSigned must stay true. */
  wantResponseSigned?: boolean | null | undefined;
};

/** An encrypted assertion from a SAML response (in-process use only). */
export type SamlEncryptedAssertionInput = {
  /** The saml:EncryptedAssertion element as XML. */
  encryptedAssertionXml: string;
};

/** A next SP key pair for a key rollover (stageSamlServiceProviderKey). */
export type SamlServiceProviderKeyInput = {
  /** Its certificate (PEM), as the IdP will see it in SP metadata. */
  certificatePem: string;
  /** The private key: RSA of at least 2048 bits, unencrypted PEM, at most 20,000 characters. Write-only; stored sealed. */
  privateKeyPem: string;
};

/** A validated LogoutRequest from the organization's IdP (in-process use only). */
export type SamlSessionsEndInput = {
  /** Until when the ID is remembered (its NotOnOrAfter, or IssueInstant plus the accepted age). */
  expiresAt: string;
  /** The NameID the request names. */
  nameId: string;
  /** The request's ID, 1-256 characters; a second use is refused (CONFLICT saml.logoutRequest.replayed). */
  requestId: string;
  /** The SessionIndex values it names (at most 20); none: every session of the NameID. */
  sessionIndexes?: Array<string> | null | undefined;
};

/** Which of this service's own values a setup value is (so a console can offer a copy button). */
export type SetupValueKey =
  /** The organization's Assertion Consumer Service URL (samlConnection.serviceProvider.acsUrl). */
  | 'ACS_URL'
  /** A regular expression matching exactly the ACS URL (OneLogin asks for one). */
  | 'ACS_URL_PATTERN'
  /** The SCIM 2.0 base URL (PUBLIC_URL + /scim/v2; the same for every organization: the token names it). */
  | 'SCIM_BASE_URL'
  /** A SCIM token of the organization: always a placeholder, as tokens are shown only when created (createScimToken). */
  | 'SCIM_TOKEN'
  /** The SP entity ID, the audience of assertions (samlConnection.serviceProvider.entityId). */
  | 'SP_ENTITY_ID'
  /** Where an SP-initiated sign-in starts (samlConnection.serviceProvider.loginUrl). */
  | 'SP_LOGIN_URL'
  /** The SP metadata URL (samlConnection.serviceProvider.metadataUrl). */
  | 'SP_METADATA_URL';

/** A validated SAML assertion to sign in with (in-process use by the SAML adapter). */
export type SignInInput = {
  /** Assertion attributes by Name (values as lists). */
  attributes: Record<string, unknown>;
  /** The assertion's AuthnContextClassRef (how the IdP authenticated the person), kept with the session: OpenID Connect `acr` and `amr`. */
  authnContextClassRef?: string | null | undefined;
  /** The IdP's SessionIndex, kept with the session. */
  sessionIndex?: string | null | undefined;
  /** The SAML NameID; the user is found by the mapped userName or, without one, by this (ignoring case). */
  subject: string;
};

/** Ascending or descending. */
export type SortDirection =
  /** Ascending: smallest, oldest or missing values first. */
  | 'ASC'
  /** Descending: largest or newest first, missing values last. */
  | 'DESC';

/** Conditions on a text attribute; all given conditions must hold. Comparisons ignore case (both sides lower-cased) except on externalId. Order comparisons (gt, ge, lt, le) use byte order for userName and group displayName, the database collation otherwise. */
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
  /** Equal to one of (at most 1000 values; an empty list matches nothing). */
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
  /** A source's attribute mappings (subjectId: the organization id). */
  | 'ATTRIBUTE_MAPPING'
  /** A SCIM token, API key or platform key (subjectId: its id). */
  | 'CREDENTIAL'
  /** A custom attribute definition (subjectId: its id). */
  | 'CUSTOM_ATTRIBUTE'
  /** A group (subjectId: its id). */
  | 'GROUP'
  /** An OpenID Connect client, a host application (subjectId: its id, the client_id). */
  | 'OIDC_CLIENT'
  /** An organization (subjectId: its id). */
  | 'ORGANIZATION'
  /** An organization's email domain (subjectId: its id). */
  | 'ORGANIZATION_DOMAIN'
  /** The organization's provisioning policy (subjectId: the organization id). */
  | 'POLICY'
  /** The organization's SAML connection (subjectId: the organization id). */
  | 'SAML_CONNECTION'
  /** A setup link (subjectId: its id). */
  | 'SETUP_LINK'
  /** A user (subjectId or objectId: its id). */
  | 'USER'
  /** A webhook endpoint (subjectId: its id). */
  | 'WEBHOOK_ENDPOINT';

/** One transform step; give the fields its kind needs. */
export type TransformInput = {
  /** LOOKUP: drop values missing from the table (default false: keep them). */
  dropUnmatched?: boolean | null | undefined;
  /** REGEX_EXTRACT: the capture group to keep, 0-9 (default 1; 0 is the whole match). */
  group?: number | null | undefined;
  /** What the step does. */
  kind: TransformKind;
  /** REGEX_EXTRACT: a JavaScript regular expression (unicode mode), 1-200 characters, without backreferences or nested repetition. */
  pattern?: string | null | undefined;
  /** SPLIT / JOIN: the separator, 1-10 characters (required for them). */
  separator?: string | null | undefined;
  /** LOOKUP: source value → target value, 1-5000 entries with string values. */
  table?: Record<string, unknown> | null | undefined;
  /** DEFAULT: the value to use when the source yields nothing (required for it). */
  value?: string | null | undefined;
};

/** A step applied to a source value before it reaches its target. */
export type TransformKind =
  /** Uses `value` when the source yields nothing (absent or empty). */
  | 'DEFAULT'
  /** Joins the values (empty ones dropped) with `separator` into one. */
  | 'JOIN'
  /** Replaces each value by its entry in `table` (exact key first, then ignoring case); unmatched values are kept, or dropped with dropUnmatched. */
  | 'LOOKUP'
  /** Lower-cases. */
  | 'LOWER'
  /** Keeps the capture `group` of the first match of `pattern`; values that do not match are dropped. */
  | 'REGEX_EXTRACT'
  /** Splits each value at `separator` into several (parts trimmed, empty parts dropped). */
  | 'SPLIT'
  /** Removes leading and trailing white space. */
  | 'TRIM'
  /** Upper-cases. */
  | 'UPPER';

/** Changes to a definition; omitted fields are kept. The type can change only while no user has a value. */
export type UpdateCustomAttributeInput = {
  /** Replaces the allowed values (at most 500); null or [] removes the list. Refused (CONFLICT) when users hold a value outside the new list. */
  allowedValues?: Array<unknown> | null | undefined;
  /** New label, at most 200 characters; null or omitted keeps it, empty resets it to the name. */
  displayName?: string | null | undefined;
  /** Make the attribute required or optional; required is refused (CONFLICT) while a user has no value. */
  required?: boolean | null | undefined;
  /** New type; refused (CONFLICT) while any user has a value. */
  type?: CustomAttributeType | null | undefined;
};

/** Changes to a group; omitted fields are kept. */
export type UpdateGroupInput = {
  /** New name, 1-256 characters; omitted or null keeps the current one. */
  displayName?: string | null | undefined;
  /** New externalId, at most 512 characters; null (or empty) clears it. */
  externalId?: string | null | undefined;
};

/** Changes to a user: omitted fields are kept, null clears a field. */
export type UpdateUserInput = {
  /** false deactivates, true reactivates (under the policy's reactivation mode and seat limit); null or omitted keeps it. Default for a new user: true. */
  active?: boolean | null | undefined;
  /** Postal addresses, at most 50; replaces the whole list (null or [] clears it). */
  addresses?: Array<AddressInput> | null | undefined;
  /** Cost center. */
  costCenter?: string | null | undefined;
  /** Custom attribute values by reference name; merged into the existing values, null removes one. */
  customAttributes?: Record<string, unknown> | null | undefined;
  /** Department. */
  department?: string | null | undefined;
  /** Name to show for the user. */
  displayName?: string | null | undefined;
  /** Division. */
  division?: string | null | undefined;
  /** Email addresses, at most 50; replaces the whole list (null or [] clears it). */
  emails?: Array<MultiValueInput> | null | undefined;
  /** Employee number. */
  employeeNumber?: string | null | undefined;
  /** The identity provider's id, at most 512 characters, case-sensitive; unique within the organization (CONFLICT otherwise). */
  externalId?: string | null | undefined;
  /** A locale such as "en-US" or "en_US" (2-3 letters, then -/_ parts), at most 35 characters. */
  locale?: string | null | undefined;
  /** Id of another user of the same organization (not the user itself). */
  managerId?: string | number | null | undefined;
  /** Name components; null clears all of them. */
  name?: UserNameInput | null | undefined;
  /** Casual name. */
  nickName?: string | null | undefined;
  /** Company or business unit name (the enterprise extension's `organization`). */
  organizationName?: string | null | undefined;
  /** Phone numbers, at most 50; replaces the whole list (null or [] clears it). */
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  /** Preferred language, e.g. "en-US" (free text). */
  preferredLanguage?: string | null | undefined;
  /** URL of a profile page (not validated). */
  profileUrl?: string | null | undefined;
  /** Sets the base role (null or omitted keeps it; a new user gets the policy's defaultRole); group-to-role rules may raise the effective role. */
  role?: UserRole | null | undefined;
  /** An IANA time zone such as "America/Los_Angeles", at most 64 characters. */
  timezone?: string | null | undefined;
  /** Job title. */
  title?: string | null | undefined;
  /** New userName, unique (case-insensitively) within the organization; it cannot be cleared (null is refused). */
  userName?: string | null | undefined;
  /** e.g. "Employee", "Contractor". */
  userType?: string | null | undefined;
};

/** A user filter. All conditions given on one object must hold; combine objects with and / or / not. */
export type UserFilter = {
  /** true: active users only; false: deactivated users only. */
  active?: boolean | null | undefined;
  /** Some address satisfies all these conditions at once. */
  addresses?: AddressFilter | null | undefined;
  /** Every one of these filters must match (a filter has at most 200 conditions, nested at most 12 deep). */
  and?: Array<UserFilter> | null | undefined;
  /** Conditions on costCenter, ignoring case. */
  costCenter?: StringFilter | null | undefined;
  /** Conditions on the creation time. */
  createdAt?: DateTimeFilter | null | undefined;
  /** Conditions on custom attributes; every one must hold. */
  customAttributes?: Array<CustomAttributeFilter> | null | undefined;
  /** Conditions on the deactivation time (absent while active). */
  deactivatedAt?: DateTimeFilter | null | undefined;
  /** Conditions on department, ignoring case. */
  department?: StringFilter | null | undefined;
  /** Conditions on displayName, ignoring case. */
  displayName?: StringFilter | null | undefined;
  /** Conditions on division, ignoring case. */
  division?: StringFilter | null | undefined;
  /** Any of the email addresses, ignoring case (eq/ne/in on the whole address; ne also matches users without email). */
  email?: StringFilter | null | undefined;
  /** Some email element satisfies all these conditions at once (e.g. type work and value ending in @acme.example). */
  emails?: MultiValueFilter | null | undefined;
  /** Conditions on employeeNumber, ignoring case. */
  employeeNumber?: StringFilter | null | undefined;
  /** Case-sensitive. */
  externalId?: StringFilter | null | undefined;
  /** Conditions on name.familyName, ignoring case. */
  familyName?: StringFilter | null | undefined;
  /** Conditions on name.formatted, ignoring case. */
  formattedName?: StringFilter | null | undefined;
  /** Conditions on name.givenName, ignoring case. */
  givenName?: StringFilter | null | undefined;
  /** Member of this group (an id that is not a UUID matches nothing). */
  groupId?: string | number | null | undefined;
  /** true: only the history copies that reactivation as a new user (policy `reactivation: NEW_USER`) keeps; false: none of them. SCIM lists leave them out. */
  historyCopy?: boolean | null | undefined;
  /** Conditions on name.honorificPrefix, ignoring case. */
  honorificPrefix?: StringFilter | null | undefined;
  /** Conditions on name.honorificSuffix, ignoring case. */
  honorificSuffix?: StringFilter | null | undefined;
  /** Conditions on the user id. */
  id?: IdFilter | null | undefined;
  /** Time of the last SAML sign-in (null for users who never signed in). */
  lastSignInAt?: DateTimeFilter | null | undefined;
  /** Conditions on locale, ignoring case. */
  locale?: StringFilter | null | undefined;
  /** Conditions on the user's manager. */
  managerId?: ManagerFilter | null | undefined;
  /** Conditions on name.middleName, ignoring case. */
  middleName?: StringFilter | null | undefined;
  /** Conditions on nickName, ignoring case. */
  nickName?: StringFilter | null | undefined;
  /** This filter must not match. */
  not?: UserFilter | null | undefined;
  /** At least one of these filters must match (an empty list matches nothing). */
  or?: Array<UserFilter> | null | undefined;
  /** Conditions on organizationName, ignoring case. */
  organizationName?: StringFilter | null | undefined;
  /** Some phone number satisfies all these conditions at once. */
  phoneNumbers?: MultiValueFilter | null | undefined;
  /** Conditions on preferredLanguage, ignoring case. */
  preferredLanguage?: StringFilter | null | undefined;
  /** Conditions on profileUrl, ignoring case. */
  profileUrl?: StringFilter | null | undefined;
  /** Conditions on how the user was provisioned. */
  provisionedBy?: ProvisioningSourceFilter | null | undefined;
  /** Conditions on the effective role. */
  role?: RoleFilter | null | undefined;
  /** Conditions on timezone, ignoring case. */
  timezone?: StringFilter | null | undefined;
  /** Conditions on title, ignoring case. */
  title?: StringFilter | null | undefined;
  /** Conditions on the time of the last change. */
  updatedAt?: DateTimeFilter | null | undefined;
  /** Case-insensitive; order comparisons in byte order (collate "C"). */
  userName?: StringFilter | null | undefined;
  /** Conditions on userType, ignoring case. */
  userType?: StringFilter | null | undefined;
};

/** Name components; in an update, an omitted component is kept and null clears it. */
export type UserNameInput = {
  /** Family name. */
  familyName?: string | null | undefined;
  /** The full name, formatted for display. */
  formatted?: string | null | undefined;
  /** Given name. */
  givenName?: string | null | undefined;
  /** Honorific prefix, e.g. "Ms." */
  honorificPrefix?: string | null | undefined;
  /** Honorific suffix, e.g. "III". */
  honorificSuffix?: string | null | undefined;
  /** Middle name(s). */
  middleName?: string | null | undefined;
};

/** Role of a user in its organization, from least to most privileged: VIEWER < MEMBER < EDITOR < ADMIN. */
export type UserRole =
  /** Most privileged. */
  | 'ADMIN'
  /** Above MEMBER, below ADMIN. */
  | 'EDITOR'
  /** The default role of new users (unless the policy sets another `defaultRole`). */
  | 'MEMBER'
  /** Least privileged. */
  | 'VIEWER';

/** Sort order of users. Ties are broken by id. Keyset paging is stable under concurrent writes when sorting by an immutable key (CREATED_AT); by a key that changes (UPDATED_AT, DEPARTMENT, a name, …) a user that moved while you page can be returned twice or skipped. */
export type UserSort = {
  /** With field CUSTOM_ATTRIBUTE: the attribute to sort by. */
  customAttribute?: string | null | undefined;
  /** ASC (default): missing values first; DESC: missing values last. */
  direction?: SortDirection | null | undefined;
  /** The sort key; CREATED_AT (the default when no sort is given) keeps paging stable under concurrent writes. */
  field: UserSortField;
};

/** Sort keys for users. CREATED_AT (default) and USER_NAME are index-backed at any size; the others sort the filtered set. Ties are broken by id. Paging is stable under concurrent writes only by a key that never changes (CREATED_AT); by a key that can change (UPDATED_AT, a name, DEPARTMENT, …) a user changed while you page can appear twice or be skipped. A missing value sorts as the empty string: first in ASC, last in DESC. */
export type UserSortField =
  /** Creation time (the default). Immutable, so keyset paging by it is stable under concurrent writes. */
  | 'CREATED_AT'
  /** The custom attribute named by `UserSort.customAttribute`: single-valued INTEGER attributes numerically, others as stored text (case-sensitive; DATETIME values in time order). */
  | 'CUSTOM_ATTRIBUTE'
  /** department ignoring case, in the database's collation. */
  | 'DEPARTMENT'
  /** displayName ignoring case, in the database's collation. */
  | 'DISPLAY_NAME'
  /** The first email address in the list (lower-cased; not necessarily the primary one). */
  | 'EMAIL'
  /** externalId, case-sensitive, in the database's collation. */
  | 'EXTERNAL_ID'
  /** name.familyName ignoring case, in the database's collation. */
  | 'FAMILY_NAME'
  /** name.givenName ignoring case, in the database's collation. */
  | 'GIVEN_NAME'
  /** title ignoring case, in the database's collation. */
  | 'TITLE'
  /** Time of the last change; it changes, so a user updated while you page may be returned twice or skipped. */
  | 'UPDATED_AT'
  /** userName ignoring case, in byte order (collate "C"): accented and other non-ASCII letters sort after "z". Index-backed. */
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

export type SetupStepFieldsFragment = { title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> };

export type IdentityProviderProfileFieldsFragment = { kind: IdentityProviderKind, name: string, scimSupported: boolean, scimNote: string | null, nameIdFormat: string, samlDocsUrls: Array<string>, scimDocsUrls: Array<string>, organizationId: string | null, samlSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, scimSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, samlAttributeNames: Array<{ attribute: string, samlName: string }>, defaultSamlRules: Array<{ source: string, target: string }> };

export type IdentityProviderProfilesQueryVariables = Exact<{
  organizationId?: string | number | null | undefined;
}>;


export type IdentityProviderProfilesQuery = { identityProviderProfiles: Array<{ kind: IdentityProviderKind, name: string, scimSupported: boolean, scimNote: string | null, nameIdFormat: string, samlDocsUrls: Array<string>, scimDocsUrls: Array<string>, organizationId: string | null, samlSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, scimSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, samlAttributeNames: Array<{ attribute: string, samlName: string }>, defaultSamlRules: Array<{ source: string, target: string }> }> };

export type IdentityProviderProfileQueryVariables = Exact<{
  kind: IdentityProviderKind;
  organizationId?: string | number | null | undefined;
}>;


export type IdentityProviderProfileQuery = { identityProviderProfile: { kind: IdentityProviderKind, name: string, scimSupported: boolean, scimNote: string | null, nameIdFormat: string, samlDocsUrls: Array<string>, scimDocsUrls: Array<string>, organizationId: string | null, samlSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, scimSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, samlAttributeNames: Array<{ attribute: string, samlName: string }>, defaultSamlRules: Array<{ source: string, target: string }> } | null };

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

export type MappingFieldsFragment = { source: MappingSource, isDefault: boolean, profile: IdentityProviderKind, disabledDefaults: Array<string>, effectiveRules: Array<{ source: string, target: string, origin: RuleOrigin }>, defaultRules: Array<{ source: string, target: string }>, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> };

export type AttributeMappingsQueryVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type AttributeMappingsQuery = { attributeMappings: { source: MappingSource, isDefault: boolean, profile: IdentityProviderKind, disabledDefaults: Array<string>, effectiveRules: Array<{ source: string, target: string, origin: RuleOrigin }>, defaultRules: Array<{ source: string, target: string }>, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

export type SetAttributeMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
  rules: Array<MappingRuleInput> | MappingRuleInput;
  disabledDefaults?: Array<string> | string | null | undefined;
}>;


export type SetAttributeMappingsMutation = { setAttributeMappings: { source: MappingSource, isDefault: boolean, profile: IdentityProviderKind, disabledDefaults: Array<string>, effectiveRules: Array<{ source: string, target: string, origin: RuleOrigin }>, defaultRules: Array<{ source: string, target: string }>, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

export type ResetAttributeMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type ResetAttributeMappingsMutation = { resetAttributeMappings: { source: MappingSource, isDefault: boolean, profile: IdentityProviderKind, disabledDefaults: Array<string>, effectiveRules: Array<{ source: string, target: string, origin: RuleOrigin }>, defaultRules: Array<{ source: string, target: string }>, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }> } };

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

export type SamlConnectionFieldsFragment = { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } };

export type SamlConnectionQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type SamlConnectionQuery = { samlConnection: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

export type ConfigureSamlConnectionMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlConnectionInput;
}>;


export type ConfigureSamlConnectionMutation = { configureSamlConnection: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

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

export type RefreshSamlMetadataMutationVariables = Exact<{
  organizationId: string | number;
}>;


export type RefreshSamlMetadataMutation = { refreshSamlMetadata: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

export type StageSamlServiceProviderKeyMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlServiceProviderKeyInput;
}>;


export type StageSamlServiceProviderKeyMutation = { stageSamlServiceProviderKey: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

export type ActivateSamlServiceProviderKeyMutationVariables = Exact<{
  organizationId: string | number;
}>;


export type ActivateSamlServiceProviderKeyMutation = { activateSamlServiceProviderKey: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

export type RetireSamlServiceProviderKeyMutationVariables = Exact<{
  organizationId: string | number;
}>;


export type RetireSamlServiceProviderKeyMutation = { retireSamlServiceProviderKey: { organizationId: string, configured: boolean, idpEntityId: string | null, idpSsoUrl: string | null, idpSloUrl: string | null, idpSloResponseUrl: string | null, idpSloBinding: string | null, nameIdFormat: string, wantAssertionsSigned: boolean, wantResponseSigned: boolean, clockSkewSeconds: number, allowIdpInitiated: boolean, allowedRedirectHosts: Array<string>, defaultRedirectUrl: string | null, signAuthnRequests: boolean, wantAssertionsEncrypted: boolean, keepGroupsWhenAttributeAbsent: boolean, spPrivateKeyConfigured: boolean, createdAt: string | null, updatedAt: string | null, version: number, idpMetadataUrl: string | null, metadataRefreshedAt: string | null, metadataRefreshError: string | null, metadataNextRefreshAt: string | null, profile: IdentityProviderKind, idpCertificates: Array<{ pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string }>, spCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string, sloUrl: string, logoutUrl: string }, spNextCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, spPreviousCertificate: { pem: string, subject: string, issuer: string, notBefore: string, notAfter: string, fingerprintSha256: string } | null, certificateStatus: { soonestExpiry: string | null, fingerprintSha256: string | null, usage: SamlCertificateUsage | null, warning: SamlCertificateWarning } } };

export type EndSamlSessionsMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlSessionsEndInput;
}>;


export type EndSamlSessionsMutation = { endSamlSessions: { sessionsEnded: number, userIds: Array<string> } };

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
export const SetupStepFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SetupStepFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetupStep"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}}]}}]}}]} as unknown as DocumentNode<SetupStepFieldsFragment, unknown>;
export const IdentityProviderProfileFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IdentityProviderProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityProviderProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scimSupported"}},{"kind":"Field","name":{"kind":"Name","value":"scimNote"}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"samlDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"scimDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"samlSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scimSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"samlAttributeNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"samlName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultSamlRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SetupStepFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetupStep"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}}]}}]}}]} as unknown as DocumentNode<IdentityProviderProfileFieldsFragment, unknown>;
export const DefinitionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DefinitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CustomAttributeDefinition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiValued"}},{"kind":"Field","name":{"kind":"Name","value":"allowedValues"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<DefinitionFieldsFragment, unknown>;
export const MappingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"disabledDefaults"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<MappingFieldsFragment, unknown>;
export const ProvisionedUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<ProvisionedUserFragment, unknown>;
export const SamlCertificateFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}}]} as unknown as DocumentNode<SamlCertificateFieldsFragment, unknown>;
export const SamlConnectionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}}]} as unknown as DocumentNode<SamlConnectionFieldsFragment, unknown>;
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
export const IdentityProviderProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IdentityProviderProfiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identityProviderProfiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IdentityProviderProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SetupStepFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetupStep"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IdentityProviderProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityProviderProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scimSupported"}},{"kind":"Field","name":{"kind":"Name","value":"scimNote"}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"samlDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"scimDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"samlSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scimSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"samlAttributeNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"samlName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultSamlRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}}]} as unknown as DocumentNode<IdentityProviderProfilesQuery, IdentityProviderProfilesQueryVariables>;
export const IdentityProviderProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IdentityProviderProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityProviderKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identityProviderProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IdentityProviderProfileFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SetupStepFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetupStep"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"placeholder"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IdentityProviderProfileFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityProviderProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scimSupported"}},{"kind":"Field","name":{"kind":"Name","value":"scimNote"}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"samlDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"scimDocsUrls"}},{"kind":"Field","name":{"kind":"Name","value":"samlSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scimSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SetupStepFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"samlAttributeNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"samlName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultSamlRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}}]}}]} as unknown as DocumentNode<IdentityProviderProfileQuery, IdentityProviderProfileQueryVariables>;
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
export const AttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"disabledDefaults"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<AttributeMappingsQuery, AttributeMappingsQueryVariables>;
export const SetAttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rules"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingRuleInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"disabledDefaults"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAttributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rules"}}},{"kind":"Argument","name":{"kind":"Name","value":"disabledDefaults"},"value":{"kind":"Variable","name":{"kind":"Name","value":"disabledDefaults"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"disabledDefaults"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<SetAttributeMappingsMutation, SetAttributeMappingsMutationVariables>;
export const ResetAttributeMappingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetAttributeMappings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetAttributeMappings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MappingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"profile"}},{"kind":"Field","name":{"kind":"Name","value":"disabledDefaults"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"transforms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"separator"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"table"}},{"kind":"Field","name":{"kind":"Name","value":"dropUnmatched"}}]}}]}}]}}]} as unknown as DocumentNode<ResetAttributeMappingsMutation, ResetAttributeMappingsMutationVariables>;
export const ProvisionUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProvisionUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisionUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisionUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProvisionedUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"restored"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<ProvisionUserMutation, ProvisionUserMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProvisionedUser"}}]}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"sessionToken"}},{"kind":"Field","name":{"kind":"Name","value":"sessionExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProvisionedUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"baseRole"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"attributeSources"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}}]}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;
export const EndSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const PreviewProvisioningDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewProvisioning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MappingSource"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewProvisioning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"skippedFields"}},{"kind":"Field","name":{"kind":"Name","value":"refusedAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"fired"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewProvisioningQuery, PreviewProvisioningQueryVariables>;
export const AddGroupMembersByNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddGroupMembersByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newMembers"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NewMemberInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addGroupMembers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userIds"},"value":{"kind":"ListValue","values":[]}},{"kind":"Argument","name":{"kind":"Name","value":"newMembers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newMembers"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addedUserIds"}}]}}]}}]} as unknown as DocumentNode<AddGroupMembersByNameMutation, AddGroupMembersByNameMutationVariables>;
export const SamlConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SamlConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samlConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<SamlConnectionQuery, SamlConnectionQueryVariables>;
export const ConfigureSamlConnectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfigureSamlConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"configureSamlConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<ConfigureSamlConnectionMutation, ConfigureSamlConnectionMutationVariables>;
export const SamlOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SamlOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"samlOrganization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SamlOrganizationQuery, SamlOrganizationQueryVariables>;
export const RecordSamlAuthnRequestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordSamlAuthnRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlAuthnRequestInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordSamlAuthnRequest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"redirectUrl"}}]}}]}}]} as unknown as DocumentNode<RecordSamlAuthnRequestMutation, RecordSamlAuthnRequestMutationVariables>;
export const ConsumeSamlAssertionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsumeSamlAssertion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlAssertionUseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consumeSamlAssertion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authnRequestId"}},{"kind":"Field","name":{"kind":"Name","value":"returnTo"}},{"kind":"Field","name":{"kind":"Name","value":"idpInitiated"}}]}}]}}]} as unknown as DocumentNode<ConsumeSamlAssertionMutation, ConsumeSamlAssertionMutationVariables>;
export const DecryptSamlAssertionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecryptSamlAssertion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlEncryptedAssertionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decryptSamlAssertion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assertionXml"}},{"kind":"Field","name":{"kind":"Name","value":"keyTransportAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"contentEncryptionAlgorithm"}}]}}]}}]} as unknown as DocumentNode<DecryptSamlAssertionMutation, DecryptSamlAssertionMutationVariables>;
export const RefreshSamlMetadataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSamlMetadata"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSamlMetadata"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<RefreshSamlMetadataMutation, RefreshSamlMetadataMutationVariables>;
export const StageSamlServiceProviderKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StageSamlServiceProviderKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlServiceProviderKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stageSamlServiceProviderKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<StageSamlServiceProviderKeyMutation, StageSamlServiceProviderKeyMutationVariables>;
export const ActivateSamlServiceProviderKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateSamlServiceProviderKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateSamlServiceProviderKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<ActivateSamlServiceProviderKeyMutation, ActivateSamlServiceProviderKeyMutationVariables>;
export const RetireSamlServiceProviderKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetireSamlServiceProviderKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retireSamlServiceProviderKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlConnectionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlCertificateFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlCertificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pem"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SamlConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SamlConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"idpEntityId"}},{"kind":"Field","name":{"kind":"Name","value":"idpSsoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloResponseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"idpSloBinding"}},{"kind":"Field","name":{"kind":"Name","value":"idpCertificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nameIdFormat"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsSigned"}},{"kind":"Field","name":{"kind":"Name","value":"wantResponseSigned"}},{"kind":"Field","name":{"kind":"Name","value":"clockSkewSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"allowIdpInitiated"}},{"kind":"Field","name":{"kind":"Name","value":"allowedRedirectHosts"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRedirectUrl"}},{"kind":"Field","name":{"kind":"Name","value":"signAuthnRequests"}},{"kind":"Field","name":{"kind":"Name","value":"wantAssertionsEncrypted"}},{"kind":"Field","name":{"kind":"Name","value":"keepGroupsWhenAttributeAbsent"}},{"kind":"Field","name":{"kind":"Name","value":"spPrivateKeyConfigured"}},{"kind":"Field","name":{"kind":"Name","value":"spCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"acsUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"loginUrl"}},{"kind":"Field","name":{"kind":"Name","value":"sloUrl"}},{"kind":"Field","name":{"kind":"Name","value":"logoutUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"idpMetadataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshedAt"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRefreshError"}},{"kind":"Field","name":{"kind":"Name","value":"metadataNextRefreshAt"}},{"kind":"Field","name":{"kind":"Name","value":"spNextCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spPreviousCertificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SamlCertificateFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificateStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"soonestExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"fingerprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"usage"}},{"kind":"Field","name":{"kind":"Name","value":"warning"}}]}},{"kind":"Field","name":{"kind":"Name","value":"profile"}}]}}]} as unknown as DocumentNode<RetireSamlServiceProviderKeyMutation, RetireSamlServiceProviderKeyMutationVariables>;
export const EndSamlSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSamlSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SamlSessionsEndInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSamlSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionsEnded"}},{"kind":"Field","name":{"kind":"Name","value":"userIds"}}]}}]}}]} as unknown as DocumentNode<EndSamlSessionsMutation, EndSamlSessionsMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UpdateUserMutation, UpdateUserMutationVariables>;
export const DeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<DeactivateUserMutation, DeactivateUserMutationVariables>;
export const ReactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<ReactivateUserMutation, ReactivateUserMutationVariables>;
export const DeleteUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteUserMutation, DeleteUserMutationVariables>;
export const UserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"User"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}},{"kind":"Field","name":{"kind":"Name","value":"manager"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"managerId"}},{"kind":"Field","name":{"kind":"Name","value":"emails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customAttributes"}},{"kind":"Field","name":{"kind":"Name","value":"provisionedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]} as unknown as DocumentNode<UserQuery, UserQueryVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userName"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"department"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const UserStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalUsers"}},{"kind":"Field","name":{"kind":"Name","value":"activeUsers"}},{"kind":"Field","name":{"kind":"Name","value":"inactiveUsers"}},{"kind":"Field","name":{"kind":"Name","value":"seatsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"historyCopies"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<UserStatsQuery, UserStatsQueryVariables>;
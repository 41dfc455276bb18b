/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

/** ADMIN may change everything in its organization; READ_ONLY may only query. */
export type ApiKeyRole =
  /** Read, provision and manage everything in its organization (users, groups, credentials, policy, mappings, SAML). */
  | 'ADMIN'
  /** Queries and subscriptions only, except `credentials` and `session`; no mutation. */
  | 'READ_ONLY';

/** A new organization. */
export type CreateOrganizationInput = {
  /** Display name, 1-200 characters after trimming. */
  name: string;
  /** 1-63 lower-case letters, digits or inner hyphens; unique. */
  slug: string;
};

/** A new setup link. */
export type CreateSetupLinkInput = {
  /** How long the link works, in seconds: 300 (5 minutes) to 2592000 (30 days); default 604800 (7 days). */
  expiresInSeconds?: number | null | undefined;
  /** What the link may set up: SSO, SCIM or both (at least one). */
  scopes: Array<SetupScope>;
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

/** Sort order of groups (ties broken by id). */
export type GroupSort = {
  /** ASC (default) or DESC. */
  direction?: SortDirection | null | undefined;
  /** The sort key; CREATED_AT keeps paging stable under concurrent writes. */
  field: GroupSortField;
};

/** Sort keys for groups; ties are broken by id. Paging is stable under concurrent writes only by CREATED_AT (the default), a key that never changes. */
export type GroupSortField =
  /** Creation time (the default); immutable, so paging by it is stable. */
  | 'CREATED_AT'
  /** displayName ignoring case, in byte order (collate "C"): accented and other non-ASCII letters sort after "z". */
  | 'DISPLAY_NAME'
  /** Number of members; it changes with every membership change, so paging by it is not stable under concurrent writes. */
  | 'MEMBER_COUNT'
  /** Time of the last change (membership changes included); a group changed while you page may be returned twice or skipped. */
  | 'UPDATED_AT';

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

/** Where a test sign-in stands. */
export type SamlTestSignInStatus =
  /** The response was refused, or the sign-in would be (see `failureReason`). */
  | 'FAILED'
  /** Started; no response has arrived from the identity provider yet. */
  | 'PENDING'
  /** A valid response arrived; for a dry run, the sign-in would also be allowed. */
  | 'SUCCEEDED';

/** What a setup link lets its holder set up in its organization. */
export type SetupScope =
  /** SCIM provisioning: create SCIM tokens (and list and revoke those it created), read the SCIM request log, read the organization, its policy, mappings and custom attribute definitions. */
  | 'SCIM'
  /** SAML sign-in: read and configure the SAML connection (IdP metadata upload included), run test sign-ins, read the organization, its policy, mappings and custom attribute definitions, and preview provisioning. */
  | 'SSO';

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

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { kind: string, organizationId: string | null, credentialId: string | null, label: string, role: ApiKeyRole | null } };

export type ConsoleOrganizationsQueryVariables = Exact<{
  first: number;
  after?: string | number | null | undefined;
}>;


export type ConsoleOrganizationsQuery = { organizations: Array<{ id: string, name: string, slug: string, createdAt: string }> };

export type ConsoleOrganizationQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleOrganizationQuery = { organization: { id: string, name: string, slug: string, createdAt: string } | null };

export type ConsoleCreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type ConsoleCreateOrganizationMutation = { createOrganization: { id: string, name: string, slug: string } };

export type ConsoleCredentialsQueryVariables = Exact<{
  organizationId: string | number;
  includeRevoked: boolean;
}>;


export type ConsoleCredentialsQuery = { credentials: Array<{ id: string, kind: CredentialKind, name: string, role: string, createdBy: string | null, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type ConsoleCreateScimTokenMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
}>;


export type ConsoleCreateScimTokenMutation = { createScimToken: { token: string, credential: { id: string, name: string } } };

export type ConsoleCreateApiKeyMutationVariables = Exact<{
  organizationId: string | number;
  name: string;
  role: ApiKeyRole;
}>;


export type ConsoleCreateApiKeyMutation = { createApiKey: { token: string, credential: { id: string, name: string } } };

export type ConsoleRevokeCredentialMutationVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type ConsoleRevokeCredentialMutation = { revokeCredential: { id: string, revokedAt: string | null } };

export type ConsoleUsersQueryVariables = Exact<{
  organizationId: string | number;
  first: number;
  after?: string | null | undefined;
  filter?: UserFilter | null | undefined;
  sort?: UserSort | null | undefined;
}>;


export type ConsoleUsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, userName: string, displayName: string | null, active: boolean, role: UserRole, provisionedBy: ProvisioningSource, department: string | null, createdAt: string }> } };

export type ConsoleUserQueryVariables = Exact<{
  organizationId: string | number;
  id: string | number;
}>;


export type ConsoleUserQuery = { user: { id: string, userName: string, externalId: string | null, active: boolean, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, locale: string | null, preferredLanguage: string | null, timezone: string | null, employeeNumber: string | null, costCenter: string | null, organizationName: string | null, division: string | null, department: string | null, managerId: string | null, role: UserRole, baseRole: UserRole, attributeSources: Record<string, unknown>, customAttributes: Record<string, unknown>, provisionedBy: ProvisioningSource, createdAt: string, updatedAt: string, deactivatedAt: string | null, lastSignInAt: string | null, version: number, name: { formatted: string | null, givenName: string | null, familyName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean }>, phoneNumbers: Array<{ value: string, type: string | null, primary: boolean }>, groups: Array<{ id: string, displayName: string }> } | null };

export type ConsoleEventsQueryVariables = Exact<{
  organizationId: string | number;
  first: number;
  after?: string | null | undefined;
  filter?: EventFilter | null | undefined;
}>;


export type ConsoleEventsQuery = { events: { hasNextPage: boolean, endCursor: string | null, nodes: Array<{ sequence: number, type: EventType, actorType: ActorType, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, occurredAt: string }> } };

export type ConsoleEventFieldsFragment = { sequence: number, type: EventType, actorType: ActorType, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, occurredAt: string };

export type ConsoleLiveEventsSubscriptionVariables = Exact<{
  organizationId: string | number;
  afterSequence?: number | null | undefined;
}>;


export type ConsoleLiveEventsSubscription = { events: { sequence: number, type: EventType, actorType: ActorType, actorLabel: string, subjectType: SubjectType, subjectId: string | null, subjectLabel: string | null, objectType: SubjectType | null, objectId: string | null, changes: Record<string, unknown>, data: Record<string, unknown>, occurredAt: string } };

export type ConsoleGroupsQueryVariables = Exact<{
  organizationId: string | number;
  first: number;
  after?: string | null | undefined;
  filter?: GroupFilter | null | undefined;
  sort?: GroupSort | null | undefined;
}>;


export type ConsoleGroupsQuery = { groups: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, displayName: string, externalId: string | null, memberCount: number, updatedAt: string }> } };

export type ConsolePolicyQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsolePolicyQuery = { provisioningPolicy: { mode: ProvisioningMode, defaultRole: UserRole, deactivationRemovesMemberships: boolean, reactivation: ReactivationMode, groupPushProvisionsMembers: boolean, seatLimit: number | null, allowedEmailDomains: Array<string>, sessionLifetimeSeconds: number, attributePrecedence: Array<ProvisioningSource>, version: number, updatedAt: string | null } };

export type ConsoleSetPolicyMutationVariables = Exact<{
  organizationId: string | number;
  input: ProvisioningPolicyInput;
}>;


export type ConsoleSetPolicyMutation = { setProvisioningPolicy: { version: number, updatedAt: string | null } };

export type ConsoleMappingsQueryVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type ConsoleMappingsQuery = { attributeMappings: { source: MappingSource, isDefault: boolean, disabledDefaults: Array<string>, rules: Array<{ source: string, target: string, transforms: Array<{ kind: TransformKind, separator: string | null, value: string | null, pattern: string | null, group: number | null, table: Record<string, unknown> | null, dropUnmatched: boolean | null }> }>, effectiveRules: Array<{ source: string, target: string, origin: RuleOrigin, transforms: Array<{ kind: TransformKind }> }> } };

export type ConsoleSetMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
  rules: Array<MappingRuleInput> | MappingRuleInput;
  disabledDefaults?: Array<string> | string | null | undefined;
}>;


export type ConsoleSetMappingsMutation = { setAttributeMappings: { isDefault: boolean } };

export type ConsoleResetMappingsMutationVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
}>;


export type ConsoleResetMappingsMutation = { resetAttributeMappings: { isDefault: boolean } };

export type ConsolePreviewQueryVariables = Exact<{
  organizationId: string | number;
  source: MappingSource;
  input: PreviewInput;
}>;


export type ConsolePreviewQuery = { previewProvisioning: { user: Record<string, unknown> | null, created: boolean, skippedFields: Array<string>, refusedAttributes: Array<{ field: string, reason: string, message: string }>, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }>, error: { code: string, reason: string, message: string, field: string | null } | null } };

export type ConsolePreviewFieldsFragment = { user: Record<string, unknown> | null, created: boolean, skippedFields: Array<string>, refusedAttributes: Array<{ field: string, reason: string, message: string }>, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }>, error: { code: string, reason: string, message: string, field: string | null } | null };

export type ConsoleOrganizationStatusQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleOrganizationStatusQuery = { organization: { id: string, status: { ssoConfigured: boolean, idpCertificateExpiresAt: string | null, lastScimRequestAt: string | null, scimErrorsLast24h: number, signInsToday: number, activeUsers: number, seatLimit: number | null } } | null };

export type ConsoleSamlConnectionQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleSamlConnectionQuery = { samlConnection: { configured: boolean, profile: IdentityProviderKind, idpEntityId: string | null, idpSsoUrl: string | null, nameIdFormat: string, updatedAt: string | null, idpCertificates: Array<{ subject: string, notAfter: string, fingerprintSha256: string }>, serviceProvider: { entityId: string, acsUrl: string, metadataUrl: string, loginUrl: string } } };

export type ConsoleConfigureSamlMutationVariables = Exact<{
  organizationId: string | number;
  input: SamlConnectionInput;
}>;


export type ConsoleConfigureSamlMutation = { configureSamlConnection: { configured: boolean, profile: IdentityProviderKind, idpEntityId: string | null, idpSsoUrl: string | null } };

export type ConsoleCapabilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCapabilitiesQuery = { __schema: { queryType: { fields: Array<{ name: string }> | null }, mutationType: { fields: Array<{ name: string }> | null } | null } };

export type ConsoleSetupViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSetupViewerQuery = { viewer: { kind: string, organizationId: string | null, credentialId: string | null, label: string, scopes: Array<SetupScope> | null, expiresAt: string | null } };

export type ConsoleSetupLinksQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleSetupLinksQuery = { setupLinks: Array<{ id: string, scopes: Array<SetupScope>, createdAt: string, expiresAt: string, revokedAt: string | null, createdBy: string | null }> };

export type ConsoleCreateSetupLinkMutationVariables = Exact<{
  organizationId: string | number;
  input: CreateSetupLinkInput;
}>;


export type ConsoleCreateSetupLinkMutation = { createSetupLink: { url: string, expiresAt: string, link: { id: string } } };

export type ConsoleRevokeSetupLinkMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeSetupLinkMutation = { revokeSetupLink: { id: string, revokedAt: string | null } };

export type ConsoleIdentityProviderProfilesQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type ConsoleIdentityProviderProfilesQuery = { identityProviderProfiles: Array<{ kind: IdentityProviderKind, name: string, scimSupported: boolean, scimNote: string | null, nameIdFormat: string, samlDocsUrls: Array<string>, scimDocsUrls: Array<string>, samlSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, scimSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, samlAttributeNames: Array<{ attribute: string, samlName: string }> }> };

export type ConsoleSetupStepFragment = { title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> };

export type ConsoleIdentityProviderProfileTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleIdentityProviderProfileTemplatesQuery = { identityProviderProfiles: Array<{ kind: IdentityProviderKind, name: string, scimSupported: boolean, scimNote: string | null, nameIdFormat: string, samlDocsUrls: Array<string>, scimDocsUrls: Array<string>, samlSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, scimSetup: Array<{ title: string, instructions: string, values: Array<{ label: string, value: string, key: SetupValueKey | null, placeholder: boolean }> }>, samlAttributeNames: Array<{ attribute: string, samlName: string }> }> };

export type ConsoleStartTestSignInMutationVariables = Exact<{
  organizationId: string | number;
  dryRun: boolean;
}>;


export type ConsoleStartTestSignInMutation = { startSamlTestSignIn: { id: string, url: string | null, status: SamlTestSignInStatus } };

export type ConsoleTestSignInQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleTestSignInQuery = { samlTestSignIn: { id: string, dryRun: boolean, status: SamlTestSignInStatus, failureReason: string | null, failureMessage: string | null, nameId: string | null, nameIdFormat: string | null, issuer: string | null, authnContextClassRef: string | null, groups: Array<string> | null, userId: string | null, completedAt: string | null, expiresAt: string, attributes: Array<{ name: string, values: Array<string> }> | null, preview: { user: Record<string, unknown> | null, created: boolean, skippedFields: Array<string>, refusedAttributes: Array<{ field: string, reason: string, message: string }>, rules: Array<{ index: number, source: string, target: string, origin: RuleOrigin, fired: boolean, value: unknown, note: string | null }>, error: { code: string, reason: string, message: string, field: string | null } | null } | null } | null };

export type ConsoleScimRequestsQueryVariables = Exact<{
  organizationId: string | number;
  first: number;
}>;


export type ConsoleScimRequestsQuery = { scimRequests: { nodes: Array<{ id: string, method: string, path: string, status: number, scimType: string | null, detail: string | null, identityProvider: string, durationMs: number, at: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleEventFields on Event {
  sequence
  type
  actorType
  actorLabel
  subjectType
  subjectId
  subjectLabel
  objectType
  objectId
  changes
  data
  occurredAt
}
    `, {"fragmentName":"ConsoleEventFields"}) as unknown as TypedDocumentString<ConsoleEventFieldsFragment, unknown>;
export const ConsolePreviewFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsolePreviewFields on ProvisioningPreview {
  user
  created
  skippedFields
  refusedAttributes {
    field
    reason
    message
  }
  rules {
    index
    source
    target
    origin
    fired
    value
    note
  }
  error {
    code
    reason
    message
    field
  }
}
    `, {"fragmentName":"ConsolePreviewFields"}) as unknown as TypedDocumentString<ConsolePreviewFieldsFragment, unknown>;
export const ConsoleSetupStepFragmentDoc = new TypedDocumentString(`
    fragment ConsoleSetupStep on SetupStep {
  title
  instructions
  values {
    label
    value
    key
    placeholder
  }
}
    `, {"fragmentName":"ConsoleSetupStep"}) as unknown as TypedDocumentString<ConsoleSetupStepFragment, unknown>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    kind
    organizationId
    credentialId
    label
    role
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleOrganizationsDocument = new TypedDocumentString(`
    query ConsoleOrganizations($first: Int!, $after: ID) {
  organizations(first: $first, after: $after) {
    id
    name
    slug
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationsQuery, ConsoleOrganizationsQueryVariables>;
export const ConsoleOrganizationDocument = new TypedDocumentString(`
    query ConsoleOrganization($id: ID!) {
  organization(id: $id) {
    id
    name
    slug
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationQuery, ConsoleOrganizationQueryVariables>;
export const ConsoleCreateOrganizationDocument = new TypedDocumentString(`
    mutation ConsoleCreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    id
    name
    slug
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateOrganizationMutation, ConsoleCreateOrganizationMutationVariables>;
export const ConsoleCredentialsDocument = new TypedDocumentString(`
    query ConsoleCredentials($organizationId: ID!, $includeRevoked: Boolean!) {
  credentials(organizationId: $organizationId, includeRevoked: $includeRevoked) {
    id
    kind
    name
    role
    createdBy
    createdAt
    lastUsedAt
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleCredentialsQuery, ConsoleCredentialsQueryVariables>;
export const ConsoleCreateScimTokenDocument = new TypedDocumentString(`
    mutation ConsoleCreateScimToken($organizationId: ID!, $name: String!) {
  createScimToken(organizationId: $organizationId, name: $name) {
    token
    credential {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateScimTokenMutation, ConsoleCreateScimTokenMutationVariables>;
export const ConsoleCreateApiKeyDocument = new TypedDocumentString(`
    mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $role: ApiKeyRole!) {
  createApiKey(organizationId: $organizationId, name: $name, role: $role) {
    token
    credential {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateApiKeyMutation, ConsoleCreateApiKeyMutationVariables>;
export const ConsoleRevokeCredentialDocument = new TypedDocumentString(`
    mutation ConsoleRevokeCredential($organizationId: ID!, $id: ID!) {
  revokeCredential(organizationId: $organizationId, id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeCredentialMutation, ConsoleRevokeCredentialMutationVariables>;
export const ConsoleUsersDocument = new TypedDocumentString(`
    query ConsoleUsers($organizationId: ID!, $first: Int!, $after: String, $filter: UserFilter, $sort: UserSort) {
  users(
    organizationId: $organizationId
    first: $first
    after: $after
    filter: $filter
    sort: $sort
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      userName
      displayName
      active
      role
      provisionedBy
      department
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUsersQuery, ConsoleUsersQueryVariables>;
export const ConsoleUserDocument = new TypedDocumentString(`
    query ConsoleUser($organizationId: ID!, $id: ID!) {
  user(organizationId: $organizationId, id: $id) {
    id
    userName
    externalId
    active
    displayName
    nickName
    title
    userType
    locale
    preferredLanguage
    timezone
    employeeNumber
    costCenter
    organizationName
    division
    department
    managerId
    name {
      formatted
      givenName
      familyName
      middleName
      honorificPrefix
      honorificSuffix
    }
    emails {
      value
      type
      primary
    }
    phoneNumbers {
      value
      type
      primary
    }
    role
    baseRole
    attributeSources
    customAttributes
    provisionedBy
    createdAt
    updatedAt
    deactivatedAt
    lastSignInAt
    version
    groups(first: 100) {
      id
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUserQuery, ConsoleUserQueryVariables>;
export const ConsoleEventsDocument = new TypedDocumentString(`
    query ConsoleEvents($organizationId: ID!, $first: Int!, $after: String, $filter: EventFilter) {
  events(
    organizationId: $organizationId
    first: $first
    after: $after
    order: DESC
    filter: $filter
  ) {
    hasNextPage
    endCursor
    nodes {
      ...ConsoleEventFields
    }
  }
}
    fragment ConsoleEventFields on Event {
  sequence
  type
  actorType
  actorLabel
  subjectType
  subjectId
  subjectLabel
  objectType
  objectId
  changes
  data
  occurredAt
}`) as unknown as TypedDocumentString<ConsoleEventsQuery, ConsoleEventsQueryVariables>;
export const ConsoleLiveEventsDocument = new TypedDocumentString(`
    subscription ConsoleLiveEvents($organizationId: ID!, $afterSequence: SafeInt) {
  events(organizationId: $organizationId, afterSequence: $afterSequence) {
    ...ConsoleEventFields
  }
}
    fragment ConsoleEventFields on Event {
  sequence
  type
  actorType
  actorLabel
  subjectType
  subjectId
  subjectLabel
  objectType
  objectId
  changes
  data
  occurredAt
}`) as unknown as TypedDocumentString<ConsoleLiveEventsSubscription, ConsoleLiveEventsSubscriptionVariables>;
export const ConsoleGroupsDocument = new TypedDocumentString(`
    query ConsoleGroups($organizationId: ID!, $first: Int!, $after: String, $filter: GroupFilter, $sort: GroupSort) {
  groups(
    organizationId: $organizationId
    first: $first
    after: $after
    filter: $filter
    sort: $sort
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      displayName
      externalId
      memberCount
      updatedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleGroupsQuery, ConsoleGroupsQueryVariables>;
export const ConsolePolicyDocument = new TypedDocumentString(`
    query ConsolePolicy($organizationId: ID!) {
  provisioningPolicy(organizationId: $organizationId) {
    mode
    defaultRole
    deactivationRemovesMemberships
    reactivation
    groupPushProvisionsMembers
    seatLimit
    allowedEmailDomains
    sessionLifetimeSeconds
    attributePrecedence
    version
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsolePolicyQuery, ConsolePolicyQueryVariables>;
export const ConsoleSetPolicyDocument = new TypedDocumentString(`
    mutation ConsoleSetPolicy($organizationId: ID!, $input: ProvisioningPolicyInput!) {
  setProvisioningPolicy(organizationId: $organizationId, input: $input) {
    version
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetPolicyMutation, ConsoleSetPolicyMutationVariables>;
export const ConsoleMappingsDocument = new TypedDocumentString(`
    query ConsoleMappings($organizationId: ID!, $source: MappingSource!) {
  attributeMappings(organizationId: $organizationId, source: $source) {
    source
    isDefault
    disabledDefaults
    rules {
      source
      target
      transforms {
        kind
        separator
        value
        pattern
        group
        table
        dropUnmatched
      }
    }
    effectiveRules {
      source
      target
      origin
      transforms {
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMappingsQuery, ConsoleMappingsQueryVariables>;
export const ConsoleSetMappingsDocument = new TypedDocumentString(`
    mutation ConsoleSetMappings($organizationId: ID!, $source: MappingSource!, $rules: [MappingRuleInput!]!, $disabledDefaults: [String!]) {
  setAttributeMappings(
    organizationId: $organizationId
    source: $source
    rules: $rules
    disabledDefaults: $disabledDefaults
  ) {
    isDefault
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetMappingsMutation, ConsoleSetMappingsMutationVariables>;
export const ConsoleResetMappingsDocument = new TypedDocumentString(`
    mutation ConsoleResetMappings($organizationId: ID!, $source: MappingSource!) {
  resetAttributeMappings(organizationId: $organizationId, source: $source) {
    isDefault
  }
}
    `) as unknown as TypedDocumentString<ConsoleResetMappingsMutation, ConsoleResetMappingsMutationVariables>;
export const ConsolePreviewDocument = new TypedDocumentString(`
    query ConsolePreview($organizationId: ID!, $source: MappingSource!, $input: PreviewInput!) {
  previewProvisioning(
    organizationId: $organizationId
    source: $source
    input: $input
  ) {
    ...ConsolePreviewFields
  }
}
    fragment ConsolePreviewFields on ProvisioningPreview {
  user
  created
  skippedFields
  refusedAttributes {
    field
    reason
    message
  }
  rules {
    index
    source
    target
    origin
    fired
    value
    note
  }
  error {
    code
    reason
    message
    field
  }
}`) as unknown as TypedDocumentString<ConsolePreviewQuery, ConsolePreviewQueryVariables>;
export const ConsoleOrganizationStatusDocument = new TypedDocumentString(`
    query ConsoleOrganizationStatus($organizationId: ID!) {
  organization(id: $organizationId) {
    id
    status {
      ssoConfigured
      idpCertificateExpiresAt
      lastScimRequestAt
      scimErrorsLast24h
      signInsToday
      activeUsers
      seatLimit
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrganizationStatusQuery, ConsoleOrganizationStatusQueryVariables>;
export const ConsoleSamlConnectionDocument = new TypedDocumentString(`
    query ConsoleSamlConnection($organizationId: ID!) {
  samlConnection(organizationId: $organizationId) {
    configured
    profile
    idpEntityId
    idpSsoUrl
    nameIdFormat
    idpCertificates {
      subject
      notAfter
      fingerprintSha256
    }
    serviceProvider {
      entityId
      acsUrl
      metadataUrl
      loginUrl
    }
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSamlConnectionQuery, ConsoleSamlConnectionQueryVariables>;
export const ConsoleConfigureSamlDocument = new TypedDocumentString(`
    mutation ConsoleConfigureSaml($organizationId: ID!, $input: SamlConnectionInput!) {
  configureSamlConnection(organizationId: $organizationId, input: $input) {
    configured
    profile
    idpEntityId
    idpSsoUrl
  }
}
    `) as unknown as TypedDocumentString<ConsoleConfigureSamlMutation, ConsoleConfigureSamlMutationVariables>;
export const ConsoleCapabilitiesDocument = new TypedDocumentString(`
    query ConsoleCapabilities {
  __schema {
    queryType {
      fields {
        name
      }
    }
    mutationType {
      fields {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCapabilitiesQuery, ConsoleCapabilitiesQueryVariables>;
export const ConsoleSetupViewerDocument = new TypedDocumentString(`
    query ConsoleSetupViewer {
  viewer {
    kind
    organizationId
    credentialId
    label
    scopes
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetupViewerQuery, ConsoleSetupViewerQueryVariables>;
export const ConsoleSetupLinksDocument = new TypedDocumentString(`
    query ConsoleSetupLinks($organizationId: ID!) {
  setupLinks(organizationId: $organizationId) {
    id
    scopes
    createdAt
    expiresAt
    revokedAt
    createdBy
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetupLinksQuery, ConsoleSetupLinksQueryVariables>;
export const ConsoleCreateSetupLinkDocument = new TypedDocumentString(`
    mutation ConsoleCreateSetupLink($organizationId: ID!, $input: CreateSetupLinkInput!) {
  createSetupLink(organizationId: $organizationId, input: $input) {
    url
    expiresAt
    link {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateSetupLinkMutation, ConsoleCreateSetupLinkMutationVariables>;
export const ConsoleRevokeSetupLinkDocument = new TypedDocumentString(`
    mutation ConsoleRevokeSetupLink($id: ID!) {
  revokeSetupLink(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeSetupLinkMutation, ConsoleRevokeSetupLinkMutationVariables>;
export const ConsoleIdentityProviderProfilesDocument = new TypedDocumentString(`
    query ConsoleIdentityProviderProfiles($organizationId: ID!) {
  identityProviderProfiles(organizationId: $organizationId) {
    kind
    name
    scimSupported
    scimNote
    nameIdFormat
    samlDocsUrls
    scimDocsUrls
    samlSetup {
      ...ConsoleSetupStep
    }
    scimSetup {
      ...ConsoleSetupStep
    }
    samlAttributeNames {
      attribute
      samlName
    }
  }
}
    fragment ConsoleSetupStep on SetupStep {
  title
  instructions
  values {
    label
    value
    key
    placeholder
  }
}`) as unknown as TypedDocumentString<ConsoleIdentityProviderProfilesQuery, ConsoleIdentityProviderProfilesQueryVariables>;
export const ConsoleIdentityProviderProfileTemplatesDocument = new TypedDocumentString(`
    query ConsoleIdentityProviderProfileTemplates {
  identityProviderProfiles {
    kind
    name
    scimSupported
    scimNote
    nameIdFormat
    samlDocsUrls
    scimDocsUrls
    samlSetup {
      ...ConsoleSetupStep
    }
    scimSetup {
      ...ConsoleSetupStep
    }
    samlAttributeNames {
      attribute
      samlName
    }
  }
}
    fragment ConsoleSetupStep on SetupStep {
  title
  instructions
  values {
    label
    value
    key
    placeholder
  }
}`) as unknown as TypedDocumentString<ConsoleIdentityProviderProfileTemplatesQuery, ConsoleIdentityProviderProfileTemplatesQueryVariables>;
export const ConsoleStartTestSignInDocument = new TypedDocumentString(`
    mutation ConsoleStartTestSignIn($organizationId: ID!, $dryRun: Boolean!) {
  startSamlTestSignIn(organizationId: $organizationId, dryRun: $dryRun) {
    id
    url
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleStartTestSignInMutation, ConsoleStartTestSignInMutationVariables>;
export const ConsoleTestSignInDocument = new TypedDocumentString(`
    query ConsoleTestSignIn($id: ID!) {
  samlTestSignIn(id: $id) {
    id
    dryRun
    status
    failureReason
    failureMessage
    nameId
    nameIdFormat
    issuer
    authnContextClassRef
    attributes {
      name
      values
    }
    groups
    preview {
      ...ConsolePreviewFields
    }
    userId
    completedAt
    expiresAt
  }
}
    fragment ConsolePreviewFields on ProvisioningPreview {
  user
  created
  skippedFields
  refusedAttributes {
    field
    reason
    message
  }
  rules {
    index
    source
    target
    origin
    fired
    value
    note
  }
  error {
    code
    reason
    message
    field
  }
}`) as unknown as TypedDocumentString<ConsoleTestSignInQuery, ConsoleTestSignInQueryVariables>;
export const ConsoleScimRequestsDocument = new TypedDocumentString(`
    query ConsoleScimRequests($organizationId: ID!, $first: Int!) {
  scimRequests(organizationId: $organizationId, first: $first) {
    nodes {
      id
      method
      path
      status
      scimType
      detail
      identityProvider
      durationMs
      at
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleScimRequestsQuery, ConsoleScimRequestsQueryVariables>;
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { USER_ROLES, PROVISIONING_SOURCES } from '../../core/entities/user.js';
import { CREDENTIAL_KINDS } from '../../core/entities/credential.js';
import { API_KEY_ROLES } from '../../core/principal.js';
import { ACTOR_TYPES, EVENT_TYPES, SUBJECT_TYPES } from '../../core/events/event-types.js';
import { USER_SORT_FIELDS } from '../../core/queries/users-query.js';
import { GROUP_SORT_FIELDS } from '../../core/queries/groups-query.js';

/** Builds a GraphQL enum object from one of the core's constant lists, so the two never drift. */
function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

export const UserRoleEnum = enumOf(USER_ROLES);
registerEnumType(UserRoleEnum, {
  name: 'UserRole',
  description: 'Role of a user in its organization, from least to most privileged: VIEWER < MEMBER < EDITOR < ADMIN.',
  valuesConfig: {
    VIEWER: { description: 'Least privileged.' },
    MEMBER: { description: 'The default role of new users (unless the policy sets another `defaultRole`).' },
    EDITOR: { description: 'Above MEMBER, below ADMIN.' },
    ADMIN: { description: 'Most privileged.' },
  },
});
export const ProvisioningSourceEnum = enumOf(PROVISIONING_SOURCES);
registerEnumType(ProvisioningSourceEnum, {
  name: 'ProvisioningSource',
  description: 'How a user came to exist: SCIM push from the identity provider, first SAML sign-in, or the API.',
  valuesConfig: {
    SCIM: { description: 'Provisioned over SCIM: by a SCIM token, or by `provisionUser` with source SCIM.' },
    SAML: { description: 'Created at a first SAML sign-in, or by `provisionUser` with source SAML.' },
    API: { description: 'Created through this API with an API key or platform key (createUser, createGroup/addGroupMembers).' },
  },
});
export const CredentialKindEnum = enumOf(CREDENTIAL_KINDS);
registerEnumType(CredentialKindEnum, {
  name: 'CredentialKind',
  description: 'What a bearer credential is for.',
  valuesConfig: {
    SCIM_TOKEN: {
      description:
        "The identity provider's SCIM token: may read and provision users, groups and memberships of its organization, not manage credentials or settings.",
    },
    API_KEY: { description: "An organization's API key; its role (ADMIN or READ_ONLY) says what it may do." },
    PLATFORM_KEY: { description: 'A platform key: acts in every organization and alone may create and delete organizations and manage platform keys.' },
  },
});
export const ApiKeyRoleEnum = enumOf(API_KEY_ROLES);
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  description: 'ADMIN may change everything in its organization; READ_ONLY may only query.',
  valuesConfig: {
    ADMIN: { description: 'Read, provision and manage everything in its organization (users, groups, credentials, policy, mappings, SAML).' },
    READ_ONLY: { description: 'Queries and subscriptions only, except `credentials` and `session`; no mutation.' },
  },
});
export const EventTypeEnum = enumOf(EVENT_TYPES);
registerEnumType(EventTypeEnum, {
  name: 'EventType',
  description: 'Kind of change recorded in the event log.',
  valuesConfig: {
    ORGANIZATION_CREATED: { description: 'An organization was created (changes: name, slug).' },
    ORGANIZATION_UPDATED: { description: "An organization's name or slug changed." },
    ORGANIZATION_DELETED: {
      description: 'An organization was deleted with everything it owns; a platform event (organizationId null), data: name, slug, users, groups.',
    },
    USER_CREATED: {
      description:
        'A user was created (by the API, SCIM, a first SAML sign-in, a group push, or as the history copy of a NEW_USER reactivation: data.historyOf).',
    },
    USER_UPDATED: { description: "A user's attributes or role changed (changes lists each field)." },
    USER_DEACTIVATED: { description: 'A user was deactivated (active became false).' },
    USER_REACTIVATED: { description: 'A deactivated user became active again.' },
    USER_DELETED: { description: 'A user was deleted (data.groupIds: the groups it left).' },
    USER_SIGNED_IN: { description: 'A user signed in with SAML (data.firstLogin, data.sessionId).' },
    GROUP_CREATED: { description: 'A group was created.' },
    GROUP_UPDATED: { description: "A group's displayName or externalId changed." },
    GROUP_DELETED: { description: 'A group was deleted (data.memberCount).' },
    MEMBERSHIP_ADDED: { description: 'A user joined a group: subject is the group, object the user.' },
    MEMBERSHIP_REMOVED: { description: 'A user left a group: subject is the group, object the user.' },
    CREDENTIAL_CREATED: { description: 'A SCIM token, API key or platform key was created (data.kind, data.role).' },
    CREDENTIAL_REVOKED: { description: 'A SCIM token, API key or platform key was revoked (data.kind).' },
    POLICY_CHANGED: { description: 'The provisioning policy changed (changes lists each field).' },
    CUSTOM_ATTRIBUTE_DEFINED: { description: 'A custom attribute was defined.' },
    CUSTOM_ATTRIBUTE_UPDATED: { description: 'A custom attribute definition changed.' },
    CUSTOM_ATTRIBUTE_DELETED: { description: "A custom attribute was deleted with every user's value (data.usersChanged)." },
    ATTRIBUTE_MAPPINGS_CHANGED: { description: "A source's mapping rules were replaced or reset (data.source)." },
    SAML_CONNECTION_CONFIGURED: { description: 'The SAML connection was created or changed (certificates appear by fingerprint, never the SP key).' },
    SESSION_REVOKED: {
      description:
        "A user's sign-in sessions ended before they expired: data.reason is logout (endSession, POST /auth/logout, /saml/{org}/logout), samlLogout (the IdP's SAML LogoutRequest) or deactivation, data.sessions how many.",
    },
    WEBHOOK_ENDPOINT_CREATED: {
      description: 'A webhook endpoint was created (data: url, eventTypes; never its secret); a platform event for a platform endpoint.',
    },
    WEBHOOK_ENDPOINT_UPDATED: { description: "A webhook endpoint's url, event types or enabled state changed (changes lists each field)." },
    WEBHOOK_ENDPOINT_DELETED: { description: 'A webhook endpoint was deleted with its deliveries (data.url).' },
    WEBHOOK_SECRET_ROTATED: {
      description: "A webhook endpoint's signing secret was replaced; data.previousSecretExpiresAt: until when the old one also signs.",
    },
    WEBHOOK_ENDPOINT_DISABLED: {
      description: 'The service disabled a webhook endpoint whose delivery kept failing for the whole retry schedule (data.reason, data.deliveryId).',
    },
    SAML_METADATA_REFRESHED: {
      description:
        "A fetch of the SAML connection's idpMetadataUrl changed what it trusts (entity ID, SSO URL or signing certificates, by fingerprint in changes; data.addedCertificates, data.removedCertificates).",
    },
    SAML_METADATA_REFRESH_FAILED: {
      description: "A fetch of the SAML connection's idpMetadataUrl failed; the last good metadata stays in use (data.reason, data.message, data.url).",
    },
    SAML_CERTIFICATE_EXPIRING: {
      description:
        'A certificate of the SAML connection expires within 30, 7 or 1 days (data.thresholdDays; once per threshold and certificate): data.usage (IDP, SP, SP_NEXT, SP_PREVIOUS), data.fingerprintSha256, data.notAfter, data.daysLeft.',
    },
    SAML_SP_KEY_STAGED: {
      description: 'A next SP key pair was staged: published in SP metadata, able to decrypt, not yet signing (data.certificate fingerprint).',
    },
    SAML_SP_KEY_ACTIVATED: {
      description:
        'The staged SP key pair became the active one; the one before still decrypts until it is retired (data.certificate, data.previousCertificate).',
    },
    SAML_SP_KEY_RETIRED: { description: 'The previous SP key pair was retired: assertions encrypted to it are refused from now on (data.certificate).' },
    EVENTS_PRUNED: {
      description:
        "The retention pruner deleted the organization's events older than its retention (data.throughSequence: every event numbered up to it is gone; data.olderThan, data.retentionDays, data.deleted: how many this pass). A resume from below throughSequence is refused with events.pruned.",
    },
    SETUP_LINK_CREATED: { description: 'A setup link was created (data.scopes, data.expiresAt; never its secret).' },
    SETUP_LINK_REVOKED: { description: 'A setup link was revoked before it expired.' },
    SAML_TEST_SIGN_IN_STARTED: { description: 'A test sign-in of the SAML connection was started (data.testSignInId, data.dryRun).' },
    OIDC_CLIENT_CREATED: { description: 'An OpenID Connect client (a host application) was registered; a platform event (changes: name, redirectUris, …).' },
    OIDC_CLIENT_UPDATED: { description: "An OpenID Connect client's name or URIs changed; a platform event." },
    OIDC_CLIENT_DELETED: { description: 'An OpenID Connect client was deleted with its pending logout deliveries; a platform event.' },
    OIDC_CLIENT_SECRET_ROTATED: { description: "An OpenID Connect client's secret was replaced (the old one stops working at once); a platform event." },
    OIDC_SIGNED_IN: {
      description: 'A user was signed in to an OpenID Connect client (data.clientId, data.clientName): the hand-off of a SAML sign-in to a host application.',
    },
    OIDC_LOGGED_OUT: {
      description:
        "A user's OpenID Connect sessions and tokens were ended (data.reason: logout, deactivation, deletion or sessionEnded; data.clients: the clients sent a back-channel logout).",
    },
    OIDC_SIGNING_KEYS_ROTATED: {
      description:
        'The OpenID Connect signing keys were rotated (data.current, data.next, data.retired: key ids); a platform event. Also written when SECRETS_KEY opened neither CURRENT nor NEXT and they were replaced (data.unreadable: their key ids, both now RETIRED).',
    },
    ORGANIZATION_DOMAIN_ADDED: { description: 'An email domain was claimed for the organization (not yet verified).' },
    ORGANIZATION_DOMAIN_VERIFIED: { description: "An organization's email domain was recorded as verified by the platform operator." },
    ORGANIZATION_DOMAIN_REMOVED: { description: 'An email domain was removed from the organization.' },
  },
});
export const SubjectTypeEnum = enumOf(SUBJECT_TYPES);
registerEnumType(SubjectTypeEnum, {
  name: 'SubjectType',
  description: 'Kind of object an event is about.',
  valuesConfig: {
    ORGANIZATION: { description: 'An organization (subjectId: its id).' },
    USER: { description: 'A user (subjectId or objectId: its id).' },
    GROUP: { description: 'A group (subjectId: its id).' },
    CREDENTIAL: { description: 'A SCIM token, API key or platform key (subjectId: its id).' },
    POLICY: { description: "The organization's provisioning policy (subjectId: the organization id)." },
    CUSTOM_ATTRIBUTE: { description: 'A custom attribute definition (subjectId: its id).' },
    ATTRIBUTE_MAPPING: { description: "A source's attribute mappings (subjectId: the organization id)." },
    SAML_CONNECTION: { description: "The organization's SAML connection (subjectId: the organization id)." },
    WEBHOOK_ENDPOINT: { description: 'A webhook endpoint (subjectId: its id).' },
    SETUP_LINK: { description: 'A setup link (subjectId: its id).' },
    OIDC_CLIENT: { description: 'An OpenID Connect client, a host application (subjectId: its id, the client_id).' },
    ORGANIZATION_DOMAIN: { description: "An organization's email domain (subjectId: its id)." },
  },
});
export const UserSortFieldEnum = enumOf(USER_SORT_FIELDS);
registerEnumType(UserSortFieldEnum, {
  name: 'UserSortField',
  description:
    'Sort keys for users. CREATED_AT (default) and USER_NAME are index-backed at any size; the others sort the filtered set. Ties are broken by id. Paging is stable under concurrent writes only by a key that never changes (CREATED_AT); by a key that can change (UPDATED_AT, a name, DEPARTMENT, …) a user changed while you page can appear twice or be skipped. A missing value sorts as the empty string: first in ASC, last in DESC.',
  valuesConfig: {
    CREATED_AT: { description: 'Creation time (the default). Immutable, so keyset paging by it is stable under concurrent writes.' },
    USER_NAME: { description: 'userName ignoring case, in byte order (collate "C"): accented and other non-ASCII letters sort after "z". Index-backed.' },
    UPDATED_AT: { description: 'Time of the last change; it changes, so a user updated while you page may be returned twice or skipped.' },
    FAMILY_NAME: { description: "name.familyName ignoring case, in the database's collation." },
    GIVEN_NAME: { description: "name.givenName ignoring case, in the database's collation." },
    DISPLAY_NAME: { description: "displayName ignoring case, in the database's collation." },
    EXTERNAL_ID: { description: "externalId, case-sensitive, in the database's collation." },
    DEPARTMENT: { description: "department ignoring case, in the database's collation." },
    TITLE: { description: "title ignoring case, in the database's collation." },
    EMAIL: { description: 'The first email address in the list (lower-cased; not necessarily the primary one).' },
    CUSTOM_ATTRIBUTE: {
      description:
        'The custom attribute named by `UserSort.customAttribute`: single-valued INTEGER attributes numerically, others as stored text (case-sensitive; DATETIME values in time order).',
    },
  },
});
export const GroupSortFieldEnum = enumOf(GROUP_SORT_FIELDS);
registerEnumType(GroupSortFieldEnum, {
  name: 'GroupSortField',
  description:
    'Sort keys for groups; ties are broken by id. Paging is stable under concurrent writes only by CREATED_AT (the default), a key that never changes.',
  valuesConfig: {
    CREATED_AT: { description: 'Creation time (the default); immutable, so paging by it is stable.' },
    DISPLAY_NAME: { description: 'displayName ignoring case, in byte order (collate "C"): accented and other non-ASCII letters sort after "z".' },
    UPDATED_AT: { description: 'Time of the last change (membership changes included); a group changed while you page may be returned twice or skipped.' },
    MEMBER_COUNT: { description: 'Number of members; it changes with every membership change, so paging by it is not stable under concurrent writes.' },
  },
});
export const SortDirectionEnum = enumOf(['ASC', 'DESC'] as const);
registerEnumType(SortDirectionEnum, {
  name: 'SortDirection',
  description: 'Ascending or descending.',
  valuesConfig: {
    ASC: { description: 'Ascending: smallest, oldest or missing values first.' },
    DESC: { description: 'Descending: largest or newest first, missing values last.' },
  },
});

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when an `after` cursor or a non-zero `offset` was given (not a check that earlier rows exist).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first row of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last row; pass it as `after` (same sort and filter) for the next page. Null when the page is empty.',
  })
  endCursor!: string | null;
}

@InputType({
  description:
    'Conditions on a text attribute; all given conditions must hold. Comparisons ignore case (both sides lower-cased) except on externalId. Order comparisons (gt, ge, lt, le) use byte order for userName and group displayName, the database collation otherwise.',
})
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to.' }) eq?: string | null;
  @Field(() => String, { nullable: true, description: 'Not equal to (absent values match).' }) ne?: string | null;
  @Field(() => [String], { nullable: true, description: 'Equal to one of (at most 1000 values; an empty list matches nothing).' }) in?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Contains the substring.' }) contains?: string | null;
  @Field(() => String, { nullable: true, description: 'Starts with.' }) startsWith?: string | null;
  @Field(() => String, { nullable: true, description: 'Ends with.' }) endsWith?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts after.' }) gt?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts after or equal.' }) ge?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts before.' }) lt?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts before or equal.' }) le?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) present?: boolean | null;
}

@InputType({ description: 'Conditions on a timestamp (ISO-8601); all given conditions must hold. Absent values match no comparison.' })
export class DateTimeFilter {
  @Field(() => Date, { nullable: true, description: 'At exactly this time.' }) eq?: Date | null;
  @Field(() => Date, { nullable: true, description: 'After this time (exclusive).' }) gt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'At or after this time (inclusive).' }) ge?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive).' }) lt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'At or before this time (inclusive).' }) le?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) present?: boolean | null;
}

@InputType({ description: 'Match by id. An id that is not a UUID matches nothing.' })
export class IdFilter {
  @Field(() => ID, { nullable: true, description: 'Exactly this id.' }) eq?: string | null;
  @Field(() => [ID], { nullable: true, description: 'One of these ids (an empty list matches nothing).' }) in?: string[] | null;
}

export const ActorTypeEnum = enumOf(ACTOR_TYPES);
registerEnumType(ActorTypeEnum, {
  name: 'ActorType',
  description: 'Who made a change.',
  valuesConfig: {
    PLATFORM: { description: 'A platform key (the operator of this service).' },
    API_KEY: { description: "An organization's API key (automation, dashboards)." },
    SCIM_TOKEN: { description: "An organization's SCIM token: its identity provider." },
    SAML: { description: 'A SAML sign-in (first-login provisioning, sign-in records).' },
    SYSTEM: { description: 'The service itself.' },
    SETUP_LINK: { description: "A setup link (actorId: the link's id): the customer's IT admin setting up SSO or SCIM without a key." },
    OIDC: { description: 'The OpenID Connect provider (sign-ins handed to a client, logouts).' },
  },
});

export const MAX_FIRST = 1000;
export { Int };

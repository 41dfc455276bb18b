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
registerEnumType(UserRoleEnum, { name: 'UserRole', description: 'Role of a user in its organization, from least to most privileged.' });
export const ProvisioningSourceEnum = enumOf(PROVISIONING_SOURCES);
registerEnumType(ProvisioningSourceEnum, {
  name: 'ProvisioningSource',
  description: 'How a user came to exist: SCIM push from the identity provider, first SAML sign-in, or the API.',
});
export const CredentialKindEnum = enumOf(CREDENTIAL_KINDS);
registerEnumType(CredentialKindEnum, { name: 'CredentialKind', description: 'What a bearer credential is for.' });
export const ApiKeyRoleEnum = enumOf(API_KEY_ROLES);
registerEnumType(ApiKeyRoleEnum, { name: 'ApiKeyRole', description: 'ADMIN may change everything in its organization; READ_ONLY may only query.' });
export const EventTypeEnum = enumOf(EVENT_TYPES);
registerEnumType(EventTypeEnum, { name: 'EventType', description: 'Kind of change recorded in the event log.' });
export const SubjectTypeEnum = enumOf(SUBJECT_TYPES);
registerEnumType(SubjectTypeEnum, { name: 'SubjectType', description: 'Kind of object an event is about.' });
export const UserSortFieldEnum = enumOf(USER_SORT_FIELDS);
registerEnumType(UserSortFieldEnum, {
  name: 'UserSortField',
  description: 'Sort keys for users. CREATED_AT (default) and USER_NAME are index-backed at any size; the others sort the filtered set.',
});
export const GroupSortFieldEnum = enumOf(GROUP_SORT_FIELDS);
registerEnumType(GroupSortFieldEnum, { name: 'GroupSortField', description: 'Sort keys for groups.' });
export const SortDirectionEnum = enumOf(['ASC', 'DESC'] as const);
registerEnumType(SortDirectionEnum, { name: 'SortDirection', description: 'Ascending or descending.' });

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when this page was not the first (an `after` cursor or an offset was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first row of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last row; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@InputType({ description: 'Conditions on a text attribute; all given conditions must hold. Comparisons ignore case except on externalId.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to.' }) eq?: string | null;
  @Field(() => String, { nullable: true, description: 'Not equal to (absent values match).' }) ne?: string | null;
  @Field(() => [String], { nullable: true, description: 'Equal to one of (at most 1000 values).' }) in?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Contains the substring.' }) contains?: string | null;
  @Field(() => String, { nullable: true, description: 'Starts with.' }) startsWith?: string | null;
  @Field(() => String, { nullable: true, description: 'Ends with.' }) endsWith?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts after.' }) gt?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts after or equal.' }) ge?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts before.' }) lt?: string | null;
  @Field(() => String, { nullable: true, description: 'Sorts before or equal.' }) le?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) present?: boolean | null;
}

@InputType({ description: 'Conditions on a timestamp; all given conditions must hold.' })
export class DateTimeFilter {
  @Field(() => Date, { nullable: true }) eq?: Date | null;
  @Field(() => Date, { nullable: true }) gt?: Date | null;
  @Field(() => Date, { nullable: true }) ge?: Date | null;
  @Field(() => Date, { nullable: true }) lt?: Date | null;
  @Field(() => Date, { nullable: true }) le?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a value; false: has none.' }) present?: boolean | null;
}

@InputType({ description: 'Match by id.' })
export class IdFilter {
  @Field(() => ID, { nullable: true }) eq?: string | null;
  @Field(() => [ID], { nullable: true }) in?: string[] | null;
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
  },
});

export const MAX_FIRST = 1000;
export { Int };

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { ProvisioningSource, UserRole } from '../../core/entities/user.js';
import { ProvisioningSourceEnum, UserRoleEnum, PageInfo, StringFilter, DateTimeFilter, IdFilter, UserSortFieldEnum, SortDirectionEnum } from './common.js';
import type { UserSortField } from '../../core/queries/users-query.js';

@ObjectType({ description: "The components of a user's name (SCIM `name`)." })
export class UserName {
  @Field(() => String, { nullable: true, description: 'The full name, formatted for display.' }) formatted!: string | null;
  @Field(() => String, { nullable: true, description: 'Family name (last name in most Western languages).' }) familyName!: string | null;
  @Field(() => String, { nullable: true, description: 'Given name (first name in most Western languages).' }) givenName!: string | null;
  @Field(() => String, { nullable: true, description: 'Middle name(s).' }) middleName!: string | null;
  @Field(() => String, { nullable: true, description: 'Honorific prefix, e.g. "Ms."' }) honorificPrefix!: string | null;
  @Field(() => String, { nullable: true, description: 'Honorific suffix, e.g. "III".' }) honorificSuffix!: string | null;
}

@ObjectType({ description: 'One value of a multi-valued attribute (an email address, a phone number).' })
export class MultiValue {
  @Field(() => String, { description: 'The value itself.' }) value!: string;
  @Field(() => String, { nullable: true, description: 'A label such as "work" or "home".' }) type!: string | null;
  @Field(() => Boolean, { description: 'True for the preferred value; at most one value is primary.' }) primary!: boolean;
  @Field(() => String, { nullable: true, description: 'A human-readable form of the value.' }) display!: string | null;
}

@ObjectType({ description: 'A postal address.' })
export class Address {
  @Field(() => String, { nullable: true, description: 'A label such as "work" or "home".' }) type!: string | null;
  @Field(() => Boolean, { description: 'True for the preferred address; at most one is primary.' }) primary!: boolean;
  @Field(() => String, { nullable: true, description: 'The full address, formatted for display (may contain line breaks).' }) formatted!: string | null;
  @Field(() => String, { nullable: true, description: 'Street, house number, and the like.' }) streetAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'City or locality.' }) locality!: string | null;
  @Field(() => String, { nullable: true, description: 'State or region.' }) region!: string | null;
  @Field(() => String, { nullable: true, description: 'Postal or ZIP code.' }) postalCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Country; SCIM specifies an ISO 3166-1 alpha-2 code, but the value is stored as sent.' }) country!:
    string | null;
}

@ObjectType({ description: 'A person in an organization, provisioned by SCIM, created at first SAML sign-in, or created through this API.' })
export class User {
  @Field(() => ID, { description: 'The user id (a UUID); never changes, also across a NEW_USER reactivation.' }) id!: string;
  @Field(() => ID, { description: 'The organization the user belongs to.' }) organizationId!: string;
  @Field(() => String, { description: 'Unique login name within the organization (case-insensitive), usually the email address; at most 256 characters.' })
  userName!: string;
  @Field(() => String, { nullable: true, description: "The identity provider's id for the user; unique within the organization when set." })
  externalId!: string | null;
  @Field(() => Boolean, { description: 'False once deactivated (unassigned in the identity provider). Deactivated users cannot sign in.' }) active!: boolean;
  @Field(() => UserName, { description: 'Name components.' }) name!: UserName;
  @Field(() => String, { nullable: true, description: 'Name to show for the user; null when none.' }) displayName!: string | null;
  @Field(() => String, { nullable: true, description: 'Casual name, e.g. "Bob" for Robert.' }) nickName!: string | null;
  @Field(() => String, { nullable: true, description: "URL of the user's profile page, as the identity provider sent it (not validated)." }) profileUrl!:
    string | null;
  @Field(() => String, { nullable: true, description: 'Job title.' }) title!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "Employee", "Contractor".' }) userType!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "en-US".' }) locale!: string | null;
  @Field(() => String, { nullable: true, description: 'Preferred language, e.g. "en-US" or "en;q=0.8" (free text).' }) preferredLanguage!: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "America/Los_Angeles".' }) timezone!: string | null;
  @Field(() => String, { nullable: true, description: 'Employee number (enterprise extension).' }) employeeNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'Cost center (enterprise extension).' }) costCenter!: string | null;
  @Field(() => String, { nullable: true, description: "The enterprise extension's `organization` (a company or business unit name)." })
  organizationName!: string | null;
  @Field(() => String, { nullable: true, description: 'Division (enterprise extension).' }) division!: string | null;
  @Field(() => String, { nullable: true, description: 'Department (enterprise extension).' }) department!: string | null;
  @Field(() => ID, { nullable: true, description: "Id of the user's manager (a user of the same organization); null when none." }) managerId!: string | null;
  @Field(() => [MultiValue], { description: 'Email addresses; at most one is primary.' }) emails!: MultiValue[];
  @Field(() => [MultiValue], { description: 'Phone numbers; at most one is primary.' }) phoneNumbers!: MultiValue[];
  @Field(() => [Address], { description: 'Postal addresses; at most one is primary.' }) addresses!: Address[];
  @Field(() => UserRoleEnum, { description: 'Effective role: the highest of baseRole and the roles granted by group-to-role rules.' }) role!: UserRole;
  @Field(() => UserRoleEnum, { description: 'Role given at provisioning or set explicitly (the `role` input sets it).' }) baseRole!: UserRole;
  @Field(() => GraphQLJSONObject, { description: 'Provenance: for each attribute, the source (SCIM, SAML, API) that last wrote it and when.' })
  attributeSources!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { description: "Values of the organization's custom attributes, by reference name." })
  customAttributes!: Record<string, unknown>;
  @Field(() => ProvisioningSourceEnum, { description: 'How the user was provisioned.' }) provisionedBy!: ProvisioningSource;
  @Field(() => Date, { description: 'When the user was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change to the user (attributes, role, active state); a sign-in alone does not change it.' })
  updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the user was deactivated (its creation time if created inactive); null while active.' })
  deactivatedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Time of the last SAML sign-in; null when the user never signed in.' }) lastSignInAt!: Date | null;
  @Field(() => Int, {
    description:
      'Increases by one on every change to the user (not on a sign-in alone); the SCIM ETag is derived from it. Pass it as `expectedVersion` to guard a later change.',
  })
  version!: number;
}

@ObjectType({ description: 'A user and its cursor.' })
export class UserEdge {
  @Field(() => String, { description: 'Cursor of this user; pass it as `after` (same sort and filter) to continue after it.' }) cursor!: string;
  @Field(() => User, { description: 'The user.' }) node!: User;
}

@ObjectType({ description: 'A page of users.' })
export class UserConnection {
  @Field(() => [UserEdge], { description: 'The users of this page with their cursors.' }) edges!: UserEdge[];
  @Field(() => [User], { description: 'The users of this page (the same as edges[].node).' }) nodes!: User[];
  @Field(() => PageInfo, { description: 'Paging information; pass endCursor as `after` for the next page.' }) pageInfo!: PageInfo;
  /** Counts the matches; called by the totalCount field resolver only when that field is selected. */
  countTotal!: () => Promise<number>;
}

@InputType({ description: 'Name components; in an update, an omitted component is kept and null clears it.' })
export class UserNameInput {
  @Field(() => String, { nullable: true, description: 'The full name, formatted for display.' }) formatted?: string | null;
  @Field(() => String, { nullable: true, description: 'Family name.' }) familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'Given name.' }) givenName?: string | null;
  @Field(() => String, { nullable: true, description: 'Middle name(s).' }) middleName?: string | null;
  @Field(() => String, { nullable: true, description: 'Honorific prefix, e.g. "Ms."' }) honorificPrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'Honorific suffix, e.g. "III".' }) honorificSuffix?: string | null;
}

@InputType({ description: 'One value of a multi-valued attribute.' })
export class MultiValueInput {
  @Field(() => String, { description: 'The value, at most 1024 characters after trimming; emails must look like name@domain.' }) value!: string;
  @Field(() => String, { nullable: true, description: 'A label such as "work" or "home", at most 64 characters.' }) type?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The preferred value; at most one value of the list may be primary.' })
  primary?: boolean;
  @Field(() => String, { nullable: true, description: 'A human-readable form of the value.' }) display?: string | null;
}

@InputType({ description: 'A postal address; every part at most 1024 characters after trimming. An address with no part set is dropped.' })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'A label such as "work" or "home", at most 64 characters.' }) type?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The preferred address; at most one address may be primary.' }) primary?: boolean;
  @Field(() => String, { nullable: true, description: 'The full address, formatted for display.' }) formatted?: string | null;
  @Field(() => String, { nullable: true, description: 'Street, house number, and the like.' }) streetAddress?: string | null;
  @Field(() => String, { nullable: true, description: 'City or locality.' }) locality?: string | null;
  @Field(() => String, { nullable: true, description: 'State or region.' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal or ZIP code.' }) postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Country, e.g. an ISO 3166-1 alpha-2 code (stored as given).' }) country?: string | null;
}

/** Fields shared by create and update. In an update, omitted fields are kept and null clears. */
@InputType({
  description:
    'Attributes of a user; in an update, an omitted field is kept and null clears it. Text is trimmed (empty means none), at most 1024 characters unless said otherwise, and may not contain control characters.',
})
export class UserAttributesInput {
  @Field(() => String, {
    nullable: true,
    description: "The identity provider's id, at most 512 characters, case-sensitive; unique within the organization (CONFLICT otherwise).",
  })
  externalId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "false deactivates, true reactivates (under the policy's reactivation mode and seat limit); null or omitted keeps it. Default for a new user: true.",
  })
  active?: boolean | null;
  @Field(() => UserNameInput, { nullable: true, description: 'Name components; null clears all of them.' }) name?: UserNameInput | null;
  @Field(() => String, { nullable: true, description: 'Name to show for the user.' }) displayName?: string | null;
  @Field(() => String, { nullable: true, description: 'Casual name.' }) nickName?: string | null;
  @Field(() => String, { nullable: true, description: 'URL of a profile page (not validated).' }) profileUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Job title.' }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "Employee", "Contractor".' }) userType?: string | null;
  @Field(() => String, { nullable: true, description: 'A locale such as "en-US" or "en_US" (2-3 letters, then -/_ parts), at most 35 characters.' }) locale?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Preferred language, e.g. "en-US" (free text).' }) preferredLanguage?: string | null;
  @Field(() => String, { nullable: true, description: 'An IANA time zone such as "America/Los_Angeles", at most 64 characters.' }) timezone?: string | null;
  @Field(() => String, { nullable: true, description: 'Employee number.' }) employeeNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Cost center.' }) costCenter?: string | null;
  @Field(() => String, { nullable: true, description: "Company or business unit name (the enterprise extension's `organization`)." }) organizationName?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Division.' }) division?: string | null;
  @Field(() => String, { nullable: true, description: 'Department.' }) department?: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of another user of the same organization (not the user itself).' }) managerId?: string | null;
  @Field(() => [MultiValueInput], { nullable: true, description: 'Email addresses, at most 50; replaces the whole list (null or [] clears it).' }) emails?:
    MultiValueInput[] | null;
  @Field(() => [MultiValueInput], { nullable: true, description: 'Phone numbers, at most 50; replaces the whole list (null or [] clears it).' }) phoneNumbers?:
    MultiValueInput[] | null;
  @Field(() => [AddressInput], { nullable: true, description: 'Postal addresses, at most 50; replaces the whole list (null or [] clears it).' }) addresses?:
    AddressInput[] | null;
  @Field(() => UserRoleEnum, {
    nullable: true,
    description: "Sets the base role (null or omitted keeps it; a new user gets the policy's defaultRole); group-to-role rules may raise the effective role.",
  })
  role?: UserRole | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Custom attribute values by reference name; merged into the existing values, null removes one.',
  })
  customAttributes?: Record<string, unknown> | null;
}

@InputType({ description: 'A new user.' })
export class CreateUserInput extends UserAttributesInput {
  @Field(() => String, {
    description: 'Unique (case-insensitively) within the organization; at most 256 characters, no tabs, line breaks or invisible formatting characters.',
  })
  userName!: string;
}

@InputType({ description: 'Changes to a user: omitted fields are kept, null clears a field.' })
export class UpdateUserInput extends UserAttributesInput {
  @Field(() => String, {
    nullable: true,
    description: 'New userName, unique (case-insensitively) within the organization; it cannot be cleared (null is refused).',
  })
  userName?: string | null;
}

@InputType({ description: 'Conditions on one element of a multi-valued attribute; all must hold for the same element.' })
export class MultiValueFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the value (ignoring case).' }) value?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the type label (ignoring case).' }) type?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the display form (ignoring case).' }) display?: StringFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the element is primary; false: it is not.' }) primary?: boolean | null;
}

@InputType({ description: 'Conditions on one address; all must hold for the same address.' })
export class AddressFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the type label (ignoring case).' }) type?: StringFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the address is primary; false: it is not.' }) primary?: boolean | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the formatted address (ignoring case).' }) formatted?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the street address (ignoring case).' }) streetAddress?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the city or locality (ignoring case).' }) locality?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the state or region (ignoring case).' }) region?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the postal code (ignoring case).' }) postalCode?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on the country (ignoring case).' }) country?: StringFilter | null;
}

@InputType({
  description:
    "Conditions on one custom attribute, checked against the organization's definition: a name no definition has, or a comparison its type cannot answer, is BAD_USER_INPUT (`filter.customAttribute.unknown` / `.type`). A multi-valued attribute matches when any element does.",
})
export class CustomAttributeFilter {
  @Field(() => String, { description: 'Reference name of the attribute (as defined, case included).' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Equal to (exactly, case included). INTEGER and BOOLEAN attributes: a number or true/false written as text ("3", "true").',
  })
  eq?: string | null;
  @Field(() => String, { nullable: true, description: 'Not equal to (as eq); users without a value match.' }) ne?: string | null;
  @Field(() => [String], { nullable: true, description: 'Equal to one of these (as eq).' }) in?: string[] | null;
  @Field(() => String, { nullable: true, description: 'STRING and DATETIME: contains this text (ignoring case unless caseSensitive).' }) contains?:
    string | null;
  @Field(() => String, { nullable: true, description: 'STRING and DATETIME: starts with this text (ignoring case unless caseSensitive).' }) startsWith?:
    string | null;
  @Field(() => String, { nullable: true, description: 'STRING and DATETIME: ends with this text (ignoring case unless caseSensitive).' }) endsWith?:
    string | null;
  @Field(() => Boolean, { nullable: true, description: 'contains, startsWith and endsWith compare case-sensitively, as eq does (default: they ignore case).' })
  caseSensitive?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Greater than: STRING and DATETIME compare the text (ISO date-times by time), INTEGER the number written as text ("2").',
  })
  gt?: string | null;
  @Field(() => String, { nullable: true, description: 'Greater than or equal to (as gt).' }) ge?: string | null;
  @Field(() => String, { nullable: true, description: 'Less than (as gt).' }) lt?: string | null;
  @Field(() => String, { nullable: true, description: 'Less than or equal to (as gt).' }) le?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the user has a value (a non-empty list for multi-valued attributes); false: none.' }) present?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Equal to this boolean.' }) equalsBoolean?: boolean | null;
  @Field(() => Number, { nullable: true, description: 'Equal to this number.' }) equalsNumber?: number | null;
  @Field(() => Number, { nullable: true, description: 'Number greater than.' }) gtNumber?: number | null;
  @Field(() => Number, { nullable: true, description: 'Number less than.' }) ltNumber?: number | null;
}

@InputType({ description: 'Conditions on a role.' })
export class RoleFilter {
  @Field(() => UserRoleEnum, { nullable: true, description: 'The effective role is this one.' }) eq?: UserRole | null;
  @Field(() => [UserRoleEnum], { nullable: true, description: 'The effective role is one of these (an empty list matches nothing).' }) in?: UserRole[] | null;
}

@InputType({ description: 'Conditions on the provisioning source.' })
export class ProvisioningSourceFilter {
  @Field(() => ProvisioningSourceEnum, { nullable: true, description: 'Provisioned by this source.' }) eq?: ProvisioningSource | null;
  @Field(() => [ProvisioningSourceEnum], { nullable: true, description: 'Provisioned by one of these sources (an empty list matches nothing).' }) in?:
    ProvisioningSource[] | null;
}

@InputType({ description: "Conditions on a user's manager." })
export class ManagerFilter {
  @Field(() => ID, { nullable: true, description: 'The manager is this user (an id that is not a UUID matches nothing).' }) eq?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has a manager; false: has none.' }) present?: boolean | null;
}

@InputType({ description: 'A user filter. All conditions given on one object must hold; combine objects with and / or / not.' })
export class UserFilter {
  @Field(() => [UserFilter], {
    nullable: true,
    description: 'Every one of these filters must match (a filter has at most 200 conditions, nested at most 12 deep).',
  })
  and?: UserFilter[] | null;
  @Field(() => [UserFilter], { nullable: true, description: 'At least one of these filters must match (an empty list matches nothing).' }) or?:
    UserFilter[] | null;
  @Field(() => UserFilter, { nullable: true, description: 'This filter must not match.' }) not?: UserFilter | null;
  @Field(() => IdFilter, { nullable: true, description: 'Conditions on the user id.' }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-insensitive; order comparisons in byte order (collate "C").' })
  userName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-sensitive.' }) externalId?: StringFilter | null;
  @Field(() => StringFilter, {
    nullable: true,
    description: 'Any of the email addresses, ignoring case (eq/ne/in on the whole address; ne also matches users without email).',
  })
  email?: StringFilter | null;
  @Field(() => MultiValueFilter, {
    nullable: true,
    description: 'Some email element satisfies all these conditions at once (e.g. type work and value ending in @acme.example).',
  })
  emails?: MultiValueFilter | null;
  @Field(() => MultiValueFilter, { nullable: true, description: 'Some phone number satisfies all these conditions at once.' })
  phoneNumbers?: MultiValueFilter | null;
  @Field(() => AddressFilter, { nullable: true, description: 'Some address satisfies all these conditions at once.' }) addresses?: AddressFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'true: active users only; false: deactivated users only.' }) active?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only the history copies that reactivation as a new user (policy `reactivation: NEW_USER`) keeps; false: none of them. SCIM lists leave them out.',
  })
  historyCopy?: boolean | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.givenName, ignoring case.' }) givenName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.familyName, ignoring case.' }) familyName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.middleName, ignoring case.' }) middleName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.honorificPrefix, ignoring case.' }) honorificPrefix?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.honorificSuffix, ignoring case.' }) honorificSuffix?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on name.formatted, ignoring case.' }) formattedName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on displayName, ignoring case.' }) displayName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on nickName, ignoring case.' }) nickName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on profileUrl, ignoring case.' }) profileUrl?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on title, ignoring case.' }) title?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on userType, ignoring case.' }) userType?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on locale, ignoring case.' }) locale?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on preferredLanguage, ignoring case.' }) preferredLanguage?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on timezone, ignoring case.' }) timezone?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on employeeNumber, ignoring case.' }) employeeNumber?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on costCenter, ignoring case.' }) costCenter?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on organizationName, ignoring case.' }) organizationName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on division, ignoring case.' }) division?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Conditions on department, ignoring case.' }) department?: StringFilter | null;
  @Field(() => RoleFilter, { nullable: true, description: 'Conditions on the effective role.' }) role?: RoleFilter | null;
  @Field(() => ProvisioningSourceFilter, { nullable: true, description: 'Conditions on how the user was provisioned.' })
  provisionedBy?: ProvisioningSourceFilter | null;
  @Field(() => ID, { nullable: true, description: 'Member of this group (an id that is not a UUID matches nothing).' }) groupId?: string | null;
  @Field(() => ManagerFilter, { nullable: true, description: "Conditions on the user's manager." }) managerId?: ManagerFilter | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Conditions on the creation time.' }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Conditions on the time of the last change.' }) updatedAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Conditions on the deactivation time (absent while active).' })
  deactivatedAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Time of the last SAML sign-in (null for users who never signed in).' })
  lastSignInAt?: DateTimeFilter | null;
  @Field(() => [CustomAttributeFilter], { nullable: true, description: 'Conditions on custom attributes; every one must hold.' }) customAttributes?:
    CustomAttributeFilter[] | null;
}

@InputType({
  description:
    'Sort order of users. Ties are broken by id. Keyset paging is stable under concurrent writes when sorting by an immutable key (CREATED_AT); by a key that changes (UPDATED_AT, DEPARTMENT, a name, …) a user that moved while you page can be returned twice or skipped.',
})
export class UserSort {
  @Field(() => UserSortFieldEnum, { description: 'The sort key; CREATED_AT (the default when no sort is given) keeps paging stable under concurrent writes.' })
  field!: UserSortField;
  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: 'ASC', description: 'ASC (default): missing values first; DESC: missing values last.' })
  direction?: 'ASC' | 'DESC';
  @Field(() => String, { nullable: true, description: 'With field CUSTOM_ATTRIBUTE: the attribute to sort by.' }) customAttribute?: string | null;
}

@ObjectType({ description: 'Users by provisioning source (every source is listed, with 0 when it has none).' })
export class SourceCount {
  @Field(() => ProvisioningSourceEnum, { description: 'How these users came to exist.' }) source!: ProvisioningSource;
  @Field(() => Int, { description: 'All users from this source, active or not.' }) count!: number;
  @Field(() => Int, { description: 'Active users from this source.' }) active!: number;
}

@ObjectType({ description: 'Users by role (every role is listed, least privileged first, with 0 when it has none).' })
export class RoleCount {
  @Field(() => UserRoleEnum, { description: 'The role.' }) role!: UserRole;
  @Field(() => Int, { description: 'All users with this role, active or not.' }) count!: number;
  @Field(() => Int, { description: 'Active users with this role.' }) active!: number;
}

@ObjectType({
  description:
    'Counts for dashboards, read in one statement (one consistent snapshot). History copies that NEW_USER reactivations keep are not users: they appear only in `historyCopies`.',
})
export class UserStats {
  @Field(() => Int, { description: 'Users of the organization, active or not (`users` with `historyCopy: false` lists them).' }) totalUsers!: number;
  @Field(() => Int, { description: 'Active users: those who may sign in.' }) activeUsers!: number;
  @Field(() => Int, { description: 'Deactivated users (kept, and reactivatable).' }) inactiveUsers!: number;
  @Field(() => Int, { description: 'Seats in use: active users.' }) seatsUsed!: number;
  @Field(() => Int, { description: 'Deactivated history copies kept by NEW_USER reactivations (`users` with `historyCopy: true`); in no other count.' })
  historyCopies!: number;
  @Field(() => [SourceCount], { description: 'Users by provisioning source.' }) bySource!: SourceCount[];
  @Field(() => [RoleCount], { description: 'Users by role.' }) byRole!: RoleCount[];
}

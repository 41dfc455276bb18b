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
  @Field(() => String, { nullable: true }) formatted!: string | null;
  @Field(() => String, { nullable: true }) streetAddress!: string | null;
  @Field(() => String, { nullable: true, description: 'City or locality.' }) locality!: string | null;
  @Field(() => String, { nullable: true, description: 'State or region.' }) region!: string | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Country, ISO 3166-1 alpha-2 code in SCIM.' }) country!: string | null;
}

@ObjectType({ description: 'A person in an organization, provisioned by SCIM, created at first SAML sign-in, or created through this API.' })
export class User {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The organization the user belongs to.' }) organizationId!: string;
  @Field(() => String, { description: 'Unique login name within the organization (case-insensitive), usually the email address.' }) userName!: string;
  @Field(() => String, { nullable: true, description: "The identity provider's id for the user; unique within the organization when set." })
  externalId!: string | null;
  @Field(() => Boolean, { description: 'False once deactivated (unassigned in the identity provider). Deactivated users cannot sign in.' }) active!: boolean;
  @Field(() => UserName, { description: 'Name components.' }) name!: UserName;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field(() => String, { nullable: true }) nickName!: string | null;
  @Field(() => String, { nullable: true }) profileUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'Job title.' }) title!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "Employee", "Contractor".' }) userType!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "en-US".' }) locale!: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage!: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. "America/Los_Angeles".' }) timezone!: string | null;
  @Field(() => String, { nullable: true }) employeeNumber!: string | null;
  @Field(() => String, { nullable: true }) costCenter!: string | null;
  @Field(() => String, { nullable: true, description: "The enterprise extension's `organization` (a company or business unit name)." })
  organizationName!: string | null;
  @Field(() => String, { nullable: true }) division!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => ID, { nullable: true, description: "Id of the user's manager." }) managerId!: string | null;
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
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change to any attribute.' }) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the user was last deactivated; null while active.' }) deactivatedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSignInAt!: Date | null;
  @Field(() => Int, { description: 'Increases by one on every change (the SCIM ETag is derived from it).' }) version!: number;
}

@ObjectType()
export class UserEdge {
  @Field(() => String) cursor!: string;
  @Field(() => User) node!: User;
}

@ObjectType({ description: 'A page of users.' })
export class UserConnection {
  @Field(() => [UserEdge]) edges!: UserEdge[];
  @Field(() => [User], { description: 'The users of this page (the same as edges[].node).' }) nodes!: User[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counts the matches; called by the totalCount field resolver only when that field is selected. */
  countTotal!: () => Promise<number>;
}

@InputType({ description: 'Name components; in an update, an omitted component is kept and null clears it.' })
export class UserNameInput {
  @Field(() => String, { nullable: true }) formatted?: string | null;
  @Field(() => String, { nullable: true }) familyName?: string | null;
  @Field(() => String, { nullable: true }) givenName?: string | null;
  @Field(() => String, { nullable: true }) middleName?: string | null;
  @Field(() => String, { nullable: true }) honorificPrefix?: string | null;
  @Field(() => String, { nullable: true }) honorificSuffix?: string | null;
}

@InputType({ description: 'One value of a multi-valued attribute.' })
export class MultiValueInput {
  @Field(() => String) value!: string;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) primary?: boolean;
  @Field(() => String, { nullable: true }) display?: string | null;
}

@InputType({ description: 'A postal address.' })
export class AddressInput {
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) primary?: boolean;
  @Field(() => String, { nullable: true }) formatted?: string | null;
  @Field(() => String, { nullable: true }) streetAddress?: string | null;
  @Field(() => String, { nullable: true }) locality?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

/** Fields shared by create and update. In an update, omitted fields are kept and null clears. */
@InputType({ description: 'Attributes of a user; in an update, an omitted field is kept and null clears it.' })
export class UserAttributesInput {
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => UserNameInput, { nullable: true }) name?: UserNameInput | null;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => String, { nullable: true }) nickName?: string | null;
  @Field(() => String, { nullable: true }) profileUrl?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) userType?: string | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => String, { nullable: true }) preferredLanguage?: string | null;
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field(() => String, { nullable: true }) employeeNumber?: string | null;
  @Field(() => String, { nullable: true }) costCenter?: string | null;
  @Field(() => String, { nullable: true }) organizationName?: string | null;
  @Field(() => String, { nullable: true }) division?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => [MultiValueInput], { nullable: true }) emails?: MultiValueInput[] | null;
  @Field(() => [MultiValueInput], { nullable: true }) phoneNumbers?: MultiValueInput[] | null;
  @Field(() => [AddressInput], { nullable: true }) addresses?: AddressInput[] | null;
  @Field(() => UserRoleEnum, { nullable: true, description: 'Sets the base role; group-to-role rules may raise the effective role.' }) role?: UserRole | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Custom attribute values by reference name; merged into the existing values, null removes one.' })
  customAttributes?: Record<string, unknown> | null;
}

@InputType({ description: 'A new user.' })
export class CreateUserInput extends UserAttributesInput {
  @Field(() => String, { description: 'Unique (case-insensitively) within the organization.' }) userName!: string;
}

@InputType({ description: 'Changes to a user: omitted fields are kept, null clears a field.' })
export class UpdateUserInput extends UserAttributesInput {
  @Field(() => String, { nullable: true }) userName?: string | null;
}

@InputType({ description: 'Conditions on one element of a multi-valued attribute; all must hold for the same element.' })
export class MultiValueFilter {
  @Field(() => StringFilter, { nullable: true }) value?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) type?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) display?: StringFilter | null;
  @Field(() => Boolean, { nullable: true }) primary?: boolean | null;
}

@InputType({ description: 'Conditions on one address; all must hold for the same address.' })
export class AddressFilter {
  @Field(() => StringFilter, { nullable: true }) type?: StringFilter | null;
  @Field(() => Boolean, { nullable: true }) primary?: boolean | null;
  @Field(() => StringFilter, { nullable: true }) formatted?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) streetAddress?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) locality?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) region?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) postalCode?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) country?: StringFilter | null;
}

@InputType({ description: 'Conditions on one custom attribute. String operators ignore case; `eq`/`in` match exactly (also elements of multi-valued attributes).' })
export class CustomAttributeFilter {
  @Field(() => String, { description: 'Reference name of the attribute.' }) name!: string;
  @Field(() => String, { nullable: true }) eq?: string | null;
  @Field(() => String, { nullable: true }) ne?: string | null;
  @Field(() => [String], { nullable: true }) in?: string[] | null;
  @Field(() => String, { nullable: true }) contains?: string | null;
  @Field(() => String, { nullable: true }) startsWith?: string | null;
  @Field(() => String, { nullable: true }) endsWith?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'contains, startsWith and endsWith compare case-sensitively, as eq does (default: they ignore case).' }) caseSensitive?: boolean | null;
  @Field(() => String, { nullable: true, description: 'String (e.g. ISO date-time) greater than.' }) gt?: string | null;
  @Field(() => String, { nullable: true }) ge?: string | null;
  @Field(() => String, { nullable: true }) lt?: string | null;
  @Field(() => String, { nullable: true }) le?: string | null;
  @Field(() => Boolean, { nullable: true }) present?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Equal to this boolean.' }) equalsBoolean?: boolean | null;
  @Field(() => Number, { nullable: true, description: 'Equal to this number.' }) equalsNumber?: number | null;
  @Field(() => Number, { nullable: true, description: 'Number greater than.' }) gtNumber?: number | null;
  @Field(() => Number, { nullable: true, description: 'Number less than.' }) ltNumber?: number | null;
}

@InputType({ description: 'Conditions on a role.' })
export class RoleFilter {
  @Field(() => UserRoleEnum, { nullable: true }) eq?: UserRole | null;
  @Field(() => [UserRoleEnum], { nullable: true }) in?: UserRole[] | null;
}

@InputType({ description: 'Conditions on the provisioning source.' })
export class ProvisioningSourceFilter {
  @Field(() => ProvisioningSourceEnum, { nullable: true }) eq?: ProvisioningSource | null;
  @Field(() => [ProvisioningSourceEnum], { nullable: true }) in?: ProvisioningSource[] | null;
}

@InputType({ description: "Conditions on a user's manager." })
export class ManagerFilter {
  @Field(() => ID, { nullable: true }) eq?: string | null;
  @Field(() => Boolean, { nullable: true }) present?: boolean | null;
}

@InputType({ description: 'A user filter. All conditions given on one object must hold; combine objects with and / or / not.' })
export class UserFilter {
  @Field(() => [UserFilter], { nullable: true }) and?: UserFilter[] | null;
  @Field(() => [UserFilter], { nullable: true }) or?: UserFilter[] | null;
  @Field(() => UserFilter, { nullable: true }) not?: UserFilter | null;
  @Field(() => IdFilter, { nullable: true }) id?: IdFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-insensitive.' }) userName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Case-sensitive.' }) externalId?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true, description: 'Any of the email addresses.' }) email?: StringFilter | null;
  @Field(() => MultiValueFilter, { nullable: true }) emails?: MultiValueFilter | null;
  @Field(() => MultiValueFilter, { nullable: true }) phoneNumbers?: MultiValueFilter | null;
  @Field(() => AddressFilter, { nullable: true }) addresses?: AddressFilter | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only the history copies that reactivation as a new user (policy `reactivation: NEW_USER`) keeps; false: none of them. SCIM lists leave them out.',
  })
  historyCopy?: boolean | null;
  @Field(() => StringFilter, { nullable: true }) givenName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) familyName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) middleName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) honorificPrefix?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) honorificSuffix?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) formattedName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) displayName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) nickName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) profileUrl?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) title?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) userType?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) locale?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) preferredLanguage?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) timezone?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) employeeNumber?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) costCenter?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) organizationName?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) division?: StringFilter | null;
  @Field(() => StringFilter, { nullable: true }) department?: StringFilter | null;
  @Field(() => RoleFilter, { nullable: true }) role?: RoleFilter | null;
  @Field(() => ProvisioningSourceFilter, { nullable: true }) provisionedBy?: ProvisioningSourceFilter | null;
  @Field(() => ID, { nullable: true, description: 'Member of this group.' }) groupId?: string | null;
  @Field(() => ManagerFilter, { nullable: true }) managerId?: ManagerFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) deactivatedAt?: DateTimeFilter | null;
  @Field(() => DateTimeFilter, { nullable: true }) lastSignInAt?: DateTimeFilter | null;
  @Field(() => [CustomAttributeFilter], { nullable: true }) customAttributes?: CustomAttributeFilter[] | null;
}

@InputType({ description: 'Sort order of users (ties are broken by id, so paging is stable).' })
export class UserSort {
  @Field(() => UserSortFieldEnum) field!: UserSortField;
  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: 'ASC' }) direction?: 'ASC' | 'DESC';
  @Field(() => String, { nullable: true, description: 'With field CUSTOM_ATTRIBUTE: the attribute to sort by.' }) customAttribute?: string | null;
}

@ObjectType({ description: 'Users by provisioning source (every source is listed, with 0 when it has none).' })
export class SourceCount {
  @Field(() => ProvisioningSourceEnum) source!: ProvisioningSource;
  @Field(() => Int, { description: 'All users from this source, active or not.' }) count!: number;
  @Field(() => Int, { description: 'Active users from this source.' }) active!: number;
}

@ObjectType({ description: 'Users by role (every role is listed, least privileged first, with 0 when it has none).' })
export class RoleCount {
  @Field(() => UserRoleEnum) role!: UserRole;
  @Field(() => Int, { description: 'All users with this role, active or not.' }) count!: number;
  @Field(() => Int, { description: 'Active users with this role.' }) active!: number;
}

@ObjectType({ description: 'Counts for dashboards, read in one statement (one consistent snapshot). History copies that NEW_USER reactivations keep are not users: they appear only in `historyCopies`.' })
export class UserStats {
  @Field(() => Int, { description: 'Users of the organization, active or not (`users` with `historyCopy: false` lists them).' }) totalUsers!: number;
  @Field(() => Int, { description: 'Active users: those who may sign in.' }) activeUsers!: number;
  @Field(() => Int, { description: 'Deactivated users (kept, and reactivatable).' }) inactiveUsers!: number;
  @Field(() => Int, { description: 'Seats in use: active users.' }) seatsUsed!: number;
  @Field(() => Int, { description: 'Deactivated history copies kept by NEW_USER reactivations (`users` with `historyCopy: true`); in no other count.' }) historyCopies!: number;
  @Field(() => [SourceCount], { description: 'Users by provisioning source.' }) bySource!: SourceCount[];
  @Field(() => [RoleCount], { description: 'Users by role.' }) byRole!: RoleCount[];
}

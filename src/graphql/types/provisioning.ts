import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { CUSTOM_ATTRIBUTE_TYPES, PROVISIONING_MODES, REACTIVATION_MODES, type AttributeSource, type CustomAttributeType, type ProvisioningMode, type ReactivationMode, type TransformSpec } from '../../core/entities/provisioning.js';
import type { UserRole } from '../../core/entities/user.js';
import { ProvisioningSourceEnum, UserRoleEnum } from './common.js';
import { User } from './user.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ProvisioningModeEnum = enumOf(PROVISIONING_MODES);
registerEnumType(ProvisioningModeEnum, {
  name: 'ProvisioningMode',
  description: 'SCIM: only the IdP creates users (unknown users cannot sign in). FIRST_LOGIN: users are created at their first SAML sign-in (SCIM may update and deactivate, not create). SCIM_AND_FIRST_LOGIN: both.',
});
export const ReactivationModeEnum = enumOf(REACTIVATION_MODES);
registerEnumType(ReactivationModeEnum, { name: 'ReactivationMode', description: 'RESTORE: the same user comes back (id, memberships, role). NEW_USER: the user starts afresh under the same id (no memberships, default role); its old record is kept as a deactivated history copy.' });
export const CustomAttributeTypeEnum = enumOf(CUSTOM_ATTRIBUTE_TYPES);
registerEnumType(CustomAttributeTypeEnum, { name: 'CustomAttributeType', description: 'Value type of a custom attribute (DATETIME values are ISO-8601, stored in UTC).' });
export const MappingSourceEnum = enumOf(['SCIM', 'SAML'] as const);
registerEnumType(MappingSourceEnum, { name: 'MappingSource', description: 'A source of attributes that mapping rules translate.' });
export const TransformKindEnum = enumOf(['TRIM', 'LOWER', 'UPPER', 'SPLIT', 'JOIN', 'DEFAULT', 'REGEX_EXTRACT', 'LOOKUP'] as const);
registerEnumType(TransformKindEnum, { name: 'TransformKind', description: 'A step applied to a source value before it reaches its target.' });
export const RuleOriginEnum = enumOf(['RULE', 'DEFAULT', 'IMPLICIT'] as const);
registerEnumType(RuleOriginEnum, { name: 'RuleOrigin', description: "RULE: the organization's own rule; DEFAULT: a built-in default rule; IMPLICIT: a custom attribute read from the source attribute of its own name." });

@ObjectType({ description: 'Membership in the group grants the role (the highest granted role wins; roles never fall below the base role).' })
export class GroupRoleRule {
  @Field(() => ID) groupId!: string;
  @Field(() => UserRoleEnum) role!: UserRole;
}

@InputType()
export class GroupRoleRuleInput {
  @Field(() => ID) groupId!: string;
  @Field(() => UserRoleEnum) role!: UserRole;
}

@ObjectType({ description: "An organization's provisioning policy (docs/PROVISIONING.md)." })
export class ProvisioningPolicy {
  @Field(() => ProvisioningModeEnum) mode!: ProvisioningMode;
  @Field(() => UserRoleEnum, { description: 'Base role of newly provisioned users.' }) defaultRole!: UserRole;
  @Field(() => [GroupRoleRule]) groupRoleRules!: GroupRoleRule[];
  @Field(() => Boolean, { description: 'Deactivation also removes the user from every group (sessions are always revoked).' }) deactivationRemovesMemberships!: boolean;
  @Field(() => ReactivationModeEnum) reactivation!: ReactivationMode;
  @Field(() => Boolean, { description: 'A group push may create the members that are not users yet.' }) groupPushProvisionsMembers!: boolean;
  @Field(() => Int, { nullable: true, description: 'Maximum active users; null = unlimited.' }) seatLimit!: number | null;
  @Field(() => [String], { description: 'Email domains allowed for first-login users; empty = any.' }) allowedEmailDomains!: string[];
  @Field(() => Int, { description: 'Lifetime of sessions opened by SAML sign-in.' }) sessionLifetimeSeconds!: number;
  @Field(() => [ProvisioningSourceEnum], { description: 'Sources from most to least authoritative: a sync never overwrites a field last written by a higher source.' })
  attributePrecedence!: AttributeSource[];
  @Field(() => Int, { description: '0 while the organization uses the defaults.' }) version!: number;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@InputType({ description: 'Policy changes: omitted fields are kept. seatLimit: null removes the limit.' })
export class ProvisioningPolicyInput {
  @Field(() => ProvisioningModeEnum, { nullable: true }) mode?: ProvisioningMode | null;
  @Field(() => UserRoleEnum, { nullable: true }) defaultRole?: UserRole | null;
  @Field(() => [GroupRoleRuleInput], { nullable: true }) groupRoleRules?: GroupRoleRuleInput[] | null;
  @Field(() => Boolean, { nullable: true }) deactivationRemovesMemberships?: boolean | null;
  @Field(() => ReactivationModeEnum, { nullable: true }) reactivation?: ReactivationMode | null;
  @Field(() => Boolean, { nullable: true }) groupPushProvisionsMembers?: boolean | null;
  @Field(() => Int, { nullable: true }) seatLimit?: number | null;
  @Field(() => [String], { nullable: true }) allowedEmailDomains?: string[] | null;
  @Field(() => Int, { nullable: true }) sessionLifetimeSeconds?: number | null;
  @Field(() => [ProvisioningSourceEnum], { nullable: true }) attributePrecedence?: AttributeSource[] | null;
}

@ObjectType({ description: 'A typed attribute the organization adds to its users.' })
export class CustomAttributeDefinition {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Reference name: the key identity providers map to (e.g. cost_center).' }) name!: string;
  @Field(() => String) displayName!: string;
  @Field(() => CustomAttributeTypeEnum) type!: CustomAttributeType;
  @Field(() => Boolean) multiValued!: boolean;
  @Field(() => [GraphQLJSON], { nullable: true, description: 'When set, values must be one of these.' }) allowedValues!: Array<string | number> | null;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@InputType()
export class DefineCustomAttributeInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => CustomAttributeTypeEnum) type!: CustomAttributeType;
  @Field(() => Boolean, { nullable: true }) multiValued?: boolean | null;
  @Field(() => [GraphQLJSON], { nullable: true }) allowedValues?: Array<string | number> | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
}

@InputType({ description: 'Changes to a definition; omitted fields are kept. The type can change only while no user has a value.' })
export class UpdateCustomAttributeInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => CustomAttributeTypeEnum, { nullable: true }) type?: CustomAttributeType | null;
  @Field(() => [GraphQLJSON], { nullable: true, description: 'null or [] removes the list.' }) allowedValues?: Array<string | number> | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
}

@ObjectType()
export class CustomAttributeDeletion {
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Users whose value was removed.' }) usersChanged!: number;
}

@ObjectType({ description: 'One transform step.' })
export class Transform {
  @Field(() => TransformKindEnum) kind!: TransformSpec['kind'];
  @Field(() => String, { nullable: true, description: 'SPLIT / JOIN separator.' }) separator!: string | null;
  @Field(() => String, { nullable: true, description: 'DEFAULT value when the source is absent.' }) value!: string | null;
  @Field(() => String, { nullable: true, description: 'REGEX_EXTRACT pattern (JavaScript syntax, unicode mode).' }) pattern!: string | null;
  @Field(() => Int, { nullable: true, description: 'REGEX_EXTRACT capture group (default 1).' }) group!: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'LOOKUP table: source value → target value.' }) table!: Record<string, string> | null;
  @Field(() => Boolean, { nullable: true, description: 'LOOKUP: drop values missing from the table (default: keep them).' }) dropUnmatched!: boolean | null;
}

@InputType()
export class TransformInput {
  @Field(() => TransformKindEnum) kind!: TransformSpec['kind'];
  @Field(() => String, { nullable: true }) separator?: string | null;
  @Field(() => String, { nullable: true }) value?: string | null;
  @Field(() => String, { nullable: true }) pattern?: string | null;
  @Field(() => Int, { nullable: true }) group?: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) table?: Record<string, string> | null;
  @Field(() => Boolean, { nullable: true }) dropUnmatched?: boolean | null;
}

@ObjectType({ description: 'source attribute → target, through transforms.' })
export class MappingRule {
  @Field(() => String, { description: 'Source attribute name (SAML attribute Name, or the SCIM attribute path such as name.givenName or a full enterprise URN path); matched ignoring case.' })
  source!: string;
  @Field(() => String, { description: 'A user attribute (givenName, title, department, emails, email, managerId, role, …), custom:<name>, and for SAML also userName or groups.' })
  target!: string;
  @Field(() => [Transform]) transforms!: Transform[];
}

@InputType()
export class MappingRuleInput {
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
  @Field(() => [TransformInput], { nullable: true, defaultValue: [] }) transforms?: TransformInput[];
}

@ObjectType({ description: "A source's ordered rules; the first rule that yields a value for a target wins." })
export class AttributeMapping {
  @Field(() => MappingSourceEnum) source!: 'SCIM' | 'SAML';
  @Field(() => [MappingRule]) rules!: MappingRule[];
  @Field(() => Boolean, { description: 'True while the built-in defaults apply.' }) isDefault!: boolean;
}

@ObjectType({ description: 'What one rule did.' })
export class RuleOutcome {
  @Field(() => Int) index!: number;
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
  @Field(() => RuleOriginEnum) origin!: 'RULE' | 'DEFAULT' | 'IMPLICIT';
  @Field(() => Boolean) fired!: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@InputType({ description: 'A user described by a source: identity fields plus raw attributes for the mappings.' })
export class ProvisionUserInput {
  @Field(() => ID, { nullable: true, description: 'Update this user; omit to create.' }) userId?: string | null;
  @Field(() => String, { nullable: true }) userName?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => GraphQLJSONObject, { description: 'Raw source attributes, e.g. {"name.givenName": "Ada", "emails": [{"value": "…", "type": "work"}]}.' })
  attributes!: Record<string, unknown>;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => MappingSourceEnum, { nullable: true, description: 'Whose mappings to apply; required for API keys, implied for SCIM tokens.' }) source?: 'SCIM' | 'SAML' | null;
  @Field(() => Boolean, { nullable: true, description: 'The attributes are a change (SCIM PATCH), not the complete user: only attributes present are written.' })
  partial?: boolean | null;
}

@ObjectType()
export class ProvisionResult {
  @Field(() => User) user!: User;
  @Field(() => Boolean) created!: boolean;
  @Field(() => Boolean, { description: 'A deactivated user was restored (or started afresh, under NEW_USER) instead of a conflict.' }) restored!: boolean;
  @Field(() => [String], { description: 'Fields not written because a more authoritative source owns them.' }) skippedFields!: string[];
  @Field(() => [RuleOutcome]) rules!: RuleOutcome[];
}

@InputType()
export class SignInInput {
  @Field(() => String, { description: 'The SAML NameID.' }) subject!: string;
  @Field(() => GraphQLJSONObject, { description: 'Assertion attributes by Name (values as lists).' }) attributes!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) sessionIndex?: string | null;
}

@ObjectType({ description: 'An attribute value a sign-in left out because the user model refuses it.' })
export class RefusedAttribute {
  @Field(() => String, { description: 'The user field the value was mapped to.' }) field!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
export class SignInResult {
  @Field(() => User) user!: User;
  @Field(() => Boolean, { description: 'Created by this sign-in (first-login provisioning).' }) created!: boolean;
  @Field(() => String, { description: 'Session secret for the cookie; shown once, stored hashed.' }) sessionToken!: string;
  @Field(() => Date) sessionExpiresAt!: Date;
  @Field(() => [String]) skippedFields!: string[];
  @Field(() => [RefusedAttribute], { description: 'Values the user model refuses (e.g. a title with a control character): left out, and the sign-in went ahead.' })
  refusedAttributes!: RefusedAttribute[];
  @Field(() => [RuleOutcome]) rules!: RuleOutcome[];
}

@ObjectType({ description: 'A session and its user.' })
export class SessionInfo {
  @Field(() => User) user!: User;
  @Field(() => Date) expiresAt!: Date;
}

@InputType({ description: 'What to preview: SCIM fields (userId/userName/externalId/active) or a SAML subject, plus raw attributes.' })
export class PreviewInput {
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => String, { nullable: true }) userName?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'SAML NameID.' }) subject?: string | null;
  @Field(() => GraphQLJSONObject) attributes!: Record<string, unknown>;
}

@ObjectType()
export class PreviewError {
  @Field(() => String) code!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
}

@ObjectType({ description: 'What a provisioning or sign-in would do; nothing is written.' })
export class ProvisioningPreview {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The resulting user (null when the call would fail).' }) user!: Record<string, unknown> | null;
  @Field(() => Boolean) created!: boolean;
  @Field(() => [String]) skippedFields!: string[];
  @Field(() => [RefusedAttribute], { description: 'SAML: attribute values the sign-in would leave out (the user model refuses them).' }) refusedAttributes!: RefusedAttribute[];
  @Field(() => [RuleOutcome]) rules!: RuleOutcome[];
  @Field(() => PreviewError, { nullable: true }) error!: PreviewError | null;
}

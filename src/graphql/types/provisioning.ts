import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import {
  CUSTOM_ATTRIBUTE_TYPES,
  PROVISIONING_MODES,
  REACTIVATION_MODES,
  type AttributeSource,
  type CustomAttributeType,
  type ProvisioningMode,
  type ReactivationMode,
  type TransformSpec,
} from '../../core/entities/provisioning.js';
import type { UserRole } from '../../core/entities/user.js';
import type { IdentityProviderKind } from '../../core/idp-profile-data.js';
import { ProvisioningSourceEnum, UserRoleEnum } from './common.js';
import { IdentityProviderKindEnum } from './identity-provider-kind.js';
import { User } from './user.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ProvisioningModeEnum = enumOf(PROVISIONING_MODES);
registerEnumType(ProvisioningModeEnum, {
  name: 'ProvisioningMode',
  description:
    'SCIM: only the IdP creates users (unknown users cannot sign in). FIRST_LOGIN: users are created at their first SAML sign-in (SCIM may update and deactivate, not create). SCIM_AND_FIRST_LOGIN: both.',
  valuesConfig: {
    SCIM: { description: 'Only SCIM creates users; a SAML sign-in of an unknown user is refused (FORBIDDEN signIn.unknownUser).' },
    FIRST_LOGIN: {
      description:
        'Users are created at their first SAML sign-in; SCIM may update and deactivate them but not create (FORBIDDEN policy.mode.scimCreateDisabled).',
    },
    SCIM_AND_FIRST_LOGIN: { description: 'Both SCIM and a first SAML sign-in create users (the default).' },
  },
});
export const ReactivationModeEnum = enumOf(REACTIVATION_MODES);
registerEnumType(ReactivationModeEnum, {
  name: 'ReactivationMode',
  description:
    'RESTORE: the same user comes back (id, memberships, role). NEW_USER: the user starts afresh under the same id (no memberships, default role); its old record is kept as a deactivated history copy.',
  valuesConfig: {
    RESTORE: { description: 'The same user comes back with its id, attributes and role, and the memberships deactivation left it (the default).' },
    NEW_USER: {
      description:
        'The user starts afresh under the same id (no memberships, default role); the old record is kept as a deactivated history copy (`historyCopy: true`).',
    },
  },
});
export const CustomAttributeTypeEnum = enumOf(CUSTOM_ATTRIBUTE_TYPES);
registerEnumType(CustomAttributeTypeEnum, {
  name: 'CustomAttributeType',
  description: 'Value type of a custom attribute (DATETIME values are ISO-8601, stored in UTC).',
  valuesConfig: {
    STRING: { description: 'Text, at most 2048 characters (numbers and booleans are stored as their text).' },
    INTEGER: { description: 'A whole number, at most 2^53 - 1 in magnitude (numeric strings are accepted).' },
    BOOLEAN: { description: 'true or false (the strings "true"/"false" in any case are accepted).' },
    DATETIME: { description: 'An ISO-8601 date or date-time, stored as UTC ISO text so that text order is time order.' },
  },
});
export const MappingSourceEnum = enumOf(['SCIM', 'SAML'] as const);
registerEnumType(MappingSourceEnum, {
  name: 'MappingSource',
  description: 'A source of attributes that mapping rules translate.',
  valuesConfig: {
    SCIM: { description: 'SCIM user resources, by flattened attribute path (name.givenName, emails, enterprise URN paths).' },
    SAML: { description: 'SAML assertion attributes, by attribute Name.' },
  },
});
export const TransformKindEnum = enumOf(['TRIM', 'LOWER', 'UPPER', 'SPLIT', 'JOIN', 'DEFAULT', 'REGEX_EXTRACT', 'LOOKUP'] as const);
registerEnumType(TransformKindEnum, {
  name: 'TransformKind',
  description: 'A step applied to a source value before it reaches its target.',
  valuesConfig: {
    TRIM: { description: 'Removes leading and trailing white space.' },
    LOWER: { description: 'Lower-cases.' },
    UPPER: { description: 'Upper-cases.' },
    SPLIT: { description: 'Splits each value at `separator` into several (parts trimmed, empty parts dropped).' },
    JOIN: { description: 'Joins the values (empty ones dropped) with `separator` into one.' },
    DEFAULT: { description: 'Uses `value` when the source yields nothing (absent or empty).' },
    REGEX_EXTRACT: { description: 'Keeps the capture `group` of the first match of `pattern`; values that do not match are dropped.' },
    LOOKUP: {
      description:
        'Replaces each value by its entry in `table` (exact key first, then ignoring case); unmatched values are kept, or dropped with dropUnmatched.',
    },
  },
});
export const RuleOriginEnum = enumOf(['RULE', 'DEFAULT', 'IMPLICIT'] as const);
registerEnumType(RuleOriginEnum, {
  name: 'RuleOrigin',
  description:
    "RULE: the organization's own rule; DEFAULT: a built-in default rule; IMPLICIT: a custom attribute read from the source attribute of its own name.",
  valuesConfig: {
    RULE: { description: "One of the organization's own rules." },
    DEFAULT: { description: 'A built-in default rule (no rule of the organization names its target, and the organization has not disabled it).' },
    IMPLICIT: { description: 'A defined custom attribute that no rule targets, read from the source attribute of its own name.' },
  },
});

@ObjectType({ description: 'Membership in the group grants the role (the highest granted role wins; roles never fall below the base role).' })
export class GroupRoleRule {
  @Field(() => ID, { description: 'The group whose members get the role.' }) groupId!: string;
  @Field(() => UserRoleEnum, { description: 'The role its members get at least.' }) role!: UserRole;
}

@InputType({ description: 'Members of the group get at least the role.' })
export class GroupRoleRuleInput {
  @Field(() => ID, { description: 'A group of the organization.' }) groupId!: string;
  @Field(() => UserRoleEnum, { description: 'The role its members get at least.' }) role!: UserRole;
}

@ObjectType({ description: "An organization's provisioning policy (docs/PROVISIONING.md)." })
export class ProvisioningPolicy {
  @Field(() => ProvisioningModeEnum, { description: 'Who may create users (default SCIM_AND_FIRST_LOGIN).' }) mode!: ProvisioningMode;
  @Field(() => UserRoleEnum, { description: 'Base role of newly provisioned users (default MEMBER).' }) defaultRole!: UserRole;
  @Field(() => [GroupRoleRule], { description: 'Group-to-role rules (at most 100); empty by default.' }) groupRoleRules!: GroupRoleRule[];
  @Field(() => Boolean, { description: 'Deactivation also removes the user from every group (sessions are always revoked). Default false.' })
  deactivationRemovesMemberships!: boolean;
  @Field(() => ReactivationModeEnum, { description: 'What reactivating a deactivated user does (default RESTORE).' }) reactivation!: ReactivationMode;
  @Field(() => Boolean, { description: 'A group push (addGroupMembers with newMembers) may create the members that are not users yet. Default false.' })
  groupPushProvisionsMembers!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Maximum active users (creation or reactivation beyond it fails with SEAT_LIMIT); null = unlimited (the default).',
  })
  seatLimit!: number | null;
  @Field(() => [String], {
    description: 'Email domains (lower-case) allowed for first-login users, judged by the userName or email addresses; empty = any (the default).',
  })
  allowedEmailDomains!: string[];
  @Field(() => Int, { description: 'Lifetime in seconds of sessions opened by SAML sign-in: 300 to 2,592,000 (30 days); default 86,400 (a day).' })
  sessionLifetimeSeconds!: number;
  @Field(() => [ProvisioningSourceEnum], {
    description:
      'Sources from most to least authoritative (default SCIM, API, SAML): a sync never overwrites a field last written by a higher source; explicit API edits always apply.',
  })
  attributePrecedence!: AttributeSource[];
  @Field(() => Int, { description: '0 while the organization uses the defaults.' }) version!: number;
  @Field(() => Date, { nullable: true, description: 'Time of the last change; null while the organization uses the defaults.' }) updatedAt!: Date | null;
}

@InputType({ description: 'Policy changes: omitted fields are kept. seatLimit: null removes the limit; null in any other field is refused (BAD_USER_INPUT).' })
export class ProvisioningPolicyInput {
  @Field(() => ProvisioningModeEnum, { nullable: true, description: 'Who may create users.' }) mode?: ProvisioningMode | null;
  @Field(() => UserRoleEnum, { nullable: true, description: 'Base role of newly provisioned users (existing users keep theirs).' })
  defaultRole?: UserRole | null;
  @Field(() => [GroupRoleRuleInput], {
    nullable: true,
    description: "Replaces the group-to-role rules (at most 100, groups of this organization); every user's effective role is recomputed.",
  })
  groupRoleRules?: GroupRoleRuleInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Deactivation also removes the user from every group.' }) deactivationRemovesMemberships?:
    boolean | null;
  @Field(() => ReactivationModeEnum, { nullable: true, description: 'What reactivating a deactivated user does.' }) reactivation?: ReactivationMode | null;
  @Field(() => Boolean, { nullable: true, description: 'A group push may create the members that are not users yet.' }) groupPushProvisionsMembers?:
    boolean | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Maximum active users, 0 to 100,000,000; null removes the limit. Below the current active users: CONFLICT (policy.seatLimit.belowUsage).',
  })
  seatLimit?: number | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Replaces the allowed domains, e.g. example.com (a leading @ is dropped, case ignored), at most 100; [] allows any.',
  })
  allowedEmailDomains?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Session lifetime in seconds, 300 to 2,592,000 (30 days); applies to sessions opened afterwards.' })
  sessionLifetimeSeconds?: number | null;
  @Field(() => [ProvisioningSourceEnum], {
    nullable: true,
    description: 'Sources from most to least authoritative; must name each of SCIM, SAML and API exactly once.',
  })
  attributePrecedence?: AttributeSource[] | null;
}

@ObjectType({ description: 'A typed attribute the organization adds to its users.' })
export class CustomAttributeDefinition {
  @Field(() => ID, { description: 'The definition id.' }) id!: string;
  @Field(() => String, { description: 'Reference name: the key identity providers map to (e.g. cost_center).' }) name!: string;
  @Field(() => String, { description: 'Label for people (defaults to the name).' }) displayName!: string;
  @Field(() => CustomAttributeTypeEnum, { description: 'Value type; values are coerced to it and refused when they cannot be.' }) type!: CustomAttributeType;
  @Field(() => Boolean, { description: 'A user may hold a list of values (at most 100, duplicates dropped) instead of one.' }) multiValued!: boolean;
  @Field(() => [GraphQLJSON], { nullable: true, description: 'When set, values must be one of these.' }) allowedValues!: Array<string | number> | null;
  @Field(() => Boolean, { description: 'Every user must have a value: a write that leaves it empty fails (user.customAttributes.required).' })
  required!: boolean;
  @Field(() => Date, { description: 'When the attribute was defined.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change to the definition.' }) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change to the definition.' }) version!: number;
}

@InputType({ description: 'A new custom attribute.' })
export class DefineCustomAttributeInput {
  @Field(() => String, {
    description:
      'Reference name: a letter, then letters, digits or _, at most 64 characters; unique in the organization (CONFLICT), not a standard attribute name.',
  })
  name!: string;
  @Field(() => String, { nullable: true, description: 'Label for people, at most 200 characters (default: the name).' }) displayName?: string | null;
  @Field(() => CustomAttributeTypeEnum, { description: 'Value type.' }) type!: CustomAttributeType;
  @Field(() => Boolean, { nullable: true, description: 'Users may hold a list of values (default false); cannot be changed later.' }) multiValued?:
    boolean | null;
  @Field(() => [GraphQLJSON], {
    nullable: true,
    description: "When given, values must be one of these (at most 500, of the attribute's type; not for BOOLEAN). Empty or null: any value.",
  })
  allowedValues?: Array<string | number> | null;
  @Field(() => Boolean, { nullable: true, description: 'Every user must have a value (default false); refused while the organization has users.' }) required?:
    boolean | null;
}

@InputType({ description: 'Changes to a definition; omitted fields are kept. The type can change only while no user has a value.' })
export class UpdateCustomAttributeInput {
  @Field(() => String, { nullable: true, description: 'New label, at most 200 characters; null or omitted keeps it, empty resets it to the name.' })
  displayName?: string | null;
  @Field(() => CustomAttributeTypeEnum, { nullable: true, description: 'New type; refused (CONFLICT) while any user has a value.' })
  type?: CustomAttributeType | null;
  @Field(() => [GraphQLJSON], {
    nullable: true,
    description: 'Replaces the allowed values (at most 500); null or [] removes the list. Refused (CONFLICT) when users hold a value outside the new list.',
  })
  allowedValues?: Array<string | number> | null;
  @Field(() => Boolean, { nullable: true, description: 'Make the attribute required or optional; required is refused (CONFLICT) while a user has no value.' })
  required?: boolean | null;
}

@ObjectType({ description: 'The outcome of deleting a custom attribute.' })
export class CustomAttributeDeletion {
  @Field(() => String, { description: 'The deleted attribute.' }) name!: string;
  @Field(() => Int, { description: "Users whose value was removed (each one's version grew by one)." }) usersChanged!: number;
}

@ObjectType({ description: 'One transform step.' })
export class Transform {
  @Field(() => TransformKindEnum, { description: 'What the step does.' }) kind!: TransformSpec['kind'];
  @Field(() => String, { nullable: true, description: 'SPLIT / JOIN separator.' }) separator!: string | null;
  @Field(() => String, { nullable: true, description: 'DEFAULT: the value used when the source yields nothing (absent or empty).' }) value!: string | null;
  @Field(() => String, { nullable: true, description: 'REGEX_EXTRACT pattern (JavaScript syntax, unicode mode).' }) pattern!: string | null;
  @Field(() => Int, { nullable: true, description: 'REGEX_EXTRACT capture group (default 1).' }) group!: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'LOOKUP table: source value → target value.' }) table!: Record<string, string> | null;
  @Field(() => Boolean, { nullable: true, description: 'LOOKUP: drop values missing from the table (default: keep them).' }) dropUnmatched!: boolean | null;
}

@InputType({ description: 'One transform step; give the fields its kind needs.' })
export class TransformInput {
  @Field(() => TransformKindEnum, { description: 'What the step does.' }) kind!: TransformSpec['kind'];
  @Field(() => String, { nullable: true, description: 'SPLIT / JOIN: the separator, 1-10 characters (required for them).' }) separator?: string | null;
  @Field(() => String, { nullable: true, description: 'DEFAULT: the value to use when the source yields nothing (required for it).' }) value?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'REGEX_EXTRACT: a JavaScript regular expression (unicode mode), 1-200 characters, without backreferences or nested repetition.',
  })
  pattern?: string | null;
  @Field(() => Int, { nullable: true, description: 'REGEX_EXTRACT: the capture group to keep, 0-9 (default 1; 0 is the whole match).' }) group?: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'LOOKUP: source value → target value, 1-5000 entries with string values.' }) table?: Record<
    string,
    string
  > | null;
  @Field(() => Boolean, { nullable: true, description: 'LOOKUP: drop values missing from the table (default false: keep them).' }) dropUnmatched?:
    boolean | null;
}

@ObjectType({ description: 'source attribute → target, through transforms.' })
export class MappingRule {
  @Field(() => String, {
    description:
      'Source attribute name (SAML attribute Name, or the SCIM attribute path such as name.givenName or a full enterprise URN path); matched ignoring case.',
  })
  source!: string;
  @Field(() => String, {
    description: 'A user attribute (givenName, title, department, emails, email, managerId, role, …), custom:<name>, and for SAML also userName or groups.',
  })
  target!: string;
  @Field(() => [Transform], { description: 'Steps applied in order to the source value.' }) transforms!: Transform[];
}

@InputType({ description: 'A mapping rule: source attribute → target, through transforms.' })
export class MappingRuleInput {
  @Field(() => String, { description: 'Source attribute name, 1-512 characters (matched exactly first, then ignoring case).' }) source!: string;
  @Field(() => String, {
    description:
      'A user attribute (givenName, title, department, emails, email, managerId, role, …), custom:<defined name>, and for SAML also userName or groups.',
  })
  target!: string;
  @Field(() => [TransformInput], { nullable: true, defaultValue: [], description: 'Steps applied in order, at most 10 (default none).' })
  transforms?: TransformInput[];
}

@ObjectType({ description: 'A rule as it runs, with where it comes from.' })
export class EffectiveMappingRule {
  @Field(() => String, { description: 'The source attribute the rule reads.' }) source!: string;
  @Field(() => String, { description: 'The target the rule writes.' }) target!: string;
  @Field(() => [Transform], { description: 'Steps applied in order to the source value.' }) transforms!: Transform[];
  @Field(() => RuleOriginEnum, {
    description: "RULE (the organization's own), DEFAULT (a built-in default it keeps) or IMPLICIT (a custom attribute's own name).",
  })
  origin!: 'RULE' | 'DEFAULT' | 'IMPLICIT';
}

@ObjectType({
  description:
    "A source's mappings (docs/PROVISIONING.md §4.2): the organization's own rules come first and replace the default rules of every target they name; the other defaults apply unless disabled. The first rule that yields a value for a target wins.",
})
export class AttributeMapping {
  @Field(() => MappingSourceEnum, { description: 'The source these rules translate.' }) source!: 'SCIM' | 'SAML';
  @Field(() => [MappingRule], {
    description:
      "The organization's own rules, in order (empty while it has none): what setAttributeMappings takes as `rules`. The defaults are not among them.",
  })
  rules!: MappingRule[];
  @Field(() => [String], { description: 'Targets whose default rules are disabled: not mapped at all unless one of the own rules names them.' })
  disabledDefaults!: string[];
  @Field(() => [MappingRule], { description: 'The built-in default rules of this source, whether they apply or not.' }) defaultRules!: MappingRule[];
  @Field(() => [EffectiveMappingRule], {
    description:
      'The rules that run, in order: the own rules (RULE), the default rules of targets no own rule names and not disabled (DEFAULT), then the defined custom attributes no rule targets (IMPLICIT).',
  })
  effectiveRules!: EffectiveMappingRule[];
  @Field(() => Boolean, { description: 'True while the defaults apply unchanged: no own rules, no disabled defaults.' }) isDefault!: boolean;
  @Field(() => IdentityProviderKindEnum, {
    description: "The identity-provider profile of the organization's SAML connection (GENERIC without one): the SAML defaultRules are its attribute names.",
  })
  profile!: IdentityProviderKind;
}

@ObjectType({ description: 'What one rule did.' })
export class RuleOutcome {
  @Field(() => Int, { description: 'Position of the rule in the evaluated list (0-based; implicit rules come last).' }) index!: number;
  @Field(() => String, { description: 'The source attribute the rule reads.' }) source!: string;
  @Field(() => String, { description: 'The target the rule writes.' }) target!: string;
  @Field(() => RuleOriginEnum, { description: 'Where the rule comes from.' }) origin!: 'RULE' | 'DEFAULT' | 'IMPLICIT';
  @Field(() => Boolean, { description: "True when this rule produced the target's value." }) fired!: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The value it produced, after transforms; null when it did not fire.' }) value!: unknown;
  @Field(() => String, {
    nullable: true,
    description: 'Why it did not fire (no value in the source, an earlier rule already set the target, not part of this change); null when it fired.',
  })
  note!: string | null;
}

@InputType({ description: 'A user described by a source: identity fields plus raw attributes for the mappings.' })
export class ProvisionUserInput {
  @Field(() => ID, { nullable: true, description: 'Update this user; omit to create.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'The userName (required to create; on update, omitted keeps it).' }) userName?: string | null;
  @Field(() => String, { nullable: true, description: "The identity provider's id; null clears it, omitted keeps it." }) externalId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false deactivates, true reactivates; null or omitted keeps the state (a new user is active).' })
  active?: boolean | null;
  @Field(() => GraphQLJSONObject, { description: 'Raw source attributes, e.g. {"name.givenName": "Ada", "emails": [{"value": "…", "type": "work"}]}.' })
  attributes!: Record<string, unknown>;
  @Field(() => Int, {
    nullable: true,
    description:
      "With userId: the user's `version` as the caller last saw it; if it changed since, PRECONDITION_FAILED (user.version.mismatch) and nothing is written.",
  })
  expectedVersion?: number | null;
  @Field(() => MappingSourceEnum, {
    nullable: true,
    description:
      'Whose mappings to apply (and the source recorded for the written fields); required for API and platform keys, implied for SCIM tokens (another value is refused).',
  })
  source?: 'SCIM' | 'SAML' | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'The attributes are a change (SCIM PATCH), not the complete user: only attributes present are written.',
  })
  partial?: boolean | null;
}

@ObjectType({ description: 'What a provisioning did.' })
export class ProvisionResult {
  @Field(() => User, { description: 'The user after the change.' }) user!: User;
  @Field(() => Boolean, { description: 'True when a new user was created.' }) created!: boolean;
  @Field(() => Boolean, {
    description:
      'A deactivated user came back: a create naming a known deactivated user restored it instead of a conflict, or a reactivation under NEW_USER started it afresh.',
  })
  restored!: boolean;
  @Field(() => [String], { description: 'Fields not written because a more authoritative source owns them.' }) skippedFields!: string[];
  @Field(() => [RuleOutcome], { description: 'What each mapping rule did.' }) rules!: RuleOutcome[];
}

@InputType({ description: 'A validated SAML assertion to sign in with (in-process use by the SAML adapter).' })
export class SignInInput {
  @Field(() => String, { description: 'The SAML NameID; the user is found by the mapped userName or, without one, by this (ignoring case).' }) subject!: string;
  @Field(() => GraphQLJSONObject, { description: 'Assertion attributes by Name (values as lists).' }) attributes!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: "The IdP's SessionIndex, kept with the session." }) sessionIndex?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The assertion's AuthnContextClassRef (how the IdP authenticated the person), kept with the session: OpenID Connect `acr` and `amr`.",
  })
  authnContextClassRef?: string | null;
}

@ObjectType({ description: 'An attribute value a sign-in left out because the user model refuses it.' })
export class RefusedAttribute {
  @Field(() => String, { description: 'The user field the value was mapped to.' }) field!: string;
  @Field(() => String, { description: 'Stable reason code, e.g. user.title.invalid.' }) reason!: string;
  @Field(() => String, { description: 'Human-readable explanation.' }) message!: string;
}

@ObjectType({ description: 'What a sign-in did.' })
export class SignInResult {
  @Field(() => User, { description: 'The signed-in user.' }) user!: User;
  @Field(() => Boolean, { description: 'Created by this sign-in (first-login provisioning).' }) created!: boolean;
  @Field(() => String, { description: 'Session secret for the cookie; shown once, stored hashed.' }) sessionToken!: string;
  @Field(() => Date, { description: "When the session ends (the policy's sessionLifetimeSeconds from now)." }) sessionExpiresAt!: Date;
  @Field(() => [String], { description: 'Fields not written because a more authoritative source owns them.' }) skippedFields!: string[];
  @Field(() => [RefusedAttribute], {
    description: 'Values the user model refuses (e.g. a title with a control character): left out, and the sign-in went ahead.',
  })
  refusedAttributes!: RefusedAttribute[];
  @Field(() => [RuleOutcome], { description: 'What each SAML mapping rule did.' }) rules!: RuleOutcome[];
}

@ObjectType({ description: 'A session and its user.' })
export class SessionInfo {
  @Field(() => User, { description: 'The signed-in user.' }) user!: User;
  @Field(() => Date, { description: 'When the session ends.' }) expiresAt!: Date;
  @Field(() => Date, { description: 'When the sign-in that opened the session happened.' }) createdAt!: Date;
  @Field(() => String, { nullable: true, description: "How the IdP authenticated the person: the assertion's AuthnContextClassRef (null: none sent)." })
  authnContextClassRef!: string | null;
  @Field(() => [String], {
    description:
      'The authentication methods (RFC 8176 `amr` values) the AuthnContextClassRef stands for; ["saml"] when it is absent or not a known one (docs/OIDC.md "Claims").',
  })
  authenticationMethods!: string[];
}

@InputType({ description: 'What to preview: SCIM fields (userId/userName/externalId/active) or a SAML subject, plus raw attributes.' })
export class PreviewInput {
  @Field(() => ID, { nullable: true, description: 'SCIM: preview an update of this user; omit to preview a create.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'SCIM: the userName; SAML: used as the subject when `subject` is omitted.' }) userName?: string | null;
  @Field(() => String, { nullable: true, description: "SCIM: the identity provider's id." }) externalId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'SCIM: the active state to write.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'SAML NameID.' }) subject?: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Raw source attributes, as for provisionUser (SCIM) or signIn (SAML).' }) attributes!: Record<string, unknown>;
}

@ObjectType({ description: 'The error the real call would return.' })
export class PreviewError {
  @Field(() => String, { description: 'The error code (extensions.code), e.g. BAD_USER_INPUT or SEAT_LIMIT.' }) code!: string;
  @Field(() => String, { description: 'Stable reason (extensions.reason), e.g. user.userName.conflict.' }) reason!: string;
  @Field(() => String, { description: 'Human-readable explanation.' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The input field at fault, when one is.' }) field!: string | null;
}

@ObjectType({ description: 'What a provisioning or sign-in would do; nothing is written.' })
export class ProvisioningPreview {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The resulting user (null when the call would fail).' }) user!: Record<string, unknown> | null;
  @Field(() => Boolean, { description: 'The call would create a new user.' }) created!: boolean;
  @Field(() => [String], { description: 'Fields it would not write because a more authoritative source owns them.' }) skippedFields!: string[];
  @Field(() => [RefusedAttribute], { description: 'SAML: attribute values the sign-in would leave out (the user model refuses them).' })
  refusedAttributes!: RefusedAttribute[];
  @Field(() => [RuleOutcome], { description: 'What each mapping rule would do.' }) rules!: RuleOutcome[];
  @Field(() => PreviewError, { nullable: true, description: 'The error the call would fail with; null when it would succeed.' }) error!: PreviewError | null;
}

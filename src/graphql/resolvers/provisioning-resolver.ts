import { Arg, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selects } from '../lookahead.js';
import { defineCustomAttribute, deleteCustomAttribute, listDefinitions, updateCustomAttribute } from '../../core/services/custom-attributes.js';
import { getMappings, setMappings, type MappingSet } from '../../core/services/mapping-rules.js';
import { getPolicy, setPolicy } from '../../core/services/policy.js';
import { endSession, previewProvisioning, provisionUser, sessionUser, signIn } from '../../core/services/provisioning.js';
import type { MappingRule as CoreRule } from '../../core/entities/provisioning.js';
import { authenticationMethods } from '../../core/authn-context.js';
import type { GraphQLContext } from '../context.js';
import {
  AttributeMapping,
  CustomAttributeDefinition,
  CustomAttributeDeletion,
  DefineCustomAttributeInput,
  MappingRuleInput,
  MappingSourceEnum,
  PreviewInput,
  ProvisioningPolicy,
  ProvisioningPolicyInput,
  ProvisioningPreview,
  ProvisionResult,
  ProvisionUserInput,
  SessionInfo,
  SignInInput,
  SignInResult,
  UpdateCustomAttributeInput,
} from '../types/provisioning.js';

const toRules = (rules: MappingRuleInput[]): CoreRule[] =>
  rules.map((r) => ({ source: r.source, target: r.target, transforms: (r.transforms ?? []).map((t) => ({ ...t })) }));
const withTransformFields = <R extends CoreRule>(r: R) => ({
  ...r,
  transforms: r.transforms.map((t) => ({ separator: null, value: null, pattern: null, group: null, table: null, dropUnmatched: null, ...t })),
});
const fullTransforms = (m: MappingSet) => ({
  ...m,
  rules: m.rules.map(withTransformFields),
  defaultRules: m.defaultRules.map(withTransformFields),
  effectiveRules: m.effectiveRules.map(withTransformFields),
});

@Resolver()
export class ProvisioningResolver {
  @Query(() => ProvisioningPolicy, { description: "The organization's provisioning policy (defaults until changed)." })
  provisioningPolicy(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string) {
    return getPolicy(ctx.core, organizationId);
  }

  @Mutation(() => ProvisioningPolicy, { description: 'Changes the provisioning policy; omitted fields are kept. Recorded as POLICY_CHANGED.' })
  setProvisioningPolicy(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => ProvisioningPolicyInput, { description: 'The fields to change.' }) input: ProvisioningPolicyInput,
  ) {
    return setPolicy(ctx.core, organizationId, { ...input });
  }

  @Query(() => [CustomAttributeDefinition], { description: "The organization's custom attribute definitions, by name." })
  customAttributeDefinitions(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
  ) {
    return listDefinitions(ctx.core, organizationId);
  }

  @Mutation(() => CustomAttributeDefinition, { description: 'Defines a typed custom attribute.' })
  defineCustomAttribute(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => DefineCustomAttributeInput, { description: 'The new attribute.' }) input: DefineCustomAttributeInput,
  ) {
    return defineCustomAttribute(ctx.core, organizationId, { ...input });
  }

  @Mutation(() => CustomAttributeDefinition, { description: 'Changes a definition; changing the type of an attribute that has values is refused (CONFLICT).' })
  updateCustomAttribute(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('name', () => String, { description: 'Reference name of the attribute (exact).' }) name: string,
    @Arg('input', () => UpdateCustomAttributeInput, { description: 'The changes; omitted fields are kept.' }) input: UpdateCustomAttributeInput,
  ) {
    return updateCustomAttribute(ctx.core, organizationId, name, { ...input });
  }

  @Mutation(() => CustomAttributeDeletion, { description: "Deletes a definition together with every user's value of it." })
  deleteCustomAttribute(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('name', () => String, { description: 'Reference name of the attribute (exact).' }) name: string,
  ) {
    return deleteCustomAttribute(ctx.core, organizationId, name);
  }

  @Query(() => AttributeMapping, { description: "A source's mappings: its own rules, the disabled defaults, and the rules that run (effectiveRules)." })
  async attributeMappings(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('source', () => MappingSourceEnum, { description: 'Which source: SCIM or SAML.' }) source: 'SCIM' | 'SAML',
  ) {
    return fullTransforms(await getMappings(ctx.core, organizationId, source));
  }

  @Mutation(() => AttributeMapping, {
    description:
      "Replaces a source's own mapping rules, which come before the defaults and replace the default rules of the targets they name (the other defaults keep applying), and optionally which defaults are disabled. Recorded as ATTRIBUTE_MAPPINGS_CHANGED.",
  })
  async setAttributeMappings(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('source', () => MappingSourceEnum, { description: 'Which source: SCIM or SAML.' }) source: 'SCIM' | 'SAML',
    @Arg('rules', () => [MappingRuleInput], {
      description:
        "The organization's complete new list of own rules, in order, at most 200; the first rule yielding a value for a target wins. [] keeps only the defaults.",
    })
    rules: MappingRuleInput[],
    @Arg('disabledDefaults', () => [String], {
      nullable: true,
      description:
        "Targets whose default rules are dropped (each a target of this source's defaults, e.g. groups to turn SAML group sync off): not mapped at all unless an own rule names them. Replaces the stored list; null or omitted keeps it; [] enables every default again.",
    })
    disabledDefaults: string[] | null | undefined,
  ) {
    return fullTransforms(await setMappings(ctx.core, organizationId, source, { rules: toRules(rules), disabledDefaults }));
  }

  @Mutation(() => AttributeMapping, {
    description: "Returns a source's mappings to the built-in defaults alone: removes its own rules and enables every disabled default.",
  })
  async resetAttributeMappings(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('source', () => MappingSourceEnum, { description: 'Which source: SCIM or SAML.' }) source: 'SCIM' | 'SAML',
  ) {
    return fullTransforms(await setMappings(ctx.core, organizationId, source, null));
  }

  @Query(() => ProvisioningPreview, {
    description:
      'Dry run: the user a SCIM provisioning or SAML sign-in would produce and the rules that fired. Writes nothing (it runs the real code in a transaction that is always rolled back), so it needs only `read`: READ_ONLY keys and SCIM tokens may call it, and it shows nothing they cannot already read (policy, mappings, users).',
  })
  async previewProvisioning(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('source', () => MappingSourceEnum, { description: 'SCIM: preview provisionUser; SAML: preview signIn.' }) source: 'SCIM' | 'SAML',
    @Arg('input', () => PreviewInput, { description: 'The user as the source describes it.' }) input: PreviewInput,
  ) {
    const r = await previewProvisioning(
      ctx.core,
      organizationId,
      source,
      source === 'SAML' ? { subject: input.subject ?? input.userName ?? '', attributes: input.attributes } : { ...input, source: 'SCIM' },
    );
    return {
      user: r.user,
      created: r.created,
      skippedFields: r.skipped,
      refusedAttributes: r.refused,
      rules: r.outcomes,
      error: r.error
        ? { code: r.error.code, reason: r.error.reason, message: r.error.message, field: (r.error.details.field as string | undefined) ?? null }
        : null,
    };
  }

  @Mutation(() => ProvisionResult, {
    description: "Creates or updates a user from a source's raw attributes through the organization's mappings and policy (what the SCIM adapter calls).",
  })
  async provisionUser(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => ProvisionUserInput, { description: 'The user as the source describes it.' }) input: ProvisionUserInput,
    @Info() info: GraphQLResolveInfo,
  ) {
    const r = await provisionUser(ctx.core, organizationId, { ...input }, { withGroups: selects(info, ['user', 'groups']) });
    return { user: r.user, created: r.created, restored: r.restored, skippedFields: r.skipped, rules: r.outcomes };
  }

  @Mutation(() => SignInResult, {
    description:
      'Records a SAML sign-in: finds or (per policy) creates the user, syncs mapped attributes and groups, opens a session. Only the SAML adapter may call it, after verifying the assertion; every key, the platform key included, is refused (FORBIDDEN): a key that could open a session for any user would bypass the identity provider and its MFA. `previewProvisioning(source: SAML)` shows what a sign-in would do.',
  })
  async signIn(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SignInInput, { description: 'The assertion subject and attributes.' }) input: SignInInput,
  ) {
    const r = await signIn(ctx.core, organizationId, { ...input });
    return {
      user: r.user,
      created: r.created,
      sessionToken: r.sessionToken,
      sessionExpiresAt: r.sessionExpiresAt,
      skippedFields: r.skipped,
      refusedAttributes: r.refused,
      rules: r.outcomes,
    };
  }

  @Query(() => SessionInfo, {
    nullable: true,
    description: 'The live session for a session secret (null when unknown, expired, revoked, or the user is inactive).',
  })
  async session(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('token', () => String, { description: 'The session secret (from the session cookie).' }) token: string,
  ) {
    const s = await sessionUser(ctx.core, organizationId, token);
    return s && { ...s, authenticationMethods: authenticationMethods(s.authnContextClassRef) };
  }

  @Mutation(() => Boolean, {
    description: 'Ends a session (logout). True when a session not yet revoked was found and revoked (an expired one too); false otherwise.',
  })
  endSession(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('token', () => String, { description: 'The session secret (from the session cookie).' }) token: string,
  ) {
    return endSession(ctx.core, organizationId, token);
  }
}

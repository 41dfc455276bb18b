import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { IdentityProviderKind } from '../../core/idp-profile-data.js';
import { listIdentityProviderProfiles, type IdentityProviderProfileView } from '../../core/services/identity-provider-profiles.js';
import type { GraphQLContext } from '../context.js';
import { IdentityProviderKindEnum, IdentityProviderProfile } from '../types/identity-provider-profile.js';

/** The mapping-rule type's transform fields, all null (default rules have no transforms). */
const withTransformFields = (p: IdentityProviderProfileView) => ({
  ...p,
  defaultSamlRules: p.defaultSamlRules.map((r) => ({
    ...r,
    transforms: r.transforms.map((t) => ({ separator: null, value: null, pattern: null, group: null, table: null, dropUnmatched: null, ...t })),
  })),
});

@Resolver()
export class IdentityProviderProfileResolver {
  @Query(() => [IdentityProviderProfile], {
    description:
      'Every identity provider profile with its setup steps and default SAML attribute names. With organizationId (read access there) the steps carry that organization’s own ACS URL, SP entity ID, metadata URL and SCIM base URL; without, placeholders.',
  })
  async identityProviderProfiles(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { nullable: true, description: 'The organization whose values fill the steps (optional).' })
    organizationId?: string | null,
  ) {
    return (await listIdentityProviderProfiles(ctx.core, organizationId ?? null, ctx.publicUrl)).map(withTransformFields);
  }

  @Query(() => IdentityProviderProfile, { nullable: true, description: 'One identity provider profile (see identityProviderProfiles).' })
  async identityProviderProfile(
    @Ctx() ctx: GraphQLContext,
    @Arg('kind', () => IdentityProviderKindEnum, { description: 'Which identity provider.' }) kind: IdentityProviderKind,
    @Arg('organizationId', () => ID, { nullable: true, description: 'The organization whose values fill the steps (optional).' })
    organizationId?: string | null,
  ) {
    const [profile] = await listIdentityProviderProfiles(ctx.core, organizationId ?? null, ctx.publicUrl, kind);
    return profile ? withTransformFields(profile) : null;
  }
}

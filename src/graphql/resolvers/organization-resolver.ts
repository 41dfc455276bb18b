import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationBySlug,
  listOrganizations,
  updateOrganization,
} from '../../core/services/organizations.js';
import { pageSize } from '../../core/queries/users-query.js';
import type { GraphQLContext } from '../context.js';
import { CreateOrganizationInput, Organization, UpdateOrganizationInput, Viewer } from '../types/organization.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Viewer, { description: 'The caller: which credential, which organization, which role.' })
  viewer(@Ctx() ctx: GraphQLContext): Viewer {
    const p = ctx.core.principal;
    return {
      kind: p.kind,
      organizationId: p.kind === 'PLATFORM' ? null : p.organizationId,
      credentialId: p.kind === 'SAML' ? null : p.credentialId,
      label: p.label,
      role: p.kind === 'API_KEY' ? p.role : null,
      scopes: p.kind === 'SETUP_LINK' ? p.scopes : null,
      expiresAt: p.kind === 'SETUP_LINK' ? p.expiresAt : null,
    };
  }

  @Query(() => Organization, { nullable: true, description: 'An organization by id (null when it does not exist or is not visible to the caller).' })
  organization(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The organization id.' }) id: string) {
    return getOrganization(ctx.core, id);
  }

  @Query(() => Organization, { nullable: true, description: 'An organization by slug (null when none exists or it is not visible to the caller).' })
  organizationBySlug(@Ctx() ctx: GraphQLContext, @Arg('slug', () => String, { description: 'The slug, exactly (slugs are lower-case).' }) slug: string) {
    return getOrganizationBySlug(ctx.core, slug);
  }

  @Query(() => [Organization], {
    description: 'Organizations visible to the caller (all for platform keys, else its own), in id order; page with `after` = the last id.',
  })
  organizations(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 100,
      description: 'At most this many: 0 to 1000 (default 100); more fails with BAD_USER_INPUT pagination.first.invalid.',
    })
    first: number,
    @Arg('after', () => ID, { nullable: true, description: 'The id of the last organization of the previous page; the list continues after it.' })
    after: string | null,
  ) {
    return listOrganizations(ctx.core, pageSize(first), after ?? null);
  }

  @Mutation(() => Organization, { description: 'Creates an organization (platform keys only).' })
  createOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateOrganizationInput, { description: 'Name and slug of the new organization.' }) input: CreateOrganizationInput,
  ) {
    return createOrganization(ctx.core, { name: input.name, slug: input.slug });
  }

  @Mutation(() => Organization, { description: 'Renames an organization or changes its slug (ADMIN API key or platform key).' })
  updateOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The organization to change.' }) id: string,
    @Arg('input', () => UpdateOrganizationInput, { description: 'The changes; omitted fields are kept.' }) input: UpdateOrganizationInput,
  ) {
    return updateOrganization(ctx.core, id, { name: input.name ?? undefined, slug: input.slug ?? undefined });
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes an organization with everything it owns (users, groups, credentials, SAML connection, sessions, policy, mappings, its events). Platform keys only; `confirmSlug` must repeat its slug. Recorded as ORGANIZATION_DELETED in the platform events (`events` without organizationId).',
  })
  async deleteOrganization(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'The organization to delete.' }) id: string,
    @Arg('confirmSlug', () => String, { description: 'The slug of that organization, repeated as a safeguard (BAD_USER_INPUT otherwise).' })
    confirmSlug: string,
  ) {
    await deleteOrganization(ctx.core, id, confirmSlug);
    return true;
  }
}

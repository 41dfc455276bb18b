import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SetupLink as SetupLinkEntity } from '../../core/entities/setup-link.js';
import { createSetupLink, listSetupLinks, revokeSetupLink } from '../../core/services/setup-links.js';
import { AppError } from '../../core/errors.js';
import type { GraphQLContext } from '../context.js';
import { CreateSetupLinkInput, CreateSetupLinkPayload, SetupLink } from '../types/setup-link.js';

/** The path of the console's setup page; the link's secret follows in the fragment. */
export const SETUP_PAGE_PATH = '/admin/setup';

@Resolver(() => SetupLink)
export class SetupLinkResolver {
  @Query(() => [SetupLink], {
    description: "The organization's setup links, newest first (at most 200), revoked and expired ones included. Needs an ADMIN API key or a platform key.",
  })
  setupLinks(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string) {
    return listSetupLinks(ctx.core, organizationId);
  }

  @Mutation(() => CreateSetupLinkPayload, {
    description:
      "Creates a setup link for the customer's IT admin (ADMIN API key or platform key); `url` carries its secret and is shown only in this response. Recorded as SETUP_LINK_CREATED; what is done through the link is recorded with the link as the actor (actorType SETUP_LINK).",
  })
  async createSetupLink(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization the link sets up.' }) organizationId: string,
    @Arg('input', () => CreateSetupLinkInput, { description: 'Scopes and lifetime.' }) input: CreateSetupLinkInput,
  ) {
    if (!ctx.publicUrl)
      throw new AppError('PRECONDITION_FAILED', 'setupLink.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
    const r = await createSetupLink(ctx.core, organizationId, { scopes: input.scopes, expiresInSeconds: input.expiresInSeconds });
    return { url: `${ctx.publicUrl}${SETUP_PAGE_PATH}#${r.secret}`, expiresAt: r.link.expiresAt, link: r.link };
  }

  @Mutation(() => SetupLink, {
    description:
      'Revokes a setup link (ADMIN API key or platform key): refused from the next request on, in every server instance. Recorded as SETUP_LINK_REVOKED.',
  })
  revokeSetupLink(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The link to revoke; revoking a revoked one changes nothing.' }) id: string) {
    return revokeSetupLink(ctx.core, id);
  }

  @FieldResolver(() => ID, { description: 'The organization it sets up.' })
  organizationId(@Root() l: SetupLinkEntity) {
    return l.organization;
  }
}

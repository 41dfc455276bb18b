import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { getOrganization } from '../../core/services/organizations.js';
import type { GraphQLContext } from '../context.js';
import { Organization, Viewer } from '../types/organization.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization the credential belongs to (a setup link: the one it sets up); null for platform keys.',
  })
  organization(@Ctx() ctx: GraphQLContext, @Root() v: Viewer) {
    return v.organizationId ? getOrganization(ctx.core, v.organizationId) : null;
  }
}

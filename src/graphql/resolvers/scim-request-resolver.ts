import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { listScimRequests } from '../../core/services/scim-request-log.js';
import type { GraphQLContext } from '../context.js';
import { ScimRequestPage } from '../types/scim-request.js';

@Resolver()
export class ScimRequestResolver {
  @Query(() => ScimRequestPage, {
    description:
      "The organization's recent SCIM requests (the last 24 hours, at most the newest 1,000), newest first: what its identity provider sent and how it was answered. Written in batches about a second after the requests. Needs `read` in the organization, or a setup link with the SCIM scope.",
  })
  scimRequests(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: 'At most this many: 0 to 1000 (default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page; the list continues with older requests.' })
    after: string | null,
  ) {
    return listScimRequests(ctx.core, organizationId, first, after);
  }
}

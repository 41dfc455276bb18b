import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Organization as OrganizationEntity } from '../../core/entities/organization.js';
import { getOrganizationStatus } from '../../core/services/organization-status.js';
import type { GraphQLContext } from '../context.js';
import { Organization } from '../types/organization.js';
import { OrganizationStatus } from '../types/organization-status.js';

@Resolver(() => Organization)
export class OrganizationStatusResolver {
  @FieldResolver(() => OrganizationStatus, {
    description:
      "The organization's setup status: SSO configured and certificate expiry, the last SCIM request and the SCIM errors of the last 24 hours, sign-ins today, seats used against the limit. Readable by every credential of the organization that may read its settings (setup links included).",
  })
  status(@Ctx() ctx: GraphQLContext, @Root() org: OrganizationEntity) {
    return getOrganizationStatus(ctx.core, org.id);
  }
}

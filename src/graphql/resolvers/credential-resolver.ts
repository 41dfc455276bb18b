import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Credential as CredentialEntity } from '../../core/entities/credential.js';
import type { ApiKeyRole } from '../../core/principal.js';
import {
  createApiKey,
  createPlatformKey,
  createScimToken,
  listCredentials,
  listPlatformKeys,
  revokeCredential,
  revokePlatformKey,
} from '../../core/services/credentials.js';
import type { GraphQLContext } from '../context.js';
import { ApiKeyRoleEnum } from '../types/common.js';
import { CreatedCredential, Credential } from '../types/organization.js';

@Resolver(() => Credential)
export class CredentialResolver {
  @Query(() => [Credential], {
    description: "An organization's SCIM tokens and API keys, oldest first (never their secrets). Needs an ADMIN API key or a platform key.",
  })
  credentials(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('includeRevoked', () => Boolean, { nullable: true, defaultValue: false, description: 'Also list revoked ones (default false).' })
    includeRevoked: boolean,
  ) {
    return listCredentials(ctx.core, organizationId, includeRevoked);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates a SCIM bearer token for the identity provider; `token` is shown only in this response.' })
  createScimToken(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('name', () => String, { description: 'A name to recognize it by, 1-200 characters.' }) name: string,
  ) {
    return createScimToken(ctx.core, organizationId, name);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates an API key (ADMIN or READ_ONLY); `token` is shown only in this response.' })
  createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('name', () => String, { description: 'A name to recognize it by, 1-200 characters.' }) name: string,
    @Arg('role', () => ApiKeyRoleEnum, { nullable: true, defaultValue: 'ADMIN', description: 'What the key may do (default ADMIN).' }) role: ApiKeyRole,
  ) {
    return createApiKey(ctx.core, organizationId, name, role);
  }

  @Mutation(() => Credential, { description: 'Revokes a SCIM token or API key; it is refused from the next request on.' })
  revokeCredential(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('id', () => ID, { description: 'The credential to revoke; revoking an already revoked one changes nothing.' }) id: string,
  ) {
    return revokeCredential(ctx.core, organizationId, id);
  }

  @Query(() => [Credential], { description: 'Platform keys, oldest first (platform keys only; ADMIN_API_KEY is configuration and not listed).' })
  platformKeys(
    @Ctx() ctx: GraphQLContext,
    @Arg('includeRevoked', () => Boolean, { nullable: true, defaultValue: false, description: 'Also list revoked ones (default false).' })
    includeRevoked: boolean,
  ) {
    return listPlatformKeys(ctx.core, includeRevoked);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates a platform key (platform keys only); `token` is shown only in this response.' })
  createPlatformKey(@Ctx() ctx: GraphQLContext, @Arg('name', () => String, { description: 'A name to recognize it by, 1-200 characters.' }) name: string) {
    return createPlatformKey(ctx.core, name);
  }

  @Mutation(() => Credential, {
    description:
      'Revokes a platform key, in every server instance from the next request on (a key may revoke itself; ADMIN_API_KEY is the way back in when none is left).',
  })
  revokePlatformKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { description: 'The platform key to revoke.' }) id: string) {
    return revokePlatformKey(ctx.core, id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The organization the credential belongs to; null for platform keys.' })
  organizationId(@Root() c: CredentialEntity) {
    return c.organization;
  }
}

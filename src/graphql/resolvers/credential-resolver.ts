import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Credential as CredentialEntity } from '../../core/entities/credential.js';
import type { ApiKeyRole } from '../../core/principal.js';
import { createApiKey, createPlatformKey, createScimToken, listCredentials, listPlatformKeys, revokeCredential, revokePlatformKey } from '../../core/services/credentials.js';
import type { GraphQLContext } from '../context.js';
import { ApiKeyRoleEnum } from '../types/common.js';
import { CreatedCredential, Credential } from '../types/organization.js';

@Resolver(() => Credential)
export class CredentialResolver {
  @Query(() => [Credential], { description: "An organization's SCIM tokens and API keys (never their secrets)." })
  credentials(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('includeRevoked', () => Boolean, { nullable: true, defaultValue: false }) includeRevoked: boolean,
  ) {
    return listCredentials(ctx.core, organizationId, includeRevoked);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates a SCIM bearer token for the identity provider; `token` is shown only in this response.' })
  createScimToken(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('name', () => String) name: string) {
    return createScimToken(ctx.core, organizationId, name);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates an API key (ADMIN or READ_ONLY); `token` is shown only in this response.' })
  createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('name', () => String) name: string,
    @Arg('role', () => ApiKeyRoleEnum, { nullable: true, defaultValue: 'ADMIN' }) role: ApiKeyRole,
  ) {
    return createApiKey(ctx.core, organizationId, name, role);
  }

  @Mutation(() => Credential, { description: 'Revokes a SCIM token or API key; it is refused from the next request on.' })
  revokeCredential(@Ctx() ctx: GraphQLContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('id', () => ID) id: string) {
    return revokeCredential(ctx.core, organizationId, id);
  }

  @Query(() => [Credential], { description: 'Platform keys (platform keys only; ADMIN_API_KEY is configuration and not listed).' })
  platformKeys(@Ctx() ctx: GraphQLContext, @Arg('includeRevoked', () => Boolean, { nullable: true, defaultValue: false }) includeRevoked: boolean) {
    return listPlatformKeys(ctx.core, includeRevoked);
  }

  @Mutation(() => CreatedCredential, { description: 'Creates a platform key (platform keys only); `token` is shown only in this response.' })
  createPlatformKey(@Ctx() ctx: GraphQLContext, @Arg('name', () => String) name: string) {
    return createPlatformKey(ctx.core, name);
  }

  @Mutation(() => Credential, {
    description: 'Revokes a platform key, in every server instance from the next request on (a key may revoke itself; ADMIN_API_KEY is the way back in when none is left).',
  })
  revokePlatformKey(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return revokePlatformKey(ctx.core, id);
  }

  @FieldResolver(() => ID, { nullable: true })
  organizationId(@Root() c: CredentialEntity) {
    return c.organization;
  }
}

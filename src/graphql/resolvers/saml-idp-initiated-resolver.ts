import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { samlIdpInitiatedLanding, setSamlIdpInitiatedLanding } from '../../core/services/saml-idp-initiated.js';
import type { GraphQLContext } from '../context.js';
import { SamlConnection } from '../types/saml.js';
import { SamlIdpInitiatedLanding, SamlIdpInitiatedLandingInput } from '../types/saml-idp-initiated.js';

@Resolver(() => SamlConnection)
export class SamlIdpInitiatedResolver {
  @FieldResolver(() => SamlIdpInitiatedLanding, {
    nullable: true,
    description:
      'Where IdP-initiated sign-ins without a RelayState land: an OpenID Connect client (docs/OIDC.md "IdP-initiated sign-in"); null: defaultRedirectUrl. Takes effect with allowIdpInitiated.',
  })
  idpInitiatedLanding(@Ctx() ctx: GraphQLContext, @Root() connection: SamlConnection) {
    return connection.configured ? samlIdpInitiatedLanding(ctx.core, connection.organizationId) : null;
  }

  @Mutation(() => SamlIdpInitiatedLanding, {
    nullable: true,
    description:
      "Names the OpenID Connect client IdP-initiated sign-ins land in (or clears it with clientId null). BAD_USER_INPUT: an unknown client (samlConnection.idpInitiatedClient.unknown), a targetLinkUri not on an origin of the client's redirect URIs (samlConnection.idpInitiatedTargetLinkUri.notRegistered), a client without initiateLoginUri and no targetLinkUri (samlConnection.idpInitiatedClient.noInitiateLoginUri). NOT_FOUND before the connection is configured. Recorded as SAML_CONNECTION_CONFIGURED.",
  })
  setSamlIdpInitiatedLanding(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { description: 'The organization to act in.' }) organizationId: string,
    @Arg('input', () => SamlIdpInitiatedLandingInput, { description: 'The client and page.' }) input: SamlIdpInitiatedLandingInput,
  ) {
    return setSamlIdpInitiatedLanding(ctx.core, organizationId, { clientId: input.clientId ?? null, targetLinkUri: input.targetLinkUri });
  }
}

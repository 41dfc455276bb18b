import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'The OpenID Connect client an IdP-initiated sign-in (a dashboard tile) lands in when its RelayState names no page (docs/OIDC.md "IdP-initiated sign-in").',
})
export class SamlIdpInitiatedLanding {
  @Field(() => ID, { description: 'The client (its OAuth `client_id`).' }) clientId!: string;
  @Field(() => String, { description: "The client's display name." }) clientName!: string;
  @Field(() => String, {
    nullable: true,
    description: "The client's initiate-login URI the browser is sent to (with iss, login_hint, target_link_uri); null: it goes to targetLinkUri.",
  })
  initiateLoginUri!: string | null;
  @Field(() => String, { nullable: true, description: 'The page of the client to land on (`target_link_uri`); null: the client decides.' })
  targetLinkUri!: string | null;
}

@InputType({ description: 'The client IdP-initiated sign-ins land in.' })
export class SamlIdpInitiatedLandingInput {
  @Field(() => ID, { nullable: true, description: 'An OpenID Connect client; null clears the setting (sign-ins land at defaultRedirectUrl again).' })
  clientId!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The client's page to land on: an https URL on the origin of one of the client's redirect URIs (a redirect URI itself qualifies). Required when the client has no initiateLoginUri.",
  })
  targetLinkUri?: string | null;
}

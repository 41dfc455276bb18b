import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType({
  description:
    'An OpenID Connect client: a host application that receives the people its customer organizations sign in (docs/OIDC.md). One client serves every organization.',
})
export class OidcClient {
  @Field(() => ID, { description: 'The client id (a UUID), also its OAuth `client_id`.' }) id!: string;
  @Field(() => String, { description: 'The OAuth `client_id` (the same as `id`).' }) clientId!: string;
  @Field(() => String, { description: 'Display name, 1-200 characters; named in sign-in events.' }) name!: string;
  @Field(() => Boolean, { description: 'A public client (SPA, native app): no secret, PKCE required. A confidential one authenticates with its secret.' })
  public!: boolean;
  @Field(() => [String], { description: 'Where authorization responses may be sent (compared exactly).' }) redirectUris!: string[];
  @Field(() => [String], { description: 'Where RP-initiated logout may return to (compared exactly).' }) postLogoutRedirectUris!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'Where OpenID Back-Channel Logout tokens are POSTed when a user is deactivated, deleted or signed out; null: none.',
  })
  backchannelLogoutUri!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Where a sign-in started at an identity provider (a dashboard tile) is handed to the client, which then sends an authorization request (OpenID Connect Core §4, `initiate_login_uri`; docs/OIDC.md "IdP-initiated sign-in"); null: none.',
  })
  initiateLoginUri!: string | null;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change.' }) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change.' }) version!: number;
}

@ObjectType({ description: 'A client and its secret, shown only in this response.' })
export class CreatedOidcClient {
  @Field(() => String, { description: 'The OAuth `client_id`.' }) clientId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The client secret (`oidc_…`); store it now: only its SHA-256 is kept. Null for a public client.',
  })
  clientSecret!: string | null;
  @Field(() => OidcClient, { description: 'The client.' }) client!: OidcClient;
}

@InputType({ description: 'A new OpenID Connect client.' })
export class CreateOidcClientInput {
  @Field(() => String, { description: 'Display name, 1-200 characters.' }) name!: string;
  @Field(() => [String], {
    description: 'Redirect URIs (1-20): https, or http on localhost/127.0.0.1/[::1] (RFC 8252); no fragment.',
  })
  redirectUris!: string[];
  @Field(() => [String], { nullable: true, description: 'Post-logout redirect URIs (0-20), same rules.' }) postLogoutRedirectUris?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Back-channel logout URI: https to a public address (http and private addresses only where the operator set WEBHOOK_ALLOW_INSECURE_URLS); no fragment.',
  })
  backchannelLogoutUri?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Initiate-login URI (OpenID Connect Core §4): https, or http on localhost/127.0.0.1/[::1]; no fragment. It receives `iss`, `login_hint` and `target_link_uri` on IdP-initiated sign-ins.',
  })
  initiateLoginUri?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'A public client (no secret, PKCE required); default false.' })
  public?: boolean | null;
}

@InputType({ description: 'Changes to an OpenID Connect client; omitted fields are kept (backchannelLogoutUri or initiateLoginUri: null removes it).' })
export class UpdateOidcClientInput {
  @Field(() => String, { nullable: true, description: 'New display name.' }) name?: string | null;
  @Field(() => [String], { nullable: true, description: 'New redirect URIs (replace the list).' }) redirectUris?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'New post-logout redirect URIs (replace the list).' }) postLogoutRedirectUris?: string[] | null;
  @Field(() => String, { nullable: true, description: 'New back-channel logout URI; null removes it.' }) backchannelLogoutUri?: string | null;
  @Field(() => String, { nullable: true, description: 'New initiate-login URI; null removes it.' }) initiateLoginUri?: string | null;
}

@ObjectType({ description: 'An email domain an organization claims; verified ones route sign-ins by email (docs/OIDC.md).' })
export class OrganizationDomain {
  @Field(() => ID, { description: 'The domain id (a UUID).' }) id!: string;
  @Field(() => String, { description: 'The domain, lower-case (an internationalized name as its A-label, xn--…).' }) domain!: string;
  @Field(() => Boolean, { description: 'Whether the platform operator recorded it verified.' }) verified!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was recorded verified.' }) verifiedAt!: Date | null;
  @Field(() => String, { description: 'The DNS name to publish the TXT record under: `_idm-verification.<domain>`.' }) dnsRecordName!: string;
  @Field(() => String, { description: 'The TXT record value that proves control of the domain.' }) dnsRecordValue!: string;
  @Field(() => Date, { description: 'When it was added.' }) createdAt!: Date;
}

@ObjectType({ description: 'An OpenID Connect signing key as published in the JWKS (never its private part).' })
export class OidcSigningKey {
  @Field(() => String, { description: 'The key id (`kid`).' }) kid!: string;
  @Field(() => String, {
    description: 'NEXT: published, not yet signing; CURRENT: signs ID and logout tokens; RETIRED: published for verification until retireAt.',
  })
  state!: string;
  @Field(() => Date, { description: 'When it was created (and first published).' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it became CURRENT.' }) activatedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'RETIRED: when it stops being published.' }) retireAt!: Date | null;
}

@ObjectType({ description: 'The organization a sign-in is for (OpenID Connect adapter only).' })
export class OidcOrganization {
  @Field(() => ID, { description: 'The organization id.' }) id!: string;
  @Field(() => String, { description: 'Its slug.' }) slug!: string;
  @Field(() => String, { description: 'Its display name.' }) name!: string;
  @Field(() => Boolean, { description: 'Whether it has a SAML connection to sign in with.' }) samlConfigured!: boolean;
}

@ObjectType({ description: 'An active user as OpenID Connect claims (OpenID Connect adapter only).' })
export class OidcAccount {
  @Field(() => ID, { description: "The user's organization." }) organizationId!: string;
  @Field(() => GraphQLJSONObject, { description: 'The claims: sub, email, email_verified, name, …, org_id, org_slug, groups, roles, custom_attributes.' })
  claims!: Record<string, unknown>;
}

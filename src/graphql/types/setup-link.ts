import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SETUP_SCOPES, type SetupScope } from '../../core/principal.js';

export const SetupScopeEnum = Object.fromEntries(SETUP_SCOPES.map((s) => [s, s])) as Record<SetupScope, SetupScope>;
registerEnumType(SetupScopeEnum, {
  name: 'SetupScope',
  description: 'What a setup link lets its holder set up in its organization.',
  valuesConfig: {
    SSO: {
      description:
        'SAML sign-in: read and configure the SAML connection (IdP metadata upload included), run test sign-ins, read the organization, its policy, mappings and custom attribute definitions, and preview provisioning.',
    },
    SCIM: {
      description:
        'SCIM provisioning: create SCIM tokens (and list and revoke those it created), read the SCIM request log, read the organization, its policy, mappings and custom attribute definitions.',
    },
  },
});

@InputType({ description: 'A new setup link.' })
export class CreateSetupLinkInput {
  @Field(() => [SetupScopeEnum], { description: 'What the link may set up: SSO, SCIM or both (at least one).' }) scopes!: SetupScope[];
  @Field(() => Int, {
    nullable: true,
    description: 'How long the link works, in seconds: 300 (5 minutes) to 2592000 (30 days); default 604800 (7 days).',
  })
  expiresInSeconds?: number | null;
}

@ObjectType({
  description:
    "A setup link: a secret URL for the customer's IT admin to set up SSO or SCIM for one organization, without a key, until it expires or is revoked. Its secret is stored only as a hash.",
})
export class SetupLink {
  @Field(() => ID, { description: 'The link id (a UUID); the `actorId` of the events of changes made through it.' }) id!: string;
  @Field(() => ID, { description: 'The organization it sets up.' }) organizationId!: string;
  @Field(() => [SetupScopeEnum], { description: 'What it may set up.' }) scopes!: SetupScope[];
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it stops working.' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was revoked (null while not revoked); a revoked link is refused from the next request on.' })
  revokedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Label of the credential that created it, e.g. `API key "ops"`.' }) createdBy!: string | null;
}

@ObjectType({ description: 'A newly created setup link and its URL, shown only this once.' })
export class CreateSetupLinkPayload {
  @Field(() => String, {
    description:
      'The URL to hand to the IT admin: `<PUBLIC_URL>/admin/setup#<secret>`. The secret is in the fragment, which browsers never send to a server (no access log or Referer carries it); the console sends it as `Authorization: Bearer <secret>`. Store or send it now: only its hash is kept.',
  })
  url!: string;
  @Field(() => Date, { description: 'When the link stops working.' }) expiresAt!: Date;
  @Field(() => SetupLink, { description: 'The stored link (without its secret).' }) link!: SetupLink;
}

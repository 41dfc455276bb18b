import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ApiKeyRole } from '../../core/principal.js';
import type { CredentialKind } from '../../core/entities/credential.js';
import type { SetupScope } from '../../core/principal.js';
import { ApiKeyRoleEnum, CredentialKindEnum } from './common.js';
import { SetupScopeEnum } from './setup-link.js';

@ObjectType({ description: 'A customer organization (tenant). Everything else belongs to exactly one.' })
export class Organization {
  @Field(() => ID, { description: 'The organization id (a UUID); every other operation takes it as `organizationId`.' }) id!: string;
  @Field(() => String, { description: 'Display name, 1-200 characters.' }) name!: string;
  @Field(() => String, { description: 'Unique URL-safe handle, used in SAML endpoint paths.' }) slug!: string;
  @Field(() => Date, { description: 'When the organization was created.' }) createdAt!: Date;
  @Field(() => Date, { description: 'Time of the last change to name or slug.' }) updatedAt!: Date;
  @Field(() => Int, { description: 'Increases by one on every change to name or slug.' }) version!: number;
}

@InputType({ description: 'A new organization.' })
export class CreateOrganizationInput {
  @Field(() => String, { description: 'Display name, 1-200 characters after trimming.' }) name!: string;
  @Field(() => String, { description: '1-63 lower-case letters, digits or inner hyphens; unique.' }) slug!: string;
}

@InputType({ description: 'Changes to an organization; omitted fields are kept.' })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true, description: 'New display name, 1-200 characters; omitted or null keeps it.' }) name?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'New slug (1-63 lower-case letters, digits or inner hyphens; unique); omitted or null keeps it. Changes the SAML endpoint URLs.',
  })
  slug?: string | null;
}

@ObjectType({ description: 'A bearer credential of an organization. The secret itself is only ever returned once, at creation.' })
export class Credential {
  @Field(() => ID, { description: 'The credential id (a UUID).' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'Null for platform keys.' }) organizationId!: string | null;
  @Field(() => CredentialKindEnum, { description: 'SCIM token, API key or platform key.' }) kind!: CredentialKind;
  @Field(() => String, { description: 'Name given at creation, 1-200 characters.' }) name!: string;
  @Field(() => String, { description: 'ADMIN or READ_ONLY for API keys, PROVISIONING for SCIM tokens, PLATFORM for platform keys.' }) role!:
    ApiKeyRole | string;
  @Field(() => String, {
    nullable: true,
    description: 'Label of the credential that created it, e.g. `ADMIN_API_KEY` or `platform key "ops"` (`system` for a key generated at first start).',
  })
  createdBy!: string | null;
  @Field(() => Date, { description: 'When the credential was created.' }) createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'Last successful use, updated at most once a minute (so it may lag by a minute or two); null when never used.',
  })
  lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was revoked (null while valid); a revoked credential is refused from the next request on.' })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A newly created credential and its secret, shown only this once.' })
export class CreatedCredential {
  @Field(() => Credential, { description: 'The stored credential (without its secret).' }) credential!: Credential;
  @Field(() => String, { description: 'The bearer secret. Store it now: only its hash is kept.' }) token!: string;
}

@ObjectType({ description: 'The caller, as identified by its bearer credential.' })
export class Viewer {
  @Field(() => String, {
    description:
      'PLATFORM (a platform key or ADMIN_API_KEY), API_KEY, SCIM_TOKEN, SETUP_LINK (a setup link: see `scopes`, `expiresAt`), or SAML (the in-process SAML adapter, never an HTTP caller).',
  })
  kind!: string;
  @Field(() => ID, { nullable: true, description: 'The organization the credential belongs to (null for platform keys).' }) organizationId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the credential (of a setup link: the link id); null for ADMIN_API_KEY (configuration, not a stored credential) and for SAML.',
  })
  credentialId!: string | null;
  @Field(() => String, { description: 'Human-readable caller, e.g. `API key "dashboard"`, `SCIM token "Okta"` or `ADMIN_API_KEY`.' }) label!: string;
  @Field(() => ApiKeyRoleEnum, { nullable: true, description: 'ADMIN or READ_ONLY for API keys; null for every other kind.' }) role!: ApiKeyRole | null;
  @Field(() => [SetupScopeEnum], { nullable: true, description: "A setup link's scopes (what the console may offer); null for every other kind." })
  scopes!: SetupScope[] | null;
  @Field(() => Date, { nullable: true, description: 'When a setup link stops working; null for every other kind (keys do not expire).' })
  expiresAt!: Date | null;
}

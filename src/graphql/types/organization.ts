import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ApiKeyRole } from '../../core/principal.js';
import type { CredentialKind } from '../../core/entities/credential.js';
import { ApiKeyRoleEnum, CredentialKindEnum } from './common.js';

@ObjectType({ description: 'A customer organization (tenant). Everything else belongs to exactly one.' })
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Unique URL-safe handle, used in SAML endpoint paths.' }) slug!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'A new organization.' })
export class CreateOrganizationInput {
  @Field(() => String) name!: string;
  @Field(() => String, { description: '1-63 lower-case letters, digits or inner hyphens; unique.' }) slug!: string;
}

@InputType({ description: 'Changes to an organization; omitted fields are kept.' })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
}

@ObjectType({ description: 'A bearer credential of an organization. The secret itself is only ever returned once, at creation.' })
export class Credential {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Null for platform keys.' }) organizationId!: string | null;
  @Field(() => CredentialKindEnum) kind!: CredentialKind;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'ADMIN or READ_ONLY for API keys, PROVISIONING for SCIM tokens.' }) role!: ApiKeyRole | string;
  @Field(() => String, { nullable: true, description: 'Who created it.' }) createdBy!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Last successful use (updated at most once a minute).' }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Set once revoked; a revoked credential is refused at once.' }) revokedAt!: Date | null;
}

@ObjectType({ description: 'A newly created credential and its secret, shown only this once.' })
export class CreatedCredential {
  @Field(() => Credential) credential!: Credential;
  @Field(() => String, { description: 'The bearer secret. Store it now: only its hash is kept.' }) token!: string;
}

@ObjectType({ description: 'The caller, as identified by its bearer credential.' })
export class Viewer {
  @Field(() => String, { description: 'PLATFORM, API_KEY, SCIM_TOKEN or SAML.' }) kind!: string;
  @Field(() => ID, { nullable: true, description: 'The organization the credential belongs to (null for platform keys).' }) organizationId!: string | null;
  @Field(() => ID, { nullable: true }) credentialId!: string | null;
  @Field(() => String) label!: string;
  @Field(() => ApiKeyRoleEnum, { nullable: true }) role!: ApiKeyRole | null;
}

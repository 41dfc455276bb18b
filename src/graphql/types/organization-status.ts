import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "An organization's setup status at a glance: SSO, SCIM, sign-ins and seats." })
export class OrganizationStatus {
  @Field(() => Boolean, { description: "True when the SAML connection is configured (the IdP's entity id and SSO URL are set)." }) ssoConfigured!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: "When the earliest-expiring trusted IdP signing certificate expires (after it, that certificate's signatures are refused); null without one.",
  })
  idpCertificateExpiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the last SCIM request of the organization arrived (within the last 24 hours); null when none.' })
  lastScimRequestAt!: Date | null;
  @Field(() => Int, { description: 'SCIM requests answered with a 4xx or 5xx status in the last 24 hours (of the newest 1,000 requests kept).' })
  scimErrorsLast24h!: number;
  @Field(() => Int, { description: 'SAML sign-ins since midnight UTC (sessions opened).' }) signInsToday!: number;
  @Field(() => Int, { description: 'Active users: the seats in use.' }) activeUsers!: number;
  @Field(() => Int, { nullable: true, description: "The policy's seat limit; null when unlimited." }) seatLimit!: number | null;
}

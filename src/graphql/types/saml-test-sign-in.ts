import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { SAML_TEST_SIGN_IN_STATUSES, type SamlTestSignInStatus } from '../../core/entities/saml-test-sign-in.js';
import { ProvisioningPreview } from './provisioning.js';

export const SamlTestSignInStatusEnum = Object.fromEntries(SAML_TEST_SIGN_IN_STATUSES.map((s) => [s, s])) as Record<SamlTestSignInStatus, SamlTestSignInStatus>;
registerEnumType(SamlTestSignInStatusEnum, {
  name: 'SamlTestSignInStatus',
  description: 'Where a test sign-in stands.',
  valuesConfig: {
    PENDING: { description: 'Started; no response has arrived from the identity provider yet.' },
    SUCCEEDED: { description: 'A valid response arrived; for a dry run, the sign-in would also be allowed.' },
    FAILED: { description: 'The response was refused, or the sign-in would be (see `failureReason`).' },
  },
});

@ObjectType({ description: 'One attribute of a SAML assertion, as it arrived.' })
export class SamlTestAttribute {
  @Field(() => String, { description: 'The attribute Name.' }) name!: string;
  @Field(() => [String], { description: 'Its values, as text.' }) values!: string[];
}

@ObjectType({
  description:
    'A test sign-in of the SAML connection: what the identity provider sent and what the mappings made of it. Kept for a day; readable with `read` in the organization or a setup link with the SSO scope.',
})
export class SamlTestSignIn {
  @Field(() => ID, { description: 'The test sign-in id (a UUID).' }) id!: string;
  @Field(() => ID, { description: 'The organization whose connection is tested.' }) organizationId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The URL to open in the browser (it starts the SP-initiated sign-in at the identity provider). Only in the answer of `startSamlTestSignIn`: it carries a secret that is not stored.',
  })
  url!: string | null;
  @Field(() => Boolean, { description: 'True: the test changes no user and opens no session; false: the person is signed in as usual.' }) dryRun!: boolean;
  @Field(() => SamlTestSignInStatusEnum, { description: 'PENDING until the response arrives, then SUCCEEDED or FAILED.' }) status!: SamlTestSignInStatus;
  @Field(() => String, {
    nullable: true,
    description:
      'Why it FAILED: a response validation rejection by its name (`signature`, `expired`, `audience`, … as in docs/SAML.md), or the reason the sign-in was or would be refused (`signIn.domainNotAllowed`, `policy.seatLimit.reached`, `saml.inResponseTo.used`, …).',
  })
  failureReason!: string | null;
  @Field(() => String, { nullable: true, description: 'What went wrong, in words (the detail of the refusal).' }) failureMessage!: string | null;
  @Field(() => String, { nullable: true, description: 'The NameID the identity provider sent (null until a valid response arrived).' }) nameId!: string | null;
  @Field(() => String, { nullable: true, description: "The NameID's Format." }) nameIdFormat!: string | null;
  @Field(() => String, { nullable: true, description: "The assertion's Issuer (the identity provider's entity id)." }) issuer!: string | null;
  @Field(() => String, { nullable: true, description: 'The AuthnContextClassRef: how the identity provider authenticated the person.' })
  authnContextClassRef!: string | null;
  @Field(() => [SamlTestAttribute], { nullable: true, description: 'Every attribute of the assertion with its values (null until a valid response arrived).' })
  attributes!: SamlTestAttribute[] | null;
  @Field(() => [String], { nullable: true, description: "The group names the organization's SAML mappings produced (null until a valid response arrived)." })
  groups!: string[] | null;
  @Field(() => ProvisioningPreview, {
    nullable: true,
    description:
      'What the mappings and policy made of it, as `previewProvisioning` answers (for a sign-in that happened, the user as it is after it). Null until a valid response arrived.',
  })
  preview!: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true, description: 'The user who was signed in (not a dry run).' }) userId!: string | null;
  @Field(() => String, { nullable: true, description: 'Label of the credential that started it, e.g. `setup link 0193ab12…9f3e (SSO)`.' })
  createdBy!: string | null;
  @Field(() => Date, { description: 'When it was started.' }) createdAt!: Date;
  @Field(() => Date, { description: 'The response must arrive before this time (an hour after the start).' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the response arrived (null while PENDING).' }) completedAt!: Date | null;
}

@InputType({ description: 'How a test sign-in ended, as the SAML adapter saw it at its ACS (in-process use only).' })
export class SamlTestSignInResultInput {
  @Field(() => ID, { nullable: true, description: 'The test, by id (from `consumeSamlAssertion`).' }) id?: string | null;
  @Field(() => String, { nullable: true, description: 'The test, by the secret of the RelayState (a response refused before it was consumed).' })
  token?: string | null;
  @Field(() => String, { nullable: true, description: 'The refusal reason; null when the sign-in went through.' }) failureReason?: string | null;
  @Field(() => String, { nullable: true, description: 'The refusal in words.' }) failureMessage?: string | null;
  @Field(() => String, { nullable: true, description: 'The validated NameID.' }) nameId?: string | null;
  @Field(() => String, { nullable: true, description: "The NameID's Format." }) nameIdFormat?: string | null;
  @Field(() => String, { nullable: true, description: "The assertion's Issuer." }) issuer?: string | null;
  @Field(() => String, { nullable: true, description: 'The AuthnContextClassRef.' }) authnContextClassRef?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The validated attributes: name → values.' }) attributes?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true, description: 'The user signed in (not a dry run).' }) userId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether that sign-in created the user.' }) created?: boolean | null;
}

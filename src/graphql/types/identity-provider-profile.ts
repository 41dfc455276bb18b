import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SETUP_VALUE_KEYS, type IdentityProviderKind, type SetupValueKey } from '../../core/idp-profile-data.js';
import { enumOf, IdentityProviderKindEnum } from './identity-provider-kind.js';
import { MappingRule } from './provisioning.js';

export { IdentityProviderKindEnum };

export const SetupValueKeyEnum = enumOf(SETUP_VALUE_KEYS);
registerEnumType(SetupValueKeyEnum, {
  name: 'SetupValueKey',
  description: "Which of this service's own values a setup value is (so a console can offer a copy button).",
  valuesConfig: {
    ACS_URL: { description: "The organization's Assertion Consumer Service URL (samlConnection.serviceProvider.acsUrl)." },
    ACS_URL_PATTERN: { description: 'A regular expression matching exactly the ACS URL (OneLogin asks for one).' },
    SP_ENTITY_ID: { description: 'The SP entity ID, the audience of assertions (samlConnection.serviceProvider.entityId).' },
    SP_METADATA_URL: { description: 'The SP metadata URL (samlConnection.serviceProvider.metadataUrl).' },
    SP_LOGIN_URL: { description: 'Where an SP-initiated sign-in starts (samlConnection.serviceProvider.loginUrl).' },
    SCIM_BASE_URL: { description: 'The SCIM 2.0 base URL (PUBLIC_URL + /scim/v2; the same for every organization: the token names it).' },
    SCIM_TOKEN: { description: 'A SCIM token of the organization: always a placeholder, as tokens are shown only when created (createScimToken).' },
  },
});

@ObjectType({ description: "One field of the identity provider's console and what to put there." })
export class SetupValue {
  @Field(() => String, { description: "The field's label, as the identity provider's console shows it." }) label!: string;
  @Field(() => String, {
    description:
      "What to enter or choose: this service's own value for the organization, a literal of the IdP's console, or (placeholder: true) what goes there.",
  })
  value!: string;
  @Field(() => SetupValueKeyEnum, {
    nullable: true,
    description: "Which of this service's values it is; null for a literal of the identity provider's console.",
  })
  key!: SetupValueKey | null;
  @Field(() => Boolean, {
    description:
      'True when value says what goes there instead of being it: no organizationId was given (or the public URL is unknown), or it is a secret (SCIM_TOKEN).',
  })
  placeholder!: boolean;
}

@ObjectType({
  description: "One step of setting up an identity provider, named and ordered as the identity provider's own console and documentation name them.",
})
export class SetupStep {
  @Field(() => String, { description: "The IdP's own name of the screen, tab or section." }) title!: string;
  @Field(() => String, { description: 'What to do there.' }) instructions!: string;
  @Field(() => [SetupValue], { description: 'The fields to fill, in the order the console shows them (may be empty).' }) values!: SetupValue[];
}

@ObjectType({ description: 'A SAML attribute the identity provider sends by default, and the user attribute it fills.' })
export class ProfileAttributeName {
  @Field(() => String, { description: 'Our attribute (a mapping target: givenName, familyName, email, displayName, title, department, groups).' })
  attribute!: string;
  @Field(() => String, { description: 'The attribute Name this identity provider sends for it (matched ignoring case).' }) samlName!: string;
}

@ObjectType({
  description:
    'An identity provider profile (docs/IDP-GUIDES.md): how to connect it for SAML sign-in and SCIM provisioning, in its own words, and the SAML attribute names it sends. With an organizationId the setup values are that organization’s own URLs.',
})
export class IdentityProviderProfile {
  @Field(() => IdentityProviderKindEnum, { description: 'Which identity provider.' }) kind!: IdentityProviderKind;
  @Field(() => String, { description: 'Its product name.' }) name!: string;
  @Field(() => Boolean, { description: 'Whether it can provision this service over SCIM 2.0 (false for Google Workspace).' }) scimSupported!: boolean;
  @Field(() => String, { nullable: true, description: 'What to know about SCIM with this identity provider (why it is unsupported, or a caveat).' })
  scimNote!: string | null;
  @Field(() => String, { description: 'The NameID format to choose in the identity provider (what a connection requests by default).' }) nameIdFormat!: string;
  @Field(() => [String], { description: "The identity provider's documentation pages the SAML steps follow." }) samlDocsUrls!: string[];
  @Field(() => [String], { description: "The identity provider's documentation pages the SCIM steps follow." }) scimDocsUrls!: string[];
  @Field(() => [SetupStep], { description: 'SAML sign-in setup, in order.' }) samlSetup!: SetupStep[];
  @Field(() => [SetupStep], { description: 'SCIM provisioning setup, in order (empty when scimSupported is false).' }) scimSetup!: SetupStep[];
  @Field(() => [ProfileAttributeName], {
    description: 'Our attributes and the SAML attribute names this identity provider sends for them (from defaultSamlRules; an attribute may have fallbacks).',
  })
  samlAttributeNames!: ProfileAttributeName[];
  @Field(() => [MappingRule], {
    description:
      'The default SAML mapping rules of a connection with this profile (attributeMappings(source: SAML).defaultRules then shows them): first-wins per target, so a later rule for the same target is a fallback.',
  })
  defaultSamlRules!: MappingRule[];
  @Field(() => ID, { nullable: true, description: 'The organization whose values fill the setup steps; null when they are placeholders.' })
  organizationId!: string | null;
}

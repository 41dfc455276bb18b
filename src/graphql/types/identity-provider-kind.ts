import { registerEnumType } from 'type-graphql';
import { IDENTITY_PROVIDER_KINDS } from '../../core/idp-profile-data.js';

export const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const IdentityProviderKindEnum = enumOf(IDENTITY_PROVIDER_KINDS);
registerEnumType(IdentityProviderKindEnum, {
  name: 'IdentityProviderKind',
  description:
    'An identity provider this service knows by name (docs/IDP-GUIDES.md): its setup steps, the SAML attribute names it sends by default, and the SCIM requests it makes. A SAML connection records one; its default SAML mappings follow it.',
  valuesConfig: {
    OKTA: { description: 'Okta (Workforce Identity Cloud).' },
    ENTRA_ID: { description: 'Microsoft Entra ID (formerly Azure Active Directory): claims named by URI.' },
    GOOGLE_WORKSPACE: { description: "Google Workspace: SAML only (Google's automatic provisioning does not reach custom apps over SCIM)." },
    ONELOGIN: { description: 'OneLogin.' },
    JUMPCLOUD: { description: 'JumpCloud.' },
    PING: { description: 'PingOne, and PingFederate with the same values.' },
    GENERIC: {
      description: "Any SAML 2.0 identity provider and SCIM 2.0 client. The default of a connection; its SAML defaults read Okta's and Entra ID's names both.",
    },
  },
});

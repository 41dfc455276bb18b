/**
 * The GraphQL operations the SAML adapter runs in-process. Their result types are generated from
 * these strings and schema/schema.graphql (`npm run codegen`, also the first step of `npm test`):
 * a schema change that breaks an operation fails codegen or the type check, not a sign-in.
 */
import type {
  SamlResolveOrganizationQuery,
  SamlAdapterConnectionQuery,
  SamlRecordAuthnRequestMutation,
  SamlDecryptAssertionMutation,
  SamlConsumeAssertionMutation,
  SamlSignInMutation,
  SamlSessionQuery,
  SamlEndSessionMutation,
  SamlRecordTestSignInResultMutation,
  SamlIdpInitiatedLandingQuery,
  SamlEndSessionsMutation,
  SamlBeginLogoutMutation,
  SamlConsumeLogoutResponseMutation,
  SamlSignLogoutMessageMutation,
} from './operations.generated.js';

export type ResolvedOrganization = SamlResolveOrganizationQuery;
export type Connection = SamlAdapterConnectionQuery['samlConnection'];
export type RecordedAuthnRequest = SamlRecordAuthnRequestMutation;
export type DecryptedAssertion = SamlDecryptAssertionMutation;
export type ConsumedAssertion = SamlConsumeAssertionMutation;
export type SignedIn = SamlSignInMutation;
export type SessionResult = SamlSessionQuery;
export type EndedSession = SamlEndSessionMutation;
export type RecordedTestSignInResult = SamlRecordTestSignInResultMutation;
export type IdpInitiatedLanding = SamlIdpInitiatedLandingQuery['samlConnection']['idpInitiatedLanding'];
export type EndedSamlSessions = SamlEndSessionsMutation;
export type BegunLogout = SamlBeginLogoutMutation;
export type ConsumedLogoutResponse = SamlConsumeLogoutResponseMutation;
export type SignedLogoutMessage = SamlSignLogoutMessageMutation;

export const RESOLVE_ORGANIZATION = /* GraphQL */ `
  query SamlResolveOrganization($slug: String!) {
    samlOrganization(slug: $slug) {
      id
      slug
      name
    }
  }
`;

export const CONNECTION = /* GraphQL */ `
  query SamlAdapterConnection($org: ID!) {
    samlConnection(organizationId: $org) {
      configured
      idpEntityId
      idpSsoUrl
      idpSloUrl
      idpSloResponseUrl
      idpSloBinding
      nameIdFormat
      wantAssertionsSigned
      wantResponseSigned
      clockSkewSeconds
      allowIdpInitiated
      allowedRedirectHosts
      defaultRedirectUrl
      signAuthnRequests
      wantAssertionsEncrypted
      spPrivateKeyConfigured
      idpCertificates {
        pem
      }
      spCertificate {
        pem
      }
      spNextCertificate {
        pem
      }
      serviceProvider {
        entityId
        acsUrl
        metadataUrl
        loginUrl
        sloUrl
        logoutUrl
      }
    }
  }
`;

export const RECORD_AUTHN_REQUEST = /* GraphQL */ `
  mutation SamlRecordAuthnRequest($org: ID!, $input: SamlAuthnRequestInput!) {
    recordSamlAuthnRequest(organizationId: $org, input: $input) {
      id
      expiresAt
      redirectUrl
    }
  }
`;

export const DECRYPT_ASSERTION = /* GraphQL */ `
  mutation SamlDecryptAssertion($org: ID!, $input: SamlEncryptedAssertionInput!) {
    decryptSamlAssertion(organizationId: $org, input: $input) {
      assertionXml
      keyTransportAlgorithm
      contentEncryptionAlgorithm
    }
  }
`;

export const CONSUME_ASSERTION = /* GraphQL */ `
  mutation SamlConsumeAssertion($org: ID!, $input: SamlAssertionUseInput!) {
    consumeSamlAssertion(organizationId: $org, input: $input) {
      authnRequestId
      returnTo
      idpInitiated
      testSignInId
      testSignInDryRun
    }
  }
`;

export const SIGN_IN = /* GraphQL */ `
  mutation SamlSignIn($org: ID!, $input: SignInInput!) {
    signIn(organizationId: $org, input: $input) {
      created
      sessionToken
      sessionExpiresAt
      skippedFields
      refusedAttributes {
        field
        reason
        message
      }
      user {
        id
        userName
        emails {
          value
          primary
        }
      }
    }
  }
`;

/** The OpenID Connect client an IdP-initiated sign-in without RelayState lands in (docs/OIDC.md "IdP-initiated sign-in"). */
export const IDP_INITIATED_LANDING = /* GraphQL */ `
  query SamlIdpInitiatedLanding($org: ID!) {
    samlConnection(organizationId: $org) {
      idpInitiatedLanding {
        clientId
        initiateLoginUri
        targetLinkUri
      }
    }
  }
`;

export const SESSION = /* GraphQL */ `
  query SamlSession($org: ID!, $token: String!) {
    session(organizationId: $org, token: $token) {
      expiresAt
      user {
        id
        userName
        displayName
        title
        department
        role
        active
        name {
          givenName
          familyName
        }
        emails {
          value
          type
          primary
        }
        groups {
          id
          displayName
        }
      }
    }
    organization(id: $org) {
      id
      slug
      name
    }
  }
`;

export const END_SESSION = /* GraphQL */ `
  mutation SamlEndSession($org: ID!, $token: String!) {
    endSession(organizationId: $org, token: $token)
  }
`;

export const RECORD_TEST_SIGN_IN_RESULT = /* GraphQL */ `
  mutation SamlRecordTestSignInResult($org: ID!, $input: SamlTestSignInResultInput!) {
    recordSamlTestSignInResult(organizationId: $org, input: $input) {
      id
      status
    }
  }
`;

export const END_SAML_SESSIONS = /* GraphQL */ `
  mutation SamlEndSessions($org: ID!, $input: SamlSessionsEndInput!) {
    endSamlSessions(organizationId: $org, input: $input) {
      sessionsEnded
      userIds
    }
  }
`;

export const BEGIN_LOGOUT = /* GraphQL */ `
  mutation SamlBeginLogout($org: ID!, $input: SamlLogoutStartInput!) {
    beginSamlLogout(organizationId: $org, input: $input) {
      sessionEnded
      logoutRequest {
        id
        nameId
        nameIdFormat
        sessionIndex
        destination
        binding
        expiresAt
      }
    }
  }
`;

export const CONSUME_LOGOUT_RESPONSE = /* GraphQL */ `
  mutation SamlConsumeLogoutResponse($org: ID!, $inResponseTo: String!) {
    consumeSamlLogoutResponse(organizationId: $org, inResponseTo: $inResponseTo) {
      returnTo
    }
  }
`;

export const SIGN_LOGOUT_MESSAGE = /* GraphQL */ `
  mutation SamlSignLogoutMessage($org: ID!, $input: SamlLogoutMessageInput!) {
    signSamlLogoutMessage(organizationId: $org, input: $input) {
      binding
      url
      parameter
      value
      relayState
    }
  }
`;

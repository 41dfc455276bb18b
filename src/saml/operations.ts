/** The GraphQL operations the SAML adapter runs in-process, and the shapes of their results. */

export const RESOLVE_ORGANIZATION = /* GraphQL */ `
  query SamlResolveOrganization($slug: String!) {
    samlOrganization(slug: $slug) {
      id
      slug
      name
    }
  }
`;
export interface ResolvedOrganization {
  samlOrganization: { id: string; slug: string; name: string } | null;
}

export const CONNECTION = /* GraphQL */ `
  query SamlAdapterConnection($org: ID!) {
    samlConnection(organizationId: $org) {
      configured
      idpEntityId
      idpSsoUrl
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
      serviceProvider {
        entityId
        acsUrl
        metadataUrl
        loginUrl
      }
    }
  }
`;
export interface Connection {
  configured: boolean;
  idpEntityId: string | null;
  idpSsoUrl: string | null;
  nameIdFormat: string;
  wantAssertionsSigned: boolean;
  wantResponseSigned: boolean;
  clockSkewSeconds: number;
  allowIdpInitiated: boolean;
  allowedRedirectHosts: string[];
  defaultRedirectUrl: string | null;
  signAuthnRequests: boolean;
  wantAssertionsEncrypted: boolean;
  spPrivateKeyConfigured: boolean;
  idpCertificates: Array<{ pem: string }>;
  spCertificate: { pem: string } | null;
  serviceProvider: { entityId: string; acsUrl: string; metadataUrl: string; loginUrl: string };
}

export const RECORD_AUTHN_REQUEST = /* GraphQL */ `
  mutation SamlRecordAuthnRequest($org: ID!, $input: SamlAuthnRequestInput!) {
    recordSamlAuthnRequest(organizationId: $org, input: $input) {
      id
      expiresAt
      redirectUrl
    }
  }
`;
export interface RecordedAuthnRequest {
  recordSamlAuthnRequest: { id: string; expiresAt: string; redirectUrl: string };
}

export const DECRYPT_ASSERTION = /* GraphQL */ `
  mutation SamlDecryptAssertion($org: ID!, $input: SamlEncryptedAssertionInput!) {
    decryptSamlAssertion(organizationId: $org, input: $input) {
      assertionXml
      keyTransportAlgorithm
      contentEncryptionAlgorithm
    }
  }
`;
export interface DecryptedAssertion {
  decryptSamlAssertion: { assertionXml: string; keyTransportAlgorithm: string; contentEncryptionAlgorithm: string };
}

export const CONSUME_ASSERTION = /* GraphQL */ `
  mutation SamlConsumeAssertion($org: ID!, $input: SamlAssertionUseInput!) {
    consumeSamlAssertion(organizationId: $org, input: $input) {
      authnRequestId
      returnTo
      idpInitiated
    }
  }
`;
export interface ConsumedAssertion {
  consumeSamlAssertion: { authnRequestId: string | null; returnTo: string | null; idpInitiated: boolean };
}

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
      }
    }
  }
`;
export interface SignedIn {
  signIn: {
    created: boolean;
    sessionToken: string;
    sessionExpiresAt: string;
    skippedFields: string[];
    refusedAttributes: Array<{ field: string; reason: string; message: string }>;
    user: { id: string; userName: string };
  };
}

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
export interface SessionResult {
  session: { expiresAt: string; user: Record<string, unknown> } | null;
  organization: { id: string; slug: string; name: string } | null;
}

export const END_SESSION = /* GraphQL */ `
  mutation SamlEndSession($org: ID!, $token: String!) {
    endSession(organizationId: $org, token: $token)
  }
`;
export interface EndedSession {
  endSession: boolean;
}

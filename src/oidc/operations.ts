/**
 * The GraphQL operations the OpenID Connect adapter runs in-process (as the OIDC principal). Their
 * result types are generated from these strings and schema/schema.graphql (`npm run codegen`).
 */
import type {
  OidcFindPayloadQuery,
  OidcOrganizationQuery,
  OidcAccountQuery,
  OidcClientMetadataQuery,
  OidcProviderKeysQuery,
  OidcSessionQuery,
} from './operations.generated.js';

export type FoundPayload = OidcFindPayloadQuery;
export type ResolvedOrganization = OidcOrganizationQuery;
export type Account = OidcAccountQuery;
export type ClientMetadata = OidcClientMetadataQuery;
export type ProviderKeys = OidcProviderKeysQuery;
export type SessionResult = OidcSessionQuery;

/** The organization an authorization request names (provider.ts wantedOrganization): none, one found, or one that does not exist. */
export type WantedOrganization =
  { kind: 'none' } | { kind: 'found'; org: NonNullable<ResolvedOrganization['oidcOrganization']> } | { kind: 'unknown'; by: 'slug' | 'email' };

export const FIND_PAYLOAD = /* GraphQL */ `
  query OidcFindPayload($model: String!, $id: String, $uid: String, $userCode: String) {
    oidcPayload(model: $model, id: $id, uid: $uid, userCode: $userCode)
  }
`;

export const STORE_PAYLOAD = /* GraphQL */ `
  mutation OidcStorePayload($model: String!, $id: String!, $payload: JSONObject!, $expiresIn: Int) {
    storeOidcPayload(model: $model, id: $id, payload: $payload, expiresIn: $expiresIn)
  }
`;

export const CONSUME_PAYLOAD = /* GraphQL */ `
  mutation OidcConsumePayload($model: String!, $id: String!) {
    consumeOidcPayload(model: $model, id: $id)
  }
`;

export const DESTROY_PAYLOAD = /* GraphQL */ `
  mutation OidcDestroyPayload($model: String!, $id: String!) {
    destroyOidcPayload(model: $model, id: $id)
  }
`;

export const REVOKE_GRANT = /* GraphQL */ `
  mutation OidcRevokeGrant($grantId: String!) {
    revokeOidcGrant(grantId: $grantId)
  }
`;

export const CLIENT_METADATA = /* GraphQL */ `
  query OidcClientMetadata($clientId: String!) {
    oidcClientMetadata(clientId: $clientId)
  }
`;

export const PROVIDER_KEYS = /* GraphQL */ `
  query OidcProviderKeys {
    oidcProviderKeys
  }
`;

export const ORGANIZATION = /* GraphQL */ `
  query OidcOrganization($slug: String, $email: String) {
    oidcOrganization(slug: $slug, email: $email) {
      id
      slug
      name
      samlConfigured
    }
  }
`;

export const ACCOUNT = /* GraphQL */ `
  query OidcAccount($userId: ID!) {
    oidcAccount(userId: $userId) {
      organizationId
      claims
    }
  }
`;

export const SESSION = /* GraphQL */ `
  query OidcSession($org: ID!, $token: String!) {
    session(organizationId: $org, token: $token) {
      createdAt
      authnContextClassRef
      authenticationMethods
      user {
        id
        organizationId
        active
        userName
        emails {
          value
          primary
        }
      }
    }
  }
`;

export const RECORD_SIGN_IN = /* GraphQL */ `
  mutation OidcRecordSignIn($org: ID!, $userId: ID!, $clientId: String!) {
    recordOidcSignIn(organizationId: $org, userId: $userId, clientId: $clientId)
  }
`;

export const RECORD_LOGOUT = /* GraphQL */ `
  mutation OidcRecordLogout($userId: ID!, $clientId: String) {
    recordOidcLogout(userId: $userId, clientId: $clientId)
  }
`;

export const QUEUE_BACKCHANNEL_LOGOUT = /* GraphQL */ `
  mutation OidcQueueBackchannelLogout($clientId: String!, $userId: ID!, $sid: String) {
    queueOidcBackchannelLogout(clientId: $clientId, userId: $userId, sid: $sid)
  }
`;

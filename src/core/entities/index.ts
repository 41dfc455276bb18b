import { Organization } from './organization.js';
import { User } from './user.js';
import { Group, GroupMembership } from './group.js';
import { Credential } from './credential.js';
import { Event } from './event.js';
import { AttributeMappingSet, CustomAttributeDefinition, ProvisioningPolicy, Session } from './provisioning.js';
import { SamlAuthnRequest, SamlCertificateExpiry, SamlLogoutRequest, SamlConnection, SamlUsedAssertion } from './saml.js';
import { WebhookCursor, WebhookDelivery, WebhookEndpoint } from './webhook.js';
import { SetupLink } from './setup-link.js';
import { SamlTestSignIn } from './saml-test-sign-in.js';
import { ScimRequest } from './scim-request.js';
import { OidcClient, OidcLogoutDelivery, OidcPayload, OidcSigningKey, OrganizationDomain } from './oidc.js';

export {
  Organization,
  User,
  Group,
  GroupMembership,
  Credential,
  Event,
  ProvisioningPolicy,
  CustomAttributeDefinition,
  AttributeMappingSet,
  Session,
  SamlConnection,
  SamlAuthnRequest,
  SamlLogoutRequest,
  SamlUsedAssertion,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookCursor,
  SamlCertificateExpiry,
  SetupLink,
  SamlTestSignIn,
  ScimRequest,
  OidcClient,
  OrganizationDomain,
  OidcPayload,
  OidcSigningKey,
  OidcLogoutDelivery,
};
export const ENTITIES = [
  Organization,
  User,
  Group,
  GroupMembership,
  Credential,
  Event,
  ProvisioningPolicy,
  CustomAttributeDefinition,
  AttributeMappingSet,
  Session,
  SamlConnection,
  SamlAuthnRequest,
  SamlLogoutRequest,
  SamlUsedAssertion,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookCursor,
  SamlCertificateExpiry,
  SetupLink,
  SamlTestSignIn,
  ScimRequest,
  OidcClient,
  OrganizationDomain,
  OidcPayload,
  OidcSigningKey,
  OidcLogoutDelivery,
];

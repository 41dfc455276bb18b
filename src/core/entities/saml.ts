import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Organization } from './organization.js';
import { OidcClient } from './oidc.js';
import type { IdentityProviderKind } from '../idp-profile-data.js';

export const NAME_ID_FORMAT_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/**
 * An organization's SAML 2.0 identity provider (one per organization). The service-provider side
 * (entity ID, ACS URL, …) is not stored: it is derived from the public URL and the organization slug.
 */
@Entity({ tableName: 'saml_connections' })
@Index({
  name: 'saml_connections_metadata_next_refresh_index',
  expression:
    'create index "saml_connections_metadata_next_refresh_index" on "saml_connections" ("metadata_next_refresh_at") where "idp_metadata_url" is not null',
})
@Index({
  name: 'saml_connections_idp_initiated_client_index',
  expression:
    'create index "saml_connections_idp_initiated_client_index" on "saml_connections" ("idp_initiated_client_id") where "idp_initiated_client_id" is not null',
})
export class SamlConnection {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** The IdP's entityID: the expected Issuer of every Response and Assertion. */
  @Property({ type: 'text' })
  idpEntityId!: string;

  /** Where AuthnRequests go (HTTP-Redirect binding). */
  @Property({ type: 'text' })
  idpSsoUrl!: string;

  /**
   * The IdP's SingleLogoutService (docs/SAML.md "Single Logout"): where our LogoutRequests go, and
   * our LogoutResponses unless `idpSloResponseUrl` says otherwise. From the metadata, or set explicitly;
   * null: the IdP does no SLO, and logout here is local only.
   */
  @Property({ type: 'text', nullable: true })
  idpSloUrl: string | null = null;

  /** The SingleLogoutService's ResponseLocation, when the metadata gives one apart from its Location. */
  @Property({ type: 'text', nullable: true })
  idpSloResponseUrl: string | null = null;

  /** The binding of idpSloUrl: HTTP-Redirect or HTTP-POST (the URN). */
  @Property({ type: 'text', nullable: true })
  idpSloBinding: string | null = null;

  /** Trusted signing certificates (bare base64 DER); any of them may sign, so a rotation needs no downtime. */
  @Property({ type: 'text[]' })
  idpCertificates: string[] = [];

  @Property({ type: 'text' })
  nameIdFormat: string = NAME_ID_FORMAT_EMAIL;

  @Property({ type: 'boolean' })
  wantAssertionsSigned: boolean = true;

  @Property({ type: 'boolean' })
  wantResponseSigned: boolean = false;

  @Property({ type: 'integer' })
  clockSkewSeconds: number = 60;

  /** Accept unsolicited responses (sign-in started from the IdP's dashboard). Off by default: see docs/SAML.md. */
  @Property({ type: 'boolean' })
  allowIdpInitiated: boolean = false;

  /** Hosts (besides this service's own) that a return-to URL or RelayState may point to. */
  @Property({ type: 'text[]' })
  allowedRedirectHosts: string[] = [];

  /** Where a sign-in lands when it names no return-to; null: `/`. */
  @Property({ type: 'text', nullable: true })
  defaultRedirectUrl: string | null = null;

  /**
   * The OpenID Connect client an IdP-initiated sign-in without a RelayState is handed to (docs/OIDC.md
   * "IdP-initiated sign-in"); null: none (defaultRedirectUrl applies). Deleting the client clears it.
   */
  @ManyToOne(() => OidcClient, { mapToPk: true, fieldName: 'idp_initiated_client_id', deleteRule: 'set null', type: 'uuid', nullable: true })
  idpInitiatedClient: string | null = null;

  /** The `target_link_uri` given to that client: a URL on the origin of one of its redirect URIs; null: none. */
  @Property({ type: 'text', nullable: true })
  idpInitiatedTargetLinkUri: string | null = null;

  @Property({ type: 'boolean' })
  signAuthnRequests: boolean = false;

  /**
   * Assertions must arrive encrypted to the SP certificate (plaintext ones are refused), and SP metadata
   * publishes the certificate for encryption. Needs the SP key pair. Off: encrypted assertions are still
   * decrypted when an SP key pair is configured.
   */
  @Property({ type: 'boolean' })
  wantAssertionsEncrypted: boolean = false;

  /**
   * SAML group sync (docs/PROVISIONING.md §4.5) when an assertion carries none of the attributes the
   * SAML mappings read for `groups`: false (the default), the user is in none of the groups group
   * sync manages; true, those memberships are left as they are (for an IdP that never sends one).
   * A groups attribute that is present but empty always means no groups.
   */
  @Property({ type: 'boolean' })
  keepGroupsWhenAttributeAbsent: boolean = false;

  /** PKCS#8 PEM of the SP key that signs AuthnRequests and decrypts assertions. Never returned by the API. */
  @Property({ type: 'text', nullable: true, lazy: true })
  spPrivateKey: string | null = null;

  /** The SP certificate matching spPrivateKey (bare base64 DER), published in SP metadata. */
  @Property({ type: 'text', nullable: true })
  spCertificate: string | null = null;

  /**
   * Where the IdP's metadata is fetched from (https), at configuration and then periodically
   * (SAML_METADATA_REFRESH_SECONDS): entity ID, SSO URL and signing certificates follow it. Null:
   * configured from pasted metadata or fields only.
   */
  @Property({ type: 'text', nullable: true })
  idpMetadataUrl: string | null = null;

  /** The last successful fetch of idpMetadataUrl. */
  @Property({ type: 'timestamptz', nullable: true })
  metadataRefreshedAt: Date | null = null;

  /** Why the last fetch of idpMetadataUrl failed; null after a success (the last good metadata stays in use). */
  @Property({ type: 'text', nullable: true })
  metadataRefreshError: string | null = null;

  /** When a background refresh is due next (jittered); one instance claims it by moving it forward. */
  @Property({ type: 'timestamptz', nullable: true })
  metadataNextRefreshAt: Date | null = null;

  /**
   * SP key rollover (docs/SAML.md "SP key rollover"): a staged next key pair, published in SP
   * metadata and able to decrypt, not yet signing. Sealed like spPrivateKey.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  spNextPrivateKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  spNextCertificate: string | null = null;

  /** The key pair active before the last activation: it still decrypts assertions until it is retired. Sealed. */
  @Property({ type: 'text', nullable: true, lazy: true })
  spPreviousPrivateKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  spPreviousCertificate: string | null = null;

  /** SHA-256 fingerprints (AB:CD:…) of retired SP certificates, newest first (at most 10): an assertion encrypted to one is refused by that name. */
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  spRetiredCertificates: string[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;

  /**
   * The identity provider this connection is for (src/core/idp-profile-data.ts): its setup guide
   * applies, and the organization's SAML default mappings are the attribute names it sends.
   */
  @Property({ type: 'text', default: 'GENERIC' })
  profile: IdentityProviderKind = 'GENERIC';
}

/**
 * An AuthnRequest this service sent to the organization's IdP. The response's InResponseTo must name
 * one that is unexpired and unused; being in PostgreSQL, any server instance can finish a sign-in that
 * another one began. Rows are purged some time after they expire.
 */
@Entity({ tableName: 'saml_authn_requests' })
@Index({ name: 'saml_authn_requests_org_expires_index', properties: ['organization', 'expiresAt'] })
export class SamlAuthnRequest {
  /** The request's ID attribute (what InResponseTo echoes). */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** The validated return-to the sign-in lands on; null: the connection's default. */
  @Property({ type: 'text', nullable: true })
  returnTo: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null = null;

  /**
   * SHA-256 of the browser binding secret the adapter set as a cookie when it started this sign-in
   * (over https); the response must come back with the same cookie. Null: not bound (plain http).
   */
  @Property({ type: 'text', nullable: true })
  browserBindingHash: string | null = null;
}

/**
 * A LogoutRequest this service sent to the organization's IdP (SP-initiated Single Logout). The IdP's
 * LogoutResponse must name one by InResponseTo that is unexpired and unused; in PostgreSQL like the
 * AuthnRequests, so any instance accepts the answer. Rows are purged some time after they expire.
 */
@Entity({ tableName: 'saml_logout_requests' })
@Index({ name: 'saml_logout_requests_org_expires_index', properties: ['organization', 'expiresAt'] })
export class SamlLogoutRequest {
  /** The request's ID attribute (what InResponseTo echoes). */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** The validated return-to the logout lands on; null: the connection's default. */
  @Property({ type: 'text', nullable: true })
  returnTo: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null = null;
}

/**
 * The replay cache: every assertion ID accepted for an organization, kept until the assertion could
 * no longer be accepted anyway (its NotOnOrAfter plus the clock skew). A second use is refused.
 */
@Entity({ tableName: 'saml_used_assertions' })
@Index({ name: 'saml_used_assertions_org_expires_index', properties: ['organization', 'expiresAt'] })
export class SamlUsedAssertion {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @PrimaryKey({ type: 'text' })
  assertionId!: string;

  @Property({ type: 'timestamptz' })
  usedAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

/**
 * The expiry of every certificate a SAML connection holds (IdP signing certificates and the SP
 * ones), kept beside the connection so that the lifecycle check is one indexed statement over all
 * organizations (services/saml-certificate-lifecycle.ts). `warnedDays` is the smallest threshold
 * (30, 7, 1) already announced for the certificate: each threshold raises its event once.
 */
@Entity({ tableName: 'saml_certificate_expiries' })
@Index({ name: 'saml_certificate_expiries_not_after_index', properties: ['notAfter'] })
export class SamlCertificateExpiry {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** SHA-256 of the certificate (AB:CD:…). */
  @PrimaryKey({ type: 'text' })
  fingerprint!: string;

  /** IDP, SP (active), SP_NEXT (staged) or SP_PREVIOUS (decrypting until retired). */
  @Property({ type: 'text' })
  usage!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'timestamptz' })
  notAfter!: Date;

  @Property({ type: 'integer', nullable: true })
  warnedDays: number | null = null;
}

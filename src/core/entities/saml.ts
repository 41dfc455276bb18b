import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Organization } from './organization.js';
import type { IdentityProviderKind } from '../idp-profile-data.js';

export const NAME_ID_FORMAT_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/**
 * An organization's SAML 2.0 identity provider (one per organization). The service-provider side
 * (entity ID, ACS URL, …) is not stored: it is derived from the public URL and the organization slug.
 */
@Entity({ tableName: 'saml_connections' })
export class SamlConnection {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** The IdP's entityID: the expected Issuer of every Response and Assertion. */
  @Property({ type: 'text' })
  idpEntityId!: string;

  /** Where AuthnRequests go (HTTP-Redirect binding). */
  @Property({ type: 'text' })
  idpSsoUrl!: string;

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

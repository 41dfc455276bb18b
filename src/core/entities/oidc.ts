import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

/**
 * A host application that receives signed-in people over OpenID Connect (docs/OIDC.md): one client
 * for all of its customer organizations. Registered by the platform operator. A confidential client's
 * secret is stored as its SHA-256 only (shown once); a public client (SPA, native) has none and must
 * use PKCE.
 */
@Entity({ tableName: 'oidc_clients' })
export class OidcClient {
  /** Also the OAuth `client_id`. */
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  name!: string;

  /** SHA-256 (hex) of the client secret; null: a public client. */
  @Property({ type: 'text', nullable: true })
  secretHash: string | null = null;

  @Property({ type: 'text[]' })
  redirectUris: string[] = [];

  @Property({ type: 'text[]' })
  postLogoutRedirectUris: string[] = [];

  /** Where OpenID Back-Channel Logout tokens are POSTed; null: none. */
  @Property({ type: 'text', nullable: true })
  backchannelLogoutUri: string | null = null;

  /**
   * Where a sign-in started elsewhere (an IdP dashboard tile) is handed to the client to begin its own
   * authorization request (OpenID Connect Core §4, `initiate_login_uri`); null: none.
   */
  @Property({ type: 'text', nullable: true })
  initiateLoginUri: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

/**
 * An email domain an organization claims. Only a verified one routes a sign-in (`login_hint`) to the
 * organization and makes its addresses `email_verified`; at most one organization holds a domain
 * verified (the partial unique index).
 */
@Entity({ tableName: 'organization_domains' })
@Unique({ name: 'organization_domains_org_domain_unique', properties: ['organization', 'domain'] })
@Index({
  name: 'organization_domains_verified_unique',
  expression: 'create unique index "organization_domains_verified_unique" on "organization_domains" ("domain") where "verified_at" is not null',
})
export class OrganizationDomain {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** Lower-case, as an A-label (punycode) for an internationalized name. */
  @Property({ type: 'text' })
  domain!: string;

  /** The value of the DNS TXT record that proves control of the domain. */
  @Property({ type: 'text' })
  verificationToken!: string;

  @Property({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/**
 * What the OpenID Connect provider stores (oidc-provider's adapter models: Session, Interaction,
 * AuthorizationCode, AccessToken, RefreshToken, Grant, …), one row per model and id, so that every
 * instance shares them. The indexed columns are the lookups the provider and revocation make.
 */
@Entity({ tableName: 'oidc_payloads' })
@Index({ name: 'oidc_payloads_grant_index', properties: ['grantId'] })
@Index({ name: 'oidc_payloads_user_index', properties: ['userId'] })
@Index({ name: 'oidc_payloads_expires_index', properties: ['expiresAt'] })
export class OidcPayload {
  @PrimaryKey({ type: 'text' })
  model!: string;

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  grantId: string | null = null;

  /** A Session's uid (its lookup by the interaction). */
  @Property({ type: 'text', nullable: true })
  @Index({ name: 'oidc_payloads_uid_index' })
  uid: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Index({ name: 'oidc_payloads_user_code_index' })
  userCode: string | null = null;

  /** The account (our user id) the payload belongs to, when it has one: what deprovisioning revokes. */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Property({ type: 'text', nullable: true })
  clientId: string | null = null;

  /** The issuer the provider that stored it serves as (PUBLIC_URL + "/oidc"): the `iss` of a logout token about it. */
  @Property({ type: 'text', nullable: true })
  issuer: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null = null;
}

export const SIGNING_KEY_STATES = ['NEXT', 'CURRENT', 'RETIRED'] as const;
export type SigningKeyState = (typeof SIGNING_KEY_STATES)[number];

/**
 * A key that signs ID tokens and logout tokens. NEXT is published in the JWKS before it signs (so
 * relying parties have it cached when a rotation makes it CURRENT); RETIRED is still published, for
 * verification, until `retireAt`. The private JWK is sealed with SECRETS_KEY.
 */
@Entity({ tableName: 'oidc_signing_keys' })
export class OidcSigningKey {
  /** The JWK `kid`. */
  @PrimaryKey({ type: 'text' })
  kid!: string;

  /** The private JWK (JSON), sealed (secret-box.ts). */
  @Property({ type: 'text', lazy: true })
  privateJwk!: string;

  @Property({ type: 'text' })
  state!: SigningKeyState;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When it became CURRENT. */
  @Property({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null = null;

  /** RETIRED: published until then, then deleted. */
  @Property({ type: 'timestamptz', nullable: true })
  retireAt: Date | null = null;
}

/**
 * One OpenID Back-Channel Logout token to deliver to a client's `backchannelLogoutUri`, queued in
 * the transaction that ended the user's access, retried until the client accepts it.
 */
@Entity({ tableName: 'oidc_logout_deliveries' })
@Index({ name: 'oidc_logout_deliveries_due_index', properties: ['nextAttemptAt'], options: { where: "status = 'PENDING'" } })
export class OidcLogoutDelivery {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => OidcClient, { mapToPk: true, fieldName: 'client_id', deleteRule: 'cascade', type: 'uuid' })
  client!: string;

  /** The `sub` of the logout token (our user id). */
  @Property({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  /** The `iss` of the logout token. */
  @Property({ type: 'text' })
  issuer!: string;

  /** The session id the client knows (`sid`), when the provider issued one. */
  @Property({ type: 'text', nullable: true })
  sid: string | null = null;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text' })
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED' = 'PENDING';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  /** A lease: an instance sending it holds it until then. */
  @Property({ type: 'timestamptz', nullable: true })
  busyUntil: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

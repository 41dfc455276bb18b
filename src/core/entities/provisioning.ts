import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

export const PROVISIONING_MODES = ['SCIM', 'FIRST_LOGIN', 'SCIM_AND_FIRST_LOGIN'] as const;
/** Who may create users: the IdP over SCIM, SAML at first sign-in, or both. */
export type ProvisioningMode = (typeof PROVISIONING_MODES)[number];

export const REACTIVATION_MODES = ['RESTORE', 'NEW_USER'] as const;
/** What reactivating a deactivated user does: bring back the same user, or start a fresh one. */
export type ReactivationMode = (typeof REACTIVATION_MODES)[number];

export const ATTRIBUTE_SOURCES = ['SCIM', 'SAML', 'API'] as const;
export type AttributeSource = (typeof ATTRIBUTE_SOURCES)[number];

export interface GroupRoleRule {
  groupId: string;
  role: string;
}

/** One organization's provisioning policy (docs/PROVISIONING.md). A missing row means the defaults. */
@Entity({ tableName: 'provisioning_policies' })
export class ProvisioningPolicy {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text' })
  mode: ProvisioningMode = 'SCIM_AND_FIRST_LOGIN';

  @Property({ type: 'text' })
  defaultRole: string = 'MEMBER';

  @Property({ type: 'json' })
  groupRoleRules: GroupRoleRule[] = [];

  @Property({ type: 'boolean' })
  deactivationRemovesMemberships: boolean = false;

  @Property({ type: 'text' })
  reactivation: ReactivationMode = 'RESTORE';

  @Property({ type: 'boolean' })
  groupPushProvisionsMembers: boolean = false;

  @Property({ type: 'integer', nullable: true })
  seatLimit: number | null = null;

  @Property({ type: 'text[]' })
  allowedEmailDomains: string[] = [];

  @Property({ type: 'integer' })
  sessionLifetimeSeconds: number = 86400;

  /** Sources ranked from most to least authoritative for attribute syncs. */
  @Property({ type: 'text[]' })
  attributePrecedence: AttributeSource[] = ['SCIM', 'API', 'SAML'];

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

export const CUSTOM_ATTRIBUTE_TYPES = ['STRING', 'INTEGER', 'BOOLEAN', 'DATETIME'] as const;
export type CustomAttributeType = (typeof CUSTOM_ATTRIBUTE_TYPES)[number];

/** A typed attribute an organization adds to its users (reference name = the key an IdP maps to). */
@Entity({ tableName: 'custom_attribute_definitions' })
@Unique({ name: 'custom_attribute_definitions_org_name_unique', properties: ['organization', 'name'] })
export class CustomAttributeDefinition {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text' })
  type!: CustomAttributeType;

  @Property({ type: 'boolean' })
  multiValued: boolean = false;

  /** When set, every value must be one of these. */
  @Property({ type: 'json', nullable: true })
  allowedValues: Array<string | number> | null = null;

  @Property({ type: 'boolean' })
  required: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

export interface TransformSpec {
  kind: 'TRIM' | 'LOWER' | 'UPPER' | 'SPLIT' | 'JOIN' | 'DEFAULT' | 'REGEX_EXTRACT' | 'LOOKUP';
  separator?: string | null;
  value?: string | null;
  pattern?: string | null;
  group?: number | null;
  table?: Record<string, string> | null;
  /** LOOKUP: keep values missing from the table (default) or drop them. */
  dropUnmatched?: boolean | null;
}

export interface MappingRule {
  source: string;
  target: string;
  transforms: TransformSpec[];
}

/**
 * An organization's mappings for one source (docs/PROVISIONING.md §4.2): its own ordered rules, which
 * come before the defaults and replace those of the targets they name, and the targets whose defaults
 * it disabled. A missing row means the defaults alone.
 */
@Entity({ tableName: 'attribute_mappings' })
export class AttributeMappingSet {
  @ManyToOne(() => Organization, { primary: true, mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @PrimaryKey({ type: 'text' })
  source!: 'SCIM' | 'SAML';

  @Property({ type: 'json' })
  rules: MappingRule[] = [];

  /** Targets whose default rules are dropped, in the order of the defaults. */
  @Property({ type: 'text[]', defaultRaw: `'{}'` })
  disabledDefaults: string[] = [];

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

/** A signed-in browser session (created by the SAML adapter); revocable server-side. */
@Entity({ tableName: 'sessions' })
@Index({ name: 'sessions_user_index', properties: ['user'] })
/** Sign-ins of a day (`Organization.status`). */
@Index({ name: 'sessions_org_created_index', properties: ['organization', 'createdAt'] })
/** The sessions an IdP's LogoutRequest names (SAML Single Logout). */
@Index({ name: 'sessions_org_saml_name_id_index', properties: ['organization', 'samlNameId'] })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @ManyToOne('User', { mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade', type: 'uuid' })
  user!: string;

  /** SHA-256 of the cookie secret; the secret itself is never stored. */
  @Property({ type: 'text' })
  @Unique({ name: 'sessions_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'text', nullable: true })
  samlSessionIndex: string | null = null;

  /** How the IdP authenticated the person (the assertion's AuthnContextClassRef): OIDC `acr`/`amr` (core/authn-context.ts). */
  @Property({ type: 'text', nullable: true })
  authnContextClassRef: string | null = null;
  /** The NameID the IdP signed the user in with: what its LogoutRequests name (Single Logout). */
  @Property({ type: 'text', nullable: true })
  samlNameId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

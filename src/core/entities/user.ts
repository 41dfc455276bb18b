import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

/** One element of a multi-valued attribute (emails, phone numbers). */
export interface MultiValue {
  value: string;
  type?: string | null;
  primary?: boolean;
  display?: string | null;
}

export interface Address {
  type?: string | null;
  primary?: boolean;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export const USER_ROLES = ['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'] as const;
/** Role of a user inside its organization, ranked from least to most privileged. */
export type UserRole = (typeof USER_ROLES)[number];

export const PROVISIONING_SOURCES = ['SCIM', 'SAML', 'API'] as const;
/** How a user came to exist: pushed by SCIM, created at first SAML sign-in, or created through the API. */
export type ProvisioningSource = (typeof PROVISIONING_SOURCES)[number];

export type CustomAttributeValue = string | number | boolean | null | Array<string | number | boolean>;

@Entity({ tableName: 'users' })
// "C" collation: byte order for stable keyset paging, and LIKE 'prefix%' (SCIM sw) can use the index
@Index({
  name: 'users_org_user_name_key_unique',
  expression: 'create unique index "users_org_user_name_key_unique" on "users" ("organization_id", ("user_name_key" collate "C"))',
})
@Index({
  name: 'users_org_external_id_unique',
  expression: 'create unique index "users_org_external_id_unique" on "users" ("organization_id", "external_id") where "external_id" is not null',
})
@Index({ name: 'users_org_created_at_id_index', properties: ['organization', 'createdAt', 'id'] })
@Index({ name: 'users_org_active_index', properties: ['organization', 'active'] })
// the history copies NEW_USER reactivations keep (HISTORY_MARK in core/keys.ts), a handful per
// organization: a SCIM list counts the others as all users minus these, both index-only
@Index({
  name: 'users_org_history_copy_index',
  expression: `create index "users_org_history_copy_index" on "users" ("organization_id") where "user_name_key" like '%#archived-%'`,
})
@Index({ name: 'users_org_department_index', expression: 'create index "users_org_department_index" on "users" ("organization_id", lower("department"))' })
@Index({ name: 'users_email_keys_gin', expression: 'create index "users_email_keys_gin" on "users" using gin ("email_keys")' })
@Index({
  name: 'users_custom_attributes_gin',
  expression: 'create index "users_custom_attributes_gin" on "users" using gin ("custom_attributes" jsonb_path_ops)',
})
@Index({ name: 'users_manager_index', properties: ['manager'] })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text' })
  userName!: string;

  /** userName folded for case-insensitive uniqueness, lookups and sorting. */
  @Property({ type: 'text' })
  userNameKey!: string;

  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'text', nullable: true }) givenName: string | null = null;
  @Property({ type: 'text', nullable: true }) familyName: string | null = null;
  @Property({ type: 'text', nullable: true }) middleName: string | null = null;
  @Property({ type: 'text', nullable: true }) honorificPrefix: string | null = null;
  @Property({ type: 'text', nullable: true }) honorificSuffix: string | null = null;
  @Property({ type: 'text', nullable: true }) formattedName: string | null = null;
  @Property({ type: 'text', nullable: true }) displayName: string | null = null;
  @Property({ type: 'text', nullable: true }) nickName: string | null = null;
  @Property({ type: 'text', nullable: true }) profileUrl: string | null = null;
  @Property({ type: 'text', nullable: true }) title: string | null = null;
  @Property({ type: 'text', nullable: true }) userType: string | null = null;
  @Property({ type: 'text', nullable: true }) locale: string | null = null;
  @Property({ type: 'text', nullable: true }) preferredLanguage: string | null = null;
  @Property({ type: 'text', nullable: true }) timezone: string | null = null;
  @Property({ type: 'text', nullable: true }) employeeNumber: string | null = null;
  @Property({ type: 'text', nullable: true }) costCenter: string | null = null;
  /** The enterprise extension's `organization` (a company name), not the tenant. */
  @Property({ type: 'text', nullable: true }) organizationName: string | null = null;
  @Property({ type: 'text', nullable: true }) division: string | null = null;
  @Property({ type: 'text', nullable: true }) department: string | null = null;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'manager_id', nullable: true, deleteRule: 'set null', type: 'uuid' })
  manager: string | null = null;

  @Property({ type: 'json' })
  emails: MultiValue[] = [];

  /** Lower-cased email values, GIN-indexed for email filters. */
  @Property({ type: 'text[]' })
  emailKeys: string[] = [];

  @Property({ type: 'json' })
  phoneNumbers: MultiValue[] = [];

  @Property({ type: 'json' })
  addresses: Address[] = [];

  /** Effective role: the highest of baseRole and the roles granted by group-to-role rules. */
  @Property({ type: 'text' })
  role: UserRole = 'MEMBER';

  /** Role given at provisioning or set explicitly; group-to-role rules can only raise it. */
  @Property({ type: 'text' })
  baseRole: UserRole = 'MEMBER';

  @Property({ type: 'json' })
  customAttributes: Record<string, CustomAttributeValue> = {};

  @Property({ type: 'text' })
  provisionedBy!: ProvisioningSource;

  /** Provenance: for every attribute, which source last wrote it and when ({ field: { source, at } }). */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  attributeSources: Record<string, { source: ProvisioningSource; at: string }> = {};

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null = null;

  /** Increases by one on every change; the SCIM adapter derives ETags from it. */
  @Property({ type: 'integer' })
  version: number = 1;
}

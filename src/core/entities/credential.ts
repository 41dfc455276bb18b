import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

export const CREDENTIAL_KINDS = ['SCIM_TOKEN', 'API_KEY', 'PLATFORM_KEY'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A bearer secret. Only its SHA-256 is stored; the plaintext is shown once, at creation. */
@Entity({ tableName: 'credentials' })
@Index({ name: 'credentials_org_index', properties: ['organization', 'createdAt'] })
export class Credential {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Null for platform keys, which act in every organization. */
  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', nullable: true, deleteRule: 'cascade', type: 'uuid' })
  organization: string | null = null;

  @Property({ type: 'text' })
  kind!: CredentialKind;

  @Property({ type: 'text' })
  name!: string;

  /** ADMIN or READ_ONLY for API keys; PROVISIONING for SCIM tokens; PLATFORM for platform keys. */
  @Property({ type: 'text' })
  role!: string;

  /** Public part of the token, used to find the row; the secret part is never stored. */
  @Property({ type: 'text' })
  @Unique({ name: 'credentials_lookup_id_unique' })
  lookupId!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** The setup link that created this SCIM token (it may list and revoke only those); null otherwise. */
  @Property({ type: 'uuid', nullable: true })
  setupLinkId: string | null = null;
}

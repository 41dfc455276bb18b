import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import type { SetupScope } from '../principal.js';
import { Organization } from './organization.js';

/**
 * A setup link: a bearer secret the customer's IT admin receives (in the fragment of the URL
 * `createSetupLink` returns) to set up SSO or SCIM for one organization until it expires. Stored as
 * credentials are: a public lookup id and the SHA-256 of the whole secret, never the secret.
 */
@Entity({ tableName: 'setup_links' })
@Index({ name: 'setup_links_org_created_index', properties: ['organization', 'createdAt'] })
export class SetupLink {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text[]' })
  scopes!: SetupScope[];

  /** Public part of the secret, used to find the row. */
  @Property({ type: 'text' })
  @Unique({ name: 'setup_links_lookup_id_unique' })
  lookupId!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  /** Label of the credential that created it. */
  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

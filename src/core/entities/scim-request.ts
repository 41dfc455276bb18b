import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Organization } from './organization.js';

/**
 * The recent SCIM requests of an organization (`scimRequests`): what its identity provider sent and
 * how it was answered. Written in batches by the server (services/scim-request-log.ts), kept 24 hours
 * and at most SCIM_REQUEST_LOG_MAX_ROWS per organization.
 */
@Entity({ tableName: 'scim_requests' })
@Index({ name: 'scim_requests_org_id_index', properties: ['organization', 'id'] })
@Index({ name: 'scim_requests_at_index', properties: ['at'] })
export class ScimRequest {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'uuid', nullable: true })
  credentialId: string | null = null;

  @Property({ type: 'text' })
  method!: string;

  @Property({ type: 'text' })
  path!: string;

  @Property({ type: 'smallint' })
  status!: number;

  @Property({ type: 'text', nullable: true })
  scimType: string | null = null;

  @Property({ type: 'text', nullable: true })
  detail: string | null = null;

  @Property({ type: 'text' })
  identityProvider!: string;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'integer' })
  durationMs!: number;

  @Property({ type: 'timestamptz' })
  at!: Date;
}

import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';

/** A tenant: the customer organization that owns users, groups, credentials and its provisioning setup. */
@Entity({ tableName: 'organizations' })
export class Organization {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'text' })
  name!: string;

  /** URL-safe unique handle, used in SAML endpoint paths. */
  @Property({ type: 'text' })
  @Unique({ name: 'organizations_slug_unique' })
  slug!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;

  /**
   * Days its events are kept (the pruner, services/event-retention.ts, deletes older ones); null: the
   * platform default (EVENT_RETENTION_DAYS, unset: forever).
   */
  @Property({ type: 'integer', nullable: true })
  eventRetentionDays: number | null = null;

  /**
   * The highest sequence the pruner deleted of its events ('0': none): every event of the organization
   * numbered up to it is gone, every later one is kept. A resume from below it is refused
   * (`events.pruned`), so a gap is never silent.
   */
  @Property({ type: 'bigint', defaultRaw: '0' })
  eventsPrunedThrough: string = '0';
}

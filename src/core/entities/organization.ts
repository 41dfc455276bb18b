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
}

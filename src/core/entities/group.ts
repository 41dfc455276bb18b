import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';
import { User } from './user.js';

@Entity({ tableName: 'groups' })
@Index({
  name: 'groups_org_display_name_key_unique',
  expression: 'create unique index "groups_org_display_name_key_unique" on "groups" ("organization_id", ("display_name_key" collate "C"))',
})
@Index({
  name: 'groups_org_external_id_unique',
  expression: 'create unique index "groups_org_external_id_unique" on "groups" ("organization_id", "external_id") where "external_id" is not null',
})
@Index({ name: 'groups_org_created_at_id_index', properties: ['organization', 'createdAt', 'id'] })
export class Group {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text' })
  displayName!: string;

  /** displayName folded for case-insensitive uniqueness and lookups. */
  @Property({ type: 'text' })
  displayNameKey!: string;

  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  /** Who created the group: SCIM group push, or the API. */
  @Property({ type: 'text', default: 'API' })
  provisionedBy: string = 'API';

  /** Kept in step with group_memberships by every membership write, so counting is free. */
  @Property({ type: 'integer' })
  memberCount: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

/**
 * A user's membership in a group. Written only set-based (insert … select / delete … using).
 * No foreign keys (PostgreSQL would check them row by row): every insert first locks the group
 * `for update` and holds off user deletions in the organization (an advisory lock; migration
 * 20261129173000_membership_user_lock), and triggers on users and groups delete the memberships of
 * deleted rows (migration 20261129150000_membership_fk_triggers).
 */
@Entity({ tableName: 'group_memberships' })
@Index({ name: 'group_memberships_user_index', properties: ['user'] })
export class GroupMembership {
  @ManyToOne(() => Group, { primary: true, mapToPk: true, fieldName: 'group_id', createForeignKeyConstraint: false, type: 'uuid' })
  group!: string;

  @ManyToOne(() => User, { primary: true, mapToPk: true, fieldName: 'user_id', createForeignKeyConstraint: false, type: 'uuid' })
  user!: string;

  /** Denormalised from the group; no foreign key of its own (group and user already tie it to the organization). */
  @Property({ type: 'uuid', fieldName: 'organization_id' })
  organization!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

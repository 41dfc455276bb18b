import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Organization } from './organization.js';

/**
 * The append-only log of every change. Rows are written set-based by the core's event writer in
 * the transaction of the change they describe (never through the unit of work). Every server
 * instance reads the newly committed ones of its subscribers' organizations by `xid` (see EventBus).
 */
@Entity({ tableName: 'events' })
@Index({ name: 'events_org_seq_index', properties: ['organization', 'seq'] })
@Index({ name: 'events_org_subject_seq_index', properties: ['organization', 'subjectId', 'seq'] })
@Index({ name: 'events_org_type_seq_index', properties: ['organization', 'type', 'seq'] })
@Index({ name: 'events_org_xid_index', properties: ['organization', 'xid'] })
/** The webhook enqueuer reads newly committed events of every organization by transaction (services/webhook-worker.ts). */
@Index({ name: 'events_xid_index', properties: ['xid'] })
@Index({
  name: 'events_org_object_seq_index',
  expression: 'create index "events_org_object_seq_index" on "events" ("organization_id", "object_id", "seq") where "object_id" is not null',
})
export class Event {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  seq!: string;

  /**
   * Null for the platform's own events (platform keys, deleted organizations). No foreign key (it
   * was checked once per event): the event writer locks the organization row `for key share` once
   * per statement, and a trigger deletes an organization's events with it (see the migration
   * `events_org_fk_trigger`).
   */
  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', createForeignKeyConstraint: false, type: 'uuid', nullable: true })
  organization: string | null = null;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  actorType!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'text' })
  actorLabel!: string;

  @Property({ type: 'text' })
  subjectType!: string;

  @Property({ type: 'uuid', nullable: true })
  subjectId: string | null = null;

  @Property({ type: 'text', nullable: true })
  subjectLabel: string | null = null;

  /** The other party of a relation, e.g. the member of a membership event whose subject is the group. */
  @Property({ type: 'text', nullable: true })
  objectType: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  objectId: string | null = null;

  /** { field: { before, after } } for every field the change touched. */
  @Property({ type: 'json' })
  changes: Record<string, { before: unknown; after: unknown }> = {};

  /** Extra facts about the change, e.g. the group of a membership event. */
  @Property({ type: 'json' })
  data: Record<string, unknown> = {};

  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  occurredAt!: Date;

  /** The writing transaction's id (filled by the database). */
  @Property({ type: 'bigint', defaultRaw: '((pg_current_xact_id())::text)::bigint' })
  xid!: string;

  /**
   * The oldest transaction still running when this event was written (filled by the database). A
   * transaction that commits after this event but was numbered before it has an xid ≥ horizon; a
   * subscriber resuming after this event is re-sent those (see event-stream.ts).
   */
  @Property({ type: 'bigint', defaultRaw: '((pg_snapshot_xmin(pg_current_snapshot()))::text)::bigint' })
  horizon!: string;
}

import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

/**
 * Where events are POSTed (outbound webhooks, README "Webhooks"). The signing secret must be read
 * back to sign, so it is sealed with SECRETS_KEY (secret-box.ts), never hashed; during a rotation
 * the previous one keeps signing until `previousSecretExpiresAt`.
 */
@Entity({ tableName: 'webhook_endpoints' })
@Index({ name: 'webhook_endpoints_org_index', properties: ['organization', 'createdAt'] })
export class WebhookEndpoint {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Null: a platform endpoint, which receives the events of every organization (and the platform's own). */
  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', nullable: true, deleteRule: 'cascade', type: 'uuid' })
  organization: string | null = null;

  @Property({ type: 'text' })
  url!: string;

  /** The event types it receives; empty: every type. */
  @Property({ type: 'text[]' })
  eventTypes: string[] = [];

  /** `whsec_…`, sealed (secret-box.ts). */
  @Property({ type: 'text' })
  secret!: string;

  @Property({ type: 'text', nullable: true })
  previousSecret: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Property({ type: 'text', nullable: true })
  disabledReason: string | null = null;

  /**
   * While an instance delivers to this endpoint (a lease, taken with FOR UPDATE SKIP LOCKED): one
   * delivery at a time per endpoint, across instances, keeps them in event order. A lease left by
   * an instance that died expires and another instance sends the delivery again.
   */
  @Property({ type: 'timestamptz', nullable: true })
  busyUntil: Date | null = null;

  /** Only events numbered after this one are delivered (the newest sequence when it was created or re-enabled)... */
  @Property({ type: 'bigint' })
  startSeq: string = '0';

  /**
   * ...and those numbered earlier whose transaction commits after that moment: the snapshot it was
   * read in (`pg_snapshot_xmax`, `pg_snapshot_xip`), as the enqueuer's cursor keeps it (the
   * transactions then running, or started after it). Null (endpoints made before it was kept): by
   * number only.
   */
  @Property({ type: 'bigint', nullable: true })
  startXmax: string | null = null;

  @Property({ type: 'text[]', nullable: true })
  startXip: string[] | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 1;
}

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event for one endpoint: the queue (claimed with FOR UPDATE SKIP LOCKED) and its history. */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ name: 'webhook_deliveries_endpoint_event_unique', properties: ['endpoint', 'eventSeq'] })
/** The next delivery of an endpoint: its pending one with the lowest event sequence. */
@Index({
  name: 'webhook_deliveries_pending_index',
  expression: `create index "webhook_deliveries_pending_index" on "webhook_deliveries" ("endpoint_id", "event_seq") where "status" = 'PENDING'`,
})
/** The pending deliveries of an event (the event pruner keeps events a delivery still needs: services/event-retention.ts). */
@Index({
  name: 'webhook_deliveries_pending_event_index',
  expression: `create index "webhook_deliveries_pending_event_index" on "webhook_deliveries" ("event_seq") where "status" = 'PENDING'`,
})
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => WebhookEndpoint, { mapToPk: true, fieldName: 'endpoint_id', deleteRule: 'cascade', type: 'uuid' })
  endpoint!: string;

  /** The `seq` of the event (no foreign key: events are append-only and pruned on their own). */
  @Property({ type: 'bigint' })
  eventSeq!: string;

  @Property({ type: 'text' })
  status: DeliveryStatus = 'PENDING';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/**
 * The enqueuer's position in the event log (one row): the snapshot of its last run, as the event
 * bus keeps one (event-bus.ts). The next run enqueues the events whose transaction was running then
 * or started later and has committed since, whatever their sequence numbers.
 */
@Entity({ tableName: 'webhook_cursor' })
export class WebhookCursor {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  /** The first transaction id not yet assigned then (`pg_snapshot_xmax`). */
  @Property({ type: 'bigint' })
  snapshotXmax!: string;

  /** The transactions running then (`pg_snapshot_xip`), as text (compared as bigint[]). */
  @Property({ type: 'text[]' })
  snapshotXip: string[] = [];

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

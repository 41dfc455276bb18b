import { Migration } from '@mikro-orm/migrations';

/**
 * Event retention (issue #20): an organization's retention in days (null: the platform default,
 * EVENT_RETENTION_DAYS) and the highest sequence the pruner deleted of its events; the pending
 * webhook deliveries by event, which the pruner keeps events for (small: pending rows only). Adding a column
 * with a constant default rewrites no rows (PostgreSQL 11+): safe on a rolling deploy.
 */
export class Migration20261206222140_event_retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organizations" add column "event_retention_days" int null, add column "events_pruned_through" bigint not null default 0;`);
    this.addSql(`create index "webhook_deliveries_pending_event_index" on "webhook_deliveries" ("event_seq") where "status" = 'PENDING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_deliveries_pending_event_index";`);
    this.addSql(`alter table "organizations" drop column "event_retention_days", drop column "events_pruned_through";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Outbound webhooks (issue #20): endpoints (the signing secret sealed with SECRETS_KEY), the delivery
 * queue (an endpoint's next delivery by the partial index; endpoints leased with FOR UPDATE SKIP LOCKED), and the enqueuer's
 * one-row cursor, a snapshot of the event log (see services/webhook-worker.ts), started at the
 * snapshot of this migration: events committed before it are not delivered. `events_xid_index`: the
 * enqueuer reads newly committed events of all organizations by transaction id.
 */
export class Migration20261206211812_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "webhook_cursor" ("id" int not null default 1, "snapshot_xmax" bigint not null, "snapshot_xip" text[] not null, "updated_at" timestamptz not null, constraint "webhook_cursor_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "webhook_endpoints" ("id" uuid not null, "organization_id" uuid null, "url" text not null, "event_types" text[] not null, "secret" text not null, "previous_secret" text null, "previous_secret_expires_at" timestamptz null, "enabled" boolean not null default true, "disabled_reason" text null, "busy_until" timestamptz null, "start_seq" bigint not null default '0', "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "webhook_endpoints_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "webhook_endpoints_org_index" on "webhook_endpoints" ("organization_id", "created_at");`);

    this.addSql(
      `create table "webhook_deliveries" ("id" uuid not null, "endpoint_id" uuid not null, "event_seq" bigint not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_status_code" int null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "webhook_deliveries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "webhook_deliveries_pending_index" on "webhook_deliveries" ("endpoint_id", "event_seq") where "status" = 'PENDING';`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_event_unique" unique ("endpoint_id", "event_seq");`);

    this.addSql(
      `alter table "webhook_endpoints" add constraint "webhook_endpoints_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`create index "events_xid_index" on "events" ("xid");`);
    this.addSql(
      `insert into "webhook_cursor" ("id", "snapshot_xmax", "snapshot_xip", "updated_at") select 1, pg_snapshot_xmax(s)::text::bigint, array(select pg_snapshot_xip(s)::text), now() from pg_current_snapshot() s;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_endpoint_id_foreign";`);

    this.addSql(`drop table if exists "webhook_cursor" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);

    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);

    this.addSql(`drop index "events_xid_index";`);
  }
}

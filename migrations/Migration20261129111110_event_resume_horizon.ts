import { Migration } from '@mikro-orm/migrations';

export class Migration20261129111110_event_resume_horizon extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "events" add column "xid" bigint not null default pg_current_xact_id()::text::bigint, add column "horizon" bigint not null default pg_snapshot_xmin(pg_current_snapshot())::text::bigint;`,
    );
    this.addSql(`create index "events_org_xid_index" on "events" ("organization_id", "xid");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "events_org_xid_index";`);
    this.addSql(`alter table "events" drop column "xid", drop column "horizon";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** The platform's own events (platform keys, deleted organizations) have no organization. */
export class Migration20261129130157_platform_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "events" alter column "organization_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "events" where "organization_id" is null;`);
    this.addSql(`alter table "events" alter column "organization_id" set not null;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Sign-ins of the day per organization (`Organization.status`, issue #19): a range of this index. */
export class Migration20261206232525_sessions_org_created_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "sessions_org_created_index" on "sessions" ("organization_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sessions_org_created_index";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * SCIM lists leave out the history copies NEW_USER reactivations keep (userName `…#archived-<id>`).
 * Counting the other users of an organization with that condition read every row; counted as all
 * users (index-only on users_org_active_index) minus the copies (index-only on this small partial
 * index) it costs what the count did before.
 */
export class Migration20261130040000_users_history_copy_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "users_org_history_copy_index" on "users" ("organization_id") where "user_name_key" like '%#archived-%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "users_org_history_copy_index";`);
  }
}

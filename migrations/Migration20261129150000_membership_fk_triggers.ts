import { Migration } from '@mikro-orm/migrations';

/**
 * Memberships lose their foreign keys to users and groups: PostgreSQL checked them row by row (two
 * lookups per inserted membership, ~40 % of a 1,000-member group push). The services now lock the
 * referenced rows set-based before inserting (the group `for update`, the users `for key share`,
 * the very locks the foreign-key checks took), and these statement-level triggers do what
 * `on delete cascade` did, once per statement instead of once per deleted row.
 */
export class Migration20261129150000_membership_fk_triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_group_id_foreign";`);
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_user_id_foreign";`);
    this.addSql(`create function "group_memberships_of_deleted_users"() returns trigger language plpgsql as $$
begin
  delete from group_memberships m using deleted_users d where m.user_id = d.id;
  return null;
end $$;`);
    this.addSql(
      `create trigger "users_delete_memberships" after delete on "users" referencing old table as deleted_users for each statement execute function "group_memberships_of_deleted_users"();`,
    );
    this.addSql(`create function "group_memberships_of_deleted_groups"() returns trigger language plpgsql as $$
begin
  delete from group_memberships m using deleted_groups d where m.group_id = d.id;
  return null;
end $$;`);
    this.addSql(
      `create trigger "groups_delete_memberships" after delete on "groups" referencing old table as deleted_groups for each statement execute function "group_memberships_of_deleted_groups"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "users_delete_memberships" on "users";`);
    this.addSql(`drop trigger "groups_delete_memberships" on "groups";`);
    this.addSql(`drop function "group_memberships_of_deleted_users"();`);
    this.addSql(`drop function "group_memberships_of_deleted_groups"();`);
    this.addSql(
      `delete from "group_memberships" m where not exists (select 1 from "users" u where u.id = m.user_id) or not exists (select 1 from "groups" g where g.id = m.group_id);`,
    );
    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }
}

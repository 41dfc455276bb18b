import { Migration } from '@mikro-orm/migrations';

export class Migration20261129110839_membership_org_fk extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_organization_id_foreign";`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }
}

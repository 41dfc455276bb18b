import { Migration } from '@mikro-orm/migrations';

/**
 * SAML group sync treats an assertion without a groups attribute as "in no groups" unless the
 * connection keeps memberships then (SamlConnection.keepGroupsWhenAttributeAbsent, default false,
 * also for existing connections: docs/PROVISIONING.md §4.5).
 */
export class Migration20261206171948_saml_keep_groups_when_attribute_absent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "saml_connections" add column "keep_groups_when_attribute_absent" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "saml_connections" drop column "keep_groups_when_attribute_absent";`);
  }
}

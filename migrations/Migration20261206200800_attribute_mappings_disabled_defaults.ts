import { Migration } from '@mikro-orm/migrations';

/**
 * An organization's own mapping rules now extend the defaults instead of replacing them all, and a
 * default is removed explicitly by disabling its target (AttributeMappingSet.disabledDefaults,
 * docs/PROVISIONING.md §4.2). Stored rule lists keep their rules and gain the defaults of the targets
 * they do not name, with one exception: a stored SAML list without a `groups` rule gets the `groups`
 * default disabled, because removing the groups rules was the documented way to turn SAML group sync
 * off (§4.5), and turning it back on would remove memberships at the next sign-in.
 */
export class Migration20261206200800_attribute_mappings_disabled_defaults extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "attribute_mappings" add column "disabled_defaults" text[] not null default '{}';`);
    this.addSql(
      `update "attribute_mappings" set "disabled_defaults" = '{groups}' where "source" = 'SAML' and not exists (select 1 from jsonb_array_elements("rules") r where r->>'target' = 'groups');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attribute_mappings" drop column "disabled_defaults";`);
  }
}

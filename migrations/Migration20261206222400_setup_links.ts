import { Migration } from '@mikro-orm/migrations';

/**
 * Setup links (issue #19): the link (its secret only as lookup id + SHA-256, like credentials), and on
 * credentials the link that created a SCIM token (a link lists and revokes only its own).
 */
export class Migration20261206222400_setup_links extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "setup_links" ("id" uuid not null, "organization_id" uuid not null, "scopes" text[] not null, "lookup_id" text not null, "secret_hash" text not null, "created_by" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "setup_links_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "setup_links" add constraint "setup_links_lookup_id_unique" unique ("lookup_id");`);
    this.addSql(`create index "setup_links_org_created_index" on "setup_links" ("organization_id", "created_at");`);

    this.addSql(
      `alter table "setup_links" add constraint "setup_links_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "credentials" add column "setup_link_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "setup_links" cascade;`);

    this.addSql(`alter table "credentials" drop column "setup_link_id";`);
  }
}

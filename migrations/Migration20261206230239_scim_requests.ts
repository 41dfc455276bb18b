import { Migration } from '@mikro-orm/migrations';

/**
 * The recent SCIM requests of each organization (issue #19), written in batches by the server: newest
 * first by id within an organization; `at` for the 24-hour prune.
 */
export class Migration20261206230239_scim_requests extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "scim_requests" ("id" bigserial primary key, "organization_id" uuid not null, "credential_id" uuid null, "method" text not null, "path" text not null, "status" smallint not null, "scim_type" text null, "detail" text null, "identity_provider" text not null, "user_agent" text null, "duration_ms" int not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "scim_requests_at_index" on "scim_requests" ("at");`);
    this.addSql(`create index "scim_requests_org_id_index" on "scim_requests" ("organization_id", "id");`);

    this.addSql(
      `alter table "scim_requests" add constraint "scim_requests_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scim_requests" cascade;`);
  }
}

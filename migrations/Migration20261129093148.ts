import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093148 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "custom_attribute_definitions" ("id" uuid not null, "organization_id" uuid not null, "name" text not null, "display_name" text not null, "type" text not null, "multi_valued" boolean not null default false, "allowed_values" jsonb null, "required" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "custom_attribute_definitions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "custom_attribute_definitions" add constraint "custom_attribute_definitions_org_name_unique" unique ("organization_id", "name");`);

    this.addSql(
      `create table "attribute_mappings" ("organization_id" uuid not null, "source" text not null, "rules" jsonb not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "attribute_mappings_pkey" primary key ("organization_id", "source"));`,
    );

    this.addSql(
      `create table "provisioning_policies" ("organization_id" uuid not null, "mode" text not null default 'SCIM_AND_FIRST_LOGIN', "default_role" text not null default 'MEMBER', "group_role_rules" jsonb not null, "deactivation_removes_memberships" boolean not null default false, "reactivation" text not null default 'RESTORE', "group_push_provisions_members" boolean not null default false, "seat_limit" int null, "allowed_email_domains" text[] not null, "session_lifetime_seconds" int not null default 86400, "attribute_precedence" text[] not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "provisioning_policies_pkey" primary key ("organization_id"));`,
    );

    this.addSql(
      `create table "sessions" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "saml_session_index" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "sessions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_index" on "sessions" ("user_id");`);

    this.addSql(
      `alter table "custom_attribute_definitions" add constraint "custom_attribute_definitions_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "attribute_mappings" add constraint "attribute_mappings_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "provisioning_policies" add constraint "provisioning_policies_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "sessions" add constraint "sessions_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "groups" add column "provisioned_by" text not null default 'API';`);

    // existing rows: the explicit role so far is the base role; provenance starts empty
    this.addSql(`alter table "users" add column "base_role" text not null default 'MEMBER', add column "attribute_sources" jsonb not null default '{}';`);
    this.addSql(`update "users" set "base_role" = "role";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "custom_attribute_definitions" cascade;`);

    this.addSql(`drop table if exists "attribute_mappings" cascade;`);

    this.addSql(`drop table if exists "provisioning_policies" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`alter table "groups" drop column "provisioned_by";`);

    this.addSql(`alter table "users" drop column "base_role", drop column "attribute_sources";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261129084430 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organizations" ("id" uuid not null, "name" text not null, "slug" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "organizations_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organizations" add constraint "organizations_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "groups" ("id" uuid not null, "organization_id" uuid not null, "display_name" text not null, "display_name_key" text not null, "external_id" text null, "member_count" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "groups_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "groups_org_created_at_id_index" on "groups" ("organization_id", "created_at", "id");`);
    this.addSql(`create unique index "groups_org_external_id_unique" on "groups" ("organization_id", "external_id") where "external_id" is not null;`);
    this.addSql(`create unique index "groups_org_display_name_key_unique" on "groups" ("organization_id", ("display_name_key" collate "C"));`);

    this.addSql(
      `create table "events" ("seq" bigserial primary key, "organization_id" uuid not null, "type" text not null, "actor_type" text not null, "actor_id" uuid null, "actor_label" text not null, "subject_type" text not null, "subject_id" uuid null, "subject_label" text null, "object_type" text null, "object_id" uuid null, "changes" jsonb not null, "data" jsonb not null, "request_id" text null, "occurred_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "events_org_object_seq_index" on "events" ("organization_id", "object_id", "seq") where "object_id" is not null;`);
    this.addSql(`create index "events_org_type_seq_index" on "events" ("organization_id", "type", "seq");`);
    this.addSql(`create index "events_org_subject_seq_index" on "events" ("organization_id", "subject_id", "seq");`);
    this.addSql(`create index "events_org_seq_index" on "events" ("organization_id", "seq");`);

    this.addSql(
      `create table "credentials" ("id" uuid not null, "organization_id" uuid null, "kind" text not null, "name" text not null, "role" text not null, "lookup_id" text not null, "secret_hash" text not null, "created_by" text null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "credentials_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "credentials" add constraint "credentials_lookup_id_unique" unique ("lookup_id");`);
    this.addSql(`create index "credentials_org_index" on "credentials" ("organization_id", "created_at");`);

    this.addSql(
      `create table "users" ("id" uuid not null, "organization_id" uuid not null, "user_name" text not null, "user_name_key" text not null, "external_id" text null, "active" boolean not null default true, "given_name" text null, "family_name" text null, "middle_name" text null, "honorific_prefix" text null, "honorific_suffix" text null, "formatted_name" text null, "display_name" text null, "nick_name" text null, "profile_url" text null, "title" text null, "user_type" text null, "locale" text null, "preferred_language" text null, "timezone" text null, "employee_number" text null, "cost_center" text null, "organization_name" text null, "division" text null, "department" text null, "manager_id" uuid null, "emails" jsonb not null, "email_keys" text[] not null, "phone_numbers" jsonb not null, "addresses" jsonb not null, "role" text not null default 'MEMBER', "custom_attributes" jsonb not null, "provisioned_by" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deactivated_at" timestamptz null, "last_sign_in_at" timestamptz null, "version" int not null default 1, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "users_manager_index" on "users" ("manager_id");`);
    this.addSql(`create index "users_custom_attributes_gin" on "users" using gin ("custom_attributes" jsonb_path_ops);`);
    this.addSql(`create index "users_email_keys_gin" on "users" using gin ("email_keys");`);
    this.addSql(`create index "users_org_department_index" on "users" ("organization_id", lower("department"));`);
    this.addSql(`create index "users_org_active_index" on "users" ("organization_id", "active");`);
    this.addSql(`create index "users_org_created_at_id_index" on "users" ("organization_id", "created_at", "id");`);
    this.addSql(`create unique index "users_org_external_id_unique" on "users" ("organization_id", "external_id") where "external_id" is not null;`);
    this.addSql(`create unique index "users_org_user_name_key_unique" on "users" ("organization_id", ("user_name_key" collate "C"));`);

    this.addSql(
      `create table "group_memberships" ("group_id" uuid not null, "user_id" uuid not null, "organization_id" uuid not null, "created_at" timestamptz not null, constraint "group_memberships_pkey" primary key ("group_id", "user_id"));`,
    );
    this.addSql(`create index "group_memberships_user_index" on "group_memberships" ("user_id");`);

    this.addSql(
      `alter table "groups" add constraint "groups_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "events" add constraint "events_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "credentials" add constraint "credentials_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "users" add constraint "users_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "users" add constraint "users_manager_id_foreign" foreign key ("manager_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_group_id_foreign" foreign key ("group_id") references "groups" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "group_memberships" add constraint "group_memberships_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }
}

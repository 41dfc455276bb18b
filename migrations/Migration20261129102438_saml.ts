import { Migration } from '@mikro-orm/migrations';

export class Migration20261129102438_saml extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "saml_authn_requests" ("id" text not null, "organization_id" uuid not null, "return_to" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "consumed_at" timestamptz null, constraint "saml_authn_requests_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "saml_authn_requests_org_expires_index" on "saml_authn_requests" ("organization_id", "expires_at");`);

    this.addSql(
      `create table "saml_connections" ("organization_id" uuid not null, "idp_entity_id" text not null, "idp_sso_url" text not null, "idp_certificates" text[] not null, "name_id_format" text not null default 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', "want_assertions_signed" boolean not null default true, "want_response_signed" boolean not null default false, "clock_skew_seconds" int not null default 60, "allow_idp_initiated" boolean not null default false, "allowed_redirect_hosts" text[] not null, "default_redirect_url" text null, "sign_authn_requests" boolean not null default false, "sp_private_key" text null, "sp_certificate" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "saml_connections_pkey" primary key ("organization_id"));`,
    );

    this.addSql(
      `create table "saml_used_assertions" ("organization_id" uuid not null, "assertion_id" text not null, "used_at" timestamptz not null, "expires_at" timestamptz not null, constraint "saml_used_assertions_pkey" primary key ("organization_id", "assertion_id"));`,
    );
    this.addSql(`create index "saml_used_assertions_org_expires_index" on "saml_used_assertions" ("organization_id", "expires_at");`);

    this.addSql(
      `alter table "saml_authn_requests" add constraint "saml_authn_requests_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "saml_connections" add constraint "saml_connections_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "saml_used_assertions" add constraint "saml_used_assertions_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saml_authn_requests" cascade;`);

    this.addSql(`drop table if exists "saml_connections" cascade;`);

    this.addSql(`drop table if exists "saml_used_assertions" cascade;`);
  }
}

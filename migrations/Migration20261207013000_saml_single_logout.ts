import { Migration } from '@mikro-orm/migrations';

/**
 * SAML Single Logout (issue #18): the IdP's SingleLogoutService on the connection, the NameID a
 * session was signed in with (what an IdP's LogoutRequest names), and the LogoutRequests we sent.
 */
export class Migration20261207013000_saml_single_logout extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "saml_connections" add column "idp_slo_url" text null, add column "idp_slo_response_url" text null, add column "idp_slo_binding" text null;`,
    );
    this.addSql(`alter table "sessions" add column "saml_name_id" text null;`);
    this.addSql(`create index "sessions_org_saml_name_id_index" on "sessions" ("organization_id", "saml_name_id");`);
    this.addSql(
      `create table "saml_logout_requests" ("id" text not null, "organization_id" uuid not null, "return_to" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "consumed_at" timestamptz null, constraint "saml_logout_requests_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "saml_logout_requests_org_expires_index" on "saml_logout_requests" ("organization_id", "expires_at");`);
    this.addSql(
      `alter table "saml_logout_requests" add constraint "saml_logout_requests_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saml_logout_requests" cascade;`);
    this.addSql(`drop index "sessions_org_saml_name_id_index";`);
    this.addSql(`alter table "sessions" drop column "saml_name_id";`);
    this.addSql(`alter table "saml_connections" drop column "idp_slo_url", drop column "idp_slo_response_url", drop column "idp_slo_binding";`);
  }
}

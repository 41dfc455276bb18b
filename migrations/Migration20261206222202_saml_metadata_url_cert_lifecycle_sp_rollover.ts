import { Migration } from '@mikro-orm/migrations';

/**
 * SAML connections (issue #21): the IdP metadata URL with its refresh state, the SP key rollover
 * (a staged next key pair, the previous one that still decrypts, the retired certificates), and the
 * certificate expiries the lifecycle check reads (rows for existing connections are filled in by the
 * check itself, which parses the certificates).
 */
export class Migration20261206222202_saml_metadata_url_cert_lifecycle_sp_rollover extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "saml_certificate_expiries" ("organization_id" uuid not null, "fingerprint" text not null, "usage" text not null, "subject" text not null, "not_after" timestamptz not null, "warned_days" int null, constraint "saml_certificate_expiries_pkey" primary key ("organization_id", "fingerprint"));`,
    );
    this.addSql(`create index "saml_certificate_expiries_not_after_index" on "saml_certificate_expiries" ("not_after");`);
    this.addSql(
      `alter table "saml_certificate_expiries" add constraint "saml_certificate_expiries_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "saml_connections" add column "idp_metadata_url" text null, add column "metadata_refreshed_at" timestamptz null, add column "metadata_refresh_error" text null, add column "metadata_next_refresh_at" timestamptz null, add column "sp_next_private_key" text null, add column "sp_next_certificate" text null, add column "sp_previous_private_key" text null, add column "sp_previous_certificate" text null, add column "sp_retired_certificates" text[] not null default '{}';`,
    );
    // the refresh worker's claim: due connections with a metadata URL
    this.addSql(
      `create index "saml_connections_metadata_next_refresh_index" on "saml_connections" ("metadata_next_refresh_at") where "idp_metadata_url" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saml_certificate_expiries" cascade;`);
    this.addSql(`drop index if exists "saml_connections_metadata_next_refresh_index";`);
    this.addSql(
      `alter table "saml_connections" drop column "idp_metadata_url", drop column "metadata_refreshed_at", drop column "metadata_refresh_error", drop column "metadata_next_refresh_at", drop column "sp_next_private_key", drop column "sp_next_certificate", drop column "sp_previous_private_key", drop column "sp_previous_certificate", drop column "sp_retired_certificates";`,
    );
  }
}

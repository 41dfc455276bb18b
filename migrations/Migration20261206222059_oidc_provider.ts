import { Migration } from '@mikro-orm/migrations';

/**
 * The OpenID Connect provider (issue #18): its clients (secret hashed), organizations' email domains
 * (at most one organization holds a domain verified: the partial unique index), oidc-provider's
 * storage (one table keyed by model and id; the lookups it makes by grant, uid and user code, and
 * revocation by user, are indexed), the signing keys (sealed), and the back-channel logout queue
 * (due deliveries found by a partial index, claimed FOR UPDATE SKIP LOCKED).
 */
export class Migration20261206222059_oidc_provider extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "oidc_clients" ("id" uuid not null, "name" text not null, "secret_hash" text null, "redirect_uris" text[] not null, "post_logout_redirect_uris" text[] not null, "backchannel_logout_uri" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "oidc_clients_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "oidc_payloads" ("model" text not null, "id" text not null, "payload" jsonb not null, "grant_id" text null, "uid" text null, "user_code" text null, "user_id" uuid null, "client_id" text null, "issuer" text null, "expires_at" timestamptz null, "consumed_at" timestamptz null, constraint "oidc_payloads_pkey" primary key ("model", "id"));`,
    );
    this.addSql(`create index "oidc_payloads_uid_index" on "oidc_payloads" ("uid") where "uid" is not null;`);
    this.addSql(`create index "oidc_payloads_user_code_index" on "oidc_payloads" ("user_code") where "user_code" is not null;`);
    this.addSql(`create index "oidc_payloads_expires_index" on "oidc_payloads" ("expires_at");`);
    this.addSql(`create index "oidc_payloads_user_index" on "oidc_payloads" ("user_id") where "user_id" is not null;`);
    this.addSql(`create index "oidc_payloads_grant_index" on "oidc_payloads" ("grant_id") where "grant_id" is not null;`);

    this.addSql(
      `create table "oidc_signing_keys" ("kid" text not null, "private_jwk" text not null, "state" text not null, "created_at" timestamptz not null, "activated_at" timestamptz null, "retire_at" timestamptz null, constraint "oidc_signing_keys_pkey" primary key ("kid"));`,
    );

    this.addSql(
      `create table "oidc_logout_deliveries" ("id" uuid not null, "client_id" uuid not null, "user_id" uuid not null, "organization_id" uuid not null, "issuer" text not null, "sid" text null, "reason" text not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "busy_until" timestamptz null, "last_status_code" int null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "oidc_logout_deliveries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "oidc_logout_deliveries_due_index" on "oidc_logout_deliveries" ("next_attempt_at") where "status" = 'PENDING';`);

    this.addSql(
      `create table "organization_domains" ("id" uuid not null, "organization_id" uuid not null, "domain" text not null, "verification_token" text not null, "verified_at" timestamptz null, "created_at" timestamptz not null, constraint "organization_domains_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organization_domains" add constraint "organization_domains_org_domain_unique" unique ("organization_id", "domain");`);
    this.addSql(`create unique index "organization_domains_verified_unique" on "organization_domains" ("domain") where "verified_at" is not null;`);

    this.addSql(
      `alter table "oidc_logout_deliveries" add constraint "oidc_logout_deliveries_client_id_foreign" foreign key ("client_id") references "oidc_clients" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "oidc_logout_deliveries" add constraint "oidc_logout_deliveries_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "organization_domains" add constraint "organization_domains_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "oidc_clients" cascade;`);

    this.addSql(`drop table if exists "oidc_payloads" cascade;`);

    this.addSql(`drop table if exists "oidc_signing_keys" cascade;`);

    this.addSql(`drop table if exists "oidc_logout_deliveries" cascade;`);

    this.addSql(`drop table if exists "organization_domains" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * SAML test sign-ins (issue #19): what a test's response carried and what the mappings made of it;
 * found by the AuthnRequest its login sent (the ACS) and by id; deleted a day after creation.
 */
export class Migration20261206224312_saml_test_sign_ins extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "saml_test_sign_ins" ("id" uuid not null, "organization_id" uuid not null, "token_hash" text not null, "dry_run" boolean not null, "status" text not null default 'PENDING', "authn_request_id" text null, "failure_reason" text null, "failure_message" text null, "name_id" text null, "name_id_format" text null, "issuer" text null, "authn_context_class_ref" text null, "attributes" jsonb null, "groups" jsonb null, "preview" jsonb null, "user_id" uuid null, "created_by" text null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "completed_at" timestamptz null, constraint "saml_test_sign_ins_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "saml_test_sign_ins" add constraint "saml_test_sign_ins_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "saml_test_sign_ins_authn_request_index" on "saml_test_sign_ins" ("authn_request_id");`);
    this.addSql(`create index "saml_test_sign_ins_org_created_index" on "saml_test_sign_ins" ("organization_id", "created_at");`);

    this.addSql(
      `alter table "saml_test_sign_ins" add constraint "saml_test_sign_ins_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saml_test_sign_ins" cascade;`);
  }
}

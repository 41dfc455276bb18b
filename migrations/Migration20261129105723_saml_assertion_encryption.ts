import { Migration } from '@mikro-orm/migrations';

export class Migration20261129105723_saml_assertion_encryption extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "saml_connections" add column "want_assertions_encrypted" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "saml_connections" drop column "want_assertions_encrypted";`);
  }
}

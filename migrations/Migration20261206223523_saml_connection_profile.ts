import { Migration } from '@mikro-orm/migrations';

export class Migration20261206223523_saml_connection_profile extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "saml_connections" add column "profile" text not null default 'GENERIC';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "saml_connections" drop column "profile";`);
  }
}

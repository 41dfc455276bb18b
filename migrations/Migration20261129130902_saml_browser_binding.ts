import { Migration } from '@mikro-orm/migrations';

/** Sign-ins started over https are bound to the browser that started them (SamlAuthnRequest.browserBindingHash). */
export class Migration20261129130902_saml_browser_binding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "saml_authn_requests" add column "browser_binding_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "saml_authn_requests" drop column "browser_binding_hash";`);
  }
}

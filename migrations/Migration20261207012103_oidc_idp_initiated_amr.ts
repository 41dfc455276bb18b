import { Migration } from '@mikro-orm/migrations';

/**
 * IdP-initiated sign-ins handed to an OpenID Connect client (docs/OIDC.md "IdP-initiated sign-in"):
 * a client's `initiate_login_uri`, the connection's default client (cleared when the client is
 * deleted) and target link; and how the IdP authenticated the person (the AuthnContextClassRef),
 * kept with the session for the ID token's `acr` and `amr`.
 */
export class Migration20261207012103_oidc_idp_initiated_amr extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "oidc_clients" add column "initiate_login_uri" text null;`);
    this.addSql(`alter table "saml_connections" add column "idp_initiated_client_id" uuid null, add column "idp_initiated_target_link_uri" text null;`);
    this.addSql(
      `alter table "saml_connections" add constraint "saml_connections_idp_initiated_client_id_foreign" foreign key ("idp_initiated_client_id") references "oidc_clients" ("id") on update cascade on delete set null;`,
    );
    // deleting a client finds the connections naming it by this index
    this.addSql(
      `create index "saml_connections_idp_initiated_client_index" on "saml_connections" ("idp_initiated_client_id") where "idp_initiated_client_id" is not null;`,
    );
    this.addSql(`alter table "sessions" add column "authn_context_class_ref" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sessions" drop column "authn_context_class_ref";`);
    this.addSql(`drop index "saml_connections_idp_initiated_client_index";`);
    this.addSql(`alter table "saml_connections" drop constraint "saml_connections_idp_initiated_client_id_foreign";`);
    this.addSql(`alter table "saml_connections" drop column "idp_initiated_client_id", drop column "idp_initiated_target_link_uri";`);
    this.addSql(`alter table "oidc_clients" drop column "initiate_login_uri";`);
  }
}

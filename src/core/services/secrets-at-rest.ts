import { sql, type Em } from '../db.js';

/**
 * The ids of the keys that sealed the secrets stored in the database (SAML SP private keys, webhook
 * signing secrets, OpenID Connect signing keys), each with how many values it sealed. The start
 * compares them with SECRETS_KEY's (src/server/start.ts).
 */
export async function sealingKeyIds(em: Em): Promise<Map<string, number>> {
  const rows = await sql<{ id: string; n: number }>(
    em,
    `select split_part(v, ':', 3) as id, count(*)::int as n from (
        select sp_private_key as v from saml_connections
        union all select sp_next_private_key from saml_connections
        union all select sp_previous_private_key from saml_connections
        union all select secret from webhook_endpoints
        union all select previous_secret from webhook_endpoints
        union all select private_jwk from oidc_signing_keys
      ) s where v like 'enc:v1:%' group by 1 order by 2 desc`,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}

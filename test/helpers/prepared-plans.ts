import type pg from 'pg';
import type { TestServer } from './harness.js';

/**
 * How PostgreSQL has run the server's prepared statements whose text matches `pattern`, summed over
 * the pool's idle connections (pg_prepared_statements is per connection): runs on the generic plan
 * (planned once) and on custom plans (planned for each run), and the most custom plans of one
 * connection. PostgreSQL makes five custom plans before it weighs a generic one.
 */
export async function preparedPlans(t: TestServer, pattern: string): Promise<{ generic: number; custom: number; mostCustom: number }> {
  const pool = (t.server.orm.em.getConnection().getKnex().client as unknown as { pool: { free: Array<{ resource: pg.Client }> } }).pool;
  let generic = 0;
  let custom = 0;
  let mostCustom = 0;
  for (const { resource } of pool.free) {
    const r = await resource.query<{ g: string; c: string }>(
      `select generic_plans as g, custom_plans as c from pg_prepared_statements where statement like '%' || $1 || '%'`,
      [pattern],
    );
    for (const row of r.rows) {
      generic += Number(row.g);
      custom += Number(row.c);
      mostCustom = Math.max(mostCustom, Number(row.c));
    }
  }
  return { generic, custom, mostCustom };
}

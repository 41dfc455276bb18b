import type { EntityManager } from '@mikro-orm/postgresql';

export type Em = EntityManager;

/**
 * Runs one parameterised statement on the entity manager's connection, inside its transaction
 * when it has one. Placeholders are `?` (knex bindings, sent to PostgreSQL as real parameters).
 * knex would expand a JS array into a list, so arrays are passed through `pgArray()` instead.
 */
export async function sql<T = Record<string, unknown>>(em: Em, text: string, params: unknown[] = []): Promise<T[]> {
  const q = em.getKnex().raw(text, params as never);
  const trx = em.getTransactionContext();
  if (trx) q.transacting(trx as never);
  const res = (await q) as { rows: T[] };
  return res.rows;
}

/** A PostgreSQL array literal for a `?::text[]` or `?::uuid[]` binding. */
export function pgArray(values: readonly string[]): string {
  return '{' + values.map((v) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}';
}

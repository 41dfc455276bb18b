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

/**
 * `insert into <table> (<columns>) values (<?::type, …>)` for an entity instance, from its MikroORM
 * metadata: the same column names and types the unit of work would write, for hot paths that fold
 * the insert into one statement with other work.
 */
export function insertStatement(em: Em, entityName: string, entity: object): { text: string; params: unknown[] } {
  const meta = em.getMetadata().get(entityName);
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || (prop.kind !== 'scalar' && prop.kind !== 'm:1')) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    if (value === undefined) continue;
    const type = prop.columnTypes[0]!;
    columns.push(`"${prop.fieldNames[0]}"`);
    if (type === 'jsonb' || type === 'json') {
      values.push('?::jsonb');
      params.push(JSON.stringify(value));
    } else if (type.endsWith('[]')) {
      values.push(`?::${type}`);
      params.push(pgArray(value as string[]));
    } else {
      values.push(`?::${type}`);
      params.push(value);
    }
  }
  return { text: `insert into "${meta.tableName}" (${columns.join(', ')}) values (${values.join(', ')})`, params };
}

const mappers = new Map<string, (row: Record<string, unknown>) => object>();

/**
 * A read-only copy of an entity from a raw row (column names → property names from the metadata,
 * JSON and timestamps converted): a plain object with the entity's properties, without the unit of
 * work's hydration and identity-map bookkeeping. For query results that are only read (GraphQL
 * answers); never persist or flush one.
 */
export function fromRow<T extends object>(em: Em, entity: new () => T, row: Record<string, unknown>): T {
  let map = mappers.get(entity.name);
  if (!map) {
    const meta = em.getMetadata().get(entity.name);
    const props = meta.props
      .filter((p) => p.persist !== false && (p.kind === 'scalar' || p.kind === 'm:1'))
      .map((p) => ({ name: p.name, column: p.fieldNames[0]!, date: p.columnTypes[0]!.startsWith('timestamp'), json: p.columnTypes[0] === 'jsonb', bigint: p.columnTypes[0] === 'bigint' }));
    map = (r) => {
      // a plain object: the entity prototype carries MikroORM's property accessors, costly to go through
      const o: Record<string, unknown> = {};
      for (const p of props) {
        let v = r[p.column];
        if (v === undefined) continue;
        if (v !== null && p.date && !(v instanceof Date)) v = new Date(v as string);
        else if (v !== null && p.json && typeof v === 'string') v = JSON.parse(v);
        else if (v !== null && p.bigint) v = String(v);
        o[p.name] = v;
      }
      return o;
    };
    mappers.set(entity.name, map);
  }
  return map(row) as T;
}

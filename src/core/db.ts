import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { alreadyComplete } from './lean-transaction.js';
import { send, Statement, type PgConnection } from './pg-statement.js';

export type Em = EntityManager;

/**
 * Runs one parameterised statement on the entity manager's connection, inside its transaction
 * when it has one. Placeholders are `?` (knex bindings, sent to PostgreSQL as real parameters).
 * knex would expand a JS array into a list, so arrays are passed through `pgArray()` instead.
 *
 * A statement text seen a few times becomes a named prepared statement on each pooled connection
 * (see `preparedName`): PostgreSQL then parses it once per connection and, once it finds a generic
 * plan as good as a fresh one, stops planning it. For the hot SCIM statements planning costs more
 * than running them (a lookup by userName: ~0.4 ms planning, ~0.1 ms execution).
 */
export async function sql<T = Record<string, unknown>>(
  em: Em,
  text: string,
  params: unknown[] = [],
  opts: {
    withDeferred?: boolean;
    /**
     * The transaction's last statement: it goes with the transaction's COMMIT in one round trip
     * (lean-transaction.ts), after which the transaction takes no more statements. A nested
     * transaction (a savepoint) or no transaction: sent as any other statement.
     */
    commit?: boolean;
  } = {},
): Promise<T[]> {
  const trx = em.getTransactionContext();
  const deferred = trx ? takeDeferred(trx) : undefined;
  if (deferred) {
    if (opts.withDeferred) {
      // the deferred writes as queries of this statement's WITH, which PostgreSQL runs whether or
      // not the statement reads them; `text` must not read the rows they write (it would see them
      // as they were before the statement)
      const ctes = deferred.map((w, i) => `__deferred${i} as (${w.text})`).join(', ');
      text = /^\s*with\s/i.test(text) ? text.replace(/^\s*with\s/i, `with ${ctes}, `) : `with ${ctes} ${text}`;
      params = [...deferred.flatMap((w) => w.params), ...params];
    } else {
      // anything else first: it may read or write what they write
      await sendWrites(em, deferred);
    }
  }
  const name = preparedName(text);
  try {
    return await run<T>(em, text, params, trx, name, opts.commit ?? false);
  } catch (err) {
    // a schema change made by another instance (a rolling deploy's migration) invalidates a prepared
    // `select *`; PostgreSQL refuses it from then on. Stop preparing that text; retry where possible.
    if (!name || !isStalePreparedStatement(err)) throw err;
    unpreparable.add(text);
    prepared.delete(text);
    if (trx) throw err;
    return run<T>(em, text, params, undefined, undefined);
  }
}

/** What `run` needs of a pooled `pg` connection and of knex's client (the pool's or a transaction's). */
interface ConnectionSource {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Sends the statement through the `pg` driver on a connection from knex's pool (or the
 * transaction's connection), bypassing knex's query runner: the placeholders are numbered once per
 * text (`?` → `$n`, as knex's raw() would), and the values go to `pg` as knex would pass them. The
 * runner's per-statement work (bindings rewritten, query objects and events built, the response
 * post-processed) cost ~10 % of a lookup's CPU.
 */
async function run<T>(em: Em, text: string, params: unknown[], trx: unknown, name: string | undefined, commit = false): Promise<T[]> {
  const config = { text: positioned(text), values: params, ...(name ? { name } : {}) };
  for (const v of params) if (v === undefined) throw new Error(`undefined binding in statement: ${text}`);
  if (trx) {
    const t = trx as { client: ConnectionSource; isCompleted(): boolean; queryAndCommit?(c: typeof config): Promise<{ rows: unknown[] }> | undefined };
    if (t.isCompleted()) throw alreadyComplete();
    const committing = commit ? t.queryAndCommit?.(config) : undefined;
    if (committing) return (await committing).rows as T[];
    // the transaction's connection (lean-transaction.ts: BEGIN goes with its first statement)
    const connection = await t.client.acquireConnection();
    return ((await connection.query(config)) as { rows: unknown[] }).rows as T[];
  }
  const gate = gates.get(em);
  // a free slot is taken without a promise; only a statement that must wait awaits its turn
  if (gate && gate.running < STATEMENTS_PER_OPERATION) gate.running++;
  else if (gate) await turn(gate);
  try {
    const pool = em.getKnex().client as unknown as ConnectionSource;
    const connection = await pool.acquireConnection();
    try {
      // a client operation's statement that waited past its time budget for a pooled connection (other requests held them all) does not run
      const expired = gate?.expired();
      if (expired) throw expired;
      return (await send(connection, (callback) => new Statement(config, callback))).rows as T[];
    } finally {
      await pool.releaseConnection(connection);
    }
  } finally {
    if (gate) leave(gate);
  }
}

/** How many statements one client operation runs at once outside a transaction (see limitStatements). */
export const STATEMENTS_PER_OPERATION = 4;

interface StatementGate {
  running: number;
  waiting: Array<() => void>;
  /** The error a waiting statement ends with instead of running, once its operation is out of time; else null. */
  expired: () => Error | null;
}
const gates = new WeakMap<Em, StatementGate>();

/**
 * Makes an entity manager run at most STATEMENTS_PER_OPERATION statements at once outside a
 * transaction, the others waiting their turn: a client's operation of 50 aliases (each a count of
 * a whole organization, say) holds at most that many pooled connections, not the whole pool, so other
 * requests are served meanwhile. A statement whose turn, or whose pooled connection, comes when
 * `expired` returns an error ends with it instead of running (the operation's time budget). Returns `em`.
 */
export function limitStatements(em: Em, expired: () => Error | null): Em {
  gates.set(em, { running: 0, waiting: [], expired });
  return em;
}

/** Waits for a running statement to hand over its slot (leave). */
async function turn(gate: StatementGate): Promise<void> {
  await new Promise<void>((resolve) => gate.waiting.push(resolve));
  const err = gate.expired();
  if (err) {
    leave(gate);
    throw err;
  }
}

function leave(gate: StatementGate): void {
  const next = gate.waiting.shift();
  if (next) next();
  else gate.running--;
}

/** Statement text with `?` placeholders → the same with `$1`, `$2`, … (PostgreSQL's). */
const positionedTexts = new Map<string, string>();
function positioned(text: string): string {
  let out = positionedTexts.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (positionedTexts.size >= SEEN_LIMIT) positionedTexts.clear();
    positionedTexts.set(text, out);
  }
  return out;
}

/** PostgreSQL refused a prepared statement whose result columns a schema change altered. */
export function isStalePreparedStatement(err: unknown): boolean {
  return (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

/** Statement text → prepared statement name. */
const prepared = new Map<string, string>();
/** How often a text not yet prepared was seen (reset when it grows past SEEN_LIMIT). */
const seen = new Map<string, number>();
const unpreparable = new Set<string>();
const PREPARE_AFTER = 3;
const SEEN_LIMIT = 10_000;
let preparedLimit = 64;

/**
 * At most `limit` distinct statement texts are prepared per process (each is kept by every pooled
 * connection, so this bounds the database's memory for them); 0 turns preparing off, e.g. behind a
 * connection pooler that cannot carry named statements (PgBouncer before 1.21 in transaction mode).
 */
export function setPreparedStatementLimit(limit: number): void {
  preparedLimit = limit;
}

/** The name to prepare a statement under, once its text has been seen PREPARE_AFTER times. */
function preparedName(text: string): string | undefined {
  if (preparedLimit === 0) return undefined;
  const known = prepared.get(text);
  if (known !== undefined || prepared.size >= preparedLimit) return known;
  if (unpreparable.has(text)) return undefined;
  const count = (seen.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    if (seen.size >= SEEN_LIMIT) seen.clear();
    seen.set(text, count);
    return undefined;
  }
  seen.delete(text);
  const name = 'idm_' + createHash('sha256').update(text).digest('base64url').slice(0, 24);
  prepared.set(text, name);
  return name;
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
  const cols = columnsOf(em, entityName);
  const params: unknown[] = [];
  let present = 0;
  for (let i = 0; i < cols.length; i++) {
    const value = (entity as Record<string, unknown>)[cols[i]!.prop];
    if (value === undefined) continue;
    present += 2 ** i;
    params.push(cols[i]!.encode(value));
  }
  const text = shapeText(insertTexts, em, entityName, entity, present, valuesInsertText);
  return { text, params };
}

/**
 * `insert into <table> (<columns>) select <columns> from jsonb_populate_recordset(null::<table>, ?::jsonb)`
 * for an entity instance, and its row as a JSON-ready object keyed by column: rows with the same
 * columns share the text whatever their number, so concurrent inserts can go as one statement (and
 * one prepared statement) with the rows as one JSON array. PostgreSQL converts each JSON value to
 * its column's type (a JSON array to a `text[]`, an object to `jsonb`, an ISO string to a timestamp).
 */
export function insertRowsStatement(em: Em, entityName: string, entity: object): { text: string; row: Record<string, unknown> } {
  const cols = columnsOf(em, entityName);
  const row: Record<string, unknown> = {};
  let present = 0;
  for (let i = 0; i < cols.length; i++) {
    const value = (entity as Record<string, unknown>)[cols[i]!.prop];
    if (value === undefined) continue;
    present += 2 ** i;
    row[cols[i]!.column] = value;
  }
  const text = shapeText(insertRowsTexts, em, entityName, entity, present, recordsetInsertText);
  return { text, row };
}

function valuesInsertText(table: string, used: Column[]): string {
  return `insert into "${table}" (${used.map((c) => `"${c.column}"`).join(', ')}) values (${used.map((c) => c.placeholder).join(', ')})`;
}

function recordsetInsertText(table: string, used: Column[]): string {
  const names = used.map((c) => `"${c.column}"`).join(', ');
  return `insert into "${table}" (${names}) select ${names} from jsonb_populate_recordset(null::"${table}", ?::jsonb)`;
}

/** Statement texts per entity, by the columns present (their bits, see shapeText). */
type ShapeTexts = Map<string, Map<number, string>>;
const insertTexts: ShapeTexts = new Map();
const insertRowsTexts: ShapeTexts = new Map();

/**
 * The statement text for the columns an entity instance has (`present`: their bits, exact up to 53
 * columns), made by `build` once per set of columns: a text made anew for every row would be hashed
 * and compared in full by every lookup of it (preparedName, positioned) — ~2 % of a SCIM create.
 */
function shapeText(cache: ShapeTexts, em: Em, entityName: string, entity: object, present: number, build: (table: string, used: Column[]) => string): string {
  const cols = columnsOf(em, entityName);
  const cacheable = cols.length <= 53;
  let texts = cache.get(entityName);
  if (!texts) cache.set(entityName, (texts = new Map()));
  let text = cacheable ? texts.get(present) : undefined;
  if (text === undefined) {
    const used = cols.filter((c) => (entity as Record<string, unknown>)[c.prop] !== undefined);
    text = build(em.getMetadata().get(entityName).tableName, used);
    if (cacheable && texts.size < 256) texts.set(present, text);
  }
  return text;
}

interface Column {
  prop: string;
  column: string;
  /** `?::type`: every value is sent as text and cast by PostgreSQL. */
  placeholder: string;
  /** The JS value as the bound parameter (JSON text, array literal, ISO timestamp, or as is). */
  encode: (value: unknown) => unknown;
}

const columnCache = new Map<string, Column[]>();

/** The properties of an entity that are columns (scalar and many-to-one), from its MikroORM metadata. */
export function columnProps(em: Em, entityName: string): string[] {
  return columnsOf(em, entityName).map((c) => c.prop);
}

/** The persisted scalar and many-to-one columns of an entity, from its MikroORM metadata. */
function columnsOf(em: Em, entityName: string): Column[] {
  let cols = columnCache.get(entityName);
  if (!cols) {
    const meta = em.getMetadata().get(entityName);
    cols = meta.props
      .filter((prop) => prop.persist !== false && (prop.kind === 'scalar' || prop.kind === 'm:1'))
      .map((prop) => {
        const type = prop.columnTypes[0]!;
        const column = prop.fieldNames[0]!;
        if (type === 'jsonb' || type === 'json') return { prop: prop.name, column, placeholder: '?::jsonb', encode: (v: unknown) => JSON.stringify(v) };
        if (type.endsWith('[]'))
          return { prop: prop.name, column, placeholder: `?::${type}`, encode: (v: unknown) => (v === null ? null : pgArray(v as string[])) };
        if (type.startsWith('timestamp'))
          return { prop: prop.name, column, placeholder: `?::${type}`, encode: (v: unknown) => (v instanceof Date ? v.toISOString() : v) };
        return { prop: prop.name, column, placeholder: `?::${type}`, encode: (v: unknown) => v };
      });
    columnCache.set(entityName, cols);
  }
  return cols;
}

/** The encoded column values a row was read with, to write only what changed (see saveRow). */
const loaded = new WeakMap<object, Map<string, unknown>>();

function snapshot(em: Em, entityName: string, row: object): void {
  const values = new Map<string, unknown>();
  for (const c of columnsOf(em, entityName)) values.set(c.prop, c.encode((row as Record<string, unknown>)[c.prop] ?? null));
  loaded.set(row, values);
}

/**
 * Reads one row `for update` (locked until the transaction ends) as a plain object (see fromRow),
 * remembering what it was read with so saveRow can write the changed columns. The write path of
 * the hot SCIM operations, without the unit of work's per-entity bookkeeping.
 */
export async function lockRow<T extends object>(em: Em, entity: new () => T, where: string, params: unknown[]): Promise<T | null> {
  const row = await lockRawRow(em, entity, where, params, '');
  return row && lockedRow(em, entity, row);
}

/**
 * lockRow with more columns (`extra`: `, <expr> as <name>`, reading the locked row as `t`): the raw
 * row, to be made the locked object with lockedRow.
 */
export async function lockRawRow(em: Em, entity: new () => object, where: string, params: unknown[], extra: string): Promise<Record<string, unknown> | null> {
  const table = em.getMetadata().get(entity.name).tableName;
  const rows = await sql(em, `select t.*${extra} from "${table}" t where ${where} for update of t`, params);
  return rows[0] ?? null;
}

/** The object of a row read by lockRawRow, remembered for saveRow. */
export function lockedRow<T extends object>(em: Em, entity: new () => T, row: Record<string, unknown>): T {
  const o = fromRow(em, entity, row);
  snapshot(em, entity.name, o);
  return o;
}

/** Writes the columns of a row from lockRow that changed since it was read (or last saved). */
export async function saveRow(em: Em, entityName: string, row: { id: string }): Promise<void> {
  const update = rowUpdate(em, entityName, row);
  if (!update) return;
  await sql(em, update.text, update.params);
  snapshot(em, entityName, row);
}

/**
 * saveRow, deferred: the update is sent with the next statement of the transaction — as a query of
 * its WITH when that is the statement of the transaction's events (writeEvents), else just before
 * it. A change whose last write is its row then takes one round trip fewer (a SCIM PATCH: the
 * update and its events in one statement). Only for a caller whose next database work goes through
 * `sql()` (or is the events' statement): MikroORM's own queries do not send deferred writes, so
 * `transact` sends them before flushing a unit of work with something in it.
 */
export function saveRowDeferred(em: Em, entityName: string, row: { id: string }): void {
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('saveRowDeferred: only in a transaction');
  const update = rowUpdate(em, entityName, row);
  if (!update) return;
  const list = deferredWrites.get(trx as object) ?? [];
  list.push(update);
  deferredWrites.set(trx as object, list);
  snapshot(em, entityName, row);
}

/** Sends the transaction's deferred writes now (before work that does not go through `sql()`). */
export async function sendDeferredWrites(em: Em): Promise<void> {
  const trx = em.getTransactionContext();
  const deferred = trx ? takeDeferred(trx) : undefined;
  if (deferred) await sendWrites(em, deferred);
}

async function sendWrites(em: Em, writes: Array<{ text: string; params: unknown[] }>): Promise<void> {
  for (const w of writes) await sql(em, w.text, w.params);
}

/** Writes deferred by saveRowDeferred, per transaction (knex's transaction object). */
const deferredWrites = new WeakMap<object, Array<{ text: string; params: unknown[] }>>();

function takeDeferred(trx: unknown): Array<{ text: string; params: unknown[] }> | undefined {
  const list = deferredWrites.get(trx as object);
  if (list) deferredWrites.delete(trx as object);
  return list;
}

function rowUpdate(em: Em, entityName: string, row: { id: string }): { text: string; params: unknown[] } | undefined {
  const before = loaded.get(row);
  if (!before) throw new Error(`saveRow: this ${entityName} was not read with lockRow`);
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const c of columnsOf(em, entityName)) {
    const value = c.encode((row as unknown as Record<string, unknown>)[c.prop] ?? null);
    if (value === before.get(c.prop)) continue;
    sets.push(`"${c.column}" = ${c.placeholder}`);
    params.push(value);
  }
  if (sets.length === 0) return undefined;
  return { text: `update "${em.getMetadata().get(entityName).tableName}" set ${sets.join(', ')} where id = ?`, params: [...params, row.id] };
}

const mappers = new Map<string, (row: Record<string, unknown>) => object>();
const toDate = (v: unknown) => (v === null || v instanceof Date ? v : new Date(v as string));
const toJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const toBigint = (v: unknown) => (v === null ? v : String(v));

/**
 * A read-only copy of an entity from a raw row (column names → property names from the metadata,
 * JSON and timestamps converted): a plain object with the entity's properties, without the unit of
 * work's hydration and identity-map bookkeeping. For query results that are only read (GraphQL
 * answers); never persist or flush one. A row read without some columns (`selectColumns`) is read
 * with the same `omit`: those properties are left out.
 */
export function fromRow<T extends object>(em: Em, entity: new () => T, row: Record<string, unknown>, omit: readonly string[] = NOTHING): T {
  const cacheKey = omit.length ? `${entity.name}|${omit.join(',')}` : entity.name;
  let map = mappers.get(cacheKey);
  if (!map) {
    const meta = em.getMetadata().get(entity.name);
    const props = meta.props
      .filter((p) => p.persist !== false && (p.kind === 'scalar' || p.kind === 'm:1') && !omit.includes(p.name))
      .map((p) => ({
        name: p.name,
        column: p.fieldNames[0]!,
        date: p.columnTypes[0]!.startsWith('timestamp'),
        json: p.columnTypes[0] === 'jsonb',
        bigint: p.columnTypes[0] === 'bigint',
      }));
    const slow = (r: Record<string, unknown>) => {
      const o: Record<string, unknown> = {};
      for (const p of props) {
        const v = r[p.column];
        if (v !== undefined) o[p.name] = p.date ? toDate(v) : p.json ? toJson(v) : p.bigint ? toBigint(v) : v;
      }
      return o;
    };
    // A plain object (the entity prototype carries MikroORM's property accessors, costly to go
    // through), built as one object literal compiled for the entity: adding the ~40 properties one
    // by one cost ~8 µs per row (a 1,000-row page spent 20 % of its CPU here), the literal ~1 µs.
    // A row without one of the columns takes the loop, which leaves the property out.
    const key = (s: string) => JSON.stringify(s);
    map = new Function(
      'toDate',
      'toJson',
      'toBigint',
      'slow',
      `return (r) => {
      if (${props.map((p) => `r[${key(p.column)}] === undefined`).join(' || ')}) return slow(r);
      return { ${props.map((p) => `${key(p.name)}: ${p.date ? 'toDate' : p.json ? 'toJson' : p.bigint ? 'toBigint' : ''}(r[${key(p.column)}])`).join(', ')} };
    };`,
    )(toDate, toJson, toBigint, slow) as (row: Record<string, unknown>) => object;
    mappers.set(cacheKey, map);
  }
  return map(row) as T;
}

const NOTHING: readonly string[] = [];
const selectLists = new Map<string, string>();

/**
 * The select list `<alias>."column", …` of an entity's columns without those of the properties in
 * `omit`: a read that will not show them leaves them out (PostgreSQL sends, and `pg` parses, less
 * per row); `fromRow` with the same `omit` reads the rows.
 */
export function selectColumns(em: Em, entityName: string, alias: string, omit: readonly string[]): string {
  const cacheKey = `${entityName}|${alias}|${omit.join(',')}`;
  let list = selectLists.get(cacheKey);
  if (list === undefined) {
    list = columnsOf(em, entityName)
      .filter((c) => !omit.includes(c.prop))
      .map((c) => `${alias}."${c.column}"`)
      .join(', ');
    selectLists.set(cacheKey, list);
  }
  return list;
}

/** What `sql()`, `fromRow` and the row helpers ask of an entity manager: answered by the root one without a fork. */
const WITHOUT_FORK = new Set<PropertyKey>(['getTransactionContext', 'isInTransaction', 'getKnex', 'getMetadata']);

/**
 * An entity manager that forks `root` only when something beyond `WITHOUT_FORK` is asked of it.
 * A request answered by raw SQL (a SCIM lookup: `sql()` and `fromRow`) then builds no identity map
 * and unit of work (~5 % of a lookup's CPU); anything that uses the ORM (a query, persist, flush,
 * a transaction) gets a fork as before, the same one for the rest of the request.
 */
export function lazyFork(root: Em): Em {
  let forked: Em | undefined;
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(root, {
    get(_target, prop) {
      if (!forked && WITHOUT_FORK.has(prop)) {
        const f = root[prop as keyof Em] as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => (forked ? (forked[prop as keyof Em] as (...a: unknown[]) => unknown)(...args) : f.apply(root, args));
      }
      forked ??= root.fork() as Em;
      let v = bound.get(prop);
      if (v === undefined) {
        const raw = (forked as unknown as Record<PropertyKey, unknown>)[prop];
        if (typeof raw !== 'function') return raw;
        v = (raw as (...a: unknown[]) => unknown).bind(forked);
        bound.set(prop, v);
      }
      return v;
    },
    set(_target, prop, value) {
      forked ??= root.fork() as Em;
      (forked as unknown as Record<PropertyKey, unknown>)[prop] = value;
      return true;
    },
  }) as Em;
}

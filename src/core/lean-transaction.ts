/**
 * Transactions without knex's per-transaction machinery.
 *
 * MikroORM starts a transaction with `knex.transaction()`, which builds a whole knex instance for
 * it (a function object with ~100 properties defined one by one), a Transaction with its promises
 * and event emitters, and a client copy that re-emits every event; then it runs `BEGIN;` and
 * `COMMIT;` through knex's query runner. For the hot writes (a SCIM PATCH is five statements) that
 * was ~15 % of their CPU. `useLeanTransactions` replaces the root knex instance's `transaction` with
 * one that hands MikroORM a small object with what MikroORM and knex use of a transaction:
 *   - `client`: the pool's client with `transacting` set and its connection fixed (knex query
 *     builders and raw queries run on it through `.transacting(trx)`; `sql()` in db.ts asks it
 *     for the connection);
 *   - `commit()` / `executionPromise` / `rollback()` / `isCompleted()`, as MikroORM's
 *     AbstractSqlConnection calls them;
 *   - `transaction()`: a nested transaction, a savepoint on the same connection (MikroORM's nested
 *     `em.transactional`, the SCIM Bulk request's operations).
 * Everything above the knex layer — MikroORM's fork, its transaction context, flush, merging the
 * fork's entities into the parent, its transaction events — runs as before. A transaction asked
 * for with an isolation level or read-only goes to knex's own implementation.
 *
 * BEGIN is not a round trip of its own: it goes to PostgreSQL in the same message as the
 * transaction's first statement (`StatementAfterBegin`: BEGIN's Parse/Bind/Execute, then the
 * statement's, then one Sync, as libpq's pipeline mode would send them). Under READ COMMITTED the
 * transaction's first statement takes its first snapshot either way, so nothing changes but the
 * round trip: a SCIM PATCH is three round trips (first statement, last statement, COMMIT) instead of
 * four. A transaction that sent nothing ends without COMMIT or ROLLBACK.
 */
import pg from 'pg';

/** A pooled `pg` connection, as far as this module uses it. */
interface PgConnection {
  query(config: unknown, ...rest: unknown[]): unknown;
}

/** A statement as `sql()` (db.ts) sends it: text, parameter values and maybe a prepared statement name. */
interface StatementConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

const isStatementConfig = (c: unknown): c is StatementConfig =>
  typeof c === 'object' && c !== null && typeof (c as StatementConfig).text === 'string' && typeof (c as { submit?: unknown }).submit !== 'function';

/**
 * A statement preceded by BEGIN in one message: Parse/Bind/Execute of BEGIN (the unnamed statement
 * and portal), then the statement's own messages and the one Sync that ends both. PostgreSQL stops
 * at the first error and skips to the Sync, so a failed BEGIN runs nothing. BEGIN's CommandComplete
 * is not a result of the statement's.
 */
class StatementAfterBegin extends pg.Query {
  private beginCompleted = false;

  constructor(config: StatementConfig, callback: (err: Error | null, result?: { rows: unknown[] }) => void) {
    // the extended protocol even without values: the simple one cannot share a Sync with BEGIN
    super({ ...config, queryMode: 'extended', callback } as never);
  }

  prepare(connection: PgWire): void {
    connection.parse({ text: 'begin', name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '', rows: 0 });
    (pg.Query.prototype as unknown as { prepare(c: PgWire): void }).prepare.call(this, connection);
  }

  handleCommandComplete(msg: unknown, connection: PgWire): void {
    if (!this.beginCompleted) {
      this.beginCompleted = true;
      return;
    }
    (pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: PgWire): void }).handleCommandComplete.call(this, msg, connection);
  }
}

/** The protocol writer of a `pg` connection (its `connection` property), as StatementAfterBegin uses it. */
interface PgWire {
  parse(m: { text: string; name: string; types: unknown[] }): void;
  bind(m: { portal: string; statement: string; values: unknown[] }): void;
  execute(m: { portal: string; rows: number }): void;
}

/** Sends `config` after BEGIN in one round trip (see StatementAfterBegin). */
function queryAfterBegin(connection: PgConnection, config: StatementConfig): Promise<{ rows: unknown[] }> {
  return new Promise((resolve, reject) => {
    connection.query(new StatementAfterBegin(config, (err, result) => (err ? reject(err) : resolve(result!))));
  });
}

/**
 * The transaction's view of its pooled connection: the first statement sent on it carries the
 * transaction's BEGIN (one round trip for both when it is a plain statement, as `sql()` and knex's
 * promise-style queries send; before anything else, a BEGIN of its own).
 */
class TransactionConnection {
  /** BEGIN not yet sent: nothing has run in this transaction. */
  pending = true;

  constructor(readonly raw: PgConnection) {}

  query(config: unknown, ...rest: unknown[]): unknown {
    if (!this.pending) return this.raw.query(config, ...rest);
    this.pending = false;
    if (rest.length === 0 && isStatementConfig(config)) return queryAfterBegin(this.raw, config);
    const callback = rest[rest.length - 1];
    const begun = this.raw.query('begin') as Promise<unknown>;
    if (typeof callback === 'function') {
      begun.then(
        () => this.raw.query(config, ...rest),
        (err: unknown) => (callback as (e: unknown) => void)(err),
      );
      return undefined;
    }
    return begun.then(() => this.raw.query(config, ...rest));
  }

  /** A statement of the transaction's own (SAVEPOINT and the like): with BEGIN in one simple query when still pending. */
  control(text: string): Promise<unknown> {
    if (!this.pending) return this.raw.query(text) as Promise<unknown>;
    this.pending = false;
    return this.raw.query(`begin; ${text}`) as Promise<unknown>;
  }
}

/** knex's client (the pool's), as far as this module uses it. */
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
  query(connection: PgConnection, obj: unknown): Promise<unknown>;
  transacting?: boolean;
}

interface KnexInstance {
  client: KnexClient;
  transaction(container: unknown, config?: { isolationLevel?: string; readOnly?: boolean }): Promise<unknown>;
}

/** The transaction object handed to MikroORM (and to knex's `.transacting()`). */
class LeanTransaction {
  private completed = false;
  private settle!: (err?: unknown) => void;
  /** Settles when the transaction (or savepoint) has committed; rejects when its COMMIT failed. */
  readonly executionPromise: Promise<void>;
  private savepoints = 0;

  constructor(
    readonly client: KnexClient,
    private readonly connection: TransactionConnection,
    /** Null for the root transaction; the savepoint's name for a nested one. */
    private readonly savepoint: string | null,
    private readonly root: LeanTransaction | null,
    private readonly release: () => Promise<unknown>,
  ) {
    this.executionPromise = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    // MikroORM awaits it only after commit(); a rejection nobody awaited is not a crash
    this.executionPromise.catch(() => {});
  }

  isCompleted(): boolean {
    return this.completed || (this.root?.isCompleted() ?? false);
  }

  /** A nested transaction: a savepoint on this transaction's connection. */
  async transaction(container: unknown, config?: { isolationLevel?: string; readOnly?: boolean }): Promise<LeanTransaction> {
    if (container) throw new Error('lean transactions take no container function');
    if (config?.isolationLevel || config?.readOnly) throw new Error('a nested transaction cannot change the isolation level');
    if (this.isCompleted()) throw new Error('Transaction query already complete');
    const root = this.root ?? this;
    const name = `idm_sp${++root.savepoints}`;
    await this.connection.control(`savepoint ${name}`);
    return new LeanTransaction(this.client, this.connection, name, root, () => Promise.resolve());
  }

  /** Ends the transaction with COMMIT (a savepoint: RELEASE); `executionPromise` says how it went. */
  commit(): Promise<void> {
    if (this.isCompleted()) return this.executionPromise;
    this.completed = true;
    // a transaction that sent nothing has nothing to commit (BEGIN was never sent)
    const ending = this.connection.pending
      ? Promise.resolve()
      : (this.connection.raw.query(this.savepoint ? `release savepoint ${this.savepoint}` : 'commit') as Promise<unknown>);
    ending
      .then(
        () => this.settle(),
        (err: unknown) => this.settle(err),
      )
      .finally(() => void this.release());
    return this.executionPromise;
  }

  /** Ends the transaction with ROLLBACK (a savepoint: ROLLBACK TO); resolves either way. */
  async rollback(): Promise<void> {
    if (this.completed) return; // a failed COMMIT has ended it already
    this.completed = true;
    try {
      if (!this.connection.pending) await this.connection.raw.query(this.savepoint ? `rollback to savepoint ${this.savepoint}` : 'rollback');
    } catch {
      // a broken connection: PostgreSQL rolls the transaction back when the session ends
    } finally {
      this.settle();
      await this.release();
    }
  }
}

/** A transaction on a connection of the pool, its client fixed to the connection (BEGIN goes with its first statement). */
async function begin(pool: KnexClient): Promise<LeanTransaction> {
  const pooled = await pool.acquireConnection();
  const connection = new TransactionConnection(pooled) as TransactionConnection & PgConnection;
  let trx: LeanTransaction | undefined = undefined;
  const client = Object.create(pool) as KnexClient;
  client.transacting = true;
  client.acquireConnection = () => Promise.resolve(connection);
  client.releaseConnection = () => Promise.resolve();
  client.query = (conn, obj) => {
    if (conn !== connection) return Promise.reject(new Error('Invalid connection for transaction query.'));
    if (trx!.isCompleted()) return Promise.reject(new Error('Transaction query already complete'));
    return pool.query.call(client, conn, obj);
  };
  trx = new LeanTransaction(client, connection, null, null, () => pool.releaseConnection(pooled));
  return trx;
}

/**
 * Makes the ORM's root knex instance start transactions with `begin` above (MikroORM's
 * `em.transactional` and `em.begin` go through it). Called once, right after the ORM connects.
 */
export function useLeanTransactions(knex: KnexInstance): void {
  const original = knex.transaction.bind(knex);
  Object.defineProperty(knex, 'transaction', {
    configurable: true,
    value: (container: unknown, config?: { isolationLevel?: string; readOnly?: boolean }) => {
      if (container || config?.isolationLevel || config?.readOnly) return original(container, config);
      return begin(knex.client);
    },
  });
}

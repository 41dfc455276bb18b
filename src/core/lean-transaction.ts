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
 */

/** A pooled `pg` connection, as far as this module uses it. */
interface PgConnection {
  query(text: string): Promise<unknown>;
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
    private readonly connection: PgConnection,
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
    await this.connection.query(`savepoint ${name}`);
    return new LeanTransaction(this.client, this.connection, name, root, () => Promise.resolve());
  }

  /** Ends the transaction with COMMIT (a savepoint: RELEASE); `executionPromise` says how it went. */
  commit(): Promise<void> {
    if (this.isCompleted()) return this.executionPromise;
    this.completed = true;
    this.connection
      .query(this.savepoint ? `release savepoint ${this.savepoint}` : 'commit')
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
      await this.connection.query(this.savepoint ? `rollback to savepoint ${this.savepoint}` : 'rollback');
    } catch {
      // a broken connection: PostgreSQL rolls the transaction back when the session ends
    } finally {
      this.settle();
      await this.release();
    }
  }
}

/** A transaction on a connection of the pool: BEGIN sent, its client fixed to the connection. */
async function begin(pool: KnexClient): Promise<LeanTransaction> {
  const connection = await pool.acquireConnection();
  try {
    await connection.query('begin');
  } catch (err) {
    await pool.releaseConnection(connection);
    throw err;
  }
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
  trx = new LeanTransaction(client, connection, null, null, () => pool.releaseConnection(connection));
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

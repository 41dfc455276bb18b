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
 * transaction's first statement (`PipelinedStatement`: BEGIN's Parse/Bind/Execute, then the
 * statement's, then one Sync, as libpq's pipeline mode would send them). Under READ COMMITTED the
 * transaction's first statement takes its first snapshot either way, so nothing changes but the
 * round trip. The same way its last statement can carry its COMMIT (`sql()`'s `commit` option, which
 * `transact` gives the statement of a transaction's events): a SCIM PATCH is two round trips (the
 * locking read with BEGIN, the write with COMMIT) instead of four. A transaction that sent nothing
 * ends without COMMIT or ROLLBACK.
 */
import pg from 'pg';
import { send, Statement, type PgConnection, type PgWire, type StatementCallback, type StatementConfig } from './pg-statement.js';

const isStatementConfig = (c: unknown): c is StatementConfig =>
  typeof c === 'object' &&
  c !== null &&
  typeof (c as StatementConfig).text === 'string' &&
  Array.isArray((c as StatementConfig).values) &&
  typeof (c as { submit?: unknown }).submit !== 'function';

/**
 * A statement with its transaction's BEGIN before it and/or its COMMIT after it, in one message:
 * BEGIN's Parse/Bind/Execute (the unnamed statement and portal), the statement's own messages, COMMIT's,
 * and the one Sync that ends them all (as libpq's pipeline mode sends them). PostgreSQL stops at the
 * first error and skips to the Sync: a failed BEGIN runs nothing, a failed statement commits nothing
 * (its transaction is left aborted, for ROLLBACK). BEGIN's and COMMIT's CommandComplete are not results
 * of the statement's; `statementCompleted` tells a failed COMMIT from a failed statement.
 */
class PipelinedStatement extends Statement {
  statementCompleted = false;
  private beginCompleted: boolean;

  constructor(
    config: StatementConfig,
    private readonly withBegin: boolean,
    private readonly withCommit: boolean,
    callback: StatementCallback,
  ) {
    // the extended protocol even without values: the simple one cannot share a Sync with BEGIN or COMMIT
    super(config, callback, true);
    this.beginCompleted = !withBegin;
  }

  override prepare(connection: PgWire): void {
    if (this.withBegin) sendUnnamed(connection, 'begin');
    super.prepare(connection);
  }

  /** pg.Query's last step of `prepare`: the statement's Execute, then (all rows asked for) the Sync, before which COMMIT goes. */
  _getRows(connection: PgWire, rows: number | undefined): void {
    if (!this.withCommit || rows) {
      (pg.Query.prototype as unknown as { _getRows(c: PgWire, r: number | undefined): void })._getRows.call(this, connection, rows);
      return;
    }
    connection.execute({ portal: (this as unknown as { portal: string }).portal, rows: 0 });
    sendUnnamed(connection, 'commit');
    connection.sync();
  }

  handleCommandComplete(msg: unknown, connection: PgWire): void {
    if (!this.beginCompleted) {
      this.beginCompleted = true;
      return;
    }
    if (this.statementCompleted) return; // COMMIT's
    this.statementCompleted = true;
    (pg.Query.prototype as unknown as { handleCommandComplete(m: unknown, c: PgWire): void }).handleCommandComplete.call(this, msg, connection);
  }
}

/** Parse, Bind and Execute of a statement without parameters or rows (BEGIN, COMMIT), on the unnamed statement and portal. */
function sendUnnamed(connection: PgWire, text: string): void {
  connection.parse({ text, name: '', types: [] });
  connection.bind({ portal: '', statement: '', values: [] });
  connection.execute({ portal: '', rows: 0 });
}

/** What a transaction's connection has sent: nothing yet; BEGIN (the transaction is open); or its COMMIT. */
type TransactionState = 'pending' | 'open' | 'ended';

/** A statement for a transaction that has ended (knex's words for it). */
export const alreadyComplete = () => new Error('Transaction query already complete');

/**
 * The transaction's view of its pooled connection: the first statement sent on it carries the
 * transaction's BEGIN (one round trip for both when it is a plain statement, as `sql()` and knex's
 * promise-style queries send; before anything else, a BEGIN of its own), and the last one may carry
 * its COMMIT (`queryAndCommit`).
 */
class TransactionConnection {
  state: TransactionState = 'pending';

  constructor(readonly raw: PgConnection) {}

  query(config: unknown, ...rest: unknown[]): unknown {
    const callback = rest[rest.length - 1];
    if (this.state === 'ended') {
      if (typeof callback === 'function') return void (callback as (e: unknown) => void)(alreadyComplete());
      return Promise.reject(alreadyComplete());
    }
    // a statement as sql() sends it (promise style); knex's come with a callback
    const plain = rest.length === 0 && isStatementConfig(config);
    if (this.state === 'open') return plain ? send(this.raw, (callback) => new Statement(config, callback)) : this.raw.query(config, ...rest);
    this.state = 'open';
    if (plain) return this.pipelined(config, true, false);
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

  /**
   * Sends the transaction's last statement with its COMMIT (and its BEGIN, when it is also the
   * first). Resolves with the statement's result once both are done; on a failed statement the
   * transaction is still open (aborted: ROLLBACK ends it), on a failed COMMIT it has ended.
   */
  queryAndCommit(config: StatementConfig): Promise<{ rows: unknown[] }> {
    if (this.state === 'ended') return Promise.reject(alreadyComplete());
    const withBegin = this.state === 'pending';
    this.state = 'open';
    return this.pipelined(config, withBegin, true);
  }

  private pipelined(config: StatementConfig, withBegin: boolean, withCommit: boolean): Promise<{ rows: unknown[] }> {
    return send(this.raw, (callback) => {
      const statement: PipelinedStatement = new PipelinedStatement(config, withBegin, withCommit, (err, result) => {
        if (withCommit && (!err || statement.statementCompleted)) this.state = 'ended';
        callback(err, result);
      });
      return statement;
    });
  }

  /** A statement of the transaction's own (SAVEPOINT and the like): with BEGIN in one simple query when still pending. */
  control(text: string): Promise<unknown> {
    if (this.state === 'ended') return Promise.reject(alreadyComplete());
    if (this.state === 'open') return this.raw.query(text) as Promise<unknown>;
    this.state = 'open';
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
    if (this.isCompleted()) throw alreadyComplete();
    const root = this.root ?? this;
    const name = `idm_sp${++root.savepoints}`;
    await this.connection.control(`savepoint ${name}`);
    return new LeanTransaction(this.client, this.connection, name, root, () => Promise.resolve());
  }

  /**
   * Sends the transaction's last statement with its COMMIT (one round trip; see
   * TransactionConnection.queryAndCommit); `commit()` then has nothing left to send. Undefined for a
   * nested transaction (a savepoint), which the caller sends as any other statement.
   */
  queryAndCommit(config: StatementConfig): Promise<{ rows: unknown[] }> | undefined {
    if (this.savepoint || this.isCompleted()) return undefined;
    return this.connection.queryAndCommit(config);
  }

  /** Ends the transaction with COMMIT (a savepoint: RELEASE); `executionPromise` says how it went. */
  commit(): Promise<void> {
    if (this.isCompleted()) return this.executionPromise;
    this.completed = true;
    // a transaction that sent nothing has nothing to commit (BEGIN was never sent), nor one whose
    // COMMIT went with its last statement
    const ending =
      this.connection.state !== 'open'
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
      if (this.connection.state === 'open') await this.connection.raw.query(this.savepoint ? `rollback to savepoint ${this.savepoint}` : 'rollback');
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
    if (trx!.isCompleted()) return Promise.reject(alreadyComplete());
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

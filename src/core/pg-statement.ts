import pg from 'pg';

/** A statement as `sql()` (db.ts) sends it: text with `$n` placeholders, parameter values and maybe a prepared statement's name. */
export interface StatementConfig {
  text: string;
  values: unknown[];
  name?: string;
}

export type StatementCallback = (err: Error | null, result?: { rows: unknown[] }) => void;

/** The protocol writer of a `pg` connection (a client's `connection` property), as this project's statements use it. */
export interface PgWire {
  parse(m: { text: string; name: string; types: unknown[] }): void;
  bind(m: { portal: string; statement: string; values: unknown[]; binary?: boolean; valueMapper?: unknown }): void;
  describe(m: { type: 'P' | 'S'; name: string }): void;
  execute(m: { portal: string; rows: number }): void;
  sync(): void;
  /** name → text of the statements PostgreSQL has confirmed parsing on this connection */
  parsedStatements: Record<string, string | undefined>;
}

/** What pg's Result holds of a statement's result columns once it has read their description. */
interface ResultColumns {
  fields: unknown[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: object | null;
}

/** The internals of pg.Query that Statement reads and sets (pinned pg 8.23.1). */
interface QueryInternals {
  name?: string;
  portal: string;
  binary?: boolean;
  values: unknown[];
  rows?: number;
  queryMode?: string;
  _result: ResultColumns;
  _accumulateRows: boolean;
  handleError(err: unknown, connection: PgWire): void;
  _getRows(connection: PgWire, rows: number | undefined): void;
}

/** pg's encoding of a parameter value (what pg.Query.prepare gives `bind`). */
const prepareValue = (pg as unknown as { utils: { prepareValue: unknown } }).utils.prepareValue;

const pgQuery = pg.Query.prototype as unknown as {
  prepare(this: unknown, connection: PgWire): void;
  handleRowDescription(this: unknown, msg: unknown): void;
};

/**
 * The result columns of each named prepared statement, per `pg` connection, as PostgreSQL described
 * them the first time it ran there. A prepared statement's result columns cannot change while it
 * exists (PostgreSQL refuses to run it once a schema change would change them: db.ts then stops
 * preparing its text), so later runs skip the Describe: PostgreSQL sends no RowDescription, and `pg`
 * does not parse one and build the row parsers anew (~5 % of a lookup's CPU).
 */
const described = new WeakMap<PgWire, Map<string, ResultColumns>>();

/**
 * A `pg` query built from its parts. Given a config object, `pg` copies it by its property
 * descriptors into a new object on every statement (`cloneQueryConfig`, ~4 % of a member removal's
 * CPU); from a text, values and a callback it builds one plain object. Sent as a Submittable
 * (`connection.query(statement)`), its result comes to the callback.
 */
export class Statement extends pg.Query {
  /** The connection it was sent on, while its result columns are to be remembered. */
  private describing: PgWire | undefined;

  constructor(config: StatementConfig, callback: StatementCallback, extended = false) {
    super(config.text, config.values, callback as never);
    const self = this as unknown as QueryInternals;
    if (config.name) self.name = config.name;
    // the extended protocol even without values (see PipelinedStatement in lean-transaction.ts)
    if (extended) self.queryMode = 'extended';
  }

  /** pg.Query's Parse/Bind/Describe/Execute, without the Describe once the prepared statement's columns are known. */
  prepare(connection: PgWire): void {
    const self = this as unknown as QueryInternals;
    const name = self.name;
    const known = name !== undefined && connection.parsedStatements[name] !== undefined ? described.get(connection)?.get(name) : undefined;
    if (!known) {
      if (name !== undefined) this.describing = connection;
      pgQuery.prepare.call(this, connection);
      return;
    }
    try {
      connection.bind({ portal: self.portal, statement: name!, values: self.values, binary: self.binary, valueMapper: prepareValue });
    } catch (err) {
      // a value pg cannot encode: nothing was sent for this statement but the Sync ends it
      connection.sync();
      self.handleError(err, connection);
      return;
    }
    const result = self._result;
    result.fields = known.fields;
    result._parsers = known._parsers;
    result._prebuiltEmptyResultObject = known._prebuiltEmptyResultObject;
    self._accumulateRows = true; // a callback takes the rows (pg.Query.handleRowDescription's rule)
    self._getRows(connection, self.rows);
  }

  handleRowDescription(msg: unknown): void {
    pgQuery.handleRowDescription.call(this, msg);
    const connection = this.describing;
    if (!connection) return;
    this.describing = undefined;
    const { fields, _parsers, _prebuiltEmptyResultObject } = (this as unknown as QueryInternals)._result;
    let byName = described.get(connection);
    if (!byName) described.set(connection, (byName = new Map()));
    byName.set((this as unknown as QueryInternals).name!, { fields, _parsers, _prebuiltEmptyResultObject });
  }
}

/** A pooled `pg` connection (or a transaction's view of one), as far as this project's core calls it. */
export interface PgConnection {
  query(config: unknown, ...rest: unknown[]): unknown;
}

/** Sends `statement` (made with `make`, given its callback) and resolves with its result; a failure's stack leads back to the caller. */
export function send(target: PgConnection, make: (callback: StatementCallback) => Statement): Promise<{ rows: unknown[] }> {
  return new Promise<{ rows: unknown[] }>((resolve, reject) => {
    target.query(make((err, result) => (err ? reject(err) : resolve(result!))));
  }).catch((err: unknown) => {
    // as `pg` does for the queries it makes: the stack of the socket's read says nothing
    if (err instanceof Error) Error.captureStackTrace(err);
    throw err;
  });
}

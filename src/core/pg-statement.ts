import pg from 'pg';

/** A statement as `sql()` (db.ts) sends it: text with `$n` placeholders, parameter values and maybe a prepared statement's name. */
export interface StatementConfig {
  text: string;
  values: unknown[];
  name?: string;
}

export type StatementCallback = (err: Error | null, result?: { rows: unknown[] }) => void;

/**
 * A `pg` query built from its parts. Given a config object, `pg` copies it by its property
 * descriptors into a new object on every statement (`cloneQueryConfig`, ~4 % of a member removal's
 * CPU); from a text, values and a callback it builds one plain object. Sent as a Submittable
 * (`connection.query(statement)`), its result comes to the callback.
 */
export class Statement extends pg.Query {
  constructor(config: StatementConfig, callback: StatementCallback, extended = false) {
    super(config.text, config.values, callback as never);
    const self = this as unknown as { name?: string; queryMode?: string };
    if (config.name) self.name = config.name;
    // the extended protocol even without values (see PipelinedStatement in lean-transaction.ts)
    if (extended) self.queryMode = 'extended';
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

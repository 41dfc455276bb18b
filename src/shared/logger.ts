/** LOG_LEVEL: the least severe level written; silent writes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured JSON-lines logger: one object per line on stdout, with a timestamp and level. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  /** Whether debug lines are written (callers skip building what only a debug line would carry). */
  readonly isDebug: boolean;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** A PostgreSQL error (node-postgres) or one MikroORM wrapped: it carries a SQLSTATE. */
const isDatabaseError = (e: Record<string, unknown>) => (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) || typeof e.sqlState === 'string';
/** Fields of a database error that quote row values (`Key (user_name_key)=(ada@…) already exists`). */
const VALUE_FIELDS = new Set(['detail', 'where', 'internalQuery', 'hint', 'parameters', 'params']);
/** A SQL text or database message with its quoted values left out (MikroORM inlines parameters into the query it quotes). */
const withoutValues = (text: string | undefined) =>
  text
    ?.replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/: "(?:[^"]|"")*"(?=$|\n)/gm, ': "…"')
    // MikroORM appends the detail to its message: " - detail: Key (slug)=(acme) already exists."
    .replace(/ - detail: [^\n]*/g, ' - detail: …')
    .replace(/Key \(([^)]*)\)=\([^\n]*?\) (already exists|is (?:still )?(?:not present|referenced))/g, 'Key ($1)=(…) $2');

/**
 * An error as a log field. A database error's message, stack and detail can quote the values of the
 * row it failed on — people's names and addresses — so they are left out of it: the SQLSTATE,
 * constraint, table and column say what failed (logs name ids, not people).
 */
function serialize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const fields = value as unknown as Record<string, unknown>;
    if (!isDatabaseError(fields)) return { name: value.name, message: value.message, stack: value.stack, ...fields };
    const out: Record<string, unknown> = { name: value.name, message: withoutValues(value.message), stack: withoutValues(value.stack) };
    for (const [k, v] of Object.entries(fields)) {
      if (VALUE_FIELDS.has(k)) continue;
      out[k] = v instanceof Error && depth < 3 ? serialize(v, depth + 1) : typeof v === 'string' && k !== 'code' ? withoutValues(v) : v;
    }
    return out;
  }
  return value;
}

/**
 * A class rather than an object of closures: the GraphQL context makes a child per request, and
 * under tsx (esbuild's keepNames) each named closure costs a `defineProperty` of its name. A child
 * keeps its parent and its own fields and merges them only when it writes a line: most children
 * (one per request, two with GraphQL) write none at the production level.
 */
class JsonLogger implements Logger {
  readonly isDebug: boolean;
  private readonly min: number;
  constructor(
    private readonly level: LogLevel,
    private readonly write: (line: string) => void,
    private readonly own: Record<string, unknown>,
    private readonly parent?: JsonLogger,
  ) {
    this.min = ORDER[level];
    this.isDebug = this.min <= ORDER.debug;
  }
  /** The fields of every line: the root's, then each child's in turn (a later one wins). */
  private base(into: Record<string, unknown>): Record<string, unknown> {
    this.parent?.base(into);
    return Object.assign(into, this.own);
  }
  private emit(lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) {
    if (ORDER[lvl] < this.min) return;
    const entry = this.base({ time: new Date().toISOString(), level: lvl, msg });
    if (fields) for (const [k, v] of Object.entries(fields)) entry[k] = serialize(v);
    this.write(JSON.stringify(entry) + '\n');
  }
  debug(msg: string, fields?: Record<string, unknown>) {
    this.emit('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.emit('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.emit('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.emit('error', msg, fields);
  }
  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.level, this.write, fields, this);
  }
}

const toStdout = (line: string) => void process.stdout.write(line);

export function createLogger(level: LogLevel, base: Record<string, unknown> = {}, write: (line: string) => void = toStdout): Logger {
  return new JsonLogger(level, write, base);
}

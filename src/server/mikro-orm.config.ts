import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from '../core/entities/index.js';
import type { Logger } from '../shared/logger.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface OrmOptions {
  url: string;
  poolSize?: number;
  /** Where knex's own warnings go (a lost connection, …); without it they are printed as plain text. */
  log?: Logger;
  /** Called with each new pooled connection (knex's `afterCreate`): the traces wrap its `query` (src/server/tracing.ts). */
  afterCreate?: (connection: never, done: (err: Error | null, connection: unknown) => void) => void;
}

/** knex's logger, as JSON lines of ours. */
function knexLog(log: Logger) {
  const text = (m: unknown) => (m instanceof Error ? m.message : String(m));
  return {
    warn: (m: unknown) => log.warn('database driver', { message: text(m) }),
    error: (m: unknown) => log.error('database driver', { message: text(m) }),
    deprecate: (m: unknown) => log.warn('database driver', { message: text(m) }),
    debug: (m: unknown) => log.debug('database driver', { message: text(m) }),
  };
}

/** The one MikroORM configuration: used by the server, the tests and the MikroORM CLI. */
export function ormConfig(opts: OrmOptions) {
  // libpq's `?host=/socket/dir` (a Unix-domain socket) is honoured by pg, but MikroORM reads the
  // host from the URL's authority only: pass it on explicitly
  const socketDir = URL.canParse(opts.url) ? new URL(opts.url).searchParams.get('host') : null;
  return defineConfig({
    clientUrl: opts.url,
    ...(socketDir ? { host: socketDir } : {}),
    // MikroORM keeps only host, port, user, password and database from the URL; the driver reads
    // the whole of it, so `sslmode` and the other libpq parameters apply to every connection
    // (without this the ORM's connections ran without TLS while `?sslmode=…` asked for it)
    driverOptions: {
      connection: { connectionString: opts.url },
      ...(opts.log ? { log: knexLog(opts.log) } : {}),
    },
    // a database name that does not exist is an error, not a new empty database
    ensureDatabase: false,
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: opts.poolSize ?? 20, ...(opts.afterCreate ? { afterCreate: opts.afterCreate } : {}) },
    migrations: {
      path: path.join(root, 'migrations'),
      pathTs: path.join(root, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
  });
}

// The CLI (npm run migration:create) reads the default export; it needs DATABASE_URL.
export default ormConfig({ url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/identity' });

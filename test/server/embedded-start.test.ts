import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gqlRequest, spawnServer, type ServerProcess } from '../helpers/harness.js';
import { CreateOrganizationDocument, CreateUserDocument, OrganizationDocument, UsersDocument, ViewerDocument } from '../generated/graphql.js';

describe('npm start without DATABASE_URL (embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'idm-embedded-'));
  let proc: ServerProcess | undefined;
  after(async () => {
    await proc?.stop();
    // never leave a database server behind, even when a test failed half-way
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('first start creates the database, migrates, prints a one-time admin key; a restart keeps the data and prints no key', async () => {
    // LC_ALL=C: a machine without a locale (initdb would take C from it, whose lower() folds only ASCII)
    const env = { DATABASE_URL: undefined, ADMIN_API_KEY: undefined, DATA_DIR: dataDir, LC_ALL: 'C', LANG: undefined };
    proc = await spawnServer(env);
    const key = /ADMIN KEY: (\S+)/.exec(proc.output())?.[1];
    assert.ok(key, proc.output());
    assert.doesNotMatch(proc.output(), /lower-cases only ASCII/, 'the embedded database folds every letter');
    const viewer = await gqlRequest(proc.url, key, ViewerDocument, {});
    assert.equal(viewer.data?.viewer.kind, 'PLATFORM');
    const org = await gqlRequest(proc.url, key, CreateOrganizationDocument, { input: { name: 'Persisted', slug: 'persisted' } });
    const orgId = org.data!.createOrganization.id;
    // a case-insensitive filter finds a name with non-ASCII capitals
    const create = await gqlRequest(proc.url, key, CreateUserDocument, {
      organizationId: orgId,
      input: { userName: 'oz@example.com', name: { familyName: 'ÖZTÜRK' } },
    });
    assert.equal(create.errors, undefined);
    const found = await gqlRequest(proc.url, key, UsersDocument, { organizationId: orgId, filter: { familyName: { eq: 'öztürk' } } });
    assert.equal(found.data?.users.totalCount, 1);
    assert.equal(await proc.stop(), 0);
    assert.ok(!existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'the embedded PostgreSQL stopped with the server');

    // NODE_ENV=production with DATA_DIR set: the embedded database on purpose (one instance, its data on a volume)
    proc = await spawnServer({ ...env, NODE_ENV: 'production' });
    assert.ok(!/ADMIN KEY/.test(proc.output()), 'no second key on restart');
    const again = await gqlRequest(proc.url, key, OrganizationDocument, { id: orgId });
    assert.equal(again.data?.organization?.name, 'Persisted');
    assert.equal(await proc.stop(), 0);
  });

  test('NODE_ENV=production with neither DATABASE_URL nor DATA_DIR: the start is refused (exit 1), no embedded database is started', async () => {
    const err = await spawnServer({ DATABASE_URL: '', DATA_DIR: undefined, ADMIN_API_KEY: undefined, NODE_ENV: 'production' }).then(
      async (p) => {
        await p.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    assert.ok(err, 'the server started');
    assert.match(err.message, /server process exited with 1:/);
    assert.match(err.message, /"msg":"start refused: DATABASE_URL is not set: with NODE_ENV=production/);
    assert.doesNotMatch(err.message, /using the embedded PostgreSQL/);
  });
});

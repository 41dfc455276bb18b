import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, gqlRequest, spawnServerProcess, type ServerProcess } from './helpers/harness.js';
import { CreateOrganizationDocument, ViewerDocument } from './generated/graphql.js';

describe('DATABASE_URL', () => {
  let proc: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await proc?.stop();
    await drop?.();
  });

  test('may name a Unix-domain socket directory with ?host=/dir (libpq style)', async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const url = new URL(db.url);
    // an authority host that does not resolve: only the socket can have been used
    url.hostname = 'no-such-host.invalid';
    url.searchParams.set('host', process.env.TEST_PG_SOCKET_DIR!);
    const key = 'socket-test-admin-key-0123456789';
    proc = await spawnServerProcess(url.toString(), key);
    const ready = await fetch(`${proc.url}/readyz`);
    assert.equal(ready.status, 200);
    const viewer = await gqlRequest(proc.url, key, ViewerDocument, {});
    assert.equal(viewer.data?.viewer.kind, 'PLATFORM');
    const org = await gqlRequest(proc.url, key, CreateOrganizationDocument, { input: { name: 'Over a socket', slug: 'socket' } });
    assert.equal(org.errors, undefined);
    assert.equal(await proc.stop(), 0);
    proc = undefined;
  });
});

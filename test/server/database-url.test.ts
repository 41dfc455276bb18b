import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, gqlRequest, spawnServer, spawnServerProcess, type ServerProcess } from '../helpers/harness.js';
import { CreateOrganizationDocument, ViewerDocument } from '../generated/graphql.js';

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

  /** Runs SQL on the test cluster's admin database. */
  async function admin<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const c = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await c.connect();
    try {
      return (await c.query<T>(text)).rows;
    } finally {
      await c.end();
    }
  }
  /** A database of that name on the test cluster, as a URL (not created). */
  const urlOf = (name: string) => {
    const u = new URL(process.env.TEST_PG_ADMIN_URL!);
    u.pathname = `/${name}`;
    return u;
  };
  /** The error a server start ends with; a server that started after all is stopped, and the test fails. */
  const startFailure = async (env: Record<string, string>): Promise<Error> => {
    const r = await spawnServer(env).then(
      (proc) => proc,
      (err: Error) => err,
    );
    if (r instanceof Error) return r;
    await r.stop();
    assert.fail(`the server started:\n${r.output()}`);
  };
  const tablesIn = async (url: URL) => {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      return (await c.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`)).rows[0]!.n;
    } finally {
      await c.end();
    }
  };

  test('a database that does not exist is an error, not a new empty database', async () => {
    const name = `missing_${randomBytes(4).toString('hex')}`;
    const err = await startFailure({ DATABASE_URL: urlOf(name).toString() });
    assert.match(err.message, /exited with 1/);
    assert.match(err.message, /does not exist/);
    assert.deepEqual(await admin(`select 1 from pg_database where datname = '${name}'`), []);
    // with LOG_LEVEL=silent the failure is still said, on stderr
    const quiet = await startFailure({ DATABASE_URL: urlOf(name).toString(), LOG_LEVEL: 'silent' });
    assert.match(quiet.message, /start failed: .*does not exist/);
  });

  test('a URL that does not parse (a password with an unencoded "#") or is not postgresql:// stops the start naming DATABASE_URL, and the password is not printed', async () => {
    for (const url of [
      'postgresql://idm:s3cr#t/pw@db.internal:5432/identity',
      'http://idm:s3cr3t@db.internal/identity',
      'host=db.internal dbname=identity password=s3cr3t',
    ]) {
      const err = await startFailure({ DATABASE_URL: url, ADMIN_API_KEY: 'url-test-admin-key-0123456789abc' });
      assert.match(err.message, /exited with 2/, url);
      assert.match(err.message, /configuration error: DATABASE_URL /, url);
      assert.doesNotMatch(err.message, /s3cr/, `the password stays out of the log: ${err.message}`);
    }
  });

  test('sslmode applies to every connection: a server that cannot do TLS refuses it before anything runs', async () => {
    const name = `plain_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    try {
      const url = urlOf(name);
      url.searchParams.set('sslmode', 'require');
      const err = await startFailure({ DATABASE_URL: url.toString() });
      assert.match(err.message, /exited with 1/);
      assert.match(err.message, /does not support SSL/i);
      assert.equal(await tablesIn(urlOf(name)), '0', 'no migration ran over a connection without TLS');
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  });

  test('a database whose LC_CTYPE folds only ASCII is served, with a warning that says what it breaks and the way out', async () => {
    const name = `cctype_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name} template template0 locale_provider libc lc_collate 'C' lc_ctype 'C'`);
    try {
      const c = await spawnServerProcess(urlOf(name).toString(), 'ctype-test-admin-key-0123456789ab');
      try {
        assert.match(c.output(), /"level":"warn","msg":"the database lower-cases only ASCII letters[^\n]*"ctype":"C"/);
      } finally {
        await c.stop();
      }
      // the test cluster's own databases fold every letter: no warning there
      const db = await createTestDatabase();
      const ok = await spawnServerProcess(db.url, 'ctype-test-admin-key-0123456789ab');
      try {
        assert.doesNotMatch(ok.output(), /lower-cases only ASCII/);
      } finally {
        await ok.stop();
        await db.drop();
      }
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  });

  test('instances starting together on an empty database take turns to migrate; both serve', async () => {
    const name = `race_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    const procs: ServerProcess[] = [];
    try {
      const key = 'race-test-admin-key-0123456789ab';
      const started = await Promise.allSettled([0, 1, 2].map(() => spawnServerProcess(urlOf(name).toString(), key)));
      for (const s of started) if (s.status === 'fulfilled') procs.push(s.value);
      assert.deepEqual(
        started.map((s) => (s.status === 'rejected' ? String(s.reason).slice(0, 400) : 'started')),
        ['started', 'started', 'started'],
      );
      for (const p of procs) assert.equal((await gqlRequest(p.url, key, ViewerDocument, {})).data?.viewer.kind, 'PLATFORM');
    } finally {
      for (const p of procs) await p.stop();
      await admin(`drop database if exists ${name} with (force)`);
    }
  });
});

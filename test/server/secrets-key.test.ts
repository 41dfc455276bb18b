/**
 * issue #15: the SAML SP private keys are sealed by default. With the embedded database the first
 * start generates a secrets key into DATA_DIR/secrets-key (mode 0600) and later starts reuse it; with
 * DATABASE_URL and no SECRETS_KEY a production start is refused and any other start warns.
 * README §Configuration (SECRETS_KEY).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVerify, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, gqlRequest, spawnServer, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, startLogin } from '../helpers/saml-sp.js';
import { captureLogs } from '../helpers/log-capture.js';
import { createLogger } from '../../src/shared/logger.js';
import { SECRETS_KEY_FILE, secretsKeysAtStart, SecretsKeyError } from '../../src/server/secrets-key.js';

const UNENCRYPTED_WARNING = /"level":"warn","msg":"SECRETS_KEY is not set: SAML SP private keys are stored unencrypted/;

/** What the fixtures need of a TestServer, over a separate server process. */
function overProcess(proc: ServerProcess, adminKey: string, databaseUrl: string): TestServer {
  return {
    url: proc.url,
    databaseUrl,
    adminKey,
    raw: (doc, variables, key = adminKey) => gqlRequest(proc.url, key, doc, variables),
    async gql(doc, variables, key = adminKey) {
      const r = await gqlRequest(proc.url, key, doc, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}\n${proc.output()}`);
      return r.data!;
    },
  } as TestServer;
}

describe('the embedded database without SECRETS_KEY: a generated key in DATA_DIR seals the SP private keys', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'idm-secrets-'));
  const keyFile = path.join(dataDir, SECRETS_KEY_FILE);
  const adminKey = `test-admin-${randomBytes(16).toString('hex')}`;
  const env = { DATABASE_URL: undefined, SECRETS_KEY: undefined, ADMIN_API_KEY: adminKey, DATA_DIR: dataDir, SAML_RATE_LIMIT: '0' };
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  const withKey = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true };
  let proc: ServerProcess | undefined;
  after(async () => {
    await proc?.stop();
    // never leave a database server behind, even when a test failed half-way
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The embedded database's URL (its port is the 4th line of postmaster.pid, its password in DATA_DIR). */
  const embeddedUrl = () => {
    const port = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
      .split('\n')[3]!
      .trim();
    const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/identity`;
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => {
    const c = new pg.Client({ connectionString: embeddedUrl() });
    await c.connect();
    try {
      return (await c.query<R>(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const stored = async (org: OrgFixture) =>
    (await query<{ sp_private_key: string }>('select sp_private_key from saml_connections where organization_id = $1', [org.id]))[0]!.sp_private_key;
  /** A signed AuthnRequest whose signature verifies with the SP certificate: the stored key was readable. */
  const signsLogins = async (url: string, org: OrgFixture) => {
    const login = await startLogin(url, org.slug);
    const raw = login.http.location!.slice(login.http.location!.indexOf('?') + 1);
    const at = raw.indexOf('&Signature=');
    assert.ok(at > 0, 'the AuthnRequest is signed');
    assert.ok(
      createVerify('RSA-SHA256')
        .update(raw.slice(0, at))
        .verify(spKeys.certificatePem, decodeURIComponent(raw.slice(at + 11)), 'base64'),
    );
  };
  const assertSealed = (value: string, keyId?: string) => {
    assert.match(value, /^enc:v1:[A-Za-z0-9_-]{8}:/);
    assert.ok(!value.includes('BEGIN PRIVATE KEY') && !value.includes(spKeys.privateKeyPem.split('\n')[1]!.slice(0, 20)), 'no plaintext in the database');
    if (keyId) assert.equal(value.split(':')[2], keyId, 'sealed with the same key');
  };

  test('the first start creates DATA_DIR/secrets-key (mode 0600) and a stored SP key is sealed; a restart reuses the key, the connection still works, and a key stored unencrypted before is sealed', async () => {
    proc = await spawnServer(env);
    assert.ok(existsSync(keyFile), proc.output());
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'readable by the owner only');
    const key = readFileSync(keyFile, 'utf8');
    assert.ok(key.trim().length >= 32);
    assert.doesNotMatch(proc.output(), UNENCRYPTED_WARNING);
    assert.ok(!proc.output().includes(key.trim()), 'the key is never logged');

    const t = overProcess(proc, adminKey, embeddedUrl());
    const org = await createOrg(t);
    await connectIdp(t, org, idp, withKey);
    const sealed = await stored(org);
    assertSealed(sealed);
    const keyId = sealed.split(':')[2]!;
    await signsLogins(proc.url, org);

    // an installation from before this change: an SP key stored unencrypted
    const legacy = await createOrg(t);
    await connectIdp(t, legacy, idp, withKey);
    await query('update saml_connections set sp_private_key = $1 where organization_id = $2', [spKeys.privateKeyPem, legacy.id]);
    assert.match(await stored(legacy), /BEGIN PRIVATE KEY/);
    assert.equal(await proc.stop(), 0);

    proc = await spawnServer(env);
    // the restarted process serves the same data (read below through the database and the SAML endpoints)
    assert.equal(readFileSync(keyFile, 'utf8'), key, 'the same key, not a new one');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(await stored(org), sealed, 'left as it was: already sealed with the current key');
    await signsLogins(proc.url, org);
    assertSealed(await stored(legacy), keyId);
    assert.match(proc.output(), /SP private keys sealed with the current SECRETS_KEY[^\n]*"count":1/);
    await signsLogins(proc.url, legacy);
    assert.equal(await proc.stop(), 0);
  });
});

describe('DATABASE_URL without SECRETS_KEY', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  after(async () => db?.drop());
  const adminKey = `test-admin-${randomBytes(16).toString('hex')}`;

  test('NODE_ENV=production: the start is refused (exit 1) with a message naming SECRETS_KEY', async () => {
    db = await createTestDatabase();
    const err = await spawnServer({ DATABASE_URL: db.url, ADMIN_API_KEY: adminKey, SECRETS_KEY: undefined, NODE_ENV: 'production' }).then(
      async (proc) => {
        await proc.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    assert.ok(err, 'the server started');
    assert.match(err.message, /server process exited with 1:/);
    assert.match(err.message, /"level":"error","msg":"start refused: SECRETS_KEY is not set: with NODE_ENV=production and DATABASE_URL/);
  });

  test('NODE_ENV=production with SECRETS_KEY starts; without NODE_ENV=production the start warns and goes on', async () => {
    db ??= await createTestDatabase();
    const sealed = await spawnServer({
      DATABASE_URL: db.url,
      ADMIN_API_KEY: adminKey,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      NODE_ENV: 'production',
    });
    try {
      assert.doesNotMatch(sealed.output(), /SECRETS_KEY is not set/);
    } finally {
      assert.equal(await sealed.stop(), 0);
    }
    const plain = await spawnServer({ DATABASE_URL: db.url, ADMIN_API_KEY: adminKey, SECRETS_KEY: undefined, NODE_ENV: undefined });
    try {
      assert.match(plain.output(), UNENCRYPTED_WARNING);
    } finally {
      assert.equal(await plain.stop(), 0);
    }
  });
});

describe('secretsKeysAtStart', () => {
  const log = createLogger('silent');
  const K = 'configured-secrets-key-0123456789abcdef';
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'idm-secrets-unit-'));
    dirs.push(d);
    return d;
  };

  test('embedded: generated once into a new DATA_DIR (mode 0600), then read back', () => {
    const dir = path.join(dataDir(), 'not-yet-created');
    const [generated, ...rest] = secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, 'production', log);
    assert.equal(rest.length, 0);
    assert.ok(generated && generated.length >= 32);
    assert.equal(statSync(path.join(dir, SECRETS_KEY_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, undefined, log), [generated]);
  });

  test('embedded with SECRETS_KEY: it seals; a generated key still opens (what it sealed is resealed); none is created', () => {
    const dir = dataDir();
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [K], databaseUrl: undefined, dataDir: dir }, undefined, log), [K]);
    assert.ok(!existsSync(path.join(dir, SECRETS_KEY_FILE)));
    const [generated] = secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, undefined, log);
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [K], databaseUrl: undefined, dataDir: dir }, undefined, log), [K, generated]);
  });

  test('a key file readable by others is made 0600; an unusable one is refused, never replaced', () => {
    const dir = dataDir();
    const file = path.join(dir, SECRETS_KEY_FILE);
    const [generated] = secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, undefined, log);
    chmodSync(file, 0o644);
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, undefined, log), [generated]);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    writeFileSync(file, 'short\n');
    assert.throws(
      () => secretsKeysAtStart({ secretsKeys: [], databaseUrl: undefined, dataDir: dir }, undefined, log),
      (e: unknown) => e instanceof SecretsKeyError && e.message.includes('SECRETS_KEY'),
    );
    assert.equal(readFileSync(file, 'utf8'), 'short\n');
  });

  test('DATABASE_URL: SECRETS_KEY as given; none refused only under NODE_ENV=production; DATA_DIR is not touched', () => {
    const dir = dataDir();
    const url = 'postgresql://db.internal/identity';
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [K], databaseUrl: url, dataDir: dir }, 'production', log), [K]);
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [], databaseUrl: url, dataDir: dir }, undefined, log), []);
    assert.deepEqual(secretsKeysAtStart({ secretsKeys: [], databaseUrl: url, dataDir: dir }, 'development', log), []);
    assert.throws(
      () => secretsKeysAtStart({ secretsKeys: [], databaseUrl: url, dataDir: dir }, 'production', log),
      (e: unknown) => e instanceof SecretsKeyError && /^SECRETS_KEY is not set/.test(e.message),
    );
    assert.ok(!existsSync(path.join(dir, SECRETS_KEY_FILE)));
  });
});

describe('stored secrets SECRETS_KEY does not open: a wrong key stops the start, one unreadable secret does not', () => {
  const K1 = 'first-secrets-key-0123456789abcdefghij';
  const K2 = 'second-secrets-key-0123456789abcdefghij';
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  const withKey = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true };
  /** A value sealed with a key no configuration holds (key id `zzzzzzzz`): what another instance's wrong SECRETS_KEY wrote. */
  const FOREIGN = 'enc:v1:zzzzzzzz:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer | undefined;
  let adminKey: string | undefined;
  let org: OrgFixture;
  let other: OrgFixture;
  after(async () => {
    await t?.stop();
    await db?.drop();
  });
  const start = async (env: Record<string, string>) => {
    await t?.stop();
    t = undefined;
    t = await startTestServer({ databaseUrl: db.url, ...(adminKey ? { adminKey } : {}), env });
    adminKey = t.adminKey;
    return t;
  };
  const query = async (text: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(text, values)).rows as Array<Record<string, string>>;
    } finally {
      await c.end();
    }
  };
  const loginStatus = async (server: TestServer, o: OrgFixture) => (await fetch(`${server.url}/saml/${o.slug}/login`, { redirect: 'manual' })).status;

  test('SECRETS_KEY holding none of the keys the stored secrets are sealed with (a rotation that dropped the old key): the start is refused, naming the key ids, and nothing is changed', async () => {
    db = await createTestDatabase();
    let s = await start({ SECRETS_KEY: K1 });
    org = await createOrg(s);
    other = await createOrg(s);
    await connectIdp(s, org, idp, withKey);
    await connectIdp(s, other, idp, withKey);
    await t!.stop();
    t = undefined;
    const before = await query('select sp_private_key from saml_connections order by organization_id');
    for (const env of [{ SECRETS_KEY: K2 }, {}] as Array<Record<string, string>>) {
      const err = await start(env).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(err, `the start went on with ${JSON.stringify(env)}`);
      assert.ok(err instanceof SecretsKeyError, String(err));
      assert.match(err.message, /SECRETS_KEY holds none of the keys the stored secrets are sealed with \([A-Za-z0-9_-]{8}; /);
    }
    // the process: exit 1 with the reason, as for a missing SECRETS_KEY under NODE_ENV=production
    const spawned = await spawnServer({ DATABASE_URL: db.url, ADMIN_API_KEY: adminKey!, SECRETS_KEY: K2 }).then(
      async (proc) => {
        await proc.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    assert.ok(spawned, 'the server process started');
    assert.match(spawned.message, /server process exited with 1:/);
    assert.match(spawned.message, /"level":"error","msg":"start refused: SECRETS_KEY holds none of the keys the stored secrets are sealed with/);
    assert.deepEqual(await query('select sp_private_key from saml_connections order by organization_id'), before, 'nothing resealed or replaced');
    s = await start({ SECRETS_KEY: K1 });
    assert.equal(await loginStatus(s, org), 302);
  });

  test("one secret sealed with a key SECRETS_KEY does not hold (an SP key, an OpenID Connect signing key): the start goes on and says which; the others' sign-ins work", async () => {
    let s = await start({ SECRETS_KEY: K1 });
    assert.equal((await fetch(`${s.url}/oidc/jwks`)).status, 200, 'the first OpenID Connect signing keys are made');
    await t!.stop();
    t = undefined;
    await query('update saml_connections set sp_private_key = $1 where organization_id = $2', [FOREIGN, other.id]);
    await query(`update oidc_signing_keys set private_jwk = $1 where state = 'NEXT'`, [FOREIGN]);
    const logs = captureLogs();
    try {
      s = await start({ SECRETS_KEY: K1, LOG_LEVEL: 'info' });
      const errors = logs.all().filter((l) => l.level === 'error');
      const sp = errors.find((l) => String(l.msg).startsWith('stored SP private keys are sealed with a key SECRETS_KEY does not hold'));
      assert.equal(sp?.count, 1, JSON.stringify(errors));
      const oidc = errors.find((l) => String(l.msg).startsWith('OpenID Connect signing keys are sealed with a key SECRETS_KEY does not hold'));
      assert.equal(oidc?.count, 1, JSON.stringify(errors));
      assert.equal(await loginStatus(s, org), 302, 'the organizations whose keys open sign in');
      assert.equal(await loginStatus(s, other), 500, 'the one whose key does not, fails');
      // a platform key: the OpenID Connect provider leaves it out and serves with the others (test/oidc/signing-key-unreadable.test.ts)
      const jwks = await fetch(`${s.url}/oidc/jwks`);
      assert.equal(jwks.status, 200);
      assert.deepEqual(
        ((await jwks.json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid),
        (await query(`select kid from oidc_signing_keys where state = 'CURRENT'`)).map((r) => r.kid),
      );
    } finally {
      logs.restore();
    }
  });
});

describe('rotating SECRETS_KEY across running instances (docs/DEPLOYMENT.md, Environment)', () => {
  const OLD = 'old-secrets-key-0123456789abcdefghijklm';
  const NEW = 'new-secrets-key-0123456789abcdefghijklm';
  const adminKey = `test-admin-${randomBytes(16).toString('hex')}`;
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const procs: ServerProcess[] = [];
  after(async () => {
    for (const p of procs) await p.stop();
    await db?.drop();
  });
  const instance = async (secretsKey: string) => {
    const p = await spawnServer({ DATABASE_URL: db!.url, ADMIN_API_KEY: adminKey, SECRETS_KEY: secretsKey, SAML_RATE_LIMIT: '0' });
    procs.push(p);
    return p;
  };
  const stop = async (p: ServerProcess) => {
    procs.splice(procs.indexOf(p), 1);
    assert.equal(await p.stop(), 0);
  };
  /** 302 to the IdP with a signed AuthnRequest: the instance opened the organization's SP key. */
  const signs = async (p: ServerProcess, org: OrgFixture) => (await fetch(`${p.url}/saml/${org.slug}/login`, { redirect: 'manual' })).status;

  test('"old,new", then "new,old", then "new": at every step each running instance opens what the others sealed', async () => {
    db = await createTestDatabase();
    const a = await instance(OLD);
    const t = overProcess(a, adminKey, db.url);
    const org = await createOrg(t);
    await connectIdp(t, org, new TestIdp(), { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true });
    // step 1: the new key second (it opens, it does not seal yet); the old instance runs on meanwhile
    const b = await instance(`${OLD},${NEW}`);
    assert.deepEqual([await signs(a, org), await signs(b, org)], [302, 302]);
    await stop(a);
    // step 2: the new key first; its start reseals with it, and the instance still on step 1 opens that
    const c = await instance(`${NEW},${OLD}`);
    assert.deepEqual([await signs(b, org), await signs(c, org)], [302, 302], 'an instance with the old key alone got 500 here');
    await stop(b);
    // step 3, once every instance runs step 2 and one has restarted since: the old key goes
    const d = await instance(NEW);
    assert.deepEqual([await signs(c, org), await signs(d, org)], [302, 302]);
  });
});

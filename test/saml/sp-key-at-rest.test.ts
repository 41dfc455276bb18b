/**
 * SAML SP private keys at rest: sealed with AES-256-GCM under SECRETS_KEY, brought to the current key
 * at every start (plaintext sealed, older keys rotated); a start whose SECRETS_KEY opens none of
 * them is refused with a clear message. README §Configuration, docs/SAML.md.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVerify } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, startLogin } from '../helpers/saml-sp.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const K1 = 'first-secrets-key-0123456789abcdefghij';
const K2 = 'second-secrets-key-0123456789abcdefghij';

describe('SP private keys sealed with SECRETS_KEY', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer | undefined;
  let adminKey: string;
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  let sealedOrg: OrgFixture;
  let plainOrg: OrgFixture;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await t?.stop();
    await db.drop();
  });

  const start = async (env: Record<string, string>) => {
    await t?.stop();
    t = await startTestServer({ databaseUrl: db.url, adminKey, env });
    adminKey = t.adminKey;
    return t;
  };
  const stored = async (org: OrgFixture): Promise<string> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query('select sp_private_key from saml_connections where organization_id = $1', [org.id])).rows[0].sp_private_key;
    } finally {
      await c.end();
    }
  };
  /** A signed AuthnRequest whose signature verifies with the SP certificate: the key was readable. */
  const signsLogins = async (server: TestServer, org: OrgFixture) => {
    const login = await startLogin(server.url, org.slug);
    const raw = login.http.location!.slice(login.http.location!.indexOf('?') + 1);
    const at = raw.indexOf('&Signature=');
    assert.ok(at > 0, 'the AuthnRequest is signed');
    assert.ok(
      createVerify('RSA-SHA256')
        .update(raw.slice(0, at))
        .verify(spKeys.certificatePem, decodeURIComponent(raw.slice(at + 11)), 'base64'),
    );
  };
  const withKey = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true };

  test('without SECRETS_KEY the key is stored as given; with it, a new key is sealed and never appears in the database', async () => {
    let s = await start({});
    plainOrg = await createOrg(s);
    await connectIdp(s, plainOrg, idp, withKey);
    assert.match(await stored(plainOrg), /^-----BEGIN PRIVATE KEY-----/);

    s = await start({ SECRETS_KEY: K1 });
    sealedOrg = await createOrg(s);
    await connectIdp(s, sealedOrg, idp, withKey);
    const value = await stored(sealedOrg);
    assert.match(value, /^enc:v1:[A-Za-z0-9_-]{8}:/);
    assert.ok(!value.includes('PRIVATE KEY') && !value.includes(spKeys.privateKeyPem.split('\n')[1]!.slice(0, 20)), 'no plaintext');
    await signsLogins(s, sealedOrg);
    // the start sealed the key that was stored in plaintext before
    assert.match(await stored(plainOrg), /^enc:v1:/);
    await signsLogins(s, plainOrg);
  });

  test('without the key that sealed them, the start is refused naming the key, and the stored keys are left as they were', async () => {
    // (one organization's key that does not open beside others that do only logs an error:
    // test/server/secrets-key.test.ts)
    const before = await stored(sealedOrg);
    await t?.stop();
    t = undefined;
    const err = await startTestServer({ databaseUrl: db.url, adminKey, env: {} }).then(
      async (s) => {
        await s.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    assert.ok(err, 'the start went on');
    assert.match(err.message, /^SECRETS_KEY holds none of the keys the stored secrets are sealed with \([A-Za-z0-9_-]{8}; SECRETS_KEY is not set\)/);
    assert.equal(await stored(sealedOrg), before, 'left as it was');
  });

  test('rotation: with SECRETS_KEY="new,old" the start reseals every key with the new one; then the old one can go', async () => {
    const before = await stored(sealedOrg);
    let s = await start({ SECRETS_KEY: `${K2},${K1}` });
    const after = await stored(sealedOrg);
    assert.match(after, /^enc:v1:/);
    assert.notEqual(after.split(':')[2], before.split(':')[2], 'sealed with another key id');
    await signsLogins(s, sealedOrg);
    s = await start({ SECRETS_KEY: K2 });
    await signsLogins(s, sealedOrg);
    await signsLogins(s, plainOrg);
  });
});

describe('SECRETS_KEY configuration', () => {
  test('keys shorter than 32 characters are refused; a comma-separated list is read in order', () => {
    assert.throws(
      () => loadConfig({ SECRETS_KEY: 'short' }),
      (e: unknown) => e instanceof ConfigError && /SECRETS_KEY: key 1 is 5 characters long/.test(e.message),
    );
    assert.deepEqual(loadConfig({ SECRETS_KEY: ` ${K2} , ${K1} ` }).secretsKeys, [K2, K1]);
    assert.deepEqual(loadConfig({}).secretsKeys, []);
  });
});

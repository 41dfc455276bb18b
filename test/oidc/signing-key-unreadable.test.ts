/**
 * An OpenID Connect signing key that SECRETS_KEY does not open (sealed with a key no longer listed,
 * or written by an instance with another key) must not take the provider down: it is left out of the
 * JWKS and signs nothing, the readable keys go on (docs/OIDC.md "Signing keys"). The start names it
 * once; a host application (openid-client) signs in and verifies ID and logout tokens as before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createTestDatabase, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';
import { captureLogs } from '../helpers/log-capture.js';

const K1 = 'first-secrets-key-0123456789abcdefghij';
/** A value sealed with a key no configuration holds (key id `zzzzzzzz`), as in test/server/secrets-key.test.ts. */
const FOREIGN = 'enc:v1:zzzzzzzz:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA';
const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const UNREADABLE_LOG = 'OpenID Connect signing keys are sealed with a key SECRETS_KEY does not hold';

describe('an OpenID Connect signing key SECRETS_KEY does not open', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer | undefined;
  let t2: TestServer | undefined;
  let adminKey: string;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp;
  let spOrigin: string;
  let userId: string;
  let clientId: string;
  let clientSecret: string;
  let redirectUri: string;
  const idp = new TestIdp();
  // an SP key sealed beside the signing keys: a start that opens it is not refused when it opens no signing key
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const keys = () =>
    query<{ kid: string; state: string; private_jwk: string; retire_in: number | null }>(
      `select kid, state, private_jwk, extract(epoch from retire_at - now())::int as retire_in from oidc_signing_keys order by created_at, kid`,
    );
  const start = async (env: Record<string, string> = {}) => {
    await t?.stop();
    t = undefined;
    t = await startTestServer({ databaseUrl: db.url, adminKey, env: { SECRETS_KEY: K1, WEBHOOK_ALLOW_INSECURE_URLS: 'true', ...env } });
    return t;
  };
  const jwks = async (s: TestServer) => {
    const r = await fetch(`${s.url}/oidc/jwks`);
    assert.equal(r.status, 200, await r.clone().text());
    return ((await r.json()) as { keys: Array<{ kid: string; d?: string }> }).keys;
  };
  /** A sign-in of the host application through openid-client; the ID token verified against the published JWKS. */
  const signIn = async (s: TestServer) => {
    const issuer = `${s.url}/oidc`;
    const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      organization: org.slug,
    });
    // the SP's URLs follow the origin of the server (no PUBLIC_URL), which moves with each start
    const here = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, v.replace(spOrigin, s.url)])) as unknown as Sp;
    const step = await new Browser().signIn(url.href, { idp, sp: here, nameId: 'ada@acme.example', redirectUri });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 300)}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()!.sub, userId);
    const { protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer,
      audience: clientId,
    });
    assert.equal(decodeProtectedHeader(tokens.id_token!).kid, protectedHeader.kid);
    return { kid: protectedHeader.kid!, config, tokens };
  };

  before(async () => {
    db = await createTestDatabase();
    app = new HostApp();
    await app.start();
    adminKey = `test-admin-${Date.now()}`;
    const s = await start();
    org = await createOrg(s);
    sp = await connectIdp(s, org, idp, { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true });
    spOrigin = s.url;
    userId = (await createUser(s, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    redirectUri = `${app.url}/cb`;
    const created = (
      await s.gql<any, any>(CREATE_CLIENT, {
        input: { name: 'Host App', redirectUris: [redirectUri], backchannelLogoutUri: `${app.url}/backchannel` },
      })
    ).createOidcClient;
    clientId = created.clientId;
    clientSecret = created.clientSecret;
    assert.equal((await jwks(s)).length, 2, 'the first CURRENT and NEXT keys are made');
  });
  after(async () => {
    await t?.stop();
    await t2?.stop();
    await app?.stop();
    await db?.drop();
  });

  test('the CURRENT key unreadable: the start names it once; it is left out of the JWKS and the NEXT key signs ID tokens and logout tokens; nothing stored changes', async () => {
    await t!.stop();
    t = undefined;
    const [current] = (await keys()).filter((k) => k.state === 'CURRENT');
    const [next] = (await keys()).filter((k) => k.state === 'NEXT');
    await query(`update oidc_signing_keys set private_jwk = $1 where kid = $2`, [FOREIGN, current!.kid]);
    const stored = await keys();
    const logs = captureLogs();
    try {
      const s = await start({ LOG_LEVEL: 'info' });
      const published = await jwks(s);
      assert.deepEqual(
        published.map((k) => k.kid),
        [next!.kid],
        'the unreadable key is not published, the readable one is',
      );
      assert.ok(published.every((k) => k.d === undefined));
      const { kid, config } = await signIn(s);
      assert.equal(kid, next!.kid, 'the newest readable key signs');
      // back-channel logout: the worker signs with the same key, the host application verifies it
      app.logoutTokens.length = 0;
      const res = await fetch(`${s.url}/scim/v2/Users/${userId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }),
      });
      assert.equal(res.status, 200, await res.text());
      const token = await app.nextLogoutToken();
      const { protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
        issuer: `${s.url}/oidc`,
        audience: clientId,
        typ: 'logout+jwt',
      });
      assert.equal(protectedHeader.kid, next!.kid);
      await fetch(`${s.url}/scim/v2/Users/${userId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] }),
      });
      const errors = logs.all().filter((l) => JSON.stringify(l).includes(current!.kid));
      assert.equal(errors.length, 1, `one line per start, not per request: ${JSON.stringify(errors)}`);
      assert.match(String(errors[0]!.msg), new RegExp(`^${UNREADABLE_LOG}`));
      assert.equal(errors[0]!.level, 'error');
      assert.deepEqual(errors[0]!.kids, [current!.kid], 'the line names the key');
      assert.deepEqual(errors[0]!.sealedWith, ['zzzzzzzz'], 'and the key that sealed it');
      assert.deepEqual(await keys(), stored, 'an instance that cannot read a key leaves the stored keys as they are');
    } finally {
      logs.restore();
    }
  });

  test('neither CURRENT nor NEXT readable: two instances asked together replace them once (new keys sealed with SECRETS_KEY, the old ones RETIRED), and sign-ins work', async () => {
    await t!.stop();
    t = undefined;
    await query(`update oidc_signing_keys set private_jwk = $1`, [FOREIGN]);
    const old = await keys();
    const s = await start();
    t2 = await startTestServer({ databaseUrl: db.url, adminKey, env: { SECRETS_KEY: K1, WEBHOOK_ALLOW_INSECURE_URLS: 'true' } });
    const [a, b] = await Promise.all([jwks(s), jwks(t2)]);
    const after = await keys();
    const made = after.filter((k) => !old.some((o) => o.kid === k.kid));
    assert.deepEqual(
      made.map((k) => k.state).sort(),
      ['CURRENT', 'NEXT'],
      `one new CURRENT and one new NEXT: ${JSON.stringify(after.map((k) => [k.kid, k.state]))}`,
    );
    for (const k of made) assert.match(k.private_jwk, /^enc:v1:/, 'sealed with SECRETS_KEY');
    for (const o of old) {
      const now = after.find((k) => k.kid === o.kid)!;
      assert.equal(now.state, 'RETIRED', `${o.kid} was ${o.state}`);
      assert.equal(now.private_jwk, FOREIGN, 'kept for the instances that can open it');
      assert.ok(now.retire_in! > 3600, 'published a day by the instances that can open it');
    }
    const current = made.find((k) => k.state === 'CURRENT')!.kid;
    const nextKid = made.find((k) => k.state === 'NEXT')!.kid;
    assert.deepEqual(
      a.map((k) => k.kid),
      [current, nextKid],
    );
    assert.deepEqual(
      b.map((k) => k.kid),
      [current, nextKid],
    );
    const events = await query<{ data: Record<string, unknown> }>(`select data from events where type = 'OIDC_SIGNING_KEYS_ROTATED'`);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.data.current, current);
    assert.equal(events[0]!.data.next, nextKid);
    assert.equal(events[0]!.data.retired, old.find((k) => k.state === 'CURRENT')!.kid);
    assert.deepEqual((events[0]!.data.unreadable as string[]).sort(), old.map((k) => k.kid).sort());
    assert.equal((await signIn(s)).kid, current);
    await t2.stop();
    t2 = undefined;
  });
});

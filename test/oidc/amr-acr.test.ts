/**
 * `acr` and `amr` from the SAML AuthnContext (docs/OIDC.md "Claims"): the assertion's
 * AuthnContextClassRef is kept with the session the sign-in opens and reaches the ID token, which
 * openid-client validates, as `acr` unchanged and `amr` mapped to RFC 8176 values
 * (src/core/authn-context.ts); a refresh keeps them; `acr_values` in the request does not get in
 * the way.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const MFA = 'http://schemas.microsoft.com/claims/multipleauthn';
const PPT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

describe('acr and amr from the SAML AuthnContextClassRef, in ID tokens validated by openid-client', () => {
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  let userId: string;
  let redirectUri: string;
  let config: client.Configuration;

  before(async () => {
    app = new HostApp();
    await app.start();
    t = await startTestServer();
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    userId = (await createUser(t, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    redirectUri = `${app.url}/cb`;
    const created = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [redirectUri] } })).createOidcClient;
    config = await client.discovery(new URL(`${t.url}/oidc`), created.clientId, created.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await t?.stop();
    await app?.stop();
  });

  async function signIn(classRef: string | null, params: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
      organization: org.slug,
      ...params,
    });
    const step = await new Browser().signIn(url.href, { idp, sp, nameId: 'ada@acme.example', redirectUri, response: { authnContextClassRef: classRef } });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 300)}`);
    return client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
  }

  test('discovery lists acr and amr among the supported claims', () => {
    const supported = config.serverMetadata().claims_supported ?? [];
    assert.ok(supported.includes('acr') && supported.includes('amr'), JSON.stringify(supported));
  });

  test("Entra's multipleauthn: acr is the class ref, amr is [mfa]; the session keeps the class ref; a refresh keeps both", async () => {
    const tokens = await signIn(MFA);
    const claims = tokens.claims()!;
    assert.equal(claims.sub, userId);
    assert.equal(claims.acr, MFA);
    assert.deepEqual(claims.amr, ['mfa']);
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      const rows = (await c.query<{ ref: string }>('select authn_context_class_ref as ref from sessions where user_id = $1', [userId])).rows;
      assert.ok(rows.some((r) => r.ref === MFA));
    } finally {
      await c.end();
    }
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    const again = refreshed.claims()!;
    assert.equal(again.acr, MFA);
    assert.deepEqual(again.amr, ['mfa']);
  });

  test('PasswordProtectedTransport is pwd', async () => {
    const claims = (await signIn(PPT)).claims()!;
    assert.equal(claims.acr, PPT);
    assert.deepEqual(claims.amr, ['pwd']);
  });

  test('an unknown class ref is passed on as acr with amr [saml]; none at all gives no acr and amr [saml]', async () => {
    const unknown = (await signIn('urn:example:ac:classes:Fingerprint')).claims()!;
    assert.equal(unknown.acr, 'urn:example:ac:classes:Fingerprint');
    assert.deepEqual(unknown.amr, ['saml']);
    const none = (await signIn(null)).claims()!;
    assert.equal(none.acr, undefined);
    assert.deepEqual(none.amr, ['saml']);
  });

  test('acr_values in the request (voluntary) does not get in the way: the ID token reports the class the IdP used', async () => {
    const claims = (await signIn(PPT, { acr_values: MFA })).claims()!;
    assert.equal(claims.acr, PPT);
    assert.deepEqual(claims.amr, ['pwd']);
  });

  test('userinfo does not carry acr or amr (they describe the login, not the person)', async () => {
    const tokens = await signIn(MFA);
    const info = await client.fetchUserInfo(config, tokens.access_token, userId);
    assert.equal(info.acr, undefined);
    assert.equal(info.amr, undefined);
  });
});

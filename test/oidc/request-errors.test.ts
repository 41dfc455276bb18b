/**
 * Client input the provider cannot store or look up answers with the standard OAuth error, never a
 * 500: a NUL character (`%00`) in a parameter of the authorization, token, revocation or end-session
 * endpoint, or on the work-email page (docs/OIDC.md "Endpoints"; PostgreSQL stores no NUL in text);
 * a token longer than any the store holds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;

describe('OpenID Connect: a NUL character in a parameter is a client error', () => {
  let t: TestServer;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  let config: client.Configuration;
  let clientId: string;
  let clientSecret: string;
  const redirectUri = 'http://127.0.0.1:9/cb';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    await createUser(t, org, { userName: 'ada@acme.example' });
    const c = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host', redirectUris: [redirectUri], postLogoutRedirectUris: [redirectUri] } }))
      .createOidcClient;
    clientId = c.clientId;
    clientSecret = c.clientSecret;
    config = await client.discovery(new URL(`${t.url}/oidc`), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await t?.stop();
  });

  /** The authorization URL with `extra` (raw, already percent-encoded) appended. */
  const authUrl = (extra: string, base: Record<string, string> = {}) =>
    `${config.serverMetadata().authorization_endpoint}?${new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...base,
    })}&${extra}`;

  /** The error the authorization endpoint sent back to the redirect URI. */
  const redirectedError = (step: { status: number; location: string | null; text: string }) => {
    assert.ok(step.location?.startsWith(redirectUri), `redirected to the client, not ${step.status} ${step.location} ${step.text.slice(0, 200)}`);
    return new URL(step.location!).searchParams;
  };

  test('authorization: organization, login_hint or state with a NUL is invalid_request at the redirect URI', async () => {
    for (const extra of ['organization=a%00b', 'login_hint=ada@acme%00.example', 'state=a%00b&organization=' + org.slug, 'nonce=n%00']) {
      const step = await new Browser().request(authUrl(extra, extra.startsWith('state') ? {} : { state: 'st' }));
      const params = redirectedError(step);
      assert.equal(params.get('error'), 'invalid_request', extra);
      assert.match(params.get('error_description') ?? '', /^parameter (organization|login_hint|state|nonce) contains a NUL character/, extra);
    }
  });

  test('authorization with a provider session: an organization with a NUL is invalid_request too', async () => {
    const browser = new Browser();
    const step = await browser.signIn(authUrl(`organization=${org.slug}`, { state: 'st' }), { idp, sp, nameId: 'ada@acme.example', redirectUri });
    assert.ok(new URL(step.location!).searchParams.get('code'), 'signed in');
    const again = await browser.request(authUrl('organization=a%00b', { state: 'st' }));
    assert.equal(redirectedError(again).get('error'), 'invalid_request');
  });

  test('authorization and end session with a client_id holding a NUL: 400, no 500', async () => {
    const auth = await new Browser().request(
      `${config.serverMetadata().authorization_endpoint}?client_id=a%00b&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
    assert.equal(auth.status, 400, auth.text.slice(0, 300));
    assert.match(auth.text, /invalid_client/);
    const end = await new Browser().request(`${config.serverMetadata().end_session_endpoint}?client_id=a%00b`);
    assert.equal(end.status, 400, end.text.slice(0, 300));
  });

  test('token and revocation: a code, refresh token, client_id or token with a NUL gets the OAuth error', async () => {
    const post = (path: string, body: string, auth = true) =>
      fetch(`${t.url}/oidc${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(auth ? { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` } : {}),
        },
        body,
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const code = await post(
      '/token',
      `grant_type=authorization_code&code=ab%00c&redirect_uri=${encodeURIComponent(redirectUri)}&code_verifier=${'v'.repeat(43)}`,
    );
    assert.deepEqual([code.status, JSON.parse(code.text).error], [400, 'invalid_grant'], code.text);
    const refresh = await post('/token', 'grant_type=refresh_token&refresh_token=ab%00c');
    assert.deepEqual([refresh.status, JSON.parse(refresh.text).error], [400, 'invalid_grant'], refresh.text);
    const unknownClient = await post('/token', 'grant_type=refresh_token&refresh_token=x&client_id=a%00b&client_secret=s', false);
    assert.deepEqual([unknownClient.status, JSON.parse(unknownClient.text).error], [401, 'invalid_client'], unknownClient.text);
    const revoke = await post('/token/revocation', 'token=ab%00c');
    assert.equal(revoke.status, 200, revoke.text);
  });

  test('a token longer than any stored one (a code, refresh token, access token at userinfo or revocation): the OAuth error, not a 500', async () => {
    const long = 'x'.repeat(600); // the store's ids are at most 512 characters
    const post = (path: string, body: string) =>
      fetch(`${t.url}/oidc${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        },
        body,
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const code = await post(
      '/token',
      `grant_type=authorization_code&code=${long}&redirect_uri=${encodeURIComponent(redirectUri)}&code_verifier=${'v'.repeat(43)}`,
    );
    assert.deepEqual([code.status, JSON.parse(code.text).error], [400, 'invalid_grant'], code.text);
    const refresh = await post('/token', `grant_type=refresh_token&refresh_token=${long}`);
    assert.deepEqual([refresh.status, JSON.parse(refresh.text).error], [400, 'invalid_grant'], refresh.text);
    const revoke = await post('/token/revocation', `token=${long}`);
    assert.equal(revoke.status, 200, revoke.text);
    const me = await fetch(`${t.url}/oidc/me`, { headers: { authorization: `Bearer ${long}` } });
    assert.equal(me.status, 401, await me.clone().text());
    assert.equal(((await me.json()) as { error: string }).error, 'invalid_token');
  });

  test('the work-email page: an address with a NUL is asked for again (400), not a 500', async () => {
    const browser = new Browser();
    const start = await browser.request(authUrl('state=st'));
    const interaction = start.location!;
    assert.match(interaction, /\/oidc\/interaction\//);
    assert.equal((await browser.request(interaction)).status, 200);
    const posted = await browser.request(`${interaction}/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ada@acme%00.example',
    });
    assert.equal(posted.status, 400, posted.text.slice(0, 300));
    assert.match(posted.text, /Enter your work email address/);
  });
});

/**
 * The OpenID Connect provider end to end (docs/OIDC.md): a host application using openid-client 6
 * as the relying party, the organization's SAML IdP (TestIdp) behind it. Discovery, code + PKCE, the
 * ID token validated by the library, userinfo, refresh; a SCIM deactivation that delivers a
 * back-channel logout token the host app verifies against the published JWKS; cross-organization
 * isolation; and the standard OAuth errors with nothing issued.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret client { id name public redirectUris backchannelLogoutUri } } }`;
const ADD_DOMAIN = `mutation($org: ID!, $domain: String!) { addOrganizationDomain(organizationId: $org, domain: $domain) { id domain verified dnsRecordName dnsRecordValue } }`;
const VERIFY_DOMAIN = `mutation($org: ID!, $id: ID!) { verifyOrganizationDomain(organizationId: $org, id: $id) { id verified } }`;

describe('OpenID Connect provider over SAML, with openid-client as the host application', () => {
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let sp: Sp;
  let otherSp: Sp;
  const idp = new TestIdp();
  const otherIdp = new TestIdp({ entityId: 'http://www.okta.com/exk2other', ssoUrl: 'https://other.okta.example/sso/saml' });
  let userId: string;
  let clientId: string;
  let clientSecret: string;
  let redirectUri: string;
  let issuer: string;
  let config: client.Configuration;

  const db = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      return (await c.query<T>(text, params)).rows;
    } finally {
      await c.end();
    }
  };
  const issued = async () =>
    (await db<{ n: number }>(`select count(*)::int as n from oidc_payloads where model in ('AccessToken', 'RefreshToken', 'AuthorizationCode')`))[0]!.n;

  before(async () => {
    app = new HostApp();
    await app.start();
    t = await startTestServer({ env: { WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_RETRY_BASE_MS: '200' } });
    org = await createOrg(t);
    other = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    otherSp = await connectIdp(t, other, otherIdp);
    userId = (
      await createUser(t, org, {
        userName: 'ada@acme.example',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        emails: [{ value: 'ada@acme.example', primary: true }],
      })
    ).id;
    await createUser(t, other, { userName: 'mallory@other.example', emails: [{ value: 'mallory@other.example', primary: true }] });
    const domain = (await t.gql<any, any>(ADD_DOMAIN, { org: org.id, domain: 'Acme.Example' }, org.key)).addOrganizationDomain;
    assert.equal(domain.domain, 'acme.example');
    assert.equal(domain.dnsRecordName, '_idm-verification.acme.example');
    assert.equal(
      (await t.raw<any, any>(VERIFY_DOMAIN, { org: org.id, id: domain.id }, org.key)).errors?.[0]?.extensions?.code,
      'FORBIDDEN',
      'an organization cannot verify its own claim',
    );
    await t.gql(VERIFY_DOMAIN, { org: org.id, id: domain.id });
    redirectUri = `${app.url}/cb`;
    const created = (
      await t.gql<any, any>(CREATE_CLIENT, {
        input: { name: 'Host App', redirectUris: [redirectUri], postLogoutRedirectUris: [`${app.url}/bye`], backchannelLogoutUri: `${app.url}/backchannel` },
      })
    ).createOidcClient;
    clientId = created.clientId;
    clientSecret = created.clientSecret;
    assert.match(clientSecret, /^oidc_/);
    const stored = await db<{ secret_hash: string }>('select secret_hash from oidc_clients where id = $1', [clientId]);
    assert.notEqual(stored[0]!.secret_hash, clientSecret, 'the secret is stored hashed');
    issuer = `${t.url}/oidc`;
    config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await t?.stop();
    await app?.stop();
  });

  async function authorize(browser: Browser, params: Record<string, string>, nameId = 'ada@acme.example', who = { idp, sp }) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile organization offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'consent',
      ...params,
    });
    const step = await browser.signIn(url.href, { ...who, nameId, redirectUri });
    return { step, verifier, state };
  }

  test('discovery names the issuer, the endpoints, code flow with S256, back-channel logout and our scopes', () => {
    const m = config.serverMetadata();
    assert.equal(m.issuer, issuer);
    assert.equal(m.jwks_uri, `${issuer}/jwks`);
    assert.deepEqual(m.code_challenge_methods_supported, ['S256']);
    assert.equal(m.backchannel_logout_supported, true);
    assert.ok(m.end_session_endpoint);
    for (const s of ['openid', 'email', 'profile', 'organization']) assert.ok(m.scopes_supported?.includes(s), s);
  });

  test('code + PKCE through the SAML sign-in: ID token validated by openid-client, userinfo, refresh, and the sign-in event names the client', async () => {
    const browser = new Browser();
    const { step, verifier, state } = await authorize(browser, { organization: org.slug });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 300)}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, userId);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.email, 'ada@acme.example');
    assert.equal(claims.email_verified, true, 'the address is in a verified domain of the organization');
    assert.equal(claims.org_slug, org.slug);
    assert.equal(claims.org_id, org.id);
    assert.equal(claims.preferred_username, 'ada@acme.example');
    const info = await client.fetchUserInfo(config, tokens.access_token, userId);
    assert.equal(info.given_name, 'Ada');
    assert.equal(info.family_name, 'Lovelace');
    assert.deepEqual(info.roles, ['MEMBER']);
    assert.ok(Array.isArray(info.groups));
    assert.ok(tokens.refresh_token, 'offline_access with prompt=consent gives a refresh token');
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    const events = await db<{ type: string; data: Record<string, unknown> }>(
      `select type, data from events where organization_id = $1 and type = 'OIDC_SIGNED_IN' and subject_id = $2`,
      [org.id, userId],
    );
    assert.equal(events[0]?.data.clientName, 'Host App');
  });

  test('login_hint with an address of a verified domain routes to its organization; an unknown domain gets the work-email page', async () => {
    const browser = new Browser();
    const { step, verifier, state } = await authorize(browser, { login_hint: 'ada@acme.example' });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.text.slice(0, 200)}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()!.sub, userId);

    const lost = new Browser();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
      login_hint: 'someone@unverified.example',
    });
    const page = await lost.follow(url.href, []);
    assert.equal(page.status, 200);
    assert.match(page.text, /<label for="email">Work email<\/label>/);
  });

  test("a second organization's user never gets a token through the first organization's slug", async () => {
    const browser = new Browser();
    // the interaction for org, but the browser signs in at the other organization's IdP instead
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      organization: org.slug,
    });
    const toSaml = await browser.follow(url.href, [`${t.url}/saml/`]);
    const back = new URL(toSaml.location!).searchParams.get('returnTo')!;
    assert.match(back, /\/oidc\/interaction\/[^/]+\/saml$/);
    // the other organization's session cookie (a sign-in there), presented at the first organization's interaction
    const before = await issued();
    const b2 = new Browser();
    await b2.signIn(`${t.url}/saml/${other.slug}/login?returnTo=${encodeURIComponent('/x')}`, {
      idp: otherIdp,
      sp: otherSp,
      nameId: 'mallory@other.example',
      redirectUri: `${t.url}/x`,
    });
    for (const [k, v] of browser.cookies) if (k !== 'idm_session') b2.cookies.set(k, v);
    const refused = await b2.request(back);
    assert.equal(refused.status, 403, refused.text.slice(0, 300));
    assert.match(refused.text, /not signed in with an account of the organization/);
    assert.equal(await issued(), before, 'no code, no token');

    // an existing provider session of the other organization's user does not answer a request naming the first organization
    const { step } = await authorize(b2, { organization: other.slug }, 'mallory@other.example', { idp: otherIdp, sp: otherSp });
    assert.ok(step.location?.startsWith(redirectUri), 'mallory signs in to the client through her own organization');
    const again = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: 'y'.repeat(43),
      code_challenge_method: 'S256',
      organization: org.slug,
    });
    const stop = await b2.follow(again.href, [idp.ssoUrl, redirectUri]);
    assert.ok(stop.location?.startsWith(idp.ssoUrl), `sent to the first organization's IdP, not back with a code: ${stop.location}`);
  });

  test('standard OAuth errors: wrong redirect_uri, unknown client, bad secret, replayed code, PKCE mismatch; nothing issued', async () => {
    const base = config.serverMetadata();
    const wrong = await new Browser().request(
      `${base.authorization_endpoint}?${new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: 'https://evil.example/cb' })}`,
    );
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /invalid_redirect_uri/);
    assert.doesNotMatch(wrong.text, /at .*\.js/, 'no stack');
    const unknown = await new Browser().request(
      `${base.authorization_endpoint}?${new URLSearchParams({ client_id: '00000000-0000-4000-8000-000000000000', response_type: 'code', scope: 'openid', redirect_uri: redirectUri })}`,
    );
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /invalid_client/);

    const browser = new Browser();
    const { step, verifier, state } = await authorize(browser, { organization: org.slug });
    const callback = new URL(step.location!);
    const code = callback.searchParams.get('code')!;
    const before = await issued();
    const tokenPost = (auth: string, body: Record<string, string>) =>
      fetch(base.token_endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
        body: new URLSearchParams(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier };
    const bad = await tokenPost(`${clientId}:oidc_wrong`, exchange);
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error, 'invalid_client');
    const mismatch = await tokenPost(`${clientId}:${clientSecret}`, { ...exchange, code_verifier: client.randomPKCECodeVerifier() });
    assert.equal(mismatch.body.error, 'invalid_grant');
    assert.equal(await issued(), before, 'the refusals issued nothing');
    void state;
    // the right exchange works once; the replayed code is refused, and (RFC 6749 §4.1.2) what it gave is revoked
    const first = await tokenPost(`${clientId}:${clientSecret}`, exchange);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const replay = await tokenPost(`${clientId}:${clientSecret}`, exchange);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    await assert.rejects(client.fetchUserInfo(config, first.body.access_token!, client.skipSubjectCheck), 'the access token of a replayed code is revoked');
  });

  test('an expired code is refused with invalid_grant (the store returns no expired payload)', async () => {
    const { step, verifier, state } = await authorize(new Browser(), { organization: org.slug });
    const code = new URL(step.location!).searchParams.get('code')!;
    // the code's 60 s lifetime, run out
    await db(`update oidc_payloads set expires_at = now() - interval '1 second' where model = 'AuthorizationCode' and id = $1`, [code]);
    await assert.rejects(
      client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state }),
      (e: client.ResponseBodyError) => e.error === 'invalid_grant',
    );
  });

  test('a public client (no secret) must use PKCE; with it, the code flow works with client authentication none', async () => {
    const spa = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'SPA', redirectUris: [redirectUri], public: true } })).createOidcClient;
    assert.equal(spa.clientSecret, null);
    const pub = await client.discovery(new URL(issuer), spa.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
    const without = client.buildAuthorizationUrl(pub, { redirect_uri: redirectUri, scope: 'openid', organization: org.slug });
    const refused = await new Browser().follow(without.href, [redirectUri]);
    const error = refused.location ? new URL(refused.location).searchParams.get('error') : null;
    assert.equal(error, 'invalid_request', `${refused.status} ${refused.location}`);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(pub, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      organization: org.slug,
    });
    const step = await new Browser().signIn(url.href, { idp, sp, nameId: 'ada@acme.example', redirectUri });
    const tokens = await client.authorizationCodeGrant(pub, new URL(step.location!), { pkceCodeVerifier: verifier, idTokenExpected: true });
    assert.equal(tokens.claims()!.sub, userId);
  });

  test('SCIM deactivation ends the sessions and refresh tokens, and delivers a back-channel logout token the app verifies with the JWKS', async () => {
    const browser = new Browser();
    const { step, verifier, state } = await authorize(browser, { organization: org.slug });
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    app.logoutTokens.length = 0;
    const res = await fetch(`${t.url}/scim/v2/Users/${userId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }),
    });
    assert.equal(res.status, 200, await res.text());
    const token = await app.nextLogoutToken();
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer,
      audience: clientId,
      typ: 'logout+jwt',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, userId);
    assert.ok(payload.sid, 'the session id the client knows');
    assert.deepEqual(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} });
    assert.equal(payload.nonce, undefined);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (e: client.ResponseBodyError) => e.error === 'invalid_grant');
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, userId));
    const left = await db<{ n: number }>('select count(*)::int as n from oidc_payloads where user_id = $1', [userId]);
    assert.equal(left[0]!.n, 0);
    const logout = await db<{ data: Record<string, unknown> }>(`select data from events where type = 'OIDC_LOGGED_OUT' and subject_id = $1`, [userId]);
    assert.equal(logout[0]?.data.reason, 'deactivation');
  });
});

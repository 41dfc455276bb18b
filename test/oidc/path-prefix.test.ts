/**
 * PUBLIC_URL with a path prefix (`http://proxy/idm`), the service behind a reverse proxy that strips
 * it (`/idm/oidc/auth` arrives as `/oidc/auth`, with the proxy's upstream Host): every URL the
 * service writes carries the public origin and the prefix. OpenID Connect discovery and its endpoints,
 * the interaction and resume redirects and their cookie paths, the work-email form, the end-session
 * form; the SAML metadata and ACS; SCIM meta.location. openid-client 6 runs a full code flow through
 * the proxy only. README `PUBLIC_URL`, docs/OIDC.md "Endpoints".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';
import { ReverseProxy } from '../helpers/reverse-proxy.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;

describe('PUBLIC_URL with a path prefix, behind a proxy that strips it', () => {
  const proxy = new ReverseProxy('/idm');
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp;
  let publicUrl: string;
  let userId: string;
  let config: client.Configuration;
  let redirectUri: string;
  const idp = new TestIdp();

  before(async () => {
    await proxy.start();
    publicUrl = proxy.publicUrl;
    app = new HostApp();
    await app.start();
    t = await startTestServer({ env: { PUBLIC_URL: publicUrl } });
    proxy.upstreams = [t.url];
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    userId = (await createUser(t, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    redirectUri = `${app.url}/cb`;
    const created = (
      await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [redirectUri], postLogoutRedirectUris: [`${app.url}/bye`] } })
    ).createOidcClient;
    config = await client.discovery(new URL(`${publicUrl}/oidc`), created.clientId, created.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
  });
  after(async () => {
    await t?.stop();
    await app?.stop();
    await proxy.stop();
  });

  test('discovery: the issuer and every endpoint carry the public origin and the prefix', () => {
    const m = config.serverMetadata();
    const issuer = `${publicUrl}/oidc`;
    assert.equal(m.issuer, issuer);
    assert.equal(m.authorization_endpoint, `${issuer}/auth`);
    assert.equal(m.token_endpoint, `${issuer}/token`);
    assert.equal(m.userinfo_endpoint, `${issuer}/me`);
    assert.equal(m.jwks_uri, `${issuer}/jwks`);
    assert.equal(m.end_session_endpoint, `${issuer}/session/end`);
    assert.equal(m.revocation_endpoint, `${issuer}/token/revocation`);
  });

  test('the SAML endpoints and SCIM locations carry it too', async () => {
    assert.equal(sp.acsUrl, `${publicUrl}/saml/${org.slug}/acs`);
    const metadata = await fetch(`${publicUrl}/saml/${org.slug}/metadata`);
    assert.equal(metadata.status, 200);
    assert.ok((await metadata.text()).includes(`Location="${publicUrl}/saml/${org.slug}/acs"`));
    const login = await fetch(`${publicUrl}/saml/${org.slug}/login`, { redirect: 'manual' });
    assert.equal(login.status, 302);
    const created = await fetch(`${publicUrl}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace@acme.example' }),
    });
    assert.equal(created.status, 201);
    const body = (await created.json()) as { id: string; meta: { location: string } };
    assert.equal(body.meta.location, `${publicUrl}/scim/v2/Users/${body.id}`);
    assert.equal(created.headers.get('location'), body.meta.location);
  });

  test('a full code flow with openid-client through the proxy: every hop under the prefix, cookies scoped to it; userinfo, refresh, logout form', async () => {
    const seen = proxy.passed.length;
    const browser = new Browser();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email offline_access',
      prompt: 'consent',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      organization: org.slug,
    });
    const step = await browser.signIn(url.href, { idp, sp, nameId: 'ada@acme.example', redirectUri });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 300)}`);
    const hops = proxy.passed.slice(seen);
    const paths = hops.map((h) => `${h.method} ${h.path.split('?')[0]}`);
    for (const want of [
      /^GET \/idm\/oidc\/auth$/,
      /^GET \/idm\/oidc\/interaction\/[^/]+$/,
      /^POST \/idm\/saml\/[^/]+\/acs$/,
      /^GET \/idm\/oidc\/interaction\/[^/]+\/saml$/,
      /^GET \/idm\/oidc\/auth\/[^/]+$/,
    ])
      assert.ok(
        paths.some((p) => want.test(p)),
        `${want} went through the proxy: ${paths.join(', ')}`,
      );
    // the interaction cookies are scoped to paths under the prefix (a browser would not send them otherwise; the session cookie's path is /)
    const cookiePaths = hops
      .flatMap((h) => h.setCookies)
      .flatMap((c) => (/^_(interaction|interaction_resume)(\.sig)?=/.test(c) ? [/; path=([^;]*)/i.exec(c)?.[1] ?? ''] : []));
    assert.ok(cookiePaths.length >= 2, hops.flatMap((h) => h.setCookies).join('\n'));
    for (const p of cookiePaths) assert.ok(p.startsWith('/idm/'), `cookie path ${p}`);

    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()!.sub, userId);
    assert.equal(tokens.claims()!.iss, `${publicUrl}/oidc`);
    assert.equal((await client.fetchUserInfo(config, tokens.access_token, userId)).email, 'ada@acme.example');
    assert.ok((await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token);
    assert.ok(
      proxy.passed.slice(seen).some((h) => h.path === '/idm/oidc/token' && h.status === 200),
      'the code was exchanged through the proxy',
    );

    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${app.url}/bye` });
    const confirm = await browser.request(end.href);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, new RegExp(`action="${publicUrl}/oidc/session/end/confirm"`));
  });

  test('logging out everywhere goes through the SAML logout under the prefix: to the registered post_logout_redirect_uri, or without one to the "Signed out" page', async () => {
    for (const postLogout of [`${app.url}/bye`, null]) {
      const browser = new Browser();
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        organization: org.slug,
      });
      const step = await browser.signIn(url.href, { idp, sp, nameId: 'ada@acme.example', redirectUri });
      const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, idTokenExpected: true });
      const end = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        ...(postLogout ? { post_logout_redirect_uri: postLogout, state: 's9' } : {}),
      });
      const confirm = await browser.request(end.href);
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
      assert.ok(xsrf, confirm.text.slice(0, 500));
      const done = await browser.follow(`${publicUrl}/oidc/session/end/confirm`, [app.url], {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      });
      if (postLogout) assert.equal(done.location, `${postLogout}?state=s9`, `${done.url} ${done.status} ${done.text.slice(0, 300)}`);
      else {
        assert.equal(done.status, 200, `${done.url} ${done.status} ${done.location} ${done.text.slice(0, 400)}`);
        assert.match(done.url, new RegExp(`^${publicUrl}/oidc/session/end/success`));
        assert.match(done.text, /You have been signed out/);
      }
      assert.equal((await browser.request(`${publicUrl}/auth/session`)).status, 401, 'the SAML session has ended');
    }
  });

  test('the work-email page posts to the interaction under the prefix', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    const page = await new Browser().follow(url.href, []);
    assert.equal(page.status, 200);
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    assert.match(action ?? '', new RegExp(`^${publicUrl}/oidc/interaction/[^/]+/email$`));
  });

  test('a form POST of the authorization request is sent on as a GET under the prefix', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      organization: org.slug,
    });
    const posted = await new Browser().request(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: url.searchParams.toString(),
    });
    assert.equal(posted.status, 303, posted.text.slice(0, 200));
    assert.equal(posted.location, url.href);
  });
});

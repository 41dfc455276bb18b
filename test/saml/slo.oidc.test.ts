/**
 * The chain in the IdP → us → app direction (docs/SAML.md "Single Logout", docs/OIDC.md
 * "Deprovisioning and logout"): an IdP-initiated SAML LogoutRequest ends the user's session here,
 * their OpenID Connect state (userinfo refused), and delivers a back-channel logout token to the
 * host application that verifies with the published JWKS. Another user's client session stays.
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
import { logoutRequestXml, logoutResponseXml, outgoing, redirectQuery, rootAttribute, sloRedirect, statusCodes } from '../helpers/saml-slo.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const IDP_SLO = 'https://example.okta.com/app/example_identityapi_1/exk1test0identity0api/slo/saml';

describe('IdP-initiated SAML logout reaches the OpenID Connect clients', () => {
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp & { sloUrl: string };
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp' });
  let config: client.Configuration;
  let clientId: string;
  let redirectUri: string;

  before(async () => {
    app = new HostApp();
    await app.start();
    t = await startTestServer({ env: { WEBHOOK_ALLOW_INSECURE_URLS: 'true' } });
    org = await createOrg(t);
    sp = (await connectIdp(t, org, idp, {
      idpMetadataXml: idp.metadataXml({ url: IDP_SLO }),
      spPrivateKeyPem: spKeys.privateKeyPem,
      spCertificatePem: spKeys.certificatePem,
    })) as Sp & { sloUrl: string };
    redirectUri = `${app.url}/cb`;
    const c = (
      await t.gql<any, any>(CREATE_CLIENT, {
        input: { name: 'Host', redirectUris: [redirectUri], postLogoutRedirectUris: [`${app.url}/bye`], backchannelLogoutUri: `${app.url}/backchannel` },
      })
    ).createOidcClient;
    clientId = c.clientId;
    config = await client.discovery(new URL(`${t.url}/oidc`), clientId, c.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await t?.stop();
    await app?.stop();
  });

  async function signedIn(nameId: string) {
    const user = await createUser(t, org, { userName: nameId, emails: [{ value: nameId, primary: true }] });
    const browser = new Browser();
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      organization: org.slug,
    });
    const step = await browser.signIn(url.href, { idp, sp, nameId, redirectUri });
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, idTokenExpected: true });
    return { user, browser, tokens };
  }

  test('a LogoutRequest from the IdP: SAML session and provider state end, the app gets a verifiable logout token', async () => {
    const { user, browser, tokens } = await signedIn('slo@acme.example');
    const bystander = await signedIn('stays@acme.example');
    app.logoutTokens.length = 0;
    assert.equal((await browser.request(`${t.url}/auth/session`)).status, 200);

    const request = logoutRequestXml(idp, { destination: sp.sloUrl, nameId: 'slo@acme.example' });
    const r = await sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', request, { signer: idp }));
    assert.equal(r.status, 302, r.text);
    assert.deepEqual(statusCodes(outgoing(r).xml), ['urn:oasis:names:tc:SAML:2.0:status:Success']);

    const token = await app.nextLogoutToken();
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer: `${t.url}/oidc`,
      audience: clientId,
      typ: 'logout+jwt',
    });
    assert.equal(payload.sub, user.id);
    assert.equal((await browser.request(`${t.url}/auth/session`)).status, 401, 'the SAML session has ended');
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id), 'the access token no longer works');
    // the other user is still signed in at the app
    const info = await client.fetchUserInfo(config, bystander.tokens.access_token, bystander.user.id);
    assert.equal(info.sub, bystander.user.id);
    assert.equal(app.logoutTokens.length, 0, 'no token for the other user');
  });

  test('app → SAML logout → IdP SLO → RP-initiated logout → app: /saml/{org}/logout with returnTo the end_session URL (docs/OIDC.md recipe)', async () => {
    const { user, browser, tokens } = await signedIn('chain@acme.example');
    app.logoutTokens.length = 0;
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${app.url}/bye`, state: 's9' });
    const returnTo = `${end.pathname}${end.search}`;
    const toIdp = await browser.request(`${t.url}/saml/${org.slug}/logout?returnTo=${encodeURIComponent(returnTo)}`);
    assert.equal(toIdp.status, 302, toIdp.text);
    assert.ok(toIdp.location!.startsWith(IDP_SLO), 'on to the IdP with a LogoutRequest');
    assert.equal((await browser.request(`${t.url}/auth/session`)).status, 401, 'the SAML session has ended');
    const request = outgoing({ status: 302, location: toIdp.location, sessionCookie: null, setCookies: [], requestId: null, contentType: null, text: '' });
    assert.ok(request.verifies(spKeys.certificatePem));
    // the IdP logs the person out and answers
    const answer = logoutResponseXml(idp, { destination: sp.sloUrl, inResponseTo: rootAttribute(request.xml, 'ID')! });
    const back = await browser.request(`${t.url}/saml/${org.slug}/slo?${redirectQuery('SAMLResponse', answer, { signer: idp })}`);
    assert.equal(back.status, 303, back.text);
    assert.equal(back.location, `${t.url}${returnTo}`);
    const confirm = await browser.request(back.location!);
    assert.equal(confirm.status, 200, confirm.text.slice(0, 300));
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
    const action = /action="([^"]+)"/.exec(confirm.text)?.[1];
    assert.ok(xsrf && action, confirm.text.slice(0, 500));
    const done = await browser.follow(new URL(action!, back.location!).href, [app.url], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    assert.equal(done.location, `${app.url}/bye?state=s9`);
    const token = await app.nextLogoutToken();
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), { issuer: `${t.url}/oidc`, audience: clientId });
    assert.equal(payload.sub, user.id);
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id));
  });

  test("the SAML session has already expired (the clients' sessions outlive it): the IdP's LogoutRequest still signs the user out of the clients", async () => {
    const { user, tokens } = await signedIn('expired@acme.example');
    app.logoutTokens.length = 0;
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`update sessions set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    } finally {
      await db.end();
    }
    const request = logoutRequestXml(idp, { destination: sp.sloUrl, nameId: 'expired@acme.example' });
    const r = await sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', request, { signer: idp }));
    assert.equal(r.status, 302, r.text);
    assert.deepEqual(statusCodes(outgoing(r).xml), ['urn:oasis:names:tc:SAML:2.0:status:Success'], 'something was ended: Success');
    const { payload } = await jwtVerify(await app.nextLogoutToken(), createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer: `${t.url}/oidc`,
      audience: clientId,
    });
    assert.equal(payload.sub, user.id);
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id));
  });

  test('RP-initiated logout at /oidc/session/end goes on to the IdP (SAML SLO) and then back to the app', async () => {
    const { user, browser, tokens } = await signedIn('rp-chain@acme.example');
    app.logoutTokens.length = 0;
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${app.url}/bye`, state: 's7' });
    const confirm = await browser.request(end.href);
    assert.equal(confirm.status, 200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
    const action = /action="([^"]+)"/.exec(confirm.text)?.[1];
    assert.ok(xsrf && action, confirm.text.slice(0, 500));
    const toIdp = await browser.follow(new URL(action!, end).href, [IDP_SLO, app.url], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    assert.ok(toIdp.location?.startsWith(IDP_SLO), `on to the IdP's SLO: ${toIdp.location}`);
    assert.equal((await browser.request(`${t.url}/auth/session`)).status, 401, 'the SAML session has ended');
    const request = outgoing({ status: 302, location: toIdp.location, sessionCookie: null, setCookies: [], requestId: null, contentType: null, text: '' });
    assert.ok(request.verifies(spKeys.certificatePem));
    const answer = logoutResponseXml(idp, { destination: sp.sloUrl, inResponseTo: rootAttribute(request.xml, 'ID')! });
    const done = await browser.follow(`${t.url}/saml/${org.slug}/slo?${redirectQuery('SAMLResponse', answer, { signer: idp })}`, [app.url]);
    assert.equal(done.location, `${app.url}/bye?state=s7`);
    const { payload } = await jwtVerify(await app.nextLogoutToken(), createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer: `${t.url}/oidc`,
      audience: clientId,
    });
    assert.equal(payload.sub, user.id);
  });

  test('the logout hop redirects only to a registered post_logout_redirect_uri', async () => {
    for (const query of [
      new URLSearchParams({ to: 'https://evil.example/bye', client_id: clientId }),
      new URLSearchParams({ to: `${app.url}/other`, client_id: clientId }),
      new URLSearchParams({ to: `${app.url}/bye` }),
      new URLSearchParams({ to: `${app.url}/bye`, client_id: 'unknown' }),
    ]) {
      const r = await fetch(`${t.url}/oidc/logout/saml?${query}`, { redirect: 'manual' });
      assert.equal(r.status, 400, query.toString());
      assert.equal(r.headers.get('location'), null);
    }
    const ok = await fetch(`${t.url}/oidc/logout/saml?${new URLSearchParams({ to: `${app.url}/bye?state=x`, client_id: clientId })}`, { redirect: 'manual' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `${app.url}/bye?state=x`);
  });
});

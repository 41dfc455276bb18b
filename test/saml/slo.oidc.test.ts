/**
 * The chain in the IdP → us → app direction (docs/SAML.md "Single Logout", docs/OIDC.md
 * "Deprovisioning and logout"): an IdP-initiated SAML LogoutRequest ends the user's session here,
 * their OpenID Connect state (userinfo refused), and delivers a back-channel logout token to the
 * host application that verifies with the published JWKS. Another user's client session stays.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';
import { logoutRequestXml, outgoing, redirectQuery, sloRedirect, statusCodes } from '../helpers/saml-slo.js';

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
    const c = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host', redirectUris: [redirectUri], backchannelLogoutUri: `${app.url}/backchannel` } }))
      .createOidcClient;
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
});

/**
 * What a host application does besides the plain code flow (OpenID Connect Core §3.1.2.1): silent
 * re-authentication with `prompt=none` answered by the browser's session of this service
 * (`idm_session`, docs/OIDC.md "Signed in already"), and the standard errors when there is none;
 * and the authorization request sent as a form POST, which the endpoint must accept as it does a GET.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser, type Step } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;

describe('OpenID Connect: prompt=none answered by the session, and the authorization request as a POST', () => {
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  const otherIdp = new TestIdp({ entityId: 'http://www.okta.com/exk2other', ssoUrl: 'https://other.okta.example/sso/saml' });
  let adaId: string;
  let redirectUri: string;
  let config: client.Configuration;
  let second: client.Configuration;

  before(async () => {
    app = new HostApp();
    await app.start();
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    await connectIdp(t, other, otherIdp);
    adaId = (await createUser(t, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    await createUser(t, org, { userName: 'grace@acme.example', emails: [{ value: 'grace@acme.example', primary: true }] });
    redirectUri = `${app.url}/cb`;
    const created = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [redirectUri] } })).createOidcClient;
    config = await client.discovery(new URL(`${t.url}/oidc`), created.clientId, created.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    const other2 = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Second App', redirectUris: [redirectUri] } })).createOidcClient;
    second = await client.discovery(new URL(`${t.url}/oidc`), other2.clientId, other2.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  });
  after(async () => {
    await t?.stop();
    await app?.stop();
  });

  /** A browser holding only this service's session, from a SAML sign-in that did not go through the provider (e.g. the console's). */
  async function samlSignedIn(nameId = 'ada@acme.example'): Promise<Browser> {
    const browser = new Browser();
    const step = await browser.signIn(`${t.url}/saml/${org.slug}/login?returnTo=${encodeURIComponent('/x')}`, { idp, sp, nameId, redirectUri: `${t.url}/x` });
    assert.ok(step.location?.startsWith(`${t.url}/x`), `${step.status} ${step.location}`);
    assert.ok(browser.cookies.has('idm_session'));
    assert.ok(![...browser.cookies.keys()].some((k) => k.startsWith('_session')), 'no provider session yet');
    return browser;
  }

  async function silent(params: Record<string, string>, rp = config) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(rp, {
      redirect_uri: redirectUri,
      scope: 'openid email organization',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      prompt: 'none',
      ...params,
    });
    return { url, verifier, state };
  }

  /** The authorization response's parameters: one redirect to the client, no page on the way. */
  async function answer(browser: Browser, url: URL): Promise<URLSearchParams> {
    const step = await browser.request(url.href);
    assert.equal(step.status, 303, `prompt=none shows no page: ${step.status} ${step.text.slice(0, 200)}`);
    assert.ok(step.location?.startsWith(redirectUri), `straight back to the client: ${step.location}`);
    return new URL(step.location!).searchParams;
  }

  test('prompt=none with a live idm_session of a SAML sign-in answers with a code for that person, no page and no IdP', async () => {
    const browser = await samlSignedIn();
    const { url, verifier, state } = await silent({ organization: org.slug });
    const params = await answer(browser, url);
    assert.equal(params.get('error'), null, `${params.get('error')}: ${params.get('error_description')}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(`${redirectUri}?${params}`), { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()!.sub, adaId);
    assert.equal(tokens.claims()!.org_id, org.id);
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    const signedIn = await c
      .query<{ data: Record<string, unknown> }>(`select data from events where organization_id = $1 and type = 'OIDC_SIGNED_IN' and subject_id = $2`, [
        org.id,
        adaId,
      ])
      .finally(() => c.end());
    assert.deepEqual(
      signedIn.rows.map((r) => r.data.clientName),
      ['Host App'],
      'the silent sign-in is recorded as the interaction records one',
    );
    // the provider session now exists: the next silent request (no organization named) is answered too
    const next = await silent({});
    assert.ok((await answer(browser, next.url)).get('code'));
    // and another registered client, which this person never signed in to, is answered (its registration is the consent), not consent_required
    const b = await silent({ scope: 'openid profile' }, second);
    const pb = await answer(browser, b.url);
    assert.equal(pb.get('error'), null, `${pb.get('error')}: ${pb.get('error_description')}`);
    const tb = await client.authorizationCodeGrant(second, new URL(`${redirectUri}?${pb}`), { pkceCodeVerifier: b.verifier, expectedState: b.state });
    assert.equal(tb.claims()!.sub, adaId);
    assert.equal(tb.claims()!.preferred_username, 'ada@acme.example');
  });

  test('prompt=none logging in a provider session the browser already had (anonymous) gives it a new id: no session fixation', async () => {
    const browser = await samlSignedIn();
    // an end-session request without a sign-in leaves an anonymous provider session (its logout state)
    await browser.request(`${t.url}/oidc/session/end`);
    const name = [...browser.cookies.keys()].find((k) => k === '_session');
    assert.ok(name, `an anonymous provider session: ${[...browser.cookies.keys()]}`);
    const before = browser.cookies.get(name);
    const { url } = await silent({ organization: org.slug });
    assert.ok((await answer(browser, url)).get('code'));
    assert.notEqual(browser.cookies.get(name), before, 'the session cookie names a new session id');
  });

  test('prompt=none with a login_hint: answered when it names the session person, login_required when it names someone else', async () => {
    const browser = await samlSignedIn();
    const ok = await silent({ login_hint: 'ada@acme.example' });
    assert.ok((await answer(browser, ok.url)).get('code'));
    const browser2 = await samlSignedIn();
    const someoneElse = await silent({ login_hint: 'grace@acme.example' });
    assert.equal((await answer(browser2, someoneElse.url)).get('error'), 'login_required');
  });

  test('prompt=none with an id_token_hint (as oidc-client-ts signinSilent sends): answered for the person it names, login_required for another', async () => {
    const first = await silent({ organization: org.slug });
    const browser = await samlSignedIn();
    const params = await answer(browser, first.url);
    const tokens = await client.authorizationCodeGrant(config, new URL(`${redirectUri}?${params}`), {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
    });
    const idToken = tokens.id_token!;
    // another browser with only Ada's SAML sign-in: her ID token names her
    const same = await silent({ id_token_hint: idToken });
    assert.ok((await answer(await samlSignedIn(), same.url)).get('code'));
    // a browser where Grace signed in: Ada's ID token does not name her
    const grace = await samlSignedIn('grace@acme.example');
    const other = await silent({ id_token_hint: idToken });
    assert.equal((await answer(grace, other.url)).get('error'), 'login_required');
  });

  test('prompt=none without a session, with one of another organization than named, or older than max_age: login_required, nothing issued', async () => {
    const none = await silent({ organization: org.slug });
    const p1 = await answer(new Browser(), none.url);
    assert.equal(p1.get('error'), 'login_required');
    assert.equal(p1.get('state'), none.state);
    assert.equal(p1.get('code'), null);

    const otherOrg = await silent({ organization: other.slug });
    assert.equal((await answer(await samlSignedIn(), otherOrg.url)).get('error'), 'login_required');

    const unknownOrg = await silent({ organization: 'no-such-org' });
    assert.equal((await answer(await samlSignedIn(), unknownOrg.url)).get('error'), 'login_required');

    const browser = await samlSignedIn();
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await silent({ organization: org.slug, max_age: '0' });
    assert.equal((await answer(browser, stale.url)).get('error'), 'login_required');
  });

  /** The authorization request as an HTML form would send it (OpenID Connect Core §3.1.2.1: Form Serialization). */
  async function formPost(browser: Browser, url: URL): Promise<Step> {
    const action = `${url.origin}${url.pathname}`;
    return browser.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: url.searchParams.toString(),
    });
  }

  test('a form POST of the authorization request is the GET request: without a session it leads to the sign-in, and on to a code', async () => {
    const browser = new Browser();
    const { url, verifier, state } = await silent({ organization: org.slug });
    url.searchParams.delete('prompt');
    const posted = await formPost(browser, url);
    assert.equal(posted.status, 303, `${posted.status} ${posted.text.slice(0, 200)}`);
    const get = new URL(posted.location!);
    assert.equal(`${get.origin}${get.pathname}`, `${t.url}/oidc/auth`);
    assert.deepEqual([...get.searchParams].sort(), [...url.searchParams].sort(), 'the same parameters');
    const step = await browser.signIn(posted.location!, { idp, sp, nameId: 'ada@acme.example', redirectUri });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 200)}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()!.sub, adaId);
  });

  test('a form POST sees the sessions a GET sees: the idm_session answers it, with prompt=none too', async () => {
    const browser = await samlSignedIn();
    const { url } = await silent({ organization: org.slug });
    url.searchParams.delete('prompt');
    const posted = await formPost(browser, url);
    const step = await browser.follow(posted.location!, [idp.ssoUrl, redirectUri]);
    assert.ok(step.location?.startsWith(redirectUri), `answered without the IdP: ${step.location}`);
    assert.ok(new URL(step.location!).searchParams.get('code'));
    const quiet = await silent({ organization: org.slug });
    const again = await formPost(await samlSignedIn(), quiet.url);
    assert.equal(again.status, 303);
    assert.ok((await answer(await samlSignedIn(), new URL(again.location!))).get('code'));
  });

  test('a posted request that is not a form, or larger than 8 KiB, gets a page saying so; end_session takes a form POST too', async () => {
    const { url } = await silent({ organization: org.slug });
    const json = await new Browser().request(`${t.url}/oidc/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(url.searchParams)),
    });
    assert.equal(json.status, 400);
    assert.match(json.text, /did not arrive as a form/);
    url.searchParams.set('state', 'x'.repeat(9000));
    const large = await formPost(new Browser(), url);
    assert.equal(large.status, 413);
    assert.match(large.text, /larger than 8192 bytes/);

    const end = await new Browser().request(`${t.url}/oidc/session/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: (config.clientMetadata().client_id as string) ?? '' }).toString(),
    });
    assert.equal(end.status, 303, `${end.status} ${end.text.slice(0, 200)}`);
    const page = await new Browser().request(end.location!);
    assert.equal(page.status, 200, page.text.slice(0, 200));
  });
});

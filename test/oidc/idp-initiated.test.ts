/**
 * IdP-initiated SAML sign-ins (a dashboard tile) landing in a host application (docs/OIDC.md
 * "IdP-initiated sign-in"): the connection names an OpenID Connect client; after the unsolicited
 * response is accepted and the session set, the browser goes to the client's initiate-login URI
 * (OpenID Connect Core §4: iss, login_hint, target_link_uri); the client, here a small relying party
 * on openid-client 6, sends an ordinary authorization request with its own state and PKCE, which
 * the session answers without another SAML round trip; code, tokens, the right person. The
 * configuration is validated, and a sign-in at one organization never yields a token of another.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, to, type Sp } from '../helpers/saml-sp.js';
import { Browser, type Step } from '../helpers/oidc-browser.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret client { initiateLoginUri } } }`;
const UPDATE_CLIENT = `mutation($id: ID!, $input: UpdateOidcClientInput!) { updateOidcClient(id: $id, input: $input) { id initiateLoginUri } }`;
const SET_LANDING = `mutation($org: ID!, $input: SamlIdpInitiatedLandingInput!) { setSamlIdpInitiatedLanding(organizationId: $org, input: $input) { clientId clientName initiateLoginUri targetLinkUri } }`;
const CONNECTION = `query($org: ID!) { samlConnection(organizationId: $org) { idpInitiatedLanding { clientId targetLinkUri } } }`;

/** A relying party: its initiate-login endpoint starts a code + PKCE request; its callback exchanges the code and lands on the target link. */
class RelyingParty {
  server = http.createServer((req, res) => void this.handle(req, res).catch((err) => res.writeHead(500).end(String(err))));
  url = '';
  config!: client.Configuration;
  issuer = '';
  initiations: URLSearchParams[] = [];
  signedIn: Array<Record<string, unknown>> = [];
  private pending = new Map<string, { verifier: string; state: string; target: string }>();

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.url);
    if (url.pathname === '/initiate') {
      this.initiations.push(url.searchParams);
      // OpenID Connect Core §4: the iss must be the issuer this app trusts
      if (url.searchParams.get('iss') !== this.issuer) return void res.writeHead(400).end('unknown issuer');
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const target = url.searchParams.get('target_link_uri') ?? `${this.url}/`;
      const id = randomBytes(8).toString('hex');
      this.pending.set(id, { verifier, state, target });
      const auth = client.buildAuthorizationUrl(this.config, {
        redirect_uri: `${this.url}/cb`,
        scope: 'openid email organization',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ...(url.searchParams.get('login_hint') ? { login_hint: url.searchParams.get('login_hint')! } : {}),
      });
      res.writeHead(302, { location: auth.href, 'set-cookie': `rp=${id}; Path=/; HttpOnly` }).end();
      return;
    }
    if (url.pathname === '/cb') {
      const id = /(?:^|;\s*)rp=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
      const p = id ? this.pending.get(id) : undefined;
      if (!p) return void res.writeHead(400).end('no login in progress');
      this.pending.delete(id!);
      const tokens = await client.authorizationCodeGrant(this.config, url, { pkceCodeVerifier: p.verifier, expectedState: p.state });
      this.signedIn.push(tokens.claims()!);
      res.writeHead(302, { location: p.target }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('host app');
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('IdP-initiated SAML sign-ins land in an OpenID Connect client (OpenID Connect Core §4)', () => {
  let t: TestServer;
  const rp = new RelyingParty();
  let org: OrgFixture;
  let other: OrgFixture;
  let sp: Sp;
  let otherSp: Sp;
  const idp = new TestIdp();
  const otherIdp = new TestIdp({ entityId: 'http://www.okta.com/exk2other', ssoUrl: 'https://other.okta.example/sso/saml' });
  let adaId: string;
  let malloryId: string;
  let clientId: string;
  let plainClientId: string;

  before(async () => {
    await rp.start();
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    otherSp = await connectIdp(t, other, otherIdp, { allowIdpInitiated: true });
    adaId = (await createUser(t, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    malloryId = (await createUser(t, other, { userName: 'mallory@other.example', emails: [{ value: 'mallory@other.example', primary: true }] })).id;
    const created = (
      await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [`${rp.url}/cb`], initiateLoginUri: `${rp.url}/initiate` } })
    ).createOidcClient;
    assert.equal(created.client.initiateLoginUri, `${rp.url}/initiate`);
    clientId = created.clientId;
    plainClientId = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'No initiate-login', redirectUris: [`${rp.url}/cb`] } })).createOidcClient.clientId;
    rp.issuer = `${t.url}/oidc`;
    rp.config = await client.discovery(new URL(rp.issuer), clientId, created.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    for (const o of [org, other]) await t.gql(SET_LANDING, { org: o.id, input: { clientId, targetLinkUri: `${rp.url}/dashboard` } }, o.key);
  });
  after(async () => {
    await t?.stop();
    await rp.stop();
  });

  /** A tile click: an unsolicited signed response posted to the ACS, then every redirect followed (stopping at either IdP). */
  async function tile(browser: Browser, who: { idp: TestIdp; sp: Sp; nameId: string }, relayState?: string): Promise<{ first: Step; last: Step }> {
    const response = who.idp.response(to(who.sp, { nameId: who.nameId, authnContextClassRef: 'http://schemas.microsoft.com/claims/multipleauthn' }));
    const first = await browser.request(who.sp.acsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: response, ...(relayState ? { RelayState: relayState } : {}) }).toString(),
    });
    let last = first.location ? await browser.follow(first.location, [idp.ssoUrl, otherIdp.ssoUrl]) : first;
    // oidc-provider ends the previous person's provider session when another person signs in: its
    // self-submitting form (a browser posts it at once), then the redirects on
    for (let i = 0; i < 3 && last.status === 200 && /<title>Submitting Callback<\/title>/.test(last.text); i++) {
      const action = /<form method="post" action="([^"]+)">/.exec(last.text)![1]!;
      const inputs = [...last.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m): [string, string] => [m[1]!, m[2]!]);
      const posted = await browser.request(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(inputs).toString(),
      });
      last = posted.location ? await browser.follow(posted.location, [idp.ssoUrl, otherIdp.ssoUrl]) : posted;
    }
    return { first, last };
  }

  test('tile → ACS → the client’s initiate-login URI → its authorization request → code → tokens for the person, with no second SAML round trip', async () => {
    const browser = new Browser();
    const before = rp.signedIn.length;
    const { first, last } = await tile(browser, { idp, sp, nameId: 'ada@acme.example' });
    assert.equal(first.status, 303);
    const handOff = new URL(first.location!);
    assert.equal(`${handOff.origin}${handOff.pathname}`, `${rp.url}/initiate`);
    assert.equal(handOff.searchParams.get('iss'), `${t.url}/oidc`);
    assert.equal(handOff.searchParams.get('login_hint'), 'ada@acme.example');
    assert.equal(handOff.searchParams.get('target_link_uri'), `${rp.url}/dashboard`);
    assert.ok(browser.cookies.has('idm_session'), 'our session is set before the hand-off');
    assert.equal(last.url, `${rp.url}/dashboard`, `${last.status} ${last.location} ${last.text.slice(0, 300)}`);
    assert.equal(last.status, 200);
    assert.equal(rp.signedIn.length, before + 1);
    const claims = rp.signedIn.at(-1)!;
    assert.equal(claims.sub, adaId);
    assert.equal(claims.org_id, org.id);
    assert.equal(claims.email, 'ada@acme.example');
    assert.equal(claims.acr, 'http://schemas.microsoft.com/claims/multipleauthn', 'the reused session carries its AuthnContextClassRef');
    assert.deepEqual(claims.amr, ['mfa']);
    assert.equal(typeof claims.auth_time === 'number' || claims.auth_time === undefined, true);
  });

  test('another person clicking a tile in the same browser gets their own token, not the provider session of the one before', async () => {
    const bob = (await createUser(t, org, { userName: 'bob@acme.example', emails: [{ value: 'bob@acme.example', primary: true }] })).id;
    const browser = new Browser();
    await tile(browser, { idp, sp, nameId: 'ada@acme.example' });
    assert.equal(rp.signedIn.at(-1)!.sub, adaId);
    const { last } = await tile(browser, { idp, sp, nameId: 'bob@acme.example' });
    assert.equal(last.url, `${rp.url}/dashboard`, `${last.status} ${last.location} ${last.text.replace(/\s+/g, ' ').slice(0, 1500)}`);
    assert.equal(rp.signedIn.at(-1)!.sub, bob);
  });

  test('a RelayState naming a page still wins over the client', async () => {
    const { first } = await tile(new Browser(), { idp, sp, nameId: 'ada@acme.example' }, '/welcome');
    assert.equal(first.status, 303);
    assert.equal(first.location, `${t.url}/welcome`);
  });

  test("an IdP-initiated sign-in at the other organization yields a token of that organization and its user, never the first's", async () => {
    const browser = new Browser();
    const { last } = await tile(browser, { idp: otherIdp, sp: otherSp, nameId: 'mallory@other.example' });
    assert.equal(last.url, `${rp.url}/dashboard`, `${last.status} ${last.location} ${last.text.slice(0, 300)}`);
    const claims = rp.signedIn.at(-1)!;
    assert.equal(claims.sub, malloryId);
    assert.equal(claims.org_id, other.id);
    assert.notEqual(claims.org_id, org.id);
  });

  test("a session of one organization never answers a request naming another: organization=<slug> or another person's login_hint go to the IdP", async () => {
    const browser = new Browser();
    await tile(browser, { idp, sp, nameId: 'ada@acme.example' });
    const signedIn = rp.signedIn.length;
    const ask = async (params: Record<string, string>) =>
      browser.follow(
        client.buildAuthorizationUrl(rp.config, {
          redirect_uri: `${rp.url}/cb`,
          scope: 'openid',
          code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
          code_challenge_method: 'S256',
          ...params,
        }).href,
        [idp.ssoUrl, otherIdp.ssoUrl, `${rp.url}/cb`],
      );
    // the provider session is ada's (org): a request naming the other organization is not answered by it, nor by her idm_session
    const bySlug = await ask({ organization: other.slug });
    assert.ok(bySlug.location?.startsWith(otherIdp.ssoUrl), `to the other organization's IdP, not a code: ${bySlug.status} ${bySlug.location}`);
    // a fresh provider session (its cookies gone), ada's idm_session only
    const onlyIdm = new Browser();
    onlyIdm.cookies.set('idm_session', browser.cookies.get('idm_session')!);
    const byOtherHint = await (async () => {
      const url = client.buildAuthorizationUrl(rp.config, {
        redirect_uri: `${rp.url}/cb`,
        scope: 'openid',
        code_challenge: 'z'.repeat(43),
        code_challenge_method: 'S256',
        login_hint: 'mallory@other.example',
      });
      return onlyIdm.follow(url.href, [idp.ssoUrl, otherIdp.ssoUrl, `${rp.url}/cb`]);
    })();
    assert.notEqual(byOtherHint.location?.startsWith(`${rp.url}/cb`), true, 'no code for a login_hint of someone else');
    assert.match(byOtherHint.text, /Work email/, 'the unknown domain gets the work-email page, not ada');
    const slugOnly = new Browser();
    slugOnly.cookies.set('idm_session', browser.cookies.get('idm_session')!);
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: `${rp.url}/cb`,
      scope: 'openid',
      code_challenge: 'z'.repeat(43),
      code_challenge_method: 'S256',
      organization: other.slug,
    });
    const bySlugOnlyIdm = await slugOnly.follow(url.href, [idp.ssoUrl, otherIdp.ssoUrl, `${rp.url}/cb`]);
    assert.ok(bySlugOnlyIdm.location?.startsWith(otherIdp.ssoUrl), `${bySlugOnlyIdm.status} ${bySlugOnlyIdm.location}`);
    assert.equal(rp.signedIn.length, signedIn, 'no token was issued');
  });

  test('prompt=login is a fresh sign-in at the IdP even with a live session', async () => {
    const browser = new Browser();
    await tile(browser, { idp, sp, nameId: 'ada@acme.example' });
    const fresh = new Browser();
    fresh.cookies.set('idm_session', browser.cookies.get('idm_session')!);
    const url = client.buildAuthorizationUrl(rp.config, {
      redirect_uri: `${rp.url}/cb`,
      scope: 'openid',
      code_challenge: 'z'.repeat(43),
      code_challenge_method: 'S256',
      organization: org.slug,
      prompt: 'login',
    });
    // each hop is a redirect a browser follows (303; a 204 with a Location is not followed)
    const toInteraction = await fresh.request(url.href);
    assert.equal(toInteraction.status, 303);
    const toSaml = await fresh.request(toInteraction.location!);
    assert.equal(toSaml.status, 303, toSaml.text.slice(0, 200));
    assert.match(toSaml.location!, /\/saml\/[^/]+\/login\?returnTo=/);
    const step = await fresh.follow(toSaml.location!, [idp.ssoUrl, `${rp.url}/cb`]);
    assert.ok(step.location?.startsWith(idp.ssoUrl), `${step.status} ${step.location}`);
  });

  test('max_age: a session older than it goes to the IdP, a recent one answers (auth_time is when it signed in)', async () => {
    const browser = new Browser();
    await tile(browser, { idp, sp, nameId: 'ada@acme.example' });
    const ask = async (maxAge: string) => {
      const b = new Browser();
      b.cookies.set('idm_session', browser.cookies.get('idm_session')!);
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(rp.config, {
        redirect_uri: `${rp.url}/cb`,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        organization: org.slug,
        max_age: maxAge,
        state: 's',
      });
      return { step: await b.follow(url.href, [idp.ssoUrl, `${rp.url}/cb`]), verifier };
    };
    await new Promise((r) => setTimeout(r, 1100));
    const old = await ask('0');
    assert.ok(old.step.location?.startsWith(idp.ssoUrl), `${old.step.status} ${old.step.location}`);
    const recent = await ask('3600');
    assert.ok(recent.step.location?.startsWith(`${rp.url}/cb`), `${recent.step.status} ${recent.step.location}`);
    const tokens = await client.authorizationCodeGrant(rp.config, new URL(recent.step.location!), {
      pkceCodeVerifier: recent.verifier,
      expectedState: 's',
      maxAge: 3600,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, adaId);
    assert.ok(typeof claims.auth_time === 'number' && claims.auth_time <= Math.floor(Date.now() / 1000) - 1, 'auth_time is the SAML sign-in, not now');
  });

  test('validation: unknown client, a target link off the client’s origins, a client without initiate-login URI and no target link are refused', async () => {
    const reason = async (input: Record<string, unknown>) =>
      (await t.raw<any, any>(SET_LANDING, { org: org.id, input }, org.key)).errors?.[0]?.extensions?.reason as string | undefined;
    assert.equal(await reason({ clientId: '00000000-0000-4000-8000-000000000000' }), 'samlConnection.idpInitiatedClient.unknown');
    assert.equal(await reason({ clientId: 'not-a-uuid' }), 'samlConnection.idpInitiatedClient.unknown');
    assert.equal(await reason({ clientId, targetLinkUri: 'https://evil.example/dashboard' }), 'samlConnection.idpInitiatedTargetLinkUri.notRegistered');
    assert.equal(await reason({ clientId, targetLinkUri: 'javascript:alert(1)' }), 'samlConnection.idpInitiatedTargetLinkUri.notRegistered');
    assert.equal(await reason({ clientId: plainClientId }), 'samlConnection.idpInitiatedClient.noInitiateLoginUri');
    const badUri = await t.raw<any, any>(UPDATE_CLIENT, { id: clientId, input: { initiateLoginUri: 'http://evil.example/initiate' } });
    assert.equal(badUri.errors?.[0]?.extensions?.reason, 'oidcClient.initiateLoginUri.invalid');
    // still the valid setting
    const read = await t.gql<any, any>(CONNECTION, { org: org.id }, org.key);
    assert.deepEqual(read.samlConnection.idpInitiatedLanding, { clientId, targetLinkUri: `${rp.url}/dashboard` });
  });

  test('a client without initiate-login URI: the browser lands on the target link (the app starts its own sign-in, answered by the session)', async () => {
    const o = await createOrg(t);
    const s = await connectIdp(t, o, idp, { allowIdpInitiated: true });
    await createUser(t, o, { userName: 'ada@acme.example' });
    const set = await t.gql<any, any>(SET_LANDING, { org: o.id, input: { clientId: plainClientId, targetLinkUri: `${rp.url}/home` } }, o.key);
    assert.deepEqual(set.setSamlIdpInitiatedLanding, {
      clientId: plainClientId,
      clientName: 'No initiate-login',
      initiateLoginUri: null,
      targetLinkUri: `${rp.url}/home`,
    });
    const { first } = await tile(new Browser(), { idp, sp: s, nameId: 'ada@acme.example' });
    assert.equal(first.status, 303);
    assert.equal(first.location, `${rp.url}/home`, 'no authorization code the client did not ask for');
    // cleared: back to the default landing
    await t.gql(SET_LANDING, { org: o.id, input: { clientId: null } }, o.key);
    const { first: plain } = await tile(new Browser(), { idp, sp: s, nameId: 'ada@acme.example' });
    assert.equal(plain.location, `${t.url}/`);
  });
});

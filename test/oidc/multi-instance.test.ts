/**
 * Two server instances on one database behind one PUBLIC_URL (a load balancer in front: the test's
 * node:http proxy, which sends each request to the instance the test picks). An OpenID Connect
 * sign-in begun on instance A (`/oidc/auth`, the interaction page), the SAML response posted to B,
 * the interaction finished and the code exchanged on either; the tokens work on both, and a refresh
 * on the other instance works. Provider state (interactions, sessions, codes, grants, tokens) is in
 * PostgreSQL, the signing keys are shared and the cookie keys derived from them (docs/OIDC.md "How it
 * is built").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { spawnServer, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';
import { ReverseProxy } from '../helpers/reverse-proxy.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const A = 0;
const B = 1;

/** Which instance serves each step of a sign-in. */
interface Plan {
  start: number;
  acs: number;
  finish: number;
  token: number;
}

describe('OpenID Connect across two server instances', () => {
  const proxy = new ReverseProxy();
  let a: TestServer;
  let b: ServerProcess;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp;
  let userId: string;
  let config: client.Configuration;
  let redirectUri: string;
  let clientId: string;
  let clientSecret: string;
  const idp = new TestIdp();
  let plan: Plan = { start: A, acs: B, finish: A, token: A };

  before(async () => {
    await proxy.start();
    app = new HostApp();
    await app.start();
    const env = { PUBLIC_URL: proxy.publicUrl };
    a = await startTestServer({ env });
    b = await spawnServer({
      DATABASE_URL: a.databaseUrl,
      ADMIN_API_KEY: a.adminKey,
      ...env,
      SAML_RATE_LIMIT: '0',
      OIDC_RATE_LIMIT: '0',
      OIDC_TOKEN_RATE_LIMIT: '0',
    });
    proxy.upstreams = [a.url, b.url];
    proxy.route = (method, path) => {
      const p = path.split('?')[0]!;
      if (/^\/saml\/[^/]+\/acs$/.test(p)) return plan.acs;
      if (/^\/oidc\/interaction\/[^/]+\/saml$/.test(p) || /^\/oidc\/auth\/[^/]+$/.test(p)) return plan.finish;
      if (p.startsWith('/oidc/token')) return plan.token;
      return plan.start;
    };
    org = await createOrg(a);
    sp = await connectIdp(a, org, idp);
    userId = (await createUser(a, org, { userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] })).id;
    redirectUri = `${app.url}/cb`;
    const created = (await a.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [redirectUri] } })).createOidcClient;
    clientId = created.clientId;
    clientSecret = created.clientSecret;
    config = await client.discovery(new URL(`${proxy.publicUrl}/oidc`), clientId, clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
    await app?.stop();
    await proxy.stop();
  });

  /** The configuration, but its requests sent straight to one instance (the issuer and URLs stay the public ones). */
  function on(instance: number): client.Configuration {
    const c = new client.Configuration(config.serverMetadata(), clientId, clientSecret);
    client.allowInsecureRequests(c);
    const upstream = proxy.upstreams[instance]!;
    c[client.customFetch] = (url, options) => fetch(url.replace(proxy.publicUrl, upstream), options as RequestInit);
    return c;
  }

  async function signIn(p: Plan) {
    plan = p;
    const seen = proxy.passed.length;
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
    const step = await new Browser().signIn(url.href, { idp, sp, nameId: 'ada@acme.example', redirectUri });
    assert.ok(step.location?.startsWith(redirectUri), `${step.status} ${step.location} ${step.text.slice(0, 300)}`);
    const tokens = await client.authorizationCodeGrant(config, new URL(step.location!), { pkceCodeVerifier: verifier, expectedState: state });
    const where = proxy.passed.slice(seen).map((h) => `${h.method} ${h.path.split('?')[0]} -> ${h.upstream === a.url ? 'A' : 'B'} ${h.status}`);
    return { tokens, where };
  }

  const served = (where: string[], re: RegExp, instance: 'A' | 'B') =>
    assert.ok(
      where.some((w) => re.test(w) && w.includes(`-> ${instance}`)),
      `${re} on ${instance}:\n${where.join('\n')}`,
    );

  for (const finish of [A, B])
    for (const token of [A, B])
      test(`begun on A, SAML response posted to B, finished on ${finish === A ? 'A' : 'B'}, code exchanged on ${token === A ? 'A' : 'B'}; tokens work on both, refresh on the other`, async () => {
        const { tokens, where } = await signIn({ start: A, acs: B, finish, token });
        served(where, /^GET \/oidc\/auth ->/, 'A');
        served(where, /^GET \/oidc\/interaction\/[^/]+ ->/, 'A');
        served(where, /^POST \/saml\/[^/]+\/acs ->/, 'B');
        served(where, /^GET \/oidc\/interaction\/[^/]+\/saml ->/, finish === A ? 'A' : 'B');
        served(where, /^POST \/oidc\/token -> . 200/, token === A ? 'A' : 'B');
        assert.equal(tokens.claims()!.sub, userId);
        for (const instance of [A, B]) assert.equal((await client.fetchUserInfo(on(instance), tokens.access_token, userId)).email, 'ada@acme.example');
        const other = token === A ? B : A;
        const refreshed = await client.refreshTokenGrant(on(other), tokens.refresh_token!);
        assert.equal(refreshed.claims()!.sub, userId);
        // the refreshed tokens on the instance that issued the first ones
        assert.equal((await client.fetchUserInfo(on(token), refreshed.access_token, userId)).sub, userId);
        assert.ok((await client.refreshTokenGrant(on(token), refreshed.refresh_token!)).access_token);
      });
});

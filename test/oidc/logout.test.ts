/**
 * Logout through the OpenID Connect provider (docs/OIDC.md "Deprovisioning and logout"):
 * RP-initiated logout at end_session_endpoint, ending the SAML session (`/auth/logout`), and
 * deleting the user each end the user's provider state and deliver a back-channel logout token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, type Sp } from '../helpers/saml-sp.js';
import { Browser } from '../helpers/oidc-browser.js';
import { HostApp } from '../helpers/oidc-host-app.js';
import { DeleteUserDocument } from '../generated/graphql.js';
import { rebindingDns } from '../helpers/rebinding-dns.js';

const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;

describe('OpenID Connect logout', () => {
  let t: TestServer;
  let app: HostApp;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  let config: client.Configuration;
  let clientId: string;
  let redirectUri: string;

  const count = async (userId: string) => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      return (await c.query<{ n: number }>('select count(*)::int as n from oidc_payloads where user_id = $1', [userId])).rows[0]!.n;
    } finally {
      await c.end();
    }
  };

  before(async () => {
    app = new HostApp();
    await app.start();
    t = await startTestServer({ env: { WEBHOOK_ALLOW_INSECURE_URLS: 'true' } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp);
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
    app.logoutTokens.length = 0;
    return { user, browser, tokens };
  }

  async function assertLogoutToken(userId: string) {
    const token = await app.nextLogoutToken();
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer: `${t.url}/oidc`,
      audience: clientId,
      typ: 'logout+jwt',
    });
    assert.equal(payload.sub, userId);
  }

  test('RP-initiated logout: confirmed at end_session_endpoint, back to the registered URI; provider state gone; back-channel token sent', async () => {
    const { user, browser, tokens } = await signedIn('rp@acme.example');
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${app.url}/bye`, state: 's1' });
    const confirm = await browser.request(end.href);
    assert.equal(confirm.status, 200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
    const action = /action="([^"]+)"/.exec(confirm.text)?.[1];
    assert.ok(xsrf && action, confirm.text.slice(0, 500));
    const done = await browser.follow(new URL(action!, end).href, [app.url], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    assert.equal(done.location, `${app.url}/bye?state=s1`);
    await assertLogoutToken(user.id);
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id));
  });

  test('ending the SAML session (/auth/logout) signs the user out of the clients too', async () => {
    const { user, browser, tokens } = await signedIn('saml@acme.example');
    const res = await browser.request(`${t.url}/auth/logout`, { method: 'POST' });
    assert.equal(res.status, 204);
    await assertLogoutToken(user.id);
    assert.equal(await count(user.id), 0);
    await assert.rejects(client.fetchUserInfo(config, tokens.access_token, user.id));
  });

  test('deleting the user (GraphQL) ends their provider state and sends the logout token', async () => {
    const { user } = await signedIn('gone@acme.example');
    assert.ok((await count(user.id)) > 0);
    await t.gql(DeleteUserDocument, { organizationId: org.id, id: user.id }, org.key);
    await assertLogoutToken(user.id);
    assert.equal(await count(user.id), 0);
  });

  test('a refused logout request (a post_logout_redirect_uri not registered, a bad id_token_hint) gets a sign-out error page, not a sign-in one', async () => {
    for (const query of [`client_id=${clientId}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, 'id_token_hint=abc']) {
      const res = await fetch(`${config.serverMetadata().end_session_endpoint}?${query}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      const text = await res.text();
      assert.equal(res.status, 400);
      assert.match(text, /<title>Sign-out could not be completed<\/title>/, text.slice(0, 300));
      assert.match(text, /invalid_request/);
    }
  });
});

describe('OpenID Connect back-channel logout: the address connected to', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(); // WEBHOOK_ALLOW_INSECURE_URLS off: https to public addresses only
  });
  after(async () => {
    await t?.stop();
  });

  test('DNS rebinding: a back-channel URI whose name resolves to a public address when checked and to 127.0.0.1 when connecting is refused at connect, never reached', async () => {
    const resolver = rebindingDns('rebind.test', '93.184.215.14', '127.0.0.1');
    let reached = 0;
    const internal = net.createServer((socket) => {
      reached++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const org = await createOrg(t);
      const port = (internal.address() as AddressInfo).port;
      const { clientId } = (
        await t.gql<any, any>(CREATE_CLIENT, {
          input: { name: 'Rebound', redirectUris: ['https://app.example/cb'], backchannelLogoutUri: `https://rebind.test:${port}/backchannel` },
        })
      ).createOidcClient;
      // the provider's signing keys are made on its first use (the token is signed before the send)
      const discovery = (await (await fetch(`${t.url}/oidc/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
      assert.equal((await fetch(discovery.jwks_uri)).status, 200);
      // a logout to deliver, as ending a user's provider state queues it
      const { rows } = await db.query<{ id: string }>(
        `insert into oidc_logout_deliveries (id, client_id, user_id, organization_id, issuer, sid, reason, status, attempts, next_attempt_at, created_at, updated_at)
         values (gen_random_uuid(), $1, gen_random_uuid(), $2, $3, null, 'test', 'PENDING', 0, now(), now(), now()) returning id`,
        [clientId, org.id, `${t.url}/oidc`],
      );
      let row: { attempts: number; last_error: string | null; status: string } | undefined;
      for (const end = Date.now() + 15_000; !row?.attempts; await new Promise((r) => setTimeout(r, 100))) {
        assert.ok(Date.now() < end, 'no attempt within 15 s');
        row = (await db.query('select attempts, last_error, status from oidc_logout_deliveries where id = $1', [rows[0]!.id])).rows[0];
      }
      assert.equal(row!.status, 'PENDING', 'retried later like any failed attempt');
      assert.equal(resolver.answers[0], '93.184.215.14', 'the check before the send was answered with a public address');
      assert.equal(reached, 0, 'no connection reached 127.0.0.1');
      assert.match(row!.last_error ?? '', /^refused when connecting: rebind\.test resolves to a non-public address \(WEBHOOK_ALLOW_INSECURE_URLS is off\)$/);
    } finally {
      resolver.restore();
      await db.end();
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });
});

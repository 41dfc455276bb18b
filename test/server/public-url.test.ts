/**
 * PUBLIC_URL as an operator writes it (README "Configuration"): with a default port, capitals, a
 * trailing slash or stray whitespace (a value pasted into a secret), every URL the service writes is
 * still the one clients compare with: the OpenID Connect issuer, which OIDC client libraries (Spring
 * Security's issuer-uri, among others) compare exactly, and the SAML SP entity ID and ACS URL. A
 * query, a fragment or credentials have no place in a base URL: the start stops, naming PUBLIC_URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { startTestServer, type TestServer } from '../helpers/harness.js';

describe('PUBLIC_URL', () => {
  test('is kept as scheme://host[:port][/path]: lower-case origin, no default port, no trailing slash or whitespace', () => {
    for (const [given, kept] of [
      ['https://id.example.com', 'https://id.example.com'],
      ['https://id.example.com/', 'https://id.example.com'],
      ['https://id.example.com:443', 'https://id.example.com'],
      ['http://id.example.com:80/', 'http://id.example.com'],
      ['HTTPS://ID.Example.COM/', 'https://id.example.com'],
      [' https://id.example.com/idm/ \n', 'https://id.example.com/idm'],
      ['https://id.example.com:8443/idm', 'https://id.example.com:8443/idm'],
    ]) {
      assert.equal(loadConfig({ PUBLIC_URL: given }).publicUrl, kept, JSON.stringify(given));
    }
  });

  test('with a query, a fragment or credentials: a configuration error naming PUBLIC_URL', () => {
    for (const given of ['https://id.example.com/?x=1', 'https://id.example.com/#top', 'https://user:pw@id.example.com', 'ftp://id.example.com']) {
      assert.throws(
        () => loadConfig({ PUBLIC_URL: given }),
        (e: Error) => e instanceof ConfigError && /^PUBLIC_URL /.test(e.message),
        given,
      );
    }
  });

  describe('written with a default port, capitals and a trailing slash', () => {
    let t: TestServer;
    before(async () => (t = await startTestServer({ env: { PUBLIC_URL: 'HTTPS://Id.Example.TEST:443/ ' } })));
    after(async () => await t?.stop());

    test('the OpenID Connect issuer and its endpoints are the URL clients are configured with', async () => {
      const m = (await (await fetch(`${t.url}/oidc/.well-known/openid-configuration`)).json()) as Record<string, string>;
      assert.equal(m.issuer, 'https://id.example.test/oidc');
      assert.equal(m.token_endpoint, 'https://id.example.test/oidc/token');
    });

    test("an https PUBLIC_URL makes the OpenID Connect provider's cookies Secure, as idm_session is, also without TRUST_PROXY (a proxy that sends no X-Forwarded-Proto)", async () => {
      const c = (
        await t.gql<any, any>(`mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId } }`, {
          input: { name: 'App', redirectUris: ['https://app.example.com/cb'] },
        })
      ).createOidcClient;
      const q = new URLSearchParams({
        client_id: c.clientId,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: 'https://app.example.com/cb',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const r = await fetch(`${t.url}/oidc/auth?${q}`, { redirect: 'manual' });
      assert.equal(r.status, 303);
      const cookies = r.headers.getSetCookie();
      assert.ok(
        cookies.some((c) => c.startsWith('_interaction=')),
        cookies.join('\n'),
      );
      for (const cookie of cookies) assert.match(cookie, /;\s*secure/i, cookie.replace(/=[^;]*/, '=…'));
    });
  });
});

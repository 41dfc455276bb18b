/**
 * The operator's request log (README `LOG_LEVEL`: one line per request) names the path a request
 * came in on, also for the requests the adapter hands to oidc-provider (which it re-addresses under
 * the provider's mount point): `/oidc/token`, not `/token`; `/oidc/auth`, not `/auth` (a path this
 * service serves itself, `/auth/session`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';

describe('OpenID Connect requests in the request log', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'info' } });
  });
  after(async () => {
    await t?.stop();
    logs.restore();
  });

  test('discovery, authorization and token requests are logged with their /oidc path', async () => {
    const requests: Array<[string, RequestInit, string]> = [
      ['/oidc/.well-known/openid-configuration', {}, 'GET'],
      ['/oidc/auth?client_id=nobody&response_type=code&scope=openid', { redirect: 'manual' }, 'GET'],
      [
        '/oidc/token',
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=x&client_id=nobody' },
        'POST',
      ],
    ];
    for (const [path, init, method] of requests) {
      const res = await fetch(`${t.url}${path}`, init);
      await res.text();
      const line = logs.of(res.headers.get('x-request-id')).find((l) => l.msg === 'request');
      assert.deepEqual([line?.method, line?.path, line?.status], [method, path.split('?')[0], res.status], JSON.stringify(line));
    }
  });

  test("a refusal names its OAuth error in the log under the request's id: wrong redirect_uri, unknown client, bad secret, unknown refresh token", async () => {
    const c = (
      await t.gql<any, any>(`mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`, {
        input: { name: 'App', redirectUris: ['https://app.example.com/cb'] },
      })
    ).createOidcClient;
    const basic = (secret: string) => `Basic ${Buffer.from(`${c.clientId}:${secret}`).toString('base64')}`;
    const token = (secret: string, body: string) =>
      fetch(`${t.url}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(secret) },
        body,
      });
    const cases: Array<[Promise<Response>, string]> = [
      [fetch(`${t.url}/oidc/auth?client_id=${c.clientId}&response_type=code&scope=openid&redirect_uri=https://evil.example/cb`), 'invalid_redirect_uri'],
      [fetch(`${t.url}/oidc/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=https://app.example.com/cb`), 'invalid_client'],
      [token('wrong', 'grant_type=refresh_token&refresh_token=x'), 'invalid_client'],
      [token(c.clientSecret, 'grant_type=refresh_token&refresh_token=x'), 'invalid_grant'],
    ];
    for (const [request, error] of cases) {
      const res = await request;
      await res.text();
      const lines = logs.of(res.headers.get('x-request-id'));
      const refused = lines.find((l) => l.msg === 'OIDC request refused');
      assert.equal(refused?.reason, error, JSON.stringify(lines));
      assert.equal(refused?.status, res.status);
      assert.equal(refused?.level, 'warn');
    }
  });
});

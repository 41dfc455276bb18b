/**
 * Rate limit of the OpenID Connect endpoints (README §Configuration, docs/OIDC.md "Rate limits"): a
 * token bucket per client IP for the browser endpoints (OIDC_RATE_LIMIT/OIDC_RATE_BURST: authorization,
 * interaction pages, end session) and another for the back channel (OIDC_TOKEN_RATE_LIMIT/_BURST:
 * token, userinfo, revocation); discovery and JWKS are not limited. Beyond the burst: 429 with
 * Retry-After, an HTML page for a browser, the OAuth JSON error `temporarily_unavailable` on the back
 * channel (which openid-client surfaces as such); nothing is looked up or stored; the bucket refills.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as client from 'openid-client';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { loadConfig } from '../../src/server/config.js';

const BURST = 3;
const CREATE_CLIENT = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret } }`;
const REDIRECT_URI = 'http://127.0.0.1:9/cb';

interface Result {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  requestId: string | null;
  text: string;
}

/** One request from client `ip` (X-Forwarded-For, trusted with TRUST_PROXY=true), no redirect followed. */
async function request(url: string, ip: string, init: RequestInit = {}): Promise<Result> {
  const res = await fetch(url, { redirect: 'manual', ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'x-forwarded-for': ip } });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    contentType: res.headers.get('content-type'),
    requestId: res.headers.get('x-request-id'),
    text: await res.text(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OIDC rate limit per client IP (behind a proxy: TRUST_PROXY=true)', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let clientId: string;
  let clientSecret: string;
  let issuer: string;

  const interactions = async () => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      return (await c.query<{ n: number }>(`select count(*)::int as n from oidc_payloads where model = 'Interaction'`)).rows[0]!.n;
    } finally {
      await c.end();
    }
  };
  const authUrl = () =>
    `${issuer}/auth?${new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT_URI, organization: 'acme' })}`;

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({
      env: {
        LOG_LEVEL: 'warn',
        TRUST_PROXY: 'true',
        OIDC_RATE_LIMIT: '1',
        OIDC_RATE_BURST: String(BURST),
        OIDC_TOKEN_RATE_LIMIT: '1',
        OIDC_TOKEN_RATE_BURST: String(BURST),
      },
    });
    const created = (await t.gql<any, any>(CREATE_CLIENT, { input: { name: 'Host App', redirectUris: [REDIRECT_URI] } })).createOidcClient;
    clientId = created.clientId;
    clientSecret = created.clientSecret;
    issuer = `${t.url}/oidc`;
  });
  after(async () => {
    await t?.stop();
    logs.restore();
  });

  test('authorization: the burst passes, beyond it a 429 page with Retry-After that stores nothing; another IP has its own bucket; it refills', async () => {
    const ip = '203.0.113.40';
    const before = await interactions();
    for (let i = 0; i < BURST; i++) {
      const r = await request(authUrl(), ip);
      assert.equal(r.status, 303, `request ${i + 1} of the burst: ${r.status} ${r.text.slice(0, 200)}`);
    }
    assert.equal(await interactions(), before + BURST);
    const refused = await request(authUrl(), ip);
    assert.equal(refused.status, 429);
    assert.match(refused.retryAfter ?? '', /^[1-9]\d*$/, `Retry-After in whole seconds: ${refused.retryAfter}`);
    assert.match(refused.contentType ?? '', /^text\/html/);
    assert.match(refused.text, /<title>Too many sign-in attempts<\/title>/);
    assert.match(refused.text, new RegExp(`Please try again in ${refused.retryAfter} seconds?\\.`));
    assert.ok(refused.text.includes(refused.requestId!), 'the page quotes the reference');
    assert.equal(await interactions(), before + BURST, 'the refused request started no interaction');
    const line = logs.of(refused.requestId).find((l) => l.msg === 'OIDC request refused');
    assert.equal(line?.reason, 'request.rateLimited');
    assert.equal(line?.ip, ip);

    // the interaction pages share the browser bucket
    assert.equal((await request(`${issuer}/interaction/abc`, ip)).status, 429);
    // discovery and JWKS are not limited
    for (let i = 0; i < BURST + 2; i++) {
      assert.equal((await request(`${issuer}/.well-known/openid-configuration`, ip)).status, 200);
      assert.equal((await request(`${issuer}/jwks`, ip)).status, 200);
    }
    // another client IP: its own bucket
    assert.equal((await request(authUrl(), '203.0.113.41')).status, 303);

    // one token a second: after Retry-After, the next request passes again
    await sleep(Number(refused.retryAfter) * 1000 + 100);
    assert.equal((await request(authUrl(), ip)).status, 303, 'recovered after Retry-After');
  });

  test('token endpoint: beyond the burst 429 with Retry-After and {"error":"temporarily_unavailable"}, which openid-client reports as such; it refills', async () => {
    const ip = '198.51.100.50';
    const config = await client.discovery(new URL(issuer), clientId, clientSecret, client.ClientSecretBasic(clientSecret), {
      execute: [client.allowInsecureRequests],
    });
    // the host application's server, as seen through the proxy
    config[client.customFetch] = (url, options) =>
      fetch(url, { ...options, headers: { ...(options.headers as Record<string, string>), 'x-forwarded-for': ip } });
    const refresh = () => client.refreshTokenGrant(config, 'not-a-refresh-token');
    for (let i = 0; i < BURST; i++) {
      await assert.rejects(
        refresh(),
        (e: client.ResponseBodyError) => e.error === 'invalid_grant' && e.status === 400,
        `request ${i + 1} of the burst reaches the provider`,
      );
    }
    await assert.rejects(refresh(), (e: client.ResponseBodyError) => {
      assert.equal(e.status, 429);
      assert.equal(e.error, 'temporarily_unavailable');
      assert.match(e.response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(e.response.headers.get('cache-control'), 'no-store');
      return true;
    });
    // userinfo and revocation share the back-channel bucket; the browser bucket of this IP is untouched
    const me = await request(`${issuer}/me`, ip, { headers: { authorization: 'Bearer x' } });
    assert.equal(me.status, 429);
    assert.equal((JSON.parse(me.text) as { error: string }).error, 'temporarily_unavailable');
    assert.equal((await request(authUrl(), ip)).status, 303, 'the browser endpoints have their own bucket');

    await sleep(1100);
    await assert.rejects(refresh(), (e: client.ResponseBodyError) => e.error === 'invalid_grant', 'recovered: the provider answers again');
  });

  test('configuration: defaults, 0 turns a limit off', () => {
    const c = loadConfig({});
    assert.deepEqual([c.oidcRateLimit, c.oidcRateBurst, c.oidcTokenRateLimit, c.oidcTokenRateBurst], [60, 300, 200, 1000]);
    const off = loadConfig({ OIDC_RATE_LIMIT: '0', OIDC_TOKEN_RATE_LIMIT: '0' });
    assert.deepEqual([off.oidcRateLimit, off.oidcTokenRateLimit], [0, 0]);
  });
});

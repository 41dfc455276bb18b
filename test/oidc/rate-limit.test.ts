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

  // Requests of a burst are sent at once. The bucket refills one token a second and counts a request
  // when the server gets to it, which on a busy machine can be a second or more after the first: so
  // what passes is the burst plus at most one token per second the batch took (`allowed`).
  const allowed = (startedAt: number) => BURST + Math.ceil((Date.now() - startedAt) / 1000);

  test('authorization and interaction pages: the burst passes, beyond it a 429 page with Retry-After that stores nothing; another IP has its own bucket; it refills', async () => {
    const ip = '203.0.113.40';
    const before = await interactions();
    // BURST + 1 authorization requests and 4 interaction pages from one address, at once
    const sent = [...Array.from({ length: BURST + 1 }, () => authUrl()), ...Array.from({ length: 4 }, (_, i) => `${issuer}/interaction/abc${i}`)];
    const startedAt = Date.now();
    const results = await Promise.all(sent.map((u) => request(u, ip)));
    const most = allowed(startedAt);
    const passed = results.filter((r) => r.status !== 429);
    const refused = results.filter((r) => r.status === 429);
    const statuses = results.map((r) => r.status).join(',');
    assert.ok(passed.length >= BURST && passed.length <= most, `the burst passes, the rest is refused (the interaction pages count too): ${statuses}`);
    assert.ok(refused.length >= 1, statuses);
    for (const [i, r] of results.entries()) if (r.status !== 429) assert.equal(r.status, i <= BURST ? 303 : 400, r.text.slice(0, 200));
    const started = results.slice(0, BURST + 1).filter((r) => r.status === 303).length;
    assert.equal(await interactions(), before + started, 'only the authorization requests let through started an interaction');
    for (const r of refused) {
      assert.match(r.retryAfter ?? '', /^[1-9]\d*$/, `Retry-After in whole seconds: ${r.retryAfter}`);
      assert.match(r.contentType ?? '', /^text\/html/);
      assert.match(r.text, /<title>Too many sign-in attempts<\/title>/);
      assert.match(r.text, new RegExp(`Please try again in ${r.retryAfter} seconds?\\.`));
      assert.ok(r.text.includes(r.requestId!), 'the page quotes the reference');
      const line = logs.of(r.requestId).find((l) => l.msg === 'OIDC request refused');
      assert.equal(line?.reason, 'request.rateLimited');
      assert.equal(line?.ip, ip);
    }

    // discovery and JWKS are not limited
    const free = await Promise.all(
      Array.from({ length: BURST + 2 }, (_, i) => request(i % 2 ? `${issuer}/jwks` : `${issuer}/.well-known/openid-configuration`, ip)),
    );
    assert.deepEqual(
      free.map((r) => r.status),
      Array<number>(BURST + 2).fill(200),
    );
    // another client IP: its own bucket
    assert.equal((await request(authUrl(), '203.0.113.41')).status, 303);

    // one token a second: after Retry-After, the next request passes again
    await sleep(Number(refused[0]!.retryAfter) * 1000 + 100);
    assert.equal((await request(authUrl(), ip)).status, 303, 'recovered after Retry-After');
  });

  test('token endpoint and userinfo: beyond the burst 429 with Retry-After and {"error":"temporarily_unavailable"}, which openid-client reports as such; it refills', async () => {
    const ip = '198.51.100.50';
    const config = await client.discovery(new URL(issuer), clientId, clientSecret, client.ClientSecretBasic(clientSecret), {
      execute: [client.allowInsecureRequests],
    });
    // the host application's server, as seen through the proxy
    config[client.customFetch] = (url, options) =>
      fetch(url, { ...options, headers: { ...(options.headers as Record<string, string>), 'x-forwarded-for': ip } });
    const refresh = () => client.refreshTokenGrant(config, 'not-a-refresh-token');
    // BURST + 1 refreshes and 4 userinfo calls at once: the burst reaches the provider
    const startedAt = Date.now();
    const [refreshes, userinfo] = await Promise.all([
      Promise.allSettled(Array.from({ length: BURST + 1 }, () => refresh())),
      Promise.all([0, 1, 2, 3].map(() => request(`${issuer}/me`, ip, { headers: { authorization: 'Bearer x' } }))),
    ]);
    const most = allowed(startedAt);
    const errors = refreshes.map((r) => (r.status === 'rejected' ? (r.reason as client.ResponseBodyError) : null));
    assert.ok(
      errors.every((e) => e instanceof client.ResponseBodyError),
      String(errors.find((e) => !(e instanceof client.ResponseBodyError))),
    );
    const limited = errors.filter((e) => e!.status === 429);
    const answered = errors.filter((e) => e!.status !== 429);
    for (const e of answered) assert.equal(e!.error, 'invalid_grant', 'let through: the provider answers');
    for (const e of limited) {
      assert.equal(e!.error, 'temporarily_unavailable');
      assert.match(e!.response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(e!.response.headers.get('cache-control'), 'no-store');
    }
    for (const r of userinfo) {
      if (r.status === 429) assert.equal((JSON.parse(r.text) as { error: string }).error, 'temporarily_unavailable');
      else assert.equal(r.status, 401, 'let through: the provider refuses the token');
    }
    const passed = answered.length + userinfo.filter((r) => r.status !== 429).length;
    const statuses = `${errors.map((e) => e!.status)} ${userinfo.map((r) => r.status)}`;
    assert.ok(passed >= BURST && passed <= most, `the burst passes, the rest is refused (userinfo counts too): ${statuses}`);
    assert.ok(limited.length + userinfo.filter((r) => r.status === 429).length >= 1, statuses);
    assert.equal((await request(authUrl(), ip)).status, 303, 'the browser endpoints have their own bucket');

    await sleep(1100);
    await assert.rejects(refresh(), (e: client.ResponseBodyError) => e.error === 'invalid_grant', 'recovered: the provider answers again');
  });

  test("pushed authorization requests (discovery's pushed_authorization_request_endpoint) are the back channel: beyond its burst the OAuth JSON error openid-client reads, not the browser's page", async () => {
    const ip = '198.51.100.60';
    const config = await client.discovery(new URL(issuer), clientId, clientSecret, client.ClientSecretBasic(clientSecret), {
      execute: [client.allowInsecureRequests],
    });
    assert.equal(config.serverMetadata().pushed_authorization_request_endpoint, `${issuer}/request`);
    config[client.customFetch] = (url, options) =>
      fetch(url, { ...options, headers: { ...(options.headers as Record<string, string>), 'x-forwarded-for': ip } });
    const par = () => client.buildAuthorizationUrlWithPAR(config, { redirect_uri: REDIRECT_URI, scope: 'openid', organization: 'acme' });
    const results = await Promise.allSettled(Array.from({ length: BURST + 3 }, () => par()));
    const limited = results.filter((r) => r.status === 'rejected');
    assert.ok(limited.length >= 1, 'beyond the burst');
    for (const r of limited) {
      const e = (r as PromiseRejectedResult).reason as client.ResponseBodyError;
      assert.ok(e instanceof client.ResponseBodyError, String(e));
      assert.equal(e.status, 429);
      assert.equal(e.error, 'temporarily_unavailable');
    }
    assert.ok(
      results.some((r) => r.status === 'fulfilled'),
      'the burst gets its request_uri',
    );
    assert.equal((await request(authUrl(), ip)).status, 303, 'the browser endpoints have their own bucket');
  });

  test('configuration: defaults, 0 turns a limit off', () => {
    const c = loadConfig({});
    assert.deepEqual([c.oidcRateLimit, c.oidcRateBurst, c.oidcTokenRateLimit, c.oidcTokenRateBurst], [60, 300, 200, 1000]);
    const off = loadConfig({ OIDC_RATE_LIMIT: '0', OIDC_TOKEN_RATE_LIMIT: '0' });
    assert.deepEqual([off.oidcRateLimit, off.oidcTokenRateLimit], [0, 0]);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const DASH = 'https://dash.example.com';

const preflight = (url: string, origin: string, path = '/graphql') =>
  fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

const query = (url: string, origin: string, key?: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: '{ viewer { kind } }' }),
  });

describe('CORS for browser dashboards on /graphql (CORS_ORIGINS)', () => {
  let listed: TestServer;
  let none: TestServer;
  let anyOrigin: TestServer;
  let org: OrgFixture;
  before(async () => {
    listed = await startTestServer({ env: { CORS_ORIGINS: `${DASH}, http://localhost:5173/` } });
    none = await startTestServer();
    anyOrigin = await startTestServer({ env: { CORS_ORIGINS: '*' } });
    org = await createOrg(listed);
  });
  after(async () => {
    await listed?.stop();
    await none?.stop();
    await anyOrigin?.stop();
  });

  test('a listed origin gets its preflight answered and can read answers, errors included', async () => {
    for (const origin of [DASH, 'http://localhost:5173']) {
      const pre = await preflight(listed.url, origin);
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), origin);
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /authorization/i);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null); // bearer keys, never cookies
      assert.match(pre.headers.get('vary') ?? '', /origin/i);
    }
    const ok = await query(listed.url, DASH, org.key);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { data: { viewer: { kind: 'API_KEY' } } });
    assert.equal(ok.headers.get('access-control-allow-origin'), DASH);
    assert.match(ok.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
    // the page can read why it was refused
    const refused = await query(listed.url, DASH);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), DASH);
  });

  test('an origin not listed is refused at the preflight and gets no CORS header', async () => {
    for (const t of [listed, none]) {
      const pre = await preflight(t.url, 'https://evil.example');
      assert.equal(pre.status, 403);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
      assert.match(((await pre.json()) as { error: string }).error, /CORS_ORIGINS/);
      const res = await query(t.url, 'https://evil.example', org.key);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
    // a prefix or a subdomain of a listed origin is another origin
    for (const origin of [`${DASH}.evil.example`, 'https://x.dash.example.com', 'http://dash.example.com']) {
      assert.equal((await preflight(listed.url, origin)).status, 403, origin);
    }
  });

  test('* allows any origin; SCIM and SAML paths never get CORS headers', async () => {
    const pre = await preflight(anyOrigin.url, 'https://anything.example');
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    const scim = await preflight(anyOrigin.url, 'https://anything.example', '/scim/v2/Users');
    assert.equal(scim.headers.get('access-control-allow-origin'), null);
    const scimGet = await fetch(`${anyOrigin.url}/scim/v2/Users`, {
      headers: { origin: 'https://anything.example', authorization: `Bearer ${org.scimToken}` },
    });
    assert.equal(scimGet.headers.get('access-control-allow-origin'), null);
  });

  test('CORS_ORIGINS must hold origins as browsers send them', () => {
    assert.deepEqual(loadConfig({ CORS_ORIGINS: `${DASH}/, *` }).corsOrigins, [DASH, '*']);
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    for (const bad of ['dash.example.com', `${DASH}/app`, 'https://Dash.example.com', 'https://dash.example.com:443', 'ftp://dash.example.com']) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), ConfigError, bad);
    }
  });
});

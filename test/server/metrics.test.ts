/**
 * Prometheus metrics at /metrics (issue #20): each server instance counts on a registry of its own;
 * HTTP requests by route template, GraphQL operations by name, SCIM requests by resource and IdP,
 * SAML ACS outcomes and rejections, pool gauges; METRICS_TOKEN guards the endpoint.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, postAcs } from '../helpers/saml-sp.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const TOKEN = 'metrics-token-0123456789abcdef';

/** One sample of the text exposition: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of the sample with exactly these labels (0 when it is not there yet: a counter not yet incremented). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels);
  const s = samples.find((x) => x.name === name && Object.keys(x.labels).length === want.length && want.every(([k, v]) => x.labels[k] === v));
  return s?.value ?? 0;
}

async function scrape(url: string, token?: string): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

describe('Prometheus metrics at /metrics', () => {
  let t: TestServer;
  let other: TestServer;
  let org: OrgFixture;
  const idp = new TestIdp();

  before(async () => {
    t = await startTestServer();
    other = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
    org = await createOrg(t);
    await connectIdp(t, org, idp);
  });
  after(async () => {
    await t?.stop();
    await other?.stop();
  });

  test('a SCIM create and lookup are counted by resource, method, status and IdP, and as HTTP requests by route template', async () => {
    const before = await scrape(t.url);
    const scim = scimClient(t, org.scimToken);
    const okta = { 'user-agent': 'Okta SCIM Client 1.0.0' };
    const created = await scim.post(
      '/Users',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'metrics.user@example.com', active: true },
      okta,
    );
    assert.equal(created.status, 201);
    assert.equal((await scim.get(`/Users/${created.body.id}`, okta)).status, 200);
    assert.equal((await scim.get('/Users/00000000-0000-0000-0000-000000000000', { 'user-agent': 'Microsoft.Identity.ScimProvisioning' })).status, 404);
    assert.equal((await scim.get('/ServiceProviderConfig')).status, 200);
    const after = await scrape(t.url);
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);

    assert.equal(delta('idm_scim_requests_total', { resource: 'Users', method: 'POST', status: '201', idp: 'okta' }), 1);
    assert.equal(delta('idm_scim_requests_total', { resource: 'Users', method: 'GET', status: '200', idp: 'okta' }), 1);
    assert.equal(delta('idm_scim_requests_total', { resource: 'Users', method: 'GET', status: '404', idp: 'entra' }), 1);
    assert.equal(delta('idm_scim_requests_total', { resource: 'discovery', method: 'GET', status: '200', idp: 'other' }), 1);
    // HTTP: the route template, never the raw path (no label per user id)
    assert.equal(delta('idm_http_requests_total', { method: 'GET', route: '/scim/v2/Users/:id', status: '200' }), 1);
    assert.equal(delta('idm_http_requests_total', { method: 'POST', route: '/scim/v2/Users', status: '201' }), 1);
    assert.ok(!after.some((s) => s.labels.route?.includes(created.body.id)), 'no raw path as a route label');
    // the SCIM create ran its GraphQL mutation in-process
    assert.ok(delta('idm_graphql_operations_total', { operation_type: 'mutation', operation_name: 'ScimProvisionUser', via: 'in-process' }) >= 1);
    // the histogram: buckets, sum and count for the route
    const route = { method: 'GET', route: '/scim/v2/Users/:id' };
    assert.ok(after.some((s) => s.name === 'idm_http_request_duration_seconds_bucket' && s.labels.route === route.route && s.labels.le === '0.005'));
    assert.ok(delta('idm_http_request_duration_seconds_bucket', { ...route, le: '+Inf' }) >= 1);
    assert.ok(delta('idm_http_request_duration_seconds_count', route) >= 1);
    assert.ok(value(after, 'idm_http_request_duration_seconds_sum', route) > 0);
    // an unmatched path is one label, whatever the path
    const r = await fetch(`${t.url}/no/such/path/${created.body.id}`);
    assert.equal(r.status, 404);
    assert.equal(
      value(await scrape(t.url), 'idm_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }) -
        value(after, 'idm_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
      1,
    );
  });

  test('the route is the template of the route served, also for a request its router refused before it (401, 429) and for OpenID Connect', async () => {
    const before = await scrape(t.url);
    const id = '00000000-0000-0000-0000-000000000000';
    // refused by the SCIM router's authentication, and by the audit router's
    assert.equal((await fetch(`${t.url}/scim/v2/Users/${id}`, { headers: { authorization: 'Bearer no-such-token' } })).status, 401);
    assert.equal((await fetch(`${t.url}/audit/v1/organizations/${org.id}/events.ndjson`)).status, 401);
    // OpenID Connect: its pages and the provider's endpoints
    assert.equal((await fetch(`${t.url}/oidc/.well-known/openid-configuration`)).status, 200);
    assert.equal((await fetch(`${t.url}/oidc/token`, { method: 'POST' })).status, 400);
    assert.equal((await fetch(`${t.url}/oidc/interaction/abc123`)).status, 400);
    assert.equal((await fetch(`${t.url}/oidc/no/such/${id}`)).status, 404);
    // the admin console (built or not: 200 or 503) and a missing asset of it
    await (await fetch(`${t.url}/admin/users/${id}`)).text();
    assert.equal((await fetch(`${t.url}/admin/assets/no-such-${id}.js`)).status, 404);
    const after = await scrape(t.url);
    const delta = (labels: Record<string, string>) => value(after, 'idm_http_requests_total', labels) - value(before, 'idm_http_requests_total', labels);
    assert.equal(delta({ method: 'GET', route: '/scim/v2/Users/:id', status: '401' }), 1);
    assert.equal(delta({ method: 'GET', route: '/audit/v1/organizations/:id/events.ndjson', status: '401' }), 1);
    assert.equal(delta({ method: 'GET', route: '/oidc/.well-known/openid-configuration', status: '200' }), 1);
    assert.equal(delta({ method: 'POST', route: '/oidc/token', status: '400' }), 1);
    assert.equal(delta({ method: 'GET', route: '/oidc/interaction/:uid', status: '400' }), 1);
    assert.equal(delta({ method: 'GET', route: 'unmatched', status: '404' }), 1);
    assert.equal(
      after.filter((s) => s.name === 'idm_http_requests_total' && s.labels.route === '/admin/*').reduce((n, s) => n + s.value, 0) -
        before.filter((s) => s.name === 'idm_http_requests_total' && s.labels.route === '/admin/*').reduce((n, s) => n + s.value, 0),
      1,
    );
    assert.equal(delta({ method: 'GET', route: '/admin/assets/:file', status: '404' }), 1);
    // no router's internal pattern (`/scim/v2(?:\/|$)`) as a route
    const routes = new Set(after.filter((s) => s.name === 'idm_http_requests_total').map((s) => s.labels.route!));
    assert.ok(![...routes].some((r) => r.includes('(')), [...routes].join(' '));
  });

  test('GraphQL operations over HTTP are counted by type and name (anonymous, capped), and their errors by code', async () => {
    const before = await scrape(t.url);
    await t.gql('query MetricsViewer { viewer { kind } }', {}, org.key);
    await t.gql('{ viewer { kind } }', {}, org.key);
    const longName = `Q${'x'.repeat(70)}`;
    await t.gql(`query ${longName} { viewer { kind } }`, {}, org.key);
    const bad = await t.raw('query Broken { noSuchField }', {}, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    const after = await scrape(t.url);
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    assert.equal(delta('idm_graphql_operations_total', { operation_type: 'query', operation_name: 'MetricsViewer', via: 'http' }), 1);
    assert.equal(delta('idm_graphql_operations_total', { operation_type: 'query', operation_name: 'anonymous', via: 'http' }), 1);
    assert.equal(delta('idm_graphql_operations_total', { operation_type: 'query', operation_name: 'other', via: 'http' }), 1);
    assert.ok(!after.some((s) => s.labels.operation_name === longName));
    assert.equal(delta('idm_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }), 1);
    assert.equal(delta('idm_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }), 3);
  });

  test('operation names a client chooses make at most 200 series per instance, the rest count as other; the adapters keep theirs', async () => {
    const before = await scrape(t.url);
    // a key holder naming every request anew (a script, or on purpose) must not grow the server's
    // registry and Prometheus's series without end
    for (let i = 0; i < 250; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => t.gql(`query Churn${i + j} { viewer { kind } }`, {}, org.key)));
    }
    const after = await scrape(t.url);
    const clientNames = new Set(
      after
        .filter((s) => s.name === 'idm_graphql_operations_total' && s.labels.via !== 'in-process' && !['anonymous', 'other'].includes(s.labels.operation_name!))
        .map((s) => s.labels.operation_name),
    );
    assert.ok(clientNames.size <= 200, `${clientNames.size} client-chosen operation names`);
    assert.ok(clientNames.has('Churn0'), 'names seen first keep their series');
    const other = { operation_type: 'query', operation_name: 'other', via: 'http' };
    assert.ok(value(after, 'idm_graphql_operations_total', other) - value(before, 'idm_graphql_operations_total', other) >= 50);
    // every operation is still counted
    const total = (s: Sample[]) => s.filter((x) => x.name === 'idm_graphql_operations_total' && x.labels.via === 'http').reduce((n, x) => n + x.value, 0);
    assert.equal(total(after) - total(before), 250);
    // the adapters' own operations are named whatever clients sent before
    const scim = scimClient(t, org.scimToken);
    assert.equal((await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'after.churn@example.com' })).status, 201);
    assert.ok(
      value(await scrape(t.url), 'idm_graphql_operations_total', { operation_type: 'mutation', operation_name: 'ScimProvisionUser', via: 'in-process' }) >= 1,
    );
  });

  test('a SAML response that fails validation is counted as a rejected sign-in, by its reason', async () => {
    const before = await scrape(t.url);
    const r = await postAcs(t.url, org.slug, Buffer.from('<not xml').toString('base64'));
    assert.equal(r.status, 400);
    const after = await scrape(t.url);
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    assert.equal(delta('idm_saml_signins_total', { result: 'rejected' }), 1);
    assert.equal(delta('idm_saml_rejections_total', { reason: 'malformed' }), 1);
    assert.equal(delta('idm_saml_signins_total', { result: 'success' }), 0);
    assert.equal(delta('idm_http_requests_total', { method: 'POST', route: '/saml/:org/acs', status: '400' }), 1);
  });

  test('the database pool, the event bus and the process are measured', async () => {
    const s = await scrape(t.url);
    for (const state of ['in_use', 'idle', 'pending'])
      assert.ok(
        s.some((x) => x.name === 'idm_db_pool_connections' && x.labels.state === state),
        state,
      );
    // the pool has opened connections by now: in use or idle, at least one
    assert.ok(value(s, 'idm_db_pool_connections', { state: 'in_use' }) + value(s, 'idm_db_pool_connections', { state: 'idle' }) >= 1);
    const lag = s.find((x) => x.name === 'idm_event_bus_lag_seconds');
    assert.ok(lag && lag.value >= 0 && lag.value < 30, `event bus lag ${lag?.value}`);
    assert.ok(s.some((x) => x.name === 'idm_process_cpu_user_seconds_total'));
    assert.ok(s.some((x) => x.name === 'idm_nodejs_heap_size_used_bytes'));
  });

  test('METRICS_TOKEN: 401 without the token or with a wrong one, 200 with it', async () => {
    const none = await fetch(`${other.url}/metrics`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const wrong = await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    assert.equal(wrong.status, 401);
    const prefix = await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } });
    assert.equal(prefix.status, 401);
    const ok = await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /idm_http_requests_total/);
    // the server without a token serves it to anyone
    assert.equal((await fetch(`${t.url}/metrics`)).status, 200);
  });

  test('METRICS_TOKEN is refused at start when short or with spaces; unset means none', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), ConfigError);
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'has a space in it 0123456789' }), ConfigError);
    assert.equal(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken, TOKEN);
    assert.equal(loadConfig({}).metricsToken, undefined);
  });

  test('two servers in one process count separately', async () => {
    const mine = { method: 'GET', route: '/healthz', status: '200' };
    const [a0, b0] = [await scrape(t.url), await scrape(other.url, TOKEN)];
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    const [a1, b1] = [await scrape(t.url), await scrape(other.url, TOKEN)];
    assert.equal(value(a1, 'idm_http_requests_total', mine) - value(a0, 'idm_http_requests_total', mine), 3);
    assert.equal(value(b1, 'idm_http_requests_total', mine) - value(b0, 'idm_http_requests_total', mine), 0);
  });
});

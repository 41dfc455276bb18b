/**
 * Rate limit of the SAML browser endpoints (`/saml/{org}/metadata`, `/login`, `/acs`): a token bucket
 * per client IP (SAML_RATE_LIMIT per second, SAML_RATE_BURST), checked before anything else happens.
 * A refused request is a 429 error page with Retry-After and changes nothing. README §Configuration,
 * docs/SAML.md §Rejections.
 *
 * No test waits for a refill: a fresh bucket holds exactly the burst, so with 1 token per second,
 * requests sent at once (or right after one another) beyond the burst are refused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { assertRefused, connectIdp, postAcs, sessionOf, snapshot, startLogin, to, type HttpResult } from '../helpers/saml-sp.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { RateLimiter } from '../../src/shared/rate-limit.js';

const BURST = 3;
const xff = (ip: string) => ({ 'x-forwarded-for': ip });

/** Rows the SAML bookkeeping holds for the organization: stored AuthnRequests (and how many are used), replay-cache entries. */
async function samlRows(t: TestServer, org: OrgFixture): Promise<{ requests: number; consumed: number; usedAssertions: number }> {
  const db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  try {
    const r = await db.query<{ requests: number; consumed: number }>(
      'select count(*)::int as requests, count(consumed_at)::int as consumed from saml_authn_requests where organization_id = $1',
      [org.id],
    );
    const u = await db.query<{ n: number }>('select count(*)::int as n from saml_used_assertions where organization_id = $1', [org.id]);
    return { requests: r.rows[0]!.requests, consumed: r.rows[0]!.consumed, usedAssertions: u.rows[0]!.n };
  } finally {
    await db.end();
  }
}

interface Result extends HttpResult {
  retryAfter: string | null;
  cacheControl: string | null;
}

/** One request from client `ip` (as X-Forwarded-For: counts where the app trusts its proxy, TRUST_PROXY=true), no redirects followed. */
async function request(url: string, ip: string, init: RequestInit = {}): Promise<Result> {
  const res = await fetch(url, { redirect: 'manual', ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...xff(ip) } });
  const setCookies = res.headers.getSetCookie();
  const session = setCookies.find((c) => c.startsWith('idm_session='));
  return {
    status: res.status,
    location: res.headers.get('location'),
    sessionCookie: session === undefined ? null : session.slice('idm_session='.length).split(';')[0]!,
    setCookies,
    requestId: res.headers.get('x-request-id'),
    contentType: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    cacheControl: res.headers.get('cache-control'),
    text: await res.text(),
  };
}

const acsForm = (samlResponse: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ SAMLResponse: samlResponse }),
});

/** A refusal by the rate limit: 429, the SAML error page (reference, no cookie, no redirect), Retry-After in whole seconds, the same wait on the page. */
function assertRateLimited(r: Result): void {
  assertRefused(r, 429);
  assert.match(r.retryAfter ?? '', /^[1-9]\d*$/, `Retry-After is a whole number of seconds: ${r.retryAfter}`);
  assert.match(r.text, new RegExp(`Too many sign-in attempts from your address\\. Please try again in ${r.retryAfter} seconds?\\.`));
  assert.match(r.text, /<title>Too many sign-in attempts<\/title>/);
  assert.equal(r.cacheControl, 'no-store');
}

const sorted = (rs: Result[]) => rs.map((r) => r.status).sort((a, b) => a - b);

describe('SAML rate limit per client IP (behind a proxy: TRUST_PROXY=true)', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn', SAML_RATE_LIMIT: '1', SAML_RATE_BURST: String(BURST), TRUST_PROXY: 'true' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  const refusedReason = (requestId: string | null) => logs.of(requestId).find((l) => l.msg === 'SAML request refused');

  test('login: beyond the burst, 429 with Retry-After and the HTML error page; nothing is stored; another client IP is not limited', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const ip = '203.0.113.10';
    // the burst from one IP passes (sequentially, as a browser would)
    for (let i = 0; i < BURST; i++) await startLogin(t.url, org.slug, `/p${i}`, xff(ip));
    // the next request from that IP, right away: refused before anything is looked up or stored
    const r = await request(`${t.url}/saml/${org.slug}/login?returnTo=/p4`, ip);
    assertRateLimited(r);
    assert.equal((await samlRows(t, org)).requests, BURST, 'the burst stored its AuthnRequests, the refused login none');

    const line = refusedReason(r.requestId);
    assert.ok(line, 'a "SAML request refused" log line under the request id');
    assert.equal(line.level, 'warn');
    assert.equal(line.reason, 'request.rateLimited');
    assert.equal(line.status, 429);
    assert.equal(line.ip, ip);
    assert.equal(line.slug, org.slug);

    // another client IP has its own bucket
    const other = await startLogin(t.url, org.slug, '/other', xff('203.0.113.11'));
    assert.equal(other.http.status, 302);
    assert.equal((await samlRows(t, org)).requests, BURST + 1);
  });

  test('requests sent at once: exactly the burst passes, the rest are refused and store nothing', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const results = await Promise.all(Array.from({ length: BURST + 4 }, () => request(`${t.url}/saml/${org.slug}/login`, '198.51.100.20')));
    const statuses = sorted(results);
    assert.deepEqual(statuses, [...Array<number>(BURST).fill(302), ...Array<number>(4).fill(429)], statuses.join(','));
    for (const r of results.filter((x) => x.status === 429)) assertRateLimited(r);
    assert.equal((await samlRows(t, org)).requests, BURST);
  });

  test('acs (and metadata) share the bucket: a rate-limited ACS post consumes nothing, signs nobody in; the same response then works from another IP', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const browser = '192.0.2.30';
    const attacker = '192.0.2.31';
    const login = await startLogin(t.url, org.slug, '/landing', xff(browser));
    const response = idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'ada@example.com' }));
    const before = await snapshot(t, org);
    const rowsBefore = await samlRows(t, org);
    assert.deepEqual(rowsBefore, { requests: 1, consumed: 0, usedAssertions: 0 });

    // the attacker's IP spends its burst on metadata (a cheap endpoint in the same bucket)
    const meta = await Promise.all(Array.from({ length: BURST }, () => request(`${t.url}/saml/${org.slug}/metadata`, attacker)));
    assert.deepEqual(sorted(meta), Array<number>(BURST).fill(200));
    assertRateLimited(await request(`${t.url}/saml/${org.slug}/metadata`, attacker));

    const refused = await request(`${t.url}/saml/${org.slug}/acs`, attacker, acsForm(response));
    assertRateLimited(refused);
    assert.equal(refusedReason(refused.requestId)?.reason, 'request.rateLimited');
    assert.deepEqual(await samlRows(t, org), rowsBefore, 'AuthnRequest not consumed, no replay-cache entry');
    assert.deepEqual(await snapshot(t, org), before, 'no user created or changed, no event');

    // the response was not spent: posted from the browser's IP it signs in
    const ok = await postAcs(t.url, org.slug, response, undefined, xff(browser));
    assert.equal(ok.status, 303, ok.text);
    assert.equal(ok.location, '/landing');
    assert.equal((await sessionOf(t.url, ok.sessionCookie!)).body.user.userName, 'ada@example.com');
    assert.deepEqual(await samlRows(t, org), { requests: 1, consumed: 1, usedAssertions: 1 });
  });

  test('a client cannot escape by writing its own X-Forwarded-For entries: the address the nearest proxy appended counts', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const proxied = '192.0.2.60';
    // each request claims a different origin in front of the address the proxy appended
    const results = await Promise.all(Array.from({ length: BURST + 2 }, (_, i) => request(`${t.url}/saml/${org.slug}/login`, `10.9.8.${i}, ${proxied}`)));
    const statuses = sorted(results);
    assert.deepEqual(statuses, [...Array<number>(BURST).fill(302), 429, 429], statuses.join(','));
    const line = refusedReason(results.find((r) => r.status === 429)!.requestId);
    assert.equal(line?.ip, proxied);
  });

  test('IPv6: the addresses of one /64 (what one site or host is given) share a bucket; an IPv4-mapped address is its IPv4 one', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    // a client that writes a new address of its /64 for every request (it has 2^64 of them) is one client
    const results = [];
    for (let i = 1; i <= BURST + 1; i++) results.push(await request(`${t.url}/saml/${org.slug}/login`, `2001:db8:aa:bb::${i.toString(16)}`));
    assert.deepEqual(
      results.map((r) => r.status),
      [...Array<number>(BURST).fill(302), 429],
    );
    assertRateLimited(results.at(-1)!);
    // the same /64 spelled out in full, in capitals
    assertRateLimited(await request(`${t.url}/saml/${org.slug}/login`, '2001:DB8:AA:BB:1234:5678:9ABC:DEF0'));
    // another /64 has its own bucket
    assert.equal((await request(`${t.url}/saml/${org.slug}/login`, '2001:db8:aa:cc::1')).status, 302);
    // an IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 address, not the /64 of every IPv4 client
    for (let i = 0; i < BURST; i++) assert.equal((await request(`${t.url}/saml/${org.slug}/login`, '198.51.100.77')).status, 302);
    assertRateLimited(await request(`${t.url}/saml/${org.slug}/login`, '::ffff:198.51.100.77'));
    assert.equal((await request(`${t.url}/saml/${org.slug}/login`, '::ffff:198.51.100.78')).status, 302);
  });

  test("an address with the client's port (as Azure Application Gateway writes X-Forwarded-For) counts without it", async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    // each connection of the client comes from another port: a bucket per port limited nothing
    const results = [];
    for (let i = 0; i <= BURST; i++) results.push(await request(`${t.url}/saml/${org.slug}/login`, `203.0.113.90:${40000 + i}`));
    assert.deepEqual(
      results.map((r) => r.status),
      [...Array<number>(BURST).fill(302), 429],
    );
    assertRateLimited(await request(`${t.url}/saml/${org.slug}/login`, '203.0.113.90'));
    // an IPv6 address with a port is bracketed: its /64 counts
    assert.equal((await request(`${t.url}/saml/${org.slug}/login`, '[2001:db8:aa:dd::1]:40000')).status, 302);
    for (let i = 0; i < BURST - 1; i++) assert.equal((await request(`${t.url}/saml/${org.slug}/login`, `[2001:db8:aa:dd::${i + 2}]:4000${i}`)).status, 302);
    assertRateLimited(await request(`${t.url}/saml/${org.slug}/login`, '2001:db8:aa:dd::9'));
  });

  test('unknown organizations count too (the limit comes before the lookup)', async () => {
    const ip = '192.0.2.40';
    const results = await Promise.all(Array.from({ length: BURST + 1 }, () => request(`${t.url}/saml/no-such-org/login`, ip)));
    const statuses = sorted(results);
    assert.deepEqual(statuses, [...Array<number>(BURST).fill(404), 429], statuses.join(','));
  });
});

describe('RateLimiter', () => {
  test('forgets the least recently seen key past 10,000 keys, never everyone at once', () => {
    const limiter = new RateLimiter(1, 1);
    const now = 1_000_000;
    assert.equal(limiter.take('busy', now), 0);
    assert.ok(limiter.take('busy', now) > 0, 'the busy key has spent its burst');
    // 10,000 other keys, the busy one seen again in between: it stays the most recently used
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`k${i}`, now);
      if (i % 1000 === 0) assert.ok(limiter.take('busy', now) > 0, 'still limited while others come and go');
    }
    assert.ok(limiter.take('busy', now) > 0, 'its state survived 10,000 other keys');
    // the oldest keys were forgotten: k0 starts over with a full bucket
    assert.equal(limiter.take('k0', now), 0);
  });
});

describe('SAML_RATE_LIMIT=0: unlimited', () => {
  let t: TestServer;
  const idp = new TestIdp();
  before(async () => (t = await startTestServer({ env: { SAML_RATE_LIMIT: '0', SAML_RATE_BURST: '1' } })));
  after(() => t.stop());

  test('many requests at once from one IP all pass', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const n = 12;
    const results = await Promise.all(Array.from({ length: n }, () => request(`${t.url}/saml/${org.slug}/login`, '203.0.113.50')));
    assert.deepEqual(
      results.map((r) => r.status),
      Array<number>(n).fill(302),
    );
    assert.equal((await samlRows(t, org)).requests, n);
  });
});

describe('the default (TRUST_PROXY unset): a server that clients reach directly', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  before(async () => {
    logs = captureLogs();
    // the harness sets only what every test server needs; TRUST_PROXY is left to the default
    t = await startTestServer({ env: { LOG_LEVEL: 'warn', SAML_RATE_LIMIT: '1', SAML_RATE_BURST: String(BURST) } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  test('requests from one client, each with its own X-Forwarded-For, are limited together: the header chooses nothing', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const results = await Promise.all(Array.from({ length: BURST + 3 }, (_, i) => request(`${t.url}/saml/${org.slug}/login`, `198.51.100.${10 + i}`)));
    assert.deepEqual(sorted(results), [...Array<number>(BURST).fill(302), 429, 429, 429]);
    const line = logs.of(results.find((r) => r.status === 429)!.requestId).find((l) => l.msg === 'SAML request refused');
    assert.match(String(line?.ip), /^(::ffff:)?127\.0\.0\.1$/, 'the socket address counts');
  });

  test('X-Forwarded-Host and -Proto are ignored by default: URLs are built from the Host header', async () => {
    const org = await createOrg(t);
    const res = await fetch(`${t.url}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${org.scimToken}`,
        'content-type': 'application/scim+json',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'default@example.com' }),
    });
    const body = (await res.json()) as { id: string; meta: { location: string } };
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.meta.location, `${t.url}/scim/v2/Users/${body.id}`);
  });
});

describe('TRUST_PROXY=false: a server that clients reach directly', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn', SAML_RATE_LIMIT: '1', SAML_RATE_BURST: String(BURST), TRUST_PROXY: 'false' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  test('X-Forwarded-For is ignored: every request counts against the socket address, however it claims to come', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp);
    const results = await Promise.all(Array.from({ length: BURST + 2 }, (_, i) => request(`${t.url}/saml/${org.slug}/login`, `203.0.113.${100 + i}`)));
    assert.deepEqual(sorted(results), [...Array<number>(BURST).fill(302), 429, 429]);
    const line = logs.of(results.find((r) => r.status === 429)!.requestId).find((l) => l.msg === 'SAML request refused');
    assert.match(String(line?.ip), /^(::ffff:)?127\.0\.0\.1$/);
  });

  test('X-Forwarded-Host and -Proto are ignored: URLs are built from the Host header the client connected with', async () => {
    // SCIM (limited per token, not per IP: the test above spent this client IP's SAML bucket)
    const org = await createOrg(t);
    const res = await fetch(`${t.url}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${org.scimToken}`,
        'content-type': 'application/scim+json',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'proxy@example.com' }),
    });
    const body = (await res.json()) as { id: string; meta: { location: string } };
    assert.equal(res.status, 201, JSON.stringify(body));
    assert.equal(body.meta.location, `${t.url}/scim/v2/Users/${body.id}`);
    assert.equal(res.headers.get('location'), body.meta.location);
  });
});

describe('TRUST_PROXY=true: URLs come from what the nearest proxy appended', () => {
  let t: TestServer;
  const idp = new TestIdp();
  before(async () => (t = await startTestServer({ env: { SAML_RATE_LIMIT: '0', TRUST_PROXY: 'true' } })));
  after(() => t.stop());

  const scimCreate = async (org: OrgFixture, userName: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.scimToken}`, 'content-type': 'application/scim+json', ...headers },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
    });
    const body = (await res.json()) as { id: string; meta: { location: string } };
    assert.equal(res.status, 201, JSON.stringify(body));
    return body;
  };

  test("the last X-Forwarded-Host and -Proto count (a client's own value comes first in the list), and X-Forwarded-Port", async () => {
    const org = await createOrg(t);
    const a = await scimCreate(org, 'near1@example.com', { 'x-forwarded-host': 'evil.example, id.example.test', 'x-forwarded-proto': 'http, https' });
    assert.equal(a.meta.location, `https://id.example.test/scim/v2/Users/${a.id}`);
    const b = await scimCreate(org, 'near2@example.com', { 'x-forwarded-host': 'id.example.test', 'x-forwarded-proto': 'https', 'x-forwarded-port': '8443' });
    assert.equal(b.meta.location, `https://id.example.test:8443/scim/v2/Users/${b.id}`);
    const c = await scimCreate(org, 'near3@example.com', {
      'x-forwarded-host': 'id.example.test:9000',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
    });
    assert.equal(c.meta.location, `https://id.example.test:9000/scim/v2/Users/${c.id}`, 'a port in the host wins');
    await connectIdp(t, org, idp);
    const meta = await fetch(`${t.url}/saml/${org.slug}/metadata`, {
      headers: { 'x-forwarded-host': 'evil.example, id.example.test', 'x-forwarded-proto': 'https' },
    });
    const xml = await meta.text();
    assert.equal(meta.status, 200, xml);
    assert.match(xml, new RegExp(`entityID="https://id\\.example\\.test/saml/${org.slug}/metadata"`));
    assert.doesNotMatch(xml, /evil\.example/);
  });
});

describe('TRUST_PROXY configuration', () => {
  test('off by default; true/false and 1/0 spellings; anything else is refused with the variable named', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '' }).trustProxy, false);
    for (const v of ['false', 'FALSE', '0', 'no', 'off']) assert.equal(loadConfig({ TRUST_PROXY: v }).trustProxy, false, v);
    for (const v of ['true', '1', 'yes', 'on']) assert.equal(loadConfig({ TRUST_PROXY: v }).trustProxy, true, v);
    assert.throws(
      () => loadConfig({ TRUST_PROXY: 'maybe' }),
      (e: unknown) => e instanceof ConfigError && /^TRUST_PROXY must be true or false/.test(e.message),
    );
  });
});

describe('SAML_RATE_LIMIT / SAML_RATE_BURST configuration', () => {
  test('defaults: 20 per second, burst 100', () => {
    const c = loadConfig({});
    assert.equal(c.samlRateLimit, 20);
    assert.equal(c.samlRateBurst, 100);
    assert.deepEqual([loadConfig({ SAML_RATE_LIMIT: '', SAML_RATE_BURST: '' }).samlRateLimit, loadConfig({ SAML_RATE_BURST: '' }).samlRateBurst], [20, 100]);
  });

  test('explicit values, 0 = unlimited', () => {
    const c = loadConfig({ SAML_RATE_LIMIT: '5', SAML_RATE_BURST: '7' });
    assert.deepEqual([c.samlRateLimit, c.samlRateBurst], [5, 7]);
    assert.equal(loadConfig({ SAML_RATE_LIMIT: '0' }).samlRateLimit, 0);
  });

  test('invalid values are refused with the variable named', () => {
    for (const v of ['-1', '1.5', 'abc', '20/s', '1000001']) {
      assert.throws(
        () => loadConfig({ SAML_RATE_LIMIT: v }),
        (e: unknown) => e instanceof ConfigError && /^SAML_RATE_LIMIT must be an integer between 0 and 1000000/.test(e.message),
        v,
      );
    }
    for (const v of ['0', '-5', '2.5', 'many']) {
      assert.throws(
        () => loadConfig({ SAML_RATE_BURST: v }),
        (e: unknown) => e instanceof ConfigError && /^SAML_RATE_BURST must be an integer between 1 and /.test(e.message),
        v,
      );
    }
  });
});

/**
 * Where a sign-in lands when the return-to (SP-initiated `returnTo`) or the RelayState
 * (IdP-initiated) holds characters outside ASCII: a URL with a non-ASCII path is a valid link and
 * lands there, percent-encoded (a Location header can carry ASCII only); whitespace, control, format
 * and line-separator characters (U+2028, …) are refused as an invalid return-to, with the error page
 * and before anyone is signed in. docs/SAML.md §Sign-in semantics (step 4), §Rejections.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, get, postAcs, sessionOf, snapshot, startLogin, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { ConfigureSamlConnectionDocument } from '../generated/graphql.js';
import { asciiUrl, checkReturnTo } from '../../src/saml/return-to.js';

/** Characters refused anywhere in a return-to: line and paragraph separators, NEL (C1), no-break and ideographic spaces, bidi override, zero-width space, BOM, soft hyphen, DEL. */
const REFUSED = ['\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\u202e', '\u200b', '\ufeff', '\u00ad', '\u007f'];
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('checkReturnTo and asciiUrl', () => {
  test('non-ASCII is percent-encoded as UTF-8, ASCII (escapes included) is kept; refused characters are refused wherever they are', () => {
    const self = 'https://id.example.com';
    assert.deepEqual(checkReturnTo('/\u3002/x', self, []), { ok: true, url: '/%E3%80%82/x' });
    assert.deepEqual(checkReturnTo('/caf\u00e9?q=\u00fc&r=%2F#\u00e9', self, []), { ok: true, url: '/caf%C3%A9?q=%C3%BC&r=%2F#%C3%A9' });
    assert.deepEqual(checkReturnTo('/emoji/\u{1F600}', self, []), { ok: true, url: '/emoji/%F0%9F%98%80' });
    assert.deepEqual(checkReturnTo('https://app.example.com/\u00fcber?q=\u00e4', self, ['app.example.com']), {
      ok: true,
      url: 'https://app.example.com/%C3%BCber?q=%C3%A4',
    });
    for (const c of REFUSED) {
      for (const value of [`/ok${c}`, `/a${c}b`, `https://app.example.com/a${c}b`]) {
        const r = checkReturnTo(value, self, ['app.example.com']);
        assert.equal(r.ok, false, `${hex(c)} in ${JSON.stringify(value)}`);
      }
    }
    assert.equal(checkReturnTo('/\ud800x', self, []).ok, false, 'a lone surrogate');
    assert.equal(asciiUrl('/\ud800'), '/%EF%BF%BD');
    const long = checkReturnTo(`/${'\u00e9'.repeat(1000)}`, self, []);
    assert.deepEqual(long, { ok: false, why: 'longer than 2048 characters once percent-encoded' });
  });
});

describe('return-to with characters outside ASCII, end to end', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp, { allowIdpInitiated: true, allowedRedirectHosts: ['app.example.com'] });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  async function authnRequests(): Promise<number> {
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      return (await db.query<{ n: number }>('select count(*)::int as n from saml_authn_requests where organization_id = $1', [org.id])).rows[0]!.n;
    } finally {
      await db.end();
    }
  }

  /** The refusal: 400 error page, the reason in the log, nobody signed in, nothing changed. */
  function assertReturnToRefused(r: HttpResult): void {
    assertRefused(r, 400);
    assert.match(r.text, /The page to return to after sign-in is not allowed\./);
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused');
    assert.equal(line?.reason, 'returnTo.refused', JSON.stringify(line));
    assert.match(String(line?.detail), /line-separator character/);
  }

  test('SP-initiated: returnTo=/%E3%80%82/x signs in and lands on /%E3%80%82/x', async () => {
    const login = await startLogin(t.url, org.slug, '/\u3002/x');
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'ideo@example.com' })));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/%E3%80%82/x');
    assert.equal(new URL(r.location!, 'https://id.example.com').pathname, '/%E3%80%82/x', 'a browser reads it as the same path');
    assert.equal((await sessionOf(t.url, r.sessionCookie!)).body.user.userName, 'ideo@example.com');
  });

  test('SP-initiated: an absolute URL on an allowed host with a non-ASCII path, query and fragment', async () => {
    const login = await startLogin(t.url, org.slug, 'https://app.example.com/\u00fcber?q=\u00e4#\u00e9');
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId })));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, 'https://app.example.com/%C3%BCber?q=%C3%A4#%C3%A9');
  });

  test('SP-initiated: returnTo with U+2028 (and every other refused character) is refused at /login, before a request is recorded', async () => {
    const before = await authnRequests();
    for (const c of REFUSED) {
      const r = await get(`${t.url}/saml/${org.slug}/login?returnTo=${encodeURIComponent(`/ok${c}`)}`);
      assertReturnToRefused(r);
    }
    assert.equal(await authnRequests(), before, 'no AuthnRequest recorded');
  });

  test('IdP-initiated: RelayState /ok\\u2028 is refused with the error page; nobody is signed in, no user created', async () => {
    for (const c of REFUSED) {
      const before = await snapshot(t, org);
      const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: `relay-${c.codePointAt(0)}@example.com` })), `/ok${c}`);
      assertReturnToRefused(r);
      assert.deepEqual(await snapshot(t, org), before, `${hex(c)}: no user created, no sign-in recorded`);
    }
  });

  test('IdP-initiated: RelayState /。/x lands on /%E3%80%82/x', async () => {
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'dash@example.com' })), '/\u3002/x');
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/%E3%80%82/x');
    assert.equal((await sessionOf(t.url, r.sessionCookie!)).body.user.userName, 'dash@example.com');
  });

  test('defaultRedirectUrl with a non-ASCII path lands percent-encoded; one with a refused character cannot be configured', async () => {
    const o = await createOrg(t);
    const s = await connectIdp(t, o, idp, { defaultRedirectUrl: '/\u00fcbersicht' });
    const login = await startLogin(t.url, o.slug);
    const r = await postAcs(t.url, o.slug, idp.response(to(s, { inResponseTo: login.requestId })));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/%C3%BCbersicht');
    for (const bad of ['/a\u202eb', 'https://app.example.com/a\u200bb', '/a\u0085b']) {
      const res = await t.raw(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { defaultRedirectUrl: bad } }, o.key);
      assert.equal(res.errors?.[0]?.extensions?.reason, 'samlConnection.defaultRedirectUrl.invalid', `${JSON.stringify(bad)}: ${JSON.stringify(res.errors)}`);
    }
  });
});

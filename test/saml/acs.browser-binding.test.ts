/**
 * Login CSRF: over https, `/saml/{org}/login` binds the AuthnRequest to the browser with an
 * HttpOnly, Secure, SameSite=None cookie, and the ACS accepts the answer only from a browser that
 * sends it back. A response the attacker obtained for a login of their own cannot sign a victim's
 * browser in. docs/SAML.md §Sign-in semantics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, bindingHeader, connectIdp, postAcs, sessionOf, snapshot, startLogin, to } from '../helpers/saml-sp.js';

async function consumed(t: TestServer, requestId: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  try {
    return (await db.query('select consumed_at is not null as c from saml_authn_requests where id = $1', [requestId])).rows[0].c;
  } finally {
    await db.end();
  }
}

describe('SAML: sign-ins started over https are bound to the browser', () => {
  let t: TestServer;
  let org: OrgFixture;
  const idp = new TestIdp();
  before(async () => {
    t = await startTestServer({ env: { PUBLIC_URL: 'https://id.example.test' } });
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('the login sets an HttpOnly, Secure, SameSite=None binding cookie for /saml/, reused by later logins of that browser', async () => {
    await connectIdp(t, org, idp);
    const first = await startLogin(t.url, org.slug, '/a');
    const set = first.http.setCookies.find((c) => c.startsWith('idm_saml_binding='))!;
    assert.ok(set, 'a binding cookie');
    assert.match(set, /^idm_saml_binding=[A-Za-z0-9_-]{43}; Path=\/saml\/; Max-Age=1[0-9]{3}; HttpOnly; Secure; SameSite=None$/);
    const second = await startLogin(t.url, org.slug, '/b', bindingHeader(first));
    assert.equal(second.binding, first.binding, 'the same browser keeps its value (several tabs work)');
    const sp = await connectIdp(t, org, idp);
    // both requests of that browser can be answered
    for (const login of [first, second]) {
      const r = await postAcs(
        t.url,
        org.slug,
        idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'tabs@example.com' })),
        undefined,
        bindingHeader(login),
      );
      assert.equal(r.status, 303, r.text);
    }
  });

  test("a response posted without the browser's cookie, or with another browser's, is refused and consumes nothing; the right browser then signs in", async () => {
    const sp = await connectIdp(t, org, idp);
    const victim = await startLogin(t.url, org.slug, '/victim');
    const attacker = await startLogin(t.url, org.slug, '/attacker');
    assert.notEqual(victim.binding, attacker.binding);
    // the attacker's own login, answered by the IdP for the attacker's account
    const response = idp.response(to(sp, { inResponseTo: attacker.requestId, nameId: 'mallory@example.com' }));
    const before = await snapshot(t, org);
    for (const headers of [{}, bindingHeader(victim), { cookie: 'idm_saml_binding=not-a-valid-value' }]) {
      const r = await postAcs(t.url, org.slug, response, undefined, headers);
      assertRefused(r, 403);
      assert.match(r.text, /started in a different browser/);
    }
    assert.equal(await consumed(t, attacker.requestId), false, 'the AuthnRequest is still unconsumed');
    assert.deepEqual(await snapshot(t, org), before, 'no user, no event');
    // the browser that started the login completes it with the very same response
    const ok = await postAcs(t.url, org.slug, response, undefined, bindingHeader(attacker));
    assert.equal(ok.status, 303, ok.text);
    assert.equal((await sessionOf(t.url, ok.sessionCookie!)).body.user.userName, 'mallory@example.com');
  });
});

describe('SAML under a path prefix (PUBLIC_URL https://host/identity): the binding cookie is scoped to it', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer({ env: { PUBLIC_URL: 'https://id.example.test/identity/' } })));
  after(() => t.stop());

  test('Path=/identity/saml/, where the browser will post the response', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, new TestIdp());
    assert.equal(sp.acsUrl, `https://id.example.test/identity/saml/${org.slug}/acs`);
    const login = await startLogin(t.url, org.slug, '/a');
    const set = login.http.setCookies.find((c) => c.startsWith('idm_saml_binding='));
    assert.match(String(set), /; Path=\/identity\/saml\/; /);
  });
});

describe('SAML over plain http: no binding cookie (browsers drop SameSite=None cookies that are not Secure)', () => {
  let t: TestServer;
  const idp = new TestIdp();
  before(async () => (t = await startTestServer({ env: { PUBLIC_URL: 'http://localhost:4000' } })));
  after(() => t.stop());

  test('the login sets no binding cookie and the response is accepted without one', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const login = await startLogin(t.url, org.slug, '/x');
    assert.equal(login.binding, null);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'plain@example.com' })));
    assert.equal(r.status, 303, r.text);
  });
});

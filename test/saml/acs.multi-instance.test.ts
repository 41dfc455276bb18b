/**
 * Two server processes on one database behind one PUBLIC_URL (as behind a load balancer): a sign-in
 * begun on one instance is completed on the other, its session is valid on both, and a replay on the
 * first instance of what the second accepted is refused. docs/SAML.md §Sign-in semantics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnServer, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, postAcs, sessionOf, startLogin, to, bindingHeader } from '../helpers/saml-sp.js';

const PUBLIC_URL = 'https://id.example.test';

describe('SAML across server instances', () => {
  let a: TestServer;
  let b: ServerProcess;
  const idp = new TestIdp();
  before(async () => {
    a = await startTestServer({ env: { PUBLIC_URL } });
    b = await spawnServer({ DATABASE_URL: a.databaseUrl, ADMIN_API_KEY: a.adminKey, PUBLIC_URL });
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  test('login begun on instance A, response posted to instance B', async () => {
    const org = await createOrg(a);
    const sp = await connectIdp(a, org, idp);
    assert.equal(sp.acsUrl, `${PUBLIC_URL}/saml/${org.slug}/acs`);
    const login = await startLogin(a.url, org.slug, '/dashboard');
    const response = idp.response(to(sp, { inResponseTo: login.requestId }));
    // PUBLIC_URL is https: the login bound the request to this browser, which sends the cookie back
    assert.ok(login.binding, 'a binding cookie over https');
    const r = await postAcs(b.url, org.slug, response, undefined, bindingHeader(login));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/dashboard');
    assert.match(r.setCookies[0]!, /; Secure$/, 'https public URL: Secure cookie');
    assert.equal((await sessionOf(a.url, r.sessionCookie!)).status, 200, 'the session is valid on A');
    assert.equal((await sessionOf(b.url, r.sessionCookie!)).status, 200, 'and on B');
    assertRefused(await postAcs(a.url, org.slug, response, undefined, bindingHeader(login)), 400);
  });
});

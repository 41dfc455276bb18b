/**
 * GET /saml/{org}/login: the HTTP-Redirect binding AuthnRequest (deflated; signed with RSA-SHA256
 * by the SP key when configured), the stored return-to, and its validation. docs/SAML.md.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVerify } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, get, postAcs, startLogin, to } from '../helpers/saml-sp.js';
import { checkReturnTo } from '../../src/saml/return-to.js';

describe('SP-initiated login', () => {
  let t: TestServer;
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp.example.test' });
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test('a signed AuthnRequest: SigAlg rsa-sha256 and a signature over the exact query octets that verifies with the SP certificate', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem, signAuthnRequests: true });
    const login = await startLogin(t.url, org.slug, '/after');
    const raw = login.http.location!.slice(login.http.location!.indexOf('?') + 1);
    const signatureAt = raw.indexOf('&Signature=');
    const octets = raw.slice(0, signatureAt);
    assert.match(octets, /^SAMLRequest=[^&]+&SigAlg=http%3A%2F%2Fwww\.w3\.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256$/);
    const signature = decodeURIComponent(raw.slice(signatureAt + '&Signature='.length));
    assert.ok(createVerify('RSA-SHA256').update(octets).verify(spKeys.certificatePem, signature, 'base64'), 'the signature verifies with the SP certificate');
    assert.equal(createVerify('RSA-SHA256').update(octets.replace('SAMLRequest=', 'SAMLRequest=x')).verify(spKeys.certificatePem, signature, 'base64'), false);
    // and the login completes as usual
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId })));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/after');
  });

  test('every login issues a fresh request ID; an unanswered request can still be answered later, each only once', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const a = await startLogin(t.url, org.slug, '/a');
    const b = await startLogin(t.url, org.slug, '/b');
    assert.notEqual(a.requestId, b.requestId);
    assert.match(a.requestId, /^_[0-9a-f]{40}$/);
    const rb = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: b.requestId })));
    const ra = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: a.requestId })));
    assert.deepEqual([ra.location, rb.location], ['/a', '/b'], 'each response lands where its own request said');
  });

  test('returnTo: paths and allowed hosts are kept; anything else is refused before a request is issued', async () => {
    const org = await createOrg(t);
    await connectIdp(t, org, idp, { allowedRedirectHosts: ['app.example.com'] });
    for (const ok of ['/x', '/x?y=1#z', `${t.url}/inside`, 'https://app.example.com/ok']) {
      await startLogin(t.url, org.slug, ok);
    }
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      'http://app.example.com/',
      'https://user@app.example.com/',
      'x',
    ]) {
      const r = await get(`${t.url}/saml/${org.slug}/login?returnTo=${encodeURIComponent(bad)}`);
      assertRefused(r, 400);
      assert.match(r.text, /not allowed/);
    }
    const twice = await get(`${t.url}/saml/${org.slug}/login?returnTo=/a&returnTo=/b`);
    assertRefused(twice, 400);
  });

  test('a changed allowed-hosts list applies to responses of requests issued before it', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowedRedirectHosts: ['app.example.com'] });
    const login = await startLogin(t.url, org.slug, 'https://app.example.com/x');
    await connectIdp(t, org, idp, { allowedRedirectHosts: [] });
    assertRefused(await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId }))), 400);
  });
});

describe('checkReturnTo (unit)', () => {
  const self = 'https://id.example.com';
  const cases: Array<[string, boolean]> = [
    ['/', true],
    ['/app/x?y=%2F%2Fz', true],
    ['https://id.example.com/app', true],
    ['https://app.example.com/x', true],
    ['https://app.example.com:8443/x', false],
    ['https://APP.example.com/x', true], // URL hosts are lower-cased
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['/\t/evil.example', false],
    ['https://evil.example', false],
    ['https://app.example.com.evil.example', false],
    ['https://app.example.com@evil.example', false],
    ['http://app.example.com/x', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['relative/path', false],
    ['', false],
  ];
  for (const [value, ok] of cases) {
    test(`${JSON.stringify(value)} → ${ok ? 'allowed' : 'refused'}`, () => {
      assert.equal(checkReturnTo(value, self, ['app.example.com']).ok, ok);
    });
  }
  test('the public origin over http (development) allows its own absolute URLs', () => {
    assert.equal(checkReturnTo('http://127.0.0.1:4000/x', 'http://127.0.0.1:4000', []).ok, true);
    assert.equal(checkReturnTo('http://127.0.0.1:4001/x', 'http://127.0.0.1:4000', []).ok, false);
  });
});

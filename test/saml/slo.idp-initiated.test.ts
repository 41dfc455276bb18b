/**
 * IdP-initiated SAML Single Logout (docs/SAML.md "Single Logout"): the organization's IdP sends a
 * signed LogoutRequest to /saml/{org}/slo over HTTP-Redirect or HTTP-POST; the sessions of the NameID
 * end (the cookie no longer works), SESSION_REVOKED is written, and the IdP gets a LogoutResponse
 * signed with the SP key over the binding its metadata offers. Another organization's user is never
 * logged out; the in-process operation cannot be called over HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, cookieHeader, postAcs, sessionOf, to, type Sp } from '../helpers/saml-sp.js';
import { logoutRequestXml, outgoing, redirectQuery, rootAttribute, signEnveloped, sloPost, sloRedirect, statusCodes } from '../helpers/saml-slo.js';
import { EndSamlSessionsDocument, EventsDocument, SamlConnectionDocument } from '../generated/graphql.js';

const IDP_SLO = 'https://example.okta.com/app/example_identityapi_1/exk1test0identity0api/slo/saml';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

describe('IdP-initiated Single Logout', () => {
  let t: TestServer;
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp' });
  const spKeyInput = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem };
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  async function setUp(
    binding: 'HTTP-Redirect' | 'HTTP-POST' = 'HTTP-Redirect',
    responseUrl?: string,
  ): Promise<{ org: OrgFixture; sp: Sp & { sloUrl: string } }> {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, {
      allowIdpInitiated: true,
      idpMetadataXml: idp.metadataXml({ url: IDP_SLO, binding, ...(responseUrl ? { responseUrl } : {}) }),
      ...spKeyInput,
    });
    return { org, sp: sp as Sp & { sloUrl: string } };
  }

  async function signIn(org: OrgFixture, sp: Sp, nameId = 'ada@example.com', sessionIndex = `_s${Math.random()}`): Promise<string> {
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId, sessionIndex })));
    assert.equal(r.status, 303, r.text);
    return r.sessionCookie!;
  }

  test('the connection shows the IdP SLO service from its metadata; SP metadata lists our SingleLogoutService for both bindings', async () => {
    const { org, sp } = await setUp('HTTP-POST', `${IDP_SLO}/response`);
    const c = (await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection;
    assert.equal(c.idpSloUrl, IDP_SLO);
    assert.equal(c.idpSloResponseUrl, `${IDP_SLO}/response`);
    assert.equal(c.idpSloBinding, 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    assert.equal(c.serviceProvider.sloUrl, `${t.url}/saml/${org.slug}/slo`);
    assert.equal(c.serviceProvider.logoutUrl, `${t.url}/saml/${org.slug}/logout`);
    const xml = await (await fetch(sp.metadataUrl)).text();
    const services = [...xml.matchAll(/<md:SingleLogoutService Binding="([^"]+)" Location="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(services, [
      ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', sp.sloUrl],
      ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', sp.sloUrl],
    ]);
    // schema order: before NameIDFormat and the ACS
    assert.ok(xml.indexOf('SingleLogoutService') < xml.indexOf('NameIDFormat'));
  });

  test('HTTP-Redirect: the session ends, SESSION_REVOKED (samlLogout), and a signed LogoutResponse (Success) goes back by redirect', async () => {
    const { org, sp } = await setUp('HTTP-Redirect');
    const cookie = await signIn(org, sp, 'ada@example.com', '_sess1');
    const other = await signIn(org, sp, 'grace@example.com');
    assert.equal((await sessionOf(t.url, cookie)).status, 200);
    const request = logoutRequestXml(idp, { id: '_req-redirect-1', destination: sp.sloUrl, nameId: 'ada@example.com', sessionIndexes: ['_sess1'] });
    const r = await sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', request, { signer: idp, relayState: 'rs-42' }), cookieHeader(cookie));
    assert.equal(r.status, 302, r.text);
    assert.equal(r.sessionCookie, '', 'the browser cookie is cleared');
    assert.equal((await sessionOf(t.url, cookie)).status, 401, 'the cookie no longer works');
    assert.equal((await sessionOf(t.url, other)).status, 200, "another user's session is untouched");
    const m = outgoing(r);
    assert.equal(m.binding, 'redirect');
    assert.equal(m.url, IDP_SLO);
    assert.equal(m.parameter, 'SAMLResponse');
    assert.equal(m.relayState, 'rs-42', 'RelayState is returned as it came');
    assert.ok(m.verifies(spKeys.certificatePem), 'signed with the SP key');
    assert.ok(!m.verifies(idp.certificatePem));
    assert.equal(rootAttribute(m.xml, 'InResponseTo'), '_req-redirect-1');
    assert.equal(rootAttribute(m.xml, 'Destination'), IDP_SLO);
    assert.deepEqual(statusCodes(m.xml), [SUCCESS]);
    assert.match(m.xml, new RegExp(`<saml:Issuer>${sp.entityId}</saml:Issuer>`));
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SESSION_REVOKED'] } }, org.key)).events.nodes;
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]!.data, { reason: 'samlLogout', sessions: 1 });
  });

  test('HTTP-POST: every session of the NameID ends (no SessionIndex), and a signed LogoutResponse goes back by the POST binding (to ResponseLocation)', async () => {
    const { org, sp } = await setUp('HTTP-POST', `${IDP_SLO}/response`);
    const a = await signIn(org, sp, 'ada@example.com');
    const b = await signIn(org, sp, 'ada@example.com');
    const request = signEnveloped(logoutRequestXml(idp, { id: '_req-post-1', destination: sp.sloUrl, nameId: 'ada@example.com' }), idp);
    const r = await sloPost(t.url, org.slug, { SAMLRequest: Buffer.from(request).toString('base64'), RelayState: 'back' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await sessionOf(t.url, a)).status, 401);
    assert.equal((await sessionOf(t.url, b)).status, 401);
    const m = outgoing(r);
    assert.equal(m.binding, 'post');
    assert.equal(m.url, `${IDP_SLO}/response`);
    assert.equal(m.relayState, 'back');
    assert.ok(m.verifies(spKeys.certificatePem), 'enveloped signature by the SP key');
    assert.equal(rootAttribute(m.xml, 'InResponseTo'), '_req-post-1');
    assert.deepEqual(statusCodes(m.xml), [SUCCESS]);
  });

  test('the POST binding page runs only its own submit script (CSP by hash) and may post only to the IdP', async () => {
    const { org, sp } = await setUp('HTTP-POST');
    await signIn(org, sp);
    const request = signEnveloped(logoutRequestXml(idp, { destination: sp.sloUrl }), idp);
    const res = await fetch(`${t.url}/saml/${org.slug}/slo`, {
      method: 'POST',
      body: new URLSearchParams({ SAMLRequest: Buffer.from(request).toString('base64') }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; form-action https:\/\/example\.okta\.com; frame-ancestors 'none'/);
  });

  test('no session of the NameID: nothing ends, and the IdP is told Requester/UnknownPrincipal', async () => {
    const { org, sp } = await setUp();
    const cookie = await signIn(org, sp, 'ada@example.com', '_known');
    const request = logoutRequestXml(idp, { destination: sp.sloUrl, nameId: 'ada@example.com', sessionIndexes: ['_other-session'] });
    const r = await sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', request, { signer: idp }));
    assert.equal(r.status, 302, r.text);
    assert.equal((await sessionOf(t.url, cookie)).status, 200, 'a session with another SessionIndex stays');
    const m = outgoing(r);
    assert.ok(m.verifies(spKeys.certificatePem));
    assert.deepEqual(statusCodes(m.xml), ['urn:oasis:names:tc:SAML:2.0:status:Requester', 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal']);
  });

  test("another organization's user with the same NameID is never logged out", async () => {
    const one = await setUp();
    const two = await setUp();
    const mine = await signIn(one.org, one.sp, 'ada@example.com', '_same');
    const theirs = await signIn(two.org, two.sp, 'ada@example.com', '_same');
    const request = logoutRequestXml(idp, { destination: one.sp.sloUrl, nameId: 'ada@example.com', sessionIndexes: ['_same'] });
    // the same IdP trusted by both: the request names the first organization's SLO URL
    const r = await sloRedirect(t.url, one.org.slug, redirectQuery('SAMLRequest', request, { signer: idp }));
    assert.equal(r.status, 302, r.text);
    assert.equal((await sessionOf(t.url, mine)).status, 401);
    assert.equal((await sessionOf(t.url, theirs)).status, 200, "the other organization's session stays");
    // sent to the second organization's endpoint, the first one's request is refused (Destination)
    const again = logoutRequestXml(idp, { destination: one.sp.sloUrl, nameId: 'ada@example.com' });
    const refused = await sloRedirect(t.url, two.org.slug, redirectQuery('SAMLRequest', again, { signer: idp }));
    assert.equal(refused.status, 400);
    assert.equal((await sessionOf(t.url, theirs)).status, 200);
  });

  test('without an SP key the sessions still end, and the browser is told it is signed out (no unsigned answer to the IdP)', async () => {
    const org = await createOrg(t);
    const sp = (await connectIdp(t, org, idp, { allowIdpInitiated: true, idpMetadataXml: idp.metadataXml({ url: IDP_SLO }) })) as Sp & { sloUrl: string };
    const cookie = await signIn(org, sp);
    const r = await sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', logoutRequestXml(idp, { destination: sp.sloUrl }), { signer: idp }));
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /Signed out/);
    assert.equal((await sessionOf(t.url, cookie)).status, 401);
  });

  test('endSamlSessions is the SAML adapter’s alone: no credential may call it over HTTP', async () => {
    const { org } = await setUp();
    const r = await t.raw(
      EndSamlSessionsDocument,
      { organizationId: org.id, input: { requestId: 'x', expiresAt: new Date().toISOString(), nameId: 'ada@example.com' } },
      org.key,
    );
    assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const admin = await t.raw(EndSamlSessionsDocument, { organizationId: org.id, input: { requestId: 'x', expiresAt: new Date().toISOString(), nameId: 'a' } });
    assert.equal(admin.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});

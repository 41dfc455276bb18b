/**
 * SP-initiated SAML Single Logout (docs/SAML.md "Single Logout"): /saml/{org}/logout ends the
 * session here, sends the IdP a LogoutRequest signed with the SP key (NameID and SessionIndex of the
 * session) over the binding its metadata offers, and the IdP's signed LogoutResponse (InResponseTo one
 * of our pending requests, once) lands the browser on the return-to. Without an IdP SLO URL: local
 * logout, then the return-to.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { NS, TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, cookieHeader, get, postAcs, sessionOf, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { logoutResponseXml, outgoing, redirectQuery, rootAttribute, signEnveloped, sloPost, sloRedirect } from '../helpers/saml-slo.js';
import { EventsDocument } from '../generated/graphql.js';
import { DOMParser } from '@xmldom/xmldom';

const IDP_SLO = 'https://example.okta.com/app/example_identityapi_1/exk1test0identity0api/slo/saml';

describe('SP-initiated Single Logout', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  const spKeys = new TestIdp({ commonName: 'sp' });
  const spKeyInput = { spPrivateKeyPem: spKeys.privateKeyPem, spCertificatePem: spKeys.certificatePem };
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  type SloSp = Sp & { sloUrl: string; logoutUrl: string };
  async function setUp(binding: 'HTTP-Redirect' | 'HTTP-POST' = 'HTTP-Redirect', slo = true): Promise<{ org: OrgFixture; sp: SloSp }> {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, {
      allowIdpInitiated: true,
      allowedRedirectHosts: ['app.example.com'],
      idpMetadataXml: idp.metadataXml(slo ? { url: IDP_SLO, binding } : undefined),
      ...spKeyInput,
    });
    return { org, sp: sp as SloSp };
  }

  async function signIn(org: OrgFixture, sp: Sp, nameId = 'ada@example.com', sessionIndex = '_idp-session-1'): Promise<string> {
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId, sessionIndex })));
    assert.equal(r.status, 303, r.text);
    return r.sessionCookie!;
  }

  const answer = (sp: SloSp, inResponseTo: string, o: { issuer?: string | null; destination?: string | null } = {}) =>
    logoutResponseXml(idp, { destination: sp.sloUrl, inResponseTo, ...o });

  test('HTTP-Redirect round trip: signed LogoutRequest with NameID and SessionIndex, the IdP answers, the browser lands on the return-to', async () => {
    const { org, sp } = await setUp();
    const cookie = await signIn(org, sp);
    const r = await get(`${sp.logoutUrl}?returnTo=${encodeURIComponent('https://app.example.com/bye')}`, cookieHeader(cookie));
    assert.equal(r.status, 302, r.text);
    assert.equal(r.sessionCookie, '', 'the cookie is cleared at once');
    assert.equal((await sessionOf(t.url, cookie)).status, 401, 'the session has ended here before the IdP answers');
    const m = outgoing(r);
    assert.equal(m.url, IDP_SLO);
    assert.equal(m.parameter, 'SAMLRequest');
    assert.ok(m.verifies(spKeys.certificatePem), 'signed with the SP key');
    const doc = new DOMParser().parseFromString(m.xml, 'text/xml');
    assert.equal(doc.documentElement!.localName, 'LogoutRequest');
    assert.equal(rootAttribute(m.xml, 'Destination'), IDP_SLO);
    assert.equal(doc.getElementsByTagNameNS(NS.assertion, 'NameID')[0]!.textContent, 'ada@example.com');
    assert.equal(doc.getElementsByTagNameNS(NS.assertion, 'Issuer')[0]!.textContent, sp.entityId);
    assert.equal(doc.getElementsByTagNameNS(NS.protocol, 'SessionIndex')[0]!.textContent, '_idp-session-1');
    const id = rootAttribute(m.xml, 'ID')!;
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SESSION_REVOKED'] } }, org.key)).events.nodes;
    assert.deepEqual(events[0]!.data, { reason: 'logout', sessions: 1 });

    const back = await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, id), { signer: idp }));
    assert.equal(back.status, 303, back.text);
    assert.equal(back.location, 'https://app.example.com/bye');
    // the same answer again is refused: each request is answered once
    const again = await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, id), { signer: idp }));
    assertRefused(again, 400);
    assert.equal(logs.of(again.requestId).find((l) => l.msg === 'SAML request refused')?.reason, 'saml.logoutResponse.used');
  });

  test('HTTP-POST round trip: the request goes by the POST binding, the answer comes back by POST', async () => {
    const { org, sp } = await setUp('HTTP-POST');
    const cookie = await signIn(org, sp);
    const r = await fetch(sp.logoutUrl, { method: 'POST', headers: cookieHeader(cookie), redirect: 'manual' });
    const http: HttpResult = {
      status: r.status,
      location: r.headers.get('location'),
      sessionCookie: null,
      setCookies: r.headers.getSetCookie(),
      requestId: r.headers.get('x-request-id'),
      contentType: r.headers.get('content-type'),
      text: await r.text(),
    };
    assert.equal(http.status, 200, http.text);
    assert.ok(
      http.setCookies.some((c) => /^idm_session=; /.test(c)),
      'the cookie is cleared',
    );
    const m = outgoing(http);
    assert.equal(m.binding, 'post');
    assert.ok(m.verifies(spKeys.certificatePem));
    const id = rootAttribute(m.xml, 'ID')!;
    const back = await sloPost(t.url, org.slug, { SAMLResponse: Buffer.from(signEnveloped(answer(sp, id), idp)).toString('base64') });
    assert.equal(back.status, 303, back.text);
    assert.equal(back.location, '/', 'no return-to: the default');
  });

  test('a LogoutResponse is refused when InResponseTo names no pending request of this organization, or it is not signed by the IdP', async () => {
    const { org, sp } = await setUp();
    const other = await setUp();
    const cookie = await signIn(org, sp);
    const otherCookie = await signIn(other.org, other.sp);
    const mine = rootAttribute(outgoing(await get(sp.logoutUrl, cookieHeader(cookie))).xml, 'ID')!;
    const theirs = rootAttribute(outgoing(await get(other.sp.logoutUrl, cookieHeader(otherCookie))).xml, 'ID')!;
    const refusedWith = async (r: HttpResult, reason: string) => {
      assertRefused(r, r.status);
      assert.equal(logs.of(r.requestId).find((l) => l.msg === 'SAML request refused')?.reason, reason);
    };
    await refusedWith(
      await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, '_never-sent'), { signer: idp })),
      'saml.logoutResponse.unknownRequest',
    );
    // another organization's pending request: not ours to finish
    await refusedWith(
      await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, theirs), { signer: idp })),
      'saml.logoutResponse.unknownRequest',
    );
    await refusedWith(await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, mine), { signer: null })), 'slo.unsigned');
    const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });
    await refusedWith(await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, mine), { signer: attacker })), 'slo.bad_signature');
    await refusedWith(
      await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, mine, { destination: other.sp.sloUrl }), { signer: idp })),
      'slo.destination',
    );
    // the genuine answer still works afterwards
    const ok = await sloRedirect(t.url, org.slug, redirectQuery('SAMLResponse', answer(sp, mine), { signer: idp }));
    assert.equal(ok.status, 303, ok.text);
  });

  test('without an IdP SLO URL: local logout only, then the return-to', async () => {
    const { org, sp } = await setUp('HTTP-Redirect', false);
    const cookie = await signIn(org, sp);
    const r = await get(`${sp.logoutUrl}?returnTo=/signed-out`, cookieHeader(cookie));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/signed-out');
    assert.equal(r.sessionCookie, '');
    assert.equal((await sessionOf(t.url, cookie)).status, 401);
  });

  test('without a session there is nothing to tell the IdP: straight to the return-to', async () => {
    const { sp } = await setUp();
    const r = await get(`${sp.logoutUrl}?returnTo=/x`);
    assert.equal(r.status, 303);
    assert.equal(r.location, '/x');
  });

  test('a return-to on a host that is not allowed is refused, and nothing is ended', async () => {
    const { org, sp } = await setUp();
    const cookie = await signIn(org, sp);
    const r = await get(`${sp.logoutUrl}?returnTo=${encodeURIComponent('https://evil.example/')}`, cookieHeader(cookie));
    assertRefused(r, 400);
    assert.equal(logs.of(r.requestId).find((l) => l.msg === 'SAML request refused')?.reason, 'returnTo.refused');
    assert.equal((await sessionOf(t.url, cookie)).status, 200);
  });

  test("a cookie of another organization is not ended by this organization's logout", async () => {
    const one = await setUp();
    const two = await setUp();
    const theirs = await signIn(two.org, two.sp);
    const r = await get(one.sp.logoutUrl, cookieHeader(theirs));
    assert.equal(r.status, 303);
    assert.equal(r.sessionCookie, null, 'the cookie is left alone');
    assert.equal((await sessionOf(t.url, theirs)).status, 200);
  });
});

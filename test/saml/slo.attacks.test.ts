/**
 * The SLO endpoint refuses what it must (docs/SAML.md "Single Logout"): unsigned, wrongly signed,
 * SHA-1, wrong issuer, wrong or missing destination, expired, issued in the future, replayed,
 * oversized, DOCTYPE, comment in the NameID, signature wrapping. Each refusal is the plain error page
 * with the reference, the reason on the log line under it, and nothing ended (the session still
 * works, no event written).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, postAcs, sessionOf, snapshot, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { logoutRequestXml, redirectQuery, signEnveloped, sloPost, sloRedirect, type LogoutRequestOptions } from '../helpers/saml-slo.js';

const IDP_SLO = 'https://example.okta.com/app/example_identityapi_1/exk1test0identity0api/slo/saml';

describe('the SLO endpoint refuses attacks', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp & { sloUrl: string };
  let cookie: string;
  const idp = new TestIdp();
  const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });
  const spKeys = new TestIdp({ commonName: 'sp' });

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    sp = (await connectIdp(t, org, idp, {
      allowIdpInitiated: true,
      idpMetadataXml: idp.metadataXml({ url: IDP_SLO }),
      spPrivateKeyPem: spKeys.privateKeyPem,
      spCertificatePem: spKeys.certificatePem,
    })) as Sp & { sloUrl: string };
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'ada@example.com', sessionIndex: '_s1' })));
    assert.equal(r.status, 303, r.text);
    cookie = r.sessionCookie!;
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  const request = (o: Partial<LogoutRequestOptions> = {}) => logoutRequestXml(idp, { destination: sp.sloUrl, nameId: 'ada@example.com', ...o });
  const redirect =
    (xml: string, signer: TestIdp | null = idp, algorithm?: 'rsa-sha1') =>
    () =>
      sloRedirect(t.url, org.slug, redirectQuery('SAMLRequest', xml, { signer, ...(algorithm ? { algorithm } : {}) }));
  const post = (xml: string) => () => sloPost(t.url, org.slug, { SAMLRequest: Buffer.from(xml, 'utf8').toString('base64') });

  /** Sends, then checks the refusal page, the logged reason, that the session still works and no event was written. */
  async function refused(send: () => Promise<HttpResult>, reason: string, status = 400): Promise<HttpResult> {
    const before = await snapshot(t, org);
    const r = await send();
    assertRefused(r, status);
    assert.match(r.text, /<title>Sign-out failed<\/title>/);
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused');
    assert.ok(line, 'the refusal is logged under the reference');
    assert.equal(line.reason, reason, `logged: ${JSON.stringify(line)}`);
    assert.equal((await sessionOf(t.url, cookie)).status, 200, 'the session was not ended');
    assert.deepEqual(await snapshot(t, org), before, 'no event written');
    return r;
  }

  test('unsigned: HTTP-Redirect without Signature, HTTP-POST without an XML signature', async () => {
    await refused(redirect(request(), null), 'slo.unsigned');
    await refused(post(request()), 'slo.unsigned');
  });

  test('signed by another key (claiming the IdP), by the query or the XML signature', async () => {
    await refused(redirect(request(), attacker), 'slo.bad_signature');
    await refused(post(signEnveloped(request(), attacker)), 'slo.untrusted_key');
  });

  test('a valid signature over other octets: the message or the RelayState changed after signing', async () => {
    const query = redirectQuery('SAMLRequest', request(), { signer: idp, relayState: 'a' });
    await refused(() => sloRedirect(t.url, org.slug, query.replace('RelayState=a', 'RelayState=b')), 'slo.bad_signature');
    const other = encodeURIComponent(deflateRawSync(Buffer.from(request({ nameId: 'grace@example.com' }))).toString('base64'));
    await refused(() => sloRedirect(t.url, org.slug, query.replace(/SAMLRequest=[^&]+/, `SAMLRequest=${other}`)), 'slo.bad_signature');
    const signed = signEnveloped(request(), idp);
    await refused(post(signed.replace('ada@example.com', 'grace@example.com')), 'slo.bad_signature');
  });

  test('SHA-1 is refused for both bindings', async () => {
    await refused(redirect(request(), idp, 'rsa-sha1'), 'slo.sha1');
    await refused(post(signEnveloped(request(), idp, 'rsa-sha1')), 'slo.sha1');
  });

  test('wrong or missing Issuer', async () => {
    await refused(redirect(request({ issuer: 'https://evil.example/idp' })), 'slo.issuer');
    await refused(redirect(request({ issuer: null })), 'slo.issuer');
    await refused(post(signEnveloped(request({ issuer: 'https://evil.example/idp' }), idp)), 'slo.issuer');
  });

  test('wrong or missing Destination', async () => {
    await refused(redirect(request({ destination: `${t.url}/saml/other/slo` })), 'slo.destination');
    await refused(redirect(request({ destination: null })), 'slo.destination');
    await refused(post(signEnveloped(request({ destination: sp.acsUrl }), idp)), 'slo.destination');
  });

  test('expired (NotOnOrAfter or too old an IssueInstant) and issued in the future', async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    await refused(redirect(request({ issueInstant: new Date(Date.now() - 120_000), notOnOrAfter: new Date(Date.now() - 61_000) })), 'slo.expired');
    await refused(redirect(request({ issueInstant: hourAgo, notOnOrAfter: null })), 'slo.expired');
    await refused(post(signEnveloped(request({ issueInstant: hourAgo, notOnOrAfter: new Date(Date.now() + 3600_000) }), idp)), 'slo.expired');
    await refused(redirect(request({ issueInstant: new Date(Date.now() + 3600_000) })), 'slo.not_yet_valid');
  });

  test('oversized: a large message, a deflate bomb, a large form body', async () => {
    const padding = `<saml2p:Extensions>${'<x/>'.repeat(10)}${'a'.repeat(200_000)}</saml2p:Extensions>`;
    // compresses to little, inflates past the limit
    await refused(redirect(request({ extra: padding })), 'slo.malformed');
    const big = 'A'.repeat(70_000);
    await refused(() => sloPost(t.url, org.slug, { SAMLRequest: big }), 'slo.malformed');
    // a URL that long does not get past Node's header limit (16 KB): refused before any of ours runs
    const long = await sloRedirect(t.url, org.slug, `SAMLRequest=${big}&SigAlg=x&Signature=y`);
    assert.equal(long.status, 431);
    assert.equal((await sessionOf(t.url, cookie)).status, 200);
    await refused(() => sloPost(t.url, org.slug, { SAMLRequest: 'A'.repeat(300_000) }), 'request.tooLarge', 413);
  });

  test('DOCTYPE (XXE) and a comment in the NameID (truncation)', async () => {
    const doctype = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${request()}`;
    await refused(redirect(doctype), 'slo.doctype');
    await refused(post(doctype), 'slo.doctype');
    // the signature covers "ada@example.com.evil" with the comment canonicalized away... or not at all: refused either way
    const commented = signEnveloped(request({ nameIdXml: 'ada@example.com<!---->.evil.example' }), idp);
    await refused(post(commented), 'slo.nameid');
    await refused(redirect(request({ nameIdXml: 'ada@example.com<!---->' })), 'slo.nameid');
  });

  test('signature wrapping: a signed request moved inside another, a second signature, a signature on a child', async () => {
    const signed = signEnveloped(request({ id: '_inner' }), idp);
    const evil = request({ id: '_outer', nameId: 'grace@example.com', extra: signed.replace(/^<\?xml[^>]*>/, '') });
    await refused(post(evil), 'slo.wrapping');
    const twice = signed.replace(/(<\/ds:Signature>)/, '$1<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>');
    await refused(post(twice), 'slo.wrapping');
    // an XML signature inside an HTTP-Redirect message is not allowed (the query signature covers it)
    await refused(redirect(signed), 'slo.wrapping');
  });

  test('replayed: the same signed request a second time ends nothing', async () => {
    const other = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'replay@example.com', sessionIndex: '_r' })));
    const query = redirectQuery('SAMLRequest', request({ id: '_replay-1', nameId: 'replay@example.com' }), { signer: idp });
    const first = await sloRedirect(t.url, org.slug, query);
    assert.equal(first.status, 302, first.text);
    assert.equal((await sessionOf(t.url, other.sessionCookie!)).status, 401);
    await refused(() => sloRedirect(t.url, org.slug, query), 'saml.logoutRequest.replayed');
  });

  test('neither message nor a well-formed query', async () => {
    await refused(() => sloRedirect(t.url, org.slug, 'foo=bar'), 'slo.malformed');
    const q = redirectQuery('SAMLRequest', request(), { signer: idp });
    await refused(() => sloRedirect(t.url, org.slug, `${q}&${q}`), 'slo.malformed');
    await refused(() => sloPost(t.url, org.slug, { SAMLRequest: '!!!' }), 'slo.malformed');
  });
});

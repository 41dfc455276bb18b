/**
 * Every attack on the ACS over real HTTP, each refused with a 4xx page carrying the reference, no
 * session cookie and no change (users and events of the organization unchanged), and for the precise
 * reason on the server's log line under that reference. Responses are real XML signed by the test
 * IdP; the attacker runs its own IdP key. docs/SAML.md §Rejections.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import {
  TestIdp,
  addDoctype,
  addUnsignedAssertion,
  fakeEncryptedAssertion,
  injectNameIdComment,
  moveSignedAssertion,
  nestAssertionInsideSigned,
  tamperAttribute,
  tamperNameId,
  toBase64,
  wrapSignedResponse,
  type ResponseOptions,
} from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, get, postAcs, snapshot, startLogin, to, type HttpResult, type Sp } from '../helpers/saml-sp.js';
import { DeactivateUserDocument, SetProvisioningPolicyDocument, UserDocument } from '../generated/graphql.js';

const MIN = 60_000;

describe('SAML ACS refuses attacks', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  let org: OrgFixture;
  let sp: Sp;
  const idp = new TestIdp();
  // the attacker's own key, claiming to be our IdP
  const attacker = new TestIdp({ entityId: idp.entityId, commonName: 'attacker' });

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
    org = await createOrg(t);
    sp = await connectIdp(t, org, idp, { allowIdpInitiated: true, allowedRedirectHosts: ['app.example.com'] });
    await createUser(t, org, { userName: 'ada@example.com' });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });

  /** Options for a response to a fresh SP-initiated login of `o`. */
  const answer = async (opts: ResponseOptions = {}, o: OrgFixture = org, s: Sp = sp): Promise<ResponseOptions> =>
    to(s, { inResponseTo: (await startLogin(t.url, o.slug)).requestId, ...opts });

  /** Posts, then checks the refusal, that nothing changed, and the logged reason. */
  async function refused(send: () => Promise<HttpResult>, reason: string, status = 400, o: OrgFixture = org): Promise<HttpResult> {
    const before = await snapshot(t, o);
    const r = await send();
    assertRefused(r, status);
    const line = logs.of(r.requestId).find((l) => l.msg === 'SAML request refused');
    assert.ok(line, 'the refusal is logged under the reference');
    assert.equal(line.reason, reason, `logged: ${JSON.stringify(line)}`);
    assert.equal(line.ref, r.requestId);
    assert.deepEqual(await snapshot(t, o), before, 'no user and no event changed');
    return r;
  }
  const post = (xmlOrBase64: string, relayState?: string) => () =>
    postAcs(t.url, org.slug, xmlOrBase64.startsWith('<') ? toBase64(xmlOrBase64) : xmlOrBase64, relayState);

  test('sanity: the same kind of response, unmodified, signs in', async () => {
    const r = await postAcs(t.url, org.slug, idp.response(await answer()));
    assert.equal(r.status, 303, r.text);
  });

  describe('signatures', () => {
    test('unsigned response and assertion', async () => {
      await refused(post(idp.response(await answer({ signAssertion: false }))), 'validate.unsigned');
    });
    test('signed by an untrusted key that carries its own certificate in KeyInfo', async () => {
      await refused(post(idp.response(await answer({ signer: attacker }))), 'validate.untrusted_key');
    });
    test("signed by an untrusted key whose KeyInfo claims the IdP's certificate", async () => {
      await refused(post(idp.response(await answer({ signer: attacker, keyInfoCertificatePem: idp.certificatePem }))), 'validate.bad_signature');
    });
    test('NameID changed after signing', async () => {
      await refused(post(tamperNameId(idp.responseXml(await answer()), 'admin@example.com')), 'validate.bad_signature');
    });
    test('group added after signing', async () => {
      await refused(post(tamperAttribute(idp.responseXml(await answer()), 'groups', 'superadmins')), 'validate.bad_signature');
    });
    test('SHA-1 signature and digest', async () => {
      await refused(post(idp.response(await answer({ signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' }))), 'validate.sha1');
    });
  });

  describe('signature wrapping', () => {
    test('a second, unsigned assertion beside the signed one', async () => {
      await refused(post(addUnsignedAssertion(idp.responseXml(await answer()), 'before')), 'validate.multiple_assertions');
    });
    test('signed assertion moved into samlp:Extensions, an evil one in its place', async () => {
      await refused(post(moveSignedAssertion(idp.responseXml(await answer()), 'extensions')), 'validate.wrapping');
    });
    test('signed assertion moved into a ds:Object of a copied signature', async () => {
      await refused(post(moveSignedAssertion(idp.responseXml(await answer()), 'object')), 'validate.wrapping');
    });
    test('an evil assertion nested inside the signed one', async () => {
      await refused(post(nestAssertionInsideSigned(idp.responseXml(await answer()))), 'validate.wrapping');
    });
    test('a signed Response wrapped into an evil one', async () => {
      await refused(post(wrapSignedResponse(idp.responseXml(await answer({ signResponse: true, signAssertion: false })))), 'validate.wrapping');
    });
  });

  test('NameID with an XML comment inside (ada@example.com<!---->.evil.example)', async () => {
    const xml = idp.responseXml(await answer({ nameId: 'ada@example.com.evil.example' }));
    await refused(post(injectNameIdComment(xml, 'ada@example.com')), 'validate.nameid');
  });

  test('DOCTYPE with an entity in a validly signed response', async () => {
    await refused(post(addDoctype(idp.responseXml(await answer()))), 'validate.doctype');
  });

  test('encrypted assertion while no SP key pair is configured (nothing to decrypt it with)', async () => {
    await refused(post(fakeEncryptedAssertion(idp.responseXml(await answer()))), 'validate.encrypted_unsupported');
  });

  test('IdP status Responder', async () => {
    await refused(post(idp.response(await answer({ statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }))), 'validate.status');
  });

  describe('validity window and addressing', () => {
    test('expired (issued an hour ago)', async () => {
      const r = await refused(post(idp.response(await answer({ now: new Date(Date.now() - 60 * MIN) }))), 'validate.expired');
      assert.match(r.text, /has expired/);
    });
    test('not yet valid (issued an hour from now)', async () => {
      await refused(post(idp.response(await answer({ now: new Date(Date.now() + 60 * MIN) }))), 'validate.not_yet_valid');
    });
    test('wrong audience (issued to another SP)', async () => {
      await refused(post(idp.response(await answer({ audience: 'https://other-sp.example.com/saml' }))), 'validate.audience');
    });
    test('wrong destination', async () => {
      await refused(post(idp.response(await answer({ destination: 'https://other-sp.example.com/acs' }))), 'validate.destination');
    });
    test('wrong recipient', async () => {
      await refused(post(idp.response(await answer({ recipient: 'https://other-sp.example.com/acs' }))), 'validate.recipient');
    });
    test('wrong issuer', async () => {
      await refused(
        post(idp.response(await answer({ responseIssuer: 'http://www.okta.com/exkOTHER', assertionIssuer: 'http://www.okta.com/exkOTHER' }))),
        'validate.issuer',
      );
    });
    test("another organization's ACS (a response for org B posted to org A)", async () => {
      const other = await createOrg(t);
      const otherSp = await connectIdp(t, other, idp);
      await refused(post(idp.response(await answer({}, other, otherSp))), 'validate.destination');
    });
  });

  describe('InResponseTo', () => {
    test('unknown InResponseTo', async () => {
      await refused(post(idp.response(to(sp, { inResponseTo: `_${'0'.repeat(40)}` }))), 'saml.inResponseTo.unknown');
    });
    test('InResponseTo of a request issued for another organization', async () => {
      const other = await createOrg(t);
      await connectIdp(t, other, idp);
      const theirs = await startLogin(t.url, other.slug);
      await refused(post(idp.response(to(sp, { inResponseTo: theirs.requestId }))), 'saml.inResponseTo.otherOrganization');
    });
  });

  describe('policy', () => {
    test('deactivated user', async () => {
      const u = await createUser(t, org, { userName: 'gone@example.com' });
      await t.gql(DeactivateUserDocument, { organizationId: org.id, id: u.id }, org.key);
      const version = (await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key)).user!.version;
      const r = await refused(post(idp.response(await answer({ nameId: 'gone@example.com' }))), 'signIn.userDeactivated', 403);
      assert.match(r.text, /deactivated/);
      const after = (await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key)).user!;
      assert.equal(after.version, version);
      assert.equal(after.active, false);
    });

    test('first sign-in of a user outside the allowed email domains', async () => {
      const o = await createOrg(t);
      const s = await connectIdp(t, o, idp, { allowIdpInitiated: true });
      await t.gql(SetProvisioningPolicyDocument, { organizationId: o.id, input: { allowedEmailDomains: ['example.com'] } }, o.key);
      const r = await refused(
        () => postAcs(t.url, o.slug, idp.response(to(s, { nameId: 'eve@evil.example', attributes: { email: ['eve@evil.example'] } }))),
        'signIn.domainNotAllowed',
        403,
        o,
      );
      assert.match(r.text, /email domain/);
    });

    test('seat limit reached', async () => {
      const o = await createOrg(t);
      const s = await connectIdp(t, o, idp, { allowIdpInitiated: true });
      await createUser(t, o, { userName: 'first@example.com' }, o.key);
      await t.gql(SetProvisioningPolicyDocument, { organizationId: o.id, input: { seatLimit: 1 } }, o.key);
      const r = await refused(() => postAcs(t.url, o.slug, idp.response(to(s, { nameId: 'second@example.com' }))), 'policy.seatLimit.reached', 403, o);
      assert.match(r.text, /seats/);
    });
  });

  describe('where the sign-in lands (no open redirect)', () => {
    for (const relayState of [
      'https://evil.example/phish',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'http://app.example.com/x',
      'https://app.example.com.evil.example/',
    ]) {
      test(`IdP-initiated RelayState ${relayState}`, async () => {
        await refused(post(idp.response(to(sp)), relayState), 'returnTo.refused');
      });
    }
    test('SP-initiated returnTo to another host is refused at /login, before anything is recorded', async () => {
      const r = await get(`${t.url}/saml/${org.slug}/login?returnTo=${encodeURIComponent('https://evil.example/')}`);
      assertRefused(r, 400);
      assert.equal(logs.of(r.requestId).find((l) => l.msg === 'SAML request refused')?.reason, 'returnTo.refused');
    });
  });

  describe('requests', () => {
    test('unknown organization → 404 page', async () => {
      const r = await postAcs(t.url, 'no-such-org', idp.response(to(sp)));
      assertRefused(r, 404);
    });
    test('an organization slug with a NUL (%00) names no organization: the 404 page at every endpoint, not a 403 "went wrong on our side"', async () => {
      for (const path of ['acs', 'login', 'metadata', 'logout']) {
        const r = path === 'acs' ? await postAcs(t.url, 'a%00b', idp.response(to(sp))) : await get(`${t.url}/saml/a%00b/${path}`);
        assertRefused(r, 404);
        assert.match(r.text, /There is no sign-in page at this address/, path);
      }
    });
    test('no SAMLResponse', async () => {
      await refused(
        () => fetch(`${t.url}/saml/${org.slug}/acs`, { method: 'POST', body: new URLSearchParams({ RelayState: '/' }), redirect: 'manual' }).then(readPage),
        'request.samlResponse',
      );
    });
    test('not a form post', async () => {
      await refused(
        () =>
          fetch(`${t.url}/saml/${org.slug}/acs`, {
            method: 'POST',
            body: JSON.stringify({ SAMLResponse: 'x' }),
            headers: { 'content-type': 'application/json' },
            redirect: 'manual',
          }).then(readPage),
        'request.contentType',
      );
    });
    test('body over the size limit → 413', async () => {
      await refused(post('A'.repeat(2_000_004)), 'request.tooLarge', 413);
    });
    test('garbage instead of base64 XML', async () => {
      await refused(post('%%%not-base64%%%'), 'validate.malformed');
    });
  });
});

async function readPage(res: Response): Promise<HttpResult> {
  return {
    status: res.status,
    location: res.headers.get('location'),
    sessionCookie: res.headers.getSetCookie().some((c) => c.startsWith('idm_session=')) ? 'set' : null,
    setCookies: res.headers.getSetCookie(),
    requestId: res.headers.get('x-request-id'),
    contentType: res.headers.get('content-type'),
    text: await res.text(),
  };
}

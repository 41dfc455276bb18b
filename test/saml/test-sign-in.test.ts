/**
 * SAML test sign-ins (issue #19): a setup link with the SSO scope starts one, the browser follows the
 * test's login URL to the IdP and posts the response (real XML signed by the test IdP) to the ACS,
 * and `samlTestSignIn` shows what arrived and what the mappings made of it. A dry run changes nothing
 * and sets no cookie; otherwise the person is signed in; a refused response makes the test FAILED
 * with the rejection's name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, get, postAcs, snapshot, to, type Sp } from '../helpers/saml-sp.js';
import { inflateRawSync } from 'node:zlib';
import { X509Certificate } from 'node:crypto';

const START = `mutation ($org: ID!, $dryRun: Boolean!) { startSamlTestSignIn(organizationId: $org, dryRun: $dryRun) { id url status dryRun } }`;
const RESULT = `query ($id: ID!) { samlTestSignIn(id: $id) {
  id organizationId url status dryRun failureReason failureMessage nameId nameIdFormat issuer authnContextClassRef
  attributes { name values } groups userId completedAt createdBy
  preview { user created skippedFields rules { target fired value } error { code reason } }
} }`;

interface Started {
  id: string;
  url: string;
  status: string;
}
type Result = Record<string, any>;

describe('SAML test sign-in', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let sp: Sp;
  let link: string;
  const idp = new TestIdp();

  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    sp = await connectIdp(t, org, idp);
    const r = await t.gql<{ createSetupLink: { url: string } }, unknown>(
      `mutation ($org: ID!) { createSetupLink(organizationId: $org, input: { scopes: [SSO] }) { url } }`,
      { org: org.id },
      org.key,
    );
    link = r.createSetupLink.url.split('#')[1]!;
  });
  after(() => t.stop());

  const start = async (dryRun: boolean, key = link) =>
    (await t.gql<{ startSamlTestSignIn: Started }, unknown>(START, { org: org.id, dryRun }, key)).startSamlTestSignIn;
  const result = async (id: string, key = link) => (await t.gql<{ samlTestSignIn: Result | null }, unknown>(RESULT, { id }, key)).samlTestSignIn;

  /** Opens the test's URL like a browser: the redirect to the IdP, its AuthnRequest ID and RelayState. */
  async function openTest(url: string): Promise<{ requestId: string; relayState: string }> {
    assert.ok(url.startsWith(`${sp.loginUrl}?testSignIn=`), url);
    const r = await get(url);
    assert.equal(r.status, 302, r.text.slice(0, 300));
    const redirect = new URL(r.location!);
    assert.equal(`${redirect.origin}${redirect.pathname}`, idp.ssoUrl);
    const xml = inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    return { requestId: / ID="([^"]+)"/.exec(xml)![1]!, relayState: redirect.searchParams.get('RelayState')! };
  }

  test('dry run: records what arrived and what the mappings made of it; no user, no event, no cookie', async () => {
    const started = await start(true);
    assert.equal(started.status, 'PENDING');
    const pending = await result(started.id);
    assert.equal(pending!.status, 'PENDING');
    assert.equal(pending!.url, null, 'the URL (with its secret) is only in the answer of the start');
    const ev = await t.gql<{ events: { nodes: Array<{ actorType: string; data: Record<string, unknown> }> } }, unknown>(
      `query ($org: ID!) { events(organizationId: $org, filter: { types: [SAML_TEST_SIGN_IN_STARTED] }) { nodes { actorType data } } }`,
      { org: org.id },
      org.key,
    );
    assert.deepEqual(ev.events.nodes.at(-1), { actorType: 'SETUP_LINK', data: { testSignInId: started.id, dryRun: true } }, 'the start is the link’s event');
    const before = await snapshot(t, org);
    const { requestId, relayState } = await openTest(started.url);
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response(
        to(sp, {
          inResponseTo: requestId,
          nameId: 'ada@example.com',
          attributes: { firstName: ['Ada'], email: ['ada@example.com'], groups: ['Everyone', 'engineering'] },
        }),
      ),
      relayState,
    );
    assert.equal(r.status, 200, r.text.slice(0, 400));
    assert.match(r.text, /Test sign-in complete/);
    assert.match(r.text, /return to the setup page/i);
    assert.equal(r.sessionCookie, null, 'a dry run sets no session cookie');
    assert.deepEqual(await snapshot(t, org), before, 'no user, no event');

    const done = (await result(started.id))!;
    assert.equal(done.status, 'SUCCEEDED');
    assert.equal(done.dryRun, true);
    assert.equal(done.nameId, 'ada@example.com');
    assert.equal(done.nameIdFormat, 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    assert.equal(done.issuer, idp.entityId);
    assert.equal(done.authnContextClassRef, 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
    assert.deepEqual(done.attributes, [
      { name: 'firstName', values: ['Ada'] },
      { name: 'email', values: ['ada@example.com'] },
      { name: 'groups', values: ['Everyone', 'engineering'] },
    ]);
    assert.deepEqual(done.groups, ['Everyone', 'engineering']);
    assert.equal(done.preview.created, true);
    assert.equal(done.preview.user.userName, 'ada@example.com');
    assert.equal(done.preview.user.givenName, 'Ada');
    assert.equal(done.preview.error, null);
    assert.ok(done.completedAt);
    assert.equal(done.userId, null);
    assert.match(done.createdBy, /^setup link /);

    // the test's URL is used up
    const again = await get(started.url);
    assert.equal(again.status, 400);
  });

  test('not a dry run: the person is signed in (session cookie, user created) and the test records it', async () => {
    const started = await start(false);
    const { requestId, relayState } = await openTest(started.url);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: requestId, nameId: 'grace@example.com' })), relayState);
    assert.equal(r.status, 200, r.text.slice(0, 400));
    assert.match(r.text, /Test sign-in complete/);
    assert.ok(r.sessionCookie, 'signed in: the session cookie is set');
    const done = (await result(started.id))!;
    assert.equal(done.status, 'SUCCEEDED');
    assert.ok(done.userId);
    assert.equal(done.preview.created, true, 'this sign-in created the user');
    const users = await t.gql<{ users: { nodes: Array<{ id: string; userName: string }> } }, unknown>(
      `query ($org: ID!) { users(organizationId: $org) { nodes { id userName } } }`,
      { org: org.id },
      org.key,
    );
    assert.deepEqual(
      users.users.nodes.map((u) => [u.id, u.userName]),
      [[done.userId, 'grace@example.com']],
    );
  });

  test('a refused response makes the test FAILED with its rejection reason; no cookie, no change', async () => {
    const started = await start(true);
    const { requestId, relayState } = await openTest(started.url);
    const before = await snapshot(t, org);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: requestId, audience: 'https://someone-else.example/' })), relayState);
    assert.equal(r.status, 400);
    assert.equal(r.sessionCookie, null);
    assert.deepEqual(await snapshot(t, org), before);
    const done = (await result(started.id))!;
    assert.equal(done.status, 'FAILED');
    assert.equal(done.failureReason, 'audience');
    assert.ok(done.failureMessage);
    assert.equal(done.nameId, null, 'nothing of an unverified response is recorded');

    // a response signed by a key the connection does not trust: `untrusted_key`
    const second = await start(true);
    const opened = await openTest(second.url);
    const stranger = new TestIdp({ entityId: idp.entityId });
    await postAcs(t.url, org.slug, stranger.response(to(sp, { inResponseTo: opened.requestId })), opened.relayState);
    const s = (await result(second.id))!;
    assert.equal(s.status, 'FAILED');
    assert.equal(s.failureReason, 'untrusted_key');
  });

  test('a refused test says what this service expected: its entity ID, its ACS URL, the IdP entity ID, its clock and skew, the certificates', async () => {
    const refusedWith = async (make: (requestId: string) => string) => {
      const started = await start(true);
      const { requestId, relayState } = await openTest(started.url);
      assert.equal((await postAcs(t.url, org.slug, make(requestId), relayState)).status, 400);
      const done = (await result(started.id))!;
      assert.equal(done.status, 'FAILED');
      assert.ok((done.failureMessage as string).length < 300, 'a short sentence, as every rejection detail');
      return { reason: done.failureReason as string, message: done.failureMessage as string };
    };
    const q = (s: string) => JSON.stringify(s).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    // Okta's Audience URI typed wrong
    const audience = await refusedWith((id) => idp.response(to(sp, { inResponseTo: id, audience: 'https://id.example.com/saml/metadata' })));
    assert.equal(audience.reason, 'audience');
    assert.match(audience.message, new RegExp(`\\["https://id\\.example\\.com/saml/metadata"\\].*${q(sp.entityId)}`));
    // Okta's Single sign on URL (Recipient and Destination) typed wrong
    const recipient = await refusedWith((id) => idp.response(to(sp, { inResponseTo: id, recipient: 'https://id.example.com/saml/acs' })));
    assert.equal(recipient.reason, 'recipient');
    assert.match(recipient.message, new RegExp(`"https://id\\.example\\.com/saml/acs".*${q(sp.acsUrl)}`));
    const destination = await refusedWith((id) => idp.response(to(sp, { inResponseTo: id, destination: 'https://id.example.com/saml/acs' })));
    assert.equal(destination.reason, 'destination');
    assert.match(destination.message, new RegExp(`"https://id\\.example\\.com/saml/acs".*${q(sp.acsUrl)}`));
    // metadata of another app of the same IdP
    const issuer = await refusedWith((id) =>
      idp.response(to(sp, { inResponseTo: id, responseIssuer: 'http://www.okta.com/exkOTHER', assertionIssuer: 'http://www.okta.com/exkOTHER' })),
    );
    assert.equal(issuer.reason, 'issuer');
    assert.match(issuer.message, new RegExp(`"http://www\\.okta\\.com/exkOTHER".*${q(idp.entityId)}`));
    // the IdP's clock ten minutes behind: the message gives this server's time and the allowed skew
    const late = await refusedWith((id) => idp.response(to(sp, { inResponseTo: id, now: new Date(Date.now() - 10 * 60_000) })));
    assert.equal(late.reason, 'expired');
    assert.match(late.message, /expired at \d{4}-\d\d-\d\dT[\d:.]+Z.*this server's clock: \d{4}-\d\d-\d\dT[\d:.]+Z.*allowed skew 60 s/);
    const early = await refusedWith((id) => idp.response(to(sp, { inResponseTo: id, now: new Date(Date.now() + 10 * 60_000) })));
    assert.equal(early.reason, 'not_yet_valid');
    assert.match(early.message, /not valid before \d{4}-\d\d-\d\dT[\d:.]+Z.*this server's clock: \d{4}-\d\d-\d\dT[\d:.]+Z.*allowed skew 60 s/);
    // signed with another certificate (the IdP rotated, or the metadata of another app): both fingerprints' start, as samlConnection shows them
    const stranger = new TestIdp({ entityId: idp.entityId });
    const key = await refusedWith((id) => stranger.response(to(sp, { inResponseTo: id })));
    assert.equal(key.reason, 'untrusted_key');
    const fp = (pem: string) => (new X509Certificate(pem).fingerprint256 as string).toUpperCase();
    const configured = (
      await t.gql<{ samlConnection: { idpCertificates: Array<{ fingerprintSha256: string }> } }, unknown>(
        `query ($org: ID!) { samlConnection(organizationId: $org) { idpCertificates { fingerprintSha256 } } }`,
        { org: org.id },
        org.key,
      )
    ).samlConnection.idpCertificates.map((c) => c.fingerprintSha256);
    assert.deepEqual(configured, [fp(idp.certificatePem)]);
    // the first eight pairs of each: enough to tell them apart
    assert.ok(key.message.includes(`it names SHA-256 ${fp(stranger.certificatePem).slice(0, 23)}…`), key.message);
    assert.ok(key.message.includes(`configured: ${fp(idp.certificatePem).slice(0, 23)}…`), key.message);
  });

  test('the page of a refused test sends the admin back to the setup page, never into an ordinary (not dry-run) sign-in', async () => {
    const started = await start(true);
    const { requestId, relayState } = await openTest(started.url);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: requestId, audience: 'https://someone-else.example/' })), relayState);
    assert.equal(r.status, 400);
    assert.equal((await result(started.id))!.status, 'FAILED');
    // "Start the sign-in again" would open /saml/{org}/login without the test: a real sign-in that
    // creates the user and opens a session, which the dry run promised not to do
    assert.ok(!r.text.includes(`href="${sp.loginUrl}"`), r.text);
    assert.doesNotMatch(r.text, /Start the sign-in again/);
    assert.match(r.text, /setup page/);
    // the same for an answer the core refuses once the response verified (here: a replay)
    const second = await start(true);
    const opened = await openTest(second.url);
    const response = idp.response(to(sp, { inResponseTo: opened.requestId }));
    assert.equal((await postAcs(t.url, org.slug, response, opened.relayState)).status, 200);
    const replayed = await postAcs(t.url, org.slug, response, opened.relayState);
    assert.equal(replayed.status, 400);
    assert.doesNotMatch(replayed.text, /Start the sign-in again/);
    assert.match(replayed.text, /setup page/);
  });

  test('a dry run opened twice (the popup, then the page’s link): the answer to the first request signs no one in', async () => {
    const started = await start(true);
    const first = await openTest(started.url);
    // the admin also follows "Open the identity provider’s sign-in page": a second AuthnRequest, now the test's
    const second = await openTest(started.url);
    assert.notEqual(first.requestId, second.requestId);
    const before = await snapshot(t, org);
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: first.requestId, nameId: 'linus@example.com' })), first.relayState);
    assert.equal(r.sessionCookie, null, 'a dry run never signs anyone in');
    assert.notEqual(r.status, 303);
    assert.deepEqual(await snapshot(t, org), before, 'no user created, no event');
    assert.match(r.text, /test sign-in/i);
    // the newer request still completes the test
    const done = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: second.requestId, nameId: 'linus@example.com' })), second.relayState);
    assert.equal(done.status, 200, done.text.slice(0, 300));
    assert.equal((await result(started.id))!.status, 'SUCCEEDED');
    assert.deepEqual(await snapshot(t, org), before);
  });

  test('a dry run the policy would refuse is FAILED with the policy reason, and the preview shows why', async () => {
    await t.gql(
      `mutation ($org: ID!) { setProvisioningPolicy(organizationId: $org, input: { allowedEmailDomains: ["corp.example"] }) { mode } }`,
      { org: org.id },
      org.key,
    );
    try {
      const started = await start(true);
      const { requestId, relayState } = await openTest(started.url);
      const r = await postAcs(
        t.url,
        org.slug,
        idp.response(to(sp, { inResponseTo: requestId, nameId: 'eve@elsewhere.example', attributes: { email: ['eve@elsewhere.example'] } })),
        relayState,
      );
      assert.equal(r.status, 200);
      const done = (await result(started.id))!;
      assert.equal(done.status, 'FAILED');
      assert.equal(done.failureReason, done.preview.error.reason);
      assert.ok(done.preview.error.reason);
      assert.equal(done.nameId, 'eve@elsewhere.example');
    } finally {
      await t.gql(
        `mutation ($org: ID!) { setProvisioningPolicy(organizationId: $org, input: { allowedEmailDomains: [] }) { mode } }`,
        { org: org.id },
        org.key,
      );
    }
  });

  test('who may start and read: ADMIN keys and SSO links, not SCIM links nor other organizations; a connection is required', async () => {
    const started = await start(true, org.key);
    assert.ok(started.url);
    const scimLink = (
      await t.gql<{ createSetupLink: { url: string } }, unknown>(
        `mutation ($org: ID!) { createSetupLink(organizationId: $org, input: { scopes: [SCIM] }) { url } }`,
        { org: org.id },
        org.key,
      )
    ).createSetupLink.url.split('#')[1]!;
    const refused = await t.raw(START, { org: org.id, dryRun: true }, scimLink);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await t.raw<{ samlTestSignIn: unknown }, unknown>(RESULT, { id: started.id }, scimLink)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await t.gql<{ samlTestSignIn: unknown }, unknown>(RESULT, { id: started.id }, other.key)).samlTestSignIn, null);
    const notConfigured = await t.raw(START, { org: other.id, dryRun: true }, other.key);
    assert.equal(notConfigured.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    // only the SAML adapter records results
    const forged = await t.raw(
      `mutation ($org: ID!, $id: ID!) { recordSamlTestSignInResult(organizationId: $org, input: { id: $id, nameId: "x" }) { id } }`,
      { org: org.id, id: started.id },
      org.key,
    );
    assert.equal(forged.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    // a malformed test secret on the login URL
    assert.equal((await get(`${sp.loginUrl}?testSignIn=nope`)).status, 400);
  });
});

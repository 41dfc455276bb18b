/**
 * SAML sign-in end to end over real HTTP: SP-initiated (login → IdP → ACS) and IdP-initiated,
 * first-login provisioning on and off, attribute and group sync on every sign-in, certificate
 * rotation. Responses are real XML signed by the test IdP (test/helpers/saml-idp.ts).
 * docs/SAML.md §Sign-in semantics; docs/PROVISIONING.md §1.1, §4, §5.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, bindingHeader, connectIdp, postAcs, sessionOf, snapshot, startLogin, to } from '../helpers/saml-sp.js';
import { ConfigureSamlConnectionDocument, CreateGroupDocument, EventsDocument, SetProvisioningPolicyDocument, UserDocument } from '../generated/graphql.js';

describe('SAML sign-in', () => {
  let t: TestServer;
  const idp = new TestIdp();
  // TRUST_PROXY: one test signs in behind a TLS-terminating proxy (X-Forwarded-Proto/-Host)
  before(async () => (t = await startTestServer({ env: { TRUST_PROXY: 'true' } })));
  after(() => t.stop());

  test('SP-initiated: login redirects to the IdP with an AuthnRequest; the response signs the user in and lands on returnTo', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const login = await startLogin(t.url, org.slug, '/projects/42?tab=files');
    assert.equal(`${login.redirect.origin}${login.redirect.pathname}`, idp.ssoUrl);
    assert.match(login.authnRequestXml, new RegExp(`Destination="${idp.ssoUrl}"`));
    assert.match(login.authnRequestXml, new RegExp(`AssertionConsumerServiceURL="${sp.acsUrl}"`));
    assert.match(login.authnRequestXml, new RegExp(`<saml:Issuer[^>]*>${sp.entityId}</saml:Issuer>`));
    assert.match(login.authnRequestXml, /Format="urn:oasis:names:tc:SAML:1\.1:nameid-format:emailAddress"/);
    assert.equal(login.redirect.searchParams.get('Signature'), null, 'not signed unless configured');

    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'ada@example.com' })));
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/projects/42?tab=files');
    const cookie = r.setCookies.find((c) => c.startsWith('idm_session='))!;
    assert.match(cookie, new RegExp(`^idm_session=${org.id}\\.[A-Za-z0-9_-]{43}; `));
    assert.match(cookie, /; Path=\/;/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag');
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    assert.ok(maxAge > 86000 && maxAge <= 86400, `Max-Age is the session lifetime (${maxAge})`);

    const s = await sessionOf(t.url, r.sessionCookie!);
    assert.equal(s.status, 200);
    assert.equal(s.body.user.userName, 'ada@example.com');
    assert.equal(s.body.user.title, 'Analyst');
    assert.deepEqual(s.body.organization, { id: org.id, slug: org.slug, name: org.slug.toUpperCase() });

    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED', 'USER_SIGNED_IN'] } }, org.key)).events.nodes;
    assert.deepEqual(
      events.map((e) => [e.type, e.actorType, e.actorLabel]),
      [
        ['USER_CREATED', 'SAML', 'SAML sign-in'],
        ['USER_SIGNED_IN', 'SAML', 'SAML sign-in'],
      ],
    );
    assert.equal(events[1]!.requestId, r.requestId, 'the events carry the request id of the ACS request');
  });

  test('the ACS URL opened in a browser (GET, as an admin checks a URL of the guide) is a page that says what the address is for', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const res = await fetch(sp.acsUrl, { redirect: 'manual' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const page = await res.text();
    assert.match(page, /posts/);
    assert.match(page, /reference: <code id="reference">/);
    assert.ok(page.includes(`href="${sp.loginUrl}"`), 'it offers the sign-in page');
  });

  test('SP-initiated without returnTo lands on the default redirect URL, else on /', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    let login = await startLogin(t.url, org.slug);
    let r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId })));
    assert.equal(r.status, 303);
    assert.equal(r.location, '/');
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { defaultRedirectUrl: 'https://app.example.com/home' } }, org.key);
    login = await startLogin(t.url, org.slug);
    r = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId })));
    assert.equal(r.status, 303);
    assert.equal(r.location, 'https://app.example.com/home');
  });

  test('IdP-initiated: refused while disallowed (the default); once allowed, lands on RelayState or the default', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const before = await snapshot(t, org);
    const refused = await postAcs(t.url, org.slug, idp.response(to(sp)), '/welcome');
    assertRefused(refused, 403);
    assert.match(refused.text, /has to start at this application/);
    assert.deepEqual(await snapshot(t, org), before);

    await t.gql(
      ConfigureSamlConnectionDocument,
      { organizationId: org.id, input: { allowIdpInitiated: true, allowedRedirectHosts: ['app.example.com'] } },
      org.key,
    );
    let r = await postAcs(t.url, org.slug, idp.response(to(sp)), '/welcome');
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/welcome');
    assert.ok(r.sessionCookie);
    r = await postAcs(t.url, org.slug, idp.response(to(sp)), 'https://app.example.com/inbox');
    assert.equal(r.location, 'https://app.example.com/inbox');
    r = await postAcs(t.url, org.slug, idp.response(to(sp)));
    assert.equal(r.location, '/');
  });

  test('first-login provisioning on (default mode): an unknown user is created with the mapped attributes and the default role', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response(
        to(sp, {
          nameId: 'Grace@Example.com',
          attributes: { firstName: ['Grace'], lastName: ['Hopper'], email: ['grace@example.com'], title: ['Rear Admiral'], department: ['Navy'] },
        }),
      ),
    );
    assert.equal(r.status, 303, r.text);
    const s = await sessionOf(t.url, r.sessionCookie!);
    const u = (await t.gql(UserDocument, { organizationId: org.id, id: s.body.user.id }, org.key)).user!;
    assert.equal(u.userName, 'Grace@Example.com');
    assert.equal(u.provisionedBy, 'SAML');
    assert.equal(u.role, 'MEMBER');
    assert.deepEqual(u.name, { givenName: 'Grace', familyName: 'Hopper', formatted: null });
    assert.equal(u.title, 'Rear Admiral');
    assert.equal(u.department, 'Navy');
    assert.deepEqual(u.emails, [{ value: 'grace@example.com', type: 'work', primary: true }]);
  });

  test('first-login provisioning off (mode SCIM): an unknown user is refused with a clear page; a provisioned one signs in (NameID matched ignoring case)', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { mode: 'SCIM' } }, org.key);
    const before = await snapshot(t, org);
    const refused = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'stranger@example.com' })));
    assertRefused(refused, 403);
    assert.match(refused.text, /has not been set up for this application yet/);
    assert.deepEqual(await snapshot(t, org), before);

    const known = await createUser(t, org, { userName: 'known@example.com' });
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'KNOWN@example.com' })));
    assert.equal(r.status, 303, r.text);
    assert.equal((await sessionOf(t.url, r.sessionCookie!)).body.user.id, known.id);
  });

  test('attributes and groups are synced on every sign-in', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const eng = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Engineering' } }, org.key)).createGroup;
    const ops = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Operations' } }, org.key)).createGroup;
    const attrs = (title: string, groups: string[]) => ({
      firstName: ['Ada'],
      lastName: ['Lovelace'],
      email: ['ada@example.com'],
      title: [title],
      department: ['R&D'],
      groups,
    });

    let r = await postAcs(t.url, org.slug, idp.response(to(sp, { attributes: attrs('Analyst', ['engineering', 'Everyone']) })));
    assert.equal(r.status, 303, r.text);
    const id = (await sessionOf(t.url, r.sessionCookie!)).body.user.id as string;
    let u = (await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!;
    assert.equal(u.title, 'Analyst');
    assert.deepEqual(
      u.groups.map((g) => g.id),
      [eng.id],
    );

    r = await postAcs(t.url, org.slug, idp.response(to(sp, { attributes: attrs('Principal Analyst', ['operations']) })));
    assert.equal(r.status, 303, r.text);
    u = (await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!;
    assert.equal(u.title, 'Principal Analyst');
    assert.equal(u.department, 'R&D');
    assert.deepEqual(
      u.groups.map((g) => g.id),
      [ops.id],
    );

    const events = (
      await t.gql(
        EventsDocument,
        { organizationId: org.id, filter: { involving: id, types: ['USER_UPDATED', 'MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED', 'USER_SIGNED_IN'] } },
        org.key,
      )
    ).events.nodes;
    const second = events.filter((e) => e.requestId === r.requestId);
    assert.deepEqual(second.map((e) => e.type).sort(), ['MEMBERSHIP_ADDED', 'MEMBERSHIP_REMOVED', 'USER_SIGNED_IN', 'USER_UPDATED']);
    assert.deepEqual(second.find((e) => e.type === 'USER_UPDATED')!.changes.title, { before: 'Analyst', after: 'Principal Analyst' });
  });

  test('an attribute value the user model refuses is left out and reported; the person still signs in', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const attrs = { firstName: ['Hedy'], lastName: ['Lamarr'], email: ['not an email'], title: ['Inventor\u0001'], department: ['Film'] };
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'hedy@example.com', attributes: attrs })));
    assert.equal(r.status, 303, r.text);
    const id = (await sessionOf(t.url, r.sessionCookie!)).body.user.id as string;
    const u = (await t.gql(UserDocument, { organizationId: org.id, id }, org.key)).user!;
    assert.deepEqual([u.userName, u.department, u.title, u.emails], ['hedy@example.com', 'Film', null, []]);
    const signedIn = (await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id, types: ['USER_SIGNED_IN'] } }, org.key)).events.nodes[0]!;
    assert.deepEqual((signedIn.data.refusedFields as string[]).sort(), ['emails', 'title']);
    // the NameID is the identity: one that is no valid userName still refuses the sign-in
    const refused = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId: 'tab\there@example.com' })));
    assertRefused(refused, 400);
  });

  test('certificate rotation: old and new certificates both accepted during the overlap, the old one refused after its removal', async () => {
    const org = await createOrg(t);
    const next = new TestIdp({ entityId: idp.entityId, commonName: 'test-idp-2027' });
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    assert.equal((await postAcs(t.url, org.slug, next.response(to(sp)))).status, 400, 'the next certificate is not trusted yet');

    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpCertificates: [idp.certificatePem, next.certificateBase64] } }, org.key);
    assert.equal((await postAcs(t.url, org.slug, idp.response(to(sp)))).status, 303, 'old certificate still accepted');
    assert.equal((await postAcs(t.url, org.slug, next.response(to(sp)))).status, 303, 'new certificate accepted');

    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpCertificates: [next.certificatePem] } }, org.key);
    const before = await snapshot(t, org);
    const old = await postAcs(t.url, org.slug, idp.response(to(sp)));
    assertRefused(old, 400);
    assert.deepEqual(await snapshot(t, org), before);
    assert.equal((await postAcs(t.url, org.slug, next.response(to(sp)))).status, 303);
  });

  test('behind a TLS-terminating proxy (no PUBLIC_URL): the SP URLs follow the forwarded origin and the cookie is Secure', async () => {
    const org = await createOrg(t);
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'id.example.test' };
    const sp = { entityId: `https://id.example.test/saml/${org.slug}/metadata`, acsUrl: `https://id.example.test/saml/${org.slug}/acs` };
    await connectIdp(t, org, idp);
    const login = await startLogin(t.url, org.slug, undefined, proxied);
    assert.match(login.authnRequestXml, new RegExp(`AssertionConsumerServiceURL="${sp.acsUrl}"`));
    const r = await postAcs(
      t.url,
      org.slug,
      idp.response({ destination: sp.acsUrl, recipient: sp.acsUrl, audience: sp.entityId, inResponseTo: login.requestId }),
      undefined,
      { ...proxied, ...bindingHeader(login) },
    );
    assert.equal(r.status, 303, r.text);
    assert.match(
      r.setCookies.find((c) => c.startsWith('idm_session='))!,
      /; Secure$/,
    );
  });
});

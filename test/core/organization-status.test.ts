/**
 * `Organization.status` (issue #19): SSO configured and certificate expiry, the last SCIM request and
 * the SCIM errors of the last 24 hours, sign-ins today, seats used against the limit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, postAcs, startLogin, to } from '../helpers/saml-sp.js';
import { scimClient } from '../helpers/scim-client.js';

const STATUS = `query ($org: ID!) { organization(id: $org) { status {
  ssoConfigured idpCertificateExpiresAt lastScimRequestAt scimErrorsLast24h signInsToday activeUsers seatLimit
} } }`;
type Status = { organization: { status: Record<string, any> } };

describe('organization status', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  const status = async (key = org.key) => (await t.gql<Status, unknown>(STATUS, { org: org.id }, key)).organization.status;

  test('a new organization: nothing configured, nothing received', async () => {
    assert.deepEqual(await status(), {
      ssoConfigured: false,
      idpCertificateExpiresAt: null,
      lastScimRequestAt: null,
      scimErrorsLast24h: 0,
      signInsToday: 0,
      activeUsers: 0,
      seatLimit: null,
    });
  });

  test('after SSO, SCIM traffic with an error, a sign-in and a seat limit', async () => {
    const idp = new TestIdp();
    const sp = await connectIdp(t, org, idp);
    await createUser(t, org, { userName: 'ada@example.com' });
    const scim = scimClient(t, org.scimToken);
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace@example.com' };
    assert.equal((await scim.post('/Users', body)).status, 201);
    assert.equal((await scim.post('/Users', body)).status, 409);
    const login = await startLogin(t.url, org.slug);
    const signed = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: login.requestId, nameId: 'ada@example.com' })));
    assert.equal(signed.status, 303);
    await t.gql(`mutation ($org: ID!) { setProvisioningPolicy(organizationId: $org, input: { seatLimit: 10 }) { seatLimit } }`, { org: org.id }, org.key);

    // the SCIM log is written about a second after the requests
    let s = await status();
    for (let i = 0; i < 50 && s.scimErrorsLast24h === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      s = await status();
    }
    assert.equal(s.ssoConfigured, true);
    const cert = (
      await t.gql<{ samlConnection: { idpCertificates: Array<{ notAfter: string }> } }, unknown>(
        `query ($org: ID!) { samlConnection(organizationId: $org) { idpCertificates { notAfter } } }`,
        { org: org.id },
        org.key,
      )
    ).samlConnection.idpCertificates[0]!;
    assert.equal(s.idpCertificateExpiresAt, cert.notAfter);
    assert.ok(Date.now() - Date.parse(s.lastScimRequestAt) < 60_000);
    assert.equal(s.scimErrorsLast24h, 1);
    assert.equal(s.signInsToday, 1);
    assert.equal(s.activeUsers, 2);
    assert.equal(s.seatLimit, 10);

    // what a setup link sees of its own organization too
    const link = (
      await t.gql<{ createSetupLink: { url: string } }, unknown>(
        `mutation ($org: ID!) { createSetupLink(organizationId: $org, input: { scopes: [SCIM] }) { url } }`,
        { org: org.id },
        org.key,
      )
    ).createSetupLink.url.split('#')[1]!;
    assert.deepEqual(await status(link), s);
  });
});

/**
 * The browser session opened by a SAML sign-in: GET /auth/session, POST /auth/logout, revocation by
 * deactivation, the session lifetime, and organization scoping of the cookie.
 * docs/SAML.md §Sessions; docs/PROVISIONING.md §1.4, §5.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { connectIdp, cookieHeader, postAcs, sessionOf, to } from '../helpers/saml-sp.js';
import { CreateGroupDocument, DeactivateUserDocument, SetProvisioningPolicyDocument } from '../generated/graphql.js';

describe('browser session', () => {
  let t: TestServer;
  const idp = new TestIdp();
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  async function signIn(org: OrgFixture, nameId = 'ada@example.com', attributes?: Record<string, string[]>): Promise<string> {
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const r = await postAcs(t.url, org.slug, idp.response(to(sp, { nameId, ...(attributes ? { attributes } : {}) })));
    assert.equal(r.status, 303, r.text);
    return r.sessionCookie!;
  }

  test('GET /auth/session: 401 JSON without a (valid) cookie', async () => {
    for (const headers of [
      {},
      { cookie: 'idm_session=garbage' },
      { cookie: 'other=1' },
      cookieHeader(`00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`),
    ]) {
      const res = await fetch(`${t.url}/auth/session`, { headers });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'not signed in' });
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  });

  test('GET /auth/session: the signed-in user, their groups and the organization', async () => {
    const org = await createOrg(t);
    await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Engineering' } }, org.key);
    const cookie = await signIn(org, 'ada@example.com', { firstName: ['Ada'], lastName: ['Lovelace'], email: ['ada@example.com'], groups: ['Engineering'] });
    const s = await sessionOf(t.url, cookie);
    assert.equal(s.status, 200);
    assert.equal(s.body.user.userName, 'ada@example.com');
    assert.deepEqual(s.body.user.name, { givenName: 'Ada', familyName: 'Lovelace' });
    assert.equal(s.body.user.role, 'MEMBER');
    assert.equal(s.body.user.active, true);
    assert.deepEqual(
      s.body.user.groups.map((g: { displayName: string }) => g.displayName),
      ['Engineering'],
    );
    assert.equal(s.body.organization.id, org.id);
    assert.ok(Date.parse(s.body.expiresAt) > Date.now());
  });

  test('POST /auth/logout ends the session server-side and clears the cookie', async () => {
    const org = await createOrg(t);
    const cookie = await signIn(org);
    const res = await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: cookieHeader(cookie) });
    assert.equal(res.status, 204);
    assert.match(res.headers.getSetCookie()[0]!, /^idm_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    assert.equal((await sessionOf(t.url, cookie)).status, 401, 'the old cookie no longer works');
    // logging out without (or with a dead) session is harmless
    assert.equal((await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: cookieHeader(cookie) })).status, 204);
    assert.equal((await fetch(`${t.url}/auth/logout`, { method: 'POST' })).status, 204);
  });

  test('deactivating the user revokes the session at once', async () => {
    const org = await createOrg(t);
    const cookie = await signIn(org, 'leaver@example.com');
    const s = await sessionOf(t.url, cookie);
    assert.equal(s.status, 200);
    await t.gql(DeactivateUserDocument, { organizationId: org.id, id: s.body.user.id }, org.key);
    const res = await fetch(`${t.url}/auth/session`, { headers: cookieHeader(cookie) });
    assert.equal(res.status, 401);
    assert.match(res.headers.getSetCookie()[0]!, /^idm_session=; .*Max-Age=0/, 'the dead cookie is cleared');
  });

  test("the cookie's Max-Age follows the policy's sessionLifetimeSeconds", async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { sessionLifetimeSeconds: 900 } }, org.key);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const r = await postAcs(t.url, org.slug, idp.response(to(sp)));
    const maxAge = Number(/Max-Age=(\d+)/.exec(r.setCookies[0]!)![1]);
    assert.ok(maxAge > 800 && maxAge <= 900, String(maxAge));
  });

  test("a session secret is only good for its own organization (the cookie's organization id cannot be swapped)", async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    const cookie = await signIn(a);
    const token = cookie.slice(cookie.indexOf('.') + 1);
    assert.equal((await sessionOf(t.url, `${b.id}.${token}`)).status, 401);
    assert.equal((await sessionOf(t.url, cookie)).status, 200);
  });
});

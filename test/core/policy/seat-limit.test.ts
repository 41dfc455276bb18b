// docs/PROVISIONING.md §1.6
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/harness.js';
import { createOrg, createUser } from '../../helpers/fixtures.js';
import { signInAsSamlAdapter } from '../../helpers/saml-adapter.js';
import {
  CreateUserDocument,
  DeactivateUserDocument,
  EventsDocument,
  ReactivateUserDocument,
  SetProvisioningPolicyDocument,
  UserStatsDocument,
} from '../../generated/graphql.js';

describe('seat limit (§1.6)', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test('20 concurrent creations against a limit of 10 leave exactly 10 active users; the rest fail with SEAT_LIMIT and write nothing', async () => {
    const org = await createOrg(t);
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { seatLimit: 10 } }, org.key);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: `seat${i}@example.com` } }, org.scimToken)),
    );
    const ok = results.filter((r) => r.data?.createUser);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'SEAT_LIMIT');
    assert.equal(ok.length, 10);
    assert.equal(refused.length, 10);
    const { userStats } = await t.gql(UserStatsDocument, { organizationId: org.id }, org.key);
    assert.equal(userStats.activeUsers, 10);
    assert.equal(userStats.totalUsers, 10, 'refused creations left no rows');
    const created = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED'] }, first: 100 }, org.key);
    assert.equal(created.events.nodes.length, 10);
  });

  test('reactivation and first-login provisioning count against the limit; inactive users do not; lowering below usage is refused', async () => {
    const org = await createOrg(t);
    const a = await createUser(t, org, { userName: 'a@example.com' });
    await createUser(t, org, { userName: 'b@example.com' });
    await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { seatLimit: 2 } }, org.key);
    const third = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: 'c@example.com' } }, org.key);
    assert.equal(third.errors?.[0]?.extensions?.code, 'SEAT_LIMIT');
    const inactive = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: 'parked@example.com', active: false } }, org.key);
    assert.equal(inactive.errors, undefined, 'an inactive user takes no seat');
    const saml = await signInAsSamlAdapter(t, org.id, { subject: 'new@example.com', attributes: {} });
    assert.equal(saml.errors?.[0]?.extensions?.code, 'SEAT_LIMIT');
    await t.gql(DeactivateUserDocument, { organizationId: org.id, id: a.id }, org.key);
    assert.equal((await signInAsSamlAdapter(t, org.id, { subject: 'new@example.com', attributes: {} })).data?.signIn.created, true);
    const back = await t.raw(ReactivateUserDocument, { organizationId: org.id, id: a.id }, org.key);
    assert.equal(back.errors?.[0]?.extensions?.code, 'SEAT_LIMIT');
    const lower = await t.raw(SetProvisioningPolicyDocument, { organizationId: org.id, input: { seatLimit: 1 } }, org.key);
    assert.equal(lower.errors?.[0]?.extensions?.reason, 'policy.seatLimit.belowUsage');
    const unlimited = await t.gql(SetProvisioningPolicyDocument, { organizationId: org.id, input: { seatLimit: null } }, org.key);
    assert.equal(unlimited.setProvisioningPolicy.seatLimit, null);
    assert.equal((await t.raw(ReactivateUserDocument, { organizationId: org.id, id: a.id }, org.key)).errors, undefined);
  });
});

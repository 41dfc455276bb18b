import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { CreateUserDocument, EventsDocument, UsersDocument } from '../generated/graphql.js';

describe('concurrency', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('20 parallel creations of the same userName (differently cased) yield exactly one user and one event', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: i % 2 ? 'Race@Example.com' : 'race@example.com' } }, org.scimToken),
      ),
    );
    const ok = results.filter((r) => r.data?.createUser);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    assert.equal(ok.length, 1);
    assert.equal(conflicts.length, 19);
    const users = await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { eq: 'RACE@example.com' } } }, org.key);
    assert.equal(users.users.totalCount, 1);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['USER_CREATED'] } }, org.key);
    assert.equal(ev.events.nodes.length, 1);
    assert.equal(ev.events.nodes[0]?.actorType, 'SCIM_TOKEN');
  });
});

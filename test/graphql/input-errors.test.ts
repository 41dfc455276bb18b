/**
 * Client input that is wrong in form (an id that is no UUID) or in fact (a key another user holds) is
 * answered with a client error and its `extensions.code`, never INTERNAL_SERVER_ERROR (README
 * "Errors"), over real HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import {
  CreateApiKeyDocument,
  CreateGroupDocument,
  CreateUserDocument,
  ProvisioningPolicyDocument,
  SetProvisioningPolicyDocument,
  UsersDocument,
} from '../generated/graphql.js';

describe('GraphQL input errors', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.stop());

  test('a platform key naming an organization by an id that is no UUID gets NOT_FOUND, not an internal error', async () => {
    for (const organizationId of ['not-a-uuid', '', 'x'.repeat(10_000)]) {
      const answers = await Promise.all([
        t.raw(CreateUserDocument, { organizationId, input: { userName: 'a@example.com' } }),
        t.raw(CreateGroupDocument, { organizationId, input: { displayName: 'A' } }),
        t.raw(CreateApiKeyDocument, { organizationId, name: 'k', role: 'ADMIN' }),
        t.raw(SetProvisioningPolicyDocument, { organizationId, input: { defaultRole: 'MEMBER' } }),
        t.raw(ProvisioningPolicyDocument, { organizationId }),
        t.raw(UsersDocument, { organizationId }),
      ]);
      for (const r of answers) {
        assert.equal(r.errors?.length, 1, JSON.stringify(r));
        assert.equal(r.errors[0]!.extensions?.code, 'NOT_FOUND', JSON.stringify(r.errors));
        assert.equal(r.errors[0]!.extensions?.reason, 'organization.notFound');
      }
    }
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { CreateApiKeyDocument, CreateOrganizationDocument, CreateScimTokenDocument, OrganizationDocument, ViewerDocument } from '../generated/graphql.js';

describe('organizations', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  test('the platform key creates an organization; the slug is unique', async () => {
    const { createOrganization: org } = await t.gql(CreateOrganizationDocument, { input: { name: 'Acme Corp', slug: 'acme' } });
    assert.equal(org.slug, 'acme');
    assert.equal(org.name, 'Acme Corp');
    const dup = await t.raw(CreateOrganizationDocument, { input: { name: 'Other', slug: 'acme' } });
    assert.equal(dup.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(dup.errors?.[0]?.extensions?.field, 'slug');
  });

  test('invalid slugs and blank names are BAD_USER_INPUT', async () => {
    for (const input of [
      { name: 'x', slug: 'Has Spaces' },
      { name: 'x', slug: '-lead' },
      { name: '  ', slug: 'fine' },
    ]) {
      const r = await t.raw(CreateOrganizationDocument, { input });
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(input));
    }
  });

  test('organization keys cannot create organizations and see only their own organization', async () => {
    const { createOrganization: a } = await t.gql(CreateOrganizationDocument, { input: { name: 'A', slug: 'org-a' } });
    const { createOrganization: b } = await t.gql(CreateOrganizationDocument, { input: { name: 'B', slug: 'org-b' } });
    const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: a.id, name: 'automation', role: 'ADMIN' });
    const key = createApiKey.token;
    const viewer = await t.gql(ViewerDocument, {}, key);
    assert.deepEqual(viewer.viewer, {
      kind: 'API_KEY',
      organizationId: a.id,
      credentialId: createApiKey.credential.id,
      label: 'API key "automation"',
      role: 'ADMIN',
    });
    const create = await t.raw(CreateOrganizationDocument, { input: { name: 'C', slug: 'org-c' } }, key);
    assert.equal(create.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await t.gql(OrganizationDocument, { id: a.id }, key)).organization?.id, a.id);
    assert.equal((await t.gql(OrganizationDocument, { id: b.id }, key)).organization, null);
    const token = await t.raw(CreateScimTokenDocument, { organizationId: b.id, name: 'steal' }, key);
    assert.equal(token.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });
});

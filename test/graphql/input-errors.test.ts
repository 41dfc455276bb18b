/**
 * Client input that is wrong in form (an id that is no UUID) or in fact (a key another user holds) is
 * answered with a client error and its `extensions.code`, never INTERNAL_SERVER_ERROR (README
 * "Errors"), over real HTTP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import {
  AttributeMappingsDocument,
  CreateApiKeyDocument,
  CreateGroupDocument,
  CreateUserDocument,
  CredentialsDocument,
  CustomAttributeDefinitionsDocument,
  EventsDocument,
  GroupsDocument,
  ProvisioningPolicyDocument,
  PreviewProvisioningDocument,
  ResetAttributeMappingsDocument,
  SetProvisioningPolicyDocument,
  UserStatsDocument,
  UsersDocument,
} from '../generated/graphql.js';

describe('GraphQL input errors', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
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
      // platform keys only: it authorizes by the key's kind
      const verify = await t.raw('mutation ($o: ID!, $id: ID!) { verifyOrganizationDomain(organizationId: $o, id: $id) { id } }', {
        o: organizationId,
        id: '01a24fb2-0000-7000-8000-000000000000',
      });
      assert.equal(verify.errors?.[0]?.extensions?.code, 'NOT_FOUND', JSON.stringify(verify.errors));
      for (const r of answers) {
        assert.equal(r.errors?.length, 1, JSON.stringify(r));
        assert.equal(r.errors[0]!.extensions?.code, 'NOT_FOUND', JSON.stringify(r.errors));
        assert.equal(r.errors[0]!.extensions?.reason, 'organization.notFound');
      }
    }
  });

  test('a platform key naming an organization that does not exist gets NOT_FOUND, not its default settings', async () => {
    const organizationId = '01a24fb2-0000-7000-8000-000000000000';
    const answers = await Promise.all([
      t.raw(ProvisioningPolicyDocument, { organizationId }),
      t.raw(SetProvisioningPolicyDocument, { organizationId, input: {} }),
      t.raw(AttributeMappingsDocument, { organizationId, source: 'SCIM' }),
      t.raw(ResetAttributeMappingsDocument, { organizationId, source: 'SCIM' }),
      t.raw(CustomAttributeDefinitionsDocument, { organizationId }),
      t.raw(CreateUserDocument, { organizationId, input: { userName: 'a@example.com' } }),
    ]);
    for (const r of answers) {
      assert.equal(r.errors?.length, 1, JSON.stringify(r));
      assert.equal(r.errors[0]!.extensions?.code, 'NOT_FOUND', JSON.stringify(r.errors));
      assert.equal(r.errors[0]!.extensions?.reason, 'organization.notFound');
    }
  });

  test("a platform key listing an organization that does not exist gets NOT_FOUND; an existing organization's empty lists stay empty", async () => {
    const lists = (organizationId: string) =>
      Promise.all([
        t.raw(UsersDocument, { organizationId }),
        t.raw(UsersDocument, { organizationId, first: 0 }),
        t.raw(GroupsDocument, { organizationId }),
        t.raw(UserStatsDocument, { organizationId }),
        t.raw(CredentialsDocument, { organizationId }),
        t.raw(EventsDocument, { organizationId }),
        t.raw('query ($o: ID!) { webhookEndpoints(organizationId: $o) { id } }', { o: organizationId }),
        t.raw('query ($o: ID!) { setupLinks(organizationId: $o) { id } }', { o: organizationId }),
        t.raw('query ($o: ID!) { scimRequests(organizationId: $o) { nodes { id } } }', { o: organizationId }),
      ]);
    for (const r of await lists('01a24fb2-0000-7000-8000-000000000000')) {
      assert.equal(r.errors?.length, 1, JSON.stringify(r));
      assert.equal(r.errors[0]!.extensions?.code, 'NOT_FOUND', JSON.stringify(r.errors));
      assert.equal(r.errors[0]!.extensions?.reason, 'organization.notFound');
    }
    // an organization with nothing in these lists yet (its own credential aside): answers, not errors
    const created = await t.raw('mutation { createOrganization(input: {name: "Empty", slug: "empty-lists"}) { id } }');
    const empty = (created.data as { createOrganization: { id: string } }).createOrganization.id;
    for (const r of await lists(empty)) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
  });

  test('a cursor edited by hand (its list tag kept, its sort value or id changed) is BAD_USER_INPUT pagination.cursor.invalid, not an internal error', async () => {
    const edited = await createOrg(t);
    await defineAttributes(t, edited, { level: 'INTEGER' });
    for (let i = 0; i < 3; i++) await createUser(t, edited, { userName: `c${i}@example.com`, customAttributes: { level: i } });
    for (let i = 0; i < 3; i++) await t.gql(CreateGroupDocument, { organizationId: edited.id, input: { displayName: `C${i}` } }, edited.key);
    const usersPage = 'query($o: ID!, $s: UserSort, $a: String) { users(organizationId: $o, sort: $s, first: 1, after: $a) { pageInfo { endCursor } } }';
    const groupsPage = 'query($o: ID!, $s: GroupSort, $a: String) { groups(organizationId: $o, sort: $s, first: 1, after: $a) { pageInfo { endCursor } } }';
    const lists = [
      { doc: usersPage, sort: { field: 'CREATED_AT' }, key: 'not a time' },
      { doc: usersPage, sort: { field: 'CREATED_AT' }, key: '99999999-01-01 00:00:00+00' },
      { doc: usersPage, sort: { field: 'USER_NAME' }, key: 'a\u0000b' },
      { doc: usersPage, sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' }, key: 'seven' },
      { doc: usersPage, sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' }, key: '9'.repeat(200_000) },
      { doc: groupsPage, sort: { field: 'MEMBER_COUNT' }, key: '99999999999' },
      { doc: groupsPage, sort: { field: 'CREATED_AT' }, key: 'the day before' },
    ];
    const edit = (cursor: string, change: (v: [string | null, string, string]) => unknown[]) =>
      Buffer.from(JSON.stringify(change(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))))).toString('base64url');
    for (const { doc, sort, key } of lists) {
      const first = await t.gql<{ users?: { pageInfo: { endCursor: string } }; groups?: { pageInfo: { endCursor: string } } }, unknown>(
        doc,
        { o: edited.id, s: sort },
        edited.key,
      );
      const cursor = (first.users ?? first.groups)!.pageInfo.endCursor;
      // the cursor as returned still pages
      assert.equal((await t.raw(doc, { o: edited.id, s: sort, a: cursor }, edited.key)).errors, undefined);
      for (const a of [edit(cursor, ([, id, tag]) => [key, id, tag]), edit(cursor, ([k, , tag]) => [k, 'not-a-uuid', tag])]) {
        const r = await t.raw(doc, { o: edited.id, s: sort, a }, edited.key);
        assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${JSON.stringify(sort)} ${key.slice(0, 30)}: ${JSON.stringify(r.errors)}`);
        assert.equal(r.errors[0]!.extensions?.reason, 'pagination.cursor.invalid');
      }
    }
  });

  test('a filter of more values than one statement can take (70 in lists of 1,000) is BAD_USER_INPUT filter.tooManyValues, not a 503 database.unavailable', async () => {
    const lists = (n: number) => Array.from({ length: n }, (_, k) => Array.from({ length: 1000 }, (_, i) => `v${k}-${i}@example.com`));
    const users = 'query($o: ID!, $f: UserFilter) { users(organizationId: $o, filter: $f) { totalCount nodes { id } } }';
    const groups = 'query($o: ID!, $f: GroupFilter) { groups(organizationId: $o, filter: $f) { totalCount nodes { id } } }';
    for (const [doc, f] of [
      [users, { or: lists(70).map((l) => ({ userName: { in: l } })) }],
      [users, { or: lists(70).map((l) => ({ emails: { value: { in: l } } })) }],
      [groups, { or: lists(70).map((l) => ({ displayName: { in: l } })) }],
    ] as const) {
      const r = await t.raw(doc, { o: org.id, f }, org.key);
      assert.equal(r.status, 200, JSON.stringify(r.errors));
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.errors));
      assert.equal(r.errors[0]!.extensions?.reason, 'filter.tooManyValues');
    }
    // 60 lists of 1,000 still run
    const ok = await t.raw(users, { o: org.id, f: { or: lists(60).map((l) => ({ userName: { in: l } })) } }, org.key);
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
  });

  test('a SCIM preview of a userName (or externalId) an active user already has shows the CONFLICT a real request would meet', async () => {
    await createUser(t, org, { userName: 'taken@example.com', externalId: 'ext-1' });
    for (const input of [
      { userName: 'taken@example.com', attributes: {} },
      { userName: 'TAKEN@example.com', attributes: {} },
      { userName: 'free@example.com', externalId: 'ext-1', attributes: {} },
    ]) {
      const r = await t.raw(PreviewProvisioningDocument, { organizationId: org.id, source: 'SCIM', input }, org.key);
      assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const pv = r.data!.previewProvisioning;
      assert.equal(pv.user, null);
      assert.equal(pv.created, false);
      assert.equal(pv.error?.code, 'CONFLICT');
      assert.match(pv.error!.reason, /^user\.(userName|externalId)\.conflict$/);
    }
  });
});

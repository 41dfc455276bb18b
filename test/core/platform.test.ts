/**
 * The platform level: platform keys (list, create, revoke), organization deletion, and the
 * platform's own events (`events` without organizationId). README §GraphQL API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gqlRequest, spawnServerProcess, startTestServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, defineAttributes, secretPart } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';
import { someoneWaitsForALock, withDb } from '../helpers/db.js';
import type { Em } from '../../src/core/db.js';
import { AppError } from '../../src/core/errors.js';
import { writeEvents } from '../../src/core/events/event-writer.js';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  CreateOrganizationDocument,
  CreatePlatformKeyDocument,
  DeleteOrganizationDocument,
  EventsDocument,
  OrganizationDocument,
  PlatformEventsDocument,
  PlatformKeysDocument,
  RevokePlatformKeyDocument,
  ViewerDocument,
} from '../generated/graphql.js';

async function rowCounts(t: TestServer, organizationId: string): Promise<Record<string, number>> {
  return withDb(t.databaseUrl, async (db) => {
    const out: Record<string, number> = {};
    for (const table of [
      'users',
      'groups',
      'group_memberships',
      'credentials',
      'events',
      'provisioning_policies',
      'custom_attribute_definitions',
      'attribute_mappings',
      'saml_connections',
      'sessions',
    ]) {
      out[table] = (await db.query(`select count(*)::int as n from ${table} where organization_id = $1`, [organizationId])).rows[0].n;
    }
    return out;
  });
}

describe('platform keys', () => {
  let t: TestServer;
  let other: ServerProcess | undefined;
  before(async () => (t = await startTestServer()));
  after(async () => {
    await other?.stop();
    await t.stop();
  });

  test('created with the secret shown once, listed without it, acting as the platform', async () => {
    const { createPlatformKey: made } = await t.gql(CreatePlatformKeyDocument, { name: 'ops automation' });
    assert.match(made.token, /^idm_admin_/);
    assert.deepEqual([made.credential.kind, made.credential.role, made.credential.organizationId], ['PLATFORM_KEY', 'PLATFORM', null]);
    const viewer = (await t.gql(ViewerDocument, {}, made.token)).viewer;
    assert.deepEqual([viewer.kind, viewer.label], ['PLATFORM', 'platform key "ops automation"']);
    const list = await t.gql(PlatformKeysDocument, {});
    const listed = list.platformKeys.find((k) => k.id === made.credential.id);
    assert.ok(listed, 'listed');
    assert.equal(listed.createdBy, 'ADMIN_API_KEY');
    assert.ok(!JSON.stringify(list).includes(secretPart(made.token)), 'never the secret');
    // the new key can itself create an organization
    const org = await t.gql(CreateOrganizationDocument, { input: { name: 'Via key', slug: `via-${made.credential.id.slice(-6)}` } }, made.token);
    assert.ok(org.createOrganization.id);
  });

  test('revocation refuses the key on the next request, in this and in another server process', async () => {
    const { createPlatformKey: made } = await t.gql(CreatePlatformKeyDocument, { name: 'short-lived' });
    other = await spawnServerProcess(t.databaseUrl, t.adminKey);
    // both processes have verified (and cached) the key
    assert.equal((await t.gql(ViewerDocument, {}, made.token)).viewer.kind, 'PLATFORM');
    assert.equal((await gqlRequest(other.url, made.token, ViewerDocument, {})).data?.viewer.kind, 'PLATFORM');
    const revoked = (await t.gql(RevokePlatformKeyDocument, { id: made.credential.id })).revokePlatformKey;
    assert.ok(revoked.revokedAt);
    assert.equal((await t.raw(ViewerDocument, {}, made.token)).status, 401);
    // the other process hears of it through NOTIFY at commit
    let status = 0;
    for (let i = 0; i < 100 && status !== 401; i++) {
      status = (await gqlRequest(other.url, made.token, ViewerDocument, {})).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 401, 'refused by the other process too');
    assert.ok(!(await t.gql(PlatformKeysDocument, {})).platformKeys.some((k) => k.id === made.credential.id), 'not listed as active');
    assert.ok((await t.gql(PlatformKeysDocument, { includeRevoked: true })).platformKeys.some((k) => k.id === made.credential.id && k.revokedAt));
    // revoking again is a no-op; an unknown id is NOT_FOUND
    assert.ok((await t.gql(RevokePlatformKeyDocument, { id: made.credential.id })).revokePlatformKey.revokedAt);
    assert.equal((await t.raw(RevokePlatformKeyDocument, { id: '01a22735-0000-7000-8000-000000000000' })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  test('organization credentials can neither see nor manage platform keys, nor revoke one through the organization API', async () => {
    const org = await createOrg(t);
    const { createPlatformKey: made } = await t.gql(CreatePlatformKeyDocument, { name: 'untouchable' });
    for (const key of [org.key, org.scimToken]) {
      assert.equal((await t.raw(PlatformKeysDocument, {}, key)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal((await t.raw(CreatePlatformKeyDocument, { name: 'x' }, key)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal((await t.raw(RevokePlatformKeyDocument, { id: made.credential.id }, key)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    }
    assert.equal((await t.gql(ViewerDocument, {}, made.token)).viewer.kind, 'PLATFORM', 'still valid');
  });

  test("the platform's events record who created and revoked which key; organization credentials cannot read them", async () => {
    const { createPlatformKey: made } = await t.gql(CreatePlatformKeyDocument, { name: 'audited' });
    await t.gql(RevokePlatformKeyDocument, { id: made.credential.id }, made.token); // a key may revoke itself
    const events = (await t.gql(PlatformEventsDocument, { filter: { subjectId: made.credential.id } })).events.nodes;
    assert.deepEqual(
      events.map((e) => [e.type, e.organizationId, e.actorLabel, e.data.kind]),
      [
        ['CREDENTIAL_CREATED', null, 'ADMIN_API_KEY', 'PLATFORM_KEY'],
        ['CREDENTIAL_REVOKED', null, 'platform key "audited"', 'PLATFORM_KEY'],
      ],
    );
    const org = await createOrg(t);
    assert.equal((await t.raw(PlatformEventsDocument, {}, org.key)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const own = (await t.gql(EventsDocument, { organizationId: org.id }, org.key)).events.nodes;
    assert.ok(own.length > 0 && own.every((e) => e.organizationId === org.id), "an organization's log holds only its own events");
  });
});

describe('deleteOrganization', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer()));
  after(() => t.stop());

  async function populated() {
    const org = await createOrg(t);
    await defineAttributes(t, org, { cost_center: 'STRING' });
    const a = await createUser(t, org, { userName: 'a@example.com', customAttributes: { cost_center: 'CC-1' } }, org.scimToken);
    await createUser(t, org, { userName: 'b@example.com' });
    const g = (await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: 'Eng' } }, org.key)).createGroup;
    await t.gql(AddGroupMembersDocument, { organizationId: org.id, groupId: g.id, userIds: [a.id] }, org.key);
    return org;
  }

  test('a wrong confirmSlug, an organization credential or an unknown id change nothing', async () => {
    const org = await populated();
    const before = await rowCounts(t, org.id);
    const wrong = await t.raw(DeleteOrganizationDocument, { id: org.id, confirmSlug: `${org.slug}x` });
    assert.equal(wrong.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(wrong.errors?.[0]?.extensions?.reason, 'organization.delete.confirmSlug');
    assert.equal((await t.raw(DeleteOrganizationDocument, { id: org.id, confirmSlug: org.slug }, org.key)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(
      (await t.raw(DeleteOrganizationDocument, { id: '01a22735-0000-7000-8000-000000000000', confirmSlug: org.slug })).errors?.[0]?.extensions?.code,
      'NOT_FOUND',
    );
    assert.deepEqual(await rowCounts(t, org.id), before);
    assert.equal((await scimClient(t, org.scimToken).get('/Users')).status, 200);
  });

  test('a SCIM request in flight while its organization is deleted gets a 404, not a 500', async () => {
    const org = await populated();
    const scim = scimClient(t, org.scimToken);
    assert.equal((await scim.get('/Users')).status, 200, 'token and organization settings are cached');
    await withDb(t.databaseUrl, async (db) => {
      await db.query('begin');
      await db.query('delete from organizations where id = $1', [org.id]);
      // the create reaches the database and waits for the deleting transaction (the foreign key)
      const pending = scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'late@example.com' });
      assert.ok(await someoneWaitsForALock(db), 'the create is waiting for the deletion');
      await db.query('commit');
      const r = await pending;
      assert.equal(r.status, 404, JSON.stringify(r.body));
      assert.deepEqual((r.body as { schemas: string[] }).schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    });
  });

  // events have no foreign key to their organization (checked per event it cost ~9 of the ~42 ms a
  // 1,000-member push spends on its events): the event writer locks the organization row once per
  // statement, as that check did
  test('events written while their organization is being deleted wait for the deletion, then fail: none are left behind', async () => {
    const org = await populated();
    await withDb(t.databaseUrl, async (db) => {
      await db.query('begin');
      await db.query('delete from organizations where id = $1', [org.id]);
      const pending = t.server.orm.em
        .fork()
        .transactional((em) =>
          writeEvents(em as Em, org.id, { type: 'SYSTEM', id: null, label: 'test' }, null, [
            { type: 'USER_UPDATED', subjectType: 'USER', subjectId: org.id, subjectLabel: 'late' },
          ]),
        )
        .then(
          () => 'written',
          (err: unknown) => err,
        );
      assert.ok(await someoneWaitsForALock(db), 'the event write is waiting for the deletion');
      await db.query('commit');
      const r = await pending;
      assert.ok(r instanceof AppError && r.code === 'NOT_FOUND', String(r));
      assert.equal((await db.query('select count(*)::int as n from events where organization_id = $1', [org.id])).rows[0].n, 0);
    });
  });

  test('removes everything the organization owns; its tokens stop working at once; the slug is free again; a platform event records it', async () => {
    const org = await populated();
    const scim = scimClient(t, org.scimToken);
    assert.equal((await scim.get('/Users')).status, 200, 'the SCIM token is verified (and cached) before the deletion');
    const bystander = await populated();
    const bystanderBefore = await rowCounts(t, bystander.id);

    assert.equal((await t.gql(DeleteOrganizationDocument, { id: org.id, confirmSlug: org.slug })).deleteOrganization, true);

    assert.equal((await t.gql(OrganizationDocument, { id: org.id })).organization, null);
    const left = await rowCounts(t, org.id);
    assert.ok(
      Object.values(left).every((n) => n === 0),
      JSON.stringify(left),
    );
    assert.equal((await scim.get('/Users')).status, 401, 'the cached SCIM token is refused on the next request');
    assert.equal((await t.raw(ViewerDocument, {}, org.key)).status, 401, 'so is the API key');
    assert.deepEqual(await rowCounts(t, bystander.id), bystanderBefore, 'other organizations are untouched');

    const events = (await t.gql(PlatformEventsDocument, { filter: { subjectId: org.id } })).events.nodes;
    assert.equal(events.length, 1);
    assert.deepEqual(
      [events[0]!.type, events[0]!.organizationId, events[0]!.subjectLabel, events[0]!.actorLabel],
      ['ORGANIZATION_DELETED', null, org.slug, 'ADMIN_API_KEY'],
    );
    assert.deepEqual(events[0]!.data, { name: org.slug.toUpperCase(), slug: org.slug, users: 2, groups: 1 });

    const again = await t.gql(CreateOrganizationDocument, { input: { name: 'Reborn', slug: org.slug } });
    assert.notEqual(again.createOrganization.id, org.id);
  });
});

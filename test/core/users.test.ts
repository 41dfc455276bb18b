import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import {
  CreateUserDocument,
  DeactivateUserDocument,
  DeleteUserDocument,
  EventsDocument,
  ReactivateUserDocument,
  UpdateUserDocument,
  UserDocument,
  UsersDocument,
  UserStatsDocument,
} from '../generated/graphql.js';

describe('users', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    await defineAttributes(t, org, { cost_center: 'STRING', level: 'INTEGER', a: 'STRING', b: 'BOOLEAN', c: { type: 'INTEGER', multiValued: true } });
  });
  after(() => t.stop());

  test('createUser stores every attribute and returns it', async () => {
    const manager = await createUser(t, org, { userName: 'boss@example.com' });
    const u = await createUser(t, org, {
      userName: 'Ada.Lovelace@Example.com',
      externalId: '00u1abcd',
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      displayName: 'Ada',
      title: 'Analyst',
      department: 'Engineering',
      managerId: manager.id,
      emails: [
        { value: 'ada@example.com', type: 'work', primary: true },
        { value: 'ada@home.example', type: 'home' },
      ],
      role: 'EDITOR',
      customAttributes: { cost_center: 'CC-1', level: 3 },
      locale: 'en_US',
      timezone: 'Europe/London',
    });
    assert.equal(u.userName, 'Ada.Lovelace@Example.com');
    assert.equal(u.active, true);
    assert.equal(u.version, 1);
    assert.equal(u.provisionedBy, 'API');
    assert.equal(u.role, 'EDITOR');
    assert.deepEqual(u.customAttributes, { cost_center: 'CC-1', level: 3 });
    const { user } = await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key);
    assert.equal(user?.manager?.userName, 'boss@example.com');
    assert.deepEqual(user?.name, { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' });
    assert.deepEqual(
      user?.emails.map((e) => e.value),
      ['ada@example.com', 'ada@home.example'],
    );
  });

  test('userName is unique case-insensitively; the conflict is CONFLICT and writes nothing', async () => {
    const grace = await createUser(t, org, { userName: 'grace@example.com' });
    const before = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    const r = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: 'GRACE@example.COM', title: 'x' } }, org.key);
    assert.equal(r.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(r.errors?.[0]?.extensions?.field, 'userName');
    assert.equal(r.errors?.[0]?.extensions?.id, grace.id, 'the conflict names the user that has the userName');
    const users = await t.gql(UsersDocument, { organizationId: org.id, filter: { userName: { eq: 'grace@example.com' } } }, org.key);
    assert.equal(users.users.totalCount, 1);
    const afterEv = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    assert.equal(afterEv.events.nodes[0]?.sequence, before.events.nodes[0]?.sequence, 'no event was written');
    // also when the key holds what PostgreSQL's detail would quote: commas, parentheses, quotes
    const odd = await createUser(t, org, { userName: "o'neil, (jr)@example.com" });
    const again = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: "O'Neil, (JR)@example.com" } }, org.key);
    assert.equal(again.errors?.[0]?.extensions?.id, odd.id);
  });

  test('externalId is unique per organization when set (case-sensitive), and may repeat as null', async () => {
    const e1 = await createUser(t, org, { userName: 'e1@example.com', externalId: 'EXT-1' });
    const dup = await t.raw(CreateUserDocument, { organizationId: org.id, input: { userName: 'e2@example.com', externalId: 'EXT-1' } }, org.key);
    assert.equal(dup.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(dup.errors?.[0]?.extensions?.field, 'externalId');
    assert.equal(dup.errors?.[0]?.extensions?.id, e1.id);
    await createUser(t, org, { userName: 'e3@example.com', externalId: 'ext-1' });
    await createUser(t, org, { userName: 'e4@example.com' });
    await createUser(t, org, { userName: 'e5@example.com' });
  });

  test('invalid input is BAD_USER_INPUT naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ userName: '   ' }, 'userName'],
      [{ userName: 'a@x', emails: [{ value: 'not-an-email' }] }, 'emails'],
      [
        {
          userName: 'a@x',
          emails: [
            { value: 'a@x.com', primary: true },
            { value: 'b@x.com', primary: true },
          ],
        },
        'emails',
      ],
      [{ userName: 'a@x', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ userName: 'a@x', locale: 'not a locale' }, 'locale'],
      [{ userName: 'a@x', managerId: 'nope' }, 'managerId'],
      [{ userName: 'a@x', managerId: '01900000-0000-7000-8000-000000000000' }, 'managerId'],
      [{ userName: 'a@x', customAttributes: { 'bad key': 1 } }, 'customAttributes.bad key'],
      [{ userName: 'a@x', customAttributes: { nested: { a: 1 } } }, 'customAttributes.nested'],
      [{ userName: 'x'.repeat(300) }, 'userName'],
    ];
    for (const [input, field] of cases) {
      const r = await t.raw(CreateUserDocument, { organizationId: org.id, input: input as never }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(input));
      assert.equal(r.errors?.[0]?.extensions?.field, field, JSON.stringify(input));
    }
  });

  test('updateUser keeps omitted fields, clears nulls, bumps version only on change, and honours expectedVersion', async () => {
    const u = await createUser(t, org, { userName: 'upd@example.com', title: 'Dev', department: 'R&D', name: { givenName: 'Up', familyName: 'Date' } });
    const a = (
      await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'Lead', department: null, name: { familyName: 'Dated' } } }, org.key)
    ).updateUser;
    assert.equal(a.title, 'Lead');
    assert.equal(a.department, null);
    assert.deepEqual(a.name, { givenName: 'Up', familyName: 'Dated', formatted: null });
    assert.equal(a.version, 2);
    const same = (await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'Lead' } }, org.key)).updateUser;
    assert.equal(same.version, 2, 'no-op update does not bump the version');
    const stale = await t.raw(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'X' }, expectedVersion: 1 }, org.key);
    assert.equal(stale.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    assert.deepEqual(
      [stale.errors?.[0]?.message, stale.errors?.[0]?.extensions?.version, stale.errors?.[0]?.extensions?.field],
      ['the user was changed since version 1: it is at version 2', 2, 'expectedVersion'],
    );
    const ahead = await t.raw(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'X' }, expectedVersion: 6 }, org.key);
    assert.equal(ahead.errors?.[0]?.message, 'the user never had version 6: it is at version 2');
    const ok = await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'X' }, expectedVersion: 2 }, org.key);
    assert.equal(ok.updateUser.version, 3);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: u.id }, first: 10 }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => e.type),
      ['USER_CREATED', 'USER_UPDATED', 'USER_UPDATED'],
    );
    assert.deepEqual(ev.events.nodes[1]?.changes.title, { before: 'Dev', after: 'Lead' });
    assert.deepEqual(ev.events.nodes[1]?.changes.department, { before: 'R&D', after: null });
  });

  test('custom attributes merge on update and null removes one', async () => {
    const u = await createUser(t, org, { userName: 'custom@example.com', customAttributes: { a: 'x', b: true } });
    const r = await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { customAttributes: { b: null, c: [1, 2] } } }, org.key);
    assert.deepEqual(r.updateUser.customAttributes, { a: 'x', c: [1, 2] });
  });

  test('deactivate and reactivate keep the id and record typed events', async () => {
    const u = await createUser(t, org, { userName: 'leaver@example.com' });
    const d = (await t.gql(DeactivateUserDocument, { organizationId: org.id, id: u.id }, org.key)).deactivateUser;
    assert.equal(d.active, false);
    assert.ok(d.deactivatedAt);
    const r = (await t.gql(ReactivateUserDocument, { organizationId: org.id, id: u.id }, org.key)).reactivateUser;
    assert.equal(r.id, u.id);
    assert.equal(r.active, true);
    assert.equal(r.deactivatedAt, null);
    const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: u.id } }, org.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => e.type),
      ['USER_CREATED', 'USER_DEACTIVATED', 'USER_REACTIVATED'],
    );
  });

  test('deleteUser removes the user; unknown and malformed ids are NOT_FOUND', async () => {
    const u = await createUser(t, org, { userName: 'gone@example.com' });
    assert.equal((await t.gql(DeleteUserDocument, { organizationId: org.id, id: u.id }, org.key)).deleteUser, u.id);
    assert.equal((await t.gql(UserDocument, { organizationId: org.id, id: u.id }, org.key)).user, null);
    for (const id of [u.id, 'not-a-uuid']) {
      const r = await t.raw(DeleteUserDocument, { organizationId: org.id, id }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    }
  });
});

describe('users: paging, filters, sorting, stats', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    await defineAttributes(t, org, { level: 'INTEGER', region: 'STRING' });
    const depts = ['Sales', 'Engineering', 'Finance'];
    for (let i = 0; i < 45; i++) {
      await createUser(t, org, {
        userName: `user${String(i).padStart(2, '0')}@example.com`,
        externalId: `ext-${i}`,
        department: depts[i % 3],
        title: i % 5 === 0 ? 'Manager' : null,
        emails: [{ value: `u${i}@corp.example`, type: 'work', primary: true }],
        customAttributes: { level: i % 4, region: i % 2 ? 'EMEA' : 'AMER' },
        active: i % 9 !== 0,
      });
    }
  });
  after(() => t.stop());

  test('keyset pages cover every user exactly once, in a stable order', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const { users } = await t.gql(UsersDocument, { organizationId: org.id, first: 10, after, sort: { field: 'USER_NAME' } }, org.key);
      seen.push(...users.nodes.map((n) => n.userName));
      pages++;
      assert.equal(users.totalCount, 45);
      if (!users.pageInfo.hasNextPage) break;
      after = users.pageInfo.endCursor;
    }
    assert.equal(pages, 5);
    assert.equal(new Set(seen).size, 45);
    assert.deepEqual(seen, [...seen].sort());
  });

  test('a page reads attributeSources only when it shows them, and the same ones a single user read shows', async () => {
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    const texts: string[] = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text?: string };
      const text = typeof q === 'string' ? q : (q?.text ?? '');
      if (/from users u/.test(text)) texts.push(text);
      return original.apply(this, a);
    };
    const page = (fields: string, fragment = '') =>
      t.gql<{ users: { nodes: Array<Record<string, unknown>>; edges: Array<{ node: Record<string, unknown> }> } }, unknown>(
        `query ($o: ID!) { users(organizationId: $o, first: 3, sort: { field: USER_NAME }) { ${fields} } } ${fragment}`,
        { o: org.id },
        org.key,
      );
    let without, withSources, viaEdges, viaFragment;
    try {
      without = await page('nodes { id userName emails { value } }');
      withSources = await page('nodes { id attributeSources }');
      viaEdges = await page('edges { node { id attributeSources } }');
      viaFragment = await page('nodes { id ...S }', 'fragment S on User { attributeSources }');
    } finally {
      proto.query = original;
    }
    assert.equal(texts.length, 4);
    // user_name_key and email_keys are never shown; attribute_sources only when selected
    const columns = texts[0]!.split(' from ')[0]!;
    assert.match(columns, /u\."user_name"/);
    assert.doesNotMatch(columns, /user_name_key"|email_keys|attribute_sources|u\.\*/);
    for (const text of texts.slice(1)) assert.match(text.split(' from ')[0]!, /attribute_sources/);
    assert.deepEqual(without.users.nodes[0]!.emails, [{ value: 'u0@corp.example' }]);
    const first = withSources.users.nodes[0]!;
    const { user } = await t.gql<{ user: { attributeSources: Record<string, unknown> } }, unknown>(
      'query ($o: ID!, $id: ID!) { user(organizationId: $o, id: $id) { attributeSources } }',
      { o: org.id, id: first.id },
      org.key,
    );
    assert.ok(Object.keys(first.attributeSources as object).length > 0);
    assert.deepEqual(first.attributeSources, user.attributeSources);
    assert.deepEqual(viaEdges.users.edges[0]!.node.attributeSources, user.attributeSources);
    assert.deepEqual(viaFragment.users.nodes[0]!.attributeSources, user.attributeSources);
  });

  test('descending sort and offset paging agree with keyset paging', async () => {
    const all = await t.gql(UsersDocument, { organizationId: org.id, first: 100, sort: { field: 'USER_NAME', direction: 'DESC' } }, org.key);
    assert.equal(all.users.nodes[0]?.userName, 'user44@example.com');
    const page = await t.gql(UsersDocument, { organizationId: org.id, first: 5, offset: 10, sort: { field: 'USER_NAME', direction: 'DESC' } }, org.key);
    assert.deepEqual(
      page.users.nodes.map((n) => n.userName),
      all.users.nodes.slice(10, 15).map((n) => n.userName),
    );
    assert.equal(page.users.pageInfo.hasPreviousPage, true);
  });

  test('filters: case-insensitive userName, email, department, active, custom attributes, and/or/not', async () => {
    const count = async (filter: object) => (await t.gql(UsersDocument, { organizationId: org.id, filter, first: 100 }, org.key)).users.totalCount;
    assert.equal(await count({ userName: { eq: 'USER07@EXAMPLE.COM' } }), 1);
    assert.equal(await count({ userName: { startsWith: 'user1' } }), 10);
    assert.equal(await count({ email: { eq: 'U3@corp.example' } }), 1);
    assert.equal(await count({ email: { endsWith: '@corp.example' } }), 45);
    assert.equal(await count({ emails: { type: { eq: 'work' }, value: { contains: 'u4' } } }), 6); // u4, u40..u44
    assert.equal(await count({ department: { eq: 'engineering' } }), 15);
    assert.equal(await count({ active: false }), 5);
    assert.equal(await count({ externalId: { eq: 'ext-3' } }), 1);
    assert.equal(await count({ externalId: { eq: 'EXT-3' } }), 0);
    assert.equal(await count({ title: { present: true } }), 9);
    assert.equal(await count({ customAttributes: [{ name: 'region', eq: 'EMEA' }] }), 22);
    assert.equal(await count({ customAttributes: [{ name: 'level', equalsNumber: 3 }] }), 11);
    assert.equal(await count({ customAttributes: [{ name: 'level', gtNumber: 1 }] }), 22);
    assert.equal(await count({ or: [{ department: { eq: 'Sales' } }, { department: { eq: 'Finance' } }] }), 30);
    assert.equal(await count({ and: [{ department: { eq: 'Sales' } }, { not: { active: true } }] }), 5);
    assert.equal(await count({ not: { title: { eq: 'manager' } } }), 36);
  });

  test('bad pagination and filter input is BAD_USER_INPUT', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `u${i}@example.com`);
    for (const vars of [
      { first: 5000 },
      { first: -1 },
      { after: 'garbage' },
      { offset: -3 },
      { offset: 2, after: 'x' },
      { filter: { email: { in: many } } },
      { filter: { id: { in: many } } },
    ]) {
      const r = await t.raw(UsersDocument, { organizationId: org.id, ...vars }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(vars));
    }
    // a cursor belongs to its list and order: passed to another, it is refused, not followed from the wrong place
    const page = await t.gql(UsersDocument, { organizationId: org.id, first: 2 }, org.key);
    const cursor = page.users.pageInfo.endCursor!;
    assert.equal((await t.gql(UsersDocument, { organizationId: org.id, first: 2, after: cursor }, org.key)).users.nodes.length, 2);
    const resorted = await t.raw(UsersDocument, { organizationId: org.id, first: 2, after: cursor, sort: { field: 'USER_NAME' } }, org.key);
    assert.equal(resorted.errors?.[0]?.extensions?.reason, 'pagination.cursor.otherList');
    const reversed = await t.raw(UsersDocument, { organizationId: org.id, first: 2, after: cursor, sort: { field: 'CREATED_AT', direction: 'DESC' } }, org.key);
    assert.equal(reversed.errors?.[0]?.extensions?.reason, 'pagination.cursor.otherList');
    const groups = await t.raw('query($o: ID!, $a: String) { groups(organizationId: $o, after: $a) { nodes { id } } }', { o: org.id, a: cursor }, org.key);
    assert.equal(groups.errors?.[0]?.extensions?.reason, 'pagination.cursor.otherList');
    // ... and to its organization; it shows nothing of the SQL behind the list
    const other = await createOrg(t);
    const elsewhere = await t.raw(UsersDocument, { organizationId: other.id, first: 2, after: cursor }, t.adminKey);
    assert.equal(elsewhere.errors?.[0]?.extensions?.reason, 'pagination.cursor.otherList');
    assert.doesNotMatch(Buffer.from(cursor, 'base64url').toString('utf8'), /users|collate|created_at/);
    // a user's groups take the same page sizes (they were clamped silently)
    for (const first of [-1, 100000]) {
      const r = await t.raw(
        'query($o: ID!, $f: Int) { users(organizationId: $o, first: 1) { nodes { groups(first: $f) { id } } } }',
        { o: org.id, f: first },
        org.key,
      );
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', String(first));
    }
  });

  test('userStats counts active users (seats), sources and roles, all and active alike', async () => {
    const { userStats } = await t.gql(UserStatsDocument, { organizationId: org.id }, org.key);
    assert.deepEqual(userStats, {
      totalUsers: 45,
      activeUsers: 40,
      inactiveUsers: 5,
      seatsUsed: 40,
      historyCopies: 0,
      // every source and role, zeros included, in the enums' order (roles least privileged first)
      bySource: [
        { source: 'SCIM', count: 0, active: 0 },
        { source: 'SAML', count: 0, active: 0 },
        { source: 'API', count: 45, active: 40 },
      ],
      byRole: [
        { role: 'VIEWER', count: 0, active: 0 },
        { role: 'MEMBER', count: 45, active: 40 },
        { role: 'EDITOR', count: 0, active: 0 },
        { role: 'ADMIN', count: 0, active: 0 },
      ],
    });
  });
});

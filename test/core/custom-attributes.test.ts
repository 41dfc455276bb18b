// docs/PROVISIONING.md §2
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import {
  CreateUserDocument,
  CustomAttributeDefinitionsDocument,
  DefineCustomAttributeDocument,
  DeleteCustomAttributeDocument,
  EventsDocument,
  UpdateCustomAttributeDocument,
  UpdateUserDocument,
  UserDocument,
  UsersDocument,
} from '../generated/graphql.js';

describe('typed custom attributes (§2)', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    await defineAttributes(t, org, {
      cost_center: { type: 'STRING', displayName: 'Cost center' },
      level: 'INTEGER',
      remote: 'BOOLEAN',
      hired_at: 'DATETIME',
      skills: { type: 'STRING', multiValued: true },
      tier: { type: 'STRING', allowedValues: ['gold', 'silver'] },
    });
  });
  after(() => t.stop());

  const create = (customAttributes: Record<string, unknown>, userName = `u${Math.random().toString(36).slice(2)}@example.com`) =>
    t.raw(CreateUserDocument, { organizationId: org.id, input: { userName, customAttributes } }, org.key);

  test('§2.1 definitions are listed with their types; reserved and malformed names are refused; names are unique', async () => {
    const defs = (await t.gql(CustomAttributeDefinitionsDocument, { organizationId: org.id }, org.key)).customAttributeDefinitions;
    assert.deepEqual(
      defs.map((d) => [d.name, d.type, d.multiValued]),
      [
        ['cost_center', 'STRING', false],
        ['hired_at', 'DATETIME', false],
        ['level', 'INTEGER', false],
        ['remote', 'BOOLEAN', false],
        ['skills', 'STRING', true],
        ['tier', 'STRING', false],
      ],
    );
    for (const name of ['userName', 'emails', 'createdAt', '1abc', 'has space', 'x'.repeat(70)]) {
      const r = await t.raw(DefineCustomAttributeDocument, { organizationId: org.id, input: { name, type: 'STRING' } }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', name);
    }
    const dup = await t.raw(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'level', type: 'STRING' } }, org.key);
    assert.equal(dup.errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  test('§2.2 values are validated and coerced per type', async () => {
    const ok = await create({
      cost_center: 42,
      level: '7',
      remote: 'TRUE',
      hired_at: '2024-02-29T10:00:00+02:00',
      skills: ['sql', 'sql', 'dbt'],
      tier: 'gold',
    });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));
    assert.deepEqual(ok.data!.createUser.customAttributes, {
      cost_center: '42',
      level: 7,
      remote: true,
      hired_at: '2024-02-29T08:00:00.000Z',
      skills: ['sql', 'dbt'],
      tier: 'gold',
    });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ level: 'seven' }, 'user.customAttributes.type'],
      [{ level: 1.5 }, 'user.customAttributes.type'],
      [{ remote: 'yes' }, 'user.customAttributes.type'],
      [{ hired_at: 'last tuesday' }, 'user.customAttributes.type'],
      [{ hired_at: '2024-13-45' }, 'user.customAttributes.type'],
      [{ tier: 'bronze' }, 'user.customAttributes.notAllowed'],
      [{ level: [1, 2] }, 'user.customAttributes.singleValued'],
      [{ unknown_attr: 'x' }, 'user.customAttributes.unknown'],
    ];
    for (const [values, reason] of bad) {
      const r = await create(values);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(values));
      assert.equal(r.errors?.[0]?.extensions?.reason, reason, JSON.stringify(values));
    }
  });

  test('§2.3 filter and sort by custom attributes', async () => {
    const o = await createOrg(t);
    await defineAttributes(t, o, { level: 'INTEGER', hired_at: 'DATETIME', team: 'STRING' });
    const rows: Array<[string, number, string, string]> = [
      ['a', 10, '2020-01-01T00:00:00Z', 'core'],
      ['b', 2, '2023-06-01T00:00:00Z', 'data'],
      ['c', 33, '2021-03-01T00:00:00Z', 'core'],
      ['d', 4, '2022-09-01T00:00:00Z', 'Data Platform'],
    ];
    for (const [n, level, hired_at, team] of rows) await createUser(t, o, { userName: `${n}@example.com`, customAttributes: { level, hired_at, team } });
    const names = async (vars: object) => (await t.gql(UsersDocument, { organizationId: o.id, ...vars }, o.key)).users.nodes.map((u) => u.userName[0]).join('');
    assert.equal(await names({ sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' } }), 'bdac', 'numeric, not text, order');
    assert.equal(await names({ sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'hired_at', direction: 'DESC' } }), 'bdca');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', eq: 'core' }] } }), 'ac');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', eq: 'Core' }] } }), '', 'equality is exact (SCIM advertises caseExact)');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', startsWith: 'DATA' }] } }), 'bd', 'substring conditions ignore case by default');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', startsWith: 'Data', caseSensitive: true }] } }), 'd');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', contains: 'ATA', caseSensitive: true }] } }), '');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'team', endsWith: 'form', caseSensitive: true }] } }), 'd');
    assert.equal(await names({ filter: { customAttributes: [{ name: 'hired_at', gt: '2021-12-31' }] } }), 'bd');
    assert.equal(
      await names({
        filter: { customAttributes: [{ name: 'level', gtNumber: 5 }] },
        sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level', direction: 'DESC' },
      }),
      'ca',
    );
    // keyset paging on a custom sort covers every row once
    let after: string | null | undefined;
    const seen: string[] = [];
    for (;;) {
      const r = await t.gql(UsersDocument, { organizationId: o.id, first: 1, after, sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' } }, o.key);
      seen.push(...r.users.nodes.map((u) => u.userName[0]!));
      if (!r.users.pageInfo.hasNextPage) break;
      after = r.users.pageInfo.endCursor;
    }
    assert.equal(seen.join(''), 'bdac');
    const bad = await t.raw(UsersDocument, { organizationId: o.id, sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'nope' } }, o.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('§2.3 a custom attribute condition is checked against the definition: unknown names and impossible comparisons are errors, numbers and booleans may be written as text', async () => {
    const o = await createOrg(t);
    await defineAttributes(t, o, { level: 'INTEGER', contractor: 'BOOLEAN', team: 'STRING', skills: { type: 'INTEGER', multiValued: true } });
    const rows: Array<[string, number, boolean, number[]]> = [
      ['a', 3, true, [1, 7]],
      ['b', 2, false, [2]],
      ['c', 3, false, []],
      ['d', 10, true, [9, 10]],
    ];
    for (const [n, level, contractor, skills] of rows)
      await createUser(t, o, { userName: `${n}@example.com`, customAttributes: { level, contractor, team: 'x', skills } });
    const filter = (c: Record<string, unknown>) => t.raw(UsersDocument, { organizationId: o.id, filter: { customAttributes: [c as { name: string }] } }, o.key);
    const names = async (c: Record<string, unknown>) => {
      const r = await filter(c);
      assert.equal(r.errors, undefined, JSON.stringify([c, r.errors]));
      return r.data!.users.nodes.map((u) => u.userName[0]).join('');
    };
    // numbers written as text compare as numbers, as equalsNumber and gtNumber do
    assert.equal(await names({ name: 'level', eq: '3' }), 'ac');
    assert.equal(await names({ name: 'level', equalsNumber: 3 }), 'ac');
    assert.equal(await names({ name: 'level', ne: '3' }), 'bd');
    assert.equal(await names({ name: 'level', in: ['2', '10'] }), 'bd');
    assert.equal(await names({ name: 'level', gt: '2' }), 'acd', 'numeric, not text, order ("10" > "2")');
    assert.equal(await names({ name: 'level', ge: '3', le: '3' }), 'ac');
    assert.equal(await names({ name: 'level', lt: '10' }), 'abc');
    assert.equal(await names({ name: 'skills', eq: '10' }), 'd', 'any element of a multi-valued attribute');
    assert.equal(await names({ name: 'skills', ge: '7' }), 'ad');
    assert.equal(await names({ name: 'contractor', eq: 'true' }), 'ad');
    assert.equal(await names({ name: 'contractor', eq: 'False' }), 'bc');
    assert.equal(await names({ name: 'contractor', equalsBoolean: true }), 'ad');
    for (const [c, reason, message] of [
      [{ name: 'nope', eq: 'x' }, 'filter.customAttribute.unknown', /no custom attribute "nope"/],
      [{ name: 'Level', eq: '3' }, 'filter.customAttribute.unknown', /did you mean "level"/],
      [{ name: 'level', eq: 'three' }, 'filter.customAttribute.type', /"three" is not an integer/],
      [{ name: 'level', contains: '3' }, 'filter.customAttribute.type', /INTEGER attribute: contains compares text/],
      [{ name: 'level', equalsBoolean: true }, 'filter.customAttribute.type', /equalsNumber/],
      [{ name: 'team', equalsNumber: 3 }, 'filter.customAttribute.type', /STRING attribute/],
      [{ name: 'team', gtNumber: 3 }, 'filter.customAttribute.type', /STRING attribute/],
      [{ name: 'contractor', eq: 'yes' }, 'filter.customAttribute.type', /"yes" is not true or false/],
      [{ name: 'contractor', gt: 'true' }, 'filter.customAttribute.type', /BOOLEAN attribute/],
      [{ name: 'contractor', equalsNumber: 1 }, 'filter.customAttribute.type', /equalsBoolean/],
    ] as const) {
      const r = await filter(c);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(c));
      assert.equal(r.errors?.[0]?.extensions?.reason, reason, JSON.stringify(c));
      assert.match(r.errors?.[0]?.message ?? '', message);
    }
    // a multi-valued attribute sorts by its first value, numerically for INTEGER; users without one first
    const bySkills = await t.gql(UsersDocument, { organizationId: o.id, sort: { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'skills' } }, o.key);
    assert.equal(bySkills.users.nodes.map((u) => u.userName[0]).join(''), 'cabd');
    // inside and / or / not too
    const nested = await t.raw(
      UsersDocument,
      { organizationId: o.id, filter: { or: [{ active: true }, { not: { customAttributes: [{ name: 'nope', present: true }] } }] } },
      o.key,
    );
    assert.equal(nested.errors?.[0]?.extensions?.reason, 'filter.customAttribute.unknown');
  });

  test('§2.1 changing the type of an attribute with values is refused; without values it is allowed', async () => {
    await create({ level: 3 });
    const refused = await t.raw(UpdateCustomAttributeDocument, { organizationId: org.id, name: 'level', input: { type: 'STRING' } }, org.key);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(refused.errors?.[0]?.extensions?.reason, 'customAttribute.type.hasValues');
    await t.gql(DefineCustomAttributeDocument, { organizationId: org.id, input: { name: 'fresh', type: 'STRING' } }, org.key);
    const changed = await t.gql(
      UpdateCustomAttributeDocument,
      { organizationId: org.id, name: 'fresh', input: { type: 'INTEGER', displayName: 'Fresh number' } },
      org.key,
    );
    assert.equal(changed.updateCustomAttribute.type, 'INTEGER');
    assert.equal(changed.updateCustomAttribute.version, 2);
  });

  test('§2.1 required attributes: needed at creation, cannot be removed; allowed values cannot shrink below values in use', async () => {
    const o = await createOrg(t);
    await defineAttributes(t, o, { region: { type: 'STRING', required: true, allowedValues: ['EMEA', 'AMER', 'APAC'] } });
    const missing = await t.raw(CreateUserDocument, { organizationId: o.id, input: { userName: 'x@example.com' } }, o.key);
    assert.equal(missing.errors?.[0]?.extensions?.reason, 'user.customAttributes.required');
    const u = await createUser(t, o, { userName: 'y@example.com', customAttributes: { region: 'EMEA' } });
    const clear = await t.raw(UpdateUserDocument, { organizationId: o.id, id: u.id, input: { customAttributes: { region: null } } }, o.key);
    assert.equal(clear.errors?.[0]?.extensions?.reason, 'user.customAttributes.required');
    const shrink = await t.raw(UpdateCustomAttributeDocument, { organizationId: o.id, name: 'region', input: { allowedValues: ['AMER'] } }, o.key);
    assert.equal(shrink.errors?.[0]?.extensions?.reason, 'customAttribute.allowedValues.inUse');
    const lateRequired = await t.raw(DefineCustomAttributeDocument, { organizationId: o.id, input: { name: 'badge', type: 'STRING', required: true } }, o.key);
    assert.equal(lateRequired.errors?.[0]?.extensions?.reason, 'customAttribute.required.existingUsers');
  });

  test('§2.1 deleting a definition removes every value (versions grow) and is an event with the count', async () => {
    const o = await createOrg(t);
    await defineAttributes(t, o, { temp: 'STRING', keep: 'STRING' });
    const a = await createUser(t, o, { userName: 'a@example.com', customAttributes: { temp: 'x', keep: 'k' } });
    await createUser(t, o, { userName: 'b@example.com', customAttributes: { keep: 'k' } });
    const del = await t.gql(DeleteCustomAttributeDocument, { organizationId: o.id, name: 'temp' }, o.key);
    assert.deepEqual(del.deleteCustomAttribute, { name: 'temp', usersChanged: 1 });
    const after = (await t.gql(UserDocument, { organizationId: o.id, id: a.id }, o.key)).user!;
    assert.deepEqual(after.customAttributes, { keep: 'k' });
    assert.equal(after.version, 2);
    const ev = await t.gql(EventsDocument, { organizationId: o.id, filter: { types: ['CUSTOM_ATTRIBUTE_DEFINED', 'CUSTOM_ATTRIBUTE_DELETED'] } }, o.key);
    assert.deepEqual(
      ev.events.nodes.map((e) => e.type),
      ['CUSTOM_ATTRIBUTE_DEFINED', 'CUSTOM_ATTRIBUTE_DEFINED', 'CUSTOM_ATTRIBUTE_DELETED'],
    );
    assert.equal(ev.events.nodes[2]?.data.usersChanged, 1);
    assert.equal(ev.events.nodes[2]?.actorType, 'API_KEY');
    assert.deepEqual(ev.events.nodes[0]?.changes.type, { before: null, after: 'STRING' });
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BULK_MAX_OPERATIONS,
  BULK_MAX_PAYLOAD,
  MAX_RESULTS,
  UNSTORED_USER_ATTRIBUTES,
  listResponse,
  resourceTypes,
  schemas,
  serviceProviderConfig,
} from '../../src/scim/discovery.js';
import type { CustomAttr } from '../../src/scim/resource-schema.js';
import {
  CUSTOM_SCHEMA,
  ENTERPRISE_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from '../../src/scim/urns.js';

const BASE = 'https://id.example.com/scim/v2';

type Attr = {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  canonicalValues?: unknown[];
  referenceTypes?: string[];
  subAttributes?: Attr[];
};
type Schema = { schemas: string[]; id: string; name: string; description: string; attributes: Attr[]; meta: { resourceType: string; location: string } };

const DEFS: CustomAttr[] = [
  { name: 'costCode', type: 'STRING', multiValued: false },
  { name: 'tags', type: 'STRING', multiValued: true, allowedValues: ['vip', 'beta'] },
  { name: 'level', type: 'INTEGER', multiValued: false, required: true, displayName: 'Level' },
  { name: 'isContractor', type: 'BOOLEAN', multiValued: false, required: null },
  { name: 'hireDate', type: 'DATETIME', multiValued: false },
];

const all = () => schemas(BASE, DEFS) as unknown as Schema[];
const schemaById = (id: string): Schema => {
  const s = all().find((x) => x.id === id);
  assert.ok(s, `schema ${id}`);
  return s;
};
const attr = (list: Attr[], name: string): Attr => {
  const a = list.find((x) => x.name === name);
  assert.ok(a, `attribute ${name}`);
  return a;
};

const VALID = {
  type: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary', 'complex'],
  mutability: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
  returned: ['always', 'never', 'default', 'request'],
  uniqueness: ['none', 'server', 'global'],
};

/** Every attribute (and sub-attribute) carries all the RFC 7643 §7 characteristics with legal values. */
function checkAttribute(a: Attr, where: string, depth = 0): void {
  const at = `${where}.${a.name}`;
  assert.equal(typeof a.name, 'string', at);
  assert.ok(VALID.type.includes(a.type), `${at} type ${a.type}`);
  assert.equal(typeof a.multiValued, 'boolean', at);
  assert.ok(typeof a.description === 'string' && a.description.length > 0, `${at} description`);
  assert.equal(typeof a.required, 'boolean', at);
  assert.equal(typeof a.caseExact, 'boolean', at);
  assert.ok(VALID.mutability.includes(a.mutability), `${at} mutability`);
  assert.ok(VALID.returned.includes(a.returned), `${at} returned`);
  assert.ok(VALID.uniqueness.includes(a.uniqueness), `${at} uniqueness`);
  if (a.type === 'reference') assert.ok(Array.isArray(a.referenceTypes) && a.referenceTypes.length > 0, `${at} referenceTypes`);
  if (a.type === 'complex') {
    assert.equal(depth, 0, `${at}: sub-attributes cannot be complex`);
    assert.ok(Array.isArray(a.subAttributes) && a.subAttributes.length > 0, `${at} subAttributes`);
    const names = new Set<string>();
    for (const s of a.subAttributes) {
      assert.ok(!names.has(s.name.toLowerCase()), `${at}: duplicate ${s.name}`);
      names.add(s.name.toLowerCase());
      checkAttribute(s, at, depth + 1);
    }
  } else {
    assert.equal(a.subAttributes, undefined, `${at}: only complex attributes have subAttributes`);
  }
}

describe('serviceProviderConfig', () => {
  const spc = serviceProviderConfig(BASE) as Record<string, any>;

  test('schemas and meta', () => {
    assert.deepEqual(spc.schemas, [SERVICE_PROVIDER_CONFIG_SCHEMA]);
    assert.deepEqual(spc.meta, { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` });
  });

  test('features', () => {
    assert.deepEqual(spc.patch, { supported: true });
    assert.deepEqual(spc.bulk, { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD });
    assert.deepEqual(spc.filter, { supported: true, maxResults: MAX_RESULTS });
    assert.deepEqual(spc.changePassword, { supported: false });
    assert.deepEqual(spc.sort, { supported: true });
    assert.deepEqual(spc.etag, { supported: true });
    assert.equal(MAX_RESULTS, 1000);
    assert.equal(BULK_MAX_OPERATIONS, 1000);
    assert.equal(BULK_MAX_PAYLOAD, 4 * 1024 * 1024);
  });

  test('authentication schemes: one primary OAuth bearer token scheme', () => {
    assert.equal(spc.authenticationSchemes.length, 1);
    const [scheme] = spc.authenticationSchemes;
    assert.equal(scheme.type, 'oauthbearertoken');
    assert.equal(scheme.primary, true);
    assert.equal(typeof scheme.name, 'string');
    assert.equal(typeof scheme.description, 'string');
  });

  test('trailing slashes of the base URL are ignored', () => {
    assert.deepEqual(serviceProviderConfig(`${BASE}//`), spc);
  });
});

describe('resourceTypes', () => {
  const types = resourceTypes(BASE) as Array<Record<string, any>>;

  test('User and Group', () => {
    assert.deepEqual(
      types.map((t) => t.id),
      ['User', 'Group'],
    );
    for (const t of types) {
      assert.deepEqual(t.schemas, [RESOURCE_TYPE_SCHEMA]);
      assert.equal(t.name, t.id);
      assert.deepEqual(t.meta, { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/${t.id}` });
    }
  });

  test('User: /Users, core User schema, optional enterprise and custom extensions', () => {
    const u = types[0]!;
    assert.equal(u.endpoint, '/Users');
    assert.equal(u.schema, USER_SCHEMA);
    assert.deepEqual(u.schemaExtensions, [
      { schema: ENTERPRISE_SCHEMA, required: false },
      { schema: CUSTOM_SCHEMA, required: false },
    ]);
  });

  test('Group: /Groups, core Group schema, no extension', () => {
    const g = types[1]!;
    assert.equal(g.endpoint, '/Groups');
    assert.equal(g.schema, GROUP_SCHEMA);
    assert.deepEqual(g.schemaExtensions, []);
  });
});

describe('schemas', () => {
  test('four schemas with ids, names, schemas and meta', () => {
    const list = all();
    assert.deepEqual(
      list.map((s) => [s.id, s.name]),
      [
        [USER_SCHEMA, 'User'],
        [ENTERPRISE_SCHEMA, 'EnterpriseUser'],
        [GROUP_SCHEMA, 'Group'],
        [CUSTOM_SCHEMA, 'CustomAttributes'],
      ],
    );
    for (const s of list) {
      assert.deepEqual(s.schemas, [SCHEMA_SCHEMA]);
      assert.deepEqual(s.meta, { resourceType: 'Schema', location: `${BASE}/Schemas/${s.id}` });
      assert.ok(s.description.length > 0);
      for (const a of s.attributes) checkAttribute(a, s.name);
      assert.equal(new Set(s.attributes.map((a) => a.name.toLowerCase())).size, s.attributes.length, `${s.name}: duplicate attribute`);
    }
  });

  test('every resource type schema and extension is described', () => {
    const ids = new Set(all().map((s) => s.id));
    for (const t of resourceTypes(BASE) as Array<Record<string, any>>) {
      assert.ok(ids.has(t.schema));
      for (const e of t.schemaExtensions) assert.ok(ids.has(e.schema));
    }
  });

  test('core User: every RFC 7643 §4.1 attribute', () => {
    const names = schemaById(USER_SCHEMA).attributes.map((a) => a.name);
    const rfc = [
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ];
    for (const n of [...rfc, 'id', 'externalId', 'meta']) assert.ok(names.includes(n), n);
    for (const n of UNSTORED_USER_ATTRIBUTES) assert.ok(names.includes(n), n);
  });

  test('core User: attributes that are not stored are advertised writeOnly, never returned', () => {
    const attrs = schemaById(USER_SCHEMA).attributes;
    for (const n of UNSTORED_USER_ATTRIBUTES) assert.deepEqual([attr(attrs, n).mutability, attr(attrs, n).returned], ['writeOnly', 'never'], n);
  });

  test('core User: characteristics of id, userName, password, groups', () => {
    const attrs = schemaById(USER_SCHEMA).attributes;
    const id = attr(attrs, 'id');
    assert.deepEqual([id.mutability, id.returned, id.uniqueness, id.caseExact], ['readOnly', 'always', 'server', true]);
    const userName = attr(attrs, 'userName');
    assert.deepEqual(
      [userName.type, userName.required, userName.uniqueness, userName.caseExact, userName.mutability],
      ['string', true, 'server', false, 'readWrite'],
    );
    const password = attr(attrs, 'password');
    assert.deepEqual([password.mutability, password.returned, password.required], ['writeOnly', 'never', false]);
    const groups = attr(attrs, 'groups');
    assert.deepEqual([groups.type, groups.multiValued, groups.mutability], ['complex', true, 'readOnly']);
    assert.deepEqual(
      groups.subAttributes!.map((s) => s.name),
      ['value', '$ref', 'display', 'type'],
    );
    for (const s of groups.subAttributes!) assert.equal(s.mutability, 'readOnly', s.name);
    assert.deepEqual(attr(groups.subAttributes!, 'type').canonicalValues, ['direct', 'indirect']);
    assert.deepEqual(attr(groups.subAttributes!, '$ref').referenceTypes, ['User', 'Group']);
    const externalId = attr(attrs, 'externalId');
    assert.deepEqual([externalId.caseExact, externalId.mutability], [true, 'readWrite']);
    assert.equal(attr(attrs, 'meta').mutability, 'readOnly');
    assert.equal(attr(attrs, 'active').type, 'boolean');
    assert.deepEqual(attr(attrs, 'profileUrl').referenceTypes, ['external']);
  });

  test('core User: complex attributes and canonical values', () => {
    const attrs = schemaById(USER_SCHEMA).attributes;
    assert.deepEqual(
      attr(attrs, 'name').subAttributes!.map((s) => s.name),
      ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'],
    );
    const emails = attr(attrs, 'emails');
    assert.equal(emails.multiValued, true);
    assert.deepEqual(
      emails.subAttributes!.map((s) => s.name),
      ['value', 'display', 'type', 'primary'],
    );
    assert.deepEqual(attr(emails.subAttributes!, 'type').canonicalValues, ['work', 'home', 'other']);
    assert.equal(attr(emails.subAttributes!, 'primary').type, 'boolean');
    assert.deepEqual(attr(attr(attrs, 'phoneNumbers').subAttributes!, 'type').canonicalValues, ['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    assert.deepEqual(attr(attr(attrs, 'ims').subAttributes!, 'type').canonicalValues, ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']);
    assert.deepEqual(attr(attr(attrs, 'photos').subAttributes!, 'type').canonicalValues, ['photo', 'thumbnail']);
    assert.equal(attr(attr(attrs, 'photos').subAttributes!, 'value').type, 'reference');
    assert.equal(attr(attr(attrs, 'x509Certificates').subAttributes!, 'value').type, 'binary');
    const addresses = attr(attrs, 'addresses');
    assert.deepEqual(
      addresses.subAttributes!.map((s) => s.name),
      ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type', 'primary'],
    );
    assert.deepEqual(attr(addresses.subAttributes!, 'type').canonicalValues, ['work', 'home', 'other']);
  });

  test('enterprise User (RFC 7643 §4.3)', () => {
    const attrs = schemaById(ENTERPRISE_SCHEMA).attributes;
    assert.deepEqual(
      attrs.map((a) => a.name),
      ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'],
    );
    const manager = attr(attrs, 'manager');
    assert.equal(manager.type, 'complex');
    assert.equal(manager.multiValued, false);
    assert.deepEqual(
      manager.subAttributes!.map((s) => s.name),
      ['value', '$ref', 'displayName'],
    );
    assert.deepEqual(attr(manager.subAttributes!, '$ref').referenceTypes, ['User']);
    assert.equal(attr(manager.subAttributes!, 'displayName').mutability, 'readOnly');
  });

  test('core Group (RFC 7643 §4.2)', () => {
    const attrs = schemaById(GROUP_SCHEMA).attributes;
    for (const n of ['id', 'externalId', 'displayName', 'members', 'meta']) attr(attrs, n);
    const id = attr(attrs, 'id');
    assert.deepEqual([id.mutability, id.returned, id.uniqueness], ['readOnly', 'always', 'server']);
    const displayName = attr(attrs, 'displayName');
    assert.deepEqual([displayName.required, displayName.uniqueness], [true, 'server']);
    const members = attr(attrs, 'members');
    assert.deepEqual([members.type, members.multiValued, members.mutability, members.returned], ['complex', true, 'readWrite', 'default']);
    assert.equal(attr(members.subAttributes!, 'value').mutability, 'immutable');
    assert.equal(attr(members.subAttributes!, '$ref').mutability, 'immutable');
    assert.equal(attr(members.subAttributes!, 'type').mutability, 'immutable');
  });

  test('custom extension built from the definitions', () => {
    const custom = schemaById(CUSTOM_SCHEMA);
    assert.equal(custom.name, 'CustomAttributes');
    assert.deepEqual(
      custom.attributes.map((a) => [a.name, a.type, a.multiValued, a.required]),
      [
        ['costCode', 'string', false, false],
        ['tags', 'string', true, false],
        ['level', 'integer', false, true],
        ['isContractor', 'boolean', false, false],
        ['hireDate', 'dateTime', false, false],
      ],
    );
    for (const a of custom.attributes) {
      // custom string values compare exactly (eq is answered by the containment index)
      assert.deepEqual([a.caseExact, a.mutability, a.returned, a.uniqueness], [a.type === 'string', 'readWrite', 'default', 'none'], a.name);
      assert.equal(a.subAttributes, undefined);
    }
    assert.equal(attr(custom.attributes, 'level').description, 'Level');
    assert.deepEqual(attr(custom.attributes, 'tags').canonicalValues, ['vip', 'beta']);
    assert.equal(attr(custom.attributes, 'costCode').canonicalValues, undefined);
  });

  test('the custom extension is listed (empty) without definitions', () => {
    const custom = (schemas(BASE, []) as unknown as Schema[]).find((s) => s.id === CUSTOM_SCHEMA);
    assert.ok(custom);
    assert.deepEqual(custom.attributes, []);
  });

  test('each call returns fresh objects', () => {
    const a = all();
    a[0]!.attributes.length = 0;
    assert.ok(all()[0]!.attributes.length > 0);
  });
});

describe('listResponse', () => {
  test('wraps resources in one page', () => {
    const resources = resourceTypes(BASE);
    assert.deepEqual(listResponse(resources), {
      schemas: [LIST_RESPONSE],
      totalResults: 2,
      itemsPerPage: 2,
      startIndex: 1,
      Resources: resources,
    });
    assert.deepEqual(listResponse([]), { schemas: [LIST_RESPONSE], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
  });
});

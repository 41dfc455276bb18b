// The SCIM resource schema (src/scim/resource-schema.ts) against the core's GraphQL schema: what the
// table says the core holds, filters and sorts by exists there, and the places where PATCH reads an
// attribute otherwise than /Schemas advertises it are the deliberate ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, parse, validate, type GraphQLNamedType } from 'graphql';
import * as operations from '../../src/scim/operations.js';
import { customAttribute, GROUP_RESOURCE, USER_RESOURCE, type ScimAttribute, type ScimResourceType } from '../../src/scim/resource-schema.js';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

const namedType = (name: string): GraphQLNamedType => {
  const t = schema.getType(name);
  assert.ok(t, `type ${name}`);
  return t;
};
const inputFields = (name: string): string[] => {
  const t = namedType(name);
  assert.ok(isInputObjectType(t), name);
  return Object.keys(t.getFields());
};
const enumValues = (name: string): string[] => {
  const t = namedType(name);
  assert.ok(isEnumType(t), name);
  return t.getValues().map((v) => v.name);
};

const RESOURCES: Array<[ScimResourceType<never>, filter: string, sort: string]> = [
  [USER_RESOURCE, 'UserFilter', 'UserSortField'],
  [GROUP_RESOURCE, 'GroupFilter', 'GroupSortField'],
];

/** Every attribute and sub-attribute of a resource type's static schemas, with its path. */
function* attributes(type: ScimResourceType<never>): Generator<[path: string, a: ScimAttribute<never>, parent?: ScimAttribute<never>]> {
  for (const s of [type.schema, ...type.extensions]) {
    for (const a of s.attributes) {
      yield [a.name, a];
      for (const sub of a.subAttributes ?? []) yield [`${a.name}.${sub.name}`, sub, a];
    }
  }
}

describe('the SCIM resource schema', () => {
  test('the GraphQL operations built from it are valid against the core schema', () => {
    for (const [name, doc] of Object.entries(operations)) {
      if (typeof doc !== 'string') continue;
      assert.deepEqual(
        validate(schema, parse(doc)).map((e) => e.message),
        [],
        name,
      );
    }
  });

  test('every filter names a field of UserFilter / GroupFilter, and element filters one of their element filter', () => {
    for (const [type, filterType] of RESOURCES) {
      const fields = inputFields(filterType);
      for (const [path, a, parent] of attributes(type)) {
        const f = a.filter;
        if (f === undefined) continue;
        if (f.kind === 'element') {
          const pf = parent?.filter;
          assert.ok(pf !== undefined && pf.kind === 'elements', `${path}: ELEMENT on a sub-attribute of an 'elements' attribute`);
          const elementType = schema.getType(filterType)!;
          assert.ok(isInputObjectType(elementType));
          const elementFilter = elementType.getFields()[pf.field]!.type.toString();
          assert.ok(inputFields(elementFilter).includes(a.name), `${path}: ${elementFilter}.${a.name}`);
          continue;
        }
        const field =
          f.kind === 'text' || f.kind === 'date' || f.kind === 'membership' || f.kind === 'elements'
            ? f.field
            : f.kind === 'email'
              ? 'email'
              : f.kind === 'manager'
                ? 'managerId'
                : f.kind === 'custom'
                  ? 'customAttributes'
                  : f.kind === 'id' || f.kind === 'active'
                    ? f.kind
                    : undefined;
        if (f.kind === 'subAttributes') {
          assert.ok(
            a.subAttributes?.some((s) => s.name === f.example && s.filter),
            `${path}: the example ${f.example} is filterable`,
          );
          continue;
        }
        assert.ok(field !== undefined && fields.includes(field), `${path}: ${filterType}.${field}`);
      }
    }
    assert.ok(inputFields('UserFilter').includes('customAttributes'));
  });

  test('every sort is a UserSortField / GroupSortField', () => {
    for (const [type, , sortType] of RESOURCES) {
      const values = enumValues(sortType);
      for (const [path, a] of attributes(type)) if (a.sort !== undefined) assert.ok(values.includes(a.sort), `${path}: ${sortType}.${a.sort}`);
    }
    assert.ok(enumValues('UserSortField').includes(customAttribute({ name: 'x', type: 'STRING', multiValued: false }).sort!));
  });

  test('every field a User or Group attribute is read from is a field of the core type', () => {
    for (const [type, typeName] of [
      [USER_RESOURCE, 'User'],
      [GROUP_RESOURCE, 'Group'],
    ] as const) {
      const t = namedType(typeName);
      assert.ok('getFields' in t);
      const fields = Object.keys(t.getFields());
      for (const [path, a] of attributes(type)) if (typeof a.core === 'string') assert.ok(fields.includes(a.core), `${path}: ${typeName}.${a.core}`);
    }
  });

  test('PATCH reads these attributes otherwise than /Schemas advertises them, and no others', () => {
    const readings: string[] = [];
    for (const [type] of RESOURCES) {
      for (const [path, a] of attributes(type))
        if (a.patch) readings.push(`${type.id} ${path}: ${JSON.stringify({ ...a.patch, extraSubAttributes: a.patch.extraSubAttributes?.map((s) => s.name) })}`);
    }
    assert.deepEqual(readings, [
      'User ims: {"mutability":"readWrite"}',
      'User photos: {"mutability":"readWrite"}',
      'User groups.value: {"caseExact":true}',
      'User groups.$ref: {"caseExact":true}',
      'User entitlements: {"mutability":"readWrite","extraSubAttributes":["id","displayName"]}',
      'User roles: {"mutability":"readWrite","extraSubAttributes":["id","displayName"]}',
      'User x509Certificates: {"mutability":"readWrite"}',
      'User manager.value: {"caseExact":true}',
      'User manager.$ref: {"caseExact":true}',
    ]);
    assert.deepEqual(customAttribute({ name: 'x', type: 'DATETIME', multiValued: false }).patch, { caseExact: true, required: false });
  });
});

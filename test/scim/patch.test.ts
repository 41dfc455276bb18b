import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FILTER_LENGTH } from '../../src/scim/filter-parser.js';
import type { PatchOperation } from '../../src/scim/patch-operation.js';
import { ScimError, type ScimType } from '../../src/scim/scim-error.js';
import { applyPatch, MAX_PATCH_OPERATIONS, readPatchRequest, userResourceSchema, type ResourceSchema } from '../../src/scim/patch.js';
import { CUSTOM_SCHEMA, ENTERPRISE_SCHEMA, PATCH_OP, USER_SCHEMA } from '../../src/scim/urns.js';

const USER_ID = '2819c223-7f76-453a-919d-413861904646';
const GROUP_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a';
const M2 = '902c246b-6245-4190-8e05-00816be7344a';
const MANAGER = '26118915-6090-4610-87e4-49d8ca9f808d';

const USER = userResourceSchema([
  { name: 'badge', type: 'STRING', multiValued: false },
  { name: 'clearance', type: 'INTEGER', multiValued: false },
  { name: 'remote', type: 'BOOLEAN', multiValued: false },
  { name: 'skills', type: 'STRING', multiValued: true },
]);
const dept = `${ENTERPRISE_SCHEMA}:department`;
const manager = `${ENTERPRISE_SCHEMA}:manager`;

/** A user as the adapter renders it; `extra` overrides or adds top-level keys. */
function user(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: USER_ID,
    userName: 'bjensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-01-01T00:00:00Z', version: 'W/"1"' },
    ...extra,
  };
}

function without(resource: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...resource };
  for (const key of keys) delete copy[key];
  return copy;
}

function patch(resource: Record<string, unknown>, ops: PatchOperation[], schema: ResourceSchema = USER) {
  const { resource: result, changed } = applyPatch(resource, ops, schema);
  return { result, changed: [...changed].sort() };
}

/** Asserts the patch fails with a 400 ScimError of `scimType` (and `message` if given). */
function rejects(resource: Record<string, unknown>, ops: unknown[], scimType: ScimType, message?: RegExp, schema: ResourceSchema = USER): void {
  assert.throws(
    () => applyPatch(resource, ops as PatchOperation[], schema),
    (err: unknown) => {
      assert.ok(err instanceof ScimError, `expected a ScimError, got ${String(err)}`);
      assert.equal(err.status, 400);
      assert.equal(err.name, 'ScimError');
      assert.equal(err.scimType, scimType, err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

function requestRejects(body: unknown, scimType: ScimType, message?: RegExp): void {
  assert.throws(
    () => readPatchRequest(body),
    (err: unknown) => {
      assert.ok(err instanceof ScimError, `expected a ScimError, got ${String(err)}`);
      assert.equal(err.status, 400);
      assert.equal(err.scimType, scimType, err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

describe('readPatchRequest', () => {
  test('returns the normalised operations', () => {
    assert.deepEqual(
      readPatchRequest(body({ op: 'Add', path: 'emails', value: [] }, { op: 'remove', path: 'title' }, { op: 'REPLACE', value: { active: false }, extra: 1 })),
      [
        { op: 'add', path: 'emails', value: [] },
        { op: 'remove', path: 'title' },
        { op: 'replace', value: { active: false } },
      ],
    );
    // a null path is no path; a remove may carry a value (Entra)
    assert.deepEqual(readPatchRequest(body({ op: 'replace', path: null, value: { active: true } })), [{ op: 'replace', value: { active: true } }]);
    assert.deepEqual(readPatchRequest(body({ op: 'remove', path: 'members', value: [{ value: 'x' }] })), [
      { op: 'remove', path: 'members', value: [{ value: 'x' }] },
    ]);
    // schemas URN and the Operations key ignoring case
    assert.equal(readPatchRequest({ schemas: [PATCH_OP.toUpperCase()], operations: [{ op: 'remove', path: 'title' }] }).length, 1);
  });

  test('accepts exactly MAX_PATCH_OPERATIONS operations, rejects more', () => {
    assert.equal(MAX_PATCH_OPERATIONS, 1000);
    const op = { op: 'replace', path: 'active', value: true };
    assert.equal(readPatchRequest(body(...Array.from({ length: 1000 }, () => op))).length, 1000);
    requestRejects(body(...Array.from({ length: 1001 }, () => op)), 'invalidSyntax', /at most 1000/);
  });

  test('rejects malformed bodies with invalidSyntax', () => {
    requestRejects(null, 'invalidSyntax', /JSON object/);
    requestRejects([], 'invalidSyntax');
    requestRejects('{}', 'invalidSyntax');
    requestRejects({ Operations: [{ op: 'remove', path: 'title' }] }, 'invalidSyntax', /schemas/);
    requestRejects({ schemas: 'urn:ietf:params:scim:api:messages:2.0:PatchOp', Operations: [] }, 'invalidSyntax', /schemas/);
    requestRejects({ schemas: [USER_SCHEMA], Operations: [{ op: 'remove', path: 'title' }] }, 'invalidSyntax', /PatchOp/);
    requestRejects({ schemas: [PATCH_OP] }, 'invalidSyntax', /Operations/);
    requestRejects({ schemas: [PATCH_OP], Operations: {} }, 'invalidSyntax', /Operations/);
    requestRejects(body(), 'invalidSyntax', /at least one/);
    requestRejects(body('add'), 'invalidSyntax', /^Operations\[0\]: /);
    requestRejects(body({ path: 'title', value: 'x' }), 'invalidSyntax', /unsupported op/);
    requestRejects(body({ op: 'remove', path: 'title' }, { op: 'delete', path: 'title' }), 'invalidSyntax', /^Operations\[1\]: unsupported op "delete"/);
    requestRejects(body({ op: 'add', path: 5, value: 'x' }), 'invalidSyntax', /path/);
  });

  test('rejects add and replace without a value with invalidValue', () => {
    requestRejects(body({ op: 'add', path: 'title' }), 'invalidValue', /requires a "value"/);
    requestRejects(body({ op: 'replace', path: 'title' }), 'invalidValue', /requires a "value"/);
    requestRejects(body({ op: 'add', path: 'title', value: null }), 'invalidValue', /non-null/);
  });

  test('does not parse paths (applyPatch does)', () => {
    assert.deepEqual(readPatchRequest(body({ op: 'remove', path: 'emails[' })), [{ op: 'remove', path: 'emails[' }]);
  });
});

describe('applyPatch: add', () => {
  test('a simple attribute is set', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'title', value: 'Tour Guide' }]);
    assert.deepEqual(result, user({ title: 'Tour Guide' }));
    assert.deepEqual(changed, ['title']);
  });

  test('a single-valued attribute that has a value is replaced', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'userName', value: 'babs' }]);
    assert.deepEqual(result, user({ userName: 'babs' }));
    assert.deepEqual(changed, ['userName']);
  });

  test('a complex attribute merges the given sub-attributes', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'name', value: { givenName: 'Babs', middleName: 'J' } }]);
    assert.deepEqual(result, user({ name: { givenName: 'Babs', familyName: 'Jensen', middleName: 'J' } }));
    assert.deepEqual(changed, ['name.givenName', 'name.middleName']);
  });

  test('a sub-attribute path sets the sub-attribute', () => {
    const { result, changed } = patch(without(user(), 'name'), [{ op: 'add', path: 'name.givenName', value: 'Babs' }]);
    assert.deepEqual(result, user({ name: { givenName: 'Babs' } }));
    assert.deepEqual(changed, ['name.givenName']);
  });

  test('a multi-valued attribute appends; a single object is wrapped', () => {
    const phone = { value: '555-555-5555', type: 'work' };
    const { result, changed } = patch(user(), [
      { op: 'add', path: 'phoneNumbers', value: phone },
      { op: 'add', path: 'emails', value: [{ value: 'third@example.com', type: 'other' }] },
    ]);
    assert.deepEqual(result, user({ phoneNumbers: [phone], emails: [...(user().emails as object[]), { value: 'third@example.com', type: 'other' }] }));
    assert.deepEqual(changed, ['emails', 'phoneNumbers']);
  });

  test('an element equal to an existing one is not duplicated (emails ignore case)', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org' }, { value: 'babs@jensen.org' }] }]);
    assert.deepEqual(result, user());
    assert.deepEqual(changed, []);
  });

  test('re-adding an existing element merges its other sub-attributes, keeping the stored value', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'emails', value: { value: 'BABS@JENSEN.ORG', display: 'Babs' } }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home', display: 'Babs' },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
  });

  test('an element with an existing value but another type is another element; the same type merges', () => {
    // user() has babs@jensen.org as the home address
    const other = patch(user(), [{ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', type: 'work' }] }]);
    assert.deepEqual(other.result.emails, [...(user().emails as object[]), { value: 'BABS@jensen.org', type: 'work' }]);
    assert.deepEqual(other.changed, ['emails']);
    const same = patch(user(), [{ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'Home', display: 'B' }] }]);
    assert.deepEqual(same.result.emails, [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'Home', display: 'B' },
    ]);
    // re-adding both is idempotent
    const again = patch(other.result, [
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'babs@jensen.org', type: 'work' },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      },
    ]);
    assert.deepEqual(again.changed, []);
  });

  test('adding a primary element clears primary on the others', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'emails', value: { value: 'new@example.com', type: 'work', primary: true } }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'new@example.com', type: 'work', primary: true },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
  });

  test('two primary elements in one operation are rejected', () => {
    rejects(
      user(),
      [
        {
          op: 'add',
          path: 'emails',
          value: [
            { value: 'a@x.com', primary: true },
            { value: 'b@x.com', primary: true },
          ],
        },
      ],
      'invalidValue',
      /at most one element of "emails" can be primary/,
    );
  });

  test('a filtered path with a sub-attribute sets it on every matching element', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: 'emails[type eq "work" or type eq "home"].display', value: 'Babs' }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true, display: 'Babs' },
          { value: 'babs@jensen.org', type: 'home', display: 'Babs' },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
  });

  test('a filtered path matching nothing creates the element from the filter (also with several eq)', () => {
    const { result } = patch(user(), [{ op: 'add', path: 'phoneNumbers[type eq "mobile" and primary eq true].value', value: '555-1234' }]);
    assert.deepEqual(result, user({ phoneNumbers: [{ type: 'mobile', primary: true, value: '555-1234' }] }));
    // the filter's names are canonicalised
    const canonical = patch(user(), [{ op: 'add', path: 'addresses[TYPE eq "work"].Locality', value: 'Seattle' }]);
    assert.deepEqual(canonical.result, user({ addresses: [{ type: 'work', locality: 'Seattle' }] }));
  });

  test('a filtered path matching nothing whose filter is not eq-and-eq is noTarget', () => {
    rejects(user(), [{ op: 'add', path: 'phoneNumbers[type eq "mobile" or type eq "work"].value', value: '555' }], 'noTarget', /only "eq" conditions/);
    rejects(user(), [{ op: 'add', path: 'phoneNumbers[type ne "mobile"].value', value: '555' }], 'noTarget');
  });

  test('a filtered path without a sub-attribute is invalidPath for add', () => {
    rejects(user(), [{ op: 'add', path: 'emails[type eq "work"]', value: { value: 'x@example.com' } }], 'invalidPath', /"add" cannot target filtered elements/);
  });

  test('extension and custom attributes', () => {
    const { result, changed } = patch(user(), [
      { op: 'add', path: dept, value: 'Tour Operations' },
      { op: 'add', path: `${manager}`, value: { value: MANAGER, displayName: 'John Smith' } },
      { op: 'add', path: `${CUSTOM_SCHEMA}:badge`, value: 'B-12' },
      { op: 'add', path: `${CUSTOM_SCHEMA}:skills`, value: ['go', 'ts'] },
    ]);
    assert.deepEqual(
      result,
      user({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, CUSTOM_SCHEMA],
        [ENTERPRISE_SCHEMA]: { department: 'Tour Operations', manager: { value: MANAGER, displayName: 'John Smith' } },
        [CUSTOM_SCHEMA]: { badge: 'B-12', skills: ['go', 'ts'] },
      }),
    );
    assert.deepEqual(changed, [`${CUSTOM_SCHEMA}:badge`, `${CUSTOM_SCHEMA}:skills`, dept, manager]);
  });

  test('a multi-valued custom attribute appends without duplicates', () => {
    const start = user({ schemas: [USER_SCHEMA, CUSTOM_SCHEMA], [CUSTOM_SCHEMA]: { skills: ['go'] } });
    const { result, changed } = patch(start, [
      { op: 'add', path: `${CUSTOM_SCHEMA}:skills`, value: 'ts' },
      { op: 'add', path: `${CUSTOM_SCHEMA}:skills`, value: ['go', 'rust'] },
    ]);
    assert.deepEqual(result, user({ schemas: [USER_SCHEMA, CUSTOM_SCHEMA], [CUSTOM_SCHEMA]: { skills: ['go', 'ts', 'rust'] } }));
    assert.deepEqual(changed, [`${CUSTOM_SCHEMA}:skills`]);
  });

  test('custom attribute values are checked against their declared type', () => {
    const { result } = patch(user(), [
      { op: 'add', path: `${CUSTOM_SCHEMA}:clearance`, value: '3' },
      { op: 'add', path: `${CUSTOM_SCHEMA}:remote`, value: 'True' },
      { op: 'add', path: `${CUSTOM_SCHEMA}:badge`, value: 12 },
    ]);
    assert.deepEqual(result[CUSTOM_SCHEMA], { clearance: 3, remote: true, badge: '12' });
    rejects(user(), [{ op: 'add', path: `${CUSTOM_SCHEMA}:clearance`, value: 'three' }], 'invalidValue', /integer/);
    rejects(user(), [{ op: 'add', path: `${CUSTOM_SCHEMA}:clearance`, value: 2.5 }], 'invalidValue', /integer/);
    rejects(user(), [{ op: 'add', path: `${CUSTOM_SCHEMA}:badge`, value: { x: 1 } }], 'invalidValue', /string/);
  });

  test('pathless add applies each attribute as an add', () => {
    const { result, changed } = patch(user(), [{ op: 'add', value: { emails: { value: 'third@example.com' }, name: { middleName: 'J' }, nickName: 'Babs' } }]);
    assert.deepEqual(
      result,
      user({
        emails: [...(user().emails as object[]), { value: 'third@example.com' }],
        name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'J' },
        nickName: 'Babs',
      }),
    );
    assert.deepEqual(changed, ['emails', 'name.middleName', 'nickName']);
  });

  test('pathless add with an extension URN key takes an object of its attributes', () => {
    const { result, changed } = patch(user(), [{ op: 'add', value: { [ENTERPRISE_SCHEMA]: { department: 'Sales', manager: { value: MANAGER } } } }]);
    assert.deepEqual(result, user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'Sales', manager: { value: MANAGER } } }));
    assert.deepEqual(changed, [dept, manager]);
    // the core URN as a key works the same way
    const core = patch(user(), [{ op: 'add', value: { [USER_SCHEMA]: { title: 'Boss' } } }]);
    assert.deepEqual(core.result, user({ title: 'Boss' }));
  });

  test('a path naming a whole extension takes an object of its attributes', () => {
    const { result, changed } = patch(user(), [{ op: 'add', path: ENTERPRISE_SCHEMA, value: { employeeNumber: '701984' } }]);
    assert.deepEqual(result, user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { employeeNumber: '701984' } }));
    assert.deepEqual(changed, [`${ENTERPRISE_SCHEMA}:employeeNumber`]);
  });
});

describe('applyPatch: replace', () => {
  test('a simple attribute is set', () => {
    const { result, changed } = patch(user(), [{ op: 'replace', path: 'displayName', value: 'Babs Jensen' }]);
    assert.deepEqual(result, user({ displayName: 'Babs Jensen' }));
    assert.deepEqual(changed, ['displayName']);
  });

  test('the same value changes nothing', () => {
    const { result, changed } = patch(user(), [
      { op: 'replace', path: 'userName', value: 'bjensen@example.com' },
      { op: 'replace', path: 'name', value: { givenName: 'Barbara' } },
    ]);
    assert.deepEqual(result, user());
    assert.deepEqual(changed, []);
  });

  test('a complex attribute replaces only the given sub-attributes', () => {
    const { result, changed } = patch(user(), [{ op: 'replace', path: 'name', value: { familyName: 'Doe', formatted: 'Barbara Doe' } }]);
    assert.deepEqual(result, user({ name: { givenName: 'Barbara', familyName: 'Doe', formatted: 'Barbara Doe' } }));
    assert.deepEqual(changed, ['name.familyName', 'name.formatted']);
  });

  test('null unassigns (an attribute or a sub-attribute)', () => {
    const { result, changed } = patch(user({ title: 'Boss' }), [
      { op: 'replace', path: 'title', value: null },
      { op: 'replace', path: 'name', value: { givenName: null } },
    ]);
    assert.deepEqual(result, user({ name: { familyName: 'Jensen' } }));
    assert.deepEqual(changed, ['name.givenName', 'title']);
  });

  test('a multi-valued attribute without a filter is replaced as a whole', () => {
    const { result, changed } = patch(user(), [{ op: 'replace', path: 'emails', value: [{ value: 'only@example.com', type: 'work', primary: 'true' }] }]);
    assert.deepEqual(result, user({ emails: [{ value: 'only@example.com', type: 'work', primary: true }] }));
    assert.deepEqual(changed, ['emails']);
  });

  test('a filtered path with a sub-attribute replaces it on the matching elements', () => {
    const { result, changed } = patch(user(), [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'barbara@example.com' }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'barbara@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
  });

  test('a filtered path with a sub-attribute and no match creates the element (Entra)', () => {
    const { result } = patch(user(), [{ op: 'replace', path: 'emails[type eq "other"].value', value: 'o@example.com' }]);
    assert.deepEqual(result, user({ emails: [...(user().emails as object[]), { type: 'other', value: 'o@example.com' }] }));
  });

  test('a filtered path without a sub-attribute merges the value into each matching element', () => {
    const { result, changed } = patch(user(), [{ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'babs@example.org', display: 'Babs' } }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@example.org', type: 'home', display: 'Babs' },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
  });

  test('a filtered path without a sub-attribute and no match is noTarget', () => {
    rejects(user(), [{ op: 'replace', path: 'emails[type eq "other"]', value: { value: 'x@example.com' } }], 'noTarget', /no element of "emails" matches/);
  });

  test('making an element primary through a filtered path clears the other primary', () => {
    const { result } = patch(user(), [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home', primary: true },
        ],
      }),
    );
  });

  test('a sub-attribute path on a multi-valued attribute without a filter applies to every element', () => {
    const { result } = patch(user(), [{ op: 'replace', path: 'emails.type', value: 'other' }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'other', primary: true },
          { value: 'babs@jensen.org', type: 'other' },
        ],
      }),
    );
  });

  test('a manager with another value replaces the whole manager object', () => {
    const start = user({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      [ENTERPRISE_SCHEMA]: { manager: { value: M2, $ref: `https://example.com/Users/${M2}`, displayName: 'Old Boss' } },
    });
    const { result, changed } = patch(start, [{ op: 'replace', path: manager, value: { value: MANAGER } }]);
    assert.deepEqual(result, user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { manager: { value: MANAGER } } }));
    assert.deepEqual(changed, [manager]);
    // the same value merges as usual
    const same = patch(start, [{ op: 'replace', path: manager, value: { value: M2, displayName: 'Boss' } }]);
    assert.deepEqual((same.result[ENTERPRISE_SCHEMA] as Record<string, unknown>)['manager'], {
      value: M2,
      $ref: `https://example.com/Users/${M2}`,
      displayName: 'Boss',
    });
  });

  test('pathless replace of several attributes (Okta, Entra)', () => {
    const { result, changed } = patch(user(), [
      {
        op: 'replace',
        value: {
          active: false,
          displayName: 'Babs',
          name: { givenName: 'Babs' },
          emails: [{ value: 'babs@example.com', type: 'work', primary: true }],
          [dept]: 'Sales',
        },
      },
    ]);
    assert.deepEqual(
      result,
      user({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        active: false,
        displayName: 'Babs',
        name: { givenName: 'Babs', familyName: 'Jensen' },
        emails: [{ value: 'babs@example.com', type: 'work', primary: true }],
        [ENTERPRISE_SCHEMA]: { department: 'Sales' },
      }),
    );
    assert.deepEqual(changed, ['active', 'displayName', 'emails', 'name.givenName', dept]);
  });

  test('pathless replace with an extension URN key set to null removes the extension', () => {
    const start = user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'Sales', employeeNumber: '1' } });
    const { result, changed } = patch(start, [{ op: 'replace', value: { [ENTERPRISE_SCHEMA]: null } }]);
    assert.deepEqual(result, user());
    assert.deepEqual(changed, [dept, `${ENTERPRISE_SCHEMA}:employeeNumber`]);
  });

  test('pathless value that is not an object is invalidValue', () => {
    rejects(user(), [{ op: 'replace', value: 'x' }], 'invalidValue', /must be an object/);
    rejects(user(), [{ op: 'replace', value: [{ active: false }] }], 'invalidValue', /must be an object/);
    rejects(user(), [{ op: 'replace', value: { [ENTERPRISE_SCHEMA]: 'x' } }], 'invalidValue', /must be an object/);
  });
});

describe('applyPatch: remove', () => {
  test('requires a path', () => {
    rejects(user(), [{ op: 'remove' }], 'noTarget', /requires a "path"/);
    rejects(user(), [{ op: 'remove', value: { title: 'x' } }], 'noTarget');
  });

  test('a simple attribute, a complex attribute and a sub-attribute', () => {
    const start = user({ title: 'Boss', displayName: 'Babs' });
    assert.deepEqual(patch(start, [{ op: 'remove', path: 'title' }]), { result: user({ displayName: 'Babs' }), changed: ['title'] });
    assert.deepEqual(patch(start, [{ op: 'remove', path: 'name' }]), { result: without(start, 'name'), changed: ['name.familyName', 'name.givenName'] });
    assert.deepEqual(patch(start, [{ op: 'remove', path: 'name.givenName' }]), {
      result: { ...start, name: { familyName: 'Jensen' } },
      changed: ['name.givenName'],
    });
    // removing the last sub-attribute removes the complex attribute
    assert.deepEqual(patch(user({ name: { givenName: 'B' } }), [{ op: 'remove', path: 'name.givenName' }]).result, without(user(), 'name'));
  });

  test('an attribute that is not there is a no-op', () => {
    assert.deepEqual(patch(user(), [{ op: 'remove', path: 'title' }]), { result: user(), changed: [] });
  });

  test('a multi-valued attribute without a filter or value removes all elements', () => {
    assert.deepEqual(patch(user(), [{ op: 'remove', path: 'emails' }]), { result: without(user(), 'emails'), changed: ['emails'] });
  });

  test('a filtered path removes the matching elements', () => {
    const { result, changed } = patch(user(), [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }]);
    assert.deepEqual(result, user({ emails: [{ value: 'babs@jensen.org', type: 'home' }] }));
    assert.deepEqual(changed, ['emails']);
  });

  test('a filtered path matching nothing is noTarget', () => {
    rejects(user(), [{ op: 'remove', path: 'emails[type eq "other"]' }], 'noTarget', /no element of "emails" matches/);
    rejects(user(), [{ op: 'remove', path: 'emails[type eq "other"].display' }], 'noTarget');
    rejects(without(user(), 'emails'), [{ op: 'remove', path: 'emails.value' }], 'noTarget');
  });

  test('a filtered path with a sub-attribute removes the sub-attribute (and elements left empty)', () => {
    const { result, changed } = patch(user(), [{ op: 'remove', path: 'emails[type eq "work"].primary' }]);
    assert.deepEqual(
      result,
      user({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    );
    assert.deepEqual(changed, ['emails']);
    const emptied = patch(user({ addresses: [{ locality: 'Seattle' }, { locality: 'Boston', type: 'home' }] }), [
      { op: 'remove', path: 'addresses[locality eq "seattle"].locality' },
    ]);
    assert.deepEqual(emptied.result, user({ addresses: [{ locality: 'Boston', type: 'home' }] }));
  });

  test('a value on remove of a multi-valued attribute removes only the matching elements', () => {
    const { result, changed } = patch(user(), [{ op: 'remove', path: 'emails', value: { value: 'BJENSEN@example.com' } }]);
    assert.deepEqual(result, user({ emails: [{ value: 'babs@jensen.org', type: 'home' }] }));
    assert.deepEqual(changed, ['emails']);
    // selectors without a value match on all the sub-attributes they give
    const byType = patch(user(), [{ op: 'remove', path: 'emails', value: [{ type: 'home' }] }]);
    assert.deepEqual(byType.result, user({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }));
    // primitives of a multi-valued custom attribute
    const start = user({ schemas: [USER_SCHEMA, CUSTOM_SCHEMA], [CUSTOM_SCHEMA]: { skills: ['go', 'ts', 'rust'] } });
    assert.deepEqual(
      patch(start, [{ op: 'remove', path: `${CUSTOM_SCHEMA}:skills`, value: ['ts', 'java'] }]).result,
      user({ schemas: [USER_SCHEMA, CUSTOM_SCHEMA], [CUSTOM_SCHEMA]: { skills: ['go', 'rust'] } }),
    );
    assert.deepEqual(
      patch(start, [{ op: 'remove', path: `${CUSTOM_SCHEMA}:skills[value sw "r"]` }]).result,
      user({ schemas: [USER_SCHEMA, CUSTOM_SCHEMA], [CUSTOM_SCHEMA]: { skills: ['go', 'ts'] } }),
    );
  });

  test('a value on remove of a single-valued attribute is ignored', () => {
    assert.deepEqual(patch(user({ title: 'Boss' }), [{ op: 'remove', path: 'title', value: 'Other' }]).result, user());
  });

  test('extension attributes, and a whole extension', () => {
    const start = user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'Sales', manager: { value: MANAGER } } });
    assert.deepEqual(patch(start, [{ op: 'remove', path: manager }]), {
      result: user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'Sales' } }),
      changed: [manager],
    });
    // the last extension attribute removes the extension and its schemas entry
    assert.deepEqual(
      patch(start, [
        { op: 'remove', path: manager },
        { op: 'remove', path: dept },
      ]),
      { result: user(), changed: [dept, manager] },
    );
    assert.deepEqual(patch(start, [{ op: 'remove', path: ENTERPRISE_SCHEMA }]), { result: user(), changed: [dept, manager] });
  });

  test('a required attribute cannot be removed', () => {
    rejects(user(), [{ op: 'remove', path: 'userName' }], 'invalidValue', /"userName" is required/);
    rejects(user(), [{ op: 'replace', path: 'userName', value: '' }], 'invalidValue', /"userName" is required/);
    rejects(user(), [{ op: 'replace', value: { userName: null } }], 'invalidValue', /"userName" is required/);
  });
});

describe('applyPatch: RFC 7644 §3.5.2 examples', () => {
  test('§3.5.2.1 add without a path: emails and nickname', () => {
    const { result, changed } = patch(user(), [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }]);
    // the email exists already; "nickname" is canonicalised to nickName
    assert.deepEqual(result, user({ nickName: 'Babs' }));
    assert.deepEqual(changed, ['nickName']);
  });

  test('§3.5.2.2 remove an email by a filter on type and value', () => {
    const { result } = patch(user(), [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }]);
    assert.deepEqual(result, user({ emails: [{ value: 'babs@jensen.org', type: 'home' }] }));
  });

  test('§3.5.2.3 replace the work address, and one of its sub-attributes', () => {
    const start = user({
      addresses: [
        { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true },
        { type: 'home', locality: 'Pasadena' },
      ],
    });
    const work = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    };
    const replaced = patch(start, [{ op: 'replace', path: 'addresses[type eq "work"]', value: work }]);
    assert.deepEqual(replaced.result, user({ addresses: [work, { type: 'home', locality: 'Pasadena' }] }));
    assert.deepEqual(replaced.changed, ['addresses']);
    const street = patch(start, [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }]);
    assert.deepEqual(
      street.result,
      user({
        addresses: [
          { type: 'work', streetAddress: '1010 Broadway Ave', locality: 'Hollywood', primary: true },
          { type: 'home', locality: 'Pasadena' },
        ],
      }),
    );
  });

  test('§3.5.2.3 replace without a path: emails and nickname', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'b@example.net', type: 'other' },
    ];
    const { result, changed } = patch(user(), [{ op: 'replace', value: { emails, nickname: 'Babs' } }]);
    assert.deepEqual(result, user({ emails, nickName: 'Babs' }));
    assert.deepEqual(changed, ['emails', 'nickName']);
  });
});

describe('applyPatch: read-only, write-only and ignored attributes', () => {
  test('a path to a read-only attribute is mutability', () => {
    rejects(user(), [{ op: 'replace', path: 'id', value: USER_ID }], 'mutability', /"id" is read-only/);
    rejects(user(), [{ op: 'remove', path: 'id' }], 'mutability');
    rejects(user(), [{ op: 'replace', path: 'meta.lastModified', value: '2025-01-01T00:00:00Z' }], 'mutability', /"meta" is read-only/);
    rejects(user(), [{ op: 'add', path: 'groups', value: [{ value: GROUP_ID }] }], 'mutability', /"groups" is read-only/);
  });

  test('a read-only attribute in a pathless value is ignored when unchanged, else mutability', () => {
    const start = user({ groups: [{ value: GROUP_ID, display: 'Engineering' }] });
    const { result, changed } = patch(start, [{ op: 'replace', value: { id: USER_ID, meta: start.meta, groups: start.groups, title: 'Boss' } }]);
    assert.deepEqual(result, { ...start, title: 'Boss' });
    assert.deepEqual(changed, ['title']);
    rejects(start, [{ op: 'replace', value: { id: 'another', title: 'Boss' } }], 'mutability', /"id" is read-only/);
    rejects(start, [{ op: 'replace', value: { groups: [] } }], 'mutability', /"groups" is read-only/);
  });

  test('schemas is ignored, in a pathless value and as a path', () => {
    const { result, changed } = patch(user(), [
      { op: 'replace', value: { schemas: ['urn:whatever'], title: 'Boss' } },
      { op: 'replace', path: 'schemas', value: ['urn:whatever'] },
    ]);
    assert.deepEqual(result, user({ title: 'Boss' }));
    assert.deepEqual(changed, ['title']);
  });

  test('password is accepted and never stored', () => {
    assert.deepEqual(patch(user(), [{ op: 'replace', path: 'password', value: 'secret' }]), { result: user(), changed: [] });
    assert.deepEqual(patch(user(), [{ op: 'add', value: { password: 'secret' } }]), { result: user(), changed: [] });
    assert.deepEqual(patch(user(), [{ op: 'remove', path: 'password' }]), { result: user(), changed: [] });
    // one already in the input is dropped as well
    const { result } = patch({ ...user(), password: 'old' }, [{ op: 'replace', path: 'title', value: 'Boss' }]);
    assert.equal('password' in result, false);
  });
});

describe('applyPatch: unknown attributes and malformed paths', () => {
  test('a path naming an unknown attribute is invalidPath', () => {
    rejects(user(), [{ op: 'replace', path: 'favoriteColor', value: 'blue' }], 'invalidPath', /unknown attribute "favoriteColor"/);
    rejects(user(), [{ op: 'replace', path: 'name.nickname', value: 'x' }], 'invalidPath', /unknown sub-attribute "name.nickname"/);
    rejects(user(), [{ op: 'replace', path: `${ENTERPRISE_SCHEMA}:favoriteColor`, value: 'x' }], 'invalidPath', /not an attribute of/);
    // the custom extension is open (its attributes are taken as given), but custom attributes have no sub-attributes
    rejects(user(), [{ op: 'replace', path: `${CUSTOM_SCHEMA}:undefinedAttr.sub`, value: 'x' }], 'invalidPath');
  });

  test("an unknown or not allowed extension URN is invalidPath, except as a user's custom attribute namespace", () => {
    // users: another extension URN is another namespace for custom attributes (ResourceSchema.openExtension)
    const other = 'urn:ietf:params:scim:schemas:extension:other:2.0:User';
    const r = applyPatch(
      user(),
      [
        { op: 'replace', path: `${other}:department`, value: 'x' },
        { op: 'add', value: { [other]: { a: 1 } } },
      ],
      USER,
    );
    assert.deepEqual(r.resource[CUSTOM_SCHEMA], { department: 'x', a: '1' });
    assert.equal(r.resource[ENTERPRISE_SCHEMA], undefined);
    rejects(user(), [{ op: 'replace', path: USER_SCHEMA, value: {} }], 'invalidPath', /core schema URN/);
  });

  test('an unknown key in a pathless value is invalidPath naming the key', () => {
    rejects(user(), [{ op: 'replace', value: { active: false, favoriteColor: 'blue' } }], 'invalidPath', /"favoriteColor"/);
    rejects(user(), [{ op: 'replace', value: { 'not a name': 1 } }], 'invalidPath', /"not a name"/);
    rejects(user(), [{ op: 'replace', value: { [ENTERPRISE_SCHEMA]: { favoriteColor: 'blue' } } }], 'invalidPath', /favoriteColor/);
    rejects(user(), [{ op: 'replace', value: { __proto__x: 1 } }], 'invalidPath');
    rejects(user(), [{ op: 'replace', value: JSON.parse('{"__proto__": {"admin": true}}') }], 'invalidPath', /__proto__/);
  });

  test('an unknown sub-attribute in a value is invalidPath', () => {
    rejects(user(), [{ op: 'add', path: 'emails', value: [{ value: 'a@x.com', label: 'x' }] }], 'invalidPath', /unknown sub-attribute "emails.label"/);
    rejects(user(), [{ op: 'replace', path: 'name', value: { first: 'B' } }], 'invalidPath', /"name.first"/);
  });

  test('filters and sub-attributes where they cannot apply are invalidPath', () => {
    rejects(user(), [{ op: 'replace', path: 'name[givenName eq "B"].familyName', value: 'x' }], 'invalidPath', /single-valued/);
    rejects(user(), [{ op: 'replace', path: 'title.value', value: 'x' }], 'invalidPath', /no sub-attributes/);
    rejects(user(), [{ op: 'remove', path: 'emails[label eq "x"]' }], 'invalidPath', /unknown sub-attribute "label" in the filter/);
    rejects(user(), [{ op: 'remove', path: `${CUSTOM_SCHEMA}:skills[other eq "x"]` }], 'invalidPath');
  });

  test('parser errors become invalidPath (including filter errors and over-long paths)', () => {
    rejects(user(), [{ op: 'remove', path: 'emails[type eq "work"' }], 'invalidPath', /^Operations\[0\]: invalid path: /);
    rejects(user(), [{ op: 'remove', path: 'emails[type xx "work"]' }], 'invalidPath');
    rejects(user(), [{ op: 'remove', path: '' }], 'invalidPath');
    rejects(user(), [{ op: 'remove', path: `emails[value eq "${'a'.repeat(MAX_FILTER_LENGTH)}"]` }], 'invalidPath', /longer than/);
  });

  test('errors name the operation index', () => {
    rejects(
      user(),
      [
        { op: 'replace', path: 'title', value: 'x' },
        { op: 'replace', path: 'nope', value: 'x' },
      ],
      'invalidPath',
      /^Operations\[1\]: /,
    );
  });
});

describe('applyPatch: type checks', () => {
  test('simple attributes', () => {
    rejects(user(), [{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue', /"active" must be a boolean/);
    rejects(user(), [{ op: 'replace', path: 'active', value: 1 }], 'invalidValue', /boolean/);
    rejects(user(), [{ op: 'replace', value: { active: 'no' } }], 'invalidValue', /boolean/);
    rejects(user(), [{ op: 'replace', path: 'userName', value: 5 }], 'invalidValue', /"userName" must be a string/);
    rejects(user(), [{ op: 'replace', path: 'displayName', value: { text: 'x' } }], 'invalidValue', /string/);
    rejects(user(), [{ op: 'replace', path: 'name.givenName', value: true }], 'invalidValue', /string/);
  });

  test('complex attributes take objects', () => {
    rejects(user(), [{ op: 'replace', path: 'name', value: 'Barbara Jensen' }], 'invalidValue', /object/);
    rejects(user(), [{ op: 'replace', path: manager, value: 42 }], 'invalidValue', /object/);
  });

  test('multi-valued attributes take objects', () => {
    rejects(user(), [{ op: 'add', path: 'emails', value: 'b@example.com' }], 'invalidValue', /"emails" takes objects/);
    rejects(user(), [{ op: 'replace', path: 'emails', value: ['b@example.com'] }], 'invalidValue', /"emails" takes objects/);
    rejects(user(), [{ op: 'replace', value: { emails: 'b@example.com' } }], 'invalidValue', /"emails" takes objects/);
    rejects(user(), [{ op: 'add', path: 'emails', value: [{ value: 'b@example.com', primary: 'sure' }] }], 'invalidValue', /primary/);
  });
});

describe('applyPatch: canonical names', () => {
  test('attribute, sub-attribute and URN case follows the schema', () => {
    const { result, changed } = patch(without(user(), 'name', 'emails'), [
      { op: 'replace', path: 'USERNAME', value: 'babs' },
      { op: 'add', path: 'Emails', value: [{ VALUE: 'a@example.com', Type: 'work', PRIMARY: 'TRUE' }] },
      { op: 'add', path: 'NAME.GIVENNAME', value: 'Babs' },
      { op: 'add', value: { 'name.FamilyName': 'Jensen', DisplayName: 'Babs' } },
      { op: 'add', path: `${ENTERPRISE_SCHEMA.toUpperCase()}:DEPARTMENT`, value: 'Sales' },
      { op: 'add', path: `${CUSTOM_SCHEMA}:BADGE`, value: 'B-1' },
    ]);
    assert.deepEqual(
      result,
      user({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, CUSTOM_SCHEMA],
        userName: 'babs',
        emails: [{ value: 'a@example.com', type: 'work', primary: true }],
        name: { givenName: 'Babs', familyName: 'Jensen' },
        displayName: 'Babs',
        [ENTERPRISE_SCHEMA]: { department: 'Sales' },
        [CUSTOM_SCHEMA]: { badge: 'B-1' },
      }),
    );
    assert.deepEqual(changed, ['displayName', 'emails', 'name.familyName', 'name.givenName', `${CUSTOM_SCHEMA}:badge`, dept, 'userName']);
  });

  test('keys of the input resource are canonicalised too', () => {
    const input = {
      schemas: [USER_SCHEMA],
      id: USER_ID,
      UserName: 'b',
      Emails: [{ Value: 'a@x.com' }],
      [ENTERPRISE_SCHEMA.toLowerCase()]: { Department: 'Sales' },
    };
    const { result, changed } = patch(input, [{ op: 'replace', path: 'title', value: 'Boss' }]);
    assert.deepEqual(result, {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      id: USER_ID,
      userName: 'b',
      emails: [{ value: 'a@x.com' }],
      [ENTERPRISE_SCHEMA]: { department: 'Sales' },
      title: 'Boss',
    });
    assert.deepEqual(changed, ['title']);
  });

  test('schemas lists the extensions present and is created when missing', () => {
    const { result } = patch({ id: USER_ID, userName: 'b' }, [{ op: 'add', path: dept, value: 'Sales' }]);
    assert.deepEqual(result, { id: USER_ID, userName: 'b', schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'Sales' } });
    const stale = patch(user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA] }), [{ op: 'replace', path: 'title', value: 'x' }]);
    assert.deepEqual(stale.result.schemas, [USER_SCHEMA]);
  });
});

describe('applyPatch: purity and robustness', () => {
  test('never mutates the resource or the operations', () => {
    const resource = user({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      [ENTERPRISE_SCHEMA]: { manager: { value: M2 } },
      addresses: [{ type: 'home', locality: 'A' }],
    });
    const ops: PatchOperation[] = [
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', primary: true }] },
      { op: 'replace', path: 'emails[type eq "home"]', value: { display: 'H' } },
      { op: 'replace', path: 'name', value: { givenName: 'X' } },
      { op: 'replace', path: manager, value: MANAGER },
      { op: 'add', path: 'addresses[type eq "home"].region', value: 'B' },
      { op: 'remove', path: 'emails[type eq "work"].primary' },
    ];
    const resourceCopy = structuredClone(resource);
    const opsCopy = structuredClone(ops);
    deepFreeze(resource);
    deepFreeze(ops);
    const { result } = patch(resource, ops);
    assert.deepEqual(resource, resourceCopy);
    assert.deepEqual(ops, opsCopy);
    // the result shares no objects with the input
    (result.emails as Array<Record<string, unknown>>)[0]!['display'] = 'mutated';
    (result.addresses as Array<Record<string, unknown>>)[0]!['region'] = 'mutated';
    assert.deepEqual(resource, resourceCopy);
  });

  test('a failing operation leaves the input untouched', () => {
    const resource = user();
    const copy = structuredClone(resource);
    rejects(
      resource,
      [
        { op: 'replace', path: 'title', value: 'x' },
        { op: 'remove', path: 'id' },
      ],
      'mutability',
    );
    assert.deepEqual(resource, copy);
  });

  test('operations are applied in order', () => {
    const { result, changed } = patch(user(), [
      { op: 'add', path: 'title', value: 'A' },
      { op: 'replace', path: 'title', value: 'B' },
      { op: 'remove', path: 'title' },
      { op: 'add', path: 'title', value: 'C' },
    ]);
    assert.deepEqual(result, user({ title: 'C' }));
    assert.deepEqual(changed, ['title']);
    // a change undone within the request is not a change
    assert.deepEqual(
      patch(user(), [
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', path: 'active', value: true },
      ]).changed,
      [],
    );
  });

  test('only a 400 ScimError is ever thrown', () => {
    const values: unknown[] = [
      undefined,
      null,
      true,
      0,
      -1.5,
      '',
      'x',
      'True',
      [],
      [null],
      [1],
      ['x'],
      [{}],
      {},
      { value: null },
      { value: 1 },
      { value: 'x', primary: 'x' },
      [{ value: 'x' }],
      { a: { b: [] } },
    ];
    const paths: Array<string | undefined> = [
      undefined,
      'active',
      'userName',
      'name',
      'name.givenName',
      'emails',
      'emails.value',
      'emails[type eq "work"]',
      'emails[type eq "work"].value',
      'members',
      'id',
      'meta',
      'groups',
      'password',
      'schemas',
      manager,
      `${manager}.value`,
      ENTERPRISE_SCHEMA,
      `${CUSTOM_SCHEMA}:skills`,
      `${CUSTOM_SCHEMA}:skills[value eq "x"]`,
      `${CUSTOM_SCHEMA}:clearance`,
      'emails[',
      'x.y.z',
    ];
    let applied = 0;
    for (const op of ['add', 'replace', 'remove', 'Add', 'bogus']) {
      for (const path of paths) {
        for (const value of values) {
          const raw = path === undefined ? { op, value } : { op, path, value };
          try {
            applyPatch(user({ addresses: [{ type: 'work' }] }), [raw as PatchOperation], USER);
            applied++;
          } catch (err) {
            assert.ok(err instanceof ScimError && err.status === 400, `${JSON.stringify(raw)} threw ${String(err)}`);
          }
        }
      }
    }
    assert.ok(applied > 100, `only ${applied} combinations applied`);
    // and for nonsense arguments
    for (const [resource, ops] of [
      [null, []],
      [user(), null],
      [user(), [null]],
      [user(), 'x'],
      [[], []],
    ] as const) {
      assert.throws(() => applyPatch(resource as never, ops as never, USER), { name: 'ScimError', status: 400 });
    }
  });

  test('more than MAX_PATCH_OPERATIONS operations are rejected', () => {
    rejects(
      user(),
      Array.from({ length: 1001 }, () => ({ op: 'replace', path: 'active', value: true })),
      'invalidSyntax',
      /at most 1000/,
    );
  });
});

describe('schemas of the resources', () => {
  test('userResourceSchema: core, enterprise and custom attributes', () => {
    const schema = userResourceSchema([
      { name: 'badge', type: 'STRING', multiValued: false },
      { name: 'BADGE', type: 'INTEGER', multiValued: false },
    ]);
    assert.equal(schema.core, USER_SCHEMA);
    assert.deepEqual(schema.extensions, [ENTERPRISE_SCHEMA, CUSTOM_SCHEMA]);
    assert.deepEqual(Object.keys(schema.attributes[CUSTOM_SCHEMA]!), ['badge']);
    const core = schema.attributes[USER_SCHEMA]!;
    assert.equal(core['active']!.type, 'boolean');
    assert.equal(core['id']!.mutability, 'readOnly');
    assert.equal(core['groups']!.mutability, 'readOnly');
    assert.equal(core['password']!.mutability, 'writeOnly');
    assert.equal(core['emails']!.multiValued, true);
    assert.ok(core['name']!.subAttributes!['givenName']);
    assert.equal(schema.attributes[ENTERPRISE_SCHEMA]!['manager']!.type, 'complex');
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

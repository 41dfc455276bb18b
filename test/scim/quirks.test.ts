/**
 * One test per identity-provider quirk of src/scim/quirks.ts, named after the behaviour. Request
 * bodies are the ones Okta and Entra ID document (the same as test/fixtures/okta and
 * test/fixtures/entra, inlined so this file stands alone).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/scim/filter-parser.js';
import { ScimError } from '../../src/scim/scim-error.js';
import { groupPatchSteps } from '../../src/scim/groups.js';
import { applyPatch, readPatchRequest, userResourceSchema } from '../../src/scim/patch.js';
import {
  coerceBooleanStrings,
  elementFromValueFilter,
  filteredSubAttributeComparison,
  isEchoedReadOnlyValue,
  isIgnoredGroupSchema,
  listOfSingleElement,
  normalizeManagerValue,
  normalizeOpName,
  normalizePatchOperation,
  removalSelectors,
  withRfcSchemaUrns,
} from '../../src/scim/quirks.js';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, PATCH_OP, USER_SCHEMA } from '../../src/scim/urns.js';

const USER_ID = '2819c223-7f76-453a-919d-413861904646';
const OTHER_ID = '902c246b-6245-4190-8e05-00816be7344a';
const THIRD_ID = 'c3a8d2e1-0f4b-4a52-9d61-7e0b5c2f1a90';
const GROUP_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a';
const USER = userResourceSchema([]);

function user(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [USER_SCHEMA], id: USER_ID, userName: 'bjensen@example.com', active: true, ...extra };
}

/** A group PATCH as production translates it (groups.ts groupPatchSteps): the core steps. */
function groupSteps(body: unknown) {
  return groupPatchSteps(body, GROUP_ID);
}

/** readPatchRequest + applyPatch, as the adapter calls them; `changed` sorted for comparison. */
function patch(resource: Record<string, unknown>, body: unknown, schema = USER) {
  const { resource: result, changed } = applyPatch(resource, readPatchRequest(body), schema);
  return { result, changed: [...changed].sort() };
}

function request(...Operations: unknown[]): unknown {
  return { schemas: [PATCH_OP], Operations };
}

function scimError(scimType: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof ScimError, `expected a ScimError, got ${String(err)}`);
    assert.equal(err.status, 400);
    assert.equal(err.scimType, scimType, err.message);
    return true;
  };
}

test('Entra capitalised op names are accepted', () => {
  assert.equal(normalizeOpName('Add'), 'add');
  assert.equal(normalizeOpName('Replace'), 'replace');
  assert.equal(normalizeOpName('REMOVE'), 'remove');
  assert.equal(normalizeOpName('remove'), 'remove');
  assert.equal(normalizeOpName('delete'), undefined);
  assert.equal(normalizeOpName('__proto__'), undefined);
  assert.equal(normalizeOpName(1), undefined);
  assert.deepEqual(normalizePatchOperation({ op: 'Replace', path: 'active', value: false }), { op: 'replace', path: 'active', value: false });
  // Entra "Disable User"
  const ops = readPatchRequest(request({ op: 'Replace', path: 'active', value: 'False' }));
  assert.deepEqual(ops, [{ op: 'replace', path: 'active', value: 'False' }]);
});

test('Entra string booleans become booleans', () => {
  assert.equal(coerceBooleanStrings('True', true), true);
  assert.equal(coerceBooleanStrings('False', true), false);
  assert.equal(coerceBooleanStrings(' true ', true), true);
  assert.equal(coerceBooleanStrings('FALSE', true), false);
  assert.deepEqual(coerceBooleanStrings(['True', 'false'], true), [true, false]);
  assert.equal(coerceBooleanStrings('yes', true), 'yes');
  assert.equal(coerceBooleanStrings('True', false), 'True');
  assert.equal(coerceBooleanStrings(undefined, true), undefined);

  // the Entra "Disable User" request
  const disabled = patch(user(), request({ op: 'Replace', path: 'active', value: 'False' }));
  assert.deepEqual(disabled.result, user({ active: false }));
  assert.deepEqual(disabled.changed, ['active']);
  // pathless values, element objects and filtered paths are coerced too
  const { result, changed } = patch(
    user({ active: false }),
    request(
      { op: 'Replace', value: { active: 'True' } },
      { op: 'Add', path: 'emails', value: [{ value: 'b@example.com', type: 'work', primary: 'True' }] },
      { op: 'Replace', path: 'emails[type eq "work"].primary', value: 'False' },
    ),
  );
  assert.deepEqual(result, user({ active: true, emails: [{ value: 'b@example.com', type: 'work', primary: false }] }));
  assert.deepEqual(changed, ['active', 'emails']);
  // a string that is not a boolean stays an error
  assert.throws(() => patch(user(), request({ op: 'Replace', path: 'active', value: 'Yes' })), scimError('invalidValue'));
});

test('Okta pathless replace of active deactivates', () => {
  const { result, changed } = patch(user(), request({ op: 'replace', value: { active: false } }));
  assert.deepEqual(result, user({ active: false }));
  assert.deepEqual(changed, ['active']);
});

test('Okta empty groups echoed in a pathless value are ignored', () => {
  const { result, changed } = patch(user(), request({ op: 'replace', value: { groups: [], displayName: 'Test User' } }));
  assert.deepEqual(result, user({ displayName: 'Test User' }));
  assert.deepEqual(changed, ['displayName']);
  assert.throws(() => patch(user(), request({ op: 'replace', value: { groups: [{ value: GROUP_ID }] } })), scimError('mutability'));
});

test('Okta group rename echoing the id ignores the unchanged id', () => {
  assert.equal(isEchoedReadOnlyValue(GROUP_ID, GROUP_ID), true);
  assert.equal(isEchoedReadOnlyValue(GROUP_ID, OTHER_ID), false);
  assert.equal(isEchoedReadOnlyValue(undefined, GROUP_ID), false);
  assert.equal(isEchoedReadOnlyValue(undefined, []), true, 'Okta sends "groups": [] for a user without groups');
  assert.equal(isEchoedReadOnlyValue([{ value: GROUP_ID }], []), false);
  assert.deepEqual(groupSteps(request({ op: 'replace', value: { id: GROUP_ID, displayName: 'Test SCIMv2 renamed' } })), [
    { kind: 'update', input: { displayName: 'Test SCIMv2 renamed' } },
  ]);
  // a different id is not an echo
  assert.throws(() => groupSteps(request({ op: 'replace', value: { id: OTHER_ID, displayName: 'x' } })), scimError('mutability'));
});

test('Entra manager as a bare id string', () => {
  assert.deepEqual(normalizeManagerValue(OTHER_ID), { value: OTHER_ID });
  assert.deepEqual(normalizeManagerValue({ value: OTHER_ID }), { value: OTHER_ID });
  const { result, changed } = patch(user(), request({ op: 'Replace', path: `${ENTERPRISE_SCHEMA}:manager`, value: OTHER_ID }));
  assert.deepEqual(result, user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { manager: { value: OTHER_ID } } }));
  assert.deepEqual(changed, [`${ENTERPRISE_SCHEMA}:manager`]);
  // also as a URN-qualified key of a pathless value
  const pathless = patch(user(), request({ op: 'Add', value: { [`${ENTERPRISE_SCHEMA}:manager`]: OTHER_ID } }));
  assert.deepEqual(pathless.result, result);
});

test('Entra empty manager removes the manager', () => {
  assert.equal(normalizeManagerValue(''), null);
  assert.equal(normalizeManagerValue({ value: '' }), null);
  assert.equal(normalizeManagerValue(null), null);
  const managed = user({ schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], [ENTERPRISE_SCHEMA]: { manager: { value: OTHER_ID, displayName: 'Boss' } } });
  for (const value of ['', { value: '' }]) {
    const { result, changed } = patch(managed, request({ op: 'Replace', path: `${ENTERPRISE_SCHEMA}:manager`, value }));
    assert.deepEqual(result, user(), JSON.stringify(value));
    assert.deepEqual(changed, [`${ENTERPRISE_SCHEMA}:manager`]);
  }
  const bySubAttribute = patch(managed, request({ op: 'Replace', path: `${ENTERPRISE_SCHEMA}:manager.value`, value: '' }));
  assert.deepEqual(bySubAttribute.result, user());
});

test('Entra Add on a filtered path creates the element', () => {
  assert.deepEqual(elementFromValueFilter(parseFilter('type eq "work"')), { type: 'work' });
  assert.deepEqual(elementFromValueFilter(parseFilter('type eq "work" and primary eq true')), { type: 'work', primary: true });
  assert.equal(elementFromValueFilter(parseFilter('type eq "work" or type eq "home"')), undefined);
  assert.equal(elementFromValueFilter(parseFilter('type ne "work"')), undefined);
  assert.equal(elementFromValueFilter(parseFilter('type eq "work" and type eq "home"')), undefined);
  const { result, changed } = patch(user(), request({ op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Seattle' }));
  assert.deepEqual(result, user({ addresses: [{ type: 'work', locality: 'Seattle' }] }));
  assert.deepEqual(changed, ['addresses']);
  // the next operation finds the element just created
  const twice = patch(
    user(),
    request(
      { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Seattle' },
      { op: 'Add', path: 'addresses[type eq "work"].postalCode', value: '98101' },
    ),
  );
  assert.deepEqual(twice.result, user({ addresses: [{ type: 'work', locality: 'Seattle', postalCode: '98101' }] }));
});

test('Entra Replace on a filtered path creates the element when none matches', () => {
  // the Entra "Update User [Multi-valued properties]" request, for a user without a work email
  const body = request(
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
    { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
  );
  const { result, changed } = patch(user({ emails: [{ value: 'home@example.com', type: 'home' }] }), body);
  assert.deepEqual(
    result,
    user({
      emails: [
        { value: 'home@example.com', type: 'home' },
        { type: 'work', value: 'updatedEmail@microsoft.com' },
      ],
      name: { familyName: 'updatedFamilyName' },
    }),
  );
  assert.deepEqual(changed, ['emails', 'name.familyName']);
});

test('Entra remove of members with a value array removes only those', () => {
  assert.equal(removalSelectors(undefined), undefined);
  assert.equal(removalSelectors(null), undefined);
  assert.deepEqual(removalSelectors({ value: 'a' }), [{ value: 'a' }]);
  assert.deepEqual(removalSelectors([{ value: 'a' }]), [{ value: 'a' }]);
  // the Entra "Update Group [Remove Members]" request ($ref null included)
  assert.deepEqual(groupSteps(request({ op: 'Remove', path: 'members', value: [{ $ref: null, value: USER_ID }, { value: THIRD_ID }] })), [
    { kind: 'remove', userIds: [USER_ID, THIRD_ID] },
  ]);
  // removing someone who is not a member is not an error: the core's removal (groups.test.ts, over HTTP)
});

test('Entra add of members with a null $ref adds the member without $ref', () => {
  // the Entra "Update Group [Add Members]" request
  assert.deepEqual(groupSteps(request({ op: 'Add', path: 'members', value: [{ $ref: null, value: USER_ID }] })), [
    { kind: 'add', userIds: [USER_ID], newMembers: [] },
  ]);
});

test('Entra pathless value keyed by sub-attribute paths and URN-qualified attributes', () => {
  const { result, changed } = patch(
    user({ name: { givenName: 'Barbara', familyName: 'Jensen' } }),
    request({
      op: 'Replace',
      value: { 'name.givenName': 'Babs', [`${ENTERPRISE_SCHEMA}:department`]: 'Sales', 'emails[type eq "work"].value': 'babs@example.com' },
    }),
  );
  assert.deepEqual(
    result,
    user({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      name: { givenName: 'Babs', familyName: 'Jensen' },
      [ENTERPRISE_SCHEMA]: { department: 'Sales' },
      emails: [{ type: 'work', value: 'babs@example.com' }],
    }),
  );
  assert.deepEqual(changed, ['emails', 'name.givenName', `${ENTERPRISE_SCHEMA}:department`]);
});

test('Entra ADSCIM group schema URN is ignored', () => {
  assert.equal(isIgnoredGroupSchema('http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'), true);
  assert.equal(isIgnoredGroupSchema('HTTP://SCHEMAS.MICROSOFT.COM/2006/11/RESOURCEMANAGEMENT/ADSCIM/2.0/GROUP'), true);
  assert.equal(isIgnoredGroupSchema(GROUP_SCHEMA), false);
  assert.equal(isIgnoredGroupSchema('urn:example:unknown'), false);
});

test('Okta re-adding an existing member does not duplicate it', () => {
  // the Okta "Update specific group membership" (add) request
  const body = request({ op: 'add', path: 'members', value: [{ value: USER_ID, display: 'test.user@okta.local' }] });
  // the member is added by id (its display is the server's); adding an existing member again is
  // the core's no-op (groups.test.ts, 'Okta: push, rename, add and remove members', over HTTP)
  assert.deepEqual(groupSteps(body), [{ kind: 'add', userIds: [USER_ID], newMembers: [] }]);
});

test('Okta remove of a member by value filter', () => {
  assert.deepEqual(groupSteps(request({ op: 'remove', path: `members[value eq "${USER_ID}"]` })), [{ kind: 'remove', userIds: [USER_ID] }]);
});

test('Okta password in a pathless replace is accepted and dropped', () => {
  const { result, changed } = patch(user(), request({ op: 'replace', value: { password: 't1meMa$heen', active: false } }));
  assert.deepEqual(result, user({ active: false }));
  assert.deepEqual(changed, ['active']);
});

test('Entra filter on a filtered sub-attribute reads as the RFC form', () => {
  // what Entra ID and Microsoft's SCIM validator send when users are matched on the work email
  assert.deepEqual(parseFilter('emails[type eq "work"].value eq "babs@example.com"'), parseFilter('emails[type eq "work" and value eq "babs@example.com"]'));
  assert.deepEqual(
    filteredSubAttributeComparison({ attr: 'emails' }, parseFilter('type eq "work"'), parseFilter('value pr')),
    parseFilter('emails[type eq "work" and value pr]'),
  );
  // still a filter: it combines with others
  assert.deepEqual(
    parseFilter('emails[type eq "work"].value eq "x" and active eq true'),
    parseFilter('emails[type eq "work" and value eq "x"] and active eq true'),
  );
});

test('Okta and Entra custom attributes under a namespace the admin chose are the custom extension', () => {
  const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
  const schema = userResourceSchema([{ name: 'costCode', type: 'STRING', multiValued: false }]);
  const entra = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
  const okta = 'urn:okta:acme_app:1.0:user:custom';
  // a path naming the attribute after the namespace, in any form
  for (const op of [
    { op: 'Add', path: `${entra}:costCode`, value: 'C1' },
    { op: 'replace', path: `${okta}:costCode`, value: 'C1' },
    { op: 'replace', value: { [`${entra}:costCode`]: 'C1' } },
    { op: 'add', value: { [entra]: { costCode: 'C1' } } },
    { op: 'add', path: okta, value: { costCode: 'C1' } },
  ]) {
    const r = applyPatch(user(), [normalizePatchOperation(op)], schema);
    assert.deepEqual(r.resource[CUSTOM], { costCode: 'C1' }, JSON.stringify(op));
    assert.deepEqual([...r.changed], [`${CUSTOM}:costCode`]);
  }
  // an attribute no definition lists is taken as given (the core decides what it means)
  const r = applyPatch(user(), [normalizePatchOperation({ op: 'add', path: `${CUSTOM}:worksiteId`, value: ['a', 'b'] })], schema);
  assert.deepEqual(r.resource[CUSTOM], { worksiteId: ['a', 'b'] });
  // removal by the other namespace
  const removed = applyPatch(
    user({ schemas: [USER_SCHEMA, CUSTOM], [CUSTOM]: { costCode: 'C1' } }),
    [normalizePatchOperation({ op: 'remove', path: `${entra}:costCode` })],
    schema,
  );
  assert.equal(removed.resource[CUSTOM], undefined);
  // the enterprise extension stays closed
  assert.throws(
    () => applyPatch(user(), [normalizePatchOperation({ op: 'add', path: `${ENTERPRISE_SCHEMA}:costCode`, value: 'x' })], schema),
    /unknown attribute/,
  );
});

// OneLogin (test/fixtures/onelogin, each citing its source)

test("OneLogin's short schema URNs (urn:scim:schemas:core:2.0, …:extension:enterprise:2.0) are read as the RFC 7643 URNs, in schemas and as the extension's key", () => {
  const body = {
    schemas: ['urn:scim:schemas:core:2.0', 'urn:scim:schemas:extension:enterprise:2.0'],
    userName: 'a@example.com',
    'urn:scim:schemas:extension:enterprise:2.0': { department: 'Engineering' },
  };
  const read = withRfcSchemaUrns(body);
  assert.deepEqual(read, { schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], userName: 'a@example.com', [ENTERPRISE_SCHEMA]: { department: 'Engineering' } });
  assert.deepEqual(body.schemas, ['urn:scim:schemas:core:2.0', 'urn:scim:schemas:extension:enterprise:2.0'], 'the input is not changed');
  // both keys: the RFC one's attributes win; a URN listed twice is listed once
  assert.deepEqual(
    withRfcSchemaUrns({
      schemas: [USER_SCHEMA, 'URN:SCIM:SCHEMAS:CORE:2.0'],
      [ENTERPRISE_SCHEMA]: { department: 'RFC' },
      'urn:scim:schemas:extension:enterprise:2.0': { department: 'short', division: 'D' },
    }),
    { schemas: [USER_SCHEMA], [ENTERPRISE_SCHEMA]: { department: 'RFC', division: 'D' } },
  );
  const rfc = { schemas: [USER_SCHEMA], userName: 'b@example.com' };
  assert.equal(withRfcSchemaUrns(rfc), rfc, 'an RFC body is returned as it is');
  assert.deepEqual(withRfcSchemaUrns({ schemas: ['urn:scim:schemas:core:1.0'] }), { schemas: ['urn:scim:schemas:core:1.0'] }, 'SCIM 1.1 URNs are not 2.0 ones');
});

test("OneLogin's emails sent as one object is a list of that object (POST/PUT bodies); lists and other values are left to the type checks", () => {
  const email = { value: 'a@example.com', type: 'work', primary: true };
  assert.deepEqual(listOfSingleElement(email), [email]);
  assert.deepEqual(listOfSingleElement([email]), [email]);
  assert.equal(listOfSingleElement('a@example.com'), 'a@example.com');
  assert.equal(listOfSingleElement(null), null);
});

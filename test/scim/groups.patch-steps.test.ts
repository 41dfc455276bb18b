/**
 * Group PATCH as production runs it: `groupPatchSteps` (src/scim/groups.ts) turns a PatchOp into
 * core steps (update, add, remove, set members) without reading the member list; the core applies
 * them (what it decides, such as a member added twice being one member, is checked over HTTP in
 * groups.test.ts). RFC 7644 §3.5.2's group examples, and the refusals, on that path.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPatchSteps } from '../../src/scim/groups.js';
import { ScimError, type ScimType } from '../../src/scim/scim-error.js';
import { ENTERPRISE_SCHEMA, PATCH_OP } from '../../src/scim/urns.js';

const GROUP_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a';
const M1 = '2819c223-7f76-453a-919d-413861904646';
const M2 = '902c246b-6245-4190-8e05-00816be7344a';
const M3 = 'c3a8d2e1-0f4b-4a52-9d61-7e0b5c2f1a90';

const steps = (...Operations: unknown[]) => groupPatchSteps({ schemas: [PATCH_OP], Operations }, GROUP_ID);

/** Asserts the PATCH is refused with a 400 ScimError of `scimType` (and `message` if given). */
function rejects(operations: unknown[], scimType: ScimType, message?: RegExp): void {
  assert.throws(
    () => steps(...operations),
    (err: unknown) => {
      assert.ok(err instanceof ScimError, `expected a ScimError, got ${String(err)}`);
      assert.equal(err.status, 400);
      assert.equal(err.scimType, scimType, err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

describe('groupPatchSteps: RFC 7644 §3.5.2 group examples', () => {
  test("§3.5.2.1 add a member to a group: its value (display and $ref are the server's)", () => {
    const member = { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${M1}`, value: M1 };
    assert.deepEqual(steps({ op: 'add', path: 'members', value: [member] }), [{ kind: 'add', userIds: [M1], newMembers: [] }]);
  });

  test('§3.5.2.2 remove all members, a single member, and several members', () => {
    assert.deepEqual(steps({ op: 'remove', path: 'members' }), [{ kind: 'set', userIds: [] }]);
    assert.deepEqual(steps({ op: 'remove', path: `members[value eq "${M1}"]` }), [{ kind: 'remove', userIds: [M1] }]);
    assert.deepEqual(steps({ op: 'remove', path: `members[value eq "${M1}" or value eq "${M3}"]` }), [{ kind: 'remove', userIds: [M1, M3] }]);
  });

  test('§3.5.2.2 remove all members then add new ones, in order', () => {
    assert.deepEqual(
      steps(
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ display: 'James Smith', $ref: `https://example.com/v2/Users/${M3}`, value: M3 }] },
      ),
      [
        { kind: 'set', userIds: [] },
        { kind: 'add', userIds: [M3], newMembers: [] },
      ],
    );
  });

  test('§3.5.2.3 replace all members; replacing them with [] empties the group', () => {
    assert.deepEqual(steps({ op: 'replace', path: 'members', value: [{ value: M1 }] }), [{ kind: 'set', userIds: [M1] }]);
    assert.deepEqual(steps({ op: 'replace', path: 'members', value: [] }), [{ kind: 'set', userIds: [] }]);
  });

  test('members are sent as written: duplicates and ids are left to the core (one membership per user)', () => {
    assert.deepEqual(steps({ op: 'add', path: 'members', value: [{ value: M1 }, { value: M2 }, { value: M2 }] }), [
      { kind: 'add', userIds: [M1, M2, M2], newMembers: [] },
    ]);
    // a member filter's id is taken exactly as written
    const upper = M1.toUpperCase();
    assert.deepEqual(steps({ op: 'remove', path: `members[value eq "${upper}"]` }), [{ kind: 'remove', userIds: [upper] }]);
  });
});

describe('groupPatchSteps: refusals', () => {
  test('displayName is required: removing it is mutability; it must be a non-empty string', () => {
    rejects([{ op: 'remove', path: 'displayName' }], 'mutability', /displayName is required/);
    rejects([{ op: 'replace', path: 'displayName', value: '' }], 'invalidValue', /displayName must be a non-empty string/);
    rejects([{ op: 'replace', value: { displayName: ['x'] } }], 'invalidValue', /displayName must be a non-empty string/);
  });

  test('an attribute or schema a group does not have is invalidPath', () => {
    rejects([{ op: 'replace', path: 'userName', value: 'x' }], 'invalidPath', /unknown attribute userName/);
    rejects([{ op: 'replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'x' }], 'invalidPath', /unknown schema/);
    rejects([{ op: 'add', value: { 'urn:ietf:params:scim:schemas:extension:other:2.0:User': { a: 1 } } }], 'invalidPath', /unknown attribute/);
  });

  test('a member needs a value that is an id, or a display to be found by userName; its sub-attributes cannot be changed', () => {
    // a member without an id but with a display is named by userName (group push that may provision, docs/PROVISIONING.md §1.7)
    assert.deepEqual(steps({ op: 'add', path: 'members', value: [{ display: 'Babs' }] }), [
      { kind: 'add', userIds: [], newMembers: [{ userName: 'Babs', displayName: null }] },
    ]);
    rejects([{ op: 'add', path: 'members', value: [{ value: 'not-an-id' }] }], 'invalidValue', /is not a user of this organization/);
    rejects([{ op: 'add', path: 'members', value: ['x'] }], 'invalidValue', /each member must be an object/);
    rejects([{ op: 'remove', path: `members[value eq "${M1}"].value` }], 'invalidPath', /member sub-attributes cannot be changed/);
  });

  test("a malformed path is the parser's invalidPath", () => {
    rejects([{ op: 'remove', path: 'members[value eq' }], 'invalidPath', /at position/);
  });
});

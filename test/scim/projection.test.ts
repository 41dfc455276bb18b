import { test } from 'node:test';
import assert from 'node:assert/strict';
import { project, readProjection } from '../../src/scim/projection.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const resource = () => ({
  schemas: [CORE, ENTERPRISE],
  id: 'u1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', primary: true }],
  [ENTERPRISE]: { department: 'R&D', manager: { value: 'm1', displayName: 'Babbage' } },
});

test('excludedAttributes removes attributes, sub-attributes and extension attributes without changing the resource it was given', () => {
  const input = resource();
  const before = structuredClone(input);
  const out = project(input, readProjection(undefined, `name.givenName,Emails,${ENTERPRISE}:manager.displayName,${ENTERPRISE}:department,id`), CORE, [
    ENTERPRISE,
  ]);
  assert.deepEqual(out, {
    schemas: [CORE, ENTERPRISE],
    id: 'u1', // always returned
    userName: 'ada@example.com',
    name: { familyName: 'Lovelace' },
    [ENTERPRISE]: { manager: { value: 'm1' } },
  });
  assert.deepEqual(input, before);
});

test('excluding a whole extension by its URN drops it; excluding what is absent changes nothing', () => {
  const input = resource();
  assert.equal(project(input, readProjection(undefined, ENTERPRISE), CORE, [ENTERPRISE])[ENTERPRISE], undefined);
  assert.deepEqual(project(input, readProjection(undefined, 'groups,nickName,name.middleName'), CORE, [ENTERPRISE]), resource());
});

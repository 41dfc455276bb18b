import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, ScimParseError } from '../../src/scim/filter-parser.js';
import { parsePatchPath, type PatchPath } from '../../src/scim/path-parser.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Asserts that `input` is rejected with an invalidPath ScimParseError and returns it. */
function rejects(input: string): ScimParseError {
  try {
    parsePatchPath(input);
  } catch (err) {
    assert.ok(err instanceof ScimParseError, `${JSON.stringify(input)} threw ${String(err)}`);
    assert.equal(err.scimType, 'invalidPath');
    assert.ok(err.position >= 0 && err.position <= input.length, `position ${err.position} in ${JSON.stringify(input)}`);
    assert.match(err.message, new RegExp(`at position ${err.position}\\b`));
    return err;
  }
  assert.fail(`${JSON.stringify(input)} was accepted`);
}

describe('parsePatchPath: accepted paths', () => {
  const accepted: Array<[string, PatchPath]> = [
    ['active', { attr: 'active' }],
    ['name.familyName', { attr: 'name', subAttr: 'familyName' }],
    ['emails[type eq "work"].value', { attr: 'emails', filter: { op: 'eq', path: { attr: 'type' }, value: 'work' }, subAttr: 'value' }],
    ['members[value eq "id"]', { attr: 'members', filter: { op: 'eq', path: { attr: 'value' }, value: 'id' } }],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      { attr: 'members', filter: { op: 'eq', path: { attr: 'value' }, value: '2819c223-7f76-453a-919d-413861904646' } },
    ],
    ['addresses[type eq "work"].locality', { attr: 'addresses', filter: { op: 'eq', path: { attr: 'type' }, value: 'work' }, subAttr: 'locality' }],
    [`${ENTERPRISE}:department`, { schema: ENTERPRISE, attr: 'department' }],
    [`${ENTERPRISE}:manager`, { schema: ENTERPRISE, attr: 'manager' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, attr: 'manager', subAttr: 'value' }],
    [`${CORE_USER}:name.givenName`, { schema: CORE_USER, attr: 'name', subAttr: 'givenName' }],
    [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, attr: 'employeeNumber' }],
    [
      'emails[type eq "work" and primary eq true].value',
      {
        attr: 'emails',
        filter: { op: 'and', left: { op: 'eq', path: { attr: 'type' }, value: 'work' }, right: { op: 'eq', path: { attr: 'primary' }, value: true } },
        subAttr: 'value',
      },
    ],
    ['members[not (value eq "x")]', { attr: 'members', filter: { op: 'not', filter: { op: 'eq', path: { attr: 'value' }, value: 'x' } } }],
    ['members.$ref', { attr: 'members', subAttr: '$ref' }],
    ['members[value eq "x"].$ref', { attr: 'members', filter: { op: 'eq', path: { attr: 'value' }, value: 'x' }, subAttr: '$ref' }],
    [
      `${CORE_USER}:emails[type eq "work"].value`,
      { schema: CORE_USER, attr: 'emails', filter: { op: 'eq', path: { attr: 'type' }, value: 'work' }, subAttr: 'value' },
    ],
    // keywords are only keywords inside the filter; as path names they are ordinary attributes
    ['not', { attr: 'not' }],
    // whitespace around the path and between tokens is ignored
    ['  active  ', { attr: 'active' }],
    ['emails[ type  EQ "work" ].value', { attr: 'emails', filter: { op: 'eq', path: { attr: 'type' }, value: 'work' }, subAttr: 'value' }],
  ];
  for (const [input, expected] of accepted) {
    test(input, () => assert.deepEqual(parsePatchPath(input), expected));
  }

  test('absent parts are absent keys, not undefined values', () => {
    assert.deepEqual(Object.keys(parsePatchPath('active')), ['attr']);
    assert.deepEqual(Object.keys(parsePatchPath(`${ENTERPRISE}:manager.value`)).sort(), ['attr', 'schema', 'subAttr']);
    assert.deepEqual(Object.keys(parsePatchPath('members[value eq "x"]')).sort(), ['attr', 'filter']);
  });
});

describe('parsePatchPath: invalid paths', () => {
  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'whitespace only'],
    ['\t\n', 'whitespace only (tabs/newlines)'],
    ['active x', 'trailing word'],
    ['active]', 'stray closing bracket'],
    ['active)', 'stray closing parenthesis'],
    ['(active)', 'parenthesised path'],
    ['"active"', 'quoted path'],
    ['emails[]', 'empty brackets'],
    ['emails[ ]', 'blank brackets'],
    ['emails[type eq "work"]x', 'garbage after brackets'],
    ['emails[type eq "work"]"x"', 'string after brackets'],
    ['emails[type eq "work"].', 'dot without sub-attribute'],
    ['emails[type eq "work"].value.x', 'two sub-attributes after brackets'],
    ['emails[type eq "work"].1x', 'invalid sub-attribute after brackets'],
    ['emails[type eq "work"][primary eq true]', 'two bracket filters'],
    ['emails[type eq "work"].value[x pr]', 'brackets after sub-attribute'],
    ['emails[type eq "work"', 'unclosed bracket'],
    ['emails[type eq "work"]]', 'extra closing bracket'],
    ['emails]', 'closing bracket without opening'],
    ['emails[type eq work]', 'bare word value inside brackets'],
    ['emails[type eq "work]', 'unterminated string inside brackets'],
    ['emails[type eq]', 'missing value inside brackets'],
    ['emails[type[value pr]]', 'nested brackets'],
    ['emails[type eq "work" and]', 'trailing and inside brackets'],
    ['emails[value.x eq 1]', 'dotted path inside brackets'],
    ['name.familyName[value pr]', 'brackets after a sub-attribute'],
    ['a.b.c', 'two levels of sub-attribute'],
    ['name.', 'empty sub-attribute'],
    ['.name', 'empty attribute'],
    ['1name', 'attribute starting with a digit'],
    ['na me', 'space inside a name'],
    ['$ref', '$ref as a top-level attribute'],
    [`${ENTERPRISE}:`, 'URN without attribute'],
    ['urn:', 'bare urn:'],
    ['foo:bar', 'prefix that is not a URN'],
    [`${ENTERPRISE}:manager.value.x`, 'two levels after a URN'],
    ['emails[type eq "work"] and x pr', 'a filter expression is not a path'],
    ['userName eq "x"', 'a filter is not a path'],
  ];
  for (const [input, why] of invalid) {
    test(`${why}: ${JSON.stringify(input)}`, () => {
      rejects(input);
    });
  }

  test('errors say where: garbage after "]"', () => {
    const err = rejects('emails[type eq "work"]x');
    assert.equal(err.position, 22);
    assert.match(err.message, /after "\]" at position 22/);
  });

  test('a malformed filter inside the brackets is invalidPath, positioned in the whole path', () => {
    const err = rejects('emails[type xx "work"]');
    assert.equal(err.scimType, 'invalidPath');
    assert.equal(err.position, 12);
    assert.match(err.message, /^expected a comparison operator after "type" at position 12/);
  });

  test('limits apply to paths too', () => {
    rejects('a'.repeat(MAX_FILTER_LENGTH + 1));
    rejects('emails[' + '('.repeat(100_000));
    const nested = (n: number) => 'emails[' + '('.repeat(n) + 'a pr' + ')'.repeat(n) + ']';
    assert.equal(parsePatchPath(nested(MAX_FILTER_DEPTH - 1)).attr, 'emails');
    rejects(nested(MAX_FILTER_DEPTH));
  });

  test('a non-string argument (e.g. "path": 5 in the JSON body) is a ScimParseError', () => {
    for (const bad of [undefined, null, 5, true, {}, ['active']]) {
      assert.throws(
        () => parsePatchPath(bad as unknown as string),
        (err: unknown) => err instanceof ScimParseError && err.scimType === 'invalidPath',
      );
    }
  });
});

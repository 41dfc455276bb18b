import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/scim/filter-parser.js';
import { evaluateFilter, getCaseInsensitive, type FilterEvalOptions } from '../../src/scim/filter-eval.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const matches = (filter: string, target: unknown, options?: FilterEvalOptions) => evaluateFilter(parseFilter(filter), target, options);

function expectAll(target: unknown, cases: Array<[filter: string, expected: boolean]>, options?: FilterEvalOptions): void {
  for (const [filter, expected] of cases) assert.equal(matches(filter, target, options), expected, `${filter} on ${JSON.stringify(target)}`);
}

const email = { value: 'Babs@Example.com', type: 'work', primary: true, display: '' };
const memberExact: FilterEvalOptions = { caseExact: (name) => name.toLowerCase() === 'value' };

describe('evaluateFilter: comparison operators on one element', () => {
  test('eq and ne', () => {
    expectAll(email, [
      ['type eq "work"', true],
      ['type eq "home"', false],
      ['type ne "home"', true],
      ['type ne "work"', false],
      ['value eq "babs@example.com"', true],
      ['primary eq true', true],
      ['primary eq false', false],
      ['primary ne false', true],
    ]);
  });

  test('co, sw and ew', () => {
    expectAll(email, [
      ['value co "@example"', true],
      ['value co "@EXAMPLE.COM"', true],
      ['value co "@example.org"', false],
      ['value sw "babs"', true],
      ['value sw "example"', false],
      ['value ew ".COM"', true],
      ['value ew "babs"', false],
      ['value co ""', true],
    ]);
  });

  test('gt, ge, lt and le on strings compare ignoring case', () => {
    expectAll({ name: 'Mango' }, [
      ['name gt "apple"', true],
      ['name gt "mango"', false],
      ['name ge "MANGO"', true],
      ['name lt "zebra"', true],
      ['name lt "Mango"', false],
      ['name le "mango"', true],
      ['name le "apple"', false],
    ]);
  });

  test('numbers compare numerically and only with numbers', () => {
    expectAll({ n: 10, s: '10' }, [
      ['n eq 10', true],
      ['n eq 10.0', true],
      ['n ne 9', true],
      ['n gt 9', true],
      ['n gt 10', false],
      ['n ge 10', true],
      ['n lt 100', true],
      ['n le 9.5', false],
      ['n co 1', false],
      ['s eq 10', false],
      ['s gt 9', false],
      ['n eq "10"', false],
    ]);
  });

  test('dateTimes compare chronologically', () => {
    const meta = { lastModified: '2011-05-13T04:42:34Z', created: '2011-05-13T06:42:34+02:00' };
    expectAll(meta, [
      ['lastModified eq "2011-05-13T04:42:34.000Z"', true],
      ['lastModified gt "2011-05-13T04:42:33Z"', true],
      ['lastModified ge "2011-05-13T04:42:34Z"', true],
      ['lastModified lt "2011-05-13T04:42:34Z"', false],
      ['lastModified le "2011-05-13T04:42:34Z"', true],
      ['lastModified lt "2012-01-01T00:00:00Z"', true],
      // the same instant written with an offset
      ['created eq "2011-05-13T04:42:34Z"', true],
      ['created gt "2011-05-13T05:00:00Z"', false],
    ]);
  });

  test('dateTimes without an offset are UTC, a date alone midnight UTC (as custom DATETIME values are stored: src/shared/datetime.ts)', () => {
    const custom = { hired: '2024-05-01T12:00:00.000Z', day: '2024-06-01T00:00:00.000Z' };
    expectAll(custom, [
      ['hired eq "2024-05-01T12:00"', true],
      ['hired eq "2024-05-01T12:00:00"', true],
      ['hired eq "2024-05-01T14:00+02:00"', true],
      ['hired gt "2024-05-01T11:59"', true],
      ['hired lt "2024-05-01T12:00"', false],
      ['day eq "2024-06-01"', true],
      ['day sw "2024-06-01T"', true],
    ]);
  });

  test('pr: present and non-empty', () => {
    const target = { a: 'x', empty: '', nul: null, f: false, zero: 0, list: [], nulls: [null], obj: {}, nested: { x: null }, full: { x: 1 } };
    expectAll(target, [
      ['a pr', true],
      ['empty pr', false],
      ['nul pr', false],
      ['missing pr', false],
      ['f pr', true],
      ['zero pr', true],
      ['list pr', false],
      ['nulls pr', false],
      ['obj pr', false],
      ['nested pr', false],
      ['full pr', true],
    ]);
  });
});

describe('evaluateFilter: logical operators', () => {
  test('and, or, not and grouping', () => {
    expectAll(email, [
      ['type eq "work" and primary eq true', true],
      ['type eq "work" and primary eq false', false],
      ['type eq "home" or primary eq true', true],
      ['type eq "home" or primary eq false', false],
      ['not (type eq "home")', true],
      ['not (type eq "work")', false],
      ['not (type eq "home" or value ew ".org")', true],
      ['type eq "home" or (value co "babs" and not (primary eq false))', true],
      ['(type eq "home" or value co "babs") and primary eq false', false],
    ]);
  });
});

describe('evaluateFilter: case rules', () => {
  test('attribute names match ignoring case', () => {
    expectAll(email, [
      ['TYPE eq "work"', true],
      ['Value sw "babs"', true],
      ['PRIMARY eq true', true],
    ]);
    assert.equal(getCaseInsensitive({ Type: 'a', type: 'b' }, 'type'), 'b', 'an exact-case key wins');
    assert.equal(getCaseInsensitive({ Type: 'a' }, 'TYPE'), 'a');
    assert.equal(getCaseInsensitive('not an object', 'type'), undefined);
  });

  test('string values match ignoring case unless the attribute is case-exact', () => {
    const member = { value: 'AbC-123', display: 'Babs Jensen' };
    expectAll(member, [
      ['value eq "abc-123"', true],
      ['display eq "BABS JENSEN"', true],
    ]);
    expectAll(
      member,
      [
        ['value eq "abc-123"', false],
        ['value eq "AbC-123"', true],
        ['value ne "abc-123"', true],
        ['value sw "abc"', false],
        ['value co "C-1"', true],
        ['value gt "B"', false],
        ['VALUE eq "AbC-123"', true],
        // other attributes still ignore case
        ['display eq "BABS JENSEN"', true],
      ],
      memberExact,
    );
  });

  test('caseExact receives the dotted attribute path as written', () => {
    const seen: string[] = [];
    const record: FilterEvalOptions = {
      caseExact: (name) => {
        seen.push(name);
        return false;
      },
    };
    const user = { userName: 'b', emails: [{ value: 'a@x' }], name: { givenName: 'B' }, [ENTERPRISE]: { employeeNumber: '1' } };
    matches(
      `userName eq "b" and emails[Value eq "a@x"] and name.givenName eq "b" and emails.value eq "a@x" and ${ENTERPRISE}:employeeNumber eq "1"`,
      user,
      record,
    );
    assert.deepEqual(seen, ['userName', 'emails.Value', 'name.givenName', 'emails.value', `${ENTERPRISE}:employeeNumber`]);
  });
});

describe('evaluateFilter: types and missing attributes', () => {
  test('booleans compare only with booleans', () => {
    expectAll({ active: false, text: 'true' }, [
      ['active eq false', true],
      ['active eq true', false],
      ['active ne true', true],
      ['text eq true', false],
      ['text ne true', true],
      ['active eq "false"', false],
    ]);
  });

  test('missing and null attributes', () => {
    const target = { present: 'x', nul: null };
    expectAll(target, [
      ['missing eq "x"', false],
      ['missing ne "x"', true],
      ['missing co "x"', false],
      ['missing sw "x"', false],
      ['missing gt "a"', false],
      ['missing le "z"', false],
      ['missing eq null', true],
      ['missing ne null', false],
      ['nul eq null', true],
      ['nul ne null', false],
      ['present eq null', false],
      ['present ne null', true],
      ['not (missing eq "x")', true],
    ]);
  });

  test('a non-object target matches only "missing" comparisons', () => {
    for (const target of [null, undefined, 'text', 42, ['a']]) {
      assert.equal(matches('value eq "a"', target), false, JSON.stringify(target));
      assert.equal(matches('value ne "a"', target), true, JSON.stringify(target));
      assert.equal(matches('value pr', target), false, JSON.stringify(target));
    }
  });
});

describe('evaluateFilter: multi-valued, complex and extension attributes', () => {
  const user = {
    userName: 'bjensen',
    userType: 'Employee',
    name: { givenName: 'Barbara', familyName: "O'Malley" },
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'Boss-1', displayName: 'Boss' } },
  };

  test('RFC 7644 §3.4.2.2 example filters', () => {
    expectAll(user, [
      ['userName eq "bjensen"', true],
      [`name.familyName co "O'Malley"`, true],
      ['userName sw "J"', false],
      ['userName sw "B"', true],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "B"', true],
      ['title pr', false],
      ['title pr or userType eq "Employee"', true],
      [`schemas eq "${ENTERPRISE}"`, true],
      ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
      ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
      ['userType eq "Employee" and (emails.type eq "work")', true],
      ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
      ['emails[type eq "home" and value co "@example.com"]', false],
      ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
    ]);
  });

  test('a multi-valued attribute matches when any value matches', () => {
    expectAll(user, [
      ['emails.type eq "home"', true],
      ['emails.type eq "other"', false],
      ['emails.type ne "home"', false],
      ['emails.primary eq true', true],
      ['emails pr', true],
      ['emails.display pr', false],
      ['emails eq "BABS@jensen.org"', true],
      ['emails[primary eq true and type eq "home"]', false],
      ['emails[not (primary pr)]', true],
    ]);
  });

  test('extension attributes by URN path', () => {
    expectAll(user, [
      [`${ENTERPRISE}:employeeNumber eq "701984"`, true],
      [`${ENTERPRISE}:employeeNumber eq "1"`, false],
      [`${ENTERPRISE}:manager.value eq "boss-1"`, true],
      [`${ENTERPRISE}:manager eq "boss-1"`, true],
      [`${ENTERPRISE}:manager.displayName sw "B"`, true],
    ]);
    assert.equal(matches(`${ENTERPRISE}:manager.value eq "boss-1"`, user, { caseExact: (n) => n.toLowerCase().endsWith('manager.value') }), false);
  });

  test('does not mutate the target', () => {
    const frozen = structuredClone(user);
    deepFreeze(frozen);
    assert.equal(matches('emails[type eq "work"] and name.givenName pr', frozen), true);
    assert.deepEqual(frozen, user);
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttrPath, CompareOp, CompareValue, FilterNode } from '../../src/scim/filter-ast.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, ScimParseError, parseFilter } from '../../src/scim/filter-parser.js';

// Small AST builders so the expected trees below read like the filters they describe.
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

function path(attr: string, subAttr?: string, schema?: string): AttrPath {
  const p: AttrPath = schema === undefined ? { attr } : { schema, attr };
  if (subAttr !== undefined) p.subAttr = subAttr;
  return p;
}
const cmp = (op: CompareOp, p: AttrPath, value: CompareValue): FilterNode => ({ op, path: p, value });
const pr = (p: AttrPath): FilterNode => ({ op: 'pr', path: p });
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ op: 'and', left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ op: 'or', left, right });
const not = (filter: FilterNode): FilterNode => ({ op: 'not', filter });
const valuePath = (p: AttrPath, filter: FilterNode): FilterNode => ({ op: 'valuePath', path: p, filter });

/** Asserts that `input` is rejected with an invalidFilter ScimParseError and returns it. */
function rejects(input: string): ScimParseError {
  try {
    parseFilter(input);
  } catch (err) {
    assert.ok(err instanceof ScimParseError, `${JSON.stringify(input)} threw ${String(err)}`);
    assert.equal(err.scimType, 'invalidFilter');
    assert.equal(err.name, 'ScimParseError');
    assert.ok(err.position >= 0 && err.position <= input.length, `position ${err.position} in ${JSON.stringify(input)}`);
    assert.match(err.message, new RegExp(`at position ${err.position}\\b`));
    return err;
  }
  assert.fail(`${JSON.stringify(input)} was accepted`);
}

describe('parseFilter: RFC 7644 §3.4.2.2 examples', () => {
  const examples: Array<[string, FilterNode]> = [
    ['userName eq "bjensen"', cmp('eq', path('userName'), 'bjensen')],
    [`name.familyName co "O'Malley"`, cmp('co', path('name', 'familyName'), "O'Malley")],
    ['userName sw "J"', cmp('sw', path('userName'), 'J')],
    [`${CORE_USER}:userName sw "J"`, cmp('sw', path('userName', undefined, CORE_USER), 'J')],
    ['title pr', pr(path('title'))],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp('gt', path('meta', 'lastModified'), '2011-05-13T04:42:34Z')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp('ge', path('meta', 'lastModified'), '2011-05-13T04:42:34Z')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp('lt', path('meta', 'lastModified'), '2011-05-13T04:42:34Z')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp('le', path('meta', 'lastModified'), '2011-05-13T04:42:34Z')],
    ['title pr and userType eq "Employee"', and(pr(path('title')), cmp('eq', path('userType'), 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr(path('title')), cmp('eq', path('userType'), 'Intern'))],
    [`schemas eq "${ENTERPRISE}"`, cmp('eq', path('schemas'), ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp('eq', path('userType'), 'Employee'), or(cmp('co', path('emails'), 'example.com'), cmp('co', path('emails', 'value'), 'example.org'))),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(cmp('ne', path('userType'), 'Employee'), not(or(cmp('co', path('emails'), 'example.com'), cmp('co', path('emails', 'value'), 'example.org')))),
    ],
    ['userType eq "Employee" and (emails.type eq "work")', and(cmp('eq', path('userType'), 'Employee'), cmp('eq', path('emails', 'type'), 'work'))],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp('eq', path('userType'), 'Employee'), valuePath(path('emails'), and(cmp('eq', path('type'), 'work'), cmp('co', path('value'), '@example.com')))),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        valuePath(path('emails'), and(cmp('eq', path('type'), 'work'), cmp('co', path('value'), '@example.com'))),
        valuePath(path('ims'), and(cmp('eq', path('type'), 'xmpp'), cmp('co', path('value'), '@foo.com'))),
      ),
    ],
  ];
  for (const [input, expected] of examples) {
    test(input, () => assert.deepEqual(parseFilter(input), expected));
  }
});

describe('parseFilter: identity provider filters', () => {
  test('Okta: userName eq an email address', () => {
    assert.deepEqual(parseFilter('userName eq "x@example.com"'), cmp('eq', path('userName'), 'x@example.com'));
  });

  test('Entra ID: externalId eq a GUID, and displayName eq for groups', () => {
    assert.deepEqual(
      parseFilter('externalId eq "f3d2a8b6-4c1e-4e9a-9a3e-7b1c2d3e4f50"'),
      cmp('eq', path('externalId'), 'f3d2a8b6-4c1e-4e9a-9a3e-7b1c2d3e4f50'),
    );
    assert.deepEqual(parseFilter('displayName eq "Sales Team"'), cmp('eq', path('displayName'), 'Sales Team'));
  });

  test('members filter by value (group membership checks)', () => {
    assert.deepEqual(
      parseFilter('members[value eq "2819c223-7f76-453a-919d-413861904646"]'),
      valuePath(path('members'), cmp('eq', path('value'), '2819c223-7f76-453a-919d-413861904646')),
    );
  });

  test('enterprise extension attributes with URN prefix, including a sub-attribute after the "2.0" dot', () => {
    assert.deepEqual(parseFilter(`${ENTERPRISE}:employeeNumber eq "701984"`), cmp('eq', path('employeeNumber', undefined, ENTERPRISE), '701984'));
    assert.deepEqual(
      parseFilter(`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`),
      cmp('eq', path('manager', 'value', ENTERPRISE), '26118915-6090-4610-87e4-49d8ca9f808d'),
    );
    assert.deepEqual(parseFilter(`${CORE_USER}:name.familyName pr`), pr(path('name', 'familyName', CORE_USER)));
  });

  test('a URN-prefixed attribute can carry a [...] filter', () => {
    assert.deepEqual(parseFilter(`${CORE_USER}:emails[type eq "work"]`), valuePath(path('emails', undefined, CORE_USER), cmp('eq', path('type'), 'work')));
  });

  test('members.$ref and members[$ref ...]', () => {
    assert.deepEqual(parseFilter('members.$ref pr'), pr(path('members', '$ref')));
    assert.deepEqual(parseFilter('members[$ref eq "https://x/Users/1"]'), valuePath(path('members'), cmp('eq', path('$ref'), 'https://x/Users/1')));
  });
});

describe('parseFilter: precedence and associativity', () => {
  const a = cmp('eq', path('a'), 1);
  const b = cmp('eq', path('b'), 2);
  const c = cmp('eq', path('c'), 3);
  const d = cmp('eq', path('d'), 4);

  test('and binds tighter than or', () => {
    assert.deepEqual(parseFilter('a eq 1 or b eq 2 and c eq 3'), or(a, and(b, c)));
    assert.deepEqual(parseFilter('a eq 1 and b eq 2 or c eq 3'), or(and(a, b), c));
    assert.deepEqual(parseFilter('a eq 1 and b eq 2 or c eq 3 and d eq 4'), or(and(a, b), and(c, d)));
  });

  test('and and or associate to the left', () => {
    assert.deepEqual(parseFilter('a eq 1 and b eq 2 and c eq 3'), and(and(a, b), c));
    assert.deepEqual(parseFilter('a eq 1 or b eq 2 or c eq 3'), or(or(a, b), c));
  });

  test('parentheses override precedence and do not appear in the AST', () => {
    assert.deepEqual(parseFilter('(a eq 1 or b eq 2) and c eq 3'), and(or(a, b), c));
    assert.deepEqual(parseFilter('a eq 1 and (b eq 2 and c eq 3)'), and(a, and(b, c)));
    assert.deepEqual(parseFilter('((((a eq 1))))'), a);
  });

  test('not applies to its parenthesised group only', () => {
    assert.deepEqual(parseFilter('not (a eq 1) and b eq 2'), and(not(a), b));
    assert.deepEqual(parseFilter('not (a eq 1 or b eq 2)'), not(or(a, b)));
    assert.deepEqual(parseFilter('not (not (a eq 1))'), not(not(a)));
    assert.deepEqual(parseFilter('not(a eq 1)'), not(a));
  });

  test('inside brackets: and/or/not/parentheses work the same way', () => {
    assert.deepEqual(
      parseFilter('emails[type eq "work" or type eq "home" and not (primary eq true)]'),
      valuePath(path('emails'), or(cmp('eq', path('type'), 'work'), and(cmp('eq', path('type'), 'home'), not(cmp('eq', path('primary'), true))))),
    );
  });

  test('a [...] filter combines with the outer and/or/not', () => {
    assert.deepEqual(
      parseFilter('emails[type eq "work"] and userName sw "a"'),
      and(valuePath(path('emails'), cmp('eq', path('type'), 'work')), cmp('sw', path('userName'), 'a')),
    );
    assert.deepEqual(parseFilter('not (emails[type eq "work"])'), not(valuePath(path('emails'), cmp('eq', path('type'), 'work'))));
  });
});

describe('parseFilter: case, whitespace and values', () => {
  test('operators and keywords are case-insensitive; names keep their spelling', () => {
    assert.deepEqual(parseFilter('userName EQ "x"'), cmp('eq', path('userName'), 'x'));
    assert.deepEqual(parseFilter('UserName Eq "x"'), cmp('eq', path('UserName'), 'x'));
    assert.deepEqual(parseFilter('a eq 1 AND b Eq 2 Or NOT (c PR)'), or(and(cmp('eq', path('a'), 1), cmp('eq', path('b'), 2)), not(pr(path('c')))));
    for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const) {
      assert.deepEqual(parseFilter(`x ${op.toUpperCase()} "v"`), cmp(op, path('x'), 'v'));
    }
    assert.deepEqual(
      parseFilter('a eq TRUE or b eq False or c eq NULL'),
      or(or(cmp('eq', path('a'), true), cmp('eq', path('b'), false)), cmp('eq', path('c'), null)),
    );
  });

  test('extra spaces, tabs and newlines are allowed between tokens and inside brackets', () => {
    const expected = and(cmp('eq', path('a'), 'x'), valuePath(path('emails'), cmp('eq', path('type'), 'work')));
    assert.deepEqual(parseFilter('  a   eq\t"x"  and\temails[ type  eq  "work" ]  '), expected);
    assert.deepEqual(parseFilter('a eq "x"\nand\r\nemails[type eq "work"]'), expected);
    assert.deepEqual(parseFilter('( a eq "x" )'), cmp('eq', path('a'), 'x'));
  });

  test('JSON string escapes', () => {
    assert.equal(valueOf('a eq "say \\"hi\\""'), 'say "hi"');
    assert.equal(valueOf('a eq "back\\\\slash"'), 'back\\slash');
    assert.equal(valueOf('a eq "\\/\\b\\f\\n\\r\\t"'), '/\b\f\n\r\t');
    assert.equal(valueOf('a eq "caf\\u00e9 \\u00E9"'), 'café é');
    assert.equal(valueOf('a eq "\\ud83d\\ude00"'), '😀');
    assert.equal(valueOf('a eq "raw unicode: 日本 😀"'), 'raw unicode: 日本 😀');
    assert.equal(valueOf('a eq ""'), '');
    assert.equal(valueOf('a eq "(not) [a] filter and or"'), '(not) [a] filter and or');
  });

  test('numbers: integers, decimals, negatives, exponents', () => {
    assert.equal(valueOf('a eq 0'), 0);
    assert.equal(valueOf('a eq 42'), 42);
    assert.equal(valueOf('a eq -7'), -7);
    assert.equal(valueOf('a gt 3.25'), 3.25);
    assert.equal(valueOf('a lt -0.5'), -0.5);
    assert.equal(valueOf('a ge 1e3'), 1000);
    assert.equal(valueOf('a le 2.5E-2'), 0.025);
    assert.equal(valueOf('a eq 1e+2'), 100);
  });

  test('booleans and null', () => {
    assert.equal(valueOf('active eq true'), true);
    assert.equal(valueOf('active ne false'), false);
    assert.equal(valueOf('nickName eq null'), null);
  });

  test('missing spaces next to quotes, brackets and parentheses are tolerated', () => {
    assert.deepEqual(parseFilter('(a eq"x")and(b pr)'), and(cmp('eq', path('a'), 'x'), pr(path('b'))));
  });
});

function valueOf(filter: string): CompareValue {
  const node = parseFilter(filter);
  assert.ok('value' in node, `${filter} has no value`);
  return node.value;
}

describe('parseFilter: limits', () => {
  test(`accepts ${MAX_FILTER_DEPTH} nesting levels and rejects ${MAX_FILTER_DEPTH + 1}`, () => {
    const nest = (n: number) => '('.repeat(n) + 'a pr' + ')'.repeat(n);
    assert.deepEqual(parseFilter(nest(MAX_FILTER_DEPTH)), pr(path('a')));
    assert.match(rejects(nest(MAX_FILTER_DEPTH + 1)).message, /deeper than 32 levels/);
    const nots = (n: number) => 'not ('.repeat(n) + 'a pr' + ')'.repeat(n);
    assert.equal(parseFilter(nots(MAX_FILTER_DEPTH)).op, 'not');
    rejects(nots(MAX_FILTER_DEPTH + 1));
    // brackets count as a level too
    assert.equal(parseFilter('('.repeat(MAX_FILTER_DEPTH - 1) + 'e[a pr]' + ')'.repeat(MAX_FILTER_DEPTH - 1)).op, 'valuePath');
    rejects('('.repeat(MAX_FILTER_DEPTH) + 'e[a pr]' + ')'.repeat(MAX_FILTER_DEPTH));
  });

  test(`accepts ${MAX_FILTER_LENGTH} characters and rejects one more`, () => {
    const base = 'a eq "';
    const exact = base + 'x'.repeat(MAX_FILTER_LENGTH - base.length - 1) + '"';
    assert.equal(exact.length, MAX_FILTER_LENGTH);
    assert.equal(valueOf(exact), 'x'.repeat(MAX_FILTER_LENGTH - base.length - 1));
    const err = rejects(exact + ' ');
    assert.equal(err.position, MAX_FILTER_LENGTH);
    assert.match(err.message, /longer than 4096/);
  });

  test('100,000 opening parentheses fail fast with a ScimParseError, not a stack overflow', () => {
    rejects('('.repeat(100_000));
    rejects('('.repeat(MAX_FILTER_LENGTH));
    rejects('not ('.repeat(800));
    rejects('a['.repeat(2000));
  });

  test('a long and/or chain parses quickly (linear time)', () => {
    const terms: string[] = [];
    for (let i = 0; terms.join(' or ').length < MAX_FILTER_LENGTH - 40; i++) terms.push(`a${i} eq "v${i}" and b pr`);
    const filter = terms.join(' or ');
    const start = performance.now();
    for (let i = 0; i < 200; i++) parseFilter(filter);
    const perParse = (performance.now() - start) / 200;
    // generous bound for slow CI machines; typically ~0.1 ms
    assert.ok(perParse < 5, `${perParse.toFixed(3)} ms per parse`);
  });
});

describe('parseFilter: error messages name the problem and its position', () => {
  test('missing comparison operator', () => {
    const err = rejects('userName xyz "x"');
    assert.equal(err.position, 9);
    assert.match(err.message, /^expected a comparison operator after "userName" at position 9/);
  });

  test('unterminated string points at the opening quote', () => {
    const err = rejects('userName eq "bjensen');
    assert.equal(err.position, 12);
    assert.match(err.message, /unterminated string/);
  });

  test('trailing operator points at the end of input', () => {
    const err = rejects('userName eq "x" and');
    assert.equal(err.position, 19);
    assert.match(err.message, /expected an attribute name/);
  });

  test('unclosed bracket names where it was opened', () => {
    assert.match(rejects('emails[type eq "work"').message, /"\[" at position 6 is not closed/);
  });

  test('bare word value', () => {
    const err = rejects('userName eq bjensen');
    assert.equal(err.position, 12);
    assert.match(err.message, /expected a value/);
  });

  test('pr with a value', () => {
    assert.match(rejects('title pr "x"').message, /"pr" takes no value/);
  });
});

describe('parseFilter: invalid filters', () => {
  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['   \t ', 'whitespace only'],
    ['userName', 'attribute alone'],
    ['userName eq', 'missing value'],
    ['userName eq "x', 'unterminated string'],
    ['userName eq "x\\"', 'escaped closing quote leaves string unterminated'],
    ['userName eq bjensen', 'bare word value'],
    ["userName eq 'x'", 'single-quoted value'],
    ['userName eq "x" and', 'trailing and'],
    ['userName eq "x" or', 'trailing or'],
    ['and userName eq "x"', 'leading and'],
    ['userName eq "x" and and b pr', 'doubled and'],
    ['userName eq "x" b pr', 'missing logical operator'],
    ['userName eq "x" "y"', 'two values'],
    ['userName === "x"', 'unknown operator'],
    ['userName equals "x"', 'unknown operator word'],
    ['title pr "x"', 'pr with a value'],
    ['title pr true', 'pr with a literal'],
    ['not userName eq "x"', 'not without parentheses'],
    ['not', 'not alone'],
    ['not ()', 'not with empty group'],
    ['()', 'empty parentheses'],
    ['(userName eq "x"', 'unclosed parenthesis'],
    ['userName eq "x")', 'unbalanced closing parenthesis'],
    [')', 'lone closing parenthesis'],
    ['emails[type eq "work"', 'unclosed bracket'],
    ['emails[type eq "work"]]', 'extra closing bracket'],
    ['emails[]', 'empty brackets'],
    ['emails[type eq "work"].value', 'sub-attribute after brackets without a comparison'],
    ['emails[type eq "work"].value.x eq "x"', 'two sub-attributes after brackets'],
    ['emails[type eq "work"].value[type pr]', 'brackets after the sub-attribute after brackets'],
    ['emails[type[value eq "x"] eq "y"]', 'nested brackets'],
    ['emails[x[y pr]]', 'nested valuePath'],
    ['emails[value.x eq "y"]', 'dotted path inside brackets'],
    [`emails[${CORE_USER}:type eq "work"]`, 'URN inside brackets'],
    ['name.givenName[value pr]', 'brackets after a sub-attribute'],
    ['[type eq "work"]', 'brackets without attribute'],
    ['a.b.c eq "x"', 'two levels of sub-attribute'],
    ['.value eq "x"', 'empty attribute name'],
    ['emails. eq "x"', 'empty sub-attribute name'],
    ['1abc eq "x"', 'attribute starting with a digit'],
    ['user$name eq "x"', 'invalid character in attribute'],
    ['$ref eq "x"', '$ref as a top-level attribute'],
    ['ü eq "x"', 'non-ASCII attribute'],
    ['urn:ietf:params:scim:schemas:core:2.0:User: eq "x"', 'URN without attribute'],
    ['foo:userName eq "x"', 'prefix that is not a URN'],
    ['urn::x:userName eq "x"', 'URN with an empty segment'],
    ['a eq 01', 'leading zero'],
    ['a eq +1', 'plus sign'],
    ['a eq .5', 'missing integer part'],
    ['a eq 1.', 'missing fraction digits'],
    ['a eq 1e', 'missing exponent digits'],
    ['a eq 0x10', 'hex number'],
    ['a eq NaN', 'NaN'],
    ['a eq Infinity', 'Infinity'],
    ['a eq 1e400', 'number out of range'],
    ['a eq "\\x41"', 'invalid escape'],
    ['a eq "\\u12"', 'short unicode escape'],
    ['a eq "\\u12G4"', 'non-hex unicode escape'],
    ['a eq "tab\there"', 'raw control character in string'],
    ['a eq "x"\u0000', 'NUL after filter'],
    ['a gt true', 'ordering a boolean'],
    ['a co null', 'substring of null'],
    ['a eq 1 and (b eq 2', 'unclosed group after and'],
    ['a eq 1 and (b eq 2))', 'extra close after group'],
    ['((a eq 1)', 'unbalanced nested'],
    ['a eq [1]', 'array value'],
    ['a eq {"x":1}', 'object value'],
  ];
  for (const [input, why] of invalid) {
    test(`${why}: ${JSON.stringify(input)}`, () => {
      rejects(input);
    });
  }

  test('a non-string argument (unvalidated JSON) is a ScimParseError too', () => {
    for (const bad of [undefined, null, 5, {}, ['a pr']]) {
      assert.throws(
        () => parseFilter(bad as unknown as string),
        (err: unknown) => err instanceof ScimParseError && err.scimType === 'invalidFilter',
      );
    }
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter } from '../../src/scim/filter-parser.js';
import { ScimError } from '../../src/scim/scim-error.js';
import {
  groupFilterToCore,
  groupSortToCore,
  isMatchAll,
  isMatchNone,
  normalizeDateTime,
  userFilterToCore,
  userSortToCore,
} from '../../src/scim/filter-to-core.js';
import type { CustomAttr } from '../../src/scim/resource-schema.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const DEFS: CustomAttr[] = [
  { name: 'costCode', type: 'STRING', multiValued: false },
  { name: 'tags', type: 'STRING', multiValued: true },
  { name: 'level', type: 'INTEGER', multiValued: false },
  { name: 'isContractor', type: 'BOOLEAN', multiValued: false },
  { name: 'hireDate', type: 'DATETIME', multiValued: false },
];

/** What the translation refuses a filter with. */
const INVALID_FILTER = { name: 'ScimError', status: 400, scimType: 'invalidFilter' };
const ALL = {};
const NONE = { id: { in: [] } };
const ID = '0190a3c4-6f1e-7d2a-9b3c-4d5e6f708192';
const ca = (c: Record<string, unknown>) => ({ customAttributes: [c] });

const user = (filter: string) => userFilterToCore(parseFilter(filter), DEFS);
const group = (filter: string) => groupFilterToCore(parseFilter(filter));

/** [SCIM filter, expected UserFilter JSON] */
const USER_CASES: Array<[string, Record<string, unknown>]> = [
  // identity provider lookups
  ['userName eq "bjensen@example.com"', { userName: { eq: 'bjensen@example.com' } }], // Okta
  ['externalId eq "5b7e4a1c-0d3e-4a7b-9c1f-2e3d4c5b6a79"', { externalId: { eq: '5b7e4a1c-0d3e-4a7b-9c1f-2e3d4c5b6a79' } }], // Entra ID
  [`id eq "${ID}"`, { id: { eq: ID } }],
  [`id ne "${ID}"`, { not: { id: { eq: ID } } }],
  ['id pr', ALL],
  ['id eq null', NONE],
  // every text operator
  ['userName ne "x"', { userName: { ne: 'x' } }],
  ['userName co "jens"', { userName: { contains: 'jens' } }],
  ['userName sw "bj"', { userName: { startsWith: 'bj' } }],
  ['userName ew "@example.com"', { userName: { endsWith: '@example.com' } }],
  ['userName gt "m"', { userName: { gt: 'm' } }],
  ['userName ge "m"', { userName: { ge: 'm' } }],
  ['userName lt "m"', { userName: { lt: 'm' } }],
  ['userName le "m"', { userName: { le: 'm' } }],
  ['userName pr', { userName: { present: true } }],
  ['externalId eq null', { externalId: { present: false } }],
  ['externalId ne null', { externalId: { present: true } }],
  // simple core attributes
  ['displayName co "Bar"', { displayName: { contains: 'Bar' } }],
  ['nickName eq "Babs"', { nickName: { eq: 'Babs' } }],
  ['title sw "Vice"', { title: { startsWith: 'Vice' } }],
  ['userType eq "Employee"', { userType: { eq: 'Employee' } }],
  ['locale eq "en-US"', { locale: { eq: 'en-US' } }],
  ['preferredLanguage eq "en"', { preferredLanguage: { eq: 'en' } }],
  ['timezone eq "Europe/Paris"', { timezone: { eq: 'Europe/Paris' } }],
  ['profileUrl pr', { profileUrl: { present: true } }],
  // active
  ['active eq true', { active: true }],
  ['active eq false', { active: false }],
  ['active ne true', { active: false }],
  ['active ne false', { active: true }],
  ['active pr', ALL],
  ['active eq null', NONE],
  ['active ne null', ALL],
  // name
  ['name.givenName eq "Barbara"', { givenName: { eq: 'Barbara' } }],
  ['name.familyName sw "Jen"', { familyName: { startsWith: 'Jen' } }],
  ['name.middleName pr', { middleName: { present: true } }],
  ['name.honorificPrefix eq "Ms."', { honorificPrefix: { eq: 'Ms.' } }],
  ['name.honorificSuffix eq "III"', { honorificSuffix: { eq: 'III' } }],
  ['name.formatted co "Jensen"', { formattedName: { contains: 'Jensen' } }],
  ['name[givenName eq "Barbara" and familyName eq "Jensen"]', { and: [{ givenName: { eq: 'Barbara' } }, { familyName: { eq: 'Jensen' } }] }],
  // emails: the address (any of them) vs. conditions on one element
  ['emails eq "b@example.com"', { email: { eq: 'b@example.com' } }],
  ['emails.value eq "b@example.com"', { email: { eq: 'b@example.com' } }],
  ['emails co "@example.com"', { email: { contains: '@example.com' } }],
  ['emails pr', { email: { present: true } }],
  ['emails eq null', { email: { present: false } }],
  ['emails.type eq "work"', { emails: { type: { eq: 'work' } } }],
  ['emails.display co "Babs"', { emails: { display: { contains: 'Babs' } } }],
  ['emails.primary eq true', { emails: { primary: true } }],
  ['emails.primary ne true', { emails: { primary: false } }],
  ['emails.primary pr', { emails: {} }],
  ['emails[type eq "work" and value co "@example.com"]', { emails: { type: { eq: 'work' }, value: { contains: '@example.com' } } }],
  ['emails[type eq "work" and primary eq true]', { emails: { type: { eq: 'work' }, primary: true } }],
  ['emails[value sw "b" and value ew ".com"]', { emails: { value: { startsWith: 'b', endsWith: '.com' } } }],
  ['emails[type eq "work" or type eq "home"]', { or: [{ emails: { type: { eq: 'work' } } }, { emails: { type: { eq: 'home' } } }] }],
  [
    'emails[(type eq "work" or type eq "home") and value ew "@example.com"]',
    {
      or: [
        { emails: { type: { eq: 'work' }, value: { endsWith: '@example.com' } } },
        { emails: { type: { eq: 'home' }, value: { endsWith: '@example.com' } } },
      ],
    },
  ],
  ['emails[primary eq true and primary eq false]', NONE],
  ['emails[primary eq null]', NONE],
  ['emails[type eq "work" and type eq "work"]', { emails: { type: { eq: 'work' } } }],
  // phone numbers and addresses: always one element
  ['phoneNumbers eq "+1 555 0100"', { phoneNumbers: { value: { eq: '+1 555 0100' } } }],
  ['phoneNumbers.value sw "+33"', { phoneNumbers: { value: { startsWith: '+33' } } }],
  ['phoneNumbers.type eq "mobile"', { phoneNumbers: { type: { eq: 'mobile' } } }],
  ['phoneNumbers pr', { phoneNumbers: { value: { present: true } } }],
  ['phoneNumbers[type eq "mobile" and value sw "+33"]', { phoneNumbers: { type: { eq: 'mobile' }, value: { startsWith: '+33' } } }],
  ['addresses.locality eq "Paris"', { addresses: { locality: { eq: 'Paris' } } }],
  ['addresses.streetAddress co "Main"', { addresses: { streetAddress: { contains: 'Main' } } }],
  ['addresses.postalCode sw "75"', { addresses: { postalCode: { startsWith: '75' } } }],
  ['addresses.country eq "FR"', { addresses: { country: { eq: 'FR' } } }],
  ['addresses.region eq "IDF"', { addresses: { region: { eq: 'IDF' } } }],
  ['addresses.formatted pr', { addresses: { formatted: { present: true } } }],
  ['addresses.primary eq true', { addresses: { primary: true } }],
  ['addresses[type eq "work" and locality eq "Paris"]', { addresses: { type: { eq: 'work' }, locality: { eq: 'Paris' } } }],
  ['addresses pr', { addresses: {} }],
  ['addresses eq null', { not: { addresses: {} } }],
  // groups
  [`groups eq "${ID}"`, { groupId: ID }],
  [`groups.value eq "${ID}"`, { groupId: ID }],
  [`groups ne "${ID}"`, { not: { groupId: ID } }],
  [`groups[value eq "${ID}"]`, { groupId: ID }],
  [`groups[value eq "${ID}" or value eq "g2"]`, { or: [{ groupId: ID }, { groupId: 'g2' }] }],
  // meta
  ['meta.created gt "2024-01-01T00:00:00Z"', { createdAt: { gt: '2024-01-01T00:00:00.000Z' } }],
  ['meta.created ge "2024-01-01"', { createdAt: { ge: '2024-01-01T00:00:00.000Z' } }],
  ['meta.lastModified lt "2024-06-01T12:30:00+02:00"', { updatedAt: { lt: '2024-06-01T10:30:00.000Z' } }],
  ['meta.lastModified le "2024-06-01T12:30:00.123456Z"', { updatedAt: { le: '2024-06-01T12:30:00.123Z' } }],
  ['meta.created eq "2024-01-01T10:00:00"', { createdAt: { eq: '2024-01-01T10:00:00.000Z' } }],
  ['meta.created ne "2024-01-01T10:00:00Z"', { not: { createdAt: { eq: '2024-01-01T10:00:00.000Z' } } }],
  ['meta.created pr', { createdAt: { present: true } }],
  [
    'meta[created ge "2024-01-01" and lastModified lt "2024-02-01"]',
    { and: [{ createdAt: { ge: '2024-01-01T00:00:00.000Z' } }, { updatedAt: { lt: '2024-02-01T00:00:00.000Z' } }] },
  ],
  // enterprise extension: URN-qualified (Entra ID) and bare
  [`${ENT}:employeeNumber eq "701984"`, { employeeNumber: { eq: '701984' } }],
  [`${ENT}:costCenter eq "4130"`, { costCenter: { eq: '4130' } }],
  [`${ENT}:organization eq "Universal Studios"`, { organizationName: { eq: 'Universal Studios' } }],
  [`${ENT}:division eq "Theme Park"`, { division: { eq: 'Theme Park' } }],
  [`${ENT}:department eq "Tour Operations"`, { department: { eq: 'Tour Operations' } }],
  ['department eq "Sales"', { department: { eq: 'Sales' } }],
  [`${ENT}:manager eq "${ID}"`, { managerId: { eq: ID } }],
  [`${ENT}:manager.value eq "${ID}"`, { managerId: { eq: ID } }],
  [`${ENT}:manager[value eq "${ID}"]`, { managerId: { eq: ID } }],
  [`${ENT}:manager ne "${ID}"`, { not: { managerId: { eq: ID } } }],
  [`${ENT}:manager pr`, { managerId: { present: true } }],
  [`${ENT}:manager.value eq null`, { managerId: { present: false } }],
  // core URN prefix = no prefix
  [`${CORE}:userName eq "x"`, { userName: { eq: 'x' } }],
  [`${CORE}:name.familyName eq "Jensen"`, { familyName: { eq: 'Jensen' } }],
  [`${CORE}:emails[type eq "work"]`, { emails: { type: { eq: 'work' } } }],
  // case-insensitive attribute names, sub-attribute names and URNs
  ['USERNAME eq "x"', { userName: { eq: 'x' } }],
  ['Name.FamilyName eq "Jensen"', { familyName: { eq: 'Jensen' } }],
  ['EMAILS[TYPE eq "work" and Value co "x"]', { emails: { type: { eq: 'work' }, value: { contains: 'x' } } }],
  ['Meta.LastModified gt "2024-01-01T00:00:00Z"', { updatedAt: { gt: '2024-01-01T00:00:00.000Z' } }],
  [`${ENT.toLowerCase()}:EMPLOYEENUMBER eq "1"`, { employeeNumber: { eq: '1' } }],
  ['costcode eq "A1"', ca({ name: 'costCode', eq: 'A1' })],
  // custom attributes: STRING
  [`${CUSTOM}:costCode eq "A1"`, ca({ name: 'costCode', eq: 'A1' })],
  ['costCode eq "A1"', ca({ name: 'costCode', eq: 'A1' })],
  ['costCode ne "A1"', ca({ name: 'costCode', ne: 'A1' })],
  ['costCode co "A"', ca({ name: 'costCode', contains: 'A', caseSensitive: true })],
  ['costCode sw "A"', ca({ name: 'costCode', startsWith: 'A', caseSensitive: true })],
  ['costCode ew "1"', ca({ name: 'costCode', endsWith: '1', caseSensitive: true })],
  ['costCode gt "A"', ca({ name: 'costCode', gt: 'A' })],
  ['costCode pr', ca({ name: 'costCode', present: true })],
  ['costCode eq null', ca({ name: 'costCode', present: false })],
  ['tags eq "vip"', ca({ name: 'tags', eq: 'vip' })],
  // custom attributes: INTEGER
  ['level eq 3', ca({ name: 'level', equalsNumber: 3 })],
  ['level eq "3"', ca({ name: 'level', equalsNumber: 3 })],
  ['level ne 3', { not: ca({ name: 'level', equalsNumber: 3 }) }],
  ['level gt 3', ca({ name: 'level', gtNumber: 3 })],
  ['level lt 3', ca({ name: 'level', ltNumber: 3 })],
  ['level ge 3', { or: [ca({ name: 'level', equalsNumber: 3 }), ca({ name: 'level', gtNumber: 3 })] }],
  ['level le -2', { or: [ca({ name: 'level', equalsNumber: -2 }), ca({ name: 'level', ltNumber: -2 })] }],
  ['level pr', ca({ name: 'level', present: true })],
  // custom attributes: BOOLEAN
  ['isContractor eq true', ca({ name: 'isContractor', equalsBoolean: true })],
  ['isContractor eq false', ca({ name: 'isContractor', equalsBoolean: false })],
  ['isContractor ne true', { not: ca({ name: 'isContractor', equalsBoolean: true }) }],
  ['isContractor pr', ca({ name: 'isContractor', present: true })],
  // custom attributes: DATETIME (normalized to ISO UTC, except substring operators)
  ['hireDate eq "2024-03-01T09:00:00+01:00"', ca({ name: 'hireDate', eq: '2024-03-01T08:00:00.000Z' })],
  ['hireDate ne "2024-03-01"', ca({ name: 'hireDate', ne: '2024-03-01T00:00:00.000Z' })],
  ['hireDate gt "2024-03-01"', ca({ name: 'hireDate', gt: '2024-03-01T00:00:00.000Z' })],
  ['hireDate ge "2024-03-01"', ca({ name: 'hireDate', ge: '2024-03-01T00:00:00.000Z' })],
  ['hireDate lt "2024-03-01"', ca({ name: 'hireDate', lt: '2024-03-01T00:00:00.000Z' })],
  ['hireDate le "2024-03-01"', ca({ name: 'hireDate', le: '2024-03-01T00:00:00.000Z' })],
  ['hireDate sw "2024-03"', ca({ name: 'hireDate', startsWith: '2024-03' })],
  [`${CUSTOM}:HIREDATE pr`, ca({ name: 'hireDate', present: true })],
  // schemas
  [`schemas eq "${CORE}"`, ALL],
  [`schemas eq "${ENT}"`, ALL],
  [`schemas eq "${CUSTOM}"`, ALL],
  [`schemas eq "${GROUP}"`, NONE],
  [`schemas ne "${GROUP}"`, ALL],
  ['schemas co "enterprise"', ALL],
  // logic: and/or/not, precedence, flattening, constant folding
  ['userName eq "a" and active eq true', { and: [{ userName: { eq: 'a' } }, { active: true }] }],
  ['userName eq "a" or userName eq "b" or userName eq "c"', { or: [{ userName: { eq: 'a' } }, { userName: { eq: 'b' } }, { userName: { eq: 'c' } }] }],
  ['userName eq "a" or (userName eq "b" or userName eq "c")', { or: [{ userName: { eq: 'a' } }, { userName: { eq: 'b' } }, { userName: { eq: 'c' } }] }],
  ['title eq "t" and userType eq "u" and active eq true', { and: [{ title: { eq: 't' } }, { userType: { eq: 'u' } }, { active: true }] }],
  // "and" binds tighter than "or"
  ['userName eq "a" or userName eq "b" and active eq true', { or: [{ userName: { eq: 'a' } }, { and: [{ userName: { eq: 'b' } }, { active: true }] }] }],
  ['(userName eq "a" or userName eq "b") and active eq true', { and: [{ or: [{ userName: { eq: 'a' } }, { userName: { eq: 'b' } }] }, { active: true }] }],
  [
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    { and: [{ userType: { eq: 'Employee' } }, { or: [{ email: { contains: 'example.com' } }, { email: { contains: 'example.org' } }] }] },
  ],
  [
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    { and: [{ userType: { eq: 'Employee' } }, { emails: { type: { eq: 'work' }, value: { contains: '@example.com' } } }] },
  ],
  ['level ge 3 or level eq 0', { or: [ca({ name: 'level', equalsNumber: 3 }), ca({ name: 'level', gtNumber: 3 }), ca({ name: 'level', equalsNumber: 0 })] }],
  ['not (userName eq "a")', { not: { userName: { eq: 'a' } } }],
  ['not (not (userName eq "a"))', { userName: { eq: 'a' } }],
  ['not (userName eq "a" or active eq false)', { not: { or: [{ userName: { eq: 'a' } }, { active: false }] } }],
  ['not (active pr)', NONE],
  ['userName eq "a" and active pr', { userName: { eq: 'a' } }],
  ['userName eq "a" or active pr', ALL],
  ['userName eq "a" and active eq null', NONE],
  ['userName eq "a" or active eq null', { userName: { eq: 'a' } }],
  [
    `${ENT}:department eq "Sales" and ${CUSTOM}:level gt 2 and not (${ENT}:manager pr)`,
    { and: [{ department: { eq: 'Sales' } }, ca({ name: 'level', gtNumber: 2 }), { not: { managerId: { present: true } } }] },
  ],
];

describe('userFilterToCore', () => {
  for (const [filter, expected] of USER_CASES) {
    test(filter, () => {
      assert.deepEqual(user(filter), expected);
    });
  }

  test('output is plain JSON (survives a JSON round trip unchanged)', () => {
    for (const [filter] of USER_CASES) {
      const out = user(filter);
      assert.deepEqual(JSON.parse(JSON.stringify(out)), out, filter);
    }
  });

  test('a long and-chain is flattened into one list', () => {
    const filter = Array.from({ length: 150 }, (_, i) => `title ne "${i}"`).join(' and ');
    const out = user(filter) as { and: unknown[] };
    assert.equal(out.and.length, 150);
    assert.deepEqual(out.and[149], { title: { ne: '149' } });
  });

  test('custom attributes: the exact name wins; the defined name is sent', () => {
    const defs: CustomAttr[] = [
      { name: 'Region', type: 'STRING', multiValued: false },
      { name: 'region', type: 'INTEGER', multiValued: false },
    ];
    assert.deepEqual(userFilterToCore(parseFilter('region eq 2'), defs), ca({ name: 'region', equalsNumber: 2 }));
    assert.deepEqual(userFilterToCore(parseFilter('Region eq "x"'), defs), ca({ name: 'Region', eq: 'x' }));
    assert.throws(() => userFilterToCore(parseFilter('REGION eq "x"'), defs), {
      name: 'ScimError',
      status: 400,
      scimType: 'invalidFilter',
      message: /ambiguous/,
    });
  });

  test('a core attribute name is never read as a custom attribute, even with a custom URN it must be defined', () => {
    const defs: CustomAttr[] = [{ name: 'roles', type: 'STRING', multiValued: true }];
    assert.throws(() => userFilterToCore(parseFilter('roles eq "x"'), defs), {
      name: 'ScimError',
      status: 400,
      scimType: 'invalidFilter',
      message: /"roles" is not supported/,
    });
    assert.deepEqual(userFilterToCore(parseFilter(`${CUSTOM}:roles eq "x"`), defs), ca({ name: 'roles', eq: 'x' }));
    assert.throws(() => userFilterToCore(parseFilter(`${CUSTOM}:costCode eq "x"`), []), {
      name: 'ScimError',
      status: 400,
      scimType: 'invalidFilter',
      message: /unknown attribute/,
    });
  });

  test('isMatchAll / isMatchNone recognize the constant filters', () => {
    assert.ok(isMatchAll(user('active pr')));
    assert.ok(isMatchNone(user('active eq null')));
    assert.ok(!isMatchAll(user('userName pr')));
    assert.ok(!isMatchNone(user(`id eq "${ID}"`)));
  });
});

/** Filters that parse but cannot be translated: [filter, message pattern]. */
const INVALID_USER: Array<[string, RegExp]> = [
  ['foo eq "x"', /unknown attribute "foo"/],
  ['name.nickName eq "x"', /unknown attribute "name\.nickName"/],
  ['userName.value eq "x"', /unknown attribute "userName\.value"/],
  [`${ENT}:userName eq "x"`, /unknown attribute/],
  [`${CORE}:department eq "x"`, /unknown attribute/],
  ['urn:example:params:scim:schemas:extension:acme:2.0:User:foo eq "x"', /unknown schema/],
  [`${GROUP}:displayName eq "x"`, /unknown schema/],
  ['emails[foo eq "x"]', /unknown sub-attribute "foo"/],
  ['password eq "secret"', /"password" is not supported/],
  ['ims eq "x"', /not supported/],
  ['x509Certificates pr', /not supported/],
  ['meta.version eq "W/\\"1\\""', /not supported/],
  ['groups.display eq "Admins"', /not supported/],
  [`${ENT}:manager.displayName eq "Bob"`, /not supported/],
  ['name eq "x"', /complex attribute/],
  ['meta pr', /complex attribute/],
  ['addresses eq "x"', /no value of its own/],
  ['userName[value eq "x"]', /not a complex attribute/],
  ['level[value eq 1]', /not a complex attribute/],
  // value types
  ['active co "true"', /boolean/],
  ['active eq "true"', /boolean/],
  ['active gt "x"', /boolean/],
  ['emails.primary co "x"', /boolean/],
  ['isContractor co "x"', /boolean/],
  ['isContractor eq "yes"', /boolean/],
  ['userName co 5', /string attribute/],
  ['userName eq 5', /string attribute/],
  ['costCode sw 12', /string attribute/],
  ['level co 5', /"co" is not supported/],
  ['level sw "1"', /"sw" is not supported/],
  ['level eq "three"', /integer attribute/],
  ['level eq true', /integer attribute/],
  // dates
  ['meta.created gt "yesterday"', /not an ISO-8601 date-time/],
  ['meta.created gt "2024-02-30"', /not an ISO-8601/],
  ['meta.created gt "2024-13-01T00:00:00Z"', /not an ISO-8601/],
  ['meta.created gt "2024-01-01T24:00:00Z"', /not an ISO-8601/],
  ['meta.created gt 1704067200', /not an ISO-8601/],
  ['meta.created co "2024"', /"co" is not supported/],
  ['hireDate gt "soon"', /not an ISO-8601/],
  // operators the core cannot express
  [`id co "${ID}"`, /"co" is not supported on "id"/],
  [`id gt "${ID}"`, /not supported/],
  [`groups co "${ID}"`, /not supported/],
  ['groups pr', /not supported/],
  ['groups eq null', /not supported/],
  [`${ENT}:manager co "x"`, /not supported/],
  ['schemas gt "urn"', /not supported/],
  // inside brackets
  ['emails[not (type eq "work")]', /"not" inside "emails\[\.\.\.\]" is not supported/],
  ['emails[type eq "work" and type eq "home"]', /unsupported: two "eq" conditions/],
  ['emails[value co "a" and value co "b"]', /unsupported/],
  [`groups[value ne "${ID}"]`, /only "value eq <id>"/],
  [`groups[value eq "${ID}" and value eq "x"]`, /unsupported/],
  ['groups[display eq "Admins"]', /not supported/],
  ['emails[primary pr and value sw "a" and value sw "b"]', /unsupported/],
];

describe('userFilterToCore rejects', () => {
  for (const [filter, message] of INVALID_USER) {
    test(filter, () => {
      const ast = parseFilter(filter); // each of these parses: the translation rejects it
      assert.throws(
        () => userFilterToCore(ast, DEFS),
        (err: unknown) => {
          assert.ok(err instanceof ScimError, `threw ${String(err)}`);
          assert.equal(err.status, 400);
          assert.equal(err.scimType, 'invalidFilter');
          assert.equal(err.name, 'ScimError');
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  test('hand-built ASTs the parser never produces are rejected too', () => {
    assert.throws(() => userFilterToCore({ op: 'co', path: { attr: 'active' }, value: true }, DEFS), INVALID_FILTER);
    assert.throws(() => userFilterToCore({ op: 'gt', path: { attr: 'userName' }, value: null }, DEFS), INVALID_FILTER);
    assert.throws(() => userFilterToCore({ op: 'gt', path: { attr: 'isContractor' }, value: false }, DEFS), INVALID_FILTER);
    assert.throws(() => userFilterToCore({ op: 'bogus' } as never, DEFS), INVALID_FILTER);
  });

  test('too many alternatives inside brackets', () => {
    const subs = ['type', 'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'];
    const filter = `addresses[${subs.map((s) => `(${s} eq "a" or ${s} eq "b")`).join(' and ')}]`;
    assert.throws(() => user(filter), { name: 'ScimError', status: 400, scimType: 'invalidFilter', message: /too complex/ });
  });
});

const GROUP_CASES: Array<[string, Record<string, unknown>]> = [
  ['displayName eq "Admins"', { displayName: { eq: 'Admins' } }], // Okta and Entra ID
  ['displayName co "adm"', { displayName: { contains: 'adm' } }],
  ['DISPLAYNAME sw "A"', { displayName: { startsWith: 'A' } }],
  [`${GROUP}:displayName eq "Admins"`, { displayName: { eq: 'Admins' } }],
  ['externalId eq "abc"', { externalId: { eq: 'abc' } }],
  [`id eq "${ID}"`, { id: { eq: ID } }],
  [`members eq "${ID}"`, { memberId: ID }],
  [`members.value eq "${ID}"`, { memberId: ID }],
  [`members ne "${ID}"`, { not: { memberId: ID } }],
  [`members[value eq "${ID}"]`, { memberId: ID }],
  [`id eq "g1" and members[value eq "${ID}"]`, { and: [{ id: { eq: 'g1' } }, { memberId: ID }] }], // Entra ID membership check
  ['meta.created gt "2024-01-01T00:00:00Z"', { createdAt: { gt: '2024-01-01T00:00:00.000Z' } }],
  ['meta.lastModified le "2024-01-01"', { updatedAt: { le: '2024-01-01T00:00:00.000Z' } }],
  [`schemas eq "${GROUP}"`, ALL],
  [`schemas eq "${CORE}"`, NONE],
  ['displayName eq "a" or not (externalId pr)', { or: [{ displayName: { eq: 'a' } }, { not: { externalId: { present: true } } }] }],
];

describe('groupFilterToCore', () => {
  for (const [filter, expected] of GROUP_CASES) {
    test(filter, () => {
      assert.deepEqual(group(filter), expected);
    });
  }

  const INVALID_GROUP: Array<[string, RegExp]> = [
    ['userName eq "x"', /unknown attribute "userName"/],
    ['costCode eq "x"', /unknown attribute/],
    [`${ENT}:department eq "x"`, /unknown schema/],
    ['members.display eq "x"', /not supported/],
    ['members pr', /not supported/],
    [`members co "${ID}"`, /not supported/],
    ['members[type eq "User"]', /not supported/],
    ['meta.created eq "not a date"', /not an ISO-8601/],
    ['displayName eq true', /string attribute/],
  ];
  for (const [filter, message] of INVALID_GROUP) {
    test(`rejects ${filter}`, () => {
      assert.throws(
        () => group(filter),
        (err: unknown) => err instanceof ScimError && err.status === 400 && err.scimType === 'invalidFilter' && message.test(err.message),
      );
    });
  }
});

describe('normalizeDateTime', () => {
  test('normalizes to ISO UTC with milliseconds', () => {
    assert.equal(normalizeDateTime('2024-01-01', 'x'), '2024-01-01T00:00:00.000Z');
    assert.equal(normalizeDateTime('2024-01-01T10:20', 'x'), '2024-01-01T10:20:00.000Z');
    assert.equal(normalizeDateTime('2024-01-01T10:20:30.5-0130', 'x'), '2024-01-01T11:50:30.500Z');
    assert.equal(normalizeDateTime(' 2024-02-29t23:59:59z ', 'x'), '2024-02-29T23:59:59.000Z');
    assert.throws(() => normalizeDateTime('2023-02-29', 'x'), INVALID_FILTER);
    assert.throws(() => normalizeDateTime(null, 'x'), INVALID_FILTER);
  });
});

describe('userSortToCore', () => {
  const CASES: Array<[string, { field: string; customAttribute?: string }]> = [
    ['userName', { field: 'USER_NAME' }],
    ['USERNAME', { field: 'USER_NAME' }],
    ['name.familyName', { field: 'FAMILY_NAME' }],
    ['name.givenName', { field: 'GIVEN_NAME' }],
    ['displayName', { field: 'DISPLAY_NAME' }],
    ['externalId', { field: 'EXTERNAL_ID' }],
    ['title', { field: 'TITLE' }],
    ['emails', { field: 'EMAIL' }],
    ['emails.value', { field: 'EMAIL' }],
    ['meta.created', { field: 'CREATED_AT' }],
    ['meta.lastModified', { field: 'UPDATED_AT' }],
    ['id', { field: 'CREATED_AT' }],
    [`${CORE}:userName`, { field: 'USER_NAME' }],
    [`${ENT}:department`, { field: 'DEPARTMENT' }],
    ['department', { field: 'DEPARTMENT' }],
    [`${CUSTOM}:level`, { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' }],
    ['HIREDATE', { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'hireDate' }],
    [`${CORE}:level`, { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' }],
    ['urn:x:y:level', { field: 'CUSTOM_ATTRIBUTE', customAttribute: 'level' }],
  ];
  for (const [sortBy, expected] of CASES) {
    test(sortBy, () => assert.deepEqual(userSortToCore(sortBy, DEFS), expected));
  }

  for (const sortBy of [
    'foo',
    'name.formatted',
    'nickName',
    'active',
    `${ENT}:costCenter`,
    `${CORE}:department`,
    `${CUSTOM}:nope`,
    'emails[type eq "work"]',
    '',
    'a b',
    'urn:x:y:nope', // another namespace reads custom attributes (as writes do), but only defined ones
  ]) {
    test(`rejects ${JSON.stringify(sortBy)}`, () => {
      assert.throws(
        () => userSortToCore(sortBy, DEFS),
        (err: unknown) => err instanceof ScimError && err.status === 400 && err.scimType === 'invalidValue' && err.name === 'ScimError',
      );
    });
  }
});

describe('groupSortToCore', () => {
  test('maps the sortable attributes', () => {
    assert.deepEqual(groupSortToCore('displayName'), { field: 'DISPLAY_NAME' });
    assert.deepEqual(groupSortToCore(`${GROUP}:DisplayName`), { field: 'DISPLAY_NAME' });
    assert.deepEqual(groupSortToCore('meta.created'), { field: 'CREATED_AT' });
    assert.deepEqual(groupSortToCore('meta.lastModified'), { field: 'UPDATED_AT' });
    assert.deepEqual(groupSortToCore('id'), { field: 'CREATED_AT' });
  });
  test('rejects the others with invalidValue', () => {
    for (const sortBy of ['members', 'externalId', 'userName', `${CORE}:displayName`]) {
      assert.throws(
        () => groupSortToCore(sortBy),
        (err: unknown) => err instanceof ScimError && err.status === 400 && err.scimType === 'invalidValue',
        sortBy,
      );
    }
  });
});

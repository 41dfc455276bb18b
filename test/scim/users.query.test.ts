// Filters, sorting, paging arithmetic, attribute projection and POST /.search over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import { isScimError, q, scimClient, type ScimClient } from '../helpers/scim-client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';

describe('SCIM: querying users', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    await defineAttributes(t, org, { level: 'INTEGER', team: 'STRING' });
    scim = scimClient(t, org.scimToken);
    const people: Array<[string, string, string, string, boolean, number, string]> = [
      ['alice@example.com', 'Alice', 'Anders', 'Engineering', true, 3, 'core'],
      ['bob@example.org', 'Bob', 'Brown', 'Sales', true, 1, 'field'],
      ['carol@example.com', 'Carol', "O'Malley", 'Engineering', false, 5, 'core'],
      ['dave@example.net', 'Dave', 'Davis', 'Finance', true, 2, 'back office'],
      ['erin@example.com', 'Erin', 'Evans', 'Sales', true, 4, 'field'],
    ];
    for (const [userName, givenName, familyName, department, active, level, team] of people) {
      const r = await scim.post('/Users', {
        schemas: [USER, ENT, CUSTOM],
        userName,
        name: { givenName, familyName },
        title: userName.startsWith('a') || userName.startsWith('e') ? 'Manager' : undefined,
        userType: 'Employee',
        active,
        emails: [
          { value: userName, type: 'work', primary: true },
          { value: `${givenName.toLowerCase()}@home.example`, type: 'home' },
        ],
        [ENT]: { department, employeeNumber: `E-${level}` },
        [CUSTOM]: { level, team },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  });
  after(() => t.stop());

  const names = async (filter: string, extra = '') => {
    const r = await scim.get(`/Users?${q(filter)}&sortBy=userName${extra}`);
    assert.equal(r.status, 200, `${filter}: ${JSON.stringify(r.body)}`);
    return r.body.Resources.map((u: { userName: string }) => u.userName[0]).join('');
  };

  test('the filter grammar: every operator, logic, precedence and parentheses', async () => {
    assert.equal(await names('userName eq "BOB@example.org"'), 'b');
    assert.equal(await names('userName ne "bob@example.org"'), 'acde');
    assert.equal(await names('userName co "example.com"'), 'ace');
    assert.equal(await names('userName sw "C"'), 'c');
    assert.equal(await names('userName ew ".net"'), 'd');
    assert.equal(await names('title pr'), 'ae');
    assert.equal(await names('not (title pr)'), 'bcd');
    assert.equal(await names('userName gt "c"'), 'cde');
    assert.equal(await names('userName le "bob@example.org"'), 'ab');
    assert.equal(await names(`name.familyName co "O'Malley"`), 'c');
    assert.equal(await names('title pr and userType eq "Employee"'), 'ae');
    assert.equal(await names('title pr or userType eq "Intern"'), 'ae');
    assert.equal(await names('userName sw "a" or userName sw "b" and active eq false'), 'a', 'and binds tighter than or');
    assert.equal(await names('(userName sw "a" or userName sw "c") and active eq false'), 'c');
    assert.equal(await names('active eq true and not (emails co "example.com")'), 'bd');
    assert.equal(await names('USERNAME Eq "alice@example.com"'), 'a', 'attribute names and operators ignore case');
    assert.equal(await names('emails[type eq "work" and value co "@example.com"]'), 'ace');
    assert.equal(await names('emails[type eq "home" and value co "@example.com"]'), '');
    assert.equal(await names('emails.value eq "dave@home.example"'), 'd');
    assert.equal(await names(`${ENT}:department eq "engineering"`), 'ac');
    assert.equal(await names(`urn:ietf:params:scim:schemas:core:2.0:User:userName sw "E"`), 'e');
    assert.equal(await names(`${CUSTOM}:level gt 3`), 'ce');
    assert.equal(await names(`${CUSTOM}:team eq "core"`), 'ac');
    // custom string attributes are caseExact (see /Schemas): every operator compares exactly
    assert.equal(await names(`${CUSTOM}:team eq "Core"`), '');
    assert.equal(await names(`${CUSTOM}:team co "ie"`), 'be');
    assert.equal(await names(`${CUSTOM}:team co "IE"`), '');
    assert.equal(await names(`${CUSTOM}:team sw "back"`), 'd');
    assert.equal(await names(`${CUSTOM}:team sw "Back"`), '');
    assert.equal(await names(`${CUSTOM}:team ew "office"`), 'd');
    assert.equal(await names(`${CUSTOM}:team ew "OFFICE"`), '');
    assert.equal(await names('meta.created gt "2000-01-01T00:00:00Z"'), 'abcde');
  });

  test('invalid filters are 400 invalidFilter', async () => {
    for (const f of [
      'userName eq',
      'userName xx "a"',
      '(userName eq "a"',
      'nosuchattr eq "x"',
      'active co true',
      'emails[not (type eq "work")]',
      'userName eq "unterminated',
    ]) {
      const r = await scim.get(`/Users?${q(f)}`);
      assert.ok(isScimError(r, 400, 'invalidFilter'), `${f}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  });

  test('paging: totalResults, 1-based startIndex and itemsPerPage describe the page returned; order is stable across pages', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 5; start += 2) {
      const r = await scim.get(`/Users?startIndex=${start}&count=2`);
      assert.equal(r.body.totalResults, 5);
      assert.equal(r.body.startIndex, start);
      assert.equal(r.body.itemsPerPage, r.body.Resources.length);
      assert.equal(typeof r.body.itemsPerPage, 'number');
      seen.push(...r.body.Resources.map((u: { id: string }) => u.id));
    }
    assert.equal(new Set(seen).size, 5);
    const zero = await scim.get('/Users?count=0');
    assert.equal(zero.body.totalResults, 5);
    assert.equal(zero.body.itemsPerPage, 0);
    assert.deepEqual(zero.body.Resources, []);
    const beyond = await scim.get('/Users?startIndex=50');
    assert.equal(beyond.body.totalResults, 5);
    assert.equal(beyond.body.itemsPerPage, 0);
    for (const path of ['/Users?startIndex=20000000', '/Groups?startIndex=20000000']) {
      const far = await scim.get(path);
      assert.equal(far.status, 200, `${path}: ${JSON.stringify(far.body)}`);
      assert.deepEqual([far.body.startIndex, far.body.itemsPerPage, far.body.Resources], [20000000, 0, []], path);
    }
    assert.equal((await scim.get('/Users?startIndex=20000000')).body.totalResults, 5);
    const clamped = await scim.get('/Users?startIndex=-4&count=-2');
    assert.equal(clamped.body.startIndex, 1);
    assert.equal(clamped.body.itemsPerPage, 0);
    const big = await scim.get('/Users?count=100000');
    assert.equal(big.body.itemsPerPage, 5, 'count above the maximum is capped, not refused');
  });

  test('sortBy / sortOrder', async () => {
    const r = await scim.get('/Users?sortBy=name.familyName&sortOrder=descending');
    assert.deepEqual(
      r.body.Resources.map((u: { name: { familyName: string } }) => u.name.familyName),
      ["O'Malley", 'Evans', 'Davis', 'Brown', 'Anders'],
    );
    const byLevel = await scim.get(`/Users?sortBy=${encodeURIComponent(`${CUSTOM}:level`)}`);
    assert.deepEqual(byLevel.body.Resources.map((u: { userName: string }) => u.userName[0]).join(''), 'bdaec');
    assert.ok(isScimError(await scim.get('/Users?sortBy=nosuch'), 400, 'invalidValue'));
    assert.ok(isScimError(await scim.get('/Users?sortBy=userName&sortOrder=sideways'), 400, 'invalidValue'));
  });

  test('attributes and excludedAttributes', async () => {
    const only = await scim.get(`/Users?${q('userName eq "alice@example.com"')}&attributes=userName,name.givenName,${encodeURIComponent(`${ENT}:department`)}`);
    assert.deepEqual(only.body.Resources[0], {
      schemas: [USER, ENT],
      id: only.body.Resources[0].id,
      userName: 'alice@example.com',
      name: { givenName: 'Alice' },
      [ENT]: { department: 'Engineering' },
    });
    const without = await scim.get(`/Users?${q('userName eq "alice@example.com"')}&excludedAttributes=emails,groups,meta`);
    const u = without.body.Resources[0];
    assert.equal(u.emails, undefined);
    assert.equal(u.groups, undefined);
    assert.equal(u.meta, undefined);
    assert.equal(u.userName, 'alice@example.com');
    assert.ok(u.id);
  });

  test('POST /Users/.search takes the same parameters in a SearchRequest body', async () => {
    const r = await scim.post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'emails[type eq "work" and value ew "example.com"]',
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 2,
      attributes: ['userName'],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.totalResults, 3);
    assert.deepEqual(
      r.body.Resources.map((x: { userName: string }) => x.userName),
      ['erin@example.com', 'carol@example.com'],
    );
    const bad = await scim.post('/Users/.search', { filter: 'userName pr' });
    assert.ok(isScimError(bad, 400, 'invalidSyntax'));
  });
});

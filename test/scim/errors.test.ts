// Malformed input, authentication, isolation, discovery and limits: each gives the right SCIM error and changes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import { isScimError, PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { EventsDocument, RevokeCredentialDocument, CredentialsDocument, CreateScimTokenDocument } from '../generated/graphql.js';
import { AppError, errorFromDb } from '../../src/core/errors.js';
import { fromGraphQLErrors } from '../../src/scim/scim-error.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

describe('SCIM: errors and protections', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let scim: ScimClient;
  let userId: string;
  let groupId: string;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    await defineAttributes(t, org, { cost_center: 'STRING', region: { type: 'STRING', displayName: 'Sales region', allowedValues: ['EMEA', 'APAC'] } });
    scim = scimClient(t, org.scimToken);
    userId = (await scim.post('/Users', { schemas: [USER], userName: 'victim@example.com', title: 'Original' })).body.id;
    groupId = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Victims' })).body.id;
  });
  after(() => t.stop());

  const lastSeq = async () => (await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key)).events.nodes[0]?.sequence;

  test('a table of malformed requests: each is the right SCIM error and writes nothing', async () => {
    const before = await lastSeq();
    const cases: Array<[string, () => ReturnType<ScimClient['get']>, number, string | undefined]> = [
      ['bad JSON', () => scim.post('/Users', '{"schemas": ['), 400, 'invalidSyntax'],
      ['JSON array body', () => scim.post('/Users', '[1,2]'), 400, 'invalidSyntax'],
      ['missing schemas', () => scim.post('/Users', { userName: 'x@example.com' }), 400, 'invalidSyntax'],
      ['a schema that is not a URN', () => scim.post('/Users', { schemas: [USER, 'enterprise'], userName: 'x@example.com' }), 400, 'invalidValue'],
      [
        'an extension that is not an object',
        () => scim.post('/Users', { schemas: [USER], userName: 'x@example.com', 'urn:example:ext': 'a' }),
        400,
        'invalidValue',
      ],
      ['missing userName', () => scim.post('/Users', { schemas: [USER] }), 400, 'invalidValue'],
      ['userName not a string', () => scim.post('/Users', { schemas: [USER], userName: 42 }), 400, 'invalidValue'],
      ['a tab in a userName', () => scim.post('/Users', { schemas: [USER], userName: 'tab\tbed@example.com' }), 400, 'invalidValue'],
      ['a line break in a userName', () => scim.post('/Users', { schemas: [USER], userName: 'line\nbreak@example.com' }), 400, 'invalidValue'],
      ['a zero-width space in a userName', () => scim.post('/Users', { schemas: [USER], userName: 'ad\u200bmin@example.com' }), 400, 'invalidValue'],
      [
        'a right-to-left override in a userName',
        () => scim.post('/Users', { schemas: [USER], userName: 'user\u202egpj.exe@example.com' }),
        400,
        'invalidValue',
      ],
      [
        'a userName changed by PATCH to contain a tab',
        () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'userName', value: 'vic\ttim@example.com' })),
        400,
        'invalidValue',
      ],
      ['active not a boolean', () => scim.post('/Users', { schemas: [USER], userName: 'x@example.com', active: 'maybe' }), 400, 'invalidValue'],
      ['emails not a list', () => scim.post('/Users', { schemas: [USER], userName: 'x@example.com', emails: 'x@example.com' }), 400, 'invalidValue'],
      [
        'two primary emails',
        () =>
          scim.post('/Users', {
            schemas: [USER],
            userName: 'x@example.com',
            emails: [
              { value: 'a@x.com', primary: true },
              { value: 'b@x.com', primary: true },
            ],
          }),
        400,
        'invalidValue',
      ],
      [
        'custom attribute of the wrong type',
        () =>
          scim.post('/Users', {
            schemas: [USER, 'urn:ietf:params:scim:schemas:extension:custom:2.0:User'],
            userName: 'x@example.com',
            'urn:ietf:params:scim:schemas:extension:custom:2.0:User': { cost_center: { nested: true } },
          }),
        400,
        'invalidValue',
      ],
      ['wrong content type', () => scim.request('POST', '/Users', 'userName=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, undefined],
      [
        'a charset other than UTF-8',
        () =>
          scim.request('POST', '/Users', JSON.stringify({ schemas: [USER], userName: 'café@example.com' }), {
            'content-type': 'application/json; charset=ISO-8859-1',
          }),
        415,
        undefined,
      ],
      ['oversize body', () => scim.post('/Users', { schemas: [USER], userName: 'x@example.com', title: 'x'.repeat(1.2 * 1024 * 1024) }), 413, undefined],
      ['absurd count', () => scim.get('/Users?count=abc'), 400, 'invalidValue'],
      ['absurd startIndex', () => scim.get('/Users?startIndex=1e99'), 400, 'invalidValue'],
      // a number only in JavaScript's reading of it (a blank, hexadecimal, an exponent): not a count RFC 7644 §3.4.2.4 knows
      ['blank count', () => scim.get('/Users?count=%20'), 400, 'invalidValue'],
      ['hexadecimal count', () => scim.get('/Users?count=0x10'), 400, 'invalidValue'],
      ['count with an exponent', () => scim.get('/Groups?count=1e3'), 400, 'invalidValue'],
      ['startIndex with a fraction', () => scim.get('/Users?startIndex=1.0'), 400, 'invalidValue'],
      ['PATCH without schemas', () => scim.patch(`/Users/${userId}`, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }), 400, 'invalidSyntax'],
      ['PATCH with an unknown op', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'explode', path: 'title' })), 400, undefined],
      ['PATCH of a read-only attribute', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'id', value: 'x' })), 400, 'mutability'],
      ['PATCH of an unknown attribute', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'shoeSize', value: 44 })), 400, 'invalidPath'],
      ['PATCH remove without a path', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'remove' })), 400, 'noTarget'],
      [
        'PATCH remove of an element that does not exist',
        () => scim.patch(`/Users/${userId}`, PATCH({ op: 'remove', path: 'emails[type eq "fax"]' })),
        400,
        'noTarget',
      ],
      ['PATCH with a broken path', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'emails[type eq', value: 'x' })), 400, 'invalidPath'],
      [
        'group PATCH with a broken member filter',
        () => scim.patch(`/Groups/${groupId}`, PATCH({ op: 'remove', path: 'members[display co "x"]' })),
        400,
        'invalidFilter',
      ],
      ['group without displayName', () => scim.post('/Groups', { schemas: [GROUP] }), 400, 'invalidValue'],
      ['group with unknown schema', () => scim.post('/Groups', { schemas: [GROUP, 'urn:x'], displayName: 'x' }), 400, 'invalidValue'],
    ];
    for (const [name, call, status, scimType] of cases) {
      const r = await call();
      assert.ok(isScimError(r, status, scimType), `${name}: got ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
    }
    assert.equal((await scim.get(`/Users/${userId}`)).body.title, 'Original');
    assert.equal(await lastSeq(), before, 'no event was written by any of them');
  });

  test('an email, phone number or address element whose value is missing or not a string is 400 naming its path, not dropped; an empty one as IdP templates send it is kept out as before', async () => {
    const before = await lastSeq();
    const user = (extra: Record<string, unknown>) => ({ schemas: [USER], userName: 'elements@example.com', ...extra });
    const cases: Array<[string, () => ReturnType<ScimClient['get']>, RegExp]> = [
      ['an email with only a type', () => scim.post('/Users', user({ emails: [{ type: 'work' }] })), /emails\[0\]\.value/],
      ['an email value that is a number', () => scim.post('/Users', user({ emails: [{ value: 'a@x.com' }, { value: 5 }] })), /emails\[1\]\.value/],
      ['an email value that is null', () => scim.post('/Users', user({ emails: [{ value: null, type: 'work' }] })), /emails\[0\]\.value/],
      ['an email type that is a number', () => scim.post('/Users', user({ emails: [{ value: 'a@x.com', type: 7 }] })), /emails\[0\]\.type/],
      [
        'a phone number value that is a number',
        () => scim.post('/Users', user({ phoneNumbers: [{ value: 5550100, type: 'work' }] })),
        /phoneNumbers\[0\]\.value/,
      ],
      ['an address part that is an object', () => scim.post('/Users', user({ addresses: [{ locality: { city: 'x' } }] })), /addresses\[0\]\.locality/],
      [
        'a PUT with an email without a value',
        () => scim.put(`/Users/${userId}`, { schemas: [USER], userName: 'victim@example.com', title: 'Original', emails: [{ primary: true }] }),
        /emails\[0\]\.value/,
      ],
      ['OneLogin-style single object without value', () => scim.post('/Users', user({ emails: { type: 'work' } })), /emails\[0\]\.value/],
      [
        'a PATCH adding an email without a value',
        () => scim.patch(`/Users/${userId}`, PATCH({ op: 'add', path: 'emails', value: [{ type: 'work' }] })),
        /emails\[\d\]\.value/,
      ],
      [
        'a PATCH adding an email whose value is a number',
        () => scim.patch(`/Users/${userId}`, PATCH({ op: 'add', path: 'emails', value: [{ value: 5 }] })),
        /emails(\[\d\])?\.value/,
      ],
      [
        'a pathless PATCH replacing phone numbers',
        () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', value: { phoneNumbers: [{ type: 'work' }] } })),
        /phoneNumbers\[\d\]\.value/,
      ],
    ];
    for (const [name, call, path] of cases) {
      const r = await call();
      assert.ok(isScimError(r, 400, 'invalidValue') && path.test(r.body.detail), `${name}: got ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
    }
    assert.equal(await lastSeq(), before, 'no event was written by any of them');
    // OneLogin renders a template parameter without a value as "": that sets nothing, as before
    const empty = await scim.post(
      '/Users',
      user({ emails: [{ value: '', type: 'work' }], phoneNumbers: [{ value: '', type: 'mobile' }], addresses: [{ type: 'work', locality: '' }] }),
    );
    assert.equal(empty.status, 201, JSON.stringify(empty.body));
    assert.deepEqual([empty.body.emails, empty.body.phoneNumbers, empty.body.addresses], [undefined, undefined, undefined]);
    const entra = await scim.patch(`/Users/${empty.body.id}`, PATCH({ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0101' }));
    assert.equal(entra.status, 200, JSON.stringify(entra.body));
    assert.deepEqual(entra.body.phoneNumbers, [{ value: '+1 555 0101', type: 'mobile', primary: true }]);
    // a PATCH that clears an element's value (remove, or replace with null, of emails[type eq "work"].value) drops the element, as before
    const id = empty.body.id;
    const withMail = await scim.patch(
      `/Users/${id}`,
      PATCH({
        op: 'add',
        path: 'emails',
        value: [
          { value: 'w@x.com', type: 'work' },
          { value: 'h@x.com', type: 'home' },
        ],
      }),
    );
    assert.equal(withMail.status, 200, JSON.stringify(withMail.body));
    const cleared = await scim.patch(
      `/Users/${id}`,
      PATCH(
        { op: 'Remove', path: 'emails[type eq "work"].value' },
        { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: null },
        { op: 'replace', value: { 'emails[type eq "home"].value': null } },
      ),
    );
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.deepEqual([cleared.body.emails, cleared.body.phoneNumbers], [undefined, undefined]);
  });

  test('too many values of a multi-valued custom attribute: 400 that says so, however many were sent', async () => {
    const own = await createOrg(t);
    await defineAttributes(t, own, { badges: { type: 'STRING', multiValued: true } });
    const client = scimClient(t, own.scimToken);
    const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
    const id = (await client.post('/Users', { schemas: [USER], userName: 'badges@example.com' })).body.id;
    for (const n of [101, 1001, 5000]) {
      const values = Array.from({ length: n }, (_, i) => `b${i}`);
      const created = await client.post('/Users', { schemas: [USER, CUSTOM], userName: `badges${n}@example.com`, [CUSTOM]: { badges: values } });
      assert.ok(isScimError(created, 400, 'invalidValue'), JSON.stringify(created.body));
      assert.match(created.body.detail, /badges.*(at most|more than) \d+ values/, `${n} values: ${created.body.detail}`);
      const patched = await client.patch(`/Users/${id}`, PATCH({ op: 'add', path: `${CUSTOM}:badges`, value: values }));
      assert.ok(isScimError(patched, 400, 'invalidValue'), JSON.stringify(patched.body));
      assert.match(patched.body.detail, /badges.*(at most|more than) \d+ values/, `${n} values: ${patched.body.detail}`);
    }
  });

  test('NUL characters and unpaired surrogates, in bodies and filters: 400, never 500, and nothing written', async () => {
    const before = await lastSeq();
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
    // JSON.stringify writes these as the escapes \u0000 and \ud800 that clients send
    const cases: Array<[string, () => ReturnType<ScimClient['get']>, string]> = [
      ['an escaped NUL in a filter', () => scim.get(`/Users?${q('userName eq "\\u0000"')}`), 'invalidFilter'],
      ['a lone surrogate in a filter', () => scim.get(`/Users?${q('emails[type eq "\\ud800"]')}`), 'invalidFilter'],
      ['a NUL in an enterprise filter', () => scim.get(`/Users?${q(`${ENTERPRISE}:department eq "a\\u0000"`)}`), 'invalidFilter'],
      [
        'a NUL in a search request',
        () => scim.post('/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'displayName eq "\\u0000"' }),
        'invalidFilter',
      ],
      ['a NUL in a group name', () => scim.post('/Groups', { schemas: [GROUP], displayName: 'a\u0000' }), 'invalidValue'],
      ['a NUL in a group externalId', () => scim.post('/Groups', { schemas: [GROUP], displayName: 'ok', externalId: '\u0000' }), 'invalidValue'],
      ['a NUL in a group rename by PUT', () => scim.put(`/Groups/${groupId}`, { schemas: [GROUP], displayName: 'g\u0000' }), 'invalidValue'],
      [
        'a NUL in a group rename by PATCH',
        () => scim.patch(`/Groups/${groupId}`, PATCH({ op: 'replace', path: 'displayName', value: 'g\u0000' })),
        'invalidValue',
      ],
      ['a lone high surrogate in a userName', () => scim.post('/Users', { schemas: [USER], userName: 's\ud800@example.com' }), 'invalidValue'],
      [
        'a lone low surrogate in a displayName',
        () => scim.post('/Users', { schemas: [USER], userName: 'lone@example.com', displayName: 'x\udc00y' }),
        'invalidValue',
      ],
      [
        'a lone surrogate in an email',
        () => scim.post('/Users', { schemas: [USER], userName: 'lone@example.com', emails: [{ value: 'a\ud800@example.com' }] }),
        'invalidValue',
      ],
      [
        'a lone surrogate in the enterprise department',
        () => scim.post('/Users', { schemas: [USER, ENTERPRISE], userName: 'lone@example.com', [ENTERPRISE]: { department: '\udfff' } }),
        'invalidValue',
      ],
      ['a lone surrogate in a PATCH', () => scim.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'title', value: '\ud800' })), 'invalidValue'],
      ['a NUL in a user PUT', () => scim.put(`/Users/${userId}`, { schemas: [USER], userName: 'victim@example.com', title: 'a\u0000b' }), 'invalidValue'],
    ];
    for (const [name, call, scimType] of cases) {
      const r = await call();
      assert.ok(isScimError(r, 400, scimType), `${name}: got ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
    }
    const bulk = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [{ method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: 'b\u0000' } }],
    });
    assert.equal(bulk.status, 200);
    assert.equal(bulk.body.Operations[0].status, '400');
    const gql = await t.raw('mutation($o: ID!) { createGroup(organizationId: $o, input: {displayName: "lit\\u0000eral"}) { id } }', { o: org.id }, org.key);
    assert.equal(gql.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const gqlVar = await t.raw(
      'mutation($o: ID!, $n: String!) { createGroup(organizationId: $o, input: {displayName: $n}) { id } }',
      { o: org.id, n: 'var\ud800' },
      org.key,
    );
    assert.equal(gqlVar.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(gqlVar.errors?.[0]?.message ?? '', /variable n contains an unpaired UTF-16 surrogate/);
    assert.equal((await scim.get(`/Users/${userId}`)).body.title, 'Original');
    assert.equal((await scim.get(`/Groups/${groupId}`)).body.displayName, 'Victims');
    assert.equal(await lastSeq(), before, 'no event was written by any of them');
    // a surrogate pair is a character like any other
    const emoji = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Smile \ud83d\ude00' });
    assert.equal(emoji.status, 201, JSON.stringify(emoji.body));
    assert.equal(emoji.body.displayName, 'Smile 😀');
    // a manager value that is not an id names a user by externalId or userName: this one names nobody
    const managed = await scim.post('/Users', {
      schemas: [USER, ENTERPRISE],
      userName: 'managed@example.com',
      [ENTERPRISE]: { manager: { value: 'm\u0000' } },
    });
    assert.equal(managed.status, 201, JSON.stringify(managed.body));
    assert.equal(managed.body[ENTERPRISE]?.manager, undefined);
  });

  test('authentication: missing, malformed and revoked tokens are 401; platform keys are not SCIM credentials', async () => {
    assert.ok(isScimError(await scimClient(t, undefined).get('/Users'), 401));
    assert.ok(isScimError(await scimClient(t, 'garbage').get('/Users'), 401));
    assert.ok(isScimError(await scimClient(t, t.adminKey).get('/Users'), 401));
    const { createScimToken } = await t.gql(CreateScimTokenDocument, { organizationId: org.id, name: 'temp' }, org.key);
    const temp = scimClient(t, createScimToken.token);
    assert.equal((await temp.get('/Users')).status, 200);
    await t.gql(RevokeCredentialDocument, { organizationId: org.id, id: createScimToken.credential.id }, org.key);
    const r = await temp.get('/Users');
    assert.ok(isScimError(r, 401));
    assert.match(r.headers.get('www-authenticate') ?? '', /Bearer/);
    const creds = await t.gql(CredentialsDocument, { organizationId: org.id }, org.key);
    assert.ok(creds.credentials.find((c) => c.name === 'Okta')?.lastUsedAt, 'the SCIM token records its last use');
  });

  test('tenant isolation: ids of another organization are 404, indistinguishable from unknown ones, and nothing changes', async () => {
    const theirs = scimClient(t, other.scimToken);
    for (const r of [
      await theirs.get(`/Users/${userId}`),
      await theirs.get(`/Users/01900000-0000-7000-8000-000000000000`),
      await theirs.get(`/Users/not-a-uuid`),
      await theirs.put(`/Users/${userId}`, { schemas: [USER], userName: 'pwned@example.com' }),
      await theirs.patch(`/Users/${userId}`, PATCH({ op: 'replace', path: 'title', value: 'pwned' })),
      await theirs.delete(`/Users/${userId}`),
      await theirs.get(`/Groups/${groupId}`),
      await theirs.patch(`/Groups/${groupId}`, PATCH({ op: 'replace', path: 'displayName', value: 'pwned' })),
      await theirs.delete(`/Groups/${groupId}`),
    ]) {
      assert.ok(isScimError(r, 404), JSON.stringify(r.body));
      assert.ok(!JSON.stringify(r.body).includes('victim'), 'no data of the other organization leaks');
    }
    assert.equal((await theirs.get('/Users')).body.totalResults, 0);
    assert.equal((await scim.get(`/Users/${userId}`)).body.title, 'Original');
    assert.equal((await scim.get(`/Groups/${groupId}`)).body.displayName, 'Victims');
  });

  test('discovery endpoints: read-only (405 otherwise); /Me is 501; the custom extension lists the organization attributes', async () => {
    const spc = await scim.get('/ServiceProviderConfig');
    assert.equal(spc.status, 200);
    assert.equal(spc.body.patch.supported, true);
    assert.equal(spc.body.bulk.supported, true);
    assert.equal(spc.body.filter.maxResults, 1000);
    assert.equal(spc.body.etag.supported, true);
    const rts = await scim.get('/ResourceTypes');
    assert.deepEqual(rts.body.Resources.map((r: { id: string }) => r.id).sort(), ['Group', 'User']);
    const schemas = await scim.get('/Schemas');
    const ids = schemas.body.Resources.map((s: { id: string }) => s.id);
    for (const id of [USER, GROUP, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'urn:ietf:params:scim:schemas:extension:custom:2.0:User'])
      assert.ok(ids.includes(id), id);
    const custom = await scim.get('/Schemas/urn:ietf:params:scim:schemas:extension:custom:2.0:User');
    assert.deepEqual(
      custom.body.attributes.map((a: { name: string }) => a.name),
      ['cost_center', 'region'],
    );
    // what the definition says reaches the IdP's attribute editor: its label and its allowed values
    const region = custom.body.attributes.find((a: { name: string }) => a.name === 'region');
    assert.equal(region.description, 'Sales region');
    assert.deepEqual(region.canonicalValues, ['EMEA', 'APAC']);
    const theirs = await scimClient(t, other.scimToken).get('/Schemas/urn:ietf:params:scim:schemas:extension:custom:2.0:User');
    assert.deepEqual(theirs.body.attributes, [], "another organization's schema lists only its own attributes");
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']) {
      const r = await scim.post(path, {});
      assert.ok(isScimError(r, 405), path);
      assert.equal(r.headers.get('allow'), 'GET');
    }
    // RFC 7644 §4: a filter there is refused rather than ignored
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas', `/Schemas/${USER}`]) {
      const r = await scim.get(`${path}?${q('id eq "x"')}`);
      assert.ok(isScimError(r, 403), `${path}: ${r.status}`);
    }
    const me = await scim.get('/Me');
    assert.ok(isScimError(me, 501), JSON.stringify([me.status, me.body]));
    const nowhere = await scim.get('/Nowhere');
    assert.ok(isScimError(nowhere, 404), JSON.stringify([nowhere.status, nowhere.body]));
  });

  test('message URNs in requests compare ignoring case (RFC 8141): PatchOp of users and groups, BulkRequest, SearchRequest', async () => {
    const upper = (urn: string) => urn.toUpperCase().replace('URN:IETF:PARAMS:SCIM', 'urn:ietf:params:scim');
    const patch = (op: unknown) => ({ schemas: [upper('urn:ietf:params:scim:api:messages:2.0:PatchOp')], Operations: [op] });
    const u = await scim.post('/Users', { schemas: [USER], userName: 'cased@example.com' });
    assert.equal((await scim.patch(`/Users/${u.body.id}`, patch({ op: 'replace', path: 'title', value: 'T' }))).status, 200);
    const g = await scim.post('/Groups', { schemas: [GROUP], displayName: 'Cased' });
    assert.equal((await scim.patch(`/Groups/${g.body.id}`, patch({ op: 'add', path: 'members', value: [{ value: u.body.id }] }))).status, 204);
    const bulk = await scim.post('/Bulk', {
      schemas: [upper('urn:ietf:params:scim:api:messages:2.0:BulkRequest')],
      Operations: [{ method: 'PATCH', path: `/Users/${u.body.id}`, data: patch({ op: 'replace', path: 'title', value: 'B' }) }],
    });
    assert.deepEqual([bulk.status, bulk.body.Operations?.[0]?.status], [200, '200']);
    const search = await scim.post('/Users/.search', {
      schemas: [upper('urn:ietf:params:scim:api:messages:2.0:SearchRequest')],
      filter: 'userName eq "cased@example.com"',
    });
    assert.deepEqual([search.status, search.body.Resources?.[0]?.title], [200, 'B']);
    assert.equal((await scim.get(`/Groups/${g.body.id}`)).body.members.length, 1);
  });

  test('application/scim+json; charset=utf-8 and application/json are both accepted', async () => {
    const a = await scim.request('POST', '/Users', JSON.stringify({ schemas: [USER], userName: 'ct1@example.com' }), {
      'content-type': 'application/scim+json; charset=utf-8',
    });
    assert.equal(a.status, 201);
    const b = await scim.request('POST', '/Users', JSON.stringify({ schemas: [USER], userName: 'ct2@example.com' }), { 'content-type': 'application/json' });
    assert.equal(b.status, 201);
    const quoted = await scim.request('POST', '/Users', JSON.stringify({ schemas: [USER], userName: 'ct3@example.com' }), {
      'content-type': 'application/scim+json; charset="UTF-8"',
    });
    assert.equal(quoted.status, 201);
  });

  test('a base URL entered with a trailing slash still reaches the endpoints (/scim/v2//Users)', async () => {
    const list = await scim.get(`//Users?${q('userName eq "ct1@example.com"')}`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.totalResults, 1);
    const one = await scim.get(`//Users//${list.body.Resources[0].id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.userName, 'ct1@example.com');
  });
});

describe('SCIM: per-token rate limit', () => {
  let t: TestServer;
  before(async () => (t = await startTestServer({ env: { SCIM_RATE_LIMIT: '2', SCIM_RATE_BURST: '3' } })));
  after(() => t.stop());

  test('past the limit requests get 429 with Retry-After; other tokens are not affected', async () => {
    const org = await createOrg(t);
    const scim = scimClient(t, org.scimToken);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await scim.get('/Users?count=0'));
    const limited = results.filter((r) => r.status === 429);
    assert.ok(limited.length >= 2, results.map((r) => r.status).join(','));
    assert.ok(isScimError(limited[0]!, 429));
    assert.ok(Number(limited[0]!.headers.get('retry-after')) >= 1);
    const { createScimToken } = await t.gql(CreateScimTokenDocument, { organizationId: org.id, name: 'second' }, org.key);
    assert.equal((await scimClient(t, createScimToken.token).get('/Users?count=0')).status, 200);
  });
});

// contention the server did not resolve by running the change again (a deadlock inside a Bulk
// request's last run, or after transact()'s retries) is a retryable 503, not an internal error
test('a deadlock that was not run again becomes TRY_AGAIN, which SCIM answers 503 with Retry-After', () => {
  const e = errorFromDb(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
  assert.ok(e instanceof AppError);
  assert.deepEqual([e.code, e.reason], ['TRY_AGAIN', 'transaction.contention']);
  assert.equal(errorFromDb(Object.assign(new Error('could not serialize access'), { code: '40001' }))?.code, 'TRY_AGAIN');
  const scim = fromGraphQLErrors([{ message: e.message, extensions: { code: e.code, reason: e.reason } }]);
  assert.deepEqual([scim.status, scim.scimType, scim.headers['Retry-After']], [503, undefined, '1']);
});

// issue #15: custom DATETIME values mean the same instant whatever the host's time zone. The server
// runs as a separate process with TZ=Europe/Berlin (node reads TZ at start), where
// `new Date("2024-05-01T12:00")` is 10:00Z: stored values, SCIM filters, SCIM PATCH value filters and
// GraphQL filters must all read a time without an offset as UTC.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, gqlRequest, spawnServer, type ServerProcess, type TestServer } from '../helpers/harness.js';
import { createOrg, defineAttributes, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { CreateUserDocument, UsersDocument } from '../generated/graphql.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
const TZ = 'Europe/Berlin';

describe(`custom DATETIME attributes on a server whose time zone is ${TZ}`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let proc: ServerProcess | undefined;
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;

  before(async () => {
    // the test means something only where node knows the zone: 12:00 there is not 12:00Z
    const offset = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(new Date("2024-05-01T12:00").getTimezoneOffset()))'], {
      env: { ...process.env, TZ },
    }).toString();
    assert.equal(offset, '-120', `node does not apply TZ=${TZ} here`);
    db = await createTestDatabase();
    const adminKey = `test-admin-${randomBytes(16).toString('hex')}`;
    proc = await spawnServer({ DATABASE_URL: db.url, ADMIN_API_KEY: adminKey, TZ, SAML_RATE_LIMIT: '0' });
    const url = proc.url;
    // what the fixtures need of a TestServer, over the separate process
    t = {
      url,
      databaseUrl: db.url,
      adminKey,
      raw: (doc, variables, key = adminKey) => gqlRequest(url, key, doc, variables),
      async gql(doc, variables, key = adminKey) {
        const r = await gqlRequest(url, key, doc, variables);
        if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}\n${proc?.output()}`);
        return r.data!;
      },
    } as TestServer;
    org = await createOrg(t);
    await defineAttributes(t, org, { hired_at: 'DATETIME', reviews: { type: 'DATETIME', multiValued: true } });
    scim = scimClient(t, org.scimToken);
  });
  after(async () => {
    await proc?.stop();
    await db?.drop();
  });

  const storedValues = async (): Promise<Record<string, unknown>> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ user_name: string; custom_attributes: Record<string, unknown> }>(
        'select user_name, custom_attributes from users where organization_id = $1',
        [org.id],
      );
      return Object.fromEntries(r.rows.map((row) => [row.user_name, row.custom_attributes]));
    } finally {
      await c.end();
    }
  };

  test('a time without an offset is stored as that time in UTC, through SCIM and GraphQL alike', async () => {
    const created = await scim.post('/Users', {
      schemas: [USER, CUSTOM],
      userName: 'scim@example.com',
      [CUSTOM]: { hired_at: '2024-05-01T12:00', reviews: ['2024-05-01T12:00', '2024-06-01'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body[CUSTOM].hired_at, '2024-05-01T12:00:00.000Z');
    assert.deepEqual(created.body[CUSTOM].reviews, ['2024-05-01T12:00:00.000Z', '2024-06-01T00:00:00.000Z']);
    const gql = await t.raw(
      CreateUserDocument,
      { organizationId: org.id, input: { userName: 'gql@example.com', customAttributes: { hired_at: '2024-05-01T12:00' } } },
      org.key,
    );
    assert.equal(gql.errors, undefined, JSON.stringify(gql.errors));
    assert.equal((gql.data!.createUser.customAttributes as Record<string, unknown>).hired_at, '2024-05-01T12:00:00.000Z');
    const offset = await t.raw(
      CreateUserDocument,
      { organizationId: org.id, input: { userName: 'offset@example.com', customAttributes: { hired_at: '2024-05-01T14:00:00+02:00' } } },
      org.key,
    );
    assert.equal(offset.errors, undefined, JSON.stringify(offset.errors));

    const stored = await storedValues();
    assert.equal((stored['scim@example.com'] as Record<string, unknown>).hired_at, '2024-05-01T12:00:00.000Z');
    assert.equal((stored['gql@example.com'] as Record<string, unknown>).hired_at, '2024-05-01T12:00:00.000Z');
    assert.equal((stored['offset@example.com'] as Record<string, unknown>).hired_at, '2024-05-01T12:00:00.000Z');
  });

  test('the SCIM filter reads the same text as the same instant', async () => {
    const names = async (filter: string) => {
      const r = await scim.get(`/Users?${q(filter)}&sortBy=userName`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return (r.body.Resources as Array<{ userName: string }>).map((u) => u.userName).join(' ');
    };
    const all = 'gql@example.com offset@example.com scim@example.com';
    assert.equal(await names(`${CUSTOM}:hired_at eq "2024-05-01T12:00"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at eq "2024-05-01T12:00:00Z"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at eq "2024-05-01T14:00+02:00"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at ge "2024-05-01T12:00" and ${CUSTOM}:hired_at le "2024-05-01T12:00"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at gt "2024-05-01T11:59"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at lt "2024-05-01T12:01"`), all);
    assert.equal(await names(`${CUSTOM}:hired_at gt "2024-05-01T12:00"`), '');
    assert.equal(await names(`${CUSTOM}:reviews eq "2024-06-01"`), 'scim@example.com', 'a date alone is midnight UTC');
  });

  test('the GraphQL filter reads the same text as the same instant', async () => {
    const names = async (c: Record<string, unknown>) => {
      const r = await t.raw(
        UsersDocument,
        { organizationId: org.id, filter: { customAttributes: [{ name: 'hired_at', ...c }] }, sort: { field: 'USER_NAME' } },
        org.key,
      );
      assert.equal(r.errors, undefined, JSON.stringify([c, r.errors]));
      return r.data!.users.nodes.map((u) => u.userName).join(' ');
    };
    const all = 'gql@example.com offset@example.com scim@example.com';
    assert.equal(await names({ eq: '2024-05-01T12:00' }), all);
    assert.equal(await names({ eq: '2024-05-01T14:00+02:00' }), all);
    assert.equal(await names({ in: ['2020-01-01', '2024-05-01T12:00:00'] }), all);
    assert.equal(await names({ ne: '2024-05-01T12:00' }), '');
    assert.equal(await names({ ge: '2024-05-01T12:00', le: '2024-05-01T12:00' }), all);
    assert.equal(await names({ gt: '2024-05-01T12:00' }), '');
    assert.equal(await names({ startsWith: '2024-05-01T12:00' }), all, 'substring conditions match the stored text');
    const bad = await t.raw(UsersDocument, { organizationId: org.id, filter: { customAttributes: [{ name: 'hired_at', eq: 'yesterday' }] } }, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', 'a value that is no date-time is an error, not an empty result');
  });

  test('a SCIM PATCH value filter reads the same text as the same instant', async () => {
    const list = await scim.get(`/Users?${q('userName eq "scim@example.com"')}`);
    const id = list.body.Resources[0].id as string;
    const r = await scim.patch(`/Users/${id}`, PATCH({ op: 'remove', path: `${CUSTOM}:reviews[value eq "2024-05-01T12:00"]` }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body[CUSTOM].reviews, ['2024-06-01T00:00:00.000Z']);
  });
});

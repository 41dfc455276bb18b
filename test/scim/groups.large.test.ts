// A group larger than one page of members (1000): SCIM returns every member, read and sent a page
// at a time; GraphQL `memberships` pages them by cursor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, q, scimClient, type ScimClient } from '../helpers/scim-client.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import http from 'node:http';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const MEMBERS = 2100; // three pages of 1000

const MEMBERSHIPS = `query Memberships($org: ID!, $id: ID!, $first: Int, $after: String) {
  group(organizationId: $org, id: $id) {
    memberCount
    memberships(first: $first, after: $after) { nodes { userId userName displayName addedAt user { id userName } } pageInfo { hasNextPage hasPreviousPage endCursor } }
  }
}`;
interface MembershipsData {
  group: {
    memberCount: number;
    memberships: {
      nodes: Array<{ userId: string; userName: string; displayName: string | null; addedAt: string; user: { id: string; userName: string } | null }>;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    };
  } | null;
}

describe('SCIM: a group of more than one page of members', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  let groupId: string;
  let emptyId: string;
  let logs: CapturedLogs;
  const userIds: string[] = [];
  const names = new Map<string, string>();

  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'info' } });
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
    for (let start = 0; start < MEMBERS; start += 1000) {
      const ops = [];
      for (let i = start; i < Math.min(start + 1000, MEMBERS); i++) {
        ops.push({
          method: 'POST',
          path: '/Users',
          bulkId: `u${i}`,
          data: { schemas: [USER], userName: `member${i}@example.com`, displayName: `Member ${i}` },
        });
      }
      const r = await scim.post('/Bulk', { schemas: [BULK], Operations: ops });
      assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 500));
      for (const [k, op] of (r.body.Operations as Array<{ status: string; location: string }>).entries()) {
        assert.equal(op.status, '201');
        const id = op.location.split('/').pop()!;
        userIds.push(id);
        names.set(id, `Member ${start + k}`);
      }
    }
    const g = await scim.post('/Groups?excludedAttributes=members', { schemas: [GROUP], displayName: 'Everyone' });
    assert.equal(g.status, 201);
    groupId = g.body.id;
    const add = await scim.patch(`/Groups/${groupId}`, PATCH({ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }));
    assert.equal(add.status, 204, JSON.stringify(add.body));
    emptyId = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Nobody' })).body.id;
  });
  after(async () => {
    await t?.stop();
    logs.restore();
  });

  const assertAllMembers = (members: Array<Record<string, unknown>>, full: boolean) => {
    assert.equal(members.length, MEMBERS);
    assert.deepEqual(new Set(members.map((m) => m.value)), new Set(userIds));
    for (const m of members) {
      if (full) assert.deepEqual(m, { value: m.value, $ref: `${t.url}/scim/v2/Users/${m.value}`, display: names.get(m.value as string), type: 'User' });
      else assert.deepEqual(Object.keys(m), ['value']);
    }
  };

  test('GET /Groups/{id} returns every member once, across pages, streamed', async () => {
    const r = await scim.get(`/Groups/${groupId}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/scim\+json/);
    assert.equal(r.headers.get('transfer-encoding'), 'chunked');
    assert.equal(r.headers.get('etag'), r.body.meta.version);
    assert.equal(r.body.displayName, 'Everyone');
    assert.deepEqual(r.body.schemas, [GROUP]);
    assertAllMembers(r.body.members, true);
  });

  test('a client that hangs up mid-response stops the reads; the request is logged as cut off', async () => {
    const requestId = `hangup-${Date.now()}`;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        `${t.url}/scim/v2/Groups/${groupId}`,
        { headers: { authorization: `Bearer ${org.scimToken}`, 'x-request-id': requestId } },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    });
    for (let i = 0; i < 100 && !logs.of(requestId).some((l) => l.msg === 'request'); i++) await new Promise((r) => setTimeout(r, 50));
    const line = logs.of(requestId).find((l) => l.msg === 'request');
    assert.equal(line?.status, 200);
    assert.equal(line?.aborted, true);
    // a whole response is logged once, without the mark
    const whole = await scim.get(`/Groups/${groupId}?attributes=displayName`, { 'x-request-id': `${requestId}-2` });
    assert.equal(whole.status, 200);
    assert.deepEqual(
      logs
        .of(`${requestId}-2`)
        .filter((l) => l.msg === 'request')
        .map((l) => l.aborted),
      [undefined],
    );
  });

  test('attributes and excludedAttributes apply to every page of members', async () => {
    const values = await scim.get(`/Groups/${groupId}?attributes=members.value`);
    assert.deepEqual(Object.keys(values.body).sort(), ['id', 'members', 'schemas']);
    assertAllMembers(values.body.members, false);
    const noMembers = await scim.get(`/Groups/${groupId}?attributes=displayName`);
    assert.deepEqual(noMembers.body, { schemas: [GROUP], id: groupId, displayName: 'Everyone' });
    const excluded = await scim.get(`/Groups/${groupId}?excludedAttributes=members`);
    assert.equal(excluded.body.members, undefined);
    assert.equal(excluded.headers.get('transfer-encoding'), null);
  });

  test('a list of groups with members: the big one complete, the empty one with none, the page integers right', async () => {
    const r = await scim.get('/Groups?sortBy=displayName');
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.totalResults, r.body.startIndex, r.body.itemsPerPage], [2, 1, 2]);
    assert.deepEqual(
      r.body.Resources.map((g: { displayName: string }) => g.displayName),
      ['Everyone', 'Nobody'],
    );
    assertAllMembers(r.body.Resources[0].members, true);
    assert.deepEqual(r.body.Resources[1].members, []);
    assert.equal(r.body.Resources[1].id, emptyId);
    const filtered = await scim.get(`/Groups?${q('displayName eq "Everyone"')}&attributes=members.value`);
    assert.equal(filtered.body.totalResults, 1);
    assertAllMembers(filtered.body.Resources[0].members, false);
  });

  test('GraphQL memberships: keyset pages of a fixed order, each member once, with the user', async () => {
    const seen: string[] = [];
    let afterCursor: string | null = null;
    let pages = 0;
    for (;;) {
      const data: MembershipsData = await t.gql<MembershipsData, Record<string, unknown>>(
        MEMBERSHIPS,
        { org: org.id, id: groupId, first: 1000, after: afterCursor },
        org.key,
      );
      const m = data.group!.memberships;
      pages++;
      assert.equal(m.pageInfo.hasPreviousPage, afterCursor !== null);
      for (const n of m.nodes) {
        assert.equal(n.user?.id, n.userId);
        assert.equal(n.user?.userName, n.userName);
        assert.equal(n.displayName, names.get(n.userId));
        assert.ok(!Number.isNaN(Date.parse(n.addedAt)));
        seen.push(n.userId);
      }
      if (!m.pageInfo.hasNextPage) break;
      afterCursor = m.pageInfo.endCursor;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...userIds].sort());
    const empty = await t.gql<MembershipsData, Record<string, unknown>>(MEMBERSHIPS, { org: org.id, id: emptyId, first: 10, after: null }, org.key);
    assert.deepEqual(empty.group!.memberships, { nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null } });
  });

  test('GraphQL memberships refuses a forged cursor and an oversize page', async () => {
    const forged = await t.raw(
      MEMBERSHIPS,
      { org: org.id, id: groupId, first: 10, after: Buffer.from(JSON.stringify([null, 'not-a-uuid'])).toString('base64url') },
      org.key,
    );
    assert.equal(forged.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const big = await t.raw(MEMBERSHIPS, { org: org.id, id: groupId, first: 1001, after: null }, org.key);
    assert.equal(big.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    // a cursor of one group's memberships is refused on another's
    const first = await t.gql<MembershipsData, Record<string, unknown>>(MEMBERSHIPS, { org: org.id, id: groupId, first: 1, after: null }, org.key);
    const mixed = await t.raw(MEMBERSHIPS, { org: org.id, id: emptyId, first: 10, after: first.group!.memberships.pageInfo.endCursor }, org.key);
    assert.equal(mixed.errors?.[0]?.extensions?.reason, 'pagination.cursor.otherList');
  });

  test('a group of another organization shows no memberships', async () => {
    const other = await createOrg(t);
    const r = await t.raw<MembershipsData, Record<string, unknown>>(MEMBERSHIPS, { org: other.id, id: groupId, first: 10, after: null }, other.key);
    assert.equal(r.errors, undefined);
    assert.equal(r.data?.group, null);
  });
});

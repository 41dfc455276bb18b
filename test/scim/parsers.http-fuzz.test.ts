// Thousands of generated filters and PATCH paths through real HTTP: each answer is a result or a
// SCIM 400/404, never a crash or a 500. Deterministic (seeded), bounded in count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, scimClient, type ScimClient } from '../helpers/scim-client.js';

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  'userName eq "a@example.com"',
  'emails[type eq "work" and value co "@example.com"] or name.familyName sw "O\'M"',
  'not (active eq false) and (title pr or userType eq "Intern")',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'addresses[type eq "work"].locality',
  'members[value eq "01900000-0000-7000-8000-000000000000"]',
  'name.givenName',
  'urn:ietf:params:scim:schemas:extension:custom:2.0:User:level ge 3',
];
const PIECES = [
  '(',
  ')',
  '[',
  ']',
  '"',
  '\\',
  ' and ',
  ' or ',
  'not ',
  ' eq ',
  ' co ',
  ' pr',
  '.',
  ':',
  'urn:',
  '%',
  '\u0000',
  'é',
  '💥',
  'null',
  'true',
  '1e309',
  '-0',
  '""',
];

function mutate(rand: () => number, s: string): string {
  let out = s;
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.4) out = out.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + out.slice(at);
    else if (r < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 5));
    else out = out.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 95)) + out.slice(at);
  }
  return out;
}

describe('SCIM parsers under generated input, over HTTP', () => {
  let t: TestServer;
  let org: OrgFixture;
  let scim: ScimClient;
  let userId: string;
  let groupId: string;
  before(async () => {
    t = await startTestServer({ env: { SCIM_RATE_LIMIT: '0' } });
    org = await createOrg(t);
    scim = scimClient(t, org.scimToken);
    userId = (
      await scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'fuzz@example.com',
        emails: [{ value: 'fuzz@example.com', type: 'work' }],
      })
    ).body.id;
    groupId = (await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Fuzz' })).body.id;
  });
  after(() => t.stop());

  async function hammer(count: number, make: (rand: () => number) => () => Promise<{ status: number; body: unknown }>, seed: number) {
    const rand = mulberry32(seed);
    const statuses = new Map<number, number>();
    const calls = Array.from({ length: count }, () => make(rand));
    for (let i = 0; i < calls.length; i += 16) {
      const batch = await Promise.all(calls.slice(i, i + 16).map((c) => c()));
      for (const r of batch) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        assert.ok(r.status < 500, `server error ${r.status}: ${JSON.stringify(r.body)}`);
        assert.ok([200, 204, 400, 404, 409].includes(r.status), `unexpected ${r.status}: ${JSON.stringify(r.body)}`);
      }
    }
    return statuses;
  }

  test('2,000 generated filters: 200 or 400 invalidFilter', async () => {
    const statuses = await hammer(
      2000,
      (rand) => {
        const f = mutate(rand, SEEDS[Math.floor(rand() * SEEDS.length)]!);
        return () =>
          scim.get(
            `/Users?filter=${encodeURIComponent(f.replace(/[\uD800-\uDFFF]/g, (c, i: number) => ((/[\uD800-\uDBFF]/.test(c) && /[\uDC00-\uDFFF]/.test(f[i + 1] ?? '')) || (/[\uDC00-\uDFFF]/.test(c) && /[\uD800-\uDBFF]/.test(f[i - 1] ?? '')) ? c : '\uFFFD')))}&count=1`,
          );
      },
      7,
    );
    assert.ok((statuses.get(400) ?? 0) > 100 && (statuses.get(200) ?? 0) > 10, JSON.stringify([...statuses]));
  });

  test('2,000 generated PATCH paths on users and groups: a result or a 4xx SCIM error', async () => {
    await hammer(
      2000,
      (rand) => {
        const path = mutate(rand, SEEDS[Math.floor(rand() * SEEDS.length)]!);
        const op = ['add', 'replace', 'remove', 'Add', 'Replace', 'Remove'][Math.floor(rand() * 6)];
        const value = [undefined, 'x', 1, true, null, [{ value: 'y' }], { value: 'z' }][Math.floor(rand() * 7)];
        const onGroup = rand() < 0.3;
        return () => scim.patch(onGroup ? `/Groups/${groupId}` : `/Users/${userId}`, PATCH({ op, path, value }));
      },
      11,
    );
  });
});

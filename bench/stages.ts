/**
 * `npm run bench:stages`: where a SCIM request's CPU goes, layer by layer, in one process.
 *
 * Starts a throwaway embedded PostgreSQL and the server in this process, loads BENCH_USERS users
 * (default 5000) with one INSERT … SELECT, and runs each stage sequentially (one at a time, warm,
 * so no contention blurs it), measuring this process's CPU per operation:
 *   - the lookup statement the API runs, sent through the `pg` driver (the baseline);
 *   - the same lookup as the GraphQL operation the SCIM adapter runs (executor, resolvers, query
 *     building, knex/MikroORM, the driver);
 *   - the SCIM adapter's handler for `GET /Users?filter=userName eq "…"` (filter parsing,
 *     translation, the GraphQL operation, rendering), for a create, a PATCH of `active` and the
 *     removal of one member from a group (`members[value eq "…"]`);
 *   - a bare node:http round trip, and the whole HTTP request through Koa (client and server both
 *     in this process, so these two include the client's side).
 * Prints CPU µs per operation and the ratio to the baseline. BENCH_STAGE_OPS (default 4000)
 * operations per stage, two rounds (the first warms up). BENCH_STAGES (comma-separated parts of
 * stage names) runs only those stages; BENCH_PROFILE_DIR writes a V8 CPU profile of each measured
 * round there (`<stage>.cpuprofile`, for Chrome DevTools or `npx tsx bench/profile-summary.ts`).
 * BENCH_LOG_SQL=1 prints each statement sent through the `pg` driver (`SQL {text, values}`; a
 * transaction's first statement carries its BEGIN), and at the end how often each prepared statement
 * of the server's idle connections was run on a generic or a custom plan (`PREP generic custom text`).
 */
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/start.js';
import { ScimContext } from '../src/scim/scim-context.js';
import { createUser, listUsers, patchUser, type ListParams } from '../src/scim/users.js';
import { LIST_USERS } from '../src/scim/operations.js';
import { createGroup, patchGroup } from '../src/scim/groups.js';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const OPS = Number(process.env.BENCH_STAGE_OPS ?? 4000);
const ONLY = (process.env.BENCH_STAGES ?? '').split(',').filter(Boolean);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const LOG_SQL = Boolean(process.env.BENCH_LOG_SQL);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const dir = mkdtempSync(path.join(tmpdir(), 'bench-stages-'));
const log = createLogger('error');
const db = await startEmbeddedPostgres({ dir, database: 'stages', log });
const servers: http.Server[] = [];
let srv: Awaited<ReturnType<typeof startServer>> | undefined;
let pool: pg.Pool | undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
try {
  srv = await startServer({ ...loadConfig({}), port: 0, adminApiKey: ADMIN_KEY, scimRateLimit: 0 }, db.url, log);
  const running = srv;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const b = (await r.json()) as { data: Record<string, Record<string, string>>; errors?: unknown };
    if (b.errors) throw new Error(JSON.stringify(b.errors));
    return b.data;
  };
  const org = (await gql('mutation { createOrganization(input: {name: "Bench", slug: "bench"}) { id } }')).createOrganization!.id!;
  const token = (await gql('mutation($o: ID!) { createScimToken(organizationId: $o, name: "bench") { token } }', { o: org })).createScimToken!.token!;
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  await pool.query(
    `insert into users (id, organization_id, user_name, user_name_key, external_id, active, given_name, family_name, display_name, emails, email_keys,
       phone_numbers, addresses, role, base_role, custom_attributes, attribute_sources, provisioned_by, created_at, updated_at, version)
     select gen_random_uuid(), $1, 'user' || i || '@bench.example', 'user' || i || '@bench.example', 'ext' || i, true, 'Given', 'Family' || i, 'Given Family' || i,
       jsonb_build_array(jsonb_build_object('value', 'user' || i || '@bench.example', 'type', 'work', 'primary', true)), array['user' || i || '@bench.example'],
       '[]', '[]', 'MEMBER', 'MEMBER', '{}', '{}', 'SCIM', now(), now(), 1
     from generate_series(1, $2::int) i`,
    [org, USERS],
  );
  await pool.query('analyze users');
  const ids = (await pool.query<{ id: string }>('select id from users where organization_id = $1 order by id limit 2000', [org])).rows.map((r) => r.id);

  const activeNow = new Map<string, boolean>();
  const principal = { kind: 'SCIM_TOKEN' as const, credentialId: '00000000-0000-7000-8000-000000000000', organizationId: org, label: 'bench' };
  const scim = () => new ScimContext(running.app.runner, principal, org, `${running.url}/scim/v2`, 'bench', log);
  const userName = (i: number) => `user${1 + ((i * 7919) % USERS)}@bench.example`;
  // the statement the API runs for a userName lookup (each stage checks that it found the user)
  const lookupSql = `select u.*, (u.created_at)::text as __sort_key, (select coalesce(json_agg(row_to_json(g) order by g.display_name_key collate "C"), '[]'::json)
    from group_memberships m join groups g on g.id = m.group_id where m.user_id = u.id) as __groups
    from users u where u.organization_id = $1 and (u.user_name_key collate "C") = $2 limit $3 offset $4`;
  const bare = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/scim+json');
    res.end('x'.repeat(1000));
  });
  servers.push(bare);
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
  const get = (port: number | string, p: string, headers: Record<string, string> = {}) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  const found = (n: number) => {
    if (n !== 1) throw new Error(`a lookup found ${n} users`);
  };

  // a group holding the first 2,000 users (by id), for the member removals; refilled when emptied
  const created = await createGroup(scim(), { schemas: [GROUP_SCHEMA], displayName: 'Bench group' }, {} as ListParams);
  const groupId = created.headers!.Location!.split('/').pop()!; // (the body streams its members)
  const fillGroup = async () => {
    await pool!.query(
      `insert into group_memberships (group_id, user_id, organization_id, created_at) select $1, unnest($2::uuid[]), $3, now() on conflict do nothing`,
      [groupId, ids, org],
    );
    await pool!.query('update groups set member_count = (select count(*) from group_memberships where group_id = $1) where id = $1', [groupId]);
  };
  await fillGroup();
  let removals = 0;

  const stages: Array<[string, (i: number) => Promise<void>]> = [
    [
      'lookup statement via pg (baseline)',
      async (i) => found((await pool!.query({ name: 'lookup', text: lookupSql, values: [org, userName(i), 2, 0] })).rowCount ?? 0),
    ],
    [
      'lookup GraphQL operation',
      async (i) => {
        const r = await running.app.runner.run<{ users: { nodes: unknown[] } }, Record<string, unknown>>(
          principal,
          LIST_USERS,
          { org, filter: { userName: { eq: userName(i) } }, sort: null, first: 1, offset: 0, groups: true },
          { requestId: 'bench' },
        );
        found(r.data?.users.nodes.length ?? 0);
      },
    ],
    [
      'lookup SCIM handler',
      async (i) => {
        const r = await listUsers(scim(), { filter: `userName eq "${userName(i)}"` } as ListParams);
        found((r.body as { totalResults: number }).totalResults);
      },
    ],
    [
      'page of 1,000 users SCIM handler',
      async (i) => {
        // index paging as Okta imports do, groups excluded as the benchmark's paging phase does
        const startIndex = ((i * 1000) % Math.max(1000, USERS - 1000)) + 1;
        const r = await listUsers(scim(), { startIndex: String(startIndex), count: '1000', excludedAttributes: 'groups' } as ListParams);
        if ((r.body as { itemsPerPage: number }).itemsPerPage !== 1000) throw new Error('short page');
      },
    ],
    ['bare node:http round trip', () => get((bare.address() as { port: number }).port, '/')],
    // the same round trip through Koa and its middleware, without SCIM (a health probe), and
    // through the SCIM router with its authentication, without a database read (discovery)
    ['healthz HTTP request (Koa)', () => get(running.port, '/healthz')],
    ['ServiceProviderConfig HTTP request (SCIM auth)', () => get(running.port, '/scim/v2/ServiceProviderConfig', { authorization: `Bearer ${token}` })],
    [
      'lookup HTTP request',
      (i) => get(running.port, `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName(i)}"`)}`, { authorization: `Bearer ${token}` }),
    ],
    [
      'page of 1,000 users HTTP request',
      (i) =>
        get(running.port, `/scim/v2/Users?startIndex=${((i * 1000) % Math.max(1000, USERS - 1000)) + 1}&count=1000&excludedAttributes=groups`, {
          authorization: `Bearer ${token}`,
        }),
    ],
    [
      'create SCIM handler',
      async (i) => {
        const n = `${Date.now().toString(36)}-${i}`;
        const r = await createUser(
          scim(),
          {
            schemas: [USER_SCHEMA],
            userName: `new-${n}@bench.example`,
            externalId: `new-${n}`,
            name: { givenName: 'Given', familyName: 'Family' },
            emails: [{ value: `new-${n}@bench.example`, type: 'work', primary: true }],
            displayName: 'Given Family',
            active: true,
          },
          {} as ListParams,
        );
        if (r.status !== 201) throw new Error(`create answered ${r.status}`);
      },
    ],
    [
      'PATCH active SCIM handler',
      async (i) => {
        // every PATCH changes its user: each one flips the user's `active` (a PATCH that changes
        // nothing writes nothing, and so measured only the read and the lock until 2026-12-06)
        const id = ids[i % ids.length]!;
        const active = !(activeNow.get(id) ?? true);
        activeNow.set(id, active);
        const r = await patchUser(scim(), id, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active } }] }, {} as ListParams);
        if (r.status !== 200) throw new Error(`PATCH answered ${r.status}`);
      },
    ],
    [
      'remove 1 member SCIM handler',
      async () => {
        // Okta's and Entra's removal: PATCH remove members[value eq "<id>"]; each removes another member
        if (removals === ids.length) {
          removals = 0;
          await fillGroup(); // once per 2,000 removals, inside the measurement (~1–2 µs per removal)
        }
        const id = ids[removals++]!;
        const r = await patchGroup(scim(), groupId, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });
        if (r.status !== 204) throw new Error(`remove answered ${r.status}`);
      },
    ],
  ];

  let baseline = 0;
  const rows: Array<Record<string, string>> = [];
  const chosen = ONLY.length ? stages.filter(([name]) => ONLY.some((part) => name.includes(part))) : stages;
  const profiler = PROFILE_DIR ? new Session() : null;
  if (profiler) {
    mkdirSync(PROFILE_DIR!, { recursive: true });
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
  }
  if (LOG_SQL) {
    // every statement of this process (the server's and the stages' own), as it goes to the driver
    const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    (pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text: string };
      console.log('SQL ' + JSON.stringify(typeof q === 'string' ? { text: q } : { text: q.text, values: (q as { values?: unknown[] }).values }));
      return orig.apply(this, a);
    };
  }
  for (let round = 0; round < 2; round++) {
    for (const [name, fn] of chosen) {
      if (round === 0) {
        for (let i = 0; i < Math.min(OPS, 500); i++) await fn(i);
        continue;
      }
      if (profiler) await profiler.post('Profiler.start');
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < OPS; i++) await fn(i);
      const cpu = process.cpuUsage(c0);
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(path.join(PROFILE_DIR!, `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
      }
      const us = (cpu.user + cpu.system) / OPS;
      if (!baseline) baseline = us;
      rows.push({
        stage: name,
        'CPU µs/op': us.toFixed(0),
        'wall µs/op': (((performance.now() - t0) * 1000) / OPS).toFixed(0),
        'vs baseline': `${(us / baseline).toFixed(2)}×`,
      });
    }
  }
  if (LOG_SQL) {
    // PostgreSQL plans a prepared statement anew for each run until a generic plan looks as cheap
    const tp = (running.orm.em.getConnection().getKnex().client as unknown as { pool: { free: Array<{ resource: pg.Client }> } }).pool;
    for (const f of tp.free) {
      const r = await f.resource.query(
        "select generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 90) as s from pg_prepared_statements",
      );
      for (const x of r.rows) console.log('PREP', x.generic_plans, x.custom_plans, x.s);
    }
  }
  console.log(`\nSCIM stages, in one process, sequential: ${USERS} users, ${OPS} operations per stage, node ${process.version}, ${new Date().toISOString()}`);
  console.table(rows);
} finally {
  agent.destroy();
  for (const s of servers) s.close();
  await pool?.end();
  await srv?.stop();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}

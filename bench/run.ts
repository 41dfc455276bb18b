/**
 * `npm run bench`: the SCIM hot path measured against the database's own ceiling, in one run.
 *
 * Starts a throwaway embedded PostgreSQL (durable default settings) and the server as a separate
 * process, then drives it over HTTP with the Okta pattern. For comparison it measures, on the same
 * database and at the same concurrency, raw single-row INSERTs and indexed SELECTs of the same row
 * shape through the `pg` driver, and the HTTP floor: a bare node:http server answering a fixed body.
 * Prints ops/s, latency percentiles, CPU per operation of client, server and PostgreSQL, the server's
 * peak memory and the ratio to the raw ceiling for every phase. Every phase starts on a settled
 * database (see settleDatabase in bench/harness.ts).
 *
 * Environment: BENCH_USERS (default 20000), BENCH_CONCURRENCY (default 16), BENCH_GROUP_MEMBERS
 * (default 10000), BENCH_LOOKUPS (default 5000), BENCH_SERVER_NODE_ARGS (extra node flags for the server
 * process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it), BENCH_MARKS=1 (print each phase's
 * start and end on the monotonic clock V8 profiles use, to slice such a profile by phase).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';
import {
  ADMIN_KEY,
  adminGraphql,
  benchHooks,
  createUser,
  drive,
  postgresCpuSeconds,
  processCpuSeconds,
  scimAt as scimClient,
  serverUrl,
  spawnServer,
  type CpuTimes,
} from './harness.js';
import { oidcCodeExchange, printOidcTokenPhase } from './oidc-token.js';

const USERS = Number(process.env.BENCH_USERS ?? 20000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const GROUP_MEMBERS = Math.min(Number(process.env.BENCH_GROUP_MEMBERS ?? 10000), USERS);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 5000);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface PhaseResult {
  name: string;
  ops: number;
  seconds: number;
  latencies: number[];
  cpu?: CpuTimes;
  baseline?: { name: string; opsPerSecond: number };
  note?: string;
}

/** The HTTP floor's server (run with `node -e`): prints its port, answers every request with ~1 KB of JSON. */
const BARE_HTTP_SERVER = `
const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, itemsPerPage: 1, startIndex: 1,
  Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '0193a0c8-3a4b-7c1d-9e2f-3a4b5c6d7e8f', externalId: '00u1', userName: 'user1@bench.example',
    name: { givenName: 'Given', familyName: 'Family1', formatted: 'Given Family1' }, displayName: 'Given Family1', active: true,
    emails: [{ value: 'user1@bench.example', type: 'work', primary: true }], groups: [],
    meta: { resourceType: 'User', created: new Date().toISOString(), lastModified: new Date().toISOString(), location: 'http://127.0.0.1/scim/v2/Users/0193a0c8-3a4b-7c1d-9e2f-3a4b5c6d7e8f', version: 'W/"1"' } }] }).padEnd(1000);
const srv = require('node:http').createServer((req, res) => { res.setHeader('content-type', 'application/scim+json'); res.end(body); });
srv.listen(0, '127.0.0.1', () => console.log(srv.address().port));
`;

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/** A memory figure of /proc/<pid>/status in MB (VmRSS now, VmHWM the peak); NaN when gone. */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

/** Creates per server and round, and rounds, of the metrics-and-traces comparison. */
const OBS_CREATES = Number(process.env.BENCH_OBSERVABILITY_CREATES ?? 2000);
const OBS_ROUNDS = Number(process.env.BENCH_OBSERVABILITY_ROUNDS ?? 3);
/** Creates each of those servers makes first, unmeasured (JIT, caches, prepared statements). */
const OBS_WARMUP = Number(process.env.BENCH_OBSERVABILITY_WARMUP ?? 300);

interface ObservabilityVariant {
  name: string;
  /** OTEL_SERVICE_NAME of a tracing server (the sink counts its spans by it). */
  service?: string;
  env: Record<string, string>;
  pid?: number;
  url?: string;
  agent?: http.Agent;
  scim?: (method: string, p: string, body?: unknown, expect?: number) => Promise<any>;
  runs: Array<{ round: number; serverMs: number; dbMs: number; opsPerSecond: number; p50: number; spans: number }>;
}

/**
 * Where the tracing servers export: an OTLP/HTTP endpoint that accepts every request (200) and
 * discards it, counting the spans of each service (`"spanId":"` occurrences of its JSON bodies, one
 * resource per request).
 */
async function startTraceSink(): Promise<{ url: string; spans: (service: string) => number; stop: () => Promise<void> }> {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const service = /"service\.name","value":\{"stringValue":"([^"]*)"/.exec(body)?.[1] ?? '';
      counts.set(service, (counts.get(service) ?? 0) + (body.match(/"spanId":"/g)?.length ?? 0));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    spans: (service) => counts.get(service) ?? 0,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'idm-bench-'));
  const log = createLogger('warn');
  const db = await startEmbeddedPostgres({ dir, database: 'bench', log, settings: { max_connections: '200' } });
  const server = spawnServer(db.url);
  const postmasterPid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let cpuServerPid = server.pid!;
  benchHooks.cpuProbe = () => {
    const own = process.cpuUsage();
    return { client: (own.user + own.system) / 1e6, server: processCpuSeconds(cpuServerPid), db: postgresCpuSeconds(postmasterPid) };
  };
  const cleanup = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const url = await serverUrl(server);
    const gql = adminGraphql(url);
    const org = (await gql('mutation { createOrganization(input: {name: "Bench", slug: "bench"}) { id } }')).createOrganization.id as string;
    const token = (await gql('mutation($o: ID!) { createScimToken(organizationId: $o, name: "bench") { token } }', { o: org })).createScimToken.token as string;
    /** A SCIM client of the server at `base` (each server of the run has its own keep-alive agent). */
    const scimAt = (base: string, agent: http.Agent) => scimClient(base, agent, token);
    // node:http with a keep-alive agent: a lighter client than fetch, so the client takes less of the
    // CPU it shares with the server and the database
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const scim = scimAt(url, agent);
    const userName = (i: number) => `user${i}@bench.example`;
    const results: PhaseResult[] = [];
    const memory: Array<[number, number]> = [];

    const admin = new pg.Client({ connectionString: db.url });
    admin.on('error', () => {}); // the database is stopped under it when the run fails
    await admin.connect();
    benchHooks.settleDatabase = async () => {
      await admin.query('vacuum (analyze)');
      await admin.query('checkpoint');
    };

    // BENCH_ONLY=observability: only the metrics-and-traces comparison below (a few minutes less)
    const onlyObservability = process.env.BENCH_ONLY === 'observability';
    // BENCH_ONLY=oidc-token: only the OIDC code exchange (bench/oidc-token.ts)
    const oidcToken = () => oidcCodeExchange({ url, databaseUrl: db.url, adminKey: ADMIN_KEY, drive, concurrency: CONCURRENCY });
    if (process.env.BENCH_ONLY === 'oidc-token') return printOidcTokenPhase(await oidcToken(), CONCURRENCY);
    if (!onlyObservability) {
      // --- database ceiling: raw single-row INSERT and indexed SELECT, same row shape, same concurrency
      const pool = new pg.Pool({ connectionString: db.url, max: CONCURRENCY });
      await pool.query('create table raw_users (like users including all)');
      await pool.query('alter table raw_users drop constraint if exists raw_users_organization_id_foreign');
      const rawInsert = await drive(USERS, CONCURRENCY, async (i) => {
        await pool.query(
          `insert into raw_users (id, organization_id, user_name, user_name_key, external_id, active, given_name, family_name, display_name, emails, email_keys, phone_numbers, addresses, role, base_role, custom_attributes, attribute_sources, provisioned_by, created_at, updated_at, version)
         values (gen_random_uuid(), $1, $2, $3, $4, true, $5, $6, $7, $8, $9, '[]', '[]', 'MEMBER', 'MEMBER', '{}', '{}', 'SCIM', now(), now(), 1)`,
          [
            org,
            userName(i),
            userName(i),
            `ext-${i}`,
            'Given',
            `Family${i}`,
            `Given Family${i}`,
            JSON.stringify([{ value: userName(i), type: 'work', primary: true }]),
            [userName(i)],
          ],
        );
      });
      const rawInsertOps = USERS / rawInsert.seconds;
      const rawSelect = await drive(LOOKUPS, CONCURRENCY, async () => {
        const k = Math.floor(Math.random() * USERS);
        await pool.query(`select * from raw_users where organization_id = $1 and (user_name_key collate "C") = $2`, [org, userName(k)]);
      });
      const rawSelectOps = LOOKUPS / rawSelect.seconds;
      await pool.query('drop table raw_users');
      await pool.end();
      results.push({ name: 'raw INSERT (pg driver)', ops: USERS, ...rawInsert });
      results.push({ name: 'raw indexed SELECT (pg driver)', ops: LOOKUPS, ...rawSelect });

      // --- the HTTP floor: a bare node:http server answering a fixed ~1 KB body (what a lookup
      // returns), driven by the same client: what any Node HTTP service costs before doing anything
      const floor = spawn(process.execPath, ['-e', BARE_HTTP_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const floorPort = await new Promise<number>((resolve) => floor.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
        const floorAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        cpuServerPid = floor.pid!;
        const bare = await drive(
          LOOKUPS,
          CONCURRENCY,
          () =>
            new Promise<void>((resolve, reject) => {
              const req = http.request(
                {
                  agent: floorAgent,
                  host: '127.0.0.1',
                  port: floorPort,
                  path: `/scim/v2/Users?filter=${encodeURIComponent('userName eq "x"')}`,
                  headers: { authorization: `Bearer ${token}` },
                },
                (res) => {
                  res.on('data', () => {});
                  res.on('end', resolve);
                  res.on('error', reject);
                },
              );
              req.on('error', reject);
              req.end();
            }),
        );
        floorAgent.destroy();
        results.push({ name: 'bare node:http, fixed 1 KB body', ops: LOOKUPS, ...bare, note: 'the HTTP floor' });
      } finally {
        cpuServerPid = server.pid!;
        floor.kill();
      }

      // --- Okta create pattern: filter by userName, then POST
      const ids: string[] = new Array(USERS);
      const checkpoints = new Set([Math.floor(USERS / 4), Math.floor(USERS / 2), Math.floor((3 * USERS) / 4), USERS - 1]);
      const create = await drive(USERS, CONCURRENCY, async (i) => {
        ids[i] = await createUser(scim, userName(i), `00u${i}`);
        if (checkpoints.has(i)) memory.push([i + 1, memoryMb(server.pid!, 'VmRSS')]);
      });
      results.push({ name: 'create (filter + POST)', ops: USERS, ...create, baseline: { name: 'raw INSERT', opsPerSecond: rawInsertOps } });

      const lookup = await drive(LOOKUPS, CONCURRENCY, async () => {
        const k = Math.floor(Math.random() * USERS);
        const r = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName(k)}"`)}`, undefined, 200);
        if (r.totalResults !== 1) throw new Error('lookup missed');
      });
      results.push({ name: 'lookup by userName', ops: LOOKUPS, ...lookup, baseline: { name: 'raw SELECT', opsPerSecond: rawSelectOps } });

      const deactivations = Math.min(2000, USERS);
      const deactivate = await drive(deactivations, CONCURRENCY, async (i) => {
        await scim('PATCH', `/Users/${ids[i]}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }, 200);
      });
      results.push({ name: 'PATCH deactivate', ops: deactivations, ...deactivate });

      // --- group: grow to GROUP_MEMBERS by PATCH adds of up to 1,000, then 1,000 single removals
      const big = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Big group' }, 201);
      const batches = Math.ceil(GROUP_MEMBERS / 1000);
      const grow = await drive(batches, 1, async (b) => {
        const members = ids.slice(b * 1000, Math.min((b + 1) * 1000, GROUP_MEMBERS)).map((value) => ({ value }));
        await scim('PATCH', `/Groups/${big.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: members }] }, 204);
      });
      results.push({ name: `group add (1,000 members per PATCH, to ${GROUP_MEMBERS})`, ops: batches, ...grow });
      const removals = Math.min(1000, GROUP_MEMBERS);
      const removeBig = await drive(removals, CONCURRENCY, async (i) => {
        await scim('PATCH', `/Groups/${big.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${ids[i]}"]` }] }, 204);
      });
      results.push({ name: `remove 1 member (group of ${GROUP_MEMBERS})`, ops: removals, ...removeBig });
      // the next 1,000: the first ran the removal's own code for the first time in this server (most of
      // it unoptimized until V8 tiers it up, ~1,000–2,000 removals in), as the first paging pass does
      const moreRemovals = Math.min(1000, GROUP_MEMBERS - removals - 10);
      if (moreRemovals > 0) {
        const removeNext = await drive(moreRemovals, CONCURRENCY, async (i) => {
          await scim(
            'PATCH',
            `/Groups/${big.id}`,
            { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${ids[removals + i]}"]` }] },
            204,
          );
        });
        results.push({ name: `remove 1 member, the next ${moreRemovals}`, ops: moreRemovals, ...removeNext, note: 'after the first 1,000' });
      }
      const leftInBig = GROUP_MEMBERS - removals - Math.max(0, moreRemovals);
      const small = await scim(
        'POST',
        '/Groups',
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Small group', members: ids.slice(0, 10).map((value) => ({ value })) },
        201,
      );
      const removeSmall = await drive(removals, CONCURRENCY, async (i) => {
        // remove and re-add so the group stays at 10 members
        const id = ids[i % 10]!;
        await scim(
          'PATCH',
          `/Groups/${small.id}`,
          {
            schemas: [PATCH_OP],
            Operations: [
              { op: 'remove', path: `members[value eq "${id}"]` },
              { op: 'add', path: 'members', value: [{ value: id }] },
            ],
          },
          204,
        );
      });
      results.push({ name: 'remove+re-add 1 member (group of 10)', ops: removals, ...removeSmall, note: 'two operations per PATCH' });
      const removeBigPair = await drive(removals, CONCURRENCY, async (i) => {
        const id = ids[GROUP_MEMBERS - 1 - (i % 10)]!;
        await scim(
          'PATCH',
          `/Groups/${big.id}`,
          {
            schemas: [PATCH_OP],
            Operations: [
              { op: 'remove', path: `members[value eq "${id}"]` },
              { op: 'add', path: 'members', value: [{ value: id }] },
            ],
          },
          204,
        );
      });
      results.push({
        name: `remove+re-add 1 member (group of ${leftInBig})`,
        ops: removals,
        ...removeBigPair,
        note: 'two operations per PATCH',
      });

      // --- paging through every user, 1,000 per page (index paging as Okta imports do)
      const pages = Math.ceil(USERS / 1000);
      const pageThrough = () =>
        drive(pages, 1, async (p) => {
          const r = await scim('GET', `/Users?startIndex=${p * 1000 + 1}&count=1000&excludedAttributes=groups`, undefined, 200);
          if (r.itemsPerPage !== Math.min(1000, USERS - p * 1000)) throw new Error('short page');
        });
      results.push({ name: 'page through all users (1,000 per page)', ops: pages, ...(await pageThrough()) });
      // the same again: the first pass includes the paging path's JIT warm-up (its code runs for
      // the first time in this process, over only BENCH_USERS / 1,000 pages); a long-running server is past it
      results.push({ name: 'page through all users again', ops: pages, ...(await pageThrough()), note: 'the second pass' });
      results.push(await oidcToken());
    }

    // --- what metrics and traces cost on the SCIM create path (issue #20): servers of their own on
    // the same database, identical but for these settings, each driven with the create pattern in
    // turn, round after round with the order rotating, so a noisy minute of this VM falls on all
    const sink = await startTraceSink();
    const variants = (
      [
        { name: 'metrics off, traces off', env: { METRICS_ENABLED: 'false' } },
        { name: 'metrics on, traces off (default)', env: {} },
        { name: 'metrics on, traces on, every request', service: 'bench-all', env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_SERVICE_NAME: 'bench-all' } },
        {
          name: 'metrics on, traces on, 10 % sampled',
          service: 'bench-sampled',
          env: {
            OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
            OTEL_SERVICE_NAME: 'bench-sampled',
            OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
            OTEL_TRACES_SAMPLER_ARG: '0.1',
          },
        },
      ] as Array<Omit<ObservabilityVariant, 'runs'>>
    ).map((v): ObservabilityVariant => ({ ...v, runs: [] }));
    const processes: ChildProcess[] = [];
    try {
      for (const v of variants) {
        const proc = spawnServer(db.url, { OTEL_BSP_SCHEDULE_DELAY: '1000', ...v.env });
        processes.push(proc);
        v.pid = proc.pid!;
        v.url = await serverUrl(proc);
      }
      // a fresh keep-alive agent for each drive: a socket left idle past the server's keep-alive
      // timeout while the other servers ran could be closed just as it is reused (ECONNRESET)
      const connect = (v: ObservabilityVariant) => {
        v.agent?.destroy();
        v.agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        v.scim = scimAt(v.url!, v.agent);
      };
      // warm-up (JIT, caches, prepared statements), not measured
      for (const [k, v] of variants.entries()) {
        connect(v);
        for (let i = 0; i < OBS_WARMUP; i++) await createUser(v.scim!, `obs${k}-warm${i}@bench.example`, `obs${k}-warm${i}`);
      }
      for (let round = 0; round < OBS_ROUNDS; round++) {
        for (let j = 0; j < variants.length; j++) {
          const k = (j + round) % variants.length;
          const v = variants[k]!;
          cpuServerPid = v.pid!;
          connect(v);
          const spansBefore = v.service ? sink.spans(v.service) : 0;
          const r = await drive(OBS_CREATES, CONCURRENCY, async (i) => {
            await createUser(v.scim!, `obs${k}-r${round}-${i}@bench.example`, `obs${k}-r${round}-${i}`);
          });
          // the last batch of spans is exported within OTEL_BSP_SCHEDULE_DELAY (1 s here)
          if (v.service) await new Promise((res) => setTimeout(res, 1500));
          v.runs.push({
            round,
            serverMs: (r.cpu.server * 1000) / OBS_CREATES,
            dbMs: (r.cpu.db * 1000) / OBS_CREATES,
            opsPerSecond: OBS_CREATES / r.seconds,
            p50: pct(
              [...r.latencies].sort((a, b) => a - b),
              50,
            ),
            spans: v.service ? (sink.spans(v.service) - spansBefore) / OBS_CREATES : 0,
          });
        }
      }
    } finally {
      cpuServerPid = server.pid!;
      for (const v of variants) v.agent?.destroy();
      for (const proc of processes) {
        if (proc.exitCode !== null) continue;
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      await sink.stop();
    }

    agent.destroy();
    benchHooks.settleDatabase = undefined;
    await admin.end();
    const peak = memoryMb(server.pid!, 'VmHWM');
    console.log(`\nSCIM benchmark: ${USERS} users, concurrency ${CONCURRENCY}, node ${process.version}, ${new Date().toISOString()}`);
    console.log(`server peak RSS ${peak.toFixed(0)} MB; RSS while creating: ${memory.map(([n, mb]) => `${n} users ${mb.toFixed(0)} MB`).join(', ')}\n`);
    const rows = results.map((r) => {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const opsPerSecond = r.ops / r.seconds;
      return {
        phase: r.name,
        'ops/s': opsPerSecond.toFixed(1),
        'p50 ms': pct(sorted, 50).toFixed(2),
        'p95 ms': pct(sorted, 95).toFixed(2),
        'p99 ms': pct(sorted, 99).toFixed(2),
        'CPU ms/op client+server+db': r.cpu ? [r.cpu.client, r.cpu.server, r.cpu.db].map((c) => ((c * 1000) / r.ops).toFixed(2)).join(' + ') : '',
        'vs raw': r.baseline ? `${((opsPerSecond / r.baseline.opsPerSecond) * 100).toFixed(0)}% of ${r.baseline.name}` : (r.note ?? ''),
      };
    });
    console.table(rows);
    // BENCH_OBSERVABILITY_ROUNDS=0: that comparison was not run, nothing to print
    if (OBS_ROUNDS <= 0) return;
    console.log(
      `\nMetrics and traces on the create path (filter + POST): ${OBS_ROUNDS} rounds of ${OBS_CREATES} creates per server, in rotating order; server CPU per create in ms, each round's value`,
    );
    const base = variants[0]!;
    console.table(
      variants.map((v) => {
        const byRound = [...v.runs].sort((a, b) => a.round - b.round);
        const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
        return {
          server: v.name,
          'server CPU ms/create': byRound.map((r) => r.serverMs.toFixed(2)).join(', '),
          'vs metrics off, same round':
            v === base
              ? ''
              : byRound
                  .map(
                    (r, i) =>
                      `${r.serverMs - base.runs.find((b) => b.round === byRound[i]!.round)!.serverMs >= 0 ? '+' : ''}${(r.serverMs - base.runs.find((b) => b.round === byRound[i]!.round)!.serverMs).toFixed(2)}`,
                  )
                  .join(', '),
          'creates/s': range(
            byRound.map((r) => r.opsPerSecond),
            0,
          ),
          'p50 ms': range(
            byRound.map((r) => r.p50),
            1,
          ),
          'db CPU ms/create': range(
            byRound.map((r) => r.dbMs),
            2,
          ),
          'spans exported/create': v.service
            ? range(
                byRound.map((r) => r.spans),
                1,
              )
            : '',
        };
      }),
    );
  } finally {
    await cleanup();
  }
}

await main();

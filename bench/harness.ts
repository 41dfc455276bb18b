/**
 * What the benchmarks share (bench/run.ts, bench/peers.ts): the server spawned as deployed, its URL,
 * the CPU clocks of a process and of PostgreSQL read from /proc, the driver that runs a phase with
 * N concurrent clients, and a keep-alive SCIM client with the Okta create pattern.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** CPU seconds used so far by the benchmark client, the server process and PostgreSQL (all its processes). */
export interface CpuTimes {
  client: number;
  server: number;
  db: number;
}

/**
 * What `drive` reads at every phase: the CPU clocks (`cpuProbe`), and `settleDatabase`, run before
 * every phase: VACUUM (ANALYZE) and CHECKPOINT, so the database starts each phase settled and a phase
 * is not charged for the work PostgreSQL deferred from the one before it (autovacuum of the rows it
 * wrote, writing out the pages it dirtied).
 */
export const benchHooks: { cpuProbe: () => CpuTimes; settleDatabase?: () => Promise<void> } = {
  cpuProbe: () => ({ client: 0, server: 0, db: 0 }),
};

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** The fields of /proc/<pid>/stat after the parenthesised command name (so [0] is the state, field 3
 *  of proc(5): ppid is [1], utime [11], stime [12], cutime [13], cstime [14]); undefined when gone. */
function procStat(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in seconds (0 when it is gone). */
export function processCpuSeconds(pid: number): number {
  const f = procStat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / CLOCK_TICKS : 0;
}

/** The postmaster and its children (backends, walwriter, checkpointer, ...); exited backends are
 *  counted through the postmaster's cutime/cstime. */
export function postgresCpuSeconds(postmasterPid: number): number {
  const own = procStat(postmasterPid);
  if (!own) return NaN;
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / CLOCK_TICKS;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = procStat(entry); // undefined: exited meanwhile
    if (f && Number(f[1]) === postmasterPid) total += (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  }
  return total;
}

/** The postmaster's pid of an embedded cluster in `dir` (startEmbeddedPostgres keeps it in `dir`/pg). */
export function postmasterPidOf(pgDir: string): number {
  return Number(readFileSync(`${pgDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}

let phaseNo = 0;

/** Runs `count` operations with `concurrency` workers; returns per-op latency in ms and the CPU
 *  seconds each process used meanwhile. */
export async function drive(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[]; cpu: CpuTimes }> {
  const latencies: number[] = new Array(count);
  let next = 0;
  await benchHooks.settleDatabase?.();
  const cpuBefore = benchHooks.cpuProbe();
  const startedUs = process.hrtime.bigint() / 1000n;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t0 = performance.now();
        await op(i);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = benchHooks.cpuProbe();
  const cpu = { client: cpuAfter.client - cpuBefore.client, server: cpuAfter.server - cpuBefore.server, db: cpuAfter.db - cpuBefore.db };
  // for slicing a server CPU profile by phase: V8 profiles are stamped with the same monotonic clock
  if (process.env.BENCH_MARKS) console.error(`phase ${phaseNo++} monotonic µs ${startedUs} ${process.hrtime.bigint() / 1000n}`);
  return { seconds, latencies, cpu };
}

/** One key for every server of the run: they share the database and its sealed secrets. */
const BENCH_SECRETS_KEY = randomBytes(32).toString('base64');

/**
 * The Node flags `npm start` gives the server (package.json's start script, `exec node <flags> --import
 * tsx src/server/main.ts`): the benchmark runs the server as it is started, and cannot drift from it.
 */
export function startNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const m = /\bexec node ((?:--\S+ )*)--import tsx src\/server\/main\.ts\b/.exec(start);
  if (!m) throw new Error(`package.json's start script no longer reads "exec node [flags] --import tsx src/server/main.ts": ${start}`);
  return m[1]!.split(' ').filter(Boolean);
}

/**
 * The server as a process of its own on `databaseUrl` (NODE_ENV=production and `npm start`'s Node
 * flags, as deployed), with `env` over the benchmark's settings. BENCH_SERVER_NODE_ARGS: more flags
 * after those (a later one of the same name wins).
 */
export function spawnServer(databaseUrl: string, env: Record<string, string> = {}): ChildProcess {
  const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return spawn(process.execPath, [...startNodeFlags(), ...serverNodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    // SECRETS_KEY: a production start on DATABASE_URL refuses without one
    env: {
      NODE_ENV: 'production',
      SECRETS_KEY: BENCH_SECRETS_KEY,
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
      SCIM_RATE_LIMIT: '0',
      OIDC_TOKEN_RATE_LIMIT: '0',
      DB_POOL_SIZE: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The port a process listens on, found by asking the OS (its sockets in /proc/<pid>/fd against the
 *  listening sockets of /proc/net/tcp); rejects after `timeoutMs`. */
export function listeningUrl(child: ChildProcess, timeoutMs = 300_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const started = Date.now();
    const poll = setInterval(() => {
      const ports = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1);
      const inodes = new Set<string>();
      try {
        for (const fd of readdirSync(`/proc/${child.pid}/fd`)) {
          const link = readlinkSync(`/proc/${child.pid}/fd/${fd}`);
          const m = /socket:\[(\d+)\]/.exec(link);
          if (m) inodes.add(m[1]!);
        }
      } catch {
        /* not yet */
      }
      for (const line of ports) {
        const cols = line.trim().split(/\s+/);
        if (cols[3] === '0A' && inodes.has(cols[9]!)) {
          clearInterval(poll);
          resolve(`http://127.0.0.1:${parseInt(cols[1]!.split(':')[1]!, 16)}`);
          return;
        }
      }
      if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`server did not start: ${out}`));
      }
    }, 200);
  });
}

/** The URL a spawned server listens on (found by asking the OS which port it holds), once it is ready. */
export async function serverUrl(server: ChildProcess): Promise<string> {
  // the server logs at warn; find its port by asking the OS which port it listens on
  const url = await listeningUrl(server);
  // wait for readiness (migrations applied)
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return url;
}

/** The admin GraphQL API of the server at `url` (ADMIN_KEY as bearer); throws on GraphQL errors. */
export function adminGraphql(url: string) {
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data: Record<string, any>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

export type ScimClient = (method: string, p: string, body?: unknown, expect?: number) => Promise<any>;

/** A SCIM client of the server at `base` whose SCIM paths start with `prefix`, authenticated with
 *  `token` (each server of a run has its own keep-alive agent). */
export function scimAt(base: string, agent: http.Agent, token: string, prefix = '/scim/v2'): ScimClient {
  const target = new URL(base);
  return (method, p, body, expect) =>
    new Promise((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path: `${prefix}${p}`,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (expect !== undefined && res.statusCode !== expect) return reject(new Error(`${method} ${p}: ${res.statusCode} ${text.slice(0, 300)}`));
            resolve(text ? JSON.parse(text) : undefined);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** Okta's create: a filter by userName (no match), then the POST; the new user's id. */
export async function createUser(client: ScimClient, name: string, externalId: string): Promise<string> {
  const found = await client('GET', `/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}`, undefined, 200);
  if (found.totalResults !== 0) throw new Error('unexpected existing user');
  const u = await client(
    'POST',
    '/Users',
    {
      schemas: [USER_SCHEMA],
      userName: name,
      externalId,
      name: { givenName: 'Given', familyName: `Family ${externalId}` },
      displayName: `Given Family ${externalId}`,
      emails: [{ value: name, type: 'work', primary: true }],
      active: true,
    },
    201,
  );
  return u.id as string;
}

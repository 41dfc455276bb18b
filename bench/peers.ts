/**
 * `npm run bench:peers`: the same Okta-pattern SCIM load against this server and two peers, one
 * after another, in one run:
 *
 * - **ours**: the server as a process of its own on an embedded PostgreSQL, spawned as bench/run.ts
 *   does (NODE_ENV=production, SCIM_RATE_LIMIT=0, LOG_LEVEL=warn), with an organization and a SCIM
 *   token made through the admin GraphQL API;
 * - **SCIMMY** 1.3.5 (scimmy-routers 1.3.2 on Express), users kept in memory (bench/peers/scimmy-server.mjs);
 * - **Jackson** (@boxyhq/saml-jackson 26.2.0) as a library with its SQL engine on a second database
 *   of the same PostgreSQL cluster, behind a minimal node:http adapter (bench/peers/jackson-server.mjs),
 *   one okta-scim-v2 directory whose SCIM secret is the bearer token.
 *
 * Per server: BENCH_PEERS_USERS creates (a filter by userName expecting no match, then the POST),
 * then BENCH_PEERS_LOOKUPS random lookups by userName, at BENCH_PEERS_CONCURRENCY clients over a
 * keep-alive node:http agent; PostgreSQL is settled (VACUUM ANALYZE on the server's database, then
 * CHECKPOINT) before each phase. Prints creates/s, lookups/s and the CPU per operation of the server
 * process and of PostgreSQL (utime+stime from /proc, read at the phase boundaries), and the ratios.
 * Only one server runs at a time.
 *
 * The peers' packages are not the project's: they are resolved from BENCH_PEERS_DIR (default
 * /tmp/peer-pkgs); a peer whose packages are missing there is skipped, with the command that
 * installs them.
 *
 * Environment: BENCH_PEERS_USERS (default 3000), BENCH_PEERS_LOOKUPS (default 3000),
 * BENCH_PEERS_CONCURRENCY (default 8), BENCH_PEERS_DIR (default /tmp/peer-pkgs), BENCH_PEERS_WARMUP
 * (default 0, as the issue's comparison ran: that many creates and lookups per server, unmeasured,
 * before its phases).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';
import {
  adminGraphql,
  benchHooks,
  createUser,
  drive,
  postgresCpuSeconds,
  postmasterPidOf,
  processCpuSeconds,
  scimAt,
  serverUrl,
  spawnServer,
  type CpuTimes,
  type ScimClient,
} from './harness.js';

const USERS = Number(process.env.BENCH_PEERS_USERS ?? 3000);
const LOOKUPS = Number(process.env.BENCH_PEERS_LOOKUPS ?? 3000);
const WARMUP = Number(process.env.BENCH_PEERS_WARMUP ?? 0);
const CONCURRENCY = Number(process.env.BENCH_PEERS_CONCURRENCY ?? 8);
const PEERS_DIR = path.resolve(process.env.BENCH_PEERS_DIR ?? '/tmp/peer-pkgs');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const INSTALL = `mkdir -p ${PEERS_DIR} && cd ${PEERS_DIR} && npm init -y && npm install --no-audit --no-fund scimmy@1.3.5 scimmy-routers@1.3.2 express @boxyhq/saml-jackson@26.2.0`;

interface Phase {
  ops: number;
  seconds: number;
  cpu: CpuTimes;
}
interface ServerResult {
  name: string;
  create: Phase;
  lookup: Phase;
}

/** The server under test: its process, its SCIM client, the pg client that settles its database. */
interface Target {
  proc: ChildProcess;
  scim: ScimClient;
  agent: http.Agent;
  settle: pg.Client;
}

const userName = (i: number) => `user${i}@bench.example`;

const missing = (...packages: string[]) => packages.filter((p) => !existsSync(path.join(PEERS_DIR, 'node_modules', p, 'package.json')));

/** The first line a peer prints on stdout (its port, or a JSON line); rejects when it exits first. */
function firstLine(proc: ChildProcess, what: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      proc.stdout!.off('data', onData);
      proc.off('exit', onExit);
      resolve(out.slice(0, nl).trim());
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function main() {
  const lackScimmy = missing('scimmy', 'scimmy-routers', 'express');
  const lackJackson = missing('@boxyhq/saml-jackson');
  if (lackScimmy.length || lackJackson.length) {
    console.log(`Peer packages missing in ${PEERS_DIR} (${[...lackScimmy, ...lackJackson].join(', ')}); install them with\n  ${INSTALL}`);
    console.log(`Measuring ${['ours', ...(lackScimmy.length ? [] : ['SCIMMY']), ...(lackJackson.length ? [] : ['Jackson'])].join(', ')} only.\n`);
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'idm-bench-peers-'));
  const db = await startEmbeddedPostgres({ dir, database: 'bench', log: createLogger('warn'), settings: { max_connections: '200' } });
  const postmasterPid = postmasterPidOf(path.join(dir, 'pg'));
  const processes = new Set<ChildProcess>();
  const clients = new Set<pg.Client>();
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const proc of processes) await stop(proc);
    for (const c of clients) await c.end().catch(() => {});
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  const connect = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {}); // the database is stopped under it when the run fails
    await c.connect();
    clients.add(c);
    return c;
  };
  const track = (proc: ChildProcess) => {
    processes.add(proc);
    proc.once('exit', () => processes.delete(proc));
    return proc;
  };

  /** Creates then lookups against `t`, CPU read from its process and from all of PostgreSQL. */
  const measure = async (name: string, t: Target): Promise<ServerResult> => {
    const pid = t.proc.pid!;
    benchHooks.cpuProbe = () => {
      const own = process.cpuUsage();
      return { client: (own.user + own.system) / 1e6, server: processCpuSeconds(pid), db: postgresCpuSeconds(postmasterPid) };
    };
    benchHooks.settleDatabase = async () => {
      await t.settle.query('vacuum (analyze)');
      await t.settle.query('checkpoint');
    };
    if (WARMUP > 0) {
      // unmeasured: each server's code warmed up (JIT) on users of its own, as a long-running one is
      process.stderr.write(`${name}: ${WARMUP} warm-up creates and lookups ...\n`);
      await drive(WARMUP, CONCURRENCY, (i) => createUser(t.scim, `warm${i}@bench.example`, `warm${i}`).then(() => undefined));
      await drive(WARMUP, CONCURRENCY, (i) =>
        t.scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "warm${i}@bench.example"`)}`, undefined, 200).then(() => undefined),
      );
    }
    process.stderr.write(`${name}: ${USERS} creates, ${LOOKUPS} lookups ...\n`);
    const create = await drive(USERS, CONCURRENCY, async (i) => {
      await createUser(t.scim, userName(i), `00u${i}`);
    });
    const lookup = await drive(LOOKUPS, CONCURRENCY, async () => {
      const k = Math.floor(Math.random() * USERS);
      const r = await t.scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName(k)}"`)}`, undefined, 200);
      if (r.totalResults !== 1) throw new Error(`${name}: lookup of ${userName(k)} found ${r.totalResults}`);
    });
    benchHooks.settleDatabase = undefined;
    t.agent.destroy();
    await stop(t.proc);
    return { name, create: { ops: USERS, ...create }, lookup: { ops: LOOKUPS, ...lookup } };
  };

  const results: ServerResult[] = [];
  try {
    const benchDb = await connect(db.url);

    // --- ours
    {
      const proc = track(spawnServer(db.url));
      const url = await serverUrl(proc);
      const gql = adminGraphql(url);
      const org = (await gql('mutation { createOrganization(input: {name: "Bench", slug: "bench"}) { id } }')).createOrganization.id as string;
      const token = (await gql('mutation($o: ID!) { createScimToken(organizationId: $o, name: "bench") { token } }', { o: org })).createScimToken
        .token as string;
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      results.push(await measure('ours', { proc, agent, scim: scimAt(url, agent, token), settle: benchDb }));
    }

    // --- SCIMMY, in memory
    if (!lackScimmy.length) {
      const token = randomBytes(24).toString('base64url');
      const proc = track(
        spawn(process.execPath, [path.join(HERE, 'peers', 'scimmy-server.mjs')], {
          env: { ...process.env, NODE_ENV: 'production', BENCH_PEERS_DIR: PEERS_DIR, BENCH_PEER_TOKEN: token },
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      );
      const port = Number(await firstLine(proc, 'the SCIMMY server'));
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      results.push(await measure('SCIMMY 1.3.5 (in memory)', { proc, agent, scim: scimAt(`http://127.0.0.1:${port}`, agent, token), settle: benchDb }));
    }

    // --- Jackson, on a database of the same cluster
    if (!lackJackson.length) {
      await benchDb.query('create database jackson');
      const jacksonUrl = databaseUrl(db.url, 'jackson');
      const proc = track(
        spawn(process.execPath, [path.join(HERE, 'peers', 'jackson-server.mjs')], {
          env: { ...process.env, NODE_ENV: 'production', BENCH_PEERS_DIR: PEERS_DIR, BENCH_PEER_DATABASE_URL: jacksonUrl },
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      );
      const { port, directoryId, secret } = JSON.parse(await firstLine(proc, 'the Jackson server')) as { port: number; directoryId: string; secret: string };
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const settle = await connect(jacksonUrl);
      results.push(
        await measure('Jackson 26.2.0 (PostgreSQL)', {
          proc,
          agent,
          scim: scimAt(`http://127.0.0.1:${port}`, agent, secret, `/scim/v2/${encodeURIComponent(directoryId)}`),
          settle,
        }),
      );
    }
  } finally {
    benchHooks.settleDatabase = undefined;
    await cleanup();
  }

  const ms = (p: Phase, k: 'server' | 'db') => (p.cpu[k] * 1000) / p.ops;
  console.log(
    `\nSCIM peers: ${USERS} creates (filter + POST), ${LOOKUPS} lookups by userName, concurrency ${CONCURRENCY}, warm-up ${WARMUP}, node ${process.version}, ${new Date().toISOString()}\n`,
  );
  console.table(
    results.map((r) => ({
      server: r.name,
      'creates/s': (r.create.ops / r.create.seconds).toFixed(1),
      'lookups/s': (r.lookup.ops / r.lookup.seconds).toFixed(1),
      'server CPU ms/create': ms(r.create, 'server').toFixed(2),
      'PG CPU ms/create': ms(r.create, 'db').toFixed(2),
      'server CPU ms/lookup': ms(r.lookup, 'server').toFixed(2),
      'PG CPU ms/lookup': ms(r.lookup, 'db').toFixed(2),
    })),
  );
  const ours = results.find((r) => r.name === 'ours')!;
  const jackson = results.find((r) => r.name.startsWith('Jackson'));
  const scimmy = results.find((r) => r.name.startsWith('SCIMMY'));
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  if (jackson) {
    const total = (p: Phase) => ms(p, 'server') + ms(p, 'db');
    console.log('\nours vs Jackson, CPU per operation (Jackson’s / ours; above 1: ours uses less):');
    console.table({
      create: {
        server: x(ms(jackson.create, 'server'), ms(ours.create, 'server')),
        PostgreSQL: x(ms(jackson.create, 'db'), ms(ours.create, 'db')),
        'server + PostgreSQL': x(total(jackson.create), total(ours.create)),
      },
      lookup: {
        server: x(ms(jackson.lookup, 'server'), ms(ours.lookup, 'server')),
        PostgreSQL: x(ms(jackson.lookup, 'db'), ms(ours.lookup, 'db')),
        'server + PostgreSQL': x(total(jackson.lookup), total(ours.lookup)),
      },
    });
  }
  if (scimmy) {
    const rate = (p: Phase) => p.ops / p.seconds;
    console.log('\nours vs SCIMMY (in memory, no database), rates (ours / SCIMMY):');
    console.table({
      'creates/s': { 'ours / SCIMMY': x(rate(ours.create), rate(scimmy.create)) },
      'lookups/s': { 'ours / SCIMMY': x(rate(ours.lookup), rate(scimmy.lookup)) },
    });
  }
}

await main();

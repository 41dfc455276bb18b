/**
 * `npx tsx bench/saml-acs-stall.ts`: how much a burst of worst-case unauthenticated SAML ACS posts
 * stalls the server. Starts a throwaway embedded PostgreSQL and the server as a separate process
 * (as bench/run.ts does), configures one organization's SAML connection, then fires POSTS (default
 * 6) concurrent ACS posts of a 957 KB SAMLResponse holding 105,000 nested `<a>` elements, while one
 * client polls `GET /healthz` back to back. Prints the /healthz latency alone and during the posts
 * (p50 / max in ms), what the posts were answered, and the CPU the server spent on them. Stops the
 * server and the database and removes their files at the end, also on failure or Ctrl-C.
 *
 * `measureSamlAcsStall({ url, slug })` is the measurement alone, against a server you already run.
 *
 * Environment: POSTS (default 6), ROUNDS (default 3: each round fires POSTS posts at once and reports
 * separately; the first includes the server's warm-up), BENCH_SERVER_NODE_ARGS (extra node flags for
 * the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/server/logger.js';
import { TestIdp } from '../test/helpers/saml-idp.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/** The worst case reported in issue #15: 105,000 nested elements, 735,000 bytes of XML, 980,000 characters of base64. */
export function nestedSamlResponse(depth = 105_000): string {
  return Buffer.from('<a>'.repeat(depth) + '</a>'.repeat(depth), 'utf8').toString('base64');
}

export interface StallResult {
  posts: number;
  /** Status codes the posts were answered with. */
  statuses: number[];
  /** Wall time from the first post sent to the last answer. */
  postsMs: number;
  /** CPU the server spent meanwhile (ms), when a probe was given; /healthz answers included. */
  serverCpuMs: number | null;
  healthzAlone: { count: number; p50: number; max: number };
  healthzDuringPosts: { count: number; p50: number; max: number };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { count: s.length, p50: pct(s, 50), max: s.at(-1) ?? NaN };
};

function request(url: URL, method: string, headers: Record<string, string | number> = {}, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** /healthz back to back (one in flight) until `until` settles; latencies in ms. */
async function pollHealthz(base: string, until: Promise<unknown> | number): Promise<number[]> {
  const url = new URL('/healthz', base);
  const latencies: number[] = [];
  let done = false;
  if (typeof until === 'number') setTimeout(() => (done = true), until);
  else void until.finally(() => (done = true));
  while (!done) {
    const t0 = performance.now();
    const status = await request(url, 'GET');
    if (status !== 200) throw new Error(`/healthz answered ${status}`);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/**
 * The measurement: /healthz alone for a second, then `posts` concurrent worst-case ACS posts to
 * `/saml/{slug}/acs` with /healthz polled until the last is answered. `serverCpuMs`, when given,
 * reads the server's CPU time so far (ms), e.g. from /proc as main() does.
 */
export async function measureSamlAcsStall(opts: { url: string; slug: string; posts?: number; samlResponse?: string; serverCpuMs?: () => number }): Promise<StallResult> {
  const posts = opts.posts ?? 6;
  const body = new URLSearchParams({ SAMLResponse: opts.samlResponse ?? nestedSamlResponse() }).toString();
  const alone = await pollHealthz(opts.url, 1000);
  const acs = new URL(`/saml/${opts.slug}/acs`, opts.url);
  const cpuBefore = opts.serverCpuMs?.() ?? NaN;
  const started = performance.now();
  const all = Promise.all(
    Array.from({ length: posts }, () => request(acs, 'POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, body)),
  );
  const during = await pollHealthz(opts.url, all);
  const statuses = await all;
  const postsMs = performance.now() - started;
  const serverCpuMs = opts.serverCpuMs ? opts.serverCpuMs() - cpuBefore : null;
  return { posts, statuses, postsMs, serverCpuMs, healthzAlone: summary(alone), healthzDuringPosts: summary(during) };
}

/** utime + stime of a process in ms (Linux /proc, 10 ms resolution; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function main() {
  const posts = Number(process.env.POSTS ?? 6);
  const rounds = Number(process.env.ROUNDS ?? 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'idm-bench-saml-'));
  const log = createLogger('warn');
  const db = await startEmbeddedPostgres({ dir, database: 'bench', log, settings: { fsync: 'off', synchronous_commit: 'off' } });
  // the SAML rate limit off: every post comes from 127.0.0.1, and the point is what gets through it
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', ADMIN_API_KEY: ADMIN_KEY, SECRETS_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'info', SAML_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-100_000)));
  server.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-100_000)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        const kill = setTimeout(() => server.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(kill);
      }
      await db.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    })());
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 90_000);
      const poll = setInterval(() => {
        const m = /"msg":"listening"[^\n]*"url":"([^"]+)"/.exec(output);
        if (m) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(m[1]!);
        }
      }, 50);
      void exited.then(() => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`the server exited:\n${output}`));
      });
    });
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ query, variables }) });
      const b = (await r.json()) as { data: Record<string, any>; errors?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (b.errors) throw new Error(JSON.stringify(b.errors));
      return b.data;
    };
    const slug = 'stall';
    const org = (await gql(`mutation { createOrganization(input: {name: "Stall", slug: "${slug}"}) { id } }`)).createOrganization.id as string;
    await gql('mutation($o: ID!, $xml: String!) { configureSamlConnection(organizationId: $o, input: {idpMetadataXml: $xml}) { configured } }', { o: org, xml: new TestIdp().metadataXml() });

    const samlResponse = nestedSamlResponse();
    console.log(`SAML ACS stall: ${posts} concurrent posts of a ${(samlResponse.length / 1024).toFixed(0)} KiB SAMLResponse (105,000 nested elements), ${rounds} rounds, node ${process.version}`);
    for (let round = 1; round <= rounds; round++) {
      const r = await measureSamlAcsStall({ url, slug, posts, samlResponse, serverCpuMs: () => cpuMs(server.pid!) });
      const cpu = r.serverCpuMs!;
      console.log(
        `round ${round}: posts answered ${[...new Set(r.statuses)].join(',')} in ${r.postsMs.toFixed(0)} ms; server CPU meanwhile ${cpu.toFixed(0)} ms (${(cpu / posts).toFixed(0)} ms per post);` +
          ` /healthz alone p50 ${r.healthzAlone.p50.toFixed(1)} max ${r.healthzAlone.max.toFixed(1)} ms (${r.healthzAlone.count});` +
          ` during the posts p50 ${r.healthzDuringPosts.p50.toFixed(1)} max ${r.healthzDuringPosts.max.toFixed(1)} ms (${r.healthzDuringPosts.count})`,
      );
    }
  } finally {
    await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/saml-acs-stall.ts')) await main();

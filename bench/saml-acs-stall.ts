/**
 * How much a burst of worst-case unauthenticated SAML ACS posts stalls the server (issue #15 §2):
 * POSTS (default 6) concurrent ACS posts of a 957 KB SAMLResponse holding 105,000 nested `<a>`
 * elements, while one client polls `GET /healthz` back to back. `npm run bench:stall` (bench/stall.ts)
 * runs it beside the GraphQL classes; `measureSamlAcsStall({ url, slug })` is the measurement alone,
 * against a server you already run.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

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
  healthzAlone: { count: number; p50: number; p90: number; max: number };
  healthzDuringPosts: { count: number; p50: number; p90: number; max: number };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
export const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { count: s.length, p50: pct(s, 50), p90: pct(s, 90), max: s.at(-1) ?? NaN };
};

export function request(url: URL, method: string, headers: Record<string, string | number> = {}, body?: string): Promise<number> {
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
export async function pollHealthz(base: string, until: Promise<unknown> | number): Promise<number[]> {
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
export async function measureSamlAcsStall(opts: {
  url: string;
  slug: string;
  posts?: number;
  samlResponse?: string;
  serverCpuMs?: () => number;
}): Promise<StallResult> {
  const posts = opts.posts ?? 6;
  const body = new URLSearchParams({ SAMLResponse: opts.samlResponse ?? nestedSamlResponse() }).toString();
  const alone = await pollHealthz(opts.url, 1000);
  const acs = new URL(`/saml/${opts.slug}/acs`, opts.url);
  const cpuBefore = opts.serverCpuMs?.() ?? NaN;
  const started = performance.now();
  const all = Promise.all(
    Array.from({ length: posts }, () =>
      request(acs, 'POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, body),
    ),
  );
  const during = await pollHealthz(opts.url, all);
  const statuses = await all;
  const postsMs = performance.now() - started;
  const serverCpuMs = opts.serverCpuMs ? opts.serverCpuMs() - cpuBefore : null;
  return { posts, statuses, postsMs, serverCpuMs, healthzAlone: summary(alone), healthzDuringPosts: summary(during) };
}

/** utime + stime of a process in ms (Linux /proc, 10 ms resolution; NaN elsewhere). */
export function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

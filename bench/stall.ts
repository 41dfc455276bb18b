/**
 * `npm run bench:stall`: does the worst request of each class in issue #15 stall the server? Starts a
 * throwaway embedded PostgreSQL and the server as a separate process (NODE_ENV=production, as
 * bench/run.ts does), fills one organization with BENCH_USERS users (default 2,000) and a SAML
 * connection, then for each class sends STALL_CLIENTS (default 2) clients that repeat the request back to
 * back for STALL_SECONDS (default 3) while one client polls `GET /healthz`; then the SAML ACS class
 * (bench/saml-acs-stall.ts). Prints per class: what the requests were answered, how many ran, the
 * server CPU per request, and /healthz latency alone and meanwhile (p50 / p90 / max in ms). Stops the server
 * and the database and removes their files at the end, also on failure or Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/server/database.js';
import { createLogger } from '../src/shared/logger.js';
import { TestIdp } from '../test/helpers/saml-idp.js';
import { spawnServer, type ServerProcess } from '../test/helpers/harness.js';
import { cpuMs, measureSamlAcsStall, nestedSamlResponse, pollHealthz, request, summary } from './saml-acs-stall.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const USERS = Number(process.env.BENCH_USERS ?? 2000);
const CLIENTS = Number(process.env.STALL_CLIENTS ?? 2);
const SECONDS = Number(process.env.STALL_SECONDS ?? 3);

const INTROSPECTION_ALIAS = '__schema { types { name fields { name args { name type { name ofType { name } } } } } }';
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const USER_FIELDS =
  'id userName displayName title department active createdAt updatedAt externalId nickName profileUrl userType preferredLanguage locale timezone';

/** The classes of issue #15 §1: the attack as reported (now refused), and the largest request of its shape the limits still accept. */
function graphqlClasses(org: string): Array<{ name: string; query: string; variables?: Record<string, unknown> }> {
  return [
    { name: '3,000 aliased __schema (reported: 10.3 s of CPU)', query: `{ ${aliases(3000, INTROSPECTION_ALIAS)} }` },
    { name: '21 aliased __schema (the most accepted)', query: `{ ${aliases(21, INTROSPECTION_ALIAS)} }` },
    {
      name: '2,000 aliased samlConnection (reported: 4.2 s)',
      query: `query($o: ID!) { ${aliases(2000, 'samlConnection(organizationId: $o) { configured idpEntityId idpCertificates { fingerprintSha256 } }')} }`,
      variables: { o: org },
    },
    {
      name: '45 aliased samlConnection (the most accepted)',
      query: `query($o: ID!) { ${aliases(45, 'samlConnection(organizationId: $o) { configured idpEntityId idpCertificates { fingerprintSha256 } }')} }`,
      variables: { o: org },
    },
    {
      name: '2,000 aliased userStats (reported: 1.7 s)',
      query: `query($o: ID!) { ${aliases(2000, 'userStats(organizationId: $o) { totalUsers activeUsers }')} }`,
      variables: { o: org },
    },
    {
      name: '3 aliased userStats (the most accepted)',
      query: `query($o: ID!) { ${aliases(3, 'userStats(organizationId: $o) { totalUsers activeUsers }')} }`,
      variables: { o: org },
    },
    {
      name: `6 pages of 1,000 users × 15 fields (the most accepted)`,
      query: `query($o: ID!) { ${aliases(6, `users(organizationId: $o, first: 1000) { nodes { ${USER_FIELDS} } }`)} }`,
      variables: { o: org },
    },
    { name: '100,000 nested braces', query: '{'.repeat(100_000) },
  ];
}

/** CLIENTS clients repeat one request for SECONDS while /healthz is polled. */
async function measureGraphqlClass(url: string, pid: number, query: string, variables: Record<string, unknown>) {
  const target = new URL('/graphql', url);
  // a new document each time (a comment makes it one), as an attacker would send: no cache helps
  const bodyOf = (n: number) => JSON.stringify({ query: `${query}\n# ${n}`, variables });
  const statuses = new Set<number>();
  let count = 0;
  const end = Date.now() + SECONDS * 1000;
  const cpuBefore = cpuMs(pid);
  const clients = Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const body = bodyOf(count++);
        statuses.add(
          await request(
            target,
            'POST',
            { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}`, 'content-length': Buffer.byteLength(body) },
            body,
          ),
        );
      }
    }),
  );
  const during = summary(await pollHealthz(url, clients));
  await clients;
  return { statuses: [...statuses], count, cpuPerRequest: (cpuMs(pid) - cpuBefore) / Math.max(count, 1), during };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'idm-bench-stall-'));
  const log = createLogger('warn');
  const db = await startEmbeddedPostgres({ dir, database: 'bench', log, settings: { fsync: 'off', synchronous_commit: 'off' } });
  let server: ServerProcess | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await server?.stop();
      await db.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    })());
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    // the SAML rate limit off: every post comes from 127.0.0.1, and the point is what gets through it
    server = await spawnServer({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      ADMIN_API_KEY: ADMIN_KEY,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SAML_RATE_LIMIT: '0',
      SCIM_RATE_LIMIT: '0',
    });
    const { url } = server;
    const pid = server.child.pid!;
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query, variables }),
      });
      const b = (await r.json()) as { data: Record<string, any>; errors?: unknown };
      if (b.errors) throw new Error(JSON.stringify(b.errors));
      return b.data;
    };
    const slug = 'stall';
    const org = (await gql(`mutation { createOrganization(input: {name: "Stall", slug: "${slug}"}) { id } }`)).createOrganization.id as string;
    await gql('mutation($o: ID!, $xml: String!) { configureSamlConnection(organizationId: $o, input: {idpMetadataXml: $xml}) { configured } }', {
      o: org,
      xml: new TestIdp().metadataXml(),
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < USERS) {
          const i = next++;
          await gql('mutation($o: ID!, $u: String!) { createUser(organizationId: $o, input: {userName: $u, title: "Engineer", department: "R&D"}) { id } }', {
            o: org,
            u: `user${i}@stall.example`,
          });
        }
      }),
    );
    console.log(`/healthz while the worst requests of issue #15 run: ${CLIENTS} clients × ${SECONDS} s per class, ${USERS} users, node ${process.version}`);
    const alone = summary(await pollHealthz(url, 1000));
    console.log(`/healthz alone: p50 ${alone.p50.toFixed(1)} p90 ${alone.p90.toFixed(1)} max ${alone.max.toFixed(1)} ms (${alone.count})`);
    for (const c of graphqlClasses(org)) {
      const body = JSON.stringify({ query: c.query, variables: c.variables ?? {} });
      const r = await measureGraphqlClass(url, pid, c.query, c.variables ?? {});
      console.log(
        `GraphQL ${c.name} (${(body.length / 1024).toFixed(0)} KiB): answered ${r.statuses.join(',')} × ${r.count}, server CPU ${r.cpuPerRequest.toFixed(1)} ms per request;` +
          ` /healthz meanwhile p50 ${r.during.p50.toFixed(1)} p90 ${r.during.p90.toFixed(1)} max ${r.during.max.toFixed(1)} ms (${r.during.count})`,
      );
    }
    const posts = Number(process.env.POSTS ?? 6);
    for (let round = 1; round <= 2; round++) {
      const r = await measureSamlAcsStall({ url, slug, posts, samlResponse: nestedSamlResponse(), serverCpuMs: () => cpuMs(pid) });
      console.log(
        `SAML ACS ${posts} concurrent posts of 105,000 nested elements (round ${round}): answered ${[...new Set(r.statuses)].join(',')} in ${r.postsMs.toFixed(0)} ms, server CPU ${(r.serverCpuMs! / posts).toFixed(1)} ms per post;` +
          ` /healthz meanwhile p50 ${r.healthzDuringPosts.p50.toFixed(1)} p90 ${r.healthzDuringPosts.p90.toFixed(1)} max ${r.healthzDuringPosts.max.toFixed(1)} ms (${r.healthzDuringPosts.count})`,
      );
    }
  } finally {
    await cleanup();
  }
}

await main();

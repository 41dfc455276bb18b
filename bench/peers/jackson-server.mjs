/**
 * bench/peers.ts's Jackson peer: SAML Jackson (@boxyhq/saml-jackson 26.2.0) used as a library with
 * its SQL engine on PostgreSQL (BENCH_PEER_DATABASE_URL), behind a minimal node:http adapter doing
 * what Jackson's own Next.js route (pages/api/scim/v2.0/[...directory].ts) does:
 * `/scim/v2/<directoryId>/<Users|Groups>[/<id>]` becomes a DirectorySyncRequest for
 * `directorySyncController.requests.handle`, answered with its status and JSON data.
 *
 * At start it creates one directory (type okta-scim-v2) and prints one JSON line on stdout:
 * { port, directoryId, secret } (the secret is the SCIM bearer token). Events go to a no-op
 * callback (opts.dsync.callback, the embedded use): no webhook is configured, so the hosted
 * callback would only look the directory up again and log that it skips.
 * Packages are resolved from BENCH_PEERS_DIR (default /tmp/peer-pkgs).
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { URL } from 'node:url';

const peerRequire = createRequire(path.join(path.resolve(process.env.BENCH_PEERS_DIR || '/tmp/peer-pkgs'), 'package.json'));
const jackson = peerRequire('@boxyhq/saml-jackson'); // CommonJS

const databaseUrl = process.env.BENCH_PEER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_PEER_DATABASE_URL is required');

const quiet = () => {};

/** Jackson's bodyParser: JSON when the body parses as JSON, the raw body otherwise. */
function parseBody(text) {
  try {
    const json = JSON.parse(text);
    return typeof json === 'object' ? json : text;
  } catch {
    return text;
  }
}

async function main() {
  const { directorySyncController } = await jackson.controllers({
    externalUrl: 'http://127.0.0.1',
    samlPath: '/api/oauth/saml',
    scimPath: '/scim/v2',
    noAnalytics: true,
    db: { engine: 'sql', type: 'postgres', url: databaseUrl },
    dsync: { callback: async () => {} },
    logger: { info: quiet, warn: quiet, error: (...a) => process.stderr.write(`jackson: ${a.join(' ')}\n`) },
  });
  const { data: directory, error } = await directorySyncController.directories.create({
    name: 'Bench',
    tenant: 'bench.example',
    product: 'bench',
    type: 'okta-scim-v2',
  });
  if (error) throw new Error(`directory: ${error.message}`);

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const url = new URL(req.url, 'http://127.0.0.1');
        const m = /^\/scim\/v2\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
        if (!m) {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const [, directoryId, resourceType, resourceId] = m;
        const authorization = req.headers.authorization;
        const count = url.searchParams.get('count');
        const startIndex = url.searchParams.get('startIndex');
        const { status, data } = await directorySyncController.requests.handle({
          body: chunks.length ? parseBody(Buffer.concat(chunks).toString('utf8')) : undefined,
          method: req.method,
          directoryId: decodeURIComponent(directoryId),
          resourceId: resourceId === undefined ? undefined : decodeURIComponent(resourceId),
          resourceType,
          apiSecret: authorization && authorization.startsWith('Bearer ') ? authorization.slice(7) : null,
          query: {
            count: count ? parseInt(count, 10) : undefined,
            startIndex: startIndex ? parseInt(startIndex, 10) : undefined,
            filter: url.searchParams.get('filter') ?? undefined,
          },
        });
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(data));
      } catch (err) {
        process.stderr.write(`${err?.stack ?? err}\n`);
        res.writeHead(500, { 'content-type': 'application/json' }).end('{}');
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port, directoryId: directory.id, secret: directory.scim.secret })}\n`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});

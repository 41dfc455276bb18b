import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/shared/logger.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\` (test/run.ts starts PostgreSQL)`);
  return v;
}

/** A new database cloned from the migrated template: every test server starts from a clean slate. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = env('TEST_PG_ADMIN_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${env('TEST_PG_TEMPLATE')}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface GraphQLResponse<T> {
  status: number;
  data: T | null;
  errors: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string } }> | undefined;
  /** The X-Request-Id the server answered with (its log lines for the request carry it). */
  requestId: string | null;
}

export type Doc<R, V> = TypedDocumentNode<R, V> | string;

/** POSTs one GraphQL operation over real HTTP. */
export async function gqlRequest<R, V>(
  url: string,
  key: string | undefined,
  doc: Doc<R, V>,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<R>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify({ query: typeof doc === 'string' ? doc : print(doc), variables }),
  });
  const body = (await res.json()) as { data?: R; errors?: GraphQLResponse<R>['errors'] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, requestId: res.headers.get('x-request-id') };
}

export interface TestServer {
  url: string;
  databaseUrl: string;
  adminKey: string;
  server: RunningServer;
  /** Runs an operation; fails the test on any GraphQL error. */
  gql<R, V>(doc: Doc<R, V>, variables?: V, key?: string): Promise<R>;
  /** Runs an operation and returns errors instead of throwing. */
  raw<R, V>(doc: Doc<R, V>, variables?: V, key?: string): Promise<GraphQLResponse<R>>;
  ws(key?: string): Client;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a database (a second server instance on the same data). */
  databaseUrl?: string;
  adminKey?: string;
  env?: Record<string, string>;
}

/** Boots the real server in this process on a free port, with its own database. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const own = opts.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? own!.url;
  const adminKey = opts.adminKey ?? `test-admin-${randomBytes(16).toString('hex')}`;
  // SAML_RATE_LIMIT off: every test talks from 127.0.0.1 and some send many SAML requests within a few
  // seconds; test/saml/rate-limit.test.ts turns it on through `env`
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: '10',
    SHUTDOWN_GRACE_SECONDS: '2',
    SAML_RATE_LIMIT: '0',
    // likewise the OIDC limits (test/oidc/rate-limit.test.ts turns them on)
    OIDC_RATE_LIMIT: '0',
    OIDC_TOKEN_RATE_LIMIT: '0',
    // the SAML certificate lifecycle check off: test IdP certificates expire within days, and its
    // events would land in tests that count events; test/core/saml-certificate-lifecycle.test.ts runs it
    SAML_CERTIFICATE_CHECK_SECONDS: '0',
    ...opts.env,
  });
  const log = createLogger(config.logLevel, { test: true });
  let server: RunningServer;
  try {
    server = await startServer(config, databaseUrl, log);
  } catch (err) {
    await own?.drop();
    throw err;
  }
  const clients: Client[] = [];
  const t: TestServer = {
    url: server.url,
    databaseUrl,
    adminKey,
    server,
    raw: (doc, variables, key = adminKey) => gqlRequest(server.url, key, doc, variables),
    async gql(doc, variables, key = adminKey) {
      const r = await gqlRequest(server.url, key, doc, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data!;
    },
    ws(key = adminKey) {
      const c = createClient({
        url: server.url.replace(/^http/, 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${key}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) await c.dispose();
      await server.stop();
      await own?.drop();
    },
  };
  return t;
}

/** A live subscription read as a queue: `next()` waits for the next event (rejecting after a timeout). */
export interface Subscription<T> {
  next(timeoutMs?: number): Promise<T>;
  /** Events received and not yet taken. */
  pending(): T[];
  close(): void;
}

export function subscribe<T, V>(client: Client, doc: Doc<T, V>, variables: V): Subscription<T> {
  const queue: T[] = [];
  const waiters: Array<{ resolve: (v: T) => void; reject: (e: Error) => void }> = [];
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiters.splice(0)) w.reject(e);
  };
  const dispose = client.subscribe<T>(
    { query: typeof doc === 'string' ? doc : print(doc), variables: variables as Record<string, unknown> },
    {
      next: (msg) => {
        if (msg.errors) return fail(new Error(JSON.stringify(msg.errors)));
        const w = waiters.shift();
        if (w) w.resolve(msg.data as T);
        else queue.push(msg.data as T);
      },
      error: (e) =>
        fail(e instanceof Error ? e : new Error(typeof e === 'object' && e && 'reason' in e ? String((e as { reason: unknown }).reason) : JSON.stringify(e))),
      complete: () => fail(new Error('subscription completed')),
    },
  );
  return {
    next(timeoutMs = 15000) {
      if (queue.length) return Promise.resolve(queue.shift()!);
      if (failure) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => {
        const w = {
          resolve: (v: T) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    pending: () => queue,
    close: () => dispose(),
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts `src/server/main.ts` (what `npm start` runs) as a separate OS process and waits until it listens. */
export async function spawnServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env })) if (v !== undefined) childEnv[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server process did not start:\n${output}`));
    }, 90000);
    const poll = setInterval(() => {
      const m = /"msg":"listening"[^\n]*"url":"([^"]+)"/.exec(output);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
        child.kill('SIGTERM');
        const code = await exited;
        clearTimeout(kill);
        return code;
      }
      return exited;
    },
  };
}

/** A second server process on the same database as a test server. */
export function spawnServerProcess(databaseUrl: string, adminKey: string): Promise<ServerProcess> {
  return spawnServer({ DATABASE_URL: databaseUrl, ADMIN_API_KEY: adminKey });
}

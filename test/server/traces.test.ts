/**
 * OpenTelemetry traces (issue #20, README "Traces"): with an OTLP endpoint configured, a SCIM create
 * is one trace of spans HTTP → GraphQL operation → SQL statement, exported over OTLP/HTTP to a
 * receiver in this process; a caller's W3C `traceparent` is continued; statements carry no values.
 * Without an endpoint nothing is set up at all.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { withoutLiterals } from '../../src/server/tracing.js';

/** One span as the OTLP/HTTP JSON encoding carries it (ids in hex), its attributes flattened. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  status: { code?: number };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number; arrayValue?: { values?: OtlpValue[] } };
type OtlpAttributes = Array<{ key: string; value: OtlpValue }> | undefined;

const valueOf = (v: OtlpValue): unknown =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.boolValue ?? v.doubleValue ?? v.arrayValue?.values?.map(valueOf);
const flatten = (attrs: OtlpAttributes) => Object.fromEntries((attrs ?? []).map((a) => [a.key, valueOf(a.value)]));

/**
 * An OTLP/HTTP receiver: accepts what exporter-trace-otlp-http sends to `/v1/traces` — a JSON
 * ExportTraceServiceRequest (`Content-Type: application/json`; gzip when OTEL_EXPORTER_OTLP_COMPRESSION
 * asks) — and keeps the spans.
 */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly requests: Array<{ path: string; contentType: string | undefined }> = [];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] });
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !/^application\/json/.test(req.headers['content-type'] ?? '')) {
        res.writeHead(415).end();
        return;
      }
      const request = JSON.parse(body.toString('utf8')) as {
        resourceSpans?: Array<{
          resource?: { attributes?: OtlpAttributes };
          scopeSpans?: Array<{ spans?: Array<Omit<ReceivedSpan, 'attributes' | 'resource'> & { attributes?: OtlpAttributes }> }>;
        }>;
      };
      for (const rs of request.resourceSpans ?? []) {
        const resource = flatten(rs.resource?.attributes);
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? []) this.spans.push({ ...s, parentSpanId: s.parentSpanId || undefined, attributes: flatten(s.attributes), resource });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Waits (up to 10 s) until `ready` holds for the spans received so far. */
  async waitFor(ready: (spans: ReceivedSpan[]) => boolean, what: string): Promise<ReceivedSpan[]> {
    for (let i = 0; i < 200; i++) {
      if (ready(this.spans)) return this.spans;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the receiver did not get ${what}; it has ${this.spans.length} spans: ${this.spans.map((s) => s.name).join(', ')}`);
  }
}

const SERVER = 2; // OTLP SpanKind: SPAN_KIND_SERVER (the SDK's kind + 1)
const CLIENT = 3;
const ERROR = 2; // STATUS_CODE_ERROR

describe('OpenTelemetry traces', () => {
  const receiver = new OtlpReceiver();
  let t: TestServer;
  let org: OrgFixture;

  before(async () => {
    const endpoint = await receiver.start();
    t = await startTestServer({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'idm-under-test', OTEL_BSP_SCHEDULE_DELAY: '50' } });
    org = await createOrg(t);
  });
  after(async () => {
    await t?.stop();
    await receiver.stop();
  });

  test('one SCIM create is one trace: the HTTP request, the GraphQL operations it ran, their SQL statements', async () => {
    const userName = 'ada.lovelace.traced@example.com';
    const res = await scimClient(t, org.scimToken).post(
      '/Users',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Augusta', familyName: 'Byron' }, active: true },
      { 'x-request-id': 'trace-test-create' },
    );
    assert.equal(res.status, 201);

    const httpSpan = (spans: ReceivedSpan[]) => spans.find((s) => s.attributes['idm.request_id'] === 'trace-test-create' && s.kind === SERVER);
    const spans = await receiver.waitFor((all) => {
      const root = httpSpan(all);
      // the GraphQL span ends before the HTTP span, and is exported with it or before it
      return !!root && all.some((s) => s.parentSpanId === root.spanId && s.name === 'mutation ScimProvisionUser');
    }, 'the SCIM create span and its ScimProvisionUser child');
    const root = httpSpan(spans)!;
    assert.equal(root.name, 'POST /scim/v2/Users');
    assert.equal(root.parentSpanId, undefined, 'a request without traceparent starts a trace');
    assert.equal(root.attributes['http.request.method'], 'POST');
    assert.equal(root.attributes['http.route'], '/scim/v2/Users');
    assert.equal(root.attributes['http.response.status_code'], 201);
    assert.equal(root.attributes['url.path'], '/scim/v2/Users');
    assert.equal(root.resource['service.name'], 'idm-under-test');

    const trace = spans.filter((s) => s.traceId === root.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    // every span of the trace hangs from the request's span
    for (const s of trace) {
      let at: ReceivedSpan | undefined = s;
      for (let depth = 0; at && at !== root && depth < 10; depth++) at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined;
      assert.equal(at, root, `span ${s.name} hangs from the request's span`);
    }

    const operations = trace.filter((s) => s.attributes['idm.graphql.via'] === 'in-process');
    const provision = operations.find((s) => s.name === 'mutation ScimProvisionUser');
    assert.ok(provision, `the provisioning mutation has a span (got ${operations.map((s) => s.name).join(', ')})`);
    assert.equal(provision.parentSpanId, root.spanId);
    assert.equal(provision.attributes['graphql.operation.type'], 'mutation');
    assert.equal(provision.attributes['graphql.operation.name'], 'ScimProvisionUser');
    assert.equal(provision.attributes['idm.request_id'], 'trace-test-create');

    const statements = trace.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    const underProvision = statements.filter((s) => s.parentSpanId === provision.spanId);
    assert.ok(underProvision.length > 0, 'the mutation ran SQL statements, each its child');
    for (const s of statements) {
      assert.equal(s.kind, CLIENT);
      assert.ok(operations.some((o) => o.spanId === s.parentSpanId) || s.parentSpanId === root.spanId, `${s.name} is a child of an operation or the request`);
      const text = String(s.attributes['db.query.text']);
      for (const secret of [userName, 'Augusta', 'Byron']) assert.ok(!text.includes(secret), `no values in a statement's text: ${text}`);
    }
    const insert = underProvision.find((s) => /^insert\b|\binsert into "?users"?/i.test(String(s.attributes['db.query.text'])));
    assert.ok(insert, `the user's insert is a span (got ${underProvision.map((s) => s.name).join(', ')})`);
  });

  test('a GraphQL mutation over HTTP: POST /graphql → its operation → its transaction, statement by statement', async () => {
    const name = 'traced-key-name';
    const res = await t.raw(
      'mutation TracedCreateKey($org: ID!, $name: String!) { createApiKey(organizationId: $org, name: $name, role: READ_ONLY) { token } }',
      { org: org.id, name },
      org.key,
    );
    assert.equal(res.errors, undefined);
    const spans = await receiver.waitFor(
      (all) => all.some((s) => s.name === 'mutation TracedCreateKey') && all.some((s) => s.attributes['idm.request_id'] === res.requestId && s.kind === SERVER),
      'the GraphQL operation span',
    );
    const root = spans.find((s) => s.attributes['idm.request_id'] === res.requestId && s.kind === SERVER)!;
    const op = spans.find((s) => s.name === 'mutation TracedCreateKey')!;
    assert.equal(root.name, 'POST /graphql');
    assert.equal(op.parentSpanId, root.spanId);
    assert.equal(op.traceId, root.traceId);
    assert.equal(op.attributes['idm.graphql.via'], 'http');
    assert.equal(op.attributes['graphql.operation.type'], 'mutation');
    const statements = spans.filter((s) => s.parentSpanId === op.spanId && s.attributes['db.system.name'] === 'postgresql');
    const ops = statements.map((s) => s.attributes['db.operation.name']);
    // the transaction's BEGIN goes with its first statement (lean-transaction.ts: here the count of
    // the organization's credentials under their lock) and has no span of its own; its COMMIT has one
    assert.deepEqual(ops.slice(0, 2), ['SELECT', 'SELECT'], `the lock and the count come first (got ${ops.join(', ')})`);
    assert.ok(!ops.includes('BEGIN') && ops.at(-1) === 'COMMIT', `the transaction ends with its COMMIT (got ${ops.join(', ')})`);
    const insert = statements.find((s) => s.name === 'INSERT credentials');
    assert.ok(insert, `the key's insert (got ${statements.map((s) => s.name).join(', ')})`);
    assert.ok(!String(insert.attributes['db.query.text']).includes(name), String(insert.attributes['db.query.text']));
    assert.equal(insert.attributes['db.collection.name'], 'credentials');
  });

  test('a query over WebSocket is a server span of its own, with its statements', async () => {
    const client = t.ws(org.key);
    const result = await new Promise<unknown>((resolve, reject) => {
      let last: unknown;
      client.subscribe(
        { query: 'query TracedOverWs($org: ID!) { users(organizationId: $org, first: 1) { totalCount } }', variables: { org: org.id } },
        { next: (v) => (last = v), error: reject, complete: () => resolve(last) },
      );
    });
    assert.deepEqual((result as { errors?: unknown }).errors, undefined);
    const spans = await receiver.waitFor((all) => all.some((s) => s.name === 'query TracedOverWs'), 'the WebSocket operation span');
    const op = spans.find((s) => s.name === 'query TracedOverWs')!;
    assert.equal(op.kind, SERVER);
    assert.equal(op.parentSpanId, undefined);
    assert.equal(op.attributes['idm.graphql.via'], 'ws');
    assert.ok(
      spans.some((s) => s.parentSpanId === op.spanId && s.attributes['db.system.name'] === 'postgresql'),
      'its SQL statements are its children',
    );
  });

  test("a caller's traceparent is continued: the request's span is its child, in its trace", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const res = await scimClient(t, org.scimToken).get(`/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`, {
      traceparent: `00-${traceId}-${parentId}-01`,
      'x-request-id': 'trace-test-parent',
    });
    assert.equal(res.status, 200);
    const spans = await receiver.waitFor(
      (all) => all.some((s) => s.traceId === traceId && s.kind === SERVER) && all.some((s) => s.traceId === traceId && s.attributes['db.system.name']),
      'the spans of the continued trace',
    );
    const root = spans.find((s) => s.traceId === traceId && s.kind === SERVER)!;
    assert.equal(root.parentSpanId, parentId);
    assert.equal(root.name, 'GET /scim/v2/Users');
    assert.equal(root.attributes['idm.request_id'], 'trace-test-parent');
    const op = spans.find((s) => s.traceId === traceId && s.attributes['idm.graphql.via'] === 'in-process');
    assert.ok(op && op.parentSpanId === root.spanId, 'the lookup operation is the request span’s child');
    // the filter's value is a bound parameter, never in the text
    for (const s of spans.filter((x) => x.traceId === traceId && x.attributes['db.system.name']))
      assert.ok(!String(s.attributes['db.query.text']).includes('nobody@example.com'));
  });

  test("a caller's unsampled traceparent is respected: nothing of that request is recorded", async () => {
    const unsampled = '0af7651916cd43dd8448eb211c80319c';
    const scim = scimClient(t, org.scimToken);
    assert.equal(
      (await scim.get('/Users?count=1', { traceparent: `00-${unsampled}-b7ad6b7169203331-00`, 'x-request-id': 'trace-test-unsampled' })).status,
      200,
    );
    // a request after it, to know the batch that would hold the first one's spans has been exported
    assert.equal((await scim.get('/Users?count=1', { 'x-request-id': 'trace-test-after-unsampled' })).status, 200);
    const spans = await receiver.waitFor(
      (all) => all.some((s) => s.attributes['idm.request_id'] === 'trace-test-after-unsampled' && s.kind === SERVER),
      'the later request',
    );
    assert.deepEqual(
      spans.filter((s) => s.traceId === unsampled || s.attributes['idm.request_id'] === 'trace-test-unsampled').map((s) => s.name),
      [],
    );
  });

  test('health probes and scrapes are not traced (nor the statement of /readyz)', async () => {
    assert.equal((await fetch(`${t.url}/readyz`)).status, 200);
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    assert.equal((await scimClient(t, org.scimToken).get('/Users?count=1', { 'x-request-id': 'trace-test-after-probes' })).status, 200);
    const spans = await receiver.waitFor(
      (all) => all.some((s) => s.attributes['idm.request_id'] === 'trace-test-after-probes' && s.kind === SERVER),
      'the later request',
    );
    assert.deepEqual(
      spans
        .filter((s) => ['/readyz', '/healthz'].includes(String(s.attributes['url.path'])) || s.attributes['db.query.text'] === 'select 1')
        .map((s) => s.name),
      [],
    );
  });

  test('a refused request (401) is not an error of its server span', async () => {
    const res = await scimClient(t, 'not-a-token').get('/Users', { 'x-request-id': 'trace-test-401' });
    assert.equal(res.status, 401);
    const spans = await receiver.waitFor((all) => all.some((s) => s.attributes['idm.request_id'] === 'trace-test-401'), 'the 401 span');
    const root = spans.find((s) => s.attributes['idm.request_id'] === 'trace-test-401')!;
    assert.equal(root.attributes['http.response.status_code'], 401);
    assert.notEqual(root.status.code, ERROR, 'a 4xx is the client’s, not an error of the server span');
  });

  test('the receiver was sent OTLP/HTTP JSON to /v1/traces', () => {
    assert.ok(receiver.requests.length > 0);
    for (const r of receiver.requests) {
      assert.equal(r.path, '/v1/traces');
      assert.match(r.contentType ?? '', /^application\/json/);
    }
  });
});

describe('traces off', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t?.stop();
  });

  test('without an OTLP endpoint nothing is set up: no tracing, no exporter, pooled connections untouched', async () => {
    assert.equal(t.server.tracing, undefined);
    const client = t.server.orm.em.getConnection().getKnex().client as {
      acquireConnection(): Promise<pg.Client>;
      releaseConnection(c: pg.Client): Promise<void>;
    };
    const conn = await client.acquireConnection();
    try {
      assert.equal(conn.query, pg.Client.prototype.query, "the pool's connections run pg's own query");
    } finally {
      await client.releaseConnection(conn);
    }
  });
});

describe('traces: configuration', () => {
  test('off unless OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; OTEL_SDK_DISABLED wins', () => {
    assert.equal(loadConfig({}).tracing, undefined);
    assert.equal(loadConfig({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' }).tracing, undefined);
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing?.endpoint, 'http://collector:4318/v1/traces');
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp/' }).tracing?.endpoint, 'http://collector:4318/otlp/v1/traces');
    assert.equal(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/traces' }).tracing?.endpoint,
      'https://b/traces',
    );
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_SDK_DISABLED: 'true' }).tracing, undefined);
  });

  test('service name, resource attributes and samplers from the standard variables; bad values refused', () => {
    const c = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource,deployment.environment.name=prod',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    }).tracing!;
    assert.equal(c.serviceName, 'from-resource');
    assert.equal(c.resourceAttributes['deployment.environment.name'], 'prod');
    assert.equal(c.sampler, 'parentbased_traceidratio');
    assert.equal(c.samplerRatio, 0.25);
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).tracing!.serviceName, 'identity-api');
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'idm' }).tracing!.sampler, 'parentbased_always_on');
    assert.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }), ConfigError);
    assert.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER: 'jaeger_remote' }), ConfigError);
    assert.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER_ARG: '2' }), ConfigError);
  });

  test("a statement's literals are replaced, its names and placeholders kept", () => {
    assert.equal(
      withoutLiterals(`select "u0".* from "users" as "u0" where "u0"."user_name" = 'ada@x' and "u0"."n1" > 42 and x = E'a\\'b' limit 1`),
      `select "u0".* from "users" as "u0" where "u0"."user_name" = ? and "u0"."n1" > ? and x = ? limit ?`,
    );
    assert.equal(withoutLiterals(`insert into t (a, b) values ($1, $2::jsonb)`), `insert into t (a, b) values ($1, $2::jsonb)`);
    assert.equal(withoutLiterals(`select 'it''s', '{"a": 1}'::jsonb, $$body$$, 1.5e3`), `select ?, ?::jsonb, ?, ?`);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { print } from 'graphql';
import { startTestServer, subscribe, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { scimClient, q } from '../helpers/scim-client.js';
import { CreateUserDocument, OnEventsDocument } from '../generated/graphql.js';

const SECRET = 'private.person@example.com';

const createUser = (t: TestServer, org: OrgFixture, requestId: string, userName: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}`, 'x-request-id': requestId },
    body: JSON.stringify({ query: print(CreateUserDocument), variables: { organizationId: org.id, input: { userName, title: 'Secret title' } } }),
  });

describe('LOG_LEVEL=debug: one line per GraphQL operation, over HTTP, WebSocket and in-process', () => {
  let logs: CapturedLogs;
  let t: TestServer;
  let quiet: TestServer;
  let org: OrgFixture;
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'debug' } });
    quiet = await startTestServer({ env: { LOG_LEVEL: 'info' } });
    org = await createOrg(t);
  });
  after(async () => {
    await t?.stop();
    await quiet?.stop();
    logs.restore();
  });

  const operations = (requestId: string) => logs.of(requestId).filter((l) => l.msg === 'graphql operation');

  test('HTTP operations: name, type, principal, organization, time and error codes; never variable values', async () => {
    assert.equal((await createUser(t, org, 'dbg-http-1', SECRET)).status, 200);
    const [line, ...more] = operations('dbg-http-1');
    assert.equal(more.length, 0);
    assert.equal(line?.level, 'debug');
    assert.equal(line?.via, 'http');
    assert.equal(line?.operation, 'CreateUser');
    assert.equal(line?.type, 'mutation');
    assert.match(String(line?.principal), /^API_KEY:[0-9a-f-]{36}$/);
    assert.equal(line?.organizationId, org.id);
    assert.equal(typeof line?.ms, 'number');
    assert.equal(line?.errors, undefined);
    // the same userName again: the error's code is logged
    await createUser(t, org, 'dbg-http-2', SECRET);
    assert.deepEqual(operations('dbg-http-2')[0]?.errors, ['CONFLICT']);
  });

  test('a SCIM request logs the operations it ran under its request id, with the token as principal', async () => {
    const scim = scimClient(t, org.scimToken);
    const res = await scim.get(`/Users?${q(`userName eq "${SECRET}"`)}`, { 'x-request-id': 'dbg-scim-1' });
    assert.equal(res.status, 200);
    const lines = operations('dbg-scim-1');
    assert.ok(lines.length >= 1, 'no operation logged for the SCIM request');
    for (const l of lines) {
      assert.equal(l.via, 'in-process');
      assert.equal(l.type, 'query');
      assert.match(String(l.principal), /^SCIM_TOKEN:/);
    }
  });

  test('a subscription is logged when it starts', async () => {
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id });
    try {
      for (let i = 0; i < 50 && !logs.all().some((l) => l.via === 'ws'); i++) await new Promise((r) => setTimeout(r, 50));
      const line = logs.all().find((l) => l.msg === 'graphql operation' && l.via === 'ws');
      assert.equal(line?.operation, 'OnEvents');
      assert.equal(line?.type, 'subscription');
      assert.equal(line?.organizationId, org.id);
    } finally {
      sub.close();
    }
  });

  test('no line carries what the variables held; at info there are no operation lines', async () => {
    const all = JSON.stringify(logs.all());
    assert.ok(!all.includes(SECRET) && !all.includes('Secret title'), 'a variable value reached the log');
    const other = await createOrg(quiet);
    assert.equal((await createUser(quiet, other, 'dbg-quiet-1', 'someone@example.com')).status, 200);
    assert.ok(
      logs.of('dbg-quiet-1').some((l) => l.msg === 'request'),
      'the info server logs its request line',
    );
    assert.deepEqual(operations('dbg-quiet-1'), []);
  });
});

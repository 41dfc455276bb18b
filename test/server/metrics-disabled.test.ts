/**
 * METRICS_ENABLED=false (issue #20; README "Metrics"): no registry, no collectors, no /metrics, and
 * the rest of the server unchanged. The benchmark runs a server this way to measure what the metrics
 * cost on the SCIM create path.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';

describe('metrics turned off', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { METRICS_ENABLED: 'false' } });
  });
  after(async () => {
    await t?.stop();
  });

  test('no metrics object and no /metrics; SCIM and GraphQL work as before', async () => {
    assert.equal(t.server.app.metrics, undefined);
    assert.equal((await fetch(`${t.url}/metrics`)).status, 404);
    const org = await createOrg(t);
    const created = await scimClient(t, org.scimToken).post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'no.metrics@example.com',
    });
    assert.equal(created.status, 201);
  });

  test('on by default; a value that is not a boolean is refused', () => {
    assert.equal(loadConfig({}).metricsEnabled, true);
    assert.equal(loadConfig({ METRICS_ENABLED: 'false' }).metricsEnabled, false);
    assert.throws(() => loadConfig({ METRICS_ENABLED: 'nope' }), ConfigError);
  });
});

/**
 * A database that takes no writes: DATABASE_URL leads to a standby, or to a primary demoted in a
 * failover. Made real by turning the server's database read-only for new sessions
 * (default_transaction_read_only) and ending its current ones: /readyz says 503, writes get the
 * retryable outage answer, and both recover when the database takes writes again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { scimClient } from '../helpers/scim-client.js';

describe('a database that takes no writes (a standby, or a primary demoted in a failover)', () => {
  let t: TestServer;
  let org: OrgFixture;
  let admin: pg.Client;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
  });
  after(async () => {
    await admin.end();
    await t.stop();
  });

  /** Every new session of the server's database read-only (or writable again), its current ones ended so that the pool opens new ones. */
  async function readOnly(on: boolean): Promise<void> {
    const db = admin.escapeIdentifier(new URL(t.databaseUrl).pathname.slice(1));
    await admin.query(on ? `alter database ${db} set default_transaction_read_only = on` : `alter database ${db} reset default_transaction_read_only`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  }

  /** The readiness once the pool has dropped the connections ended above (the first checks may meet one of them). */
  async function settledReadiness(): Promise<number> {
    let last = 0;
    for (let i = 0, same = 0; i < 50 && same < 3; i++) {
      const status = (await fetch(`${t.url}/readyz`)).status;
      same = status === last ? same + 1 : 1;
      last = status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return last;
  }

  test('/readyz is 503 and writes are the retryable outage answer (503, Retry-After), not internal errors; both recover', async () => {
    const scim = scimClient(t, org.scimToken);
    await readOnly(true);
    try {
      assert.equal(await settledReadiness(), 503, 'not ready: the balancer should send its traffic elsewhere');
      const created = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'read.only@example.com' });
      assert.equal(created.status, 503, JSON.stringify(created.body));
      assert.equal(created.headers.get('retry-after'), '5');
      const r = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${org.key}` },
        body: JSON.stringify({ query: `mutation { createUser(organizationId: "${org.id}", input: { userName: "read.only2@example.com" }) { id } }` }),
      });
      const body = (await r.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      assert.equal(r.status, 503, JSON.stringify(body));
      assert.deepEqual([body.errors[0]!.extensions.code, body.errors[0]!.extensions.reason], ['TRY_AGAIN', 'database.unavailable']);
    } finally {
      await readOnly(false);
    }
    assert.equal(await settledReadiness(), 200);
    let status = 0;
    for (let i = 0; i < 20 && status !== 201; i++) {
      status = (await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'read.only@example.com' })).status;
      if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 201);
  });
});

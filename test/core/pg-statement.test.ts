import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase } from '../helpers/harness.js';
import { send, Statement, type StatementConfig } from '../../src/core/pg-statement.js';

/**
 * src/core/pg-statement.ts: a named prepared statement is described once per connection; later
 * runs send no Describe and read their rows with the columns remembered from the first.
 */
describe('pg statements', () => {
  let db: { url: string; drop: () => Promise<void> };
  const clients: pg.Client[] = [];
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await db.drop();
  });

  /** A new connection, and a count of the Describe messages it sends. */
  async function connect(): Promise<{ client: pg.Client; describes: () => number }> {
    const client = new pg.Client({ connectionString: db.url });
    clients.push(client);
    await client.connect();
    const wire = (client as unknown as { connection: { describe: (...a: unknown[]) => unknown } }).connection;
    const original = wire.describe.bind(wire);
    let n = 0;
    wire.describe = (...a: unknown[]) => {
      n++;
      return original(...a);
    };
    return { client, describes: () => n };
  }
  const run = (client: pg.Client, config: StatementConfig) => send(client, (callback) => new Statement(config, callback));

  const typed: StatementConfig = {
    name: 'test_typed',
    text: `select $1::int as n, $2::timestamptz as at, $3::jsonb as doc, null::text as none, $4::text[] as list where $1::int > 0`,
    values: [],
  };
  const expected = (n: number) => ({ n, at: new Date('2026-12-07T06:00:00.000Z'), doc: { a: [n] }, none: null, list: ['x', 'y'] });
  const values = (n: number) => [n, '2026-12-07T06:00:00Z', JSON.stringify({ a: [n] }), '{x,y}'];

  test('described on its first run only; every run parses its columns by their types', async () => {
    const { client, describes } = await connect();
    for (let n = 1; n <= 4; n++) {
      const { rows } = await run(client, { ...typed, values: values(n) });
      assert.deepEqual(rows, [expected(n)]);
    }
    assert.equal(describes(), 1);
    // no row: still no Describe, an empty result
    assert.deepEqual((await run(client, { ...typed, values: values(0) })).rows, []);
    assert.equal(describes(), 1);
    // unnamed statements are described every time
    await run(client, { text: 'select $1::int as n', values: [1] });
    await run(client, { text: 'select $1::int as n', values: [2] });
    assert.equal(describes(), 3);
  });

  test('each connection describes its own prepared statement', async () => {
    const a = await connect();
    const b = await connect();
    for (let n = 1; n <= 2; n++) {
      assert.deepEqual((await run(a.client, { ...typed, values: values(n) })).rows, [expected(n)]);
      assert.deepEqual((await run(b.client, { ...typed, values: values(n) })).rows, [expected(n)]);
    }
    assert.equal(a.describes(), 1);
    assert.equal(b.describes(), 1);
  });

  test('a value pg cannot encode fails that statement alone; the prepared statement and the connection go on', async () => {
    const { client, describes } = await connect();
    assert.deepEqual((await run(client, { ...typed, values: values(1) })).rows, [expected(1)]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await assert.rejects(run(client, { ...typed, values: [1, '2026-12-07T06:00:00Z', circular, '{x,y}'] }), /circular/i);
    assert.deepEqual((await run(client, { ...typed, values: values(2) })).rows, [expected(2)]);
    assert.deepEqual((await client.query('select 1 as one')).rows, [{ one: 1 }]);
    assert.equal(describes(), 1);
  });

  test('a schema change that alters its columns is refused by PostgreSQL, not read with stale columns', async () => {
    const { client } = await connect();
    await client.query('create table pg_statement_t (a int)');
    await client.query('insert into pg_statement_t values (1)');
    const star: StatementConfig = { name: 'test_star', text: 'select * from pg_statement_t', values: [] };
    assert.deepEqual((await run(client, star)).rows, [{ a: 1 }]);
    assert.deepEqual((await run(client, star)).rows, [{ a: 1 }]);
    await client.query(`alter table pg_statement_t add column b text default 'b'`);
    await assert.rejects(run(client, star), (err: { code?: string }) => err.code === '0A000');
  });
});

// issue #15 §4: logs name ids, not people — also when a database error quotes a row's values
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../../src/shared/logger.js';
import { ormConfig } from '../../src/server/mikro-orm.config.js';
import { Organization } from '../../src/core/entities/organization.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { createTestDatabase } from '../helpers/harness.js';

const EMAIL = 'ada.lovelace@example.com';

/** What the logger writes for an error, as one parsed line. */
function logged(error: unknown): Record<string, unknown> {
  const lines: string[] = [];
  createLogger('error', {}, (l) => lines.push(l)).error('internal error', { error });
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('the logger leaves the values a database error quotes out of it', () => {
  let db: { url: string; drop: () => Promise<void> };
  let client: pg.Client;
  before(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  after(async () => {
    await client.end();
    await db.drop();
  });

  test('PostgreSQL: a message that quotes the input, a unique violation whose detail names the row', async () => {
    const syntax = await client.query('select $1::uuid', [EMAIL]).catch((e: unknown) => e);
    await client.query('create temp table t (email text unique)');
    await client.query('insert into t values ($1)', [EMAIL]);
    const unique = await client.query('insert into t values ($1)', [EMAIL]).catch((e: unknown) => e);
    for (const e of [syntax, unique]) {
      assert.ok(e instanceof Error);
      const line = JSON.stringify(logged(e));
      assert.ok((e as Error).message.includes(EMAIL) || (e as { detail?: string }).detail?.includes(EMAIL), 'the error itself quotes the value');
      assert.doesNotMatch(line, /ada\.lovelace/, line);
    }
    const u = logged(unique).error as Record<string, unknown>;
    assert.equal(u.code, '23505');
    assert.equal(u.constraint, 't_email_key');
    assert.equal(u.table, 't');
  });

  test('MikroORM: an exception whose message quotes the statement with its values', async () => {
    const orm = await MikroORM.init(ormConfig({ url: db.url, poolSize: 1 }));
    try {
      const make = () => Object.assign(new Organization(), { id: uuidv7(), name: EMAIL, slug: 'ada-lovelace' });
      await orm.em.fork().persistAndFlush(make());
      const e = await orm.em
        .fork()
        .persistAndFlush(Object.assign(make(), { name: 'other' }))
        .catch((err: unknown) => err);
      assert.ok(e instanceof Error);
      assert.match((e as Error).message, /ada-lovelace/, 'the exception quotes the values');
      const line = JSON.stringify(logged(e));
      assert.doesNotMatch(line, /ada-lovelace|ada\.lovelace/, line);
      assert.match(line, /23505/);
    } finally {
      await orm.close();
    }
  });

  test('other errors are logged in full', () => {
    const line = JSON.stringify(logged(new Error(`no such user ${EMAIL}`)));
    assert.match(line, /ada\.lovelace/);
  });
});

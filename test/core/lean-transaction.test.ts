import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { sql, type Em } from '../../src/core/db.js';
import { Organization } from '../../src/core/entities/organization.js';

/**
 * Transactions of src/core/lean-transaction.ts: BEGIN travels with the transaction's first statement
 * (one round trip for both), and a transaction that sent nothing sends nothing.
 */
describe('lean transactions', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  /** What the `pg` driver was asked to send while `fn` ran: texts (a statement sent with BEGIN is marked so). */
  async function sent<T>(fn: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    const texts: string[] = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text: string; submit?: unknown };
      const text = typeof q === 'string' ? q : q.text;
      texts.push(typeof q === 'object' && typeof q.submit === 'function' && q.constructor !== pg.Query ? `[begin] ${text}` : text);
      return original.apply(this, a);
    };
    try {
      return { result: await fn(), texts };
    } finally {
      proto.query = original;
    }
  }
  const fork = () => t.server.orm.em.fork() as Em;
  const xact = async (em: Em) => (await sql<{ x: string }>(em, 'select pg_current_xact_id()::text as x'))[0]!.x;
  const idleInTransaction = async () =>
    Number(
      (
        await sql<{ n: number }>(
          fork(),
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
        )
      )[0]!.n,
    );

  test('the first statement carries BEGIN: one round trip, then COMMIT; every statement in the one transaction', async () => {
    const { result, texts } = await sent(() =>
      fork().transactional(async (tx) => {
        const a = await xact(tx as Em);
        const b = await xact(tx as Em);
        return [a, b];
      }),
    );
    assert.equal(result[0], result[1], 'both statements ran in one transaction');
    assert.deepEqual(texts, ['[begin] select pg_current_xact_id()::text as x', 'select pg_current_xact_id()::text as x', 'commit']);
    // outside a transaction, each statement is its own
    assert.notEqual(await xact(fork()), await xact(fork()));
  });

  test('what the first statement wrote is rolled back with the transaction', async () => {
    const name = `Rolled back ${Date.now()}`;
    await assert.rejects(
      fork().transactional(async (tx) => {
        await sql(tx as Em, 'update organizations set name = ? where id = ?', [name, org.id]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    const [row] = await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]);
    assert.notEqual(row!.name, name);
    assert.equal(await idleInTransaction(), 0);
  });

  test('a first statement that fails fails the transaction and leaves no connection in one', async () => {
    for (let i = 0; i < 5; i++) {
      await assert.rejects(
        fork().transactional(async (tx) => {
          await sql(tx as Em, 'select 1 / (?::int - ?::int)', [1, 1]);
        }),
        /division by zero/,
      );
    }
    assert.equal(await idleInTransaction(), 0);
    // the pool's connections still work, each statement in its own transaction again
    const ids = await Promise.all(Array.from({ length: 6 }, () => xact(fork())));
    assert.equal(new Set(ids).size, 6);
  });

  test('a transaction that sent nothing sends nothing: no BEGIN, no COMMIT or ROLLBACK', async () => {
    const committed = await sent(() => fork().transactional(async () => 'nothing'));
    assert.equal(committed.result, 'nothing');
    assert.deepEqual(committed.texts, []);
    const rolledBack = await sent(() =>
      fork()
        .transactional(async () => {
          throw new Error('before any statement');
        })
        .catch((e: Error) => e.message),
    );
    assert.equal(rolledBack.result, 'before any statement');
    assert.deepEqual(rolledBack.texts, []);
  });

  test("the ORM's own first statement (knex, a callback) runs after a BEGIN of its own, in the transaction", async () => {
    const slug = `lean-${Date.now()}`;
    const { texts } = await sent(() =>
      fork()
        .transactional(async (tx) => {
          tx.persist(tx.create(Organization, { name: 'Lean', slug } as never));
          await tx.flush();
          throw new Error('undo');
        })
        .catch(() => undefined),
    );
    assert.equal(texts[0], 'begin');
    assert.match(texts[1] ?? '', /insert into "organizations"/);
    assert.equal(texts.at(-1), 'rollback');
    assert.equal((await sql(fork(), 'select 1 from organizations where slug = ?', [slug])).length, 0);
  });

  test('a savepoint first (a nested transaction) goes with BEGIN; rolling it back keeps the outer transaction', async () => {
    const name = `Outer ${Date.now()}`;
    const { texts } = await sent(() =>
      fork().transactional(async (tx) => {
        await (tx as Em)
          .transactional(async (inner) => {
            await sql(inner as Em, 'update organizations set name = ? where id = ?', ['Inner', org.id]);
            throw new Error('inner fails');
          })
          .catch(() => undefined);
        await sql(tx as Em, 'update organizations set name = ? where id = ?', [name, org.id]);
      }),
    );
    assert.match(texts[0]!, /^begin; savepoint idm_sp1$/);
    assert.ok(texts.includes('rollback to savepoint idm_sp1'));
    assert.equal(texts.at(-1), 'commit');
    const [row] = await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]);
    assert.equal(row!.name, name);
  });
});

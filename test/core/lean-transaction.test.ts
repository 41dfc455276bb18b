import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { PATCH, scimClient } from '../helpers/scim-client.js';
import { CreateUserDocument, DeactivateUserDocument, ReactivateUserDocument } from '../generated/graphql.js';
import { sql, type Em } from '../../src/core/db.js';
import { Organization } from '../../src/core/entities/organization.js';

/**
 * Transactions of src/core/lean-transaction.ts: BEGIN travels with the transaction's first statement
 * and COMMIT may travel with its last (one round trip each), and a transaction that sent nothing
 * sends nothing.
 */
/** Tables only the server's background work writes, and its claim's lock. */
const BACKGROUND = /webhook|oidc_logout_deliveries|scim_requests/;

describe('lean transactions', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  /**
   * What the `pg` driver was asked to send while `fn` ran: texts (a statement sent with BEGIN or
   * COMMIT is marked so). The server's background work (the webhook and logout workers, the SCIM
   * request log) runs meanwhile on connections of the same pool: a transaction, or a statement
   * outside one, that touches their tables is left out, whole, BEGIN to COMMIT.
   */
  async function sent<T>(fn: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    const seen: Array<{ client: unknown; text: string }> = [];
    proto.query = function (this: unknown, ...a: unknown[]) {
      const q = a[0] as string | { text: string; submit?: unknown };
      const text = typeof q === 'string' ? q : q.text;
      const pipelined = (typeof q === 'object' && q.constructor !== pg.Query ? q : {}) as { withBegin?: boolean; withCommit?: boolean };
      seen.push({ client: this, text: `${pipelined.withBegin ? '[begin] ' : ''}${text}${pipelined.withCommit ? ' [commit]' : ''}` });
      return original.apply(this, a);
    };
    try {
      const result = await fn();
      // each connection's statements in transactions (one at a time per connection), in order
      const unit = new Map<unknown, number>();
      const units: number[] = [];
      let next = 0;
      const open = new Set<unknown>();
      for (const { client, text } of seen) {
        if (!open.has(client)) unit.set(client, next++);
        units.push(unit.get(client)!);
        if (/^(\[begin\] |begin$)/.test(text)) open.add(client);
        if (/^(commit|rollback)$|\[commit\]$/.test(text)) open.delete(client);
      }
      const background = new Set(units.filter((u, i) => BACKGROUND.test(seen[i]!.text)));
      return { result, texts: seen.filter((_, i) => !background.has(units[i]!)).map((x) => x.text) };
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
          // the background work's transactions are left out (between their statements they are idle too)
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and state like 'idle in transaction%' and query !~ 'webhook|oidc_logout_deliveries|scim_requests'`,
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

  test('the last statement can carry COMMIT: one round trip, committed, and nothing runs after it', async () => {
    const name = `Committed ${Date.now()}`;
    const { texts } = await sent(() =>
      fork().transactional(async (tx) => {
        await xact(tx as Em);
        await sql(tx as Em, 'update organizations set name = ? where id = ?', [name, org.id], { commit: true });
      }),
    );
    assert.deepEqual(texts, ['[begin] select pg_current_xact_id()::text as x', 'update organizations set name = $1 where id = $2 [commit]']);
    const [row] = await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]);
    assert.equal(row!.name, name);
    // BEGIN, the statement and COMMIT in one message when it is also the first
    const alone = await sent(() => fork().transactional(async (tx) => sql(tx as Em, 'select 1 as one', [], { commit: true })));
    assert.deepEqual(alone.texts, ['[begin] select 1 as one [commit]']);
    // a statement after the COMMIT is refused, not run outside the transaction
    await assert.rejects(
      fork().transactional(async (tx) => {
        await sql(tx as Em, 'select 1 as one', [], { commit: true });
        await sql(tx as Em, 'update organizations set name = ? where id = ?', ['After', org.id]);
      }),
      /Transaction query already complete/,
    );
    assert.equal((await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]))[0]!.name, name);
    assert.equal(await idleInTransaction(), 0);
  });

  test('a last statement that fails commits nothing: what came before it is rolled back', async () => {
    const before = (await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]))[0]!.name;
    const { texts } = await sent(() =>
      assert.rejects(
        fork().transactional(async (tx) => {
          await sql(tx as Em, 'update organizations set name = ? where id = ?', ['Not committed', org.id]);
          await sql(tx as Em, 'select 1 / (?::int - ?::int)', [1, 1], { commit: true });
        }),
        /division by zero/,
      ),
    );
    assert.equal(texts.at(-1), 'rollback');
    assert.equal((await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]))[0]!.name, before);
    assert.equal(await idleInTransaction(), 0);
  });

  test('a nested transaction (a savepoint) does not commit with a statement: the outer one still can roll back', async () => {
    const before = (await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]))[0]!.name;
    await assert.rejects(
      fork().transactional(async (tx) => {
        await (tx as Em).transactional(async (inner) => {
          await sql(inner as Em, 'update organizations set name = ? where id = ?', ['Inner', org.id], { commit: true });
        });
        throw new Error('outer fails');
      }),
      /outer fails/,
    );
    assert.equal((await sql<{ name: string }>(fork(), 'select name from organizations where id = ?', [org.id]))[0]!.name, before);
  });

  test("a core change sends no BEGIN or COMMIT of their own: the first statement carries BEGIN, the events' COMMIT", async () => {
    const u = (await t.gql(CreateUserDocument, { organizationId: org.id, input: { userName: `lean-${Date.now()}@example.com` } }, org.key)).createUser;
    const { result, texts } = await sent(() => t.gql(DeactivateUserDocument, { organizationId: org.id, id: u.id }, org.key));
    assert.equal(result.deactivateUser.active, false);
    const transaction = texts.filter((x) => !/credentials|provisioning_policies|scim_requests/.test(x));
    assert.match(transaction[0]!, /^\[begin\] select t\.\*.* for update of t$/s);
    assert.match(transaction.at(-1)!, /insert into events.* \[commit\]$/s);
    assert.ok(!transaction.some((x) => /^(begin|commit)$/.test(x)), transaction.join('\n'));
    // committed: the next change starts from it
    assert.equal((await t.gql(ReactivateUserDocument, { organizationId: org.id, id: u.id }, org.key)).reactivateUser.active, true);
    // Okta's deactivation (a SCIM PATCH of active): two round trips in all, the lock and the write
    const scim = scimClient(t, org.scimToken);
    const okta = await sent(() => scim.patch(`/Users/${u.id}`, PATCH({ op: 'replace', value: { active: false } })));
    assert.equal(okta.result.status, 200);
    const oktaTransaction = okta.texts.filter((x) => !/credentials|provisioning_policies|scim_requests/.test(x));
    assert.equal(oktaTransaction.length, 2, oktaTransaction.join('\n'));
    assert.match(oktaTransaction[0]!, /^\[begin\] select t\.\*.* for update of t$/s);
    assert.match(oktaTransaction[1]!, /^with __deferred0 as \(update "users".*insert into events.* \[commit\]$/s);
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

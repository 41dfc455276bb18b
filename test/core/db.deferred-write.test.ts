import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { CreateUserDocument } from '../generated/graphql.js';
import { lockRow, saveRowDeferred, sendDeferredWrites, sql, type Em } from '../../src/core/db.js';
import { User } from '../../src/core/entities/user.js';

/** saveRowDeferred (src/core/db.ts): a row update sent with the transaction's next statement. */
describe('a deferred row write', () => {
  let t: TestServer;
  let org: OrgFixture;
  let userId: string;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    userId = (await t.gql(CreateUserDocument, { organizationId: org.id, input: { userName: 'deferred@example.com' } }, org.key)).createUser.id;
  });
  after(() => t.stop());

  const titleOf = async (em: Em) => (await sql<{ title: string | null }>(em, 'select title from users where id = ?', [userId]))[0]!.title;
  const lock = async (em: Em) => (await lockRow(em, User, 'id = ? and organization_id = ?', [userId, org.id]))!;

  test('is sent before any later statement of its transaction, which then reads it', async () => {
    const em = t.server.orm.em.fork() as Em;
    await em.transactional(async (tx) => {
      const u = await lock(tx as Em);
      u.title = 'Deferred';
      saveRowDeferred(tx as Em, 'User', u);
      assert.equal(await titleOf(tx as Em), 'Deferred');
    });
    assert.equal(await titleOf(t.server.orm.em.fork() as Em), 'Deferred');
  });

  test('goes in the statement that asks for it, which does not see it, and is sent once', async () => {
    const em = t.server.orm.em.fork() as Em;
    await em.transactional(async (tx) => {
      const u = await lock(tx as Em);
      u.title = 'In one statement';
      saveRowDeferred(tx as Em, 'User', u);
      // PostgreSQL runs a WITH's data-modifying query beside the statement: the statement reads the row as it was
      const [row] = await sql<{ title: string | null }>(tx as Em, 'select title from users where id = ?', [userId], { withDeferred: true });
      assert.equal(row!.title, 'Deferred');
      assert.equal(await titleOf(tx as Em), 'In one statement');
      await sendDeferredWrites(tx as Em); // nothing left to send
    });
    assert.equal(await titleOf(t.server.orm.em.fork() as Em), 'In one statement');
  });

  test('is refused outside a transaction, and one the transaction rolls back is not written', async () => {
    const em = t.server.orm.em.fork() as Em;
    const u = await lockRow(em, User, 'id = ?', [userId]);
    assert.throws(() => saveRowDeferred(em, 'User', u!), /only in a transaction/);
    await assert.rejects(
      em.transactional(async (tx) => {
        const locked = await lock(tx as Em);
        locked.title = 'Rolled back';
        saveRowDeferred(tx as Em, 'User', locked);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await titleOf(t.server.orm.em.fork() as Em), 'In one statement');
  });
});

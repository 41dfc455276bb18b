// Every entity change comes with a migration: the schema the migrations build (the test template is
// migrated by test/run.ts) is the schema the entities describe, so the ORM finds nothing to change.
// An index made by raw SQL in a migration must be declared on its entity (`@Index({ expression })`),
// or `npm run migration:create` proposes to drop it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../helpers/harness.js';
import { ormConfig } from '../../src/server/mikro-orm.config.js';

describe('server: migrations match the entities', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;

  before(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormConfig({ url: db.url, poolSize: 1 }));
  });
  after(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  test('the migrated database needs no change to match the entities', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    assert.equal(diff.trim(), '', `the entities differ from what the migrations build; add a migration (npm run migration:create):\n${diff}`);
  });
});

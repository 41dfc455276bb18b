import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildCoreSchema } from '../src/graphql/schema.js';

test('schema/schema.graphql matches the schema built from the code (run `npm run schema:print` after changing it)', async () => {
  const printed = printSchema(await buildCoreSchema()) + '\n';
  const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
  assert.equal(committed, printed);
});

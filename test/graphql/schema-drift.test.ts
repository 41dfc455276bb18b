import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, printSchema } from 'graphql';
import { buildCoreSchema } from '../../src/graphql/schema.js';

test('schema/schema.graphql matches the schema built from the code (run `npm run schema:print` after changing it)', async () => {
  const printed = printSchema(await buildCoreSchema()) + '\n';
  const committed = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
  assert.equal(committed, printed);
});

test('every type, field, argument, input field and enum value of the schema has a description', async () => {
  const schema = await buildCoreSchema();
  const missing: string[] = [];
  for (const t of Object.values(schema.getTypeMap())) {
    if (t.name.startsWith('__') || (isScalarType(t) && isSpecifiedScalarType(t))) continue;
    if (!t.description) missing.push(`type ${t.name}`);
    if (isObjectType(t) || isInterfaceType(t)) {
      for (const f of Object.values(t.getFields())) {
        if (!f.description) missing.push(`${t.name}.${f.name}`);
        for (const a of f.args) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
    }
    if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) if (!f.description) missing.push(`${t.name}.${f.name}`);
    if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
  }
  assert.deepEqual(missing, []);
});

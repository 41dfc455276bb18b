/** `npm run schema:print`: writes schema/schema.graphql from the code (a test fails when it drifts). */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildCoreSchema } from '../src/graphql/schema.js';

const text = printSchema(await buildCoreSchema()) + '\n';
writeFileSync(new URL('../schema/schema.graphql', import.meta.url), text);
console.log(`schema/schema.graphql: ${text.split('\n').length} lines`);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCoreSchema } from '../../src/graphql/schema.js';
import { GraphQLPipeline } from '../../src/graphql/pipeline.js';
import { OperationRunner, hasRecursiveVariable } from '../../src/graphql/executor.js';
import { parse } from 'graphql';
import { createLogger } from '../../src/shared/logger.js';
import type { EventBus } from '../../src/core/events/event-bus.js';
import * as scim from '../../src/scim/operations.js';
import * as saml from '../../src/saml/operations.js';

async function runner(): Promise<OperationRunner> {
  const noDatabase = () => {
    throw new Error('compiling needs no database');
  };
  const pipeline = new GraphQLPipeline(await buildCoreSchema(), { fork: noDatabase, bus: {} as EventBus, log: createLogger('error') });
  return new OperationRunner(pipeline, noDatabase);
}

const documents = (ops: Record<string, unknown>) =>
  Object.entries(ops).filter((e): e is [string, string] => typeof e[1] === 'string' && /^(query|mutation)\b/.test(e[1].trim()));

test('the adapters run their fixed documents compiled, but for the two lists with a recursive filter variable', async () => {
  const r = await runner();
  const interpreted = [...documents(scim), ...documents(saml)].filter(([, source]) => !r.isCompiled(source)).map(([name]) => name);
  // graphql-jit recurses without end on a variable of type UserFilter/GroupFilter (they nest themselves)
  assert.deepEqual(interpreted.sort(), ['LIST_GROUPS', 'LIST_USERS']);
});

test('a SCIM list by one unique key runs a compiled document with the filter spelled out; anything else runs the general list', async () => {
  const r = await runner();
  const users = (filter: Record<string, unknown> | null, sort: Record<string, unknown> | null = null) =>
    scim.listUsersOperation({ filter, sort, first: 2, offset: 0 }, true);
  for (const key of ['userName', 'externalId', 'id']) {
    const [source, variables] = users({ [key]: { eq: 'v' }, historyCopy: false });
    assert.notEqual(source, scim.LIST_USERS, key);
    assert.ok(source.includes(`filter: {${key}: {eq: $value}, historyCopy: false}`), key);
    assert.deepEqual(variables, { value: 'v', first: 2, offset: 0, groups: true });
    assert.ok(r.isCompiled(source), key);
  }
  for (const filter of [
    { userName: { eq: 'v' } }, // without historyCopy: false, the spelled-out filter would not be the same
    { userName: { eq: 'v' }, historyCopy: true },
    { userName: { eq: 'v' }, active: true, historyCopy: false },
    { userName: { eq: 'v', ne: 'w' }, historyCopy: false },
    { userName: { ne: 'v' }, historyCopy: false },
    { displayName: { eq: 'v' }, historyCopy: false },
    { and: [{ userName: { eq: 'v' } }], historyCopy: false },
    { historyCopy: true },
    null,
  ]) {
    const [source, variables] = users(filter);
    assert.equal(source, scim.LIST_USERS, JSON.stringify(filter));
    assert.deepEqual(variables, { filter, sort: null, first: 2, offset: 0, groups: true });
  }
  assert.equal(users({ userName: { eq: 'v' }, historyCopy: false }, { field: 'USER_NAME', direction: 'ASC' })[0], scim.LIST_USERS);

  const [group] = scim.listGroupsOperation({ filter: { displayName: { eq: 'Admins' } }, sort: null, first: 1, offset: 0 });
  assert.ok(group.includes('filter: {displayName: {eq: $value}}') && r.isCompiled(group));
  assert.equal(scim.listGroupsOperation({ filter: { displayName: { eq: 'A' }, memberId: 'x' }, sort: null, first: 1, offset: 0 })[0], scim.LIST_GROUPS);
});

test('a SCIM list without a filter (an import paging through everyone) runs a compiled document without the filter variable', async () => {
  const r = await runner();
  const sort = { field: 'USER_NAME', direction: 'DESC' };
  const [users, userVars] = scim.listUsersOperation({ filter: { historyCopy: false }, sort, first: 1000, offset: 2000 }, false);
  assert.equal(users, scim.PAGE_USERS);
  assert.ok(users.includes('filter: {historyCopy: false}') && r.isCompiled(users));
  assert.deepEqual(userVars, { sort, first: 1000, offset: 2000, groups: false });
  const [groups, groupVars] = scim.listGroupsOperation({ filter: null, sort: null, first: 100, offset: 0 });
  assert.equal(groups, scim.PAGE_GROUPS);
  assert.ok(!groups.includes('filter') && r.isCompiled(groups));
  assert.deepEqual(groupVars, { sort: null, first: 100, offset: 0 });
});

test('a document with a variable of a recursive input type is recognized before graphql-jit is asked (it would recurse for seconds)', async () => {
  const schema = await buildCoreSchema();
  assert.equal(hasRecursiveVariable(schema, parse(scim.LIST_USERS)), true);
  assert.equal(hasRecursiveVariable(schema, parse(scim.LIST_GROUPS)), true);
  assert.equal(hasRecursiveVariable(schema, parse('query($f: EventFilter) { __typename }')), false);
  for (const [name, source] of [...documents(scim), ...documents(saml)].filter(([n]) => n !== 'LIST_USERS' && n !== 'LIST_GROUPS')) {
    assert.equal(hasRecursiveVariable(schema, parse(source)), false, name);
  }
});

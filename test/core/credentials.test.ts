import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gqlRequest, startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, secretPart, type OrgFixture } from '../helpers/fixtures.js';
import {
  CreateApiKeyDocument,
  CreateScimTokenDocument,
  CredentialsDocument,
  RevokeCredentialDocument,
  UsersDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import pg from 'pg';

describe('credentials', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  test('secrets are returned once and stored only as hashes', async () => {
    const { createScimToken } = await t.gql(CreateScimTokenDocument, { organizationId: org.id, name: 'Okta prod' }, org.key);
    assert.match(createScimToken.token, /^idm_scim_/);
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query('select * from credentials');
      const dump = JSON.stringify(rows.rows);
      assert.ok(!dump.includes(secretPart(createScimToken.token)), 'the secret part is not in the database');
      assert.ok(!dump.includes(secretPart(org.key)), 'nor is the API key');
    } finally {
      await db.end();
    }
    const list = await t.gql(CredentialsDocument, { organizationId: org.id }, org.key);
    assert.ok(list.credentials.some((c) => c.name === 'Okta prod' && c.kind === 'SCIM_TOKEN'));
    assert.ok(!JSON.stringify(list).includes(createScimToken.token));
  });

  test('an organization holds at most 100 unrevoked credentials: the next is BAD_USER_INPUT credential.tooMany until one is revoked', async () => {
    const own = await createOrg(t);
    const held = (await t.gql(CredentialsDocument, { organizationId: own.id }, own.key)).credentials.length;
    // concurrent creates cannot pass the limit together (they count under one lock)
    const results = await Promise.all(
      Array.from({ length: 110 - held }, (_, i) => t.raw(CreateScimTokenDocument, { organizationId: own.id, name: `token ${i}` }, own.key)),
    );
    const refused = results.filter((r) => r.errors);
    assert.equal(results.length - refused.length, 100 - held);
    assert.deepEqual(new Set(refused.map((r) => r.errors?.[0]?.extensions?.reason)), new Set(['credential.tooMany']));
    const { credentials } = await t.gql(CredentialsDocument, { organizationId: own.id }, own.key);
    assert.equal(credentials.length, 100);
    await t.gql(RevokeCredentialDocument, { organizationId: own.id, id: credentials.at(-1)!.id }, own.key);
    assert.equal((await t.raw(CreateApiKeyDocument, { organizationId: own.id, name: 'after a revocation', role: 'READ_ONLY' }, own.key)).errors, undefined);
  });

  test('revocation takes effect on the very next request', async () => {
    const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'temp', role: 'READ_ONLY' }, org.key);
    assert.equal((await t.gql(ViewerDocument, {}, createApiKey.token)).viewer.kind, 'API_KEY');
    await t.gql(RevokeCredentialDocument, { organizationId: org.id, id: createApiKey.credential.id }, org.key);
    const r = await t.raw(ViewerDocument, {}, createApiKey.token);
    assert.equal(r.status, 401);
    assert.equal(r.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const list = await t.gql(CredentialsDocument, { organizationId: org.id, includeRevoked: true }, org.key);
    assert.ok(list.credentials.find((c) => c.id === createApiKey.credential.id)?.revokedAt);
    assert.ok(!(await t.gql(CredentialsDocument, { organizationId: org.id }, org.key)).credentials.some((c) => c.id === createApiKey.credential.id));
  });

  test('read-only keys query but cannot change; SCIM tokens provision but cannot manage credentials', async () => {
    const ro = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'dashboard', role: 'READ_ONLY' }, org.key)).createApiKey.token;
    await t.gql(UsersDocument, { organizationId: org.id }, ro);
    const denied = await t.raw(CreateScimTokenDocument, { organizationId: org.id, name: 'x' }, ro);
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal(denied.errors?.[0]?.message, 'this API key is READ_ONLY (it may only query): it may not manage in this organization');
    await assert.rejects(createUser(t, org, { userName: 'ro@example.com' }, ro), /FORBIDDEN/);
    await createUser(t, org, { userName: 'scim@example.com' }, org.scimToken);
    const scimDenied = await t.raw(CreateApiKeyDocument, { organizationId: org.id, name: 'x', role: 'ADMIN' }, org.scimToken);
    assert.equal(scimDenied.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.match(scimDenied.errors?.[0]?.message ?? '', /^a SCIM token \(it may read and provision users and groups\) may not manage/);
  });

  test('missing, malformed and unknown bearer tokens are 401 UNAUTHENTICATED', async () => {
    for (const key of [undefined, 'garbage', 'idm_key_AAAAAAAAAAAA_' + 'A'.repeat(43), org.key.slice(0, -1) + (org.key.endsWith('A') ? 'B' : 'A')]) {
      const r = await gqlRequest(t.url, key, ViewerDocument, {});
      assert.equal(r.status, 401, String(key));
      assert.equal(r.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    }
  });

  test('a request without a valid credential is answered 401 before its body is read', async () => {
    const url = new URL(`${t.url}/graphql`);
    for (const authorization of [undefined, 'Bearer idm_key_nope']) {
      // announces 1 MB and sends none of it: only an answer that does not wait for the body arrives
      const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': 1_000_000, ...(authorization ? { authorization } : {}) },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.setTimeout(15000, () => req.destroy(new Error('no answer while the body was outstanding')));
        req.flushHeaders();
      });
      assert.equal(answer.status, 401, String(authorization));
      assert.equal(JSON.parse(answer.body).errors[0].extensions.code, 'UNAUTHENTICATED');
      assert.equal(answer.connection, 'close');
    }
  });
});

/**
 * Managing the OpenID Connect provider through GraphQL: clients (platform keys only; the secret
 * shown once and stored hashed; bad URIs refused with BAD_USER_INPUT), organization domains (a
 * domain verified for one organization only), signing-key rotation with overlap (the next key is
 * published before it signs; the replaced one stays published), and the adapter-only operations
 * refused to every key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';

const CREATE = `mutation($input: CreateOidcClientInput!) { createOidcClient(input: $input) { clientId clientSecret client { id public redirectUris version } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateOidcClientInput!) { updateOidcClient(id: $id, input: $input) { id name version backchannelLogoutUri } }`;
const ROTATE = `mutation($id: ID!) { rotateOidcClientSecret(id: $id) { clientSecret client { version } } }`;
const DELETE = `mutation($id: ID!) { deleteOidcClient(id: $id) { id } }`;
const LIST = `query { oidcClients { id name } }`;
const ADD_DOMAIN = `mutation($org: ID!, $domain: String!) { addOrganizationDomain(organizationId: $org, domain: $domain) { id domain verified } }`;
const VERIFY_DOMAIN = `mutation($org: ID!, $id: ID!) { verifyOrganizationDomain(organizationId: $org, id: $id) { id verified } }`;
const REMOVE_DOMAIN = `mutation($org: ID!, $id: ID!) { removeOrganizationDomain(organizationId: $org, id: $id) { id } }`;
const DOMAINS = `query($id: ID!) { organization(id: $id) { domains { domain verified } } }`;
const KEYS = `query { oidcSigningKeys { kid state retireAt } }`;
const ROTATE_KEYS = `mutation { rotateOidcSigningKeys(retireAfterSeconds: 3600) { kid state retireAt } }`;

describe('OpenID Connect clients, domains and signing keys', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  const code = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => r.errors?.[0]?.extensions?.code;

  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
  });
  after(async () => t?.stop());

  test('clients: platform keys only; secret once; public clients have none; bad URIs refused, nothing created', async () => {
    assert.equal(code(await t.raw(CREATE, { input: { name: 'x', redirectUris: ['https://app.example/cb'] } }, org.key)), 'FORBIDDEN');
    const c = (await t.gql<any, any>(CREATE, { input: { name: 'App', redirectUris: ['https://app.example/cb'] } })).createOidcClient;
    assert.match(c.clientSecret, /^oidc_[A-Za-z0-9_-]{43}$/);
    assert.equal(c.client.public, false);
    const spa = (await t.gql<any, any>(CREATE, { input: { name: 'SPA', redirectUris: ['http://localhost:5173/cb'], public: true } })).createOidcClient;
    assert.equal(spa.clientSecret, null);
    assert.equal(spa.client.public, true);
    for (const uris of [['http://app.example/cb'], ['https://app.example/cb#x'], ['not a url'], []]) {
      const r = await t.raw(CREATE, { input: { name: 'Bad', redirectUris: uris } });
      assert.equal(code(r), 'BAD_USER_INPUT', JSON.stringify(uris));
    }
    const r = await t.raw(CREATE, { input: { name: 'Bad', redirectUris: ['https://app.example/cb'], backchannelLogoutUri: 'http://127.0.0.1/logout' } });
    assert.equal(code(r), 'BAD_USER_INPUT', 'a private address needs WEBHOOK_ALLOW_INSECURE_URLS');
    assert.equal((r.errors![0]!.extensions as Record<string, unknown>).reason, 'oidcClient.backchannelLogoutUri.insecure');
    const names = (await t.gql<any, any>(LIST)).oidcClients.map((x: { name: string }) => x.name);
    assert.deepEqual(names, ['App', 'SPA']);

    const u = (await t.gql<any, any>(UPDATE, { id: c.clientId, input: { name: 'App 2', backchannelLogoutUri: 'https://app.example/logout' } }))
      .updateOidcClient;
    assert.equal(u.version, 2);
    const rotated = (await t.gql<any, any>(ROTATE, { id: c.clientId })).rotateOidcClientSecret;
    assert.notEqual(rotated.clientSecret, c.clientSecret);
    assert.equal(code(await t.raw(ROTATE, { id: spa.clientId })), 'BAD_USER_INPUT', 'a public client has no secret');
    await t.gql(DELETE, { id: c.clientId });
    assert.equal(code(await t.raw(DELETE, { id: c.clientId })), 'NOT_FOUND');
  });

  test('domains: claimed by an organization, verified by the platform for one organization only, removed', async () => {
    const d = (await t.gql<any, any>(ADD_DOMAIN, { org: org.id, domain: 'corp.example' }, org.key)).addOrganizationDomain;
    const d2 = (await t.gql<any, any>(ADD_DOMAIN, { org: other.id, domain: 'corp.example' }, other.key)).addOrganizationDomain;
    assert.equal(code(await t.raw(ADD_DOMAIN, { org: org.id, domain: 'https://corp.example/x' }, org.key)), 'BAD_USER_INPUT');
    assert.equal(code(await t.raw(ADD_DOMAIN, { org: org.id, domain: 'corp.example' }, org.key)), 'CONFLICT', 'once per organization');
    assert.equal(code(await t.raw(VERIFY_DOMAIN, { org: org.id, id: d.id }, org.key)), 'FORBIDDEN');
    await t.gql(VERIFY_DOMAIN, { org: org.id, id: d.id });
    assert.equal(code(await t.raw(VERIFY_DOMAIN, { org: other.id, id: d2.id })), 'CONFLICT', 'verified for another organization');
    assert.deepEqual((await t.gql<any, any>(DOMAINS, { id: org.id }, org.key)).organization.domains, [{ domain: 'corp.example', verified: true }]);
    assert.equal(code(await t.raw(REMOVE_DOMAIN, { org: org.id, id: d2.id }, org.key)), 'NOT_FOUND', "another organization's domain");
    await t.gql(REMOVE_DOMAIN, { org: org.id, id: d.id }, org.key);
    await t.gql(VERIFY_DOMAIN, { org: other.id, id: d2.id });
  });

  test('signing keys: the next key is published before it signs; rotation keeps the replaced one published', async () => {
    const jwks = async () => ((await (await fetch(`${t.url}/oidc/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> }).keys;
    const published = await jwks();
    assert.equal(published.length, 2, 'CURRENT and NEXT');
    assert.ok(
      published.every((k) => k.d === undefined),
      'no private parts',
    );
    const keys = (await t.gql<any, any>(KEYS)).oidcSigningKeys;
    const next = keys.find((k: { state: string }) => k.state === 'NEXT').kid;
    const current = keys.find((k: { state: string }) => k.state === 'CURRENT').kid;
    const rotated = (await t.gql<any, any>(ROTATE_KEYS)).rotateOidcSigningKeys;
    assert.equal(rotated.find((k: { state: string }) => k.state === 'CURRENT').kid, next);
    assert.equal(rotated.find((k: { state: string }) => k.state === 'RETIRED').kid, current);
    assert.equal(rotated.length, 3);
    assert.equal(code(await t.raw(KEYS, {}, org.key)), 'FORBIDDEN');
  });

  test('the adapter-only operations are refused to every key, the platform key included', async () => {
    for (const q of [`query { oidcProviderKeys }`, `query { oidcPayload(model: "Session", id: "x") }`, `query { oidcClientMetadata(clientId: "x") }`]) {
      assert.equal(code(await t.raw(q)), 'FORBIDDEN', q);
      assert.equal(code(await t.raw(q, {}, org.key)), 'FORBIDDEN', q);
    }
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, secretPart, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const CREATE = `mutation ($org: ID!, $input: CreateSetupLinkInput!) {
  createSetupLink(organizationId: $org, input: $input) { url expiresAt link { id organizationId scopes createdAt expiresAt revokedAt createdBy } }
}`;
const REVOKE = `mutation ($id: ID!) { revokeSetupLink(id: $id) { id revokedAt } }`;
const LIST = `query ($org: ID!) { setupLinks(organizationId: $org) { id scopes revokedAt } }`;
const VIEWER = `{ viewer { kind organizationId credentialId label role scopes expiresAt organization { id slug } } }`;

type Created = { createSetupLink: { url: string; expiresAt: string; link: { id: string; organizationId: string; scopes: string[]; createdBy: string } } };

/** The secret of a setup link's URL: its fragment. */
const secretOf = (url: string) => url.slice(url.indexOf('#') + 1);

async function newLink(t: TestServer, org: OrgFixture, scopes: string[], expiresInSeconds?: number) {
  const r = await t.gql<Created, unknown>(CREATE, { org: org.id, input: { scopes, expiresInSeconds } }, org.key);
  return { ...r.createSetupLink, secret: secretOf(r.createSetupLink.url) };
}

async function withDb<T>(t: TestServer, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

const codeOf = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;

describe('setup links', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
  });
  after(() => t.stop());

  test('a link is created with a URL carrying its secret in the fragment, stored only hashed, and listed', async () => {
    const before = Date.now();
    const l = await newLink(t, org, ['SSO', 'SCIM']);
    assert.ok(l.url.startsWith(`${t.url}/admin/setup#idm_setup_`), l.url);
    assert.deepEqual(l.link.scopes, ['SSO', 'SCIM']);
    assert.equal(l.link.organizationId, org.id);
    assert.equal(l.link.createdBy, 'API key "admin"');
    // the default lifetime: 7 days
    const lifetime = Date.parse(l.expiresAt) - before;
    assert.ok(Math.abs(lifetime - 7 * 86400_000) < 60_000, `lifetime ${lifetime}`);
    await withDb(t, async (db) => {
      const dump = JSON.stringify((await db.query('select * from setup_links')).rows);
      assert.ok(!dump.includes(secretPart(l.secret)), 'the secret is not stored');
    });
    const list = await t.gql<{ setupLinks: Array<{ id: string }> }, unknown>(LIST, { org: org.id }, org.key);
    assert.equal(list.setupLinks[0]!.id, l.link.id, 'newest first');
    // the viewer tells the console what the link is
    const v = (await t.gql<{ viewer: Record<string, unknown> }, unknown>(VIEWER, {}, l.secret)).viewer;
    assert.equal(v.kind, 'SETUP_LINK');
    assert.equal(v.organizationId, org.id);
    assert.equal(v.credentialId, l.link.id);
    assert.deepEqual(v.scopes, ['SSO', 'SCIM']);
    assert.equal(v.expiresAt, l.expiresAt);
    assert.equal(v.role, null);
    assert.deepEqual(v.organization, { id: org.id, slug: org.slug });
    // its creation is an event of the organization
    const ev = await t.gql<{ events: { nodes: Array<{ type: string; subjectId: string; data: Record<string, unknown> }> } }, unknown>(
      `query ($org: ID!) { events(organizationId: $org, filter: { types: [SETUP_LINK_CREATED] }) { nodes { type subjectId data } } }`,
      { org: org.id },
      org.key,
    );
    const created = ev.events.nodes.find((e) => e.subjectId === l.link.id);
    assert.deepEqual(created?.data.scopes, ['SSO', 'SCIM']);
  });

  test('bad input: no scopes, a lifetime out of bounds; only manage may create, list and revoke', async () => {
    for (const input of [{ scopes: [] }, { scopes: ['SSO'], expiresInSeconds: 299 }, { scopes: ['SSO'], expiresInSeconds: 30 * 86400 + 1 }]) {
      const r = await t.raw(CREATE, { org: org.id, input }, org.key);
      assert.equal(codeOf(r), 'BAD_USER_INPUT', JSON.stringify(input));
    }
    const bounds = await newLink(t, org, ['SCIM'], 300);
    assert.ok(Math.abs(Date.parse(bounds.expiresAt) - Date.now() - 300_000) < 60_000);
    const ro = (
      await t.gql<{ createApiKey: { token: string } }, unknown>(
        `mutation ($org: ID!) { createApiKey(organizationId: $org, name: "ro", role: READ_ONLY) { token } }`,
        { org: org.id },
        org.key,
      )
    ).createApiKey.token;
    assert.equal(codeOf(await t.raw(CREATE, { org: org.id, input: { scopes: ['SSO'] } }, ro)), 'FORBIDDEN');
    assert.equal(codeOf(await t.raw(LIST, { org: org.id }, ro)), 'FORBIDDEN');
    assert.equal(codeOf(await t.raw(REVOKE, { id: bounds.link.id }, ro)), 'FORBIDDEN');
    // another organization's key learns nothing about the link
    assert.equal(codeOf(await t.raw(REVOKE, { id: bounds.link.id }, other.key)), 'NOT_FOUND');
    assert.equal(codeOf(await t.raw(CREATE, { org: org.id, input: { scopes: ['SSO'] } }, other.key)), 'NOT_FOUND');
  });

  test('SSO scope: configures SAML and reads settings; no users, keys, events, webhooks or other organizations', async () => {
    const l = await newLink(t, org, ['SSO']);
    const k = l.secret;
    await createUser(t, org, { userName: 'grace@corp.example', displayName: 'Grace Hopper' });
    const ok = async (doc: string, vars: Record<string, unknown> = {}) => {
      const r = await t.raw<Record<string, unknown>, unknown>(doc, { org: org.id, ...vars }, k);
      assert.equal(r.errors, undefined, `${doc}: ${JSON.stringify(r.errors)}`);
      return r.data!;
    };
    const refused = async (doc: string, code: string, vars: Record<string, unknown> = {}, orgId = org.id) => {
      const r = await t.raw<Record<string, unknown>, unknown>(doc, { org: orgId, ...vars }, k);
      assert.equal(codeOf(r), code, `${doc}: ${JSON.stringify(r.errors ?? r.data)}`);
    };
    const own = (await ok(`query ($org: ID!) { organization(id: $org) { id name slug } }`)) as { organization: { id: string } };
    assert.equal(own.organization.id, org.id);
    await ok(`query ($org: ID!) { samlConnection(organizationId: $org) { configured serviceProvider { acsUrl entityId } } }`);
    // the IdP guides with this organization's own values (the setup pages render them)
    const guide = (await ok(
      `query ($org: ID!) { identityProviderProfile(kind: OKTA, organizationId: $org) { samlSetup { values { key value placeholder } } } }`,
    )) as {
      identityProviderProfile: { samlSetup: Array<{ values: Array<{ key: string | null; value: string; placeholder: boolean }> }> };
    };
    const acs = guide.identityProviderProfile.samlSetup.flatMap((s) => s.values).find((v) => v.key === 'ACS_URL');
    assert.ok(acs && !acs.placeholder && acs.value.includes(`/saml/${org.slug}/`), JSON.stringify(acs));
    await ok(`query ($org: ID!) { provisioningPolicy(organizationId: $org) { mode } }`);
    await ok(`query ($org: ID!) { attributeMappings(organizationId: $org, source: SAML) { source } }`);
    await ok(`query ($org: ID!) { customAttributeDefinitions(organizationId: $org) { name } }`);
    // the metadata upload of the guided setup
    const idp = new TestIdp();
    const configured = await ok(
      `mutation ($org: ID!, $xml: String!) { configureSamlConnection(organizationId: $org, input: { idpMetadataXml: $xml, defaultRedirectUrl: "https://app.example.com/" }) { configured idpEntityId defaultRedirectUrl } }`,
      { xml: idp.metadataXml() },
    );
    assert.deepEqual(configured, { configureSamlConnection: { configured: true, idpEntityId: idp.entityId, defaultRedirectUrl: 'https://app.example.com/' } });
    // a preview of a new user shows the mapped user; of an existing one, not that user's stored data
    const preview = `query ($org: ID!, $subject: String!) { previewProvisioning(organizationId: $org, source: SAML, input: { subject: $subject, attributes: { email: "x" } }) { user created error { code reason } } }`;
    const fresh = (await ok(preview, { subject: 'new.person@corp.example' })) as { previewProvisioning: { user: { userName: string }; created: boolean } };
    assert.equal(fresh.previewProvisioning.user.userName, 'new.person@corp.example');
    const existing = (await ok(preview, { subject: 'grace@corp.example' })) as { previewProvisioning: Record<string, unknown> };
    assert.equal(existing.previewProvisioning.user, null);
    assert.deepEqual(existing.previewProvisioning.error, { code: 'FORBIDDEN', reason: 'preview.existingUser' });
    assert.ok(!JSON.stringify(existing).includes('Grace Hopper'));

    await refused(`query ($org: ID!) { users(organizationId: $org) { nodes { id } } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { userStats(organizationId: $org) { activeUsers } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { groups(organizationId: $org) { nodes { id } } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { credentials(organizationId: $org) { id } }`, 'FORBIDDEN');
    await refused(`mutation ($org: ID!) { createScimToken(organizationId: $org, name: "x") { token } }`, 'FORBIDDEN');
    await refused(`mutation ($org: ID!) { createApiKey(organizationId: $org, name: "x") { token } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { events(organizationId: $org) { nodes { sequence } } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { webhookEndpoints(organizationId: $org) { id } }`, 'FORBIDDEN');
    await refused(`query ($org: ID!) { setupLinks(organizationId: $org) { id } }`, 'FORBIDDEN');
    await refused(`mutation ($org: ID!) { createSetupLink(organizationId: $org, input: { scopes: [SSO] }) { url } }`, 'FORBIDDEN');
    await refused(`mutation ($org: ID!) { setProvisioningPolicy(organizationId: $org, input: { seatLimit: 5 }) { seatLimit } }`, 'FORBIDDEN');
    await refused(`{ platformKeys { id } }`, 'FORBIDDEN');
    // another organization does not exist for it
    await refused(`query ($org: ID!) { samlConnection(organizationId: $org) { configured } }`, 'NOT_FOUND', {}, other.id);
    await refused(`query ($org: ID!) { users(organizationId: $org) { nodes { id } } }`, 'NOT_FOUND', {}, other.id);
    const otherOrg = await t.raw<{ organization: unknown }, unknown>(`query ($org: ID!) { organization(id: $org) { id } }`, { org: other.id }, k);
    assert.equal(otherOrg.data?.organization, null);
    const orgs = await t.gql<{ organizations: Array<{ id: string }> }, unknown>(`{ organizations { id } }`, {}, k);
    assert.deepEqual(
      orgs.organizations.map((o) => o.id),
      [org.id],
    );
    // not a SCIM credential either
    const scim = await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${k}` } });
    assert.equal(scim.status, 401);

    // what it changed is recorded with the link as the actor
    const ev = await t.gql<{ events: { nodes: Array<{ actorType: string; actorId: string; actorLabel: string }> } }, unknown>(
      `query ($org: ID!) { events(organizationId: $org, filter: { types: [SAML_CONNECTION_CONFIGURED] }) { nodes { actorType actorId actorLabel } } }`,
      { org: org.id },
      org.key,
    );
    const e = ev.events.nodes.at(-1)!;
    assert.equal(e.actorType, 'SETUP_LINK');
    assert.equal(e.actorId, l.link.id);
    assert.match(e.actorLabel, /^setup link .* \(SSO\)$/);
  });

  test('SCIM scope: creates SCIM tokens and sees and revokes only its own; no SAML configuration', async () => {
    const l = await newLink(t, org, ['SCIM']);
    const k = l.secret;
    const created = await t.gql<{ createScimToken: { token: string; credential: { id: string } } }, unknown>(
      `mutation ($org: ID!) { createScimToken(organizationId: $org, name: "Okta from setup") { token credential { id createdBy } } }`,
      { org: org.id },
      k,
    );
    // the token works for SCIM
    const scim = await fetch(`${t.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${created.createScimToken.token}` } });
    assert.equal(scim.status, 200);
    const list = await t.gql<{ credentials: Array<{ id: string; kind: string }> }, unknown>(
      `query ($org: ID!) { credentials(organizationId: $org) { id kind } }`,
      { org: org.id },
      k,
    );
    assert.deepEqual(
      list.credentials.map((c) => c.id),
      [created.createScimToken.credential.id],
      'only the token it created: not the API keys, not the other SCIM token',
    );
    const all = await t.gql<{ credentials: Array<{ id: string; kind: string }> }, unknown>(
      `query ($org: ID!) { credentials(organizationId: $org) { id kind } }`,
      { org: org.id },
      org.key,
    );
    const foreign = all.credentials.find((c) => c.kind === 'SCIM_TOKEN' && c.id !== created.createScimToken.credential.id)!;
    const apiKey = all.credentials.find((c) => c.kind === 'API_KEY')!;
    for (const id of [foreign.id, apiKey.id]) {
      const r = await t.raw(`mutation ($org: ID!, $id: ID!) { revokeCredential(organizationId: $org, id: $id) { id } }`, { org: org.id, id }, k);
      assert.equal(codeOf(r), 'NOT_FOUND');
    }
    await t.gql(
      `mutation ($org: ID!, $id: ID!) { revokeCredential(organizationId: $org, id: $id) { revokedAt } }`,
      { org: org.id, id: created.createScimToken.credential.id },
      k,
    );
    const refusedSaml = await t.raw(
      `mutation ($org: ID!) { configureSamlConnection(organizationId: $org, input: { defaultRedirectUrl: "https://x.example/" }) { version } }`,
      { org: org.id },
      k,
    );
    assert.equal(codeOf(refusedSaml), 'FORBIDDEN');
    assert.equal(codeOf(await t.raw(`query ($org: ID!) { users(organizationId: $org) { nodes { id } } }`, { org: org.id }, k)), 'FORBIDDEN');
    // both changes are the link's events
    const ev = await t.gql<{ events: { nodes: Array<{ type: string; actorType: string; actorId: string; subjectId: string }> } }, unknown>(
      `query ($org: ID!) { events(organizationId: $org, filter: { actorType: SETUP_LINK }) { nodes { type actorType actorId subjectId } } }`,
      { org: org.id },
      org.key,
    );
    const mine = ev.events.nodes.filter((e) => e.actorId === l.link.id);
    assert.deepEqual(
      mine.map((e) => e.type),
      ['CREDENTIAL_CREATED', 'CREDENTIAL_REVOKED'],
    );
  });

  test('revoked: refused at once over HTTP (UNAUTHENTICATED) and its WebSocket is closed', async () => {
    const l = await newLink(t, org, ['SSO']);
    assert.equal((await t.gql<{ viewer: { kind: string } }, unknown>(VIEWER, {}, l.secret)).viewer.kind, 'SETUP_LINK');
    // the console's WebSocket sends the secret exactly as an API key is sent; kept open (not lazy) as the console's is
    const ws = createClient({
      url: t.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${l.secret}` },
      retryAttempts: 0,
      lazy: false,
      // the close this test expects is not an error to print
      onNonLazyError: () => {},
    });
    after(() => ws.dispose());
    const closed = new Promise<{ code: number }>((resolve) => ws.on('closed', (e) => resolve(e as { code: number })));
    const viaWs = await new Promise<unknown>((resolve, reject) => {
      ws.subscribe({ query: VIEWER }, { next: (m) => resolve(m.data), error: reject, complete: () => {} });
    });
    assert.equal((viaWs as { viewer: { kind: string } }).viewer.kind, 'SETUP_LINK');
    const revoked = await t.gql<{ revokeSetupLink: { revokedAt: string | null } }, unknown>(REVOKE, { id: l.link.id }, org.key);
    assert.ok(revoked.revokeSetupLink.revokedAt);
    const r = await t.raw(VIEWER, {}, l.secret);
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'UNAUTHENTICATED');
    assert.equal((await closed).code, 4403);
    // revoking again changes nothing; the event is written once
    await t.gql(REVOKE, { id: l.link.id }, org.key);
    const ev = await t.gql<{ events: { nodes: Array<{ subjectId: string }> } }, unknown>(
      `query ($org: ID!) { events(organizationId: $org, filter: { types: [SETUP_LINK_REVOKED] }) { nodes { subjectId } } }`,
      { org: org.id },
      org.key,
    );
    assert.equal(ev.events.nodes.filter((e) => e.subjectId === l.link.id).length, 1);
  });

  test('revoked: the SCIM tokens the link created keep provisioning (the identity provider uses them after setup)', async () => {
    const l = await newLink(t, org, ['SCIM']);
    const created = await t.gql<{ createScimToken: { token: string } }, unknown>(
      `mutation ($org: ID!) { createScimToken(organizationId: $org, name: "Entra from setup") { token } }`,
      { org: org.id },
      l.secret,
    );
    await t.gql(REVOKE, { id: l.link.id }, org.key);
    assert.equal((await t.raw(VIEWER, {}, l.secret)).status, 401, 'the link itself is refused');
    const scim = await fetch(`${t.url}/scim/v2/Users?count=1`, { headers: { authorization: `Bearer ${created.createScimToken.token}` } });
    assert.equal(scim.status, 200, 'its token is not');
  });

  test('expired: refused (UNAUTHENTICATED)', async () => {
    const l = await newLink(t, org, ['SSO'], 300);
    // five minutes pass
    await withDb(t, (db) => db.query(`update setup_links set expires_at = now() - interval '1 second' where id = $1`, [l.link.id]));
    const r = await t.raw(VIEWER, {}, l.secret);
    assert.equal(r.status, 401);
    assert.equal(codeOf(r), 'UNAUTHENTICATED');
    // a made-up secret of the same shape is refused alike
    const forged = l.secret.slice(0, -4) + (l.secret.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.equal((await t.raw(VIEWER, {}, forged)).status, 401);
  });
});

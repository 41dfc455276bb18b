/**
 * IdP metadata from a URL (docs/SAML.md "Metadata URL"): fetched at configuration over real TLS from
 * an https server the test starts (its certificate issued by a CA made here and trusted through
 * OUTBOUND_CA_FILE), refreshed by `refreshSamlMetadata` and by the periodic refresh, across the
 * IdP's signing certificate rollover (both certificates trusted while the metadata lists both, and
 * sign-ins signed with either succeed), and failed fetches that keep the last good metadata.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { makeTestCa, metadataWithCertificates, startMetadataServer, type MetadataServer, type TestCa } from '../helpers/metadata-server.js';
import { TestIdp, toBase64 } from '../helpers/saml-idp.js';
import { postAcs, startLogin, to, type Sp } from '../helpers/saml-sp.js';
import {
  ConfigureSamlConnectionDocument,
  CreateApiKeyDocument,
  EventsDocument,
  RefreshSamlMetadataDocument,
  SamlConnectionDocument,
} from '../generated/graphql.js';

const ENTITY_ID = 'http://www.okta.com/exk1rollover';
const SSO_URL = 'https://example.okta.com/app/rollover/sso/saml';

describe('SAML connection from an IdP metadata URL', () => {
  let t: TestServer;
  let ca: TestCa;
  let otherCa: TestCa;
  let idpServer: MetadataServer;
  let untrustedServer: MetadataServer;
  let org: OrgFixture;
  let sp: Sp;
  // the IdP's signing key before and after its certificate rollover
  const oldKey = new TestIdp({ entityId: ENTITY_ID, ssoUrl: SSO_URL, commonName: 'idp-2025' });
  const newKey = new TestIdp({ entityId: ENTITY_ID, ssoUrl: SSO_URL, commonName: 'idp-2026' });
  const metadata = (...keys: TestIdp[]) => ({
    xml: metadataWithCertificates(
      ENTITY_ID,
      SSO_URL,
      keys.map((k) => k.certificateBase64),
    ),
  });

  before(async () => {
    ca = makeTestCa();
    otherCa = makeTestCa('Some Other CA');
    idpServer = await startMetadataServer(ca.server);
    untrustedServer = await startMetadataServer(otherCa.server);
    t = await startTestServer({ env: { SAML_METADATA_ALLOW_PRIVATE_ADDRESSES: 'true', OUTBOUND_CA_FILE: ca.file } });
    org = await createOrg(t);
  });
  after(async () => {
    await t?.stop();
    await idpServer?.close();
    await untrustedServer?.close();
    ca?.remove();
    otherCa?.remove();
  });

  const connection = async () => (await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection;
  const refresh = async () => (await t.gql(RefreshSamlMetadataDocument, { organizationId: org.id }, org.key)).refreshSamlMetadata;
  const eventsOf = async (type: 'SAML_METADATA_REFRESHED' | 'SAML_METADATA_REFRESH_FAILED') =>
    (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: [type] } }, org.key)).events.nodes;
  /** An SP-initiated sign-in answered with an assertion signed by `signer`; the ACS's status. */
  const signIn = async (signer: TestIdp, nameId: string) => {
    const login = await startLogin(t.url, org.slug);
    const r = await postAcs(t.url, org.slug, toBase64(signer.responseXml(to(sp, { inResponseTo: login.requestId, nameId }))));
    return r.status;
  };

  test('configured from the URL: entity ID, SSO URL and certificate fetched; the URL and the fetch time shown', async () => {
    idpServer.set('/app/metadata', metadata(oldKey));
    const url = `${idpServer.origin}/app/metadata`;
    const c = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataUrl: url } }, org.key)).configureSamlConnection;
    sp = c.serviceProvider;
    assert.equal(c.configured, true);
    assert.equal(c.idpEntityId, ENTITY_ID);
    assert.equal(c.idpSsoUrl, SSO_URL);
    assert.equal(c.idpMetadataUrl, url);
    assert.deepEqual(
      c.idpCertificates.map((x) => x.subject),
      ['CN=idp-2025'],
    );
    assert.ok(c.metadataRefreshedAt && Date.now() - Date.parse(c.metadataRefreshedAt) < 60_000);
    assert.equal(c.metadataRefreshError, null);
    // the next periodic refresh: six hours (the default), plus up to a tenth of jitter
    const next = Date.parse(c.metadataNextRefreshAt!) - Date.parse(c.metadataRefreshedAt!);
    assert.ok(next >= 6 * 3600_000 && next <= 6.6 * 3600_000 + 1000, `next refresh in ${next} ms`);
    assert.equal(await signIn(oldKey, 'ada@example.com'), 303);
  });

  test('the IdP starts its rollover: a refresh trusts both certificates, sign-ins signed with either succeed, one event names the added one', async () => {
    idpServer.set('/app/metadata', metadata(oldKey, newKey));
    const c = await refresh();
    assert.deepEqual(
      c.idpCertificates.map((x) => x.subject),
      ['CN=idp-2025', 'CN=idp-2026'],
    );
    assert.equal(c.metadataRefreshError, null);
    assert.equal(await signIn(oldKey, 'ada@example.com'), 303);
    assert.equal(await signIn(newKey, 'grace@example.com'), 303);
    const events = await eventsOf('SAML_METADATA_REFRESHED');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]!.data.addedCertificates, [c.idpCertificates[1]!.fingerprintSha256]);
    assert.deepEqual(events[0]!.data.removedCertificates, []);
    assert.equal(events[0]!.actorType, 'API_KEY');
    // a refresh that changes nothing records nothing, but notes the fetch
    const again = await refresh();
    assert.equal(again.version, c.version);
    assert.ok(Date.parse(again.metadataRefreshedAt!) >= Date.parse(c.metadataRefreshedAt!));
    assert.equal((await eventsOf('SAML_METADATA_REFRESHED')).length, 1);
  });

  test('the periodic refresh (due connections claimed by one instance) drops the old certificate once the IdP does', async () => {
    idpServer.set('/app/metadata', metadata(newKey));
    // nothing is due yet: no fetch
    const hits = idpServer.hits('/app/metadata');
    assert.equal(await t.server.samlMaintenance.refreshDueMetadata(), 0);
    assert.equal(idpServer.hits('/app/metadata'), hits);
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`update saml_connections set metadata_next_refresh_at = now() - interval '1 second' where organization_id = $1`, [org.id]);
      // two passes at once (as two instances would run them): the connection is fetched once
      const counts = await Promise.all([t.server.samlMaintenance.refreshDueMetadata(), t.server.samlMaintenance.refreshDueMetadata()]);
      assert.deepEqual(counts.sort(), [0, 1]);
    } finally {
      await db.end();
    }
    assert.equal(idpServer.hits('/app/metadata'), hits + 1);
    const c = await connection();
    assert.deepEqual(
      c.idpCertificates.map((x) => x.subject),
      ['CN=idp-2026'],
    );
    assert.equal(await signIn(newKey, 'grace@example.com'), 303);
    assert.equal(await signIn(oldKey, 'ada@example.com'), 400, 'the old certificate is no longer trusted');
    const events = await eventsOf('SAML_METADATA_REFRESHED');
    assert.equal(events.length, 2);
    assert.equal(events.at(-1)!.actorType, 'SYSTEM');
    assert.equal((events.at(-1)!.data.removedCertificates as string[]).length, 1);
  });

  test('a failed refresh keeps the last good metadata, says why on the connection and records an event', async () => {
    const before = await connection();
    const cases: Array<[Parameters<MetadataServer['set']>[1], string]> = [
      [{ status: 503 }, 'fetch.status'],
      [{ xml: '<html>maintenance</html>' }, 'metadata.invalid'],
      [{ bytes: 3_000_000 }, 'fetch.tooLarge'],
      [{ redirect: '/app/metadata' }, 'fetch.redirects'],
      [{ redirect: `http://127.0.0.1:1/plain` }, 'url.insecure'],
    ];
    for (const [answer, reason] of cases) {
      idpServer.set('/app/metadata', answer);
      const c = await refresh();
      assert.ok(c.metadataRefreshError, `${reason}: the error is shown`);
      assert.deepEqual(
        c.idpCertificates.map((x) => x.fingerprintSha256),
        before.idpCertificates.map((x) => x.fingerprintSha256),
        `${reason}: certificates kept`,
      );
      assert.equal(c.idpSsoUrl, before.idpSsoUrl);
      assert.equal(c.metadataRefreshedAt, before.metadataRefreshedAt, 'the last good fetch time stays');
      const failed = await eventsOf('SAML_METADATA_REFRESH_FAILED');
      assert.equal(failed.at(-1)!.data.reason, reason, JSON.stringify(failed.at(-1)!.data));
      assert.equal(failed.at(-1)!.data.url, `${idpServer.origin}/app/metadata`);
    }
    assert.equal(await signIn(newKey, 'grace@example.com'), 303, 'sign-in goes on with the last good metadata');
    // a redirect to another path that answers is followed
    idpServer.set('/app/metadata', { redirect: '/v2/metadata' });
    idpServer.set('/v2/metadata', metadata(newKey));
    const ok = await refresh();
    assert.equal(ok.metadataRefreshError, null);
  });

  test('the periodic refresh records a failure once while its reason stays the same', async () => {
    idpServer.set('/app/metadata', { status: 500 });
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    const count = async () => (await eventsOf('SAML_METADATA_REFRESH_FAILED')).length;
    const before = await count();
    try {
      for (let i = 0; i < 3; i++) {
        await db.query(`update saml_connections set metadata_next_refresh_at = now() - interval '1 second' where organization_id = $1`, [org.id]);
        assert.equal(await t.server.samlMaintenance.refreshDueMetadata(), 1);
      }
      // after a failure the next try comes within the hour, not after the full interval
      const { rows } = await db.query(`select extract(epoch from metadata_next_refresh_at - now()) as s from saml_connections where organization_id = $1`, [
        org.id,
      ]);
      assert.ok(Number(rows[0].s) <= 3600 * 1.1 + 5 && Number(rows[0].s) > 3000, `next try in ${rows[0].s} s`);
    } finally {
      await db.end();
    }
    assert.equal(await count(), before + 1);
    idpServer.set('/app/metadata', metadata(newKey));
    assert.equal((await refresh()).metadataRefreshError, null);
  });

  test('a server whose certificate no trusted CA issued is refused (TLS is verified; OUTBOUND_CA_FILE adds a CA, it does not switch checks off)', async () => {
    untrustedServer.set('/metadata', metadata(newKey));
    const o = await createOrg(t);
    const r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { idpMetadataUrl: `${untrustedServer.origin}/metadata` } }, o.key);
    assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(r.errors?.[0]?.extensions?.reason, 'samlConnection.idpMetadataUrl.fetch.failed');
    assert.match(r.errors![0]!.message, /certificate/i);
    assert.equal((await t.gql(SamlConnectionDocument, { organizationId: o.id }, o.key)).samlConnection.configured, false, 'nothing stored');
  });

  test('refreshSamlMetadata: needs manage permission and a metadata URL', async () => {
    const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'reader', role: 'READ_ONLY' });
    const denied = await t.raw(RefreshSamlMetadataDocument, { organizationId: org.id }, createApiKey.token);
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const o = await createOrg(t);
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { idpMetadataXml: newKey.metadataXml() } }, o.key);
    const none = await t.raw(RefreshSamlMetadataDocument, { organizationId: o.id }, o.key);
    assert.equal(none.errors?.[0]?.extensions?.code, 'PRECONDITION_FAILED');
    assert.equal(none.errors?.[0]?.extensions?.reason, 'samlConnection.idpMetadataUrl.notSet');
    const both = await t.raw(
      ConfigureSamlConnectionDocument,
      { organizationId: o.id, input: { idpMetadataXml: newKey.metadataXml(), idpMetadataUrl: `${idpServer.origin}/app/metadata` } },
      o.key,
    );
    assert.equal(both.errors?.[0]?.extensions?.reason, 'samlConnection.idpMetadata.twoSources');
  });

  test('idpMetadataUrl null stops fetching; the imported values stay', async () => {
    const c = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataUrl: null } }, org.key)).configureSamlConnection;
    assert.equal(c.idpMetadataUrl, null);
    assert.equal(c.metadataNextRefreshAt, null);
    assert.equal(c.idpEntityId, ENTITY_ID);
    assert.equal(c.idpCertificates.length, 1);
  });

  test('metadata XML uploaded (the setup page) replaces a metadata URL: the next refresh does not bring the old IdP back', async () => {
    const o = await createOrg(t);
    idpServer.set('/old-idp/metadata', metadata(oldKey));
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { idpMetadataUrl: `${idpServer.origin}/old-idp/metadata` } }, o.key);
    // the customer's IT admin moves to another identity provider and uploads its metadata through a setup link
    const link = (
      await t.gql<{ createSetupLink: { url: string } }, unknown>(
        `mutation ($o: ID!) { createSetupLink(organizationId: $o, input: { scopes: [SSO] }) { url } }`,
        { o: o.id },
        o.key,
      )
    ).createSetupLink.url.split('#')[1]!;
    const next = new TestIdp({ entityId: 'https://sts.windows.net/tenant-next/', commonName: 'next-idp' });
    const uploaded = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: o.id, input: { idpMetadataXml: next.metadataXml() } }, link))
      .configureSamlConnection;
    assert.equal(uploaded.idpEntityId, next.entityId);
    assert.equal(uploaded.idpMetadataUrl, null, 'the uploaded XML is the metadata now; the old URL is no longer fetched');
    assert.equal(uploaded.metadataNextRefreshAt, null);
    const refreshed = await t.raw(RefreshSamlMetadataDocument, { organizationId: o.id }, o.key);
    assert.equal(refreshed.errors?.[0]?.extensions?.reason, 'samlConnection.idpMetadataUrl.notSet');
    const c = (await t.gql(SamlConnectionDocument, { organizationId: o.id }, o.key)).samlConnection;
    assert.equal(c.idpEntityId, next.entityId);
    assert.deepEqual(
      c.idpCertificates.map((x) => x.subject),
      ['CN=next-idp'],
    );
  });
});

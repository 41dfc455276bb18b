/**
 * IdP metadata URLs the server refuses to fetch by default (docs/SAML.md "Metadata URL"): http, and
 * loopback, link-local and private addresses unless the operator set
 * SAML_METADATA_ALLOW_PRIVATE_ADDRESSES; refused before any request is made, with a named reason and
 * nothing stored. The connect-time check (a public-looking name that resolves inward) is tested on
 * the lookup the fetch uses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { makeTestCa, startMetadataServer, type MetadataServer, type TestCa } from '../helpers/metadata-server.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { ConfigureSamlConnectionDocument, SamlConnectionDocument } from '../generated/graphql.js';
import { publicOnlyLookup } from '../../src/shared/outbound-address.js';
import { fetchMetadata } from '../../src/core/services/saml-metadata-fetch.js';
import { loadConfig } from '../../src/server/config.js';

describe('IdP metadata URLs refused by default', () => {
  let t: TestServer;
  let ca: TestCa;
  let idpServer: MetadataServer;
  let org: OrgFixture;
  const idp = new TestIdp();

  before(async () => {
    ca = makeTestCa();
    idpServer = await startMetadataServer(ca.server);
    idpServer.set('/metadata', { xml: idp.metadataXml() });
    // the CA is trusted: only the address rule stands in the way
    t = await startTestServer({ env: { OUTBOUND_CA_FILE: ca.file } });
    org = await createOrg(t);
  });
  after(async () => {
    await t?.stop();
    await idpServer?.close();
    ca?.remove();
  });

  const cases: Array<[string, string]> = [
    ['http://idp.example.com/metadata', 'samlConnection.idpMetadataUrl.url.insecure'],
    ['ftp://idp.example.com/metadata', 'samlConnection.idpMetadataUrl.url.insecure'],
    ['not a url', 'samlConnection.idpMetadataUrl.url.invalid'],
    ['https://user:secret@idp.example.com/metadata', 'samlConnection.idpMetadataUrl.url.invalid'],
    ['https://localhost/metadata', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://localhost./metadata', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://10.1.2.3/metadata', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://192.168.0.10/metadata', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://169.254.169.254/latest/meta-data', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://[::1]/metadata', 'samlConnection.idpMetadataUrl.url.private'],
    ['https://[::ffff:127.0.0.1]/metadata', 'samlConnection.idpMetadataUrl.url.private'],
    [`https://x.example/${'a'.repeat(2100)}`, 'samlConnection.idpMetadataUrl.url.invalid'],
  ];
  for (const [url, reason] of cases) {
    test(`${url.slice(0, 60)} → ${reason}`, async () => {
      const r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataUrl: url } }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(r.errors));
      assert.equal(r.errors?.[0]?.extensions?.reason, reason, r.errors?.[0]?.message);
      assert.equal(r.errors?.[0]?.extensions?.field, 'idpMetadataUrl');
    });
  }

  test('the test server on 127.0.0.1 (trusted CA, valid metadata) is refused without the setting, and never asked', async () => {
    const r = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataUrl: `${idpServer.origin}/metadata` } }, org.key);
    assert.equal(r.errors?.[0]?.extensions?.reason, 'samlConnection.idpMetadataUrl.url.private');
    assert.match(r.errors![0]!.message, /SAML_METADATA_ALLOW_PRIVATE_ADDRESSES/);
    assert.equal(idpServer.hits('/metadata'), 0);
    assert.equal((await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection.configured, false);
  });

  test('a name that resolves to a non-public address is refused when the socket connects (the lookup the fetch uses)', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
    assert.equal(err?.code, 'ENONPUBLIC');
    assert.equal(err!.message, 'localhost resolves to a non-public address', 'the address it resolves to is not named');
  });

  test('the fetch itself: every redirect hop is checked like the URL given (here plain http to an instance-metadata address), not followed', async () => {
    // the policy lets the fetch reach the test server; the hop must still pass the same checks
    idpServer.set('/hop', { redirect: 'http://169.254.169.254/latest/meta-data' });
    await assert.rejects(
      fetchMetadata(`${idpServer.origin}/hop`, { allowPrivateAddresses: true, extraCaCertificates: [ca.certificatePem] }),
      (e: Error & { reason?: string }) => e.reason === 'url.insecure',
    );
  });

  test('configuration: SAML_METADATA_REFRESH_SECONDS is bounded, OUTBOUND_CA_FILE must hold a certificate', () => {
    assert.equal(loadConfig({}).samlMetadataRefreshSeconds, 21600);
    assert.equal(loadConfig({}).samlMetadataAllowPrivateAddresses, false);
    assert.throws(() => loadConfig({ SAML_METADATA_REFRESH_SECONDS: '5' }), /SAML_METADATA_REFRESH_SECONDS must be an integer between 60 and 604800/);
    assert.throws(() => loadConfig({ OUTBOUND_CA_FILE: '/nonexistent/ca.pem' }), /OUTBOUND_CA_FILE: cannot read/);
    assert.equal(loadConfig({ OUTBOUND_CA_FILE: ca.file }).outboundCaCertificates.length, 1);
  });
});

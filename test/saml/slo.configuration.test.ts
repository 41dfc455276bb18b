/**
 * Where the IdP's Single Logout service comes from (docs/SAML.md "Single Logout"): set explicitly on
 * the connection (overriding the metadata's, cleared with null, its binding checked), and followed
 * by the metadata URL refresh like the SSO URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { makeTestCa, startMetadataServer, type MetadataServer, type TestCa } from '../helpers/metadata-server.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { ConfigureSamlConnectionDocument, EventsDocument, RefreshSamlMetadataDocument } from '../generated/graphql.js';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

describe('the IdP Single Logout service of a connection', () => {
  let t: TestServer;
  let ca: TestCa;
  let server: MetadataServer;
  const idp = new TestIdp();

  before(async () => {
    ca = makeTestCa();
    server = await startMetadataServer(ca.server);
    t = await startTestServer({ env: { SAML_METADATA_ALLOW_PRIVATE_ADDRESSES: 'true', OUTBOUND_CA_FILE: ca.file } });
  });
  after(async () => {
    await t?.stop();
    await server?.close();
    ca?.remove();
  });

  test('set explicitly: overrides the metadata, binding HTTP-Redirect by default, checked, cleared with null; recorded in the event', async () => {
    const org = await createOrg(t);
    const configure = async (input: Record<string, unknown>) =>
      (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input }, org.key)).configureSamlConnection;
    let c = await configure({ idpMetadataXml: idp.metadataXml() });
    assert.equal(c.idpSloUrl, null);
    assert.equal(c.idpSloBinding, null);
    c = await configure({ idpSloUrl: 'https://idp.example.com/slo' });
    assert.equal(c.idpSloUrl, 'https://idp.example.com/slo');
    assert.equal(c.idpSloBinding, REDIRECT);
    c = await configure({ idpSloBinding: POST });
    assert.equal(c.idpSloBinding, POST);
    const bad = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpSloBinding: 'urn:soap' } }, org.key);
    assert.equal(bad.errors?.[0]?.extensions?.reason, 'samlConnection.idpSloBinding.invalid');
    const insecure = await t.raw(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpSloUrl: 'http://idp.example.com/slo' } }, org.key);
    assert.equal(insecure.errors?.[0]?.extensions?.reason, 'samlConnection.idpSloUrl.invalid');
    c = await configure({ idpSloUrl: null });
    assert.equal(c.idpSloUrl, null);
    assert.equal(c.idpSloBinding, null);
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_CONNECTION_CONFIGURED'] } }, org.key)).events.nodes;
    assert.deepEqual(events[1]!.changes!.idpSloUrl, { before: null, after: 'https://idp.example.com/slo' });
  });

  test('from the metadata URL: imported at configuration and followed by a refresh', async () => {
    const org = await createOrg(t);
    const path = `/slo-${org.slug}/metadata`;
    server.set(path, { xml: idp.metadataXml({ url: 'https://idp.example.com/slo/v1' }) });
    const c = (await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataUrl: `${server.origin}${path}` } }, org.key))
      .configureSamlConnection;
    assert.equal(c.idpSloUrl, 'https://idp.example.com/slo/v1');
    assert.equal(c.idpSloBinding, REDIRECT);
    server.set(path, {
      xml: idp.metadataXml({ url: 'https://idp.example.com/slo/v2', binding: 'HTTP-POST', responseUrl: 'https://idp.example.com/slo/v2/r' }),
    });
    const r = (await t.gql(RefreshSamlMetadataDocument, { organizationId: org.id }, org.key)).refreshSamlMetadata;
    assert.equal(r.idpSloUrl, 'https://idp.example.com/slo/v2');
    assert.equal(r.idpSloResponseUrl, 'https://idp.example.com/slo/v2/r');
    assert.equal(r.idpSloBinding, POST);
    const events = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_METADATA_REFRESHED'] } }, org.key)).events.nodes;
    assert.deepEqual(events[0]!.changes!.idpSloUrl, { before: 'https://idp.example.com/slo/v1', after: 'https://idp.example.com/slo/v2' });
    // the IdP turns Single Logout off: the next refresh clears it
    server.set(path, { xml: idp.metadataXml() });
    assert.equal((await t.gql(RefreshSamlMetadataDocument, { organizationId: org.id }, org.key)).refreshSamlMetadata.idpSloUrl, null);
  });
});

/**
 * Certificate lifecycle of SAML connections (docs/SAML.md "Certificate expiry"): certificates that
 * expire within 30, 7 and 1 days raise SAML_CERTIFICATE_EXPIRING once per threshold and
 * certificate (IdP and SP certificates), delivered to subscribers like every event; the check runs
 * on one instance at a time; the connection's status shows the soonest expiry and its warning level.
 * Short-lived certificates are made with openssl at test time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, subscribe, type TestServer } from '../helpers/harness.js';
import { createOrg, type OrgFixture } from '../helpers/fixtures.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { ConfigureSamlConnectionDocument, EventsDocument, OnEventsDocument, SamlConnectionDocument } from '../generated/graphql.js';

describe('SAML certificate expiry events', () => {
  let t: TestServer;
  let db: pg.Client;
  const fiveDays = new TestIdp({ commonName: 'idp-five-days', days: 5 });
  const oneDay = new TestIdp({ commonName: 'idp-one-day', days: 1 });
  const longLived = new TestIdp({ commonName: 'idp-long', days: 365 });
  const spForty = new TestIdp({ commonName: 'sp-forty-days', days: 40 });
  const spTwenty = new TestIdp({ commonName: 'sp-twenty-days', days: 20 });

  before(async () => {
    t = await startTestServer();
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await t?.stop();
  });

  const expiring = async (org: OrgFixture) =>
    (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['SAML_CERTIFICATE_EXPIRING'] } }, org.key)).events.nodes;
  const status = async (org: OrgFixture) => (await t.gql(SamlConnectionDocument, { organizationId: org.id }, org.key)).samlConnection.certificateStatus;

  test('an IdP certificate expiring in 5 days raises the 7-day event once, and the status warns', async () => {
    const org = await createOrg(t);
    const live = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, types: ['SAML_CERTIFICATE_EXPIRING'] });
    try {
      await t.gql(
        ConfigureSamlConnectionDocument,
        {
          organizationId: org.id,
          input: { idpMetadataXml: fiveDays.metadataXml(), spPrivateKeyPem: spForty.privateKeyPem, spCertificatePem: spForty.certificatePem },
        },
        org.key,
      );
      const s = await status(org);
      assert.equal(s.warning, 'WITHIN_7_DAYS');
      assert.equal(s.usage, 'IDP');
      assert.ok(Math.abs(Date.parse(s.soonestExpiry!) - (Date.now() + 5 * 86400_000)) < 120_000);

      assert.ok((await t.server.samlMaintenance.checkCertificates())! >= 1);
      const events = await expiring(org);
      assert.equal(events.length, 1, 'the SP certificate (40 days) is not due');
      const e = events[0]!;
      assert.equal(e.actorType, 'SYSTEM');
      assert.equal(e.subjectType, 'SAML_CONNECTION');
      assert.equal(e.subjectId, org.id);
      assert.equal(e.data.usage, 'IDP');
      assert.equal(e.data.thresholdDays, 7);
      assert.equal(e.data.daysLeft, 4);
      assert.equal(e.data.fingerprintSha256, s.fingerprintSha256);
      assert.equal(e.data.expired, false);
      // subscribers get it like any event (webhooks read the same log)
      const pushed = await live.next();
      assert.equal(pushed.events.sequence, e.sequence);

      // the next runs announce nothing new for it
      await t.server.samlMaintenance.checkCertificates();
      await t.server.samlMaintenance.checkCertificates();
      assert.equal((await expiring(org)).length, 1);
    } finally {
      live.close();
    }
  });

  test('each threshold once: a certificate that crosses 30 days, then 1 day, is announced at each', async () => {
    const org = await createOrg(t);
    await t.gql(
      ConfigureSamlConnectionDocument,
      {
        organizationId: org.id,
        input: { idpMetadataXml: longLived.metadataXml(), spPrivateKeyPem: spTwenty.privateKeyPem, spCertificatePem: spTwenty.certificatePem },
      },
      org.key,
    );
    await t.server.samlMaintenance.checkCertificates();
    let events = await expiring(org);
    assert.deepEqual(
      events.map((e) => [e.data.usage, e.data.thresholdDays]),
      [['SP', 30]],
    );
    assert.equal((await status(org)).warning, 'WITHIN_30_DAYS');
    // time passes (the stored expiry moves closer): the 1-day threshold is announced, once
    await db.query(`update saml_certificate_expiries set not_after = now() + interval '20 hours' where organization_id = $1 and usage = 'SP'`, [org.id]);
    await t.server.samlMaintenance.checkCertificates();
    await t.server.samlMaintenance.checkCertificates();
    events = await expiring(org);
    assert.deepEqual(
      events.map((e) => [e.data.usage, e.data.thresholdDays]),
      [
        ['SP', 30],
        ['SP', 1],
      ],
    );
  });

  test('a certificate expiring within a day raises the 1-day event; a replaced certificate is no longer watched', async () => {
    const org = await createOrg(t);
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataXml: oneDay.metadataXml() } }, org.key);
    assert.equal((await status(org)).warning, 'WITHIN_1_DAY');
    await t.server.samlMaintenance.checkCertificates();
    assert.deepEqual(
      (await expiring(org)).map((e) => e.data.thresholdDays),
      [1],
    );
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpCertificates: [longLived.certificatePem] } }, org.key);
    const { rows } = await db.query('select usage, subject from saml_certificate_expiries where organization_id = $1', [org.id]);
    assert.deepEqual(rows, [{ usage: 'IDP', subject: 'CN=idp-long' }]);
    assert.equal((await status(org)).warning, 'NONE');
  });

  test('connections configured before the list existed are filled in by the check; two instances running it at once announce once', async () => {
    const org = await createOrg(t);
    await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataXml: fiveDays.metadataXml() } }, org.key);
    await db.query('delete from saml_certificate_expiries where organization_id = $1', [org.id]);
    const runs = await Promise.all([t.server.samlMaintenance.checkCertificates(), t.server.samlMaintenance.checkCertificates()]);
    assert.ok(runs.includes(null) || runs.includes(0), `one run found the other running or nothing left: ${JSON.stringify(runs)}`);
    assert.equal((await expiring(org)).length, 1);
    const { rows } = await db.query('select usage, warned_days from saml_certificate_expiries where organization_id = $1', [org.id]);
    assert.deepEqual(rows, [{ usage: 'IDP', warned_days: 7 }]);
  });
});

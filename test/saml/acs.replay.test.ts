/**
 * Every assertion is accepted once (replay cache in PostgreSQL until it expires) and every
 * AuthnRequest answered once; a refused assertion consumes nothing. docs/SAML.md §Sign-in semantics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg } from '../helpers/fixtures.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { TestIdp } from '../helpers/saml-idp.js';
import { assertRefused, connectIdp, postAcs, snapshot, startLogin, to } from '../helpers/saml-sp.js';

describe('SAML replay protection', () => {
  let t: TestServer;
  let logs: CapturedLogs;
  const idp = new TestIdp();
  before(async () => {
    logs = captureLogs();
    t = await startTestServer({ env: { LOG_LEVEL: 'warn' } });
  });
  after(async () => {
    await t.stop();
    logs.restore();
  });
  const reasonOf = (requestId: string | null) => logs.of(requestId).find((l) => l.msg === 'SAML request refused')?.reason;

  test('IdP-initiated: a captured response replayed is refused (no second session, nothing changes)', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const captured = idp.response(to(sp));
    const first = await postAcs(t.url, org.slug, captured);
    assert.equal(first.status, 303, first.text);
    const before = await snapshot(t, org);
    const again = await postAcs(t.url, org.slug, captured);
    assertRefused(again, 400);
    assert.equal(reasonOf(again.requestId), 'saml.assertion.replayed');
    assert.match(again.text, /already been used/);
    assert.deepEqual(await snapshot(t, org), before);
  });

  test('SP-initiated: the same response posted twice is refused the second time (its request is answered)', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const login = await startLogin(t.url, org.slug);
    const response = idp.response(to(sp, { inResponseTo: login.requestId }));
    assert.equal((await postAcs(t.url, org.slug, response)).status, 303);
    const again = await postAcs(t.url, org.slug, response);
    assertRefused(again, 400);
    assert.equal(reasonOf(again.requestId), 'saml.inResponseTo.used');
  });

  test('an assertion ID seen before is refused even in answer to a new request, and that request stays usable', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp);
    const first = await startLogin(t.url, org.slug);
    const assertionId = `id${'7'.repeat(30)}`;
    assert.equal((await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: first.requestId, assertionId })))).status, 303);
    const second = await startLogin(t.url, org.slug);
    const replay = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: second.requestId, assertionId })));
    assertRefused(replay, 400);
    assert.equal(reasonOf(replay.requestId), 'saml.assertion.replayed');
    // the refusal rolled back: the second request was not consumed
    const fresh = await postAcs(t.url, org.slug, idp.response(to(sp, { inResponseTo: second.requestId })));
    assert.equal(fresh.status, 303, fresh.text);
  });

  test('the same assertion ID in two organizations is two different assertions', async () => {
    const a = await createOrg(t);
    const b = await createOrg(t);
    const spA = await connectIdp(t, a, idp, { allowIdpInitiated: true });
    const spB = await connectIdp(t, b, idp, { allowIdpInitiated: true });
    const assertionId = `id${'8'.repeat(30)}`;
    assert.equal((await postAcs(t.url, a.slug, idp.response(to(spA, { assertionId })))).status, 303);
    assert.equal((await postAcs(t.url, b.slug, idp.response(to(spB, { assertionId })))).status, 303);
  });

  test('concurrent replays: exactly one of ten simultaneous posts of one response signs in', async () => {
    const org = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    const captured = idp.response(to(sp));
    const results = await Promise.all(Array.from({ length: 10 }, () => postAcs(t.url, org.slug, captured)));
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    assert.equal(results.filter((r) => r.sessionCookie).length, 1);
    for (const r of results.filter((x) => x.status === 400)) assert.equal(reasonOf(r.requestId), 'saml.assertion.replayed');
  });

  test('expired replay-cache rows and long-expired requests are purged by the next sign-in of the organization', async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const sp = await connectIdp(t, org, idp, { allowIdpInitiated: true });
    await connectIdp(t, other, idp, { allowIdpInitiated: true });
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      for (const o of [org, other]) {
        await db.query(
          `insert into saml_used_assertions (organization_id, assertion_id, used_at, expires_at) values ($1, 'old-assertion', now() - interval '2 hours', now() - interval '1 hour')`,
          [o.id],
        );
        await db.query(
          `insert into saml_authn_requests (id, organization_id, created_at, expires_at) values ($1, $2, now() - interval '3 days', now() - interval '2 days')`,
          [`_old${o.id.replace(/-/g, '')}`, o.id],
        );
      }
      const notOnOrAfter = new Date(Math.floor(Date.now() / 1000) * 1000 + 10 * 60_000);
      const r = await postAcs(t.url, org.slug, idp.response(to(sp, { conditionsNotOnOrAfter: notOnOrAfter, subjectNotOnOrAfter: notOnOrAfter })));
      assert.equal(r.status, 303, r.text);
      const login = await startLogin(t.url, org.slug);
      const rows = await db.query<{ organization_id: string; assertion_id: string }>(
        'select organization_id, assertion_id from saml_used_assertions where organization_id = any($1)',
        [[org.id, other.id]],
      );
      assert.deepEqual(
        rows.rows
          .filter((x) => x.organization_id === org.id)
          .map((x) => x.assertion_id)
          .includes('old-assertion'),
        false,
        'the expired entry is gone',
      );
      assert.equal(rows.rows.filter((x) => x.organization_id === org.id).length, 1, 'the new entry is kept');
      assert.ok(
        rows.rows.some((x) => x.organization_id === other.id && x.assertion_id === 'old-assertion'),
        'other organizations are purged on their own sign-ins',
      );
      const requests = await db.query<{ id: string }>('select id from saml_authn_requests where organization_id = $1', [org.id]);
      assert.deepEqual(
        requests.rows.map((x) => x.id),
        [login.requestId],
      );
      const expiry = await db.query<{ expires_at: Date }>('select expires_at from saml_used_assertions where organization_id = $1', [org.id]);
      assert.equal(expiry.rows[0]!.expires_at.getTime(), notOnOrAfter.getTime() + 60_000, 'kept until NotOnOrAfter plus the clock skew');
    } finally {
      await db.end();
    }
  });
});

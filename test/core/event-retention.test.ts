/**
 * Event retention (README "Event retention"): the organization's `eventRetentionDays` and the platform
 * default EVENT_RETENTION_DAYS; the pruner deletes a contiguous prefix of old events in batches, one
 * instance at a time, never an event a webhook delivery still needs or the webhook enqueuer has not
 * seen; a resume below what it deleted (subscription, export) is refused with events.pruned and goes
 * on from the mark.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { createTestDatabase, startTestServer, subscribe, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import { CreateApiKeyDocument, EventsDocument, OnEventsDocument } from '../generated/graphql.js';
import { EventPruner, PRUNE_BATCH } from '../../src/core/services/event-retention.js';
import { ormConfig } from '../../src/server/mikro-orm.config.js';
import type { Em } from '../../src/core/db.js';

const SET_RETENTION = `mutation($id: ID!, $days: Int) {
  updateOrganization(id: $id, input: { eventRetentionDays: $days }) { id eventRetentionDays eventsPrunedThroughSequence version }
}`;
const RENAME = `mutation($id: ID!) { updateOrganization(id: $id, input: { name: "Renamed" }) { eventRetentionDays } }`;
const ORG = `query($id: ID!) { organization(id: $id) { eventRetentionDays eventsPrunedThroughSequence } }`;
type OrgRetention = { eventRetentionDays: number | null; eventsPrunedThroughSequence: number | null };

/** Makes every event of the organization written so far 40 days old. */
const ageAll = (db: pg.Client, org: string) => db.query(`update events set occurred_at = now() - interval '40 days' where organization_id = $1`, [org]);

/** Inserts `n` events of 40 days ago, as the event writer writes them; their sequence numbers. */
async function oldEvents(db: pg.Client, org: string, n: number): Promise<number[]> {
  const r = await db.query<{ seq: string }>(
    `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data, occurred_at)
     select $1, 'USER_UPDATED', 'SYSTEM', 'old', 'USER', 'u' || i, '{}', '{}', now() - interval '40 days' from generate_series(1, $2::int) i returning seq`,
    [org, n],
  );
  return r.rows.map((x) => Number(x.seq)).sort((a, b) => a - b);
}

/**
 * Waits until the webhook enqueuer (every instance runs it, every 500 ms) has seen every event of the
 * organization: until then the pruner keeps them (their deliveries may not be written yet).
 */
async function enqueued(url: string, org: string): Promise<void> {
  await withDb(url, async (db) => {
    for (let i = 0; ; i++) {
      const r = await db.query(
        `select 1 from webhook_cursor c join events e on e.xid = any(c.snapshot_xip::bigint[]) or e.xid >= c.snapshot_xmax where e.organization_id = $1 limit 1`,
        [org],
      );
      if (!r.rowCount) return;
      assert.ok(i < 200, 'the webhook enqueuer did not catch up within 10 s');
      await new Promise((res) => setTimeout(res, 50));
    }
  });
}

async function seqs(db: pg.Client, org: string): Promise<number[]> {
  return (await db.query<{ seq: string }>('select seq from events where organization_id = $1 order by seq', [org])).rows.map((r) => Number(r.seq));
}

describe('event retention', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t?.stop();
  });

  test('eventRetentionDays: set by ADMIN and platform keys (an event says so), 1 to 36500, null for the platform default, omitted kept', async () => {
    const org = await createOrg(t);
    const set = await t.gql<{ updateOrganization: OrgRetention & { version: number } }, unknown>(SET_RETENTION, { id: org.id, days: 30 }, org.key);
    assert.equal(set.updateOrganization.eventRetentionDays, 30);
    assert.equal(set.updateOrganization.eventsPrunedThroughSequence, null);
    assert.equal(set.updateOrganization.version, 2);
    const { events } = await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['ORGANIZATION_UPDATED'] } });
    assert.deepEqual(events.nodes[0]!.changes, { eventRetentionDays: { before: null, after: 30 } });

    assert.equal(
      (await t.gql<{ updateOrganization: OrgRetention }, unknown>(RENAME, { id: org.id }, org.key)).updateOrganization.eventRetentionDays,
      30,
      'omitted: kept',
    );
    for (const days of [0, -1, 36501]) {
      const r = await t.raw(SET_RETENTION, { id: org.id, days }, org.key);
      assert.equal(r.errors?.[0]?.extensions?.reason, 'organization.eventRetentionDays.invalid', String(days));
    }
    const readOnly = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'ro', role: 'READ_ONLY' })).createApiKey.token;
    assert.equal((await t.raw(SET_RETENTION, { id: org.id, days: 1 }, readOnly)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await t.raw(SET_RETENTION, { id: org.id, days: 1 }, org.scimToken)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const reset = await t.gql<{ updateOrganization: OrgRetention }, unknown>(SET_RETENTION, { id: org.id, days: null }, t.adminKey);
    assert.equal(reset.updateOrganization.eventRetentionDays, null);
  });

  test('deletes the events older than the retention, a contiguous prefix, in batches; one EVENTS_PRUNED says through which sequence', async () => {
    const org = await createOrg(t);
    await t.gql(SET_RETENTION, { id: org.id, days: 30 }, org.key);
    const n = 2 * PRUNE_BATCH + 500;
    await withDb(t.databaseUrl, async (db) => {
      await oldEvents(db, org.id, n);
      await ageAll(db, org.id); // the organization's own first events too
    });
    const all = await withDb(t.databaseUrl, (db) => seqs(db, org.id));
    const young = await createUser(t, org, { userName: 'young@acme.example' });
    // an old event after a young one stays: what is kept is always everything after the mark
    const [straggler] = await withDb(t.databaseUrl, (db) => oldEvents(db, org.id, 1));

    await enqueued(t.databaseUrl, org.id);
    const [result] = (await t.server.pruner.runOnce()).filter((r) => r.organizationId === org.id);
    assert.equal(result?.deleted, all.length);
    assert.equal(result?.throughSequence, all[all.length - 1]);

    const kept = (await t.gql(EventsDocument, { organizationId: org.id, first: 100 })).events.nodes;
    assert.deepEqual(
      kept.map((e) => e.type),
      ['USER_CREATED', 'USER_UPDATED', 'EVENTS_PRUNED'],
    );
    assert.equal(kept[0]!.subjectId, young.id);
    assert.equal(kept[1]!.sequence, straggler);
    const pruned = kept[2]!;
    assert.equal(pruned.actorType, 'SYSTEM');
    assert.equal(pruned.actorLabel, 'event retention');
    assert.equal(pruned.subjectId, org.id);
    assert.equal(pruned.data.throughSequence, all[all.length - 1]);
    assert.equal(pruned.data.deleted, all.length);
    assert.equal(pruned.data.retentionDays, 30);
    assert.ok(Date.parse(String(pruned.data.olderThan)) < Date.now() - 29 * 864e5);
    const o = await t.gql<{ organization: OrgRetention }, unknown>(ORG, { id: org.id }, org.key);
    assert.equal(o.organization.eventsPrunedThroughSequence, all[all.length - 1]);

    // nothing older left: the next pass deletes nothing and writes no event
    assert.deepEqual(
      (await t.server.pruner.runOnce()).filter((r) => r.organizationId === org.id),
      [],
    );
    assert.equal((await t.gql(EventsDocument, { organizationId: org.id, first: 100 })).events.nodes.length, 3);
  });

  test('an organization without retention keeps everything; two passes at once prune once (one instance at a time)', async () => {
    const keep = await createOrg(t);
    const org = await createOrg(t);
    await t.gql(SET_RETENTION, { id: org.id, days: 7 }, org.key);
    await withDb(t.databaseUrl, async (db) => {
      await oldEvents(db, keep.id, 10);
      await oldEvents(db, org.id, 3 * PRUNE_BATCH);
      await ageAll(db, org.id);
    });
    const before = await withDb(t.databaseUrl, (db) => seqs(db, org.id));
    await enqueued(t.databaseUrl, org.id);
    // as two instances would: each pass on its own connections
    const passes = await Promise.all([t.server.pruner.runOnce(), t.server.pruner.runOnce(), t.server.pruner.runOnce()]);
    const deleted = passes.flat().filter((r) => r.organizationId === org.id);
    assert.equal(
      deleted.reduce((s, r) => s + r.deleted, 0),
      before.length,
      'every event deleted once',
    );
    const notes = (await t.gql(EventsDocument, { organizationId: org.id, filter: { types: ['EVENTS_PRUNED'] } })).events.nodes;
    assert.equal(notes.length, deleted.length, 'one EVENTS_PRUNED per pass that deleted');
    assert.equal(Math.max(...notes.map((e) => Number(e.data.throughSequence))), before[before.length - 1]);
    assert.equal((await withDb(t.databaseUrl, (db) => seqs(db, keep.id))).length, 13, 'no retention: nothing deleted');
  });

  /** An endpoint of `org` (events of a type that does not occur here, so nothing is enqueued for it) and PENDING deliveries of `seqs`, not due for a day. */
  async function endpointWithPending(db: pg.Client, org: string, enabled: boolean, seqs: number[]): Promise<string> {
    const [{ id }] = (
      await db.query<{ id: string }>(
        `insert into webhook_endpoints (id, organization_id, url, event_types, secret, enabled, start_seq, created_at, updated_at)
         values (gen_random_uuid(), $1, 'https://hooks.example/', '{SESSION_REVOKED}', 'unused', $2, 0, now(), now()) returning id`,
        [org, enabled],
      )
    ).rows as [{ id: string }];
    for (const seq of seqs)
      await db.query(
        `insert into webhook_deliveries (id, endpoint_id, event_seq, status, attempts, next_attempt_at, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, 'PENDING', 3, now() + interval '1 day', now(), now())`,
        [id, seq],
      );
    return id;
  }

  test('an event a webhook delivery of an enabled endpoint still needs is kept, and every later one', async () => {
    const org = await createOrg(t);
    await t.gql(SET_RETENTION, { id: org.id, days: 30 }, org.key);
    const old = await withDb(t.databaseUrl, async (db) => {
      const s = await oldEvents(db, org.id, 10);
      await ageAll(db, org.id);
      // an enabled endpoint with a delivery of the 5th old event still pending (its retry not yet due)
      await endpointWithPending(db, org.id, true, [s[4]!]);
      return s;
    });
    await enqueued(t.databaseUrl, org.id);
    await t.server.pruner.runOnce();
    const left = await withDb(t.databaseUrl, (db) => seqs(db, org.id));
    assert.equal(left[0], old[4], 'deleted up to the pending delivery’s event, not past it');
    assert.deepEqual(left.slice(0, 6), old.slice(4));

    await withDb(t.databaseUrl, (db) => db.query(`update webhook_deliveries set status = 'SUCCEEDED' where event_seq = $1`, [old[4]]));
    await enqueued(t.databaseUrl, org.id);
    await t.server.pruner.runOnce();
    const rest = (await t.gql(EventsDocument, { organizationId: org.id })).events.nodes;
    assert.deepEqual(
      rest.map((e) => e.type),
      ['EVENTS_PRUNED', 'EVENTS_PRUNED'],
      'delivered: the rest goes',
    );
  });

  test("a disabled endpoint's pending deliveries do not hold events past retention: they end FAILED, expired, when their event is pruned", async () => {
    const org = await createOrg(t);
    await t.gql(SET_RETENTION, { id: org.id, days: 30 }, org.key);
    const { old, young, endpointId } = await withDb(t.databaseUrl, async (db) => {
      const s = await oldEvents(db, org.id, 10);
      await ageAll(db, org.id);
      const y = await oldEvents(db, org.id, 1);
      await db.query('update events set occurred_at = now() where seq = $1', [y[0]]);
      // a disabled endpoint (no instance sends to it) with deliveries of two old events and of a young one still pending
      const id = await endpointWithPending(db, org.id, false, [s[4]!, s[7]!, y[0]!]);
      return { old: s, young: y[0]!, endpointId: id };
    });
    await enqueued(t.databaseUrl, org.id);
    await t.server.pruner.runOnce();
    const left = await withDb(t.databaseUrl, (db) => seqs(db, org.id));
    assert.ok(!left.some((s) => old.includes(s)), `every event past retention is deleted; left: ${left.join(', ')}`);
    assert.ok(left.includes(young), 'the young event stays');
    const DELIVERIES = `query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { eventSequence status attempts lastError } } }`;
    type D = { webhookDeliveries: { nodes: Array<{ eventSequence: number; status: string; attempts: number; lastError: string | null }> } };
    const nodes = (await t.gql<D, unknown>(DELIVERIES, { id: endpointId }, org.key)).webhookDeliveries.nodes;
    assert.deepEqual(
      nodes.map((n) => [n.eventSequence, n.status, n.attempts, n.lastError]),
      [
        [young, 'PENDING', 3, null],
        [old[7], 'FAILED', 3, 'expired: event passed retention while the endpoint was disabled'],
        [old[4], 'FAILED', 3, 'expired: event passed retention while the endpoint was disabled'],
      ],
    );
  });

  test('resuming below what was pruned is refused with events.pruned (subscription and export); from the mark it goes on with the oldest kept event', async () => {
    const org: OrgFixture = await createOrg(t);
    await t.gql(SET_RETENTION, { id: org.id, days: 30 }, org.key);
    const old = await withDb(t.databaseUrl, async (db) => {
      const s = await oldEvents(db, org.id, 5);
      await ageAll(db, org.id);
      return s;
    });
    const first = await createUser(t, org, { userName: 'kept@acme.example' });
    await enqueued(t.databaseUrl, org.id);
    await t.server.pruner.runOnce();
    const mark = (await t.gql<{ organization: OrgRetention }, unknown>(ORG, { id: org.id }, org.key)).organization.eventsPrunedThroughSequence!;
    assert.equal(mark, old[4]);

    const ws = t.ws(org.key);
    const refused = subscribe(ws, OnEventsDocument, { organizationId: org.id, afterSequence: old[1]! });
    await assert.rejects(refused.next(), (err: Error) => {
      const [e] = JSON.parse(err.message) as Array<{ extensions: Record<string, unknown> }>;
      assert.equal(e!.extensions.reason, 'events.pruned');
      assert.equal(e!.extensions.prunedThroughSequence, mark);
      return true;
    });
    refused.close();
    const resumed = subscribe(ws, OnEventsDocument, { organizationId: org.id, afterSequence: mark });
    const e1 = await resumed.next();
    assert.equal(e1.events.type, 'USER_CREATED');
    assert.equal(e1.events.subjectId, first.id);
    assert.equal((await resumed.next()).events.type, 'EVENTS_PRUNED');
    resumed.close();
    // a subscriber that had everything up to a later sequence is not concerned
    const later = subscribe(ws, OnEventsDocument, { organizationId: org.id, afterSequence: e1.events.sequence });
    assert.equal((await later.next()).events.type, 'EVENTS_PRUNED');
    later.close();

    const exp = await fetch(`${t.url}/audit/v1/organizations/${org.id}/events.ndjson?afterSequence=${old[1]}`, {
      headers: { authorization: `Bearer ${org.key}` },
    });
    assert.equal(exp.status, 410);
    const body = (await exp.json()) as Record<string, unknown>;
    assert.equal(body.reason, 'events.pruned');
    assert.equal(body.prunedThroughSequence, mark);
    const fromMark = await fetch(`${t.url}/audit/v1/organizations/${org.id}/events.ndjson?afterSequence=${mark}`, {
      headers: { authorization: `Bearer ${org.key}` },
    });
    assert.equal(fromMark.status, 200);
    const exported = (await fromMark.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string });
    assert.deepEqual(
      exported.map((e) => e.type),
      ['USER_CREATED', 'EVENTS_PRUNED'],
    );
    // the events query reads what is stored: below the mark it starts with the oldest kept event
    const q = await t.gql(EventsDocument, { organizationId: org.id, filter: { afterSequence: old[0]! } });
    assert.equal(q.events.nodes[0]!.subjectId, first.id);
  });
});

describe('event retention: the platform default and the webhook enqueuer', () => {
  test('EVENT_RETENTION_DAYS applies to organizations without their own; events the webhook enqueuer has not seen are kept', async () => {
    const db = await createTestDatabase();
    let t: TestServer | undefined;
    let orm: MikroORM | undefined;
    try {
      t = await startTestServer({ databaseUrl: db.url, env: { EVENT_RETENTION_DAYS: '30' } });
      const byDefault = await createOrg(t);
      const own = await createOrg(t);
      await t.gql(SET_RETENTION, { id: own.id, days: 365 }, own.key);
      const old = await withDb(db.url, async (c) => {
        // two transactions: the cursor below is placed between them
        const s = [...(await oldEvents(c, byDefault.id, 5)), ...(await oldEvents(c, byDefault.id, 5))];
        await oldEvents(c, own.id, 10);
        await ageAll(c, byDefault.id);
        await ageAll(c, own.id);
        return s;
      });
      // the instances are down (no webhook worker moves the cursor); the pruner runs on its own
      await t.stop();
      t = undefined;
      orm = await MikroORM.init(ormConfig({ url: db.url, poolSize: 2 }));
      const log = { info: () => {}, error: (msg: string, f?: Record<string, unknown>) => assert.fail(`${msg} ${JSON.stringify(f)}`) };
      const pruner = new EventPruner(() => orm!.em.fork() as unknown as Em, { defaultRetentionDays: 30, log });
      // the enqueuer's cursor as it was before the 6th old event committed
      await withDb(db.url, (c) => c.query(`update webhook_cursor set snapshot_xmax = (select xid from events where seq = $1), snapshot_xip = '{}'`, [old[5]]));
      await pruner.runOnce();
      const left = await withDb(db.url, (c) => seqs(c, byDefault.id));
      assert.equal(left[0], old[5], 'kept from the first event the enqueuer has not seen');
      assert.equal((await withDb(db.url, (c) => seqs(c, own.id))).length, 14, 'its own 365 days: 40-day-old events kept');

      await withDb(db.url, (c) =>
        c.query(`update webhook_cursor set snapshot_xmax = pg_snapshot_xmax(pg_current_snapshot())::text::bigint, snapshot_xip = '{}'`),
      );
      await pruner.runOnce();
      const rest = await withDb(db.url, (c) => c.query<{ type: string }>(`select type from events where organization_id = $1 order by seq`, [byDefault.id]));
      assert.deepEqual(
        rest.rows.map((r) => r.type),
        ['EVENTS_PRUNED', 'EVENTS_PRUNED'],
      );
    } finally {
      await orm?.close();
      await t?.stop();
      await db.drop();
    }
  });
});

import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { WebSocket } from 'ws';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { spawnServerProcess, startTestServer, subscribe, gqlRequest, type Subscription, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import {
  CreateApiKeyDocument,
  CreateUserDocument,
  DeleteOrganizationDocument,
  EventsDocument,
  OnEventsDocument,
  RevokeCredentialDocument,
  UpdateUserDocument,
  type OnEventsSubscription,
} from '../generated/graphql.js';

type Ev = OnEventsSubscription['events'];

/**
 * A slow writer: a transaction that takes its event's sequence number now (written the way the
 * core's event writer does) and commits when the caller says so.
 */
async function openSlowEvent(
  databaseUrl: string,
  organizationId: string,
  label: string,
): Promise<{ seq: number; commit: () => Promise<void>; end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('begin');
  const { rows } = await client.query(
    `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
     values ($1, 'USER_UPDATED', 'API_KEY', 'slow writer', 'USER', $2, '{}', '{}') returning seq`,
    [organizationId, label],
  );
  return { seq: Number(rows[0].seq), commit: async () => void (await client.query('commit')), end: () => client.end() };
}

/** Makes a change until the subscription delivers one (it is live), then drains what arrived. */
async function untilLive(sub: Subscription<OnEventsSubscription>, change: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    await change(i);
    try {
      await sub.next(300);
      break;
    } catch {
      assert.ok(i < 50, 'the subscription never became live');
    }
  }
  while (sub.pending().length) await sub.next();
}

describe('event subscriptions over graphql-ws', () => {
  let t: TestServer;
  let org: OrgFixture;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
  });
  after(() => t.stop());

  /** The newest sequence number of the organization (0 when none). */
  async function head(): Promise<number> {
    const r = await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key);
    return r.events.nodes[0]?.sequence ?? 0;
  }

  /**
   * The next event numbered after `from`. Resume is at-least-once: events numbered at or before
   * `from` whose transaction may have committed later are re-sent first (the horizon is
   * cluster-wide, so a long transaction anywhere widens it); they are skipped here.
   */
  async function nextAfter(sub: Subscription<OnEventsSubscription>, from: number): Promise<Ev> {
    for (;;) {
      const e = (await sub.next()).events;
      if (e.sequence > from) return e;
    }
  }

  test('a subscriber receives a change with actor, subject and field changes', async () => {
    const from = await head();
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: from });
    const u = await createUser(t, org, { userName: 'live@example.com', title: 'Dev' }, org.scimToken);
    const e = await nextAfter(sub, from);
    sub.close();
    assert.equal(e.type, 'USER_CREATED');
    assert.equal(e.subjectId, u.id);
    assert.equal(e.subjectLabel, 'live@example.com');
    assert.equal(e.actorType, 'SCIM_TOKEN');
    assert.equal(e.actorLabel, 'SCIM token "Okta"');
    assert.deepEqual(e.changes.title, { before: null, after: 'Dev' });
    assert.ok(e.sequence > from);
  });

  test('types filter: only the requested kinds arrive', async () => {
    const from = await head();
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: from, types: ['USER_UPDATED'] });
    const u = await createUser(t, org, { userName: 'typed@example.com' });
    await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { title: 'Boss' } }, org.key);
    const e = await nextAfter(sub, from);
    sub.close();
    assert.equal(e.type, 'USER_UPDATED');
    assert.equal(e.subjectId, u.id);
    // an empty list is refused by the subscription and the query alike (it meant "all" to one, "none" to the other)
    const empty = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, types: [] });
    await assert.rejects(empty.next(5000), /filter\.types\.empty|at least one event type/);
    const query = await t.raw(EventsDocument, { organizationId: org.id, filter: { types: [] } }, org.key);
    assert.equal(query.errors?.[0]?.extensions?.reason, 'filter.types.empty');
  });

  test('resume from a sequence number replays what was missed, then continues live, without gaps or repeats', async () => {
    const from = await head();
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) missed.push((await createUser(t, org, { userName: `missed${i}@example.com` })).id);
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: from });
    const replayed: Ev[] = [];
    for (let i = 0; i < 5; i++) replayed.push(await nextAfter(sub, from));
    assert.deepEqual(
      replayed.map((e) => e.subjectId),
      missed,
    );
    const live = await createUser(t, org, { userName: 'after-resume@example.com' });
    const next = (await sub.next()).events;
    assert.equal(next.subjectId, live.id);
    const seqs = [...replayed, next].map((e) => e.sequence);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
    );
    assert.equal(new Set(seqs).size, seqs.length);
    sub.close();
  });

  test('resume re-sends an event that was numbered before the last one seen but committed after it', async () => {
    // a slow transaction takes its sequence number now and commits later
    const slow = await openSlowEvent(t.databaseUrl, org.id, 'slow@example.com');
    try {
      const slowSeq = slow.seq;
      const fast = await createUser(t, org, { userName: 'fast@example.com' });
      const ev = await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: fast.id } }, org.key);
      const lastSeen = ev.events.nodes[0]!.sequence;
      assert.ok(lastSeen > slowSeq, 'the later transaction has the larger number');
      await slow.commit();
      const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: lastSeen });
      // at-least-once: other events numbered before lastSeen may be re-sent too (the horizon is
      // cluster-wide, so a long transaction elsewhere widens it); the slow one must be among them
      let resent = (await sub.next()).events;
      while (resent.sequence !== slowSeq) {
        assert.ok(resent.sequence < lastSeen, `only re-sends come before the slow event (got ${resent.sequence})`);
        resent = (await sub.next()).events;
      }
      assert.equal(resent.subjectLabel, 'slow@example.com');
      sub.close();
    } finally {
      await slow.end();
    }
  });

  test('a live subscriber receives an event whose transaction took its number early and committed after later ones', async () => {
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id });
    await untilLive(sub, (i) => createUser(t, org, { userName: `live-probe${i}@example.com` }));
    const slow = await openSlowEvent(t.databaseUrl, org.id, 'slow-live@example.com');
    try {
      const slowSeq = slow.seq;
      // a later-numbered change commits first and is delivered while the slow one is still open
      const fast = await createUser(t, org, { userName: 'fast-live@example.com' });
      const first = (await sub.next()).events;
      assert.equal(first.subjectId, fast.id);
      assert.ok(first.sequence > slowSeq);
      // several polls pass with the slow transaction open; then it commits
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(sub.pending().length, 0, 'nothing of the open transaction was delivered');
      await slow.commit();
      const late = (await sub.next()).events;
      assert.equal(late.sequence, slowSeq);
      assert.equal(late.subjectLabel, 'slow-live@example.com');
      // and it is delivered once
      const after = await createUser(t, org, { userName: 'after-slow@example.com' });
      assert.equal((await sub.next()).events.subjectId, after.id);
    } finally {
      await slow.end();
      sub.close();
    }
  });

  test('events committed while the bus has lost its database connection are delivered after it reconnects', async () => {
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, types: ['USER_CREATED'] });
    await untilLive(sub, (i) => createUser(t, org, { userName: `rc-probe${i}@example.com` }));
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'identity-events' and datname = current_database()`,
      );
      assert.equal(killed.rowCount, 1, 'the bus connection was found');
      const made: string[] = [];
      for (let i = 0; i < 3; i++) made.push((await createUser(t, org, { userName: `while-down${i}@example.com` })).id);
      const got: string[] = [];
      for (let i = 0; i < 3; i++) got.push((await sub.next(10_000)).events.subjectId!);
      assert.deepEqual(got, made);
      const reconnected = await admin.query(`select 1 from pg_stat_activity where application_name = 'identity-events' and datname = current_database()`);
      assert.equal(reconnected.rowCount, 1, 'the bus reconnected');
    } finally {
      await admin.end();
      sub.close();
    }
  });

  test('events of another organization never arrive, and subscribing to it is refused', async () => {
    const other = await createOrg(t);
    const from = await head();
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: from });
    await createUser(t, other, { userName: 'elsewhere@example.com' });
    const mine = await createUser(t, org, { userName: 'mine@example.com' });
    // resume is at-least-once: events re-sent from before `from` may come first
    const e = await nextAfter(sub, from);
    assert.equal(e.subjectId, mine.id);
    assert.equal(e.organizationId, org.id);
    sub.close();
    const foreign = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: other.id });
    await assert.rejects(foreign.next(), /NOT_FOUND|organization not found/);
  });

  test('a platform key naming an organization that does not exist is refused with NOT_FOUND, not left waiting forever', async () => {
    const missing = '0192a8f0-0000-7000-8000-000000000000';
    for (const variables of [{ organizationId: missing }, { organizationId: missing, afterSequence: 0 }]) {
      const sub = subscribe(t.ws(t.adminKey), OnEventsDocument, variables);
      await assert.rejects(sub.next(5000), (err: Error) => {
        const [e] = JSON.parse(err.message) as Array<{ extensions: Record<string, unknown> }>;
        assert.equal(e!.extensions.code, 'NOT_FOUND');
        assert.equal(e!.extensions.reason, 'organization.notFound');
        return true;
      });
      sub.close();
    }
    // an organization that exists streams to a platform key as before
    const sub = subscribe(t.ws(t.adminKey), OnEventsDocument, { organizationId: org.id });
    await untilLive(sub, (i) => createUser(t, org, { userName: `platform-live-${i}@example.com` }));
    sub.close();
  });

  test('a subscription ends when its key is revoked, or its organization deleted', async () => {
    const { createApiKey } = await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'dashboard', role: 'READ_ONLY' }, org.key);
    const sub = subscribe(t.ws(createApiKey.token), OnEventsDocument, { organizationId: org.id });
    await untilLive(sub, (i) => createUser(t, org, { userName: `revoke-live-${i}@example.com` }));
    await t.gql(RevokeCredentialDocument, { organizationId: org.id, id: createApiKey.credential.id }, org.key);
    await createUser(t, org, { userName: 'after-revocation@example.com' });
    // closed with 4403 (re-checked at once on revocation, and every WS_REAUTH_MS)
    await assert.rejects(
      (async () => {
        for (;;) await sub.next(15_000);
      })(),
      /4403|Forbidden|revoked/i,
    );

    const doomed = await createOrg(t);
    const doomedSub = subscribe(t.ws(doomed.key), OnEventsDocument, { organizationId: doomed.id });
    await untilLive(doomedSub, (i) => createUser(t, doomed, { userName: `doomed-${i}@example.com` }));
    await t.gql(DeleteOrganizationDocument, { id: doomed.id, confirmSlug: doomed.slug }, t.adminKey);
    // the socket closed (its key is gone), or first the subscription's NOT_FOUND (its organization is)
    await assert.rejects(
      (async () => {
        for (;;) await doomedSub.next(15_000);
      })(),
      /4403|Forbidden|revoked|organization\.notFound/i,
    );
  });

  test("a platform key's subscription ends with NOT_FOUND organization.notFound when its organization is deleted (it had stayed open, silent, forever)", async () => {
    const doomed = await createOrg(t);
    // live, and resuming (the replay is over before the deletion: the live path), with a types filter that leaves out the deletion's own type
    const subs = [
      subscribe(t.ws(t.adminKey), OnEventsDocument, { organizationId: doomed.id }),
      subscribe(t.ws(t.adminKey), OnEventsDocument, { organizationId: doomed.id, afterSequence: 0, types: ['USER_CREATED'] }),
    ];
    await untilLive(subs[0]!, (i) => createUser(t, doomed, { userName: `platform-doomed-${i}@example.com` }));
    await untilLive(subs[1]!, (i) => createUser(t, doomed, { userName: `platform-doomed-resume-${i}@example.com` }));
    for (const sub of subs) while (sub.pending().length) await sub.next();
    await t.gql(DeleteOrganizationDocument, { id: doomed.id, confirmSlug: doomed.slug }, t.adminKey);
    for (const sub of subs) {
      await assert.rejects(
        (async () => {
          for (;;) await sub.next(5000);
        })(),
        (err: Error) => {
          const [e] = JSON.parse(err.message) as Array<{ message: string; extensions: Record<string, unknown> }>;
          assert.equal(e!.extensions.code, 'NOT_FOUND', err.message);
          assert.equal(e!.extensions.reason, 'organization.notFound');
          assert.match(e!.message, /deleted/);
          return true;
        },
      );
      sub.close();
    }
  });

  test('a resume from a sequence no event has had yet (a timestamp by mistake) is refused, not silently held back', async () => {
    const sub = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: Date.now() });
    await assert.rejects(sub.next(5000), (err: Error) => {
      const [e] = JSON.parse(err.message) as Array<{ extensions: Record<string, unknown> }>;
      assert.equal(e!.extensions.code, 'BAD_USER_INPUT');
      assert.equal(e!.extensions.reason, 'subscription.afterSequence.future');
      return true;
    });
    sub.close();
    // the newest sequence written resumes as before
    const resumed = subscribe(t.ws(org.key), OnEventsDocument, { organizationId: org.id, afterSequence: await head() });
    const u = await createUser(t, org, { userName: 'after-head@example.com' });
    for (;;) if ((await resumed.next()).events.subjectId === u.id) break;
    resumed.close();
  });

  test('errors over the WebSocket carry their codes as over HTTP; a too-deep variable is refused and the socket stays usable', async () => {
    const client = t.ws(org.key);
    const once = (query: string, variables: Record<string, unknown> = {}) =>
      new Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>((resolve) => {
        let result: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } = {};
        client.subscribe(
          { query, variables },
          {
            next: (msg) => (result = msg as typeof result),
            error: (e) => resolve({ errors: Array.isArray(e) ? e : [{ message: String((e as { reason?: string }).reason ?? e) }] }),
            complete: () => resolve(result),
          },
        );
      });
    assert.equal((await once('{ organizations(after: "x") { id } }')).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await once('{ viewer { ')).errors?.[0]?.extensions?.code, 'GRAPHQL_PARSE_FAILED');
    assert.equal((await once('{ nope }')).errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    let deep: Record<string, unknown> = { userName: { eq: 'x' } };
    for (let i = 0; i < 3000; i++) deep = { not: deep };
    const tooDeep = await once('query($o: ID!, $f: UserFilter) { users(organizationId: $o, filter: $f) { totalCount } }', { o: org.id, f: deep });
    assert.equal(tooDeep.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(tooDeep.errors?.[0]?.extensions?.reason, 'input.tooDeep');
    // variables of the wrong type: the client's error with graphql-js's own message, as over HTTP
    const sub = 'subscription($o: ID!, $t: [EventType!], $a: SafeInt) { events(organizationId: $o, types: $t, afterSequence: $a) { sequence } }';
    for (const [variables, message] of [
      [{ o: org.id, a: 'abc' }, /\$a/],
      [{ o: org.id, a: 1.5 }, /\$a/],
      [{ o: org.id, t: ['user_created'] }, /Did you mean the enum value "USER_CREATED"/],
      [{ o: 5.5 }, /\$o/],
    ] as const) {
      const r = await once(sub, variables);
      assert.equal(r.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify([variables, r]));
      assert.match(r.errors?.[0]?.message ?? '', message);
    }
    const wrongFirst = await once('query($o: ID!, $f: Int) { users(organizationId: $o, first: $f) { totalCount } }', { o: org.id, f: 'x' });
    assert.equal(wrongFirst.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const after = await once('{ viewer { kind } }');
    assert.deepEqual(after, { data: { viewer: { kind: 'API_KEY' } } });
    // the same variable over HTTP
    const http = await t.raw('query($o: ID!, $f: UserFilter) { users(organizationId: $o, filter: $f) { totalCount } }', { o: org.id, f: deep }, org.key);
    assert.equal(http.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('a WebSocket without a valid key is refused', async () => {
    const sub = subscribe(t.ws('idm_key_nope'), OnEventsDocument, { organizationId: org.id });
    await assert.rejects(sub.next(5000), /Forbidden|4403|closed/i);
  });

  test('a WebSocket message larger than a GraphQL request body (2 MiB) closes the socket (1009) before it is read', async () => {
    const url = `${t.url.replace(/^http/, 'ws')}/graphql`;
    const closeOf = (size: number) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(size) } })));
        socket.once('message', () => {
          socket.close(1000);
          resolve(0);
        });
        socket.once('close', (code) => resolve(code));
        socket.once('error', () => {}); // the close code tells
        setTimeout(() => reject(new Error('no answer')), 20000);
      });
    // ... and says nothing on stderr (graphql-ws printed it as an internal error)
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: unknown) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      assert.equal(await closeOf(3 * 1024 * 1024), 1009);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(
      stderr.filter((l) => /WebSocket/.test(l)),
      [],
    );
    // below the limit the message is read: an init without a key is refused as such
    assert.equal(await closeOf(1024 * 1024), 4401);
  });

  test('a WebSocket init without a key closes with 4401, one with an unknown key with 4403, each saying why', async () => {
    const url = `${t.url.replace(/^http/, 'ws')}/graphql`;
    const closeWith = (payload: Record<string, unknown>) =>
      new Promise<[number, string]>((resolve, reject) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
        socket.once('close', (code, reason) => resolve([code, reason.toString()]));
        socket.once('error', () => {});
        setTimeout(() => reject(new Error('no close')), 10000);
      });
    const [missing, missingWhy] = await closeWith({});
    assert.equal(missing, 4401);
    assert.match(missingWhy, /authorization/);
    const [unknown, unknownWhy] = await closeWith({ authorization: 'Bearer idm_key_nope' });
    assert.equal(unknown, 4403);
    assert.match(unknownWhy, /unknown or revoked/);
  });

  test('a subscriber that stops reading is cut off after 50,000 undelivered events with TRY_AGAIN subscription.tooSlow, after what it had', async () => {
    const o = await createOrg(t);
    const url = `${t.url.replace(/^http/, 'ws')}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const messages: Array<{ type: string; payload?: unknown }> = [];
    let resolveEnd: () => void;
    const ended = new Promise<void>((r) => (resolveEnd = r));
    socket.on('message', (m) => {
      const msg = JSON.parse(String(m)) as { type: string; payload?: unknown };
      if (msg.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: 'subscription($o: ID!) { events(organizationId: $o) { sequence } }', variables: { o: o.id } },
          }),
        );
      } else messages.push(msg);
      if (msg.type === 'error' || msg.type === 'complete') resolveEnd();
    });
    socket.once('close', () => resolveEnd());
    await new Promise((r) => socket.once('open', r));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${o.key}` } }));
    try {
      // live once one change arrives; then the client stops reading its socket
      for (let i = 0; !messages.length; i++) {
        assert.ok(i < 100, 'the subscription never became live');
        await createUser(t, o, { userName: `live${i}@example.com` });
        await new Promise((r) => setTimeout(r, 100));
      }
      const received = messages.length;
      (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      // 60,000 events committed at once (as a large import would write them)
      await withDb(t.databaseUrl, (db) =>
        db.query(
          `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_id, subject_label, changes, data)
           select $1::uuid, 'USER_UPDATED', 'SYSTEM', 'test', 'USER', gen_random_uuid(), 'u' || g, '{}'::jsonb, '{}'::jsonb from generate_series(1, 60000) g`,
          [o.id],
        ),
      );
      // the server's buffer fills while the client does not read; then the client reads what was sent
      await new Promise((r) => setTimeout(r, 3000));
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('no end of the subscription')), 60000))]);
      const last = messages[messages.length - 1] as {
        type: string;
        payload?: Array<{ extensions?: Record<string, unknown> }> | { errors?: Array<{ extensions?: Record<string, unknown> }> };
      };
      const errors = Array.isArray(last.payload) ? last.payload : (last.payload as { errors?: Array<{ extensions?: Record<string, unknown> }> })?.errors;
      assert.equal(errors?.[0]?.extensions?.code, 'TRY_AGAIN', JSON.stringify(last).slice(0, 500));
      assert.equal(errors?.[0]?.extensions?.reason, 'subscription.tooSlow');
      assert.ok(messages.length - received < 60000, 'it was cut off before every event was delivered');
    } finally {
      socket.terminate();
    }
  });

  test('a resume reads its replay a page at a time as the subscriber takes it: ten that do not read hold a few pages, not 40,000 events each', async () => {
    const o = await createOrg(t);
    const from = await withDb(t.databaseUrl, async (db) => {
      const r = await db.query<{ seq: string }>(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_id, subject_label, changes, data)
         select $1::uuid, 'USER_UPDATED', 'API_KEY', 'API key "admin"', 'USER', gen_random_uuid(), 'user' || g || '@example.com',
                jsonb_build_object('displayName', jsonb_build_object('before', 'Old Name ' || g, 'after', 'New Name ' || g)), '{}'::jsonb
           from generate_series(1, 40000) g returning seq`,
        [o.id],
      );
      return Math.min(...r.rows.map((x) => Number(x.seq))) - 1;
    });
    // past the bus's idle poll (1 s): these are stored events to replay, not live ones
    await new Promise((r) => setTimeout(r, 1500));
    // the heap of this process (the server runs in it), after a full collection
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const url = `${t.url.replace(/^http/, 'ws')}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((r) => socket.once('open', r));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${o.key}` } }));
    await new Promise((r) => socket.once('message', r));
    const before = heap();
    try {
      for (let i = 0; i < 10; i++)
        socket.send(
          JSON.stringify({
            id: String(i),
            type: 'subscribe',
            payload: {
              query: 'subscription($o: ID!, $a: SafeInt) { events(organizationId: $o, afterSequence: $a) { sequence changes } }',
              variables: { o: o.id, a: from },
            },
          }),
        );
      // the client stops reading: what the server holds for these ten is what it read ahead
      (socket as unknown as { _socket: { pause(): void } })._socket.pause();
      await new Promise((r) => setTimeout(r, 6000));
      const grown = (heap() - before) / 1e6;
      assert.ok(grown < 60, `the heap grew ${grown.toFixed(0)} MB for ten replays the client does not read`);
    } finally {
      socket.terminate();
    }
    // a subscriber that reads gets the whole replay in order, once each, then live events; first, it
    // may get events numbered up to `from` again (at-least-once: the horizon is cluster-wide, so a
    // transaction running elsewhere when the organization was created makes its events "maybe late")
    const sub = subscribe(t.ws(o.key), OnEventsDocument, { organizationId: o.id, afterSequence: from });
    let last = from;
    let e = (await sub.next()).events;
    while (e.sequence <= from) e = (await sub.next()).events;
    for (let i = 0; i < 40000; i++) {
      if (i) e = (await sub.next()).events;
      assert.equal(e.sequence > last, true, `in order, once each (${e.sequence} after ${last})`);
      last = e.sequence;
    }
    const u = await createUser(t, o, { userName: 'after-replay@example.com' });
    assert.equal((await sub.next()).events.subjectId, u.id);
    sub.close();
    // more than 50,000 to replay: refused before any is sent
    await withDb(t.databaseUrl, (db) =>
      db.query(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
         select $1::uuid, 'USER_UPDATED', 'SYSTEM', 'test', 'USER', 'u' || g, '{}'::jsonb, '{}'::jsonb from generate_series(1, 11000) g`,
        [o.id],
      ),
    );
    const old = subscribe(t.ws(o.key), OnEventsDocument, { organizationId: o.id, afterSequence: from });
    await assert.rejects(old.next(10_000), (err: Error) => {
      const [e] = JSON.parse(err.message) as Array<{ extensions: Record<string, unknown> }>;
      assert.equal(e!.extensions.reason, 'subscription.afterSequence.tooOld');
      return true;
    });
    old.close();
  });

  test('a paged resume: re-sends numbered up to afterSequence come first, an event numbered inside the replay that commits while it is read arrives once, after what had committed; the rest in order, once each', async () => {
    const o = await createOrg(t);
    // a transaction with an xid, open while `early` is written and until `after`: their horizon is at
    // most its xid, so `early` (numbered before `after`) counts as maybe committed late and is re-sent
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select pg_current_xact_id()');
    const early = await createUser(t, o, { userName: 'early@example.com' });
    const after = await withDb(t.databaseUrl, async (db) => {
      // the last event seen: written after `early`, in its own transaction
      await db.query(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data) values ($1, 'USER_UPDATED', 'SYSTEM', 'test', 'USER', 'seen', '{}', '{}')`,
        [o.id],
      );
      return Number((await db.query<{ s: string }>('select max(seq) as s from events where organization_id = $1', [o.id])).rows[0]!.s);
    });
    await blocker.query('commit');
    await blocker.end();
    // numbered now, inside the replay's range, committed while the replay is read
    const slow = await openSlowEvent(t.databaseUrl, o.id, 'slow@example.com');
    // 20,000 committed events of ~2 KB after it: far more than the socket buffers hold
    const bulk = await withDb(t.databaseUrl, async (db) =>
      (
        await db.query<{ seq: string }>(
          `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
           select $1::uuid, 'USER_UPDATED', 'SYSTEM', 'test', 'USER', 'bulk' || g, '{}'::jsonb, jsonb_build_object('pad', repeat('x', 2000))
             from generate_series(1, 20000) g returning seq`,
          [o.id],
        )
      ).rows
        .map((r) => Number(r.seq))
        .sort((x, y) => x - y),
    );
    assert.ok(bulk[0]! > slow.seq && slow.seq > after);
    const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const got: Array<{ sequence: number; subjectLabel: string | null; subjectId: string | null }> = [];
    try {
      await new Promise((r) => socket.once('open', r));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${o.key}` } }));
      await new Promise((r) => socket.once('message', r));
      socket.on('message', (m: Buffer) => {
        const msg = JSON.parse(m.toString()) as { type: string; payload?: { data?: { events: (typeof got)[0] }; errors?: unknown } };
        if (msg.type !== 'next' || !msg.payload?.data) throw new Error(`unexpected ${m.toString().slice(0, 300)}`);
        got.push(msg.payload.data.events);
      });
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: {
            query: 'subscription($o: ID!, $a: SafeInt) { events(organizationId: $o, afterSequence: $a) { sequence subjectLabel subjectId data } }',
            variables: { o: o.id, a: after },
          },
        }),
      );
      // the client stops reading: the server reads its first pages (without the slow event, not yet
      // committed) and stops when the socket is full, mid-replay; then the slow event commits
      const raw = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      raw.pause();
      await new Promise((r) => setTimeout(r, 1500));
      await slow.commit();
      raw.resume();
      const waitFor = async (pred: () => boolean, what: string) => {
        for (const end = Date.now() + 60_000; !pred(); await new Promise((r) => setTimeout(r, 20)))
          assert.ok(Date.now() < end, `${what}; got ${got.length}, last ${got.at(-1)?.sequence}`);
      };
      await waitFor(() => got.some((e) => e.sequence === bulk.at(-1)) && got.some((e) => e.sequence === slow.seq), 'the replay and the slow event');
      const u = await createUser(t, o, { userName: 'live@example.com' });
      await waitFor(() => got.some((e) => e.subjectId === u.id), 'the live event');

      const seqs = got.map((e) => e.sequence);
      const firstNew = seqs.findIndex((s) => s > after);
      const resent = seqs.slice(0, firstNew);
      assert.ok(
        resent.every((s) => s <= after),
        `re-sends come first: ${resent.join(', ')}`,
      );
      assert.ok(
        got.slice(0, firstNew).some((e) => e.subjectId === early.id),
        `the early user's event is re-sent (its transaction's horizon was held back): ${resent.join(', ')}`,
      );
      assert.ok(
        seqs.slice(firstNew).every((s) => s > after),
        'nothing numbered up to afterSequence after the re-sends',
      );
      const rest = seqs.slice(firstNew);
      assert.equal(rest.filter((s) => s === slow.seq).length, 1, 'the slow event once');
      assert.ok(rest.indexOf(slow.seq) > rest.indexOf(bulk[0]!), 'the slow event after the events that had committed before it (it committed mid-replay)');
      const others = rest.filter((s) => s !== slow.seq);
      for (let i = 1; i < others.length; i++) assert.ok(others[i]! > others[i - 1]!, `in order, once each (${others[i]} after ${others[i - 1]})`);
      assert.deepEqual(others.slice(0, bulk.length), bulk, 'every bulk event, in order');
      const live = got.findIndex((e) => e.subjectId === u.id);
      assert.ok(live > seqs.indexOf(bulk.at(-1)!) && live > seqs.indexOf(slow.seq), 'then live');
    } finally {
      socket.terminate();
      await slow.end();
    }
  });
});

describe('two server processes on one database', () => {
  let a: TestServer;
  let b: Awaited<ReturnType<typeof spawnServerProcess>>;
  let org: OrgFixture;
  before(async () => {
    a = await startTestServer();
    b = await spawnServerProcess(a.databaseUrl, a.adminKey);
    org = await createOrg(a);
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  test('a live subscriber on one process receives an event caused through the other', async () => {
    const sub = subscribe(a.ws(org.key), OnEventsDocument, { organizationId: org.id, types: ['USER_CREATED'] });
    // a change made on process A itself must come through first
    await untilLive(sub, (i) => createUser(a, org, { userName: `probe${i}@example.com` }));
    const r = await gqlRequest(b.url, org.key, CreateUserDocument, { organizationId: org.id, input: { userName: 'via-b@example.com' } });
    assert.equal(r.errors, undefined);
    const e = (await sub.next()).events;
    assert.equal(e.subjectLabel, 'via-b@example.com');
    assert.equal(e.subjectId, r.data!.createUser.id);
    sub.close();
  });
});

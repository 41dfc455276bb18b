import { pgArray, sql, type Em } from '../db.js';
import { notFound } from '../errors.js';
import type { Actor } from '../principal.js';
import { EVENTS_CHANNEL, type NewEvent } from './event-types.js';

/** Most notifications carry up to this many sequence numbers (NOTIFY payloads are capped at 8000 bytes). */
const SEQS_PER_NOTIFY = 400;

/**
 * Appends events in the caller's transaction with one set-based statement and announces them with
 * NOTIFY, which PostgreSQL delivers only if and when the transaction commits. The organization's row
 * is locked `for key share` in the same statement (events have no foreign key; this is the lock its
 * check took, once instead of per event): an organization being deleted is waited for, and then the
 * change fails with NOT_FOUND instead of leaving events behind.
 */
export async function writeEvents(em: Em, organizationId: string | null, actor: Actor, requestId: string | null, events: NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    type: e.type,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    subject_label: e.subjectLabel ?? null,
    object_type: e.objectType ?? null,
    object_id: e.objectId ?? null,
    changes: e.changes ?? {},
    data: e.data ?? {},
  }));
  const result = await sql<{ seqs: string[] }>(
    em,
    `with locked as (select id from organizations where id = ?::uuid for key share),
     org as (select ?::uuid as id where ?::uuid is null union all select id from locked),
     ins as (
       insert into events (organization_id, type, actor_type, actor_id, actor_label, subject_type, subject_id,
                           subject_label, object_type, object_id, changes, data, request_id)
       select org.id, r.type, ?, ?::uuid, ?, r.subject_type, r.subject_id, r.subject_label, r.object_type, r.object_id,
              r.changes, r.data, ?
         from org, jsonb_to_recordset(?::jsonb) as r(type text, subject_type text, subject_id uuid, subject_label text,
                                                     object_type text, object_id uuid, changes jsonb, data jsonb)
       returning seq),
     agg as (select array_agg(seq order by seq) as s from ins)
     select s::text[] as seqs,
            case when cardinality(s) <= ${SEQS_PER_NOTIFY}
                 then pg_notify(?, json_build_object('o', ?::text, 's', s)::text) end as notified
       from agg`,
    [organizationId, organizationId, organizationId, actor.type, actor.id, actor.label, requestId, JSON.stringify(rows), EVENTS_CHANNEL, organizationId],
  );
  const seqs = (result[0]?.seqs ?? []).map(Number);
  if (seqs.length !== events.length) throw notFound('organization');
  if (seqs.length <= SEQS_PER_NOTIFY) return seqs;
  // large batches (a 1,000-member push): announce in chunks that fit a NOTIFY payload, in one statement
  const payloads: string[] = [];
  for (let i = 0; i < seqs.length; i += SEQS_PER_NOTIFY) payloads.push(JSON.stringify({ o: organizationId, s: seqs.slice(i, i + SEQS_PER_NOTIFY) }));
  await sql(em, 'select pg_notify(?, p) from unnest(?::text[]) with ordinality as t(p, n) order by n', [EVENTS_CHANNEL, pgArray(payloads)]);
  return seqs;
}

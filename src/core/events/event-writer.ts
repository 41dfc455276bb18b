import { sql, type Em } from '../db.js';
import { notFound } from '../errors.js';
import type { Actor } from '../principal.js';
import type { EventType, NewEvent, SubjectType } from './event-types.js';

/**
 * Appends events in the caller's transaction with one set-based statement. Subscribers on every
 * server instance see them once the transaction commits (EventBus reads them by `xid`; no NOTIFY,
 * whose cluster-wide commit lock would serialize concurrent writes). The organization's row
 * is locked `for key share` in the same statement (events have no foreign key; this is the lock its
 * check took, once instead of per event): an organization being deleted is waited for, and then the
 * change fails with NOT_FOUND instead of leaving events behind.
 */
export async function writeEvents(
  em: Em,
  organizationId: string | null,
  actor: Actor,
  requestId: string | null,
  events: NewEvent[],
  /** `commit`: the transaction's last statement, sent with its COMMIT (sql()'s option); nothing is sent after it. */
  opts: { commit?: boolean } = {},
): Promise<number[]> {
  if (events.length === 0) return [];
  const insert = eventsInsert('org', actor, requestId, events);
  const result = await sql<{ seqs: string[] }>(
    em,
    `with locked as (select id from organizations where id = ?::uuid for key share),
     org as (select ?::uuid as organization_id where ?::uuid is null union all select id from locked),
     ins as (${insert.text}),
     agg as (select array_agg(seq order by seq) as s from ins)
     select s::text[] as seqs from agg`,
    [organizationId, organizationId, organizationId, ...insert.params],
    // a row update deferred to here (saveRowDeferred) goes in this statement: it reads no user or group
    { withDeferred: true, commit: opts.commit ?? false },
  );
  const seqs = (result[0]?.seqs ?? []).map(Number);
  if (seqs.length !== events.length) throw notFound('organization');
  return seqs;
}

/**
 * The INSERT of `events` as a part of a larger statement (a query of its WITH), returning each
 * event's `seq`: what writeEvents runs (a batch of creates, whose events each have their own actor
 * and request, uses eventRowsInsert). `from` names a relation of that statement with a column
 * `organization_id`: each of its rows gets the events, so a relation without rows writes none.
 */
export function eventsInsert(from: string, actor: Actor, requestId: string | null, events: NewEvent[]): { text: string; params: unknown[] } {
  const rows = events.map(eventColumns);
  let text = eventsInsertTexts.get(from);
  if (text === undefined) {
    text = `insert into events (organization_id, type, actor_type, actor_id, actor_label, subject_type, subject_id,
                           subject_label, object_type, object_id, changes, data, request_id)
       select ${from}.organization_id, r.type, ?, ?::uuid, ?, r.subject_type, r.subject_id, r.subject_label, r.object_type, r.object_id,
              r.changes, r.data, ?
         from ${from}, jsonb_to_recordset(?::jsonb) as r(type text, subject_type text, subject_id uuid, subject_label text,
                                                         object_type text, object_id uuid, changes jsonb, data jsonb)
       returning seq`;
    eventsInsertTexts.set(from, text);
  }
  return { text, params: [actor.type, actor.id, actor.label, requestId, JSON.stringify(rows)] };
}

/**
 * Like eventsInsert, for events of several requests at once (a batch of creates, see
 * core/write-batcher.ts): actor and request id are per event, and each event is written only when
 * the row of `from` it is about (`from.id` = its subject) was written. One parameter: the events of
 * `eventRow`, as a JSON array.
 */
export function eventRowsInsert(from: string): string {
  let text = eventRowsInsertTexts.get(from);
  if (text === undefined) {
    text = `insert into events (organization_id, type, actor_type, actor_id, actor_label, subject_type, subject_id,
                           subject_label, object_type, object_id, changes, data, request_id)
       select ${from}.organization_id, r.type, r.actor_type, r.actor_id, r.actor_label, r.subject_type, r.subject_id, r.subject_label,
              r.object_type, r.object_id, r.changes, r.data, r.request_id
         from jsonb_to_recordset(?::jsonb) as r(type text, actor_type text, actor_id uuid, actor_label text, subject_type text,
                                                subject_id uuid, subject_label text, object_type text, object_id uuid, changes jsonb,
                                                data jsonb, request_id text)
         join ${from} on ${from}.id = r.subject_id`;
    eventRowsInsertTexts.set(from, text);
  }
  return text;
}

const eventRowsInsertTexts = new Map<string, string>();

/**
 * The INSERT of one event of `type` per row of `from`, a relation of the larger statement with the
 * columns organization_id, subject_id, subject_label and object_id: events about rows that statement
 * itself wrote, whose set is known only once it runs (the memberships a removal deleted). Parameters:
 * the type, the subject and object types, the actor (type, id, label) and the request id, as
 * `eventPerRowParams` orders them.
 */
export function eventPerRowInsert(from: string): string {
  let text = eventPerRowTexts.get(from);
  if (text === undefined) {
    text = `insert into events (organization_id, type, actor_type, actor_id, actor_label, subject_type, subject_id,
                           subject_label, object_type, object_id, changes, data, request_id)
       select ${from}.organization_id, ?, ?, ?::uuid, ?, ?, ${from}.subject_id, ${from}.subject_label, ?, ${from}.object_id,
              '{}'::jsonb, '{}'::jsonb, ?
         from ${from}`;
    eventPerRowTexts.set(from, text);
  }
  return text;
}

/** eventPerRowInsert's parameters, in its order. */
export function eventPerRowParams(type: EventType, subjectType: SubjectType, objectType: SubjectType, actor: Actor, requestId: string | null): unknown[] {
  return [type, actor.type, actor.id, actor.label, subjectType, objectType, requestId];
}

const eventPerRowTexts = new Map<string, string>();

/** An event's own columns, as the JSON recordsets of eventsInsert and eventRowsInsert read them. */
function eventColumns(e: NewEvent): Record<string, unknown> {
  return {
    type: e.type,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    subject_label: e.subjectLabel ?? null,
    object_type: e.objectType ?? null,
    object_id: e.objectId ?? null,
    changes: e.changes ?? {},
    data: e.data ?? {},
  };
}

/** One event as eventRowsInsert takes it: its columns, with its actor and request. */
export function eventRow(actor: Actor, requestId: string | null, e: NewEvent): Record<string, unknown> {
  const row = eventColumns(e);
  row.actor_type = actor.type;
  row.actor_id = actor.id;
  row.actor_label = actor.label;
  row.request_id = requestId;
  return row;
}

/** eventsInsert's text per source relation (a few names of ours): one string each, see insertStatement in db.ts. */
const eventsInsertTexts = new Map<string, string>();

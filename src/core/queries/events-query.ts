import { sql } from '../db.js';
import { badInput, forbidden } from '../errors.js';
import { EVENT_COLUMNS, EVENT_TYPES, rowToEvent, type EventType, type StoredEvent } from '../events/event-types.js';
import { isUuid } from '../../shared/ids.js';
import { assertListedOrganization, authorize, type CoreContext } from '../access.js';
import { Sql, sqlOf } from './sql-builder.js';
import { pageSize } from './paging.js';

export interface EventFilter {
  types?: EventType[] | null;
  subjectId?: string | null;
  objectId?: string | null;
  /** Events whose subject or object is this id (a user's memberships show up here too). */
  involving?: string | null;
  actorId?: string | null;
  actorType?: string | null;
  afterSequence?: number | null;
  /**
   * afterSequence as a resume: also the events numbered before it that committed after it was
   * written (at-least-once, as the subscription's resume; see listEvents).
   */
  resumeAfterSequence?: number | null;
  beforeSequence?: number | null;
  since?: Date | null;
  until?: Date | null;
}

const NIL = '00000000-0000-0000-0000-000000000000';
const uuidOrNil = (s: string) => (isUuid(s) ? s : NIL);

export function compileEventFilter(f: EventFilter | null | undefined): Sql[] {
  const parts: Sql[] = [];
  if (!f) return parts;
  if (f.types != null) {
    if (f.types.length === 0) throw badInput('filter.types.empty', 'types must name at least one event type (leave it out for every type)');
    for (const t of f.types) if (!EVENT_TYPES.includes(t)) throw badInput('filter.types.invalid', `unknown event type ${t}`);
    parts.push(sqlOf(`e.type in (${f.types.map(() => '?').join(', ')})`, ...f.types));
  }
  if (f.subjectId != null) parts.push(sqlOf('e.subject_id = ?::uuid', uuidOrNil(f.subjectId)));
  if (f.objectId != null) parts.push(sqlOf('e.object_id = ?::uuid', uuidOrNil(f.objectId)));
  if (f.involving != null) parts.push(sqlOf('(e.subject_id = ?::uuid or e.object_id = ?::uuid)', uuidOrNil(f.involving), uuidOrNil(f.involving)));
  if (f.actorId != null) parts.push(sqlOf('e.actor_id = ?::uuid', uuidOrNil(f.actorId)));
  if (f.actorType != null) parts.push(sqlOf('e.actor_type = ?', f.actorType));
  if (f.afterSequence != null) parts.push(sqlOf('e.seq > ?', f.afterSequence));
  if (f.beforeSequence != null) parts.push(sqlOf('e.seq < ?', f.beforeSequence));
  if (f.since != null) parts.push(sqlOf('e.occurred_at >= ?', f.since));
  if (f.until != null) parts.push(sqlOf('e.occurred_at < ?', f.until));
  return parts;
}

export interface EventPageArgs {
  filter?: EventFilter | null;
  /** Oldest first (ASC, the default: a stream to replay) or newest first (DESC: an audit log view). */
  order?: 'ASC' | 'DESC' | null;
  first?: number | null;
  after?: string | null;
}

export interface EventPage {
  nodes: StoredEvent[];
  hasNextPage: boolean;
}

/**
 * The audit log: keyset-paged by sequence number, cursor = the sequence number. `organizationId`
 * null: the platform's own log (platform keys, deleted organizations), for platform keys only.
 */
export async function listEvents(ctx: CoreContext, organizationId: string | null, args: EventPageArgs): Promise<EventPage> {
  if (organizationId === null) {
    if (ctx.principal.kind !== 'PLATFORM') throw forbidden("only a platform key can read the platform's events; pass organizationId for an organization's");
  } else {
    authorize(ctx, organizationId, 'audit');
  }
  const limit = pageSize(args.first);
  const desc = args.order === 'DESC';
  const parts = [
    organizationId === null ? sqlOf('e.organization_id is null') : sqlOf('e.organization_id = ?', organizationId),
    ...compileEventFilter(args.filter),
  ];
  let cursor: number | null = null;
  if (args.after) {
    const n = Number(args.after);
    if (!Number.isSafeInteger(n) || n < 0) throw badInput('pagination.cursor.invalid', 'the cursor is not one this API returned');
    cursor = n;
    parts.push(sqlOf(`e.seq ${desc ? '<' : '>'} ?`, n));
  }
  const resume = args.filter?.resumeAfterSequence;
  if (resume != null) parts.push(await resumeCondition(ctx, organizationId, resume, desc ? null : cursor));
  // first: 0 asks for no events (as on users): no next page to follow, so no endless loop on a
  // null endCursor
  if (limit === 0) return { nodes: [], hasNextPage: false };
  const cond = Sql.join(parts, ' and ');
  const rows = await sql(ctx.em, `select ${EVENT_COLUMNS} from events e where ${cond.text} order by e.seq ${desc ? 'desc' : 'asc'} limit ?`, [
    ...cond.params,
    limit + 1,
  ]);
  if (organizationId !== null) await assertListedOrganization(ctx, organizationId, rows.length === 0);
  return { nodes: rows.slice(0, limit).map(rowToEvent), hasNextPage: rows.length > limit };
}

/**
 * `resumeAfterSequence`: the events after it, and those numbered before it that committed after it
 * was written. Sequence numbers are taken when events are written and transactions commit later, so
 * a transaction numbered before event A may commit after a reader saw A; such a transaction was
 * still running when A was written, so its xid is at least A's `horizon` (the rule of the
 * subscription's resume, events/event-stream.ts). Those late events are looked up first through
 * the (organization, xid) index, so the page's scan starts at the lowest of them instead of at the
 * start of the log. Once the page cursor is past A, only `seq > cursor` matters.
 */
async function resumeCondition(ctx: CoreContext, organizationId: string | null, resume: number, cursor: number | null): Promise<Sql> {
  if (!Number.isSafeInteger(resume) || resume < 0) throw badInput('filter.resumeAfterSequence.invalid', 'resumeAfterSequence must be a non-negative integer');
  if (cursor !== null && cursor >= resume) return sqlOf('e.seq > ?', resume);
  const org = organizationId === null ? sqlOf('organization_id is null') : sqlOf('organization_id = ?', organizationId);
  const [a] = await sql<{ horizon: string; xid: string }>(ctx.em, `select horizon, xid from events where seq = ? and ${org.text}`, [resume, ...org.params]);
  if (!a) return sqlOf('e.seq > ?', resume); // pruned, or never this organization's: nothing to re-send
  // min(seq + 0), not min(seq): PostgreSQL would answer min(seq) by walking the (organization, seq)
  // index from the start of the log until a row matches; the late rows are found by xid instead
  const [late] = await sql<{ seq: string }>(ctx.em, `select min(seq + 0)::text as seq from events where ${org.text} and xid >= ? and xid <> ? and seq < ?`, [
    ...org.params,
    a.horizon,
    a.xid,
    resume,
  ]);
  if (!late?.seq) return sqlOf('e.seq > ?', resume);
  // `e.seq >= lowest` outside the OR: the page's index scan starts there
  return sqlOf('e.seq >= ? and (e.seq > ? or (e.seq < ? and e.xid >= ? and e.xid <> ?))', Number(late.seq), resume, resume, a.horizon, a.xid);
}

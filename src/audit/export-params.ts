/**
 * The query string of an export, checked and turned into the `EventFilter` of the `events` query. The
 * same filters, named as that input names them; anything else is refused rather than ignored (a
 * misspelled `afterSequence` would otherwise export the whole log to a SIEM that thinks it resumes).
 */
import type { EventFilter } from './operations.generated.js';

export class ExportParamError extends Error {}

const ID_FIELDS = ['subjectId', 'objectId', 'involving', 'actorId'] as const;
const SEQUENCE_FIELDS = ['afterSequence', 'beforeSequence'] as const;
const TIME_FIELDS = ['since', 'until'] as const;
const KNOWN = new Set<string>(['types', 'actorType', ...ID_FIELDS, ...SEQUENCE_FIELDS, ...TIME_FIELDS]);
/** Event and actor type names: the GraphQL enums check which ones exist. */
const ENUM_NAME = /^[A-Z][A-Z_]{0,63}$/;
const MAX_TYPES = 100;

type Query = Record<string, string | string[] | undefined>;

/** The one value of a parameter; a parameter given twice is refused (which one would count?). */
function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw new ExportParamError(`${name} is given ${v.length} times; give it once`);
  return v;
}

export function exportFilter(query: Query): EventFilter {
  const unknown = Object.keys(query).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw new ExportParamError(`unknown parameter ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${[...KNOWN].join(', ')}`);
  const filter: EventFilter = {};
  const typesParam = query.types;
  if (typesParam !== undefined) {
    // types=USER_CREATED,USER_UPDATED or types=USER_CREATED&types=USER_UPDATED
    const types = (Array.isArray(typesParam) ? typesParam : [typesParam]).flatMap((t) => t.split(',')).map((t) => t.trim());
    if (types.length > MAX_TYPES || types.some((t) => !ENUM_NAME.test(t))) throw new ExportParamError('types must be a comma-separated list of event types');
    filter.types = types as EventFilter['types'];
  }
  const actorType = single(query, 'actorType');
  if (actorType !== undefined) {
    if (!ENUM_NAME.test(actorType)) throw new ExportParamError('actorType must be an actor type, e.g. SCIM_TOKEN');
    filter.actorType = actorType as EventFilter['actorType'];
  }
  for (const f of ID_FIELDS) {
    const v = single(query, f);
    if (v === undefined) continue;
    if (!v || v.length > 200) throw new ExportParamError(`${f} must be an id`);
    filter[f] = v;
  }
  for (const f of SEQUENCE_FIELDS) {
    const v = single(query, f);
    if (v === undefined) continue;
    const n = /^\d{1,16}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw new ExportParamError(`${f} must be a sequence number (a non-negative integer)`);
    // afterSequence is a resume (the last sequence the client stored): also the events numbered
    // before it that committed after it, as the subscription resumes (at-least-once)
    if (f === 'afterSequence') filter.resumeAfterSequence = n;
    else filter[f] = n;
  }
  for (const f of TIME_FIELDS) {
    const v = single(query, f);
    if (v === undefined) continue;
    // ISO 8601 with a date; a time without an offset is UTC, as everywhere in this API
    const m = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
    const t = m ? new Date(m[0].includes('T') && !m[1] ? `${v}Z` : v) : null;
    if (!t || Number.isNaN(t.getTime())) throw new ExportParamError(`${f} must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z`);
    filter[f] = t.toISOString();
  }
  return filter;
}

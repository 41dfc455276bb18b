/** Every kind of change the core records. Adding one is a schema change (the GraphQL enum mirrors it). */
export const EVENT_TYPES = [
  'ORGANIZATION_CREATED',
  'ORGANIZATION_UPDATED',
  'ORGANIZATION_DELETED',
  'USER_CREATED',
  'USER_UPDATED',
  'USER_DEACTIVATED',
  'USER_REACTIVATED',
  'USER_DELETED',
  'USER_SIGNED_IN',
  'GROUP_CREATED',
  'GROUP_UPDATED',
  'GROUP_DELETED',
  'MEMBERSHIP_ADDED',
  'MEMBERSHIP_REMOVED',
  'CREDENTIAL_CREATED',
  'CREDENTIAL_REVOKED',
  'POLICY_CHANGED',
  'CUSTOM_ATTRIBUTE_DEFINED',
  'CUSTOM_ATTRIBUTE_UPDATED',
  'CUSTOM_ATTRIBUTE_DELETED',
  'ATTRIBUTE_MAPPINGS_CHANGED',
  'SAML_CONNECTION_CONFIGURED',
  'SESSION_REVOKED',
  'WEBHOOK_ENDPOINT_CREATED',
  'WEBHOOK_ENDPOINT_UPDATED',
  'WEBHOOK_ENDPOINT_DELETED',
  'WEBHOOK_SECRET_ROTATED',
  'WEBHOOK_ENDPOINT_DISABLED',
  'SETUP_LINK_CREATED',
  'SETUP_LINK_REVOKED',
  'SAML_TEST_SIGN_IN_STARTED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SUBJECT_TYPES = [
  'ORGANIZATION',
  'USER',
  'GROUP',
  'CREDENTIAL',
  'POLICY',
  'CUSTOM_ATTRIBUTE',
  'ATTRIBUTE_MAPPING',
  'SAML_CONNECTION',
  'WEBHOOK_ENDPOINT',
  'SETUP_LINK',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Who made a change: a principal's kind (src/core/principal.ts), or SYSTEM for the server itself. */
export const ACTOR_TYPES = ['PLATFORM', 'API_KEY', 'SCIM_TOKEN', 'SAML', 'SYSTEM', 'SETUP_LINK'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** An event as a service records it; the writer adds organization, actor, request id and sequence. */
export interface NewEvent {
  type: EventType;
  subjectType: SubjectType;
  subjectId: string | null;
  subjectLabel?: string | null;
  /** The other party of a relation, e.g. the user of a membership event whose subject is the group. */
  objectType?: SubjectType | null;
  objectId?: string | null;
  changes?: FieldChanges;
  data?: Record<string, unknown>;
}

/** An event as stored and delivered. */
export interface StoredEvent {
  sequence: number;
  /** Null for the platform's own events (platform keys, deleted organizations). */
  organizationId: string | null;
  type: EventType;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  subjectType: SubjectType;
  subjectId: string | null;
  subjectLabel: string | null;
  objectType: SubjectType | null;
  objectId: string | null;
  changes: FieldChanges;
  data: Record<string, unknown>;
  requestId: string | null;
  occurredAt: Date;
  /** The writing transaction (not in the API): tells a resuming subscriber which live events it already had. */
  xid?: number;
}

/** Columns in the order `rowToEvent` reads them; shared by every query of the events table. */
export const EVENT_COLUMNS =
  'seq, organization_id, type, actor_type, actor_id, actor_label, subject_type, subject_id, subject_label, object_type, object_id, changes, data, request_id, occurred_at, xid';

export function rowToEvent(r: Record<string, unknown>): StoredEvent {
  return {
    sequence: Number(r.seq),
    organizationId: (r.organization_id as string | null) ?? null,
    type: r.type as EventType,
    actorType: r.actor_type as string,
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: r.actor_label as string,
    subjectType: r.subject_type as SubjectType,
    subjectId: (r.subject_id as string | null) ?? null,
    subjectLabel: (r.subject_label as string | null) ?? null,
    objectType: (r.object_type as SubjectType | null) ?? null,
    objectId: (r.object_id as string | null) ?? null,
    changes: (r.changes as FieldChanges) ?? {},
    data: (r.data as Record<string, unknown>) ?? {},
    requestId: (r.request_id as string | null) ?? null,
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : new Date(r.occurred_at as string),
    xid: r.xid === null || r.xid === undefined ? undefined : Number(r.xid),
  };
}

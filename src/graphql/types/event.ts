import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import type { ActorType, EventType, SubjectType } from '../../core/events/event-types.js';
import { ActorTypeEnum, EventTypeEnum, SubjectTypeEnum } from './common.js';

@ObjectType({
  description:
    'One recorded change, written in the same transaction as the change itself. Sequence numbers increase in the order events are written; transactions may commit out of that order (see the `events` subscription).',
})
export class Event {
  @Field(() => GraphQLSafeInt, { description: 'Position in the log; resume a subscription after it.' }) sequence!: number;
  @Field(() => ID, { nullable: true, description: "Null for the platform's own events (platform keys, deleted organizations)." }) organizationId!:
    string | null;
  @Field(() => EventTypeEnum, { description: 'What happened.' }) type!: EventType;
  @Field(() => ActorTypeEnum, { description: 'What kind of actor made the change.' }) actorType!: ActorType;
  @Field(() => ID, {
    nullable: true,
    description:
      'The credential (API key, SCIM token or platform key) that made the change; null for SAML sign-ins, the service itself and the ADMIN_API_KEY of the environment.',
  })
  actorId!: string | null;
  @Field(() => String, { description: 'Human-readable actor, e.g. SCIM token "Okta" (kept as it was at the time of the change).' }) actorLabel!: string;
  @Field(() => SubjectTypeEnum, { description: 'Kind of object the event is about.' }) subjectType!: SubjectType;
  @Field(() => ID, {
    nullable: true,
    description: 'Id of the object the event is about (the organization id for POLICY, ATTRIBUTE_MAPPING and SAML_CONNECTION events).',
  })
  subjectId!: string | null;
  @Field(() => String, { nullable: true, description: 'userName, group name, … at the time of the change.' }) subjectLabel!: string | null;
  @Field(() => SubjectTypeEnum, { nullable: true, description: 'The other party of a relation (the user of a membership event).' })
  objectType!: SubjectType | null;
  @Field(() => ID, { nullable: true, description: 'Id of the other party (the user of a membership event); null when there is none.' }) objectId!:
    string | null;
  @Field(() => GraphQLJSONObject, { description: '{ field: { before, after } } for every field the change touched.' }) changes!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { description: 'Further facts, e.g. the provisioning source of a created user.' }) data!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'Request id of the HTTP request that caused it (also in the logs).' }) requestId!: string | null;
  @Field(() => Date, {
    description:
      'When the change was made (the start of its transaction), returned to the millisecond. Not ordered like `sequence` across concurrent transactions.',
  })
  occurredAt!: Date;
}

@ObjectType({ description: 'A page of events.' })
export class EventConnection {
  @Field(() => [Event], { description: 'The events of this page, in the requested order.' }) nodes!: Event[];
  @Field(() => Boolean, { description: 'True when more events match after this page.' }) hasNextPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The sequence of the last event of the page; pass it as `after` (same order and filter) for the next page. Null when the page is empty.',
  })
  endCursor!: string | null;
}

@InputType({ description: 'Audit log filter; all given conditions must hold.' })
export class EventFilter {
  @Field(() => [EventTypeEnum], {
    nullable: true,
    description: 'Only events of these types; omit for every type (an empty list is refused: filter.types.empty).',
  })
  types?: EventType[] | null;
  @Field(() => ID, { nullable: true, description: 'Only events about this object (an id that is not a UUID matches nothing).' }) subjectId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only events whose other party is this object, e.g. the memberships of a user.' }) objectId?: string | null;
  @Field(() => ID, { nullable: true, description: "Subject or object is this id (a user's own events and its memberships)." }) involving?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only changes made by this credential.' }) actorId?: string | null;
  @Field(() => ActorTypeEnum, { nullable: true, description: 'Only changes made by this kind of actor.' }) actorType?: ActorType | null;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Only events with a greater sequence (exclusive).' }) afterSequence?: number | null;
  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description:
      'Resume after this sequence (the last one received): the events with a greater sequence, and also those numbered before it that committed after it was written (sequence numbers are taken when an event is written, transactions commit later). At-least-once, as the subscription resume: deduplicate by `sequence`. The audit export parameter afterSequence is this.',
  })
  resumeAfterSequence?: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Only events with a smaller sequence (exclusive).' }) beforeSequence?: number | null;
  @Field(() => Date, { nullable: true, description: 'Only events that occurred at or after this time (inclusive).' }) since?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only events that occurred before this time (exclusive).' }) until?: Date | null;
}

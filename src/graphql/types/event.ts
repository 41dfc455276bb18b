import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import type { ActorType, EventType, SubjectType } from '../../core/events/event-types.js';
import { ActorTypeEnum, EventTypeEnum, SubjectTypeEnum } from './common.js';

@ObjectType({ description: 'One recorded change. Sequence numbers increase; events of one transaction are consecutive in commit order.' })
export class Event {
  @Field(() => GraphQLSafeInt, { description: 'Position in the log; resume a subscription after it.' }) sequence!: number;
  @Field(() => ID, { nullable: true, description: "Null for the platform's own events (platform keys, deleted organizations)." }) organizationId!: string | null;
  @Field(() => EventTypeEnum) type!: EventType;
  @Field(() => ActorTypeEnum, { description: 'What kind of actor made the change.' }) actorType!: ActorType;
  @Field(() => ID, { nullable: true, description: 'The credential (or user) that made the change.' }) actorId!: string | null;
  @Field(() => String, { description: 'Human-readable actor, e.g. SCIM token "Okta".' }) actorLabel!: string;
  @Field(() => SubjectTypeEnum) subjectType!: SubjectType;
  @Field(() => ID, { nullable: true }) subjectId!: string | null;
  @Field(() => String, { nullable: true, description: 'userName, group name, … at the time of the change.' }) subjectLabel!: string | null;
  @Field(() => SubjectTypeEnum, { nullable: true, description: 'The other party of a relation (the user of a membership event).' })
  objectType!: SubjectType | null;
  @Field(() => ID, { nullable: true }) objectId!: string | null;
  @Field(() => GraphQLJSONObject, { description: '{ field: { before, after } } for every field the change touched.' }) changes!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { description: 'Further facts, e.g. the provisioning source of a created user.' }) data!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'Request id of the HTTP request that caused it (also in the logs).' }) requestId!: string | null;
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType({ description: 'A page of events.' })
export class EventConnection {
  @Field(() => [Event]) nodes!: Event[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
}

@InputType({ description: 'Audit log filter; all given conditions must hold.' })
export class EventFilter {
  @Field(() => [EventTypeEnum], { nullable: true }) types?: EventType[] | null;
  @Field(() => ID, { nullable: true }) subjectId?: string | null;
  @Field(() => ID, { nullable: true }) objectId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Subject or object is this id.' }) involving?: string | null;
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => ActorTypeEnum, { nullable: true, description: 'Only changes made by this kind of actor.' }) actorType?: ActorType | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) afterSequence?: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) beforeSequence?: number | null;
  @Field(() => Date, { nullable: true }) since?: Date | null;
  @Field(() => Date, { nullable: true }) until?: Date | null;
}


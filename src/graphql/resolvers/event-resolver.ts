import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { EventType, StoredEvent } from '../../core/events/event-types.js';
import { streamEvents } from '../../core/events/event-stream.js';
import { listEvents } from '../../core/queries/events-query.js';
import type { GraphQLContext } from '../context.js';
import { EventTypeEnum, SortDirectionEnum } from '../types/common.js';
import { Event, EventConnection, EventFilter } from '../types/event.js';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, {
    description:
      "The audit log of an organization: every change with actor and before/after values. Without organizationId (platform keys only): the platform's own log (platform keys created and revoked, organizations deleted).",
  })
  async events(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Arg('order', () => SortDirectionEnum, { nullable: true, defaultValue: 'ASC' }) order: 'ASC' | 'DESC',
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const page = await listEvents(ctx.core, organizationId ?? null, { filter, order, first, after });
    const last = page.nodes[page.nodes.length - 1];
    return { nodes: page.nodes, hasNextPage: page.hasNextPage, endCursor: last ? String(last.sequence) : null };
  }

  @Subscription(() => Event, {
    name: 'events',
    description:
      "An organization's events as they commit, from any server instance. Pass afterSequence (the last sequence seen) to first replay what was missed.",
    subscribe: ({ args, context }) => {
      const ctx = context as GraphQLContext;
      return streamEvents(ctx.core, ctx.bus, args.organizationId as string, {
        types: (args.types as EventType[] | null) ?? null,
        afterSequence: (args.afterSequence as number | null) ?? null,
      });
    },
  })
  eventsSubscription(
    @Root() event: StoredEvent,
    @Arg('organizationId', () => ID) _organizationId: string,
    @Arg('types', () => [EventTypeEnum], { nullable: true }) _types: EventType[] | null,
    @Arg('afterSequence', () => GraphQLSafeInt, { nullable: true }) _afterSequence: number | null,
  ): StoredEvent {
    return event;
  }
}

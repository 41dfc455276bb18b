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
      "The audit log of an organization: every change with actor and before/after values, keyset-paged by sequence. Readable with the organization's API keys (ADMIN and READ_ONLY) and platform keys; not with SCIM tokens (the identity provider needs users and groups, not who changed which credential or setting: FORBIDDEN). Without organizationId (platform keys only): the platform's own log (platform keys created and revoked, organizations deleted).",
  })
  async events(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID, {
      nullable: true,
      description: "The organization whose events to read; omit (platform keys only) for the platform's own events.",
    })
    organizationId: string | null,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Which events; omit for all.' }) filter: EventFilter | null,
    @Arg('order', () => SortDirectionEnum, {
      nullable: true,
      defaultValue: 'ASC',
      description: 'By sequence: ASC (default, oldest first: for replaying) or DESC (newest first: for an audit view).',
    })
    order: 'ASC' | 'DESC',
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 50,
      description: 'Page size: 0 to 1000 (default 50); more (e.g. 1001) fails with BAD_USER_INPUT pagination.first.invalid.',
    })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The `endCursor` of the previous page, read with the same order and filter: the page continues after that event (pagination.cursor.invalid for anything but a sequence number).',
    })
    after: string | null,
  ) {
    const page = await listEvents(ctx.core, organizationId ?? null, { filter, order, first, after });
    const last = page.nodes[page.nodes.length - 1];
    return { nodes: page.nodes, hasNextPage: page.hasNextPage, endCursor: last ? String(last.sequence) : null };
  }

  @Subscription(() => Event, {
    name: 'events',
    description:
      "An organization's events as they commit, from any server instance, within about 100 ms (API keys and platform keys, as the `events` query; not SCIM tokens). Pass afterSequence (the last sequence seen) to first replay what was missed. Delivery on resume is at-least-once: deduplicate by `sequence`. A subscriber that falls more than 50,000 events behind (it does not read them) ends with TRY_AGAIN, reason subscription.tooSlow: subscribe again with afterSequence.",
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
    @Arg('organizationId', () => ID, { description: 'The organization whose events to stream.' }) _organizationId: string,
    @Arg('types', () => [EventTypeEnum], {
      nullable: true,
      description: 'Only events of these types; omit for every type (an empty list is refused: filter.types.empty).',
    })
    _types: EventType[] | null,
    @Arg('afterSequence', () => GraphQLSafeInt, {
      nullable: true,
      description:
        'The last `sequence` received: first replays the stored events after it (and any numbered earlier that committed later), then continues live; resume is at-least-once, so deduplicate by `sequence`. Replay is capped: with more than 50,000 events to replay the subscription fails with subscription.afterSequence.tooOld: page the `events` query (filter.afterSequence) instead, then subscribe from its last sequence. Below `Organization.eventsPrunedThroughSequence` (events deleted by retention) it fails with BAD_USER_INPUT events.pruned and `extensions.prunedThroughSequence`: subscribe again with that as afterSequence to continue from the oldest kept event, accepting the gap. A number no event has had yet fails with BAD_USER_INPUT subscription.afterSequence.future. Omit for live events only.',
    })
    _afterSequence: number | null,
  ): StoredEvent {
    return event;
  }
}

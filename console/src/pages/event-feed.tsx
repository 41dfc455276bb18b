import { useEffect, useState } from 'react';
import { GraphQLFailure, request, subscribe } from '../api/client';
import { ErrorNote } from '../components/common';
import { EventList } from '../components/events';
import type { ConsoleEventFieldsFragment } from '../gql/graphql';
import { EventsQuery, EventsSubscription } from '../operations';

const KEEP = 200;

/**
 * The organization's events as they commit: the latest page first (the `events` query), then the
 * `events` subscription from its last sequence on, deduplicated by sequence (resume is at-least-once).
 */
export function useLiveEvents(organizationId: string, types?: string[]) {
  const [events, setEvents] = useState<ConsoleEventFieldsFragment[]>([]);
  const [error, setError] = useState<GraphQLFailure>();
  const [live, setLive] = useState(false);
  const typeKey = types?.join(',') ?? '';
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    setEvents([]);
    setLive(false);
    const wanted = typeKey ? new Set(typeKey.split(',')) : null;
    const add = (e: ConsoleEventFieldsFragment) =>
      setEvents((list) => (list.some((x) => x.sequence === e.sequence) ? list : [e, ...list].sort((a, b) => b.sequence - a.sequence).slice(0, KEEP)));
    request(EventsQuery, { organizationId, first: 50 }).then(
      (data) => {
        if (cancelled) return;
        const recent = data.events.nodes.filter((e) => !wanted || wanted.has(e.type));
        setEvents(recent);
        const last = data.events.nodes[0]?.sequence;
        stop = subscribe(
          EventsSubscription,
          { organizationId, afterSequence: last },
          {
            next: (d) => {
              setLive(true);
              if (!wanted || wanted.has(d.events.type)) add(d.events);
            },
            error: setError,
          },
        );
        setLive(true);
      },
      (err: GraphQLFailure) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [organizationId, typeKey]);
  return { events, error, live };
}

export function EventFeed({ organizationId }: { organizationId: string }) {
  const { events, error, live } = useLiveEvents(organizationId);
  return (
    <>
      <h1>Live events</h1>
      <p className="muted" role="status">
        {error ? 'Not connected.' : live ? 'Connected: new events appear at the top as they commit.' : 'Connecting…'}
      </p>
      <ErrorNote error={error} what="Live feed" />
      <div aria-live="polite" aria-relevant="additions">
        {events.length ? <EventList events={events} label="Events, newest first" /> : <p>No events yet.</p>}
      </div>
    </>
  );
}

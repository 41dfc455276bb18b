import type { ConsoleEventFieldsFragment } from '../gql/graphql';
import { When } from './common';

/** One line per event: when, what, about whom, by whom; the changes on demand. */
export function EventList({ events, label }: { events: ConsoleEventFieldsFragment[]; label: string }) {
  return (
    <ol className="events" aria-label={label}>
      {events.map((e) => (
        <li key={e.sequence} className="event" data-testid="event" data-type={e.type}>
          <span className="event-when">
            <When at={e.occurredAt} />
          </span>{' '}
          <strong className="event-type">{e.type}</strong> <span className="event-subject">{e.subjectLabel ?? e.subjectId ?? e.subjectType}</span>{' '}
          <span className="muted">by {e.actorLabel}</span>
          {Object.keys(e.changes).length || Object.keys(e.data).length ? (
            <details>
              <summary>
                Details <span className="sr-only">of event {e.sequence}</span>
              </summary>
              <pre className="json">{JSON.stringify({ changes: e.changes, data: e.data }, null, 2)}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

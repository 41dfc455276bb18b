/**
 * Prints an organization's events as they happen (GraphQL subscription over graphql-ws).
 *
 *   API_URL=http://127.0.0.1:4000 API_KEY=idm_… npx tsx scripts/watch-events.ts <organizationId> [afterSequence]
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';
const key = process.env.API_KEY ?? process.env.ADMIN_KEY;
const [organizationId, after] = process.argv.slice(2);
if (!key || !organizationId) throw new Error('usage: API_KEY=… npx tsx scripts/watch-events.ts <organizationId> [afterSequence]');

const client = createClient({
  url: api.replace(/^http/, 'ws') + '/graphql',
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${key}` },
  // a server restart or a dropped connection: connect again (with backoff) and resume, however long it takes
  retryAttempts: Infinity,
  shouldRetry: () => true,
});
// graphql-ws sends this same payload again when it reconnects after a lost connection: `a` follows the
// last event printed, so the subscription resumes after it (no event twice, none missed)
const variables: { o: string; a: number | null } = { o: organizationId, a: after ? Number(after) : null };
client.subscribe<{ events: { sequence: number } }>(
  {
    query: `subscription($o: ID!, $a: SafeInt) { events(organizationId: $o, afterSequence: $a) { sequence type actorLabel subjectType subjectLabel changes occurredAt } }`,
    variables,
  },
  {
    next: (msg) => {
      if (msg.data?.events) variables.a = msg.data.events.sequence;
      console.log(JSON.stringify(msg.data?.events ?? msg.errors));
    },
    error: (err) => {
      console.error('subscription failed:', err);
      process.exit(1);
    },
    complete: () => process.exit(0),
  },
);
console.error(`watching events of ${organizationId} (Ctrl-C to stop)`);

import { useCapabilities } from '../api/capabilities';
import { useQuery, usePolling } from '../api/hooks';
import { ErrorNote, Unavailable, When } from '../components/common';
import { ScimRequestsQuery } from '../operations';

/** How often the request log is read again (the server writes it in batches about a second after the requests). */
const POLL_MS = 2000;

/**
 * The SCIM requests the identity provider made (scimRequests), newest first, read again every two
 * seconds: "waiting for your identity provider's first request…" until one arrives, as Okta's "Test
 * Connector Configuration" and first push do.
 */
export function ScimRequestLog({ organizationId, tokenCreated }: { organizationId: string; tokenCreated: boolean }) {
  const caps = useCapabilities();
  return (
    <section aria-labelledby="scim-requests">
      <h2 id="scim-requests">3. Your identity provider’s requests</h2>
      {caps.ready && !caps.has('scimRequests') ? (
        <Unavailable what="The SCIM request log" />
      ) : caps.ready ? (
        <Log organizationId={organizationId} tokenCreated={tokenCreated} />
      ) : null}
    </section>
  );
}

function Log({ organizationId, tokenCreated }: { organizationId: string; tokenCreated: boolean }) {
  const log = useQuery(ScimRequestsQuery, { organizationId, first: 50 });
  // also after a failed read: a dropped network or a server restart must not end the live list (a read that succeeds clears the error)
  usePolling(log.reload, POLL_MS, true);
  const nodes = log.data?.scimRequests.nodes ?? [];
  return (
    <div aria-live="polite">
      <ErrorNote error={log.error} what="Reading the SCIM requests" />
      {log.data && !nodes.length ? (
        <p role="status" data-testid="scim-waiting">
          {tokenCreated
            ? 'Waiting for your identity provider’s first request…'
            : 'No SCIM request in the last 24 hours. Create the token, then test the connection in your identity provider.'}
        </p>
      ) : null}
      {nodes.length ? (
        <table data-testid="scim-requests">
          <caption>The last {nodes.length === 1 ? 'request' : `${nodes.length} requests`}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Request</th>
              <th scope="col">Answer</th>
              <th scope="col">Identity provider</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((r) => (
              <tr key={r.id} data-testid="scim-request">
                <td>
                  <When at={r.at} />
                </td>
                <td>
                  <code>
                    {r.method} {r.path}
                  </code>
                </td>
                <td className={r.status >= 400 ? 'warn' : undefined}>
                  {r.status}
                  {r.scimType ? ` ${r.scimType}` : ''}
                  {r.detail ? <span className="muted"> {r.detail}</span> : null} <span className="muted">({r.durationMs} ms)</span>
                </td>
                <td>{r.identityProvider}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

import { useCapabilities } from '../api/capabilities';
import { Unavailable } from '../components/common';

/** The SCIM requests the identity provider made (scimRequests), polled: "waiting for the first request…" until one arrives. */
export function ScimRequestLog(_props: { organizationId: string; tokenCreated: boolean }) {
  const caps = useCapabilities();
  return (
    <section aria-labelledby="scim-requests">
      <h2 id="scim-requests">3. Your identity provider’s requests</h2>
      {caps.ready && !caps.has('scimRequests') ? <Unavailable what="The SCIM request log" /> : null}
    </section>
  );
}

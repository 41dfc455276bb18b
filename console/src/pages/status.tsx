import { useMemo } from 'react';
import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, When } from '../components/common';
import { CredentialsQuery, StatusQuery } from '../operations';

const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
};

/**
 * The organization at a glance: SSO configured, certificate expiry, SCIM activity, sign-ins today,
 * seats used against the limit. Read from the public API (userStats, samlConnection, the policy,
 * the events of today, the SCIM tokens' last use).
 */
export function StatusPanel({ organizationId }: { organizationId: string }) {
  const today = useMemo(startOfToday, []);
  const status = useQuery(StatusQuery, { organizationId, today });
  const creds = useQuery(CredentialsQuery, { organizationId, includeRevoked: false });
  const s = status.data;
  const expiry = s?.samlConnection.idpCertificates.map((c) => c.notAfter).sort()[0];
  const scim = creds.data?.credentials.filter((c) => c.kind === 'SCIM_TOKEN');
  const lastScim = scim
    ?.map((c) => c.lastUsedAt)
    .filter((x): x is string => !!x)
    .sort()
    .pop();
  const soon = expiry && new Date(expiry).getTime() - Date.now() < 30 * 86400_000;
  return (
    <>
      <h1>Organization status</h1>
      <ErrorNote error={status.error} what="Reading the status" />
      {!s ? (
        <Loading what="the status" />
      ) : (
        <dl className="status-grid" data-testid="status">
          <div>
            <dt>Single sign-on</dt>
            <dd>{s.samlConnection.configured ? 'Configured' : 'Not configured'}</dd>
          </div>
          <div>
            <dt>IdP certificate expires</dt>
            <dd className={soon ? 'warn' : undefined}>{expiry ? <When at={expiry} /> : '—'}</dd>
          </div>
          <div>
            <dt>Last SCIM request</dt>
            <dd>{creds.error ? 'needs an ADMIN key' : scim?.length ? <When at={lastScim} never="none yet" /> : 'no SCIM token'}</dd>
          </div>
          <div>
            <dt>Sign-ins today</dt>
            <dd>
              {s.signIns.nodes.length}
              {s.signIns.hasNextPage ? '+' : ''}
            </dd>
          </div>
          <div>
            <dt>Seats used</dt>
            <dd>
              {s.userStats.seatsUsed} of {s.provisioningPolicy.seatLimit ?? 'unlimited'}
            </dd>
          </div>
          <div>
            <dt>Users</dt>
            <dd>
              {s.userStats.totalUsers} ({s.userStats.activeUsers} active)
            </dd>
          </div>
        </dl>
      )}
    </>
  );
}

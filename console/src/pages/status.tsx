import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, When } from '../components/common';
import { StatusQuery } from '../operations';

/** A certificate that expires within this many days is shown as a warning. */
const EXPIRY_WARNING_DAYS = 30;

/**
 * The organization at a glance (Organization.status): SSO configured, the IdP certificate's expiry,
 * the last SCIM request and the SCIM errors of the last 24 hours, sign-ins today, seats used against
 * the limit. Operators and setup links see the same panel.
 */
export function StatusCards({ organizationId }: { organizationId: string }) {
  const q = useQuery(StatusQuery, { organizationId });
  const s = q.data?.organization?.status;
  const soon = s?.idpCertificateExpiresAt && new Date(s.idpCertificateExpiresAt).getTime() - Date.now() < EXPIRY_WARNING_DAYS * 86400_000;
  return (
    <>
      <ErrorNote error={q.error} what="Reading the status" />
      {!s ? (
        q.loading ? (
          <Loading what="the status" />
        ) : null
      ) : (
        <dl className="status-grid" data-testid="status">
          <div>
            <dt>Single sign-on</dt>
            <dd>{s.ssoConfigured ? 'Configured' : 'Not configured'}</dd>
          </div>
          <div>
            <dt>IdP certificate expires</dt>
            <dd className={soon ? 'warn' : undefined}>
              {s.idpCertificateExpiresAt ? <When at={s.idpCertificateExpiresAt} /> : '—'}
              {soon ? ' (soon: ask for the new certificate)' : ''}
            </dd>
          </div>
          <div>
            <dt>Last SCIM request</dt>
            <dd>
              <When at={s.lastScimRequestAt} never="none yet" />
            </dd>
          </div>
          <div>
            <dt>SCIM errors, last 24 h</dt>
            <dd className={s.scimErrorsLast24h ? 'warn' : undefined}>{s.scimErrorsLast24h}</dd>
          </div>
          <div>
            <dt>Sign-ins today</dt>
            <dd>{s.signInsToday}</dd>
          </div>
          <div>
            <dt>Seats used</dt>
            <dd>
              {s.activeUsers} of {s.seatLimit ?? 'unlimited'}
            </dd>
          </div>
        </dl>
      )}
    </>
  );
}

export function StatusPanel({ organizationId }: { organizationId: string }) {
  return (
    <>
      <h1>Organization status</h1>
      <StatusCards organizationId={organizationId} />
    </>
  );
}

import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, When } from '../components/common';
import { SamlConnectionQuery } from '../operations';
import { Link } from '../router';
import { StatusCards } from './status';

/** Setup mode's overview: what the link may set up and where the SAML connection stands. */
export function SetupStatus({ organizationId, orgName, scopes }: { organizationId: string; orgName: string | undefined; scopes: string[] }) {
  const saml = useQuery(SamlConnectionQuery, { organizationId }, { skip: !scopes.includes('SSO') });
  const c = saml.data?.samlConnection;
  const expiry = c?.idpCertificates.map((x) => x.notAfter).sort()[0];
  return (
    <>
      <h1>Connect {orgName ?? 'your organization'} to your identity provider</h1>
      <p>This link lets you set up:</p>
      <ul>
        {scopes.includes('SSO') ? (
          <li>
            <Link to="/admin/setup/sso">single sign-on (SAML 2.0)</Link>: your users sign in through your identity provider;
          </li>
        ) : null}
        {scopes.includes('SCIM') ? (
          <li>
            <Link to="/admin/setup/scim">provisioning (SCIM 2.0)</Link>: your identity provider creates, updates and deactivates users and groups.
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="org-status">
        <h2 id="org-status">Status</h2>
        <StatusCards organizationId={organizationId} />
      </section>
      {scopes.includes('SSO') ? (
        <section aria-labelledby="sso-status">
          <h2 id="sso-status">Identity provider</h2>
          <ErrorNote error={saml.error} what="Reading the SAML connection" />
          {!c ? (
            <Loading what="the SAML connection" />
          ) : (
            <dl className="status-grid">
              <div>
                <dt>Identity provider</dt>
                <dd>{c.idpEntityId ?? '—'}</dd>
              </div>
              <div>
                <dt>IdP certificate expires</dt>
                <dd>{expiry ? <When at={expiry} /> : '—'}</dd>
              </div>
            </dl>
          )}
        </section>
      ) : null}
    </>
  );
}

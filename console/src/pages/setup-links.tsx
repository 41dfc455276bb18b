import { useState, type FormEvent } from 'react';
import { useCapabilities } from '../api/capabilities';
import { useMutation, useQuery } from '../api/hooks';
import { CheckField, ErrorNote, Loading, SecretOnce, SelectField, Unavailable, When } from '../components/common';
import type { SetupScope } from '../gql/graphql';
import { CreateSetupLinkMutation, RevokeSetupLinkMutation, SetupLinksQuery } from '../operations';

const LIFETIMES = { '1 hour': 3600, '1 day': 86400, '7 days': 604800, '30 days': 2592000 } as const;
type Lifetime = keyof typeof LIFETIMES;

/**
 * Setup links: a URL for the customer's IT admin (`/admin/setup#<secret>`) that opens this console
 * limited to the organization's SSO and/or SCIM setup, until it expires or is revoked.
 */
export function SetupLinks({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  const caps = useCapabilities();
  if (caps.ready && !caps.has('createSetupLink')) {
    return (
      <>
        <h1>Setup links</h1>
        <Unavailable what="Setup links" />
      </>
    );
  }
  return <SetupLinksPage organizationId={organizationId} readOnly={readOnly} />;
}

function SetupLinksPage({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  const links = useQuery(SetupLinksQuery, { organizationId });
  const create = useMutation(CreateSetupLinkMutation);
  const revoke = useMutation(RevokeSetupLinkMutation);
  const [sso, setSso] = useState(true);
  const [scim, setScim] = useState(true);
  const [lifetime, setLifetime] = useState<Lifetime>('7 days');
  const [url, setUrl] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const scopes: SetupScope[] = [...(sso ? (['SSO'] as const) : []), ...(scim ? (['SCIM'] as const) : [])];
    const r = await create.run({ organizationId, input: { scopes, expiresInSeconds: LIFETIMES[lifetime] } });
    if (r) {
      setUrl(r.createSetupLink.url);
      links.reload();
    }
  };
  const now = Date.now();
  return (
    <>
      <h1>Setup links</h1>
      <p>
        A setup link lets the customer’s IT administrator connect their identity provider without a key: it opens this console limited to this organization’s
        single sign-on and/or SCIM setup, until it expires or you revoke it. Everything done through it is recorded with the link as the actor.
      </p>
      {url ? <SecretOnce title="Setup link" secret={url} onDone={() => setUrl(null)} /> : null}
      {readOnly ? null : (
        <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-link">
          <h2 id="new-link">New setup link</h2>
          <fieldset>
            <legend>What it may set up</legend>
            <CheckField label="Single sign-on (SAML)" checked={sso} onChange={setSso} />
            <CheckField label="Provisioning (SCIM)" checked={scim} onChange={setScim} />
          </fieldset>
          <SelectField label="Valid for" value={lifetime} options={Object.keys(LIFETIMES) as Lifetime[]} onChange={setLifetime} />
          <button type="submit" disabled={create.busy || (!sso && !scim)}>
            Create setup link
          </button>
          <ErrorNote error={create.error} what="Creating the setup link" />
        </form>
      )}
      <section aria-labelledby="links">
        <h2 id="links">Links</h2>
        <ErrorNote error={links.error} what="Listing setup links" />
        <ErrorNote error={revoke.error} what="Revoking" />
        {!links.data ? <Loading what="setup links" /> : null}
        {links.data?.setupLinks.length === 0 ? <p>No setup links yet.</p> : null}
        {links.data?.setupLinks.length ? (
          <table>
            <caption className="sr-only">Setup links of the organization</caption>
            <thead>
              <tr>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {links.data.setupLinks.map((l) => (
                <tr key={l.id} data-testid="setup-link">
                  <td>{l.scopes.join(', ')}</td>
                  <td>
                    <When at={l.createdAt} />
                    {l.createdBy ? <span className="muted"> by {l.createdBy}</span> : null}
                  </td>
                  <td>
                    <When at={l.expiresAt} />
                  </td>
                  <td>
                    {l.revokedAt ? (
                      <>
                        Revoked <When at={l.revokedAt} />
                      </>
                    ) : new Date(l.expiresAt).getTime() < now ? (
                      'Expired'
                    ) : readOnly ? (
                      'Valid'
                    ) : (
                      <button
                        type="button"
                        className="danger small"
                        aria-label={`Revoke the ${l.scopes.join(' and ')} setup link created ${new Date(l.createdAt).toLocaleString()}`}
                        disabled={revoke.busy}
                        onClick={() => void revoke.run({ id: l.id }).then(() => links.reload())}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

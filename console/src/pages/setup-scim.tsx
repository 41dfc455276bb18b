import { useState } from 'react';
import { useMutation, useQuery } from '../api/hooks';
import { ErrorNote, SecretOnce, When } from '../components/common';
import { SetupSteps } from '../components/setup-steps';
import { CreateScimTokenMutation, CredentialsQuery, RevokeCredentialMutation } from '../operations';
import { IdpPicker, type Profile } from './setup-app';
import { ScimRequestLog } from './scim-request-log';

/** SCIM setup: the chosen identity provider's guide, the token (shown once), then the live list of its requests. */
export function SetupScim(props: { organizationId: string; profiles: Profile[]; profile: Profile | undefined; onPick: (kind: string) => void }) {
  const { organizationId, profile } = props;
  const create = useMutation(CreateScimTokenMutation);
  // a setup link lists (and revokes) only the SCIM tokens it created itself
  const tokens = useQuery(CredentialsQuery, { organizationId, includeRevoked: false });
  const revoke = useMutation(RevokeCredentialMutation);
  const [token, setToken] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const name = profile ? (profile.kind === 'GENERIC' ? 'SCIM client' : profile.name) : 'Identity provider';
  return (
    <>
      <h1>Provisioning (SCIM){profile && profile.kind !== 'GENERIC' ? ` with ${profile.name}` : ''}</h1>
      <IdpPicker profiles={props.profiles} value={profile?.kind} onPick={props.onPick} />
      {profile && !profile.scimSupported ? (
        <p className="notice" role="note">
          {profile.name} cannot provision this service over SCIM. {profile.scimNote ?? ''}
        </p>
      ) : null}
      <section aria-labelledby="token">
        <h2 id="token">1. Create the SCIM token</h2>
        <p>Your identity provider sends it with every SCIM request. It is shown once: paste it into your identity provider right away.</p>
        {token ? <SecretOnce title={`SCIM token "${name}"`} secret={token} onDone={() => setToken(null)} /> : null}
        <button
          type="button"
          disabled={create.busy}
          onClick={() =>
            void create.run({ organizationId, name }).then((r) => {
              if (!r) return;
              setToken(r.createScimToken.token);
              setCreated(true);
              tokens.reload();
            })
          }
        >
          Create SCIM token
        </button>
        <ErrorNote error={create.error} what="Creating the SCIM token" />
        <ErrorNote error={tokens.error} what="Listing the SCIM tokens" />
        <ErrorNote error={revoke.error} what="Revoking the SCIM token" />
        {tokens.data?.credentials.length ? (
          <table>
            <caption>SCIM tokens created with this link (revoke one your identity provider does not use)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.credentials.map((c) => (
                <tr key={c.id} data-testid="setup-scim-token">
                  <td>{c.name}</td>
                  <td>
                    <When at={c.createdAt} />
                  </td>
                  <td>
                    <When at={c.lastUsedAt} never="never" />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="danger small"
                      aria-label={`Revoke the SCIM token "${c.name}" created ${new Date(c.createdAt).toLocaleString()}`}
                      disabled={revoke.busy}
                      onClick={() => void revoke.run({ organizationId, id: c.id }).then(() => tokens.reload())}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {profile?.scimSupported ? (
        <section aria-labelledby="scim-guide">
          <h2 id="scim-guide">2. In {profile.kind === 'GENERIC' ? 'your SCIM client' : profile.name}</h2>
          {profile.scimNote ? <p className="muted">{profile.scimNote}</p> : null}
          <SetupSteps steps={profile.scimSetup} label={`SCIM setup steps for ${profile.name}`} />
        </section>
      ) : null}
      <ScimRequestLog organizationId={organizationId} tokenCreated={created} />
    </>
  );
}

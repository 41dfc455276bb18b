import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks';
import { CheckField, ErrorNote, Loading, SecretOnce, SelectField, TextField, When } from '../components/common';
import { CreateApiKeyMutation, CreateScimTokenMutation, CredentialsQuery, RevokeCredentialMutation } from '../operations';

/** An organization's API keys and SCIM tokens: create (secret shown once), list, revoke. */
export function Credentials({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const list = useQuery(CredentialsQuery, { organizationId, includeRevoked });
  const [secret, setSecret] = useState<{ title: string; token: string } | null>(null);
  const revoke = useMutation(RevokeCredentialMutation);
  return (
    <>
      <h1>API keys and SCIM tokens</h1>
      {secret ? <SecretOnce title={secret.title} secret={secret.token} onDone={() => setSecret(null)} /> : null}
      {readOnly ? (
        <p className="notice">This key is READ_ONLY: it can list credentials but not create or revoke them.</p>
      ) : (
        <div className="cards">
          <CreateScimToken
            organizationId={organizationId}
            onCreated={(name, token) => {
              setSecret({ title: `SCIM token "${name}"`, token });
              list.reload();
            }}
          />
          <CreateApiKey
            organizationId={organizationId}
            onCreated={(name, token) => {
              setSecret({ title: `API key "${name}"`, token });
              list.reload();
            }}
          />
        </div>
      )}
      <section aria-labelledby="cred-list">
        <h2 id="cred-list">Credentials</h2>
        <CheckField label="Show revoked credentials" checked={includeRevoked} onChange={setIncludeRevoked} />
        <ErrorNote error={list.error} what="Listing credentials" />
        <ErrorNote error={revoke.error} what="Revoking" />
        {list.loading && !list.data ? <Loading what="credentials" /> : null}
        {list.data?.credentials.length === 0 ? <p>No credentials yet.</p> : null}
        {list.data?.credentials.length ? (
          <table>
            <caption className="sr-only">Credentials of the organization</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.data.credentials.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind === 'SCIM_TOKEN' ? 'SCIM token' : 'API key'}</td>
                  <td>{c.role}</td>
                  <td>
                    <When at={c.createdAt} />
                    {c.createdBy ? <span className="muted"> by {c.createdBy}</span> : null}
                  </td>
                  <td>
                    <When at={c.lastUsedAt} never="never" />
                  </td>
                  <td>
                    {c.revokedAt ? (
                      <>
                        Revoked <When at={c.revokedAt} />
                      </>
                    ) : readOnly ? (
                      'Valid'
                    ) : (
                      <button
                        type="button"
                        className="danger small"
                        disabled={revoke.busy}
                        aria-label={`Revoke ${c.name}`}
                        onClick={() => {
                          if (!confirm(`Revoke "${c.name}"? It is refused from the next request on.`)) return;
                          void revoke.run({ organizationId, id: c.id }).then(() => list.reload());
                        }}
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

function CreateScimToken({ organizationId, onCreated }: { organizationId: string; onCreated: (name: string, token: string) => void }) {
  const [name, setName] = useState('Okta');
  const create = useMutation(CreateScimTokenMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create.run({ organizationId, name: name.trim() });
    if (r) onCreated(r.createScimToken.credential.name, r.createScimToken.token);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-scim">
      <h2 id="new-scim">New SCIM token</h2>
      <TextField label="SCIM token name" value={name} onChange={setName} required hint="The identity provider that will use it, e.g. Okta." />
      <button type="submit" disabled={create.busy || !name.trim()}>
        Create SCIM token
      </button>
      <ErrorNote error={create.error} what="Creating the SCIM token" />
    </form>
  );
}

function CreateApiKey({ organizationId, onCreated }: { organizationId: string; onCreated: (name: string, token: string) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'ADMIN' | 'READ_ONLY'>('READ_ONLY');
  const create = useMutation(CreateApiKeyMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create.run({ organizationId, name: name.trim(), role });
    if (r) onCreated(r.createApiKey.credential.name, r.createApiKey.token);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-key">
      <h2 id="new-key">New API key</h2>
      <TextField label="API key name" value={name} onChange={setName} required hint="What will use it, e.g. dashboard." />
      <SelectField
        label="Role"
        value={role}
        options={['READ_ONLY', 'ADMIN'] as const}
        onChange={setRole}
        hint="READ_ONLY may only query; ADMIN may change everything in the organization."
      />
      <button type="submit" disabled={create.busy || !name.trim()}>
        Create API key
      </button>
      <ErrorNote error={create.error} what="Creating the API key" />
    </form>
  );
}

import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks';
import { CopyValue, ErrorNote, Loading, When } from '../components/common';
import { SetupSteps } from '../components/setup-steps';
import { ConfigureSamlMutation, SamlConnectionQuery } from '../operations';
import { IdpPicker, type Profile } from './setup-app';
import { TestSignIn } from './test-sign-in';

/** The largest metadata file the console reads (the API bounds the request at 2 MiB). */
const MAX_METADATA_BYTES = 1024 * 1024;

/** SSO setup: the chosen identity provider's SAML guide, the metadata upload, the test sign-in. */
export function SetupSso(props: { organizationId: string; profiles: Profile[]; profile: Profile | undefined; onPick: (kind: string) => void }) {
  const { organizationId, profile } = props;
  const saml = useQuery(SamlConnectionQuery, { organizationId });
  const sp = saml.data?.samlConnection.serviceProvider;
  return (
    <>
      <h1>Single sign-on{profile ? ` with ${profile.kind === 'GENERIC' ? 'a SAML 2.0 identity provider' : profile.name}` : ''}</h1>
      {props.profiles.length ? <IdpPicker profiles={props.profiles} value={profile?.kind} onPick={props.onPick} /> : <Loading what="the guides" />}
      {profile ? (
        <section aria-labelledby="saml-guide">
          <h2 id="saml-guide">In {profile.kind === 'GENERIC' ? 'your identity provider' : profile.name}</h2>
          <SetupSteps steps={profile.samlSetup} label={`SAML setup steps for ${profile.name}`} />
          {profile.samlAttributeNames.length ? (
            <>
              <h3>Attribute statements the default mappings read</h3>
              <table>
                <caption className="sr-only">Attribute names</caption>
                <thead>
                  <tr>
                    <th scope="col">Our attribute</th>
                    <th scope="col">Attribute name to send</th>
                  </tr>
                </thead>
                <tbody>
                  {profile.samlAttributeNames.map((a, i) => (
                    <tr key={i}>
                      <td>{a.attribute}</td>
                      <td>
                        <code>{a.samlName}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {profile.samlDocsUrls.length ? (
            <p className="muted">
              {profile.name}’s own documentation:{' '}
              {profile.samlDocsUrls.map((u, i) => (
                <span key={u}>
                  {i ? ', ' : ''}
                  <a href={u} target="_blank" rel="noreferrer noopener">
                    {new URL(u).hostname}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
        </section>
      ) : null}
      {!profile && sp ? (
        <section aria-label="Our values">
          <CopyValue label="ACS URL" value={sp.acsUrl} />
          <CopyValue label="Entity ID" value={sp.entityId} />
        </section>
      ) : null}
      <MetadataUpload organizationId={organizationId} profile={profile} onSaved={saml.reload} />
      <ErrorNote error={saml.error} what="Reading the SAML connection" />
      {saml.data?.samlConnection.configured ? (
        <section aria-labelledby="connected">
          <h2 id="connected">Connected identity provider</h2>
          <dl className="facts" data-testid="saml-connection">
            <dt>Entity ID</dt>
            <dd>{saml.data.samlConnection.idpEntityId}</dd>
            <dt>Identity provider</dt>
            <dd>{saml.data.samlConnection.profile}</dd>
            <dt>Sign-in URL</dt>
            <dd>{saml.data.samlConnection.idpSsoUrl}</dd>
            {saml.data.samlConnection.idpCertificates.map((c) => (
              <div key={c.fingerprintSha256} className="contents">
                <dt>Certificate</dt>
                <dd>
                  {c.subject}, expires <When at={c.notAfter} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <TestSignIn organizationId={organizationId} configured={!!saml.data?.samlConnection.configured} />
    </>
  );
}

function MetadataUpload({ organizationId, profile, onSaved }: { organizationId: string; profile: Profile | undefined; onSaved: () => void }) {
  const [xml, setXml] = useState('');
  const [fileNote, setFileNote] = useState<string | null>(null);
  const save = useMutation(ConfigureSamlMutation);
  const fileId = useId();
  const xmlId = useId();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_METADATA_BYTES) {
      setFileNote(`${file.name} is larger than 1 MiB: that is not an identity provider's metadata file.`);
      return;
    }
    setXml(await file.text());
    setFileNote(`Read ${file.name} (${file.size.toLocaleString()} bytes).`);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // the profile chooses the default SAML attribute mappings for this identity provider
    if (await save.run({ organizationId, input: { idpMetadataXml: xml, ...(profile ? { profile: profile.kind } : {}) } })) onSaved();
  };
  return (
    <section aria-labelledby="metadata">
      <h2 id="metadata">Upload your identity provider’s metadata</h2>
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="metadata">
        <div className="field">
          <label htmlFor={fileId}>Metadata file (XML)</label>
          <input id={fileId} type="file" accept=".xml,application/xml,text/xml,application/samlmetadata+xml" onChange={(e) => void onFile(e)} />
          {fileNote ? (
            <p className="hint" role="status">
              {fileNote}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={xmlId}>Or paste the metadata XML</label>
          <textarea id={xmlId} rows={6} value={xml} onChange={(e) => setXml(e.target.value)} spellCheck={false} />
        </div>
        <button type="submit" disabled={save.busy || !xml.trim()}>
          Save metadata
        </button>
        {save.data && !save.error ? (
          <p role="status" data-testid="metadata-saved">
            Saved: signing in through {save.data.configureSamlConnection.idpEntityId}.
          </p>
        ) : null}
        <ErrorNote error={save.error} what="The metadata was refused" />
      </form>
    </section>
  );
}

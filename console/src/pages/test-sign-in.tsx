import { useState } from 'react';
import { useCapabilities } from '../api/capabilities';
import { useMutation, useQuery, usePolling } from '../api/hooks';
import { CheckField, ErrorNote, Unavailable, When } from '../components/common';
import { PreviewResult } from '../components/preview';
import type { ConsoleTestSignInQuery } from '../gql/graphql';
import { StartTestSignInMutation, TestSignInQuery } from '../operations';

/** How often a pending test sign-in is polled. */
const POLL_MS = 1500;

/**
 * A test sign-in: the identity provider opens in a new tab or window (startSamlTestSignIn's URL),
 * the person signs in there, and samlTestSignIn (polled) shows what arrived (NameID, attributes,
 * groups) and what the mappings made of it. A dry run changes no user and opens no session.
 */
export function TestSignIn({ organizationId, configured }: { organizationId: string; configured: boolean }) {
  const caps = useCapabilities();
  if (caps.ready && !caps.has('startSamlTestSignIn')) {
    return (
      <section aria-labelledby="test-sign-in">
        <h2 id="test-sign-in">Test sign-in</h2>
        <Unavailable what="The test sign-in" />
      </section>
    );
  }
  return <TestSignInPanel organizationId={organizationId} configured={configured} />;
}

function TestSignInPanel({ organizationId, configured }: { organizationId: string; configured: boolean }) {
  const [dryRun, setDryRun] = useState(true);
  const start = useMutation(StartTestSignInMutation);
  const [started, setStarted] = useState<{ id: string; url: string } | null>(null);
  const [blocked, setBlocked] = useState(false);
  const result = useQuery(TestSignInQuery, { id: started?.id ?? '' }, { skip: !started });
  const r = result.data?.samlTestSignIn;
  const pending = !!started && (!r || r.status === 'PENDING');
  usePolling(result.reload, POLL_MS, pending);

  const begin = async () => {
    // the window is opened within the click (popup blockers allow that), then sent to the IdP
    const popup = window.open('about:blank', '_blank');
    const s = await start.run({ organizationId, dryRun });
    if (!s?.startSamlTestSignIn.url) {
      popup?.close();
      return;
    }
    const url = s.startSamlTestSignIn.url;
    setStarted({ id: s.startSamlTestSignIn.id, url });
    if (popup) {
      popup.opener = null;
      popup.location.href = url;
      setBlocked(false);
    } else setBlocked(true);
  };

  return (
    <section aria-labelledby="test-sign-in">
      <h2 id="test-sign-in">Test sign-in</h2>
      <p>Sign in through your identity provider to see what it sends and what this service makes of it.</p>
      <CheckField
        label="Dry run: change no user and open no session"
        checked={dryRun}
        onChange={setDryRun}
        hint="Off: the person is signed in as usual (created or updated by the policy)."
      />
      {/* not disabled while a test is pending: one the IdP never answers (its own error page, a closed
          window) stays pending until it expires, and a new start replaces it here */}
      <button type="button" onClick={() => void begin()} disabled={!configured || start.busy}>
        Start test sign-in
      </button>
      {!configured ? <p className="muted">Upload the identity provider’s metadata first.</p> : null}
      <ErrorNote error={start.error} what="Starting the test sign-in" />
      {started ? (
        <p>
          {blocked ? 'Your browser blocked the new window: ' : 'The sign-in page opened in a new tab or window. '}
          <a href={started.url} target="_blank" rel="noopener noreferrer">
            Open the identity provider’s sign-in page
          </a>
        </p>
      ) : null}
      <ErrorNote error={result.error} what="Reading the test sign-in" />
      {started ? (
        <div aria-live="polite" data-testid="test-sign-in-result" data-status={r?.status ?? 'PENDING'}>
          {pending ? (
            <p role="status">
              Waiting for the identity provider’s answer… If its page showed an error or you closed it, fix that there and start a new test sign-in.
            </p>
          ) : r?.status === 'SUCCEEDED' ? (
            <p role="status" className="ok">
              <strong>Test sign-in succeeded</strong>
              {r.dryRun ? ' (dry run: nothing was changed)' : ''}.
            </p>
          ) : r ? (
            <div role="alert" className="error">
              <strong>Test sign-in failed:</strong> {r.failureMessage ?? ''} {r.failureReason ? <code className="reason">{r.failureReason}</code> : null}
            </div>
          ) : null}
          {r && r.status !== 'PENDING' ? <Received r={r} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function Received({ r }: { r: NonNullable<ConsoleTestSignInQuery['samlTestSignIn']> }) {
  return (
    <>
      <h3>What arrived</h3>
      <dl className="facts">
        <dt>NameID</dt>
        <dd data-testid="name-id">{r.nameId ?? '—'}</dd>
        <dt>NameID format</dt>
        <dd>{r.nameIdFormat ?? '—'}</dd>
        <dt>Issuer</dt>
        <dd>{r.issuer ?? '—'}</dd>
        <dt>Authentication</dt>
        <dd>{r.authnContextClassRef ?? '—'}</dd>
        <dt>Arrived</dt>
        <dd>
          <When at={r.completedAt} />
        </dd>
      </dl>
      {r.attributes ? (
        <table data-testid="received-attributes">
          <caption>Attributes</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Values</th>
            </tr>
          </thead>
          <tbody>
            {r.attributes.map((a) => (
              <tr key={a.name}>
                <td>
                  <code>{a.name}</code>
                </td>
                <td>{a.values.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.groups ? <p>Groups the mappings produced: {r.groups.length ? r.groups.join(', ') : 'none'}</p> : null}
      {r.preview ? (
        <>
          <h3>What the mappings made of it</h3>
          <PreviewResult preview={r.preview} title="Mapped user" done={!r.dryRun} />
        </>
      ) : null}
    </>
  );
}

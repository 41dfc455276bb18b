import { useState, type FormEvent } from 'react';
import { GraphQLFailure, request, setKey } from '../api/client';
import { ErrorNote, TextField } from '../components/common';
import { ViewerQuery } from '../operations';

/** Operators paste a platform key or an organization's ADMIN API key; it stays in this tab's sessionStorage. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (key: string) => void; notice: string | null }) {
  const [key, setKeyText] = useState('');
  const [error, setError] = useState<GraphQLFailure>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const trimmed = key.trim();
    setKey(trimmed);
    try {
      const { viewer } = await request(ViewerQuery, {});
      if (viewer.kind !== 'PLATFORM' && viewer.kind !== 'API_KEY') {
        setError(
          new GraphQLFailure([{ message: `A ${viewer.kind} cannot sign in to the console: use a platform key or an organization's ADMIN API key.` }], 200),
        );
        setKey(null);
      } else onSignedIn(trimmed);
    } catch (err) {
      setKey(null);
      setError(err as GraphQLFailure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sign-in">
      <main id="main">
        <h1>Identity console</h1>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
          <h2 id="sign-in-title">Sign in with a key</h2>
          <TextField
            label="API key"
            type="password"
            name="key"
            value={key}
            onChange={setKeyText}
            required
            hint="A platform key (printed at the first start, or ADMIN_API_KEY) or an organization's ADMIN API key. It is kept in this browser tab only and forgotten when the tab closes."
          />
          <button type="submit" disabled={busy || !key.trim()}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <ErrorNote error={error} what="Sign-in failed" />
        </form>
        <p className="muted">An identity provider administrator with a setup link opens the link itself: it starts the guided setup without a key.</p>
      </main>
    </div>
  );
}

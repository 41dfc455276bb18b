import { useEffect, useState } from 'react';
import { onUnauthorized, setKey } from './api/client';
import { clearSession, isWholeSetupSecret, loadSession, saveSession, takeSetupSecretFromUrl, type Session } from './api/session';
import { navigate, usePath } from './router';
import { OperatorApp } from './pages/operator-app';
import { SetupApp } from './pages/setup-app';
import { SignIn } from './pages/sign-in';

/** A setup link's secret replaces whatever the tab held before (it names its own organization). */
function initialSession(): Session | null {
  const secret = takeSetupSecretFromUrl();
  if (secret) {
    const s: Session = { key: secret, mode: 'setup' };
    saveSession(s);
    return s;
  }
  return loadSession();
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const s = initialSession();
    setKey(s?.key ?? null);
    return s;
  });
  const [notice, setNotice] = useState<string | null>(null);
  const path = usePath();

  const signOut = (why?: string) => {
    clearSession();
    setKey(null);
    setSession(null);
    setNotice(why ?? null);
    navigate('/admin/', true);
  };

  useEffect(
    () =>
      onUnauthorized(() => {
        const session = loadSession();
        signOut(
          session?.mode !== 'setup'
            ? 'The key was refused (revoked or unknown): sign in again.'
            : isWholeSetupSecret(session.key)
              ? 'This setup link is no longer valid: it was revoked or it expired. Ask for a new one.'
              : 'This setup link is incomplete: part of it is missing (a mail program may have broken it across lines). Open the whole link you were sent, or ask for a new one.',
        );
      }),
    [],
  );

  if (session?.mode === 'setup') {
    if (!path.startsWith('/admin/setup')) navigate('/admin/setup', true);
    return <SetupApp onSignOut={() => signOut()} />;
  }
  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(key) => {
          const s: Session = { key, mode: 'operator' };
          saveSession(s);
          setKey(key);
          setNotice(null);
          setSession(s);
          if (path.startsWith('/admin/setup')) navigate('/admin/', true);
        }}
      />
    );
  }
  return <OperatorApp path={path} onSignOut={() => signOut()} />;
}

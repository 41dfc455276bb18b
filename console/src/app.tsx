import { useEffect, useState } from 'react';
import { onUnauthorized, setKey } from './api/client';
import { clearSession, INCOMPLETE_SETUP_LINK, isWholeSetupSecret, loadSession, saveSession, takeSetupSecretFromUrl, type Session } from './api/session';
import { appPath, navigate, usePath } from './router';
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
  // the setup page without a secret (the "#…" part of the link was lost) is not the operators' sign-in
  const [notice, setNotice] = useState<string | null>(() => (!session && appPath().startsWith('/admin/setup') ? INCOMPLETE_SETUP_LINK : null));
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
              : INCOMPLETE_SETUP_LINK,
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

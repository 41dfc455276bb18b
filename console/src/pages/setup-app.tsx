import { Unavailable } from '../components/common';

export function SetupApp({ onSignOut }: { onSignOut: () => void }) {
  return (
    <main id="main">
      <h1>Identity provider setup</h1>
      <Unavailable what="Setup mode" />
      <button type="button" onClick={onSignOut}>
        Leave
      </button>
    </main>
  );
}

import { useCapabilities } from '../api/capabilities';
import { Unavailable } from '../components/common';

/** A test sign-in through the identity provider (startSamlTestSignIn / samlTestSignIn). */
export function TestSignIn(_props: { organizationId: string; configured: boolean }) {
  const caps = useCapabilities();
  return (
    <section aria-labelledby="test-sign-in">
      <h2 id="test-sign-in">Test sign-in</h2>
      {caps.ready && !caps.has('startSamlTestSignIn') ? <Unavailable what="The test sign-in" /> : null}
    </section>
  );
}

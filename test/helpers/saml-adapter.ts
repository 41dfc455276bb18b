import { randomUUID } from 'node:crypto';
import type { SignInMutation, SignInMutationVariables } from '../generated/graphql.js';
import { SignInDocument } from '../generated/graphql.js';
import type { TestServer } from './harness.js';

/**
 * Records a sign-in as the SAML adapter does after it verified an assertion: the `signIn` mutation
 * run in-process by the organization's SAML principal (no key may call it, issue #15 §3). For tests
 * of what a sign-in does to users; tests of the SAML protocol post real signed XML to the ACS.
 */
export async function signInAsSamlAdapter(t: TestServer, organizationId: string, input: SignInMutationVariables['input']) {
  const result = await t.server.app.runner.run<SignInMutation, SignInMutationVariables>(
    { kind: 'SAML', organizationId, label: 'SAML sign-in' },
    SignInDocument,
    { organizationId, input },
    { requestId: `test-${randomUUID()}` },
  );
  // as a client would read it (graphql-js builds its results without prototypes)
  return JSON.parse(JSON.stringify(result)) as typeof result;
}

/**
 * The test mode of the SAML adapter (`startSamlTestSignIn`): a login URL with `?testSignIn=<secret>`
 * starts an ordinary SP-initiated sign-in whose AuthnRequest the core links to the test, and whose
 * RelayState carries the secret so that a response refused before it is consumed can still be
 * reported to the test. The ACS records the outcome through the core (`recordSamlTestSignInResult`)
 * and answers with a small page instead of the application's landing page.
 */
import { RECORD_TEST_SIGN_IN_RESULT, type RecordedTestSignInResult } from './operations.js';
import type { SamlContext } from './saml-context.js';
import type { SamlAssertionResult } from './validate-response.js';
import { escapeMarkup } from '../shared/text.js';
import type { SamlFailure } from './error-page.js';

/** The login URL's query parameter with the test's secret. */
export const TEST_SIGN_IN_PARAM = 'testSignIn';
/** RelayState of a test's AuthnRequest: this prefix and the secret (the IdP sends it back with the response). */
const TEST_RELAY_PREFIX = 'idm-test.';
const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

/** The secret of a test from the login's query parameter, or null (none given); `false` when it is malformed. */
export function testTokenFromQuery(param: unknown): string | null | false {
  if (param === undefined || param === '') return null;
  return typeof param === 'string' && TOKEN_RE.test(param) ? param : false;
}

export const testRelayState = (token: string): string => `${TEST_RELAY_PREFIX}${token}`;

/** The test's secret carried back in a response's RelayState, or null. */
export function testTokenFromRelayState(relayState: string | null): string | null {
  if (!relayState?.startsWith(TEST_RELAY_PREFIX)) return null;
  const token = relayState.slice(TEST_RELAY_PREFIX.length);
  return TOKEN_RE.test(token) ? token : null;
}

export interface TestResult {
  id?: string | null;
  token?: string | null;
  failureReason?: string | null;
  failureMessage?: string | null;
  assertion?: SamlAssertionResult;
  userId?: string | null;
  created?: boolean | null;
}

/** Records how the test ended. A failure to record is logged, not shown: the person still gets the answer of their sign-in. */
export async function recordTestResult(sc: SamlContext, organizationId: string, r: TestResult): Promise<void> {
  const a = r.assertion;
  const out = await sc.run<RecordedTestSignInResult>(organizationId, RECORD_TEST_SIGN_IN_RESULT, {
    org: organizationId,
    input: {
      id: r.id ?? null,
      token: r.token ?? null,
      failureReason: r.failureReason ?? null,
      failureMessage: r.failureMessage ? sc.redact(r.failureMessage) : null,
      nameId: a?.nameId ?? null,
      nameIdFormat: a?.nameIdFormat ?? null,
      issuer: a?.issuer ?? null,
      authnContextClassRef: a?.authnContextClassRef ?? null,
      attributes: a?.attributes ?? null,
      userId: r.userId ?? null,
      created: r.created ?? null,
    },
  });
  if (!out.ok) sc.log.warn('SAML test sign-in: the result could not be recorded', { organizationId, reason: out.error.reason, code: out.error.code });
  else
    sc.log.info('SAML test sign-in', {
      organizationId,
      testSignInId: out.data.recordSamlTestSignInResult?.id ?? null,
      status: out.data.recordSamlTestSignInResult?.status ?? null,
    });
}

/**
 * A test's refusal as its page says it: no "Start the sign-in again" (that link opens an ordinary
 * sign-in, neither a test nor a dry run: it would create the user and open a session), but the way
 * back to the setup page, which shows the reason the test recorded.
 */
export function testFailure(f: SamlFailure): SamlFailure {
  return { ...f, retryUrl: null, message: `This test sign-in failed. ${f.message} The setup page shows why; start a new test from there.` };
}

/** The page the browser lands on after a test sign-in whose response was accepted. */
export function testCompletePage(organizationName: string, dryRun: boolean): string {
  const what = dryRun ? 'Nothing was changed and you were not signed in (dry run).' : 'You were signed in as usual.';
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>Test sign-in complete</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style>` +
    `</head><body><h1>Test sign-in complete</h1><p>${escapeMarkup(organizationName)}</p>` +
    `<p>Your identity provider's response was received. ${what}</p>` +
    `<p>Return to the setup page to see what arrived and what it was mapped to. You may close this tab.</p>` +
    `</body></html>\n`
  );
}

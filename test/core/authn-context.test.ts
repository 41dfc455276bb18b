/**
 * The AuthnContextClassRef → RFC 8176 `amr` table (src/core/authn-context.ts, docs/OIDC.md "Claims"):
 * well-known class refs map to their methods, anything else is the documented default, and the table
 * never claims more factors than the class ref names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTHN_CONTEXT_METHODS, authenticationMethods, DEFAULT_AMR, normalizeAuthnContextClassRef } from '../../src/core/authn-context.js';

const AC = 'urn:oasis:names:tc:SAML:2.0:ac:classes:';

describe('AuthnContextClassRef to amr', () => {
  test('passwords are pwd', () => {
    for (const c of ['Password', 'PasswordProtectedTransport', 'InternetProtocolPassword']) assert.deepEqual(authenticationMethods(AC + c), ['pwd'], c);
    assert.deepEqual(authenticationMethods('http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password'), ['pwd']);
  });

  test('multi-factor class refs of Entra, Okta, REFEDS and the SAML mobile classes are mfa', () => {
    for (const c of [
      'http://schemas.microsoft.com/claims/multipleauthn',
      'urn:okta:loa:2fa:any',
      'https://refeds.org/profile/mfa',
      `${AC}MobileTwoFactorContract`,
    ])
      assert.deepEqual(authenticationMethods(c), ['mfa'], c);
  });

  test('keys: a smartcard is sc, a smartcard with its private key and PIN is hwk + pin + mfa, an X.509 key of unknown protection only swk', () => {
    assert.deepEqual(authenticationMethods(`${AC}Smartcard`), ['sc']);
    assert.deepEqual(authenticationMethods(`${AC}SmartcardPKI`), ['sc', 'hwk', 'pin', 'mfa']);
    assert.deepEqual(authenticationMethods(`${AC}X509`), ['swk']);
    assert.deepEqual(authenticationMethods('urn:federation:authentication:windows'), ['wia']);
  });

  test('absent, unknown, unspecified, PreviousSession and prototype names give the default ["saml"]', () => {
    assert.deepEqual(DEFAULT_AMR, ['saml']);
    for (const c of [null, undefined, '', 'urn:example:unknown', `${AC}unspecified`, `${AC}PreviousSession`, 'constructor', '__proto__', 'toString'])
      assert.deepEqual(authenticationMethods(c), ['saml'], String(c));
  });

  test('the result is a copy: changing it does not change the table', () => {
    const m = authenticationMethods(`${AC}Password`);
    m.push('mfa');
    assert.deepEqual(authenticationMethods(`${AC}Password`), ['pwd']);
  });

  test('only RFC 8176 values are used, and mfa only where a class names two factors', () => {
    const registered = new Set([
      'face',
      'fpt',
      'geo',
      'hwk',
      'iris',
      'kba',
      'mca',
      'mfa',
      'otp',
      'pin',
      'pwd',
      'rba',
      'retina',
      'sc',
      'sms',
      'swk',
      'tel',
      'user',
      'vbm',
      'wia',
    ]);
    for (const [ref, methods] of Object.entries(AUTHN_CONTEXT_METHODS)) {
      for (const m of methods) assert.ok(registered.has(m), `${ref}: ${m}`);
      if (methods.includes('mfa')) assert.match(ref, /multipleauthn|2fa|mfa|TwoFactor|SmartcardPKI/, ref);
    }
  });

  test('a class ref is kept trimmed; empty, over-long or multi-line values are not kept', () => {
    assert.equal(normalizeAuthnContextClassRef(`  ${AC}Password \n`), `${AC}Password`);
    assert.equal(normalizeAuthnContextClassRef(''), null);
    assert.equal(normalizeAuthnContextClassRef(42), null);
    assert.equal(normalizeAuthnContextClassRef('a'.repeat(1025)), null);
    assert.equal(normalizeAuthnContextClassRef('urn:a\nurn:b'), null);
  });
});

/**
 * The SAML defaults follow the connection's identity-provider profile (docs/PROVISIONING.md §4.2),
 * as pure functions of src/core/services/mapping-engine.ts; no database. End to end:
 * test/saml/acs.idp-profiles.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DefinitionValues } from '../../src/core/org-config.js';
import { IDENTITY_PROVIDER_KINDS, IDENTITY_PROVIDER_PROFILES } from '../../src/core/idp-profile-data.js';
import {
  applyMappings,
  DEFAULT_RULES,
  defaultRulesFor,
  defaultTargets,
  effectiveRules,
  validateDisabledDefaults,
} from '../../src/core/services/mapping-engine.js';

const none = new Map<string, DefinitionValues>();
const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';

describe('§4.2 SAML defaults per identity-provider profile', () => {
  it('GENERIC (and no profile) keeps the defaults from before profiles: Okta’s names with Entra ID’s claims as fallbacks', () => {
    assert.deepEqual(defaultRulesFor('SAML'), DEFAULT_RULES.SAML);
    assert.deepEqual(defaultRulesFor('SAML', 'GENERIC'), IDENTITY_PROVIDER_PROFILES.GENERIC.defaultSamlRules);
    assert.deepEqual(effectiveRules('SAML', null, none), effectiveRules('SAML', null, none, 'GENERIC'));
  });

  it('SCIM defaults are the same for every profile', () => {
    for (const k of IDENTITY_PROVIDER_KINDS) assert.deepEqual(defaultRulesFor('SCIM', k), DEFAULT_RULES.SCIM);
  });

  it('every profile maps the email, the names and the groups, to valid targets', () => {
    for (const k of IDENTITY_PROVIDER_KINDS) {
      const targets = defaultTargets('SAML', k);
      for (const t of ['givenName', 'familyName', 'email', 'groups']) assert.ok(targets.includes(t), `${k} maps ${t}`);
      assert.deepEqual(validateDisabledDefaults('SAML', targets, k), targets, `${k}: its targets are valid disabled defaults`);
    }
  });

  it('ENTRA_ID reads the claim URIs and not Okta’s names', () => {
    const r = applyMappings(
      'SAML',
      null,
      none,
      { firstName: 'Okta', [`${CLAIMS}/givenname`]: 'Ada', [`${CLAIMS}/emailaddress`]: 'ada@example.com' },
      'merge',
      'ENTRA_ID',
    );
    assert.equal(r.fields.givenName, 'Ada');
    assert.deepEqual(r.fields.emails, [{ value: 'ada@example.com', type: 'work', primary: true }]);
  });

  it('ONELOGIN splits a semicolon-joined memberOf (a parameter without "Multi-value parameter") and reads one value per group alike', () => {
    assert.deepEqual(applyMappings('SAML', null, none, { memberOf: 'Engineering;Operations' }, 'merge', 'ONELOGIN').groups, ['Engineering', 'Operations']);
    assert.deepEqual(applyMappings('SAML', null, none, { memberOf: ['Engineering', 'Operations'] }, 'merge', 'ONELOGIN').groups, ['Engineering', 'Operations']);
  });

  it('JUMPCLOUD reads its lower-case attribute names and memberOf', () => {
    const r = applyMappings(
      'SAML',
      null,
      none,
      { firstname: 'Barbara', lastname: 'Liskov', jobTitle: 'Professor', memberOf: ['Research'] },
      'merge',
      'JUMPCLOUD',
    );
    assert.equal(r.fields.givenName, 'Barbara');
    assert.equal(r.fields.familyName, 'Liskov');
    assert.equal(r.fields.title, 'Professor');
    assert.deepEqual(r.groups, ['Research']);
  });

  it('own rules replace the defaults of their targets whatever the profile', () => {
    const stored = { rules: [{ source: 'fn', target: 'givenName', transforms: [] }], disabledDefaults: ['groups'] };
    const rules = effectiveRules('SAML', stored, none, 'PING');
    assert.deepEqual(
      rules.filter((r) => r.target === 'givenName').map((r) => [r.source, r.origin]),
      [['fn', 'RULE']],
    );
    assert.ok(!rules.some((r) => r.target === 'groups'));
    assert.ok(rules.some((r) => r.source === 'lastName' && r.origin === 'DEFAULT'));
  });
});

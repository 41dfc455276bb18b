/**
 * The merge of an organization's own mapping rules with the defaults (docs/PROVISIONING.md §4.2) and
 * the email/emails pair (§4.1), as pure functions of src/core/services/mapping-engine.ts; no database.
 * End to end: test/core/mappings.defaults-kept.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/core/errors.js';
import type { DefinitionValues } from '../../src/core/org-config.js';
import { applyMappings, DEFAULT_RULES, defaultTargets, effectiveRules, validateDisabledDefaults } from '../../src/core/services/mapping-engine.js';

const none = new Map<string, DefinitionValues>();
const definition = (name: string): DefinitionValues => ({
  id: name,
  name,
  displayName: name,
  type: 'STRING',
  multiValued: false,
  allowedValues: null,
  required: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
});

describe('§4.2 effective rules', () => {
  it('are the defaults while nothing is stored', () => {
    const rules = effectiveRules('SCIM', null, none);
    assert.deepEqual(
      rules.map((r) => [r.source, r.target, r.origin]),
      DEFAULT_RULES.SCIM.map((r) => [r.source, r.target, 'DEFAULT']),
    );
  });

  it('put own rules first and drop every default rule of the targets they name, fallbacks included', () => {
    const rules = effectiveRules('SAML', { rules: [{ source: 'fn', target: 'givenName', transforms: [] }], disabledDefaults: [] }, none);
    assert.deepEqual(rules[0], { source: 'fn', target: 'givenName', transforms: [], origin: 'RULE' });
    assert.equal(rules.filter((r) => r.target === 'givenName').length, 1, "Okta's and Entra's givenName defaults are both replaced");
    assert.deepEqual(
      rules.slice(1).map((r) => r.source),
      DEFAULT_RULES.SAML.filter((r) => r.target !== 'givenName').map((r) => r.source),
      'the other defaults follow in their order',
    );
  });

  it('leave out disabled defaults, but not own rules of a disabled target; implicit rules come last', () => {
    const defs = new Map([['badge', definition('badge')]]);
    const rules = effectiveRules('SAML', { rules: [{ source: 'job', target: 'title', transforms: [] }], disabledDefaults: ['title', 'groups'] }, defs);
    assert.deepEqual(
      rules.filter((r) => r.target === 'title').map((r) => r.origin),
      ['RULE'],
    );
    assert.ok(!rules.some((r) => r.target === 'groups'));
    assert.deepEqual(rules.at(-1), { source: 'badge', target: 'custom:badge', transforms: [], origin: 'IMPLICIT' });
  });

  it('skip own rules whose target is no longer valid (a deleted custom attribute)', () => {
    const rules = effectiveRules('SCIM', { rules: [{ source: 'b', target: 'custom:gone', transforms: [] }], disabledDefaults: [] }, none);
    assert.ok(!rules.some((r) => r.origin === 'RULE'));
  });
});

describe('§4.2 disabled defaults', () => {
  it('must be targets of the source defaults, and are kept in their order once each', () => {
    assert.deepEqual(validateDisabledDefaults('SAML', ['groups', 'email', 'groups']), ['email', 'groups']);
    assert.deepEqual(defaultTargets('SAML'), ['givenName', 'familyName', 'displayName', 'email', 'title', 'department', 'groups']);
    for (const [source, bad] of [
      ['SCIM', 'groups'],
      ['SAML', 'emails'],
      ['SCIM', 'custom:x'],
    ] as const) {
      assert.throws(
        () => validateDisabledDefaults(source, [bad]),
        (e: unknown) => e instanceof AppError && e.reason === 'mapping.disabledDefaults.invalid',
      );
    }
  });
});

describe('§4.1 email and emails', () => {
  const stored = { rules: [{ source: 'userName', target: 'email', transforms: [] }], disabledDefaults: [] };
  it('an email rule that yields fills emails when the emails default finds nothing (a full SCIM write does not empty it)', () => {
    const r = applyMappings('SCIM', stored, none, { userName: 'a@example.com' }, 'replace');
    assert.deepEqual(r.fields.emails, [{ value: 'a@example.com', type: 'work', primary: true }]);
  });
  it('emails the source sends win over the email rule', () => {
    const r = applyMappings('SCIM', stored, none, { userName: 'a@example.com', emails: [{ value: 'w@example.com', type: 'work' }] }, 'replace');
    assert.deepEqual(r.fields.emails, [{ value: 'w@example.com', type: 'work', primary: true }]);
  });
  it('neither yielding: a full SCIM write clears emails', () => {
    const r = applyMappings('SCIM', stored, none, {}, 'replace');
    assert.deepEqual(r.fields.emails, []);
  });
});

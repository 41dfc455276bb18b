// docs/IDP-GUIDES.md and the GraphQL profile data are one source: every profile's SAML steps, SCIM
// steps and attribute names in the guide are what scripts/idp-guides.ts renders from
// src/core/idp-profile-data.ts (run it after changing the data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GUIDE, PARTS, partsIn, renderGuide } from '../../scripts/idp-guides.js';
import { IDENTITY_PROVIDER_KINDS, IDENTITY_PROVIDER_PROFILES } from '../../src/core/idp-profile-data.js';

const text = readFileSync(GUIDE, 'utf8');

test('the guide has the SAML steps, SCIM steps and attribute names of every profile', () => {
  const expected = IDENTITY_PROVIDER_KINDS.flatMap((k) =>
    PARTS.filter((part) => part !== 'scim' || IDENTITY_PROVIDER_PROFILES[k].scimSupported).map((part) => `${k} ${part}`),
  );
  assert.deepEqual(partsIn(text).sort(), expected.sort());
});

test('every generated part is what the profile data renders (run `npx tsx scripts/idp-guides.ts` after changing it)', () => {
  assert.equal(text, renderGuide(text));
});

test("every step title and field label of the data appears in the guide, and each profile's vendor pages are linked", () => {
  for (const k of IDENTITY_PROVIDER_KINDS) {
    const p = IDENTITY_PROVIDER_PROFILES[k];
    for (const step of [...p.samlSetup, ...p.scimSetup]) {
      assert.ok(text.includes(`**${step.title}**`), `${k}: step "${step.title}"`);
      for (const v of step.values) assert.ok(text.includes(`| ${v.label.replace(/\|/g, '\\|')} |`), `${k}: field "${v.label}"`);
    }
    if (k !== 'GENERIC') for (const url of [...p.samlDocsUrls, ...p.scimDocsUrls].slice(0, 1)) assert.ok(text.includes(url), `${k}: links ${url}`);
  }
});

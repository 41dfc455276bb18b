/**
 * `npx tsx scripts/idp-guides.ts`: rewrites the generated parts of docs/IDP-GUIDES.md — each
 * profile's SAML steps, SCIM steps and attribute names — from src/core/idp-profile-data.ts, the same
 * data the GraphQL query `identityProviderProfiles` serves (test/docs/idp-guides.drift.test.ts fails
 * when they differ). A generated part sits between `<!-- idp-profile KIND PART -->` and
 * `<!-- /idp-profile -->`; the prose around them is written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { placeholderProfiles, type IdentityProviderProfileView, type SetupStepView } from '../src/core/services/identity-provider-profiles.js';

export const GUIDE = new URL('../docs/IDP-GUIDES.md', import.meta.url);
export const PARTS = ['saml', 'scim', 'attributes'] as const;
type Part = (typeof PARTS)[number];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => (s.includes('`') ? s : `\`${s}\``);

function steps(list: SetupStepView[]): string {
  if (list.length === 0) return '_None: see above._';
  return list
    .map((s, i) => {
      const head = `${i + 1}. **${s.title}** — ${s.instructions}`;
      if (s.values.length === 0) return head;
      const rows = s.values.map((v) => `   | ${cell(v.label)} | ${cell(code(v.value))}${v.key ? ` (${v.key})` : ''} |`);
      return [head, '', '   | Field | Value |', '   | --- | --- |', ...rows].join('\n');
    })
    .join('\n\n');
}

function attributes(p: IdentityProviderProfileView): string {
  const rows = p.defaultSamlRules.map((r) => {
    const transforms = r.transforms.map((t) => `${t.kind}${t.separator ? ` \`${t.separator}\`` : ''}`).join(', ');
    return `| ${cell(code(r.source))} | ${r.target} | ${transforms || '—'} |`;
  });
  return ['| SAML attribute this IdP sends | Our attribute | Transform |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The generated text of one part of one profile. */
export function renderPart(p: IdentityProviderProfileView, part: Part): string {
  if (part === 'saml') return steps(p.samlSetup);
  if (part === 'scim') return steps(p.scimSetup);
  return attributes(p);
}

const BLOCK = /<!-- idp-profile ([A-Z_]+) (saml|scim|attributes) -->\n[\s\S]*?<!-- \/idp-profile -->/g;

/** The guide with every generated part rendered afresh from the profile data. */
export function renderGuide(text: string): string {
  const profiles = new Map(placeholderProfiles(null).map((p) => [p.kind as string, p]));
  return text.replace(BLOCK, (_m, kind: string, part: Part) => {
    const p = profiles.get(kind);
    if (!p) throw new Error(`docs/IDP-GUIDES.md names an unknown profile ${kind}`);
    return `<!-- idp-profile ${kind} ${part} -->\n${renderPart(p, part)}\n<!-- /idp-profile -->`;
  });
}

/** The generated parts the guide has, as "KIND part". */
export function partsIn(text: string): string[] {
  return [...text.matchAll(BLOCK)].map((m) => `${m[1]} ${m[2]}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync(GUIDE, 'utf8');
  const after = renderGuide(before);
  writeFileSync(GUIDE, after);
  console.log(`docs/IDP-GUIDES.md: ${partsIn(after).length} generated parts${after === before ? ' (unchanged)' : ' rewritten'}`);
}

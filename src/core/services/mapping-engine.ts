import type { MappingRule, TransformSpec } from '../entities/provisioning.js';
import type { Address, MultiValue } from '../entities/user.js';
import { badInput } from '../errors.js';
import type { DefinitionValues, StoredMappingValues } from '../org-config.js';
import type { UserFields } from './user-fields.js';
import { IDENTITY_PROVIDER_PROFILES, type IdentityProviderKind } from '../idp-profile-data.js';

export type MappingSource = 'SCIM' | 'SAML';

/** Plain text targets: one value, written as a string. */
const TEXT_TARGETS = [
  'givenName',
  'familyName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
  'formattedName',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'locale',
  'preferredLanguage',
  'timezone',
  'employeeNumber',
  'costCenter',
  'organizationName',
  'division',
  'department',
  'managerId',
] as const;
const LIST_TARGETS = ['emails', 'phoneNumbers', 'addresses'] as const;
/** Targets only the SAML source may use: the sign-in key and group memberships. */
const SAML_ONLY = ['userName', 'groups'] as const;
export const MAPPING_TARGETS = [...TEXT_TARGETS, ...LIST_TARGETS, 'email', 'role', ...SAML_ONLY] as const;

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const rule = (source: string, target: string, transforms: TransformSpec[] = []): MappingRule => ({ source, target, transforms });

/**
 * Defaults that make the standard attributes work with zero configuration (docs/PROVISIONING.md §4.2).
 * SCIM keys are the adapter's flattened attribute paths; SAML keys are the attribute names the
 * identity provider sends: these are the GENERIC profile's (Okta's and Entra ID's names together),
 * and a connection that records another profile starts from that profile's (`defaultRulesFor`,
 * src/core/idp-profile-data.ts). Rules are first-wins per target, so later rules for the same
 * target are fallbacks.
 */
export const DEFAULT_RULES: Record<MappingSource, MappingRule[]> = {
  SCIM: [
    rule('name.givenName', 'givenName'),
    rule('name.familyName', 'familyName'),
    rule('name.middleName', 'middleName'),
    rule('name.honorificPrefix', 'honorificPrefix'),
    rule('name.honorificSuffix', 'honorificSuffix'),
    rule('name.formatted', 'formattedName'),
    rule('displayName', 'displayName'),
    rule('nickName', 'nickName'),
    rule('profileUrl', 'profileUrl'),
    rule('title', 'title'),
    rule('userType', 'userType'),
    rule('locale', 'locale'),
    rule('preferredLanguage', 'preferredLanguage'),
    rule('timezone', 'timezone'),
    rule('emails', 'emails'),
    rule('phoneNumbers', 'phoneNumbers'),
    rule('addresses', 'addresses'),
    rule(`${ENTERPRISE}:employeeNumber`, 'employeeNumber'),
    rule(`${ENTERPRISE}:costCenter`, 'costCenter'),
    rule(`${ENTERPRISE}:organization`, 'organizationName'),
    rule(`${ENTERPRISE}:division`, 'division'),
    rule(`${ENTERPRISE}:department`, 'department'),
    rule(`${ENTERPRISE}:manager`, 'managerId'),
  ],
  SAML: IDENTITY_PROVIDER_PROFILES.GENERIC.defaultSamlRules,
};

/**
 * The default rules of a source for a connection's identity-provider profile: the SAML defaults
 * follow the profile (the attribute names that IdP sends); SCIM's are the same for every IdP.
 */
export function defaultRulesFor(source: MappingSource, profile: IdentityProviderKind = 'GENERIC'): MappingRule[] {
  return source === 'SAML' ? IDENTITY_PROVIDER_PROFILES[profile].defaultSamlRules : DEFAULT_RULES.SCIM;
}

export const MAX_RULES = 200;
const TRANSFORM_KINDS = ['TRIM', 'LOWER', 'UPPER', 'SPLIT', 'JOIN', 'DEFAULT', 'REGEX_EXTRACT', 'LOOKUP'] as const;

export function isValidTarget(source: MappingSource, target: string, definitions: Map<string, DefinitionValues>): boolean {
  if (target.startsWith('custom:')) return definitions.has(target.slice(7));
  if ((SAML_ONLY as readonly string[]).includes(target)) return source === 'SAML';
  return (MAPPING_TARGETS as readonly string[]).includes(target);
}

/** Checks a rule list before it is stored; errors name the rule by index. */
export function validateRules(source: MappingSource, rules: MappingRule[], definitions: Map<string, DefinitionValues>): MappingRule[] {
  if (rules.length > MAX_RULES) throw badInput('mapping.tooManyRules', `at most ${MAX_RULES} rules per source`);
  return rules.map((r, i) => {
    const at = `rules[${i}]`;
    const src = typeof r.source === 'string' ? r.source.trim() : '';
    if (!src || src.length > 512) throw badInput('mapping.source.invalid', `${at}: source must be 1-512 characters`, { field: `${at}.source` });
    if (!isValidTarget(source, r.target, definitions)) {
      throw badInput(
        'mapping.target.invalid',
        `${at}: "${r.target}" is not a target for ${source} (a user attribute, custom:<defined name>${source === 'SAML' ? ', userName or groups' : ''})`,
        { field: `${at}.target` },
      );
    }
    const transforms = (r.transforms ?? []).map((t, j) => validateTransform(t, `${at}.transforms[${j}]`));
    if (transforms.length > 10) throw badInput('mapping.transforms.tooMany', `${at}: at most 10 transforms`, { field: `${at}.transforms` });
    return { source: src, target: r.target, transforms };
  });
}

/** Checks a list of disabled default targets: each must be a target some default rule of the source (for the profile) names. */
export function validateDisabledDefaults(source: MappingSource, targets: string[], profile: IdentityProviderKind = 'GENERIC'): string[] {
  const known = defaultTargets(source, profile);
  targets.forEach((t, i) => {
    if (!known.includes(t)) {
      throw badInput('mapping.disabledDefaults.invalid', `disabledDefaults[${i}]: "${t}" is not a target of the ${source} defaults (${known.join(', ')})`, {
        field: `disabledDefaults[${i}]`,
      });
    }
  });
  // stored in the order of the defaults, once each, so that equal lists compare equal
  return known.filter((t) => targets.includes(t));
}

function validateTransform(t: TransformSpec, at: string): TransformSpec {
  if (!TRANSFORM_KINDS.includes(t.kind)) throw badInput('mapping.transform.kind', `${at}: unknown transform ${t.kind}`, { field: at });
  const out: TransformSpec = { kind: t.kind };
  switch (t.kind) {
    case 'SPLIT':
    case 'JOIN':
      if (typeof t.separator !== 'string' || t.separator.length === 0 || t.separator.length > 10) {
        throw badInput('mapping.transform.separator', `${at}: ${t.kind} needs a separator of 1-10 characters`, { field: at });
      }
      out.separator = t.separator;
      break;
    case 'DEFAULT':
      if (typeof t.value !== 'string') throw badInput('mapping.transform.value', `${at}: DEFAULT needs a value`, { field: at });
      out.value = t.value;
      break;
    case 'REGEX_EXTRACT': {
      if (typeof t.pattern !== 'string' || !t.pattern || t.pattern.length > 200)
        throw badInput('mapping.transform.pattern', `${at}: REGEX_EXTRACT needs a pattern of 1-200 characters`, { field: at });
      try {
        new RegExp(t.pattern, 'u');
      } catch (e) {
        throw badInput('mapping.transform.pattern', `${at}: invalid pattern: ${(e as Error).message}`, { field: at });
      }
      const risk = backtrackingRisk(t.pattern);
      if (risk)
        throw badInput('mapping.transform.pattern', `${at}: the pattern could take exponential time on some values (${risk}); simplify it`, { field: at });
      const g = t.group ?? 1;
      if (!Number.isInteger(g) || g < 0 || g > 9) throw badInput('mapping.transform.group', `${at}: group must be 0-9`, { field: at });
      out.pattern = t.pattern;
      out.group = g;
      break;
    }
    case 'LOOKUP': {
      const table = t.table;
      if (!table || typeof table !== 'object' || Array.isArray(table))
        throw badInput('mapping.transform.table', `${at}: LOOKUP needs a table object`, { field: at });
      const entries = Object.entries(table);
      if (entries.length === 0 || entries.length > 5000) throw badInput('mapping.transform.table', `${at}: LOOKUP table needs 1-5000 entries`, { field: at });
      if (entries.some(([, v]) => typeof v !== 'string')) throw badInput('mapping.transform.table', `${at}: LOOKUP values must be strings`, { field: at });
      out.table = Object.fromEntries(entries) as Record<string, string>;
      out.dropUnmatched = t.dropUnmatched === true;
      break;
    }
  }
  return out;
}

/** One raw value from a source: a scalar, or an object such as a SCIM email {value, type, primary}. */
type Item = string | number | boolean | Record<string, unknown>;

/** Longest value a REGEX_EXTRACT pattern runs on (longer ones do not match): bounds a pattern's polynomial backtracking. */
const MAX_REGEX_INPUT = 256;
/** Unbounded quantifiers a pattern may have: with two, the worst backtracking on MAX_REGEX_INPUT characters is milliseconds. */
const MAX_UNBOUNDED_QUANTIFIERS = 2;

const compiled = new Map<string, RegExp | null>();

/** The pattern compiled once; null for one that could backtrack catastrophically (a rule stored before that was refused matches nothing). */
function compiledPattern(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = backtrackingRisk(pattern) ? null : new RegExp(pattern, 'u');
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * Why a pattern could backtrack catastrophically, or null. JavaScript regular expressions backtrack,
 * and every value an identity provider sends runs through the organization's patterns on the
 * request path: `^(a+)+$` on 30 characters takes seconds, and the whole process waits. Refused:
 * a repeated group that itself repeats or alternates (`(a+)+`, `(a|b)*`), backreferences, and
 * more than MAX_UNBOUNDED_QUANTIFIERS of `*`, `+`, `{n,}`.
 */
export function backtrackingRisk(pattern: string): string | null {
  // per open group: whether it holds a varying repetition, or an alternation
  const groups: Array<{ repeats: boolean; alternates: boolean }> = [];
  let unbounded = 0;
  /**
   * The quantifier at `i`, if any: its length, whether it repeats (more than once), whether it varies
   * (matches a varying number of times: what makes a repeated group ambiguous), and whether it is
   * unbounded (more than 20).
   */
  const quantifierAt = (i: number): { length: number; repeats: boolean; varies: boolean; unbounded: boolean } | null => {
    const c = pattern[i];
    if (c === '*' || c === '+') return { length: pattern[i + 1] === '?' ? 2 : 1, repeats: true, varies: true, unbounded: true };
    if (c === '?') return { length: pattern[i + 1] === '?' ? 2 : 1, repeats: false, varies: true, unbounded: false };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(i));
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return { length: m[0].length, repeats: max > 1, varies: max > min, unbounded: max > 20 };
    }
    return null;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    let atomEnd = i + 1;
    let inner: { repeats: boolean; alternates: boolean } | null = null;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'a backreference';
      atomEnd = i + 2;
    } else if (c === '[') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      groups.push({ repeats: false, alternates: false });
      continue;
    } else if (c === '|') {
      if (groups.length) groups[groups.length - 1]!.alternates = true;
      continue;
    } else if (c === ')') {
      inner = groups.pop() ?? { repeats: false, alternates: false };
    }
    const q = quantifierAt(atomEnd);
    if (q) {
      if (q.unbounded && ++unbounded > MAX_UNBOUNDED_QUANTIFIERS) return `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repetitions`;
      if (q.repeats && inner && (inner.repeats || inner.alternates)) return 'a repeated group that repeats or alternates inside';
      if (q.varies && groups.length) groups[groups.length - 1]!.repeats = true;
    }
    if (inner && (inner.repeats || inner.alternates) && groups.length) {
      // what a group holds counts for the groups around it
      const outer = groups[groups.length - 1]!;
      outer.repeats ||= inner.repeats;
      outer.alternates ||= inner.alternates;
    }
    i = (q ? atomEnd + q.length : atomEnd) - 1;
  }
  return null;
}
const textOf = (i: Item): string | null => {
  if (typeof i === 'string') return i;
  if (typeof i === 'number' || typeof i === 'boolean') return String(i);
  const v = i.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
};
const mapText = (i: Item, f: (s: string) => string): Item =>
  typeof i === 'string' ? f(i) : typeof i === 'object' && typeof i.value === 'string' ? { ...i, value: f(i.value) } : i;

function applyTransform(items: Item[], t: TransformSpec): Item[] {
  switch (t.kind) {
    case 'TRIM':
      return items.map((i) => mapText(i, (s) => s.trim()));
    case 'LOWER':
      return items.map((i) => mapText(i, (s) => s.toLowerCase()));
    case 'UPPER':
      return items.map((i) => mapText(i, (s) => s.toUpperCase()));
    case 'SPLIT':
      return items.flatMap((i) => {
        const s = textOf(i);
        return s === null
          ? [i]
          : s
              .split(t.separator!)
              .map((p) => p.trim())
              .filter((p) => p !== '');
      });
    case 'JOIN': {
      const parts = items.map(textOf).filter((s): s is string => s !== null && s !== '');
      return parts.length ? [parts.join(t.separator!)] : [];
    }
    case 'DEFAULT':
      return items.some((i) => textOf(i) !== null && textOf(i) !== '') ? items : [t.value!];
    case 'REGEX_EXTRACT': {
      const re = compiledPattern(t.pattern!);
      if (!re) return [];
      return items.flatMap((i) => {
        const s = textOf(i);
        if (s === null || s.length > MAX_REGEX_INPUT) return [];
        const m = re.exec(s);
        const g = m?.[t.group ?? 1];
        return g === undefined ? [] : [g];
      });
    }
    case 'LOOKUP': {
      const table = t.table!;
      const folded = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
      return items.flatMap((i) => {
        const s = textOf(i);
        if (s === null) return t.dropUnmatched ? [] : [i];
        const hit = table[s] ?? folded.get(s.toLowerCase());
        return hit !== undefined ? [hit] : t.dropUnmatched ? [] : [i];
      });
    }
  }
}

/**
 * The source attributes of one call, looked up by exact name, then ignoring case (the folded index
 * is built once per call, not once per rule).
 */
class Bag {
  private folded: Map<string, unknown> | null = null;
  constructor(private readonly raw: Record<string, unknown>) {}
  private fold(): Map<string, unknown> {
    if (!this.folded) {
      this.folded = new Map();
      for (const [k, v] of Object.entries(this.raw)) {
        const lower = k.toLowerCase();
        if (!this.folded.has(lower)) this.folded.set(lower, v);
      }
    }
    return this.folded;
  }
  has(source: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, source) || this.fold().has(source.toLowerCase());
  }
  get(source: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.raw, source)) return this.raw[source];
    return this.fold().get(source.toLowerCase());
  }
}

function itemsOf(v: unknown): Item[] {
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  return list.filter((x): x is Item => x !== null && x !== undefined && (typeof x !== 'object' || !Array.isArray(x)));
}

export interface RuleOutcome {
  index: number;
  source: string;
  target: string;
  /** true when this rule produced the target's value. */
  fired: boolean;
  /** RULE (the organization's own), DEFAULT (a built-in default) or IMPLICIT (a custom attribute's own name). */
  origin: 'RULE' | 'DEFAULT' | 'IMPLICIT';
  value: unknown;
  /** Why it did not fire: the source attribute was absent/empty, or an earlier rule already set the target. */
  note: string | null;
}

export interface MappingResult {
  fields: UserFields;
  /** Group display names for the SAML `groups` target (undefined when no rule produced any). */
  groups: string[] | undefined;
  /**
   * Why no rule produced `groups`, when some rule targets it: `empty`, the source attribute of a
   * groups rule was there but held nothing (or its transforms dropped every value); `absent`, no
   * groups rule found its source attribute. Undefined when `groups` has a value or no rule targets it.
   */
  groupsMissing: 'empty' | 'absent' | undefined;
  /** The sign-in key from a SAML `userName` rule. */
  userName: string | undefined;
  outcomes: RuleOutcome[];
}

function toMulti(items: Item[]): MultiValue[] {
  const out = items.flatMap((i): MultiValue[] => {
    if (typeof i === 'object') {
      const value = textOf(i);
      if (value === null || value === '') return [];
      const primary = i.primary === true || (typeof i.primary === 'string' && i.primary.toLowerCase() === 'true');
      return [{ value, type: typeof i.type === 'string' ? i.type : null, primary, ...(typeof i.display === 'string' ? { display: i.display } : {}) }];
    }
    const value = String(i);
    return value === '' ? [] : [{ value, type: null, primary: false }];
  });
  // a list where the source marked nothing primary: the first value is the preferred one
  if (out.length && !out.some((m) => m.primary)) out[0]!.primary = true;
  return out;
}

function toAddresses(items: Item[]): Address[] {
  return items.flatMap((i): Address[] => {
    if (typeof i !== 'object') return [{ formatted: String(i), primary: false }];
    const s = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : null);
    return [
      {
        type: s('type'),
        primary: i.primary === true || String(i.primary).toLowerCase() === 'true',
        formatted: s('formatted'),
        streetAddress: s('streetAddress'),
        locality: s('locality'),
        region: s('region'),
        postalCode: s('postalCode'),
        country: s('country'),
      },
    ];
  });
}

/**
 * How absent attributes are treated: `replace` (SCIM POST/PUT carry the complete user: a covered
 * target that nothing produced is cleared), `partial` (SCIM PATCH: only rules whose source attribute
 * is in the change run, and a present-but-empty source clears its target), `merge` (SAML: only
 * targets that got a value are written).
 */
export type MappingMode = 'replace' | 'partial' | 'merge';

/** What an organization stores for one source (docs/PROVISIONING.md §4.2); null while it has changed nothing. */
export type StoredMapping = StoredMappingValues;

export interface EffectiveRule extends MappingRule {
  origin: RuleOutcome['origin'];
}

/** The targets the default rules of a source (for the profile) name, in their order. */
export function defaultTargets(source: MappingSource, profile: IdentityProviderKind = 'GENERIC'): string[] {
  return [...new Set(defaultRulesFor(source, profile).map((r) => r.target))];
}

/**
 * The rules that run, in order (docs/PROVISIONING.md §4.2): the organization's own rules (RULE),
 * then every default rule (DEFAULT) whose target none of them names and that is not disabled, then
 * an implicit rule (IMPLICIT) for every defined custom attribute that no rule targets. Rules whose
 * target is no longer valid (a deleted custom attribute) are left out. The SAML defaults are those
 * of the connection's identity-provider profile (`defaultRulesFor`).
 */
export function effectiveRules(
  source: MappingSource,
  stored: StoredMapping | null,
  definitions: Map<string, DefinitionValues>,
  profile: IdentityProviderKind = 'GENERIC',
): EffectiveRule[] {
  // explicit object literals, not `{ ...r, origin }`: V8 adds properties to a spread copy on a slow
  // path (~1 µs each), and this runs for every provisioned user
  const rules: EffectiveRule[] = [];
  const own = new Set<string>();
  for (const r of stored?.rules ?? []) {
    if (!isValidTarget(source, r.target, definitions)) continue;
    rules.push({ source: r.source, target: r.target, transforms: r.transforms, origin: 'RULE' });
    own.add(r.target);
  }
  const disabled = stored?.disabledDefaults ?? [];
  for (const r of defaultRulesFor(source, profile)) {
    if (own.has(r.target) || disabled.includes(r.target)) continue;
    rules.push({ source: r.source, target: r.target, transforms: r.transforms, origin: 'DEFAULT' });
  }
  const targeted = new Set(rules.map((r) => r.target));
  for (const d of definitions.values()) {
    if (!targeted.has(`custom:${d.name}`)) rules.push({ source: d.name, target: `custom:${d.name}`, transforms: [], origin: 'IMPLICIT' });
  }
  return rules;
}

/**
 * effectiveRules as applyMappings runs them, made once per organization configuration rather than
 * per provisioned user: a configuration's definitions map and stored mappings are replaced, never
 * changed in place, when the organization changes them (org-config.ts reads a new copy), so the rules
 * made from them stay right for as long as that copy is in use, and go with it.
 */
const rulesMade = new WeakMap<Map<string, DefinitionValues>, Map<string, { stored: StoredMapping | null; rules: EffectiveRule[] }>>();

function effectiveRulesOf(
  source: MappingSource,
  stored: StoredMapping | null,
  definitions: Map<string, DefinitionValues>,
  profile: IdentityProviderKind,
): EffectiveRule[] {
  let made = rulesMade.get(definitions);
  if (!made) rulesMade.set(definitions, (made = new Map()));
  const key = source === 'SAML' ? profile : source;
  const hit = made.get(key);
  if (hit && hit.stored === stored) return hit.rules;
  const rules = effectiveRules(source, stored, definitions, profile);
  made.set(key, { stored, rules });
  return rules;
}

/**
 * What one rule did, for the preview and the answer. A module function rather than a closure in
 * applyMappings' loop: under tsx (esbuild's keepNames) every named closure costs a
 * `defineProperty` of its name each time it is made, and this runs for every rule of every user.
 */
function outcomeOf(index: number, r: EffectiveRule, fired: boolean, value: unknown, note: string | null): RuleOutcome {
  return { index, source: r.source, target: r.target, fired, origin: r.origin, value, note };
}

/**
 * Maps a source's raw attributes to user fields (docs/PROVISIONING.md §4) through the effective
 * rules (`effectiveRules`: the organization's own, the defaults they leave, the implicit ones). Rules
 * run in order and the first rule that yields a value for a target wins. See MappingMode for absent
 * attributes.
 */
export function applyMappings(
  source: MappingSource,
  stored: StoredMapping | null,
  definitions: Map<string, DefinitionValues>,
  bag: Record<string, unknown>,
  mode: MappingMode,
  profile: IdentityProviderKind = 'GENERIC',
): MappingResult {
  const rules = effectiveRulesOf(source, stored, definitions, profile);
  const attrs = new Bag(bag);
  const fields: UserFields = {};
  const custom: Record<string, unknown> = {};
  const assigned = new Set<string>();
  const outcomes: RuleOutcome[] = [];
  let groups: string[] | undefined;
  let groupsTargeted = false;
  let groupsSourcePresent = false;
  let userName: string | undefined;
  const clear = new Set<string>();
  rules.forEach((r, index) => {
    if (r.target === 'groups') {
      groupsTargeted = true;
      if (attrs.has(r.source)) groupsSourcePresent = true;
    }
    if (mode === 'partial' && !attrs.has(r.source)) {
      outcomes.push(outcomeOf(index, r, false, null, 'not part of this change'));
      return;
    }
    if (assigned.has(r.target)) {
      outcomes.push(outcomeOf(index, r, false, null, 'an earlier rule already set this target'));
      return;
    }
    let items = itemsOf(attrs.get(r.source));
    for (const t of r.transforms) items = applyTransform(items, t);
    items = items.filter((i) => textOf(i) !== '' || typeof i === 'object');
    if (items.length === 0) {
      outcomes.push(outcomeOf(index, r, false, null, 'no value in the source'));
      if (mode === 'partial') clear.add(r.target);
      return;
    }
    let value: unknown;
    if (r.target.startsWith('custom:')) {
      const def = definitions.get(r.target.slice(7))!;
      const scalars = items.map((i) => (typeof i === 'object' ? textOf(i) : i)).filter((x) => x !== null);
      value = def.multiValued ? scalars : scalars[0];
      custom[def.name] = value as never;
    } else if (r.target === 'emails' || r.target === 'phoneNumbers') {
      value = fields[r.target] = toMulti(items);
    } else if (r.target === 'addresses') {
      value = fields.addresses = toAddresses(items);
    } else if (r.target === 'email') {
      value = textOf(items[0]!);
    } else if (r.target === 'groups') {
      value = groups = [...new Set(items.map(textOf).filter((s): s is string => !!s))];
    } else if (r.target === 'userName') {
      value = userName = textOf(items[0]!) ?? undefined;
    } else if (r.target === 'role') {
      value = fields.role = (textOf(items[0]!) ?? '').toUpperCase() as never;
    } else {
      value = (fields as Record<string, unknown>)[r.target] = textOf(items[0]!);
    }
    assigned.add(r.target);
    outcomes.push(outcomeOf(index, r, true, value, null));
  });
  if (assigned.has('email')) {
    const email = outcomes.find((o) => o.fired && o.target === 'email')!.value as string;
    if (!assigned.has('emails')) fields.emails = [{ value: email, type: 'work', primary: true }];
  }
  if (mode !== 'merge') {
    for (const r of rules) {
      if (assigned.has(r.target) || (mode === 'partial' && !clear.has(r.target))) continue;
      // an `email` rule that fired filled `emails`: an `emails` rule that found nothing does not empty it
      if (r.target === 'emails' && assigned.has('email') && !assigned.has('emails')) continue;
      if (r.target.startsWith('custom:')) custom[r.target.slice(7)] = null;
      else if ((LIST_TARGETS as readonly string[]).includes(r.target)) (fields as Record<string, unknown>)[r.target] = [];
      else if (r.target === 'email') {
        if (!assigned.has('emails')) fields.emails = [];
      } else if (r.target === 'role')
        (fields as Record<string, unknown>).role = null; // the caller puts the policy's default role
      else if ((TEXT_TARGETS as readonly string[]).includes(r.target)) (fields as Record<string, unknown>)[r.target] = null;
    }
  }
  if (Object.keys(custom).length) fields.customAttributes = custom as UserFields['customAttributes'];
  const groupsMissing = groups !== undefined || !groupsTargeted ? undefined : groupsSourcePresent ? 'empty' : 'absent';
  return { fields, groups, groupsMissing, userName, outcomes };
}

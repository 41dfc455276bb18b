import { AttributeMappingSet, type MappingRule } from '../entities/provisioning.js';
import { badInput } from '../errors.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import type { IdentityProviderKind } from '../idp-profile-data.js';
import {
  defaultRulesFor,
  effectiveRules,
  validateDisabledDefaults,
  validateRules,
  type EffectiveRule,
  type MappingSource,
  type StoredMapping,
} from './mapping-engine.js';
import { configChanged, loadOrgConfig, type DefinitionValues } from '../org-config.js';

export interface MappingSet {
  source: MappingSource;
  /** The organization's own rules, in order (empty while it has none). */
  rules: MappingRule[];
  /** Targets whose default rules the organization disabled. */
  disabledDefaults: string[];
  /** The built-in default rules of the source (SAML: those of the connection's identity-provider profile). */
  defaultRules: MappingRule[];
  /** The identity-provider profile the SAML connection records, whose SAML defaults apply (GENERIC without one). */
  profile: IdentityProviderKind;
  /** What runs: the own rules, the defaults they leave, the implicit custom attribute rules. */
  effectiveRules: EffectiveRule[];
  /** True while the organization has neither own rules nor disabled defaults for this source. */
  isDefault: boolean;
}

/** A change of one source's mappings: the complete own rule list, and the disabled defaults (undefined or null keeps them). */
export interface MappingChange {
  rules: MappingRule[];
  disabledDefaults?: string[] | null;
}

function checkSource(source: string): MappingSource {
  if (source !== 'SCIM' && source !== 'SAML') throw badInput('mapping.source.invalid', 'source must be SCIM or SAML', { field: 'source' });
  return source;
}

function mappingSet(
  source: MappingSource,
  stored: StoredMapping | null,
  definitions: Map<string, DefinitionValues>,
  profile: IdentityProviderKind,
): MappingSet {
  return {
    source,
    rules: stored?.rules ?? [],
    disabledDefaults: stored?.disabledDefaults ?? [],
    defaultRules: defaultRulesFor(source, profile),
    profile,
    effectiveRules: effectiveRules(source, stored, definitions, profile),
    isDefault: stored === null,
  };
}

export async function getMappings(ctx: CoreContext, organizationId: string, source: string): Promise<MappingSet> {
  authorize(ctx, organizationId, 'readSettings');
  const s = checkSource(source);
  const config = await loadOrgConfig(ctx.em, organizationId);
  return mappingSet(s, config.mappings[s], config.definitions, config.samlProfile);
}

/**
 * Sets a source's own rules and disabled defaults (null = back to the defaults alone; so does a change
 * that leaves neither own rules nor disabled defaults); records ATTRIBUTE_MAPPINGS_CHANGED with the
 * diff of what changed, in the same transaction.
 */
export async function setMappings(ctx: CoreContext, organizationId: string, source: string, change: MappingChange | null): Promise<MappingSet> {
  authorize(ctx, organizationId, 'manage');
  const s = checkSource(source);
  return transact(ctx, organizationId, async (em, events) => {
    const config = await loadOrgConfig(em, organizationId, { fresh: true });
    const before = config.mappings[s];
    let after: StoredMapping | null = null;
    if (change !== null) {
      const rules = validateRules(s, change.rules, config.definitions);
      const disabledDefaults =
        change.disabledDefaults == null ? (before?.disabledDefaults ?? []) : validateDisabledDefaults(s, change.disabledDefaults, config.samlProfile);
      if (rules.length || disabledDefaults.length) after = { rules, disabledDefaults };
    }
    const row = await em.findOne(AttributeMappingSet, { organization: organizationId, source: s });
    if (after === null) {
      if (row) em.remove(row);
    } else if (row) {
      row.rules = after.rules;
      row.disabledDefaults = after.disabledDefaults;
      row.version += 1;
      row.updatedAt = new Date();
    } else {
      const r = new AttributeMappingSet();
      r.organization = organizationId;
      r.source = s;
      r.rules = after.rules;
      r.disabledDefaults = after.disabledDefaults;
      em.persist(r);
    }
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    const rulesOf = (m: StoredMapping | null) => (m?.rules.length ? m.rules : 'DEFAULT');
    if (JSON.stringify(rulesOf(before)) !== JSON.stringify(rulesOf(after))) diff.rules = { before: rulesOf(before), after: rulesOf(after) };
    const disabledOf = (m: StoredMapping | null) => m?.disabledDefaults ?? [];
    if (JSON.stringify(disabledOf(before)) !== JSON.stringify(disabledOf(after)))
      diff.disabledDefaults = { before: disabledOf(before), after: disabledOf(after) };
    if (Object.keys(diff).length) {
      await configChanged(em, events, organizationId);
      events.push({
        type: 'ATTRIBUTE_MAPPINGS_CHANGED',
        subjectType: 'ATTRIBUTE_MAPPING',
        subjectId: organizationId,
        subjectLabel: `${s} mappings`,
        changes: diff,
        data: { source: s },
      });
    }
    return mappingSet(s, after, config.definitions, config.samlProfile);
  });
}

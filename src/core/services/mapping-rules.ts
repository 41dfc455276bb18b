import { AttributeMappingSet, type MappingRule } from '../entities/provisioning.js';
import { badInput } from '../errors.js';
import { authorize, type CoreContext } from '../access.js';
import { transact } from './transaction.js';
import { DEFAULT_RULES, validateRules, type MappingSource } from './mapping-engine.js';
import { configChanged, loadOrgConfig } from '../org-config.js';

export interface MappingSet {
  source: MappingSource;
  rules: MappingRule[];
  /** True while the organization uses the built-in defaults for this source. */
  isDefault: boolean;
}

function checkSource(source: string): MappingSource {
  if (source !== 'SCIM' && source !== 'SAML') throw badInput('mapping.source.invalid', 'source must be SCIM or SAML', { field: 'source' });
  return source;
}

export async function getMappings(ctx: CoreContext, organizationId: string, source: string): Promise<MappingSet> {
  authorize(ctx, organizationId, 'read');
  const s = checkSource(source);
  const stored = (await loadOrgConfig(ctx.em, organizationId)).mappings[s];
  return { source: s, rules: stored ?? DEFAULT_RULES[s], isDefault: stored === null };
}

/** Replaces a source's rules (null = back to the defaults); records ATTRIBUTE_MAPPINGS_CHANGED with the diff. */
export async function setMappings(ctx: CoreContext, organizationId: string, source: string, rules: MappingRule[] | null): Promise<MappingSet> {
  authorize(ctx, organizationId, 'manage');
  const s = checkSource(source);
  return transact(ctx, organizationId, async (em, events) => {
    const config = await loadOrgConfig(em, organizationId, { fresh: true });
    const valid = rules === null ? null : validateRules(s, rules, config.definitions);
    const before = config.mappings[s];
    const row = await em.findOne(AttributeMappingSet, { organization: organizationId, source: s });
    if (valid === null) {
      if (row) em.remove(row);
    } else if (row) {
      row.rules = valid;
      row.version += 1;
      row.updatedAt = new Date();
    } else {
      const r = new AttributeMappingSet();
      r.organization = organizationId;
      r.source = s;
      r.rules = valid;
      em.persist(r);
    }
    if (JSON.stringify(before) !== JSON.stringify(valid)) {
      await configChanged(em, events, organizationId);
      events.push({
        type: 'ATTRIBUTE_MAPPINGS_CHANGED',
        subjectType: 'ATTRIBUTE_MAPPING',
        subjectId: organizationId,
        subjectLabel: `${s} mappings`,
        changes: { rules: { before: before ?? 'DEFAULT', after: valid ?? 'DEFAULT' } },
        data: { source: s },
      });
    }
    return { source: s, rules: valid ?? DEFAULT_RULES[s], isDefault: valid === null };
  });
}

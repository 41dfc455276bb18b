import { sql, type Em } from './db.js';
import { notFound } from './errors.js';
import type { AttributeSource, CustomAttributeType, GroupRoleRule, MappingRule, ProvisioningMode, ReactivationMode } from './entities/provisioning.js';
import type { UserRole } from './entities/user.js';
import { isIdentityProviderKind, type IdentityProviderKind } from './idp-profile-data.js';

/** The provisioning policy as the core applies it (docs/PROVISIONING.md §1). */
export interface PolicyValues {
  mode: ProvisioningMode;
  defaultRole: UserRole;
  groupRoleRules: GroupRoleRule[];
  deactivationRemovesMemberships: boolean;
  reactivation: ReactivationMode;
  groupPushProvisionsMembers: boolean;
  seatLimit: number | null;
  allowedEmailDomains: string[];
  sessionLifetimeSeconds: number;
  attributePrecedence: AttributeSource[];
  version: number;
  updatedAt: Date | null;
}

export const DEFAULT_POLICY: PolicyValues = {
  mode: 'SCIM_AND_FIRST_LOGIN',
  defaultRole: 'MEMBER',
  groupRoleRules: [],
  deactivationRemovesMemberships: false,
  reactivation: 'RESTORE',
  groupPushProvisionsMembers: false,
  seatLimit: null,
  allowedEmailDomains: [],
  sessionLifetimeSeconds: 86400,
  attributePrecedence: ['SCIM', 'API', 'SAML'],
  version: 0,
  updatedAt: null,
};

export interface DefinitionValues {
  id: string;
  name: string;
  displayName: string;
  type: CustomAttributeType;
  multiValued: boolean;
  allowedValues: Array<string | number> | null;
  required: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** One source's stored mappings (docs/PROVISIONING.md §4.2). */
export interface StoredMappingValues {
  rules: MappingRule[];
  disabledDefaults: string[];
}

/** Everything about an organization that shapes a user write, read in one round trip. */
export interface OrgConfig {
  organizationId: string;
  policy: PolicyValues;
  definitions: Map<string, DefinitionValues>;
  /** What the organization stored per source (its own rules, the defaults it disabled); null means the defaults alone. */
  mappings: { SCIM: StoredMappingValues | null; SAML: StoredMappingValues | null };
  /** The identity-provider profile the SAML connection records (GENERIC without one): its SAML default mappings apply. */
  samlProfile: IdentityProviderKind;
}

export function rowToPolicy(r: Record<string, unknown> | null | undefined): PolicyValues {
  if (!r) return { ...DEFAULT_POLICY };
  return {
    mode: r.mode as ProvisioningMode,
    defaultRole: r.default_role as UserRole,
    groupRoleRules: (r.group_role_rules as GroupRoleRule[]) ?? [],
    deactivationRemovesMemberships: Boolean(r.deactivation_removes_memberships),
    reactivation: r.reactivation as ReactivationMode,
    groupPushProvisionsMembers: Boolean(r.group_push_provisions_members),
    seatLimit: (r.seat_limit as number | null) ?? null,
    allowedEmailDomains: (r.allowed_email_domains as string[]) ?? [],
    sessionLifetimeSeconds: Number(r.session_lifetime_seconds),
    attributePrecedence: (r.attribute_precedence as AttributeSource[]) ?? DEFAULT_POLICY.attributePrecedence,
    version: Number(r.version),
    updatedAt: r.updated_at ? new Date(r.updated_at as string) : null,
  };
}

export function rowToDefinition(r: Record<string, unknown>): DefinitionValues {
  return {
    id: r.id as string,
    name: r.name as string,
    displayName: (r.display_name ?? r.displayName) as string,
    type: r.type as CustomAttributeType,
    multiValued: Boolean(r.multi_valued ?? r.multiValued),
    allowedValues: ((r.allowed_values ?? r.allowedValues) as Array<string | number> | null) ?? null,
    required: Boolean(r.required),
    createdAt: new Date((r.created_at ?? r.createdAt) as string),
    updatedAt: new Date((r.updated_at ?? r.updatedAt) as string),
    version: Number(r.version),
  };
}

/**
 * Configuration changes rarely and is read by every user write, so each process keeps a copy per
 * organization. A change drops it: at once in the process that made it (after commit) and in every
 * other process through NOTIFY on CONFIG_CHANNEL. Copies also expire after CONFIG_TTL_MS.
 */
export const CONFIG_CHANNEL = 'identity_config';
const CONFIG_TTL_MS = 60_000;
const cache = new Map<string, { config: OrgConfig; expires: number }>();

export function invalidateOrgConfig(organizationId?: string): void {
  if (organizationId === undefined) cache.clear();
  else cache.delete(organizationId);
}

/** Call inside a transaction that changes policy, mappings or definitions. */
export async function configChanged(em: Em, events: { afterCommit(fn: () => void): void }, organizationId: string): Promise<void> {
  invalidateOrgConfig(organizationId);
  events.afterCommit(() => invalidateOrgConfig(organizationId));
  await sql(em, 'select pg_notify(?, ?)', [CONFIG_CHANNEL, organizationId]);
}

/** The organization's configuration; `fresh` reads the database (writers, inside their transaction). */
export async function loadOrgConfig(em: Em, organizationId: string, opts: { fresh?: boolean } = {}): Promise<OrgConfig> {
  const now = Date.now();
  const hit = opts.fresh ? undefined : cache.get(organizationId);
  if (hit && hit.expires > now) return hit.config;
  const config = await readOrgConfig(em, organizationId);
  if (!opts.fresh) {
    if (cache.size > 10_000) cache.clear();
    cache.set(organizationId, { config, expires: now + CONFIG_TTL_MS });
  }
  return config;
}

async function readOrgConfig(em: Em, organizationId: string): Promise<OrgConfig> {
  const rows = await sql<{
    policy: Record<string, unknown> | null;
    defs: Record<string, unknown>[] | null;
    mappings: Array<{ source: 'SCIM' | 'SAML'; rules: MappingRule[]; disabled_defaults: string[] | null }> | null;
    saml_profile: string | null;
  }>(
    em,
    `select (select row_to_json(p) from provisioning_policies p where p.organization_id = o.id) as policy,
            (select json_agg(d order by d.name) from custom_attribute_definitions d where d.organization_id = o.id) as defs,
            (select json_agg(json_build_object('source', m.source, 'rules', m.rules, 'disabled_defaults', m.disabled_defaults)) from attribute_mappings m where m.organization_id = o.id) as mappings,
            (select c.profile from saml_connections c where c.organization_id = o.id) as saml_profile
       from organizations o where o.id = ?`,
    [organizationId],
  );
  const r = rows[0];
  // no such organization (a platform key may name any id): not a default configuration of nothing
  if (!r) throw notFound('organization');
  const mappings: OrgConfig['mappings'] = { SCIM: null, SAML: null };
  for (const m of r?.mappings ?? []) {
    const disabledDefaults = m.disabled_defaults ?? [];
    // a row with neither own rules nor disabled defaults (an empty list stored before they extended the defaults) is the defaults
    mappings[m.source] = m.rules.length || disabledDefaults.length ? { rules: m.rules, disabledDefaults } : null;
  }
  return {
    organizationId,
    policy: rowToPolicy(r?.policy),
    definitions: new Map((r?.defs ?? []).map((d) => [String(d.name), rowToDefinition(d)])),
    mappings,
    samlProfile: isIdentityProviderKind(r?.saml_profile) ? r.saml_profile : 'GENERIC',
  };
}

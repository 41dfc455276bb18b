/**
 * The identity-provider profiles as the API shows them (`identityProviderProfiles`): the data of
 * idp-profile-data.ts with this service's own values filled in. Named an organization, the values
 * are its ACS URL, SP entity ID, metadata and login URLs (derived as samlConnection derives them)
 * and the SCIM base URL; without one, placeholders that say what goes there.
 */
import type { MappingRule } from '../entities/provisioning.js';
import { Organization } from '../entities/organization.js';
import { AppError, notFound } from '../errors.js';
import { isUuid } from '../../shared/ids.js';
import { authorize, type CoreContext } from '../access.js';
import {
  IDENTITY_PROVIDER_KINDS,
  IDENTITY_PROVIDER_PROFILES,
  type IdentityProviderKind,
  type IdentityProviderProfileSpec,
  type SetupStepSpec,
  type SetupValueKey,
} from '../idp-profile-data.js';
import { samlEndpoints } from './saml-connections.js';

/** Where the SCIM adapter is mounted (src/scim/router.ts SCIM_PREFIX; a test holds them equal). */
export const SCIM_BASE_PATH = '/scim/v2';

export interface SetupValueView {
  label: string;
  value: string;
  /** Which of this service's values it is; null for a literal of the IdP's console. */
  key: SetupValueKey | null;
  /** True when `value` says what goes there instead of being it (no organization named, or a secret). */
  placeholder: boolean;
}

export interface SetupStepView {
  title: string;
  instructions: string;
  values: SetupValueView[];
}

export interface IdentityProviderProfileView {
  kind: IdentityProviderKind;
  name: string;
  scimSupported: boolean;
  scimNote: string | null;
  nameIdFormat: string;
  samlDocsUrls: string[];
  scimDocsUrls: string[];
  samlSetup: SetupStepView[];
  scimSetup: SetupStepView[];
  samlAttributeNames: Array<{ attribute: string; samlName: string }>;
  defaultSamlRules: MappingRule[];
  /** The organization whose values fill the steps; null for placeholders. */
  organizationId: string | null;
}

/** This service's values for one organization, or null for placeholders. */
type OwnValues = Record<Exclude<SetupValueKey, 'SCIM_TOKEN'>, string>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function ownValues(publicUrl: string, slug: string): OwnValues {
  const sp = samlEndpoints(publicUrl, slug);
  return {
    ACS_URL: sp.acsUrl,
    ACS_URL_PATTERN: `^${escapeRegex(sp.acsUrl)}$`,
    SP_ENTITY_ID: sp.entityId,
    SP_METADATA_URL: sp.metadataUrl,
    SP_LOGIN_URL: sp.loginUrl,
    SCIM_BASE_URL: `${publicUrl.replace(/\/+$/, '')}${SCIM_BASE_PATH}`,
  };
}

/** What goes where, when no organization is named (the public URL, when known, fills the host part). */
function placeholders(publicUrl: string | null): OwnValues {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : "<this service's public URL>";
  const saml = `${base}/saml/<organization slug>`;
  return {
    ACS_URL: `${saml}/acs`,
    ACS_URL_PATTERN: `^${escapeRegex(`${base}/saml/`)}<organization slug>${escapeRegex('/acs')}$`,
    SP_ENTITY_ID: `${saml}/metadata`,
    SP_METADATA_URL: `${saml}/metadata`,
    SP_LOGIN_URL: `${saml}/login`,
    SCIM_BASE_URL: `${base}${SCIM_BASE_PATH}`,
  };
}

const SCIM_TOKEN_PLACEHOLDER = '<a SCIM token of the organization: createScimToken returns it once>';

function renderSteps(steps: SetupStepSpec[], values: OwnValues, filled: boolean, publicUrlKnown: boolean): SetupStepView[] {
  return steps.map((s) => ({
    title: s.title,
    instructions: s.instructions,
    values: s.values.map((v): SetupValueView => {
      if (!v.key) return { label: v.label, value: v.value ?? '', key: null, placeholder: false };
      if (v.key === 'SCIM_TOKEN') return { label: v.label, value: SCIM_TOKEN_PLACEHOLDER, key: v.key, placeholder: true };
      // the SCIM base URL names no organization: it is real as soon as the public URL is known
      const real = filled || (v.key === 'SCIM_BASE_URL' && publicUrlKnown);
      return { label: v.label, value: values[v.key], key: v.key, placeholder: !real };
    }),
  }));
}

function render(spec: IdentityProviderProfileSpec, values: OwnValues, organizationId: string | null, publicUrlKnown: boolean): IdentityProviderProfileView {
  const filled = organizationId !== null;
  return {
    kind: spec.kind,
    name: spec.name,
    scimSupported: spec.scimSupported,
    scimNote: spec.scimNote,
    nameIdFormat: spec.nameIdFormat,
    samlDocsUrls: spec.samlDocsUrls,
    scimDocsUrls: spec.scimDocsUrls,
    samlSetup: renderSteps(spec.samlSetup, values, filled, publicUrlKnown),
    scimSetup: renderSteps(spec.scimSetup, values, filled, publicUrlKnown),
    samlAttributeNames: spec.defaultSamlRules.map((r) => ({ attribute: r.target, samlName: r.source })),
    defaultSamlRules: spec.defaultSamlRules,
    organizationId,
  };
}

/** Every profile with placeholders for the organization's values (docs/IDP-GUIDES.md is rendered from this). */
export function placeholderProfiles(publicUrl: string | null): IdentityProviderProfileView[] {
  const values = placeholders(publicUrl);
  return IDENTITY_PROVIDER_KINDS.map((k) => render(IDENTITY_PROVIDER_PROFILES[k], values, null, publicUrl !== null));
}

/**
 * The profiles (all, or the one of `kind`), filled with the organization's values when one is
 * named (the caller needs `read` there, and the public URL must be known), else with placeholders.
 */
export async function listIdentityProviderProfiles(
  ctx: CoreContext,
  organizationId: string | null,
  publicUrl: string | null,
  kind?: IdentityProviderKind,
): Promise<IdentityProviderProfileView[]> {
  const kinds = kind === undefined ? IDENTITY_PROVIDER_KINDS : IDENTITY_PROVIDER_KINDS.filter((k) => k === kind);
  if (organizationId === null) {
    const values = placeholders(publicUrl);
    return kinds.map((k) => render(IDENTITY_PROVIDER_PROFILES[k], values, null, publicUrl !== null));
  }
  if (!isUuid(organizationId)) throw notFound('organization');
  // the organization's own setup values are settings, no person's data: a setup link reads them too
  authorize(ctx, organizationId, 'readSettings');
  const org = await ctx.em.findOne(Organization, { id: organizationId }, { fields: ['id', 'slug'] });
  if (!org) throw notFound('organization');
  if (!publicUrl) throw new AppError('PRECONDITION_FAILED', 'saml.publicUrl.unknown', 'the public URL of this service is unknown here; set PUBLIC_URL');
  const values = ownValues(publicUrl, org.slug);
  return kinds.map((k) => render(IDENTITY_PROVIDER_PROFILES[k], values, organizationId, true));
}

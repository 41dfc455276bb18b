import type { ConsoleIdentityProviderProfilesQuery, ConsoleSamlConnectionQuery } from '../gql/graphql';
import { ProfilesQuery, ProfilesTemplateQuery, SamlConnectionQuery } from '../operations';
import { GraphQLFailure, request } from './client';

export type Profile = ConsoleIdentityProviderProfilesQuery['identityProviderProfiles'][number];
type ServiceProvider = ConsoleSamlConnectionQuery['samlConnection']['serviceProvider'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Our value for a setup value's key, from the SAML connection's SP side (the same URLs the server fills in). */
function ourValue(key: string, sp: ServiceProvider): string | undefined {
  switch (key) {
    case 'ACS_URL':
      return sp.acsUrl;
    case 'ACS_URL_PATTERN':
      return `^${escapeRegex(sp.acsUrl)}$`;
    case 'SP_ENTITY_ID':
      return sp.entityId;
    case 'SP_METADATA_URL':
      return sp.metadataUrl;
    case 'SP_LOGIN_URL':
      return sp.loginUrl;
    case 'SCIM_BASE_URL':
      return `${new URL(sp.acsUrl).origin}/scim/v2`;
    default:
      return undefined;
  }
}

/**
 * The identity provider guides with the organization's own values. A caller the server does not let
 * read them filled in (a setup link, on a server whose profiles need `read`) gets the templates with
 * the values its SAML connection names put in by key; a secret (SCIM_TOKEN) stays a placeholder.
 */
export async function loadProfiles(organizationId: string): Promise<Profile[]> {
  try {
    return (await request(ProfilesQuery, { organizationId })).identityProviderProfiles;
  } catch (err) {
    if (!(err instanceof GraphQLFailure) || err.code !== 'FORBIDDEN') throw err;
  }
  const [templates, saml] = await Promise.all([request(ProfilesTemplateQuery, {}), request(SamlConnectionQuery, { organizationId })]);
  const sp = saml.samlConnection.serviceProvider;
  const fill = (steps: Profile['samlSetup']): Profile['samlSetup'] =>
    steps.map((s) => ({
      ...s,
      values: s.values.map((v) => {
        const value = v.key ? ourValue(v.key, sp) : undefined;
        return value !== undefined ? { ...v, value, placeholder: false } : v;
      }),
    }));
  return templates.identityProviderProfiles.map((p) => ({ ...p, samlSetup: fill(p.samlSetup), scimSetup: fill(p.scimSetup) }));
}

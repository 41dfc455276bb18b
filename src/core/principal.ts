/**
 * Who is calling. Built by the HTTP auth layer from a bearer credential, or in-process by an
 * adapter (the SAML adapter acts as itself). It is bound once per request and every core
 * service checks it; nothing else decides what a caller may do.
 */
export type Principal =
  | { kind: 'PLATFORM'; credentialId: string | null; label: string }
  | { kind: 'API_KEY'; credentialId: string; organizationId: string; role: ApiKeyRole; label: string }
  | { kind: 'SCIM_TOKEN'; credentialId: string; organizationId: string; label: string }
  | SamlPrincipal
  | OidcPrincipal;

/**
 * The SAML adapter, built in-process only (never from an HTTP credential). Bound to the organization
 * whose SAML endpoint was called, it may `read` and `signIn` there. Before it knows the organization
 * (`organizationId: null`) it may do nothing in any organization; its only use is the query that
 * turns the `{org}` slug of a SAML URL into an organization id (`samlOrganization`).
 */
export type SamlPrincipal = { kind: 'SAML'; organizationId: string | null; label: string };

/**
 * The OpenID Connect adapter (src/oidc), built in-process only. Unbound (`organizationId: null`) it
 * may only use its own storage and keys (the provider's grants, codes and sessions, which belong to
 * no one organization) and find which organization a sign-in is for; bound to an organization it
 * may `read` there and read (never open) a session of it, to hand a SAML sign-in on to a client.
 */
export type OidcPrincipal = { kind: 'OIDC'; organizationId: string | null; label: string };

export const API_KEY_ROLES = ['ADMIN', 'READ_ONLY'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** What a principal may do inside an organization. */
export type Permission =
  | 'read' // users, groups, events, stats, policy
  | 'provision' // create/update/deactivate users, groups, memberships
  | 'signIn' // record sign-ins and first-login provisioning
  | 'audit' // read the event log (who changed what: credentials, settings, users)
  | 'manage'; // credentials, organization settings, policy, mappings

/**
 * `signIn` (recording a sign-in, which opens a browser session for the user it names) belongs to the
 * SAML adapter alone: it acts only on an assertion whose signature it verified. No key holder may
 * grant it to itself — an API key that could sign in as anyone would bypass the identity provider
 * and its MFA.
 */
const GRANTS: Record<Principal['kind'] | 'API_KEY_READ_ONLY', Permission[]> = {
  PLATFORM: ['read', 'provision', 'manage', 'audit'],
  API_KEY: ['read', 'provision', 'manage', 'audit'],
  // a dashboard's key reads the audit log; a SCIM token (held by the identity provider) needs users
  // and groups, not who created which key or changed which setting
  API_KEY_READ_ONLY: ['read', 'audit'],
  SCIM_TOKEN: ['read', 'provision'],
  SAML: ['read', 'signIn'],
  OIDC: ['read'],
};

export function can(p: Principal, organizationId: string, permission: Permission): boolean {
  if (p.kind !== 'PLATFORM' && p.organizationId !== organizationId) return false;
  const key = p.kind === 'API_KEY' && p.role === 'READ_ONLY' ? 'API_KEY_READ_ONLY' : p.kind;
  return GRANTS[key].includes(permission);
}

/** How the principal appears as the actor of an event. */
export interface Actor {
  type: Principal['kind'] | 'SYSTEM';
  id: string | null;
  label: string;
}

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'PLATFORM':
      return { type: 'PLATFORM', id: p.credentialId, label: p.label };
    case 'API_KEY':
    case 'SCIM_TOKEN':
      return { type: p.kind, id: p.credentialId, label: p.label };
    case 'SAML':
      return { type: 'SAML', id: null, label: p.label };
    case 'OIDC':
      return { type: 'OIDC', id: null, label: p.label };
  }
}

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
  | SetupLinkPrincipal;

/**
 * The SAML adapter, built in-process only (never from an HTTP credential). Bound to the organization
 * whose SAML endpoint was called, it may `read` and `signIn` there. Before it knows the organization
 * (`organizationId: null`) it may do nothing in any organization; its only use is the query that
 * turns the `{org}` slug of a SAML URL into an organization id (`samlOrganization`).
 */
export type SamlPrincipal = { kind: 'SAML'; organizationId: string | null; label: string };

/**
 * A setup link (`createSetupLink`): the customer's IT admin, with no key, bound to one organization
 * until `expiresAt`, limited to the setup of its scopes. `credentialId` is the link's id.
 */
export type SetupLinkPrincipal = {
  kind: 'SETUP_LINK';
  credentialId: string;
  organizationId: string;
  scopes: SetupScope[];
  expiresAt: Date;
  label: string;
};

/** What a setup link may set up: SSO (the SAML connection and its test sign-in) or SCIM (SCIM tokens and the SCIM request log). */
export const SETUP_SCOPES = ['SSO', 'SCIM'] as const;
export type SetupScope = (typeof SETUP_SCOPES)[number];

export const API_KEY_ROLES = ['ADMIN', 'READ_ONLY'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** What a principal may do inside an organization. */
export type Permission =
  | 'read' // users, groups, events, stats, policy
  | 'provision' // create/update/deactivate users, groups, memberships
  | 'signIn' // record sign-ins and first-login provisioning
  | 'audit' // read the event log (who changed what: credentials, settings, users)
  | 'manage' // credentials, organization settings, policy, mappings
  | 'readSettings' // the organization's settings, no person's data: policy, mappings, definitions, SAML connection, previews
  | 'configureSso' // the SAML connection and its test sign-in (manage, or a setup link's SSO scope)
  | 'configureScim'; // SCIM tokens and the SCIM request log (manage, or a setup link's SCIM scope)

/**
 * `signIn` (recording a sign-in, which opens a browser session for the user it names) belongs to the
 * SAML adapter alone: it acts only on an assertion whose signature it verified. No key holder may
 * grant it to itself — an API key that could sign in as anyone would bypass the identity provider
 * and its MFA.
 */
const GRANTS: Record<Exclude<Principal['kind'], 'SETUP_LINK'> | 'API_KEY_READ_ONLY', Permission[]> = {
  PLATFORM: ['read', 'provision', 'manage', 'audit', 'readSettings', 'configureSso', 'configureScim'],
  API_KEY: ['read', 'provision', 'manage', 'audit', 'readSettings', 'configureSso', 'configureScim'],
  // a dashboard's key reads the audit log; a SCIM token (held by the identity provider) needs users
  // and groups, not who created which key or changed which setting
  API_KEY_READ_ONLY: ['read', 'audit', 'readSettings'],
  SCIM_TOKEN: ['read', 'provision', 'readSettings'],
  SAML: ['read', 'signIn', 'readSettings'],
};

/**
 * A setup link reads the settings it helps configure, never users, groups, events or credentials
 * other than the SCIM tokens it created itself (services/credentials.ts).
 */
const SETUP_SCOPE_GRANTS: Record<SetupScope, Permission[]> = {
  SSO: ['readSettings', 'configureSso'],
  SCIM: ['readSettings', 'configureScim'],
};

export function can(p: Principal, organizationId: string, permission: Permission): boolean {
  if (p.kind !== 'PLATFORM' && p.organizationId !== organizationId) return false;
  if (p.kind === 'SETUP_LINK') return p.scopes.some((s) => SETUP_SCOPE_GRANTS[s].includes(permission));
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
    case 'SETUP_LINK':
      return { type: p.kind, id: p.credentialId, label: p.label };
    case 'SAML':
      return { type: 'SAML', id: null, label: p.label };
  }
}

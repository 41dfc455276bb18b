import { AsyncLocalStorage } from 'node:async_hooks';
import { hkdfSync } from 'node:crypto';
import { safeEqual, sha256 } from '../shared/digest.js';
import Provider, { interactionPolicy, type AuthorizationContext, type InteractionDetails } from 'oidc-provider';
import type { OperationRunner } from '../graphql/executor.js';
import type { Logger } from '../shared/logger.js';
import { OidcOperations } from './oidc-context.js';
import {
  ACCOUNT,
  ORGANIZATION,
  PROVIDER_KEYS,
  QUEUE_BACKCHANNEL_LOGOUT,
  RECORD_LOGOUT,
  RECORD_SIGN_IN,
  type Account,
  type ProviderKeys,
  type ResolvedOrganization,
  type WantedOrganization,
} from './operations.js';
import { answeringSession, hintNames, readIdmSession } from './idm-session.js';
import { readSessionCookie } from '../shared/session-cookie.js';
import { errorPage, loggedOutPage, logoutPage, PAGE_CSP } from './pages.js';
import { routeEndSessionThroughSaml } from './saml-logout-hop.js';
import { storageAdapter } from './storage-adapter.js';
import { unstorableText } from '../shared/text.js';
import { DATABASE_RETRY_SECONDS } from '../shared/database-outage.js';

/**
 * The scopes and the claims each releases (docs/OIDC.md "Claims"). `acr` and `amr` are the login's
 * (the session's AuthnContextClassRef and its RFC 8176 methods, set by interaction.ts), so they are
 * in ID tokens, not userinfo.
 */
export const CLAIMS = {
  openid: ['sub', 'acr', 'amr'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale', 'zoneinfo'],
  organization: ['org_id', 'org_slug', 'groups', 'roles', 'custom_attributes'],
};

/** How often an instance looks for rotated signing keys (one indexed read). */
const KEY_CHECK_MS = 60_000;

/** The operations of the request being served (the provider's adapter and hooks run inside it). */
export const currentOperations = new AsyncLocalStorage<OidcOperations>();

export type { WantedOrganization };

/** The organization the authorization request names: `organization=<slug>`, else the domain of `login_hint`. */
export async function wantedOrganization(ops: OidcOperations, params: Record<string, unknown>): Promise<WantedOrganization> {
  const slug = typeof params.organization === 'string' && params.organization ? params.organization : null;
  const hint = typeof params.login_hint === 'string' && params.login_hint.includes('@') ? params.login_hint : null;
  if (!slug && !hint) return { kind: 'none' };
  // no organization is named by text no column holds (a NUL): looked up, the core would refuse it
  if (unstorableText(slug ?? hint!)) return { kind: 'unknown', by: slug ? 'slug' : 'email' };
  const r = await ops.must<ResolvedOrganization>(null, ORGANIZATION, slug ? { slug } : { email: hint });
  return r.oidcOrganization ? { kind: 'found', org: r.oidcOrganization } : { kind: 'unknown', by: slug ? 'slug' : 'email' };
}

export async function accountOf(ops: OidcOperations, userId: string): Promise<Account['oidcAccount']> {
  return (await ops.must<Account>(null, ACCOUNT, { userId })).oidcAccount;
}

/** The provider's account of a user id: its claims (docs/OIDC.md "Claims"); none for a deactivated or deleted user. */
async function findAccount(ops: OidcOperations, sub: string) {
  const account = await accountOf(ops, sub);
  if (!account) return undefined; // deactivated or deleted: no token, no userinfo
  return { accountId: sub, claims: async () => ({ ...account.claims, sub }) };
}

/** Claims the consent prompt never asks for (oidc-provider's op_claims_missing check skips them too). */
const ALWAYS_GRANTED_CLAIMS = new Set(['sub', 'sid', 'auth_time', 'acr', 'amr', 'iss']);

/**
 * `prompt=none` (silent re-authentication, OpenID Connect Core §3.1.2.1) answered by the browser's
 * session of this service: the provider answers `login_required` from its own session alone, before
 * any interaction, so a person signed in here through SAML (the console, a dashboard tile, another
 * application's sign-in whose provider session this browser lacks) was "not signed in" to every silent
 * request. When the provider has no session yet and the idm_session would answer the interaction
 * (the same rules: answeringSession), the provider session is logged in with it here, as the
 * interaction's completeLogin would (`auth_time` the SAML sign-in's, its acr/amr, the sign-in
 * recorded); silentConsent then grants what the client asks for. Otherwise nothing changes: the provider answers
 * login_required (or the error of whichever check fails). A provider session of someone already is
 * left alone: switching it to another person ends the previous one through a confirmation form,
 * which prompt=none may not show.
 */
async function silentLogin(ctx: AuthorizationContext, ops: OidcOperations, log: Logger): Promise<void> {
  const { oidc } = ctx;
  if (oidc.route !== 'authorization' || !oidc.promptPending('none') || oidc.session.accountId) return;
  const params = oidc.params as Record<string, unknown>;
  const live = await answeringSession(ops, ctx.get('cookie'), params, await wantedOrganization(ops, params));
  if (!live) return;
  const { organizationId: orgId, session } = live;
  const userId = session.user.id;
  // an id_token_hint names the person the client expects (the login prompt's own check compares it too)
  if (params.id_token_hint !== undefined && oidc.entities.IdTokenHint?.payload.sub !== userId) return;
  const account = await findAccount(ops, userId);
  if (!account) return;
  const clientId = oidc.client.clientId;
  oidc.session.loginAccount({
    accountId: userId,
    loginTs: Math.floor(Date.parse(String(session.createdAt)) / 1000),
    amr: session.authenticationMethods,
    ...(session.authnContextClassRef ? { acr: session.authnContextClassRef } : {}),
  });
  // a session that existed before this login gets a new id, as the provider's resume does (no session fixation)
  if (!oidc.session.new) oidc.session.resetIdentifier();
  oidc.entity('Account', account);
  // as the provider's loadGrant does for a known account (a session just logged in has no grant): silentConsent fills it
  oidc.entity('Grant', new ctx.oidc.provider.Grant({ accountId: userId, clientId }));
  await ops.must(orgId, RECORD_SIGN_IN, { org: orgId, userId, clientId });
  log.info('OIDC sign-in', { organizationId: orgId, userId, clientId, session: 'silent' });
}

/**
 * `prompt=none` once the login prompt is satisfied: what the client asks for within our scopes is
 * granted, as the consent step (interaction.ts) grants it without a page, instead of answering
 * `consent_required` to a registered client (OpenID Connect Core §3.1.2.1: consent_required is for a
 * client without pre-configured consent; here the operator's registration is the consent).
 * `offline_access` is not among the scopes: the provider drops it without `prompt=consent`.
 */
async function silentConsent(ctx: AuthorizationContext): Promise<void> {
  const { oidc } = ctx;
  if (oidc.route !== 'authorization' || !oidc.promptPending('none') || !oidc.grant) return;
  const granted = new Set(oidc.grant.getOIDCScopeEncountered().split(' '));
  const scopes = [...oidc.requestParamOIDCScopes].filter((s) => !granted.has(s));
  const grantedClaims = new Set(oidc.grant.getOIDCClaimsEncountered());
  const claims = [...oidc.requestParamClaims].filter((c) => !grantedClaims.has(c) && !ALWAYS_GRANTED_CLAIMS.has(c));
  if (!scopes.length && !claims.length) return;
  if (scopes.length) oidc.grant.addOIDCScope(scopes.join(' '));
  if (claims.length) oidc.grant.addOIDCClaims(claims);
  const grantId = await oidc.grant.save();
  oidc.session.ensureClientContainer(oidc.client.clientId);
  oidc.session.grantIdFor(oidc.client.clientId, grantId);
}

/**
 * One oidc-provider instance per issuer, with the current signing keys: rebuilt (a cheap in-memory
 * object; all state is in PostgreSQL) when a rotation changed the keys. Without PUBLIC_URL the
 * issuer follows the request's origin, as every other URL of the service does; at most a few
 * origins are served (a client cannot grow this map by sending Host headers).
 */
export class OidcProviders {
  private readonly byIssuer = new Map<string, { provider: Promise<Provider>; kids: string; checkedAt: number }>();
  private static readonly MAX_ISSUERS = 4;

  constructor(
    private readonly runner: OperationRunner,
    private readonly log: Logger,
    private readonly trustProxy: boolean,
  ) {}

  async get(issuer: string, ops: OidcOperations): Promise<Provider> {
    const have = this.byIssuer.get(issuer);
    if (have && Date.now() - have.checkedAt < KEY_CHECK_MS) return have.provider;
    // the oldest one goes (it is rebuilt when asked for again): Host headers cannot crowd the configured origin out
    if (!have && this.byIssuer.size >= OidcProviders.MAX_ISSUERS) this.byIssuer.delete(this.byIssuer.keys().next().value!);
    const keys = (await ops.must<ProviderKeys>(null, PROVIDER_KEYS, {})).oidcProviderKeys as Array<Record<string, unknown>>;
    const kids = keys.map((k) => String(k.kid)).join(',');
    if (have && have.kids === kids) {
      have.checkedAt = Date.now();
      return have.provider;
    }
    const provider = Promise.resolve(this.build(issuer, keys));
    this.byIssuer.set(issuer, { provider, kids, checkedAt: Date.now() });
    return provider;
  }

  /** The operations of the current request, or (outside one) the provider's own. */
  private ops(issuer: string): OidcOperations {
    return currentOperations.getStore() ?? new OidcOperations(this.runner, issuer.replace(/\/oidc$/, ''), 'oidc');
  }

  private build(issuer: string, keys: Array<Record<string, unknown>>): Provider {
    const ops = () => this.ops(issuer);
    const mountPath = new URL(issuer).pathname.replace(/\/$/, '');
    // cookie signing keys shared by every instance, derived from the signing keys (CURRENT signs; older ones still verify)
    const cookieKeys = keys.map((k) => Buffer.from(hkdfSync('sha256', String(k.d), 'identity-api oidc cookies', String(k.kid), 32)).toString('base64url'));
    const policy = interactionPolicy.base();
    // an existing provider session of another organization's user does not answer a request that names an organization
    policy.get('login').checks.add(
      new interactionPolicy.Check('organization_mismatch', 'the signed-in user belongs to another organization than the request names', async (ctx) => {
        const accountId = ctx.oidc.session?.accountId as string | undefined;
        if (!accountId) return false;
        const wanted = await wantedOrganization(ops(), ctx.oidc.params as Record<string, unknown>);
        if (wanted.kind === 'none') return false;
        if (wanted.kind === 'unknown' && wanted.by === 'slug') return true;
        const account = await accountOf(ops(), accountId);
        if (!account) return true;
        // a login_hint whose domain no organization holds verified: answered only by the person it names
        if (wanted.kind === 'unknown')
          return !hintNames(String(ctx.oidc.params?.login_hint ?? ''), {
            userName: String(account.claims.preferred_username ?? ''),
            email: typeof account.claims.email === 'string' ? account.claims.email : null,
          });
        return account.organizationId !== wanted.org.id;
      }),
    );
    // the browser signed in here as someone else since (e.g. another person's IdP-initiated sign-in): that person, not the provider session's
    policy.get('login').checks.add(
      new interactionPolicy.Check('idm_session_changed', "this service's session names another person than the provider session", async (ctx) => {
        const accountId = ctx.oidc.session?.accountId as string | undefined;
        const cookie = accountId ? readSessionCookie(ctx.get('cookie')) : null;
        if (!cookie) return false;
        const live = await readIdmSession(ops(), cookie);
        return live !== null && live.session.user.id !== accountId;
      }),
    );
    const log = this.log;
    // before the login prompt's checks: prompt=none with no provider session, answered by the idm_session (silentLogin)
    policy.add(
      new interactionPolicy.Prompt(
        { name: 'idm_session', requestable: false },
        new interactionPolicy.Check('idm_session_silent', 'prompt=none answered by the browser session of this service', async (ctx) => {
          await silentLogin(ctx as AuthorizationContext, ops(), log);
          return false;
        }),
      ),
      0,
    );
    // after the login prompt (which answers login_required first), before consent: what a registered client asks for is granted (silentConsent)
    policy.add(
      new interactionPolicy.Prompt(
        { name: 'registered_consent', requestable: false },
        new interactionPolicy.Check('registered_consent_silent', 'prompt=none granted what the registered client asks for', async (ctx) => {
          await silentConsent(ctx as AuthorizationContext);
          return false;
        }),
      ),
      policy.findIndex((p) => (p as { name?: string }).name === 'consent'),
    );
    const provider = new Provider(issuer, {
      adapter: storageAdapter(ops),
      jwks: { keys },
      cookies: { keys: cookieKeys },
      claims: CLAIMS,
      scopes: ['openid', 'offline_access', 'email', 'profile', 'organization'],
      // deliberately: the ID token carries the claims of the granted scopes too, so a host
      // application has the person after the token exchange without a userinfo call (docs/OIDC.md)
      conformIdTokenClaims: false,
      extraParams: ['organization'],
      responseTypes: ['code'],
      clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
      enabledJWA: {
        idTokenSigningAlgValues: ['RS256'],
        userinfoSigningAlgValues: ['RS256'],
        introspectionSigningAlgValues: ['RS256'],
        authorizationSigningAlgValues: ['RS256'],
        requestObjectSigningAlgValues: ['RS256', 'PS256', 'ES256'],
        clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      },
      pkce: { required: (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod === 'none' },
      features: {
        devInteractions: { enabled: false },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx: { body: unknown; type: string; set(h: string, v: string): void }, form: string) => {
            ctx.type = 'html';
            ctx.set('Content-Security-Policy', PAGE_CSP.replace("form-action 'self'", "form-action 'self' *"));
            ctx.body = logoutPage(form);
          },
          postLogoutSuccessSource: async (ctx: { body: unknown; type: string }) => {
            ctx.type = 'html';
            ctx.body = loggedOutPage();
          },
        },
        revocation: { enabled: true },
        introspection: { enabled: false },
        userinfo: { enabled: true },
      },
      interactions: {
        policy,
        url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}`,
      },
      findAccount: async (_ctx: unknown, sub: string) => findAccount(ops(), sub),
      clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
        client.redirectUris.some((u) => {
          try {
            return new URL(u).origin === origin;
          } catch {
            return false;
          }
        }),
      renderError: async (ctx: { type: string; body: unknown; set(h: string, v: string): void; oidc?: { route?: string } }, out: Record<string, string>) => {
        ctx.type = 'html';
        ctx.set('Content-Security-Policy', PAGE_CSP);
        const reference = currentOperations.getStore()?.requestId ?? '';
        // end_session, end_session_confirm, end_session_success: a refused logout, not a sign-in
        const title = ctx.oidc?.route?.startsWith('end_session') ? 'Sign-out could not be completed' : 'Sign-in could not be completed';
        ctx.body = errorPage(title, `${out.error}: ${out.error_description ?? ''}`, reference);
      },
      ttl: {
        // short enough that a code not exchanged at once is dead
        AuthorizationCode: 60,
        Interaction: 600,
        AccessToken: 3600,
        IdToken: 3600,
        // deprovisioning ends these at once (docs/OIDC.md); otherwise a person signs in again after two weeks
        RefreshToken: 14 * 86400,
        Grant: 14 * 86400,
        Session: 14 * 86400,
      },
    });
    provider.proxy = this.trustProxy;
    // an https issuer (PUBLIC_URL) is reached over https whatever the last hop was (a TLS-terminating
    // proxy that sends no X-Forwarded-Proto, or TRUST_PROXY unset): the provider's cookies are Secure,
    // as idm_session is, instead of following the hop's scheme
    if (issuer.startsWith('https:')) Object.defineProperty(provider.app.request, 'secure', { get: () => true });
    // temporarily_unavailable (the database is down: oidc-context.ts) tells the client when to retry
    provider.use(async (ctx: { status: number; set(h: string, v: string): void }, next: () => Promise<void>) => {
      await next();
      if (ctx.status === 503) ctx.set('Retry-After', String(DATABASE_RETRY_SECONDS));
    });
    // the secret is stored as its SHA-256 (the client's `client_secret` metadata holds that hash)
    provider.Client.prototype.compareClientSecret = function (this: { clientSecret?: string }, actual: string) {
      return safeEqual(this.clientSecret ?? '', sha256(String(actual)));
    };
    // one delivery path for back-channel logout: the core's queue, retried until accepted (RP-initiated logout lands here)
    provider.Client.prototype.backchannelLogout = async function (this: { clientId: string }, sub: string, sid: string) {
      await ops().must(null, QUEUE_BACKCHANNEL_LOGOUT, { clientId: this.clientId, userId: sub, sid: sid ?? null });
    };
    provider.on('end_session.success', (ctx: Parameters<typeof routeEndSessionThroughSaml>[0] & { oidc: { session?: { accountId?: string } } }) => {
      // the way back to the app goes through the SAML logout while a SAML session is live (saml-logout-hop.ts)
      routeEndSessionThroughSaml(ctx, issuer);
      const userId = ctx.oidc.session?.accountId;
      if (!userId) return;
      ops()
        .must(null, RECORD_LOGOUT, { userId, clientId: ctx.oidc.client?.clientId ?? null })
        .catch((err) => log.error('OIDC logout event not recorded', { error: err }));
    });
    provider.on('server_error', (_ctx: unknown, err: unknown) => log.error('OIDC provider error', { error: err }));
    // a refusal names its OAuth error in the log, under the request's id (the request line has only its status)
    const refused = (
      ctx: { status?: number; oidc?: { client?: { clientId?: string } } },
      err: { status?: number; error?: string; error_description?: string },
    ) => {
      const requestId = currentOperations.getStore()?.requestId;
      (requestId ? log.child({ requestId }) : log).warn('OIDC request refused', {
        status: err.status ?? ctx.status,
        reason: err.error,
        detail: err.error_description,
        clientId: ctx.oidc?.client?.clientId ?? null,
      });
    };
    for (const event of ['authorization.error', 'grant.error', 'userinfo.error', 'revocation.error', 'end_session.error', 'end_session_confirm.error'])
      provider.on(event, refused);
    return provider;
  }
}

export type { InteractionDetails };

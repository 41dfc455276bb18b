/**
 * RP-initiated logout on to SAML Single Logout (docs/OIDC.md "Deprovisioning and logout"): when the
 * browser that logs out at `/oidc/session/end` (logging out everywhere, `logout=yes`) still has the
 * SAML session a sign-in opened (`idm_session`), the provider's redirect back to the application
 * goes through `/oidc/logout/saml` instead, which sends the browser to the organization's
 * `/saml/{org}/logout` (ending that session, and at the IdP when it does Single Logout) with itself
 * as the return-to; back there without a live session, it continues to the application's
 * registered post_logout_redirect_uri. The target is checked on every pass: the client's registered
 * URI (its `state` aside) or a page of this provider, never an open redirect.
 */
import type Koa from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from '../shared/logger.js';
import { ACCOUNT, type Account } from './operations.js';
import { readIdmSession } from './idm-session.js';
import { readSessionCookie } from '../shared/session-cookie.js';
import type { OidcOperations } from './oidc-context.js';
import { errorPage, PAGE_CSP } from './pages.js';

export const SAML_LOGOUT_HOP_PATH = '/oidc/logout/saml';

interface EndSessionContext {
  get(header: string): string;
  redirect(url: string): void;
  oidc: { params?: { logout?: unknown }; client?: { clientId: string } };
}

/**
 * Called from the provider's `end_session.success` (emitted just before its redirect): with a SAML
 * session cookie in the browser and a logout from everywhere, the redirect it is about to make goes
 * through the hop instead.
 */
export function routeEndSessionThroughSaml(ctx: EndSessionContext, issuer: string): void {
  if (!ctx.oidc.params?.logout || !readSessionCookie(ctx.get('cookie'))) return;
  const redirect = ctx.redirect.bind(ctx);
  const clientId = ctx.oidc.client?.clientId;
  ctx.redirect = (to: string) =>
    // the provider ending its session of the person before to sign in another one in this browser
    // (back to the authorization it resumes, see idm_session_changed in provider.ts) is no logout
    // from the IdP: the new person's SAML session stays
    to.startsWith(`${issuer}/auth/`)
      ? redirect(to)
      : redirect(`${issuer}/logout/saml?${new URLSearchParams({ to, ...(clientId ? { client_id: clientId } : {}) })}`);
}

/** GET /oidc/logout/saml?to=…&client_id=…: on to the SAML logout while a SAML session is live, else to `to`. */
export async function samlLogoutHop(ctx: Koa.Context, deps: { provider: Provider; ops: OidcOperations; log: Logger; base: string }): Promise<void> {
  const to = typeof ctx.query.to === 'string' ? ctx.query.to : '';
  const clientId = typeof ctx.query.client_id === 'string' ? ctx.query.client_id : '';
  if (!(await allowedTarget(deps, to, clientId))) {
    deps.log.warn('OIDC logout hop refused', { ref: deps.ops.requestId, reason: 'logout.target.refused', path: ctx.path });
    ctx.status = 400;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PAGE_CSP);
    ctx.body = errorPage('Sign-out could not be completed', 'The page to return to after sign-out is not registered.', deps.ops.requestId);
    return;
  }
  const slug = await liveSamlSessionSlug(ctx, deps.ops);
  // absolute, from PUBLIC_URL: behind a proxy that strips a path prefix, a bare path would lack it
  const back = `${deps.base}${SAML_LOGOUT_HOP_PATH}?${new URLSearchParams({ to, ...(clientId ? { client_id: clientId } : {}) })}`;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.redirect(slug ? `${deps.base}/saml/${encodeURIComponent(slug)}/logout?${new URLSearchParams({ returnTo: back })}` : to);
  ctx.status = 303;
}

/** A page of this provider (its end-session success page), or a post_logout_redirect_uri the client registered, with the provider's `state` added. */
async function allowedTarget(deps: { provider: Provider; base: string }, to: string, clientId: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    return false;
  }
  if (to.length > 1500 || /[\s\\]/.test(to)) return false;
  // the provider's own pages, under PUBLIC_URL's path prefix when it has one
  const own = new URL(`${deps.base}/oidc/session/end/`);
  if (url.origin === own.origin && url.pathname.startsWith(own.pathname)) return true;
  if (!clientId || clientId.length > 100) return false;
  // oidc-provider's Client.find (not in our declaration of its types, oidc-provider.d.ts)
  const clients = deps.provider.Client as unknown as { find(id: string): Promise<{ postLogoutRedirectUriAllowed(uri: string): boolean } | undefined> };
  const client = await clients.find(clientId);
  if (!client) return false;
  url.searchParams.delete('state');
  const registered = url.href.replace(/\?$/, '');
  return client.postLogoutRedirectUriAllowed(registered);
}

/** The organization slug of the browser's live SAML session (null without one). */
async function liveSamlSessionSlug(ctx: Koa.Context, ops: OidcOperations): Promise<string | null> {
  const cookie = readSessionCookie(ctx.get('cookie'));
  const live = cookie && (await readIdmSession(ops, cookie));
  if (!live) return null;
  const a = await ops.run<Account>(null, ACCOUNT, { userId: live.session.user.id });
  const slug = a.ok ? (a.data.oidcAccount?.claims as Record<string, unknown> | undefined)?.org_slug : null;
  return typeof slug === 'string' && slug ? slug : null;
}

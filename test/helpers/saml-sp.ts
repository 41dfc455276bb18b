/**
 * Drives the SAML adapter over real HTTP like a browser does: follows the login redirect to read the
 * AuthnRequest, posts responses from a TestIdp to the ACS, and reads the session cookie. Plus the
 * checks every refusal must pass (4xx, no session cookie, the reference on the page).
 */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import type { TestServer } from './harness.js';
import type { OrgFixture } from './fixtures.js';
import type { ResponseOptions, TestIdp } from './saml-idp.js';
import { ConfigureSamlConnectionDocument, EventsDocument, UsersDocument, type SamlConnectionInput } from '../generated/graphql.js';

export interface Sp {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  loginUrl: string;
}

/** Configures the organization's SAML connection to trust `idp` (imported from its metadata) and returns the SP side. */
export async function connectIdp(t: TestServer, org: OrgFixture, idp: TestIdp, input: SamlConnectionInput = {}): Promise<Sp> {
  const r = await t.gql(ConfigureSamlConnectionDocument, { organizationId: org.id, input: { idpMetadataXml: idp.metadataXml(), ...input } }, org.key);
  return r.configureSamlConnection.serviceProvider;
}

/** Response options addressed to this SP (Destination, Recipient, Audience), for an SP- or IdP-initiated sign-in. */
export function to(sp: Sp, opts: ResponseOptions = {}): ResponseOptions {
  return { destination: sp.acsUrl, recipient: sp.acsUrl, audience: sp.entityId, inResponseTo: null, ...opts };
}

export interface HttpResult {
  status: number;
  location: string | null;
  /** The `idm_session` cookie value set by the response ('' when it clears it), or null when it sets none. */
  sessionCookie: string | null;
  setCookies: string[];
  requestId: string | null;
  contentType: string | null;
  text: string;
}

export async function read(res: Response): Promise<HttpResult> {
  const setCookies = res.headers.getSetCookie();
  const session = setCookies.find((c) => c.startsWith('idm_session='));
  return {
    status: res.status,
    location: res.headers.get('location'),
    sessionCookie: session === undefined ? null : session.slice('idm_session='.length).split(';')[0]!,
    setCookies,
    requestId: res.headers.get('x-request-id'),
    contentType: res.headers.get('content-type'),
    text: await res.text(),
  };
}

/** POSTs an HTTP-POST binding form to the ACS of `slug` (no redirects followed). */
export async function postAcs(
  baseUrl: string,
  slug: string,
  samlResponse: string,
  relayState?: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState !== undefined ? { RelayState: relayState } : {}) });
  const res = await fetch(`${baseUrl}/saml/${slug}/acs`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
  return read(res);
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return read(await fetch(url, { redirect: 'manual', headers }));
}

export interface StartedLogin {
  http: HttpResult;
  /** The IdP URL the browser is sent to. */
  redirect: URL;
  /** The AuthnRequest XML and its ID (what the response's InResponseTo must echo). */
  authnRequestXml: string;
  requestId: string;
  /** The browser binding cookie's value (set over https only), to send back with the response. */
  binding: string | null;
}

/** GET /saml/{org}/login like a browser, decoding the AuthnRequest from the redirect. */
export async function startLogin(baseUrl: string, slug: string, returnTo?: string, headers: Record<string, string> = {}): Promise<StartedLogin> {
  const http = await get(`${baseUrl}/saml/${slug}/login${returnTo !== undefined ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, headers);
  assert.equal(http.status, 302, `login should redirect to the IdP: ${http.status} ${http.text.slice(0, 300)}`);
  const redirect = new URL(http.location!);
  const xml = inflateRawSync(Buffer.from(redirect.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  const id = / ID="([^"]+)"/.exec(xml)?.[1];
  assert.ok(id, 'the AuthnRequest has an ID');
  const set = http.setCookies.find((c) => c.startsWith('idm_saml_binding='));
  return { http, redirect, authnRequestXml: xml, requestId: id, binding: set ? set.slice('idm_saml_binding='.length).split(';')[0]! : null };
}

/** The Cookie header a browser sends back with the binding cookie of a started login. */
export const bindingHeader = (login: StartedLogin): Record<string, string> => (login.binding ? { cookie: `idm_saml_binding=${login.binding}` } : {});

export const cookieHeader = (sessionCookie: string) => ({ cookie: `idm_session=${sessionCookie}` });

/** GET /auth/session with the cookie. */
export async function sessionOf(baseUrl: string, sessionCookie: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${baseUrl}/auth/session`, { headers: cookieHeader(sessionCookie) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** What must hold for every refused sign-in: 4xx, an HTML page with the reference (= request id), no session cookie. */
export function assertRefused(r: HttpResult, status?: number): void {
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx refusal, got ${r.status} (location ${r.location}): ${r.text.slice(0, 400)}`);
  if (status !== undefined) assert.equal(r.status, status, r.text.slice(0, 400));
  assert.equal(r.sessionCookie, null, 'no session cookie on a refusal');
  assert.equal(r.location, null, 'no redirect on a refusal');
  assert.match(r.contentType ?? '', /^text\/html/);
  assert.ok(r.requestId, 'the response has a request id');
  assert.ok(r.text.includes(`<code id="reference">${r.requestId}</code>`), 'the page shows the reference (the request id, also on the log line)');
}

/** Users and the last event sequence of the organization: refusals must leave both unchanged. */
export async function snapshot(t: TestServer, org: OrgFixture): Promise<{ users: number; lastSequence: number }> {
  const users = (await t.gql(UsersDocument, { organizationId: org.id }, org.key)).users.totalCount!;
  const events = (await t.gql(EventsDocument, { organizationId: org.id, order: 'DESC', first: 1 }, org.key)).events.nodes;
  return { users, lastSequence: events[0]?.sequence ?? 0 };
}

/**
 * A browser for OpenID Connect end-to-end tests: keeps cookies (by name, per host), follows
 * redirects one by one, and hands the SAML step to a TestIdp like a person at the IdP would.
 */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import type { ResponseOptions, TestIdp } from './saml-idp.js';
import { to, type Sp } from './saml-sp.js';

export interface Step {
  url: string;
  status: number;
  location: string | null;
  text: string;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Step> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() } });
    this.keep(res);
    const location = res.headers.get('location');
    return { url, status: res.status, location: location ? new URL(location, url).href : null, text: await res.text() };
  }

  /** Follows redirects from `url` until a response that is not one, or one leaving for `stopAt` (an origin or URL prefix). */
  async follow(url: string, stopAt: string[], init: RequestInit = {}): Promise<Step> {
    let step = await this.request(url, init);
    for (let i = 0; i < 20 && step.location && !stopAt.some((s) => step.location!.startsWith(s)); i++) step = await this.request(step.location);
    return step;
  }

  /**
   * From an authorization URL to the redirect back to the client (or the page where it stops): the
   * SAML login goes to `idp`, which answers for `nameId` with `attributes`.
   */
  async signIn(
    authUrl: string,
    opts: { idp: TestIdp; sp: Sp; nameId: string; attributes?: Record<string, string[]>; redirectUri: string; response?: ResponseOptions },
  ): Promise<Step> {
    let step = await this.follow(authUrl, [opts.idp.ssoUrl, opts.redirectUri]);
    if (!step.location?.startsWith(opts.idp.ssoUrl)) return step;
    const samlRequest = new URL(step.location).searchParams.get('SAMLRequest')!;
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    const id = / ID="([^"]+)"/.exec(xml)?.[1];
    assert.ok(id, 'an AuthnRequest');
    const response = opts.idp.response(
      to(opts.sp, { inResponseTo: id, nameId: opts.nameId, ...(opts.attributes ? { attributes: opts.attributes } : {}), ...opts.response }),
    );
    step = await this.follow(opts.sp.acsUrl, [opts.redirectUri], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ SAMLResponse: response }).toString(),
    });
    return step;
  }
}

import type Koa from 'koa';

/** The last element of a comma-separated header (the one the nearest proxy appended). */
function nearest(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value.join(',') : value;
  if (!v) return undefined;
  const parts = v.split(',');
  return parts[parts.length - 1]!.trim() || undefined;
}

/**
 * The origin (`https://id.example.com`) this request reached, for the absolute URLs the adapters
 * write (SCIM `meta.location`, SAML entity id and ACS URL) when PUBLIC_URL is not set.
 *
 * Behind a proxy (`app.proxy`, TRUST_PROXY) it comes from `X-Forwarded-Proto` and `-Host`, taking
 * the value the nearest proxy appended (the last one), as for `X-Forwarded-For`: Koa takes the
 * first, which the client chooses when a proxy appends to what it sent. A port that the proxy sends
 * only in `X-Forwarded-Port` is added. Without a proxy, the socket and the `Host` header count.
 */
export function requestOrigin(ctx: Koa.Context): string {
  if (!ctx.app.proxy) return `${ctx.protocol}://${ctx.host}`;
  const proto = nearest(ctx.headers['x-forwarded-proto'])?.toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : ctx.protocol;
  let host = nearest(ctx.headers['x-forwarded-host']) ?? ctx.headers.host ?? '';
  const port = nearest(ctx.headers['x-forwarded-port']);
  const hasPort = /:\d+$/.test(host) && !host.endsWith(']');
  if (port && /^\d{1,5}$/.test(port) && !hasPort && port !== (scheme === 'https' ? '443' : '80')) host = `${host}:${port}`;
  return `${scheme}://${host}`;
}

/**
 * Where a sign-in may land: a path on this service, or an absolute URL on this service's own origin
 * or (https only) on a host the organization allows. Everything else is refused, so the SAML
 * endpoints can never be used as an open redirect.
 */
export const MAX_RETURN_TO_LENGTH = 2048;

export type ReturnToCheck = { ok: true; url: string } | { ok: false; why: string };

/**
 * `publicUrl` is this service's external base URL; `allowedHosts` are `host` or `host:port` entries,
 * lower-case, compared with the URL's host exactly (no wildcards).
 */
export function checkReturnTo(value: unknown, publicUrl: string, allowedHosts: readonly string[]): ReturnToCheck {
  if (typeof value !== 'string') return { ok: false, why: 'not a single value' };
  if (value.length === 0) return { ok: false, why: 'empty' };
  if (value.length > MAX_RETURN_TO_LENGTH) return { ok: false, why: `longer than ${MAX_RETURN_TO_LENGTH} characters` };
  // browsers strip tabs/newlines and read "\" as "/" in http(s) URLs: "/\evil.example" is "//evil.example"
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return { ok: false, why: 'contains whitespace, control characters or a backslash' };
  const self = new URL(publicUrl);
  if (value.startsWith('/')) {
    if (value.startsWith('//')) return { ok: false, why: 'a scheme-relative URL ("//host") points to another host' };
    let resolved: URL;
    try {
      resolved = new URL(value, self.origin);
    } catch {
      return { ok: false, why: 'not a valid path' };
    }
    if (resolved.origin !== self.origin) return { ok: false, why: 'the path resolves to another origin' };
    return { ok: true, url: value };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, why: 'neither a path starting with "/" nor an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, why: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, why: 'URLs with credentials are not allowed' };
  if (url.origin === self.origin) return { ok: true, url: url.href };
  if (url.protocol !== 'https:') return { ok: false, why: 'another host is allowed over https only' };
  if (allowedHosts.includes(url.host)) return { ok: true, url: url.href };
  return { ok: false, why: `host ${url.host} is not in the allowed redirect hosts` };
}

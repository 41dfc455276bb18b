/**
 * Where a sign-in may land: a path on this service, or an absolute URL on this service's own origin
 * or (https only) on a host the organization allows. Everything else is refused, so the SAML
 * endpoints can never be used as an open redirect. What is allowed comes back as an ASCII URL that
 * a `Location` header can carry.
 */
export const MAX_RETURN_TO_LENGTH = 2048;

export type ReturnToCheck = { ok: true; url: string } | { ok: false; why: string };

/**
 * Characters no return-to may hold: controls (C0, DEL, C1: Unicode Cc), format characters (bidi
 * overrides, zero-width characters, the BOM, the soft hyphen: Cf), every space and the line and
 * paragraph separators (U+2028, U+2029: Z), lone surrogates (Cs), and the backslash. Browsers strip
 * tabs and newlines and read "\" as "/" in http(s) URLs ("/\evil.example" is "//evil.example"); the
 * others have no place in a link a person follows, and make a URL read differently than it goes.
 */
const REFUSED_CHARACTERS = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}\\]/u;

/** Whether a redirect target holds a character of REFUSED_CHARACTERS. */
export function hasRefusedCharacters(url: string): boolean {
  return REFUSED_CHARACTERS.test(url);
}

/**
 * The URL with every non-ASCII character percent-encoded as UTF-8 (what a browser sends for a link
 * holding it, and all an HTTP header may carry: Node refuses a header value with a character above
 * U+00FF, and one in U+0080…U+00FF would go out as a single Latin-1 byte, not the UTF-8 a URL
 * means). ASCII is kept as given, existing escapes included. A lone surrogate becomes U+FFFD.
 */
export function asciiUrl(url: string): string {
  return url.replace(/[^\u0000-\u007f]+/g, (s) =>
    Buffer.from(s, 'utf8')
      .toString('hex')
      .replace(/../g, (h) => `%${h.toUpperCase()}`),
  );
}

/**
 * `publicUrl` is this service's external base URL; `allowedHosts` are `host` or `host:port` entries,
 * lower-case, compared with the URL's host exactly (no wildcards). An allowed return-to comes back
 * with its non-ASCII characters percent-encoded (a path) or as the URL's serialization (an absolute
 * URL: punycode host, percent-encoded path, query and fragment).
 */
export function checkReturnTo(value: unknown, publicUrl: string, allowedHosts: readonly string[]): ReturnToCheck {
  const checked = check(value, publicUrl, allowedHosts);
  if (checked.ok && checked.url.length > MAX_RETURN_TO_LENGTH) return { ok: false, why: `longer than ${MAX_RETURN_TO_LENGTH} characters once percent-encoded` };
  return checked;
}

function check(value: unknown, publicUrl: string, allowedHosts: readonly string[]): ReturnToCheck {
  if (typeof value !== 'string') return { ok: false, why: 'not a single value' };
  if (value.length === 0) return { ok: false, why: 'empty' };
  if (value.length > MAX_RETURN_TO_LENGTH) return { ok: false, why: `longer than ${MAX_RETURN_TO_LENGTH} characters` };
  if (hasRefusedCharacters(value)) {
    return { ok: false, why: 'contains whitespace, a control, format or line-separator character (such as U+2028), or a backslash' };
  }
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
    return { ok: true, url: asciiUrl(value) };
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

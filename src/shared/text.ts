/** A NUL character or any surrogate: the strings worth the exact check below. */
const SUSPECT = /[\u0000\ud800-\udfff]/;
/** A NUL character, or a UTF-16 surrogate that is not half of a pair. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string cannot be stored as text (PostgreSQL refuses both; a lone surrogate is no character),
 * or null. The GraphQL inputs and the SCIM filter parser refuse the same text with it.
 */
export function unstorableText(s: string): string | null {
  if (!SUSPECT.test(s)) return null; // the common case, with a cheaper expression
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character (\\u0000)' : 'contains an unpaired UTF-16 surrogate (not a character)';
}

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value escaped for XML and HTML alike (SAML messages and metadata, the plain pages). */
export function escapeMarkup(s: string): string {
  return s.replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

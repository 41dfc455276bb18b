import { createHash, timingSafeEqual } from 'node:crypto';

/** The SHA-256 of a secret as hex: how every stored secret is kept (credentials, setup links, OIDC client secrets). */
export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests (or any equal-length strings). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A certificate's SHA-256 fingerprint (of the DER, given in base64): upper-case hex pairs and colons, as IdP consoles show it. */
export function certificateFingerprint(base64Der: string): string {
  return (createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
}

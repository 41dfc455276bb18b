import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets look like `idm_<kind>_<lookupId>_<secret>`. The lookup id (public, indexed) finds
 * the credential row; only the SHA-256 of the whole token is stored and it is compared in constant
 * time. Secrets carry 256 bits of entropy, so a fast hash is enough (no password stretching needed).
 */
export type SecretKind = 'scim' | 'key' | 'admin' | 'setup';

export interface NewSecret {
  token: string;
  lookupId: string;
  hash: string;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

export function newSecret(kind: SecretKind): NewSecret {
  const lookupId = randomBytes(9).toString('base64url');
  const token = `idm_${kind}_${lookupId}_${randomBytes(32).toString('base64url')}`;
  return { token, lookupId, hash: sha256(token) };
}

const TOKEN_RE = /^idm_(scim|key|admin|setup)_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;

export function parseToken(token: string): { kind: SecretKind; lookupId: string } | undefined {
  const m = TOKEN_RE.exec(token);
  return m ? { kind: m[1] as SecretKind, lookupId: m[2]! } : undefined;
}

/** Constant-time comparison of two hex digests (or any equal-length strings). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

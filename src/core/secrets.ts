import { randomBytes } from 'node:crypto';
import { sha256 } from '../shared/digest.js';

export { safeEqual, sha256 } from '../shared/digest.js';

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

/** The start of a token, kind and lookup id, whatever follows: a token cut short or mistyped still names its credential. */
const TOKEN_START_RE = /^idm_(scim|key|admin|setup)_([A-Za-z0-9_-]{12})_/;

/** The kind and lookup id a token names, even one that is not whole (parseToken takes only a well-formed one). */
export function namedCredential(token: string): { kind: SecretKind; lookupId: string } | undefined {
  const m = TOKEN_START_RE.exec(token);
  return m ? { kind: m[1] as SecretKind, lookupId: m[2]! } : undefined;
}

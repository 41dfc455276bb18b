import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for secrets the service must read back (the SAML SP private keys): AES-256-GCM
 * under a key derived (HKDF-SHA256) from SECRETS_KEY. Stored form: `enc:v1:<keyId>:<iv>:<tag>:<data>`
 * (base64url parts; keyId names the key that sealed it). With several keys configured, the first
 * seals and all open, so SECRETS_KEY can be rotated (see resealSecrets). Without SECRETS_KEY,
 * secrets are stored as given, and values that are not sealed are always read as they are.
 *
 * The keys are the process's configuration, set once at start (configureSecretKeys).
 */
const PREFIX = 'enc:v1:';

interface Key {
  id: string;
  key: Buffer;
}

let keys: Key[] = [];

function derive(secret: string): Key {
  const key = Buffer.from(hkdfSync('sha256', secret, 'identity-api secret-box', 'v1 aes-256-gcm', 32));
  const id = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  return { id, key };
}

/** Sets the process's keys (the first seals, all open); an empty list stores secrets as given. */
export function configureSecretKeys(secrets: readonly string[]): void {
  keys = secrets.map(derive);
}

/** The ids of the configured keys (the part of a sealed value after `enc:v1:` naming the key that sealed it). */
export function heldKeyIds(): string[] {
  return keys.map((k) => k.id);
}

/** The id of the key that sealed `stored` (null: stored as given). */
export function sealingKeyId(stored: string): string | null {
  return isSealed(stored) ? stored.slice(PREFIX.length).split(':')[0]! : null;
}

function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** Whether `stored` is as the configured keys would store it now (sealed with the first key, or plain without keys). */
export function isCurrent(stored: string): boolean {
  if (keys.length === 0) return !isSealed(stored);
  return stored.startsWith(`${PREFIX}${keys[0]!.id}:`);
}

export class SecretKeyError extends Error {}

/** The stored form of `plain`: sealed with the first configured key, or `plain` itself without keys. */
export function seal(plain: string): string {
  const k = keys[0];
  if (!k) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${k.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${data.toString('base64url')}`;
}

/** The plaintext of a stored secret. Throws SecretKeyError when it is sealed with a key this process does not have. */
export function open(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, iv, tag, data] = stored.slice(PREFIX.length).split(':');
  const k = keys.find((x) => x.id === id);
  if (!k || !iv || !tag || data === undefined) {
    throw new SecretKeyError(
      `a stored secret is sealed with key ${id ?? '?'}, which SECRETS_KEY does not hold (${keys.length ? `it holds ${keys.map((x) => x.id).join(', ')}` : 'SECRETS_KEY is not set'})`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError(`a stored secret sealed with key ${id} does not authenticate (damaged)`);
  }
}

/**
 * Which keys seal the SAML SP private keys at rest (core/secret-box.ts), decided once at start:
 *
 * - `SECRETS_KEY` set: its keys (the first seals, all open).
 * - The embedded database (no DATABASE_URL): a key generated at the first start and kept in
 *   `DATA_DIR/secrets-key` (mode 0600), beside the database's generated password, so the default
 *   installation seals. With `SECRETS_KEY` set as well, that file's key (when it exists) still opens,
 *   so the keys it sealed are resealed with `SECRETS_KEY` at that start (as a rotation).
 * - DATABASE_URL without `SECRETS_KEY`: refused under NODE_ENV=production (the keys would be stored
 *   unencrypted in a database that backups and replicas copy); otherwise none, and the start warns.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config.js';
import type { Logger } from '../shared/logger.js';

/** The file in DATA_DIR holding the generated key. */
export const SECRETS_KEY_FILE = 'secrets-key';

/** A start that must not go on without SECRETS_KEY (or with an unreadable key file). */
export class SecretsKeyError extends Error {}

/** The key kept in `dataDir`, created (32 random bytes, mode 0600) when `create` and there is none; undefined when absent and not created. */
export function dataDirSecretsKey(dataDir: string, log: Logger, create: boolean): string | undefined {
  const file = path.join(path.resolve(dataDir), SECRETS_KEY_FILE);
  let key: string;
  try {
    key = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create) return undefined;
    mkdirSync(path.dirname(file), { recursive: true });
    key = randomBytes(32).toString('base64url');
    try {
      // wx: two processes starting at once on one DATA_DIR keep one key (the loser reads it below)
      writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
      log.info('generated a secrets key for the SAML SP private keys (SECRETS_KEY is not set); keep it with the data folder, it is needed to read them', {
        file,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      key = readFileSync(file, 'utf8').trim();
    }
  }
  if (key.length < 32) {
    // never replaced silently: the keys it sealed could not be read again
    throw new SecretsKeyError(
      `${file} holds no usable secrets key (${key.length} characters; at least 32 expected): restore it from a backup of the data folder, or set SECRETS_KEY`,
    );
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    log.warn('the secrets key file was readable by other users: its mode is now 0600', { file });
  }
  return key;
}

/** The keys this start seals and opens with (see the top of this file); throws SecretsKeyError when it must not start. */
export function secretsKeysAtStart(config: Pick<Config, 'secretsKeys' | 'databaseUrl' | 'dataDir'>, nodeEnv: string | undefined, log: Logger): string[] {
  if (!config.databaseUrl) {
    if (!config.secretsKeys.length) return [dataDirSecretsKey(config.dataDir, log, true)!];
    const generated = dataDirSecretsKey(config.dataDir, log, false);
    return generated === undefined || config.secretsKeys.includes(generated) ? config.secretsKeys : [...config.secretsKeys, generated];
  }
  if (!config.secretsKeys.length && nodeEnv === 'production') {
    throw new SecretsKeyError(
      'SECRETS_KEY is not set: with NODE_ENV=production and DATABASE_URL the SAML SP private keys would be stored unencrypted in the database. Set SECRETS_KEY to at least 32 random characters (openssl rand -base64 32) and keep it apart from the database',
    );
  }
  return config.secretsKeys;
}

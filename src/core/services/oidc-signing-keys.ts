import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { CoreContext } from '../access.js';
import { sql, type Em } from '../db.js';
import { forbidden, badInput } from '../errors.js';
import { holdAdvisoryLock, OIDC_SIGNING_KEYS_LOCK } from '../locks.js';
import { isCurrent, open, seal, sealingKeyId, SecretKeyError } from '../secret-box.js';
import { transact } from './transaction.js';

/**
 * The OpenID Connect signing keys (RS256, 2048-bit RSA), sealed with SECRETS_KEY. Rotation with
 * overlap: NEXT is published in the JWKS from its creation on but signs nothing; `rotate` makes it
 * CURRENT (relying parties have had it cached since), makes the old CURRENT RETIRED (still published,
 * for tokens it signed, until `retireAt`), and creates a new NEXT.
 */

export const SIGNING_ALG = 'RS256';
/** How long a retired key stays published by default: longer than any token it signed lives (a day). */
export const DEFAULT_RETIRE_SECONDS = 86400;
const MAX_RETIRE_SECONDS = 30 * 86400;

export interface SigningKeyRow {
  kid: string;
  state: 'NEXT' | 'CURRENT' | 'RETIRED';
  created_at: Date | string;
  activated_at: Date | string | null;
  retire_at: Date | string | null;
}

export function requireOidcAdapter(ctx: CoreContext, what: string): void {
  if (ctx.principal.kind !== 'OIDC') throw forbidden(`only the OpenID Connect adapter may ${what}`);
}

function newPrivateJwk(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomBytes(12).toString('base64url'), alg: SIGNING_ALG, use: 'sig' };
}

async function insertKey(em: Em, state: 'NEXT' | 'CURRENT'): Promise<string> {
  const jwk = newPrivateJwk();
  await sql(
    em,
    `insert into oidc_signing_keys (kid, private_jwk, state, created_at, activated_at) values (?, ?, ?, now(), ${state === 'CURRENT' ? 'now()' : 'null'})`,
    [jwk.kid, seal(JSON.stringify(jwk)), state],
  );
  return jwk.kid!;
}

/** Creates a CURRENT and a NEXT key when there are none (the first start; instances take turns). */
async function ensureKeys(em: Em): Promise<void> {
  const [has] = await sql<{ current: boolean; next: boolean }>(
    em,
    `select exists (select 1 from oidc_signing_keys where state = 'CURRENT') as current, exists (select 1 from oidc_signing_keys where state = 'NEXT') as next`,
  );
  if (has?.current && has.next) return;
  await em.transactional(async (tx) => {
    await holdAdvisoryLock(tx as Em, OIDC_SIGNING_KEYS_LOCK, 'oidc');
    const [again] = await sql<{ current: boolean; next: boolean }>(
      tx as Em,
      `select exists (select 1 from oidc_signing_keys where state = 'CURRENT') as current, exists (select 1 from oidc_signing_keys where state = 'NEXT') as next`,
    );
    if (!again?.current) await insertKey(tx as Em, 'CURRENT');
    if (!again?.next) await insertKey(tx as Em, 'NEXT');
  });
}

/** A stored key as this instance reads it: `jwk` null when SECRETS_KEY does not open it. */
interface OpenedKey {
  kid: string;
  state: SigningKeyRow['state'];
  jwk: JWK | null;
  sealedWith: string | null;
}

/** A stored key's row as publishedKeys and replaceUnreadableKeys read it. */
type StoredKey = { kid: string; state: SigningKeyRow['state']; private_jwk: string };

function openKey(row: StoredKey): OpenedKey {
  let jwk: JWK | null = null;
  try {
    jwk = JSON.parse(open(row.private_jwk)) as JWK;
  } catch (e) {
    if (!(e instanceof SecretKeyError)) throw e;
  }
  return { kid: row.kid, state: row.state, jwk, sealedWith: sealingKeyId(row.private_jwk) };
}

/** The published keys (CURRENT, NEXT, RETIRED not yet past `retireAt`), in that order, RETIRED newest first. */
async function publishedKeys(em: Em): Promise<OpenedKey[]> {
  const rows = await sql<StoredKey>(
    em,
    `select kid, state, private_jwk from oidc_signing_keys where state <> 'RETIRED' or retire_at > now()
      order by case state when 'CURRENT' then 0 when 'NEXT' then 1 else 2 end, created_at desc`,
  );
  return rows.map(openKey);
}

/**
 * The key this instance signs with: CURRENT, or NEXT when SECRETS_KEY does not open CURRENT (NEXT is
 * published since its creation, so relying parties have it). A RETIRED key never signs: it leaves
 * the JWKS at `retireAt`, before tokens signed now would expire.
 */
function signingKey(keys: OpenedKey[]): (OpenedKey & { jwk: JWK }) | undefined {
  return keys.find((k): k is OpenedKey & { jwk: JWK } => k.jwk !== null && k.state !== 'RETIRED');
}

/** Keys that do not open already named in this process's log (by the start, or here): each is named once. */
const named = new Set<string>();

/**
 * When SECRETS_KEY opens neither CURRENT nor NEXT (both sealed with a key that is gone, or that this
 * instance does not hold): under the signing keys' lock, if that is still so, both become RETIRED
 * (still published for `DEFAULT_RETIRE_SECONDS` by the instances that can open them, for the tokens
 * they signed) and a new CURRENT and NEXT are made, sealed with the first SECRETS_KEY, as on the first
 * start. Instances asking together make one pair: the others find it readable under the lock.
 */
async function replaceUnreadableKeys(ctx: CoreContext): Promise<void> {
  const replaced = await transact(ctx, null, async (em, events) => {
    await holdAdvisoryLock(em, OIDC_SIGNING_KEYS_LOCK, 'oidc');
    const rows = await sql<StoredKey>(em, `select kid, state, private_jwk from oidc_signing_keys where state in ('CURRENT', 'NEXT')`);
    const keys = rows.map(openKey);
    if (signingKey(keys)) return null; // another instance made them, or a readable one was made since
    await sql(em, `update oidc_signing_keys set state = 'RETIRED', retire_at = now() + make_interval(secs => ?) where state in ('CURRENT', 'NEXT')`, [
      DEFAULT_RETIRE_SECONDS,
    ]);
    const current = await insertKey(em, 'CURRENT');
    const next = await insertKey(em, 'NEXT');
    const unreadable = keys.map((k) => k.kid);
    const retired = keys.find((k) => k.state === 'CURRENT')?.kid ?? null;
    events.push({
      type: 'OIDC_SIGNING_KEYS_ROTATED',
      subjectType: 'OIDC_CLIENT',
      subjectId: null,
      subjectLabel: 'signing keys',
      data: { current, next, retired, retireAfterSeconds: DEFAULT_RETIRE_SECONDS, unreadable },
    });
    return { current, next, unreadable, sealedWith: [...new Set(keys.map((k) => k.sealedWith))] };
  });
  if (replaced) ctx.log?.warn('OpenID Connect signing keys replaced: SECRETS_KEY opens neither the CURRENT nor the NEXT key', replaced);
}

/**
 * The private JWKs the provider signs and publishes with, the signing key first (oidc-provider signs
 * with the first key of an algorithm; signingKey), then the other published keys it can open. A key
 * SECRETS_KEY does not open is left out (not published, signs nothing) and named once in the log; when
 * it opens neither CURRENT nor NEXT, they are replaced (replaceUnreadableKeys). Creates the first keys
 * if needed. The OIDC adapter only: private keys leave the core for it alone.
 */
export async function providerSigningKeys(ctx: CoreContext): Promise<JWK[]> {
  requireOidcAdapter(ctx, 'read the signing keys');
  await ensureKeys(ctx.em);
  let keys = await publishedKeys(ctx.em);
  if (!signingKey(keys)) {
    await replaceUnreadableKeys(ctx);
    keys = await publishedKeys(ctx.em);
  }
  for (const k of keys) {
    if (k.jwk || named.has(k.kid)) continue;
    named.add(k.kid);
    ctx.log?.warn('an OpenID Connect signing key is sealed with a key SECRETS_KEY does not hold: it is not published and signs nothing', {
      kid: k.kid,
      state: k.state,
      sealedWith: k.sealedWith,
    });
  }
  const signer = signingKey(keys);
  if (!signer) throw new Error('no OpenID Connect signing key SECRETS_KEY opens: CURRENT and NEXT were replaced with keys sealed with a key it does not hold');
  return [signer.jwk, ...keys.filter((k) => k !== signer && k.jwk).map((k) => k.jwk!)];
}

export async function listSigningKeys(ctx: CoreContext): Promise<SigningKeyRow[]> {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden('only a platform key sees the OpenID Connect signing keys');
  return sql<SigningKeyRow>(
    ctx.em,
    `select kid, state, created_at, activated_at, retire_at from oidc_signing_keys where state <> 'RETIRED' or retire_at > now()
      order by case state when 'CURRENT' then 0 when 'NEXT' then 1 else 2 end, created_at desc`,
  );
}

/** NEXT becomes CURRENT, CURRENT becomes RETIRED (published for `retireAfterSeconds`), a new NEXT is made; expired keys are deleted. */
export async function rotateSigningKeys(ctx: CoreContext, retireAfterSeconds: number): Promise<SigningKeyRow[]> {
  if (ctx.principal.kind !== 'PLATFORM') throw forbidden('only a platform key rotates the OpenID Connect signing keys');
  if (!Number.isInteger(retireAfterSeconds) || retireAfterSeconds < 0 || retireAfterSeconds > MAX_RETIRE_SECONDS)
    throw badInput('oidcSigningKeys.retireAfterSeconds.invalid', `retireAfterSeconds must be 0 to ${MAX_RETIRE_SECONDS}`, { field: 'retireAfterSeconds' });
  await ensureKeys(ctx.em);
  await transact(ctx, null, async (em, events) => {
    await holdAdvisoryLock(em, OIDC_SIGNING_KEYS_LOCK, 'oidc');
    await sql(em, `delete from oidc_signing_keys where state = 'RETIRED' and retire_at <= now()`);
    const retired = await sql<{ kid: string }>(
      em,
      `update oidc_signing_keys set state = 'RETIRED', retire_at = now() + make_interval(secs => ?) where state = 'CURRENT' returning kid`,
      [retireAfterSeconds],
    );
    const current = await sql<{ kid: string }>(em, `update oidc_signing_keys set state = 'CURRENT', activated_at = now() where state = 'NEXT' returning kid`);
    const next = await insertKey(em, 'NEXT');
    events.push({
      type: 'OIDC_SIGNING_KEYS_ROTATED',
      subjectType: 'OIDC_CLIENT',
      subjectId: null,
      subjectLabel: 'signing keys',
      data: { current: current[0]?.kid ?? null, next, retired: retired[0]?.kid ?? null, retireAfterSeconds },
    });
  });
  return listSigningKeys(ctx);
}

/**
 * Reseals the private keys with the first SECRETS_KEY (at start, as the SAML keys are). `unreadable`:
 * keys sealed with a key SECRETS_KEY does not hold (their ids, and the ids of the keys that sealed
 * them), left as they are: the provider leaves them out (providerSigningKeys), and does not name them
 * again, the start does.
 */
export async function resealSigningKeys(em: Em): Promise<{ resealed: number; unreadable: string[]; sealedWith: string[] }> {
  const rows = await sql<{ kid: string; private_jwk: string }>(em, 'select kid, private_jwk from oidc_signing_keys order by created_at, kid');
  let resealed = 0;
  const unreadable: string[] = [];
  const sealedWith = new Set<string>();
  for (const r of rows) {
    if (isCurrent(r.private_jwk)) continue;
    let plain: string;
    try {
      plain = open(r.private_jwk);
    } catch (e) {
      if (!(e instanceof SecretKeyError)) throw e;
      unreadable.push(r.kid);
      sealedWith.add(sealingKeyId(r.private_jwk) ?? '');
      named.add(r.kid);
      continue;
    }
    await sql(em, 'update oidc_signing_keys set private_jwk = ? where kid = ?', [seal(plain), r.kid]);
    resealed++;
  }
  return { resealed, unreadable, sealedWith: [...sealedWith] };
}

/**
 * An OpenID Back-Channel Logout token (OpenID Connect Back-Channel Logout 1.0 §2.4), signed with the
 * key the provider signs with (CURRENT, or NEXT when SECRETS_KEY does not open CURRENT): the worker
 * signs it when it sends it, so a retry after a rotation verifies too.
 */
export async function signLogoutToken(em: Em, claims: { iss: string; aud: string; sub: string; sid: string | null }): Promise<string> {
  const signer = signingKey(await publishedKeys(em));
  if (!signer) throw new Error('no OpenID Connect signing key SECRETS_KEY opens (neither CURRENT nor NEXT)');
  const jwk = signer.jwk;
  const key = await importJWK(jwk, SIGNING_ALG);
  return new SignJWT({
    sub: claims.sub,
    ...(claims.sid ? { sid: claims.sid } : {}),
    events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    jti: randomBytes(16).toString('base64url'),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: jwk.kid!, typ: 'logout+jwt' })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(key);
}

import type { LogLevel } from '../shared/logger.js';

/** Runtime configuration, read once from the environment. Every variable is documented in README.md. */
export interface Config {
  port: number;
  host: string;
  /** When unset, an embedded PostgreSQL is started with its data in `dataDir`. */
  databaseUrl: string | undefined;
  /** External base URL of this service, e.g. https://id.example.com (SAML and SCIM URLs derive from it). Unset: the origin each request came in on. */
  publicUrl: string | undefined;
  /** Platform administrator bearer key. When unset, a key is generated on first start and stored hashed. */
  adminApiKey: string | undefined;
  /** Folder for the embedded database and other local state. */
  dataDir: string;
  logLevel: LogLevel;
  /** Size of the database connection pool of this process. */
  dbPoolSize: number;
  /** Distinct statement texts this process prepares on its connections (0 = none). */
  dbPreparedStatements: number;
  /** Seconds to let in-flight requests finish after SIGTERM before closing anyway. */
  shutdownGraceSeconds: number;
  /** SCIM requests per second allowed per token (0 = unlimited), and the burst above that rate. */
  scimRateLimit: number;
  scimRateBurst: number;
  /**
   * Requests per second allowed per client IP (0 = unlimited) on the SAML browser endpoints
   * (`/saml/{org}/metadata`, `/login`, `/acs`), across all organizations; the IP is `ctx.ip`, so
   * with TRUST_PROXY (behind a proxy) it comes from X-Forwarded-For, otherwise from the socket.
   */
  samlRateLimit: number;
  /** Requests a client IP may make in a burst above `samlRateLimit`. */
  samlRateBurst: number;
  /**
   * TRUST_PROXY: honour X-Forwarded-For/-Proto/-Host from the nearest proxy. Off by default (secure
   * for a server that clients reach directly: no client can choose its own IP, the SAML rate limit's
   * key, or the origin URLs are built from); set it behind a reverse proxy or load balancer that
   * sets X-Forwarded-For.
   */
  trustProxy: boolean;
  /**
   * SECRETS_KEY: secrets for sealing the SAML SP private keys at rest (AES-256-GCM), each at least 32
   * characters, comma-separated; the first seals, all open (rotation). Empty: stored unencrypted.
   */
  secretsKeys: string[];
  /**
   * CORS_ORIGINS: origins whose pages may call `/graphql` from a browser (`https://dash.example.com`),
   * comma-separated, or `*` for any. Empty: none (browsers then refuse cross-origin calls).
   */
  corsOrigins: string[];
  /** GRAPHQL_TIME_BUDGET_MS: how long one GraphQL query or mutation of a client may run before it is stopped. */
  graphqlTimeBudgetMs: number;
  /** GRAPHQL_MAX_RESPONSE_BYTES: the largest answer to a GraphQL query or mutation (HTTP and WebSocket). */
  graphqlMaxResponseBytes: number;
  /** METRICS_TOKEN: the bearer token `GET /metrics` requires; unset: /metrics is open to whoever reaches the port. */
  metricsToken: string | undefined;
  /**
   * WEBHOOK_ALLOW_INSECURE_URLS: let webhook endpoints use http and reach loopback, link-local and
   * private addresses (development, tests, a receiver on the operator's own network). Off: https to
   * public addresses only, so a tenant cannot make the server call its internal network.
   */
  webhookAllowInsecureUrls: boolean;
  /** WEBHOOK_RETRY_BASE_MS: the first retry delay of a failed delivery; each further one doubles, up to 720 times this. */
  webhookRetryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it is FAILED and its endpoint disabled. */
  webhookMaxAttempts: number;
  /** EVENT_RETENTION_DAYS: how long events of organizations without their own retention are kept; null: forever. */
  eventRetentionDays: number | null;
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function secretsKeys(value: string | undefined): string[] {
  const keys = (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const [i, k] of keys.entries()) {
    if (k.length < 32)
      throw new ConfigError(`SECRETS_KEY: key ${i + 1} is ${k.length} characters long; use at least 32 random characters (e.g. openssl rand -base64 32)`);
  }
  return keys;
}

function corsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const o of origins) {
    if (o === '*') continue;
    let origin: string | undefined;
    try {
      const u = new URL(o);
      if (u.protocol === 'http:' || u.protocol === 'https:') origin = u.origin;
    } catch {
      // reported below
    }
    // a browser sends the origin exactly as scheme://host[:port], lower case, without a default port
    if (origin !== o)
      throw new ConfigError(
        `CORS_ORIGINS: "${o}" is not an origin; write it as a browser sends it (scheme://host[:port], e.g. https://dash.example.com), or * for any`,
      );
  }
  return origins;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int('PORT', env.PORT, 4000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl) {
    try {
      const u = new URL(publicUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got "${env.PUBLIC_URL}"`);
    }
  }
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && adminApiKey.length < 24) {
    throw new ConfigError('ADMIN_API_KEY must be at least 24 characters long');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 visible ASCII characters without spaces (e.g. openssl rand -hex 24)');
  }
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
    adminApiKey,
    dataDir: env.DATA_DIR || '.data',
    logLevel,
    dbPoolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 20, 2, 500),
    dbPreparedStatements: int('DB_PREPARED_STATEMENTS', env.DB_PREPARED_STATEMENTS, 64, 0, 10_000),
    shutdownGraceSeconds: int('SHUTDOWN_GRACE_SECONDS', env.SHUTDOWN_GRACE_SECONDS, 10, 0, 3600),
    scimRateLimit: int('SCIM_RATE_LIMIT', env.SCIM_RATE_LIMIT, 1000, 0, 1_000_000),
    scimRateBurst: int('SCIM_RATE_BURST', env.SCIM_RATE_BURST, 2000, 1, 10_000_000),
    samlRateLimit: int('SAML_RATE_LIMIT', env.SAML_RATE_LIMIT, 20, 0, 1_000_000),
    samlRateBurst: int('SAML_RATE_BURST', env.SAML_RATE_BURST, 100, 1, 10_000_000),
    trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY, false),
    secretsKeys: secretsKeys(env.SECRETS_KEY),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    graphqlTimeBudgetMs: int('GRAPHQL_TIME_BUDGET_MS', env.GRAPHQL_TIME_BUDGET_MS, 10_000, 1, 600_000),
    graphqlMaxResponseBytes: int('GRAPHQL_MAX_RESPONSE_BYTES', env.GRAPHQL_MAX_RESPONSE_BYTES, 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    metricsToken,
    webhookAllowInsecureUrls: bool('WEBHOOK_ALLOW_INSECURE_URLS', env.WEBHOOK_ALLOW_INSECURE_URLS, false),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', env.WEBHOOK_RETRY_BASE_MS, 5000, 1, 3_600_000),
    webhookMaxAttempts: int('WEBHOOK_MAX_ATTEMPTS', env.WEBHOOK_MAX_ATTEMPTS, 35, 1, 1000),
    eventRetentionDays: env.EVENT_RETENTION_DAYS ? int('EVENT_RETENTION_DAYS', env.EVENT_RETENTION_DAYS, 0, 1, 36_500) : null,
  };
}

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import type { LogLevel } from '../shared/logger.js';
import { MAX_BEARER_TOKEN_LENGTH } from '../core/services/bearer-auth.js';
import { MAX_WEBHOOK_ENDPOINTS } from '../core/services/webhooks.js';

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
   * Requests per second allowed per client IP (0 = unlimited) on the OpenID Connect browser endpoints
   * (`/oidc/auth`, `/oidc/interaction/…`, `/oidc/session/end`), and the burst above that rate. One
   * sign-in takes six of these requests (SAML's takes two of its own), hence three times SAML's default.
   */
  oidcRateLimit: number;
  oidcRateBurst: number;
  /**
   * Requests per second allowed per client IP (0 = unlimited) on the OpenID Connect back-channel
   * endpoints a host application's server calls (`/oidc/token`, `/oidc/me`, `/oidc/token/revocation`),
   * and the burst above that rate. Discovery and JWKS are not limited.
   */
  oidcTokenRateLimit: number;
  oidcTokenRateBurst: number;
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
  /** METRICS_ENABLED (default true): false records no metrics, runs no collectors and serves no /metrics. */
  metricsEnabled: boolean;
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
  /**
   * WEBHOOK_SENDS_PER_ORGANIZATION: endpoints of one organization (the platform's count as one) sent to
   * at once across all instances, so one tenant's slow receivers cannot hold every send slot.
   */
  webhookSendsPerOrganization: number;
  /** SAML_METADATA_REFRESH_SECONDS: how often a connection's idpMetadataUrl is fetched again (jittered by up to a tenth). */
  samlMetadataRefreshSeconds: number;
  /**
   * SAML_METADATA_ALLOW_PRIVATE_ADDRESSES: IdP metadata URLs may reach loopback, link-local and
   * private addresses (an IdP on the operator's own network, tests); https is required regardless.
   */
  samlMetadataAllowPrivateAddresses: boolean;
  /**
   * SAML_CERTIFICATE_CHECK_SECONDS: how often an instance runs the SAML certificate lifecycle check
   * (one instance per run; expiry events at 30, 7 and 1 days). 0: this instance never runs it.
   */
  samlCertificateCheckSeconds: number;
  /** OUTBOUND_CA_FILE: PEM certificates (read from this file at start) trusted besides the system's roots for IdP metadata fetches. */
  outboundCaCertificates: string[];
  /** EVENT_RETENTION_DAYS: how long events of organizations without their own retention are kept; null: forever. */
  eventRetentionDays: number | null;
  /** OpenTelemetry traces (README, "Traces"): undefined, and nothing set up, unless an OTLP endpoint is configured. */
  tracing: TracingConfig | undefined;
}

export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** The standard OpenTelemetry variables this server reads for its traces (the exporter reads its own headers, timeout and TLS ones). */
export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP, JSON): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  endpoint: string;
  /** OTEL_SERVICE_NAME, else `service.name` of OTEL_RESOURCE_ATTRIBUTES, else `identity-api`. */
  serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES: `key=value,…` describing this instance (`deployment.environment.name=prod`). */
  resourceAttributes: Record<string, string>;
  /** OTEL_TRACES_SAMPLER (default `parentbased_always_on`) and, for the ratio samplers, OTEL_TRACES_SAMPLER_ARG (default 1). */
  sampler: (typeof TRACE_SAMPLERS)[number];
  samplerRatio: number;
  /** OTEL_BSP_SCHEDULE_DELAY: milliseconds between two exports of the spans ended meanwhile (default 5000). */
  exportDelayMs: number;
  /** OTEL_BSP_MAX_QUEUE_SIZE: spans held for export at most; beyond, new ones are dropped (default 2048). */
  maxQueueSize: number;
}

/** An http(s) URL, or a ConfigError naming the variable. */
function httpUrl(name: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new ConfigError(`${name} must be an http(s) URL (an OTLP/HTTP receiver, e.g. http://collector:4318), got "${value}"`);
}

/**
 * Traces are off unless an OTLP endpoint is set, as the OpenTelemetry conventions have it
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT with `/v1/traces` appended),
 * and OTEL_SDK_DISABLED=true turns them off whatever is set.
 */
function tracingConfig(env: NodeJS.ProcessEnv): TracingConfig | undefined {
  if (bool('OTEL_SDK_DISABLED', env.OTEL_SDK_DISABLED, false)) return undefined;
  const specific = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  let endpoint: string;
  if (specific) endpoint = httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specific);
  else if (general) endpoint = httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', general).replace(/\/*$/, '/v1/traces');
  else return undefined;
  const sampler = (env.OTEL_TRACES_SAMPLER?.trim() || 'parentbased_always_on') as TracingConfig['sampler'];
  if (!TRACE_SAMPLERS.includes(sampler)) throw new ConfigError(`OTEL_TRACES_SAMPLER must be one of ${TRACE_SAMPLERS.join(', ')}, got "${sampler}"`);
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  // decimal only: Number() would also read '0x1', '0b1' and '1e-1'
  const samplerRatio = arg ? (/^(?:\d{1,20}(?:\.\d{0,20})?|\.\d{1,20})$/.test(arg) ? Number(arg) : NaN) : 1;
  if (!(samplerRatio >= 0 && samplerRatio <= 1))
    throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a decimal number from 0 to 1 (the share of traces kept), got "${arg}"`);
  // the parser drops an entry it cannot read without a word: each is checked first
  for (const entry of (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',')) {
    if (!entry.trim()) continue;
    const at = entry.indexOf('=');
    let readable = at > 0 && entry.slice(0, at).trim() !== '';
    try {
      if (readable) decodeURIComponent(entry);
    } catch {
      readable = false;
    }
    if (!readable)
      throw new ConfigError(
        `OTEL_RESOURCE_ATTRIBUTES: "${entry.trim()}" is not key=value (entries are separated by commas; percent-encode , and % in a value)`,
      );
  }
  const resourceAttributes = parseKeyPairsIntoRecord(env.OTEL_RESOURCE_ATTRIBUTES);
  return {
    endpoint,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || resourceAttributes['service.name'] || 'identity-api',
    resourceAttributes,
    sampler,
    samplerRatio,
    exportDelayMs: int('OTEL_BSP_SCHEDULE_DELAY', env.OTEL_BSP_SCHEDULE_DELAY, 5000, 1, 3_600_000),
    maxQueueSize: int('OTEL_BSP_MAX_QUEUE_SIZE', env.OTEL_BSP_MAX_QUEUE_SIZE, 2048, 1, 1_000_000),
  };
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  // decimal digits only: Number() would also read ' 80 ' as 80, '0x50' as 80 and '1e3' as 1000
  const n = /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
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

/** The CERTIFICATE blocks of a PEM file (a corporate CA bundle); ConfigError when unreadable or holding none. */
function caCertificates(path: string | undefined): string[] {
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`OUTBOUND_CA_FILE: cannot read "${path}": ${(err as Error).message}`);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new ConfigError(`OUTBOUND_CA_FILE: "${path}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((b) => `${b}\n`);
}

/**
 * DATABASE_URL: a postgresql:// URL naming a database, or a ConfigError naming the variable that
 * never repeats the value (it holds the password; a parse error of the driver printed it whole).
 */
function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    // reported below
  }
  if (!u)
    throw new ConfigError(
      'DATABASE_URL is not a valid URL (the value is not shown: it holds the password). Write it as postgresql://user:password@host:5432/database, with # / ? @ : % and spaces in the user name or password percent-encoded (# as %23, / as %2F)',
    );
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:')
    throw new ConfigError(`DATABASE_URL must be a postgresql:// URL (postgresql://user:password@host:5432/database), got one with the scheme "${u.protocol}"`);
  if (u.pathname.length <= 1)
    throw new ConfigError('DATABASE_URL names no database: end it with /<database>, e.g. postgresql://user:password@host:5432/identity');
  return value;
}

/**
 * PUBLIC_URL as every URL the service writes starts: scheme://host[:port][/path], the origin as a
 * browser serializes it (lower case, no default port) and no trailing slash, so the OpenID Connect
 * issuer is the string clients compare exactly; no query, fragment or credentials.
 */
function publicBaseUrl(value: string): string {
  let u: URL | undefined;
  try {
    u = new URL(value.trim());
  } catch {
    // reported below
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  if (u.username || u.password) throw new ConfigError('PUBLIC_URL must not carry a user name or password (the value is not shown)');
  if (u.search || u.hash) throw new ConfigError(`PUBLIC_URL must be scheme://host[:port][/path], without a query or fragment, got "${value}"`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int('PORT', env.PORT, 4000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  // an address or a host name: anything else failed only at listen, as "getaddrinfo ENOTFOUND <value>"
  if (isIP(host) === 0 && !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(host))
    throw new ConfigError(`HOST must be an IP address or a host name to listen on (0.0.0.0 for all interfaces), got "${host}"`);
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const publicUrl = env.PUBLIC_URL?.trim() ? publicBaseUrl(env.PUBLIC_URL) : undefined;
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && adminApiKey.length < 24) {
    throw new ConfigError('ADMIN_API_KEY must be at least 24 characters long');
  }
  // what a client can send as a bearer token (core/services/bearer-auth.ts): another key never matches
  if (adminApiKey !== undefined && (adminApiKey.length > MAX_BEARER_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(adminApiKey))) {
    throw new ConfigError(
      `ADMIN_API_KEY must be at most ${MAX_BEARER_TOKEN_LENGTH} visible ASCII characters, without spaces or a line break (a key read from a file keeps its trailing newline); the value is not shown`,
    );
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 visible ASCII characters without spaces (e.g. openssl rand -hex 24)');
  }
  return {
    port,
    host,
    databaseUrl: databaseUrl(env.DATABASE_URL),
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
    oidcRateLimit: int('OIDC_RATE_LIMIT', env.OIDC_RATE_LIMIT, 60, 0, 1_000_000),
    oidcRateBurst: int('OIDC_RATE_BURST', env.OIDC_RATE_BURST, 300, 1, 10_000_000),
    oidcTokenRateLimit: int('OIDC_TOKEN_RATE_LIMIT', env.OIDC_TOKEN_RATE_LIMIT, 200, 0, 1_000_000),
    oidcTokenRateBurst: int('OIDC_TOKEN_RATE_BURST', env.OIDC_TOKEN_RATE_BURST, 1000, 1, 10_000_000),
    trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY, false),
    secretsKeys: secretsKeys(env.SECRETS_KEY),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    graphqlTimeBudgetMs: int('GRAPHQL_TIME_BUDGET_MS', env.GRAPHQL_TIME_BUDGET_MS, 10_000, 1, 600_000),
    graphqlMaxResponseBytes: int('GRAPHQL_MAX_RESPONSE_BYTES', env.GRAPHQL_MAX_RESPONSE_BYTES, 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    metricsToken,
    metricsEnabled: bool('METRICS_ENABLED', env.METRICS_ENABLED, true),
    webhookAllowInsecureUrls: bool('WEBHOOK_ALLOW_INSECURE_URLS', env.WEBHOOK_ALLOW_INSECURE_URLS, false),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', env.WEBHOOK_RETRY_BASE_MS, 5000, 1, 3_600_000),
    webhookMaxAttempts: int('WEBHOOK_MAX_ATTEMPTS', env.WEBHOOK_MAX_ATTEMPTS, 35, 1, 1000),
    webhookSendsPerOrganization: int('WEBHOOK_SENDS_PER_ORGANIZATION', env.WEBHOOK_SENDS_PER_ORGANIZATION, 4, 1, MAX_WEBHOOK_ENDPOINTS),
    samlMetadataRefreshSeconds: int('SAML_METADATA_REFRESH_SECONDS', env.SAML_METADATA_REFRESH_SECONDS, 6 * 3600, 60, 7 * 86400),
    samlMetadataAllowPrivateAddresses: bool('SAML_METADATA_ALLOW_PRIVATE_ADDRESSES', env.SAML_METADATA_ALLOW_PRIVATE_ADDRESSES, false),
    outboundCaCertificates: caCertificates(env.OUTBOUND_CA_FILE || undefined),
    samlCertificateCheckSeconds: int('SAML_CERTIFICATE_CHECK_SECONDS', env.SAML_CERTIFICATE_CHECK_SECONDS, 3600, 0, 86400),
    eventRetentionDays: env.EVENT_RETENTION_DAYS ? int('EVENT_RETENTION_DAYS', env.EVENT_RETENTION_DAYS, 0, 1, 36_500) : null,
    tracing: tracingConfig(env),
  };
}

/** IdP metadata fetches as the operator configured them (the core's SamlMetadataPolicy). */
export function samlMetadataPolicy(config: Config): { allowPrivateAddresses: boolean; extraCaCertificates: string[]; refreshSeconds: number } {
  return {
    allowPrivateAddresses: config.samlMetadataAllowPrivateAddresses,
    extraCaCertificates: config.outboundCaCertificates,
    refreshSeconds: config.samlMetadataRefreshSeconds,
  };
}

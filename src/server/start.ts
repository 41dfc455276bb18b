import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { setPreparedStatementLimit, type Em } from '../core/db.js';
import { useLeanTransactions } from '../core/lean-transaction.js';
import { EventBus } from '../core/events/event-bus.js';
import { CREDENTIALS_CHANNEL, invalidateCredential, isFreshInstallation, issuePlatformKey } from '../core/services/credentials.js';
import { CONFIG_CHANNEL, invalidateOrgConfig } from '../core/org-config.js';
import { resealSpKeys } from '../core/services/saml-connections.js';
import { configureSecretKeys, heldKeyIds } from '../core/secret-box.js';
import { sealingKeyIds } from '../core/services/secrets-at-rest.js';
import { SecretsKeyError } from './secrets-key.js';
import { TableStatistics } from '../core/table-statistics.js';
import { WebhookWorker } from '../core/services/webhook-worker.js';
import { SamlMaintenance } from '../core/services/saml-maintenance.js';
import { OidcLogoutWorker } from '../core/services/oidc-logout-worker.js';
import { resealSigningKeys } from '../core/services/oidc-signing-keys.js';
import { resealWebhookSecrets } from '../core/services/webhooks.js';
import { EventPruner } from '../core/services/event-retention.js';
import { buildCoreSchema } from '../graphql/schema.js';
import { createApp, type App } from './app.js';
import { samlMetadataPolicy, type Config } from './config.js';
import type { Logger } from '../shared/logger.js';
import { ormConfig } from './mikro-orm.config.js';
import { createTracing, type ServerTracing } from './tracing.js';

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  orm: MikroORM;
  bus: EventBus;
  /** Deletes events past their organization's retention (every few minutes; `runOnce` for a pass now). */
  pruner: EventPruner;
  /** The platform key generated on a fresh installation without ADMIN_API_KEY (shown once). */
  generatedAdminKey: string | undefined;
  /** The SAML background work of this instance (metadata refresh, certificate lifecycle); its passes can be run on demand. */
  samlMaintenance: SamlMaintenance;
  /** The OpenTelemetry traces, when an OTLP endpoint is configured (README, "Traces"). */
  tracing: ServerTracing | undefined;
  stop(): Promise<void>;
}

/** The session-level advisory lock instances hold while they migrate (an arbitrary constant). */
const MIGRATION_LOCK = 4242002;

/**
 * Applies pending migrations from migrations/ (never schema sync). Instances starting together on
 * one database take turns (an advisory lock on a connection held meanwhile): without it, two
 * replicas of a new deployment ran the same migration at once and one crashed on a duplicate key.
 */
export async function migrate(orm: MikroORM, log: Logger): Promise<void> {
  const client = orm.em.getConnection().getKnex().client;
  const conn = (await client.acquireConnection()) as { query(text: string, values?: unknown[]): Promise<unknown> };
  try {
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const migrator = orm.getMigrator();
      const pending = await migrator.getPendingMigrations();
      if (pending.length) {
        log.info('applying migrations', { migrations: pending.map((m) => m.name) });
        await migrator.up();
      }
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.releaseConnection(conn);
  }
}

/**
 * A SECRETS_KEY that holds none of the keys the stored secrets are sealed with is a wrong key (a
 * rotation that dropped the old key, a typo, another installation's key): the start is refused
 * before anything is resealed, rather than an instance that serves every organization's sign-ins
 * with 500s and seals new secrets the other instances cannot open. Secrets sealed with a key it
 * does not hold beside ones it opens (one organization's, written by a misconfigured instance) only
 * make the start log an error (resealSpKeys and its like): the other organizations keep working.
 */
async function checkSecretsKey(em: Em): Promise<void> {
  const sealedWith = await sealingKeyIds(em);
  const held = heldKeyIds();
  if (!sealedWith.size || [...sealedWith.keys()].some((id) => held.includes(id))) return;
  throw new SecretsKeyError(
    `SECRETS_KEY holds none of the keys the stored secrets are sealed with (${[...sealedWith.keys()].join(', ')}; ${held.length ? `it holds ${held.join(', ')}` : 'SECRETS_KEY is not set'}): set the key they were sealed with, or to rotate list the new key first and the old one after it (SECRETS_KEY="new,old")`,
  );
}

/**
 * Case-insensitive filters compare lower(column) with an operand lower-cased by JavaScript. A
 * database whose LC_CTYPE is C (what initdb picks on a machine without LANG) lower-cases only ASCII
 * letters, so a filter for "öztürk" misses "Öztürk": said at start, with the way out.
 */
async function checkCaseFolding(orm: MikroORM, log: Logger): Promise<void> {
  const [row] = await orm.em
    .getConnection()
    .execute<Array<{ folds: boolean; ctype: string }>>(
      `select lower('ÖZTÜRK') = 'öztürk' as folds, (select datctype from pg_database where datname = current_database()) as ctype`,
    );
  if (row && !row.folds) {
    log.warn(
      'the database lower-cases only ASCII letters (its LC_CTYPE is C): case-insensitive filters on text attributes (names, title, department, email elements) will miss non-ASCII capitals; create it with a UTF-8 locale (e.g. LC_CTYPE en_US.UTF-8, or on PostgreSQL 17 the builtin C.UTF-8)',
      {
        ctype: row.ctype,
      },
    );
  }
}

/**
 * Starts the whole service on an existing database URL: ORM, migrations, first-start admin key,
 * event listener, HTTP + WebSocket server. `npm start` and the tests both come through here.
 */
export async function startServer(config: Config, databaseUrl: string, log: Logger): Promise<RunningServer> {
  setPreparedStatementLimit(config.dbPreparedStatements);
  // OpenTelemetry traces: nothing at all unless an OTLP endpoint is configured
  const tracing = createTracing(config.tracing, log);
  const orm = await MikroORM.init(ormConfig({ url: databaseUrl, poolSize: config.dbPoolSize, log, afterCreate: tracing?.onConnection }));
  // what a start that fails late (the port in use) stops again, last started first
  const started: Array<() => Promise<unknown>> = [...(tracing ? [() => tracing.shutdown()] : []), () => orm.close()];
  try {
    await migrate(orm, log);
    // transactions without knex's per-transaction instance (src/core/lean-transaction.ts)
    useLeanTransactions(orm.em.getConnection().getKnex() as never);
    configureSecretKeys(config.secretsKeys);
    await checkSecretsKey(orm.em.fork() as Em);
    const sealed = await resealSpKeys(orm.em.fork() as Em);
    if (sealed.resealed) log.info('SP private keys sealed with the current SECRETS_KEY', { count: sealed.resealed });
    if (sealed.unreadable) {
      log.error(
        'stored SP private keys are sealed with a key SECRETS_KEY does not hold: those organizations cannot sign AuthnRequests or decrypt assertions until it is set',
        { count: sealed.unreadable },
      );
    }
    const oidcKeys = await resealSigningKeys(orm.em.fork() as Em);
    if (oidcKeys.resealed) log.info('OpenID Connect signing keys sealed with the current SECRETS_KEY', { count: oidcKeys.resealed });
    if (oidcKeys.unreadable.length) {
      log.error(
        'OpenID Connect signing keys are sealed with a key SECRETS_KEY does not hold: the OpenID Connect provider leaves them out of the JWKS and signs with the keys it opens',
        { count: oidcKeys.unreadable.length, kids: oidcKeys.unreadable, sealedWith: oidcKeys.sealedWith },
      );
    }
    const hooks = await resealWebhookSecrets(orm.em.fork() as Em);
    if (hooks.resealed) log.info('webhook signing secrets sealed with the current SECRETS_KEY', { count: hooks.resealed });
    if (hooks.unreadable) {
      log.error('webhook signing secrets are sealed with a key SECRETS_KEY does not hold: those endpoints cannot be delivered to until it is set', {
        count: hooks.unreadable,
      });
    }
    if (!config.secretsKeys.length) {
      log.warn(
        'SECRETS_KEY is not set: SAML SP private keys are stored unencrypted in the database; set SECRETS_KEY (a start with NODE_ENV=production refuses without it)',
      );
    }
    await checkCaseFolding(orm, log);
    let generatedAdminKey: string | undefined;
    if (!config.adminApiKey) {
      const em = orm.em.fork() as Em;
      // advisory lock: two instances starting together on a new database create one key, not two
      generatedAdminKey = await em.transactional(async (tx) => {
        await (tx as Em).getConnection().execute('select pg_advisory_xact_lock(4242001)', [], 'all', tx.getTransactionContext());
        return (await isFreshInstallation(tx as Em)) ? issuePlatformKey(tx as Em, 'first-start key') : undefined;
      });
    }
    // the caches other instances invalidate through NOTIFY
    const bus = new EventBus(databaseUrl, log.child({ job: 'event-bus' }), {
      [CONFIG_CHANNEL]: invalidateOrgConfig,
      [CREDENTIALS_CHANNEL]: invalidateCredential,
    });
    started.push(() => bus.stop());
    await bus.start();
    const schema = await buildCoreSchema();
    const app = await createApp({ config, orm, databaseUrl, bus, schema, log, tracing });
    started.push(() => app.close());
    await new Promise<void>((resolve, reject) => {
      app.httpServer.once('error', reject);
      app.httpServer.listen(config.port, config.host, () => resolve());
    });
    const statistics = new TableStatistics(() => orm.em.fork() as Em, log.child({ job: 'table-statistics' }));
    statistics.start();
    // outbound webhooks: every instance enqueues and delivers; the queue is in the database
    const webhooks = new WebhookWorker(() => orm.em.fork() as Em, {
      allowInsecure: config.webhookAllowInsecureUrls,
      retryBaseMs: config.webhookRetryBaseMs,
      maxAttempts: config.webhookMaxAttempts,
      sendsPerOrganization: config.webhookSendsPerOrganization,
      log: log.child({ job: 'webhook-worker' }),
      metrics: app.metrics,
    });
    webhooks.start();
    // SAML: IdP metadata refresh and certificate lifecycle; every instance, state in the database
    const samlMaintenance = new SamlMaintenance(() => orm.em.fork() as Em, {
      policy: samlMetadataPolicy(config),
      certificateCheckSeconds: config.samlCertificateCheckSeconds,
      log: log.child({ job: 'saml-maintenance' }),
    });
    samlMaintenance.start();
    // event retention: every instance runs the pruner; an advisory lock lets one prune at a time
    const pruner = new EventPruner(() => orm.em.fork() as Em, { defaultRetentionDays: config.eventRetentionDays, log: log.child({ job: 'event-retention' }) });
    pruner.start();
    // OpenID Connect back-channel logouts: a queue in the database as well, with the webhook retry settings
    const oidcLogouts = new OidcLogoutWorker(() => orm.em.fork() as Em, {
      allowInsecure: config.webhookAllowInsecureUrls,
      retryBaseMs: config.webhookRetryBaseMs,
      maxAttempts: config.webhookMaxAttempts,
      log: log.child({ job: 'oidc-logout-worker' }),
    });
    oidcLogouts.start();
    const port = (app.httpServer.address() as AddressInfo).port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${host}:${port}`,
      port,
      app,
      orm,
      bus,
      pruner,
      generatedAdminKey,
      samlMaintenance,
      tracing,
      stop: async () => {
        await app.close();
        await webhooks.stop();
        await samlMaintenance.stop();
        await pruner.stop();
        await oidcLogouts.stop();
        await bus.stop();
        await statistics.stop();
        await orm.close();
        // the spans of the last requests are exported before the process goes
        await tracing?.shutdown();
      },
    };
  } catch (err) {
    for (const stop of started.reverse()) await stop().catch(() => {});
    throw err;
  }
}

/** `npm start`: the service, on DATABASE_URL or on an embedded PostgreSQL kept in DATA_DIR. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { embeddedDatabaseRefusal, openDatabase } from './database.js';
import { createLogger } from '../shared/logger.js';
import { secretsKeysAtStart, SecretsKeyError } from './secrets-key.js';
import { startServer } from './start.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`configuration error: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
const log = createLogger(config.logLevel, { service: 'identity-api' });
const refusal = embeddedDatabaseRefusal(process.env);
if (refusal) {
  log.error(`start refused: ${refusal}`);
  if (config.logLevel === 'silent') console.error(`start refused: ${refusal}`);
  process.exit(1);
}
try {
  // before the database starts: a start that must not go on stops here
  config = { ...config, secretsKeys: secretsKeysAtStart(config, process.env.NODE_ENV, log) };
} catch (err) {
  if (!(err instanceof SecretsKeyError)) throw err;
  log.error(`start refused: ${err.message}`);
  // LOG_LEVEL=silent must not make a refused start a silent exit 1
  if (config.logLevel === 'silent') console.error(`start refused: ${err.message}`);
  process.exit(1);
}
const db = await openDatabase(config.databaseUrl, config.dataDir, log);
if (db.embedded) log.info('using the embedded PostgreSQL', { dataDir: config.dataDir });

let server;
try {
  server = await startServer(config, db.url, log);
} catch (err) {
  // a SECRETS_KEY that opens none of the stored secrets is refused as a missing one is (above)
  const refused = err instanceof SecretsKeyError;
  if (refused) log.error(`start refused: ${err.message}`);
  else log.error('start failed', { error: err });
  // LOG_LEVEL=silent must not make a failed start a silent exit 1
  if (config.logLevel === 'silent') console.error(`start ${refused ? 'refused' : 'failed'}: ${(err as Error)?.message ?? String(err)}`);
  await db.stop();
  process.exit(1);
}
if (server.generatedAdminKey) {
  process.stdout.write(
    [
      '',
      '  First start: a platform admin key was created. It is shown only this once; store it now.',
      `    ADMIN KEY: ${server.generatedAdminKey}`,
      '  Try it:',
      `    curl -s ${server.url}/graphql -H 'content-type: application/json' \\`,
      `      -H 'authorization: Bearer ${server.generatedAdminKey}' \\`,
      `      -d '{"query":"{ viewer { kind label } }"}'`,
      '',
    ].join('\n') + '\n',
  );
}

/** After the grace period, how long the rest of a shutdown (database work in flight, pools) may take. */
const CLOSE_SECONDS = 5;

/**
 * A signal this soon after the first is the same one delivered twice (Ctrl-C reaches npm and the
 * server as a process group, and npm passes it on; `timeout` and some supervisors forward too),
 * not an operator asking to stop waiting.
 */
const REPEAT_MS = 2000;

/** When the first signal arrived (undefined: not stopping). */
let stoppingSince: number | undefined;
const forceExit = async (why: string) => {
  log.error('shutdown forced', { reason: why });
  // the embedded PostgreSQL is a child process: stop it if it answers in time
  await Promise.race([db.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 3000))]);
  process.exit(1);
};
const shutdown = async (signal: string) => {
  // a second signal: stop waiting
  if (stoppingSince !== undefined) {
    if (Date.now() - stoppingSince >= REPEAT_MS) void forceExit(`second ${signal}`);
    return;
  }
  stoppingSince = Date.now();
  log.info('shutting down', { signal });
  // in-flight requests get SHUTDOWN_GRACE_SECONDS, then their connections are closed; database
  // work they started (a statement waiting for a lock) is not waited for much longer
  const limit = setTimeout(
    () => void forceExit(`still busy ${config.shutdownGraceSeconds + CLOSE_SECONDS} s after ${signal}`),
    (config.shutdownGraceSeconds + CLOSE_SECONDS) * 1000,
  );
  limit.unref();
  try {
    await server.stop();
    await db.stop();
    log.info('stopped');
    process.exit(0);
  } catch (err) {
    log.error('shutdown failed', { error: err });
    process.exit(1);
  }
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

// last: the line that says the server is ready (tests and scripts wait for it) follows everything
// else, the key above and the signal handlers included
log.info('listening', {
  url: server.url,
  graphql: `${server.url}/graphql`,
  scim: `${config.publicUrl ?? server.url}/scim/v2`,
  publicUrl: config.publicUrl ?? null,
});

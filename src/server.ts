/**
 * Starts everything: configuration, the database (embedded FerretDB unless MONGODB_URI is set),
 * first-start seeding, agenda and HTTP; and stops it all in order on SIGINT/SIGTERM.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, loadDotEnv } from './config/index.js';
import { ensureSessionSecret } from './config/session-secret.js';
import { logger, setLogLevel } from './shared/logger.js';
import { isStartRefusal, openDatabase, type OpenDatabase } from './shared/db/database.js';
import { createQueue, stopQueue } from './shared/queue.js';
import { createApp } from './app.js';
import { warmUp } from './warm-up.js';
import { defineJobs, scheduleRecurringJobs } from '../jobs/index.js';
import { DEMO_PASSWORD, needsFirstSeed, presentDemoUsers, runSeeds, seedNewContent } from '../seeds/index.js';

const log = logger.child({ module: 'server' });

// A stop asked for while starting (systemd gives up on a slow start) ends the process at once: the
// 'exit' handler of the embedded database takes FerretDB with it. Replaced by the graceful stop below.
const stopWhileStarting = () => process.exit(0);
process.on('SIGINT', stopWhileStarting);
process.on('SIGTERM', stopWhileStarting);

async function main(): Promise<void> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  setLogLevel(config.logLevel);
  const startedAt = Date.now();
  const secret = await ensureSessionSecret(config, (line) => console.log(line));
  config = secret.config;
  log.info({ source: secret.source }, 'session secret ready');

  let db: OpenDatabase;
  try {
    db = await openDatabase(config, (line) => console.log(line));
  } catch (error) {
    if (isStartRefusal(error)) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (await needsFirstSeed()) {
    console.log('First start: seeding the giving menu…');
    const report = await runSeeds({ demoUsers: config.seedDemoUsers });
    console.log(`Seeded ${report.fundsCreated} funds and ${report.usersCreated} demo users.`);
  } else {
    await seedNewContent();
  }

  const queue = createQueue({ lockLifetimeMs: config.jobLockLifetimeMs });
  defineJobs(queue);
  await queue.start();
  await scheduleRecurringJobs(queue);

  const app = createApp(config);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  // Listening first: the giving pages need none of it, and a page that does waits for the same load.
  void warmUp();

  const demo = await presentDemoUsers();
  console.log(
    `\nCommunity foundation platform is running: ${config.baseUrl}  ` +
      `(ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
  );
  console.log(db.embedded ? `Database: embedded FerretDB, data in ${config.dataDir}` : 'Database: MONGODB_URI');
  if (demo.length > 0) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"; remove them before going live):`);
    for (const u of demo) console.log(`  ${u.email.padEnd(24)} ${u.roles.join(', ')}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await stopQueue();
      await db.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.removeListener('SIGINT', stopWhileStarting);
  process.removeListener('SIGTERM', stopWhileStarting);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'failed to start');
  console.error(`The app could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

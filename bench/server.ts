/**
 * One server for the benchmark, in its own process so the load generator does not share its
 * event loop: `app` is the real app on the database at MONGODB_URI; `bare` is Express with the
 * same Handlebars views and layout rendering the same data, with no database and no middleware —
 * the yardstick the app is compared with. Prints `listening <port>` when ready.
 */
import path from 'node:path';
import express from 'express';
import { loadConfig } from '../src/config/index.js';
import { setLogLevel } from '../src/shared/logger.js';
import { connectDatabase } from '../src/shared/db/connection.js';
import { createApp } from '../src/app.js';
import { createQueue } from '../src/shared/queue.js';
import { defineJobs } from '../jobs/index.js';
import { createViewEngine } from '../src/shared/views/engine.js';
import { PROJECT_ROOT } from '../src/shared/paths.js';
import { warmUp } from '../src/warm-up.js';

const mode = process.argv[2];

/** Peak memory of this process, for the results table. */
function memoryRoute(app: express.Express): void {
  // Requests still being answered: the benchmark waits for none before its next measurement, so
  // requests a timed-out load left behind do not slow the next page down.
  let inFlight = 0;
  app.get('/__bench/memory', (_req, res) => {
    res.json({
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      inFlight,
    });
  });
  app.use((_req, res, next) => {
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    next();
  });
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const outer = express();
  memoryRoute(outer);
  if (mode === 'app') {
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-session-secret-0123456789',
      LOG_LEVEL: 'warn',
    });
    await connectDatabase(config.mongodbUri as string);
    // Jobs are queued as in production (emails of receipts); nothing processes them here.
    defineJobs(createQueue());
    // Unlike `npm start` (which listens first), the caches are built before listening: the load table measures a warm process.
    await warmUp();
    outer.use(createApp(config));
  } else if (mode === 'bare') {
    // The same pages the app renders, from a snapshot of the data the parent passes in.
    const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
    const data = JSON.parse(process.env.BENCH_VIEW_DATA ?? '{}', (_key, value: unknown) =>
      typeof value === 'string' && isoDate.test(value) ? new Date(value) : value,
    ) as Record<string, Record<string, unknown>>;
    outer.engine('hbs', createViewEngine().engine);
    outer.set('view engine', 'hbs');
    outer.set('views', path.join(PROJECT_ROOT, 'views'));
    outer.set('view cache', true);
    const locals = {
      locale: 'th',
      otherLocale: 'en',
      switchLangUrl: '/?lang=en',
      currentPath: '/',
      csrfToken: () => '',
    };
    outer.get('/', (_req, res) => res.render('home', { ...locals, ...data.home }));
    outer.get('/funds/education', (_req, res) => res.render('funds/show', { ...locals, ...data.fund }));
  } else {
    throw new Error('usage: bench/server.ts app|bare');
  }
  const server = outer.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

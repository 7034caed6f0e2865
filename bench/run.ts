/**
 * `npm run bench`: the issue-15 speed figures on the embedded default (FerretDB on PostgreSQL),
 * each page as a ratio to a bare Express + Handlebars render measured right before it. Servers run
 * in child processes (bench/server.ts); autocannon drives them from this one. Not part of npm test.
 *
 * Data, all seeded at once before any section: the seeded funds, 10,000 paid donations (ledger
 * credit and receipt each; 200 of them a signed-in donor's), 10,678 organisations, one call with
 * 500 applications and 2,500 reviews.
 *
 * Knobs (environment):
 *   BENCH_ONLY         comma list of sections to run (default: all), in this order:
 *                        giving, directory, match, reviewer, staff   the load table's rows
 *                        startup    first 200 after a fresh start (app process; whole npm start)
 *                        webhooks   confirmations/s at 10,000 donations, 8 at a time, checked exactly
 *                        sqlite     the load table's rows again on FerretDB's SQLite backend
 *                        growth     webhooks and three pages at 10,000 and 100,000 donations
 *                      e.g. `BENCH_ONLY=staff BENCH_SECONDS=5 npm run bench` takes about two minutes.
 *   BENCH_SECONDS      seconds per measurement (default 10; a warm-up of 2 s comes first)
 *   BENCH_CONNECTIONS  autocannon connections (default 16)
 *   BENCH_WEBHOOKS     deliveries per webhook measurement (default 1000)
 *   BENCH_GROWTH_TO    donations of the growth table's big side (default 100000)
 *   BENCH_GROWTH_WEBHOOKS  deliveries per side of the growth table (default BENCH_WEBHOOKS)
 *   BENCH_WRITE        file to write the results to; default bench/RESULTS.md for a full run,
 *                      nothing for a BENCH_ONLY run (its rows are printed as measured either way)
 *   MONGODB_URI        measure MongoDB there instead of the embedded default (sqlite is skipped)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { setLogLevel } from '../src/shared/logger.js';
import { openDatabase, type OpenDatabase } from '../src/shared/db/database.js';
import { runSeeds } from '../seeds/index.js';
import { PROJECT_ROOT } from '../src/shared/paths.js';
import { Organisation } from '../src/modules/directory/organisation.model.js';
import { Application } from '../src/modules/grants/application.model.js';
import { generateOrganisations, geography, insertOrganisations } from './social-map.js';
import { BENCH_REVIEWER_PASSWORD, seedGrantCall } from './grants.js';
import { createDonor, earlierYears, firstYear, seedDonations, viewData, BENCH_DONOR_EMAIL } from './seed.js';
import { HTTPS, say, signIn, startServer, stop, stopAll, WEBHOOK_SECRET } from './harness.js';
import { loadPages, runLoadTable, type LoadRow } from './load.js';
import { appProcessStart, describeStart, npmStart, type StartTiming } from './startup.js';
import { describeWebhooks, webhookThroughput, type WebhookResult } from './webhooks.js';
import { growthPages, growthRun, type GrowthRun } from './growth.js';
import { sqliteRun, type SqliteRun } from './sqlite.js';
import { writeResults } from './report.js';

const SECTIONS = ['giving', 'directory', 'match', 'reviewer', 'staff', 'startup', 'webhooks', 'sqlite', 'growth'];
const DONATIONS = 10_000;
const ORGANISATIONS = 10_000;
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 1_000);
const GROWTH_TO = Number(process.env.BENCH_GROWTH_TO ?? 100_000);
const GROWTH_WEBHOOKS = Number(process.env.BENCH_GROWTH_WEBHOOKS ?? WEBHOOKS);
const only = process.env.BENCH_ONLY?.trim();
const selected = new Set(only ? only.split(',').map((s) => s.trim()) : SECTIONS);
for (const s of selected) if (!SECTIONS.includes(s)) throw new Error(`BENCH_ONLY: unknown section "${s}"`);
const has = (section: string) => selected.has(section);

export interface BenchData {
  callId: string;
  applicationId: string;
  matchOrgId: string;
  reviewerEmail: string;
  staffEmail: string;
  organisations: number;
}

/** Everything at once: donations, the donor, the social map, the grant call. */
async function seedAll(): Promise<BenchData> {
  let t0 = performance.now();
  await runSeeds({ demoUsers: false });
  const donorId = await createDonor(BENCH_REVIEWER_PASSWORD);
  await seedDonations(firstYear(DONATIONS, donorId));
  say(`seeded ${DONATIONS} donations with ledger credits and receipts in ${Math.round(performance.now() - t0)} ms`);
  t0 = performance.now();
  await insertOrganisations(generateOrganisations(await geography(), 0, ORGANISATIONS));
  say(`seeded ${ORGANISATIONS} generated organisations in ${Math.round(performance.now() - t0)} ms`);
  const grants = await seedGrantCall(500, 5, 25);
  const organisations = await Organisation.estimatedDocumentCount();
  say(`seeded ${organisations} organisations and the grant call in ${Math.round(performance.now() - t0)} ms`);
  const matchOrg = await Organisation.findOne({ matchingOptIn: true, roles: 'recipient' }, { _id: 1 })
    .sort({ _id: 1 })
    .lean();
  const application = await Application.findOne({ callId: grants.callId }, { _id: 1 }).sort({ _id: 1 }).lean();
  return {
    callId: grants.callId,
    applicationId: String(application?._id),
    matchOrgId: String(matchOrg?._id),
    reviewerEmail: grants.reviewerEmail,
    staffEmail: 'bench-staff@example.org',
    organisations,
  };
}

/** Session cookies of the reviewer, the staff member and the donor (sessions live in the database). */
async function cookies(uri: string, data: BenchData): Promise<Record<'reviewer' | 'staff' | 'donor', string>> {
  const app = await startServer('app', { MONGODB_URI: uri, BASE_URL: 'http://localhost:3000' });
  try {
    return {
      reviewer: await signIn(app.base, data.reviewerEmail, BENCH_REVIEWER_PASSWORD),
      staff: await signIn(app.base, data.staffEmail, BENCH_REVIEWER_PASSWORD),
      donor: await signIn(app.base, BENCH_DONOR_EMAIL, BENCH_REVIEWER_PASSWORD),
    };
  } finally {
    await stop(app.child);
  }
}

export interface BenchResults {
  startedAt: Date;
  seconds: number;
  sections: string[];
  embedded: boolean;
  data: BenchData;
  load: LoadRow[];
  starts: StartTiming[];
  webhooks?: WebhookResult;
  sqlite?: SqliteRun;
  growth?: [GrowthRun, GrowthRun];
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const startedAt = new Date();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-bench-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MONGODB_URI: process.env.MONGODB_URI ?? '',
  });
  let db: OpenDatabase = await openDatabase(config, (line) => say(line));
  try {
    const data = await seedAll();
    const bareData = await viewData();
    const cookie = await cookies(db.uri, data);
    const pages = loadPages({ ...data, reviewerCookie: cookie.reviewer, staffCookie: cookie.staff });
    const results: BenchResults = {
      startedAt,
      seconds: 0,
      sections: SECTIONS.filter(has),
      embedded: db.embedded,
      data,
      load: [],
      starts: [],
    };
    const loadSelected = pages.filter((p) => has(p.section));
    if (loadSelected.length) results.load = await runLoadTable(loadSelected, db.uri, bareData, 'load');

    if (has('startup')) {
      const signedIn = { ...HTTPS, cookie: cookie.reviewer };
      for (const [label, page, headers] of [
        ['giving menu', '/', {}],
        ["reviewer's list (signed in)", '/reviews', signedIn],
      ] as const) {
        const timing = await appProcessStart(db.uri, label, page, headers);
        say(`startup ${describeStart(timing)}`);
        results.starts.push(timing);
      }
      if (db.embedded) {
        // The whole start needs the data folder to itself.
        await db.close();
        try {
          for (const [label, page, headers] of [
            ['giving menu', '/', {}],
            ["reviewer's list (signed in)", '/reviews', signedIn],
          ] as const) {
            const timing = await npmStart(dataDir, label, page, headers);
            say(`startup ${describeStart(timing)}`);
            results.starts.push(timing);
          }
        } finally {
          db = await openDatabase(config, (line) => say(line));
        }
      }
    }

    if (has('webhooks')) {
      const app = await startServer('app', {
        MONGODB_URI: db.uri,
        STRIPE_SECRET_KEY: 'sk_test_bench',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        BASE_URL: 'http://localhost:3000',
      });
      try {
        results.webhooks = await webhookThroughput(app.base, WEBHOOKS);
        say(`webhooks at ${DONATIONS} donations: ${describeWebhooks(results.webhooks)}`);
      } finally {
        await stop(app.child);
      }
    }

    if (has('sqlite') && db.embedded) {
      results.sqlite = await sqliteRun(dataDir, pages, bareData);
    }

    if (has('growth')) {
      const gPages = growthPages(cookie.staff, cookie.donor);
      const small = await growthRun(db.uri, DONATIONS, gPages, GROWTH_WEBHOOKS);
      const t0 = performance.now();
      await seedDonations(earlierYears(DONATIONS, GROWTH_TO, DONATIONS));
      say(`seeded ${GROWTH_TO - DONATIONS} more donations in ${Math.round(performance.now() - t0)} ms`);
      const big = await growthRun(db.uri, GROWTH_TO, gPages, GROWTH_WEBHOOKS);
      results.growth = [small, big];
    }

    results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
    const target = process.env.BENCH_WRITE ?? (only ? '' : path.join(PROJECT_ROOT, 'bench', 'RESULTS.md'));
    if (target) {
      await writeResults(target, results);
      say(`written to ${path.relative(process.cwd(), target)}`);
    }
    say(`bench done in ${results.seconds} s`);
  } finally {
    await stopAll();
    await db.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { stripeTestConfig, useTestApp } from '../helpers/context.js';
import { checkoutSession, deliver, event, refund } from '../helpers/stripe-events.js';
import { startDonation } from '../../src/modules/funds/donation-start.service.js';
import { fundTotalsNow } from '../../src/modules/accounting/journal.service.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { Receipt } from '../../src/modules/funds/receipt.model.js';
import { bookPaymentFee } from '../../src/modules/funds/payment-fee.service.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { WebhookEvent } from '../../src/modules/funds/payments/webhook-event.model.js';
import { startAppProcess, type AppProcess } from '../helpers/app-process.js';
import { makeUser } from '../helpers/factories.js';
import { applicationInReview, makeCall, makeOrg } from '../helpers/grants.js';
import { FERRETDB, ensureGoTool } from '../../src/shared/db/go-tools.js';
import { findFreePort, startEmbeddedFerretDb } from '../../src/shared/db/embedded-ferretdb.js';
import {
  FERRETDB_STATE_FOLDER,
  startEmbeddedDatabase,
  type EmbeddedStack,
} from '../../src/shared/db/embedded-database.js';
import { startEmbeddedPostgres } from '../../src/shared/db/embedded-postgres.js';
import { connectDatabase } from '../../src/shared/db/connection.js';
import { createQueue, stopQueue } from '../../src/shared/queue.js';
import { defineJobs } from '../../jobs/index.js';
import { runSeeds } from '../../seeds/index.js';
import { Review } from '../../src/modules/grants/review.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { mailIdFor } from '../../src/shared/mail/mailer.js';
import { REMIND_REVIEWERS_JOB } from '../../jobs/index.js';

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 90_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A GET that must answer (whatever the status) within `ms`: a hang fails the test. */
async function get(url: string, ms = 15_000): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(ms), redirect: 'manual' });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
}

/**
 * The app as a real process on its own FerretDB, then harmed: killed in the middle of a
 * background job, and its database stopped while it serves pages.
 */
describe('faults: the app killed mid-job, the database stopped mid-service', function () {
  this.timeout(300_000);
  const APPLICATIONS = 10;
  const REVIEWERS = 30;
  let binary: string;
  let dataDir: string;
  let database: EmbeddedStack;
  let env: Record<string, string>;
  let app: AppProcess | undefined;
  let reviewIds: string[] = [];

  before(async () => {
    binary = await ensureGoTool(FERRETDB);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cf-faults-'));
    database = await startEmbeddedDatabase({ ferretDbBinary: binary, dataDir, durable: false });
    await connectDatabase(database.uri, 'faults');
    defineJobs(createQueue());
    await runSeeds({ demoUsers: false, socialMap: false });

    // A call whose reviews are due in two days: 10 applications × 30 reviewers = 300 reviews to remind.
    const staff = await makeUser({ roles: ['staff'] });
    const reviewers = [];
    for (let i = 0; i < REVIEWERS; i += 1)
      reviewers.push(await makeUser({ roles: ['reviewer'], name: `กรรมการ ${i + 1}` }));
    const callId = await makeCall(staff, {
      committeeEmails: reviewers.map((r) => r.email),
      reviewsPerApplication: 3,
      closesAt: new Date(Date.now() + 86_400_000),
      reviewDueAt: new Date(Date.now() + 2 * 86_400_000),
    });
    for (let i = 0; i < APPLICATIONS; i += 1) {
      const member = await makeUser();
      await applicationInReview(
        staff,
        member,
        callId,
        await makeOrg(member),
        reviewers.map((r) => r.id),
      );
    }
    reviewIds = (await Review.find({}, { _id: 1 }).lean()).map((r) => String(r._id));
    assert.equal(reviewIds.length, APPLICATIONS * REVIEWERS);
    await stopQueue();

    const port = String(await findFreePort());
    env = {
      PORT: port,
      BASE_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: `${database.uri}faults`,
      DATA_DIR: dataDir,
      SEED_DEMO_USERS: 'false',
      // A crashed process's job is taken over after 3 s here (10 minutes by default).
      JOB_LOCK_LIFETIME_MS: '3000',
    };
  });

  after(async () => {
    await app?.stop();
    await mongoose.disconnect();
    await database?.ferretdb.stop();
    await database?.postgres.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the reminder job exactly once in effect after the app is killed in the middle of it', async () => {
    const reminded = () => Review.countDocuments({ remindedAt: { $ne: null } });
    // The recurring job runs as soon as the app starts.
    app = await startAppProcess({ ...env, DEBUG: process.env.FAULTS_DEBUG ?? '' });
    const atKill = await waitFor('the first reminders', async () => {
      const n = await reminded();
      return n > 0 ? n : undefined;
    }).catch(async (error: Error) => {
      const jobs = await mongoose.connection
        .collection('agendaJobs')
        .find(
          {},
          { projection: { name: 1, lockedAt: 1, nextRunAt: 1, lastRunAt: 1, lastFinishedAt: 1, failReason: 1 } },
        )
        .toArray();
      throw new Error(
        `${error.message}; db ${mongoose.connection.name}, ${await Review.countDocuments()} reviews, jobs ${JSON.stringify(jobs.filter((j) => j.name !== 'mail.deliver'))}\n${app?.output()}`,
      );
    });
    await app.kill();
    const afterKill = await reminded();
    assert.ok(
      afterKill < reviewIds.length,
      `killed mid-job (${afterKill} of ${reviewIds.length} reminded; ${atKill} seen before the kill)`,
    );

    app = await startAppProcess(env);
    await waitFor(
      'every review reminded and the job finished',
      async () => {
        const job = await mongoose.connection.collection('agendaJobs').findOne({ name: REMIND_REVIEWERS_JOB });
        return (await reminded()) === reviewIds.length && job && !job.lockedAt ? true : undefined;
      },
      120_000,
      250,
    ).catch(async (error: Error) => {
      const job = await mongoose.connection.collection('agendaJobs').findOne({ name: REMIND_REVIEWERS_JOB });
      throw new Error(`${error.message}: ${await reminded()} reminded, job ${JSON.stringify(job)}\n${app?.output()}`);
    });

    const reminders = await MailMessage.find({ template: 'reviewReminder' }, { _id: 1, to: 1 }).lean();
    assert.equal(reminders.length, reviewIds.length, 'one reminder per review, no more');
    assert.deepEqual(
      new Set(reminders.map((m) => String(m._id))),
      new Set(reviewIds.map((id) => mailIdFor(`reviewReminder:${id}`).toString())),
      'and every review has its own',
    );
    const perReviewer = new Map<string, number>();
    for (const m of reminders) perReviewer.set(m.to, (perReviewer.get(m.to) ?? 0) + 1);
    assert.deepEqual(
      [...new Set(perReviewer.values())],
      [APPLICATIONS],
      'each reviewer is reminded once per application',
    );
  });

  /** Pages answer a localized 503 at once while a part of the database is down, and 200 again after. */
  async function outageAndRecovery(stop: () => Promise<void>, restart: () => Promise<void>) {
    // The reminder test's app if it still runs, else one of its own (that test may have stopped short).
    if (!app?.alive()) app = await startAppProcess(env);
    assert.ok(app);
    const pages = ['/calls', '/directory?q=ผู้สูงอายุ', '/funds/education', '/login', '/api/v1/funds'];
    // A fresh process builds its caches (the social map, the geography) on the first requests.
    for (const page of pages) await get(app.url + page, 120_000);
    for (const page of pages) assert.equal((await get(app.url + page)).status, 200, page);

    await stop();
    for (const page of pages) {
      const res = await get(app.url + page);
      assert.equal(res.status, 503, `${page} while the database is stopped: ${res.text.slice(0, 500)}`);
      assert.equal(res.retryAfter, '30');
      assert.match(res.text, /เชื่อมต่อฐานข้อมูลไม่ได้ชั่วคราว/, page);
      assert.doesNotMatch(res.text, /Mongo|Postgre|FerretDB|at .+\.(ts|js):\d+/, page);
    }
    assert.equal((await get(`${app.url}/healthz`)).status, 503);
    assert.ok(app.alive(), 'the app keeps running');

    await restart();
    await waitFor(
      'the app to see its database again',
      async () => (await get(`${app?.url}/healthz`)).status === 200,
      60_000,
      250,
    );
    for (const page of pages) {
      const res = await get(app.url + page);
      assert.equal(res.status, 200, `${page} after the database is back: ${res.text.slice(0, 2000)}\n${app.output()}`);
    }
    assert.ok(app.alive(), 'without a restart');
  }

  it('answers a localized 503 at once while FerretDB is stopped, and recovers by itself when it is back', async () => {
    const { port } = database.ferretdb;
    await outageAndRecovery(
      () => database.ferretdb.stop(),
      async () => {
        database.ferretdb = await startEmbeddedFerretDb({
          binary,
          stateDir: path.join(dataDir, FERRETDB_STATE_FOLDER),
          backend: { handler: 'postgresql', postgresUrl: database.postgres.url },
          port,
        });
      },
    );
  });

  it('answers a localized 503 at once while PostgreSQL is stopped, and recovers by itself when it is back', async () => {
    const { port } = database.postgres;
    await outageAndRecovery(
      () => database.postgres.stop(),
      async () => {
        database.postgres = await startEmbeddedPostgres({ dataDir, port, durable: false });
      },
    );
  });
});

describe('faults: a storm of 1,000 signed webhook deliveries, 30% of them duplicates, shuffled, with fees', function () {
  this.timeout(600_000);
  const ctx = useTestApp({ config: stripeTestConfig });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('credits each gift once, refunds each refund once, books each fee once, and numbers receipts without gaps or repeats', async () => {
    const PAID = 560;
    const REFUNDED_EVERY = 8; // 70 of the paid gifts are partly refunded
    const ABANDONED = 70;
    const start = async (amountSatang: number) => {
      const result = await startDonation({
        fundSlug: 'disaster-relief',
        amountSatang,
        frequency: 'one_time',
        donor: { name: 'ผู้บริจาคพายุ', email: 'storm@example.org', anonymous: false, locale: 'th' },
        submissionId: randomUUID(),
        baseUrl: ctx.config.baseUrl,
      } as Parameters<typeof startDonation>[0]);
      return result.giftId;
    };
    const gifts: { id: string; amount: number; refund: number }[] = [];
    for (let i = 0; i < PAID; i += 1) {
      const amount = (100 + (i % 50) * 10) * 100 + (i % 7) * 25; // baht and satang
      gifts.push({ id: await start(amount), amount, refund: i % REFUNDED_EVERY === 0 ? 50_00 : 0 });
    }
    const abandoned: string[] = [];
    for (let i = 0; i < ABANDONED; i += 1) abandoned.push(await start(200_00));

    const unique = [
      ...gifts.map((g) =>
        event('checkout.session.completed', checkoutSession(g.id, g.amount, { paymentIntent: `pi_${g.id}` })),
      ),
      ...gifts
        .filter((g) => g.refund)
        .map((g) =>
          event('refund.updated', refund(`re_${g.id}`, `pi_${g.id}`, g.refund, 'succeeded', { donationId: g.id })),
        ),
      ...abandoned.map((id) =>
        event('checkout.session.expired', {
          ...checkoutSession(id, 0, { paymentStatus: 'unpaid' }),
          status: 'expired',
        }),
      ),
    ];
    assert.equal(unique.length, 700);
    // 300 more: Stripe delivering some events again (the same event id and body).
    const deliveries = [...unique, ...shuffle(unique).slice(0, 300)];
    const shuffled = shuffle(deliveries);
    assert.equal(shuffled.length, 1000);

    const before = await fundTotalsNow(String((await Fund.findOne({ slug: 'disaster-relief' }).lean())?._id));
    const receiptsBefore = await Receipt.countDocuments();
    // Each gift's card fee (3.65 %, in baht), booked by the fee job; stripe-mock's balance is in US
    // dollars with no fee, so the job is given Stripe's figure the way a payout's contents give it.
    const feeOf = (amount: number) => Math.round((amount * 365) / 10_000);
    const bookFee = (g: (typeof gifts)[number]) =>
      bookPaymentFee(g.id, {
        feeSatang: feeOf(g.amount),
        netSatang: g.amount - feeOf(g.amount),
        currency: 'thb',
        balanceTransactionId: `txn_${g.id}`,
      });
    const statuses = new Map<number, number>();
    for (let i = 0; i < shuffled.length; i += 10) {
      // The fee job runs in the middle of the storm too (twice for some gifts, before some are paid).
      const feeJobs = gifts.slice((i / 10) * 6, (i / 10) * 6 + 6).flatMap((g) => [bookFee(g), bookFee(g)]);
      const batch = await Promise.all(shuffled.slice(i, i + 10).map((d) => deliver(ctx.app, d)));
      await Promise.all(feeJobs);
      for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    assert.deepEqual([...statuses], [[200, 1000]]);
    // The job again for every gift, twice at once: the fees not booked yet (their gift was not paid yet) now are.
    for (let i = 0; i < gifts.length; i += 20)
      await Promise.all(gifts.slice(i, i + 20).flatMap((g) => [bookFee(g), bookFee(g)]));

    const after = await fundTotalsNow(String((await Fund.findOne({ slug: 'disaster-relief' }).lean())?._id));
    const raised = gifts.reduce((s, g) => s + g.amount, 0);
    const refunded = gifts.reduce((s, g) => s + g.refund, 0);
    assert.equal(after.raisedSatang - before.raisedSatang, raised, 'every gift credited exactly once');
    assert.equal(after.refundedSatang - before.refundedSatang, refunded, 'every refund taken exactly once');
    const fees = gifts.reduce((s, g) => s + feeOf(g.amount), 0);
    assert.equal(after.feesSatang - before.feesSatang, fees, 'every fee booked exactly once');
    assert.equal(after.availableSatang - before.availableSatang, raised - refunded - fees);
    assert.equal(
      await JournalEntry.countDocuments({ ref: { $in: gifts.map((g) => `donation:${g.id}`) } }),
      2 * PAID + gifts.filter((g) => g.refund).length,
      'one entry per gift, one per fee and one per refund',
    );
    const balance = await trialBalance({ id: new mongoose.Types.ObjectId().toString(), roles: ['staff'] }, undefined);
    assert.equal(balance.balanced, true, 'the journal is balanced');

    const receipts = await Receipt.find({}, { number: 1, year: 1, donationId: 1 }).sort({ year: 1, number: 1 }).lean();
    assert.equal(receipts.length - receiptsBefore, PAID);
    receipts.forEach((r, i) => assert.equal(r.number, i + 1, 'receipt numbers run 1, 2, 3… with no gap and no repeat'));
    assert.equal(new Set(receipts.map((r) => String(r.donationId))).size, receipts.length, 'one receipt per gift');
    assert.equal(await Donation.countDocuments({ _id: { $in: abandoned }, status: 'expired' }), ABANDONED);
    assert.equal(await WebhookEvent.countDocuments(), 700, 'each distinct event recorded once');
  });
});

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

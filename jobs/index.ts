/** Agenda job definitions. Each job only calls a service; retries use agenda's backoff. */
import { backoffStrategies, type Agenda, type Job } from 'agenda';
import { scheduleEvery } from '../src/shared/queue.js';
import { DELIVER_MAIL_JOB, MAX_DELIVERY_ATTEMPTS, deliverMail } from '../src/shared/mail/mailer.js';
import { purgeExpiredSessions } from '../src/modules/accounts/index.js';
import { purgeExpiredRateLimitSlots } from '../src/shared/http/rate-limit.js';
import {
  BOOK_PAYMENT_FEE_JOB,
  FeeNotReadyError,
  bookPaymentFee,
  followUpPledges,
  reconcilePendingCheckouts,
} from '../src/modules/funds/index.js';
import { syncCallStatuses, remindReviewers, remindReports } from '../src/modules/grants/index.js';

export const PURGE_SESSIONS_JOB = 'sessions.purge-expired';
export const RECONCILE_CHECKOUTS_JOB = 'donations.reconcile-checkouts';
export const SYNC_CALLS_JOB = 'grants.open-close-calls';
export const REMIND_REVIEWERS_JOB = 'grants.remind-reviewers';
export const REMIND_REPORTS_JOB = 'grants.remind-reports';
export const FOLLOW_UP_PLEDGES_JOB = 'donations.follow-up-pledges';

/**
 * For jobs that work through many items: renews the job's lock at most once a second, so a
 * healthy long run is never taken for a dead one, while a crashed run is taken over as soon as
 * its lock lifetime (JOB_LOCK_LIFETIME_MS) has passed.
 */
function keepAlive(job: Job): () => Promise<void> {
  let renewedAt = Date.now();
  return async () => {
    if (Date.now() - renewedAt < 1_000) return;
    renewedAt = Date.now();
    await job.touch();
  };
}

/**
 * For recurring jobs: agenda moves a recurring job's next run ahead (say 6 hours) as the run
 * starts, so a run cut short by a crash would wait for the next interval; and a process that
 * finds the expired lock frees it again as "too far away". While this run lasts, the stored next
 * run is "now" (saved with the lock renewal), so a crashed run is picked up by the first process
 * to see its lock expire; when the run ends, agenda saves the real next run.
 */
function resumable(work: (job: Job) => Promise<void>): (job: Job) => Promise<void> {
  return async (job) => {
    const nextRunAt = job.attrs.nextRunAt;
    job.attrs.nextRunAt = new Date();
    await job.touch();
    try {
      await work(job);
    } finally {
      job.attrs.nextRunAt = nextRunAt;
    }
  };
}

export function defineJobs(agenda: Agenda): void {
  agenda.define<{ mailId: string }>(
    DELIVER_MAIL_JOB,
    async (job) => {
      await deliverMail(job.attrs.data.mailId);
    },
    {
      concurrency: 2,
      backoff: backoffStrategies.exponential({ delay: 30_000, factor: 2, maxRetries: MAX_DELIVERY_ATTEMPTS - 1 }),
    },
  );

  agenda.define<{ donationId: string }>(
    BOOK_PAYMENT_FEE_JOB,
    async (job) => {
      // Not settled at Stripe yet: fail, so agenda tries again with its backoff.
      if ((await bookPaymentFee(job.attrs.data.donationId)) === 'not_yet') throw new FeeNotReadyError('not settled');
    },
    { concurrency: 2, backoff: backoffStrategies.exponential({ delay: 60_000, factor: 2, maxRetries: 8 }) },
  );

  agenda.define(
    FOLLOW_UP_PLEDGES_JOB,
    resumable(async (job) => {
      await followUpPledges(new Date(), keepAlive(job));
    }),
  );

  agenda.define(
    PURGE_SESSIONS_JOB,
    resumable(async () => {
      await purgeExpiredSessions();
      // Rate-limit slots of ended windows: the same clean-up, since FerretDB has no TTL indexes.
      await purgeExpiredRateLimitSlots();
    }),
  );

  agenda.define(
    RECONCILE_CHECKOUTS_JOB,
    resumable(async () => {
      await reconcilePendingCheckouts();
    }),
  );

  agenda.define(
    SYNC_CALLS_JOB,
    resumable(async () => {
      await syncCallStatuses();
    }),
  );

  agenda.define(
    REMIND_REVIEWERS_JOB,
    resumable(async (job) => {
      await remindReviewers(new Date(), undefined, keepAlive(job));
    }),
  );

  agenda.define(
    REMIND_REPORTS_JOB,
    resumable(async (job) => {
      await remindReports(new Date(), undefined, keepAlive(job));
    }),
  );
}

/**
 * Recurring jobs, one document each however many app processes start (see scheduleEvery).
 * Every job may be cut short by a crash and run again: each marks its work item by item and
 * its mails carry idempotency keys, so a second run only does what the first did not.
 */
export async function scheduleRecurringJobs(agenda: Agenda): Promise<void> {
  await scheduleEvery(agenda, '1 hour', PURGE_SESSIONS_JOB);
  await scheduleEvery(agenda, '15 minutes', RECONCILE_CHECKOUTS_JOB);
  // Calls open and close on the minute; deadlines themselves are checked at the second they pass.
  await scheduleEvery(agenda, '1 minute', SYNC_CALLS_JOB);
  await scheduleEvery(agenda, '6 hours', REMIND_REVIEWERS_JOB);
  await scheduleEvery(agenda, '6 hours', REMIND_REPORTS_JOB);
  await scheduleEvery(agenda, '6 hours', FOLLOW_UP_PLEDGES_JOB);
}

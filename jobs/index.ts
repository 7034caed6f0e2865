/** Agenda job definitions. Each job only calls a service; retries use agenda's backoff. */
import { backoffStrategies, type Agenda } from 'agenda';
import { DELIVER_MAIL_JOB, MAX_DELIVERY_ATTEMPTS, deliverMail } from '../src/shared/mail/mailer.js';
import { purgeExpiredSessions } from '../src/modules/accounts/session.service.js';
import { reconcilePendingCheckouts } from '../src/modules/funds/reconcile.service.js';
import { syncCallStatuses } from '../src/modules/grants/call.service.js';
import { remindReviewers } from '../src/modules/grants/review.service.js';
import { remindReports } from '../src/modules/grants/award.service.js';

export const PURGE_SESSIONS_JOB = 'sessions.purge-expired';
export const RECONCILE_CHECKOUTS_JOB = 'donations.reconcile-checkouts';
export const SYNC_CALLS_JOB = 'grants.open-close-calls';
export const REMIND_REVIEWERS_JOB = 'grants.remind-reviewers';
export const REMIND_REPORTS_JOB = 'grants.remind-reports';

export function defineJobs(agenda: Agenda): void {
  agenda.define<{ mailId: string }>(
    DELIVER_MAIL_JOB,
    async (job) => {
      await deliverMail(job.attrs.data.mailId);
    },
    { concurrency: 2, backoff: backoffStrategies.exponential({ delay: 30_000, factor: 2, maxRetries: MAX_DELIVERY_ATTEMPTS - 1 }) },
  );

  agenda.define(PURGE_SESSIONS_JOB, async () => {
    await purgeExpiredSessions();
  });

  agenda.define(RECONCILE_CHECKOUTS_JOB, async () => {
    await reconcilePendingCheckouts();
  });

  agenda.define(SYNC_CALLS_JOB, async () => {
    await syncCallStatuses();
  });

  agenda.define(REMIND_REVIEWERS_JOB, async () => {
    await remindReviewers();
  });

  agenda.define(REMIND_REPORTS_JOB, async () => {
    await remindReports();
  });
}

/** Recurring jobs; `every` upserts by name, so several app processes schedule them once. */
export async function scheduleRecurringJobs(agenda: Agenda): Promise<void> {
  await agenda.every('1 hour', PURGE_SESSIONS_JOB);
  await agenda.every('15 minutes', RECONCILE_CHECKOUTS_JOB);
  // Calls open and close on the minute; deadlines themselves are checked at the second they pass.
  await agenda.every('1 minute', SYNC_CALLS_JOB);
  await agenda.every('6 hours', REMIND_REVIEWERS_JOB);
  await agenda.every('6 hours', REMIND_REPORTS_JOB);
}

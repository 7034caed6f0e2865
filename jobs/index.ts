/** Agenda job definitions. Each job only calls a service; retries use agenda's backoff. */
import { backoffStrategies, type Agenda } from 'agenda';
import { DELIVER_MAIL_JOB, MAX_DELIVERY_ATTEMPTS, deliverMail } from '../src/shared/mail/mailer.js';
import { purgeExpiredSessions } from '../src/modules/accounts/session.service.js';
import { reconcilePendingCheckouts } from '../src/modules/funds/reconcile.service.js';

export const PURGE_SESSIONS_JOB = 'sessions.purge-expired';
export const RECONCILE_CHECKOUTS_JOB = 'donations.reconcile-checkouts';

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
}

/** Recurring jobs; `every` upserts by name, so several app processes schedule them once. */
export async function scheduleRecurringJobs(agenda: Agenda): Promise<void> {
  await agenda.every('1 hour', PURGE_SESSIONS_JOB);
  await agenda.every('15 minutes', RECONCILE_CHECKOUTS_JOB);
}

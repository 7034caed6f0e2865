/**
 * Pledges that wait too long: reminded once after PLEDGE_REMIND_AFTER_DAYS (the email carries the
 * PromptPay QR again), and lapsed after PLEDGE_LAPSE_AFTER_DAYS, so the staff's list of waiting
 * pledges and the statement matching only hold promises still likely to be kept. A transfer that
 * comes after its pledge lapsed is recorded by staff as a gift of its own.
 */
import { Donation } from './donation.model.js';
import { moveUnconfirmed } from './donation.service.js';
import { foundationInfo } from './foundation-info.js';
import { events } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'pledge-followup' });

const DAY_MS = 86_400_000;
/** Pledges handled per run: a backlog is worked through over the next runs. */
const BATCH = 500;

export interface FollowUpResult {
  reminded: number;
  lapsed: number;
}

export async function followUpPledges(
  now = new Date(),
  keepAlive: () => Promise<void> = async () => {},
): Promise<FollowUpResult> {
  const { pledgeRemindAfterDays, pledgeLapseAfterDays } = foundationInfo();
  const lapseBefore = new Date(now.getTime() - pledgeLapseAfterDays * DAY_MS);
  const remindBefore = new Date(now.getTime() - pledgeRemindAfterDays * DAY_MS);
  // Lapse first: a pledge past both ages (the job did not run for weeks) lapses without a late reminder.
  const old = await Donation.find({ status: 'pledged', createdAt: { $lte: lapseBefore } }, { _id: 1 })
    .limit(BATCH)
    .lean();
  for (const gift of old) {
    await moveUnconfirmed(String(gift._id), 'expired', { reason: 'pledge_lapsed' });
    await keepAlive();
  }
  const due = await Donation.find(
    { status: 'pledged', pledgeRemindedAt: null, createdAt: { $lte: remindBefore } },
    { _id: 1 },
  )
    .limit(BATCH)
    .lean();
  // Mail first, mark second: a run cut short is run again, and the mail's key keeps it to one email.
  for (const gift of due) {
    await events.emit('donation.pledge_reminder', { donationId: String(gift._id) });
    await Donation.updateOne({ _id: gift._id, status: 'pledged' }, { $set: { pledgeRemindedAt: now } });
    await keepAlive();
  }
  if (old.length || due.length) log.info({ reminded: due.length, lapsed: old.length }, 'pledges followed up');
  return { reminded: due.length, lapsed: old.length };
}

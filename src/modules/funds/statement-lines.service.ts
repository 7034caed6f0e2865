/**
 * What staff make of a statement's line of money in, once, under the line's lock (then the
 * gift's, always in that order): the waiting pledge it pays is confirmed at the amount that
 * arrived; a lapsed pledge's late transfer is recorded as a new gift with that pledge's donor
 * and fund; or the line is not a gift at all. A repeat (a double click, a retry after a crash
 * between the gift and the line) finds the gift already made from this line and only marks it.
 */
import mongoose from 'mongoose';
import { StatementLine } from './bank-statement.model.js';
import { Donation } from './donation.model.js';
import { Fund } from './fund.model.js';
import { Campaign } from './campaign.model.js';
import { confirmPledge, recordOfflineGift } from './donation-offline.service.js';
import { receivedAtOf } from './statement.rules.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { formatSatang } from '../../shared/money.js';
import type { Locale } from '../../shared/i18n/index.js';

const log = logger.child({ module: 'bank-statements' });

const referenceOf = (description: string) => description.slice(0, 200);

async function withOpenLine<T>(
  actor: Actor,
  lineId: string,
  body: (line: InstanceType<typeof StatementLine>, by: mongoose.Types.ObjectId) => Promise<T>,
): Promise<T> {
  assertRole(actor, 'staff', 'admin');
  const by = new mongoose.Types.ObjectId(actor?.id);
  if (!mongoose.isValidObjectId(lineId)) throw new NotFoundError('statements.lineNotFound');
  return withLock(`statement-line:${lineId}`, async () => {
    const line = await StatementLine.findById(lineId);
    if (!line) throw new NotFoundError('statements.lineNotFound');
    return body(line, by);
  });
}

async function settle(
  line: InstanceType<typeof StatementLine>,
  by: mongoose.Types.ObjectId,
  status: 'pledge_confirmed' | 'gift_recorded' | 'not_a_gift',
  donationId?: string,
) {
  line.status = status;
  if (donationId) line.set('donationId', donationId);
  line.settledBy = by;
  line.settledAt = new Date();
  await line.save();
}

/** The waiting pledge this line pays, confirmed at `amountSatang` (what arrived: at most the line's amount). */
export async function confirmLinePledge(
  actor: Actor,
  lineId: string,
  donationId: string,
  amountSatang: number,
): Promise<void> {
  await withOpenLine(actor, lineId, async (line, by) => {
    if (line.status === 'pledge_confirmed' && String(line.donationId) === donationId) return;
    if (line.status !== 'open') throw new ConflictError('statements.lineSettled');
    if (amountSatang < 1 || amountSatang > line.amountSatang)
      throw new ValidationError({
        amount: { key: 'statements.errors.amountAbove', params: { max: formatSatang(line.amountSatang) } },
      });
    await confirmPledge(actor, donationId, receivedAtOf(line.day, new Date()), referenceOf(line.description ?? ''), {
      amountSatang,
      statementLineId: lineId,
    });
    await settle(line, by, 'pledge_confirmed', donationId);
    log.info({ lineId, donationId, amountSatang }, 'statement line confirmed a pledge');
  });
}

/** A lapsed pledge's transfer arrived late: a new gift of the line's amount, with the pledge's donor and fund. */
export async function recordLineAsGift(actor: Actor, lineId: string, lapsedPledgeId: string): Promise<string> {
  return withOpenLine(actor, lineId, async (line, by) => {
    if (line.status === 'gift_recorded' && line.donationId) return String(line.donationId);
    if (line.status !== 'open') throw new ConflictError('statements.lineSettled');
    if (!mongoose.isValidObjectId(lapsedPledgeId)) throw new NotFoundError('donations.giftNotFound');
    const pledge = await Donation.findById(lapsedPledgeId).lean();
    if (!pledge) throw new NotFoundError('donations.giftNotFound');
    if (pledge.status !== 'expired' || pledge.channel !== 'bank_transfer')
      throw new ConflictError('statements.notLapsed');
    const [fund, campaign] = await Promise.all([
      Fund.findById(pledge.fundId, { slug: 1 }).lean(),
      pledge.campaignId ? Campaign.findById(pledge.campaignId, { slug: 1 }).lean() : null,
    ]);
    if (!fund) throw new NotFoundError('funds.notFound');
    const donor = pledge.donor;
    const tax = pledge.taxReceipt;
    const giftId = await recordOfflineGift(actor, {
      fundSlug: fund.slug,
      campaignSlug: campaign?.slug ?? undefined,
      amountSatang: line.amountSatang,
      channel: 'bank_transfer',
      receivedAt: receivedAtOf(line.day, new Date()),
      reference: referenceOf(line.description ?? ''),
      donor: {
        name: donor.name,
        email: donor.email ?? '',
        anonymous: donor.anonymous === true,
        userId: donor.userId ? String(donor.userId) : undefined,
        locale: (donor.locale ?? 'th') as Locale,
      },
      dedication: pledge.dedication ?? undefined,
      taxReceipt: tax
        ? {
            fullName: tax.fullName,
            taxId: tax.taxId,
            address: tax.address,
            eDonationConsent: tax.eDonationConsent === true,
          }
        : undefined,
      submissionId: `statement-line:${lineId}`,
      statementLineId: lineId,
    });
    await settle(line, by, 'gift_recorded', giftId);
    log.info({ lineId, lapsedPledgeId, giftId }, 'statement line recorded as a gift');
    return giftId;
  });
}

/** Money in that is no gift (interest, a transfer between the foundation's accounts): set aside. */
export async function markLineNotAGift(actor: Actor, lineId: string): Promise<void> {
  await withOpenLine(actor, lineId, async (line, by) => {
    if (line.status === 'not_a_gift') return;
    if (line.status !== 'open') throw new ConflictError('statements.lineSettled');
    await settle(line, by, 'not_a_gift');
  });
}

/** A line set aside by mistake is open again (a confirmed or recorded line stays: its gift is booked). */
export async function reopenLine(actor: Actor, lineId: string): Promise<void> {
  await withOpenLine(actor, lineId, async (line) => {
    if (line.status === 'open') return;
    if (line.status !== 'not_a_gift') throw new ConflictError('statements.lineSettled');
    line.status = 'open';
    line.set('settledBy', undefined);
    line.set('settledAt', undefined);
    await line.save();
  });
}

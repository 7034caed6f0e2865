/**
 * A donor's own gifts: the list with receipts, yearly tax summaries, cancelling a monthly gift,
 * and gifts given before the account existed joining it: all gifts with the address join when
 * the address is verified (`user.email_verified`), and one gift can be claimed later with its
 * reference code and the verified address. A claim that does not match says "not found", never why.
 */
import { deductionOf } from './deductions.service.js';
import type { Deduction } from './e-donation.rules.js';
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { backfillGiftCodes, fundNames, toRow, type DonationRow } from './donation-query.service.js';
import { assertEmailVerified } from '../accounts/index.js';
import { markRecurringCancelled } from './recurring-gift.service.js';
import { isCancellable } from './recurring-gift.status.js';
import { giftCodeOf, looksLikeGiftCode } from './donation.rules.js';
import type { DonationStatus } from './donation.status.js';
import { paymentProvider, PaymentProviderError } from './payments/index.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { ForbiddenError, NotFoundError, ServiceUnavailableError, ValidationError } from '../../shared/errors.js';
import { BUDDHIST_ERA_OFFSET, TIME_ZONE, parseBangkokDay } from '../../shared/dates.js';
import { events } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';
import type { Bilingual } from './fund.service.js';

const log = logger.child({ module: 'donations' });

export interface MonthlyGiftRow {
  id: string;
  fundName: Bilingual;
  amountSatang: number;
  status: string;
  createdAt: Date;
  lastPaidAt: Date | null;
  cancellable: boolean;
}

/** A pledge still waiting for the donor's transfer, with what a PromptPay QR needs. */
export interface WaitingPledge {
  id: string;
  fundName: { th: string; en: string };
  amountSatang: number;
  reference: string;
  createdAt: Date;
}

export interface MyGifts {
  gifts: Page<DonationRow>;
  /** The donor's pledges awaiting a transfer, newest first (a few: the list below has them all). */
  waiting: WaitingPledge[];
  monthly: MonthlyGiftRow[];
  /** Buddhist-era years with confirmed gifts, newest first (for the yearly summaries). */
  years: number[];
}

/** How many waiting pledges the page shows with their QR codes. */
const WAITING_SHOWN = 5;

export async function listMyGifts(user: { id: string }, page: number): Promise<MyGifts> {
  const userId = new mongoose.Types.ObjectId(user.id);
  const query = { donorUserId: userId, status: { $nin: ['pending', 'expired'] as DonationStatus[] } };
  const { skip, limit } = pageWindow(page, 20);
  const [docs, total, funds, monthlyDocs, paidDates, pledges] = await Promise.all([
    Donation.find(query).sort({ createdAt: -1 }).skip(skip).limit(limit),
    Donation.countDocuments(query),
    fundNames(),
    RecurringGift.find({ donorUserId: userId, status: { $ne: 'expired' } }).sort({ createdAt: -1 }),
    Donation.find(
      { donorUserId: userId, status: { $in: ['paid', 'partially_refunded', 'refunded'] } },
      { paidAt: 1 },
    ).lean(),
    Donation.find({ donorUserId: userId, status: 'pledged' }, { fundId: 1, amountSatang: 1, createdAt: 1 })
      .sort({ createdAt: -1 })
      .limit(WAITING_SHOWN)
      .lean(),
  ]);
  const years = [...new Set(paidDates.filter((d) => d.paidAt).map((d) => yearOf(d.paidAt as Date)))].sort(
    (a, b) => b - a,
  );
  return {
    gifts: buildPage(
      docs.map((d) => toRow(d, funds)),
      total,
      page,
      20,
    ),
    monthly: monthlyDocs.map((g) => ({
      id: g._id.toString(),
      fundName: funds.get(String(g.fundId))?.name ?? { th: '', en: '' },
      amountSatang: g.amountSatang,
      status: g.status,
      createdAt: g.get('createdAt') as Date,
      lastPaidAt: g.lastPaidAt ?? null,
      cancellable: isCancellable(g.status),
    })),
    years,
    waiting: pledges.map((p) => ({
      id: String(p._id),
      fundName: funds.get(String(p.fundId))?.name ?? { th: '', en: '' },
      amountSatang: p.amountSatang,
      reference: giftCodeOf(String(p._id)),
      createdAt: p.createdAt as Date,
    })),
  };
}

function yearOf(date: Date): number {
  return (
    Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: TIME_ZONE }).format(date)) +
    BUDDHIST_ERA_OFFSET
  );
}

/** A donor's confirmed gifts in one Buddhist-era year, net of refunds, for the tax summary. */
export async function donorYearGifts(user: { id: string }, yearBE: number) {
  const gregorian = yearBE - BUDDHIST_ERA_OFFSET;
  const from = parseBangkokDay(`${gregorian}-01-01`) as Date;
  const to = parseBangkokDay(`${gregorian + 1}-01-01`) as Date;
  const docs = await Donation.find({
    donorUserId: new mongoose.Types.ObjectId(user.id),
    status: { $in: ['paid', 'partially_refunded'] },
    paidAt: { $gte: from, $lt: to },
  }).sort({ paidAt: 1 });
  const funds = await fundNames();
  // One look-up per fund and campaign, however many gifts went to it.
  const deductions = new Map<string, Promise<Deduction>>();
  const deductionFor = (fundId: unknown, campaignId: unknown) => {
    const key = `${String(fundId)}:${String(campaignId ?? '')}`;
    if (!deductions.has(key)) deductions.set(key, deductionOf(fundId, campaignId));
    return deductions.get(key) as Promise<Deduction>;
  };
  return Promise.all(
    docs.map(async (d) => ({
      receiptNumber: d.receiptNumber ?? '',
      paidAt: d.paidAt as Date,
      fundName: funds.get(String(d.fundId))?.name ?? { th: '', en: '' },
      amountSatang: d.amountSatang - (d.refundedSatang ?? 0),
      donorName: d.taxReceipt?.fullName ?? d.donor?.name ?? '',
      deduction: await deductionFor(d.fundId, d.campaignId),
    })),
  );
}

/** The donor cancels their own monthly gift: Stripe stops charging, the record says so. */
export async function cancelMyMonthlyGift(user: { id: string }, recurringGiftId: string): Promise<void> {
  const recurringGift = mongoose.isValidObjectId(recurringGiftId)
    ? await RecurringGift.findById(recurringGiftId)
    : null;
  if (!recurringGift) throw new NotFoundError();
  if (String(recurringGift.donor?.userId ?? '') !== user.id) throw new ForbiddenError();
  if (recurringGift.status === 'cancelled' || recurringGift.status === 'expired') return;
  const subscriptionId = recurringGift.stripe?.subscriptionId;
  if (subscriptionId) {
    try {
      await paymentProvider().cancelSubscription(subscriptionId);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      log.error({ err: error, recurringGiftId }, 'Stripe did not cancel the subscription');
      throw new ServiceUnavailableError('donations.paymentUnavailable');
    }
  }
  await markRecurringCancelled(recurringGiftId, subscriptionId ?? undefined, 'donor');
  log.info({ recurringGiftId, userId: user.id }, 'monthly gift cancelled by the donor');
}

// ---- Gifts given before the account existed ------------------------------------------------

/**
 * Attaches earlier gifts made with this address (and no account yet) to the account. Called
 * when the address is verified, so an address someone merely typed at sign-up unlocks nothing.
 * Returns how many gifts and monthly gifts joined. Safe to repeat.
 */
export async function linkGiftsToVerifiedEmail(userId: string, email: string): Promise<number> {
  if (!mongoose.isValidObjectId(userId) || typeof email !== 'string' || email.trim() === '') return 0;
  const address = email.trim().toLowerCase();
  const owner = new mongoose.Types.ObjectId(userId);
  // Equality on the stored (lower-cased) address; `userId: null` also matches gifts without one.
  // The model's update hook writes the top-level `donorUserId` copy along with `donor.userId`.
  const filter = { 'donor.email': address, 'donor.userId': null };
  const [gifts, monthly] = await Promise.all([
    Donation.updateMany(filter, { $set: { 'donor.userId': owner } }),
    RecurringGift.updateMany(filter, { $set: { 'donor.userId': owner } }),
  ]);
  const linked = gifts.modifiedCount + monthly.modifiedCount;
  if (linked > 0) log.info({ userId, linked }, 'earlier gifts joined the account');
  return linked;
}

let subscribed = false;

/** Subscribes the linking to the accounts module's `user.email_verified` event (once per process). */
export function subscribeGiftLinking(): void {
  if (subscribed) return;
  subscribed = true;
  events.on('user.email_verified', async ({ userId, email }) => {
    await linkGiftsToVerifiedEmail(userId, email);
  });
}

export interface ClaimInput {
  reference: string;
  email: string;
}

/**
 * A signed-in donor claims one gift by the reference code they were given and the address they
 * gave it with, which must be their own verified address. Every mismatch (unknown code, other
 * address, someone else's gift) is the same "not found".
 */
export async function claimGift(user: { id: string; email: string } | undefined, input: ClaimInput): Promise<void> {
  // The database's word, not the session's: the same gate as invitations and applications.
  await assertEmailVerified(user);
  if (!user) return;
  const notFound = new ValidationError({ reference: { key: 'gifts.claimNotFound' } }, 'gifts.claimNotFound');
  const code = input.reference.trim().toUpperCase();
  const address = input.email.trim().toLowerCase();
  if (!looksLikeGiftCode(code) || address !== user.email.trim().toLowerCase()) throw notFound;
  await backfillGiftCodes();
  const candidates = await Donation.find({ giftCode: code, 'donor.email': address }, { donor: 1 });
  const donation = candidates.find((g) => !g.donor?.userId || String(g.donor.userId) === user.id);
  if (!donation) throw notFound;
  if (!donation.donor?.userId) {
    donation.set('donor.userId', new mongoose.Types.ObjectId(user.id));
    await donation.save();
    log.info({ userId: user.id, donationId: donation._id.toString() }, 'gift claimed by its donor');
  }
}

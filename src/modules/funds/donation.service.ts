/**
 * Gifts from start to confirmation: starting a checkout or a pledge, confirming money (from a
 * webhook, the reconciliation job or staff), refunds, and monthly gifts. Every confirmation and
 * refund of one gift runs under that gift's lock, so webhooks arriving together or out of order
 * settle it once; the ledger's idempotency keys and the receipt's unique donationId make a
 * repeated confirmation change nothing.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { Fund } from './fund.model.js';
import { Campaign } from './campaign.model.js';
import { issueReceipt } from './receipt.service.js';
import { recordLedgerEntry, sumForRef, withFundDebit } from './ledger.service.js';
import {
  canMove,
  isConfirmed,
  onlineAmountProblem,
  refundedTotal,
  statusAfterRefunds,
  MAX_OFFLINE_SATANG,
  MAX_ONLINE_SATANG,
  MIN_ONLINE_SATANG,
  type DonationStatus,
  type Frequency,
  type KnownRefund,
} from './donation.rules.js';
import { paymentProvider } from './payments/index.js';
import { PaymentProviderError } from './payments/payment-provider.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';
import { sign } from '../../shared/signing.js';
import { ServiceUnavailableError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../shared/errors.js';
import type { Locale } from '../../shared/money.js';

const log = logger.child({ module: 'donations' });

/** A payment could not be matched to what we recorded: it is logged and never credited. */
export class PaymentMismatchError extends Error {
  override name = 'PaymentMismatchError';
}


export interface DonorInput {
  name: string;
  email: string;
  anonymous: boolean;
  userId?: string | undefined;
  locale: Locale;
}

export interface TaxReceiptInput {
  fullName: string;
  taxId: string;
  address: string;
  eDonationConsent: boolean;
}

export interface StartDonationInput {
  fundSlug: string;
  campaignSlug?: string | undefined;
  amountSatang: number;
  frequency: Frequency;
  donor: DonorInput;
  dedication?: string | undefined;
  taxReceipt?: TaxReceiptInput | undefined;
  /** A random id the form carries: submitting the same form twice starts one gift. */
  submissionId: string;
  baseUrl: string;
}

export type StartDonationResult =
  | { kind: 'redirect'; url: string; giftId: string }
  | { kind: 'pledged'; giftId: string; thanksPath: string };

export function thanksPath(giftId: string): string {
  return `/donate/thanks/${giftId}?token=${sign('gift', giftId)}`;
}

export function cancelledPath(giftId: string): string {
  return `/donate/cancelled/${giftId}?token=${sign('gift', giftId)}`;
}

export async function findDonatableFund(fundSlug: string, campaignSlug: string | undefined) {
  const fund = /^[a-z0-9-]{2,60}$/.test(fundSlug) ? await Fund.findOne({ slug: fundSlug, active: true }) : null;
  if (!fund) throw new NotFoundError('funds.notFound');
  if (!campaignSlug) return { fund, campaign: null };
  const campaign = /^[a-z0-9-]{2,60}$/.test(campaignSlug)
    ? await Campaign.findOne({ slug: campaignSlug, fundId: fund._id, active: true })
    : null;
  if (!campaign || campaign.endsAt.getTime() < Date.now()) {
    throw new ValidationError({ campaign: { key: 'donations.campaignClosed' } }, 'donations.campaignClosed');
  }
  return { fund, campaign };
}

function checkAmount(amountSatang: number, online: boolean): void {
  if (online) {
    const problem = onlineAmountProblem(amountSatang);
    if (problem === 'below_minimum') throw new ValidationError({ amount: { key: 'donations.belowMinimum', params: { min: MIN_ONLINE_SATANG / 100 } } });
    if (problem === 'above_maximum') throw new ValidationError({ amount: { key: 'donations.aboveMaximum', params: { max: MAX_ONLINE_SATANG / 100 } } });
  } else if (amountSatang < 100 || amountSatang > MAX_OFFLINE_SATANG) {
    throw new ValidationError({ amount: { key: 'donations.pledgeRange' } });
  }
}

/**
 * Starts a gift from the donate form: a Checkout when online payment is configured, otherwise a
 * pledge for a bank transfer. A repeated submission returns the first one's outcome.
 */
export async function startDonation(input: StartDonationInput): Promise<StartDonationResult> {
  const provider = paymentProvider();
  const { fund, campaign } = await findDonatableFund(input.fundSlug, input.campaignSlug);
  checkAmount(input.amountSatang, provider.online);
  if (input.frequency === 'monthly' && !provider.online) {
    throw new ValidationError({ frequency: { key: 'donations.monthlyNeedsOnline' } }, 'donations.monthlyNeedsOnline');
  }
  const submissionKey = `form:${input.submissionId}`;
  const common = {
    submissionKey,
    fundId: fund._id,
    campaignId: campaign?._id,
    amountSatang: input.amountSatang,
    donor: { ...input.donor, userId: input.donor.userId ? new mongoose.Types.ObjectId(input.donor.userId) : undefined },
    dedication: input.dedication || undefined,
    taxReceipt: input.taxReceipt,
  };
  const Model = input.frequency === 'monthly' ? RecurringGift : Donation;
  if (await (Model as typeof Donation).exists({ submissionKey })) return repeatOutcome(Model, submissionKey);

  let gift;
  try {
    gift =
      input.frequency === 'monthly'
        ? await RecurringGift.create({ ...common, status: 'pending' })
        : await Donation.create({ ...common, frequency: 'one_time', channel: 'online', status: provider.online ? 'pending' : 'pledged' });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return repeatOutcome(Model, submissionKey);
  }
  const giftId = gift._id.toString();

  if (!provider.online) {
    log.info({ donationId: giftId, amountSatang: input.amountSatang }, 'pledge recorded');
    await events.emit('donation.pledged', { donationId: giftId });
    return { kind: 'pledged', giftId, thanksPath: thanksPath(giftId) };
  }

  try {
    const started = await provider.startCheckout({
      reference: giftId,
      frequency: input.frequency,
      amountSatang: input.amountSatang,
      description: `${fund.name?.[input.donor.locale] ?? fund.slug}${campaign ? ` — ${campaign.name?.[input.donor.locale]}` : ''}`,
      email: input.donor.email,
      locale: input.donor.locale,
      successUrl: `${input.baseUrl}${thanksPath(giftId)}`,
      cancelUrl: `${input.baseUrl}${cancelledPath(giftId)}`,
      idempotencyKey: submissionKey,
    });
    gift.set('stripe.checkoutSessionId', started.sessionId);
    gift.set('stripe.checkoutUrl', started.url);
    await gift.save();
    log.info({ giftId, sessionId: started.sessionId, frequency: input.frequency }, 'checkout started');
    return { kind: 'redirect', url: started.url, giftId };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // Nothing was charged: remove the unfinished gift so a retry starts clean.
    await gift.deleteOne();
    log.error({ err: error, giftId }, 'could not start checkout');
    throw new ServiceUnavailableError('donations.paymentUnavailable');
  }
}

/**
 * The same form arrived again (a double click, a resent request). Its first submission may still
 * be waiting for Stripe: wait a little for the checkout URL so both land on the same page.
 */
async function repeatOutcome(Model: typeof Donation | typeof RecurringGift, submissionKey: string): Promise<StartDonationResult> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const gift = await (Model as typeof Donation).findOne({ submissionKey }).lean();
    if (!gift) throw new ServiceUnavailableError('donations.paymentUnavailable');
    const giftId = String(gift._id);
    const url = gift.stripe?.checkoutUrl;
    if (url && gift.status === 'pending') return { kind: 'redirect', url, giftId };
    if (gift.status !== 'pending' || Date.now() > deadline) return { kind: 'pledged', giftId, thanksPath: thanksPath(giftId) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ConfirmedPayment {
  amountSatang: number;
  currency: string;
  paidAt: Date;
  paymentIntentId?: string | undefined;
  paymentMethod?: string | undefined;
}

export async function loadDonation(donationId: string) {
  const donation = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId) : null;
  if (!donation) throw new PaymentMismatchError(`no gift ${donationId}`);
  return donation;
}

export function assertSameMoney(expectedSatang: number, payment: { amountSatang: number | null; currency: string | null }, what: string): void {
  if (payment.amountSatang !== expectedSatang || (payment.currency ?? '').toUpperCase() !== 'THB') {
    throw new PaymentMismatchError(
      `${what}: paid ${String(payment.amountSatang)} ${String(payment.currency)}, expected ${expectedSatang} THB`,
    );
  }
}

export type DonationDoc = InstanceType<typeof Donation>;

/** Ledger credit, refunds recorded so far, and the receipt: each step safe to repeat. */
async function settle(donation: DonationDoc): Promise<void> {
  const id = donation._id.toString();
  await recordLedgerEntry({
    kind: 'donation',
    fundId: donation.fundId.toString(),
    campaignId: donation.campaignId?.toString(),
    amountSatang: donation.amountSatang,
    ref: `donation:${id}`,
    idempotencyKey: `donation:${id}`,
    occurredAt: donation.paidAt ?? new Date(),
  });
  await syncRefunds(donation);
  const receipt = await issueReceipt(id);
  donation.receiptNumber = receipt.receiptNumber;
  // One write for status and receipt number: a crash before it is repaired by the retry (the
  // ledger entry and the receipt are found again, not repeated).
  if (donation.isModified()) await donation.save();
  if (receipt.created) {
    await events.emit('donation.confirmed', {
      donationId: id,
      fundId: donation.fundId.toString(),
      amountSatang: donation.amountSatang,
      receiptNumber: receipt.receiptNumber,
      donor: { name: donation.donor?.name ?? '', email: donation.donor?.email ?? undefined, locale: (donation.donor?.locale ?? 'th') as 'th' | 'en' },
    });
  }
}

/**
 * Marks a gift paid and settles it. Safe to call any number of times, in any order with the
 * gift's other events; a payment that disagrees with the gift is refused.
 */
export async function confirmDonation(donationId: string, payment: ConfirmedPayment): Promise<void> {
  await withLock(`donation:${donationId}`, async () => confirmLoaded(await loadDonation(donationId), payment));
}

/** The body of `confirmDonation` for a gift read fresh by a caller that holds its lock. */
export async function confirmLoaded(donation: DonationDoc, payment: ConfirmedPayment): Promise<void> {
  const donationId = donation._id.toString();
  assertSameMoney(donation.amountSatang, payment, `gift ${donationId}`);
  const status = donation.status as DonationStatus;
  if (!isConfirmed(status)) {
    if (!canMove(status, 'paid')) {
      log.warn({ donationId, status }, 'payment confirmed for a gift that can no longer be paid; crediting it anyway');
    }
    donation.status = 'paid';
    donation.paidAt = payment.paidAt;
    if (payment.paymentIntentId) donation.set('stripe.paymentIntentId', payment.paymentIntentId);
    if (payment.paymentMethod) donation.set('stripe.paymentMethod', payment.paymentMethod);
    log.info({ donationId, amountSatang: donation.amountSatang }, 'gift confirmed');
  }
  await settle(donation);
}

/** Moves a gift that is not yet confirmed (processing, failed, expired); never pulls back a confirmed one. */
export async function moveUnconfirmed(donationId: string, to: 'processing' | 'failed' | 'expired', detail: { reason?: string; paymentIntentId?: string | undefined } = {}): Promise<void> {
  await withLock(`donation:${donationId}`, async () => {
    const donation = await loadDonation(donationId);
    const from = donation.status as DonationStatus;
    if (!canMove(from, to) || from === to) {
      log.debug({ donationId, from, to }, 'status change ignored (already past it)');
      return;
    }
    donation.status = to;
    if (detail.reason) donation.failureReason = detail.reason;
    if (detail.paymentIntentId) donation.set('stripe.paymentIntentId', detail.paymentIntentId);
    await donation.save();
    log.info({ donationId, from, to }, 'gift status changed');
  });
}

/** Whether a gift has ever had refund news: without any, it cannot have refund entries. */
function hasRefundActivity(donation: DonationDoc): boolean {
  return (donation.refunds?.length ?? 0) > 0 || (donation.chargeAmountRefunded ?? 0) > 0 || (donation.refundedSatang ?? 0) > 0;
}

/**
 * Writes the ledger entries that bring a gift's recorded refunds to what has been returned.
 * Money going back out is booked under the fund's lock (taken here, inside the gift's, never the
 * reverse); a refund reported by the payment provider has already happened, so it is booked
 * even if it takes the fund below zero (with a warning). `fundLocked`: the caller already holds
 * the fund's lock and has checked the fund can pay (a staff refund).
 */
export async function syncRefunds(donation: DonationDoc, options: { fundLocked?: boolean } = {}): Promise<void> {
  // Refund details are always saved on the gift before its ledger entries are written, so a gift
  // without any has none to reconcile (and skips a ledger query FerretDB would answer by scanning).
  if (!hasRefundActivity(donation)) return;
  const id = donation._id.toString();
  const target = isConfirmed(donation.status as DonationStatus)
    ? refundedTotal(donation.amountSatang, donation.refunds as KnownRefund[], donation.chargeAmountRefunded ?? 0)
    : 0;
  const recorded = 0 - (await sumForRef(`donation:${id}`, ['refund']));
  if (target !== recorded) {
    const entry = {
      kind: 'refund' as const,
      fundId: donation.fundId.toString(),
      campaignId: donation.campaignId?.toString(),
      amountSatang: recorded - target,
      ref: `donation:${id}`,
      idempotencyKey: `refund:${id}:${recorded}->${target}`,
    };
    if (entry.amountSatang < 0 && !options.fundLocked) {
      await withFundDebit(entry.fundId, target - recorded, { kind: 'record' }, () => recordLedgerEntry(entry));
    } else {
      await recordLedgerEntry(entry);
    }
  }
  if (isConfirmed(donation.status as DonationStatus)) {
    const status = statusAfterRefunds(donation.amountSatang, target);
    const changed = donation.refundedSatang !== target || donation.status !== status;
    donation.refundedSatang = target;
    donation.status = status;
    await donation.save();
    if (changed && target > 0) await events.emit('donation.refunded', { donationId: id, refundedSatang: target });
  }
}

export interface RefundReport {
  /** One refund as Stripe reports it (refund.updated), or a staff member's manual refund. */
  refund?: KnownRefund;
  /** The charge's running total of refunds (charge.refunded). */
  chargeAmountRefunded?: number;
  currency: string;
}

/**
 * Records money returned to a donor. Refund news may arrive before the payment's own
 * confirmation: it is kept on the gift and booked when the gift is confirmed.
 */
export async function applyRefund(donationId: string, report: RefundReport): Promise<void> {
  await withLock(`donation:${donationId}`, async () => {
    const donation = await loadDonation(donationId);
    if (report.currency.toUpperCase() !== 'THB') throw new PaymentMismatchError(`refund of ${donationId} in ${report.currency}`);
    if (report.refund) {
      const refunds = (donation.refunds as KnownRefund[]).filter((r) => r.refundId !== report.refund?.refundId);
      donation.set('refunds', [...refunds.map((r) => ({ refundId: r.refundId, amountSatang: r.amountSatang, status: r.status })), report.refund]);
    }
    if (report.chargeAmountRefunded !== undefined) {
      donation.chargeAmountRefunded = Math.max(donation.chargeAmountRefunded ?? 0, report.chargeAmountRefunded);
    }
    await donation.save();
    await syncRefunds(donation);
  });
}

export function newSubmissionId(): string {
  return randomUUID();
}

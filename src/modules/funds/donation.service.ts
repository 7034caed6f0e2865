/**
 * Gifts from payment to confirmation: confirming money (from a webhook, the reconciliation job
 * or staff) and refunds. Every confirmation and refund of one gift runs under that gift's lock,
 * so webhooks arriving together or out of order settle it once; the ledger's idempotency keys and
 * the receipt's unique donationId make a repeated confirmation change nothing. Starting a gift:
 * donation-start.service.ts; monthly gifts: recurring-gift.service.ts; offline gifts: donation-offline.service.ts.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { issueReceipt } from './receipt.service.js';
import { movements, netDebitForRef, postEntry, withFundDebit, type MoneyChannel } from '../accounting/index.js';
import { refundedTotal, statusAfterRefunds, type KnownRefund } from './donation.rules.js';
import {
  canMove,
  donationMove,
  isConfirmed,
  type DonationMover,
  type DonationStatus,
  type DonationTransition,
} from './donation.status.js';
import { setPaymentRefs, type ConfirmedPayment } from './payments/index.js';
import { withLock } from '../../shared/db/lock.js';
import { InvalidTransitionError } from '../../shared/errors.js';
import { eDonationAfterRefund, reportedSatang, type EDonationStatus } from './e-donation.rules.js';
import { events } from '../../shared/events.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'donations' });

/** A payment could not be matched to what we recorded: it is logged and never credited. */
export class PaymentMismatchError extends Error {
  override name = 'PaymentMismatchError';
}

export async function loadDonation(donationId: string) {
  const donation = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId) : null;
  if (!donation) throw new PaymentMismatchError(`no gift ${donationId}`);
  return donation;
}

export function assertSameMoney(
  expectedSatang: number,
  payment: { amountSatang: number | null; currency: string | null },
  what: string,
): void {
  if (payment.amountSatang !== expectedSatang || (payment.currency ?? '').toUpperCase() !== 'THB') {
    throw new PaymentMismatchError(
      `${what}: paid ${String(payment.amountSatang)} ${String(payment.currency)}, expected ${expectedSatang} THB`,
    );
  }
}

export type DonationDoc = InstanceType<typeof Donation>;

/**
 * The only writer of a gift's status: the move must be in donation.status.ts's table for `by`
 * (409 otherwise). Staying put changes nothing. The caller saves the gift.
 */
export function setDonationStatus(
  donation: DonationDoc,
  to: DonationStatus,
  by: DonationMover,
): DonationTransition | undefined {
  const from = donation.status as DonationStatus;
  if (from === to) return undefined;
  const move = donationMove(from, to, by);
  if (!move) throw new InvalidTransitionError('errors.invalidTransition', { action: to, status: from });
  donation.status = to;
  return move;
}

/** Online gifts arrive in (and are refunded from) Stripe's balance; the others in the bank account. */
function channelOf(donation: DonationDoc): MoneyChannel {
  return donation.channel === 'online' ? 'stripe' : 'bank';
}

/** Journal entry, refunds recorded so far, and the receipt: each step safe to repeat. */
async function settle(donation: DonationDoc, by: DonationMover): Promise<void> {
  const id = donation._id.toString();
  await postEntry({
    movement: movements.donationReceived(donation.fundId.toString(), donation.amountSatang, channelOf(donation)),
    campaignId: donation.campaignId?.toString(),
    ref: `donation:${id}`,
    idempotencyKey: `donation:${id}`,
    occurredAt: donation.paidAt ?? new Date(),
    // A payment confirmed after its month was closed is booked in the open month.
    inClosedMonth: 'book_now',
  });
  await syncRefunds(donation, { by });
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
      online: donation.channel === 'online',
      donor: {
        name: donation.donor?.name ?? '',
        email: donation.donor?.email ?? undefined,
        locale: (donation.donor?.locale ?? 'th') as 'th' | 'en',
      },
    });
  }
}

/**
 * Marks a gift paid and settles it. Safe to call any number of times, in any order with the
 * gift's other events; a payment that disagrees with the gift is refused. `by`: the provider's
 * word (webhook, reconciliation, invoice) or staff recording money that came offline.
 */
export async function confirmDonation(
  donationId: string,
  payment: ConfirmedPayment,
  by: DonationMover = 'provider',
): Promise<void> {
  await withLock(`donation:${donationId}`, async () => confirmLoaded(await loadDonation(donationId), payment, by));
}

/** The body of `confirmDonation` for a gift read fresh by a caller that holds its lock. */
export async function confirmLoaded(
  donation: DonationDoc,
  payment: ConfirmedPayment,
  by: DonationMover = 'provider',
): Promise<void> {
  const donationId = donation._id.toString();
  assertSameMoney(donation.amountSatang, payment, `gift ${donationId}`);
  const status = donation.status as DonationStatus;
  if (!isConfirmed(status)) {
    const move = setDonationStatus(donation, 'paid', by);
    if (move?.late) {
      log.warn({ donationId, status }, 'payment confirmed for a gift that can no longer be paid; crediting it anyway');
    }
    donation.paidAt = payment.paidAt;
    setPaymentRefs(donation, { paymentIntentId: payment.paymentIntentId, paymentMethod: payment.paymentMethod });
    log.info({ donationId, amountSatang: donation.amountSatang }, 'gift confirmed');
  }
  await settle(donation, by);
}

/**
 * The provider moves a gift that is not yet confirmed (processing, failed, expired); a move the
 * status table does not list (a late event: never pulling back a confirmed gift) is ignored.
 */
export async function moveUnconfirmed(
  donationId: string,
  to: 'processing' | 'failed' | 'expired',
  detail: { reason?: string; paymentIntentId?: string | undefined } = {},
): Promise<void> {
  await withLock(`donation:${donationId}`, async () => {
    const donation = await loadDonation(donationId);
    const from = donation.status as DonationStatus;
    if (!canMove(from, to) || from === to) {
      log.debug({ donationId, from, to }, 'status change ignored (already past it)');
      return;
    }
    setDonationStatus(donation, to, 'provider');
    if (detail.reason) donation.failureReason = detail.reason;
    setPaymentRefs(donation, { paymentIntentId: detail.paymentIntentId });
    await donation.save();
    log.info({ donationId, from, to }, 'gift status changed');
  });
}

/** Whether a gift has ever had refund news: without any, it cannot have refund entries. */
function hasRefundActivity(donation: DonationDoc): boolean {
  return (
    (donation.refunds?.length ?? 0) > 0 ||
    (donation.chargeAmountRefunded ?? 0) > 0 ||
    (donation.refundedSatang ?? 0) > 0
  );
}

/**
 * Writes the ledger entries that bring a gift's recorded refunds to what has been returned.
 * Money going back out is booked under the fund's lock (taken here, inside the gift's, never the
 * reverse); a refund reported by the payment provider has already happened, so it is booked
 * even if it takes the fund below zero (with a warning). `fundLocked`: the caller already holds
 * the fund's lock and has checked the fund can pay (a staff refund); `by`: who reported the
 * refund (the provider unless said otherwise).
 */
export async function syncRefunds(
  donation: DonationDoc,
  options: { fundLocked?: boolean; by?: DonationMover } = {},
): Promise<void> {
  // Refund details are always saved on the gift before its ledger entries are written, so a gift
  // without any has none to reconcile (and skips a ledger query FerretDB would answer by scanning).
  if (!hasRefundActivity(donation)) return;
  const id = donation._id.toString();
  const target = isConfirmed(donation.status as DonationStatus)
    ? refundedTotal(donation.amountSatang, donation.refunds as KnownRefund[], donation.chargeAmountRefunded ?? 0)
    : 0;
  const recorded = await netDebitForRef(`donation:${id}`, 'refunds');
  if (target !== recorded) {
    const fundId = donation.fundId.toString();
    const entry = {
      movement: movements.refundMoved(fundId, recorded - target, channelOf(donation)),
      campaignId: donation.campaignId?.toString(),
      ref: `donation:${id}`,
      idempotencyKey: `refund:${id}:${recorded}->${target}`,
      inClosedMonth: 'book_now' as const,
    };
    if (target > recorded && !options.fundLocked) {
      await withFundDebit(fundId, target - recorded, { kind: 'record' }, () => postEntry(entry));
    } else {
      await postEntry(entry);
    }
  }
  if (isConfirmed(donation.status as DonationStatus)) {
    const status = statusAfterRefunds(donation.amountSatang, target);
    const changed = donation.refundedSatang !== target || donation.status !== status;
    donation.refundedSatang = target;
    setDonationStatus(donation, status, options.by ?? 'provider');
    if (changed) applyEDonationRefund(donation, target);
    await donation.save();
    if (changed && target > 0) await events.emit('donation.refunded', { donationId: id, refundedSatang: target });
  }
}

/** What a refund means for the gift's e-Donation report (e-donation.rules.ts), in the same write. */
function applyEDonationRefund(donation: DonationDoc, refundedSatang: number): void {
  const next = eDonationAfterRefund({
    status: (donation.eDonationStatus ?? undefined) as EDonationStatus | undefined,
    inBatch: Boolean(donation.eDonationBatchId),
    correction: donation.eDonationCorrection === true,
    leftSatang: reportedSatang(donation.amountSatang, refundedSatang),
  });
  if (!next) return;
  donation.set('eDonationStatus', next.status);
  if (next.correction) donation.set('eDonationCorrection', true);
  // A reported gift's batch stays as it was sent; the correction goes into a new one.
  if (next.leaveBatch) donation.set('eDonationBatchId', undefined);
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
    if (report.currency.toUpperCase() !== 'THB')
      throw new PaymentMismatchError(`refund of ${donationId} in ${report.currency}`);
    if (report.refund) {
      const refunds = (donation.refunds as KnownRefund[]).filter((r) => r.refundId !== report.refund?.refundId);
      donation.set('refunds', [
        ...refunds.map((r) => ({ refundId: r.refundId, amountSatang: r.amountSatang, status: r.status })),
        report.refund,
      ]);
    }
    if (report.chargeAmountRefunded !== undefined) {
      donation.chargeAmountRefunded = Math.max(donation.chargeAmountRefunded ?? 0, report.chargeAmountRefunded);
    }
    await donation.save();
    await syncRefunds(donation);
  });
}

/**
 * Stripe's processing fee on each online gift, booked in the journal as the fund's expense (or
 * the general fund's, as the foundation chooses: FOUNDATION_FEES_BORNE_BY), so "available" is
 * what the foundation will actually receive. Read from the payment's balance transaction, the
 * same figure Stripe's payout report shows. A job books it after the gift is confirmed (outside
 * the webhook, so Stripe's answer never slows confirmation); the idempotency key makes a
 * repeated job book it once.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { Fund } from './fund.model.js';
import { isConfirmed, type DonationStatus } from './donation.status.js';
import { foundationInfo } from './foundation-info.js';
import { GENERAL_FUND_SLUG } from './funds.controller.js';
import { paymentProvider } from './payments/index.js';
import type { PaymentFee } from './payments/payment-provider.js';
import { movements, postEntry } from '../accounting/index.js';
import { events } from '../../shared/events.js';
import { enqueue } from '../../shared/queue.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'payment-fee' });

export const BOOK_PAYMENT_FEE_JOB = 'donations.book-payment-fee';

export type FeeOutcome = 'booked' | 'booked_before' | 'no_fee' | 'not_online' | 'not_yet';

/** The provider has not settled the payment yet: the job tries again later. */
export class FeeNotReadyError extends Error {
  override name = 'FeeNotReadyError';
}

/** The fund that bears a gift's fee (pure): its own, or the general fund when the foundation says so. */
export function feeBearer(giftFundId: string, borneBy: 'fund' | 'general', generalFundId: string | undefined): string {
  return borneBy === 'general' && generalFundId ? generalFundId : giftFundId;
}

/**
 * Books a gift's fee once. `known` is the fee when the caller has it already (a payout's contents);
 * otherwise the provider is asked.
 */
export async function bookPaymentFee(donationId: string, known?: PaymentFee): Promise<FeeOutcome> {
  if (!mongoose.isValidObjectId(donationId)) return 'not_online';
  const gift = await Donation.findById(donationId, {
    channel: 1,
    status: 1,
    fundId: 1,
    campaignId: 1,
    stripePaymentIntentId: 1,
    feeSatang: 1,
  }).lean();
  if (!gift || gift.channel !== 'online' || !gift.stripePaymentIntentId) return 'not_online';
  if (!isConfirmed(gift.status as DonationStatus)) return 'not_online';
  if (typeof gift.feeSatang === 'number') return 'booked_before';
  const fee = known ?? (await paymentProvider().paymentFee(gift.stripePaymentIntentId));
  if (!fee) return 'not_yet';
  if (fee.currency.toLowerCase() !== 'thb') {
    // A balance kept in another currency cannot be booked in baht: the accountant books it by hand.
    log.warn({ donationId, currency: fee.currency }, 'payment fee not in baht; not booked');
    return 'no_fee';
  }
  const general = await Fund.findOne({ slug: GENERAL_FUND_SLUG }, { _id: 1 }).lean();
  const bearer = feeBearer(
    String(gift.fundId),
    foundationInfo().feesBorneBy,
    general ? String(general._id) : undefined,
  );
  if (fee.feeSatang > 0) {
    await postEntry({
      movement: movements.feeCharged(bearer, fee.feeSatang),
      ref: `donation:${donationId}`,
      idempotencyKey: `fee:${donationId}`,
      campaignId: bearer === String(gift.fundId) ? gift.campaignId?.toString() : undefined,
      memo: fee.balanceTransactionId,
      // Stripe settles after the payment: a fee for a gift of a closed month goes into the open one.
      inClosedMonth: 'book_now',
    });
  }
  await Donation.updateOne({ _id: gift._id }, { $set: { feeSatang: fee.feeSatang } });
  log.info({ donationId, feeSatang: fee.feeSatang, bearer }, 'payment fee booked');
  return fee.feeSatang > 0 ? 'booked' : 'no_fee';
}

let subscribed = false;

/** Each gift confirmed online queues the booking of its fee. */
export function subscribePaymentFees(): void {
  if (subscribed) return;
  subscribed = true;
  events.on('donation.confirmed', async ({ donationId, online }) => {
    if (online) await enqueue(BOOK_PAYMENT_FEE_JOB, { donationId });
  });
}

/**
 * Checkouts still pending an hour after they started are looked up at Stripe (a webhook may have
 * been lost): paid ones are confirmed, expired ones closed. Run by an agenda job.
 */
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { paymentProvider } from './payments/index.js';
import { confirmDonation, moveUnconfirmed, PaymentMismatchError } from './donation.service.js';
import { activateRecurring, expireRecurringCheckout } from './recurring-gift.service.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'reconcile' });
export const RECONCILE_AFTER_MS = 60 * 60 * 1000;
const BATCH = 100;

export interface ReconcileReport {
  checked: number;
  confirmed: number;
  expired: number;
  failed: number;
}

export async function reconcilePendingCheckouts(now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, confirmed: 0, expired: 0, failed: 0 };
  const provider = paymentProvider();
  if (!provider.online) return report;
  const before = new Date(now.getTime() - RECONCILE_AFTER_MS);
  const donations = await Donation.find({
    status: { $in: ['pending', 'processing'] },
    channel: 'online',
    createdAt: { $lt: before },
  })
    .sort({ createdAt: 1 })
    .limit(BATCH);
  for (const donation of donations) {
    const sessionId = donation.stripe?.checkoutSessionId;
    if (!sessionId) continue;
    report.checked += 1;
    const id = donation._id.toString();
    try {
      const state = await provider.getCheckout(sessionId);
      if (state.status === 'complete' && state.paymentStatus === 'paid') {
        await confirmDonation(id, {
          amountSatang: state.amountSatang ?? -1,
          currency: state.currency ?? '',
          paidAt: now,
          paymentIntentId: state.paymentIntentId,
        });
        report.confirmed += 1;
      } else if (state.status === 'expired') {
        await moveUnconfirmed(id, 'expired', { reason: 'checkout_expired' });
        report.expired += 1;
      }
    } catch (error) {
      report.failed += 1;
      const level = error instanceof PaymentMismatchError ? 'error' : 'warn';
      log[level]({ err: error, donationId: id }, 'could not reconcile a checkout');
    }
  }
  const monthly = await RecurringGift.find({ status: 'pending', createdAt: { $lt: before } })
    .sort({ createdAt: 1 })
    .limit(BATCH);
  for (const gift of monthly) {
    const sessionId = gift.stripe?.checkoutSessionId;
    if (!sessionId) continue;
    report.checked += 1;
    const id = gift._id.toString();
    try {
      const state = await provider.getCheckout(sessionId);
      if (state.status === 'complete' && state.subscriptionId) {
        await activateRecurring(id, { subscriptionId: state.subscriptionId, customerId: state.customerId });
        report.confirmed += 1;
      } else if (state.status === 'expired') {
        await expireRecurringCheckout(id);
        report.expired += 1;
      }
    } catch (error) {
      report.failed += 1;
      log.warn({ err: error, recurringGiftId: id }, 'could not reconcile a monthly checkout');
    }
  }
  if (report.checked > 0) log.info(report, 'reconciled pending checkouts');
  return report;
}

/**
 * Monthly gifts: a Stripe subscription set up through Checkout, each paid month recorded as a
 * gift of its own (confirmed once per invoice), failures and cancellations. Every change of one
 * monthly gift runs under its lock (`recurring:<id>`), so webhooks arriving together settle it once.
 */
import mongoose from 'mongoose';
import { RecurringGift } from './recurring-gift.model.js';
import { recurringGiftMove, type RecurringGiftMover, type RecurringGiftStatus } from './recurring-gift.status.js';
import { Donation } from './donation.model.js';
import { assertSameMoney, confirmDonation, PaymentMismatchError } from './donation.service.js';
import { findOrCreateBySubmissionKey } from './donation-submission.js';
import { paymentRefFields, setSubscriptionRefs } from './payments/index.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';

async function loadRecurring(recurringGiftId: string | undefined, subscriptionId: string | undefined) {
  let gift =
    recurringGiftId && mongoose.isValidObjectId(recurringGiftId) ? await RecurringGift.findById(recurringGiftId) : null;
  if (!gift && subscriptionId) gift = await RecurringGift.findOne({ 'stripe.subscriptionId': subscriptionId });
  if (!gift) throw new PaymentMismatchError(`no monthly gift ${String(recurringGiftId)} / ${String(subscriptionId)}`);
  return gift;
}

/**
 * The only writer of a monthly gift's status, against recurring-gift.status.ts's table. A move
 * the table lacks is late news and changes nothing. Returns whether the status changed; the
 * caller saves the gift.
 */
export function setRecurringGiftStatus(
  gift: InstanceType<typeof RecurringGift>,
  to: RecurringGiftStatus,
  by: RecurringGiftMover,
): boolean {
  if (gift.status === to || !recurringGiftMove(gift.status, to, by)) return false;
  gift.status = to;
  if (to === 'cancelled') gift.cancelledAt = new Date();
  return true;
}

export async function activateRecurring(
  recurringGiftId: string,
  refs: { subscriptionId?: string | undefined; customerId?: string | undefined },
): Promise<void> {
  await withLock(`recurring:${recurringGiftId}`, async () => {
    const gift = await loadRecurring(recurringGiftId, undefined);
    setSubscriptionRefs(gift, refs);
    if (gift.status === 'pending') setRecurringGiftStatus(gift, 'active', 'provider');
    await gift.save();
  });
}

export async function expireRecurringCheckout(recurringGiftId: string): Promise<void> {
  await withLock(`recurring:${recurringGiftId}`, async () => {
    const gift = await loadRecurring(recurringGiftId, undefined);
    if (setRecurringGiftStatus(gift, 'expired', 'provider')) await gift.save();
  });
}

export interface PaidInvoice {
  invoiceId: string;
  recurringGiftId: string | undefined;
  subscriptionId: string | undefined;
  amountSatang: number;
  currency: string;
  paidAt: Date;
  paymentIntentId?: string | undefined;
}

/** One month of a monthly gift is paid: it becomes a gift of its own, confirmed once per invoice. */
export async function recordInvoicePaid(invoice: PaidInvoice): Promise<void> {
  const gift = await loadRecurring(invoice.recurringGiftId, invoice.subscriptionId);
  const giftId = gift._id.toString();
  assertSameMoney(gift.amountSatang, invoice, `invoice ${invoice.invoiceId} of monthly gift ${giftId}`);
  const submissionKey = `invoice:${invoice.invoiceId}`;
  const { doc: donation } = await findOrCreateBySubmissionKey(Donation, submissionKey, () => ({
    fundId: gift.fundId,
    campaignId: gift.campaignId,
    amountSatang: gift.amountSatang,
    frequency: 'monthly',
    channel: 'online',
    status: 'pending',
    donor: gift.donor ?? undefined,
    dedication: gift.dedication,
    taxReceipt: gift.taxReceipt ?? undefined,
    recurringGiftId: gift._id,
    ...paymentRefFields({
      invoiceId: invoice.invoiceId,
      paymentIntentId: invoice.paymentIntentId,
      paymentMethod: 'card',
    }),
  }));
  await confirmDonation(donation._id.toString(), { ...invoice });
  await withLock(`recurring:${giftId}`, async () => {
    const fresh = await loadRecurring(giftId, undefined);
    setSubscriptionRefs(fresh, { subscriptionId: invoice.subscriptionId }, { keepExisting: true });
    if (!fresh.lastPaidAt || fresh.lastPaidAt < invoice.paidAt) fresh.lastPaidAt = invoice.paidAt;
    fresh.failedPayments = 0;
    setRecurringGiftStatus(fresh, 'active', 'provider');
    await fresh.save();
  });
}

export async function recordInvoiceFailed(
  recurringGiftId: string | undefined,
  subscriptionId: string | undefined,
): Promise<void> {
  const gift = await loadRecurring(recurringGiftId, subscriptionId);
  const giftId = gift._id.toString();
  await withLock(`recurring:${giftId}`, async () => {
    const fresh = await loadRecurring(giftId, undefined);
    fresh.failedPayments = (fresh.failedPayments ?? 0) + 1;
    setRecurringGiftStatus(fresh, 'past_due', 'provider');
    await fresh.save();
  });
  await events.emit('recurring.payment_failed', { recurringGiftId: giftId });
}

/** The monthly gift ended: the provider says so, or the donor cancelled it (the provider told first). */
export async function markRecurringCancelled(
  recurringGiftId: string | undefined,
  subscriptionId: string | undefined,
  by: RecurringGiftMover = 'provider',
): Promise<void> {
  const gift = await loadRecurring(recurringGiftId, subscriptionId);
  const giftId = gift._id.toString();
  let changed = false;
  await withLock(`recurring:${giftId}`, async () => {
    const fresh = await loadRecurring(giftId, undefined);
    changed = setRecurringGiftStatus(fresh, 'cancelled', by);
    if (changed) await fresh.save();
  });
  if (changed) await events.emit('recurring.cancelled', { recurringGiftId: giftId });
}

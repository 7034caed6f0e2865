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
import { paymentRefFields, refFilter, setSubscriptionRefs } from './payments/index.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';

async function loadRecurringGift(recurringGiftId: string | undefined, subscriptionId: string | undefined) {
  let recurringGift =
    recurringGiftId && mongoose.isValidObjectId(recurringGiftId) ? await RecurringGift.findById(recurringGiftId) : null;
  if (!recurringGift && subscriptionId)
    recurringGift = await RecurringGift.findOne(refFilter('subscriptionId', subscriptionId));
  if (!recurringGift)
    throw new PaymentMismatchError(`no monthly gift ${String(recurringGiftId)} / ${String(subscriptionId)}`);
  return recurringGift;
}

/**
 * The only writer of a monthly gift's status, against recurring-gift.status.ts's table. A move
 * the table lacks is late news and changes nothing. Returns whether the status changed; the
 * caller saves the monthly gift.
 */
export function setRecurringGiftStatus(
  recurringGift: InstanceType<typeof RecurringGift>,
  to: RecurringGiftStatus,
  by: RecurringGiftMover,
): boolean {
  if (recurringGift.status === to || !recurringGiftMove(recurringGift.status, to, by)) return false;
  recurringGift.status = to;
  if (to === 'cancelled') recurringGift.cancelledAt = new Date();
  return true;
}

export async function activateRecurring(
  recurringGiftId: string,
  refs: { subscriptionId?: string | undefined; customerId?: string | undefined },
): Promise<void> {
  await withLock(`recurring:${recurringGiftId}`, async () => {
    const recurringGift = await loadRecurringGift(recurringGiftId, undefined);
    setSubscriptionRefs(recurringGift, refs);
    if (recurringGift.status === 'pending') setRecurringGiftStatus(recurringGift, 'active', 'provider');
    await recurringGift.save();
  });
}

export async function expireRecurringCheckout(recurringGiftId: string): Promise<void> {
  await withLock(`recurring:${recurringGiftId}`, async () => {
    const recurringGift = await loadRecurringGift(recurringGiftId, undefined);
    if (setRecurringGiftStatus(recurringGift, 'expired', 'provider')) await recurringGift.save();
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
  const recurringGift = await loadRecurringGift(invoice.recurringGiftId, invoice.subscriptionId);
  const recurringGiftId = recurringGift._id.toString();
  assertSameMoney(
    recurringGift.amountSatang,
    invoice,
    `invoice ${invoice.invoiceId} of monthly gift ${recurringGiftId}`,
  );
  const submissionKey = `invoice:${invoice.invoiceId}`;
  const { doc: donation } = await findOrCreateBySubmissionKey(Donation, submissionKey, () => ({
    fundId: recurringGift.fundId,
    campaignId: recurringGift.campaignId,
    amountSatang: recurringGift.amountSatang,
    frequency: 'monthly',
    channel: 'online',
    status: 'pending',
    donor: recurringGift.donor ?? undefined,
    dedication: recurringGift.dedication,
    taxReceipt: recurringGift.taxReceipt ?? undefined,
    recurringGiftId: recurringGift._id,
    ...paymentRefFields({
      invoiceId: invoice.invoiceId,
      paymentIntentId: invoice.paymentIntentId,
      paymentMethod: 'card',
    }),
  }));
  await confirmDonation(donation._id.toString(), { ...invoice });
  await withLock(`recurring:${recurringGiftId}`, async () => {
    const fresh = await loadRecurringGift(recurringGiftId, undefined);
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
  const recurringGift = await loadRecurringGift(recurringGiftId, subscriptionId);
  const id = recurringGift._id.toString();
  await withLock(`recurring:${id}`, async () => {
    const fresh = await loadRecurringGift(id, undefined);
    fresh.failedPayments = (fresh.failedPayments ?? 0) + 1;
    setRecurringGiftStatus(fresh, 'past_due', 'provider');
    await fresh.save();
  });
  await events.emit('recurring.payment_failed', { recurringGiftId: id });
}

/** The monthly gift ended: the provider says so, or the donor cancelled it (the provider told first). */
export async function markRecurringCancelled(
  recurringGiftId: string | undefined,
  subscriptionId: string | undefined,
  by: RecurringGiftMover = 'provider',
): Promise<void> {
  const recurringGift = await loadRecurringGift(recurringGiftId, subscriptionId);
  const id = recurringGift._id.toString();
  let changed = false;
  await withLock(`recurring:${id}`, async () => {
    const fresh = await loadRecurringGift(id, undefined);
    changed = setRecurringGiftStatus(fresh, 'cancelled', by);
    if (changed) await fresh.save();
  });
  if (changed) await events.emit('recurring.cancelled', { recurringGiftId: id });
}

/**
 * Stripe's webhook events, the only thing that confirms money. Each event id is stored once, with
 * its outcome: a delivery whose id was settled already changes nothing. Events are mapped to our gifts by
 * ids we set ourselves (metadata, client_reference_id), never by Stripe's ids alone, and the
 * donation service makes each effect idempotent and order-independent.
 */
import type Stripe from 'stripe';
import mongoose from 'mongoose';
import { WebhookEvent } from './webhook-event.model.js';
import { Donation } from '../donation.model.js';
import { RecurringGift } from '../recurring-gift.model.js';
import { applyRefund, confirmDonation, moveUnconfirmed, PaymentMismatchError } from '../donation.service.js';
import { recordPayout, type PayoutEvent } from '../payouts.service.js';
import {
  activateRecurring,
  expireRecurringCheckout,
  markRecurringCancelled,
  recordInvoiceFailed,
  recordInvoicePaid,
} from '../recurring-gift.service.js';
import { refFilter } from './payment-refs.js';
import { isDuplicateKeyError } from '../../../shared/errors.js';
import { logger } from '../../../shared/logger.js';

const log = logger.child({ module: 'stripe-webhook' });

export const HANDLED_EVENT_TYPES = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.deleted',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'payout.paid',
  'payout.failed',
]);

/** The event concerns a gift we cannot find yet (its confirmation is still on the way): Stripe should retry. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored' | 'rejected';

type Obj = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const idOf = (value: unknown): string | undefined => str(value) ?? str((value as Obj | null | undefined)?.id);
const meta = (value: unknown, key: string): string | undefined =>
  str(((value as Obj | null | undefined)?.metadata as Obj | undefined)?.[key]);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  if (!HANDLED_EVENT_TYPES.has(event.type)) {
    log.debug({ eventId: event.id, type: event.type }, 'event type not handled; acknowledged');
    return 'ignored';
  }
  const receivedAt = new Date();
  // An id stored with an outcome was settled before: a replay (even of an older state of a
  // refund) changes nothing. Records left "processing" by earlier versions do not count as settled.
  const seen = await WebhookEvent.findById(event.id, { status: 1 }).lean();
  if (seen && seen.status !== 'processing') {
    log.info({ eventId: event.id, type: event.type }, 'duplicate event ignored');
    return 'duplicate';
  }
  // Not seen, or a concurrent delivery of the same event still at work: every effect is
  // idempotent (ledger keys, one receipt per gift, the gift's lock), so go on.
  try {
    await dispatch(event);
    await recordOutcome(event, receivedAt, 'processed');
    return 'processed';
  } catch (error) {
    if (error instanceof RetryLaterError && Date.now() - event.created * 1000 < RETRY_WINDOW_MS) throw error;
    if (error instanceof PaymentMismatchError || error instanceof RetryLaterError) {
      log.error(
        { eventId: event.id, type: event.type, reason: error.message },
        'webhook event refused: nothing credited',
      );
      await recordOutcome(event, receivedAt, 'rejected', error.message.slice(0, 500));
      return 'rejected';
    }
    throw error;
  }
}

/**
 * Stores the event id with its outcome once its effects are stored: one insert (the unique _id
 * keeps one record when two deliveries of the event finish together). An event cut short before
 * this leaves no record, so Stripe's retry runs it again; its effects are idempotent.
 */
async function recordOutcome(
  event: Stripe.Event,
  receivedAt: Date,
  status: 'processed' | 'rejected',
  note?: string,
): Promise<void> {
  const outcome = { status, processedAt: new Date(), ...(note === undefined ? {} : { note }) };
  try {
    await WebhookEvent.create({ _id: event.id, type: event.type, receivedAt, ...outcome });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // A record left "processing" by an earlier version gets its outcome; a settled one stays.
    await WebhookEvent.updateOne({ _id: event.id, status: 'processing' }, { $set: outcome });
  }
}

async function dispatch(event: Stripe.Event): Promise<void> {
  const object = event.data.object as unknown as Obj;
  const at = new Date(event.created * 1000);
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return checkoutFinished(object, at, event.type === 'checkout.session.async_payment_succeeded');
    case 'checkout.session.async_payment_failed': {
      const donationId = meta(object, 'donationId') ?? str(object.client_reference_id);
      if (!donationId) throw new PaymentMismatchError('checkout without our reference');
      return moveUnconfirmed(donationId, 'failed', { reason: 'async_payment_failed' });
    }
    case 'checkout.session.expired': {
      const reference = str(object.client_reference_id);
      if (object.mode === 'subscription') {
        const recurringGiftId = meta(object, 'recurringGiftId') ?? reference;
        if (!recurringGiftId) throw new PaymentMismatchError('subscription checkout without our reference');
        return expireRecurringCheckout(recurringGiftId);
      }
      const donationId = meta(object, 'donationId') ?? reference;
      if (!donationId) throw new PaymentMismatchError('checkout without our reference');
      return moveUnconfirmed(donationId, 'expired', { reason: 'checkout_expired' });
    }
    case 'invoice.paid':
      return invoicePaid(object, at);
    case 'invoice.payment_failed': {
      const { recurringGiftId, subscriptionId } = invoiceSubscription(object);
      return recordInvoiceFailed(recurringGiftId, subscriptionId);
    }
    case 'customer.subscription.deleted':
      return markRecurringCancelled(meta(object, 'recurringGiftId'), str(object.id));
    case 'charge.refunded': {
      const donationId = await donationForPayment(object);
      const amountRefunded = num(object.amount_refunded);
      if (amountRefunded === null) throw new PaymentMismatchError('charge.refunded without amount_refunded');
      return applyRefund(donationId, { chargeAmountRefunded: amountRefunded, currency: str(object.currency) ?? '' });
    }
    case 'refund.created':
    case 'refund.updated': {
      const donationId = await donationForPayment(object);
      const amount = num(object.amount);
      const status = str(object.status);
      if (amount === null || amount <= 0) throw new PaymentMismatchError('refund without a positive amount');
      const known = status === 'succeeded' || status === 'failed' || status === 'canceled' ? status : 'pending';
      return applyRefund(donationId, {
        refund: { refundId: idOf(object) ?? '', amountSatang: amount, status: known },
        currency: str(object.currency) ?? '',
      });
    }
    case 'payout.paid':
    case 'payout.failed':
      return recordPayout(payoutOf(object), event.type === 'payout.paid' ? 'paid' : 'failed', at);
    default:
      return;
  }
}

/** A payout event's object in our words; refused (and acknowledged as such) without id, amount or date. */
function payoutOf(object: Obj): PayoutEvent {
  const id = idOf(object);
  const amount = num(object.amount);
  const arrival = num(object.arrival_date);
  if (
    !id ||
    !id.startsWith('po_') ||
    amount === null ||
    amount < 0 ||
    !Number.isSafeInteger(amount) ||
    arrival === null
  ) {
    throw new PaymentMismatchError('payout without id, amount or arrival date');
  }
  return {
    id,
    amountSatang: amount,
    currency: str(object.currency) ?? '',
    arrivalDate: new Date(arrival * 1000),
    failureCode: str(object.failure_code),
  };
}

async function checkoutFinished(session: Obj, at: Date, asyncSucceeded: boolean): Promise<void> {
  const reference = str(session.client_reference_id);
  if (session.mode === 'subscription') {
    const recurringGiftId = meta(session, 'recurringGiftId') ?? reference;
    if (!recurringGiftId) throw new PaymentMismatchError('subscription checkout without our reference');
    // An id that is no ObjectId names no monthly gift; any other failure (the database away) propagates,
    // so the event stays unprocessed and Stripe retries it.
    const recurringGift = mongoose.isValidObjectId(recurringGiftId)
      ? await RecurringGift.findById(recurringGiftId).lean()
      : null;
    if (!recurringGift) throw new PaymentMismatchError(`no monthly gift ${recurringGiftId}`);
    if (num(session.amount_total) !== recurringGift.amountSatang || str(session.currency)?.toUpperCase() !== 'THB') {
      const paid = `${String(session.amount_total)} ${String(session.currency)}`;
      throw new PaymentMismatchError(
        `monthly checkout of ${recurringGiftId}: ${paid}, expected ${recurringGift.amountSatang} THB`,
      );
    }
    // Money for a monthly gift is counted from each invoice.paid, never from the checkout.
    return activateRecurring(recurringGiftId, {
      subscriptionId: idOf(session.subscription),
      customerId: idOf(session.customer),
    });
  }
  const donationId = meta(session, 'donationId') ?? reference;
  if (!donationId) throw new PaymentMismatchError('checkout without our reference');
  const paymentIntentId = idOf(session.payment_intent);
  if (session.payment_status === 'paid') {
    const types = Array.isArray(session.payment_method_types) ? (session.payment_method_types as string[]) : [];
    return confirmDonation(donationId, {
      amountSatang: num(session.amount_total) ?? -1,
      currency: str(session.currency) ?? '',
      paidAt: at,
      paymentIntentId,
      paymentMethod: asyncSucceeded ? 'promptpay' : types.length === 1 ? types[0] : undefined,
    });
  }
  // Completed but unpaid: PromptPay's QR code was shown, the bank transfer is on its way.
  return moveUnconfirmed(donationId, 'processing', { paymentIntentId });
}

function invoiceSubscription(invoice: Obj): {
  recurringGiftId: string | undefined;
  subscriptionId: string | undefined;
} {
  const parent = (invoice.parent as Obj | undefined)?.subscription_details as Obj | undefined;
  const legacy = invoice.subscription_details as Obj | undefined;
  const lines = ((invoice.lines as Obj | undefined)?.data as Obj[] | undefined) ?? [];
  const recurringGiftId =
    meta(parent, 'recurringGiftId') ??
    meta(legacy, 'recurringGiftId') ??
    meta(invoice, 'recurringGiftId') ??
    lines.map((l) => meta(l, 'recurringGiftId')).find(Boolean);
  const subscriptionId = idOf(parent?.subscription) ?? idOf(invoice.subscription);
  return { recurringGiftId, subscriptionId };
}

async function invoicePaid(invoice: Obj, at: Date): Promise<void> {
  const invoiceId = idOf(invoice);
  const amountPaid = num(invoice.amount_paid);
  if (!invoiceId || amountPaid === null) throw new PaymentMismatchError('invoice without id or amount');
  if (amountPaid === 0) return;
  const { recurringGiftId, subscriptionId } = invoiceSubscription(invoice);
  if (!recurringGiftId && !subscriptionId)
    throw new PaymentMismatchError(`invoice ${invoiceId} belongs to no subscription`);
  const paidAtSeconds = num((invoice.status_transitions as Obj | undefined)?.paid_at);
  return recordInvoicePaid({
    invoiceId,
    recurringGiftId,
    subscriptionId,
    amountSatang: amountPaid,
    currency: str(invoice.currency) ?? '',
    paidAt: paidAtSeconds ? new Date(paidAtSeconds * 1000) : at,
    paymentIntentId: idOf(invoice.payment_intent),
  });
}

/** Which gift a charge or refund belongs to: our metadata first, then the payment intent or invoice we recorded. */
async function donationForPayment(object: Obj): Promise<string> {
  const fromMeta = meta(object, 'donationId');
  if (fromMeta) return fromMeta;
  const paymentIntentId = idOf(object.payment_intent);
  if (paymentIntentId) {
    const found = await Donation.findOne(refFilter('paymentIntentId', paymentIntentId), { _id: 1 }).lean();
    if (found) return String(found._id);
  }
  const invoiceId = idOf(object.invoice);
  if (invoiceId) {
    const found = await Donation.findOne(refFilter('invoiceId', invoiceId), { _id: 1 }).lean();
    if (found) return String(found._id);
  }
  throw new RetryLaterError(`no gift yet for payment ${String(paymentIntentId ?? invoiceId ?? idOf(object))}`);
}

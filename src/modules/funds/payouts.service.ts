/**
 * Stripe's payouts: `payout.paid` moves the money from Stripe clearing to the bank in the
 * journal, `payout.failed` after it moves it back (Stripe returns a failed payout to the
 * balance). Each payout's contents are then read from Stripe, the fees of its payments booked
 * where a gift's fee was not yet, and the whole checked (payout.rules.ts) for the page staff
 * reconcile the bank statement with.
 */
import { Payout } from './payout.model.js';
import { Donation } from './donation.model.js';
import { checkPayout, type MatchedGift, type PayoutCheck } from './payout.rules.js';
import { bookPaymentFee } from './payment-fee.service.js';
import { paymentProvider, type PayoutTransaction } from './payments/index.js';
import { entryExists, movements, postEntry } from '../accounting/index.js';
import { withLock } from '../../shared/db/lock.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { NotFoundError } from '../../shared/errors.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'payouts' });

export interface PayoutEvent {
  id: string;
  amountSatang: number;
  currency: string;
  arrivalDate: Date;
  failureCode?: string | undefined;
}

/** Books a payout's arrival (or its failure) once, under the payout's lock; then reads its contents. */
export async function recordPayout(event: PayoutEvent, outcome: 'paid' | 'failed', at: Date): Promise<void> {
  await withLock(`payout:${event.id}`, async () => {
    const baht = event.currency.toLowerCase() === 'thb';
    const common = { ref: `payout:${event.id}`, groupId: `payout:${event.id}`, inClosedMonth: 'book_now' as const };
    if (baht && outcome === 'paid') {
      await postEntry({
        ...common,
        movement: movements.payoutPaid(event.amountSatang),
        idempotencyKey: `payout:${event.id}:paid`,
        occurredAt: event.arrivalDate,
      });
    }
    // Only a payout booked as arrived is taken back: a failure reported first books nothing.
    if (baht && outcome === 'failed' && (await entryExists(`payout:${event.id}:paid`))) {
      await postEntry({
        ...common,
        movement: movements.payoutFailed(event.amountSatang),
        idempotencyKey: `payout:${event.id}:failed`,
        occurredAt: at,
      });
    }
    const existing = await Payout.findById(event.id, { status: 1 }).lean();
    // A failure is final: a late "paid" delivered after it does not make the payout paid again.
    const status = existing?.status === 'failed' ? 'failed' : outcome;
    await Payout.updateOne(
      { _id: event.id },
      {
        $set: {
          amountSatang: event.amountSatang,
          currency: event.currency,
          status,
          arrivalDate: event.arrivalDate,
          ...(outcome === 'paid' ? { paidAt: at } : { failedAt: at, failureCode: event.failureCode }),
        },
      },
      { upsert: true },
    );
  });
  await readPayoutContents(event.id);
}

/** Reads what the payout contained from Stripe and books the fees not yet booked; never fails the event. */
export async function readPayoutContents(payoutId: string): Promise<void> {
  let transactions: PayoutTransaction[];
  try {
    transactions = await paymentProvider().payoutTransactions(payoutId);
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
    log.warn({ payoutId, err: error }, 'payout contents not read');
    await Payout.updateOne({ _id: payoutId }, { $set: { transactionsError: message } });
    return;
  }
  await Payout.updateOne(
    { _id: payoutId },
    { $set: { transactions, transactionsReadAt: new Date() }, $unset: { transactionsError: 1 } },
  );
  const gifts = await giftsFor(transactions);
  for (const t of transactions) {
    const gift = t.paymentIntentId ? gifts.get(t.paymentIntentId) : undefined;
    if (!gift || gift.feeSatang !== null || t.type !== 'charge') continue;
    await bookPaymentFee(gift.donationId, {
      feeSatang: t.feeSatang,
      netSatang: t.netSatang,
      currency: t.currency,
      balanceTransactionId: t.id,
    });
  }
}

/** The gifts the payments belong to, by payment intent (one equality lookup each: indexed). */
async function giftsFor(transactions: readonly PayoutTransaction[]): Promise<Map<string, MatchedGift>> {
  const ids = [...new Set(transactions.flatMap((t) => (t.paymentIntentId ? [t.paymentIntentId] : [])))];
  const found = await Promise.all(
    ids.map((id) => Donation.findOne({ stripePaymentIntentId: id }, { feeSatang: 1 }).lean()),
  );
  const gifts = new Map<string, MatchedGift>();
  ids.forEach((id, i) => {
    const gift = found[i];
    if (gift) gifts.set(id, { donationId: String(gift._id), feeSatang: gift.feeSatang ?? null });
  });
  return gifts;
}

export interface PayoutRow {
  id: string;
  amountSatang: number;
  currency: string;
  status: string;
  arrivalDate: Date;
  failureCode: string;
  transactionsRead: boolean;
  transactionsError: string;
}

function toRow(p: {
  _id: string;
  amountSatang: number;
  currency: string;
  status: string;
  arrivalDate: Date;
  failureCode?: string | null;
  transactionsReadAt?: Date | null;
  transactionsError?: string | null;
}): PayoutRow {
  return {
    id: p._id,
    amountSatang: p.amountSatang,
    currency: p.currency.toUpperCase(),
    status: p.status,
    arrivalDate: p.arrivalDate,
    failureCode: p.failureCode ?? '',
    transactionsRead: Boolean(p.transactionsReadAt),
    transactionsError: p.transactionsError ?? '',
  };
}

export async function listPayouts(actor: Actor, page: number): Promise<Page<PayoutRow>> {
  assertRole(actor, 'staff', 'admin');
  const { skip, limit } = pageWindow(page, 25);
  const [docs, total] = await Promise.all([
    Payout.find({}, { transactions: 0 }).sort({ arrivalDate: -1 }).skip(skip).limit(limit).lean(),
    Payout.countDocuments({}),
  ]);
  return buildPage(docs.map(toRow), total, page, 25);
}

export interface PayoutDetail extends PayoutRow {
  check: PayoutCheck;
  transactions: (PayoutTransaction & { donationId: string | null })[];
}

export async function getPayout(actor: Actor, payoutId: string): Promise<PayoutDetail> {
  assertRole(actor, 'staff', 'admin');
  if (!/^po_[A-Za-z0-9_]{1,100}$/.test(payoutId)) throw new NotFoundError('payouts.notFound');
  const doc = await Payout.findById(payoutId).lean();
  if (!doc) throw new NotFoundError('payouts.notFound');
  const transactions = (doc.transactions ?? []) as PayoutTransaction[];
  const gifts = await giftsFor(transactions);
  return {
    ...toRow(doc),
    check: checkPayout(doc, transactions, (pi) => gifts.get(pi)),
    transactions: transactions.map((t) => ({
      ...t,
      donationId: (t.paymentIntentId && gifts.get(t.paymentIntentId)?.donationId) || null,
    })),
  };
}

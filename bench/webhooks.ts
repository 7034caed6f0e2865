/**
 * Stripe webhooks per second: `count` pending gifts confirmed by signed
 * `checkout.session.completed` deliveries, 8 at a time, then checked exactly: every gift paid
 * once, one ledger credit each, one receipt each, and the receipt numbers of each year running
 * from 1 without a gap or a repeat.
 */
import mongoose from 'mongoose';
import Stripe from 'stripe';
import { Fund } from '../src/modules/funds/fund.model.js';
import { Donation } from '../src/modules/funds/donation.model.js';
import { monthKeyOf } from '../src/modules/funds/donation-keys.js';
import { JournalEntry } from '../src/modules/accounting/journal-entry.model.js';
import { Receipt } from '../src/modules/funds/receipt.model.js';
import { WEBHOOK_SECRET } from './harness.js';

export const PARALLEL = 8;

export interface WebhookResult {
  count: number;
  perSecond: number;
  paid: number;
  credited: number;
  receipted: number;
  /** Receipt numbers checked over all years: gaps, repeats and receipt-number strings that differ. */
  receiptProblems: string[];
  errors: number;
  /** Every check passed. */
  exact: boolean;
}

let batchNo = 0;

function payloadFor(id: string, i: number): string {
  return JSON.stringify({
    id: `evt_bench_${batchNo}_${i}`,
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `cs_${id}`,
        object: 'checkout.session',
        mode: 'payment',
        payment_status: 'paid',
        amount_total: 500_00,
        currency: 'thb',
        client_reference_id: id,
        metadata: { donationId: id },
        payment_intent: `pi_${id}`,
      },
    },
  });
}

/** Receipt numbers of every year: 1…n, each once, the printed number matching. */
async function receiptNumberProblems(): Promise<string[]> {
  const rows = await Receipt.collection.find({}, { projection: { year: 1, number: 1, receiptNumber: 1 } }).toArray();
  const byYear = new Map<number, number[]>();
  const problems: string[] = [];
  for (const r of rows) {
    const list = byYear.get(r.year as number) ?? [];
    list.push(r.number as number);
    byYear.set(r.year as number, list);
    if (r.receiptNumber !== `${r.year}-${String(r.number).padStart(6, '0')}`) problems.push(`${r.receiptNumber}≠`);
  }
  for (const [year, numbers] of byYear) {
    numbers.sort((a, b) => a - b);
    const repeats = numbers.filter((n, i) => i > 0 && numbers[i - 1] === n).length;
    const max = numbers[numbers.length - 1] ?? 0;
    const distinct = numbers.length - repeats;
    if (repeats) problems.push(`${year}: ${repeats} repeated`);
    if (distinct !== max) problems.push(`${year}: ${max - distinct} missing of 1…${max}`);
  }
  return problems;
}

export async function webhookThroughput(base: string, count: number): Promise<WebhookResult> {
  batchNo += 1;
  const fund = await Fund.findOne({ slug: 'environment' }, { _id: 1 }).lean();
  const ids: string[] = [];
  const now = new Date();
  const docs = Array.from({ length: count }, (_, i) => {
    const _id = new mongoose.Types.ObjectId();
    ids.push(_id.toString());
    return {
      _id,
      submissionKey: `bench-webhook:${batchNo}:${i}`,
      fundId: fund?._id,
      amountSatang: 500_00,
      currency: 'THB',
      frequency: 'one_time',
      channel: 'online',
      status: 'pending',
      donor: { name: `webhook ${i}`, email: `wh${batchNo}-${i}@example.org`, anonymous: false, locale: 'th' },
      stripe: { checkoutSessionId: `cs_${_id}` },
      refunds: [],
      chargeAmountRefunded: 0,
      refundedSatang: 0,
      giftCode: _id.toString().slice(-8).toUpperCase(),
      monthKey: monthKeyOf(now),
      createdAt: now,
      updatedAt: now,
    };
  });
  await Donation.collection.insertMany(docs);
  const signer = new Stripe('sk_test_bench');
  const payloads = ids.map(payloadFor);
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++] as string;
        const res = await fetch(`${base}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
          },
          body: payload,
        });
        if (res.status >= 300) errors += 1;
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const objectIds = ids.map((id) => new mongoose.Types.ObjectId(id));
  const paid = await Donation.countDocuments({ _id: { $in: objectIds }, status: 'paid' });
  const refs = ids.map((id) => `donation:${id}`);
  const credited = await JournalEntry.countDocuments({ ref: { $in: refs }, kind: 'donation' });
  const receipted = await Receipt.countDocuments({ _id: { $in: objectIds } });
  const receiptProblems = await receiptNumberProblems();
  return {
    count,
    perSecond: Math.round(count / seconds),
    paid,
    credited,
    receipted,
    receiptProblems,
    errors,
    exact: paid === count && credited === count && receipted === count && receiptProblems.length === 0,
  };
}

export function describeWebhooks(w: WebhookResult): string {
  const problems = w.receiptProblems.length ? `; receipt problems: ${w.receiptProblems.slice(0, 5).join(', ')}` : '';
  return (
    `${w.perSecond}/s; ${w.paid}/${w.count} paid, ${w.credited} credits, ${w.receipted} receipts, ` +
    `${w.errors} errors${problems} — ${w.exact ? 'exact' : 'NOT EXACT'}`
  );
}

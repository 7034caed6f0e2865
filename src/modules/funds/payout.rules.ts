/**
 * Does a payout add up (pure)? What Stripe sent to the bank must equal the net of the balance
 * movements it contained; every payment in it should be one of our gifts, in baht, with the fee
 * we booked. What does not is listed for the accountant, in their words (payouts.hbs).
 */
import type { PayoutTransaction } from './payments/index.js';

export type PayoutProblem =
  | { kind: 'currency'; currency: string }
  | { kind: 'net_mismatch'; payoutSatang: number; netSatang: number }
  | { kind: 'unmatched_payment'; transactionId: string; amountSatang: number }
  | { kind: 'fee_mismatch'; transactionId: string; bookedSatang: number; stripeSatang: number };

export interface PayoutCheck {
  payments: number;
  grossSatang: number;
  feesSatang: number;
  netSatang: number;
  problems: PayoutProblem[];
}

/** A payment in the payout, with the gift it was matched to (by its payment intent) and the fee booked for it. */
export interface MatchedGift {
  donationId: string;
  feeSatang: number | null;
}

const MONEY_IN = new Set(['charge', 'payment']);

export function checkPayout(
  payout: { amountSatang: number; currency: string },
  transactions: readonly PayoutTransaction[],
  giftOf: (paymentIntentId: string) => MatchedGift | undefined,
): PayoutCheck {
  const problems: PayoutProblem[] = [];
  if (payout.currency.toLowerCase() !== 'thb') problems.push({ kind: 'currency', currency: payout.currency });
  // The payout's own balance transaction (type "payout") is the money leaving: not part of its contents.
  const contents = transactions.filter((t) => t.type !== 'payout');
  const netSatang = contents.reduce((sum, t) => sum + t.netSatang, 0);
  if (netSatang !== payout.amountSatang) {
    problems.push({ kind: 'net_mismatch', payoutSatang: payout.amountSatang, netSatang });
  }
  let payments = 0;
  let grossSatang = 0;
  let feesSatang = 0;
  for (const t of contents) {
    feesSatang += t.feeSatang;
    if (!MONEY_IN.has(t.type)) continue;
    payments += 1;
    grossSatang += t.amountSatang;
    if (t.currency.toLowerCase() !== 'thb') problems.push({ kind: 'currency', currency: t.currency });
    const gift = t.paymentIntentId ? giftOf(t.paymentIntentId) : undefined;
    if (!gift) {
      problems.push({ kind: 'unmatched_payment', transactionId: t.id, amountSatang: t.amountSatang });
    } else if (gift.feeSatang !== null && gift.feeSatang !== t.feeSatang) {
      problems.push({
        kind: 'fee_mismatch',
        transactionId: t.id,
        bookedSatang: gift.feeSatang,
        stripeSatang: t.feeSatang,
      });
    }
  }
  return { payments, grossSatang, feesSatang, netSatang, problems };
}

/**
 * The rules of a gift, pure: how much may be given online, how refunds add up and gift codes
 * (which status may follow which: donation.status.ts; receipt numbers: receipt.rules.ts). The
 * services hold no arithmetic of their own.
 */
import { MAX_AMOUNT_SATANG } from '../../shared/money.js';
import type { DonationStatus } from './donation.status.js';

/** Stripe's smallest charge in Thai baht is ฿10. */
export const MIN_ONLINE_SATANG = 10_00;
/** Above this a gift should come by bank transfer (and card and PromptPay limits start to bite). */
export const MAX_ONLINE_SATANG = 500_000_00;
/** Offline gifts are recorded by staff; any amount the ledger accepts. */
export const MAX_OFFLINE_SATANG = MAX_AMOUNT_SATANG;
/** Amounts offered as buttons on the donate form, in satang. */
export const PRESET_AMOUNTS_SATANG = [100_00, 300_00, 500_00, 1_000_00, 3_000_00] as const;

export const FREQUENCIES = ['one_time', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const CHANNELS = [
  /** Paid through the online payment provider (Stripe Checkout: card or PromptPay). */
  'online',
  'bank_transfer',
  'cash',
  'cheque',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const OFFLINE_CHANNELS = ['bank_transfer', 'cash', 'cheque'] as const satisfies readonly Channel[];

export type AmountProblem = 'below_minimum' | 'above_maximum';

export function onlineAmountProblem(amountSatang: number): AmountProblem | null {
  if (amountSatang < MIN_ONLINE_SATANG) return 'below_minimum';
  if (amountSatang > MAX_ONLINE_SATANG) return 'above_maximum';
  return null;
}

/** The status a confirmed gift has after `refundedSatang` of it went back. */
export function statusAfterRefunds(amountSatang: number, refundedSatang: number): DonationStatus {
  if (refundedSatang <= 0) return 'paid';
  return refundedSatang >= amountSatang ? 'refunded' : 'partially_refunded';
}

export interface KnownRefund {
  refundId: string;
  amountSatang: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
}

/**
 * What has been returned of a gift, from two views Stripe gives of the same money: individual
 * refunds (refund.updated) and the charge's running total (charge.refunded). Either may arrive
 * first, or alone, so the larger of the two counts, never their sum; capped at the gift.
 */
export function refundedTotal(
  amountSatang: number,
  refunds: readonly KnownRefund[],
  chargeAmountRefunded: number,
): number {
  const succeeded = refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amountSatang, 0);
  return Math.min(amountSatang, Math.max(succeeded, chargeAmountRefunded));
}

/**
 * The short code a donor writes on a bank transfer (the thank-you page and pledge email show
 * it as "รหัสอ้างอิง"): the last 8 hex digits of the gift's id, upper case. Kept on the gift as
 * `giftCode` so staff can search by it.
 */
export function giftCodeOf(giftId: string): string {
  return giftId.slice(-8).toUpperCase();
}

/** Whether a search term looks like a gift code (eight hex digits, any case). */
export function looksLikeGiftCode(text: string): boolean {
  return /^[0-9a-f]{8}$/i.test(text);
}

/**
 * Stripe's fees in Thailand, in basis points of the amount paid (about 3.65 % for cards and
 * 1.65 % for PromptPay). Only for the donor's offer to cover the fee: the fee booked is always
 * the one Stripe reports (payment-fee.service.ts).
 */
export const FEE_RATE_BASIS_POINTS = { card: 365, promptpay: 165 } as const;

/**
 * What to add to `amountSatang` so the fund receives all of it after a fee of `basisPoints` of the
 * total (pure; rounded up to the satang, so the fund never receives less than the gift).
 */
export function feeToCover(amountSatang: number, basisPoints: number = FEE_RATE_BASIS_POINTS.card): number {
  if (amountSatang <= 0 || basisPoints <= 0) return 0;
  return Math.ceil((amountSatang * 10_000) / (10_000 - basisPoints)) - amountSatang;
}

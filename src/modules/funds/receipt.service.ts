/**
 * Receipt numbers and what a receipt says. A number is the year's highest plus one, taken by
 * inserting it under the unique {year, number} index: when two confirmations race, one insert
 * wins and the other retries with the next number, so numbers have no gaps and no repeats.
 */
import mongoose from 'mongoose';
import { Receipt } from './receipt.model.js';
import { Donation } from './donation.model.js';
import { Fund } from './fund.model.js';
import { formatReceiptNumber } from './donation.rules.js';
import { buddhistYear } from '../../shared/dates.js';
import { isDuplicateKeyError, NotFoundError } from '../../shared/errors.js';
import type { Locale } from '../../shared/money.js';
import { foundationInfo } from './foundation-info.js';

const MAX_ATTEMPTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function issueReceipt(donationId: string, now = new Date()): Promise<{ receiptNumber: string; created: boolean }> {
  const existing = await Receipt.findOne({ donationId });
  if (existing) return { receiptNumber: existing.receiptNumber, created: false };
  const year = buddhistYear(now);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const last = await Receipt.findOne({ year }, { number: 1 }).sort({ number: -1 }).lean();
    const number = (last?.number ?? 0) + 1;
    const receiptNumber = formatReceiptNumber(year, number);
    try {
      await Receipt.create({ year, number, receiptNumber, donationId, issuedAt: now });
      return { receiptNumber, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const mine = await Receipt.findOne({ donationId });
      if (mine) return { receiptNumber: mine.receiptNumber, created: false };
      await sleep(Math.random() * 10 * Math.min(attempt, 10));
    }
  }
  throw new Error(`could not number a receipt for ${donationId} after ${MAX_ATTEMPTS} attempts`);
}

export interface ReceiptView {
  receiptNumber: string;
  issuedAt: Date;
  locale: Locale;
  foundation: ReturnType<typeof foundationInfo>;
  donorName: string;
  donorAddress: string | undefined;
  donorTaxId: string | undefined;
  eDonationConsent: boolean;
  fundName: string;
  amountSatang: number;
  refundedSatang: number;
  paidAt: Date;
  channel: string;
  paymentMethod: string | undefined;
  dedication: string | undefined;
}

/** Everything printed on one gift's receipt, in the donor's language. */
export async function receiptView(donationId: string, locale?: Locale): Promise<ReceiptView> {
  const donation = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId) : null;
  const receipt = donation ? await Receipt.findOne({ donationId: donation._id }) : null;
  if (!donation || !receipt) throw new NotFoundError('donations.noReceipt');
  const fund = await Fund.findById(donation.fundId);
  const lang = locale ?? ((donation.donor?.locale ?? 'th') as Locale);
  const tax = donation.taxReceipt;
  return {
    receiptNumber: receipt.receiptNumber,
    issuedAt: receipt.issuedAt,
    locale: lang,
    foundation: foundationInfo(),
    donorName: tax?.fullName ?? donation.donor?.name ?? '',
    donorAddress: tax?.address ?? undefined,
    donorTaxId: tax?.taxId ?? undefined,
    eDonationConsent: tax?.eDonationConsent === true,
    fundName: fund?.name?.[lang] ?? '',
    amountSatang: donation.amountSatang,
    refundedSatang: donation.refundedSatang ?? 0,
    paidAt: donation.paidAt ?? receipt.issuedAt,
    channel: donation.channel,
    paymentMethod: donation.stripe?.paymentMethod ?? undefined,
    dedication: donation.dedication ?? undefined,
  };
}

/**
 * Receipt numbers and what a receipt says. A number is the year's highest plus one, taken by
 * inserting it under the unique {year, number} index: when two confirmations race, one insert
 * wins and the other retries with the next number, so numbers have no gaps and no repeats.
 */
import mongoose from 'mongoose';
import { registerClearable } from '../../shared/cache.js';
import { Receipt } from './receipt.model.js';
import { Donation } from './donation.model.js';
import { Fund } from './fund.model.js';
import { formatReceiptNumber, nextReceiptNumber, receiptYear } from './receipt.rules.js';
import { isDuplicateKeyError, NotFoundError } from '../../shared/errors.js';
import type { Locale } from '../../shared/money.js';
import { foundationInfo } from './foundation-info.js';

const MAX_ATTEMPTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The highest number this process knows per year. It is only ever a number that exists, so
 * "known + 1" is never past the real end; when another process has gone further, the insert
 * clashes and the real highest is read again.
 */
const highestKnown = new Map<number, number>();
registerClearable(highestKnown);

async function readHighest(year: number): Promise<number> {
  const last = await Receipt.findOne({ year }, { number: 1 }).sort({ number: -1 }).lean();
  const highest = last?.number ?? 0;
  highestKnown.set(year, Math.max(highestKnown.get(year) ?? 0, highest));
  return highest;
}

export async function issueReceipt(
  donationId: string,
  now = new Date(),
): Promise<{ receiptNumber: string; created: boolean }> {
  const _id = new mongoose.Types.ObjectId(donationId);
  const existing = await Receipt.findById(_id).lean();
  if (existing) return { receiptNumber: existing.receiptNumber, created: false };
  const year = receiptYear(now);
  let highest = highestKnown.get(year) ?? (await readHighest(year));
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const number = nextReceiptNumber(highest);
    const receiptNumber = formatReceiptNumber(year, number);
    try {
      await Receipt.create({ _id, year, number, receiptNumber, donationId: _id, issuedAt: now });
      highestKnown.set(year, Math.max(highestKnown.get(year) ?? 0, number));
      return { receiptNumber, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const mine = await Receipt.findById(_id).lean();
      if (mine) return { receiptNumber: mine.receiptNumber, created: false };
      await sleep(Math.random() * 5 * Math.min(attempt, 10));
      highest = await readHighest(year);
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
  const receipt = donation ? await Receipt.findById(donation._id) : null;
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

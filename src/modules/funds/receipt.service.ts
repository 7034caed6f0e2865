/**
 * Receipt numbers and what a receipt says. A number is the year's highest plus one, taken by
 * inserting it under the unique {year, number} index: when two processes race, one insert wins
 * and the other moves on to the next number, so numbers have no gaps and no repeats.
 *
 * Finding the highest never sorts: FerretDB fetches every receipt of the year to sort them in Go.
 * Because each number is only ever taken right after the one below it exists, the year's numbers
 * are always exactly 1…highest, so "is number n taken?" (an equality lookup FerretDB hands to
 * PostgreSQL) answers "is n ≤ highest?", and the highest is found by galloping from the last
 * known one and bisecting: a few lookups however many receipts the year has. Within one process
 * the numbering of a year runs one at a time, so confirmations arriving together do not clash
 * with each other; the unique index still settles clashes between processes.
 */
import { deductionOf } from './deductions.service.js';
import type { Deduction } from './e-donation.rules.js';
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

/**
 * The highest number this process knows per year. It is only ever a number that exists, so
 * searching upwards from it finds the real end; a clash on insert means another process went
 * further, and the search goes on from there.
 */
const highestKnown = new Map<number, number>();
registerClearable(highestKnown);

/** One numbering at a time per year in this process (a promise chain, not a database lock). */
const numberingQueue = new Map<number, Promise<unknown>>();

function oneAtATime<T>(year: number, work: () => Promise<T>): Promise<T> {
  const run = (numberingQueue.get(year) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  numberingQueue.set(year, tail);
  // The last one out leaves no entry behind.
  void tail.then(() => {
    if (numberingQueue.get(year) === tail) numberingQueue.delete(year);
  });
  return run;
}

async function taken(year: number, number: number): Promise<boolean> {
  return (await Receipt.exists({ year, number })) !== null;
}

/** The year's highest number, searched upwards from `from` (a number known to exist, or 0). */
async function findHighest(year: number, from: number): Promise<number> {
  let low = from; // taken (or 0)
  let step = 1;
  let high = low + step; // first candidate above
  while (await taken(year, high)) {
    low = high;
    step *= 2;
    high = low + step;
  }
  // low is taken, high is not: bisect the numbers between.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await taken(year, middle)) low = middle;
    else high = middle;
  }
  highestKnown.set(year, Math.max(highestKnown.get(year) ?? 0, low));
  return low;
}

/**
 * The gift's receipt, issued now if it has none: a gift never gets two (the receipt's _id is the
 * gift's id), however many confirmations of it run at once.
 */
export async function issueReceipt(
  donationId: string,
  now = new Date(),
): Promise<{ receiptNumber: string; created: boolean }> {
  const _id = new mongoose.Types.ObjectId(donationId);
  const year = receiptYear(now);
  return oneAtATime(year, async () => {
    // Usually the number after the last one this process handed out: no lookup before the insert.
    let highest = highestKnown.get(year) ?? (await findHighest(year, 0));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const number = nextReceiptNumber(highest);
      const receiptNumber = formatReceiptNumber(year, number);
      try {
        await Receipt.create({ _id, year, number, receiptNumber, donationId: _id, issuedAt: now });
        highestKnown.set(year, Math.max(highestKnown.get(year) ?? 0, number));
        return { receiptNumber, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Either the gift has its receipt already (a repeated confirmation, or one cut short
        // after the insert) or another process took the number.
        const mine = await Receipt.findById(_id, { receiptNumber: 1 }).lean();
        if (mine) return { receiptNumber: mine.receiptNumber, created: false };
        highest = await findHighest(year, number);
      }
    }
    throw new Error(`could not number a receipt for ${donationId} after ${MAX_ATTEMPTS} attempts`);
  });
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
  /** What the donor may deduct for this gift (1× or 2×) and the law that allows it. */
  deduction: Deduction;
  /** When the gift was reported to the Revenue Department's e-Donation, if it was. */
  eDonationReportedAt: Date | undefined;
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
    deduction: await deductionOf(donation.fundId, donation.campaignId),
    eDonationReportedAt:
      donation.eDonationStatus === 'reported' || donation.eDonationStatus === 'confirmed'
        ? (donation.eDonationReportedAt ?? undefined)
        : undefined,
  };
}

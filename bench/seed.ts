/**
 * The benchmark's money data, written straight through the driver in batches (100,000 gifts in
 * well under a minute): paid gifts with what the app would have written for each — its ledger
 * credit and its numbered receipt (numbers per Buddhist-era year without gaps) — and one donor
 * account holding many of them, for the gift-history page.
 */
import mongoose from 'mongoose';
import { Fund } from '../src/modules/funds/fund.model.js';
import { Donation } from '../src/modules/funds/donation.model.js';
import { JournalEntry } from '../src/modules/accounting/journal-entry.model.js';
import { donationReceived } from '../src/modules/accounting/movements.js';
import { bangkokMonth } from '../src/shared/dates.js';
import { Receipt } from '../src/modules/funds/receipt.model.js';
import { User } from '../src/modules/accounts/user.model.js';
import { hashPassword } from '../src/modules/accounts/password.js';
import { formatReceiptNumber, receiptYear } from '../src/modules/funds/receipt.rules.js';
import { giftCodeOf } from '../src/modules/funds/donation.rules.js';
import { monthKeyOf } from '../src/modules/funds/donation-keys.js';
import { listFunds } from '../src/modules/funds/fund.service.js';
import { recentPublicGifts } from '../src/modules/funds/donation-query.service.js';
import { GENERAL_FUND_SLUG } from '../src/modules/funds/funds.controller.js';

const DAY = 86_400_000;
const BATCH = 2_000;
export const BENCH_DONOR_EMAIL = 'bench-donor@example.org';
/** Gifts of the first 10,000 that belong to the signed-in donor (every 50th). */
export const DONOR_EVERY = 50;

export interface DonationSpan {
  /** Index of the first and one past the last gift (their submission keys are `bench:<i>`). */
  from: number;
  to: number;
  /** The time range they are spread over, oldest first. */
  startMs: number;
  endMs: number;
  donorId?: mongoose.Types.ObjectId;
}

/** The highest receipt number per year already issued, so new ones continue without a gap. */
async function receiptCounters(): Promise<Map<number, number>> {
  const counters = new Map<number, number>();
  const rows = await Receipt.collection.find({}, { projection: { year: 1, number: 1 } }).toArray();
  for (const r of rows)
    counters.set(r.year as number, Math.max(counters.get(r.year as number) ?? 0, r.number as number));
  return counters;
}

export async function seedDonations(span: DonationSpan): Promise<void> {
  const funds = await Fund.find({}, { _id: 1 }).lean();
  const counters = await receiptCounters();
  const count = span.to - span.from;
  for (let offset = span.from; offset < span.to; offset += BATCH) {
    const donations = [];
    const entries = [];
    const receipts = [];
    for (let i = offset; i < Math.min(span.to, offset + BATCH); i += 1) {
      const fund = funds[i % funds.length] as (typeof funds)[number];
      const _id = new mongoose.Types.ObjectId();
      const amountSatang = (100 + ((i * 37) % 4_900)) * 100;
      const paidAt = new Date(span.startMs + Math.floor(((i - span.from) / count) * (span.endMs - span.startMs)));
      const year = receiptYear(paidAt);
      const number = (counters.get(year) ?? 0) + 1;
      counters.set(year, number);
      const receiptNumber = formatReceiptNumber(year, number);
      const mine = span.donorId && i % DONOR_EVERY === 0;
      donations.push({
        _id,
        submissionKey: `bench:${i}`,
        fundId: fund._id,
        amountSatang,
        currency: 'THB',
        frequency: 'one_time',
        channel: i % 4 === 0 ? 'bank_transfer' : 'online',
        status: 'paid',
        donor: {
          name: mine ? 'ผู้บริจาคประจำ' : `ผู้บริจาคทดสอบ ${i}`,
          email: mine ? BENCH_DONOR_EMAIL : `bench${i}@example.org`,
          ...(mine ? { userId: span.donorId } : {}),
          anonymous: i % 3 === 0,
          locale: 'th',
        },
        // The top-level lookup copies the app writes with every gift (donation-keys.ts).
        ...(mine ? { donorUserId: span.donorId } : {}),
        monthKey: monthKeyOf(paidAt),
        paidAt,
        refunds: [],
        chargeAmountRefunded: 0,
        refundedSatang: 0,
        receiptNumber,
        giftCode: giftCodeOf(_id.toString()),
        createdAt: paidAt,
        updatedAt: paidAt,
      });
      // The journal entry the app writes on confirmation (Dr bank or Stripe clearing, Cr the fund's donations).
      const { kind, postings } = donationReceived(String(fund._id), amountSatang, i % 4 === 0 ? 'bank' : 'stripe');
      entries.push({
        kind,
        postings: postings.map((p) => (p.fundId ? { ...p, fundId: fund._id } : p)),
        fundIds: [fund._id],
        currency: 'THB',
        ref: `donation:${_id}`,
        groupId: `donation:${_id}`,
        idempotencyKey: `donation:${_id}`,
        occurredAt: paidAt,
        period: bangkokMonth(paidAt),
        createdAt: paidAt,
      });
      receipts.push({ _id, year, number, receiptNumber, donationId: _id, issuedAt: paidAt });
    }
    // Three collections at once: FerretDB spends its time per document, on several connections.
    await Promise.all([
      Donation.collection.insertMany(donations, { ordered: false }),
      JournalEntry.collection.insertMany(entries, { ordered: false }),
      Receipt.collection.insertMany(receipts, { ordered: false }),
    ]);
  }
}

/** The first 10,000 gifts over the last year; the donor holds every 50th of them. */
export function firstYear(count: number, donorId: mongoose.Types.ObjectId): DonationSpan {
  const now = Date.now();
  return { from: 0, to: count, startMs: now - 365 * DAY, endMs: now - DAY, donorId };
}

/**
 * Growth as a foundation would see it: more years of history behind the same last year, so a
 * month's gifts and the donor's gifts stay as many while the collections grow.
 */
export function earlierYears(from: number, to: number, perYear: number): DonationSpan {
  const years = (to - from) / perYear;
  const end = Date.now() - 366 * DAY;
  return { from, to, startMs: end - years * 365 * DAY, endMs: end };
}

export async function createDonor(password: string): Promise<mongoose.Types.ObjectId> {
  const donor = await User.create({
    email: BENCH_DONOR_EMAIL,
    name: 'ผู้บริจาคประจำ',
    roles: ['donor'],
    passwordHash: await hashPassword(password),
    preferredLanguage: 'th',
    emailVerifiedAt: new Date(),
  });
  return donor._id;
}

/** What the bare server renders: the same data the app shows, taken once from the database. */
export async function viewData(): Promise<string> {
  const funds = await listFunds();
  const education = funds.find((f) => f.slug === 'education');
  return JSON.stringify({
    home: {
      subFunds: funds.filter((f) => f.kind === 'sub_fund' && f.slug !== GENERAL_FUND_SLUG),
      general: funds.find((f) => f.slug === GENERAL_FUND_SLUG),
      endowment: funds.find((f) => f.kind === 'endowment'),
    },
    fund: { fund: education, gifts: await recentPublicGifts(education?.id as string), campaigns: [] },
  });
}

/** A recent full month in Bangkok (the one before last), as the staff list's from/to filter. */
export function recentMonth(): { from: string; to: string } {
  const d = new Date(Date.now() + 7 * 3_600_000);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 0));
  const day = (x: Date) => x.toISOString().slice(0, 10);
  return { from: day(first), to: day(last) };
}

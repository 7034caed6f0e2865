/**
 * Reading gifts: the staff list and its CSV, the public "recent gifts" of a fund (names only
 * when not anonymous), receipt access and the thank-you page. A donor's own gifts: my-gifts.service.ts.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { RecurringGift } from './recurring-gift.model.js';
import { Fund } from './fund.model.js';
import { Receipt } from './receipt.model.js';
import { giftCodeOf, looksLikeGiftCode } from './donation.rules.js';
import { isConfirmed, type DonationStatus } from './donation.status.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { buildPage, escapeRegExp, pageWindow, type Page } from '../../shared/pagination.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { bangkokDay, parseBangkokDay } from '../../shared/dates.js';
import type { Bilingual } from './fund.service.js';
import { JournalDerivedCache, journalVersion, onJournalChange } from '../accounting/index.js';
import { monthKeyOfRange } from './donation-keys.js';
import { updateEach } from '../../shared/db/update-each.js';

export interface DonationRow {
  id: string;
  createdAt: Date;
  paidAt: Date | null;
  fundSlug: string;
  fundName: Bilingual;
  amountSatang: number;
  refundedSatang: number;
  frequency: string;
  channel: string;
  /** The i18n key under donations.channel: the channel, or "pledge" for a transfer still awaited. */
  channelLabel: string;
  status: string;
  donorName: string;
  donorEmail: string;
  anonymous: boolean;
  dedication: string;
  receiptNumber: string;
  reference: string;
  paymentMethod: string;
  wantsTaxReceipt: boolean;
  eDonationConsent: boolean;
  /** Where the gift stands with the Revenue Department's e-Donation (none when it is not reported). */
  eDonationStatus: string;
  eDonationReportedAt: Date | null;
}

type DonationDoc = InstanceType<typeof Donation>;

export async function fundNames(): Promise<Map<string, { slug: string; name: Bilingual }>> {
  const funds = await Fund.find({}, { slug: 1, name: 1 }).lean();
  return new Map(
    funds.map((f) => [String(f._id), { slug: f.slug, name: { th: f.name?.th ?? '', en: f.name?.en ?? '' } }]),
  );
}

export function toRow(d: DonationDoc, funds: Map<string, { slug: string; name: Bilingual }>): DonationRow {
  const fund = funds.get(String(d.fundId));
  return {
    id: d._id.toString(),
    createdAt: d.get('createdAt') as Date,
    paidAt: d.paidAt ?? null,
    fundSlug: fund?.slug ?? '',
    fundName: fund?.name ?? { th: '', en: '' },
    amountSatang: d.amountSatang,
    refundedSatang: d.refundedSatang ?? 0,
    frequency: d.frequency,
    // A pledge is a bank transfer the donor promised (pledges made before this was fixed said "online").
    channel: d.status === 'pledged' ? 'bank_transfer' : d.channel,
    channelLabel: d.status === 'pledged' ? 'pledge' : d.channel,
    status: d.status,
    donorName: d.donor?.name ?? '',
    donorEmail: d.donor?.email ?? '',
    anonymous: d.donor?.anonymous === true,
    dedication: d.dedication ?? '',
    receiptNumber: d.receiptNumber ?? '',
    reference: d.reference ?? '',
    paymentMethod: d.stripe?.paymentMethod ?? '',
    wantsTaxReceipt: Boolean(d.taxReceipt),
    eDonationConsent: d.taxReceipt?.eDonationConsent === true,
    eDonationStatus: d.status === 'pledged' ? '' : (d.eDonationStatus ?? ''),
    eDonationReportedAt: d.eDonationReportedAt ?? null,
  };
}

export interface DonationFilters {
  fund?: string | undefined;
  status?: DonationStatus | undefined;
  channel?: string | undefined;
  from?: Date | undefined;
  /** Inclusive: the whole day. */
  to?: Date | undefined;
  q?: string | undefined;
}

async function filterQuery(filters: DonationFilters): Promise<Record<string, unknown> | null> {
  const query: Record<string, unknown> = {};
  if (filters.fund) {
    const fund = await Fund.findOne({ slug: filters.fund }, { _id: 1 }).lean();
    if (!fund) return null;
    query.fundId = fund._id;
  }
  if (filters.status) query.status = filters.status;
  if (filters.channel) query.channel = filters.channel;
  if (filters.from || filters.to) {
    const range: Record<string, Date> = {};
    if (filters.from) range.$gte = filters.from;
    if (filters.to) range.$lt = parseBangkokDay(bangkokDay(filters.to), { endOfDay: true }) ?? filters.to;
    query.createdAt = range;
    // A range within one month is also an equality on the month: FerretDB pushes that down to
    // PostgreSQL's index (with the fund's) and checks the range only on that month's gifts.
    const month = monthKeyOfRange(filters.from, filters.to);
    if (month) query.monthKey = month;
  }
  if (filters.q) {
    const pattern = { $regex: escapeRegExp(filters.q), $options: 'i' };
    const any: Record<string, unknown>[] = [
      { 'donor.name': pattern },
      { 'donor.email': pattern },
      { receiptNumber: pattern },
      { reference: pattern },
    ];
    // The code the donor was given (รหัสอ้างอิง on the thank-you page and the pledge email).
    if (looksLikeGiftCode(filters.q)) {
      await backfillGiftCodes();
      any.push({ giftCode: filters.q.toUpperCase() });
    }
    query.$or = any;
  }
  return query;
}

/**
 * Gifts made before codes were stored get theirs the first time a process needs a code. Every gift
 * saved since carries one (the model sets it), so once a run finds none missing it is not asked again.
 */
let giftCodesComplete = false;
export async function backfillGiftCodes(options: { force?: boolean } = {}): Promise<void> {
  if (giftCodesComplete && !options.force) return;
  const missing = await Donation.find({ giftCode: null }, { _id: 1 }).limit(10_000).lean();
  if (missing.length === 0) {
    giftCodesComplete = true;
    return;
  }
  await updateEach(
    Donation.collection,
    missing.map((d) => ({ _id: d._id, set: { giftCode: giftCodeOf(String(d._id)) } })),
  );
}

export async function listDonations(
  actor: Actor,
  filters: DonationFilters,
  page: number,
  perPage = 25,
): Promise<Page<DonationRow> & { totalSatang: number }> {
  assertRole(actor, 'staff', 'admin');
  const query = await filterQuery(filters);
  if (!query) return { ...buildPage([], 0, 1, perPage), totalSatang: 0 };
  const { skip, limit } = pageWindow(page, perPage);
  const [docs, total, funds, sums] = await Promise.all([
    Donation.find(query).sort({ createdAt: -1 }).skip(skip).limit(limit),
    Donation.countDocuments(query),
    fundNames(),
    Donation.aggregate<{ _id: null; total: number }>([
      { $match: query },
      { $group: { _id: null, total: { $sum: '$amountSatang' } } },
    ]),
  ]);
  return {
    ...buildPage(
      docs.map((d) => toRow(d, funds)),
      total,
      page,
      perPage,
    ),
    totalSatang: sums[0]?.total ?? 0,
  };
}

/** Every matching gift, in pages of the database's choosing, for the CSV export. */
export async function* donationsForExport(actor: Actor, filters: DonationFilters): AsyncGenerator<DonationRow> {
  assertRole(actor, 'staff', 'admin');
  const query = await filterQuery(filters);
  if (!query) return;
  const funds = await fundNames();
  for await (const doc of Donation.find(query).sort({ createdAt: -1 }).cursor()) yield toRow(doc, funds);
}

export interface DonationDetail extends DonationRow {
  taxReceipt: { fullName: string; taxId: string; address: string; eDonationConsent: boolean } | null;
  refunds: { refundId: string; amountSatang: number; status: string }[];
  failureReason: string;
  receivedAt: Date | null;
  feeSatang: number | null;
  /** Transfer slips the donor sent with the pledge. */
  slips: { fileId: string; filename: string; uploadedAt: Date }[];
  canRefund: boolean;
  canConfirmPledge: boolean;
  /** The reference the donor was given (thank-you page, pledge email). */
  giftCode: string;
  /** Reported to e-Donation before: staff may send it again as a correction (a wrong ID). */
  canCorrectEDonation: boolean;
}

export async function getDonationForStaff(actor: Actor, donationId: string): Promise<DonationDetail> {
  assertRole(actor, 'staff', 'admin');
  const doc = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId) : null;
  if (!doc) throw new NotFoundError();
  const row = toRow(doc, await fundNames());
  return {
    ...row,
    taxReceipt: doc.taxReceipt
      ? {
          fullName: doc.taxReceipt.fullName,
          taxId: doc.taxReceipt.taxId,
          address: doc.taxReceipt.address,
          eDonationConsent: doc.taxReceipt.eDonationConsent === true,
        }
      : null,
    refunds: (doc.refunds ?? []).map((r) => ({ refundId: r.refundId, amountSatang: r.amountSatang, status: r.status })),
    failureReason: doc.failureReason ?? '',
    receivedAt: doc.receivedAt ?? null,
    // Known once the payment's fee is booked (online gifts); null before, and for offline gifts.
    feeSatang: typeof doc.feeSatang === 'number' ? doc.feeSatang : null,
    slips: (doc.slips ?? []).map((s) => ({ fileId: String(s.fileId), filename: s.filename, uploadedAt: s.uploadedAt })),
    canRefund:
      isConfirmed(doc.status as DonationStatus) && doc.channel !== 'online' && row.refundedSatang < row.amountSatang,
    canConfirmPledge: doc.status === 'pledged',
    giftCode: giftCodeOf(row.id),
    canCorrectEDonation: doc.eDonationStatus === 'reported' || doc.eDonationStatus === 'confirmed',
  };
}

export interface PublicGift {
  name: string | null;
  amountSatang: number;
  paidAt: Date;
  dedication: string;
}

// A gift appears here when its ledger credit is written, so the list changes with the ledger.
const publicGifts = new JournalDerivedCache<PublicGift[]>(journalVersion);
onJournalChange(() => publicGifts.clear());

/** The latest confirmed gifts of a fund for its public page: no email, no name when anonymous. */
export function recentPublicGifts(fundId: string, limit = 10): Promise<PublicGift[]> {
  return publicGifts.get(`${fundId}:${limit}`, () => loadPublicGifts(fundId, limit));
}

async function loadPublicGifts(fundId: string, limit: number): Promise<PublicGift[]> {
  const docs = await Donation.find(
    { fundId, status: { $in: ['paid', 'partially_refunded'] } },
    { donor: 1, amountSatang: 1, paidAt: 1, dedication: 1 },
  )
    .sort({ paidAt: -1 })
    .limit(limit)
    .lean();
  return docs.map((d) => ({
    name: d.donor?.anonymous ? null : (d.donor?.name ?? null),
    amountSatang: d.amountSatang,
    paidAt: d.paidAt ?? new Date(0),
    dedication: d.donor?.anonymous ? '' : (d.dedication ?? ''),
  }));
}

/** Who may download a gift's receipt: the donor's account, staff, or a signed link. */
export async function assertCanReadReceipt(actor: Actor, donationId: string, signedLinkValid: boolean): Promise<void> {
  if (signedLinkValid) return;
  if (!actor) throw new ForbiddenError();
  if (actor.roles.includes('staff') || actor.roles.includes('admin')) return;
  const doc = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId, { donor: 1 }).lean() : null;
  if (!doc || String(doc.donor?.userId ?? '') !== actor.id) throw new ForbiddenError();
}

export interface ThanksView {
  id: string;
  kind: 'one_time' | 'monthly';
  status: string;
  amountSatang: number;
  fundName: Bilingual;
  fundSlug: string;
  receiptReady: boolean;
  donorEmail: string;
  reference: string;
}

/** The thank-you (or "you cancelled") page of a gift, reached through its signed link. */
export async function thanksView(giftId: string): Promise<ThanksView> {
  if (!mongoose.isValidObjectId(giftId)) throw new NotFoundError();
  const funds = await fundNames();
  const donation = await Donation.findById(giftId);
  if (donation) {
    const fund = funds.get(String(donation.fundId));
    const receiptReady = Boolean(await Receipt.exists({ _id: donation._id }));
    return {
      id: giftId,
      kind: 'one_time',
      status: donation.status,
      amountSatang: donation.amountSatang,
      fundName: fund?.name ?? { th: '', en: '' },
      fundSlug: fund?.slug ?? '',
      receiptReady,
      donorEmail: donation.donor?.email ?? '',
      reference: giftReference(giftId),
    };
  }
  const gift = await RecurringGift.findById(giftId);
  if (!gift) throw new NotFoundError();
  const fund = funds.get(String(gift.fundId));
  return {
    id: giftId,
    kind: 'monthly',
    status: gift.status,
    amountSatang: gift.amountSatang,
    fundName: fund?.name ?? { th: '', en: '' },
    fundSlug: fund?.slug ?? '',
    receiptReady: false,
    donorEmail: gift.donor?.email ?? '',
    reference: giftReference(giftId),
  };
}

/** A short code a donor writes on a bank transfer so staff can match it to the pledge. */
export function giftReference(giftId: string): string {
  return giftCodeOf(giftId);
}

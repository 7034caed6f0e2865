/**
 * Reporting gifts to the Revenue Department's e-Donation (rules in e-donation.rules.ts). Staff see
 * the queue of confirmed gifts to report, prepare a batch of them (each gift in one batch at a
 * time, under one lock), download its file, say when it was keyed in or uploaded (the gifts are
 * then "reported", with the date and who), and later that the Department confirmed it. A gift a
 * bank's e-Donation QR reported already is set aside; a reported gift that changes goes back to
 * the queue as a correction. Every function checks the person's role itself.
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { EDonationBatch } from './e-donation-batch.model.js';
import { canMoveEDonation, reportedSatang, type BatchLine, type EDonationStatus } from './e-donation.rules.js';
import { foundationInfo } from './foundation-info.js';
import type { DonationStatus } from './donation.status.js';
import { fundNamesById } from './fund-lookup.service.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { buildPage, pageWindow } from '../../shared/pagination.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'e-donation' });

/** Gifts per batch: a day's keying-in at most. */
export const MAX_BATCH_GIFTS = 500;
const CONFIRMED: DonationStatus[] = ['paid', 'partially_refunded', 'refunded'];
/** Confirmed gifts waiting to be reported and in no batch (top-level equalities FerretDB pushes down). */
const QUEUE = {
  eDonationStatus: 'to_report' as const,
  eDonationBatchId: { $exists: false },
  status: { $in: CONFIRMED },
};

const staffOf = (actor: Actor) => {
  assertRole(actor, 'staff', 'admin');
  return new mongoose.Types.ObjectId(actor.id);
};

const assertRegistered = () => {
  if (!foundationInfo().eDonationRegistered) throw new ConflictError('edonation.notRegistered');
};

type GiftDoc = {
  _id: mongoose.Types.ObjectId;
  amountSatang: number;
  refundedSatang?: number | null;
  paidAt?: Date | null;
  receiptNumber?: string | null;
  fundId?: unknown;
  taxReceipt?: { fullName?: string | null; taxId?: string | null } | null;
  eDonationCorrection?: boolean | null;
};

const lineOf = (g: GiftDoc): BatchLine & { donationId: mongoose.Types.ObjectId } => ({
  donationId: g._id,
  taxId: g.taxReceipt?.taxId ?? '',
  name: g.taxReceipt?.fullName ?? '',
  amountSatang: reportedSatang(g.amountSatang, g.refundedSatang ?? 0),
  paidAt: g.paidAt ?? g._id.getTimestamp(),
  receiptNumber: g.receiptNumber ?? '',
  correction: g.eDonationCorrection === true,
});

type BatchFields = {
  _id: unknown;
  number: number;
  status: string;
  totalSatang: number;
  createdAt?: Date | null;
  reportedOn?: Date | null;
};

/** A batch as the pages list it. */
const batchSummaryOf = (b: BatchFields) => ({
  id: String(b._id),
  number: b.number,
  status: b.status,
  totalSatang: b.totalSatang,
  createdAt: b.createdAt as Date,
  reportedOn: b.reportedOn ?? undefined,
});

export async function eDonationOverview(actor: Actor, page: number, batchesPage: number) {
  staffOf(actor);
  const { skip, limit } = pageWindow(page, 50);
  const batchWindow = pageWindow(batchesPage, 20);
  const [gifts, total, batches, batchTotal, funds] = await Promise.all([
    Donation.find(QUEUE).sort({ paidAt: 1 }).skip(skip).limit(limit).lean<GiftDoc[]>(),
    Donation.countDocuments(QUEUE),
    EDonationBatch.find({}, { lines: 0 }).sort({ number: -1 }).skip(batchWindow.skip).limit(batchWindow.limit).lean(),
    EDonationBatch.countDocuments({}),
    fundNamesById(),
  ]);
  return {
    registered: foundationInfo().eDonationRegistered,
    queue: buildPage(
      gifts.map((g) => ({ id: String(g._id), ...lineOf(g), fundName: funds.get(String(g.fundId))?.name })),
      total,
      page,
      50,
    ),
    batches: buildPage(batches.map(batchSummaryOf), batchTotal, batchesPage, 20),
  };
}

/** Marks each gift of a batch as in it (only gifts still waiting in no batch). */
async function takeGifts(batchId: mongoose.Types.ObjectId, donationIds: readonly mongoose.Types.ObjectId[]) {
  for (const _id of donationIds) {
    await Donation.updateOne(
      { _id, eDonationStatus: 'to_report', eDonationBatchId: { $exists: false } },
      { $set: { eDonationBatchId: batchId } },
    );
  }
}

/**
 * A batch of the oldest gifts in the queue (at most MAX_BATCH_GIFTS); an empty queue is refused.
 * The batch is written "preparing" before its gifts are marked and "prepared" after: a run cut
 * short between the two is finished by the next one (never a second batch of the same gifts).
 */
export async function prepareBatch(actor: Actor): Promise<string> {
  const preparedBy = staffOf(actor);
  assertRegistered();
  return withLock('e-donation:prepare', async () => {
    const unfinished = await EDonationBatch.findOne({ status: 'preparing' });
    if (unfinished) {
      await takeGifts(
        unfinished._id,
        unfinished.lines.map((l) => l.donationId),
      );
      unfinished.status = 'prepared';
      await unfinished.save();
      return String(unfinished._id);
    }
    const gifts = await Donation.find(QUEUE).sort({ paidAt: 1 }).limit(MAX_BATCH_GIFTS).lean<GiftDoc[]>();
    if (gifts.length === 0) throw new ConflictError('edonation.emptyQueue');
    const last = await EDonationBatch.findOne({}, { number: 1 }).sort({ number: -1 }).lean();
    const lines = gifts.map(lineOf);
    const batch = await EDonationBatch.create({
      number: (last?.number ?? 0) + 1,
      status: 'preparing',
      lines,
      totalSatang: lines.reduce((sum, l) => sum + l.amountSatang, 0),
      preparedBy,
    });
    await takeGifts(
      batch._id,
      gifts.map((g) => g._id),
    );
    batch.status = 'prepared';
    await batch.save();
    log.info({ batchId: String(batch._id), gifts: gifts.length }, 'e-Donation batch prepared');
    return String(batch._id);
  });
}

async function loadBatch(batchId: string) {
  const batch = mongoose.isValidObjectId(batchId) ? await EDonationBatch.findById(batchId) : null;
  if (!batch) throw new NotFoundError('edonation.batchNotFound');
  return batch;
}

export async function getBatch(actor: Actor, batchId: string) {
  staffOf(actor);
  const batch = await loadBatch(batchId);
  // Gifts that left a batch not yet sent (refunded since): its file no longer matches.
  const stillIn =
    batch.status === 'prepared' ? await Donation.countDocuments({ eDonationBatchId: batch._id }) : batch.lines.length;
  return {
    ...batchSummaryOf(batch),
    leftCount: batch.lines.length - stillIn,
    confirmedAt: batch.confirmedAt ?? undefined,
    lines: batch.lines.map((l) => ({
      donationId: String(l.donationId),
      taxId: l.taxId,
      name: l.name,
      amountSatang: l.amountSatang,
      paidAt: l.paidAt,
      receiptNumber: l.receiptNumber ?? '',
      correction: l.correction === true,
    })),
  };
}

/** Staff keyed the batch in (or uploaded it) on `reportedOn`: its gifts are reported. Once. */
export async function markBatchReported(actor: Actor, batchId: string, reportedOn: Date): Promise<void> {
  const by = staffOf(actor);
  await withLock(`e-donation-batch:${batchId}`, async () => {
    const batch = await loadBatch(batchId);
    if (batch.status === 'reported' || batch.status === 'confirmed') return;
    if (batch.status !== 'prepared') throw new ConflictError('edonation.batchCancelled');
    await Donation.updateMany(
      { eDonationBatchId: batch._id, eDonationStatus: 'to_report' },
      {
        $set: { eDonationStatus: 'reported', eDonationReportedAt: reportedOn, eDonationReportedBy: by },
        $unset: { eDonationCorrection: 1 },
      },
    );
    batch.set({ status: 'reported', reportedOn, reportedBy: by });
    await batch.save();
    log.info({ batchId, gifts: batch.lines.length }, 'e-Donation batch reported');
  });
}

/** The Department's system shows the batch's gifts: they are confirmed. */
export async function markBatchConfirmed(actor: Actor, batchId: string): Promise<void> {
  const by = staffOf(actor);
  await withLock(`e-donation-batch:${batchId}`, async () => {
    const batch = await loadBatch(batchId);
    if (batch.status === 'confirmed') return;
    if (batch.status !== 'reported') throw new ConflictError('edonation.batchNotReported');
    await Donation.updateMany(
      { eDonationBatchId: batch._id, eDonationStatus: 'reported' },
      { $set: { eDonationStatus: 'confirmed' } },
    );
    batch.set({ status: 'confirmed', confirmedAt: new Date(), confirmedBy: by });
    await batch.save();
  });
}

/** A prepared batch not sent after all: its gifts go back to the queue. */
export async function cancelBatch(actor: Actor, batchId: string): Promise<void> {
  staffOf(actor);
  await withLock(`e-donation-batch:${batchId}`, async () => {
    const batch = await loadBatch(batchId);
    if (batch.status === 'cancelled') return;
    if (batch.status !== 'prepared') throw new ConflictError('edonation.batchAlreadyReported');
    await Donation.updateMany(
      { eDonationBatchId: batch._id, eDonationStatus: 'to_report' },
      { $unset: { eDonationBatchId: 1 } },
    );
    batch.status = 'cancelled';
    await batch.save();
  });
}

/** Moves one gift's e-Donation status (reported by the bank, or back to the queue as a correction). */
export async function moveGift(actor: Actor, donationId: string, move: 'reported_by_bank' | 'correct') {
  const by = staffOf(actor);
  if (!mongoose.isValidObjectId(donationId)) throw new NotFoundError('donations.giftNotFound');
  await withLock(`donation:${donationId}`, async () => {
    const gift = await Donation.findById(donationId);
    if (!gift) throw new NotFoundError('donations.giftNotFound');
    const status = (gift.eDonationStatus ?? undefined) as EDonationStatus | undefined;
    if (move === 'reported_by_bank' && status === 'reported_by_bank') return;
    if (!canMoveEDonation(move, status) || (move === 'reported_by_bank' && gift.eDonationBatchId))
      throw new ConflictError('edonation.cannotMove');
    if (move === 'reported_by_bank') gift.set({ eDonationStatus: 'reported_by_bank', eDonationReportedBy: by });
    else {
      gift.set({ eDonationStatus: 'to_report', eDonationCorrection: true });
      gift.set('eDonationBatchId', undefined);
    }
    await gift.save();
  });
}

/**
 * A donor may send the slip of their transfer with a pledge (a photo or the bank app's PDF), from
 * the thank-you page's signed link or their own gifts page; staff see it beside the pledge when
 * they confirm the money. At most a few per pledge, and only while it waits: a slip is evidence
 * for staff, never what confirms the gift (the bank statement is).
 */
import mongoose from 'mongoose';
import { Donation } from './donation.model.js';
import { isGiftLinkValid } from './donation.links.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { readStoredFile, type StoredFile } from '../../shared/files.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'pledge-slip' });

/** Slips one pledge keeps. */
export const MAX_SLIPS = 3;

/** Whether this person (or this link) may send a slip for the pledge: checked before the body is read. */
export async function assertMaySendSlip(actor: Actor, donationId: string, token: unknown): Promise<void> {
  const gift = mongoose.isValidObjectId(donationId)
    ? await Donation.findById(donationId, { status: 1, donorUserId: 1, slips: 1 }).lean()
    : null;
  if (!gift) throw new NotFoundError('donations.giftNotFound');
  const own = Boolean(actor?.id && gift.donorUserId && String(gift.donorUserId) === actor.id);
  if (!own && !isGiftLinkValid(donationId, token)) throw new ForbiddenError('donations.badLink');
  if (gift.status !== 'pledged') throw new ConflictError('donations.slipNotPledged');
  if ((gift.slips ?? []).length >= MAX_SLIPS) {
    throw new ValidationError({ slip: { key: 'donations.slipsFull', params: { max: MAX_SLIPS } } });
  }
}

/** Keeps the uploaded slip on the pledge (checked again: the pledge may have been confirmed meanwhile). */
export async function attachSlip(actor: Actor, donationId: string, token: unknown, file: StoredFile): Promise<void> {
  await assertMaySendSlip(actor, donationId, token);
  const gift = await Donation.findById(donationId);
  if (!gift) throw new NotFoundError('donations.giftNotFound');
  gift.set('slips', [
    ...(gift.slips ?? []).map((s) => ({
      fileId: s.fileId,
      filename: s.filename,
      contentType: s.contentType,
      uploadedAt: s.uploadedAt,
    })),
    {
      fileId: new mongoose.Types.ObjectId(file.fileId),
      filename: file.filename,
      contentType: file.contentType,
      uploadedAt: new Date(),
    },
  ]);
  await gift.save();
  log.info({ donationId, fileId: file.fileId }, 'transfer slip received');
}

/** A slip's file, for staff checking the pledge. */
export async function slipForStaff(
  actor: Actor,
  donationId: string,
  fileId: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  assertRole(actor, 'staff', 'admin');
  const gift = mongoose.isValidObjectId(donationId) ? await Donation.findById(donationId, { slips: 1 }).lean() : null;
  const slip = (gift?.slips ?? []).find((s) => String(s.fileId) === fileId);
  if (!slip) throw new NotFoundError();
  return { filename: slip.filename, contentType: slip.contentType, content: await readStoredFile(fileId) };
}

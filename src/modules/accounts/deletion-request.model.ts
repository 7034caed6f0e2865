/**
 * A person's request that their personal data be deleted (PDPA), for staff to act on. Staff do
 * the deletion by hand and record the outcome: money records (gifts, receipts, the ledger, grant
 * payments) must be kept by accounting and tax law, so an automatic delete would be wrong.
 * One open request per person: `openKey` is 'open:<userId>' while open and 'closed:<requestId>'
 * once resolved, and its unique index makes a second open request (two clicks, two tabs) fail
 * cleanly on FerretDB, which has neither transactions nor partial indexes.
 */
import mongoose, { Schema } from 'mongoose';

export const DELETION_STATUSES = [
  /** Waiting for staff. */
  'open',
  /** Staff deleted or anonymised what may be deleted. */
  'done',
  /** Staff could not act on it (the note says why). */
  'declined',
] as const;
export type DeletionStatus = (typeof DELETION_STATUSES)[number];

const deletionRequestSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    /** Name and email as they were when asked: the account itself may be gone by the time staff finish. */
    name: { type: String, required: true, maxlength: 120 },
    email: { type: String, required: true, maxlength: 254 },
    reason: { type: String, trim: true, maxlength: 1000, default: '' },
    status: { type: String, enum: DELETION_STATUSES, required: true, default: 'open', index: true },
    openKey: { type: String, required: true, unique: true },
    requestedAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    resolvedById: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    resolvedByName: { type: String, default: '' },
    note: { type: String, trim: true, maxlength: 2000, default: '' },
  },
  { versionKey: false },
);

export const DeletionRequest = mongoose.model('DeletionRequest', deletionRequestSchema);

/**
 * The ledger before the journal: one signed entry per fund and kind. Read only, by the
 * migration into the journal (journal-migration.ts); nothing writes it any more. Kept so a
 * database from before the journal can be migrated, and its old entries looked at.
 */
import mongoose, { Schema } from 'mongoose';

export const LEGACY_LEDGER_KINDS = [
  'donation',
  'refund',
  'adjustment',
  'grant_commitment',
  'commitment_release',
  'disbursement',
] as const;
export type LegacyLedgerKind = (typeof LEGACY_LEDGER_KINDS)[number];

const legacyLedgerEntrySchema = new Schema(
  {
    kind: { type: String, enum: LEGACY_LEDGER_KINDS, required: true },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    /** Signed, as the entry changed the fund's available balance. */
    amountSatang: { type: Number, required: true },
    currency: { type: String, default: 'THB' },
    campaignId: { type: Schema.Types.ObjectId },
    occurredAt: { type: Date, required: true },
    ref: { type: String, required: true },
    groupId: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true },
    memo: { type: String },
    recordedBy: { type: Schema.Types.ObjectId },
  },
  // Neither made nor indexed by this version: an old database has it, a new one never will.
  {
    timestamps: { createdAt: true, updatedAt: false },
    collection: 'ledgerentries',
    autoIndex: false,
    autoCreate: false,
  },
);

export const LegacyLedgerEntry = mongoose.model('LegacyLedgerEntry', legacyLedgerEntrySchema);

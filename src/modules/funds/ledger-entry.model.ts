/**
 * The append-only ledger: every movement of money is a new entry, never an edit. Amounts are
 * signed satang as seen from the fund's available balance. The unique idempotency key makes a
 * retried or duplicated movement (a replayed webhook, a double click) count once.
 */
import mongoose, { Schema } from 'mongoose';
import { LEDGER_KINDS } from './ledger.rules.js';

const ledgerEntrySchema = new Schema(
  {
    kind: { type: String, enum: LEDGER_KINDS, required: true },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    amountSatang: { type: Number, required: true, validate: Number.isSafeInteger },
    currency: { type: String, enum: ['THB'], default: 'THB' },
    /** What the movement belongs to, e.g. `donation:<id>`, `award:<id>`. */
    ref: { type: String, required: true, maxlength: 200 },
    /** Entries written together (a disbursement and its commitment release) share a group. */
    groupId: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true, maxlength: 200 },
    memo: { type: String, maxlength: 500 },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
ledgerEntrySchema.index({ fundId: 1, kind: 1 });

export const LedgerEntry = mongoose.model('LedgerEntry', ledgerEntrySchema);

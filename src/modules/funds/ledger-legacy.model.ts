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
    /** A campaign under the fund, when the movement belongs to one. */
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign' },
    /** When the money moved (an offline gift may be recorded days after it arrived). */
    occurredAt: { type: Date, required: true, default: () => new Date() },
    /** What the movement belongs to, e.g. `donation:<id>`, `award:<id>`. */
    ref: { type: String, required: true, maxlength: 200 },
    /** Entries written together (a disbursement and its commitment release) share a group. */
    groupId: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true, maxlength: 200 },
    memo: { type: String, maxlength: 500 },
    /** The staff member who wrote a manual entry. */
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
ledgerEntrySchema.index({ fundId: 1, kind: 1 });
ledgerEntrySchema.index({ ref: 1 });
ledgerEntrySchema.index({ campaignId: 1 });
ledgerEntrySchema.index({ occurredAt: 1 });

export const LedgerEntry = mongoose.model('LedgerEntry', ledgerEntrySchema);

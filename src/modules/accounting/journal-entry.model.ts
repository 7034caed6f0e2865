/**
 * The journal: every movement of money is one document holding all of its postings, so an
 * entry is written whole or not at all (one insert; FerretDB has no transactions). Entries are
 * never edited: a mistake is undone by a new, reversing entry. The unique idempotency key makes
 * a retried or duplicated movement (a replayed webhook, a double click) count once.
 */
import mongoose, { Schema } from 'mongoose';
import { ACCOUNT_KEYS } from './chart.js';
import { ENTRY_KINDS, assertBalanced, type Posting } from './postings.rules.js';

const postingSchema = new Schema(
  {
    account: { type: String, enum: ACCOUNT_KEYS, required: true },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund' },
    debitSatang: { type: Number, required: true, validate: Number.isSafeInteger },
    creditSatang: { type: Number, required: true, validate: Number.isSafeInteger },
  },
  { _id: false },
);

const journalEntrySchema = new Schema(
  {
    kind: { type: String, enum: ENTRY_KINDS, required: true },
    postings: {
      type: [postingSchema],
      validate: {
        validator: (postings: Posting[]) => {
          // Subdocuments: read each field (a spread would copy mongoose's internals, not the values).
          assertBalanced(
            postings.map((p) => ({
              account: p.account,
              fundId: p.fundId ? String(p.fundId) : undefined,
              debitSatang: p.debitSatang,
              creditSatang: p.creditSatang,
            })),
          );
          return true;
        },
      },
    },
    /** The funds the postings name, top-level so FerretDB can look entries up by fund in PostgreSQL. */
    fundIds: { type: [Schema.Types.ObjectId], index: true },
    currency: { type: String, enum: ['THB'], default: 'THB' },
    /** A campaign under the fund, when the movement belongs to one. */
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign' },
    /** When the money moved (an offline gift may be recorded days after it arrived). */
    occurredAt: { type: Date, required: true },
    /** The month (Bangkok, `YYYY-MM`) the entry is booked in: closing a month closes these. */
    period: { type: String, required: true, match: /^\d{4}-\d{2}$/ },
    /** What the movement belongs to, e.g. `donation:<id>`, `award:<id>`, `payout:<id>`. */
    ref: { type: String, required: true, maxlength: 200 },
    /** Entries written for one event share a group. */
    groupId: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true, maxlength: 200 },
    memo: { type: String, maxlength: 500 },
    /** The staff member who wrote a manual entry. */
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** The idempotency key of the entry this one undoes. */
    reverses: { type: String, maxlength: 200 },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
journalEntrySchema.index({ ref: 1 });
journalEntrySchema.index({ campaignId: 1 });
journalEntrySchema.index({ occurredAt: 1 });
journalEntrySchema.index({ period: 1 });
journalEntrySchema.index({ kind: 1 });

export const JournalEntry = mongoose.model('JournalEntry', journalEntrySchema);

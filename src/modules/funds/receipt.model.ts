/**
 * A tax receipt. Numbers run per Buddhist-era year without gaps: the unique {year, number} index
 * is what hands out each number (insert max+1, retry on a clash), and the receipt's _id is its
 * gift's id, so a gift never gets two receipts however many webhooks confirm it at once (and the
 * receipt of a gift is found by _id, the one lookup FerretDB's SQLite backend does not scan for).
 */
import mongoose, { Schema } from 'mongoose';

const receiptSchema = new Schema(
  {
    /** The gift's id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    year: { type: Number, required: true },
    number: { type: Number, required: true, min: 1 },
    receiptNumber: { type: String, required: true },
    donationId: { type: Schema.Types.ObjectId, ref: 'Donation', required: true },
    issuedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
receiptSchema.index({ year: 1, number: 1 }, { unique: true });

export const Receipt = mongoose.model('Receipt', receiptSchema);

/**
 * A tax receipt. Numbers run per Buddhist-era year without gaps: the unique {year, number} index
 * is what hands out each number (insert max+1, retry on a clash), and the unique donationId means
 * a gift never gets two receipts however many webhooks confirm it at once.
 */
import mongoose, { Schema } from 'mongoose';

const receiptSchema = new Schema(
  {
    year: { type: Number, required: true },
    number: { type: Number, required: true, min: 1 },
    receiptNumber: { type: String, required: true },
    donationId: { type: Schema.Types.ObjectId, ref: 'Donation', required: true, unique: true },
    issuedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
receiptSchema.index({ year: 1, number: 1 }, { unique: true });

export const Receipt = mongoose.model('Receipt', receiptSchema);

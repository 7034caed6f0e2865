/**
 * A batch of gifts reported to the Revenue Department's e-Donation together: what was exported
 * (a copy of each gift's reported details, so the file can be downloaded again exactly as sent),
 * when staff said it was keyed in or uploaded, and when the Department's system confirmed it.
 */
import mongoose, { Schema } from 'mongoose';
import { BATCH_STATUSES } from './e-donation.rules.js';

const lineSchema = new Schema(
  {
    donationId: { type: Schema.Types.ObjectId, ref: 'Donation', required: true },
    taxId: { type: String, required: true, match: /^\d{13}$/ },
    name: { type: String, required: true, maxlength: 200 },
    amountSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    paidAt: { type: Date, required: true },
    receiptNumber: { type: String, default: '' },
    correction: { type: Boolean, default: false },
  },
  { _id: false },
);

const batchSchema = new Schema(
  {
    /** 1, 2, 3…: staff name batches by number. */
    number: { type: Number, required: true, unique: true },
    /** `preparing` only while its gifts are being marked (e-donation.service.ts prepareBatch). */
    status: { type: String, enum: ['preparing', ...BATCH_STATUSES, 'cancelled'], required: true, index: true },
    lines: { type: [lineSchema], default: [] },
    totalSatang: { type: Number, required: true },
    preparedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    reportedOn: { type: Date },
    reportedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    confirmedAt: { type: Date },
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, versionKey: false },
);
batchSchema.index({ createdAt: -1 });

export const EDonationBatch = mongoose.model('EDonationBatch', batchSchema);

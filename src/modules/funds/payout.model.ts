/**
 * Stripe's payouts to the foundation's bank account, as the webhooks report them, with the
 * balance movements each contained (read from Stripe after the event) for reconciliation.
 * The money itself is in the journal (`payout:<id>` entries); this is what the page shows.
 */
import mongoose, { Schema } from 'mongoose';

const transactionSchema = new Schema(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    amountSatang: { type: Number, required: true },
    feeSatang: { type: Number, required: true },
    netSatang: { type: Number, required: true },
    currency: { type: String, required: true },
    paymentIntentId: { type: String },
  },
  { _id: false },
);

const payoutSchema = new Schema(
  {
    /** Stripe's payout id (`po_…`). */
    _id: { type: String, required: true },
    amountSatang: { type: Number, required: true },
    currency: { type: String, required: true },
    status: { type: String, enum: ['paid', 'failed'], required: true },
    arrivalDate: { type: Date, required: true },
    paidAt: { type: Date },
    failedAt: { type: Date },
    failureCode: { type: String, maxlength: 100 },
    transactions: { type: [transactionSchema], default: [] },
    transactionsReadAt: { type: Date },
    /** Why the contents could not be read (Stripe unreachable): the page says so. */
    transactionsError: { type: String, maxlength: 500 },
  },
  { timestamps: true, versionKey: false },
);
payoutSchema.index({ arrivalDate: -1 });

export const Payout = mongoose.model('Payout', payoutSchema);

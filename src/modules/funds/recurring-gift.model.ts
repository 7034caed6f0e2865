/**
 * A monthly gift: a Stripe subscription (cards only). Each paid month becomes a Donation of its
 * own (invoice.paid); this record holds the promise and whether it still runs.
 */
import mongoose, { Schema } from 'mongoose';
import { RECURRING_GIFT_STATUSES } from './recurring-gift.status.js';
import { keepDonationKeys } from './donation-keys.js';

const recurringGiftSchema = new Schema(
  {
    submissionKey: { type: String, required: true, unique: true, maxlength: 200 },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true },
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign' },
    amountSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    /** What the donor added each month so the fund gets the whole gift (included in amountSatang). */
    coveredFeeSatang: { type: Number },
    currency: { type: String, enum: ['THB'], default: 'THB' },
    status: { type: String, enum: RECURRING_GIFT_STATUSES, required: true },
    donor: {
      name: { type: String, required: true, trim: true, maxlength: 200 },
      email: { type: String, trim: true, lowercase: true, maxlength: 254 },
      userId: { type: Schema.Types.ObjectId, ref: 'User', index: true },
      anonymous: { type: Boolean, default: false },
      locale: { type: String, enum: ['th', 'en'], default: 'th' },
    },
    dedication: { type: String, trim: true, maxlength: 300 },
    taxReceipt: {
      type: new Schema(
        {
          fullName: { type: String, required: true },
          taxId: { type: String, required: true, match: /^\d{13}$/ },
          address: { type: String, required: true },
          eDonationConsent: { type: Boolean, default: false },
        },
        { _id: false },
      ),
    },
    stripe: {
      checkoutSessionId: { type: String, index: true },
      checkoutUrl: String,
      subscriptionId: { type: String, index: true },
      customerId: String,
    },
    // Top-level copies for equality lookups FerretDB can push down (donation-keys.ts, payment-refs.ts).
    donorUserId: { type: Schema.Types.ObjectId, ref: 'User', index: true },
    stripeSubscriptionId: { type: String, index: true },
    lastPaidAt: Date,
    failedPayments: { type: Number, default: 0 },
    cancelledAt: Date,
  },
  { timestamps: true },
);

keepDonationKeys(recurringGiftSchema, { monthKey: false });

export const RecurringGift = mongoose.model('RecurringGift', recurringGiftSchema);

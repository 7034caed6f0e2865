/**
 * One gift: a one-time online gift, one month of a monthly gift, a pledge, or an offline gift
 * recorded by staff. Its money is confirmed only in the ledger; this record says who gave, how,
 * and where the payment stands. `submissionKey` (unique) makes a double-clicked form, a repeated
 * invoice webhook or a re-sent staff form create one gift.
 */
import mongoose, { Schema } from 'mongoose';
import { CHANNELS, FREQUENCIES, giftCodeOf } from './donation.rules.js';
import { DONATION_STATUSES } from './donation.status.js';
import { keepDonationKeys } from './donation-keys.js';
import { EDONATION_STATUSES, isReportable } from './e-donation.rules.js';

const donorSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    userId: { type: Schema.Types.ObjectId, ref: 'User', index: true },
    /** Shown as "anonymous" on every public page and left out of open data. */
    anonymous: { type: Boolean, default: false },
    locale: { type: String, enum: ['th', 'en'], default: 'th' },
  },
  { _id: false },
);

const taxReceiptSchema = new Schema(
  {
    fullName: { type: String, required: true, trim: true, maxlength: 200 },
    /** 13 digits, checksum verified. */
    taxId: { type: String, required: true, match: /^\d{13}$/ },
    address: { type: String, required: true, trim: true, maxlength: 500 },
    /** Consent to send these details to the Revenue Department's e-Donation system. */
    eDonationConsent: { type: Boolean, default: false },
  },
  { _id: false },
);

const refundSchema = new Schema(
  {
    refundId: { type: String, required: true },
    amountSatang: { type: Number, required: true, validate: Number.isSafeInteger },
    status: { type: String, enum: ['pending', 'succeeded', 'failed', 'canceled'], required: true },
  },
  { _id: false },
);

const donationSchema = new Schema(
  {
    submissionKey: { type: String, required: true, unique: true, maxlength: 200 },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign' },
    amountSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    currency: { type: String, enum: ['THB'], default: 'THB' },
    frequency: { type: String, enum: FREQUENCIES, default: 'one_time' },
    channel: { type: String, enum: CHANNELS, required: true },
    status: { type: String, enum: DONATION_STATUSES, required: true, index: true },
    donor: { type: donorSchema, required: true },
    dedication: { type: String, trim: true, maxlength: 300 },
    taxReceipt: { type: taxReceiptSchema },
    /** The monthly gift this month belongs to. */
    recurringGiftId: { type: Schema.Types.ObjectId, ref: 'RecurringGift', index: true },
    stripe: {
      checkoutSessionId: { type: String, index: true },
      checkoutUrl: String,
      paymentIntentId: { type: String, index: true },
      invoiceId: String,
      paymentMethod: String,
    },
    /** Offline gifts: when the money arrived, the bank or cheque reference, who recorded it. */
    receivedAt: Date,
    reference: { type: String, trim: true, maxlength: 200 },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    paidAt: { type: Date, index: true },
    refunds: { type: [refundSchema], default: [] },
    /** The donor asked to be emailed when the gift's campaign posts an update. */
    campaignUpdates: { type: Boolean },
    /** The bank statement line this gift was confirmed or recorded from (bank-statement.model.ts). */
    statementLineId: { type: Schema.Types.ObjectId, ref: 'StatementLine' },
    /** When the donor was reminded of a pledge still waiting (once). */
    pledgeRemindedAt: { type: Date },
    /** Transfer slips the donor sent with a pledge (pledge-slip.service.ts), for staff to check. */
    slips: {
      type: [
        new Schema(
          {
            fileId: { type: Schema.Types.ObjectId, required: true },
            filename: { type: String, required: true, maxlength: 200 },
            contentType: { type: String, required: true },
            uploadedAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    /** The highest running total of refunds Stripe reported on the charge. */
    chargeAmountRefunded: { type: Number, default: 0 },
    refundedSatang: { type: Number, default: 0 },
    /** What the donor added so the fund gets the whole gift (included in amountSatang). */
    coveredFeeSatang: { type: Number },
    /** What the payment provider kept of the gift, once booked (payment-fee.service.ts). */
    feeSatang: { type: Number },
    failureReason: String,
    receiptNumber: String,
    /**
     * The Revenue Department's e-Donation (e-donation.rules.ts): set to "to report" when the gift is
     * created with consent and a valid ID; top-level so the staff queue is one indexed equality.
     */
    eDonationStatus: { type: String, enum: EDONATION_STATUSES, index: true },
    /** The batch the gift is in (prepared or reported), when it is in one. */
    eDonationBatchId: { type: Schema.Types.ObjectId, ref: 'EDonationBatch', index: true },
    eDonationReportedAt: Date,
    eDonationReportedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** Reported before and changed since (a refund, a corrected ID): the next batch corrects it. */
    eDonationCorrection: Boolean,
    /** The reference shown to the donor (giftCodeOf the id), stored so staff can search by it. */
    giftCode: { type: String, index: true },
    // Top-level copies for equality lookups FerretDB can push down (donation-keys.ts, payment-refs.ts).
    donorUserId: { type: Schema.Types.ObjectId, ref: 'User', index: true },
    monthKey: { type: String, index: true },
    stripePaymentIntentId: { type: String, index: true },
    stripeInvoiceId: { type: String, index: true },
  },
  { timestamps: true },
);
donationSchema.index({ createdAt: -1 });
keepDonationKeys(donationSchema, { monthKey: true });
donationSchema.pre('validate', function () {
  if (!this.giftCode) this.giftCode = giftCodeOf(this._id.toString());
  if (this.isNew && !this.eDonationStatus && isReportable(this.taxReceipt)) this.eDonationStatus = 'to_report';
});

export const Donation = mongoose.model('Donation', donationSchema);

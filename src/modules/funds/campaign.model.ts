/**
 * A campaign under a fund: a merit fund (กองบุญ), a concert, a flood appeal — its own goal and end
 * date, while the money still belongs to the fund's ledger (entries carry the campaign's id).
 */
import mongoose, { Schema } from 'mongoose';

const campaignSchema = new Schema(
  {
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9-]{2,60}$/ },
    name: {
      th: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, required: true, trim: true, maxlength: 200 },
    },
    description: {
      th: { type: String, trim: true, maxlength: 5000, default: '' },
      en: { type: String, trim: true, maxlength: 5000, default: '' },
    },
    goalSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    endsAt: { type: Date, required: true },
    active: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** The campaign's story (plain text: shared/text-blocks.ts) and cover picture, told on its page. */
    story: {
      th: { type: String, trim: true, maxlength: 10_000, default: '' },
      en: { type: String, trim: true, maxlength: 10_000, default: '' },
    },
    cover: {
      fileId: { type: Schema.Types.ObjectId },
      filename: { type: String, maxlength: 200 },
      contentType: { type: String, enum: ['image/png', 'image/jpeg'] },
    },
    coverAlt: {
      th: { type: String, trim: true, maxlength: 200, default: '' },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    /**
     * How much of a gift donors may deduct from taxable income (1× or 2×) and the law that says so;
     * none means the fund's (e-donation.rules.ts deductionFor).
     */
    deduction: {
      multiplier: { type: Number, enum: [1, 2] },
      basis: {
        th: { type: String, trim: true, maxlength: 500 },
        en: { type: String, trim: true, maxlength: 500 },
      },
    },
  },
  { timestamps: true },
);

export const Campaign = mongoose.model('Campaign', campaignSchema);

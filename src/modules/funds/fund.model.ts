/** The giving menu: the foundation's sub-funds and its permanent endowment fund. */
import mongoose, { Schema } from 'mongoose';

export const FUND_KINDS = [
  /** A sub-fund on the giving menu (education, elderly, …): gifts can be granted out. */
  'sub_fund',
  /** The permanent endowment (กองทุนถาวร): principal is kept; only its returns are spent. */
  'endowment',
] as const;

const bilingual = (required: boolean) => ({
  th: { type: String, required, trim: true, maxlength: 5000 },
  en: { type: String, required, trim: true, maxlength: 5000 },
});

const fundSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9-]{2,60}$/ },
    kind: { type: String, enum: FUND_KINDS, required: true },
    /** The shared issue vocabulary (education, children_youth, …) that grants and the social map use too. */
    issue: { type: String, required: true },
    name: bilingual(true),
    summary: bilingual(true),
    description: bilingual(true),
    goalSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    sortOrder: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
    /**
     * How much of a gift donors may deduct from taxable income (1× or 2×) and the law that says so;
     * none means 1× on the general basis (e-donation.rules.ts deductionFor).
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

export const Fund = mongoose.model('Fund', fundSchema);

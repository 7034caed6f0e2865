/**
 * A yearly honours round (e.g. คนดีศรีสงขลา 2569): its categories, the criteria and rubric the
 * committee scores by (the grants review engine's shape), when it takes nominations, and who sits
 * on its committee. Draft → published (takes nominations between its dates) → announced (the
 * honour roll shows its selected honourees; the rest stay private for good).
 */
import mongoose, { Schema } from 'mongoose';

const text = (max: number, required = false) => ({ type: String, trim: true, maxlength: max, required });

export const ROUND_STATUSES = ['draft', 'published', 'announced'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

const roundSchema = new Schema(
  {
    /** The Buddhist-era year the round honours (2569). */
    year: { type: Number, required: true, min: 2500, max: 2700, index: true },
    title: { th: text(200, true), en: text(200) },
    description: { th: text(10_000), en: text(10_000) },
    categories: [
      {
        _id: false,
        key: { type: String, required: true, match: /^[a-z0-9_]{1,40}$/ },
        name: { th: text(200, true), en: text(200) },
      },
    ],
    rubric: {
      criteria: [
        {
          _id: false,
          key: { type: String, required: true },
          name: { th: text(200, true), en: text(200) },
          weight: { type: Number, required: true, min: 1, max: 100 },
        },
      ],
      scale: { min: { type: Number, required: true }, max: { type: Number, required: true } },
    },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    committeeUserIds: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    status: { type: String, enum: ROUND_STATUSES, default: 'draft', index: true },
    announcedAt: { type: Date },
    /** Who the organisers are, on the certificate ("with the Rao Rak Songkhla Foundation"). */
    partner: { th: text(200), en: text(200) },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

export const HonourRound = mongoose.model('HonourRound', roundSchema);
export type HonourRoundDoc = InstanceType<typeof HonourRound>;

/**
 * A nomination of a person for a round, and the committee's scores of it. Everything here is
 * private (the nominator, staff and the committee) until the person is selected, their consent
 * is on record, and the round is announced; what the public then sees is the citation and photo
 * staff wrote, never the nomination itself.
 */
import mongoose, { Schema } from 'mongoose';
import { NOMINATION_ACTIONS, NOMINATION_STATES } from './honours.rules.js';

const text = (max: number, required = false) => ({ type: String, trim: true, maxlength: max, required });
const file = {
  _id: false,
  fileId: { type: Schema.Types.ObjectId, required: true },
  filename: { type: String, maxlength: 200 },
  contentType: { type: String, enum: ['image/png', 'image/jpeg', 'application/pdf'] },
};

const nominationSchema = new Schema(
  {
    roundId: { type: Schema.Types.ObjectId, ref: 'HonourRound', required: true, index: true },
    category: { type: String, required: true, maxlength: 40 },
    nominee: {
      name: text(200, true),
      living: { type: Boolean, required: true },
      /** What they are known as (a village headman, a teacher, a fisher). */
      role: text(200),
      provinceCode: { type: String, match: /^\d{2}$/, required: true },
      districtCode: { type: String, match: /^\d{4}$/ },
      /** How staff reach a living nominee to ask their consent (phone or email). */
      contact: text(200),
    },
    /** The nominee's name as personKey reduces it: one nomination per person per nominator and round. */
    nomineeKey: { type: String, required: true, maxlength: 200 },
    achievements: text(5000, true),
    evidenceLinks: [{ type: String, maxlength: 500 }],
    attachments: [file],
    nominatorId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    nominatorRelation: text(200, true),
    /** For a posthumous nomination: who in the family consents and may be reached. */
    familyContact: { name: text(200), phone: text(50), relation: text(100) },
    /** PDPA: the nominee's (or the family's) consent to be honoured in public, as staff recorded it. */
    consent: { recordedAt: Date, recordedBy: { type: Schema.Types.ObjectId, ref: 'User' }, note: text(500) },
    state: { type: String, enum: NOMINATION_STATES, default: 'submitted', index: true },
    screeningReason: text(2000),
    rationale: text(2000),
    /** What the honour roll says of them, written by staff at selection. */
    citation: { th: text(2000), en: text(2000) },
    photo: {
      ...file,
      fileId: { type: Schema.Types.ObjectId },
      contentType: { type: String, enum: ['image/png', 'image/jpeg'] },
    },
    photoAlt: { th: text(200), en: text(200) },
    history: [
      {
        _id: false,
        action: { type: String, enum: NOMINATION_ACTIONS },
        from: String,
        to: String,
        by: { type: Schema.Types.ObjectId, ref: 'User' },
        at: { type: Date, default: Date.now },
        comment: text(2000),
      },
    ],
  },
  { timestamps: true },
);
nominationSchema.index({ roundId: 1, nominatorId: 1, nomineeKey: 1 }, { unique: true });

export const Nomination = mongoose.model('Nomination', nominationSchema);
export type NominationDoc = InstanceType<typeof Nomination>;

const scoreSchema = new Schema(
  {
    roundId: { type: Schema.Types.ObjectId, ref: 'HonourRound', required: true, index: true },
    nominationId: { type: Schema.Types.ObjectId, ref: 'Nomination', required: true, index: true },
    reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    /** Criterion key → whole number on the round's scale (checked by the grants engine's checkScores). */
    scores: { type: Map, of: Number },
    /** 'fund' reads "honour", 'do_not_fund' "do not honour": the grants engine's recommendation. */
    recommendation: { type: String, enum: ['fund', 'do_not_fund'] },
    comment: text(2000),
    /** A member who knows the nominee too closely steps aside: no score, the reason on record. */
    conflict: { declared: { type: Boolean, default: false }, reason: text(500) },
    submittedAt: Date,
  },
  { timestamps: true },
);
scoreSchema.index({ nominationId: 1, reviewerId: 1 }, { unique: true });

export const HonourScore = mongoose.model('HonourScore', scoreSchema);

/** The nominee of a stored nomination (the schema requires one; the type cannot say so). */
export function nomineeOf(doc: { nominee?: unknown }): {
  name: string;
  living: boolean;
  role?: string | null;
  provinceCode: string;
  districtCode?: string | null;
  contact?: string | null;
} {
  return (doc.nominee ?? { name: '', living: true, provinceCode: '' }) as ReturnType<typeof nomineeOf>;
}

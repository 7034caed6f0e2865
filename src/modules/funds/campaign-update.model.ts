/** News of one campaign posted by staff (how the appeal is going, what the money did), shown on its page. */
import mongoose, { Schema } from 'mongoose';

const campaignUpdateSchema = new Schema(
  {
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign', required: true, index: true },
    /** The form's random id: the same form sent twice posts (and emails) once. */
    submissionKey: { type: String, required: true, unique: true, maxlength: 100 },
    title: {
      th: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    body: {
      th: { type: String, required: true, trim: true, maxlength: 5_000 },
      en: { type: String, trim: true, maxlength: 5_000, default: '' },
    },
    postedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** Donors emailed about it (those who asked, once each). */
    mailedCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
campaignUpdateSchema.index({ createdAt: -1 });

export const CampaignUpdate = mongoose.model('CampaignUpdate', campaignUpdateSchema);

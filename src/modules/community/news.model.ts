/**
 * News and activity reports the foundation publishes: plain text in Thai (and English), a photo,
 * and what it concerns (a fund, a campaign, an area) so those pages can list it. Drafts are seen
 * by staff only; publishing dates it.
 */
import mongoose, { Schema } from 'mongoose';
import { NEWS_KINDS } from './news.rules.js';

const text = (max: number, required = false) => ({ type: String, trim: true, maxlength: max, required });

const newsSchema = new Schema(
  {
    kind: { type: String, enum: NEWS_KINDS, required: true },
    title: { th: text(200, true), en: text(200) },
    summary: { th: text(300, true), en: text(300) },
    body: { th: text(10_000, true), en: text(10_000) },
    photo: {
      fileId: { type: Schema.Types.ObjectId },
      filename: { type: String, maxlength: 200 },
      contentType: { type: String, enum: ['image/png', 'image/jpeg'] },
    },
    /** The alternative text of the photo, read aloud and shown when it does not load. */
    photoAlt: { th: text(200), en: text(200) },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', index: true },
    campaignId: { type: Schema.Types.ObjectId, ref: 'Campaign', index: true },
    /** A province, district or sub-district code of the Thai geography. */
    areaCode: { type: String, match: /^\d{2}(\d{2}){0,2}$/ },
    /** Top-level for the public list's one equality (FerretDB pushes it down). */
    published: { type: Boolean, default: false, index: true },
    publishedAt: { type: Date, index: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
newsSchema.index({ publishedAt: -1 });

export const NewsItem = mongoose.model('NewsItem', newsSchema);

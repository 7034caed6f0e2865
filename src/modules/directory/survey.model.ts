/**
 * A social-map survey (การสำรวจแผนที่ทางสังคม) of one area: its potential and assets, problems,
 * social capital and needs — structured choices plus the surveyors' own words.
 */
import mongoose, { Schema } from 'mongoose';
import { ASSET_KINDS, ISSUES, RESOURCE_KINDS } from './vocabulary.js';

const surveySchema = new Schema(
  {
    area: {
      provinceCode: { type: String, required: true, match: /^\d{2}$/ },
      districtCode: { type: String, match: /^\d{4}$/ },
      subDistrictCode: { type: String, match: /^\d{6}$/ },
    },
    surveyedOn: { type: Date, required: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    assets: { type: [{ type: String, enum: ASSET_KINDS }], default: [] },
    potentialText: { type: String, trim: true, maxlength: 3000, default: '' },
    problemIssues: { type: [{ type: String, enum: ISSUES }], default: [] },
    problemsText: { type: String, trim: true, maxlength: 3000, default: '' },
    groupsCount: { type: Number, min: 0, max: 100_000, default: 0 },
    leadersCount: { type: Number, min: 0, max: 100_000, default: 0 },
    socialCapitalText: { type: String, trim: true, maxlength: 3000, default: '' },
    needKinds: { type: [{ type: String, enum: RESOURCE_KINDS }], default: [] },
    needsText: { type: String, trim: true, maxlength: 3000, default: '' },
    /** The partner organisation that ran the survey, if any. */
    byOrgId: { type: Schema.Types.ObjectId, ref: 'Organisation' },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);

export const Survey = mongoose.model('Survey', surveySchema);

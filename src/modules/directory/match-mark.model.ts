/**
 * What an organisation's members said about a suggestion: contacted, interested, or not relevant
 * (then hidden from its suggestions). One record per pair, its _id the pair itself.
 */
import mongoose, { Schema } from 'mongoose';
import { MATCH_MARKS } from './vocabulary.js';

const matchMarkSchema = new Schema(
  {
    /** `<orgId>:<candidateId>` */
    _id: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    status: { type: String, enum: MATCH_MARKS, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, versionKey: false },
);

export const MatchMark = mongoose.model('MatchMark', matchMarkSchema);

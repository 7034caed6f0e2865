/**
 * Which one-off data fixes of the funds module are done (one document each, read by `_id`), so a
 * start after the fix costs one indexed read instead of a pass over every gift.
 */
import mongoose, { Schema } from 'mongoose';

const dataFixSchema = new Schema(
  {
    _id: { type: String, required: true },
    doneAt: { type: Date, required: true },
    /** How many records the fix changed, for the record. */
    changed: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export const FundsDataFix = mongoose.model('FundsDataFix', dataFixSchema);

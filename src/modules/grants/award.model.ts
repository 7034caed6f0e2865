/**
 * An award on one application (unique): the amount, which the ledger holds as a commitment of
 * the fund, paid out in tranches. A tranche after the first is released only once the report
 * before it is accepted. Reports (progress, then final) are due on set dates.
 */
import mongoose, { Schema } from 'mongoose';
import { TRANCHE_STATUSES } from './tranche.status.js';
import { REPORT_STATUSES } from './grant-report.status.js';

export const REPORT_KINDS = ['progress', 'final'] as const;

const trancheSchema = new Schema(
  {
    number: { type: Number, required: true },
    amountSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    /** pending: waiting for the report before it; released: may be paid; paid: in the ledger. */
    status: { type: String, enum: TRANCHE_STATUSES, required: true },
    paidAt: { type: Date },
    reference: { type: String, trim: true, maxlength: 200, default: '' },
  },
  { _id: false },
);

const spendingSchema = new Schema(
  {
    line: { type: Number, required: true, min: 0 },
    spentSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  },
  { _id: false },
);

const indicatorValueSchema = new Schema(
  {
    result: { type: Number, required: true, min: 0 },
    value: { type: String, trim: true, maxlength: 500, default: '' },
  },
  { _id: false },
);

const photoSchema = new Schema(
  { fileId: { type: Schema.Types.ObjectId, required: true }, filename: String, contentType: String, size: Number },
  { _id: true },
);

const reportSchema = new Schema(
  {
    kind: { type: String, enum: REPORT_KINDS, required: true },
    /** The tranche this report unlocks (progress) or none (final). */
    unlocksTranche: { type: Number, default: null },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: REPORT_STATUSES, default: 'due' },
    narrative: { type: String, trim: true, maxlength: 20_000, default: '' },
    spending: { type: [spendingSchema], default: [] },
    indicators: { type: [indicatorValueSchema], default: [] },
    photos: { type: [photoSchema], default: [] },
    submittedAt: { type: Date },
    reviewedAt: { type: Date },
    staffComment: { type: String, trim: true, maxlength: 5000, default: '' },
    remindedDueAt: { type: Date },
    remindedOverdueAt: { type: Date },
  },
  { _id: true },
);

const awardSchema = new Schema(
  {
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true, unique: true },
    callId: { type: Schema.Types.ObjectId, ref: 'GrantCall', required: true, index: true },
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    amountSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    tranches: { type: [trancheSchema], default: [] },
    reports: { type: [reportSchema], default: [] },
    conditions: { type: String, trim: true, maxlength: 5000, default: '' },
    awardedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    awardedAt: { type: Date, required: true },
  },
  { timestamps: true },
);

export const Award = mongoose.model('Award', awardSchema);
export type AwardDoc = InstanceType<typeof Award>;

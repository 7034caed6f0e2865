/**
 * A grant application of one organisation to one call: the proposal's sections, its budget lines
 * (the requested amount is their sum, computed by the service), attachments (files in the
 * database, see shared/files.ts), and its status with the full history of who moved it.
 * One application per organisation per call (unique), so a double submit cannot make two.
 */
import mongoose, { Schema } from 'mongoose';
import { markChangesOf } from '../../shared/db/change-marker.js';
import { APPLICATION_ACTIONS, APPLICATION_STATES } from './application.workflow.js';

const areaSchema = new Schema(
  {
    provinceCode: { type: String, match: /^\d{2}$/ },
    districtCode: { type: String, match: /^\d{4}$/ },
    subDistrictCode: { type: String, match: /^\d{6}$/ },
  },
  { _id: false },
);

const budgetLineSchema = new Schema(
  {
    item: { type: String, required: true, trim: true, maxlength: 300 },
    quantity: { type: Number, required: true, min: 1, max: 1_000_000, validate: Number.isInteger },
    unitCostSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  },
  { _id: false },
);

const activitySchema = new Schema(
  {
    activity: { type: String, required: true, trim: true, maxlength: 1000 },
    timing: { type: String, trim: true, maxlength: 200, default: '' },
  },
  { _id: false },
);

const coFundingSchema = new Schema(
  {
    source: { type: String, required: true, trim: true, maxlength: 300 },
    amountSatang: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  },
  { _id: false },
);

const resultSchema = new Schema(
  {
    result: { type: String, required: true, trim: true, maxlength: 1000 },
    indicator: { type: String, trim: true, maxlength: 500, default: '' },
    target: { type: String, trim: true, maxlength: 200, default: '' },
  },
  { _id: false },
);

const attachmentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true, maxlength: 200 },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    uploadedAt: { type: Date, default: () => new Date() },
  },
  { _id: true },
);

const historySchema = new Schema(
  {
    action: { type: String, enum: [...APPLICATION_ACTIONS, 'create', 'decision'], required: true },
    from: { type: String, enum: [...APPLICATION_STATES, null], default: null },
    to: { type: String, enum: APPLICATION_STATES, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User' },
    byName: { type: String, default: '' },
    at: { type: Date, required: true },
    comment: { type: String, trim: true, maxlength: 5000, default: '' },
  },
  { _id: false },
);

export const DECISION_OUTCOMES = ['approved', 'waitlisted', 'declined'] as const;

const applicationSchema = new Schema(
  {
    callId: { type: Schema.Types.ObjectId, ref: 'GrantCall', required: true, index: true },
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    status: { type: String, enum: APPLICATION_STATES, required: true },
    /** Which form the applicant is writing: the concept note, or the full proposal. */
    stage: { type: String, enum: ['concept', 'full'], default: 'full' },
    title: { type: String, trim: true, maxlength: 300, default: '' },
    problem: { type: String, trim: true, maxlength: 10_000, default: '' },
    objectives: { type: String, trim: true, maxlength: 5_000, default: '' },
    activities: { type: [activitySchema], default: [] },
    targetGroup: { type: String, trim: true, maxlength: 1000, default: '' },
    beneficiaries: { type: Number, min: 0, max: 10_000_000, default: 0 },
    area: { type: areaSchema, default: {} },
    budgetLines: { type: [budgetLineSchema], default: [] },
    requestedSatang: { type: Number, min: 0, default: 0, validate: Number.isSafeInteger },
    coFunding: { type: [coFundingSchema], default: [] },
    results: { type: [resultSchema], default: [] },
    attachments: { type: [attachmentSchema], default: [] },
    history: { type: [historySchema], default: [] },
    submittedAt: { type: Date },
    /** The latest "more information" request, shown to the applicant until they resubmit. */
    infoRequest: { type: String, trim: true, maxlength: 5000, default: '' },
    decision: {
      outcome: { type: String, enum: [...DECISION_OUTCOMES, null], default: null },
      notes: { type: String, trim: true, maxlength: 10_000, default: '' },
      letter: { type: String, trim: true, maxlength: 10_000, default: '' },
      at: { type: Date },
      byUserId: { type: Schema.Types.ObjectId, ref: 'User' },
    },
  },
  { timestamps: true },
);
applicationSchema.index({ callId: 1, orgId: 1 }, { unique: true });

/** The change-marker name of this collection: list pages keep it in memory (grants.snapshots.ts). */
export const APPLICATIONS_CHANGED = 'applications';
markChangesOf(applicationSchema, APPLICATIONS_CHANGED);
export const Application = mongoose.model('Application', applicationSchema);
export type ApplicationDoc = InstanceType<typeof Application>;

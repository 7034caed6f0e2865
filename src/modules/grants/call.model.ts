/**
 * A grant call (a call for proposals) of one fund: who may apply, how much there is, when it is
 * open (Asia/Bangkok times stored as instants), one stage or two, the rubric the committee scores
 * with, and the committee.
 */
import mongoose, { Schema } from 'mongoose';
import { markChangesOf } from '../../shared/db/change-marker.js';
import { ISSUES, ORG_ROLES, ORG_TYPES } from '../directory/index.js';
import { CALL_STATUSES } from './call.status.js';

const text = (max: number, required = false) => ({
  th: { type: String, trim: true, maxlength: max, ...(required ? { required: true } : { default: '' }) },
  en: { type: String, trim: true, maxlength: max, default: '' },
});

const criterionSchema = new Schema(
  {
    key: { type: String, required: true, match: /^[a-z0-9_]{1,40}$/ },
    name: text(200, true),
    description: text(2000),
    weight: { type: Number, required: true, min: 1, max: 100, validate: Number.isInteger },
  },
  { _id: false },
);

const descriptorSchema = new Schema(
  { score: { type: Number, required: true }, label: text(300, true) },
  { _id: false },
);

const callSchema = new Schema(
  {
    fundId: { type: Schema.Types.ObjectId, ref: 'Fund', required: true, index: true },
    title: text(200, true),
    description: text(10_000),
    eligibility: {
      orgTypes: { type: [{ type: String, enum: ORG_TYPES }], default: [] },
      roles: { type: [{ type: String, enum: ORG_ROLES }], default: [] },
      provinces: { type: [{ type: String, match: /^\d{2}$/ }], default: [] },
      issues: { type: [{ type: String, enum: ISSUES }], default: [] },
    },
    budgetSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    maxPerGrantSatang: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    stages: { type: Number, enum: [1, 2], default: 1 },
    /** Two-stage calls: when invited full proposals are due (the concept notes close at `closesAt`). */
    fullProposalClosesAt: { type: Date },
    rubric: {
      criteria: { type: [criterionSchema], default: [] },
      scale: {
        min: { type: Number, default: 1 },
        max: { type: Number, default: 5 },
        descriptors: { type: [descriptorSchema], default: [] },
      },
    },
    committeeUserIds: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: [] },
    reviewsPerApplication: { type: Number, min: 1, max: 10, default: 3 },
    reviewDueAt: { type: Date },
    blindReview: { type: Boolean, default: false },
    /**
     * `draft` until staff publish; then the agenda job keeps it `scheduled` / `open` / `closed`
     * from the times (call.status.ts). Deadlines are enforced from `closesAt` itself, never from this field.
     */
    status: { type: String, enum: CALL_STATUSES, default: 'draft', index: true },
    /** Tranche split of awards in this call, in percent (e.g. 60/40). */
    tranchePercents: { type: [Number], default: [60, 40] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

/** The change-marker name of this collection: list pages keep it in memory (grants.snapshots.ts). */
export const CALLS_CHANGED = 'calls';
markChangesOf(callSchema, CALLS_CHANGED);
export const GrantCall = mongoose.model('GrantCall', callSchema);
export type GrantCallDoc = InstanceType<typeof GrantCall>;

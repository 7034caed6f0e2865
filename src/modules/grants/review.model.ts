/**
 * A reviewer's assignment to one application, and the review they write on it. The pair is
 * unique, so assigning twice (two staff, a double click, auto-assign after a manual one) makes
 * one assignment. A conflict — declared by the reviewer or detected from the social map — closes
 * the application to them.
 */
import mongoose, { Schema } from 'mongoose';
import { markChangesOf } from '../../shared/db/change-marker.js';
import { RECOMMENDATIONS } from './review.scoring.js';

export const REVIEW_STATUSES = ['assigned', 'draft', 'submitted', 'conflicted'] as const;

const reviewSchema = new Schema(
  {
    callId: { type: Schema.Types.ObjectId, ref: 'GrantCall', required: true, index: true },
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application', required: true, index: true },
    reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    status: { type: String, enum: REVIEW_STATUSES, default: 'assigned' },
    /** The reviewer's answer before opening the application: null until asked. */
    declaredConflict: { type: Boolean, default: null },
    conflictNote: { type: String, trim: true, maxlength: 2000, default: '' },
    /** Conflicts found in the social map when assigned (shown to staff). */
    detectedConflicts: { type: [String], default: [] },
    scores: { type: Map, of: Number, default: {} },
    recommendation: { type: String, enum: [...RECOMMENDATIONS, null], default: null },
    commentForStaff: { type: String, trim: true, maxlength: 10_000, default: '' },
    commentForApplicant: { type: String, trim: true, maxlength: 10_000, default: '' },
    submittedAt: { type: Date },
    assignedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    remindedAt: { type: Date },
    /**
     * Set when the social map links the reviewer to the applicant after assignment (checked
     * whenever they open, save or submit, and by the decision view): the reviewer is shut out
     * and the scores are left out of the ranking until staff clear it. Status stays as it was,
     * so clearing puts the review back exactly where it stood.
     */
    conflictFlag: {
      type: new Schema(
        { reasons: { type: [String], default: [] }, flaggedAt: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    /** Staff decisions that a detected link is no conflict, newest last (append only). */
    conflictClearances: {
      type: [
        new Schema(
          {
            reasons: { type: [String], default: [] },
            /** The exact links judged no conflict ("shared_network:<networkId>", …); a new link flags again. */
            links: { type: [String], default: [] },
            clearedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            clearedAt: { type: Date, required: true },
            note: { type: String, trim: true, maxlength: 2000, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
reviewSchema.index({ applicationId: 1, reviewerId: 1 }, { unique: true });

/** The change-marker name of this collection: list pages keep it in memory (grants.snapshots.ts). */
export const REVIEWS_CHANGED = 'reviews';
markChangesOf(reviewSchema, REVIEWS_CHANGED);
export const Review = mongoose.model('Review', reviewSchema);
export type ReviewDoc = InstanceType<typeof Review>;

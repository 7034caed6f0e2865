/**
 * Who put an organisation into a network, or took it out, and when: one row per change, only
 * ever inserted. Organisations declare their own networks, and a network link is what makes a
 * reviewer conflicted (grants/review.conflicts.ts), so staff must be able to see a
 * leave-then-rejoin around an assignment.
 */
import mongoose, { Schema } from 'mongoose';

export const MEMBERSHIP_CHANGES = ['joined', 'left'] as const;
export type MembershipChange = (typeof MEMBERSHIP_CHANGES)[number];

const networkMembershipChangeSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    networkId: { type: Schema.Types.ObjectId, ref: 'Network', required: true, index: true },
    change: { type: String, enum: MEMBERSHIP_CHANGES, required: true },
    /** The person who saved the organisation (a member or staff). */
    actorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const NetworkMembershipChange = mongoose.model('NetworkMembershipChange', networkMembershipChangeSchema);

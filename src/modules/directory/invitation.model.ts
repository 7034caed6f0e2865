/**
 * An invitation to join an organisation, sent by email. The token is kept only as its hash (the
 * _id), so the database never holds a usable link.
 */
import mongoose, { Schema } from 'mongoose';

const invitationSchema = new Schema(
  {
    /** sha256 of the emailed token. */
    _id: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    invitedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: Date,
    acceptedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, versionKey: false },
);

export const Invitation = mongoose.model('Invitation', invitationSchema);

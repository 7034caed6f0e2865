/**
 * Email-verification tokens. As with password resets, only a SHA-256 of the emailed token is
 * stored, so the database never holds a usable link; a token is consumed by deleting its document.
 * The address it was sent to is kept: the link verifies that address, not whatever the account
 * says later.
 */
import mongoose, { Schema } from 'mongoose';

const emailVerificationSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export const EmailVerification = mongoose.model('EmailVerification', emailVerificationSchema);

/**
 * Password-reset tokens. Only a SHA-256 of the token is stored, so a leaked database cannot
 * reset anyone's password; a token is consumed by deleting its document (single use).
 */
import mongoose, { Schema } from 'mongoose';

const passwordResetSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export const PasswordReset = mongoose.model('PasswordReset', passwordResetSchema);

/** People with an account. Email is the login and is unique (lower-cased before saving). */
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { ROLES } from '../../shared/actor.js';
import { LOCALES } from '../../shared/i18n/index.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    passwordHash: { type: String, required: true },
    /** Sessions made before this moment are void: a password change logs out every other device. */
    passwordChangedAt: { type: Date, required: true, default: () => new Date() },
    roles: { type: [{ type: String, enum: ROLES }], default: ['donor'] },
    preferredLanguage: { type: String, enum: LOCALES, default: 'th' },
    lastLoginAt: { type: Date, default: null },
    /**
     * When the person followed the emailed verification link (null: not yet). Accounts made before
     * verification existed have none either: they log in as before, but must verify before an
     * address-gated action (accepting an invitation, applying for a grant, linking earlier gifts).
     */
    emailVerifiedAt: { type: Date, default: null },
  },
  {
    timestamps: true,
    toJSON: {
      transform: (_doc, ret: Record<string, unknown>) => {
        delete ret.passwordHash;
        return ret;
      },
    },
  },
);
userSchema.index({ createdAt: -1 });

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDocument = HydratedDocument<UserRecord>;
export const User = mongoose.model('User', userSchema);

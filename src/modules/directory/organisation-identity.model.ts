/**
 * Changes to an organisation's identity fields (see organisation.identity.ts), one document per
 * edit: who, when, each field's old and new value, and whether it cleared the verified mark.
 * Append-only, read by staff on the organisation's page before they verify it again.
 */
import mongoose, { Schema } from 'mongoose';
import { IDENTITY_FIELDS } from './organisation.identity.js';

const changeSchema = new Schema(
  {
    field: { type: String, enum: IDENTITY_FIELDS, required: true },
    before: { type: String, default: '' },
    after: { type: String, default: '' },
  },
  { _id: false },
);

const identityChangeSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    actorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The name at the time, so the record reads the same after the person renames themselves. */
    actorName: { type: String, default: '' },
    /** Whether the editor was staff (whose edits keep the mark). */
    byStaff: { type: Boolean, default: false },
    at: { type: Date, required: true },
    changes: { type: [changeSchema], default: [] },
    clearedVerification: { type: Boolean, default: false },
  },
  { versionKey: false },
);

export const OrganisationIdentityChange = mongoose.model('OrganisationIdentityChange', identityChangeSchema);

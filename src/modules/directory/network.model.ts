/** A network (เครือข่าย): a coordinator organisation, member organisations and individual members. */
import mongoose, { Schema } from 'mongoose';
import { ISSUES } from './vocabulary.js';

const networkSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9-]{2,80}$/ },
    name: {
      th: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    coordinatorOrgId: { type: Schema.Types.ObjectId, ref: 'Organisation' },
    issues: { type: [{ type: String, enum: ISSUES }], default: [] },
    provinceCode: { type: String, match: /^\d{2}$/ },
    /** Individual members across its organisations, as the network reports it. */
    individualMembers: { type: Number, min: 0, default: 0 },
    sample: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export const Network = mongoose.model('Network', networkSchema);

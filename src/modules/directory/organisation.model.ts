/**
 * An organisation on the social map (ฐานข้อมูลผู้ให้และผู้รับ): who it is, what it works on, where,
 * for whom, what it offers and what it needs. Private contacts are for its members and staff only.
 */
import { markChangesOf } from '../../shared/db/change-marker.js';
import mongoose, { Schema } from 'mongoose';
import { BUDGET_BANDS, ISSUES, ORG_ROLES, ORG_TYPES, RESOURCE_KINDS, TARGET_GROUPS } from './vocabulary.js';

const areaSchema = new Schema(
  {
    provinceCode: { type: String, required: true, match: /^\d{2}$/ },
    districtCode: { type: String, match: /^\d{4}$/ },
    subDistrictCode: { type: String, match: /^\d{6}$/ },
  },
  { _id: false },
);

const resourceSchema = new Schema(
  {
    kind: { type: String, enum: RESOURCE_KINDS, required: true },
    /** Money in satang (offers: how much it can give; needs: how much it seeks). */
    amountSatang: { type: Number, min: 0, validate: Number.isSafeInteger },
    /** People, days, seats: how much of it. */
    capacity: { type: Number, min: 0, max: 1_000_000 },
    note: { type: String, trim: true, maxlength: 300 },
  },
  { _id: false },
);

const contactSchema = new Schema(
  {
    person: { type: String, trim: true, maxlength: 200 },
    phone: { type: String, trim: true, maxlength: 50 },
    email: { type: String, trim: true, lowercase: true, maxlength: 254 },
    website: { type: String, trim: true, maxlength: 300 },
    address: { type: String, trim: true, maxlength: 500 },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    name: {
      th: { type: String, required: true, trim: true, maxlength: 200 },
      en: { type: String, trim: true, maxlength: 200, default: '' },
    },
    /** Thai name squeezed and lower-cased, with the province: how duplicates are noticed. */
    nameKey: { type: String, required: true, index: true },
    type: { type: String, enum: ORG_TYPES, required: true },
    roles: { type: [{ type: String, enum: ORG_ROLES }], required: true },
    issues: { type: [{ type: String, enum: ISSUES }], default: [] },
    targetGroups: { type: [{ type: String, enum: TARGET_GROUPS }], default: [] },
    description: { type: String, trim: true, maxlength: 3000, default: '' },
    home: { type: areaSchema, required: true },
    areasServed: { type: [areaSchema], default: [] },
    offers: { type: [resourceSchema], default: [] },
    needs: { type: [resourceSchema], default: [] },
    members: { type: Number, min: 0, max: 10_000_000, default: 0 },
    budgetBand: { type: String, enum: [...BUDGET_BANDS, null], default: null },
    registration: {
      number: { type: String, trim: true, maxlength: 100 },
      registeredWith: { type: String, trim: true, maxlength: 200 },
    },
    publicContact: { type: contactSchema, default: {} },
    privateContact: { type: contactSchema, default: {} },
    networkIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Network' }], default: [] },
    verified: { type: Boolean, default: false },
    verifiedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** Whether it appears in other organisations' suggestions. */
    matchingOptIn: { type: Boolean, default: true },
    /** People who may edit it (its applicants for grants). */
    memberUserIds: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
    /** Grants received so far (kept by the grants module): groups never funded get a boost in matching. */
    grantsReceived: { type: Number, default: 0 },
    /** Generated sample data (e.g. the Surin networks' member organisations), shown as such. */
    sample: { type: Boolean, default: false },
    keywords: { type: [String], default: [] },
  },
  { timestamps: true },
);

/** The change-marker name of the organisations collection. */
export const ORGANISATIONS_CHANGED = 'organisations';

// Every write tells all app processes to refresh their in-memory social map (see change-marker.ts).
markChangesOf(organisationSchema, ORGANISATIONS_CHANGED);

export const Organisation = mongoose.model('Organisation', organisationSchema);
export type OrganisationFields = mongoose.InferSchemaType<typeof organisationSchema> & {
  _id: unknown;
  updatedAt?: Date;
};

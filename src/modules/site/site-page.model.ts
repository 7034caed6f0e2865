/**
 * Staff-edited content pages (about, contact, privacy, tax deduction) and the foundation's own
 * details (registration number, address, phone, email, office hours), kept as append-only
 * revisions: every save inserts version n+1, so history says who changed what and when, and
 * the unique (key, version) index makes two staff saving the same page at once a clean conflict
 * (FerretDB has no transactions; an insert guarded by a unique index is what is reliable).
 * The current content of a key is its highest version.
 */
import mongoose, { Schema } from 'mongoose';

const bilingual = (max: number) => ({
  th: { type: String, trim: true, maxlength: max, default: '' },
  en: { type: String, trim: true, maxlength: max, default: '' },
});

const sitePageRevisionSchema = new Schema(
  {
    /** The page's slug ('about', 'contact', 'privacy', 'tax-deduction'). */
    slug: { type: String, required: true, index: true },
    version: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    title: bilingual(200),
    /** Plain text: paragraphs, lists and "## " headings, rendered escaped (shared/text-blocks.ts). */
    body: bilingual(20_000),
    /** Null for the default content seeded at installation. */
    editedById: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    editedByName: { type: String, default: '' },
    editedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
sitePageRevisionSchema.index({ slug: 1, version: 1 }, { unique: true });

export const SitePageRevision = mongoose.model('SitePageRevision', sitePageRevisionSchema);

const foundationDetailsRevisionSchema = new Schema(
  {
    /** Always 'details': one record, versioned like the pages. */
    key: { type: String, required: true, default: 'details' },
    version: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    /** The registrar's number for the foundation (ทะเบียนมูลนิธิ), as printed on its certificate. */
    registrationNumber: { type: String, trim: true, maxlength: 60, default: '' },
    address: bilingual(500),
    phone: { type: String, trim: true, maxlength: 60, default: '' },
    email: { type: String, trim: true, maxlength: 254, default: '' },
    officeHours: bilingual(200),
    editedById: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    editedByName: { type: String, default: '' },
    editedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
foundationDetailsRevisionSchema.index({ key: 1, version: 1 }, { unique: true });

export const FoundationDetailsRevision = mongoose.model('FoundationDetailsRevision', foundationDetailsRevisionSchema);

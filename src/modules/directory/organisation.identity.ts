/**
 * Which fields of an organisation say who it is: the ones staff checked when they verified it.
 * Changing any of them (by anyone but staff) clears the verified mark until staff check again,
 * since a verified name or account is what donors and partners trust (issue 12, security 7).
 * Pure: compares two organisations' identity and lists what changed.
 */

/** Dotted paths into the organisation document, in the order staff read them. */
export const IDENTITY_FIELDS = [
  'name.th',
  'name.en',
  'registration.number',
  'registration.registeredWith',
  // The public text a false "donation account" or claim of being the foundation would sit in.
  'description',
  'publicContact.person',
  'publicContact.phone',
  'publicContact.email',
  'publicContact.website',
  'publicContact.address',
  'privateContact.person',
  'privateContact.phone',
  'privateContact.email',
  'privateContact.website',
  'privateContact.address',
] as const;

export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export interface IdentityChange {
  field: IdentityField;
  before: string;
  after: string;
}

function valueAt(doc: unknown, path: string): string {
  let value: unknown = doc;
  for (const key of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

/** The identity fields as plain strings ('' when empty), read from a document or plain object. */
export function identityOf(doc: unknown): Record<IdentityField, string> {
  return Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, valueAt(doc, f)])) as Record<IdentityField, string>;
}

/** What changed between two identities; nothing for an edit of other fields or the same values again. */
export function identityChanges(
  before: Record<IdentityField, string>,
  after: Record<IdentityField, string>,
): IdentityChange[] {
  return IDENTITY_FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/**
 * Organisations: the in-memory social map every directory page and match reads (kept by
 * social-map.store.ts), and the writes — create, edit, verify — with their permissions: members
 * and staff edit, staff verify.
 */
import mongoose from 'mongoose';
import { Organisation } from './organisation.model.js';
import { Network } from './network.model.js';
import { keywordsOf } from './keywords.js';
import { recordNetworkChanges } from './network-history.service.js';
import { geography, isConsistentArea } from './geography.js';
import type { AreaCodes, OrgCard, Resource } from './social-map.js';
import type { BudgetBand, Issue, OrgRole, OrgType, TargetGroup } from './vocabulary.js';
import { toCard, type LeanOrg } from './org-card.js';
import { socialMapCards } from './social-map.store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { hasRole, isMember, type Actor } from '../../shared/actor.js';
import { logger } from '../../shared/logger.js';
import { identityChanges, identityOf } from './organisation.identity.js';
import { identityEditsOf, recordIdentityEdit, type IdentityEditView } from './organisation-identity.service.js';

const log = logger.child({ module: 'organisations' });

type OrgDoc = InstanceType<typeof Organisation>;

// The bench and the grants seeds build cards the same way.
export { toCard };

/**
 * Every organisation as a public card, from memory (social-map.store.ts). The array is replaced,
 * never changed, on a reload or patch, so work derived from it can be kept per array.
 */
export function socialMap(): Promise<OrgCard[]> {
  return socialMapCards();
}

export function nameKey(nameTh: string, provinceCode: string): string {
  return `${provinceCode}:${nameTh
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.,\-–()"'“”]/g, '')}`;
}

export interface OrganisationInput {
  nameTh: string;
  nameEn: string;
  type: OrgType;
  roles: OrgRole[];
  issues: Issue[];
  targetGroups: TargetGroup[];
  description: string;
  home: AreaCodes;
  areasServed: AreaCodes[];
  offers: Resource[];
  needs: Resource[];
  members: number;
  budgetBand: BudgetBand | null;
  registrationNumber: string;
  registeredWith: string;
  publicContact: Record<string, string>;
  privateContact: Record<string, string>;
  /** Networks it belongs to. */
  networkIds: string[];
  matchingOptIn: boolean;
  /** The person saw the "same name in this province" warning and goes on. */
  confirmDuplicate: boolean;
}

async function checkAreas(input: OrganisationInput): Promise<void> {
  if (input.networkIds.length > 0) {
    const known = await Network.countDocuments({ _id: { $in: input.networkIds } });
    if (known !== new Set(input.networkIds).size)
      throw new ValidationError({ networkIds: { key: 'validation.choice' } });
  }
  const geo = await geography();
  if (!isConsistentArea(geo, input.home))
    throw new ValidationError({ home: { key: 'directory.badArea' } }, 'directory.badArea');
  input.areasServed.forEach((a, i) => {
    if (!isConsistentArea(geo, a))
      throw new ValidationError({ [`areasServed.${i}`]: { key: 'directory.badArea' } }, 'directory.badArea');
  });
}

function fields(input: OrganisationInput) {
  return {
    name: { th: input.nameTh, en: input.nameEn },
    nameKey: nameKey(input.nameTh, input.home.provinceCode),
    type: input.type,
    roles: input.roles,
    issues: input.issues,
    targetGroups: input.targetGroups,
    description: input.description,
    home: input.home,
    areasServed: input.areasServed,
    offers: input.offers,
    needs: input.needs,
    members: input.members,
    budgetBand: input.budgetBand,
    registration: { number: input.registrationNumber, registeredWith: input.registeredWith },
    publicContact: input.publicContact,
    privateContact: input.privateContact,
    matchingOptIn: input.matchingOptIn,
    networkIds: [...new Set(input.networkIds)],
    keywords: keywordsOf(input.nameTh, input.nameEn, input.description),
  };
}

async function warnIfDuplicate(input: OrganisationInput, exceptId?: string): Promise<void> {
  if (input.confirmDuplicate) return;
  const key = nameKey(input.nameTh, input.home.provinceCode);
  const same = (await socialMap()).find((c) => c.id !== exceptId && nameKey(c.name.th, c.home.provinceCode) === key);
  if (same) {
    throw new ConflictError('directory.duplicateName', {
      nameTh: { key: 'directory.duplicateName' },
      confirmDuplicate: { key: 'directory.confirmDuplicateHint' },
    });
  }
}

export async function createOrganisation(actor: Actor, input: OrganisationInput): Promise<string> {
  if (!actor) throw new ForbiddenError();
  await checkAreas(input);
  await warnIfDuplicate(input);
  const doc = await Organisation.create({
    ...fields(input),
    createdBy: new mongoose.Types.ObjectId(actor.id),
    memberUserIds: [new mongoose.Types.ObjectId(actor.id)],
  });
  await recordNetworkChanges(doc._id.toString(), [], input.networkIds, actor.id);
  log.info({ orgId: doc._id.toString(), actorId: actor.id }, 'organisation created');
  return doc._id.toString();
}

async function loadOrg(id: string): Promise<OrgDoc> {
  const doc = mongoose.isValidObjectId(id) ? await Organisation.findById(id) : null;
  if (!doc) throw new NotFoundError('directory.notFound');
  return doc;
}

export function canEdit(actor: Actor, doc: { memberUserIds?: unknown[] | null }): boolean {
  return hasRole(actor, 'staff', 'admin') || isMember(actor, doc.memberUserIds);
}

/**
 * Saves an edit. A change to a name, registration or contact (organisation.identity.ts) is
 * recorded for staff and, unless staff made it, clears the verified mark, and with it every right
 * that reads `verified` (recording surveys): staff check the new identity before verifying again.
 * Staff's own edits keep the mark: they are the ones who verify, and the record shows what they did.
 */
export async function updateOrganisation(
  actor: Actor,
  id: string,
  input: OrganisationInput,
): Promise<{ verificationCleared: boolean }> {
  const doc = await loadOrg(id);
  if (!canEdit(actor, doc)) throw new ForbiddenError();
  await checkAreas(input);
  await warnIfDuplicate(input, id);
  const networksBefore = (doc.networkIds ?? []).map(String);
  const identityBefore = identityOf(doc.toObject());
  doc.set(fields(input));
  // Read back after mongoose's casting (trimmed, lower-cased emails): only real changes count.
  const changes = identityChanges(identityBefore, identityOf(doc.toObject()));
  const byStaff = hasRole(actor, 'staff', 'admin');
  const verificationCleared = changes.length > 0 && doc.verified === true && !byStaff;
  if (verificationCleared) {
    doc.verified = false;
    doc.verifiedBy = undefined;
  }
  await doc.save();
  const actorId = (actor as { id: string }).id;
  await recordIdentityEdit({
    orgId: id,
    actor: { id: actorId, name: actor?.name, byStaff },
    changes,
    clearedVerification: verificationCleared,
  });
  // Network links decide reviewers' conflicts of interest: who changed them, and when, is kept.
  await recordNetworkChanges(id, networksBefore, (doc.networkIds ?? []).map(String), actorId);
  return { verificationCleared };
}

export async function setVerified(actor: Actor, id: string, verified: boolean): Promise<void> {
  if (!hasRole(actor, 'staff', 'admin')) throw new ForbiddenError();
  const doc = await loadOrg(id);
  doc.verified = verified;
  doc.verifiedBy = verified && actor ? new mongoose.Types.ObjectId(actor.id) : undefined;
  await doc.save();
}

export interface OrganisationDetail extends OrgCard {
  registration: { number: string; registeredWith: string };
  publicContact: Record<string, string>;
  /** Only for its members and staff; null for everyone else. */
  privateContact: Record<string, string> | null;
  canEdit: boolean;
  /** Edits of its name, registration and contacts, newest first: staff only (null for everyone else). */
  identityEdits: IdentityEditView[] | null;
}

const contact = (c: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<
    string,
    string
  >;

export async function getOrganisation(actor: Actor, id: string): Promise<OrganisationDetail> {
  const doc = await loadOrg(id);
  const editable = canEdit(actor, doc);
  const plain = doc.toObject() as unknown as LeanOrg;
  return {
    ...toCard(plain),
    registration: {
      number: plain.registration?.number ?? '',
      registeredWith: plain.registration?.registeredWith ?? '',
    },
    publicContact: contact(plain.publicContact as Record<string, unknown>),
    privateContact: editable ? contact(plain.privateContact as Record<string, unknown>) : null,
    canEdit: editable,
    identityEdits: await identityEditsOf(actor, id),
  };
}

/** The form's values for editing (members and staff only). */
export async function getOrganisationForEdit(actor: Actor, id: string): Promise<OrganisationDetail> {
  const detail = await getOrganisation(actor, id);
  if (!detail.canEdit) throw new ForbiddenError();
  return detail;
}

/** Organisations the person is a member of. */
export async function myOrganisations(actor: { id: string }): Promise<OrgCard[]> {
  const docs = await Organisation.find(
    { memberUserIds: new mongoose.Types.ObjectId(actor.id) },
    { privateContact: 0 },
  ).lean();
  return docs.map((d) => toCard(d as unknown as LeanOrg));
}

/**
 * Nominations: a signed-in person nominates someone to an open round (never themself, once per
 * person per round, with a family contact when posthumous); they follow it and may withdraw it.
 * Staff screen, record consent and decide through the workflow declared in honours.rules. The
 * nomination itself is read only by its nominator, staff and the round's committee.
 */
import mongoose from 'mongoose';
import { HonourRound } from './honour-round.model.js';
import { loadRound, roundViewOf, type RoundView } from './honour-rounds.service.js';
import { Nomination, nomineeOf, type NominationDoc } from './nomination.model.js';
import {
  consentFrom,
  nominatesSelf,
  nominationWorkflow,
  nominatorStatusOf,
  personKey,
  takesNominations,
  type NominationAction,
  type NominationRole,
  type NominationState,
  type NominatorStatus,
} from './honours.rules.js';
import { contactsByIds, peopleByIds } from '../accounts/index.js';
import { assertRole, hasRole, type Actor } from '../../shared/actor.js';
import { deleteStoredFile, readStoredFile, type StoredFile } from '../../shared/files.js';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { assertTransition, availableActions } from '../../shared/workflow.js';
import { withLock } from '../../shared/db/lock.js';
import { queueMail } from '../../shared/mail/mailer.js';
import { localized } from '../../shared/i18n/index.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'honours' });
type Bilingual = { th: string; en: string };

export interface NominationInput {
  roundId: string;
  category: string;
  nomineeName: string;
  living: boolean;
  role: string;
  provinceCode: string;
  districtCode: string;
  contact: string;
  achievements: string;
  evidenceLinks: string[];
  relation: string;
  familyName: string;
  familyPhone: string;
  familyRelation: string;
}

const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/** Nominates a person; attachments were stored by the upload step and are kept only if this succeeds. */
export async function nominate(
  actor: Actor,
  input: NominationInput,
  attachments: StoredFile[],
  options: { baseUrl: string },
): Promise<string> {
  if (!actor) throw new UnauthorizedError();
  const round = await loadRound(input.roundId);
  if (takesNominations(round, new Date()) !== 'open') throw new ConflictError('honours.roundNotOpen');
  const fields: Record<string, { key: string }> = {};
  if (!round.categories.some((c) => c.key === input.category)) fields.category = { key: 'validation.choice' };
  const [me] = await contactsByIds([actor.id]);
  if (me && nominatesSelf(me, { name: input.nomineeName, contact: input.contact }))
    fields.nomineeName = { key: 'honours.notYourself' };
  if (!input.living && !(input.familyName && input.familyPhone))
    fields.familyName = { key: 'honours.familyContactNeeded' };
  if (input.living && !input.contact) fields.contact = { key: 'honours.contactNeeded' };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  try {
    const doc = await Nomination.create({
      roundId: round._id,
      category: input.category,
      nominee: {
        name: input.nomineeName,
        living: input.living,
        role: input.role,
        provinceCode: input.provinceCode,
        districtCode: input.districtCode || undefined,
        contact: input.contact,
      },
      nomineeKey: personKey(input.nomineeName),
      achievements: input.achievements,
      evidenceLinks: input.evidenceLinks,
      attachments: attachments.map((f) => ({ fileId: f.fileId, filename: f.filename, contentType: f.contentType })),
      nominatorId: actor.id,
      nominatorRelation: input.relation,
      familyContact: input.living
        ? undefined
        : { name: input.familyName, phone: input.familyPhone, relation: input.familyRelation },
      history: [{ action: undefined, to: 'submitted', by: actor.id, at: new Date() }],
    });
    if (me) {
      await queueMail({
        to: me.email,
        locale: me.locale,
        template: 'nominationReceived',
        params: {
          name: me.name,
          nominee: input.nomineeName,
          round: localized({ th: round.title?.th ?? '', en: round.title?.en ?? '' }, me.locale),
          url: `${options.baseUrl}/honours/nominate`,
        },
        idempotencyKey: `nomination-received:${String(doc._id)}`,
      });
    }
    log.info({ nominationId: String(doc._id), roundId: input.roundId }, 'nomination received');
    return String(doc._id);
  } catch (error) {
    if (isDuplicate(error))
      throw new ConflictError('honours.alreadyNominated', { nomineeName: { key: 'honours.alreadyNominated' } });
    throw error;
  }
}

export interface MyNomination {
  id: string;
  nomineeName: string;
  round: Bilingual;
  year: number;
  category: Bilingual;
  status: NominatorStatus;
  mayWithdraw: boolean;
  createdAt: Date;
}

export async function myNominations(actor: Actor): Promise<MyNomination[]> {
  if (!actor) return [];
  const docs = await Nomination.find({ nominatorId: actor.id }).sort({ createdAt: -1 }).limit(100).lean();
  const rounds = await HonourRound.find({ _id: { $in: [...new Set(docs.map((d) => String(d.roundId)))] } });
  const byId = new Map(rounds.map((r) => [String(r._id), roundViewOf(r)]));
  return docs.flatMap((d) => {
    const round = byId.get(String(d.roundId));
    if (!round) return [];
    const state = d.state as NominationState;
    return [
      {
        id: String(d._id),
        nomineeName: nomineeOf(d).name,
        round: round.title,
        year: round.year,
        category: round.categories.find((c) => c.key === d.category)?.name ?? { th: d.category, en: d.category },
        status: nominatorStatusOf(state, round.status === 'announced'),
        mayWithdraw:
          round.status !== 'announced' && availableActions(nominationWorkflow, state, ['nominator']).length > 0,
        createdAt: d.createdAt as Date,
      },
    ];
  });
}

async function loadNomination(id: string): Promise<NominationDoc> {
  const doc = mongoose.isValidObjectId(id) ? await Nomination.findById(id) : null;
  if (!doc) throw new NotFoundError();
  return doc;
}

/** Who this person is to the nomination; strangers get "not found", as if it did not exist. */
async function rolesOn(actor: Actor, doc: NominationDoc): Promise<{ roles: NominationRole[]; committee: boolean }> {
  if (!actor) throw new NotFoundError();
  const roles: NominationRole[] = [];
  if (hasRole(actor, 'staff', 'admin')) roles.push('staff');
  if (String(doc.nominatorId) === actor.id) roles.push('nominator');
  const round = await HonourRound.findById(doc.roundId, { committeeUserIds: 1 }).lean();
  const committee = Boolean(round?.committeeUserIds.some((u) => String(u) === actor.id)) && hasRole(actor, 'reviewer');
  if (!roles.length && !committee) throw new NotFoundError();
  return { roles, committee };
}

export interface NominationView {
  id: string;
  round: RoundView;
  category: Bilingual;
  nominee: { name: string; living: boolean; role: string; provinceCode: string; districtCode: string; contact: string };
  achievements: string;
  evidenceLinks: string[];
  attachments: { index: number; filename: string }[];
  nominator: { id: string; name: string };
  relation: string;
  familyContact: { name: string; phone: string; relation: string } | undefined;
  consent: { recordedAt: Date; note: string } | undefined;
  consentFrom: 'nominee' | 'family';
  state: NominationState;
  screeningReason: string;
  rationale: string;
  citation: Bilingual;
  photoAlt: Bilingual;
  hasPhoto: boolean;
  history: { action: string; to: string; by: string; at: Date; comment: string }[];
  actions: NominationAction[];
}

/** The whole nomination, for staff and the committee (the committee does not see contact details). */
export async function getNomination(actor: Actor, id: string): Promise<NominationView> {
  const doc = await loadNomination(id);
  const { roles } = await rolesOn(actor, doc);
  const staff = roles.includes('staff');
  const round = roundViewOf(await loadRound(String(doc.roundId)));
  const people = await peopleByIds([
    doc.nominatorId,
    ...doc.history.map((h) => h.by).filter((b) => b !== undefined && b !== null),
  ]);
  const nameOf = (u: unknown) => people.find((p) => p.id === String(u))?.name ?? '';
  const state = doc.state as NominationState;
  const announced = round.status === 'announced';
  return {
    id: String(doc._id),
    round,
    category: round.categories.find((c) => c.key === doc.category)?.name ?? { th: doc.category, en: doc.category },
    nominee: {
      name: nomineeOf(doc).name,
      living: nomineeOf(doc).living,
      role: nomineeOf(doc).role ?? '',
      provinceCode: nomineeOf(doc).provinceCode,
      districtCode: nomineeOf(doc).districtCode ?? '',
      contact: staff ? (nomineeOf(doc).contact ?? '') : '',
    },
    achievements: doc.achievements,
    evidenceLinks: [...doc.evidenceLinks],
    attachments: doc.attachments.map((a, index) => ({ index, filename: a.filename ?? `file-${index + 1}` })),
    nominator: { id: String(doc.nominatorId), name: nameOf(doc.nominatorId) },
    relation: doc.nominatorRelation,
    familyContact:
      staff && doc.familyContact?.name
        ? {
            name: doc.familyContact.name,
            phone: doc.familyContact.phone ?? '',
            relation: doc.familyContact.relation ?? '',
          }
        : undefined,
    consent: doc.consent?.recordedAt ? { recordedAt: doc.consent.recordedAt, note: doc.consent.note ?? '' } : undefined,
    consentFrom: consentFrom(nomineeOf(doc).living),
    state,
    screeningReason: doc.screeningReason ?? '',
    rationale: staff ? (doc.rationale ?? '') : '',
    citation: { th: doc.citation?.th ?? '', en: doc.citation?.en ?? '' },
    photoAlt: { th: doc.photoAlt?.th ?? '', en: doc.photoAlt?.en ?? '' },
    hasPhoto: Boolean(doc.photo?.fileId),
    history: staff
      ? doc.history.map((h) => ({
          action: h.action ?? 'submit',
          to: h.to ?? '',
          by: nameOf(h.by),
          at: h.at,
          comment: h.comment ?? '',
        }))
      : [],
    actions: announced
      ? []
      : availableActions(
          nominationWorkflow,
          state,
          roles.filter((r) => r === 'staff'),
        ).map((t) => t.action),
  };
}

/** An attachment, for staff and the committee (and the nominator who sent it). */
export async function nominationAttachment(actor: Actor, id: string, index: number) {
  const doc = await loadNomination(id);
  await rolesOn(actor, doc);
  const file = doc.attachments[index];
  if (!file) throw new NotFoundError();
  return {
    filename: file.filename ?? 'evidence',
    contentType: file.contentType ?? 'application/pdf',
    content: await readStoredFile(String(file.fileId)),
  };
}

export async function recordConsent(actor: Actor, id: string, note: string): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadNomination(id);
  const round = await loadRound(String(doc.roundId));
  if (round.status === 'announced') throw new ConflictError('honours.roundAnnounced');
  await Nomination.updateOne(
    { _id: doc._id, 'consent.recordedAt': { $exists: false } },
    { $set: { consent: { recordedAt: new Date(), recordedBy: actor?.id, note } } },
  );
}

export interface ActionInput {
  action: string;
  comment: string;
  citation: Bilingual;
  photoAlt: Bilingual;
}

/** A staff or nominator action through the workflow; selecting also saves the citation and photo. */
export async function takeNominationAction(
  actor: Actor,
  id: string,
  input: ActionInput,
  photo?: StoredFile,
): Promise<NominationState> {
  // Under the nomination's lock against a fresh read: two staff deciding at once, one at a time.
  return withLock(`nomination:${id}`, async () => {
    const doc = await loadNomination(id);
    const { roles } = await rolesOn(actor, doc);
    const round = await loadRound(String(doc.roundId));
    if (round.status === 'announced') throw new ConflictError('honours.roundAnnounced');
    const from = doc.state as NominationState;
    const move = assertTransition(nominationWorkflow, from, input.action, roles);
    if (move.needsComment && !input.comment) throw new ValidationError({ comment: { key: 'honours.reasonNeeded' } });
    if (move.needsConsent) {
      if (!doc.consent?.recordedAt)
        throw new ConflictError(`honours.consentMissing.${consentFrom(nomineeOf(doc).living)}`);
      if (!input.citation.th) throw new ValidationError({ citationTh: { key: 'honours.citationNeeded' } });
      doc.citation = input.citation;
      doc.photoAlt = input.photoAlt;
      if (photo) {
        const old = doc.photo?.fileId ? String(doc.photo.fileId) : undefined;
        doc.set('photo', { fileId: photo.fileId, filename: photo.filename, contentType: photo.contentType });
        if (old) await deleteStoredFile(old);
      }
    }
    if (move.action === 'screen_ineligible') doc.screeningReason = input.comment;
    if (move.action === 'select' || move.action === 'not_select') doc.rationale = input.comment;
    doc.state = move.to;
    doc.history.push({ action: move.action, from, to: move.to, by: actor?.id, at: new Date(), comment: input.comment });
    await doc.save();
    log.info({ nominationId: id, action: move.action, to: move.to }, 'nomination moved');
    return move.to;
  });
}

/** A round's nominations for staff: by state, then by date. */
export async function nominationsOfRound(actor: Actor, roundId: string) {
  assertRole(actor, 'staff', 'admin');
  const round = await loadRound(roundId);
  const docs = await Nomination.find({ roundId: round._id }).sort({ createdAt: 1 }).limit(1000).lean();
  return docs.map((d) => ({
    id: String(d._id),
    nomineeName: nomineeOf(d).name,
    living: nomineeOf(d).living,
    provinceCode: nomineeOf(d).provinceCode,
    category: d.category,
    state: d.state as NominationState,
    consent: Boolean(d.consent?.recordedAt),
    createdAt: d.createdAt as Date,
  }));
}

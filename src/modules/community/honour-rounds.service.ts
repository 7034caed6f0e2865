/**
 * Honours rounds, staff side: create and edit a round (categories, criteria, dates, committee),
 * publish it, and announce it. Announcing closes every nomination still undecided as not
 * selected, so the honour roll is exactly the selected ones, and refuses while a selected
 * honouree lacks consent or a citation. Roles are checked here.
 */
import mongoose from 'mongoose';
import { HonourRound, type HonourRoundDoc, type RoundStatus } from './honour-round.model.js';
import { HonourScore, Nomination } from './nomination.model.js';
import { assertTransition } from '../../shared/workflow.js';
import { nominationWorkflow, takesNominations } from './honours.rules.js';
import { contactsByIds, peopleByIds, reviewersByEmails } from '../accounts/index.js';
import { assertRole, type Actor } from '../../shared/actor.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'honours' });
type Bilingual = { th: string; en: string };

export interface RoundInput {
  year: number;
  title: Bilingual;
  description: Bilingual;
  partner: Bilingual;
  categories: { key: string; name: Bilingual }[];
  criteria: { name: Bilingual; weight: number }[];
  scaleMin: number;
  scaleMax: number;
  opensAt: Date;
  closesAt: Date;
  committeeEmails: string[];
}

export interface RoundView {
  id: string;
  year: number;
  title: Bilingual;
  description: Bilingual;
  partner: Bilingual;
  categories: { key: string; name: Bilingual }[];
  rubric: { criteria: { key: string; name: Bilingual; weight: number }[]; scale: { min: number; max: number } };
  opensAt: Date;
  closesAt: Date;
  status: RoundStatus;
  announcedAt: Date | undefined;
  committee: { id: string; name: string }[];
  committeeUserIds: string[];
  window: 'open' | 'not_yet' | 'closed';
}

const both = (v: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: v?.th ?? '',
  en: v?.en ?? '',
});

export function roundViewOf(doc: HonourRoundDoc, committee: { id: string; name: string }[] = []): RoundView {
  return {
    id: String(doc._id),
    year: doc.year,
    title: both(doc.title),
    description: both(doc.description),
    partner: both(doc.partner),
    categories: doc.categories.map((c) => ({ key: c.key, name: both(c.name) })),
    rubric: {
      criteria: (doc.rubric?.criteria ?? []).map((c) => ({ key: c.key, name: both(c.name), weight: c.weight })),
      scale: { min: doc.rubric?.scale?.min ?? 1, max: doc.rubric?.scale?.max ?? 5 },
    },
    opensAt: doc.opensAt,
    closesAt: doc.closesAt,
    status: doc.status as RoundStatus,
    announcedAt: doc.announcedAt ?? undefined,
    committee,
    committeeUserIds: doc.committeeUserIds.map(String),
    window: takesNominations(doc, new Date()),
  };
}

export async function loadRound(id: string): Promise<HonourRoundDoc> {
  const doc = mongoose.isValidObjectId(id) ? await HonourRound.findById(id) : null;
  if (!doc) throw new NotFoundError();
  return doc;
}

async function roundFields(input: RoundInput): Promise<Record<string, unknown>> {
  const fields: FieldErrors = {};
  if (input.closesAt.getTime() <= input.opensAt.getTime()) fields.closesAt = { key: 'grants.closesBeforeOpens' };
  if (input.scaleMax <= input.scaleMin) fields.scaleMax = { key: 'grants.scaleEmpty' };
  if (input.criteria.length === 0) fields.criteria = { key: 'grants.criteriaNeeded' };
  if (input.categories.length === 0) fields.categories = { key: 'honours.categoriesNeeded' };
  if (new Set(input.categories.map((c) => c.key)).size !== input.categories.length)
    fields.categories = { key: 'honours.categoriesDuplicate' };
  const committee = await reviewersByEmails(input.committeeEmails);
  const unknown = committee.unknown;
  if (unknown.length) fields.committee = { key: 'grants.committeeUnknown', params: { emails: unknown.join(', ') } };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return {
    year: input.year,
    title: input.title,
    description: input.description,
    partner: input.partner,
    categories: input.categories,
    rubric: {
      criteria: input.criteria.map((c, i) => ({ key: `c${i + 1}`, name: c.name, weight: c.weight })),
      scale: { min: input.scaleMin, max: input.scaleMax },
    },
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    committeeUserIds: committee.ids,
  };
}

export async function createRound(actor: Actor, input: RoundInput): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const doc = await HonourRound.create({ ...(await roundFields(input)), createdBy: actor?.id });
  log.info({ roundId: String(doc._id), actorId: actor?.id }, 'honours round created');
  return String(doc._id);
}

export async function updateRound(actor: Actor, id: string, input: RoundInput): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadRound(id);
  if (doc.status === 'announced') throw new ConflictError('honours.roundAnnounced');
  const fields = await roundFields(input);
  // Scores mean what the rubric said when they were given: once any exist, it stays.
  const rubricOf = (r: unknown) => JSON.stringify(r, ['criteria', 'key', 'weight', 'scale', 'min', 'max']);
  if (rubricOf(fields.rubric) !== rubricOf(doc.toObject().rubric) && (await HonourScore.exists({ roundId: doc._id })))
    throw new ValidationError({ criteria: { key: 'grants.rubricLocked' } });
  // A category with nominations in it cannot disappear from under them.
  const kept = new Set(input.categories.map((c) => c.key));
  const used: string[] = await Nomination.distinct('category', { roundId: doc._id });
  const orphaned = used.filter((k) => !kept.has(k));
  if (orphaned.length)
    throw new ValidationError({ categories: { key: 'honours.categoryInUse', params: { keys: orphaned.join(', ') } } });
  doc.set(fields);
  await doc.save();
}

export async function publishRound(actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  await HonourRound.updateOne({ _id: (await loadRound(id))._id, status: 'draft' }, { $set: { status: 'published' } });
}

/**
 * Announces a round: every selected honouree must have consent and a Thai citation; what is
 * still undecided is closed as not selected (through the workflow), then the roll goes public.
 */
export async function announceRound(actor: Actor, id: string): Promise<{ honoured: number }> {
  assertRole(actor, 'staff', 'admin');
  const round = await loadRound(id);
  if (round.status === 'announced')
    return { honoured: await Nomination.countDocuments({ roundId: round._id, state: 'selected' }) };
  if (round.status !== 'published') throw new ConflictError('honours.publishFirst');
  const selected = await Nomination.find({ roundId: round._id, state: 'selected' }, { consent: 1, citation: 1 }).lean();
  if (selected.length === 0) throw new ConflictError('honours.nobodySelected');
  if (selected.some((n) => !n.consent?.recordedAt || !n.citation?.th))
    throw new ConflictError('honours.selectedIncomplete');
  const open = await Nomination.find({ roundId: round._id, state: { $in: ['submitted', 'eligible', 'shortlisted'] } });
  for (const doc of open) {
    const move = assertTransition(nominationWorkflow, doc.state as never, 'close', ['system']);
    const from = doc.state;
    doc.state = move.to;
    doc.history.push({ action: 'close', from, to: move.to, by: actor?.id, at: new Date() });
    await doc.save();
  }
  await HonourRound.updateOne(
    { _id: round._id, status: 'published' },
    { $set: { status: 'announced', announcedAt: new Date() } },
  );
  log.info({ roundId: id, honoured: selected.length, closed: open.length }, 'honours round announced');
  return { honoured: selected.length };
}

export interface RoundSummary {
  id: string;
  year: number;
  title: Bilingual;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  nominations: number;
}

export async function listRoundsForStaff(actor: Actor): Promise<RoundSummary[]> {
  assertRole(actor, 'staff', 'admin');
  const rounds = await HonourRound.find({}).sort({ year: -1, createdAt: -1 }).limit(100);
  const counts = await Promise.all(rounds.map((r) => Nomination.countDocuments({ roundId: r._id })));
  return rounds.map((r, i) => ({
    id: String(r._id),
    year: r.year,
    title: both(r.title),
    status: r.status as RoundStatus,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    nominations: counts[i] ?? 0,
  }));
}

export async function getRoundForStaff(actor: Actor, id: string): Promise<RoundView> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadRound(id);
  return roundViewOf(doc, await peopleByIds(doc.committeeUserIds));
}

/** The rounds a person may nominate to now (published, between their dates). */
export async function roundsTakingNominations(now = new Date()): Promise<RoundView[]> {
  const docs = await HonourRound.find({ status: 'published' }).sort({ closesAt: 1 }).limit(20);
  return docs.map((d) => roundViewOf(d)).filter((r) => takesNominations(r, now) === 'open');
}

/** The committee members' emails, for the edit form. */
export async function committeeEmailsOf(actor: Actor, id: string): Promise<string[]> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadRound(id);
  return (await contactsByIds(doc.committeeUserIds)).map((c) => c.email);
}

/**
 * Grant calls: staff create, edit and publish them; anyone lists the open ones; an agenda job
 * keeps each published call's status in step with its times. Deadlines themselves are always
 * checked against `closesAt` (see grant.rules.ts), so a late job never lets a late proposal in.
 */
import mongoose from 'mongoose';
import { GrantCall, type GrantCallDoc } from './call.model.js';
import { CLOCK_MOVES_FROM, moveCall, statusByTimes, type CallStatus } from './call.status.js';
import { callPhase, daysLeft } from './grant.rules.js';
import { Review } from './review.model.js';
import { activeFundIdBySlug, fundNamesById } from '../funds/index.js';
import { reviewersByEmails } from '../accounts/index.js';
import { assertRole, hasRole, type Actor } from '../../shared/actor.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { LoadingCache } from '../../shared/cache.js';
import { logger } from '../../shared/logger.js';
import type { Bilingual } from '../funds/index.js';

const log = logger.child({ module: 'calls' });

export interface CriterionView {
  key: string;
  name: Bilingual;
  description: Bilingual;
  weight: number;
}

export interface CallView {
  id: string;
  fundId: string;
  fund: { slug: string; name: Bilingual } | null;
  title: Bilingual;
  description: Bilingual;
  eligibility: { orgTypes: string[]; roles: string[]; provinces: string[]; issues: string[] };
  budgetSatang: number;
  maxPerGrantSatang: number;
  opensAt: Date;
  closesAt: Date;
  stages: 1 | 2;
  fullProposalClosesAt: Date | null;
  rubric: {
    criteria: CriterionView[];
    scale: { min: number; max: number; descriptors: { score: number; label: Bilingual }[] };
  };
  committeeUserIds: string[];
  reviewsPerApplication: number;
  reviewDueAt: Date | null;
  blindReview: boolean;
  status: CallStatus;
  tranchePercents: number[];
  phase: 'upcoming' | 'open' | 'closed';
  daysLeft: number;
}

const bilingual = (v: { th?: string | null; en?: string | null } | null | undefined): Bilingual => ({
  th: v?.th ?? '',
  en: v?.en ?? '',
});

const fundNames = new LoadingCache<Map<string, { slug: string; name: Bilingual }>>(30_000);

async function fundsById(): Promise<Map<string, { slug: string; name: Bilingual }>> {
  return fundNames.get('all', fundNamesById);
}

export function toCallView(
  doc: GrantCallDoc,
  funds: Map<string, { slug: string; name: Bilingual }>,
  now = new Date(),
): CallView {
  return {
    id: doc._id.toString(),
    fundId: String(doc.fundId),
    fund: funds.get(String(doc.fundId)) ?? null,
    title: bilingual(doc.title),
    description: bilingual(doc.description),
    eligibility: {
      orgTypes: [...(doc.eligibility?.orgTypes ?? [])],
      roles: [...(doc.eligibility?.roles ?? [])],
      provinces: [...(doc.eligibility?.provinces ?? [])],
      issues: [...(doc.eligibility?.issues ?? [])],
    },
    budgetSatang: doc.budgetSatang,
    maxPerGrantSatang: doc.maxPerGrantSatang,
    opensAt: doc.opensAt,
    closesAt: doc.closesAt,
    stages: doc.stages === 2 ? 2 : 1,
    fullProposalClosesAt: doc.fullProposalClosesAt ?? null,
    rubric: {
      criteria: (doc.rubric?.criteria ?? []).map((c) => ({
        key: c.key,
        name: bilingual(c.name),
        description: bilingual(c.description),
        weight: c.weight,
      })),
      scale: {
        min: doc.rubric?.scale?.min ?? 1,
        max: doc.rubric?.scale?.max ?? 5,
        descriptors: (doc.rubric?.scale?.descriptors ?? []).map((d) => ({ score: d.score, label: bilingual(d.label) })),
      },
    },
    committeeUserIds: (doc.committeeUserIds ?? []).map(String),
    reviewsPerApplication: doc.reviewsPerApplication ?? 3,
    reviewDueAt: doc.reviewDueAt ?? null,
    blindReview: doc.blindReview === true,
    status: doc.status as CallStatus,
    tranchePercents: [...(doc.tranchePercents ?? [60, 40])],
    phase: callPhase(doc, now),
    daysLeft: daysLeft(doc.closesAt, now),
  };
}

export interface CallInput {
  fundSlug: string;
  titleTh: string;
  titleEn: string;
  descriptionTh: string;
  descriptionEn: string;
  orgTypes: string[];
  roles: string[];
  provinces: string[];
  issues: string[];
  budgetSatang: number;
  maxPerGrantSatang: number;
  opensAt: Date;
  closesAt: Date;
  stages: 1 | 2;
  fullProposalClosesAt: Date | undefined;
  criteria: {
    key: string;
    nameTh: string;
    nameEn: string;
    descriptionTh: string;
    descriptionEn: string;
    weight: number;
  }[];
  scaleMin: number;
  scaleMax: number;
  descriptors: { score: number; labelTh: string; labelEn: string }[];
  committeeEmails: string[];
  reviewsPerApplication: number;
  reviewDueAt: Date | undefined;
  blindReview: boolean;
  tranchePercents: number[];
}

async function callFields(input: CallInput): Promise<Record<string, unknown>> {
  const fields: Record<string, { key: string; params?: Record<string, unknown> }> = {};
  const fundId = await activeFundIdBySlug(input.fundSlug);
  if (!fundId) fields.fundSlug = { key: 'grants.unknownFund' };
  if (input.closesAt.getTime() <= input.opensAt.getTime()) fields.closesAt = { key: 'grants.closesBeforeOpens' };
  if (
    input.stages === 2 &&
    (!input.fullProposalClosesAt || input.fullProposalClosesAt.getTime() <= input.closesAt.getTime())
  ) {
    fields.fullProposalClosesAt = { key: 'grants.fullProposalAfterConcept' };
  }
  if (input.maxPerGrantSatang > input.budgetSatang) fields.maxPerGrant = { key: 'grants.maxAboveBudget' };
  if (input.scaleMax <= input.scaleMin) fields.scaleMax = { key: 'grants.scaleEmpty' };
  if (new Set(input.criteria.map((c) => c.key)).size !== input.criteria.length)
    fields.criteria = { key: 'grants.criteriaDuplicate' };
  if (input.criteria.length === 0) fields.criteria = { key: 'grants.criteriaNeeded' };
  if (input.reviewDueAt && input.reviewDueAt.getTime() <= input.closesAt.getTime())
    fields.reviewDueAt = { key: 'grants.reviewDueBeforeClose' };
  const committee = await reviewersByEmails(input.committeeEmails);
  const unknown = committee.unknown;
  if (unknown.length) fields.committee = { key: 'grants.committeeUnknown', params: { emails: unknown.join(', ') } };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return {
    fundId,
    title: { th: input.titleTh, en: input.titleEn },
    description: { th: input.descriptionTh, en: input.descriptionEn },
    eligibility: { orgTypes: input.orgTypes, roles: input.roles, provinces: input.provinces, issues: input.issues },
    budgetSatang: input.budgetSatang,
    maxPerGrantSatang: input.maxPerGrantSatang,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    stages: input.stages,
    fullProposalClosesAt: input.stages === 2 ? input.fullProposalClosesAt : undefined,
    rubric: {
      criteria: input.criteria.map((c) => ({
        key: c.key,
        name: { th: c.nameTh, en: c.nameEn },
        description: { th: c.descriptionTh, en: c.descriptionEn },
        weight: c.weight,
      })),
      scale: {
        min: input.scaleMin,
        max: input.scaleMax,
        descriptors: input.descriptors.map((d) => ({ score: d.score, label: { th: d.labelTh, en: d.labelEn } })),
      },
    },
    committeeUserIds: committee.ids,
    reviewsPerApplication: input.reviewsPerApplication,
    reviewDueAt: input.reviewDueAt,
    blindReview: input.blindReview,
    tranchePercents: input.tranchePercents,
  };
}

export async function createCall(actor: Actor, input: CallInput): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const doc = await GrantCall.create({
    ...(await callFields(input)),
    createdBy: actor ? new mongoose.Types.ObjectId(actor.id) : undefined,
  });
  log.info({ callId: doc._id.toString(), actorId: actor?.id }, 'call created');
  return doc._id.toString();
}

export async function updateCall(actor: Actor, id: string, input: CallInput): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadCall(id);
  const fields = await callFields(input);
  // Once reviewers have scored, the criteria, weights and scale are what the scores mean: locked.
  const rubricOf = (r: unknown) => JSON.stringify(r, ['criteria', 'key', 'weight', 'scale', 'min', 'max']);
  if (
    rubricOf(fields.rubric) !== rubricOf(doc.toObject().rubric) &&
    (await Review.exists({ callId: doc._id, status: { $in: ['draft', 'submitted'] } }))
  ) {
    throw new ValidationError({ criteria: { key: 'grants.rubricLocked' } });
  }
  doc.set(fields);
  // A published call's status follows its (possibly new) times at once.
  if (doc.status !== 'draft') moveCall(doc, statusByTimes(doc, new Date()), 'staff');
  await doc.save();
}

/** Publishing makes a draft call visible; its status then follows its times. */
export async function publishCall(actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'staff', 'admin');
  const doc = await loadCall(id);
  if (doc.status !== 'draft') return;
  moveCall(doc, statusByTimes(doc, new Date()), 'staff');
  await doc.save();
  log.info({ callId: id, status: doc.status }, 'call published');
}

export async function loadCall(id: string): Promise<GrantCallDoc> {
  const doc = mongoose.isValidObjectId(id) ? await GrantCall.findById(id) : null;
  if (!doc) throw new NotFoundError('grants.callNotFound');
  return doc;
}

/** A call as anyone may see it: drafts only for staff. */
export async function getCall(actor: Actor, id: string): Promise<CallView> {
  const doc = await loadCall(id);
  if (doc.status === 'draft' && !hasRole(actor, 'staff', 'admin')) throw new NotFoundError('grants.callNotFound');
  return toCallView(doc, await fundsById());
}

/** Published calls that are open now, closing soonest first (the public list and /api/v1/calls). */
export async function listOpenCalls(now = new Date()): Promise<CallView[]> {
  const docs = await GrantCall.find({ status: { $in: ['scheduled', 'open'] } }).sort({ closesAt: 1 });
  const funds = await fundsById();
  return docs.map((d) => toCallView(d, funds, now)).filter((c) => c.phase !== 'closed');
}

/** Every call, newest first, for staff. */
export async function listAllCalls(actor: Actor): Promise<CallView[]> {
  assertRole(actor, 'staff', 'admin');
  const docs = await GrantCall.find().sort({ createdAt: -1 }).limit(500);
  const funds = await fundsById();
  return docs.map((d) => toCallView(d, funds));
}

/** Recently closed calls for the public list ("past calls"). */
export async function listClosedCalls(limit = 20): Promise<CallView[]> {
  const docs = await GrantCall.find({ status: 'closed' }).sort({ closesAt: -1 }).limit(limit);
  const funds = await fundsById();
  return docs.map((d) => toCallView(d, funds));
}

/** The agenda job: opens and closes published calls on time. Returns how many changed. */
export async function syncCallStatuses(now = new Date()): Promise<number> {
  const docs = await GrantCall.find({ status: { $in: CLOCK_MOVES_FROM } });
  let changed = 0;
  for (const doc of docs) {
    const next = statusByTimes(doc, now);
    if (moveCall(doc, next, 'clock')) {
      await doc.save();
      changed += 1;
      log.info({ callId: doc._id.toString(), status: next }, 'call status changed');
    }
  }
  return changed;
}

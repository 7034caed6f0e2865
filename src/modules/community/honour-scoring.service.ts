/**
 * The committee's part in honours: each member scores the screened-in nominations of their round
 * with its rubric (the grants review engine checks the scores and ranks them, with each
 * member's scores normalised against their own habits), or steps aside with a reason when they
 * know the nominee too closely. The nominator never scores their own nomination. Staff read the
 * ranking to shortlist and select.
 */
import mongoose from 'mongoose';
import { HonourRound } from './honour-round.model.js';
import { loadRound, roundViewOf, type RoundView } from './honour-rounds.service.js';
import { HonourScore, Nomination, nomineeOf } from './nomination.model.js';
import { SCORABLE_STATES, type NominationState } from './honours.rules.js';
import { checkScores, rankApplications, type RankedApplication, type SubmittedReview } from '../grants/index.js';
import { peopleByIds } from '../accounts/index.js';
import { assertRole, hasRole, type Actor } from '../../shared/actor.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../shared/errors.js';

export interface ScoreInput {
  scores: Record<string, number>;
  recommendation: 'fund' | 'do_not_fund';
  comment: string;
}

/** A member may score a nomination of their round that is screened in, not theirs, in a round not yet announced. */
async function scorable(actor: Actor, nominationId: string) {
  if (!actor) throw new UnauthorizedError();
  const nomination = mongoose.isValidObjectId(nominationId) ? await Nomination.findById(nominationId) : null;
  if (!nomination) throw new NotFoundError();
  const round = await loadRound(String(nomination.roundId));
  const member = hasRole(actor, 'reviewer') && round.committeeUserIds.some((u) => String(u) === actor.id);
  if (!member || !SCORABLE_STATES.includes(nomination.state as NominationState)) throw new NotFoundError();
  return { nomination, round, ownNomination: String(nomination.nominatorId) === actor.id };
}

export interface ReviewQueueItem {
  id: string;
  nomineeName: string;
  category: { th: string; en: string };
  round: { th: string; en: string };
  year: number;
  status: 'to_score' | 'scored' | 'stepped_aside' | 'own_nomination';
}

/** The nominations waiting for this member's score, across their rounds still in review. */
export async function myHonourReviews(actor: Actor): Promise<ReviewQueueItem[]> {
  if (!actor || !hasRole(actor, 'reviewer')) return [];
  const rounds = await HonourRound.find({ committeeUserIds: actor.id, status: 'published' });
  if (!rounds.length) return [];
  const views = new Map(rounds.map((r) => [String(r._id), roundViewOf(r)]));
  const nominations = await Nomination.find(
    { roundId: { $in: rounds.map((r) => r._id) }, state: { $in: [...SCORABLE_STATES] } },
    { nominee: 1, category: 1, roundId: 1, nominatorId: 1 },
  )
    .sort({ createdAt: 1 })
    .limit(500)
    .lean();
  const mine = await HonourScore.find({
    reviewerId: actor.id,
    nominationId: { $in: nominations.map((n) => n._id) },
  }).lean();
  const byNomination = new Map(mine.map((s) => [String(s.nominationId), s]));
  return nominations.map((n) => {
    const round = views.get(String(n.roundId)) as RoundView;
    const score = byNomination.get(String(n._id));
    const status: ReviewQueueItem['status'] =
      String(n.nominatorId) === actor.id
        ? 'own_nomination'
        : score?.conflict?.declared
          ? 'stepped_aside'
          : score?.submittedAt
            ? 'scored'
            : 'to_score';
    return {
      id: String(n._id),
      nomineeName: nomineeOf(n).name,
      category: round.categories.find((c) => c.key === n.category)?.name ?? { th: n.category, en: n.category },
      round: round.title,
      year: round.year,
      status,
    };
  });
}

export interface MyScore {
  scores: Record<string, number>;
  recommendation: string;
  comment: string;
  submitted: boolean;
  conflict: { declared: boolean; reason: string };
  ownNomination: boolean;
  rubric: RoundView['rubric'];
}

export async function myScoreOf(actor: Actor, nominationId: string): Promise<MyScore> {
  const { round, ownNomination } = await scorable(actor, nominationId);
  const doc = await HonourScore.findOne({ nominationId, reviewerId: actor?.id }).lean();
  return {
    scores: Object.fromEntries(Object.entries(doc?.scores ?? {})) as Record<string, number>,
    recommendation: doc?.recommendation ?? '',
    comment: doc?.comment ?? '',
    submitted: Boolean(doc?.submittedAt),
    conflict: { declared: doc?.conflict?.declared === true, reason: doc?.conflict?.reason ?? '' },
    ownNomination,
    rubric: roundViewOf(round).rubric,
  };
}

/** Saves (or replaces) this member's score; refused after stepping aside or on their own nomination. */
export async function scoreNomination(actor: Actor, nominationId: string, input: ScoreInput): Promise<void> {
  const { nomination, round, ownNomination } = await scorable(actor, nominationId);
  if (ownNomination) throw new ForbiddenError('honours.ownNomination');
  const rubric = roundViewOf(round).rubric;
  const problems = checkScores(rubric, input.scores);
  if (problems.length) {
    const fields = Object.fromEntries(
      problems.map((p) => [
        `score_${p.criterion}`,
        { key: `grants.score.${p.problem}`, params: { min: rubric.scale.min, max: rubric.scale.max } },
      ]),
    );
    throw new ValidationError(fields);
  }
  const existing = await HonourScore.findOne(
    { nominationId: nomination._id, reviewerId: actor?.id },
    { conflict: 1 },
  ).lean();
  if (existing?.conflict?.declared) throw new ConflictError('honours.steppedAside');
  await HonourScore.updateOne(
    { nominationId: nomination._id, reviewerId: actor?.id, 'conflict.declared': { $ne: true } },
    {
      $set: {
        scores: input.scores,
        recommendation: input.recommendation,
        comment: input.comment,
        submittedAt: new Date(),
      },
      $setOnInsert: { roundId: round._id },
    },
    { upsert: true },
  ).catch((error: unknown) => {
    // Two submissions at once: the other one made the record; this one's answer is the same.
    if ((error as { code?: number }).code !== 11000) throw error;
  });
}

/** Steps aside from a nomination with a reason: any score given is withdrawn and none may follow. */
export async function declareConflict(actor: Actor, nominationId: string, reason: string): Promise<void> {
  const { nomination, round } = await scorable(actor, nominationId);
  if (!reason) throw new ValidationError({ reason: { key: 'honours.reasonNeeded' } });
  await HonourScore.updateOne(
    { nominationId: nomination._id, reviewerId: actor?.id },
    {
      $set: { conflict: { declared: true, reason }, submittedAt: null, recommendation: null, scores: {} },
      $setOnInsert: { roundId: round._id },
    },
    { upsert: true },
  ).catch((error: unknown) => {
    if ((error as { code?: number }).code !== 11000) throw error;
  });
}

export interface RankedNomination extends RankedApplication {
  nomineeName: string;
  category: string;
  state: NominationState;
  consent: boolean;
  steppedAside: number;
}

/** The round's screened-in nominations ranked by the committee's scores, for staff. */
export async function rankNominations(actor: Actor, roundId: string): Promise<RankedNomination[]> {
  assertRole(actor, 'staff', 'admin');
  const round = await loadRound(roundId);
  const view = roundViewOf(round);
  const nominations = await Nomination.find({
    roundId: round._id,
    state: { $in: ['eligible', 'shortlisted', 'selected', 'not_selected'] },
  }).lean();
  const scores = await HonourScore.find({ roundId: round._id }).lean();
  const reviews: SubmittedReview[] = scores
    .filter((s) => s.submittedAt && !s.conflict?.declared && s.recommendation)
    .map((s) => ({
      applicationId: String(s.nominationId),
      reviewerId: String(s.reviewerId),
      scores: Object.fromEntries(Object.entries(s.scores ?? {})) as Record<string, number>,
      recommendation: s.recommendation as 'fund' | 'do_not_fund',
    }));
  const asideOf = (id: string) => scores.filter((s) => String(s.nominationId) === id && s.conflict?.declared).length;
  const committee = view.committeeUserIds;
  const ranked = rankApplications(
    view.rubric,
    nominations.map((n) => ({
      id: String(n._id),
      requestedSatang: 0,
      // Everyone on the committee but the nominator and those who stepped aside.
      reviewsAssigned: committee.filter((u) => u !== String(n.nominatorId)).length - asideOf(String(n._id)),
      submittedAt: n.createdAt as Date,
    })),
    reviews,
    0,
  );
  const byId = new Map(nominations.map((n) => [String(n._id), n]));
  const names = await peopleByIds(committee);
  return ranked.map((r) => {
    const n = byId.get(r.id) as (typeof nominations)[number];
    return {
      ...r,
      reviews: r.reviews.map((x) => ({
        ...x,
        reviewerId: names.find((p) => p.id === x.reviewerId)?.name ?? x.reviewerId,
      })),
      nomineeName: nomineeOf(n).name,
      category: n.category,
      state: n.state as NominationState,
      consent: Boolean(n.consent?.recordedAt),
      steppedAside: asideOf(r.id),
    };
  });
}

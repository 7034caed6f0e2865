/**
 * Committee review: assigning reviewers (by hand or automatically), conflicts of interest
 * (declared before reading, and detected from the social map), scoring against the call's rubric,
 * and reminders before the review deadline.
 */
import mongoose from 'mongoose';
import { Review, type ReviewDoc } from './review.model.js';
import { Application } from './application.model.js';
import { GrantCall, type GrantCallDoc } from './call.model.js';
import { planAssignments, type ConflictReason } from './review.assignment.js';
import { assertStillUnconflicted, conflictsFor } from './review.conflicts.js';
import { checkScores, weightedScore, type Rubric } from './review.scoring.js';
import { organisationNames, organisationsByIds, organisationsOfMembers } from '../directory/index.js';
import { peopleByIds } from '../accounts/index.js';
import { assertRole, hasRole } from '../../shared/actor.js';
import { events } from '../../shared/events.js';
import { withLock } from '../../shared/db/lock.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  isDuplicateKeyError,
  type FieldErrors,
} from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import type { Actor } from '../../shared/actor.js';
import type { ApplicationState } from './application.workflow.js';

type Id = mongoose.Types.ObjectId;

const log = logger.child({ module: 'reviews' });

/** Applications in these states can be given reviewers. */
const REVIEWABLE: ApplicationState[] = ['in_review'];

export function rubricOf(call: GrantCallDoc): Rubric {
  return {
    criteria: (call.rubric?.criteria ?? []).map((c) => ({ key: c.key, weight: c.weight })),
    scale: { min: call.rubric?.scale?.min ?? 1, max: call.rubric?.scale?.max ?? 5 },
  };
}

async function createAssignment(
  callId: Id,
  applicationId: Id,
  reviewerId: string,
  detected: ConflictReason[],
  actorId: string,
): Promise<string | null> {
  try {
    const review = await Review.create({
      callId,
      applicationId,
      reviewerId: new mongoose.Types.ObjectId(reviewerId),
      detectedConflicts: detected,
      status: detected.length ? 'conflicted' : 'assigned',
      assignedBy: new mongoose.Types.ObjectId(actorId),
    });
    if (!detected.length) await events.emit('review.assigned', { reviewId: review._id.toString() });
    return review._id.toString();
  } catch (error) {
    if (isDuplicateKeyError(error)) return null; // already assigned: once is enough
    throw error;
  }
}

/**
 * Staff give an application to chosen committee members. A reviewer the social map links to
 * the applicant is refused (and the link named), never silently assigned.
 */
export async function assignReviewers(
  actor: Actor,
  applicationId: string,
  reviewerIds: string[],
): Promise<{ assigned: number }> {
  assertRole(actor, 'staff', 'admin');
  const app = mongoose.isValidObjectId(applicationId) ? await Application.findById(applicationId) : null;
  if (!app) throw new NotFoundError('grants.applicationNotFound');
  if (!REVIEWABLE.includes(app.status as ApplicationState)) throw new ConflictError('grants.notInReview');
  const call = await GrantCall.findById(app.callId);
  const committee = new Set((call?.committeeUserIds ?? []).map(String));
  const outside = reviewerIds.filter((id) => !committee.has(id));
  if (outside.length) throw new ValidationError({ reviewerIds: { key: 'grants.notOnCommittee' } });
  const conflicts = await conflictsFor(reviewerIds, app.orgId);
  const conflicted = reviewerIds.filter((id) => (conflicts.get(id) ?? []).length);
  if (conflicted.length) {
    const names = (await peopleByIds(conflicted)).map((u) => u.name).join(', ');
    throw new ValidationError({ reviewerIds: { key: 'grants.reviewerConflicted', params: { names } } });
  }
  // A reviewer who said they have a conflict on this application is not given it again.
  const declared = await Review.find({ applicationId: app._id, declaredConflict: true }, { reviewerId: 1 }).lean();
  const again = reviewerIds.filter((id) => declared.some((r) => String(r.reviewerId) === id));
  if (again.length) {
    const names = (await peopleByIds(again)).map((u) => u.name).join(', ');
    throw new ValidationError({ reviewerIds: { key: 'grants.reviewerDeclaredConflict', params: { names } } });
  }
  let assigned = 0;
  for (const id of reviewerIds)
    if (await createAssignment(app.callId, app._id, id, [], (actor as { id: string }).id)) assigned += 1;
  return { assigned };
}

/**
 * Gives every application of the call in review its remaining reviewers: balanced load,
 * matching issues first, never a conflicted reviewer (found in the social map now).
 */
export async function autoAssign(actor: Actor, callId: string): Promise<{ assigned: number; short: number }> {
  assertRole(actor, 'staff', 'admin');
  return withLock(`call-assign:${callId}`, async () => {
    const call = mongoose.isValidObjectId(callId) ? await GrantCall.findById(callId) : null;
    if (!call) throw new NotFoundError('grants.callNotFound');
    const committee = (call.committeeUserIds ?? []).map(String);
    if (!committee.length) throw new ConflictError('grants.noCommittee');
    const apps = await Application.find({ callId: call._id, status: { $in: REVIEWABLE } }, { orgId: 1 }).lean();
    const existing = await Review.find(
      { callId: call._id },
      { applicationId: 1, reviewerId: 1, status: 1, declaredConflict: 1 },
    ).lean();
    const orgIds = [...new Set(apps.map((a) => String(a.orgId)))];
    const orgs = await organisationsByIds(orgIds);
    const orgIssues = new Map([...orgs.values()].map((o) => [o.id, o.issues]));
    const reviewerOrgs = await organisationsOfMembers(committee);
    const reviewers = committee.map((userId) => ({
      userId,
      issues: [...new Set((reviewerOrgs.get(userId) ?? []).flatMap((o) => o.issues))],
      load: existing.filter((r) => String(r.reviewerId) === userId && r.status !== 'conflicted').length,
    }));
    const planInput = [];
    for (const app of apps) {
      const conflicts = await conflictsFor(committee, app.orgId);
      const mine = existing.filter((r) => String(r.applicationId) === String(app._id));
      planInput.push({
        id: String(app._id),
        issues: orgIssues.get(String(app.orgId)) ?? [],
        assigned: mine.filter((r) => r.status !== 'conflicted').map((r) => String(r.reviewerId)),
        conflicted: [
          ...committee.filter((id) => (conflicts.get(id) ?? []).length),
          ...mine.filter((r) => r.status === 'conflicted').map((r) => String(r.reviewerId)),
        ],
      });
    }
    const plan = planAssignments(planInput, reviewers, call.reviewsPerApplication ?? 3);
    let assigned = 0;
    for (const pair of plan.assignments) {
      if (
        await createAssignment(
          call._id,
          new mongoose.Types.ObjectId(pair.applicationId),
          pair.reviewerId,
          [],
          (actor as { id: string }).id,
        )
      )
        assigned += 1;
    }
    log.info({ callId, assigned, short: plan.short.length }, 'reviewers assigned automatically');
    return { assigned, short: plan.short.length };
  });
}

export interface ReviewView {
  id: string;
  applicationId: string;
  callId: string;
  status: string;
  declaredConflict: boolean | null;
  /** What the reviewer wrote when answering the conflict question (staff read it). */
  conflictNote: string;
  detectedConflicts: string[];
  scores: Record<string, number>;
  recommendation: string | null;
  commentForStaff: string;
  commentForApplicant: string;
  submittedAt: Date | null;
  weighted: number | null;
  /** Linked to the applicant after assignment: left out of the ranking until staff clear it. */
  conflictFlag: { reasons: string[]; flaggedAt: Date } | null;
  clearances: { reasons: string[]; clearedBy: string; clearedByName: string; clearedAt: Date; note: string }[];
}

export function toReviewView(doc: ReviewDoc, rubric: Rubric): ReviewView {
  const scores = Object.fromEntries(doc.scores ?? new Map<string, number>()) as Record<string, number>;
  return {
    id: doc._id.toString(),
    applicationId: String(doc.applicationId),
    callId: String(doc.callId),
    status: doc.status,
    declaredConflict: doc.declaredConflict ?? null,
    conflictNote: doc.conflictNote ?? '',
    detectedConflicts: [...(doc.detectedConflicts ?? [])],
    scores,
    recommendation: doc.recommendation ?? null,
    commentForStaff: doc.commentForStaff ?? '',
    commentForApplicant: doc.commentForApplicant ?? '',
    submittedAt: doc.submittedAt ?? null,
    weighted: Object.keys(scores).length ? weightedScore(rubric, scores) : null,
    conflictFlag: doc.conflictFlag
      ? { reasons: [...(doc.conflictFlag.reasons ?? [])], flaggedAt: doc.conflictFlag.flaggedAt }
      : null,
    clearances: (doc.conflictClearances ?? []).map((c) => ({
      reasons: [...(c.reasons ?? [])],
      clearedBy: String(c.clearedBy),
      clearedByName: '',
      clearedAt: c.clearedAt,
      note: c.note,
    })),
  };
}

async function myReview(actor: Actor, applicationId: string): Promise<{ review: ReviewDoc; call: GrantCallDoc }> {
  if (!actor) throw new UnauthorizedError();
  if (!hasRole(actor, 'reviewer')) throw new ForbiddenError();
  const review = mongoose.isValidObjectId(applicationId)
    ? await Review.findOne({ applicationId, reviewerId: actor.id })
    : null;
  if (!review) throw new NotFoundError('grants.applicationNotFound');
  const call = await GrantCall.findById(review.callId);
  if (!call) throw new NotFoundError('grants.applicationNotFound');
  // The social map may have changed since assignment: asked again on every open, save and submit.
  await assertStillUnconflicted(review);
  return { review, call };
}

/**
 * The reviewer's own review of an application (not the application itself until they declare).
 * On a call that is not blind the applicant is named, so the conflict question can be answered.
 */
export async function getMyReview(
  actor: Actor,
  applicationId: string,
): Promise<ReviewView & { applicantName: { th: string; en: string } | null }> {
  const { review, call } = await myReview(actor, applicationId);
  let applicantName: { th: string; en: string } | null = null;
  if (!call.blindReview) {
    const app = await Application.findById(review.applicationId, { orgId: 1 }).lean();
    applicantName = app ? ((await organisationNames([app.orgId])).get(String(app.orgId)) ?? null) : null;
  }
  return { ...toReviewView(review, rubricOf(call)), applicantName };
}

/**
 * The reviewer's answer to "do you have a conflict of interest?" before reading. Yes closes the
 * application to them (and staff see it); no opens it, unless the social map found a link.
 */
export async function declareConflict(
  actor: Actor,
  applicationId: string,
  input: { conflict: boolean; note: string },
): Promise<void> {
  const { review } = await myReview(actor, applicationId);
  if (review.status === 'submitted') throw new ConflictError('grants.reviewAlreadySubmitted');
  if (review.declaredConflict !== null && review.declaredConflict !== undefined)
    throw new ConflictError('grants.conflictAlreadyDeclared');
  review.declaredConflict = input.conflict;
  review.conflictNote = input.note;
  if (input.conflict) review.status = 'conflicted';
  await review.save();
  log.info({ applicationId, reviewerId: actor?.id, conflict: input.conflict }, 'conflict declared');
}

export interface ReviewInput {
  scores: Record<string, unknown>;
  recommendation: string | undefined;
  commentForStaff: string;
  commentForApplicant: string;
  submit: boolean;
  /** Checked as a submission but kept as a draft: the page asks the reviewer to confirm first. */
  hold?: boolean;
}

/** Saves (or submits) the reviewer's scores: whole numbers on the scale, every criterion on submit. */
export async function saveReview(actor: Actor, applicationId: string, input: ReviewInput): Promise<void> {
  const { review, call } = await myReview(actor, applicationId);
  if (review.status === 'conflicted' || review.declaredConflict !== false || review.detectedConflicts.length)
    throw new ForbiddenError('grants.conflictedReviewer');
  if (review.status === 'submitted') throw new ConflictError('grants.reviewAlreadySubmitted');
  const app = await Application.findById(review.applicationId, { status: 1 }).lean();
  if (app?.status !== 'in_review') throw new ConflictError('grants.notInReview');
  const rubric = rubricOf(call);
  const given = Object.fromEntries(Object.entries(input.scores).filter(([, v]) => v !== undefined && v !== ''));
  const problems = checkScores(rubric, given).filter((p) => input.submit || p.problem !== 'missing');
  const fields: FieldErrors = {};
  for (const p of problems)
    fields[`scores.${p.criterion}`] = {
      key: `grants.score.${p.problem}`,
      params: { min: rubric.scale.min, max: rubric.scale.max },
    };
  if (input.submit && !input.recommendation) fields.recommendation = { key: 'validation.required' };
  if (Object.keys(fields).length) throw new ValidationError(fields);
  review.scores = new Map(Object.entries(given as Record<string, number>));
  review.recommendation = (input.recommendation ?? null) as ReviewDoc['recommendation'];
  review.commentForStaff = input.commentForStaff;
  review.commentForApplicant = input.commentForApplicant;
  const final = input.submit && !input.hold;
  review.status = final ? 'submitted' : 'draft';
  if (final) review.submittedAt = new Date();
  await review.save();
}

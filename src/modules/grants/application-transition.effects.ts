/**
 * What a transition does besides moving the status and writing the history, one named function per
 * effect of the workflow table (application.workflow.ts). `transition` runs the step's effect before
 * it writes the move; an effect that refuses (an incomplete proposal, no review yet) throws, and
 * nothing is saved.
 */
import mongoose from 'mongoose';
import type { ApplicationDoc } from './application.model.js';
import type { GrantCallDoc } from './call.model.js';
import { Review } from './review.model.js';
import type { ApplicationAction, ApplicationState, TransitionEffect } from './application.workflow.js';
import { budgetTotalSatang } from './grant.rules.js';
import type { Actor } from '../../shared/actor.js';
import { assertEmailVerified } from '../accounts/index.js';
import { ConflictError, InvalidTransitionError, ValidationError, type FieldErrors } from '../../shared/errors.js';

export interface EffectContext {
  doc: ApplicationDoc;
  call: GrantCallDoc;
  actor: NonNullable<Actor>;
  action: ApplicationAction;
  to: ApplicationState;
  /** The person's comment, trimmed. */
  comment: string;
  /** Decisions: the letter the applicant receives, trimmed. */
  letter: string;
  now: Date;
}

/** Every problem that keeps a proposal from being submitted, per field. */
export function submissionProblems(doc: ApplicationDoc, call: GrantCallDoc): FieldErrors {
  const problems: FieldErrors = {};
  const required = { key: 'validation.required' };
  if (!doc.title?.trim()) problems.title = required;
  if (!doc.problem?.trim()) problems.problem = required;
  if (!doc.objectives?.trim()) problems.objectives = required;
  if (doc.stage === 'concept') return problems;
  if (!(doc.activities ?? []).length) problems.activities = { key: 'grants.activitiesNeeded' };
  if (!doc.targetGroup?.trim()) problems.targetGroup = required;
  if (!doc.beneficiaries || doc.beneficiaries <= 0) problems.beneficiaries = { key: 'grants.beneficiariesNeeded' };
  if (!doc.area?.provinceCode) problems.provinceCode = required;
  if (!(doc.budgetLines ?? []).length) problems.budgetLines = { key: 'grants.budgetNeeded' };
  const total = budgetTotalSatang(doc.budgetLines ?? []);
  if (total <= 0 && (doc.budgetLines ?? []).length) problems.budgetLines = { key: 'grants.budgetNeeded' };
  if (total > call.maxPerGrantSatang)
    problems.budgetLines = { key: 'grants.aboveCallMaximum', params: { maxSatang: call.maxPerGrantSatang } };
  if (!(doc.results ?? []).length) problems.results = { key: 'grants.resultsNeeded' };
  return problems;
}

/** The deadline a submission from this state must meet, if any. */
function deadlineFor(action: ApplicationAction, call: GrantCallDoc): Date | null {
  if (action === 'submit_concept') return call.closesAt;
  if (action === 'submit') return call.stages === 2 ? (call.fullProposalClosesAt ?? null) : call.closesAt;
  return null; // an answer to "more information" comes after the close, by design
}

async function handIn({ doc, call, actor, action, now }: EffectContext): Promise<void> {
  await assertEmailVerified(actor);
  const problems = submissionProblems(doc, call);
  if (Object.keys(problems).length) throw new ValidationError(problems, 'grants.notComplete');
  const deadline = deadlineFor(action, call);
  if (deadline && now.getTime() >= deadline.getTime()) throw new ConflictError('grants.deadlinePassed');
  doc.submittedAt = now;
}

export const TRANSITION_EFFECTS: Record<TransitionEffect, (ctx: EffectContext) => Promise<void>> = {
  hand_in: handIn,

  answer_info: async (ctx) => {
    await handIn(ctx);
    ctx.doc.infoRequest = '';
  },

  open_full_proposal: async ({ doc }) => {
    doc.stage = 'full';
  },

  ask_for_info: async ({ doc, comment }) => {
    doc.infoRequest = comment;
  },

  require_a_review: async ({ doc }) => {
    const done = await Review.countDocuments({ applicationId: doc._id, status: 'submitted' });
    if (done === 0) throw new InvalidTransitionError('grants.noReviewsYet');
  },

  // The decision's outcome is the state it moves to (approved, waitlisted, declined).
  record_decision: async ({ doc, to, comment, letter, actor, now }) => {
    doc.decision = {
      outcome: to === 'approved' ? 'approved' : to === 'waitlisted' ? 'waitlisted' : 'declined',
      notes: comment,
      letter,
      at: now,
      byUserId: new mongoose.Types.ObjectId(actor.id),
    };
  },
};

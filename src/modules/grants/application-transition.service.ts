/**
 * Every status change of an application. `transition` is the only writer of `status`: it checks the
 * declared workflow for the person's roles on this application, the guards the table cannot express (a
 * complete proposal, the deadline, a reason), records the history and emits the event that emails the
 * people concerned. A per-application lock keeps two clicks from both moving it.
 */
import mongoose from 'mongoose';
import type { ApplicationDoc } from './application.model.js';
import type { GrantCallDoc } from './call.model.js';
import { Review } from './review.model.js';
import { applicationWorkflow, type ApplicationAction, type ApplicationState } from './application.workflow.js';
import { budgetTotalSatang } from './grant.rules.js';
import { OWN_STEP, load, rolesOn } from './application.service.js';
import type { Actor } from '../../shared/actor.js';
import { assertEmailVerified } from '../accounts/index.js';
import { assertTransition } from '../../shared/workflow.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';
import {
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'applications' });

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

export interface TransitionInput {
  action: string;
  comment?: string | undefined;
  /** Decisions: the letter the applicant receives (their language is up to the writer). */
  letter?: string | undefined;
}

/**
 * Moves an application by one declared transition. Refused (and nothing written) when the state
 * or the person's role does not allow it, when a guard fails, or when it takes its own step.
 */
export async function transition(
  actor: Actor,
  id: string,
  input: TransitionInput,
  now = new Date(),
): Promise<ApplicationState> {
  if (!actor) throw new UnauthorizedError();
  return withLock(`application:${id}`, async () => {
    const loaded = await load(id);
    const roles = rolesOn(actor, loaded.memberUserIds);
    if (roles.length === 0) throw new NotFoundError('grants.applicationNotFound');
    const from = loaded.doc.status as ApplicationState;
    const step = assertTransition(applicationWorkflow, from, input.action, roles);
    if (OWN_STEP.includes(step.action)) throw new InvalidTransitionError('grants.useOwnStep');
    const comment = (input.comment ?? '').trim();
    if (step.needsComment && !comment) throw new ValidationError({ comment: { key: 'grants.commentNeeded' } });
    if (['submit', 'submit_concept', 'resubmit'].includes(step.action)) {
      await assertEmailVerified(actor);
      const problems = submissionProblems(loaded.doc, loaded.call);
      if (Object.keys(problems).length) throw new ValidationError(problems, 'grants.notComplete');
      const deadline = deadlineFor(step.action, loaded.call);
      if (deadline && now.getTime() >= deadline.getTime()) throw new ConflictError('grants.deadlinePassed');
    }
    if (step.action === 'finish_review') {
      const done = await Review.countDocuments({ applicationId: loaded.doc._id, status: 'submitted' });
      if (done === 0) throw new InvalidTransitionError('grants.noReviewsYet');
    }
    applyStep(loaded.doc, step.action, step.to, actor, comment, now);
    if (step.action === 'request_info') loaded.doc.infoRequest = comment;
    if (step.action === 'resubmit') loaded.doc.infoRequest = '';
    if (step.action === 'invite') loaded.doc.stage = 'full';
    if (['approve', 'waitlist', 'decline'].includes(step.action)) {
      loaded.doc.decision = {
        outcome: step.to === 'approved' ? 'approved' : step.to === 'waitlisted' ? 'waitlisted' : 'declined',
        notes: comment,
        letter: (input.letter ?? '').trim(),
        at: now,
        byUserId: new mongoose.Types.ObjectId(actor.id),
      };
    }
    await loaded.doc.save();
    log.info({ applicationId: id, action: step.action, from, to: step.to, actorId: actor.id }, 'application moved');
    await events.emit('application.transitioned', {
      applicationId: id,
      action: step.action,
      from,
      to: step.to,
      comment,
      actorId: actor.id,
    });
    return step.to;
  });
}

/** Writes one step into the document (status, history, times); the caller saves and emits. */
export function applyStep(
  doc: ApplicationDoc,
  action: ApplicationAction,
  to: ApplicationState,
  actor: { id: string; name?: string },
  comment: string,
  now: Date,
): void {
  const from = doc.status as ApplicationState;
  doc.status = to;
  if (action === 'submit' || action === 'submit_concept' || action === 'resubmit') doc.submittedAt = now;
  doc.history.push({
    action,
    from,
    to,
    byUserId: new mongoose.Types.ObjectId(actor.id),
    byName: actor.name ?? '',
    at: now,
    comment,
  });
}

/**
 * A step taken by another service (awarding, paying, closing) that has done its own checks:
 * still checked against the workflow for `staff`, recorded and announced the same way.
 */
export async function serviceStep(
  actor: { id: string; name?: string; roles: readonly string[] },
  doc: ApplicationDoc,
  action: ApplicationAction,
  comment = '',
  now = new Date(),
): Promise<void> {
  const from = doc.status as ApplicationState;
  const step = assertTransition(applicationWorkflow, from, action, rolesOn(actor, []));
  applyStep(doc, step.action, step.to, actor, comment, now);
  await doc.save();
  await events.emit('application.transitioned', {
    applicationId: doc._id.toString(),
    action: step.action,
    from,
    to: step.to,
    comment,
    actorId: actor.id,
  });
}

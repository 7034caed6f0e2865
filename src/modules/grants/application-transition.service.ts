/**
 * Every status change of an application. `transition` is the only writer of `status`: it checks the
 * declared workflow for the person's roles on this application and the reason the step needs, runs the
 * step's named effect (application-transition.effects.ts: the guards the table cannot express, such as a
 * complete proposal and the deadline, and what the step writes besides the status), records the history
 * and emits the event that emails the people concerned. A per-application lock keeps two clicks from
 * both moving it.
 */
import mongoose from 'mongoose';
import type { ApplicationDoc } from './application.model.js';
import { applicationWorkflow, type ApplicationAction, type ApplicationState } from './application.workflow.js';
import { TRANSITION_EFFECTS } from './application-transition.effects.js';
import { load, rolesOn } from './application.service.js';
import type { Actor } from '../../shared/actor.js';
import { assertTransition } from '../../shared/workflow.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';
import { InvalidTransitionError, NotFoundError, UnauthorizedError, ValidationError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'applications' });

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
    if (step.kind === 'service') throw new InvalidTransitionError('grants.useOwnStep');
    const comment = (input.comment ?? '').trim();
    if (step.needsComment && !comment) throw new ValidationError({ comment: { key: 'grants.commentNeeded' } });
    if (step.effect)
      await TRANSITION_EFFECTS[step.effect]({
        doc: loaded.doc,
        call: loaded.call,
        actor,
        action: step.action,
        to: step.to,
        comment,
        letter: (input.letter ?? '').trim(),
        now,
      });
    applyStep(loaded.doc, step.action, step.to, actor, comment, now);
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

/** Writes one step into the document (status and history); the caller saves and emits. */
function applyStep(
  doc: ApplicationDoc,
  action: ApplicationAction,
  to: ApplicationState,
  actor: { id: string; name?: string },
  comment: string,
  now: Date,
): void {
  const from = doc.status as ApplicationState;
  doc.status = to;
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

/**
 * Workflows as data (Hypha): a module declares its states and transitions once; these pure
 * functions answer "what may this person do now" and refuse anything else. The one service that
 * writes a document's status calls `assertTransition` first, so no page or job can take a
 * transition the declaration does not allow.
 */
import { ForbiddenError, InvalidTransitionError } from './errors.js';

export interface Transition<S extends string, R extends string, A extends string> {
  /** A stable name for the action (form value, history entry, i18n key). */
  action: A;
  from: readonly S[];
  to: S;
  /** Who may take it: roles relative to the document (e.g. the applicant), not only global ones. */
  roles: readonly R[];
  /** Whether the action needs a comment from the person taking it (a reason, a request). */
  needsComment?: boolean;
}

export interface Workflow<S extends string, R extends string, A extends string> {
  states: readonly S[];
  initial: readonly S[];
  transitions: readonly Transition<S, R, A>[];
}

/** The actions `roles` may take from `status`, in declaration order. */
export function availableActions<S extends string, R extends string, A extends string>(
  workflow: Workflow<S, R, A>,
  status: S,
  roles: readonly R[],
): Transition<S, R, A>[] {
  return workflow.transitions.filter((t) => t.from.includes(status) && t.roles.some((r) => roles.includes(r)));
}

/** The transition for `action` from `status`, or a typed error saying why not. */
export function assertTransition<S extends string, R extends string, A extends string>(
  workflow: Workflow<S, R, A>,
  status: S,
  action: string,
  roles: readonly R[],
): Transition<S, R, A> {
  const candidates = workflow.transitions.filter((t) => t.action === action);
  const fromHere = candidates.find((t) => t.from.includes(status));
  // Not possible from here is a conflict with the document's state (409); possible but not for
  // this person is a refusal (403). Neither changes anything.
  if (!fromHere) throw new InvalidTransitionError('errors.invalidTransition', { action, status });
  if (!fromHere.roles.some((r) => roles.includes(r))) throw new ForbiddenError('errors.transitionForbidden');
  return fromHere;
}

/** States no transition leaves: the end of the road. */
export function finalStates<S extends string, R extends string, A extends string>(workflow: Workflow<S, R, A>): S[] {
  return workflow.states.filter((s) => !workflow.transitions.some((t) => t.from.includes(s)));
}

/** States reachable from the initial ones (a declaration check for tests). */
export function reachableStates<S extends string, R extends string, A extends string>(
  workflow: Workflow<S, R, A>,
): Set<S> {
  const seen = new Set<S>(workflow.initial);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of workflow.transitions) {
      if (!seen.has(t.to) && t.from.some((s) => seen.has(s))) {
        seen.add(t.to);
        grew = true;
      }
    }
  }
  return seen;
}

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

/**
 * A workflow whose transitions say more (their kind, who reads their comment, their side effect):
 * a module declares it with `interface X extends Workflow<…> { transitions: readonly XTransition[] }`,
 * and the functions here hand its transitions back with their own type.
 */
type AnyTransition = Transition<string, string, string>;
interface WorkflowOf<T extends AnyTransition> {
  transitions: readonly T[];
}
/** The roles a workflow's transitions name. */
type RoleOf<T extends AnyTransition> = T['roles'][number];

/** The actions `roles` may take from `status`, in declaration order. */
export function availableActions<T extends AnyTransition>(
  workflow: WorkflowOf<T>,
  status: T['to'],
  roles: readonly RoleOf<T>[],
): T[] {
  return workflow.transitions.filter((t) => t.from.includes(status) && t.roles.some((r) => roles.includes(r)));
}

/** The transition for `action` from `status`, or a typed error saying why not. */
export function assertTransition<T extends AnyTransition>(
  workflow: WorkflowOf<T>,
  status: T['to'],
  action: string,
  roles: readonly RoleOf<T>[],
): T {
  const candidates = workflow.transitions.filter((t) => t.action === action);
  const fromHere = candidates.find((t) => t.from.includes(status));
  // Not possible from here is a conflict with the document's state (409); possible but not for
  // this person is a refusal (403). Neither changes anything.
  if (!fromHere) throw new InvalidTransitionError('errors.invalidTransition', { action, status });
  if (!fromHere.roles.some((r) => roles.includes(r))) throw new ForbiddenError('errors.transitionForbidden');
  return fromHere;
}

/**
 * The transition that takes a document from `status` to `to`, for machines whose next state is
 * computed (a call's status follows its times): refused like `assertTransition` (409 when no
 * declared transition makes that move, 403 when none of them is for these roles).
 */
export function assertMove<T extends AnyTransition>(
  workflow: WorkflowOf<T>,
  status: T['to'],
  to: T['to'],
  roles: readonly RoleOf<T>[],
): T {
  const moves = workflow.transitions.filter((t) => t.from.includes(status) && t.to === to);
  if (!moves.length) throw new InvalidTransitionError('errors.invalidTransition', { action: to, status });
  const allowed = moves.find((t) => t.roles.some((r) => roles.includes(r)));
  if (!allowed) throw new ForbiddenError('errors.transitionForbidden');
  return allowed;
}

/** Whether `action` can be taken from `status` by anyone (a state check, before the person's role). */
export function canTake<S extends string, R extends string, A extends string>(
  workflow: Workflow<S, R, A>,
  status: S,
  action: A,
): boolean {
  return workflow.transitions.some((t) => t.action === action && t.from.includes(status));
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

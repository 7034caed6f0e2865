/** Small helpers the grant controllers share: spare form rows and page ranges. */
import { rowList } from '../../shared/http/form-fields.js';
import { satangToInput } from '../../shared/money.js';
import { SUBMIT_ACTIONS, type ApplicationAction } from './application.workflow.js';

/** Blank rows after the filled ones, so the form works without JavaScript. */
export function withSpareRows<T>(list: readonly T[] | undefined, spare: number, blank: T): T[] {
  // The values are what was posted: rows of any shape (an object, a string) re-render as blank rows.
  const given = rowList(list);
  return [
    ...(Array.isArray(given) ? (given as T[]).filter((row) => typeof row === 'object' && row !== null) : []),
    ...Array.from({ length: spare }, () => blank),
  ];
}

/** The whole numbers from min to max, for a rubric's score buttons. */
export function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

/** How an action's button looks: the step that moves the work on, a neutral one, or one that ends it. */
export type ActionStyle = 'primary' | 'secondary' | 'danger';

/**
 * Staff's actions in the order the workflow goes on (the next step first, the ones that end an
 * application last) and how each button looks. Kept here, beside the page, because it is about
 * what people see: the workflow table itself says only what is allowed.
 */
const ACTION_ORDER: Record<string, { order: number; style: ActionStyle }> = {
  invite: { order: 1, style: 'primary' },
  start_screening: { order: 1, style: 'primary' },
  send_to_review: { order: 1, style: 'primary' },
  finish_review: { order: 2, style: 'primary' },
  approve: { order: 1, style: 'primary' },
  waitlist: { order: 3, style: 'secondary' },
  request_info: { order: 3, style: 'secondary' },
  decline: { order: 5, style: 'danger' },
  decline_concept: { order: 5, style: 'danger' },
  mark_ineligible: { order: 5, style: 'danger' },
  withdraw: { order: 6, style: 'secondary' },
};

/**
 * The actions the application page offers (the applicant's submit has its own form), ordered and
 * styled. "Close the review" waits until at least one review is in: before that the next step is
 * assigning reviewers (the page shows that form first).
 */
export function nextActions<A extends { action: string }>(
  actions: readonly A[],
  reviews: readonly { status: string }[],
): (A & { style: ActionStyle })[] {
  const done = reviews.filter((r) => r.status === 'submitted').length;
  return actions
    .filter(
      (a) => !SUBMIT_ACTIONS.includes(a.action as ApplicationAction) && !(a.action === 'finish_review' && done === 0),
    )
    .map((a) => ({
      ...a,
      style: ACTION_ORDER[a.action]?.style ?? 'secondary',
      order: ACTION_ORDER[a.action]?.order ?? 4,
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...rest }) => rest as unknown as A & { style: ActionStyle });
}

/** Staff's side of the application page: reviews in so far, whether to assign first, and the award form's amount. */
export function staffSteps(
  app: { status: string; requestedSatang: number; roles: readonly string[] },
  reviews: readonly { status: string }[],
  locals: Record<string, unknown>,
): { reviewsDone: number; reviewsAssigned: number; assignFirst: boolean; awardAmount: string } {
  const typed = (locals.values as Record<string, unknown> | undefined)?.amount;
  return {
    reviewsDone: reviews.filter((r) => r.status === 'submitted').length,
    reviewsAssigned: reviews.filter((r) => r.status !== 'conflicted').length,
    assignFirst: app.roles.includes('staff') && app.status === 'in_review',
    // What was typed comes back after a refusal; otherwise the amount requested.
    awardAmount: typeof typed === 'string' ? typed : satangToInput(app.requestedSatang),
  };
}

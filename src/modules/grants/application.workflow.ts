/**
 * The life of a grant application, declared once (Hypha's workflows as data). Pages show each
 * person only the actions listed here for their roles; `transition` (application-transition.service.ts)
 * is the only writer of `status` and checks every change against this table first. Each transition
 * also says its kind, who reads its comment and its side effect; the lists the pages, the mails and
 * the service need (the hand-ins, the decisions, the meeting-notes rule) are derived from it below.
 *
 * Two-stage calls begin with a concept note (concept_draft → concept_submitted); staff invite
 * the promising ones to write a full proposal (invited), which then follows the one-stage path.
 */
import type { Transition, Workflow } from '../../shared/workflow.js';

export const APPLICATION_STATES = [
  'concept_draft',
  'concept_submitted',
  'concept_declined',
  'invited',
  'draft',
  'submitted',
  'screening',
  'more_info',
  'ineligible',
  'in_review',
  'reviewed',
  'approved',
  'waitlisted',
  'declined',
  'awarded',
  'reporting',
  'closed',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Roles relative to one application: a member of the applying organisation, or foundation staff. */
export const WORKFLOW_ROLES = ['applicant', 'staff'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

export const APPLICATION_ACTIONS = [
  'submit_concept',
  'invite',
  'decline_concept',
  'submit',
  'start_screening',
  'request_info',
  'resubmit',
  'mark_ineligible',
  'send_to_review',
  'finish_review',
  'approve',
  'waitlist',
  'decline',
  'award',
  'start_reporting',
  'close',
  'withdraw',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** States in which the applicant writes: the only states where the proposal's content may change. */
export const EDITABLE_STATES: readonly ApplicationState[] = ['concept_draft', 'invited', 'draft', 'more_info'];

/** States before any decision, from which the applicant may still withdraw. */
const WITHDRAWABLE: readonly ApplicationState[] = [
  'concept_draft',
  'concept_submitted',
  'invited',
  'draft',
  'submitted',
  'screening',
  'more_info',
];

/** What kind of step a transition is: how pages offer it, who hears of it, which service takes it. */
export type TransitionKind =
  /** The applicant hands the proposal in (complete, on time, from a verified address); staff hear. */
  | 'submit'
  /** The applicant takes the application back; staff hear. */
  | 'withdraw'
  /** Staff move the application along from its page. */
  | 'step'
  /** The committee's decision, recorded with the letter the applicant receives and the reviewers' comments. */
  | 'decision'
  /** Taken only by its own service (award, paying a tranche, accepting the final report), never as a button. */
  | 'service';

/**
 * Who reads a transition's comment, in the history and in the emails: all who may see the
 * application, or staff only. A decision's comment is the committee's meeting notes: the applicant
 * gets the decision letter instead (the meeting-notes rule, read from here by the application
 * page, the mails and the decision's notes).
 */
export type CommentReaders = 'all' | 'staff';

/** Side effects beyond the status and history: each is one function in application-transition.effects.ts. */
export const TRANSITION_EFFECT_NAMES = [
  /** Refuse an incomplete, late or unverified submission; note when it was handed in. */
  'hand_in',
  /** `hand_in`, and the request for more information is answered (cleared). */
  'answer_info',
  /** An invited concept becomes a full proposal to write. */
  'open_full_proposal',
  /** The comment is the applicant's request for more information. */
  'ask_for_info',
  /** Refused until at least one review is in. */
  'require_a_review',
  /** The decision (outcome, meeting notes, letter, who and when) is kept on the application. */
  'record_decision',
] as const;
export type TransitionEffect = (typeof TRANSITION_EFFECT_NAMES)[number];

export interface ApplicationTransition extends Transition<ApplicationState, WorkflowRole, ApplicationAction> {
  kind: TransitionKind;
  commentFor: CommentReaders;
  /** What happens besides the move (none: the status and history only; service steps do theirs first). */
  effect?: TransitionEffect;
}

/** The table with the application's own kind of transition (kind, comment readers, effect). */
export interface ApplicationWorkflow extends Workflow<ApplicationState, WorkflowRole, ApplicationAction> {
  transitions: readonly ApplicationTransition[];
}

export const applicationWorkflow: ApplicationWorkflow = {
  states: APPLICATION_STATES,
  initial: ['concept_draft', 'draft'],
  transitions: [
    {
      action: 'submit_concept',
      from: ['concept_draft'],
      to: 'concept_submitted',
      roles: ['applicant'],
      kind: 'submit',
      commentFor: 'all',
      effect: 'hand_in',
    },
    {
      action: 'invite',
      from: ['concept_submitted'],
      to: 'invited',
      roles: ['staff'],
      kind: 'step',
      commentFor: 'all',
      effect: 'open_full_proposal',
    },
    {
      action: 'decline_concept',
      from: ['concept_submitted'],
      to: 'concept_declined',
      roles: ['staff'],
      needsComment: true,
      kind: 'step',
      commentFor: 'all',
    },
    {
      action: 'submit',
      from: ['draft', 'invited'],
      to: 'submitted',
      roles: ['applicant'],
      kind: 'submit',
      commentFor: 'all',
      effect: 'hand_in',
    },
    {
      action: 'start_screening',
      from: ['submitted'],
      to: 'screening',
      roles: ['staff'],
      kind: 'step',
      commentFor: 'all',
    },
    {
      action: 'request_info',
      from: ['screening'],
      to: 'more_info',
      roles: ['staff'],
      needsComment: true,
      kind: 'step',
      commentFor: 'all',
      effect: 'ask_for_info',
    },
    {
      action: 'resubmit',
      from: ['more_info'],
      to: 'submitted',
      roles: ['applicant'],
      kind: 'submit',
      commentFor: 'all',
      effect: 'answer_info',
    },
    {
      action: 'mark_ineligible',
      from: ['screening'],
      to: 'ineligible',
      roles: ['staff'],
      needsComment: true,
      kind: 'step',
      commentFor: 'all',
    },
    {
      action: 'send_to_review',
      from: ['screening'],
      to: 'in_review',
      roles: ['staff'],
      kind: 'step',
      commentFor: 'all',
    },
    // Closing the review is the committee's business: its comment is meeting notes too.
    {
      action: 'finish_review',
      from: ['in_review'],
      to: 'reviewed',
      roles: ['staff'],
      kind: 'step',
      commentFor: 'staff',
      effect: 'require_a_review',
    },
    {
      action: 'approve',
      from: ['reviewed', 'waitlisted'],
      to: 'approved',
      roles: ['staff'],
      kind: 'decision',
      commentFor: 'staff',
      effect: 'record_decision',
    },
    {
      action: 'waitlist',
      from: ['reviewed'],
      to: 'waitlisted',
      roles: ['staff'],
      kind: 'decision',
      commentFor: 'staff',
      effect: 'record_decision',
    },
    {
      action: 'decline',
      from: ['reviewed', 'waitlisted'],
      to: 'declined',
      roles: ['staff'],
      kind: 'decision',
      commentFor: 'staff',
      effect: 'record_decision',
    },
    // Taken only by the award service, which also writes the commitment to the ledger. Its
    // comment is the award's conditions, kept among staff like the decision's notes.
    { action: 'award', from: ['approved'], to: 'awarded', roles: ['staff'], kind: 'service', commentFor: 'staff' },
    // Taken when the first tranche is paid (tranche.service.ts): from then on the grantee reports.
    {
      action: 'start_reporting',
      from: ['awarded'],
      to: 'reporting',
      roles: ['staff'],
      kind: 'service',
      commentFor: 'all',
    },
    // Taken when the final report is accepted and every tranche paid (grant-report.service.ts).
    { action: 'close', from: ['reporting'], to: 'closed', roles: ['staff'], kind: 'service', commentFor: 'all' },
    {
      action: 'withdraw',
      from: WITHDRAWABLE,
      to: 'withdrawn',
      roles: ['applicant'],
      needsComment: false,
      kind: 'withdraw',
      commentFor: 'all',
    },
  ],
};

function actionsWhere(test: (t: ApplicationTransition) => boolean): readonly ApplicationAction[] {
  return applicationWorkflow.transitions.filter(test).map((t) => t.action);
}

/** The applicant's hand-ins: the application form's "submit" button takes whichever is open. */
export const SUBMIT_ACTIONS = actionsWhere((t) => t.kind === 'submit');
/** The committee's decisions: their mail carries the letter and the reviewers' comments. */
export const DECISION_ACTIONS = actionsWhere((t) => t.kind === 'decision');
/** Steps with their own service (money, a report): never taken through `transition` or offered as a button. */
export const SERVICE_ACTIONS = actionsWhere((t) => t.kind === 'service');
/** The applicant's own moves, which staff hear of (the call's creator, else every staff member). */
export const STAFF_HEAR_OF = actionsWhere((t) => t.kind === 'submit' || t.kind === 'withdraw');
/** Steps whose comment only staff read: the applicant's page and mails show the decision letter instead. */
export const STAFF_ONLY_COMMENTS = actionsWhere((t) => t.commentFor === 'staff');

/** Whether someone with `roles` on the application reads the comment of a history entry of `action`. */
export function mayReadComment(action: string, roles: readonly WorkflowRole[]): boolean {
  return roles.includes('staff') || !STAFF_ONLY_COMMENTS.includes(action as ApplicationAction);
}

/** The decision's notes are its transition's comment: read only by those who read every decision's comment. */
export function mayReadDecisionNotes(roles: readonly WorkflowRole[]): boolean {
  return DECISION_ACTIONS.every((action) => mayReadComment(action, roles));
}

/** Which hand-in the applicant's "submit" button takes from the actions open now, if any. */
export function submitActionOf(actions: readonly { action: ApplicationAction }[]): ApplicationAction | undefined {
  return actions.find((a) => SUBMIT_ACTIONS.includes(a.action))?.action;
}

/**
 * The steps an applicant sees on the application's timeline, in order, and where each state sits
 * among them. A state that ends the journey early (ineligible, declined, withdrawn) sits at the
 * step where it ended; `concept` is shown only on two-stage calls.
 */
export const JOURNEY_STEPS = [
  'concept',
  'draft',
  'submitted',
  'screening',
  'review',
  'decision',
  'grant',
  'reports',
] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

export const JOURNEY_STEP_OF: Record<ApplicationState, JourneyStep> = {
  concept_draft: 'concept',
  concept_submitted: 'concept',
  concept_declined: 'concept',
  invited: 'draft',
  draft: 'draft',
  submitted: 'submitted',
  screening: 'screening',
  more_info: 'screening',
  ineligible: 'screening',
  in_review: 'review',
  reviewed: 'decision',
  approved: 'decision',
  waitlisted: 'decision',
  declined: 'decision',
  awarded: 'grant',
  reporting: 'reports',
  closed: 'reports',
  withdrawn: 'draft', // placed by the state it was withdrawn from (application.timeline.ts)
};

/** Final states that end the journey before the grant is complete. */
export const ENDED_EARLY: readonly ApplicationState[] = ['concept_declined', 'ineligible', 'declined', 'withdrawn'];

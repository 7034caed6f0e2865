/**
 * The life of a grant application, declared once (Hypha's workflows as data). Pages show each
 * person only the actions listed here for their roles; `applications.service` is the only writer
 * of `status` and checks every change against this table first.
 *
 * Two-stage calls begin with a concept note (concept_draft → concept_submitted); staff invite
 * the promising ones to write a full proposal (invited), which then follows the one-stage path.
 */
import type { Workflow } from '../../shared/workflow.js';

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

export const applicationWorkflow: Workflow<ApplicationState, WorkflowRole, ApplicationAction> = {
  states: APPLICATION_STATES,
  initial: ['concept_draft', 'draft'],
  transitions: [
    { action: 'submit_concept', from: ['concept_draft'], to: 'concept_submitted', roles: ['applicant'] },
    { action: 'invite', from: ['concept_submitted'], to: 'invited', roles: ['staff'] },
    {
      action: 'decline_concept',
      from: ['concept_submitted'],
      to: 'concept_declined',
      roles: ['staff'],
      needsComment: true,
    },
    { action: 'submit', from: ['draft', 'invited'], to: 'submitted', roles: ['applicant'] },
    { action: 'start_screening', from: ['submitted'], to: 'screening', roles: ['staff'] },
    { action: 'request_info', from: ['screening'], to: 'more_info', roles: ['staff'], needsComment: true },
    { action: 'resubmit', from: ['more_info'], to: 'submitted', roles: ['applicant'] },
    { action: 'mark_ineligible', from: ['screening'], to: 'ineligible', roles: ['staff'], needsComment: true },
    { action: 'send_to_review', from: ['screening'], to: 'in_review', roles: ['staff'] },
    { action: 'finish_review', from: ['in_review'], to: 'reviewed', roles: ['staff'] },
    { action: 'approve', from: ['reviewed', 'waitlisted'], to: 'approved', roles: ['staff'] },
    { action: 'waitlist', from: ['reviewed'], to: 'waitlisted', roles: ['staff'] },
    { action: 'decline', from: ['reviewed', 'waitlisted'], to: 'declined', roles: ['staff'] },
    // Taken only by the award service, which also writes the commitment to the ledger.
    { action: 'award', from: ['approved'], to: 'awarded', roles: ['staff'] },
    // Taken when the first tranche is paid: from then on the grantee reports.
    { action: 'start_reporting', from: ['awarded'], to: 'reporting', roles: ['staff'] },
    { action: 'close', from: ['reporting'], to: 'closed', roles: ['staff'] },
    { action: 'withdraw', from: WITHDRAWABLE, to: 'withdrawn', roles: ['applicant'], needsComment: false },
  ],
};

/** Actions that only a dedicated service step may take (they need more than a click: money, a form). */
export const SERVICE_ONLY_ACTIONS: readonly ApplicationAction[] = [
  'award',
  'start_reporting',
  'close',
  'submit',
  'submit_concept',
  'resubmit',
];

/** Where the applicant's status page puts the application in the overall journey. */
export function isFinal(state: ApplicationState): boolean {
  return ['concept_declined', 'ineligible', 'declined', 'closed', 'withdrawn'].includes(state);
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

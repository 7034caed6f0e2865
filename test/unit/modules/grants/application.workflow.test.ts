import assert from 'node:assert/strict';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  JOURNEY_STEPS,
  JOURNEY_STEP_OF,
  DECISION_ACTIONS,
  SERVICE_ACTIONS,
  STAFF_HEAR_OF,
  STAFF_ONLY_COMMENTS,
  SUBMIT_ACTIONS,
  TRANSITION_EFFECT_NAMES,
  WORKFLOW_ROLES,
  applicationWorkflow,
  mayReadComment,
  mayReadDecisionNotes,
  submitActionOf,
  type ApplicationState,
} from '../../../../src/modules/grants/application.workflow.js';
import { assertTransition, availableActions, finalStates, reachableStates } from '../../../../src/shared/workflow.js';
import { ForbiddenError, InvalidTransitionError } from '../../../../src/shared/errors.js';

/**
 * The workflow as the issue describes it, written out independently of the declaration: every
 * (state, action, role) not listed here must be refused.
 */
const EXPECTED: Record<string, { from: ApplicationState[]; to: ApplicationState; role: 'applicant' | 'staff' }> = {
  submit_concept: { from: ['concept_draft'], to: 'concept_submitted', role: 'applicant' },
  invite: { from: ['concept_submitted'], to: 'invited', role: 'staff' },
  decline_concept: { from: ['concept_submitted'], to: 'concept_declined', role: 'staff' },
  submit: { from: ['draft', 'invited'], to: 'submitted', role: 'applicant' },
  start_screening: { from: ['submitted'], to: 'screening', role: 'staff' },
  request_info: { from: ['screening'], to: 'more_info', role: 'staff' },
  resubmit: { from: ['more_info'], to: 'submitted', role: 'applicant' },
  mark_ineligible: { from: ['screening'], to: 'ineligible', role: 'staff' },
  send_to_review: { from: ['screening'], to: 'in_review', role: 'staff' },
  finish_review: { from: ['in_review'], to: 'reviewed', role: 'staff' },
  approve: { from: ['reviewed', 'waitlisted'], to: 'approved', role: 'staff' },
  waitlist: { from: ['reviewed'], to: 'waitlisted', role: 'staff' },
  decline: { from: ['reviewed', 'waitlisted'], to: 'declined', role: 'staff' },
  award: { from: ['approved'], to: 'awarded', role: 'staff' },
  start_reporting: { from: ['awarded'], to: 'reporting', role: 'staff' },
  close: { from: ['reporting'], to: 'closed', role: 'staff' },
  withdraw: {
    from: ['concept_draft', 'concept_submitted', 'invited', 'draft', 'submitted', 'screening', 'more_info'],
    to: 'withdrawn',
    role: 'applicant',
  },
};

describe('application workflow', () => {
  it('declares every action of the issue, and nothing more', () => {
    assert.deepEqual([...APPLICATION_ACTIONS].sort(), Object.keys(EXPECTED).sort());
  });

  for (const action of APPLICATION_ACTIONS) {
    it(`allows ${action} only from its states and only for its role`, () => {
      const expected = EXPECTED[action];
      assert.ok(expected);
      let allowed = 0;
      for (const state of APPLICATION_STATES) {
        for (const role of WORKFLOW_ROLES) {
          const should = expected.from.includes(state) && expected.role === role;
          if (should) {
            assert.equal(assertTransition(applicationWorkflow, state, action, [role]).to, expected.to);
            assert.ok(availableActions(applicationWorkflow, state, [role]).some((t) => t.action === action));
            allowed += 1;
          } else {
            const expectedError = expected.from.includes(state) ? ForbiddenError : InvalidTransitionError;
            assert.throws(
              () => assertTransition(applicationWorkflow, state, action, [role]),
              expectedError,
              `${action} from ${state} as ${role}`,
            );
            assert.ok(
              !availableActions(applicationWorkflow, state, [role]).some((t) => t.action === action),
              `${action} offered from ${state} to ${role}`,
            );
          }
        }
      }
      assert.equal(allowed, expected.from.length);
    });
  }

  it('refuses everything to someone with no role on the application (a reviewer, a stranger)', () => {
    for (const state of APPLICATION_STATES) assert.deepEqual(availableActions(applicationWorkflow, state, []), []);
  });

  it('reaches every state, and ends only in the final ones', () => {
    assert.deepEqual([...reachableStates(applicationWorkflow)].sort(), [...APPLICATION_STATES].sort());
    assert.deepEqual(finalStates(applicationWorkflow).sort(), [
      'closed',
      'concept_declined',
      'declined',
      'ineligible',
      'withdrawn',
    ]);
  });

  it('places every state on a step of the journey', () => {
    for (const state of APPLICATION_STATES) assert.ok(JOURNEY_STEPS.includes(JOURNEY_STEP_OF[state]), state);
  });
});

/**
 * What each transition is, who reads its comment and what it does besides moving, written out
 * independently of the declaration (the service, the pages and the mails read these from the table).
 */
const EXPECTED_KIND: Record<string, string> = {
  submit_concept: 'submit',
  submit: 'submit',
  resubmit: 'submit',
  withdraw: 'withdraw',
  invite: 'step',
  decline_concept: 'step',
  start_screening: 'step',
  request_info: 'step',
  mark_ineligible: 'step',
  send_to_review: 'step',
  finish_review: 'step',
  approve: 'decision',
  waitlist: 'decision',
  decline: 'decision',
  award: 'service',
  start_reporting: 'service',
  close: 'service',
};
/** The committee's meeting notes (decisions, closing the review) and the award's conditions. */
const EXPECTED_STAFF_ONLY = ['approve', 'award', 'decline', 'finish_review', 'waitlist'];
const EXPECTED_EFFECT: Record<string, string | undefined> = {
  submit_concept: 'hand_in',
  submit: 'hand_in',
  resubmit: 'answer_info',
  invite: 'open_full_proposal',
  request_info: 'ask_for_info',
  finish_review: 'require_a_review',
  approve: 'record_decision',
  waitlist: 'record_decision',
  decline: 'record_decision',
};

describe('application workflow: kinds, comment readers and effects', () => {
  it('gives every transition its kind, its comment readers and its effect', () => {
    for (const t of applicationWorkflow.transitions) {
      assert.equal(t.kind, EXPECTED_KIND[t.action], `${t.action} kind`);
      assert.equal(t.commentFor, EXPECTED_STAFF_ONLY.includes(t.action) ? 'staff' : 'all', `${t.action} comment`);
      assert.equal(t.effect, EXPECTED_EFFECT[t.action], `${t.action} effect`);
    }
  });

  it('uses every named effect, and service steps have none (their own service does the work)', () => {
    const used = new Set(applicationWorkflow.transitions.map((t) => t.effect).filter(Boolean));
    assert.deepEqual([...used].sort(), [...TRANSITION_EFFECT_NAMES].sort());
    for (const t of applicationWorkflow.transitions) if (t.kind === 'service') assert.equal(t.effect, undefined);
  });

  it('derives the lists the service, the pages and the mails use', () => {
    assert.deepEqual([...SUBMIT_ACTIONS].sort(), ['resubmit', 'submit', 'submit_concept']);
    assert.deepEqual([...SERVICE_ACTIONS].sort(), ['award', 'close', 'start_reporting']);
    assert.deepEqual([...DECISION_ACTIONS].sort(), ['approve', 'decline', 'waitlist']);
    assert.deepEqual([...STAFF_HEAR_OF].sort(), ['resubmit', 'submit', 'submit_concept', 'withdraw']);
    assert.deepEqual([...STAFF_ONLY_COMMENTS].sort(), EXPECTED_STAFF_ONLY);
  });

  it('keeps the meeting notes from the applicant: history comments and the decision’s notes', () => {
    for (const action of EXPECTED_STAFF_ONLY) {
      assert.equal(mayReadComment(action, ['applicant']), false, action);
      assert.equal(mayReadComment(action, []), false, `${action} (a reviewer)`);
      assert.equal(mayReadComment(action, ['staff']), true, action);
      assert.equal(mayReadComment(action, ['applicant', 'staff']), true, `${action} (staff who are members)`);
    }
    assert.equal(mayReadComment('request_info', ['applicant']), true);
    assert.equal(mayReadComment('create', []), true, 'the history’s first entry is no transition');
    assert.equal(mayReadDecisionNotes(['applicant']), false);
    assert.equal(mayReadDecisionNotes([]), false);
    assert.equal(mayReadDecisionNotes(['staff']), true);
  });

  it('picks the hand-in the applicant’s submit button takes', () => {
    assert.equal(submitActionOf([{ action: 'withdraw' }, { action: 'resubmit' }]), 'resubmit');
    assert.equal(submitActionOf([{ action: 'submit_concept' }]), 'submit_concept');
    assert.equal(submitActionOf([{ action: 'withdraw' }]), undefined);
    assert.equal(submitActionOf([]), undefined);
  });
});

import assert from 'node:assert/strict';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  JOURNEY_STEPS,
  JOURNEY_STEP_OF,
  WORKFLOW_ROLES,
  applicationWorkflow,
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

import assert from 'node:assert/strict';
import {
  AWAITING_GRANTEE,
  REPORT_ACTIONS,
  REPORT_MOVERS,
  REPORT_STATUSES,
  moveReport,
  reportWorkflow,
  type ReportMover,
} from '../../../../src/modules/grants/grant-report.status.js';
import { finalStates, reachableStates } from '../../../../src/shared/workflow.js';
import { ForbiddenError, InvalidTransitionError } from '../../../../src/shared/errors.js';

/** Written out independently of the declaration: the grantee sends (again when returned), staff read. */
const EXPECTED: Record<string, { from: string[]; to: string; by: ReportMover }> = {
  submit: { from: ['due', 'returned'], to: 'submitted', by: 'grantee' },
  accept: { from: ['submitted'], to: 'accepted', by: 'staff' },
  return: { from: ['submitted'], to: 'returned', by: 'staff' },
};

describe('grant report status (grant-report.status.ts)', () => {
  for (const action of REPORT_ACTIONS)
    it(`${action}: only from ${EXPECTED[action]?.from.join(', ')}, only by ${EXPECTED[action]?.by}`, () => {
      const expected = EXPECTED[action];
      assert.ok(expected);
      for (const from of REPORT_STATUSES)
        for (const by of REPORT_MOVERS) {
          const report = { status: from as string };
          if (expected.from.includes(from) && expected.by === by) {
            assert.equal(moveReport(report, action, by), expected.to);
            assert.equal(report.status, expected.to);
          } else {
            const error = expected.from.includes(from) ? ForbiddenError : InvalidTransitionError;
            assert.throws(() => moveReport(report, action, by), error, `${action} from ${from} by ${by}`);
            assert.equal(report.status, from, 'nothing written');
          }
        }
    });

  it('starts due, reaches every status, and ends accepted', () => {
    assert.deepEqual(reportWorkflow.initial, ['due']);
    assert.deepEqual([...reachableStates(reportWorkflow)].sort(), [...REPORT_STATUSES].sort());
    assert.deepEqual(finalStates(reportWorkflow), ['accepted']);
  });

  it('waits for the grantee while due or returned (reminders, the applicant’s next step)', () => {
    assert.deepEqual([...AWAITING_GRANTEE].sort(), ['due', 'returned']);
  });
});

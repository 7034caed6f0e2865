import assert from 'node:assert/strict';
import {
  TRANCHE_ACTIONS,
  TRANCHE_STATUSES,
  moveTranche,
  trancheWorkflow,
} from '../../../../src/modules/grants/tranche.status.js';
import { canTake, finalStates, reachableStates } from '../../../../src/shared/workflow.js';
import { InvalidTransitionError } from '../../../../src/shared/errors.js';

/** Written out independently of the declaration: a report's acceptance releases, staff pay. */
const EXPECTED: Record<string, { from: string; to: string }> = {
  release: { from: 'pending', to: 'released' },
  pay: { from: 'released', to: 'paid' },
};

describe('grant tranche status (tranche.status.ts)', () => {
  for (const action of TRANCHE_ACTIONS)
    it(`${action}: only ${EXPECTED[action]?.from} → ${EXPECTED[action]?.to}`, () => {
      for (const from of TRANCHE_STATUSES) {
        const tranche = { status: from as string };
        if (EXPECTED[action]?.from === from) {
          assert.ok(canTake(trancheWorkflow, from, action));
          assert.equal(moveTranche(tranche, action), EXPECTED[action]?.to);
          assert.equal(tranche.status, EXPECTED[action]?.to);
        } else {
          assert.ok(!canTake(trancheWorkflow, from, action));
          assert.throws(() => moveTranche(tranche, action), InvalidTransitionError, `${action} from ${from}`);
          assert.equal(tranche.status, from, 'nothing written');
        }
      }
    });

  it('starts released (the first) or pending (the others), and ends paid', () => {
    assert.deepEqual([...trancheWorkflow.initial].sort(), ['pending', 'released']);
    assert.deepEqual([...reachableStates(trancheWorkflow)].sort(), [...TRANCHE_STATUSES].sort());
    assert.deepEqual(finalStates(trancheWorkflow), ['paid']);
  });
});

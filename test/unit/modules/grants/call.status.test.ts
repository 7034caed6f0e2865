import assert from 'node:assert/strict';
import {
  CALL_MOVERS,
  CALL_STATUSES,
  CLOCK_MOVES_FROM,
  callWorkflow,
  moveCall,
  statusByTimes,
  type CallMover,
} from '../../../../src/modules/grants/call.status.js';
import { finalStates, reachableStates } from '../../../../src/shared/workflow.js';
import { ForbiddenError, InvalidTransitionError } from '../../../../src/shared/errors.js';

/**
 * Every move of a call written out independently of the declaration, as "from>to": who may make
 * it. Staff publish a draft where its times put it and follow edited times anywhere; the clock
 * (the agenda job) follows the times of the calls it reads (scheduled and open). Nothing goes back
 * to draft.
 */
const EXPECTED: Record<string, readonly CallMover[]> = {
  'draft>scheduled': ['staff'],
  'draft>open': ['staff'],
  'draft>closed': ['staff'],
  'scheduled>open': ['staff', 'clock'],
  'scheduled>closed': ['staff', 'clock'],
  'open>closed': ['staff', 'clock'],
  'open>scheduled': ['staff', 'clock'],
  'closed>open': ['staff'],
  'closed>scheduled': ['staff'],
};

describe('grant call status (call.status.ts)', () => {
  for (const from of CALL_STATUSES)
    for (const to of CALL_STATUSES) {
      if (from === to) continue;
      const allowed = EXPECTED[`${from}>${to}`] ?? [];
      it(`${from} → ${to}: ${allowed.length ? allowed.join(', ') : 'nobody'}`, () => {
        for (const by of CALL_MOVERS) {
          const call = { status: from as string };
          if (allowed.includes(by)) {
            assert.equal(moveCall(call, to, by), true);
            assert.equal(call.status, to);
          } else {
            assert.throws(() => moveCall(call, to, by), allowed.length ? ForbiddenError : InvalidTransitionError, by);
            assert.equal(call.status, from, 'nothing written');
          }
        }
      });
    }

  it('staying put is no move, for anybody', () => {
    for (const status of CALL_STATUSES)
      for (const by of CALL_MOVERS) {
        const call = { status: status as string };
        assert.equal(moveCall(call, status, by), false);
        assert.equal(call.status, status);
      }
  });

  it('starts as a draft, reaches every status, and has no end (an edit reopens a closed call)', () => {
    assert.deepEqual(callWorkflow.initial, ['draft']);
    assert.deepEqual([...reachableStates(callWorkflow)].sort(), [...CALL_STATUSES].sort());
    assert.deepEqual(finalStates(callWorkflow), []);
  });

  it('lets the clock read only the published calls not yet closed', () => {
    assert.deepEqual([...CLOCK_MOVES_FROM].sort(), ['open', 'scheduled']);
  });

  it('puts a published call where its times say (open from opensAt, closed from closesAt)', () => {
    const call = { opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-04-01T00:00:00Z') };
    assert.equal(statusByTimes(call, new Date('2026-02-28T23:59:59Z')), 'scheduled');
    assert.equal(statusByTimes(call, new Date('2026-03-01T00:00:00Z')), 'open');
    assert.equal(statusByTimes(call, new Date('2026-03-31T23:59:59Z')), 'open');
    assert.equal(statusByTimes(call, new Date('2026-04-01T00:00:00Z')), 'closed');
  });
});

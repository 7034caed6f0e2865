import assert from 'node:assert/strict';
import {
  RECURRING_GIFT_MOVERS,
  RECURRING_GIFT_STATUSES,
  isCancellable,
  recurringGiftMove,
  recurringGiftWorkflow,
  type RecurringGiftMover,
} from '../../../../src/modules/funds/recurring-gift.status.js';
import { finalStates, reachableStates } from '../../../../src/shared/workflow.js';

/** Every move of a monthly gift, written out independently: "from>to": who may make it. */
const EXPECTED: Record<string, readonly RecurringGiftMover[]> = {
  'pending>active': ['provider'],
  'past_due>active': ['provider'],
  'pending>past_due': ['provider'],
  'active>past_due': ['provider'],
  'pending>cancelled': ['provider', 'donor'],
  'active>cancelled': ['provider', 'donor'],
  'past_due>cancelled': ['provider', 'donor'],
  'expired>cancelled': ['provider'],
  'pending>expired': ['provider'],
};

describe('monthly gift status table', () => {
  it('allows exactly the listed moves, each to exactly the listed movers', () => {
    for (const from of RECURRING_GIFT_STATUSES) {
      for (const to of RECURRING_GIFT_STATUSES) {
        if (from === to) continue;
        for (const by of RECURRING_GIFT_MOVERS) {
          const allowed = (EXPECTED[`${from}>${to}`] ?? []).includes(by);
          assert.equal(recurringGiftMove(from, to, by) !== undefined, allowed, `${from} → ${to} by ${by}`);
        }
      }
    }
  });

  it('keeps a cancelled gift cancelled whatever arrives late, and reaches every state', () => {
    assert.deepEqual(finalStates(recurringGiftWorkflow), ['cancelled']);
    assert.deepEqual([...reachableStates(recurringGiftWorkflow)].sort(), [...RECURRING_GIFT_STATUSES].sort());
  });

  it('lets the donor cancel a gift that still runs or is being set up, not an ended one', () => {
    assert.deepEqual(RECURRING_GIFT_STATUSES.filter(isCancellable), ['pending', 'active', 'past_due']);
  });
});

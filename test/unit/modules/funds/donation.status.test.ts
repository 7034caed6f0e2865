import assert from 'node:assert/strict';
import {
  DONATION_MOVERS,
  DONATION_STATUSES,
  canMove,
  donationMove,
  donationWorkflow,
  isConfirmed,
  type DonationMover,
  type DonationStatus,
} from '../../../../src/modules/funds/donation.status.js';
import { finalStates, reachableStates } from '../../../../src/shared/workflow.js';

/**
 * Every move of a gift written out independently of the declaration, as "from>to": who may make
 * it. Anything not listed must be refused to everybody.
 */
const EXPECTED: Record<string, readonly DonationMover[]> = {
  'pending>processing': ['provider'],
  'pending>paid': ['provider', 'staff'],
  'processing>paid': ['provider', 'staff'],
  'pledged>paid': ['provider', 'staff'],
  'failed>paid': ['provider'],
  'expired>paid': ['provider'],
  'pending>failed': ['provider'],
  'processing>failed': ['provider'],
  'pledged>expired': ['provider'],
  'pending>expired': ['provider'],
  'processing>expired': ['provider'],
  'paid>partially_refunded': ['provider', 'staff'],
  'refunded>partially_refunded': ['provider', 'staff'],
  'paid>refunded': ['provider', 'staff'],
  'partially_refunded>refunded': ['provider', 'staff'],
  'partially_refunded>paid': ['provider'],
  'refunded>paid': ['provider'],
};

/** The ordinary moves (the old table): a late credit of a gift given up on is not one of them. */
const ORDINARY = new Set(Object.keys(EXPECTED).filter((move) => move !== 'failed>paid' && move !== 'expired>paid'));

describe('donation status table', () => {
  it('allows exactly the listed moves, each to exactly the listed movers', () => {
    for (const from of DONATION_STATUSES) {
      for (const to of DONATION_STATUSES) {
        if (from === to) continue;
        for (const by of DONATION_MOVERS) {
          const allowed = (EXPECTED[`${from}>${to}`] ?? []).includes(by);
          assert.equal(donationMove(from, to, by) !== undefined, allowed, `${from} → ${to} by ${by}`);
        }
      }
    }
  });

  it('says which moves are ordinary: a late event never pulls a confirmed gift back', () => {
    for (const from of DONATION_STATUSES) {
      for (const to of DONATION_STATUSES) {
        const expected = from === to || ORDINARY.has(`${from}>${to}`);
        assert.equal(canMove(from, to), expected, `${from} → ${to}`);
      }
    }
    assert.equal(donationMove('failed', 'paid', 'provider')?.late, true, 'money for a failed gift is a late credit');
    assert.equal(donationMove('pending', 'paid', 'provider')?.late, undefined);
  });

  it('reaches every state from the initial ones; failed and expired lead only to a late credit', () => {
    assert.deepEqual([...reachableStates(donationWorkflow)].sort(), [...DONATION_STATUSES].sort());
    assert.deepEqual(finalStates(donationWorkflow), []);
    const ordinaryFinal = DONATION_STATUSES.filter((s) => DONATION_STATUSES.every((t) => t === s || !canMove(s, t)));
    assert.deepEqual(ordinaryFinal, ['failed', 'expired']);
  });

  it('names each action once', () => {
    const actions = donationWorkflow.transitions.map((t) => t.action);
    assert.equal(new Set(actions).size, actions.length);
  });

  it('counts paid, partly refunded and refunded gifts as confirmed, nothing else', () => {
    const confirmed: DonationStatus[] = DONATION_STATUSES.filter(isConfirmed);
    assert.deepEqual(confirmed, ['paid', 'partially_refunded', 'refunded']);
  });
});

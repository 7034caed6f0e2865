import assert from 'node:assert/strict';
import { canMove } from '../../../../src/modules/funds/donation.status.js';
import {
  onlineAmountProblem,
  refundedTotal,
  statusAfterRefunds,
  MIN_ONLINE_SATANG,
  MAX_ONLINE_SATANG,
  feeToCover,
  FEE_RATE_BASIS_POINTS,
} from '../../../../src/modules/funds/donation.rules.js';

describe('gift rules', () => {
  it('enforces Stripe’s minimum and a sane maximum for online gifts', () => {
    assert.equal(onlineAmountProblem(MIN_ONLINE_SATANG - 1), 'below_minimum');
    assert.equal(onlineAmountProblem(MIN_ONLINE_SATANG), null);
    assert.equal(onlineAmountProblem(MAX_ONLINE_SATANG), null);
    assert.equal(onlineAmountProblem(MAX_ONLINE_SATANG + 1), 'above_maximum');
  });
  it('never lets a late event pull a confirmed gift back', () => {
    assert.ok(canMove('pending', 'paid'));
    assert.ok(canMove('processing', 'paid'));
    assert.ok(canMove('pledged', 'paid'));
    assert.equal(canMove('paid', 'processing'), false);
    assert.equal(canMove('paid', 'expired'), false);
    assert.equal(canMove('failed', 'paid'), false);
    assert.equal(canMove('expired', 'processing'), false);
  });
  it('counts refunds once whichever way Stripe reports them, capped at the gift', () => {
    const refunds = [
      { refundId: 're_1', amountSatang: 300, status: 'succeeded' as const },
      { refundId: 're_2', amountSatang: 500, status: 'pending' as const },
    ];
    assert.equal(refundedTotal(1000, refunds, 0), 300);
    assert.equal(refundedTotal(1000, refunds, 300), 300, 'the same refund seen twice');
    assert.equal(refundedTotal(1000, refunds, 800), 800, 'the charge knows more than the refunds seen so far');
    assert.equal(refundedTotal(1000, [{ refundId: 'x', amountSatang: 5000, status: 'succeeded' }], 0), 1000);
    assert.equal(refundedTotal(1000, [{ refundId: 'x', amountSatang: 500, status: 'failed' }], 0), 0);
    assert.equal(statusAfterRefunds(1000, 0), 'paid');
    assert.equal(statusAfterRefunds(1000, 1), 'partially_refunded');
    assert.equal(statusAfterRefunds(1000, 1000), 'refunded');
  });
});

describe('covering the payment fee', () => {
  it('adds enough that the fund receives the whole gift after the fee, never less', () => {
    for (const amount of [10_00, 99_99, 500_00, 1_000_00, 123_456_78, 500_000_00]) {
      for (const bp of [FEE_RATE_BASIS_POINTS.card, FEE_RATE_BASIS_POINTS.promptpay]) {
        const extra = feeToCover(amount, bp);
        const total = amount + extra;
        assert.ok(Number.isSafeInteger(extra) && extra > 0, `${amount} at ${bp}`);
        // What the fund keeps after the fee, rounded down: at least the gift, at most a satang over.
        const kept = total - Math.ceil((total * bp) / 10_000);
        assert.ok(kept >= amount - 1 && total - (total * bp) / 10_000 >= amount, `${amount} at ${bp}: keeps ${kept}`);
      }
    }
    assert.equal(feeToCover(1_000_00), 37_89);
    assert.equal(feeToCover(1_000_00, FEE_RATE_BASIS_POINTS.promptpay), 16_78);
  });

  it('adds nothing to nothing', () => {
    assert.equal(feeToCover(0), 0);
    assert.equal(feeToCover(100_00, 0), 0);
  });
});

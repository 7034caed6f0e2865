import assert from 'node:assert/strict';
import { checkPayout, type MatchedGift } from '../../../../src/modules/funds/payout.rules.js';
import type { PayoutTransaction } from '../../../../src/modules/funds/payments/index.js';

const txn = (over: Partial<PayoutTransaction>): PayoutTransaction => ({
  id: 'txn_1',
  type: 'charge',
  amountSatang: 1_000_00,
  feeSatang: 36_50,
  netSatang: 963_50,
  currency: 'thb',
  paymentIntentId: 'pi_1',
  ...over,
});

describe('a payout adds up', () => {
  const gifts = new Map<string, MatchedGift>([
    ['pi_1', { donationId: 'g1', feeSatang: 36_50 }],
    ['pi_2', { donationId: 'g2', feeSatang: null }],
  ]);
  const giftOf = (pi: string) => gifts.get(pi);

  it('when it equals the net of its payments and refunds, each one a gift of ours', () => {
    const check = checkPayout(
      { amountSatang: 963_50 + 483_50 - 100_00, currency: 'thb' },
      [
        txn({}),
        txn({ id: 'txn_2', amountSatang: 500_00, feeSatang: 16_50, netSatang: 483_50, paymentIntentId: 'pi_2' }),
        txn({ id: 'txn_3', type: 'refund', amountSatang: -100_00, feeSatang: 0, netSatang: -100_00 }),
        txn({ id: 'txn_po', type: 'payout', amountSatang: -1_347_00, feeSatang: 0, netSatang: -1_347_00 }),
      ],
      giftOf,
    );
    assert.deepEqual(check, {
      payments: 2,
      grossSatang: 1_500_00,
      feesSatang: 53_00,
      netSatang: 1_347_00,
      problems: [],
    });
  });

  it('lists a net that differs, a payment of nobody, a fee that differs and another currency', () => {
    const check = checkPayout(
      { amountSatang: 5_000_00, currency: 'usd' },
      [
        txn({ feeSatang: 40_00, netSatang: 960_00 }),
        txn({ id: 'txn_9', paymentIntentId: 'pi_unknown', currency: 'usd' }),
        txn({ id: 'txn_8', paymentIntentId: undefined }),
      ],
      giftOf,
    );
    assert.deepEqual(
      check.problems.map((p) => p.kind),
      ['currency', 'net_mismatch', 'fee_mismatch', 'currency', 'unmatched_payment', 'unmatched_payment'],
    );
    assert.deepEqual(check.problems[2], {
      kind: 'fee_mismatch',
      transactionId: 'txn_1',
      bookedSatang: 36_50,
      stripeSatang: 40_00,
    });
  });

  it('of nothing is a mismatch unless the payout is zero', () => {
    assert.deepEqual(checkPayout({ amountSatang: 0, currency: 'thb' }, [], giftOf).problems, []);
    assert.equal(checkPayout({ amountSatang: 1, currency: 'thb' }, [], giftOf).problems[0]?.kind, 'net_mismatch');
  });
});

import assert from 'node:assert/strict';
import {
  principalSatang,
  spendableSatang,
  totalsFromSums,
  ZERO_TOTALS,
} from '../../../../src/modules/funds/ledger.rules.js';

describe('ledger totals', () => {
  it('is zero for a fund with no entries', () => {
    assert.deepEqual(totalsFromSums({}), ZERO_TOTALS);
  });

  it('derives raised, refunded, committed, granted and available from signed sums', () => {
    // 1,000 given, 50 refunded, 300 awarded, 100 of it paid (release +100 / disbursement −100).
    const totals = totalsFromSums({
      donation: 100_000,
      refund: -5_000,
      grant_commitment: -30_000,
      commitment_release: 10_000,
      disbursement: -10_000,
    });
    assert.deepEqual(totals, {
      raisedSatang: 100_000,
      refundedSatang: 5_000,
      committedSatang: 20_000,
      grantedSatang: 10_000,
      availableSatang: 65_000,
    });
  });
});

describe('the endowment’s spendable money', () => {
  // ฿10,000 given, ฿1,000 of it refunded, ฿300 of returns recorded, ฿200 awarded.
  const totals = {
    raisedSatang: 10_000_00,
    refundedSatang: 1_000_00,
    grantedSatang: 0,
    committedSatang: 200_00,
    availableSatang: 10_000_00 - 1_000_00 + 300_00 - 200_00,
  };

  it('keeps the gifts less refunds as principal; other funds keep none', () => {
    assert.equal(principalSatang('endowment', totals), 9_000_00);
    assert.equal(principalSatang('sub_fund', totals), 0);
  });

  it('spends only what stands above the principal', () => {
    assert.equal(spendableSatang('endowment', totals), 100_00);
  });

  it('is never below zero, even when spending took the fund under its principal', () => {
    assert.equal(spendableSatang('endowment', { ...totals, availableSatang: 8_000_00 }), 0);
  });

  it('is the whole available balance of any other fund', () => {
    assert.equal(spendableSatang('sub_fund', totals), totals.availableSatang);
  });
});

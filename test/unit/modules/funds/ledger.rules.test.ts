import assert from 'node:assert/strict';
import { principalSatang, spendableSatang } from '../../../../src/modules/funds/ledger.rules.js';

describe('the endowment’s spendable money', () => {
  // ฿10,000 given, ฿1,000 of it refunded, ฿300 of returns recorded, ฿200 awarded.
  const totals = {
    raisedSatang: 10_000_00,
    refundedSatang: 1_000_00,
    feesSatang: 0,
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

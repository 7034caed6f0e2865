import assert from 'node:assert/strict';
import { totalsFromSums, ZERO_TOTALS } from '../../../../src/modules/funds/ledger.rules.js';

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

import assert from 'node:assert/strict';
import {
  awardProblems,
  budgetAgainstCap,
  budgetTotalSatang,
  callPhase,
  daysLeft,
  eligibilityProblems,
  inviteesForCall,
  splitTranches,
} from '../../../../src/modules/grants/grant.rules.js';

describe('grant rules', () => {
  it('totals budget lines in satang', () => {
    assert.equal(
      budgetTotalSatang([
        { item: 'อาหารว่าง', quantity: 40, unitCostSatang: 35_00 },
        { item: 'ค่าเดินทาง', quantity: 3, unitCostSatang: 1_250_50 },
      ]),
      40 * 35_00 + 3 * 1_250_50,
    );
    assert.equal(budgetTotalSatang([]), 0);
  });

  it('opens a call at its opening second and closes it at its closing second', () => {
    const call = { opensAt: new Date('2026-12-01T02:00:00Z'), closesAt: new Date('2026-12-31T10:00:00Z') };
    assert.equal(callPhase(call, new Date('2026-12-01T01:59:59.999Z')), 'upcoming');
    assert.equal(callPhase(call, new Date('2026-12-01T02:00:00Z')), 'open');
    assert.equal(callPhase(call, new Date('2026-12-31T09:59:59.999Z')), 'open');
    assert.equal(callPhase(call, new Date('2026-12-31T10:00:00Z')), 'closed');
    assert.equal(daysLeft(call.closesAt, new Date('2026-12-29T10:00:00Z')), 2);
    assert.equal(daysLeft(call.closesAt, new Date('2026-12-31T09:00:00Z')), 0);
  });

  it('checks eligibility by type, role, province and issue; empty rules let everyone in', () => {
    const org = { type: 'community_group', roles: ['recipient'], issues: ['elderly'], provinceCodes: ['32'] };
    assert.deepEqual(eligibilityProblems({ orgTypes: [], roles: [], provinces: [], issues: [] }, org), []);
    assert.deepEqual(
      eligibilityProblems(
        { orgTypes: ['foundation'], roles: ['recipient'], provinces: ['90'], issues: ['education'] },
        org,
      ),
      ['org_type', 'province', 'issue'],
    );
  });

  it('refuses awards above the request, the call maximum, the call budget or the fund’s money', () => {
    const base = {
      requestedSatang: 50_000_00,
      maxPerGrantSatang: 40_000_00,
      fundAvailableSatang: 30_000_00,
      callRemainingSatang: 100_000_00,
    };
    assert.deepEqual(awardProblems({ ...base, amountSatang: 30_000_00 }), []);
    assert.deepEqual(awardProblems({ ...base, amountSatang: 45_000_00 }), ['above_call_maximum', 'above_available']);
    assert.deepEqual(awardProblems({ ...base, amountSatang: 60_000_00, callRemainingSatang: 50_000_00 }), [
      'above_requested',
      'above_call_maximum',
      'above_call_budget',
      'above_available',
    ]);
    assert.deepEqual(awardProblems({ ...base, amountSatang: -1 }), ['not_positive']);
    assert.deepEqual(awardProblems({ ...base, amountSatang: 10.5 }), ['not_positive']);
  });

  it('splits an award into tranches that add up exactly', () => {
    assert.deepEqual(splitTranches(100_000_00, [60, 40]), [60_000_00, 40_000_00]);
    assert.deepEqual(splitTranches(100_01, [1, 1, 1]), [33_35, 33_33, 33_33]);
    assert.throws(() => splitTranches(100, [100, 0]), RangeError);
  });

  it('suggests eligible, willing organisations to invite, with their reasons; never those applying, opted out or ineligible', () => {
    const base = {
      type: 'community_group',
      roles: ['recipient'],
      provinceCodes: ['90'],
      needsMoney: false,
      grantsReceived: 1,
      verified: false,
      matchingOptIn: true,
    };
    const rules = { orgTypes: [], roles: ['recipient'], provinces: ['90'], issues: ['elderly', 'health'] };
    const ranked = inviteesForCall(
      rules,
      [
        { ...base, id: 'both-issues', issues: ['elderly', 'health', 'culture'] },
        { ...base, id: 'one-issue-needs-money-new', issues: ['elderly'], needsMoney: true, grantsReceived: 0 },
        { ...base, id: 'applied', issues: ['elderly'] },
        { ...base, id: 'opted-out', issues: ['elderly'], matchingOptIn: false },
        { ...base, id: 'elsewhere', issues: ['elderly'], provinceCodes: ['10'] },
        { ...base, id: 'giver', issues: ['elderly'], roles: ['giver'] },
        { ...base, id: 'other-issue', issues: ['culture'] },
      ],
      new Set(['applied']),
    );
    assert.deepEqual(
      ranked.map((r) => [r.id, r.score]),
      [
        ['both-issues', 40],
        ['one-issue-needs-money-new', 40],
      ],
    );
    assert.deepEqual(
      ranked[1]?.factors.map((f) => f.key),
      ['issue', 'needsMoney', 'neverFunded'],
    );
  });

  it('the budget against the cap, in integer satang; a draft may be over', () => {
    assert.deepEqual(
      budgetAgainstCap(
        [
          { quantity: 1, unitCostSatang: 30_000_00 },
          { quantity: 50, unitCostSatang: 400_00 },
          { quantity: 1, unitCostSatang: 6_500_00 },
        ],
        50_000_00,
      ),
      { totalSatang: 56_500_00, maxSatang: 50_000_00, overSatang: 6_500_00, over: true },
    );
    assert.equal(budgetAgainstCap([], 50_000_00).over, false);
  });
});

import assert from 'node:assert/strict';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  WORKFLOW_ROLES,
  applicationWorkflow,
  type ApplicationState,
} from '../../../src/modules/grants/application.workflow.js';
import { assertTransition, availableActions, finalStates, reachableStates } from '../../../src/shared/workflow.js';
import { ForbiddenError, InvalidTransitionError } from '../../../src/shared/errors.js';
import {
  checkScores,
  disagrees,
  normalisedScores,
  rankApplications,
  weightedScore,
  type Rubric,
  type SubmittedReview,
} from '../../../src/modules/grants/review.scoring.js';
import { detectConflicts, planAssignments } from '../../../src/modules/grants/review.assignment.js';
import {
  awardProblems,
  budgetTotalSatang,
  callPhase,
  daysLeft,
  eligibilityProblems,
  inviteesForCall,
  splitTranches,
} from '../../../src/modules/grants/grant.rules.js';

/**
 * The workflow as the issue describes it, written out independently of the declaration: every
 * (state, action, role) not listed here must be refused.
 */
const EXPECTED: Record<string, { from: ApplicationState[]; to: ApplicationState; role: 'applicant' | 'staff' }> = {
  submit_concept: { from: ['concept_draft'], to: 'concept_submitted', role: 'applicant' },
  invite: { from: ['concept_submitted'], to: 'invited', role: 'staff' },
  decline_concept: { from: ['concept_submitted'], to: 'concept_declined', role: 'staff' },
  submit: { from: ['draft', 'invited'], to: 'submitted', role: 'applicant' },
  start_screening: { from: ['submitted'], to: 'screening', role: 'staff' },
  request_info: { from: ['screening'], to: 'more_info', role: 'staff' },
  resubmit: { from: ['more_info'], to: 'submitted', role: 'applicant' },
  mark_ineligible: { from: ['screening'], to: 'ineligible', role: 'staff' },
  send_to_review: { from: ['screening'], to: 'in_review', role: 'staff' },
  finish_review: { from: ['in_review'], to: 'reviewed', role: 'staff' },
  approve: { from: ['reviewed', 'waitlisted'], to: 'approved', role: 'staff' },
  waitlist: { from: ['reviewed'], to: 'waitlisted', role: 'staff' },
  decline: { from: ['reviewed', 'waitlisted'], to: 'declined', role: 'staff' },
  award: { from: ['approved'], to: 'awarded', role: 'staff' },
  start_reporting: { from: ['awarded'], to: 'reporting', role: 'staff' },
  close: { from: ['reporting'], to: 'closed', role: 'staff' },
  withdraw: {
    from: ['concept_draft', 'concept_submitted', 'invited', 'draft', 'submitted', 'screening', 'more_info'],
    to: 'withdrawn',
    role: 'applicant',
  },
};

describe('application workflow', () => {
  it('declares every action of the issue, and nothing more', () => {
    assert.deepEqual([...APPLICATION_ACTIONS].sort(), Object.keys(EXPECTED).sort());
  });

  for (const action of APPLICATION_ACTIONS) {
    it(`allows ${action} only from its states and only for its role`, () => {
      const expected = EXPECTED[action];
      assert.ok(expected);
      let allowed = 0;
      for (const state of APPLICATION_STATES) {
        for (const role of WORKFLOW_ROLES) {
          const should = expected.from.includes(state) && expected.role === role;
          if (should) {
            assert.equal(assertTransition(applicationWorkflow, state, action, [role]).to, expected.to);
            assert.ok(availableActions(applicationWorkflow, state, [role]).some((t) => t.action === action));
            allowed += 1;
          } else {
            const expectedError = expected.from.includes(state) ? ForbiddenError : InvalidTransitionError;
            assert.throws(
              () => assertTransition(applicationWorkflow, state, action, [role]),
              expectedError,
              `${action} from ${state} as ${role}`,
            );
            assert.ok(
              !availableActions(applicationWorkflow, state, [role]).some((t) => t.action === action),
              `${action} offered from ${state} to ${role}`,
            );
          }
        }
      }
      assert.equal(allowed, expected.from.length);
    });
  }

  it('refuses everything to someone with no role on the application (a reviewer, a stranger)', () => {
    for (const state of APPLICATION_STATES) assert.deepEqual(availableActions(applicationWorkflow, state, []), []);
  });

  it('reaches every state, and ends only in the final ones', () => {
    assert.deepEqual([...reachableStates(applicationWorkflow)].sort(), [...APPLICATION_STATES].sort());
    assert.deepEqual(finalStates(applicationWorkflow).sort(), [
      'closed',
      'concept_declined',
      'declined',
      'ineligible',
      'withdrawn',
    ]);
  });
});

const rubric: Rubric = {
  criteria: [
    { key: 'need', weight: 3 },
    { key: 'feasibility', weight: 2 },
    { key: 'community', weight: 1 },
  ],
  scale: { min: 1, max: 5 },
};

const review = (
  applicationId: string,
  reviewerId: string,
  need: number,
  feasibility: number,
  community: number,
  recommendation: SubmittedReview['recommendation'] = 'fund',
): SubmittedReview => ({
  applicationId,
  reviewerId,
  scores: { need, feasibility, community },
  recommendation,
});

describe('review scoring', () => {
  it('weights each criterion (hand-checked: (5×3 + 3×2 + 1×1) / 6 = 22/6)', () => {
    assert.equal(weightedScore(rubric, { need: 5, feasibility: 3, community: 1 }), 22 / 6);
    assert.equal(weightedScore(rubric, { need: 1, feasibility: 1, community: 1 }), 1);
  });

  it('accepts only whole scores on the scale for every criterion', () => {
    assert.deepEqual(checkScores(rubric, { need: 5, feasibility: 3, community: 1 }), []);
    assert.deepEqual(checkScores(rubric, { need: 6, feasibility: 0, community: 2.5, extra: 3 }), [
      { criterion: 'extra', problem: 'unknown_criterion' },
      { criterion: 'need', problem: 'out_of_scale' },
      { criterion: 'feasibility', problem: 'out_of_scale' },
      { criterion: 'community', problem: 'not_integer' },
    ]);
    assert.deepEqual(checkScores(rubric, { need: '5' as unknown as number, feasibility: 3 }), [
      { criterion: 'need', problem: 'not_integer' },
      { criterion: 'community', problem: 'missing' },
    ]);
  });

  it('normalises each reviewer against their own scores (z-scores), and not at all without spread', () => {
    // Reviewer "kind" gives 5 and 4; reviewer "strict" gives 3 and 2: same order, different habits.
    const reviews = [
      review('a', 'kind', 5, 5, 5),
      review('b', 'kind', 4, 4, 4),
      review('a', 'strict', 3, 3, 3),
      review('b', 'strict', 2, 2, 2),
      review('a', 'flat', 3, 3, 3),
      review('b', 'flat', 3, 3, 3),
      review('a', 'once', 4, 4, 4),
    ];
    const z = normalisedScores(rubric, reviews);
    assert.equal(z.get(reviews[0] as SubmittedReview), 1);
    assert.equal(z.get(reviews[1] as SubmittedReview), -1);
    assert.equal(z.get(reviews[2] as SubmittedReview), 1, 'a strict reviewer’s best is as good as a kind one’s best');
    assert.equal(z.get(reviews[4] as SubmittedReview), null, 'no spread: not normalisable');
    assert.equal(z.get(reviews[6] as SubmittedReview), null, 'one review: not normalisable');
  });

  it('flags disagreement: scores more than a third of the scale apart, or fund against do-not-fund', () => {
    assert.equal(disagrees(rubric, [4, 3], ['fund', 'fund']), false);
    assert.equal(disagrees(rubric, [5, 3], ['fund', 'fund']), true, 'spread 2 > 4/3');
    assert.equal(disagrees(rubric, [4, 4], ['fund', 'do_not_fund']), true);
    assert.equal(disagrees(rubric, [2], ['do_not_fund']), false, 'one review cannot disagree');
  });

  it('ranks by weighted mean, breaks ties by reviews done then normalised score, and puts unreviewed last', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const apps = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
      id,
      requestedSatang: 100_000_00,
      reviewsAssigned: 2,
      submittedAt: new Date(at.getTime() + i),
    }));
    const reviews = [
      review('a', 'r1', 4, 4, 4),
      review('a', 'r2', 4, 4, 4), // mean 4, two reviews
      review('b', 'r1', 4, 4, 4), // mean 4, one review: below a
      review('c', 'r1', 5, 5, 5),
      review('c', 'r2', 3, 3, 3), // mean 4, two reviews, far apart
      review('d', 'r2', 5, 5, 5),
      review('d', 'r1', 5, 5, 5), // mean 5: first
    ];
    const ranked = rankApplications(rubric, apps, reviews, 1_000_000_00);
    // a and c tie on mean (4) and reviews done (2). Against each reviewer's own habits
    // (hand-checked): r1 scored 4,4,5,5 → z(a) = −1, z(c) = +1; r2 scored 4,3,5 → z(a) = 0,
    // z(c) = −1.22. Mean z: a −0.5, c −0.11, so c ranks above a.
    assert.deepEqual(
      ranked.map((r) => r.id),
      ['d', 'c', 'a', 'b', 'e'],
    );
    assert.equal(ranked.at(-1)?.meanScore, null);
    assert.equal(ranked.find((r) => r.id === 'b')?.rank, 4, 'fewer reviews lose the tie');
    const c = ranked.find((r) => r.id === 'c');
    assert.equal(c?.spread, 2);
    assert.equal(c?.disagreement, true);
  });

  it('draws the funding line where the money runs out, in rank order', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const apps = [
      { id: 'top', requestedSatang: 60_000_00, reviewsAssigned: 1, submittedAt: at },
      { id: 'second', requestedSatang: 50_000_00, reviewsAssigned: 1, submittedAt: at },
      { id: 'small', requestedSatang: 10_000_00, reviewsAssigned: 1, submittedAt: at },
    ];
    const reviews = [review('top', 'r', 5, 5, 5), review('second', 'r', 4, 4, 4), review('small', 'r', 3, 3, 3)];
    const ranked = rankApplications(rubric, apps, reviews, 100_000_00);
    assert.deepEqual(
      ranked.map((r) => [r.id, r.aboveLine, r.cumulativeSatang]),
      [
        ['top', true, 60_000_00],
        ['second', false, 110_000_00],
        ['small', false, 120_000_00],
      ],
    );
    assert.equal(
      rankApplications(rubric, apps, reviews, 120_000_00).every((r) => r.aboveLine),
      true,
      'exactly enough money funds all',
    );
    assert.equal(
      rankApplications(rubric, apps, [], 1_000_000_00).some((r) => r.aboveLine),
      false,
      'nothing unreviewed is suggested',
    );
  });
});

describe('conflicts of interest and assignment', () => {
  const applicant = { orgId: 'org-a', memberUserIds: ['u-member'], networkIds: ['net-1'] };

  it('finds members of the applicant and members of organisations in its networks', () => {
    assert.deepEqual(detectConflicts({ userId: 'u-member', organisations: [] }, applicant), ['member_of_applicant']);
    assert.deepEqual(
      detectConflicts({ userId: 'u-x', organisations: [{ orgId: 'org-b', networkIds: ['net-1'] }] }, applicant),
      ['shared_network'],
    );
    assert.deepEqual(
      detectConflicts({ userId: 'u-y', organisations: [{ orgId: 'org-c', networkIds: ['net-2'] }] }, applicant),
      [],
    );
    assert.deepEqual(
      detectConflicts({ userId: 'u-z', organisations: [{ orgId: 'org-a', networkIds: ['net-1'] }] }, applicant),
      ['member_of_applicant'],
    );
  });

  it('balances load, prefers matching issues, and never assigns a conflicted reviewer', () => {
    const reviewers = [
      { userId: 'r1', issues: ['elderly'], load: 0 },
      { userId: 'r2', issues: ['education'], load: 0 },
      { userId: 'r3', issues: [], load: 0 },
    ];
    const apps = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({
      id,
      issues: ['elderly'],
      assigned: [] as string[],
      conflicted: id === 'a1' ? ['r1'] : [],
    }));
    const plan = planAssignments(apps, reviewers, 2);
    assert.equal(plan.assignments.length, 12);
    assert.ok(!plan.assignments.some((a) => a.applicationId === 'a1' && a.reviewerId === 'r1'));
    const loads = reviewers.map((r) => plan.assignments.filter((a) => a.reviewerId === r.userId).length);
    assert.deepEqual(loads, [4, 4, 4], 'twelve reviews over three reviewers');
    for (const app of apps)
      assert.equal(
        new Set(plan.assignments.filter((a) => a.applicationId === app.id).map((a) => a.reviewerId)).size,
        2,
        'two different reviewers each',
      );
  });

  it('reports applications that cannot get enough non-conflicted reviewers', () => {
    const plan = planAssignments(
      [{ id: 'a', issues: [], assigned: ['r1'], conflicted: ['r2'] }],
      [
        { userId: 'r1', issues: [], load: 1 },
        { userId: 'r2', issues: [], load: 0 },
      ],
      3,
    );
    assert.deepEqual(plan.assignments, []);
    assert.deepEqual(plan.short, [{ applicationId: 'a', missing: 2 }]);
  });
});

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
});

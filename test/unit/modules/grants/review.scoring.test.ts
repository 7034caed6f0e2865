import assert from 'node:assert/strict';
import {
  checkScores,
  disagrees,
  fundingLine,
  normalisedScores,
  rankApplications,
  weightedScore,
  type Rubric,
  type SubmittedReview,
} from '../../../../src/modules/grants/review.scoring.js';

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

  it('draws the line over the rows in it only: funded or declined rows neither count nor sit above it', () => {
    const rows = [
      { requestedSatang: 40_000_00, meanScore: 4.5 }, // already awarded: out of the line
      { requestedSatang: 50_000_00, meanScore: 4 },
      { requestedSatang: 30_000_00, meanScore: 3.5 },
      { requestedSatang: 10_000_00, meanScore: 3 }, // does not fit (90k > 80k): the line ends here
      { requestedSatang: 1_00, meanScore: 2 }, // would fit, but a committee funds in rank order
    ];
    assert.deepEqual(
      fundingLine(rows, 80_000_00, (i) => i !== 0),
      [
        { aboveLine: false, cumulativeSatang: 0 },
        { aboveLine: true, cumulativeSatang: 50_000_00 },
        { aboveLine: true, cumulativeSatang: 80_000_00 },
        { aboveLine: false, cumulativeSatang: 90_000_00 },
        { aboveLine: false, cumulativeSatang: 90_001_00 },
      ],
    );
  });

  it('ends the line at the first unscored row, and at nothing when there is no money', () => {
    const rows = [
      { requestedSatang: 10_00, meanScore: 5 },
      { requestedSatang: 10_00, meanScore: null },
      { requestedSatang: 10_00, meanScore: 4 },
    ];
    assert.deepEqual(
      fundingLine(rows, 1_000_00).map((p) => p.aboveLine),
      [true, false, false],
    );
    assert.deepEqual(
      fundingLine(rows, 0).map((p) => p.aboveLine),
      [false, false, false],
    );
    assert.deepEqual(fundingLine([], 1_000_00), []);
  });
});

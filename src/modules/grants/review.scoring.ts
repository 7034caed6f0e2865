/**
 * Committee scoring, pure: a review's weighted score, each reviewer's scores normalised against
 * their own habits, the ranking of a call's applications, how much reviewers disagree, and the
 * suggested funding line. The decision view is built from these alone (bench/: 500 applications
 * × 5 reviews well under the 200 ms target).
 *
 * Why z-scores: one reviewer gives everything 4–5, another 2–3. Their raw means rank
 * applications by who happened to review them. A z-score says how far a review sits from that
 * reviewer's own average, in that reviewer's own spread, so staff can see when a rank is only a
 * reviewer's generosity. Raw weighted means still rank (they are what the committee agreed to);
 * normalised scores sit beside them.
 */

export interface Criterion {
  key: string;
  /** Relative importance; any positive numbers (they are divided by their sum). */
  weight: number;
}

export interface Scale {
  min: number;
  max: number;
}

export interface Rubric {
  criteria: readonly Criterion[];
  scale: Scale;
}

export const RECOMMENDATIONS = ['fund', 'fund_with_conditions', 'do_not_fund'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export interface SubmittedReview {
  applicationId: string;
  reviewerId: string;
  scores: Readonly<Record<string, number>>;
  recommendation: Recommendation;
}

/** A problem with a set of scores: the criterion and why. */
export interface ScoreProblem {
  criterion: string;
  problem: 'missing' | 'not_integer' | 'out_of_scale' | 'unknown_criterion';
}

/** Every criterion scored with a whole number on the scale, and nothing else. */
export function checkScores(rubric: Rubric, scores: Readonly<Record<string, unknown>>): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const keys = new Set(rubric.criteria.map((c) => c.key));
  for (const key of Object.keys(scores))
    if (!keys.has(key)) problems.push({ criterion: key, problem: 'unknown_criterion' });
  for (const { key } of rubric.criteria) {
    const value = scores[key];
    if (value === undefined || value === null) problems.push({ criterion: key, problem: 'missing' });
    else if (typeof value !== 'number' || !Number.isInteger(value))
      problems.push({ criterion: key, problem: 'not_integer' });
    else if (value < rubric.scale.min || value > rubric.scale.max)
      problems.push({ criterion: key, problem: 'out_of_scale' });
  }
  return problems;
}

/** The weighted mean of one review's scores, on the rubric's scale. */
export function weightedScore(rubric: Rubric, scores: Readonly<Record<string, number>>): number {
  let total = 0;
  let weights = 0;
  for (const { key, weight } of rubric.criteria) {
    const value = scores[key];
    if (value === undefined) continue;
    total += value * weight;
    weights += weight;
  }
  return weights === 0 ? 0 : total / weights;
}

/** A weighted score as a percentage of the scale (min → 0, max → 100), for people who think in %. */
export function asPercent(rubric: Rubric, score: number): number {
  const span = rubric.scale.max - rubric.scale.min;
  return span === 0 ? 0 : ((score - rubric.scale.min) / span) * 100;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Population standard deviation (the reviewer's whole set of reviews is the population). */
function standardDeviation(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/**
 * Each review's z-score against its reviewer's other reviews in the call. A reviewer with fewer
 * than two reviews, or who gave every application the same score, has no spread to measure by:
 * their reviews get `null` (not normalisable) rather than a made-up number.
 */
export function normalisedScores(
  rubric: Rubric,
  reviews: readonly SubmittedReview[],
): Map<SubmittedReview, number | null> {
  const byReviewer = new Map<string, SubmittedReview[]>();
  for (const review of reviews) {
    const list = byReviewer.get(review.reviewerId);
    if (list) list.push(review);
    else byReviewer.set(review.reviewerId, [review]);
  }
  const out = new Map<SubmittedReview, number | null>();
  for (const list of byReviewer.values()) {
    const scores = list.map((r) => weightedScore(rubric, r.scores));
    const m = mean(scores);
    const sd = standardDeviation(scores);
    list.forEach((review, i) => out.set(review, sd === 0 ? null : ((scores[i] as number) - m) / sd));
  }
  return out;
}

export interface RankInput {
  id: string;
  requestedSatang: number;
  /** Reviews assigned (including those not yet submitted), for "3 of 5 done". */
  reviewsAssigned: number;
  /** When it was submitted: the last tie-break (earlier first). */
  submittedAt: Date;
}

export interface RankedApplication {
  id: string;
  rank: number;
  requestedSatang: number;
  reviewsDone: number;
  reviewsAssigned: number;
  /** Weighted mean of the reviews' weighted scores; null with no reviews yet. */
  meanScore: number | null;
  meanPercent: number | null;
  /** Mean of the reviews' z-scores where they exist. */
  meanNormalised: number | null;
  /** Highest minus lowest weighted score among its reviews. */
  spread: number;
  disagreement: boolean;
  recommendations: Record<Recommendation, number>;
  reviews: { reviewerId: string; score: number; normalised: number | null; recommendation: Recommendation }[];
  /** Within the suggested funding line: fits in the money, in rank order. */
  aboveLine: boolean;
  /** Requested amounts of this and every application ranked above it. */
  cumulativeSatang: number;
}

/**
 * Reviewers disagree when their scores are more than a third of the scale apart, or when one
 * says fund and another says do not fund. Either way staff should talk before deciding.
 */
export const DISAGREEMENT_SHARE_OF_SCALE = 1 / 3;

export function disagrees(
  rubric: Rubric,
  scores: readonly number[],
  recommendations: readonly Recommendation[],
): boolean {
  if (scores.length < 2) return false;
  const spread = Math.max(...scores) - Math.min(...scores);
  const split = recommendations.includes('do_not_fund') && recommendations.some((r) => r !== 'do_not_fund');
  return spread > (rubric.scale.max - rubric.scale.min) * DISAGREEMENT_SHARE_OF_SCALE || split;
}

/**
 * The decision view's ranking: by mean weighted score (highest first); ties go to the one with
 * more reviews done, then the higher normalised score, then the earlier submission. Unreviewed
 * applications come last. The funding line runs down the ranking while the money lasts: the
 * first application that does not fit in `availableSatang` ends it (a committee funds in rank
 * order rather than skipping to smaller requests below).
 */
export function rankApplications(
  rubric: Rubric,
  applications: readonly RankInput[],
  reviews: readonly SubmittedReview[],
  availableSatang: number,
): RankedApplication[] {
  const z = normalisedScores(rubric, reviews);
  const byApplication = new Map<string, SubmittedReview[]>();
  for (const review of reviews) {
    const list = byApplication.get(review.applicationId);
    if (list) list.push(review);
    else byApplication.set(review.applicationId, [review]);
  }
  const rows = applications.map((app) => {
    const own = byApplication.get(app.id) ?? [];
    const scored = own.map((r) => ({
      reviewerId: r.reviewerId,
      score: weightedScore(rubric, r.scores),
      normalised: z.get(r) ?? null,
      recommendation: r.recommendation,
    }));
    const scores = scored.map((s) => s.score);
    const zs = scored.map((s) => s.normalised).filter((n): n is number => n !== null);
    const recommendations: Record<Recommendation, number> = { fund: 0, fund_with_conditions: 0, do_not_fund: 0 };
    for (const s of scored) recommendations[s.recommendation] += 1;
    const meanScore = scores.length ? mean(scores) : null;
    return {
      app,
      meanScore,
      meanNormalised: zs.length ? mean(zs) : null,
      spread: scores.length ? Math.max(...scores) - Math.min(...scores) : 0,
      disagreement: disagrees(
        rubric,
        scores,
        scored.map((s) => s.recommendation),
      ),
      recommendations,
      reviews: scored,
    };
  });
  rows.sort(
    (a, b) =>
      (b.meanScore ?? -Infinity) - (a.meanScore ?? -Infinity) ||
      b.reviews.length - a.reviews.length ||
      (b.meanNormalised ?? -Infinity) - (a.meanNormalised ?? -Infinity) ||
      a.app.submittedAt.getTime() - b.app.submittedAt.getTime() ||
      (a.app.id < b.app.id ? -1 : a.app.id > b.app.id ? 1 : 0),
  );
  const line = fundingLine(
    rows.map((row) => ({ requestedSatang: row.app.requestedSatang, meanScore: row.meanScore })),
    availableSatang,
  );
  return rows.map((row, i) => {
    const place = line[i] as LinePlace;
    return {
      id: row.app.id,
      rank: i + 1,
      requestedSatang: row.app.requestedSatang,
      reviewsDone: row.reviews.length,
      reviewsAssigned: row.app.reviewsAssigned,
      meanScore: row.meanScore,
      meanPercent: row.meanScore === null ? null : asPercent(rubric, row.meanScore),
      meanNormalised: row.meanNormalised,
      spread: row.spread,
      disagreement: row.disagreement,
      recommendations: row.recommendations,
      reviews: row.reviews,
      aboveLine: place.aboveLine,
      cumulativeSatang: place.cumulativeSatang,
    };
  });
}

/** Where an application stands against the funding line. */
export interface LinePlace {
  aboveLine: boolean;
  /** Requested amounts of this and every application in the line above it (0 when out of the line). */
  cumulativeSatang: number;
}

/**
 * The suggested funding line down a ranking (best first): requests add up while the money lasts,
 * and the first one that does not fit, or has no score yet, ends the line for everything below
 * (a committee funds in rank order rather than skipping to smaller requests). Rows `inLine` says
 * no to (already funded or declined) are out of the line: they neither count nor sit above it.
 */
export function fundingLine(
  ranked: readonly { requestedSatang: number; meanScore: number | null }[],
  availableSatang: number,
  inLine: (row: number) => boolean = () => true,
): LinePlace[] {
  let cumulative = 0;
  let open = true;
  return ranked.map((row, i) => {
    if (!inLine(i)) return { aboveLine: false, cumulativeSatang: 0 };
    cumulative += row.requestedSatang;
    if (row.meanScore === null || cumulative > availableSatang) open = false;
    return { aboveLine: open, cumulativeSatang: cumulative };
  });
}

/**
 * The decision view: a call's applications ranked with the fund's money in view and the suggested
 * funding line, on screen and as CSV for the committee's papers.
 */
import mongoose from 'mongoose';
import { Award } from './award.model.js';
import { satangToDecimal, satangToInput } from '../../shared/money.js';
import { GrantCall } from './call.model.js';
import { applicationIndex, reviewIndex, type ReviewRow } from './grants.snapshots.js';
import { buildPage, pageWindow, type Page } from '../../shared/pagination.js';
import { socialMap } from '../directory/index.js';
import {
  fundingLine,
  rankApplications,
  type LinePlace,
  type RankedApplication,
  type SubmittedReview,
} from './review.scoring.js';
import { rubricOf } from './review.service.js';
import { excludedReviews } from './review.conflicts.js';
import type { Actor } from '../../shared/actor.js';
import type { ApplicationState } from './application.workflow.js';
import { fundKind, spendableSatang } from '../funds/index.js';
import { ZERO_TOTALS, allFundTotals } from '../accounting/index.js';
import { assertRole } from '../../shared/actor.js';
import { NotFoundError } from '../../shared/errors.js';
import { toCsv } from '../../shared/csv.js';

/** States shown in the decision view: in review and after. */
const DECIDING: ApplicationState[] = [
  'in_review',
  'reviewed',
  'approved',
  'waitlisted',
  'declined',
  'awarded',
  'reporting',
  'closed',
];
/** States whose award already holds the call's money. */
const FUNDED: ApplicationState[] = ['awarded', 'reporting', 'closed'];

export interface DecisionRow extends RankedApplication {
  /** Reviews left out of its scores: the reviewer was linked to the applicant after assignment. */
  flaggedReviews: number;
  title: string;
  org: { id: string; name: { th: string; en: string } };
  status: ApplicationState;
  awardedSatang: number | null;
  /** What staff may do from the view now: decide (reviewed, waitlisted), award (approved), or nothing here. */
  next: 'decide' | 'award' | 'reviews' | null;
  /** The award form's amount: the request (staff change it there). */
  awardAmount: string;
  /** The reviewers' comments to the applicant, without names (as the applicant will read them). */
  comments: { n: number; text: string }[];
}

export interface DecisionView {
  callId: string;
  fundAvailableSatang: number;
  callBudgetSatang: number;
  callAwardedSatang: number;
  /** The call's budget less what it has awarded: one figure. */
  callBudgetLeftSatang: number;
  /** What the funding line is drawn against: the smaller of the fund's money and the call's budget left. */
  moneyForLineSatang: number;
  rows: DecisionRow[];
  scale: { min: number; max: number };
}

/**
 * The decision view: applications ranked by weighted mean, spread and disagreement, normalised
 * scores beside raw ones, reviews done, requested against the money, and the suggested line.
 * Applications already funded are out of the line (their money is already committed).
 */
export async function decisionView(actor: Actor, callId: string): Promise<DecisionView> {
  assertRole(actor, 'staff', 'admin');
  const call = mongoose.isValidObjectId(callId) ? await GrantCall.findById(callId) : null;
  if (!call) throw new NotFoundError('grants.callNotFound');
  // Lists from memory (grants.snapshots.ts); the money is read fresh from the ledger.
  const [appIndex, reviewIdx, cards, awards, kind, totals] = await Promise.all([
    applicationIndex(),
    reviewIndex(),
    socialMap(),
    Award.find({ callId: call._id }, { applicationId: 1, amountSatang: 1 }).lean(),
    fundKind(call.fundId),
    // The view shows the cached totals (seconds old at most, dropped on every ledger write here);
    // the award itself re-reads the ledger under the fund's lock.
    allFundTotals().then((all) => all.get(String(call.fundId)) ?? ZERO_TOTALS),
  ]);
  const apps = (appIndex.byCall.get(callId) ?? []).filter((a) => DECIDING.includes(a.status));
  const reviews = reviewIdx.byCall.get(callId) ?? [];
  const appOrg = new Map(apps.map((a) => [a.id, a.orgId]));
  // A reviewer linked to the applicant now (the social map changed after assignment) does not count.
  const excluded = await excludedReviews(reviews, (id) => appOrg.get(id));
  const flaggedCount = new Map<string, number>();
  for (const r of reviews)
    if (excluded.has(r.id)) flaggedCount.set(r.applicationId, (flaggedCount.get(r.applicationId) ?? 0) + 1);
  const wanted = new Set(apps.map((a) => a.orgId));
  const orgName = new Map(cards.filter((c) => wanted.has(c.id)).map((c) => [c.id, c.name]));
  const awarded = new Map(awards.map((a) => [String(a.applicationId), a.amountSatang]));
  const callAwardedSatang = awards.reduce((sum, a) => sum + a.amountSatang, 0);
  const fundAvailableSatang = spendableSatang(kind ?? 'sub_fund', totals);
  const moneyForLineSatang = Math.max(0, Math.min(fundAvailableSatang, call.budgetSatang - callAwardedSatang));
  const submitted: SubmittedReview[] = reviews
    .filter((r) => r.status === 'submitted' && r.recommendation && !excluded.has(r.id))
    .map((r) => ({
      applicationId: r.applicationId,
      reviewerId: r.reviewerId,
      scores: r.scores,
      recommendation: r.recommendation as SubmittedReview['recommendation'],
    }));
  const assigned = new Map<string, number>();
  for (const r of reviews)
    if (r.status !== 'conflicted') assigned.set(r.applicationId, (assigned.get(r.applicationId) ?? 0) + 1);
  // Funded applications are out of the line: the line is what is left to decide.
  const open = apps.filter((a) => !FUNDED.includes(a.status) && a.status !== 'declined');
  const rank = rankApplications(
    rubricOf(call),
    apps.map((a) => ({
      id: a.id,
      requestedSatang: a.requestedSatang,
      reviewsAssigned: assigned.get(a.id) ?? 0,
      submittedAt: a.submittedAt ?? new Date(0),
    })),
    submitted,
    moneyForLineSatang,
  );
  const commentsByApp = applicantComments(reviews, excluded);
  // Draw the line again over the undecided ones only, in rank order.
  const openIds = new Set(open.map((a) => a.id));
  const line = fundingLine(rank, moneyForLineSatang, (i) => openIds.has(rank[i]?.id ?? ''));
  const byId = new Map(apps.map((a) => [a.id, a]));
  const rows: DecisionRow[] = rank.map((r, i) => {
    const app = byId.get(r.id);
    return {
      ...r,
      flaggedReviews: flaggedCount.get(r.id) ?? 0,
      ...(line[i] as LinePlace),
      title: app?.title ?? '',
      org: { id: app?.orgId ?? '', name: orgName.get(app?.orgId ?? '') ?? { th: '', en: '' } },
      status: app?.status ?? 'in_review',
      awardedSatang: awarded.get(r.id) ?? null,
      next: nextHere(app?.status),
      awardAmount: satangToInput(r.requestedSatang),
      comments: commentsByApp.get(r.id) ?? [],
    };
  });
  return {
    callId,
    fundAvailableSatang,
    callBudgetSatang: call.budgetSatang,
    callAwardedSatang,
    callBudgetLeftSatang: Math.max(0, call.budgetSatang - callAwardedSatang),
    moneyForLineSatang,
    rows,
    scale: rubricOf(call).scale,
  };
}

/** What the decision view offers for an application in this state. */
function nextHere(status: ApplicationState | undefined): DecisionRow['next'] {
  if (status === 'reviewed' || status === 'waitlisted') return 'decide';
  if (status === 'approved') return 'award';
  if (status === 'in_review') return 'reviews';
  return null;
}

/** The call's comments to applicants from submitted reviews, numbered per application in the order handed in. */
function applicantComments(
  reviews: readonly ReviewRow[],
  excluded: Set<string>,
): Map<string, { n: number; text: string }[]> {
  const out = new Map<string, { n: number; text: string }[]>();
  const sorted = reviews
    .filter((r) => r.status === 'submitted' && !excluded.has(r.id) && r.commentForApplicant)
    .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  for (const r of sorted) {
    const list = out.get(r.applicationId) ?? [];
    list.push({ n: list.length + 1, text: r.commentForApplicant });
    out.set(r.applicationId, list);
  }
  return out;
}

/** Rows shown per page of the decision view (the ranking and the line are drawn over all of them). */
export const DECISION_ROWS_PER_PAGE = 50;

/**
 * One page of the decision view's rows. A refused award form (`errorFor`) opens the page that
 * holds its row, so the message is beside the amount typed.
 */
export function decisionPage(view: DecisionView, page: number, errorFor?: string): Page<DecisionRow> {
  const at = errorFor ? view.rows.findIndex((r) => r.id === errorFor) : -1;
  const wanted = at >= 0 ? Math.floor(at / DECISION_ROWS_PER_PAGE) + 1 : page;
  const pages = Math.max(1, Math.ceil(view.rows.length / DECISION_ROWS_PER_PAGE));
  const current = Math.min(Math.max(1, wanted), pages);
  const { skip, limit } = pageWindow(current, DECISION_ROWS_PER_PAGE);
  return buildPage(view.rows.slice(skip, skip + limit), view.rows.length, current, DECISION_ROWS_PER_PAGE);
}

/** The decision view as CSV for the committee's papers (Excel-ready, Thai intact). */
export async function decisionCsv(actor: Actor, callId: string, locale: 'th' | 'en'): Promise<string> {
  const view = await decisionView(actor, callId);
  const header = [
    'rank',
    'application_id',
    'organisation',
    'title',
    'status',
    'requested_baht',
    'reviews_done',
    'reviews_assigned',
    'mean_score',
    'mean_percent',
    'mean_normalised',
    'spread',
    'disagreement',
    'fund',
    'fund_with_conditions',
    'do_not_fund',
    'above_line',
    'awarded_baht',
  ];
  const rows = view.rows.map((r) => [
    r.rank,
    r.id,
    r.org.name[locale] || r.org.name.th,
    r.title,
    r.status,
    satangToDecimal(r.requestedSatang),
    r.reviewsDone,
    r.reviewsAssigned,
    r.meanScore === null ? '' : r.meanScore.toFixed(2),
    r.meanPercent === null ? '' : r.meanPercent.toFixed(1),
    r.meanNormalised === null ? '' : r.meanNormalised.toFixed(2),
    r.spread.toFixed(2),
    r.disagreement ? 'yes' : 'no',
    r.recommendations.fund,
    r.recommendations.fund_with_conditions,
    r.recommendations.do_not_fund,
    r.aboveLine ? 'yes' : 'no',
    r.awardedSatang === null ? '' : satangToDecimal(r.awardedSatang),
  ]);
  return toCsv([header, ...rows]);
}

/**
 * Decisions with the fund's money in view, awards, tranches and reports.
 *
 * An award reserves money: a `grant_commitment` in the ledger lowers the fund's available
 * balance at once. Two awards racing for a fund's last baht are serialised by the fund's lock
 * (an inserted lock document, DESIGN.md) and the balance is read fresh inside it, so the second
 * sees what the first took. Paying a tranche moves the money: a `disbursement` out and a
 * `commitment_release` of the same amount, both keyed so a retry counts once.
 */
import mongoose from 'mongoose';
import { Award, type AwardDoc } from './award.model.js';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall } from './call.model.js';
import { applicationIndex, reviewIndex } from './grants.snapshots.js';
import { socialMap } from '../directory/organisation.service.js';
import { awardProblems, splitTranches } from './grant.rules.js';
import { rankApplications, type RankedApplication, type SubmittedReview } from './review.scoring.js';
import { rubricOf } from './review.service.js';
import { excludedReviews } from './review.conflicts.js';
import { serviceStep, type Actor } from './application.service.js';
import type { ApplicationState } from './application.workflow.js';
import { Fund } from '../funds/fund.model.js';
import { Organisation } from '../directory/organisation.model.js';
import { allFundTotals, fundTotalsNow, recordLedgerEntry } from '../funds/ledger.service.js';
import { ZERO_TOTALS, type FundTotals } from '../funds/ledger.rules.js';
import { assertRole, hasRole } from '../accounts/roles.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';
import { readStoredFile, type StoredFile } from '../../shared/files.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError, isDuplicateKeyError } from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { toCsv } from '../../shared/csv.js';
import { LoadingCache } from '../../shared/cache.js';

const log = logger.child({ module: 'awards' });

type StaffActor = { id: string; name?: string; roles: readonly string[] };

/** States shown in the decision view: in review and after. */
const DECIDING: ApplicationState[] = ['in_review', 'reviewed', 'approved', 'waitlisted', 'declined', 'awarded', 'reporting', 'closed'];
/** States whose award already holds the call's money. */
const FUNDED: ApplicationState[] = ['awarded', 'reporting', 'closed'];

/** What a fund may still give: its available balance; for the endowment, only what stands above its principal. */
function spendable(kind: string, totals: FundTotals): number {
  if (kind !== 'endowment') return totals.availableSatang;
  return Math.max(0, totals.availableSatang - (totals.raisedSatang - totals.refundedSatang));
}

export interface DecisionRow extends RankedApplication {
  /** Reviews left out of its scores: the reviewer was linked to the applicant after assignment. */
  flaggedReviews: number;
  title: string;
  org: { id: string; name: { th: string; en: string } };
  status: ApplicationState;
  awardedSatang: number | null;
}

export interface DecisionView {
  callId: string;
  fundAvailableSatang: number;
  callBudgetSatang: number;
  callAwardedSatang: number;
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
  const [appIndex, reviewIdx, cards, awards, fund, totals] = await Promise.all([
    applicationIndex(),
    reviewIndex(),
    socialMap(),
    Award.find({ callId: call._id }, { applicationId: 1, amountSatang: 1 }).lean(),
    Fund.findById(call.fundId, { kind: 1 }).lean(),
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
  for (const r of reviews) if (excluded.has(r.id)) flaggedCount.set(r.applicationId, (flaggedCount.get(r.applicationId) ?? 0) + 1);
  const wanted = new Set(apps.map((a) => a.orgId));
  const orgName = new Map(cards.filter((c) => wanted.has(c.id)).map((c) => [c.id, c.name]));
  const awarded = new Map(awards.map((a) => [String(a.applicationId), a.amountSatang]));
  const callAwardedSatang = awards.reduce((sum, a) => sum + a.amountSatang, 0);
  const fundAvailableSatang = spendable(fund?.kind ?? 'sub_fund', totals);
  const moneyForLineSatang = Math.max(0, Math.min(fundAvailableSatang, call.budgetSatang - callAwardedSatang));
  const submitted: SubmittedReview[] = reviews
    .filter((r) => r.status === 'submitted' && r.recommendation && !excluded.has(r.id))
    .map((r) => ({ applicationId: r.applicationId, reviewerId: r.reviewerId, scores: r.scores, recommendation: r.recommendation as SubmittedReview['recommendation'] }));
  const assigned = new Map<string, number>();
  for (const r of reviews) if (r.status !== 'conflicted') assigned.set(r.applicationId, (assigned.get(r.applicationId) ?? 0) + 1);
  // Funded applications are out of the line: the line is what is left to decide.
  const open = apps.filter((a) => !FUNDED.includes(a.status) && a.status !== 'declined');
  const rank = rankApplications(
    rubricOf(call),
    apps.map((a) => ({ id: a.id, requestedSatang: a.requestedSatang, reviewsAssigned: assigned.get(a.id) ?? 0, submittedAt: a.submittedAt ?? new Date(0) })),
    submitted,
    moneyForLineSatang,
  );
  // Draw the line again over the undecided ones only, in rank order.
  const openIds = new Set(open.map((a) => a.id));
  let cumulative = 0;
  let lineOpen = true;
  const byId = new Map(apps.map((a) => [a.id, a]));
  const rows: DecisionRow[] = rank.map((r) => {
    const app = byId.get(r.id);
    let aboveLine = false;
    if (openIds.has(r.id)) {
      cumulative += r.requestedSatang;
      if (r.meanScore === null || cumulative > moneyForLineSatang) lineOpen = false;
      aboveLine = lineOpen;
    }
    return {
      ...r,
      flaggedReviews: flaggedCount.get(r.id) ?? 0,
      aboveLine,
      cumulativeSatang: openIds.has(r.id) ? cumulative : 0,
      title: app?.title ?? '',
      org: { id: app?.orgId ?? '', name: orgName.get(app?.orgId ?? '') ?? { th: '', en: '' } },
      status: app?.status ?? 'in_review',
      awardedSatang: awarded.get(r.id) ?? null,
    };
  });
  return { callId, fundAvailableSatang, callBudgetSatang: call.budgetSatang, callAwardedSatang, moneyForLineSatang, rows, scale: rubricOf(call).scale };
}

/** The decision view as CSV for the committee's papers (Excel-ready, Thai intact). */
export async function decisionCsv(actor: Actor, callId: string, locale: 'th' | 'en'): Promise<string> {
  const view = await decisionView(actor, callId);
  const header = ['rank', 'application_id', 'organisation', 'title', 'status', 'requested_baht', 'reviews_done', 'reviews_assigned', 'mean_score', 'mean_percent', 'mean_normalised', 'spread', 'disagreement', 'fund', 'fund_with_conditions', 'do_not_fund', 'above_line', 'awarded_baht'];
  const rows = view.rows.map((r) => [
    r.rank,
    r.id,
    r.org.name[locale] || r.org.name.th,
    r.title,
    r.status,
    (r.requestedSatang / 100).toFixed(2),
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
    r.awardedSatang === null ? '' : (r.awardedSatang / 100).toFixed(2),
  ]);
  return toCsv([header, ...rows]);
}

/** Report due dates after an award: a progress report before each later tranche, then the final one. */
const PROGRESS_EVERY_DAYS = 90;

export interface AwardInput {
  amountSatang: number;
  conditions: string;
}

/**
 * Awards an approved application. Refused, with nothing written, above the request, the call's
 * maximum or budget, or the fund's available money at this moment.
 */
export async function makeAward(actor: Actor, applicationId: string, input: AwardInput, now = new Date()): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const staff = actor as StaffActor;
  const app = mongoose.isValidObjectId(applicationId) ? await Application.findById(applicationId) : null;
  if (!app) throw new NotFoundError('grants.applicationNotFound');
  const call = await GrantCall.findById(app.callId);
  if (!call) throw new NotFoundError('grants.callNotFound');
  const fundId = String(call.fundId);
  return withLock(`fund:${fundId}`, async () => {
    const fresh = (await Application.findById(app._id)) as ApplicationDoc;
    if (fresh.status !== 'approved') throw new ConflictError('grants.notApproved');
    const [fund, totals, callAwards] = await Promise.all([Fund.findById(fundId, { kind: 1 }).lean(), fundTotalsNow(fundId), Award.find({ callId: call._id }, { amountSatang: 1 }).lean()]);
    const problems = awardProblems({
      amountSatang: input.amountSatang,
      requestedSatang: fresh.requestedSatang ?? 0,
      maxPerGrantSatang: call.maxPerGrantSatang,
      fundAvailableSatang: spendable(fund?.kind ?? 'sub_fund', totals),
      callRemainingSatang: call.budgetSatang - callAwards.reduce((s, a) => s + a.amountSatang, 0),
    });
    if (problems.length) throw new ValidationError({ amount: { key: `grants.award.${problems[0]}` } });
    const parts = splitTranches(input.amountSatang, call.tranchePercents?.length ? call.tranchePercents : [100]);
    const day = 86_400_000;
    const reports = [
      ...parts.slice(1).map((_, i) => ({ kind: 'progress' as const, unlocksTranche: i + 2, dueAt: new Date(now.getTime() + (i + 1) * PROGRESS_EVERY_DAYS * day), status: 'due' as const })),
      { kind: 'final' as const, unlocksTranche: null, dueAt: new Date(now.getTime() + parts.length * PROGRESS_EVERY_DAYS * day), status: 'due' as const },
    ];
    let award: AwardDoc;
    try {
      award = await Award.create({
        applicationId: fresh._id,
        callId: call._id,
        fundId: call.fundId,
        orgId: fresh.orgId,
        amountSatang: input.amountSatang,
        tranches: parts.map((amountSatang, i) => ({ number: i + 1, amountSatang, status: i === 0 ? 'released' : 'pending' })),
        reports,
        conditions: input.conditions,
        awardedBy: new mongoose.Types.ObjectId(staff.id),
        awardedAt: now,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError('grants.alreadyAwarded');
      throw error;
    }
    await recordLedgerEntry({
      kind: 'grant_commitment',
      fundId,
      amountSatang: -input.amountSatang,
      ref: `award:${award._id.toString()}`,
      idempotencyKey: `award:${fresh._id.toString()}:commitment`,
      memo: fresh.title ?? '',
      occurredAt: now,
      recordedBy: staff.id,
    });
    await serviceStep(staff, fresh, 'award', input.conditions, now);
    publicGrants.clear();
    log.info({ awardId: award._id.toString(), applicationId, amountSatang: input.amountSatang }, 'grant awarded');
    return award._id.toString();
  });
}

/** Only members of the funded organisation report on its grant. Checked before a report form is even read. */
export async function assertGranteeMember(actor: Actor, awardId: string): Promise<AwardDoc> {
  if (!actor) throw new UnauthorizedError();
  const award = await loadAward(awardId);
  const org = await Organisation.findById(award.orgId, { memberUserIds: 1 }).lean();
  if (!(org?.memberUserIds ?? []).some((m) => String(m) === actor.id)) throw new ForbiddenError();
  return award;
}

/** A grantee may send this report (and its photos) now: asked before the upload's body is read, and again under the lock. */
export async function assertMayReport(actor: Actor, awardId: string, reportId: string): Promise<void> {
  const report = (await assertGranteeMember(actor, awardId)).reports.id(reportId);
  if (!report) throw new NotFoundError('grants.reportNotFound');
  if (report.status === 'submitted' || report.status === 'accepted') throw new ConflictError('grants.reportAlreadySubmitted');
}

async function loadAward(id: string): Promise<AwardDoc> {
  const award = mongoose.isValidObjectId(id) ? await Award.findById(id) : null;
  if (!award) throw new NotFoundError('grants.awardNotFound');
  return award;
}

/** Pays a released tranche: the money leaves the fund (disbursement) and its reservation ends. */
export async function payTranche(actor: Actor, awardId: string, trancheNumber: number, reference: string, now = new Date()): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const staff = actor as StaffActor;
  const applicationId = await withLock(`award:${awardId}`, async () => {
    const award = await loadAward(awardId);
    const tranche = award.tranches.find((t) => t.number === trancheNumber);
    if (!tranche) throw new NotFoundError('grants.trancheNotFound');
    if (tranche.status === 'paid') throw new ConflictError('grants.tranchePaid');
    if (tranche.status !== 'released') throw new ConflictError('grants.trancheLocked');
    const key = `award:${awardId}:tranche:${trancheNumber}`;
    const common = { fundId: String(award.fundId), ref: `award:${awardId}`, groupId: key, occurredAt: now, recordedBy: staff.id, memo: reference };
    await recordLedgerEntry({ ...common, kind: 'disbursement', amountSatang: -tranche.amountSatang, idempotencyKey: `${key}:disbursement` });
    await recordLedgerEntry({ ...common, kind: 'commitment_release', amountSatang: tranche.amountSatang, idempotencyKey: `${key}:release` });
    tranche.status = 'paid';
    tranche.paidAt = now;
    tranche.reference = reference;
    await award.save();
    publicGrants.clear();
    const app = await Application.findById(award.applicationId);
    if (app?.status === 'awarded') await serviceStep(staff, app, 'start_reporting', reference, now);
    return String(award.applicationId);
  });
  await events.emit('award.tranche_paid', { awardId, tranche: trancheNumber });
  return applicationId;
}

export interface ReportInput {
  narrative: string;
  spending: { line: number; spentSatang: number }[];
  indicators: { result: number; value: string }[];
}

/** The grantee's report: narrative, spending per budget line, indicator values, photos. */
export async function submitReport(
  actor: Actor,
  awardId: string,
  reportId: string,
  input: ReportInput,
  /** Stored by the upload step, which deletes them again when this refuses. */
  photos: StoredFile[],
  now = new Date(),
): Promise<string> {
  if (!actor) throw new UnauthorizedError();
  return withLock(`award:${awardId}`, async () => {
    const award = await assertGranteeMember(actor, awardId);
    const report = award.reports.id(reportId);
    if (!report) throw new NotFoundError('grants.reportNotFound');
    if (report.status === 'submitted' || report.status === 'accepted') throw new ConflictError('grants.reportAlreadySubmitted');
    const app = await Application.findById(award.applicationId, { budgetLines: 1, results: 1 }).lean();
    const lines = app?.budgetLines?.length ?? 0;
    const results = app?.results?.length ?? 0;
    if (!input.narrative.trim()) throw new ValidationError({ narrative: { key: 'validation.required' } });
    if (input.spending.some((s) => s.line >= lines)) throw new ValidationError({ spending: { key: 'grants.unknownBudgetLine' } });
    if (input.indicators.some((i) => i.result >= results)) throw new ValidationError({ indicators: { key: 'grants.unknownResult' } });
    report.narrative = input.narrative;
    report.set('spending', input.spending);
    report.set('indicators', input.indicators);
    for (const s of photos) report.photos.push({ fileId: new mongoose.Types.ObjectId(s.fileId), filename: s.filename, contentType: s.contentType, size: s.size });
    report.status = 'submitted';
    report.submittedAt = now;
    await award.save();
    return String(award.applicationId);
  });
}

/** Staff accept a report (releasing the tranche it unlocks; the final one closes the grant) or return it. */
export async function reviewReport(actor: Actor, awardId: string, reportId: string, accept: boolean, comment: string, now = new Date()): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const staff = actor as StaffActor;
  const applicationId = await withLock(`award:${awardId}`, async () => {
    const award = await loadAward(awardId);
    const report = award.reports.id(reportId);
    if (!report) throw new NotFoundError('grants.reportNotFound');
    if (report.status !== 'submitted') throw new ConflictError('grants.reportNotSubmitted');
    if (!accept && !comment.trim()) throw new ValidationError({ comment: { key: 'grants.commentNeeded' } });
    report.status = accept ? 'accepted' : 'returned';
    report.reviewedAt = now;
    report.staffComment = comment;
    if (accept && report.unlocksTranche) {
      const tranche = award.tranches.find((t) => t.number === report.unlocksTranche);
      if (tranche && tranche.status === 'pending') tranche.status = 'released';
    }
    await award.save();
    const everythingDone = award.reports.every((r) => r.status === 'accepted') && award.tranches.every((t) => t.status === 'paid');
    if (accept && report.kind === 'final' && everythingDone) {
      const app = await Application.findById(award.applicationId);
      if (app?.status === 'reporting') await serviceStep(staff, app, 'close', comment, now);
    }
    return String(award.applicationId);
  });
  await events.emit('award.report_reviewed', { awardId, reportId, accepted: accept });
  return applicationId;
}

export interface AwardView {
  id: string;
  applicationId: string;
  callId: string;
  fundId: string;
  orgId: string;
  amountSatang: number;
  paidSatang: number;
  conditions: string;
  awardedAt: Date;
  tranches: { number: number; amountSatang: number; status: string; paidAt: Date | null; reference: string }[];
  reports: {
    id: string;
    kind: string;
    unlocksTranche: number | null;
    dueAt: Date;
    status: string;
    overdue: boolean;
    narrative: string;
    spending: { line: number; spentSatang: number }[];
    indicators: { result: number; value: string }[];
    photos: { id: string; filename: string }[];
    staffComment: string;
    submittedAt: Date | null;
  }[];
}

function toAwardView(award: AwardDoc, now = new Date()): AwardView {
  return {
    id: award._id.toString(),
    applicationId: String(award.applicationId),
    callId: String(award.callId),
    fundId: String(award.fundId),
    orgId: String(award.orgId),
    amountSatang: award.amountSatang,
    paidSatang: award.tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountSatang, 0),
    conditions: award.conditions ?? '',
    awardedAt: award.awardedAt,
    tranches: award.tranches.map((t) => ({ number: t.number, amountSatang: t.amountSatang, status: t.status, paidAt: t.paidAt ?? null, reference: t.reference ?? '' })),
    reports: award.reports.map((r) => ({
      id: r._id.toString(),
      kind: r.kind,
      unlocksTranche: r.unlocksTranche ?? null,
      dueAt: r.dueAt,
      status: r.status,
      overdue: (r.status === 'due' || r.status === 'returned') && r.dueAt.getTime() < now.getTime(),
      narrative: r.narrative ?? '',
      spending: r.spending.map((s) => ({ line: s.line, spentSatang: s.spentSatang })),
      indicators: r.indicators.map((i) => ({ result: i.result, value: i.value ?? '' })),
      photos: r.photos.map((p) => ({ id: p._id.toString(), filename: p.filename ?? '' })),
      staffComment: r.staffComment ?? '',
      submittedAt: r.submittedAt ?? null,
    })),
  };
}

/** The award of an application, for its members and staff (null before an award). */
export async function awardOfApplication(actor: Actor, applicationId: string): Promise<AwardView | null> {
  if (!actor) throw new UnauthorizedError();
  const award = mongoose.isValidObjectId(applicationId) ? await Award.findOne({ applicationId }) : null;
  if (!award) return null;
  if (!hasRole(actor, 'staff', 'admin')) {
    const org = await Organisation.findById(award.orgId, { memberUserIds: 1 }).lean();
    if (!(org?.memberUserIds ?? []).some((m) => String(m) === actor.id)) throw new NotFoundError('grants.awardNotFound');
  }
  return toAwardView(award);
}

/** A report photo, for the grantee's members and staff. */
export async function reportPhoto(actor: Actor, awardId: string, photoId: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
  if (!actor) throw new UnauthorizedError();
  const award = await loadAward(awardId);
  if (!hasRole(actor, 'staff', 'admin')) {
    const org = await Organisation.findById(award.orgId, { memberUserIds: 1 }).lean();
    if (!(org?.memberUserIds ?? []).some((m) => String(m) === actor.id)) throw new NotFoundError('grants.awardNotFound');
  }
  for (const report of award.reports) {
    const photo = report.photos.id(photoId);
    if (photo) return { filename: photo.filename ?? 'photo', contentType: photo.contentType ?? 'application/octet-stream', content: await readStoredFile(String(photo.fileId)) };
  }
  throw new NotFoundError();
}

export interface PublicGrant {
  id: string;
  org: { id: string; name: { th: string; en: string } };
  title: string;
  callTitle: { th: string; en: string };
  amountSatang: number;
  paidSatang: number;
  awardedAt: Date;
  status: string;
}

// Fund pages are hot: their grant lists are kept 10 s, and dropped at once on an award or payment here.
const publicGrants = new LoadingCache<PublicGrant[]>(10_000);

/** Grants a fund has made, newest first, for its public page (organisations are public on the social map). */
export async function grantsOfFund(fundId: string, limit = 20): Promise<PublicGrant[]> {
  if (!mongoose.isValidObjectId(fundId)) return [];
  return publicGrants.get(`${fundId}:${limit}`, () => loadGrants({ fundId }, limit));
}

/** The newest grants of every fund, for the transparency page. */
export async function recentGrants(limit = 20): Promise<(PublicGrant & { fundId: string })[]> {
  return (await publicGrants.get(`all:${limit}`, () => loadGrants({}, limit))) as (PublicGrant & { fundId: string })[];
}

async function loadGrants(filter: Record<string, unknown>, limit: number): Promise<(PublicGrant & { fundId: string })[]> {
  const awards = await Award.find(filter).sort({ awardedAt: -1 }).limit(limit);
  if (!awards.length) return [];
  const [apps, orgs, calls] = await Promise.all([
    Application.find({ _id: { $in: awards.map((a) => a.applicationId) } }, { title: 1, status: 1 }).lean(),
    Organisation.find({ _id: { $in: awards.map((a) => a.orgId) } }, { name: 1 }).lean(),
    GrantCall.find({ _id: { $in: awards.map((a) => a.callId) } }, { title: 1 }).lean(),
  ]);
  const app = new Map(apps.map((a) => [String(a._id), a]));
  const org = new Map(orgs.map((o) => [String(o._id), o]));
  const call = new Map(calls.map((c) => [String(c._id), c]));
  return awards.map((a) => {
    const view = toAwardView(a);
    const o = org.get(String(a.orgId));
    const c = call.get(String(a.callId));
    return {
      id: view.id,
      fundId: String(a.fundId),
      org: { id: String(a.orgId), name: { th: o?.name?.th ?? '', en: o?.name?.en ?? '' } },
      title: app.get(String(a.applicationId))?.title ?? '',
      callTitle: { th: c?.title?.th ?? '', en: c?.title?.en ?? '' },
      amountSatang: a.amountSatang,
      paidSatang: view.paidSatang,
      awardedAt: a.awardedAt,
      status: app.get(String(a.applicationId))?.status ?? 'awarded',
    };
  });
}

/** Reports due within `withinMs` (reminded once) and overdue ones (reminded once more). */
export async function remindReports(now = new Date(), withinMs = 7 * 86_400_000, keepAlive: () => Promise<void> = async () => {}): Promise<number> {
  const awards = await Award.find({ 'reports.status': { $in: ['due', 'returned'] } });
  let sent = 0;
  for (const award of awards) {
    let changed = false;
    for (const report of award.reports) {
      if (report.status !== 'due' && report.status !== 'returned') continue;
      const due = report.dueAt.getTime();
      // Only reports whose tranche before them was paid are really due (no report before any money).
      const overdue = due < now.getTime();
      if (overdue && !report.remindedOverdueAt) {
        report.remindedOverdueAt = now;
        changed = true;
        sent += 1;
        await events.emit('award.report_reminder', { awardId: award._id.toString(), reportId: report._id.toString(), overdue: true });
      } else if (!overdue && due - now.getTime() <= withinMs && !report.remindedDueAt) {
        report.remindedDueAt = now;
        changed = true;
        sent += 1;
        await events.emit('award.report_reminder', { awardId: award._id.toString(), reportId: report._id.toString(), overdue: false });
      }
    }
    if (changed) await award.save();
    await keepAlive();
  }
  return sent;
}

/** Totals granted per fund from awards (the ledger has the money; this is for counts on pages). */
export async function grantCountsByFund(): Promise<Map<string, number>> {
  const rows = await Award.aggregate<{ _id: unknown; count: number }>([{ $group: { _id: '$fundId', count: { $sum: 1 } } }]);
  return new Map(rows.map((r) => [String(r._id), r.count]));
}

/**
 * Awards: making one (the money reserved in the ledger), the award's view, and the public lists of grants.
 *
 * An award reserves money: a `grant_commitment` in the ledger lowers the fund's available
 * balance at once. Two awards racing for a fund's last baht are serialised by the fund's lock
 * (an inserted lock document, DESIGN.md) and the balance is read fresh inside it, so the second
 * sees what the first took. Tranches are paid in tranche.service.ts, reports in grant-report.service.ts.
 */
import mongoose from 'mongoose';
import { Award, type AwardDoc } from './award.model.js';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall } from './call.model.js';
import { awardProblems, splitTranches } from './grant.rules.js';
import { serviceStep } from './application-transition.service.js';
import type { Actor } from '../../shared/actor.js';
import { fundKind, fundTotalsNow, recordLedgerEntry, spendableSatang } from '../funds/index.js';
import { organisationMemberIds, organisationNames } from '../directory/index.js';
import { assertMember, assertRole, hasRole } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  isDuplicateKeyError,
} from '../../shared/errors.js';
import { logger } from '../../shared/logger.js';
import { LoadingCache } from '../../shared/cache.js';

const log = logger.child({ module: 'awards' });

export type StaffActor = { id: string; name?: string; roles: readonly string[] };

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
export async function makeAward(
  actor: Actor,
  applicationId: string,
  input: AwardInput,
  now = new Date(),
): Promise<string> {
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
    const [kind, totals, callAwards] = await Promise.all([
      fundKind(fundId),
      fundTotalsNow(fundId),
      Award.find({ callId: call._id }, { amountSatang: 1 }).lean(),
    ]);
    const problems = awardProblems({
      amountSatang: input.amountSatang,
      requestedSatang: fresh.requestedSatang ?? 0,
      maxPerGrantSatang: call.maxPerGrantSatang,
      fundAvailableSatang: spendableSatang(kind ?? 'sub_fund', totals),
      callRemainingSatang: call.budgetSatang - callAwards.reduce((s, a) => s + a.amountSatang, 0),
    });
    if (problems.length) throw new ValidationError({ amount: { key: `grants.award.${problems[0]}` } });
    const parts = splitTranches(input.amountSatang, call.tranchePercents?.length ? call.tranchePercents : [100]);
    const day = 86_400_000;
    const reports = [
      ...parts.slice(1).map((_, i) => ({
        kind: 'progress' as const,
        unlocksTranche: i + 2,
        dueAt: new Date(now.getTime() + (i + 1) * PROGRESS_EVERY_DAYS * day),
        status: 'due' as const,
      })),
      {
        kind: 'final' as const,
        unlocksTranche: null,
        dueAt: new Date(now.getTime() + parts.length * PROGRESS_EVERY_DAYS * day),
        status: 'due' as const,
      },
    ];
    let award: AwardDoc;
    try {
      award = await Award.create({
        applicationId: fresh._id,
        callId: call._id,
        fundId: call.fundId,
        orgId: fresh.orgId,
        amountSatang: input.amountSatang,
        tranches: parts.map((amountSatang, i) => ({
          number: i + 1,
          amountSatang,
          status: i === 0 ? 'released' : 'pending',
        })),
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

export async function loadAward(id: string): Promise<AwardDoc> {
  const award = mongoose.isValidObjectId(id) ? await Award.findById(id) : null;
  if (!award) throw new NotFoundError('grants.awardNotFound');
  return award;
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
    tranches: award.tranches.map((t) => ({
      number: t.number,
      amountSatang: t.amountSatang,
      status: t.status,
      paidAt: t.paidAt ?? null,
      reference: t.reference ?? '',
    })),
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
  // Outside the grantee and staff, the award does not exist.
  if (!hasRole(actor, 'staff', 'admin'))
    assertMember(actor, await organisationMemberIds(award.orgId), new NotFoundError('grants.awardNotFound'));
  return toAwardView(award);
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

// Fund pages are hot: their grant lists are kept 10 s, and dropped at once on an award or payment (tranche.service.ts).
export const publicGrants = new LoadingCache<PublicGrant[]>(10_000);

/** Grants a fund has made, newest first, for its public page (organisations are public on the social map). */
export async function grantsOfFund(fundId: string, limit = 20): Promise<PublicGrant[]> {
  if (!mongoose.isValidObjectId(fundId)) return [];
  return publicGrants.get(`${fundId}:${limit}`, () => loadGrants({ fundId }, limit));
}

/** The newest grants of every fund, for the transparency page. */
export async function recentGrants(limit = 20): Promise<(PublicGrant & { fundId: string })[]> {
  return (await publicGrants.get(`all:${limit}`, () => loadGrants({}, limit))) as (PublicGrant & { fundId: string })[];
}

async function loadGrants(
  filter: Record<string, unknown>,
  limit: number,
): Promise<(PublicGrant & { fundId: string })[]> {
  const awards = await Award.find(filter).sort({ awardedAt: -1 }).limit(limit);
  if (!awards.length) return [];
  const [apps, org, calls] = await Promise.all([
    Application.find({ _id: { $in: awards.map((a) => a.applicationId) } }, { title: 1, status: 1 }).lean(),
    organisationNames(awards.map((a) => a.orgId)),
    GrantCall.find({ _id: { $in: awards.map((a) => a.callId) } }, { title: 1 }).lean(),
  ]);
  const app = new Map(apps.map((a) => [String(a._id), a]));
  const call = new Map(calls.map((c) => [String(c._id), c]));
  return awards.map((a) => {
    const view = toAwardView(a);
    const name = org.get(String(a.orgId));
    const c = call.get(String(a.callId));
    return {
      id: view.id,
      fundId: String(a.fundId),
      org: { id: String(a.orgId), name: name ?? { th: '', en: '' } },
      title: app.get(String(a.applicationId))?.title ?? '',
      callTitle: { th: c?.title?.th ?? '', en: c?.title?.en ?? '' },
      amountSatang: a.amountSatang,
      paidSatang: view.paidSatang,
      awardedAt: a.awardedAt,
      status: app.get(String(a.applicationId))?.status ?? 'awarded',
    };
  });
}

/** Totals granted per fund from awards (the ledger has the money; this is for counts on pages). */
export async function grantCountsByFund(): Promise<Map<string, number>> {
  const rows = await Award.aggregate<{ _id: unknown; count: number }>([
    { $group: { _id: '$fundId', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.count]));
}

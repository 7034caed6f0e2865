/**
 * Awards: making one (the money reserved in the ledger) and reading one (its members and staff).
 * The public lists of grants are in public-grants.service.ts, the view's shape in award-view.ts.
 *
 * An award reserves money: a `grant_commitment` in the ledger lowers the fund's available
 * balance at once. Two awards racing for a fund's last baht are serialised by the fund's lock
 * (an inserted lock document, DESIGN.md) and the balance is read fresh inside it, so the second
 * sees what the first took. Tranches are paid in tranche.service.ts, reports in grant-report.service.ts.
 */
import mongoose from 'mongoose';
import { Award, type AwardDoc } from './award.model.js';
import { toAwardView, type AwardView } from './award-view.js';
import { publicGrants } from './public-grants.service.js';
import { Application, type ApplicationDoc } from './application.model.js';
import { GrantCall } from './call.model.js';
import { awardProblems, splitTranches } from './grant.rules.js';
import { serviceStep } from './application-transition.service.js';
import type { Actor } from '../../shared/actor.js';
import { fundKind, spendableSatang } from '../funds/index.js';
import { fundTotalsNow, movements, postEntry } from '../accounting/index.js';
import { organisationMemberIds } from '../directory/index.js';
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

const log = logger.child({ module: 'awards' });

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
  const staff = actor;
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
    await postEntry({
      movement: movements.grantCommitted(fundId, input.amountSatang),
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

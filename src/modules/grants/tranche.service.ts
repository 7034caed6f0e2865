/**
 * Paying a tranche moves the money: a `disbursement` out and a `commitment_release` of the same
 * amount, both keyed so a retry counts once, under the award's lock.
 */
import { Application } from './application.model.js';
import { loadAward } from './award.service.js';
import { publicGrants } from './public-grants.service.js';
import { serviceStep } from './application-transition.service.js';
import { moveTranche, trancheWorkflow } from './tranche.status.js';
import type { Actor } from '../../shared/actor.js';
import { movements, postEntry } from '../accounting/index.js';
import { assertRole } from '../../shared/actor.js';
import { canTake } from '../../shared/workflow.js';
import { withLock } from '../../shared/db/lock.js';
import { events } from '../../shared/events.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';

/** Pays a released tranche: the money leaves the fund (disbursement) and its reservation ends. */
export async function payTranche(
  actor: Actor,
  awardId: string,
  trancheNumber: number,
  reference: string,
  now = new Date(),
): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const staff = actor;
  const applicationId = await withLock(`award:${awardId}`, async () => {
    const award = await loadAward(awardId);
    const tranche = award.tranches.find((t) => t.number === trancheNumber);
    if (!tranche) throw new NotFoundError('grants.trancheNotFound');
    if (tranche.status === 'paid') throw new ConflictError('grants.tranchePaid');
    if (!canTake(trancheWorkflow, tranche.status, 'pay')) throw new ConflictError('grants.trancheLocked');
    const key = `award:${awardId}:tranche:${trancheNumber}`;
    // One entry: what was promised is paid from the bank (the fund's available money moved at the award).
    await postEntry({
      movement: movements.grantPaid(String(award.fundId), tranche.amountSatang),
      ref: `award:${awardId}`,
      groupId: key,
      idempotencyKey: `${key}:payment`,
      occurredAt: now,
      recordedBy: staff.id,
      memo: reference,
    });
    moveTranche(tranche, 'pay');
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

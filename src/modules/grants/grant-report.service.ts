/**
 * A grant's reports: the grantee sends them (narrative, spending, indicators, photos), staff accept
 * (releasing the next tranche; the final one closes the grant) or return them, and reminders go out.
 */
import mongoose from 'mongoose';
import { Award, type AwardDoc } from './award.model.js';
import { Application } from './application.model.js';
import { loadAward } from './award.service.js';
import { serviceStep } from './application-transition.service.js';
import { AWAITING_GRANTEE, moveReport, reportWorkflow } from './grant-report.status.js';
import { moveTranche, trancheWorkflow } from './tranche.status.js';
import type { Actor } from '../../shared/actor.js';
import { organisationMemberIds } from '../directory/index.js';
import { assertMember, assertRole, hasRole } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import { canTake } from '../../shared/workflow.js';
import { events } from '../../shared/events.js';
import { readStoredFile, type StoredFile } from '../../shared/files.js';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../../shared/errors.js';

/** Only members of the funded organisation report on its grant. Checked before a report form is even read. */
export async function assertGranteeMember(actor: Actor, awardId: string): Promise<AwardDoc> {
  if (!actor) throw new UnauthorizedError();
  const award = await loadAward(awardId);
  assertMember(actor, await organisationMemberIds(award.orgId));
  return award;
}

/**
 * A grantee may send this report (and its photos) now: asked before the upload's body is read, and again under the
 * lock.
 */
export async function assertMayReport(
  actor: Actor,
  awardId: string,
  reportId: string,
): Promise<{ applicationId: string }> {
  const award = await assertGranteeMember(actor, awardId);
  const report = award.reports.id(reportId);
  if (!report) throw new NotFoundError('grants.reportNotFound');
  if (!canTake(reportWorkflow, report.status, 'submit')) throw new ConflictError('grants.reportAlreadySubmitted');
  return { applicationId: String(award.applicationId) };
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
    if (!canTake(reportWorkflow, report.status, 'submit')) throw new ConflictError('grants.reportAlreadySubmitted');
    const app = await Application.findById(award.applicationId, { budgetLines: 1, results: 1 }).lean();
    const lines = app?.budgetLines?.length ?? 0;
    const results = app?.results?.length ?? 0;
    if (!input.narrative.trim()) throw new ValidationError({ narrative: { key: 'validation.required' } });
    if (input.spending.some((s) => s.line >= lines))
      throw new ValidationError({ spending: { key: 'grants.unknownBudgetLine' } });
    if (input.indicators.some((i) => i.result >= results))
      throw new ValidationError({ indicators: { key: 'grants.unknownResult' } });
    report.narrative = input.narrative;
    report.set('spending', input.spending);
    report.set('indicators', input.indicators);
    for (const s of photos)
      report.photos.push({
        fileId: new mongoose.Types.ObjectId(s.fileId),
        filename: s.filename,
        contentType: s.contentType,
        size: s.size,
      });
    moveReport(report, 'submit', 'grantee');
    report.submittedAt = now;
    await award.save();
    return String(award.applicationId);
  });
}

/** Staff accept a report (releasing the tranche it unlocks; the final one closes the grant) or return it. */
export async function reviewReport(
  actor: Actor,
  awardId: string,
  reportId: string,
  accept: boolean,
  comment: string,
  now = new Date(),
): Promise<string> {
  assertRole(actor, 'staff', 'admin');
  const staff = actor;
  const applicationId = await withLock(`award:${awardId}`, async () => {
    const award = await loadAward(awardId);
    const report = award.reports.id(reportId);
    if (!report) throw new NotFoundError('grants.reportNotFound');
    const action = accept ? 'accept' : 'return';
    if (!canTake(reportWorkflow, report.status, action)) throw new ConflictError('grants.reportNotSubmitted');
    if (!accept && !comment.trim()) throw new ValidationError({ comment: { key: 'grants.commentNeeded' } });
    moveReport(report, action, 'staff');
    report.reviewedAt = now;
    report.staffComment = comment;
    if (accept && report.unlocksTranche) {
      const tranche = award.tranches.find((t) => t.number === report.unlocksTranche);
      if (tranche && canTake(trancheWorkflow, tranche.status, 'release')) moveTranche(tranche, 'release');
    }
    await award.save();
    const everythingDone =
      award.reports.every((r) => r.status === 'accepted') && award.tranches.every((t) => t.status === 'paid');
    if (accept && report.kind === 'final' && everythingDone) {
      const app = await Application.findById(award.applicationId);
      if (app?.status === 'reporting') await serviceStep(staff, app, 'close', comment, now);
    }
    return String(award.applicationId);
  });
  await events.emit('award.report_reviewed', { awardId, reportId, accepted: accept });
  return applicationId;
}

/** A report photo, for the grantee's members and staff. */
export async function reportPhoto(
  actor: Actor,
  awardId: string,
  photoId: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  if (!actor) throw new UnauthorizedError();
  const award = await loadAward(awardId);
  // Outside the grantee and staff, the award does not exist.
  if (!hasRole(actor, 'staff', 'admin'))
    assertMember(actor, await organisationMemberIds(award.orgId), new NotFoundError('grants.awardNotFound'));
  for (const report of award.reports) {
    const photo = report.photos.id(photoId);
    if (photo)
      return {
        filename: photo.filename ?? 'photo',
        contentType: photo.contentType ?? 'application/octet-stream',
        content: await readStoredFile(String(photo.fileId)),
      };
  }
  throw new NotFoundError();
}

/** Reports due within `withinMs` (reminded once) and overdue ones (reminded once more). */
export async function remindReports(
  now = new Date(),
  withinMs = 7 * 86_400_000,
  keepAlive: () => Promise<void> = async () => {},
): Promise<number> {
  const awards = await Award.find({ 'reports.status': { $in: AWAITING_GRANTEE } });
  let sent = 0;
  for (const award of awards) {
    let changed = false;
    for (const report of award.reports) {
      if (!AWAITING_GRANTEE.includes(report.status)) continue;
      const due = report.dueAt.getTime();
      // Only reports whose tranche before them was paid are really due (no report before any money).
      const overdue = due < now.getTime();
      if (overdue && !report.remindedOverdueAt) {
        report.remindedOverdueAt = now;
        changed = true;
        sent += 1;
        await events.emit('award.report_reminder', {
          awardId: award._id.toString(),
          reportId: report._id.toString(),
          overdue: true,
        });
      } else if (!overdue && due - now.getTime() <= withinMs && !report.remindedDueAt) {
        report.remindedDueAt = now;
        changed = true;
        sent += 1;
        await events.emit('award.report_reminder', {
          awardId: award._id.toString(),
          reportId: report._id.toString(),
          overdue: false,
        });
      }
    }
    if (changed) await award.save();
    await keepAlive();
  }
  return sent;
}

import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { fundMoney, makeNetwork, makeOrganisation, makeUser } from '../helpers/factories.js';
import { approveDraft, makeCall, proposal, applicationInReview } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { getApplication, saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import {
  autoAssign,
  assignReviewers,
  declareConflict,
  getMyReview,
  saveReview,
} from '../../src/modules/grants/review.service.js';
import { makeAward, awardOfApplication } from '../../src/modules/grants/award.service.js';
import { decisionView } from '../../src/modules/grants/decision-view.service.js';
import { payTranche } from '../../src/modules/grants/tranche.service.js';
import { reviewReport, submitReport } from '../../src/modules/grants/grant-report.service.js';
import { fundTotalsNow } from '../../src/modules/accounting/journal.service.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { Review } from '../../src/modules/grants/review.model.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../src/shared/errors.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

async function elderlyFundId(): Promise<string> {
  const fund = await Fund.findOne({ slug: 'elderly' }, { _id: 1 }).lean();
  return String(fund?._id);
}

/** An application moved by staff from submitted to approved, with one submitted review. */
async function approvedApplication(
  staff: PublicUser,
  reviewer: PublicUser,
  callId: string,
  amountSatang: number,
): Promise<string> {
  const member = await makeUser();
  const orgId = await makeOrganisation(member);
  const id = await startApplication(member, callId, orgId);
  await saveApplication(member, id, proposal(amountSatang));
  await approveDraft(member, staff, reviewer, id, 'ที่ประชุมอนุมัติ');
  return id;
}

describe('grants: deadlines, conflicts, awards and the ledger (services on FerretDB)', function () {
  useTestApp();
  let staff: PublicUser;
  let reviewer: PublicUser;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'] });
    reviewer = await makeUser({ roles: ['reviewer'], name: 'กรรมการ หนึ่ง' });
  });

  it('accepts a proposal a moment before the close and refuses it at the close, changing nothing', async () => {
    const closesAt = new Date(Date.now() + 3_600_000);
    const callId = await makeCall(staff, { closesAt });
    const member = await makeUser();
    const orgId = await makeOrganisation(member);
    const id = await startApplication(member, callId, orgId);
    await saveApplication(member, id, proposal(50_000_00));
    await assert.rejects(
      transition(member, id, { action: 'submit' }, closesAt),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.deadlinePassed',
    );
    assert.equal((await getApplication(member, id)).status, 'draft');
    assert.equal(await transition(member, id, { action: 'submit' }, new Date(closesAt.getTime() - 1)), 'submitted');
  });

  it('lists every missing part of an incomplete proposal on submit, and submits nothing', async () => {
    const callId = await makeCall(staff);
    const member = await makeUser();
    const id = await startApplication(member, callId, await makeOrganisation(member));
    await assert.rejects(transition(member, id, { action: 'submit' }), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(
        Object.keys(e.fields).sort(),
        ['activities', 'beneficiaries', 'budgetLines', 'objectives', 'problem', 'results', 'title'],
        'the target group comes prefilled from the organisation',
      );
      return true;
    });
    assert.equal((await Application.findById(id).lean())?.status, 'draft');
  });

  it('keeps applicants out of other organisations’ applications and staff actions', async () => {
    const callId = await makeCall(staff);
    const member = await makeUser();
    const other = await makeUser({ roles: ['applicant'] });
    const id = await startApplication(member, callId, await makeOrganisation(member));
    await assert.rejects(getApplication(other, id), NotFoundError);
    await assert.rejects(saveApplication(other, id, proposal(1_000_00)), ForbiddenError);
    assert.equal((await Application.findById(id).lean())?.title, '');
    await assert.rejects(transition(other, id, { action: 'withdraw' }), NotFoundError);
    await assert.rejects(
      transition(member, id, { action: 'start_screening' }),
      InvalidTransitionError,
      'not from a draft',
    );
    await saveApplication(member, id, proposal(1_000_00));
    await transition(member, id, { action: 'submit' });
    await assert.rejects(transition(member, id, { action: 'start_screening' }), ForbiddenError, 'staff only');
    await assert.rejects(
      saveApplication(member, id, proposal(2_000_00)),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.notEditable',
    );
    const after = await Application.findById(id).lean();
    assert.equal(after?.status, 'submitted');
    assert.equal(after?.requestedSatang, 1_000_00);
  });

  it('finds conflicts in the social map: never assigns a reviewer whose organisation shares a network with the applicant', async () => {
    const networkId = await makeNetwork();
    const member = await makeUser();
    const orgId = await makeOrganisation(member, { networkIds: [networkId] });
    const conflicted = await makeUser({ roles: ['reviewer'], name: 'กรรมการ ในเครือข่าย' });
    await makeOrganisation(conflicted, { networkIds: [networkId], roles: ['supporter'] });
    const free = await makeUser({ roles: ['reviewer'], name: 'กรรมการ อิสระ' });
    const callId = await makeCall(staff, { committeeEmails: [conflicted.email, free.email], reviewsPerApplication: 2 });
    const id = await startApplication(member, callId, orgId);
    await saveApplication(member, id, proposal(10_000_00));
    await transition(member, id, { action: 'submit' });
    await transition(staff, id, { action: 'start_screening' });
    await transition(staff, id, { action: 'send_to_review' });

    await assert.rejects(
      assignReviewers(staff, id, [conflicted.id]),
      (e: unknown) => e instanceof ValidationError && e.fields.reviewerIds?.key === 'grants.reviewerConflicted',
    );
    const result = await autoAssign(staff, callId);
    assert.deepEqual(result, { assigned: 1, short: 1 });
    const reviews = await Review.find({ applicationId: id }).lean();
    assert.deepEqual(
      reviews.map((r) => String(r.reviewerId)),
      [free.id],
    );
    await assert.rejects(getMyReview(conflicted, id), NotFoundError);
    // The free reviewer must declare before reading; saying "yes, conflicted" closes it to them.
    await assert.rejects(getApplication(free, id), NotFoundError);
    await declareConflict(free, id, { conflict: true, note: 'ญาติเป็นประธานกลุ่ม' });
    await assert.rejects(getApplication(free, id), NotFoundError);
    await assert.rejects(
      saveReview(free, id, {
        scores: { need: 3 },
        recommendation: 'fund',
        commentForStaff: '',
        commentForApplicant: '',
        submit: false,
      }),
      ForbiddenError,
    );
  });

  it('refuses scores outside the scale or not whole, saving nothing', async () => {
    const callId = await makeCall(staff, { committeeEmails: [reviewer.email] });
    const member = await makeUser();
    const id = await applicationInReview(staff, member, callId, await makeOrganisation(member), [reviewer.id]);
    await declareConflict(reviewer, id, { conflict: false, note: '' });
    for (const scores of [
      { need: 6, feasibility: 3, community: 3 },
      { need: 0, feasibility: 3, community: 3 },
      { need: 2.5, feasibility: 3, community: 3 },
    ]) {
      await assert.rejects(
        saveReview(reviewer, id, {
          scores,
          recommendation: 'fund',
          commentForStaff: '',
          commentForApplicant: '',
          submit: true,
        }),
        ValidationError,
      );
    }
    assert.deepEqual((await getMyReview(reviewer, id)).scores, {});
    assert.equal((await getMyReview(reviewer, id)).status, 'assigned');
  });

  it('lets only one of two awards racing for a fund’s last baht succeed; the ledger holds exactly one commitment', async () => {
    const fundId = await elderlyFundId();
    const before = await fundTotalsNow(fundId);
    // Top the fund up so exactly 100,000 baht is available, then race two 60,000 baht awards.
    await fundMoney(staff, 'elderly', 100_000_00 - before.availableSatang);
    assert.equal((await fundTotalsNow(fundId)).availableSatang, 100_000_00);
    const callId = await makeCall(staff, { committeeEmails: [reviewer.email] });
    const a = await approvedApplication(staff, reviewer, callId, 60_000_00);
    const b = await approvedApplication(staff, reviewer, callId, 60_000_00);

    const results = await Promise.allSettled([
      makeAward(staff, a, { amountSatang: 60_000_00, conditions: '' }),
      makeAward(staff, b, { amountSatang: 60_000_00, conditions: '' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one award');
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(refused.reason instanceof ValidationError);
    assert.equal(refused.reason.fields.amount?.key, 'grants.award.above_available');
    const after = await fundTotalsNow(fundId);
    assert.equal(after.availableSatang, 40_000_00);
    assert.equal(after.committedSatang, 60_000_00);
    assert.equal(await JournalEntry.countDocuments({ kind: 'grant_commitment', fundIds: fundId }), 1);
    const statuses = (await Application.find({ _id: { $in: [a, b] } }, { status: 1 }).lean())
      .map((x) => x.status)
      .sort();
    assert.deepEqual(statuses, ['approved', 'awarded']);

    // The decision view knows the money: the loser is still above nothing (40,000 left < 60,000).
    const view = await decisionView(staff, callId);
    assert.equal(view.fundAvailableSatang, 40_000_00);
    assert.equal(view.callAwardedSatang, 60_000_00);
    assert.equal(view.rows.find((r) => r.status === 'approved')?.aboveLine, false);
  });

  it('pays tranches through the ledger, releases the second only after the progress report is accepted, and closes the grant', async () => {
    const fundId = await elderlyFundId();
    await fundMoney(staff, 'elderly', 50_000_00);
    const callId = await makeCall(staff, { committeeEmails: [reviewer.email] });
    const id = await approvedApplication(staff, reviewer, callId, 30_000_00);
    const beforeAward = await fundTotalsNow(fundId);
    const awardId = await makeAward(staff, id, { amountSatang: 25_000_00, conditions: 'ส่งรายงานทุกไตรมาส' });
    await assert.rejects(
      makeAward(staff, id, { amountSatang: 25_000_00, conditions: '' }),
      ConflictError,
      'awarding twice is refused',
    );

    await assert.rejects(
      payTranche(staff, awardId, 2, 'early'),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.trancheLocked',
    );
    await payTranche(staff, awardId, 1, 'โอน 001');
    await assert.rejects(
      payTranche(staff, awardId, 1, 'again'),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.tranchePaid',
    );
    let totals = await fundTotalsNow(fundId);
    assert.equal(totals.grantedSatang - beforeAward.grantedSatang, 15_000_00, '60 % paid');
    assert.equal(totals.committedSatang - beforeAward.committedSatang, 10_000_00, '40 % still reserved');
    assert.equal(totals.availableSatang, beforeAward.availableSatang - 25_000_00);
    assert.equal((await Application.findById(id).lean())?.status, 'reporting');

    const app = await Application.findById(id).lean();
    const member = String(app?.createdBy);
    const memberUser = { id: member, roles: ['donor'] as const, name: '' };
    const award = await awardOfApplication(staff, id);
    const progress = award?.reports.find((r) => r.kind === 'progress');
    const final = award?.reports.find((r) => r.kind === 'final');
    assert.ok(progress && final);
    await assert.rejects(
      submitReport(memberUser as never, awardId, progress.id, { narrative: '', spending: [], indicators: [] }, []),
      ValidationError,
    );
    await assert.rejects(
      submitReport(
        memberUser as never,
        awardId,
        progress.id,
        { narrative: 'ok', spending: [{ line: 5, spentSatang: 1 }], indicators: [] },
        [],
      ),
      ValidationError,
    );
    await submitReport(
      memberUser as never,
      awardId,
      progress.id,
      {
        narrative: 'จัดอบรมแล้ว 2 ครั้ง',
        spending: [{ line: 0, spentSatang: 14_000_00 }],
        indicators: [{ result: 0, value: '45 คน' }],
      },
      [],
    );
    await assert.rejects(
      reviewReport(staff, awardId, progress.id, false, ''),
      ValidationError,
      'returning needs a reason',
    );
    await reviewReport(staff, awardId, progress.id, true, 'เรียบร้อย');
    await payTranche(staff, awardId, 2, 'โอน 002');
    await submitReport(
      memberUser as never,
      awardId,
      final.id,
      {
        narrative: 'โครงการเสร็จสิ้น',
        spending: [{ line: 0, spentSatang: 25_000_00 }],
        indicators: [{ result: 0, value: '80 คน' }],
      },
      [],
    );
    await reviewReport(staff, awardId, final.id, true, 'ปิดโครงการ');
    assert.equal((await Application.findById(id).lean())?.status, 'closed');
    totals = await fundTotalsNow(fundId);
    assert.equal(totals.grantedSatang - beforeAward.grantedSatang, 25_000_00);
    assert.equal(totals.committedSatang - beforeAward.committedSatang, 0);
    const history = (await Application.findById(id).lean())?.history.map((h) => h.to);
    assert.deepEqual(history, [
      'draft',
      'submitted',
      'screening',
      'in_review',
      'reviewed',
      'approved',
      'awarded',
      'reporting',
      'closed',
    ]);
  });

  it('refuses awards above the request or the call maximum, and of applications not approved', async () => {
    await fundMoney(staff, 'elderly', 500_000_00);
    const callId = await makeCall(staff, { committeeEmails: [reviewer.email], maxPerGrantSatang: 50_000_00 });
    const id = await approvedApplication(staff, reviewer, callId, 40_000_00);
    await assert.rejects(
      makeAward(staff, id, { amountSatang: 45_000_00, conditions: '' }),
      (e: unknown) => e instanceof ValidationError && e.fields.amount?.key === 'grants.award.above_requested',
    );
    await assert.rejects(makeAward(staff, id, { amountSatang: 0, conditions: '' }), ValidationError);
    // Earlier awards have the same title; none of this application's refused amounts was booked.
    const commitments = await JournalEntry.find({ kind: 'grant_commitment', memo: 'ลานสุขภาพผู้สูงอายุตำบลนาทวี' }).lean();
    assert.ok(!commitments.some((e) => e.postings.some((p) => p.account === 'grants' && p.debitSatang === 45_000_00)));
    await transition(staff, id, { action: 'decline', comment: 'เปลี่ยนใจ' }).catch(() => undefined);
    const member = await makeUser();
    const draft = await startApplication(member, callId, await makeOrganisation(member));
    await assert.rejects(
      makeAward(staff, draft, { amountSatang: 1_000_00, conditions: '' }),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.notApproved',
    );
  });
});

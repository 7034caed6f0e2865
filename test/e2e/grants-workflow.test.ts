import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser } from '../helpers/agent.js';
import { makeCall, makeOrg, proposal, applicationInReview } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { getApplication, saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { remindReviewers } from '../../src/modules/grants/review-list.service.js';
import { syncCallStatuses, createCall, listOpenCalls } from '../../src/modules/grants/call.service.js';
import { remindReports } from '../../src/modules/grants/grant-report.service.js';
import { GrantCall } from '../../src/modules/grants/call.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Award } from '../../src/modules/grants/award.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { ConflictError, ValidationError } from '../../src/shared/errors.js';
import { callInput } from '../helpers/grants.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const DAY = 86_400_000;

describe('grants workflow: two stages, more information, withdrawal, and the jobs that keep time', function () {
  const ctx = useTestApp();
  let staff: PublicUser;
  let reviewer: PublicUser;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staff = await makeUser({ roles: ['staff'] });
    reviewer = await makeUser({ roles: ['reviewer'] });
  });

  it('runs a two-stage call: a short concept note, an invitation, then the full proposal by its own deadline', async () => {
    const now = Date.now();
    const closesAt = new Date(now + 2 * DAY);
    const fullProposalClosesAt = new Date(now + 20 * DAY);
    const callId = await makeCall(staff, { stages: 2, closesAt, fullProposalClosesAt });
    const member = await makeUser();
    const id = await startApplication(member, callId, await makeOrg(member));
    assert.equal((await getApplication(member, id)).status, 'concept_draft');
    await saveApplication(member, id, {
      ...proposal(20_000_00),
      activities: [],
      budgetLines: [],
      results: [],
      beneficiaries: 0,
      targetGroup: '',
    });
    assert.equal(
      await transition(member, id, { action: 'submit_concept' }),
      'concept_submitted',
      'a concept needs only title, problem and objectives',
    );
    await assert.rejects(
      transition(staff, id, { action: 'decline_concept' }),
      ValidationError,
      'declining needs a reason',
    );
    assert.equal(await transition(staff, id, { action: 'invite' }), 'invited');
    const invited = await getApplication(member, id);
    assert.equal(invited.stage, 'full');
    assert.equal(invited.editable, true);
    await saveApplication(member, id, proposal(20_000_00));
    // After the concept deadline, before the full-proposal deadline: accepted; at that deadline: refused.
    await assert.rejects(
      transition(member, id, { action: 'submit' }, fullProposalClosesAt),
      (e: unknown) => e instanceof ConflictError && e.messageKey === 'grants.deadlinePassed',
    );
    assert.equal(await transition(member, id, { action: 'submit' }, new Date(closesAt.getTime() + DAY)), 'submitted');
  });

  it('asks for more information: the applicant edits and resubmits (even after the close), and the request is cleared', async () => {
    const callId = await makeCall(staff);
    const member = await makeUser();
    const id = await startApplication(member, callId, await makeOrg(member));
    await saveApplication(member, id, proposal(30_000_00));
    await transition(member, id, { action: 'submit' });
    await transition(staff, id, { action: 'start_screening' });
    await transition(staff, id, { action: 'request_info', comment: 'โปรดแนบใบเสนอราคาอุปกรณ์' });
    const asked = await getApplication(member, id);
    assert.equal(asked.status, 'more_info');
    assert.equal(asked.infoRequest, 'โปรดแนบใบเสนอราคาอุปกรณ์');
    assert.equal(asked.editable, true);
    await saveApplication(member, id, { ...proposal(28_000_00), title: 'ฉบับแก้ไข' });
    await GrantCall.updateOne({ _id: callId }, { $set: { closesAt: new Date(Date.now() - 1000) } });
    assert.equal(await transition(member, id, { action: 'resubmit' }), 'submitted');
    const after = await Application.findById(id).lean();
    assert.equal(after?.infoRequest, '');
    assert.equal(after?.requestedSatang, 28_000_00);
    assert.deepEqual(
      after?.history.map((h) => h.action),
      ['create', 'submit', 'start_screening', 'request_info', 'resubmit'],
    );
  });

  it('withdraws only after the applicant confirms; afterwards nothing moves it', async () => {
    const callId = await makeCall(staff);
    const member = await makeUser();
    const id = await startApplication(member, callId, await makeOrg(member));
    const web = browser(ctx.app);
    await web.login(member.email, PASSWORD);
    const unconfirmed = await web.submit(`/applications/${id}`, `/applications/${id}/transitions`, {
      action: 'withdraw',
    });
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.text, /ยืนยันว่าต้องการถอนข้อเสนอ/);
    assert.equal((await Application.findById(id).lean())?.status, 'draft');
    const confirmed = await web.submit(`/applications/${id}`, `/applications/${id}/transitions`, {
      action: 'withdraw',
      confirm: 'on',
    });
    assert.equal(confirmed.status, 303);
    assert.equal((await Application.findById(id).lean())?.status, 'withdrawn');
    const page = await web.agent.get(`/applications/${id}`);
    assert.doesNotMatch(page.text, /name="action"/, 'no action is offered any more');
    const bogus = await web.submit(`/applications/${id}`, `/applications/${id}/transitions`, { action: 'submit' });
    assert.equal(bogus.status, 409);
    const unknownAction = await web.submit(`/applications/${id}`, `/applications/${id}/transitions`, {
      action: 'delete_everything',
    });
    assert.equal(unknownAction.status, 422);
  });

  it('opens and closes published calls on time (the agenda job), and lists only open ones', async () => {
    const now = Date.now();
    const id = await createCall(
      staff,
      callInput({
        opensAt: new Date(now + DAY),
        closesAt: new Date(now + 2 * DAY),
        reviewDueAt: new Date(now + 3 * DAY),
        titleTh: 'ทุนเปิดพรุ่งนี้',
      }),
    );
    assert.equal((await GrantCall.findById(id).lean())?.status, 'draft');
    await GrantCall.updateOne({ _id: id }, { $set: { status: 'scheduled' } });
    assert.ok((await listOpenCalls(new Date(now))).some((c) => c.id === id && c.phase === 'upcoming'));
    await syncCallStatuses(new Date(now + DAY));
    assert.equal((await GrantCall.findById(id).lean())?.status, 'open');
    await syncCallStatuses(new Date(now + 2 * DAY));
    assert.equal((await GrantCall.findById(id).lean())?.status, 'closed');
    assert.ok(!(await listOpenCalls(new Date(now + 2 * DAY))).some((c) => c.id === id));
    assert.equal(await syncCallStatuses(new Date(now + 2 * DAY)), 0, 'nothing left to change');
  });

  it('reminds reviewers before their deadline and grantees before and after a report’s due date, each once', async () => {
    const callId = await makeCall(staff, {
      committeeEmails: [reviewer.email],
      reviewDueAt: new Date(Date.now() + 10 * DAY),
    });
    const member = await makeUser();
    const id = await applicationInReview(staff, member, callId, await makeOrg(member), [reviewer.id]);
    assert.equal(await remindReviewers(new Date()), 0, 'ten days before: not yet');
    const nearDeadline = new Date(Date.now() + 8 * DAY);
    assert.equal(await remindReviewers(nearDeadline), 1);
    assert.equal(await remindReviewers(nearDeadline), 0, 'once');
    assert.equal(await MailMessage.countDocuments({ to: reviewer.email, template: 'reviewReminder' }), 1);

    const award = await Award.create({
      applicationId: id,
      callId,
      fundId: (await GrantCall.findById(callId).lean())?.fundId,
      orgId: (await Application.findById(id).lean())?.orgId,
      amountSatang: 10_000_00,
      tranches: [{ number: 1, amountSatang: 10_000_00, status: 'paid' }],
      reports: [{ kind: 'final', dueAt: new Date(Date.now() + 5 * DAY), status: 'due' }],
      awardedAt: new Date(),
    });
    assert.equal(await remindReports(new Date()), 1, 'due within a week');
    assert.equal(await remindReports(new Date()), 0);
    assert.equal(await remindReports(new Date(Date.now() + 6 * DAY)), 1, 'overdue');
    assert.equal(await remindReports(new Date(Date.now() + 7 * DAY)), 0);
    assert.equal(await MailMessage.countDocuments({ to: member.email, template: 'reportDue' }), 1);
    assert.equal(await MailMessage.countDocuments({ to: member.email, template: 'reportOverdue' }), 1);
    assert.ok(award);
  });
});

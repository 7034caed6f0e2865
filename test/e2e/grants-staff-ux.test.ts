/**
 * Issue 13, grants, as reviewers and staff meet them: the reviewer's comment reaches the applicant
 * (after the decision, without the reviewer's name), no raw {{placeholders}}, a refused award comes
 * back to its form, one proposal view for reviewers and staff, conflicts that name the applicant
 * and keep a declared reviewer off the list, staff's next step first, decisions from the decision
 * view, and scoring that lands on its errors and asks for a confirmation.
 */
import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { fundMoney, makeCall, makeOrg, proposal } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { Review } from '../../src/modules/grants/review.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Award } from '../../src/modules/grants/award.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { translate } from '../../src/shared/i18n/index.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

type Browser = ReturnType<typeof browser>;
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[’“”]/g, '.');
const th = (key: string, params: Record<string, unknown> = {}) => new RegExp(esc(translate('th', key, params)));
const ORG_NAME = 'ชมรมผู้สูงอายุบ้านนาทวีทดสอบ';
const REVIEWER_NAME = 'กรรมการ ลับเฉพาะ';
const COMMENT = 'ควรเพิ่มแผนการดูแลอุปกรณ์หลังจบโครงการ';

describe('grants: the reviewer and staff side of a call, as people use it', function () {
  this.timeout(120_000);
  const ctx = useTestApp();
  let staffUser: PublicUser;
  let reviewerUser: PublicUser;
  let conflictedUser: PublicUser;
  let member: PublicUser;
  let callId: string;
  let appId: string;
  let staff: Browser;
  let reviewer: Browser;
  let applicant: Browser;
  /** Every page body this test reads: none may show a raw placeholder. */
  const seen: { url: string; text: string }[] = [];

  async function get(who: Browser, url: string, status = 200): Promise<string> {
    const res = await who.agent.get(url);
    assert.equal(res.status, status, `${url}: ${res.status} ${res.text.slice(0, 300)}`);
    seen.push({ url, text: res.text });
    return res.text;
  }

  async function post(
    who: Browser,
    formPage: string,
    action: string,
    data: Record<string, string | string[]>,
    status: number,
  ) {
    const res = await who.submit(formPage, action, data);
    assert.equal(res.status, status, `${action}: ${res.status} ${res.text.slice(0, 400)}`);
    seen.push({ url: action, text: res.text });
    return res;
  }

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ทุน' });
    reviewerUser = await makeUser({ roles: ['reviewer'], name: REVIEWER_NAME });
    conflictedUser = await makeUser({ roles: ['reviewer'], name: 'กรรมการ ญาติ' });
    member = await makeUser({ name: 'ประธาน ชมรม' });
    await fundMoney(staffUser, 'elderly', 300_000_00);
    callId = await makeCall(staffUser, {
      committeeEmails: [reviewerUser.email, conflictedUser.email],
      reviewsPerApplication: 2,
    });
    const orgId = await makeOrg(member, { nameTh: ORG_NAME });
    appId = await startApplication(member, callId, orgId);
    await saveApplication(member, appId, {
      ...proposal(40_000_00),
      coFunding: [{ source: 'อบต.นาทวี สมทบ', amountSatang: 5_000_00 }],
    });
    await transition(member, appId, { action: 'submit' });
    await transition(staffUser, appId, { action: 'start_screening' });
    await transition(staffUser, appId, { action: 'send_to_review' });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    reviewer = browser(ctx.app);
    await reviewer.login(reviewerUser.email, PASSWORD);
    applicant = browser(ctx.app);
    await applicant.login(member.email, PASSWORD);
  });

  it('after "send to committee" staff see reviewer assignment first, and no "close the review" before a review is in', async () => {
    const page = await get(staff, `/applications/${appId}`);
    assert.match(page, /id="assign"/);
    assert.doesNotMatch(page, /name="action" value="finish_review"/, 'nothing to close yet');
    assert.match(page, th('grants.closeReviewLater'));
    assert.ok(
      page.indexOf('action="/applications/' + appId + '/reviewers"') < page.indexOf('id="proposal-heading"'),
      'the assignment form comes before the proposal',
    );
  });

  it('assigning says "1 review assigned" (plural through i18next), never {{assigned}}', async () => {
    const res = await post(
      staff,
      `/applications/${appId}`,
      `/applications/${appId}/reviewers`,
      { reviewerIds: reviewerUser.id },
      303,
    );
    const page = await get(staff, String(res.headers.location));
    assert.match(page, th('grants.assigned', { count: 1 }));
    assert.doesNotMatch(page, /\{\{/);
    assert.equal(translate('en', 'grants.assigned', { count: 1 }), '1 review assigned');
    assert.equal(translate('en', 'grants.assigned', { count: 2 }), '2 reviews assigned');
    await post(
      staff,
      `/applications/${appId}`,
      `/applications/${appId}/reviewers`,
      { reviewerIds: conflictedUser.id },
      303,
    );
    const en = await get(staff, `/admin/calls/${callId}?lang=en`);
    assert.match(en, /2 committee members/);
    await get(staff, `/admin/calls/${callId}?lang=th`);
  });

  it('the conflict question names the applicant on a call that is not blind; staff see the note; a declared reviewer is not offered again', async () => {
    const conflicted = browser(ctx.app);
    await conflicted.login(conflictedUser.email, PASSWORD);
    const ask = await get(conflicted, `/reviews/${appId}`);
    assert.match(ask, th('grants.conflictQuestionNamed', { org: ORG_NAME }));
    await post(
      conflicted,
      `/reviews/${appId}`,
      `/reviews/${appId}/conflict`,
      { conflict: 'yes', note: 'เป็นญาติของประธานชมรม' },
      303,
    );

    const page = await get(staff, `/applications/${appId}`);
    assert.match(page, /เป็นญาติของประธานชมรม/, 'staff read the conflict note');
    assert.doesNotMatch(page, new RegExp(`name="reviewerIds" value="${conflictedUser.id}"`), 'not offered again');
    assert.doesNotMatch(
      page,
      new RegExp(`name="reviewerIds" value="${reviewerUser.id}"`),
      'already assigned: not offered either',
    );
    assert.match(page, th('grants.notOffered.declared_conflict'));
    const again = await post(
      staff,
      `/applications/${appId}`,
      `/applications/${appId}/reviewers`,
      { reviewerIds: conflictedUser.id },
      422,
    );
    assert.match(again.text, th('grants.reviewerDeclaredConflict', { names: 'กรรมการ ญาติ' }));
  });

  it('the reviewer reads the whole proposal, as staff do (beneficiaries, area, target group, co-funding, targets, total)', async () => {
    await post(reviewer, `/reviews/${appId}`, `/reviews/${appId}/conflict`, { conflict: 'no' }, 303);
    const page = await get(reviewer, `/reviews/${appId}`);
    for (const text of [
      translate('th', 'grants.f.beneficiaries'),
      translate('th', 'grants.f.targetGroup'),
      'ผู้สูงอายุในตำบล',
      translate('th', 'grants.f.area'),
      'สงขลา',
      'อบต.นาทวี สมทบ',
      '80 คน',
      translate('th', 'grants.requestedTotal'),
      '฿40,000',
    ]) {
      assert.match(page, new RegExp(esc(text)), `the reviewer sees ${text}`);
    }
    assert.match(page, new RegExp(esc(ORG_NAME)), 'not blind: the applicant is named');
  });

  it('on a blind call the reviewer is never told who applied', async () => {
    const blindCall = await makeCall(staffUser, {
      committeeEmails: [reviewerUser.email],
      reviewsPerApplication: 1,
      blindReview: true,
      titleTh: 'ทุนแบบปิดชื่อ',
    });
    const other = await makeUser();
    const blindOrg = 'ชมรมปิดชื่อทดสอบ';
    const id = await startApplication(other, blindCall, await makeOrg(other, { nameTh: blindOrg }));
    await saveApplication(other, id, proposal(10_000_00));
    await transition(other, id, { action: 'submit' });
    await transition(staffUser, id, { action: 'start_screening' });
    await transition(staffUser, id, { action: 'send_to_review' });
    await post(staff, `/applications/${id}`, `/applications/${id}/reviewers`, { reviewerIds: reviewerUser.id }, 303);
    const ask = await get(reviewer, `/reviews/${id}`);
    assert.match(ask, th('grants.conflictQuestion'));
    assert.doesNotMatch(ask, new RegExp(blindOrg));
    await post(reviewer, `/reviews/${id}`, `/reviews/${id}/conflict`, { conflict: 'no' }, 303);
    const page = await get(reviewer, `/reviews/${id}`);
    assert.match(page, th('grants.f.beneficiaries'));
    assert.doesNotMatch(page, new RegExp(blindOrg), 'no applicant identity on a blind call');
  });

  it('scoring: a refused submit opens at a list of the problems; submit asks for a confirmation first (no JavaScript needed)', async () => {
    const scores = {
      'scores[need]': '5',
      'scores[feasibility]': '4',
      'scores[community]': '4',
      recommendation: 'fund',
      commentForStaff: 'กลุ่มเข้มแข็ง',
      commentForApplicant: COMMENT,
    };
    const form = await get(reviewer, `/reviews/${appId}`);
    assert.match(form, new RegExp(`action="/reviews/${appId}#errors"`), 'the form lands on #errors when refused');
    assert.match(form, /class="score-option"/);

    const refused = await post(
      reviewer,
      `/reviews/${appId}`,
      `/reviews/${appId}`,
      { ...scores, 'scores[community]': '', intent: 'submit' },
      422,
    );
    assert.match(refused.text, /id="errors"/);
    assert.match(refused.text, /href="#c-community"/, 'the summary links to the criterion');
    assert.ok(
      refused.text.indexOf('id="errors"') < refused.text.indexOf('id="c-need"'),
      'the summary sits above the proposal and the scores',
    );

    const check = await post(reviewer, `/reviews/${appId}`, `/reviews/${appId}`, { ...scores, intent: 'submit' }, 200);
    assert.match(check.text, th('grants.confirmTitle'));
    assert.match(check.text, new RegExp(esc(COMMENT)));
    let review = await Review.findOne({ applicationId: appId, reviewerId: reviewerUser.id }).lean();
    assert.equal(review?.status, 'draft', 'not submitted before the confirmation');
    assert.equal(
      review?.scores && (review.scores as unknown as Record<string, number>).need,
      5,
      'but saved as a draft',
    );

    const unticked = await reviewer.agent
      .post(`/reviews/${appId}`)
      .type('form')
      .send({ ...scores, intent: 'submit', step: 'confirm', _csrf: csrfFrom(check.text) });
    assert.equal(unticked.status, 422);
    assert.match(unticked.text, th('grants.confirmNeeded'));
    assert.equal((await Review.findOne({ applicationId: appId, reviewerId: reviewerUser.id }).lean())?.status, 'draft');

    const confirmed = await reviewer.agent
      .post(`/reviews/${appId}`)
      .type('form')
      .send({ ...scores, intent: 'submit', step: 'confirm', confirm: 'on', _csrf: csrfFrom(check.text) });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.location, '/reviews#desk', 'an explicit fragment, or the browser keeps #errors');
    review = await Review.findOne({ applicationId: appId, reviewerId: reviewerUser.id }).lean();
    assert.equal(review?.status, 'submitted');
  });

  it('the comment to the applicant: staff see it at once, the applicant only after the decision', async () => {
    const before = await get(applicant, `/applications/${appId}`);
    assert.doesNotMatch(before, new RegExp(esc(COMMENT)), 'not before a decision');
    const staffPage = await get(staff, `/applications/${appId}`);
    assert.match(staffPage, new RegExp(esc(COMMENT)), 'staff see the comment on the application');
    assert.match(staffPage, /name="action" value="finish_review"/, 'a review is in: the review can be closed');
    await post(staff, `/applications/${appId}`, `/applications/${appId}/transitions`, { action: 'finish_review' }, 303);
  });

  it('the decision view: one figure for what is left, no blank "line" column, decision buttons per application, comments shown', async () => {
    const view = await get(staff, `/admin/calls/${callId}/decisions`);
    assert.doesNotMatch(view, /฿[\d,]+ − ฿/, 'no "฿500,000 − ฿0"');
    assert.match(view, th('grants.callBudgetRemaining'));
    assert.match(view, /<dd>฿500,000 /);
    assert.doesNotMatch(view, new RegExp(`<th>${esc(translate('th', 'grants.line'))}</th>`), 'no "line" column');
    assert.match(view, new RegExp(esc(COMMENT)), 'the comment to the applicant, for staff');
    assert.match(view, new RegExp(`action="/applications/${appId}/decide"`));
    assert.match(
      view,
      /<button type="submit" name="action" value="approve" class="button">/,
      'approve: the primary button',
    );
    assert.match(
      view,
      /<button type="submit" name="action" value="decline" class="button button-danger">/,
      'decline: red',
    );

    const appPage = await get(staff, `/applications/${appId}`);
    assert.match(appPage, /class="button button-danger">[^<]*ไม่อนุมัติ/, 'the application page marks decline as red too');

    // Decline is final and mails the applicant: without the tick it changes nothing and says why.
    const unconfirmed = await post(
      staff,
      `/admin/calls/${callId}/decisions`,
      `/applications/${appId}/decide`,
      { action: 'decline', letter: 'ขออภัย' },
      303,
    );
    assert.equal(unconfirmed.headers.location, `/admin/calls/${callId}/decisions#app-${appId}`);
    assert.equal((await Application.findById(appId).lean())?.status, 'reviewed', 'not declined');
    const told = await get(staff, `/admin/calls/${callId}/decisions`);
    assert.match(told, /notice-error/);
    assert.match(told, new RegExp(esc(translate('th', 'grants.declineConfirm'))));
    assert.match(
      told,
      th('grants.declineConfirmNeeded', { title: 'ลานสุขภาพผู้สูงอายุตำบลนาทวี' }),
      'the message names the application',
    );

    const decided = await post(
      staff,
      `/admin/calls/${callId}/decisions`,
      `/applications/${appId}/decide`,
      { action: 'approve', comment: 'มติที่ประชุม 3/2570', letter: 'ยินดีด้วย ได้รับการอนุมัติ' },
      303,
    );
    assert.equal(decided.headers.location, `/admin/calls/${callId}/decisions#app-${appId}`);
    assert.equal((await Application.findById(appId).lean())?.status, 'approved');
  });

  it('after the decision the applicant reads the comment (no reviewer name), on the page and in the decision email', async () => {
    const page = await get(applicant, `/applications/${appId}`);
    assert.match(page, th('grants.reviewerComments'));
    assert.match(page, new RegExp(esc(COMMENT)));
    assert.match(page, th('grants.reviewerN', { n: 1 }));
    assert.doesNotMatch(page, new RegExp(REVIEWER_NAME), 'anonymised');
    const mail = await MailMessage.findOne({
      to: member.email,
      template: 'applicationMoved',
      text: /ยินดีด้วย ได้รับการอนุมัติ/,
    }).lean();
    assert.ok(mail, 'the decision email');
    assert.match(mail.text, new RegExp(esc(COMMENT)));
    assert.doesNotMatch(mail.text, new RegExp(REVIEWER_NAME));
  });

  it('awarding more than was requested comes back to the form with the message beside the amount, values kept; the amount is prefilled', async () => {
    const view = await get(staff, `/admin/calls/${callId}/decisions`);
    assert.match(view, new RegExp(`id="d-amount-${appId}" name="amount" value="40000"`), 'prefilled with the request');
    const message = esc(translate('th', 'grants.award.above_requested'));

    const fromView = await post(
      staff,
      `/admin/calls/${callId}/decisions`,
      `/applications/${appId}/award`,
      { amount: '40,001', conditions: 'ส่งรูปกิจกรรม', from: 'decisions' },
      422,
    );
    assert.match(
      fromView.text,
      new RegExp(`id="d-amount-${appId}" name="amount" value="40,001"[^>]*aria-invalid="true"`),
    );
    assert.match(fromView.text, new RegExp(`id="d-amount-error-${appId}">${message}<`));
    assert.match(fromView.text, /ส่งรูปกิจกรรม<\/textarea>/);

    const appPage = await get(staff, `/applications/${appId}`);
    assert.match(
      appPage,
      /id="f-amount" name="amount" type="text"\s+value="40000"/,
      'the application page prefills it too',
    );
    const fromPage = await post(
      staff,
      `/applications/${appId}`,
      `/applications/${appId}/award`,
      { amount: '45000', conditions: 'เงื่อนไขทดสอบ' },
      422,
    );
    assert.match(fromPage.text, /value="45000"/);
    assert.match(fromPage.text, new RegExp(`id="e-amount">${message}<`), 'beside the field');
    assert.match(
      fromPage.text,
      /action="\/applications\/[a-f0-9]{24}\/award#award"/,
      'the award form, not the error page',
    );
    assert.match(fromPage.text, /เงื่อนไขทดสอบ<\/textarea>/);
    assert.equal(await Award.countDocuments({ applicationId: appId }), 0);

    const awarded = await post(
      staff,
      `/admin/calls/${callId}/decisions`,
      `/applications/${appId}/award`,
      { amount: '40000', from: 'decisions' },
      303,
    );
    assert.equal(awarded.headers.location, `/admin/calls/${callId}/decisions#app-${appId}`);
    const paid = await get(staff, `/applications/${appId}`);
    assert.match(paid, /<button type="submit" class="button">[^<]*บันทึกการจ่าย/, '"record payment" is a button');
  });

  it('no page read here, and no email sent, shows a raw {{placeholder}}', async () => {
    for (const { url, text } of seen) assert.doesNotMatch(text, /\{\{/, url);
    const mails = await MailMessage.find({}, { subject: 1, text: 1, template: 1 }).lean();
    assert.ok(mails.length > 3);
    for (const m of mails) assert.doesNotMatch(`${m.subject}\n${m.text}`, /\{\{/, m.template);
  });
});

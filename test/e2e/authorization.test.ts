import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeAward, makeDonation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { databaseState } from '../helpers/db-state.js';
import { applicationInReview, callInput, fundMoney, makeCall, makeOrg, proposal } from '../helpers/grants.js';
import { createCall } from '../../src/modules/grants/call.service.js';
import { runSeeds } from '../../seeds/index.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { addAttachments } from '../../src/modules/grants/application-attachment.service.js';
import { assignReviewers, declareConflict } from '../../src/modules/grants/review.service.js';
import { awardOfApplication } from '../../src/modules/grants/award.service.js';
import { payTranche } from '../../src/modules/grants/tranche.service.js';
import { requestDeletion } from '../../src/modules/accounts/my-data.service.js';
import { DeletionRequest } from '../../src/modules/accounts/deletion-request.model.js';
import { submitReport } from '../../src/modules/grants/grant-report.service.js';
import { importStatement } from '../../src/modules/funds/bank-statements.service.js';
import { StatementLine } from '../../src/modules/funds/bank-statement.model.js';
import { saveNews } from '../../src/modules/community/news.service.js';
import { createCampaign } from '../../src/modules/funds/campaign.service.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Review } from '../../src/modules/grants/review.model.js';
import { storeBuffer } from '../../src/shared/files.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/**
 * The authorization matrix: every listed route × every kind of person → the status they get.
 * For writes, every refusal is also checked to have changed nothing in the database. `ok` marks
 * an allowed write: those are sent after all refusals (so every refusal meets the same data), once each,
 * by the first person allowed, and must change something. Anonymous writes always get 401.
 */
const PERSONAS = [
  'anonymous',
  'donor',
  'applicantA',
  'applicantB',
  'reviewer',
  'reviewerConflicted',
  'staff',
  'admin',
] as const;
type Persona = (typeof PERSONAS)[number];
type Person = Exclude<Persona, 'anonymous'> | 'reviewerSpare';
type Expect = number | 'ok';

interface Row {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, string>;
  expect: Record<Persona, Expect>;
  /** A write a visitor may make with a signed link (a pledge's slip): its own answer, not the blanket 401. */
  openToVisitors?: boolean;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c1d50000000049454e44ae426082',
  'hex',
);

describe('authorization matrix: every route × every kind of person', function () {
  // Room for the site pages' and personal-data rows on a loaded machine.
  this.timeout(420_000);
  const ctx = useTestApp();
  const people = {} as Record<Person, PublicUser>;
  let rows: Row[];

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    people.donor = await makeUser();
    people.applicantA = await makeUser({ roles: ['applicant'] });
    people.applicantB = await makeUser({ roles: ['applicant'] });
    people.reviewer = await makeUser({ roles: ['reviewer'] });
    people.reviewerConflicted = await makeUser({ roles: ['reviewer'] });
    people.reviewerSpare = await makeUser({ roles: ['reviewer'] });
    people.staff = await makeUser({ roles: ['staff'] });
    people.admin = await makeUser({ roles: ['admin'] });
    await fundMoney(people.staff, 'elderly', 100_000_00);
    const orgA = await makeOrg(people.applicantA);
    const orgB = await makeOrg(people.applicantB);
    const call = await makeCall(people.staff, {
      committeeEmails: [people.reviewer.email, people.reviewerConflicted.email, people.reviewerSpare.email],
    });
    const draftCall = await createCall(people.staff, callInput());
    const app = await startApplication(people.applicantA, call, orgA);
    await saveApplication(people.applicantA, app, proposal(20_000_00));
    await addAttachments(people.applicantA, app, [
      await storeBuffer({ buffer: PDF, originalname: 'plan.pdf' }, 'attachments', { applicationId: app }),
    ]);
    await transition(people.applicantA, app, { action: 'submit' });
    await transition(people.staff, app, { action: 'start_screening' });
    await transition(people.staff, app, { action: 'send_to_review' });
    await assignReviewers(people.staff, app, [people.reviewer.id, people.reviewerConflicted.id]);
    await declareConflict(people.reviewer, app, { conflict: false, note: '' });
    await declareConflict(people.reviewerConflicted, app, { conflict: true, note: 'ญาติ' });
    // Organisation B's application waits in review with no reviewers yet: work for the allowed assignment writes.
    const appB = await applicationInReview(people.staff, people.applicantB, call, orgB);
    const file = String((await Application.findById(app).lean())?.attachments[0]?._id);

    // A grant to organisation A in a second call, first tranche paid, progress report in with a photo.
    const call2 = await makeCall(people.staff, { committeeEmails: [people.reviewer.email] });
    const { awardId: award, applicationId: granted } = await makeAward(
      { staff: people.staff, member: people.applicantA, reviewer: people.reviewer },
      { callId: call2, orgId: orgA, amountSatang: 30_000_00, comment: 'อนุมัติ' },
    );
    await payTranche(people.staff, award, 1, 'โอน 001');
    const reports = (await awardOfApplication(people.staff, granted))?.reports ?? [];
    const progress = reports.find((r) => r.kind === 'progress')?.id as string;
    const final = reports.find((r) => r.kind === 'final')?.id as string;
    await submitReport(
      people.applicantA,
      award,
      progress,
      { narrative: 'อบรมแล้ว', spending: [{ line: 0, spentSatang: 10_000_00 }], indicators: [] },
      [await storeBuffer({ buffer: PNG, originalname: 'ภาพ.png' }, 'photos', { awardId: award, reportId: progress })],
    );
    const photo = (await awardOfApplication(people.staff, granted))?.reports.find((r) => r.id === progress)?.photos[0]
      ?.id as string;

    // The donor's own gift (recorded by staff against the donor's account), and a message in the outbox.
    const gift = await makeDonation(people.staff, { amountSatang: 1_000_00, reference: 'ref-1', donor: people.donor });
    const mail = String((await MailMessage.findOne({}, { _id: 1 }).lean())?._id);
    const review = String(
      (await Review.findOne({ applicationId: app, reviewerId: people.reviewer.id }, { _id: 1 }).lean())?._id,
    );
    // The donor's open request that their personal data be deleted (PDPA), for staff to resolve.
    await requestDeletion({ ...people.donor, roles: ['donor'] }, { reason: '' });
    const deletion = String((await DeletionRequest.findOne({}, { _id: 1 }).lean())?._id);
    // An imported bank statement with one line of money in, for the statement pages and line actions.
    const { statementId: statement } = await importStatement(people.staff, {
      newAccount: { name: 'ออมสิน 020-1-23456-7', mapping: { date: 0, description: 1, amount: 2, hasHeader: false } },
      filename: 'gsb.csv',
      text: '01/11/2569,โอนเข้า,500.00\n',
    });
    const line = String((await StatementLine.findOne({ statementId: statement }, { _id: 1 }).lean())?._id);
    // A campaign (no cover yet), for its story pages.
    await createCampaign(people.staff, {
      fund: 'elderly',
      slug: 'matrix-campaign',
      nameTh: 'แคมเปญทดสอบสิทธิ์',
      nameEn: 'Matrix campaign',
      descriptionTh: '',
      descriptionEn: '',
      goalSatang: 10_000_00,
      endsOn: new Date(Date.now() + 30 * 86_400_000),
    });
    // A news draft: staff see it, everyone else is told it is not there.
    const draft = await saveNews(
      people.staff,
      undefined,
      {
        kind: 'news',
        title: { th: 'ข่าวร่าง', en: '' },
        summary: { th: 'สรุป', en: '' },
        body: { th: 'เนื้อหา', en: '' },
        photoAlt: { th: '', en: '' },
        fundSlug: undefined,
        areaCode: undefined,
        removePhoto: false,
      },
      undefined,
    );
    const lines = `/admin/books/statements/${statement}/lines`;

    // anonymous, donor, applicantA, applicantB, reviewer, reviewerConflicted, staff, admin
    const m = (...s: Expect[]): Record<Persona, Expect> =>
      Object.fromEntries(PERSONAS.map((p, i) => [p, s[i] as Expect])) as Record<Persona, Expect>;
    const staffOnly = m(302, 403, 403, 403, 403, 403, 200, 200);
    const loggedIn = m(302, 200, 200, 200, 200, 200, 200, 200);
    const everyone = m(200, 200, 200, 200, 200, 200, 200, 200);
    const loggedInForm = m(302, 422, 422, 422, 422, 422, 422, 422);
    rows = [
      { method: 'GET', path: '/', expect: m(200, 200, 200, 200, 200, 200, 200, 200) },
      { method: 'GET', path: '/calls', expect: m(200, 200, 200, 200, 200, 200, 200, 200) },
      { method: 'GET', path: `/calls/${call}`, expect: m(200, 200, 200, 200, 200, 200, 200, 200) },
      { method: 'GET', path: '/directory', expect: everyone },
      { method: 'GET', path: '/directory/map', expect: everyone },
      { method: 'GET', path: `/organisations/${orgA}`, expect: everyone },
      { method: 'GET', path: `/organisations/${orgA}/matches`, expect: everyone },
      { method: 'GET', path: '/transparency', expect: everyone },
      { method: 'GET', path: '/funds/education', expect: everyone },
      { method: 'GET', path: '/donate', expect: everyone },
      { method: 'GET', path: `/api/v1/organisations/${orgA}`, expect: everyone },
      { method: 'GET', path: '/account/gifts', expect: m(302, 200, 200, 200, 200, 200, 200, 200) },
      { method: 'GET', path: '/applications', expect: m(302, 200, 200, 200, 200, 200, 200, 200) },
      { method: 'GET', path: `/applications/${app}`, expect: m(302, 404, 200, 404, 200, 404, 200, 200) },
      {
        method: 'GET',
        path: `/applications/${app}/attachments/${file}`,
        expect: m(302, 404, 200, 404, 200, 404, 200, 200),
      },
      { method: 'GET', path: `/applications/${app}/edit`, expect: m(302, 404, 303, 404, 303, 404, 303, 303) },
      { method: 'GET', path: '/reviews', expect: m(302, 403, 403, 403, 200, 200, 403, 403) },
      { method: 'GET', path: `/reviews/${app}`, expect: m(302, 403, 403, 403, 200, 200, 403, 403) },
      { method: 'GET', path: '/admin', expect: staffOnly },
      { method: 'GET', path: '/admin/todo/reviews', expect: staffOnly },
      { method: 'GET', path: '/admin/todo/tranches', expect: staffOnly },
      { method: 'GET', path: '/admin/todo/reports', expect: staffOnly },
      { method: 'GET', path: '/admin/users', expect: m(302, 403, 403, 403, 403, 403, 403, 200) },
      { method: 'GET', path: '/admin/outbox', expect: staffOnly },
      { method: 'GET', path: '/admin/donations', expect: staffOnly },
      { method: 'GET', path: '/admin/donations.csv', expect: staffOnly },
      { method: 'GET', path: '/admin/campaigns', expect: staffOnly },
      { method: 'GET', path: '/admin/books', expect: staffOnly },
      { method: 'GET', path: '/admin/books/payouts', expect: staffOnly },
      { method: 'GET', path: '/admin/books/payouts/po_nobody', expect: m(302, 403, 403, 403, 403, 403, 404, 404) },
      { method: 'GET', path: '/admin/books/general-ledger.csv?from=2026-01&to=2026-02', expect: staffOnly },
      { method: 'GET', path: '/admin/books/statements', expect: staffOnly },
      { method: 'GET', path: '/admin/e-donation', expect: staffOnly },
      { method: 'GET', path: '/news', expect: everyone },
      { method: 'GET', path: '/campaigns/matrix-campaign/cover', expect: m(404, 404, 404, 404, 404, 404, 404, 404) },
      { method: 'GET', path: '/campaigns/matrix-campaign/stop-updates', expect: everyone },
      { method: 'GET', path: '/admin/campaigns/matrix-campaign', expect: staffOnly },
      { method: 'GET', path: '/news/feed.atom', expect: everyone },
      { method: 'GET', path: `/news/${draft}`, expect: m(404, 404, 404, 404, 404, 404, 200, 200) },
      { method: 'GET', path: '/admin/news', expect: staffOnly },
      { method: 'GET', path: '/admin/news/new', expect: staffOnly },
      { method: 'GET', path: `/admin/news/${draft}/edit`, expect: staffOnly },
      { method: 'GET', path: '/admin/e-donation/deductions', expect: staffOnly },
      {
        method: 'GET',
        path: `/admin/e-donation/batches/${'f'.repeat(24)}`,
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      },
      {
        method: 'GET',
        path: `/admin/e-donation/batches/${'f'.repeat(24)}/export.csv`,
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      },
      { method: 'GET', path: `/admin/books/statements/${statement}`, expect: staffOnly },
      {
        method: 'GET',
        path: `/admin/books/statements/${'f'.repeat(24)}`,
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      },
      { method: 'GET', path: '/admin/introductions', expect: staffOnly },
      { method: 'GET', path: '/admin/calls', expect: staffOnly },
      { method: 'GET', path: '/admin/calls/new', expect: staffOnly },
      { method: 'GET', path: `/admin/calls/${call}`, expect: staffOnly },
      { method: 'GET', path: `/admin/calls/${call}/decisions`, expect: staffOnly },
      { method: 'GET', path: `/admin/calls/${call}/decisions.csv`, expect: staffOnly },
      { method: 'GET', path: '/account', expect: loggedIn },
      // The foundation's pages (public), their staff editor, and the person's own data.
      { method: 'GET', path: '/about', expect: everyone },
      { method: 'GET', path: '/contact', expect: everyone },
      { method: 'GET', path: '/privacy', expect: everyone },
      { method: 'GET', path: '/tax-deduction', expect: everyone },
      { method: 'GET', path: '/admin/pages', expect: staffOnly },
      { method: 'GET', path: '/admin/pages/about', expect: staffOnly },
      { method: 'GET', path: '/admin/pages/details', expect: staffOnly },
      { method: 'GET', path: '/admin/deletion-requests', expect: staffOnly },
      { method: 'GET', path: '/account/data', expect: loggedIn },
      { method: 'GET', path: '/account/deletion-request', expect: loggedIn },
      // A year's tax summary exists only for someone who gave that year.
      { method: 'GET', path: '/account/gifts/summary/2569', expect: m(302, 200, 404, 404, 404, 404, 404, 404) },
      { method: 'GET', path: '/organisations/new', expect: loggedIn },
      { method: 'GET', path: '/areas/90/surveys/new', expect: loggedIn },
      {
        method: 'GET',
        path: '/invitations/made-up-token-that-is-long-enough',
        expect: m(302, 404, 404, 404, 404, 404, 404, 404),
      },
      {
        method: 'GET',
        path: '/verify-email/made-up-token-that-is-long-enough',
        expect: m(410, 410, 410, 410, 410, 410, 410, 410),
      },
      { method: 'GET', path: `/receipts/${gift}`, expect: m(403, 200, 403, 403, 403, 403, 200, 200) },
      { method: 'GET', path: `/awards/${award}/photos/${photo}`, expect: m(302, 404, 200, 404, 404, 404, 200, 200) },
      { method: 'GET', path: `/admin/calls/${call}/edit`, expect: staffOnly },
      { method: 'GET', path: '/admin/campaigns/new', expect: staffOnly },
      { method: 'GET', path: '/admin/donations/new', expect: staffOnly },
      { method: 'GET', path: `/admin/donations/${gift}`, expect: staffOnly },
      {
        method: 'GET',
        path: `/admin/donations/${gift}/slips/${'f'.repeat(24)}`,
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      },
      { method: 'GET', path: '/admin/ledger/adjust', expect: staffOnly },
      { method: 'GET', path: `/admin/outbox/${mail}`, expect: staffOnly },
      { method: 'GET', path: `/admin/users/${people.donor.id}`, expect: m(302, 403, 403, 403, 403, 403, 403, 200) },
      { method: 'GET', path: `/organisations/${orgA}/edit`, expect: m(302, 403, 200, 403, 403, 403, 200, 200) },
      // Writes: refusals must change nothing.
      {
        method: 'POST',
        path: `/reviews/${app}`,
        body: {
          'scores[need]': '5',
          'scores[feasibility]': '5',
          'scores[community]': '5',
          recommendation: 'fund',
          intent: 'submit',
          confirm: 'on',
        },
        expect: m(302, 403, 403, 403, 'ok', 403, 403, 403),
      },
      {
        method: 'POST',
        path: `/applications/${app}`,
        body: { title: 'แก้ไขโดยผู้อื่น', intent: 'save' },
        expect: m(302, 404, 409, 404, 403, 404, 403, 403),
      },
      {
        method: 'POST',
        path: `/applications/${app}/transitions`,
        body: { action: 'finish_review' },
        expect: m(302, 404, 403, 404, 404, 404, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/applications/${app}/transitions`,
        body: { action: 'withdraw', confirm: 'on' },
        expect: m(302, 404, 409, 404, 404, 404, 409, 409),
      },
      {
        method: 'POST',
        path: `/applications/${appB}/reviewers`,
        body: { reviewerIds: people.reviewerSpare.id },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/applications/${app}/award`,
        body: { amount: '10,000' },
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      },
      {
        method: 'POST',
        path: `/applications/${app}/decide`,
        body: { action: 'approve' },
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      },
      {
        method: 'POST',
        path: `/applications/${app}/attachments/${file}/delete`,
        body: {},
        expect: m(302, 404, 409, 404, 404, 404, 403, 403),
      },
      {
        method: 'POST',
        path: `/reviews/${app}/conflict`,
        body: { conflict: 'no' },
        expect: m(302, 403, 403, 403, 409, 409, 403, 403),
      },
      {
        method: 'POST',
        path: `/admin/calls/${draftCall}/publish`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/admin/calls/${call}/assign`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/organisations/${orgA}/verify`,
        body: { verified: 'true' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/admin/users/${people.donor.id}/roles`,
        body: { roles: 'staff' },
        expect: m(302, 403, 403, 403, 403, 403, 403, 'ok'),
      },
      {
        method: 'POST',
        path: '/admin/ledger/adjust',
        body: {
          fund: 'elderly',
          amount: '1000',
          direction: 'credit',
          memo: 'x',
          submissionId: '7d0f0d2e-3a0b-4c55-9a57-6a3f3f7e2b10',
        },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      // Writes whose form is left empty: a person allowed gets the validation answer (422), the rest are refused.
      { method: 'POST', path: '/admin/pages/about', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      { method: 'POST', path: '/admin/pages/details', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      {
        method: 'POST',
        path: `/admin/deletion-requests/${deletion}`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 422, 422),
      },
      { method: 'POST', path: '/account/deletion-request', body: {}, expect: loggedInForm },
      { method: 'POST', path: '/account', body: {}, expect: m(302, 422, 422, 422, 422, 422, 422, 422) },
      {
        method: 'POST',
        path: '/account/password',
        body: { current: 'wrong-password-1', password: 'x' },
        expect: m(302, 422, 422, 422, 422, 422, 422, 422),
      },
      { method: 'POST', path: '/organisations', body: {}, expect: m(302, 422, 422, 422, 422, 422, 422, 422) },
      { method: 'POST', path: `/organisations/${orgA}`, body: {}, expect: m(302, 403, 422, 403, 403, 403, 422, 422) },
      { method: 'POST', path: '/areas/90/surveys', body: {}, expect: m(302, 422, 422, 422, 422, 422, 422, 422) },
      { method: 'POST', path: '/admin/calls', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      { method: 'POST', path: `/admin/calls/${call}`, body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      { method: 'POST', path: '/admin/campaigns', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      { method: 'POST', path: '/admin/books/close', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      {
        method: 'POST',
        path: '/admin/books/statements',
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 422, 422),
      },
      // A line action answers at the line (a message after the redirect); a line of nobody is not found.
      { method: 'POST', path: `${lines}/${line}/confirm`, body: {}, expect: m(302, 403, 403, 403, 403, 403, 303, 303) },
      {
        method: 'POST',
        path: `${lines}/${'f'.repeat(24)}/record-gift`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      },
      {
        method: 'POST',
        path: `${lines}/${line}/not-a-gift`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `${lines}/${line}/reopen`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      { method: 'POST', path: '/admin/donations', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      { method: 'POST', path: '/admin/news', body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      {
        method: 'POST',
        path: '/campaigns/matrix-campaign/stop-updates',
        body: { email: 'x@example.org', token: 'forged' },
        expect: m(404, 404, 404, 404, 404, 404, 404, 404),
        openToVisitors: true,
      },
      {
        method: 'POST',
        path: '/admin/campaigns/matrix-campaign/updates',
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 422, 422),
      },
      {
        method: 'POST',
        path: '/admin/campaigns/matrix-campaign/story',
        body: { storyTh: 'เรื่องราว' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      { method: 'POST', path: `/admin/news/${draft}`, body: {}, expect: m(302, 403, 403, 403, 403, 403, 422, 422) },
      {
        method: 'POST',
        path: `/admin/news/${draft}/publish`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 422, 422),
      },
      // The test foundation is not registered for e-Donation: staff are told so, nothing is prepared.
      {
        method: 'POST',
        path: '/admin/e-donation/batches',
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      },
      ...['reported', 'confirmed', 'cancel'].map((step) => ({
        method: 'POST' as const,
        path: `/admin/e-donation/batches/${'f'.repeat(24)}/${step}`,
        body: { reportedOn: '2026-11-01' },
        expect: m(302, 403, 403, 403, 403, 403, 404, 404),
      })),
      ...['reported-by-bank', 'correct'].map((move) => ({
        method: 'POST' as const,
        path: `/admin/e-donation/gifts/${gift}/${move}`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      })),
      {
        method: 'POST',
        path: `/admin/e-donation/deductions/funds/${'f'.repeat(24)}`,
        body: {},
        expect: m(302, 403, 403, 403, 403, 403, 422, 422),
      },
      {
        method: 'POST',
        path: `/admin/donations/${gift}/confirm-pledge`,
        body: { receivedAt: '2026-11-01' },
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      },
      // A slip needs the pledge's signed link or to be the gift's own donor; this gift is paid, not waiting.
      {
        method: 'POST',
        path: `/donate/thanks/${gift}/slip`,
        body: {},
        expect: m(403, 409, 403, 403, 403, 403, 403, 403),
        openToVisitors: true,
      },
      {
        method: 'POST',
        path: `/account/gifts/monthly/${gift}/cancel`,
        body: {},
        expect: m(302, 404, 404, 404, 404, 404, 404, 404),
      },
      {
        method: 'POST',
        path: '/account/gifts/claim',
        body: { reference: 'FFFFFFFF', email: 'nobody@example.org' },
        expect: m(302, 422, 422, 422, 422, 422, 422, 422),
      },
      {
        method: 'POST',
        path: '/invitations/made-up-token-that-is-long-enough',
        body: {},
        expect: m(302, 404, 404, 404, 404, 404, 404, 404),
      },
      // Everyone here is verified already: the resend answers "already verified" and sends nothing.
      { method: 'POST', path: '/account/verification', body: {}, expect: m(302, 303, 303, 303, 303, 303, 303, 303) },
      // Staff clear only a flagged review: this one is not (409); nobody else may clear anything.
      {
        method: 'POST',
        path: `/applications/${app}/reviews/${review}/clear-conflict`,
        body: { note: 'ตรวจแล้ว' },
        expect: m(302, 403, 403, 403, 403, 403, 409, 409),
      },
      {
        method: 'POST',
        path: `/calls/${call}/applications`,
        body: { orgId: orgA },
        expect: m(302, 403, 303, 403, 403, 403, 403, 403),
      },
      {
        method: 'POST',
        path: `/awards/${award}/reports/${progress}`,
        body: { narrative: 'ซ้ำ' },
        expect: m(302, 403, 409, 403, 403, 403, 403, 403),
      },
      // Allowed writes ('ok') are sent last, in this order.
      {
        method: 'POST',
        path: '/admin/pages/privacy',
        body: { version: '1', titleTh: 'ความเป็นส่วนตัว', titleEn: 'Privacy', bodyTh: 'ข้อความ', bodyEn: 'Text' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/admin/deletion-requests/${deletion}`,
        body: { status: 'done', note: 'ลบแล้ว' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/organisations/${orgA}/invitations`,
        body: { email: 'friend@example.org' },
        expect: m(302, 403, 'ok', 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/organisations/${orgA}/matches/${orgB}`,
        body: { status: 'interested' },
        expect: m(302, 403, 'ok', 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/admin/donations/${gift}/refund`,
        body: { amount: '100', submissionId: '2d0f0d2e-3a0b-4c55-9a57-6a3f3f7e2b10' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/awards/${award}/reports/${progress}/review`,
        body: { decision: 'accept', comment: 'เรียบร้อย' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/awards/${award}/tranches/2/pay`,
        body: { reference: 'โอน 002' },
        expect: m(302, 403, 403, 403, 403, 403, 'ok', 'ok'),
      },
      {
        method: 'POST',
        path: `/awards/${award}/reports/${final}`,
        body: { narrative: 'เสร็จสิ้น', 'spending[0][line]': '0', 'spending[0][spent]': '30,000' },
        expect: m(302, 403, 'ok', 403, 403, 403, 403, 403),
      },
    ];
  });

  it('gives each person exactly the expected status on every route, and refused writes change nothing', async () => {
    const agents: Partial<Record<Persona, ReturnType<typeof browser>>> = {};
    const tokens: Partial<Record<Persona, string>> = {};
    for (const persona of PERSONAS) {
      const agent = browser(ctx.app);
      if (persona !== 'anonymous') await agent.login(people[persona].email, PASSWORD);
      agents[persona] = agent;
      tokens[persona] = csrfFrom((await agent.agent.get(persona === 'anonymous' ? '/login' : '/')).text);
    }
    const mismatches: string[] = [];
    let checked = 0;
    for (const row of rows) {
      for (const persona of PERSONAS) {
        // A write without a session is refused outright (401), not sent to log in.
        const expected =
          persona === 'anonymous' && row.method === 'POST' && !row.openToVisitors ? 401 : row.expect[persona];
        if (expected === 'ok') continue;
        const agent = (agents[persona] as ReturnType<typeof browser>).agent;
        const before = row.method === 'POST' ? await databaseState() : '';
        const res =
          row.method === 'GET'
            ? await agent.get(row.path)
            : await agent
                .post(row.path)
                .type('form')
                .send({ ...row.body, _csrf: tokens[persona] as string });
        checked += 1;
        if (res.status !== expected)
          mismatches.push(`${row.method} ${row.path} as ${persona}: ${res.status}, expected ${expected}`);
        if (res.status >= 500 || /at .+\.ts:\d+/.test(res.text ?? ''))
          mismatches.push(`${row.method} ${row.path} as ${persona}: a server error or stack trace`);
        if (row.method === 'POST' && (await databaseState()) !== before)
          mismatches.push(`${row.method} ${row.path} as ${persona}: refused, but the database changed`);
      }
    }
    assert.deepEqual(mismatches, []);
    assert.ok(checked > 250, `${checked} combinations checked`);

    // Then each allowed write, once, by the first person allowed: it succeeds and it does change something.
    const failedWrites: string[] = [];
    for (const row of rows) {
      const persona = PERSONAS.find((p) => row.expect[p] === 'ok');
      if (!persona) continue;
      const before = await databaseState();
      const res = await (agents[persona] as ReturnType<typeof browser>).agent
        .post(row.path)
        .type('form')
        .send({ ...row.body, _csrf: tokens[persona] as string });
      if (res.status >= 400) failedWrites.push(`${row.path} as ${persona}: ${res.status}, expected success`);
      else if ((await databaseState()) === before)
        failedWrites.push(`${row.path} as ${persona}: allowed, but nothing changed`);
    }
    assert.deepEqual(failedWrites, []);
  });
});

import assert from 'node:assert/strict';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { fundMoney, makeOrg } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { GrantCall } from '../../src/modules/grants/call.model.js';
import { Award } from '../../src/modules/grants/award.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { fundTotalsNow } from '../../src/modules/accounting/journal.service.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082',
  'hex',
);

/** A Bangkok datetime-local value `days` from now. */
function bangkokInput(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
}

function callForm(committee: string): Record<string, string> {
  return {
    fundSlug: 'education',
    titleTh: 'ทุนการศึกษาชุมชน ปี 2570',
    titleEn: 'Community learning 2027',
    descriptionTh: 'สนับสนุนกิจกรรมการเรียนรู้ของเด็กและเยาวชนในชุมชน',
    descriptionEn: 'Learning activities for children and youth',
    roles: 'recipient',
    budget: '300,000',
    maxPerGrant: '100000',
    opensAt: bangkokInput(-1),
    closesAt: bangkokInput(10),
    stages: '1',
    fullProposalClosesAt: '',
    'criteria[0][nameTh]': 'ความจำเป็นของชุมชน',
    'criteria[0][nameEn]': 'Community need',
    'criteria[0][weight]': '3',
    'criteria[1][nameTh]': 'ความเป็นไปได้',
    'criteria[1][nameEn]': 'Feasibility',
    'criteria[1][weight]': '2',
    'criteria[2][nameTh]': '',
    'criteria[2][weight]': '',
    scaleMin: '1',
    scaleMax: '5',
    'descriptors[0][score]': '1',
    'descriptors[0][labelTh]': 'อ่อน',
    'descriptors[1][score]': '5',
    'descriptors[1][labelTh]': 'ดีเยี่ยม',
    committee,
    reviewsPerApplication: '1',
    reviewDueAt: bangkokInput(20),
    tranches: '60, 40',
  };
}

const completeProposal: Record<string, string> = {
  title: 'ห้องเรียนธรรมชาติริมลำน้ำมูล',
  problem: 'เด็กในหมู่บ้านไม่มีพื้นที่เรียนรู้นอกห้องเรียน',
  objectives: 'เด็ก 40 คนเรียนรู้ระบบนิเวศลุ่มน้ำ',
  'activities[0][activity]': 'ค่ายเรียนรู้ลุ่มน้ำ 3 วัน',
  'activities[0][timing]': 'เดือนที่ 2',
  targetGroup: 'เด็กและเยาวชนอายุ 10–15 ปี',
  beneficiaries: '40',
  provinceCode: '32',
  districtCode: '3201',
  subDistrictCode: '',
  'budget[0][item]': 'ค่าอาหารผู้เข้าร่วม',
  'budget[0][quantity]': '120',
  'budget[0][unitCost]': '75',
  'budget[1][item]': 'ค่าวิทยากร',
  'budget[1][quantity]': '3',
  'budget[1][unitCost]': '1,500.50',
  'results[0][result]': 'เด็กอธิบายระบบนิเวศลุ่มน้ำได้',
  'results[0][indicator]': 'จำนวนเด็กที่ผ่านแบบทดสอบ',
  'results[0][target]': '30 คน',
};
const REQUESTED = 120 * 75_00 + 3 * 1_500_50;

describe('grants through the web: a call from publication to a closed grant', function () {
  const ctx = useTestApp();
  let staffUser: PublicUser;
  let reviewerUser: PublicUser;
  let member: PublicUser;
  let stranger: PublicUser;
  let orgId: string;
  let strangerOrgId: string;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ทุน' });
    reviewerUser = await makeUser({ roles: ['reviewer'], name: 'กรรมการ สมหญิง', language: 'en' });
    member = await makeUser({ name: 'ประธาน กลุ่มเยาวชน' });
    stranger = await makeUser({ roles: ['applicant'], name: 'คนอื่น' });
    orgId = await makeOrg(member, {
      issues: ['education', 'children_youth'],
      home: { provinceCode: '32', districtCode: '3201' },
    });
    strangerOrgId = await makeOrg(stranger, {
      home: { provinceCode: '10' },
      needs: [{ kind: 'money', amountSatang: 20_000_00 }],
    });
    await fundMoney(staffUser, 'education', 500_000_00);
  });

  // One test, in steps: each step starts where the one before ended (the call, then its application),
  // so a failure stops the journey instead of failing every later step for want of an id.
  it('takes a call from publication to a closed grant, step by step', async function () {
    this.timeout(180_000);
    let callId: string;
    let applicationId: string;

    // 1. Lets staff create a call with a rubric and committee, refuses a bad one with field messages, and publishes it.
    {
      const staff = browser(ctx.app);
      await staff.login(staffUser.email, PASSWORD);
      const badShape = await staff.submit('/admin/calls/new', '/admin/calls', {
        ...callForm(reviewerUser.email),
        tranches: '70, 20',
        budget: '-5',
      });
      assert.equal(badShape.status, 422);
      assert.match(badShape.text, /ใส่ร้อยละของแต่ละงวด/);
      const bad = await staff.submit('/admin/calls/new', '/admin/calls', {
        ...callForm('nobody@example.org'),
        maxPerGrant: '900,000',
      });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /ไม่พบผู้ใช้ที่เป็นกรรมการพิจารณา: nobody@example.org/);
      assert.match(bad.text, /วงเงินต่อโครงการต้องไม่เกินงบประมาณรวม/);
      assert.equal(await GrantCall.countDocuments(), 0, 'nothing saved');

      const created = await staff.submit('/admin/calls/new', '/admin/calls', callForm(reviewerUser.email));
      assert.equal(created.status, 303, created.text.slice(0, 400));
      callId = String(created.headers.location).split('/').pop() as string;
      const call = await GrantCall.findById(callId).lean();
      assert.equal(call?.status, 'draft');
      assert.equal(call?.budgetSatang, 300_000_00);
      assert.deepEqual(
        call?.rubric?.criteria.map((c) => [c.key, c.weight]),
        [
          ['c1', 3],
          ['c2', 2],
        ],
      );
      assert.equal((await browser(ctx.app).agent.get(`/calls/${callId}`)).status, 404, 'drafts are not public');

      const published = await staff.submit(`/admin/calls/${callId}`, `/admin/calls/${callId}/publish`, {});
      assert.equal(published.status, 303);
      assert.equal((await GrantCall.findById(callId).lean())?.status, 'open');

      const adminPage = await staff.agent.get(`/admin/calls/${callId}`);
      assert.match(adminPage.text, /องค์กรที่ควรเชิญให้ยื่นข้อเสนอ/);
      assert.ok(
        adminPage.text.includes(`/organisations/${strangerOrgId}`),
        'the social map suggests eligible groups to invite',
      );
      assert.match(adminPage.text, /ต้องการเงินทุน/);

      const list = await browser(ctx.app).agent.get('/calls');
      assert.match(list.text, /ทุนการศึกษาชุมชน ปี 2570/);
      assert.match(list.text, /เหลืออีก (9|10) วัน/);
      assert.match(list.text, /25[6-9]\d/, 'Buddhist-era year');
      const api = await browser(ctx.app).agent.get('/api/v1/calls');
      assert.equal(api.body.data.length, 1);
      assert.equal(api.body.data[0].maxPerGrantSatang, 100_000_00);
    }

    // 2. Takes an application from an eligible member, lists what is missing, and refuses bad input without saving it.
    {
      const applicant = browser(ctx.app);
      await applicant.login(member.email, PASSWORD);
      const page = await applicant.agent.get(`/calls/${callId}`);
      assert.match(page.text, /เริ่มเขียนข้อเสนอในนาม/);
      const started = await applicant.agent
        .post(`/calls/${callId}/applications`)
        .type('form')
        .send({ orgId, _csrf: csrfFrom(page.text) });
      assert.equal(started.status, 303);
      applicationId = String(started.headers.location).split('/')[2] as string;
      const again = await applicant.agent
        .post(`/calls/${callId}/applications`)
        .type('form')
        .send({ orgId, _csrf: csrfFrom(page.text) });
      assert.equal(
        String(again.headers.location),
        `/applications/${applicationId}/edit`,
        'starting twice opens the same application',
      );
      assert.equal(await Application.countDocuments({ callId }), 1);

      const incomplete = await applicant.submit(
        `/applications/${applicationId}/edit`,
        `/applications/${applicationId}`,
        {
          title: 'ยังไม่เสร็จ',
          intent: 'submit',
        },
      );
      assert.equal(incomplete.status, 422);
      assert.match(incomplete.text, /โปรดระบุกิจกรรมอย่างน้อยหนึ่งรายการ/);
      assert.match(incomplete.text, /โปรดระบุรายการงบประมาณอย่างน้อยหนึ่งรายการ/);
      assert.equal((await Application.findById(applicationId).lean())?.status, 'draft');

      for (const [field, value] of [
        ['budget[0][unitCost]', '-75'],
        ['budget[0][unitCost]', '10.005'],
        ['budget[0][unitCost]', '99999999999999'],
        ['beneficiaries', '4.5'],
      ] as const) {
        const res = await applicant.submit(`/applications/${applicationId}/edit`, `/applications/${applicationId}`, {
          ...completeProposal,
          [field]: value,
          intent: 'save',
        });
        assert.equal(res.status, 422, `${field}=${value}`);
      }
      const injected = await applicant.submit(`/applications/${applicationId}/edit`, `/applications/${applicationId}`, {
        ...completeProposal,
        'title[$ne]': 'x',
        intent: 'save',
      });
      assert.equal(injected.status, 400);
      assert.equal(
        (await Application.findById(applicationId).lean())?.title,
        'ยังไม่เสร็จ',
        'refused input changed nothing',
      );
    }

    // 3. Keeps attachments to allowed types and to the people allowed to see the application.
    {
      const applicant = browser(ctx.app);
      await applicant.login(member.email, PASSWORD);
      const edit = await applicant.agent.get(`/applications/${applicationId}/edit`);
      const token = encodeURIComponent(csrfFrom(edit.text));
      const ok = await applicant.agent
        .post(`/applications/${applicationId}/attachments`)
        .field('_csrf', decodeURIComponent(token))
        .attach('attachments', PDF, 'แผนงาน.pdf');
      assert.equal(ok.status, 303);
      const exe = await applicant.agent
        .post(`/applications/${applicationId}/attachments`)
        .field('_csrf', decodeURIComponent(token))
        .attach('attachments', Buffer.from('MZ\x90\x00 not a pdf'), 'budget.pdf');
      assert.equal(exe.status, 422);
      const noToken = await applicant.agent
        .post(`/applications/${applicationId}/attachments`)
        .attach('attachments', PDF, 'x.pdf');
      assert.equal(noToken.status, 403);
      const doc = await Application.findById(applicationId).lean();
      assert.equal(doc?.attachments.length, 1);
      assert.equal(doc?.attachments[0]?.filename, 'แผนงาน.pdf');
      const fileUrl = `/applications/${applicationId}/attachments/${String(doc?.attachments[0]?._id)}`;
      const download = await applicant.agent.get(fileUrl);
      assert.equal(download.status, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(String(download.headers['content-disposition']), /attachment/);

      const other = browser(ctx.app);
      await other.login(stranger.email, PASSWORD);
      assert.equal((await other.agent.get(fileUrl)).status, 404);
      assert.equal((await other.agent.get(`/applications/${applicationId}`)).status, 404);
      assert.equal(
        (await browser(ctx.app).agent.get(`/applications/${applicationId}`)).status,
        302,
        'anonymous visitors are sent to log in',
      );
    }

    // 4. Submits the complete proposal with the amount computed on the server; edits afterwards are refused.
    {
      const applicant = browser(ctx.app);
      await applicant.login(member.email, PASSWORD);
      const res = await applicant.submit(`/applications/${applicationId}/edit`, `/applications/${applicationId}`, {
        ...completeProposal,
        intent: 'submit',
      });
      assert.equal(res.status, 303, res.text.slice(0, 500));
      const doc = await Application.findById(applicationId).lean();
      assert.equal(doc?.status, 'submitted');
      assert.equal(doc?.requestedSatang, REQUESTED);
      const later = await applicant.submit(`/applications/${applicationId}`, `/applications/${applicationId}`, {
        ...completeProposal,
        title: 'แก้หลังส่ง',
        intent: 'save',
      });
      assert.equal(later.status, 409);
      assert.equal((await Application.findById(applicationId).lean())?.title, completeProposal.title);
      const approveAttempt = await applicant.submit(
        `/applications/${applicationId}`,
        `/applications/${applicationId}/transitions`,
        { action: 'start_screening' },
      );
      assert.equal(approveAttempt.status, 403, 'an applicant cannot take staff steps');
      const staffMail = await MailMessage.countDocuments({ to: staffUser.email, template: 'applicationMoved' });
      assert.equal(staffMail, 1, 'the call’s staff hear of the submission');
    }

    // 5. Moves it through screening and review: conflict question first, scores on the scale, and a ranked decision
    // view.
    {
      const staff = browser(ctx.app);
      await staff.login(staffUser.email, PASSWORD);
      for (const action of ['start_screening', 'send_to_review']) {
        const res = await staff.submit(`/applications/${applicationId}`, `/applications/${applicationId}/transitions`, {
          action,
        });
        assert.equal(res.status, 303, `${action}: ${res.status}`);
      }
      const early = await staff.submit(`/applications/${applicationId}`, `/applications/${applicationId}/transitions`, {
        action: 'finish_review',
      });
      assert.equal(early.status, 409, 'no review is in yet');
      const assigned = await staff.submit(`/admin/calls/${callId}`, `/admin/calls/${callId}/assign`, {});
      assert.equal(assigned.status, 303);
      assert.equal(await MailMessage.countDocuments({ to: reviewerUser.email, template: 'reviewAssigned' }), 1);

      const reviewer = browser(ctx.app);
      await reviewer.login(reviewerUser.email, PASSWORD);
      const desk = await reviewer.agent.get('/reviews');
      assert.match(desk.text, /ห้องเรียนธรรมชาติริมลำน้ำมูล/);
      const ask = await reviewer.agent.get(`/reviews/${applicationId}`);
      assert.match(ask.text, /conflict of interest|ส่วนได้เสีย/);
      assert.doesNotMatch(
        ask.text,
        /เด็กในหมู่บ้านไม่มีพื้นที่เรียนรู้/,
        'the proposal stays closed until the question is answered',
      );
      assert.equal(
        (await reviewer.submit(`/reviews/${applicationId}`, `/reviews/${applicationId}/conflict`, { conflict: 'no' }))
          .status,
        303,
      );
      const open = await reviewer.agent.get(`/reviews/${applicationId}`);
      assert.match(open.text, /เด็กในหมู่บ้านไม่มีพื้นที่เรียนรู้/);
      const outOfScale = await reviewer.submit(`/reviews/${applicationId}`, `/reviews/${applicationId}`, {
        'scores[c1]': '9',
        'scores[c2]': '4',
        recommendation: 'fund',
        intent: 'submit',
      });
      assert.equal(outOfScale.status, 422);
      assert.match(outOfScale.text, /Scores go from 1 to 5/);
      const scored = await reviewer.submit(`/reviews/${applicationId}`, `/reviews/${applicationId}`, {
        'scores[c1]': '5',
        'scores[c2]': '4',
        recommendation: 'fund',
        commentForStaff: 'ชุมชนเข้มแข็ง',
        intent: 'submit',
        confirm: 'on',
      });
      assert.equal(scored.status, 303);

      assert.equal(
        (
          await staff.submit(`/applications/${applicationId}`, `/applications/${applicationId}/transitions`, {
            action: 'finish_review',
          })
        ).status,
        303,
      );
      const decisions = await staff.agent.get(`/admin/calls/${callId}/decisions`);
      assert.equal(decisions.status, 200);
      assert.match(decisions.text, /4\.60/, 'weighted mean (5×3 + 4×2) / 5');
      assert.match(decisions.text, /อยู่ในวงเงิน/);
      const csv = await staff.agent.get(`/admin/calls/${callId}/decisions.csv`);
      assert.equal(csv.text.charCodeAt(0), 0xfeff, 'Excel-ready BOM');
      assert.match(csv.text, /ห้องเรียนธรรมชาติริมลำน้ำมูล/);
      assert.equal(
        (await reviewer.agent.get(`/admin/calls/${callId}/decisions`)).status,
        403,
        'reviewers do not see the decision view',
      );
      const reweighted = await staff.submit(`/admin/calls/${callId}/edit`, `/admin/calls/${callId}`, {
        ...callForm(reviewerUser.email),
        opensAt: bangkokInput(-2),
        'criteria[0][weight]': '1',
      });
      assert.equal(reweighted.status, 422);
      assert.match(reweighted.text, /แก้ไขเกณฑ์ น้ำหนัก หรือช่วงคะแนนไม่ได้/);
      assert.equal(
        (await GrantCall.findById(callId).lean())?.rubric?.criteria[0]?.weight,
        3,
        'the rubric is unchanged',
      );
      const retitled = await staff.submit(`/admin/calls/${callId}/edit`, `/admin/calls/${callId}`, {
        ...callForm(reviewerUser.email),
        titleEn: 'Community learning 2027 (revised)',
      });
      assert.equal(retitled.status, 303, 'other fields may still change');
    }

    // 6. Records the decision with a letter, awards within the fund’s money, pays tranches after reports, and closes
    // the grant.
    {
      const staff = browser(ctx.app);
      await staff.login(staffUser.email, PASSWORD);
      const approved = await staff.submit(
        `/applications/${applicationId}`,
        `/applications/${applicationId}/transitions`,
        { action: 'approve', comment: 'มติที่ประชุมครั้งที่ 1/2570', letter: 'ยินดีด้วย โครงการของท่านได้รับการอนุมัติ' },
      );
      assert.equal(approved.status, 303);
      const fund = await Fund.findOne({ slug: 'education' }).lean();
      const before = await fundTotalsNow(String(fund?._id));
      const tooMuch = await staff.submit(`/applications/${applicationId}`, `/applications/${applicationId}/award`, {
        amount: String((REQUESTED + 100) / 100),
      });
      assert.equal(tooMuch.status, 422);
      assert.equal(await Award.countDocuments(), 0);
      const awarded = await staff.submit(`/applications/${applicationId}`, `/applications/${applicationId}/award`, {
        amount: '10,000',
        conditions: 'ส่งภาพกิจกรรม',
      });
      assert.equal(awarded.status, 303);
      const award = await Award.findOne({ applicationId }).lean();
      assert.ok(award);
      assert.deepEqual(
        award.tranches.map((t) => [t.amountSatang, t.status]),
        [
          [6_000_00, 'released'],
          [4_000_00, 'pending'],
        ],
      );
      assert.equal((await fundTotalsNow(String(fund?._id))).availableSatang, before.availableSatang - 10_000_00);

      const paid = await staff.submit(`/applications/${applicationId}`, `/awards/${String(award._id)}/tranches/1/pay`, {
        reference: 'KTB-0001',
      });
      assert.equal(paid.status, 303);
      const locked = await staff.submit(
        `/applications/${applicationId}`,
        `/awards/${String(award._id)}/tranches/2/pay`,
        {
          reference: 'KTB-0002',
        },
      );
      assert.equal(locked.status, 409);

      const applicant = browser(ctx.app);
      await applicant.login(member.email, PASSWORD);
      const page = await applicant.agent.get(`/applications/${applicationId}`);
      assert.match(page.text, /ยินดีด้วย โครงการของท่านได้รับการอนุมัติ/);
      assert.doesNotMatch(page.text, /มติที่ประชุมครั้งที่/, 'meeting notes are for staff');
      const token = encodeURIComponent(csrfFrom(page.text));
      const [progress, final] = award.reports;
      const sendReport = (reportId: string) =>
        applicant.agent
          .post(`/awards/${String(award._id)}/reports/${reportId}`)
          .field('_csrf', decodeURIComponent(token))
          .field('narrative', 'จัดค่ายแล้ว เด็กเข้าร่วม 38 คน')
          .field('spending[0][line]', '0')
          .field('spending[0][spent]', '8,500')
          .field('indicators[0][result]', '0')
          .field('indicators[0][value]', '31 คน')
          .attach('photos', PNG, 'camp.png');
      assert.equal((await sendReport(String(progress?._id))).status, 303);
      const accept = (reportId: string) =>
        staff.submit(`/applications/${applicationId}`, `/awards/${String(award._id)}/reports/${reportId}/review`, {
          decision: 'accept',
          comment: 'ครบถ้วน',
        });
      assert.equal((await accept(String(progress?._id))).status, 303);
      assert.equal(
        (
          await staff.submit(`/applications/${applicationId}`, `/awards/${String(award._id)}/tranches/2/pay`, {
            reference: 'KTB-0002',
          })
        ).status,
        303,
      );
      assert.equal((await sendReport(String(final?._id))).status, 303);
      assert.equal((await accept(String(final?._id))).status, 303);

      const done = await Application.findById(applicationId).lean();
      assert.equal(done?.status, 'closed');
      const totals = await fundTotalsNow(String(fund?._id));
      assert.equal(totals.grantedSatang - before.grantedSatang, 10_000_00);
      assert.equal(totals.committedSatang - before.committedSatang, 0);
      const fundPage = await browser(ctx.app).agent.get('/funds/education');
      assert.match(fundPage.text, /ห้องเรียนธรรมชาติริมลำน้ำมูล/);
      assert.match(fundPage.text, /10,000/);
      const transparency = await browser(ctx.app).agent.get('/transparency');
      assert.match(transparency.text, /ห้องเรียนธรรมชาติริมลำน้ำมูล/, 'the grant is on the transparency page');
      const api = await browser(ctx.app).agent.get('/api/v1/funds/education');
      assert.equal(
        api.body.grantedSatang ?? api.body.data?.grantedSatang ?? api.body.totals?.grantedSatang,
        totals.grantedSatang,
      );
      const mails = await MailMessage.find({ template: 'applicationMoved' }, { to: 1, locale: 1, text: 1 }).lean();
      const toApplicant = mails
        .filter((m) => m.to === member.email)
        .map((m) => m.text)
        .join('\n');
      assert.match(toApplicant, /ยินดีด้วย โครงการของท่านได้รับการอนุมัติ/, 'the decision letter is emailed');
      assert.doesNotMatch(toApplicant, /มติที่ประชุมครั้งที่/, 'meeting notes never leave the foundation');
      // start_screening, send_to_review, finish_review, approve, award, start_reporting, close (not their own submit).
      assert.equal(
        mails.filter((m) => m.to === member.email).length,
        7,
        'the applicant heard of each step taken by others',
      );
    }
  });
});

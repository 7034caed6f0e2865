/**
 * Every page as people meet it (issue 13, "Everywhere"): the language a visitor reads is kept when
 * they log in (and their profile follows it), logging in lands on the page they came from or on
 * their work, staff's to-do page counts what waits and links to each list, and every page has a
 * favicon and a meta description.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, fundMoney, makeAward, makeDonation, makeOrganisation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { applicationInReview, makeCall, proposal } from '../helpers/grants.js';
import { runSeeds } from '../../seeds/index.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';

/** The few entities Handlebars writes into an attribute. */
const he = (text: string) =>
  text
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
import { startApplication, saveApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { awardOfApplication } from '../../src/modules/grants/award.service.js';
import { submitReport } from '../../src/modules/grants/grant-report.service.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { GrantCall } from '../../src/modules/grants/call.model.js';

describe('everywhere: language, landing after login, favicon and description (issue 13)', function () {
  this.timeout(120_000);
  // A bank account to give to: without online payment, the donate form takes pledges.
  const ctx = useTestApp({ config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารออมสิน สาขาสงขลา เลขที่ 020-1-23456-7' } });

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  describe('staff’s to-do page', () => {
    let staff: ReturnType<typeof browser>;
    const ids = {} as { screenCall: string; reviewCall: string; reviewApp: string; grantApp: string };

    before(async () => {
      const user = await makeUser({ roles: ['staff'] });
      staff = browser(ctx.app);
      await staff.login(user.email, PASSWORD);
    });

    it('says nothing waits when nothing does, and still offers the tools', async () => {
      const page = await staff.agent.get('/admin');
      assert.equal(page.status, 200);
      assert.match(page.text, /ไม่มีงานค้าง ทุกอย่างเรียบร้อยดี/);
      assert.match(page.text, /href="\/admin\/donations\/new"/);
      for (const list of ['reviews', 'tranches', 'reports']) {
        const res = await staff.agent.get(`/admin/todo/${list}`);
        assert.equal(res.status, 200, list);
        assert.match(res.text, /<p class="empty">/, `${list}: empty state`);
      }
    });

    it('counts each kind of waiting work and links every count to the list that holds it', async () => {
      const staffUser = await makeUser({ roles: ['staff'] });
      const applicant = await makeUser({ roles: ['applicant'] });
      const reviewer = await makeUser({ roles: ['reviewer'], name: 'กรรมการ ล่าช้า' });
      const grantReviewer = await makeUser({ roles: ['reviewer'] });
      await fundMoney(staffUser, 'elderly', 200_000_00);

      // A pledge made three days ago, still waiting for its transfer.
      const guest = browser(ctx.app);
      const form = await guest.agent.get('/funds/elderly/donate');
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(form.text)?.[1] as string;
      const pledged = await guest.agent
        .post('/donate')
        .type('form')
        .send({
          fund: 'elderly',
          amount: '500',
          frequency: 'one_time',
          name: 'สมศรี รอโอน',
          email: 'waiting@example.net',
          submissionId,
          _csrf: csrfFrom(form.text),
        });
      assert.equal(pledged.status, 303);
      const pledge = await Donation.findOne({ 'donor.email': 'waiting@example.net' }).lean();
      assert.equal(pledge?.status, 'pledged');
      await Donation.collection.updateOne(
        { _id: pledge?._id },
        { $set: { createdAt: new Date(Date.now() - 3 * 86_400_000 - 60_000) } },
      );

      // One submitted application to screen.
      const org = await makeOrganisation(applicant);
      ids.screenCall = await makeCall(staffUser);
      const submitted = await startApplication(applicant, ids.screenCall, org);
      await saveApplication(applicant, submitted, proposal(10_000_00));
      await transition(applicant, submitted, { action: 'submit' });

      // One review past its call's review date (the date is moved back, as time would).
      ids.reviewCall = await makeCall(staffUser, { committeeEmails: [reviewer.email] });
      ids.reviewApp = await applicationInReview(
        staffUser,
        applicant,
        ids.reviewCall,
        await makeOrganisation(applicant),
        [reviewer.id],
      );
      await GrantCall.collection.updateOne(
        { _id: new mongoose.Types.ObjectId(ids.reviewCall) },
        { $set: { reviewDueAt: new Date(Date.now() - 2 * 86_400_000) } },
      );

      // One award: its first tranche released for payment, its progress report handed in.
      const grantCall = await makeCall(staffUser, { committeeEmails: [grantReviewer.email] });
      const grant = await makeAward(
        { staff: staffUser, member: applicant, reviewer: grantReviewer },
        { callId: grantCall, orgId: await makeOrganisation(applicant), amountSatang: 30_000_00, comment: 'อนุมัติ' },
      );
      ids.grantApp = grant.applicationId;
      const award = grant.awardId;
      const progress = (await awardOfApplication(staffUser, ids.grantApp))?.reports.find((r) => r.kind === 'progress')
        ?.id as string;
      await submitReport(applicant, award, progress, { narrative: 'อบรมแกนนำแล้ว', spending: [], indicators: [] }, []);

      const page = await staff.agent.get('/admin');
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /ไม่มีงานค้าง/);
      const count = (href: string) =>
        new RegExp(`<a href="${href.replace(/[?]/g, '\\?')}"><strong class="todo-count">(\\d+)</strong>`).exec(
          page.text,
        )?.[1];
      assert.equal(count('/admin/donations?status=pledged'), '1', 'pledges waiting');
      assert.match(page.text, /รายการเก่าสุดรอมา 3 วัน/, 'the age of the oldest pledge');
      assert.match(page.text, /<strong class="todo-count">1<\/strong> ใบสมัครรอคัดกรอง/);
      assert.match(
        page.text,
        new RegExp(`href="/admin/calls/${ids.screenCall}\\?status=submitted">ส่งแล้ว \\(1\\)`),
        'applications to screen, per call, with the filtered list',
      );
      assert.equal(count('/admin/todo/reviews'), '1', 'reviews overdue');
      assert.equal(count('/admin/todo/tranches'), '1', 'tranches due');
      assert.equal(count('/admin/todo/reports'), '1', 'reports to review');

      // Each link leads to a list holding exactly that work.
      const pledges = await staff.agent.get('/admin/donations?status=pledged');
      assert.match(pledges.text, /สมศรี รอโอน/);
      const screen = await staff.agent.get(`/admin/calls/${ids.screenCall}?status=submitted`);
      assert.match(screen.text, new RegExp(`/applications/${submitted}`));
      const reviews = await staff.agent.get('/admin/todo/reviews');
      assert.match(reviews.text, /กรรมการ: กรรมการ ล่าช้า/);
      assert.match(reviews.text, new RegExp(`href="/applications/${ids.reviewApp}"`));
      assert.doesNotMatch(
        reviews.text,
        new RegExp(`href="/applications/${ids.grantApp}"`),
        'a handed-in review is not overdue',
      );
      const tranches = await staff.agent.get('/admin/todo/tranches');
      assert.match(tranches.text, new RegExp(`href="/applications/${ids.grantApp}"`));
      assert.match(tranches.text, /งวดที่ 1/);
      assert.match(tranches.text, /฿18,000/, '60% of ฿30,000');
      const reports = await staff.agent.get('/admin/todo/reports');
      assert.match(reports.text, new RegExp(`href="/applications/${ids.grantApp}"`));
      assert.match(reports.text, /รายงานความก้าวหน้า|Progress/);

      const english = await staff.agent.get('/admin?lang=en');
      assert.match(english.text, /<strong class="todo-count">1<\/strong> pledge waiting for its transfer/);
      assert.match(english.text, /the oldest has waited 3 days/);
      assert.match(english.text, /<strong class="todo-count">1<\/strong> review overdue/);
      await staff.agent.get('/admin?lang=th');
    });

    it('answers an unknown list or a bad page number clearly, without a server error', async () => {
      const unknown = await staff.agent.get('/admin/todo/everything');
      assert.equal(unknown.status, 404);
      const badPage = await staff.agent.get('/admin/todo/reviews?page=abc');
      assert.equal(badPage.status, 200);
    });
  });

  describe('the language kept at login', () => {
    it('keeps English for a visitor who chose it, and the profile follows', async () => {
      const user = await makeUser({ language: 'th' });
      const b = browser(ctx.app);
      assert.match((await b.agent.get('/?lang=en')).text, /<html lang="en">/);
      const res = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.equal(res.status, 302);
      const landed = await b.agent.get(res.headers.location as string);
      assert.match(landed.text, /<html lang="en">/, 'still English after login');
      assert.match(landed.text, /Log out/);
      assert.equal(
        (await User.findById(user.id).lean())?.preferredLanguage,
        'en',
        'the profile follows the language in use',
      );
    });

    it('keeps Thai for a visitor who chose it although the profile says English, and the profile follows', async () => {
      const user = await makeUser({ language: 'en' });
      const b = browser(ctx.app);
      await b.agent.get('/?lang=th');
      const res = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.match((await b.agent.get(res.headers.location as string)).text, /<html lang="th">/);
      assert.equal((await User.findById(user.id).lean())?.preferredLanguage, 'th');
    });

    it('uses the profile’s language on a device where no language was ever chosen', async () => {
      const user = await makeUser({ language: 'en' });
      const b = browser(ctx.app);
      const res = await b.submit('/login', '/login', { email: user.email, password: PASSWORD });
      assert.match((await b.agent.get(res.headers.location as string)).text, /<html lang="en">/);
      assert.equal((await User.findById(user.id).lean())?.preferredLanguage, 'en');
    });

    it('stores a language switched while logged in in the profile', async () => {
      const user = await makeUser({ language: 'th' });
      const b = browser(ctx.app);
      await b.login(user.email, PASSWORD);
      assert.match((await b.agent.get('/transparency?lang=en')).text, /<html lang="en">/);
      assert.equal((await User.findById(user.id).lean())?.preferredLanguage, 'en');
    });
  });

  describe('landing after login', () => {
    const landing = async (email: string, next?: string) => {
      const b = browser(ctx.app);
      const res = await b.submit(next ? `/login?next=${encodeURIComponent(next)}` : '/login', '/login', {
        email,
        password: PASSWORD,
        ...(next === undefined ? {} : { next }),
      });
      assert.equal(res.status, 302, `login of ${email}`);
      return res.headers.location as string;
    };

    it('goes back to the page the person came from (a local path only)', async () => {
      const donor = await makeUser();
      assert.equal(await landing(donor.email, '/funds/education?x=1'), '/funds/education?x=1');
      assert.equal(await landing(donor.email, '//evil.example/'), '/', 'another site is never followed');
      assert.equal(await landing(donor.email, 'https://evil.example/'), '/');
    });

    it('lands each person on their work: staff on the to-do page, reviewers on reviews, applicants on applications, donors on gifts or home', async () => {
      const staff = await makeUser({ roles: ['staff'] });
      const admin = await makeUser({ roles: ['admin'] });
      const reviewer = await makeUser({ roles: ['reviewer'] });
      const applicant = await makeUser({ roles: ['applicant'] });
      const newcomer = await makeUser({ roles: ['applicant'] });
      const donor = await makeUser();
      const giver = await makeUser();
      const call = await makeCall(staff);
      const app = await startApplication(applicant, call, await makeOrganisation(applicant));
      await saveApplication(applicant, app, proposal(10_000_00));
      await makeDonation(staff, { amountSatang: 500_00, channel: 'cash', reference: 'landing-1', donor: giver });

      assert.equal(await landing(staff.email), '/admin');
      assert.equal(await landing(admin.email), '/admin');
      assert.equal(await landing(reviewer.email), '/reviews');
      assert.equal(await landing(applicant.email), '/applications');
      assert.equal(await landing(newcomer.email), '/', 'no application yet: home');
      assert.equal(await landing(giver.email), '/account/gifts');
      assert.equal(await landing(donor.email), '/');
    });

    it('offers a login link that comes back to the page it was on (not from home)', async () => {
      const fund = await request(ctx.app).get('/funds/education');
      // Handlebars writes "=" as "&#x3D;" in attributes; browsers read both alike.
      assert.match(fund.text, /href="\/login\?next(?:=|&#x3D;)%2Ffunds%2Feducation"/);
      const home = await request(ctx.app).get('/');
      assert.match(home.text, /href="\/login"/);
      const form = await request(ctx.app).get('/login?next=%2Ffunds%2Feducation');
      assert.match(form.text, /name="next" value="\/funds\/education"/);
    });

    it('sends a logged-in person who opens the login page to their work', async () => {
      const reviewer = await makeUser({ roles: ['reviewer'] });
      const b = browser(ctx.app);
      await b.login(reviewer.email, PASSWORD);
      const res = await b.agent.get('/login');
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/reviews');
    });
  });

  describe('favicon and description', () => {
    it('answers /favicon.ico with an icon and links an SVG icon from every page', async () => {
      const ico = await request(ctx.app).get('/favicon.ico');
      assert.equal(ico.status, 200);
      assert.match(ico.headers['content-type'] ?? '', /image\/(x-icon|vnd\.microsoft\.icon)/);
      assert.ok(Number(ico.headers['content-length']) > 0);
      const svg = await request(ctx.app).get('/public/favicon.svg');
      assert.equal(svg.status, 200);
      assert.match(svg.headers['content-type'] ?? '', /image\/svg\+xml/);
      for (const path of ['/', '/login', '/calls', '/no-such-page']) {
        const page = await request(ctx.app).get(path);
        assert.match(page.text, /<link rel="icon" href="\/public\/favicon\.svg" type="image\/svg\+xml">/, path);
      }
    });

    it('gives every page a meta description, in the page’s language', async () => {
      const th = await request(ctx.app).get('/calls');
      const en = await request(ctx.app).get('/calls?lang=en');
      const thText = /<meta name="description" content="([^"]+)">/.exec(th.text)?.[1] ?? '';
      const enText = /<meta name="description" content="([^"]+)">/.exec(en.text)?.[1] ?? '';
      assert.ok(thText.length > 30 && /[\u0E00-\u0E7F]/.test(thText), `Thai description: ${thText}`);
      assert.ok(
        enText.length > 30 && !/[\u0E00-\u0E7F]/.test(enText.replace(/&#x[0-9A-F]+;/gi, '')),
        `English description: ${enText}`,
      );
      const missing = await request(ctx.app).get('/no-such-page');
      assert.match(missing.text, /<meta name="description" content="[^"]{30,}">/);
    });

    it('describes a fund page by the fund’s own summary, in the reader’s language', async () => {
      const fund = await Fund.findOne({ slug: 'education' }).lean();
      assert.ok(fund);
      for (const lang of ['th', 'en'] as const) {
        const page = await request(ctx.app).get(`/funds/education?lang=${lang}`);
        const content = /<meta name="description" content="([^"]*)">/.exec(page.text)?.[1] ?? '';
        assert.equal(he(content), fund.summary?.[lang], lang);
      }
    });
  });
});

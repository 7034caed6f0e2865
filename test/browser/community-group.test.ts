import assert from 'node:assert/strict';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { makeUser } from '../helpers/factories.js';
import { makeCall } from '../helpers/grants.js';
import { mailedPath, VERIFY_LINK } from '../helpers/mail-links.js';
import { describeViolations, step, visitor, type AxeViolation, type ViewportName } from '../helpers/chromium.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Journey 2, in Thai, in real Chromium: a community group's member registers, verifies the address
 * with the emailed link and logs in, adds the group to the directory, finds the open call, writes
 * an application with budget lines and an attachment, submits it and sees its status. axe-core
 * checks every page visited. The form is one form: adding a budget row, a refused file and an
 * attached one all keep what was typed; the budget total follows the typing against the cap; the
 * status page shows where the application is on its timeline.
 */
describe('browser: a community group registers, adds its organisation and applies to a call', function () {
  this.timeout(180_000);

  const suite = useBrowserSuite({
    seeds: { demoUsers: false, socialMap: false },
    setUp: async () => {
      const staff = await makeUser({ roles: ['staff'] });
      await makeCall(staff, { titleTh: 'ทุนชุมชนดูแลผู้สูงอายุ ปี 2570', issues: ['elderly'] });
    },
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`works on a ${viewport}, with no serious accessibility violations on any page`, async () => {
      const email = `group-${viewport}@example.org`;
      const groupName = `ชมรมผู้สูงอายุบ้านควนลัง ${viewport === 'phone' ? 'หนึ่ง' : 'สอง'}`;
      const { context, page } = await visitor(suite.browser, viewport);
      const violations: Record<string, AxeViolation[]> = {};
      const check = async (name: string) => {
        violations[name] = await step(page, 'group', viewport, name);
      };
      try {
        await page.goto(`${suite.base}/register`);
        await check('register');
        await page.fill('#f-name', 'สมพร รักถิ่น');
        await page.fill('#f-email', email);
        await page.fill('#f-password', 'ควนลัง-2569-ok');
        await page.fill('#f-passwordConfirm', 'ควนลัง-2569-ok');
        await page.click('form[action="/register"] button[type=submit]');
        await page.waitForLoadState();
        assert.match((await page.textContent('main')) ?? '', /ตรวจสอบอีเมลของท่าน/);
        await check('register-sent');

        // The address is verified before anything that trusts it: follow the emailed link, then log in.
        await page.goto(`${suite.base}${await mailedPath(email, 'emailVerification', VERIFY_LINK)}`);
        assert.match((await page.textContent('main')) ?? '', /ยืนยันอีเมลเรียบร้อยแล้ว/);
        await check('email-verified');
        await page.click('main a[href="/login"]');
        await page.waitForURL('**/login');
        await page.fill('#f-email', email);
        await page.fill('#f-password', 'ควนลัง-2569-ok');
        await page.click('form[action="/login"] button[type=submit]');
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));

        await page.goto(`${suite.base}/organisations/new`);
        await check('organisation-form');
        await page.fill('#f-nameTh', groupName);
        await page.selectOption('#f-type', 'community_group');
        await page.check('input[name=roles][value=recipient]');
        // Issues sit in a folded section of the form (a <details>): open it first, as a person would.
        await page.click('details.form-section:has(input[name=issues]) > summary');
        await page.check('input[name=issues][value=elderly]');
        await page.selectOption('#f-provinceCode', '90');
        // The area picker fills the districts from the app's own API (progressive enhancement).
        await page.waitForSelector('#f-districtCode option[value="9011"]', { state: 'attached' });
        await page.selectOption('#f-districtCode', '9011');
        await page.click('form button.button-large[type=submit]');
        await page.waitForURL(/\/organisations\/[a-f0-9]{24}$/);
        await check('organisation');
        const org = await Organisation.findOne({ 'name.th': groupName }).lean();
        assert.equal(org?.home?.districtCode, '9011');

        // On a phone the menu is folded behind its button (a <details>): open it, as a person would.
        if (await page.isVisible('.site-menu > summary')) await page.click('.site-menu > summary');
        await page.click('.main-nav a[href="/calls"]');
        await page.waitForURL('**/calls');
        await check('calls');
        await page.click('.org-list a[href^="/calls/"]');
        await page.waitForURL(/\/calls\/[a-f0-9]{24}$/);
        await check('call');
        await page.click('form[action$="/applications"] button[type=submit]');
        await page.waitForURL(/\/applications\/[a-f0-9]{24}\/edit$/);
        await check('application-form');

        await page.fill('#f-title', 'อาสาสมัครเยี่ยมบ้านผู้ป่วยติดเตียง');
        await page.fill('#f-problem', 'ผู้ป่วยติดเตียงในตำบลขาดคนดูแลช่วงกลางวัน');
        await page.fill('#f-objectives', 'อบรมอาสาสมัคร 20 คน เยี่ยมบ้านสัปดาห์ละ 2 ครั้ง');
        await page.fill('input[name="activities[0][activity]"]', 'อบรมอาสาสมัคร');
        await page.fill('#f-targetGroup', 'ผู้ป่วยติดเตียงและผู้ดูแล');
        await page.fill('#f-beneficiaries', '43');
        await page.fill('input[name="budget[0][item]"]', 'ค่าวิทยากร');
        await page.fill('input[name="budget[0][quantity]"]', '2');
        await page.fill('input[name="budget[0][unitCost]"]', '3,600');
        // The running total follows the typing (public/budget-total.js), against the call's ฿100,000.
        assert.equal(await page.textContent('[data-total]'), '฿7,200');
        assert.equal(await page.isVisible('[data-over]'), false);
        // One empty budget row at a time: "add a budget line" saves what was typed (nothing lost) and adds a row.
        assert.equal(await page.locator('input[name^="budget["][name$="[item]"]').count(), 1);
        await page.click('button[name=intent][value="add:budget"]');
        await page.waitForURL(/budgetRows=2/);
        assert.equal(
          await page.inputValue('#f-title'),
          'อาสาสมัครเยี่ยมบ้านผู้ป่วยติดเตียง',
          'typed text survived adding a row',
        );
        assert.equal(await page.inputValue('input[name="budget[0][unitCost]"]'), '3600');
        await check('application-row-added');
        await page.fill('input[name="budget[1][item]"]', 'ชุดอุปกรณ์เยี่ยมบ้าน');
        await page.fill('input[name="budget[1][quantity]"]', '200');
        await page.fill('input[name="budget[1][unitCost]"]', '850.50');
        // 2 × 3,600 + 200 × 850.50 = ฿177,300: over the maximum, said while typing.
        assert.equal(await page.textContent('[data-total]'), '฿177,300');
        assert.equal(await page.isVisible('[data-over]'), true);
        assert.equal(await page.textContent('[data-over-amount]'), '฿77,300');
        await check('application-over-cap');
        await page.fill('input[name="budget[1][quantity]"]', '20');
        assert.equal(await page.textContent('[data-total]'), '฿24,210');
        assert.equal(await page.isVisible('[data-over]'), false);
        await page.fill('input[name="results[0][result]"]', 'ผู้ป่วยได้รับการเยี่ยมสม่ำเสมอ');
        // Waits for the page the form answers with (the click alone returns before it).
        await Promise.all([page.waitForNavigation(), page.click('.card-actions button[name=intent][value=save]')]);
        assert.match((await page.textContent('main')) ?? '', /บันทึกฉบับร่างแล้ว/);
        assert.match(
          (await page.textContent('main')) ?? '',
          /฿24,210/,
          '2 × 3,600 + 20 × 850.50, computed by the server',
        );

        // A refused file (.txt) comes back on the same form, the message beside the file field, the typed text kept.
        await page.fill('#f-objectives', 'อบรมอาสาสมัคร 24 คน เยี่ยมบ้านสัปดาห์ละ 2 ครั้ง');
        await page.setInputFiles('#f-attachments', {
          name: 'บันทึก.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('notes'),
        });
        // Waits for the page the form answers with (the click alone returns before it).
        await Promise.all([page.waitForNavigation(), page.click('button[name=intent][value=upload]')]);
        assert.match((await page.textContent('#e-attachments')) ?? '', /PDF/);
        assert.equal(await page.inputValue('#f-objectives'), 'อบรมอาสาสมัคร 24 คน เยี่ยมบ้านสัปดาห์ละ 2 ครั้ง');
        await check('application-file-refused');

        // Attaching saves the text typed with it: one form, no separate upload form.
        await page.fill('#f-targetGroup', 'ผู้ป่วยติดเตียง ผู้ดูแล และอาสาสมัคร');
        await page.setInputFiles('#f-attachments', {
          name: 'แผนงานโครงการ.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        });
        // Waits for the page the form answers with (the click alone returns before it).
        await Promise.all([page.waitForNavigation(), page.click('button[name=intent][value=upload]')]);
        assert.match((await page.textContent('main')) ?? '', /แผนงานโครงการ\.pdf/);
        assert.equal(
          await page.inputValue('#f-targetGroup'),
          'ผู้ป่วยติดเตียง ผู้ดูแล และอาสาสมัคร',
          'typed text survived the upload',
        );
        assert.equal(await page.inputValue('#f-objectives'), 'อบรมอาสาสมัคร 24 คน เยี่ยมบ้านสัปดาห์ละ 2 ครั้ง');
        assert.doesNotMatch(page.url(), /_csrf/);
        await check('application-attached');

        await page.click('button[name=intent][value=submit]');
        await page.waitForURL(/\/applications\/[a-f0-9]{24}$/);
        assert.match((await page.textContent('main')) ?? '', /ส่งข้อเสนอแล้ว/);
        // Where the application is: submitted is the current step, with what happens next.
        assert.match((await page.textContent('[aria-current="step"]')) ?? '', /ส่งข้อเสนอ/);
        assert.match((await page.textContent('#journey')) ?? '', /เจ้าหน้าที่ตรวจว่าข้อเสนอครบถ้วน/);
        await check('application-status');
        await page.click('main a[href="/applications"]');
        await page.waitForURL('**/applications');
        await check('my-applications');
        const saved = await Application.findOne({ orgId: org?._id }).lean();
        assert.equal(saved?.status, 'submitted');
        assert.equal(saved?.requestedSatang, 2 * 3_600_00 + 20 * 850_50);
        assert.equal(saved?.attachments.length, 1);
      } finally {
        await context.close();
      }
      const serious = Object.entries(violations).filter(([, list]) => list.length);
      assert.deepEqual(
        serious.map(([name]) => name),
        [],
        serious.map(([name, list]) => `${name}:\n${describeViolations(list)}`).join('\n'),
      );
    });
  }
});

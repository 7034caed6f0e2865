import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { fundMoney, makeCall, makeOrg, proposal } from '../helpers/grants.js';
import {
  VIEWPORTS,
  describeViolations,
  step,
  visitor,
  type AxeViolation,
  type ViewportName,
} from '../helpers/chromium.js';
import { saveApplication, startApplication } from '../../src/modules/grants/application.service.js';
import { transition } from '../../src/modules/grants/application-transition.service.js';
import { assignReviewers } from '../../src/modules/grants/review.service.js';
import { Application } from '../../src/modules/grants/application.model.js';
import { Award } from '../../src/modules/grants/award.model.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

async function login(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Journeys 3 and 4, in Thai, in real Chromium: a reviewer declares no conflict, scores with the
 * rubric (a refused submit opens at its problems), confirms and submits; staff close the review,
 * approve and award from the decision view (a too-large amount comes back beside the field),
 * record the first payment, and the grant shows on the public transparency page. axe-core (and
 * sideways scrolling on the phone) checks every page visited.
 */
describe('browser: a reviewer scores, staff decide, award and pay', function () {
  this.timeout(180_000);
  let staff: PublicUser;
  let reviewer: PublicUser;

  const suite = useBrowserSuite({
    seeds: { demoUsers: false, socialMap: false },
    setUp: async () => {
      staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ทุน' });
      reviewer = await makeUser({ roles: ['reviewer'], name: 'กรรมการ สมใจ' });
      await fundMoney(staff, 'elderly', 200_000_00);
    },
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`works on a ${viewport}, with no serious accessibility violations on any page`, async () => {
      const callId = await makeCall(staff, {
        committeeEmails: [reviewer.email],
        reviewsPerApplication: 1,
        titleTh: `ทุนผู้สูงอายุ ${viewport}`,
      });
      const member = await makeUser();
      const applicationId = await startApplication(member, callId, await makeOrg(member));
      const title = `ลานสุขภาพผู้สูงอายุ ${viewport}`;
      await saveApplication(member, applicationId, { ...proposal(40_000_00), title });
      await transition(member, applicationId, { action: 'submit' });
      await transition(staff, applicationId, { action: 'start_screening' });
      await transition(staff, applicationId, { action: 'send_to_review' });
      await assignReviewers(staff, applicationId, [reviewer.id]);

      const violations: Record<string, AxeViolation[]> = {};
      const { context, page } = await visitor(suite.browser, viewport);
      const check = async (name: string) => {
        violations[name] = await step(page, 'committee', viewport, name);
      };
      try {
        // Journey 3: the reviewer.
        await login(page, suite.base, reviewer.email);
        // (on a phone the menu is folded away: go to the desk by its address)
        if (!page.url().endsWith('/reviews')) await page.goto(`${suite.base}/reviews`);
        await check('review-desk');
        await page.click(`main a[href="/reviews/${applicationId}"]`);
        await page.waitForURL(`**/reviews/${applicationId}`);
        await check('conflict-question');
        assert.doesNotMatch(
          (await page.textContent('main')) ?? '',
          /ผู้สูงอายุในตำบลขาดพื้นที่/,
          'the proposal is closed until the question is answered',
        );
        await page.check('input[name=conflict][value=no]');
        await page.click('form[action$="/conflict"] button[type=submit]');
        await page.waitForURL(`**/reviews/${applicationId}`);
        await check('scoring');
        // A submit with a score missing lands on the list of problems, above the long proposal.
        await page.check('input[name="scores[need]"][value="5"]');
        await page.click('button[name=intent][value=submit]');
        await page.waitForURL(`**/reviews/${applicationId}#errors`);
        assert.ok(await page.locator('#errors').isVisible(), 'the error summary is shown');
        const top = await page.locator('#errors').evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(top > -2 && top < VIEWPORTS[viewport].height / 2, `the page opens at the problems (top ${top})`);
        await check('scoring-refused');
        for (const [key, score] of [
          ['need', '5'],
          ['feasibility', '4'],
          ['community', '4'],
        ] as const) {
          await page.check(`input[name="scores[${key}]"][value="${score}"]`);
        }
        await page.check('input[name=recommendation][value=fund]');
        await page.fill('#f-cs', 'กลุ่มมีความพร้อม');
        await page.fill('#f-ca', 'ควรวางแผนดูแลอุปกรณ์ระยะยาว');
        await page.click('button[name=intent][value=submit]');
        await page.waitForLoadState();
        // The confirmation step: the scores back for a last look, a box to tick (no JavaScript needed).
        await page.locator('#confirm-heading').waitFor();
        await check('scoring-confirm');
        await page.check('input[name=confirm]');
        await page.click('.review-confirm button[type=submit]');
        await page.waitForURL('**/reviews#desk');
        assert.match((await page.textContent('main')) ?? '', /ส่งแล้ว/);

        // Journey 4: staff.
        await context.clearCookies();
        await login(page, suite.base, staff.email);
        await page.goto(`${suite.base}/applications/${applicationId}`);
        await check('staff-application');
        await page.click('form:has(input[name=action][value=finish_review]) button[type=submit]');
        await page.waitForLoadState();
        await page.goto(`${suite.base}/admin/calls/${callId}/decisions`);
        await check('decision-view');
        const main = (await page.textContent('main')) ?? '';
        assert.match(main, /4\.50/, 'weighted mean (5×3 + 4×2 + 4×1) / 6');
        assert.doesNotMatch(main, /฿[\d,]+ − ฿/, 'one figure for the budget left');
        assert.match(main, /ควรวางแผนดูแลอุปกรณ์ระยะยาว/, 'the comment to the applicant, for staff');
        // Decide from the decision view: notes and letter under "details", approve is the primary button.
        const decide = page.locator(`form[action="/applications/${applicationId}/decide"]`);
        await decide.locator('summary').click();
        await decide.locator('textarea[name=comment]').fill('มติที่ประชุมคณะกรรมการ');
        await decide.locator('textarea[name=letter]').fill('ยินดีด้วย โครงการได้รับการอนุมัติ');
        await decide.locator('button[value=approve]').click();
        await page.waitForURL(`**/admin/calls/${callId}/decisions#app-${applicationId}`);
        await check('approved');
        assert.equal((await Application.findById(applicationId).lean())?.status, 'approved');
        // Award there too, the amount prefilled with the request: more than that comes back beside the field.
        const amount = page.locator(`#d-amount-${applicationId}`);
        assert.equal(await amount.inputValue(), '40000');
        await amount.fill('40,001');
        await page.click(`form[action="/applications/${applicationId}/award"] button[type=submit]`);
        await page.waitForLoadState();
        assert.match((await page.textContent(`#d-amount-error-${applicationId}`)) ?? '', /อนุมัติได้ไม่เกินจำนวนที่ขอ/);
        await check('award-refused');
        await page.locator(`#d-amount-${applicationId}`).fill('35,000');
        await page.click(`form[action="/applications/${applicationId}/award"] button[type=submit]`);
        await page.waitForURL(`**/admin/calls/${callId}/decisions#app-${applicationId}`);
        await page.goto(`${suite.base}/applications/${applicationId}`);
        await check('awarded');
        await page.fill('input[name=reference]', 'KTB-2569-001');
        await page.click('form[action*="/tranches/1/pay"] button[type=submit]');
        await page.waitForLoadState();
        assert.match((await page.textContent('main')) ?? '', /บันทึกการจ่ายเงินแล้ว/);
        await check('paid');
        const award = await Award.findOne({ applicationId }).lean();
        assert.equal(award?.amountSatang, 35_000_00);
        assert.equal(award?.tranches[0]?.status, 'paid');
        assert.equal((await Application.findById(applicationId).lean())?.status, 'reporting');

        await page.goto(`${suite.base}/transparency`);
        await check('transparency');
        assert.match((await page.textContent('main')) ?? '', new RegExp(title));
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

import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { makeCall } from '../helpers/grants.js';
import { describeViolations, step, visitor, type AxeViolation, type ViewportName } from '../helpers/chromium.js';
import { Organisation } from '../../src/modules/directory/organisation.model.js';

/**
 * The social map in real Chromium, on a 390 px phone and a desktop: the map, an area page (paged,
 * no longer 12,541 px tall on a phone), the directory and the organisation form with every section
 * opened. Each page: no sideways scrolling on the phone, axe without serious or critical
 * violations. The form is filled in from a call and leads back to it; sharing stays unticked.
 */
describe('browser: the social map on a phone and a desktop', function () {
  this.timeout(180_000);
  let callId: string;

  const suite = useBrowserSuite({
    seeds: { demoUsers: false },
    setUp: async () => {
      callId = await makeCall(await makeUser({ roles: ['staff'] }), { titleTh: 'ทุนเครือข่ายสุรินทร์ 2570' });
    },
  });

  const height = (page: Page) => page.evaluate('document.documentElement.scrollHeight') as Promise<number>;

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`works on a ${viewport}: map, area page, directory and the organisation form`, async () => {
      const user = await makeUser({ language: 'th' });
      const { context, page } = await visitor(suite.browser, viewport);
      const violations: Record<string, AxeViolation[]> = {};
      const check = async (name: string) => {
        violations[name] = await step(page, 'social-map', viewport, name);
      };
      try {
        await page.goto(`${suite.base}/directory/map`);
        await check('map');
        assert.equal(await page.locator('.bar-list meter').first().getAttribute('value'), '100', 'Surin’s bar is full');
        assert.equal(await page.locator('.network-list a').count(), 10);

        await page.goto(`${suite.base}/areas/32`);
        await check('area');
        const areaHeight = await height(page);
        if (viewport === 'phone')
          assert.ok(areaHeight < 7_000, `the area page is ${areaHeight}px tall on a phone (was 12,541)`);
        await page.click('.pagination a[rel=next]');
        await page.waitForURL(/\/areas\/32\?page=2$/);
        await check('area-page-2');

        await page.goto(`${suite.base}/directory?q=elderly`);
        await check('directory-search');

        await page.goto(`${suite.base}/login`);
        await page.fill('#f-email', user.email);
        await page.fill('#f-password', PASSWORD);
        await page.click('form[action="/login"] button[type=submit]');
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));

        await page.goto(`${suite.base}/calls/${callId}`);
        await page.click(`a[href="/organisations/new?returnTo=/calls/${callId}"]`);
        await page.waitForURL(/\/organisations\/new\?returnTo=/);
        const formHeight = await height(page);
        if (viewport === 'phone')
          assert.ok(formHeight < 4_000, `the folded form is ${formHeight}px tall on a phone (was 6,429)`);
        assert.equal(await page.isChecked('input[name=matchingOptIn]'), false, 'sharing is not ticked for them');
        for (const summary of await page
          .locator('details.form-section > summary, details.form-section-more > summary')
          .all())
          await summary.click();
        await check('organisation-form-open');
        const name = `กลุ่มทดสอบแผนที่ ${viewport}`;
        await page.fill('#f-nameTh', name);
        await page.selectOption('#f-type', 'community_group');
        await page.check('input[name=issues][value=elderly]');
        await page.check('input[name=servedProvinces][value="31"]');
        await page.selectOption('#f-provinceCode', '32');
        await page.click('form button.button-large[type=submit]');
        await page.waitForURL(new RegExp(`/calls/${callId}$`));
        await check('back-at-the-call');
        const org = await Organisation.findOne({ 'name.th': name }).lean();
        assert.equal(org?.matchingOptIn, false);
        assert.deepEqual(
          org?.areasServed?.map((a) => a.provinceCode),
          ['31'],
        );
      } finally {
        await context.close();
      }
      const serious = Object.entries(violations).filter(([, list]) => list.length > 0);
      assert.deepEqual(
        serious.map(([name]) => name),
        [],
        serious.map(([name, list]) => `${name}:\n${describeViolations(list)}`).join('\n'),
      );
    });
  }
});

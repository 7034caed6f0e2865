import assert from 'node:assert/strict';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import {
  VIEWPORTS,
  describeOverflow,
  describeViolations,
  horizontalOverflow,
  seriousViolations,
} from '../helpers/chromium.js';

/**
 * The foundation's pages and the personal-data pages in real Chromium (issue 13, "trust"): on a
 * 390 px phone in Thai and a desktop in English, each page has no serious or critical axe
 * violation and nothing scrolls sideways; the staff editor and the deletion-request list too.
 */
describe('browser: about, contact, privacy, tax deduction, my data', function () {
  this.timeout(300_000);
  const staffEmails: Record<string, string> = {};

  const suite = useBrowserSuite({
    app: { config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารกรุงไทย 123-4-56789-0' } },
    seeds: { demoUsers: false, socialMap: false },
    setUp: async () => {
      // One per viewport: each asks for deletion once (a second open request shows no form).
      for (const viewport of ['phone', 'desktop'])
        staffEmails[viewport] = (await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ทดสอบ' })).email;
    },
  });

  for (const [viewport, lang] of [
    ['phone', 'th'],
    ['desktop', 'en'],
  ] as const) {
    it(`reads well on a ${viewport} in ${lang === 'th' ? 'Thai' : 'English'}: axe clean, no sideways scrolling`, async () => {
      const context = await suite.browser.newContext({
        viewport: VIEWPORTS[viewport],
        locale: lang === 'th' ? 'th-TH' : 'en-GB',
        bypassCSP: true,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (path: string) => {
        await page.goto(`${suite.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        const violations = await seriousViolations(page);
        if (violations.length) problems.push(`${path}: ${describeViolations(violations)}`);
        const overflow = await horizontalOverflow(page);
        if (overflow) problems.push(`${path}: ${describeOverflow(overflow)}`);
      };
      try {
        for (const path of ['/about', '/contact', '/privacy', '/tax-deduction']) await check(path);
        await page.goto(`${suite.base}/login`);
        await page.fill('#f-email', staffEmails[viewport] as string);
        await page.fill('#f-password', PASSWORD);
        await page.click('form[action="/login"] button[type=submit]');
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
        for (const path of [
          '/account',
          '/account/deletion-request',
          '/admin/pages',
          '/admin/pages/privacy',
          '/admin/pages/details',
        ])
          await check(path);
        // A request from this staff member, so the staff list has a card with its form.
        await page.goto(`${suite.base}/account/deletion-request`);
        await page.check('input[name=confirm]');
        await page.click('form[action="/account/deletion-request"] button[type=submit]');
        await page.waitForURL((url) => url.pathname === '/account/deletion-request');
        await check('/admin/deletion-requests');
        assert.ok((await page.locator('.card').count()) >= 1);
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

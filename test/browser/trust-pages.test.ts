import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { useTestApp } from '../helpers/context.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import {
  VIEWPORTS,
  describeOverflow,
  describeViolations,
  horizontalOverflow,
  launchChromium,
  serve,
  seriousViolations,
} from '../helpers/chromium.js';
import { runSeeds } from '../../seeds/index.js';

/**
 * The foundation's pages and the personal-data pages in real Chromium (issue 13, "trust"): on a
 * 390 px phone in Thai and a desktop in English, each page has no serious or critical axe
 * violation and nothing scrolls sideways; the staff editor and the deletion-request list too.
 */
describe('browser: about, contact, privacy, tax deduction, my data', function () {
  this.timeout(300_000);
  const ctx = useTestApp({ config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารกรุงไทย 123-4-56789-0' } });
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serve>>;
  const staffEmails: Record<string, string> = {};

  before(async function () {
    this.timeout(10 * 60_000);
    await runSeeds({ demoUsers: false, socialMap: false });
    // One per viewport: each asks for deletion once (a second open request shows no form).
    for (const viewport of ['phone', 'desktop'])
      staffEmails[viewport] = (await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ ทดสอบ' })).email;
    browser = await launchChromium();
    site = await serve(ctx.app);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const [viewport, lang] of [
    ['phone', 'th'],
    ['desktop', 'en'],
  ] as const) {
    it(`reads well on a ${viewport} in ${lang === 'th' ? 'Thai' : 'English'}: axe clean, no sideways scrolling`, async () => {
      const context = await browser.newContext({
        viewport: VIEWPORTS[viewport],
        locale: lang === 'th' ? 'th-TH' : 'en-GB',
        bypassCSP: true,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (path: string) => {
        await page.goto(`${site.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        const violations = await seriousViolations(page);
        if (violations.length) problems.push(`${path}: ${describeViolations(violations)}`);
        const overflow = await horizontalOverflow(page);
        if (overflow) problems.push(`${path}: ${describeOverflow(overflow)}`);
      };
      try {
        for (const path of ['/about', '/contact', '/privacy', '/tax-deduction']) await check(path);
        await page.goto(`${site.base}/login`);
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
        await page.goto(`${site.base}/account/deletion-request`);
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

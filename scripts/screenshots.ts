/**
 * `npm run screenshots`: takes the README's screenshots from a running app (npm start) with
 * Debian's Chromium (scripts/install-browser.sh), at a phone and a desktop size.
 */
import { chromium, type Page } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/shared/paths.js';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const outDir = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 860 };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: false });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const mobile = await browser.newPage({ viewport: phone, deviceScaleFactor: 2, locale: 'th-TH' });
    await mobile.goto(`${base}/?lang=th`);
    await shot(mobile, 'home-phone-th');
    await mobile.goto(`${base}/register`);
    await mobile.click('button[type=submit]:has-text("สมัครสมาชิก")');
    await mobile.waitForSelector('.field-error');
    await shot(mobile, 'register-errors-phone-th');

    const wide = await browser.newPage({ viewport: desktop, locale: 'th-TH' });
    await wide.goto(`${base}/funds/environment?lang=en`);
    await shot(wide, 'fund-desktop-en');
    await wide.goto(`${base}/login?lang=th`);
    await wide.fill('#f-email', 'admin@example.org');
    await wide.fill('#f-password', 'demo-2569');
    await wide.click('form[action="/login"] button[type=submit]');
    await wide.goto(`${base}/admin/users`);
    await shot(wide, 'admin-users-desktop-th');

    // Giving: a donor pledges from a phone (no Stripe key: the bank-transfer path), staff confirm it.
    await mobile.goto(`${base}/login`);
    await mobile.fill('#f-email', 'donor@example.org');
    await mobile.fill('#f-password', 'demo-2569');
    await mobile.click('form[action="/login"] button[type=submit]');
    await mobile.goto(`${base}/funds/education/donate?lang=th`);
    await shot(mobile, 'donate-phone-th');
    await mobile.click('label.preset:has-text("฿1,000")');
    await mobile.click('form[action="/donate"] button[type=submit]');
    await mobile.waitForLoadState();
    await shot(mobile, 'pledge-thanks-phone-th');
    await wide.goto(`${base}/admin/donations`);
    await wide.click('table a');
    await wide.waitForLoadState();
    const confirm = wide.locator('form[action$="/confirm-pledge"] button[type=submit]');
    if (await confirm.count()) {
      await confirm.click();
      await wide.waitForLoadState();
    }
    await wide.goto(`${base}/admin/donations?lang=th`);
    await shot(wide, 'staff-donations-desktop-th');
    await wide.goto(`${base}/transparency?lang=en`);
    await shot(wide, 'transparency-desktop-en');
    await mobile.goto(`${base}/account/gifts`);
    await shot(mobile, 'my-gifts-phone-th');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

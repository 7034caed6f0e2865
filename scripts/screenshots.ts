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

async function login(page: Page, email: string): Promise<void> {
  // A fresh session rather than the logout button: on a phone that sits in the folded menu.
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'demo-2569');
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForLoadState();
}

async function main(): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
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
    // The confirmed transfer in the books (Dr bank, Cr the fund's donations).
    await wide.goto(`${base}/admin/books`);
    await wide.locator('#tb-title').scrollIntoViewIfNeeded();
    await shot(wide, 'books-desktop-th');
    await wide.goto(`${base}/admin/donations?lang=th`);
    await shot(wide, 'staff-donations-desktop-th');
    await wide.goto(`${base}/transparency?lang=en`);
    await shot(wide, 'transparency-desktop-en');
    await mobile.goto(`${base}/account/gifts`);
    await shot(mobile, 'my-gifts-phone-th');

    // The social map: the directory on a phone, the map and a network's organisations on a desktop.
    await mobile.goto(`${base}/directory?lang=th&issue=elderly`);
    await shot(mobile, 'directory-phone-th');
    await wide.goto(`${base}/directory/map?lang=th`);
    await shot(wide, 'social-map-desktop-th');
    await wide.goto(`${base}/directory?q=${encodeURIComponent('ผู้สูงอายุ')}&lang=en`);
    await wide.click('.org-list a');
    await wide.waitForLoadState();
    await wide.goto(`${wide.url().split('?')[0]}/matches?lang=en`);
    await shot(wide, 'matches-desktop-en');

    // Grants: the demo applicant applies to the sample call from a phone; the reviewer scores it;
    // staff see the decision view.
    await login(mobile, 'applicant@example.org');
    await mobile.goto(`${base}/calls?lang=th`);
    await shot(mobile, 'calls-phone-th');
    await mobile.click('.org-list a');
    await mobile.waitForLoadState();
    const start = mobile.locator('form[action$="/applications"] button[type=submit]');
    if (await start.count()) {
      await start.first().click();
      await mobile.waitForLoadState();
      await mobile.fill('#f-title', 'อาสาสมัครเยี่ยมบ้านผู้ป่วยติดเตียง');
      await mobile.fill('#f-problem', 'ผู้ป่วยติดเตียง 23 คนในตำบลขาดคนดูแลในช่วงกลางวัน ผู้ดูแลในครอบครัวต้องออกไปทำงาน');
      await mobile.fill('#f-objectives', 'อบรมอาสาสมัคร 20 คน ให้เยี่ยมบ้านสัปดาห์ละ 2 ครั้ง');
      await mobile.fill('input[name="activities[0][activity]"]', 'อบรมอาสาสมัครดูแลผู้ป่วย');
      await mobile.fill('input[name="activities[0][timing]"]', 'เดือนที่ 1');
      await mobile.fill('#f-targetGroup', 'ผู้ป่วยติดเตียงและผู้ดูแล');
      await mobile.fill('#f-beneficiaries', '43');
      await mobile.fill('input[name="budget[0][item]"]', 'ค่าวิทยากร');
      await mobile.fill('input[name="budget[0][quantity]"]', '2');
      await mobile.fill('input[name="budget[0][unitCost]"]', '3,600');
      // "Add a budget line" saves the draft and comes back with one more empty row.
      await mobile.click('button[name=intent][value="add:budget"]');
      await mobile.waitForLoadState();
      await mobile.fill('input[name="budget[1][item]"]', 'ชุดอุปกรณ์เยี่ยมบ้าน');
      await mobile.fill('input[name="budget[1][quantity]"]', '20');
      await mobile.fill('input[name="budget[1][unitCost]"]', '850');
      await mobile.fill('input[name="results[0][result]"]', 'ผู้ป่วยได้รับการเยี่ยมสม่ำเสมอ');
      await mobile.fill('input[name="results[0][indicator]"]', 'จำนวนครั้งที่เยี่ยมต่อเดือน');
      await mobile.click('.button[name=intent][value=save]');
      await mobile.waitForLoadState();
      await shot(mobile, 'application-form-phone-th');
      await mobile.click('button[name=intent][value=submit]');
      await mobile.waitForLoadState();
    }
    await shot(mobile, 'application-status-phone-th');
    const applicationUrl = mobile.url().split('?')[0] ?? '';
    const applicationId = applicationUrl.split('/').pop() ?? '';

    await login(wide, 'staff@example.org');
    for (const action of ['start_screening', 'send_to_review']) {
      await wide.goto(applicationUrl);
      const button = wide.locator(`form:has(input[name=action][value=${action}]) button[type=submit]`);
      if (await button.count()) await button.click();
      await wide.waitForLoadState();
    }
    await wide.goto(`${base}/admin/calls`);
    await wide.click('table a');
    await wide.waitForLoadState();
    const callPage = wide.url().split('?')[0] ?? '';
    await wide.locator('form[action$="/assign"] button[type=submit]').click();
    await wide.waitForLoadState();
    await shot(wide, 'staff-call-desktop-th');

    await login(mobile, 'reviewer@example.org');
    await mobile.goto(`${base}/reviews/${applicationId}?lang=en`);
    const no = mobile.locator('input[name=conflict][value=no]');
    if (await no.count()) {
      await no.check();
      await mobile.click('form[action$="/conflict"] button[type=submit]');
      await mobile.waitForLoadState();
    }
    for (const [key, score] of [
      ['c1', '5'],
      ['c2', '4'],
      ['c3', '4'],
    ]) {
      const radio = mobile.locator(`input[name="scores[${key}]"][value="${score}"]`);
      if (await radio.count()) await radio.check();
    }
    const fund = mobile.locator('input[name=recommendation][value=fund]');
    if (await fund.count()) await fund.check();
    await shot(mobile, 'review-phone-en');
    const submit = mobile.locator('button[name=intent][value=submit]');
    if (await submit.count()) {
      await submit.click();
      await mobile.waitForLoadState();
      // "Check and submit" shows the scores back; the ticked confirmation submits them.
      await shot(mobile, 'review-confirm-phone-en');
      const confirmTick = mobile.locator('input[name=confirm]');
      if (await confirmTick.count()) {
        await confirmTick.check();
        await mobile.click('form:has(input[name=confirm]) button[type=submit]');
        await mobile.waitForLoadState();
      }
    }
    await wide.goto(applicationUrl);
    const finish = wide.locator('form:has(input[name=action][value=finish_review]) button[type=submit]');
    if (await finish.count()) await finish.click();
    await wide.goto(`${callPage}/decisions?lang=th`);
    await shot(wide, 'decisions-desktop-th');

    // Issue 13's new pages: staff's to-do list, the phone menu, the trust pages, an area page.
    await wide.goto(`${base}/admin?lang=th`);
    await shot(wide, 'staff-todo-desktop-th');
    await mobile.goto(`${base}/privacy?lang=th`);
    await mobile.click('.menu-button');
    await shot(mobile, 'menu-open-phone-th');
    await mobile.goto(`${base}/privacy?lang=th`);
    await shot(mobile, 'privacy-phone-th');
    await wide.goto(`${base}/tax-deduction?lang=en`);
    await shot(wide, 'tax-deduction-desktop-en');
    await mobile.goto(`${base}/areas/32?lang=th`);
    await shot(mobile, 'area-phone-th');
    // News, and a campaign told as a story with its updates (the demo seeds).
    await mobile.goto(`${base}/news?lang=th`);
    await shot(mobile, 'news-phone-th');
    await wide.goto(`${base}/campaigns/flood-relief-2569?lang=th`);
    await shot(wide, 'campaign-story-desktop-th');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

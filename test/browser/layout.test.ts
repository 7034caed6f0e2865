import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { VIEWPORTS, describeViolations, seriousViolations } from '../helpers/chromium.js';

/**
 * The site header in real Chromium (issue 13): on a 390 px phone it is one compact row (brand, a
 * menu button, the language switch) instead of 3–5 lines of links; the menu is a <details> that
 * opens without JavaScript and by keyboard, holds every link and the logout button, and nothing
 * scrolls sideways. On a desktop the links stand in the header row with no button.
 */
describe('browser: the site header on a phone and a desktop', function () {
  this.timeout(180_000);
  let staffEmail = '';

  const suite = useBrowserSuite({
    seeds: { demoUsers: false, socialMap: false },
    setUp: async () => {
      staffEmail = (await makeUser({ roles: ['staff', 'reviewer'], name: 'เจ้าหน้าที่ ทดสอบ' })).email;
    },
  });

  const headerHeight = (page: Page) =>
    page.evaluate('document.querySelector(".site-header").getBoundingClientRect().height') as Promise<number>;
  const scrollsSideways = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth') as Promise<boolean>;

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${suite.base}/login`);
    await page.fill('#f-email', staffEmail);
    await page.fill('#f-password', PASSWORD);
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  it('is one compact row on a phone, opens its menu without JavaScript, and never scrolls sideways', async () => {
    const context = await suite.browser.newContext({
      viewport: VIEWPORTS.phone,
      locale: 'th-TH',
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    try {
      for (const path of ['/', '/calls', '/transparency', '/login']) {
        await page.goto(`${suite.base}${path}`);
        const height = await headerHeight(page);
        assert.ok(height < 120, `${path}: the header is ${height}px tall (at most two lines)`);
        assert.equal(await scrollsSideways(page), false, `${path}: scrolls sideways`);
        assert.equal(await page.isVisible('.main-nav a[href="/directory"]'), false, `${path}: the menu starts closed`);
        assert.ok(await page.isVisible('.lang-switch'), `${path}: the language switch is in the row`);
      }
      await page.click('summary.menu-button');
      assert.ok(await page.isVisible('.main-nav a[href="/directory"]'), 'the menu opens with no script at all');
      assert.ok(await page.isVisible('.main-nav a[href^="/login"]'));
      assert.equal(await scrollsSideways(page), false, 'the open menu fits the phone');
      await page.click('.main-nav a[href="/calls"]');
      await page.waitForURL('**/calls');
    } finally {
      await context.close();
    }
  });

  it('works by keyboard and passes axe on a phone, with logout and the language switch reachable', async () => {
    const context = await suite.browser.newContext({ viewport: VIEWPORTS.phone, locale: 'th-TH', bypassCSP: true });
    const page = await context.newPage();
    try {
      await logIn(page);
      const height = await headerHeight(page);
      assert.ok(height < 120, `logged in, the header is ${height}px tall`);
      assert.deepEqual(await seriousViolations(page).then((v) => describeViolations(v)), '', 'menu closed');

      // Keyboard: the skip link, the brand, then the menu button, which Enter opens.
      await page.focus('summary.menu-button');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('details.site-menu', 'open'), '', 'Enter opens the menu');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.getAttribute("href")'), '/', 'Tab moves into the menu');
      assert.equal(await scrollsSideways(page), false);
      assert.ok(await page.isVisible('form[action="/logout"] button'), 'logout is in the open menu');
      assert.ok(await page.isVisible('.main-nav a[href="/admin"]'));
      assert.deepEqual(await seriousViolations(page).then((v) => describeViolations(v)), '', 'menu open');
      const name = await page.evaluate('document.querySelector("summary.menu-button").textContent.trim()');
      assert.equal(name, 'เมนู', 'the button is named by its word');

      await page.click('.lang-switch');
      await page.waitForURL('**lang=en');
      assert.equal(await page.textContent('summary.menu-button'), 'Menu');
      await page.click('summary.menu-button');
      await page.click('form[action="/logout"] button');
      await page.waitForURL(`${suite.base}/`);
      assert.ok(await page.isVisible('summary.menu-button'));
      await page.click('summary.menu-button');
      assert.ok(await page.isVisible('.main-nav a[href^="/login"]'), 'logged out');
    } finally {
      await context.close();
    }
  });

  it('shows the links in the header row on a desktop, with no menu button', async () => {
    const context = await suite.browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.base}/?lang=en`);
      assert.equal(await page.isVisible('summary.menu-button'), false, 'no button on a desktop');
      assert.ok(await page.isVisible('.main-nav a[href="/directory"]'), 'the links stand in the row');
      const anon = await headerHeight(page);
      assert.ok(anon < 90, `one row: ${anon}px`);
      await logIn(page);
      assert.ok(await page.isVisible('form[action="/logout"] button'));
      await page.press('body', 'Tab');
      const height = await headerHeight(page);
      assert.ok(height < 120, `logged-in staff: ${height}px`);
      assert.equal(await scrollsSideways(page), false);
      assert.deepEqual(await seriousViolations(page).then((v) => describeViolations(v)), '');
    } finally {
      await context.close();
    }
  });
});

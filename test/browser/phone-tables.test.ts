import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { fundMoney, applicationInReview, makeCall } from '../helpers/grants.js';
import { describeViolations, seriousViolations, visitor } from '../helpers/chromium.js';
import { DEMO_PASSWORD } from '../../seeds/index.js';
import { User } from '../../src/modules/accounts/user.model.js';
import { toPublicUser } from '../../src/modules/accounts/user.service.js';
import { createCampaign } from '../../src/modules/funds/campaign.service.js';
import { makeDonation } from '../helpers/factories.js';
import { linkGiftsToVerifiedEmail } from '../../src/modules/funds/my-gifts.service.js';
import { declareConflict, saveReview } from '../../src/modules/grants/review.service.js';
import { seedId } from '../../seeds/social-map.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/** What a table-bearing page looks like at 390px, measured in the page. */
interface TableReport {
  pageScrollWidth: number;
  pageClientWidth: number;
  tables: number;
  /** Cells (amounts, status, everything) whose content is cut off or sticks out of the screen. */
  clipped: string[];
  /** Cells squeezed narrower than half the screen (where Thai goes one word to a line). */
  squeezed: string[];
  /** Thai words (Intl.Segmenter's) that the line breaking split across two lines. */
  brokenWords: string[];
  /** Compound words the sample must keep on one line (ICU sees two words in each). */
  brokenCompounds: string[];
  thaiWordsChecked: number;
}

/** Runs in the page (a string, so this Node-side file needs no DOM types). */
const MEASURE = `(() => {
  const root = document.documentElement;
  const screen = root.clientWidth;
  const cells = [...document.querySelectorAll('main table tbody td, main table tbody th, main table tfoot td, main table tfoot th')]
    .filter((cell) => cell.getClientRects().length > 0 && cell.textContent.trim() !== '');
  const name = (cell) => cell.closest('table').closest('section')?.querySelector('h2')?.textContent.trim().slice(0, 20) + ': ' + cell.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
  const clipped = [];
  const squeezed = [];
  for (const cell of cells) {
    const box = cell.getBoundingClientRect();
    if (cell.scrollWidth > cell.clientWidth + 1 || box.right > screen + 1 || box.left < -1) clipped.push(name(cell) + ' (' + Math.round(box.left) + '–' + Math.round(box.right) + 'px)');
    if (box.width < screen / 2) squeezed.push(name(cell) + ' (' + Math.round(box.width) + 'px)');
  }
  for (const wrap of document.querySelectorAll('main .table-wrap')) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) clipped.push('a table scrolls sideways (' + wrap.scrollWidth + 'px in ' + wrap.clientWidth + 'px)');
  }
  // One line = one distinct top among a range's line boxes (rounded: sub-pixel differences are one line).
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4))).size;
  };
  const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  const brokenWords = [];
  const brokenCompounds = [];
  let thaiWordsChecked = 0;
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (const { segment, index, isWordLike } of segmenter.segment(text)) {
        if (!isWordLike || !/[\\u0E00-\\u0E7F]/.test(segment)) continue;
        thaiWordsChecked++;
        if (lines(node, index, index + segment.length) > 1) brokenWords.push(segment + ' in ' + name(cell));
      }
      for (const compound of ['ผู้ป่วย', 'ตรวจสอบ', 'ผู้สูงอายุ', 'ผู้บริจาค', 'กองทุน']) {
        for (let at = text.indexOf(compound); at >= 0; at = text.indexOf(compound, at + 1)) {
          if (lines(node, at, at + compound.length) > 1) brokenCompounds.push(compound + ' in ' + name(cell));
        }
      }
    }
  }
  return { pageScrollWidth: root.scrollWidth, pageClientWidth: screen, tables: document.querySelectorAll('main table').length, clipped, squeezed, brokenWords, brokenCompounds, thaiWordsChecked };
})()`;

async function login(page: Page, base: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function demo(email: string): Promise<PublicUser> {
  const user = await User.findOne({ email });
  assert.ok(user, `${email} is seeded`);
  return toPublicUser(user);
}

/**
 * Issue 13 (Everywhere 4 and 5), in Thai on a 390px phone in real Chromium, on seeded data: every
 * page with a table fits the screen (the page never scrolls sideways, no table hides columns to the
 * side), amounts and status are not cut off, no cell is squeezed to a word per line, no Thai
 * word is broken across two lines, and axe finds no serious or critical violation.
 */
describe('browser: tables on a phone', function () {
  this.timeout(300_000);
  const pages: { who: string | null; path: string; name: string }[] = [];

  const suite = useBrowserSuite({
    seeds: { demoUsers: true },
    setUp: async () => {
      const staff = await demo('staff@example.org');
      const reviewer = await demo('reviewer@example.org');
      const applicant = await demo('applicant@example.org');
      // Gifts from the demo donor (donations, outbox, the donor's history, transparency).
      await fundMoney(staff, 'elderly', 250_000_00);
      await fundMoney(staff, 'education', 1_250_00);
      await linkGiftsToVerifiedEmail((await demo('donor@example.org')).id, 'donor@example.org');
      // A company's gift with its tax ID and consent: the e-Donation queue has a row.
      await makeDonation(staff, {
        fundSlug: 'education',
        amountSatang: 12_500_00,
        taxReceipt: {
          fullName: 'บริษัท หาดใหญ่การพิมพ์และบรรจุภัณฑ์ จำกัด (สำนักงานใหญ่)',
          taxId: '0994000165960',
          address: '99 ถนนเพชรเกษม อำเภอหาดใหญ่ จังหวัดสงขลา 90110',
          eDonationConsent: true,
        },
      });
      await createCampaign(staff, {
        fund: 'elderly',
        slug: 'bed-care-2570',
        nameTh: 'ระดมทุนดูแลผู้ป่วยติดเตียงในชุมชน',
        nameEn: 'Bedside care in the community',
        descriptionTh: 'ดูแลผู้ป่วยติดเตียง',
        descriptionEn: 'Care at home',
        goalSatang: 300_000_00,
        endsOn: new Date(Date.now() + 30 * 86_400_000),
      });
      // A call with an application a reviewer scored (reviews, the decision view, the staff call page).
      const callId = await makeCall(staff, {
        committeeEmails: [reviewer.email],
        reviewsPerApplication: 1,
        titleTh: 'ทุนตรวจสอบสุขภาพผู้สูงอายุและผู้ป่วยติดเตียง',
      });
      const orgId = seedId('demo:organisation:elderly-club').toString();
      const applicationId = await applicationInReview(staff, applicant, callId, orgId, [reviewer.id]);
      await declareConflict(reviewer, applicationId, { conflict: false, note: '' });
      await saveReview(reviewer, applicationId, {
        scores: { need: 4, feasibility: 3, community: 5 },
        recommendation: 'fund',
        commentForStaff: 'โครงการตรวจสอบสุขภาพผู้ป่วยติดเตียงที่ชุมชนทำเองได้จริง',
        commentForApplicant: '',
        submit: true,
      });
      pages.push(
        { who: null, path: '/transparency', name: 'transparency' },
        { who: null, path: '/networks', name: 'networks' },
        { who: null, path: '/areas/32', name: 'area' },
        { who: null, path: `/calls/${callId}`, name: 'call' },
        { who: 'donor@example.org', path: '/account/gifts', name: 'my gifts' },
        { who: 'applicant@example.org', path: '/applications', name: 'my applications' },
        { who: 'reviewer@example.org', path: '/reviews', name: 'reviews' },
        { who: 'staff@example.org', path: '/admin/donations', name: 'donations' },
        { who: 'staff@example.org', path: '/admin/outbox', name: 'outbox' },
        { who: 'staff@example.org', path: '/admin/campaigns', name: 'campaigns' },
        { who: 'staff@example.org', path: '/admin/calls', name: 'calls' },
        { who: 'staff@example.org', path: '/admin/books', name: 'trial balance' },
        { who: 'staff@example.org', path: '/admin/e-donation', name: 'e-Donation queue' },
        { who: 'staff@example.org', path: `/admin/calls/${callId}`, name: 'call (staff)' },
        { who: 'staff@example.org', path: `/admin/calls/${callId}/decisions`, name: 'decisions' },
        { who: 'staff@example.org', path: `/applications/${applicationId}`, name: 'application (staff)' },
        { who: 'admin@example.org', path: '/admin/users', name: 'users' },
      );
    },
  });

  it('shows every table on a 390px phone whole: no sideways scrolling, nothing cut off or squeezed, no Thai word broken', async () => {
    const { context, page } = await visitor(suite.browser, 'phone');
    const problems: string[] = [];
    let signedIn: string | null = null;
    let thaiWords = 0;
    try {
      for (const target of pages) {
        if (target.who !== signedIn) {
          if (target.who) await login(page, suite.base, target.who);
          else await context.clearCookies();
          signedIn = target.who;
        }
        const res = await page.goto(`${suite.base}${target.path}`);
        assert.equal(res?.status(), 200, `${target.name} opens`);
        const report = (await page.evaluate(MEASURE)) as TableReport;
        assert.ok(report.tables > 0, `${target.name} has a table to check`);
        thaiWords += report.thaiWordsChecked;
        if (report.pageScrollWidth > report.pageClientWidth)
          problems.push(
            `${target.name}: the page scrolls sideways (${report.pageScrollWidth}px in ${report.pageClientWidth}px)`,
          );
        for (const cell of report.clipped) problems.push(`${target.name}: cut off: ${cell}`);
        for (const cell of report.squeezed) problems.push(`${target.name}: squeezed: ${cell}`);
        for (const word of [...report.brokenWords, ...report.brokenCompounds])
          problems.push(`${target.name}: word broken across lines: ${word}`);
        // The cards keep the table's semantics (headers, cells): axe finds nothing serious.
        const violations = await seriousViolations(page);
        if (violations.length) problems.push(`${target.name}: ${describeViolations(violations)}`);
      }
    } finally {
      await context.close();
    }
    assert.ok(thaiWords > 200, `enough Thai words were checked (${thaiWords})`);
    assert.deepEqual(problems, []);
  });

  it('has a word check that does catch a Thai word broken across lines', async () => {
    const { context, page } = await visitor(suite.browser, 'phone');
    try {
      // overflow-wrap: anywhere in a narrow cell splits inside a word: the check must see it.
      await page.setContent(
        '<!doctype html><html lang="th"><body><main><table><tbody><tr><td style="width:1em;max-width:1em;overflow-wrap:anywhere">ผู้ป่วยติดเตียง</td></tr></tbody></table></main></body></html>',
      );
      const report = (await page.evaluate(MEASURE)) as TableReport;
      assert.ok(report.brokenWords.length > 0, 'a word split inside is reported');
      assert.ok(report.squeezed.length > 0, 'the squeezed cell is reported');
    } finally {
      await context.close();
    }
  });
});

import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';
import { parse } from 'promptparse';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { describeViolations, step, visitor, type AxeViolation } from '../helpers/chromium.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { StatementLine } from '../../src/modules/funds/bank-statement.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { bangkokDay } from '../../src/shared/dates.js';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as unknown as JsQr;

/** dd/mm/yyyy in the Buddhist era, as Thai banks write it. */
const thaiDay = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${Number(y) + 543}`;
};

/**
 * Journey: a donor pledges ฿1,500 on a phone and is shown a PromptPay QR for the exact amount
 * (read back here from the pixels Chromium drew); the money arrives at the bank; a staff member
 * imports the bank's statement on a phone, sees the line matched to the pledge by its reference,
 * confirms it in one click, and the donor's thank-you page then offers the receipt. axe-core and
 * the 390 px layout are checked on every page.
 */
describe('browser: a donor pays a pledge by PromptPay QR, staff import the statement and confirm', function () {
  this.timeout(120_000);

  const suite = useBrowserSuite({
    app: { config: { FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1' } },
    seeds: { demoUsers: false, socialMap: false },
  });

  it('works on a phone from the pledge to the receipt, with no serious accessibility violations', async () => {
    const staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่การเงิน' });
    const violations: Record<string, AxeViolation[]> = {};
    const donorSide = await visitor(suite.browser, 'phone');
    const staffSide = await visitor(suite.browser, 'phone');
    try {
      const donor = donorSide.page;
      const check = async (name: string) => {
        violations[name] = await step(donor, 'pledge-qr', 'phone', name);
      };
      await donor.goto(`${suite.base}/funds/elderly/donate`);
      await donor.check('input[name=amount][value=other]');
      await donor.fill('#f-customAmount', '1,500');
      await donor.fill('#f-name', 'สมศรี มีสุข');
      await donor.fill('#f-email', 'somsri.qr@example.net');
      await donor.click('form[action="/donate"] button[type=submit]');
      await donor.waitForURL('**/donate/thanks/**');
      await check('thanks');
      const thanksUrl = donor.url();

      // The QR as the donor's banking app sees it: the pixels on the screen.
      const shot = await donor.locator('figure.promptpay-qr img').screenshot();
      const image = PNG.sync.read(shot);
      const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      assert.ok(code, 'a QR code is on the screen');
      const payload = parse(code.data);
      assert.ok(payload, 'an EMVCo payload');
      assert.equal(payload.getTagValue('54'), '1500.00', 'the exact amount');
      const gift = await Donation.findOne({ 'donor.email': 'somsri.qr@example.net' }).lean();
      assert.equal(gift?.status, 'pledged');
      const giftCode = String(gift?.giftCode);
      assert.match((await donor.textContent('main')) ?? '', new RegExp(giftCode));

      // Staff import the bank's statement and confirm.
      const page = staffSide.page;
      const staffCheck = async (name: string) => {
        violations[`staff-${name}`] = await step(page, 'statement', 'phone', name);
      };
      await page.goto(`${suite.base}/login`);
      await page.fill('#f-email', staff.email);
      await page.fill('#f-password', PASSWORD);
      await page.click('form[action="/login"] button[type=submit]');
      await page.waitForURL(`${suite.base}/**`);
      await page.goto(`${suite.base}/admin/books`);
      await page.click('a[href="/admin/books/statements"]');
      await page.waitForURL('**/admin/books/statements');
      await staffCheck('import');
      await page.fill('#f-accountName', 'กรุงไทย ออมทรัพย์ 111-2-33333-4');
      await page.fill('#f-dateColumn', 'A');
      await page.fill('#f-descriptionColumn', 'D');
      await page.fill('#f-debitColumn', 'B');
      await page.fill('#f-creditColumn', 'C');
      const today = thaiDay(bangkokDay(new Date()));
      const csv = [
        'วันที่,ถอน,ฝาก,รายละเอียด',
        `${today},,"1,500.00",PROMPTPAY ${giftCode} SOMSRI`,
        `${today},20.00,,ค่าธรรมเนียม`,
      ].join('\r\n');
      await page.setInputFiles('#f-statement', {
        name: 'ktb-statement.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.click('form[action="/admin/books/statements"] button[type=submit]');
      await page.waitForURL('**/admin/books/statements/*');
      assert.match((await page.textContent('main')) ?? '', /รหัสอ้างอิงตรงกัน/);
      await staffCheck('matched');
      await page.click('.line-form button:has-text("ยืนยันว่าได้รับเงิน")');
      await page.waitForURL('**/admin/books/statements/**');
      assert.match((await page.textContent('body')) ?? '', /ยืนยันการรับเงินแล้ว/);
      await staffCheck('confirmed');

      const paid = await Donation.findById(gift?._id).lean();
      assert.equal(paid?.status, 'paid');
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${String(gift?._id)}` }), 1);
      assert.equal(await StatementLine.countDocuments({ status: 'pledge_confirmed' }), 1);

      // The donor's page now offers the receipt.
      await donor.goto(thanksUrl);
      assert.ok(await donor.locator(`a[href^="/receipts/${String(gift?._id)}"]`).count(), 'a receipt link');
      await check('paid');
    } finally {
      await donorSide.context.close();
      await staffSide.context.close();
    }
    const serious = Object.entries(violations).filter(([, list]) => list.length);
    assert.deepEqual(
      serious.map(([name]) => name),
      [],
      serious.map(([name, list]) => `${name}:\n${describeViolations(list)}`).join('\n'),
    );
  });
});

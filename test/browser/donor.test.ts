import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { stripeTestConfig } from '../helpers/context.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { checkoutSession, deliver, event } from '../helpers/stripe-events.js';
import {
  describeViolations,
  seriousViolations,
  step,
  visitor,
  type AxeViolation,
  type ViewportName,
} from '../helpers/chromium.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { thanksPath } from '../../src/modules/funds/donation.links.js';

/**
 * Journey 1, in Thai, in real Chromium: giving menu → fund → donate form → Stripe Checkout (which
 * stands outside the app: the test answers for it and then delivers the signed webhook Stripe
 * would send) → thank-you page → the receipt downloaded from the donor's history. axe-core checks
 * every page visited.
 */
describe('browser: a donor gives online and downloads the receipt', function () {
  this.timeout(120_000);

  const suite = useBrowserSuite({
    app: { config: () => ({ ...stripeTestConfig() }) },
    seeds: { demoUsers: false, socialMap: false },
  });
  const { ctx } = suite;

  it('has an accessibility check that does catch serious violations (an unlabelled field, an image without text)', async () => {
    const { context, page } = await visitor(suite.browser, 'phone');
    try {
      await page.setContent(
        '<!doctype html><html lang="th"><title>t</title><main><img src="/x.png"><input type="text"></main></html>',
      );
      const ids = (await seriousViolations(page)).map((v) => v.id).sort();
      assert.deepEqual(ids, ['image-alt', 'label']);
    } finally {
      await context.close();
    }
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`works on a ${viewport}, with no serious accessibility violations on any page`, async () => {
      const donor = await makeUser({ name: 'สมศรี ใจบุญ' });
      const { context, page } = await visitor(suite.browser, viewport);
      const violations: Record<string, AxeViolation[]> = {};
      const check = async (name: string) => {
        violations[name] = await step(page, 'donor', viewport, name);
      };
      try {
        // Stripe Checkout is another website: stand in for it without leaving the machine.
        let checkoutUrl = '';
        await page.route('https://checkout.stripe.com/**', async (route) => {
          checkoutUrl = route.request().url();
          await route.fulfill({
            status: 200,
            contentType: 'text/html',
            body: '<!doctype html><html lang="en"><title>Checkout</title><main><h1>Stripe Checkout</h1></main></html>',
          });
        });

        await page.goto(`${suite.base}/login`);
        await check('login');
        await page.fill('#f-email', donor.email);
        await page.fill('#f-password', PASSWORD);
        await page.click('form[action="/login"] button[type=submit]');
        await page.waitForURL(`${suite.base}/**`);

        await page.goto(`${suite.base}/`);
        assert.match(await page.title(), /มูลนิธิ/);
        await check('menu');
        await page.click('a[href="/funds/education"]');
        await page.waitForURL('**/funds/education');
        await check('fund');
        await page.click('a.button[href="/funds/education/donate"]');
        await page.waitForURL('**/funds/education/donate');
        await check('donate');
        await page.check('input[name=amount][value=other]');
        await page.fill('#f-customAmount', '1,250');
        await page.click('form[action="/donate"] button[type=submit]');
        await page.waitForURL('https://checkout.stripe.com/**');
        assert.ok(checkoutUrl, 'the donor was sent to Stripe Checkout');

        const donation = await Donation.findOne({ 'donor.email': donor.email }).sort({ createdAt: -1 }).lean();
        assert.ok(donation);
        assert.equal(donation.amountSatang, 1_250_00);
        assert.equal(donation.status, 'pending');
        const id = donation._id.toString();
        const delivered = await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 1_250_00)));
        assert.equal(delivered.status, 200);

        await page.goto(`${suite.base}${thanksPath(id)}`);
        assert.match((await page.textContent('main')) ?? '', /1,250/);
        await check('thanks');
        await page.goto(`${suite.base}/account/gifts`);
        await check('gifts');
        const receiptLink = page.locator(`a[href="/receipts/${id}"]`);
        assert.match((await receiptLink.textContent()) ?? '', /^25\d\d-\d{6}$/, 'a receipt number in the Buddhist era');
        const [download] = await Promise.all([page.waitForEvent('download'), receiptLink.click()]);
        const file = await download.path();
        const pdf = await readFile(file);
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
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

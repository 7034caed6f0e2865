import assert from 'node:assert/strict';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { PASSWORD, makeUser } from '../helpers/factories.js';
import { describeViolations, step, visitor, type AxeViolation } from '../helpers/chromium.js';
import { createCampaign } from '../../src/modules/funds/campaign.service.js';
import { confirmPledge } from '../../src/modules/funds/donation-offline.service.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';

const SLUG = 'school-lunch-2570';

/**
 * Journey: a donor gives to a campaign on a phone and asks for its updates; staff (on a phone too)
 * write an update on the campaign's staff page; the public page shows it beside the progress and
 * the number of donors, and the update email waits in the outbox for that donor. axe-core and the
 * 390 px layout are checked on every page.
 */
describe('browser: staff post a campaign update, it shows with the progress and reaches the donor', function () {
  this.timeout(120_000);

  const suite = useBrowserSuite({
    app: { config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารออมสิน สาขาสงขลา 020-1-23456-7' } },
    seeds: { demoUsers: false, socialMap: false },
  });

  it('works on a phone, with no serious accessibility violations', async () => {
    const staff = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่สื่อสาร' });
    await createCampaign(staff, {
      fund: 'children-youth',
      slug: SLUG,
      nameTh: 'อาหารกลางวันเด็กนักเรียนบ้านเกาะยอ',
      nameEn: 'School lunches on Ko Yo',
      descriptionTh: 'อาหารกลางวันที่ครบถ้วนสำหรับนักเรียน 80 คน ตลอดภาคเรียน',
      descriptionEn: 'A full lunch for 80 pupils for a term',
      goalSatang: 120_000_00,
      endsOn: new Date(Date.now() + 45 * 86_400_000),
    });
    const violations: Record<string, AxeViolation[]> = {};
    const donorSide = await visitor(suite.browser, 'phone');
    const staffSide = await visitor(suite.browser, 'phone');
    try {
      const donor = donorSide.page;
      await donor.goto(`${suite.base}/campaigns/${SLUG}`);
      violations['campaign'] = await step(donor, 'campaign-update', 'phone', 'campaign');
      await donor.click(`a[href="/funds/children-youth/donate?campaign=${SLUG}"]`);
      await donor.check('input[name=amount][value=other]');
      await donor.fill('#f-customAmount', '2,000');
      await donor.fill('#f-name', 'มาลี ศรีเกาะยอ');
      await donor.fill('#f-email', 'malee@example.net');
      await donor.check('input[name=followCampaign]');
      await donor.click('form[action="/donate"] button[type=submit]');
      await donor.waitForURL('**/donate/thanks/**');
      const gift = await Donation.findOne({ 'donor.email': 'malee@example.net' }).lean();
      assert.equal(gift?.campaignUpdates, true);
      await confirmPledge(staff, String(gift?._id), new Date(), 'โอนผ่านพร้อมเพย์');

      const page = staffSide.page;
      await page.goto(`${suite.base}/login`);
      await page.fill('#f-email', staff.email);
      await page.fill('#f-password', PASSWORD);
      await page.click('form[action="/login"] button[type=submit]');
      await page.waitForURL(`${suite.base}/**`);
      await page.goto(`${suite.base}/admin/campaigns`);
      await page.click(`a[href="/admin/campaigns/${SLUG}"]`);
      await page.waitForURL(`**/admin/campaigns/${SLUG}`);
      violations['staff-campaign'] = await step(page, 'campaign-update', 'phone', 'staff');
      await page.fill('#f-titleTh', 'เดือนแรก: อาหารครบ 20 วันเรียน');
      await page.fill('#f-bodyTh', 'นักเรียนได้อาหารกลางวันครบทุกวันเรียน\n\n- ข้าว ผัก ไข่ และผลไม้');
      await page.click(`form[action="/admin/campaigns/${SLUG}/updates"] button[type=submit]`);
      await page.waitForURL(`**/admin/campaigns/${SLUG}`);
      assert.match((await page.textContent('body')) ?? '', /โพสต์แล้ว และส่งอีเมลถึงผู้บริจาค 1 ราย/);

      await donor.goto(`${suite.base}/campaigns/${SLUG}`);
      const text = (await donor.textContent('main')) ?? '';
      assert.match(text, /เดือนแรก: อาหารครบ 20 วันเรียน/);
      assert.match(text, /฿2,000/);
      assert.match(text, /1 ราย/);
      violations['campaign-updated'] = await step(donor, 'campaign-update', 'phone', 'updated');

      await page.goto(`${suite.base}/admin/outbox`);
      assert.match((await page.textContent('main')) ?? '', /malee@example\.net/);
      const mail = await MailMessage.findOne({ template: 'campaignUpdate', to: 'malee@example.net' }).lean();
      assert.match(String(mail?.text), /เดือนแรก: อาหารครบ 20 วันเรียน/);
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

/**
 * Giving before the foundation has finished its settings (issue 12, money 4): the bank path is
 * offered only when there are transfer details to give, the donate page otherwise says giving is
 * not open yet (with the foundation's contact when set), and staff outside production see what
 * is missing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';

async function postGift(app: Parameters<typeof browser>[0], fields: Record<string, string> = {}) {
  const agent = browser(app);
  // Any page with a form gives the session's CSRF token (the donate page may have none).
  const page = await agent.agent.get('/login');
  const res = await agent.agent
    .post('/donate')
    .type('form')
    .send({
      fund: 'general',
      amount: '500',
      frequency: 'one_time',
      name: 'ผู้ใจบุญ',
      email: 'kind@example.org',
      submissionId: randomUUID(),
      _csrf: csrfFrom(page.text),
      ...fields,
    });
  return { agent, res };
}

describe('giving with no online payment and no transfer details', () => {
  const ctx = useTestApp({ config: { FOUNDATION_CONTACT: 'โทร 074-123456 · info@songkhla.example' } });

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('says on the donate page that giving is not open yet, with the foundation’s contact, and shows no form', async () => {
    const page = await request(ctx.app).get('/funds/education/donate');
    assert.equal(page.status, 200);
    assert.match(page.text, /ยังไม่เปิดรับบริจาคทางเว็บไซต์/);
    assert.match(page.text, /โทร 074-123456 · info@songkhla\.example/);
    assert.doesNotMatch(page.text, /action="\/donate"/);
    assert.doesNotMatch(page.text, /ยังไม่ได้ตั้งค่า กรุณาติดต่อมูลนิธิ/);
    const en = await request(ctx.app).get('/funds/education/donate?lang=en');
    assert.match(en.text, /Giving on this website is not open yet/);
  });

  it('refuses a pledge posted anyway, with a message, and records nothing', async () => {
    const before = await Donation.countDocuments();
    const { res } = await postGift(ctx.app);
    assert.equal(res.status, 409);
    assert.match(res.text, /ยังไม่เปิดรับบริจาค/);
    assert.equal(await Donation.countDocuments(), before);
    assert.equal(await MailMessage.countDocuments({ template: 'donationPledge' }), 0);
  });

  it('shows staff, outside production, a banner naming the missing settings; donors never see it', async () => {
    const staffUser = await makeUser({ roles: ['staff'] });
    const staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    for (const path of ['/admin/donations', '/admin']) {
      const page = await staff.agent.get(path);
      assert.equal(page.status, 200, path);
      assert.match(page.text, /การตั้งค่ามูลนิธิยังไม่ครบ/, path);
      for (const name of [
        'FOUNDATION_NAME_TH',
        'FOUNDATION_ADDRESS_TH',
        'FOUNDATION_TAX_ID',
        'FOUNDATION_BANK_ACCOUNT / FOUNDATION_PROMPTPAY_ID',
      ]) {
        assert.ok(page.text.includes(`<code>${name}</code>`), `${path}: ${name}`);
      }
    }
    const donorUser = await makeUser();
    const donor = browser(ctx.app);
    await donor.login(donorUser.email, PASSWORD);
    assert.doesNotMatch((await donor.agent.get('/account/gifts')).text, /การตั้งค่ามูลนิธิยังไม่ครบ/);
    assert.doesNotMatch((await request(ctx.app).get('/')).text, /การตั้งค่ามูลนิธิยังไม่ครบ/);
  });
});

describe('giving by transfer with only a PromptPay ID configured', () => {
  const ctx = useTestApp({
    config: {
      FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1',
      FOUNDATION_NAME_TH: 'มูลนิธิชุมชนสงขลา',
      FOUNDATION_ADDRESS_TH: '123 ถนนราษฎร์อุทิศ อำเภอหาดใหญ่ จังหวัดสงขลา 90110',
      FOUNDATION_TAX_ID: '0-1055-12345-67-1',
    },
  });

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });

  it('takes the pledge and shows only the details that exist, never "not configured"', async () => {
    const page = await request(ctx.app).get('/donate');
    assert.match(page.text, /action="\/donate"/);
    const { agent, res } = await postGift(ctx.app);
    assert.equal(res.status, 303);
    const thanks = await agent.agent.get(res.headers.location as string);
    assert.match(thanks.text, /0-9940-00123-45-1/);
    // The page itself (the footer links the contact page on every page, which is not a gap).
    const main = /<main[\s\S]*<\/main>/.exec(thanks.text)?.[0] ?? '';
    assert.match(main, /0-9940-00123-45-1/);
    assert.doesNotMatch(main, /ยังไม่ได้ตั้งค่า|ติดต่อมูลนิธิ/);
    assert.doesNotMatch(main, /เลขที่บัญชี|บัญชีธนาคาร/);
  });

  it('shows staff no banner when every setting is made', async () => {
    const staffUser = await makeUser({ roles: ['staff'] });
    const staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    assert.doesNotMatch((await staff.agent.get('/admin/donations')).text, /การตั้งค่ามูลนิธิยังไม่ครบ/);
  });
});

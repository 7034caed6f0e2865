/**
 * The bank-transfer giving path as a new donor walks it (issue 12, money 1–3, 5, 6): the typed
 * amount wins over a preselected chip, staff find a pledge by the reference the donor was given,
 * pledges are listed as awaited transfers, gifts given before registering join the account once
 * its address is verified (or are claimed by reference), and offline-gift receipts are emailed in
 * the donor's language.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { mailedPath, VERIFY_LINK } from '../helpers/mail-links.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { bangkokDay } from '../../src/shared/dates.js';
import { claimGift, linkGiftsToVerifiedEmail } from '../../src/modules/funds/my-gifts.service.js';
import { EmailNotVerifiedError } from '../../src/shared/errors.js';

describe('pledges by bank transfer: amounts, references, staff list, gifts joining the account', () => {
  const ctx = useTestApp({
    config: { FOUNDATION_BANK_ACCOUNT: 'ธนาคารออมสิน สาขาสงขลา เลขที่ 020-1-23456-7' },
  });
  let staff: ReturnType<typeof browser>;
  const today = bangkokDay(new Date());

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    const user = await makeUser({ roles: ['staff'] });
    staff = browser(ctx.app);
    await staff.login(user.email, PASSWORD);
  });

  /** A guest fills the donate form as a browser would send it. */
  async function pledge(fields: Record<string, string>) {
    const agent = browser(ctx.app);
    const page = await agent.agent.get('/funds/elderly/donate');
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const res = await agent.agent
      .post('/donate')
      .type('form')
      .send({
        fund: 'elderly',
        amount: '500',
        frequency: 'one_time',
        name: 'สมศรี มีสุข',
        email: 'somsri@example.net',
        submissionId,
        _csrf: csrfFrom(page.text),
        ...fields,
      });
    return { agent, res };
  }

  describe('the amount', () => {
    it('records the typed amount when a chip is still selected (฿500 chip + 2000 typed → ฿2,000)', async () => {
      const { res } = await pledge({ amount: '500', customAmount: '2000', email: 'typed@example.net' });
      assert.equal(res.status, 303);
      const gift = await Donation.findOne({ 'donor.email': 'typed@example.net' });
      assert.equal(gift?.amountSatang, 2_000_00);
    });

    it('still takes the chip when nothing is typed, and refuses a bad typed amount instead of falling back to the chip', async () => {
      const { res } = await pledge({ amount: '300', customAmount: '', email: 'chip@example.net' });
      assert.equal(res.status, 303);
      assert.equal((await Donation.findOne({ 'donor.email': 'chip@example.net' }))?.amountSatang, 300_00);
      const bad = await pledge({ amount: '500', customAmount: '1,0,0', email: 'slip@example.net' });
      assert.equal(bad.res.status, 422);
      assert.match(bad.res.text, /ใส่จุลภาคได้เฉพาะคั่นทุกสามหลัก/);
      assert.equal(await Donation.countDocuments({ 'donor.email': 'slip@example.net' }), 0);
    });

    it('has the submit button repeat the chosen amount through a small script (without it the button shows no amount that could be stale)', async () => {
      const page = await request(ctx.app).get('/funds/elderly/donate');
      assert.match(page.text, /<button type="submit"[^>]*>[^<]*<span data-amount-echo hidden><\/span><\/button>/);
      assert.match(page.text, /<script src="\/public\/donate-amount\.js" defer><\/script>/);
      const script = await request(ctx.app).get('/public/donate-amount.js');
      assert.equal(script.status, 200);
    });
  });

  describe('staff', () => {
    it('list a pledge as a bank transfer still awaited, not as online', async () => {
      const list = await staff.agent.get('/admin/donations?q=typed%40example.net');
      assert.match(list.text, /แจ้งโอนผ่านธนาคาร \(รอรับเงิน\)/);
      assert.doesNotMatch(list.text, /<td>ออนไลน์<\/td>/);
      const en = await staff.agent.get('/admin/donations?q=typed%40example.net&lang=en');
      assert.match(en.text, /Pledge · bank transfer \(waiting\)/);
      await staff.agent.get('/admin/donations?lang=th');
      const gift = await Donation.findOne({ 'donor.email': 'typed@example.net' });
      assert.equal(gift?.channel, 'bank_transfer');
    });

    it('find a pledge by the reference shown to the donor (any case), and its page shows the code', async () => {
      const { agent, res } = await pledge({ email: 'ref@example.net', name: 'ลุงเอียด' });
      const thanks = await agent.agent.get(res.headers.location as string);
      const code = /class="reference">([0-9A-F]{8})</.exec(thanks.text)?.[1] as string;
      assert.ok(code, 'the thank-you page shows the reference');
      const mail = await MailMessage.findOne({ template: 'donationPledge', to: 'ref@example.net' });
      assert.ok(mail?.text.includes(code), 'the pledge email gives the same code');
      for (const q of [code, code.toLowerCase()]) {
        const found = await staff.agent.get(`/admin/donations?q=${q}`);
        assert.match(found.text, /ลุงเอียด/, q);
        assert.match(found.text, /\b1 รายการ/);
      }
      const gift = await Donation.findOne({ 'donor.email': 'ref@example.net' });
      const detail = await staff.agent.get(`/admin/donations/${String(gift?._id)}`);
      assert.match(detail.text, new RegExp(`รหัสอ้างอิงของผู้บริจาค</dt><dd><strong class="reference">${code}</strong>`));
    });

    it('emails an offline gift’s receipt in the donor’s language (Thai by default), whatever the staff member reads', async () => {
      await staff.agent.get('/admin/donations/new?lang=en');
      const page = await staff.agent.get('/admin/donations/new');
      assert.match(page.text, /name="donorLocale"/);
      const base = {
        fund: 'education',
        amount: '5,000',
        channel: 'bank_transfer',
        receivedAt: today,
        name: 'บริษัท สงขลาค้าไม้ จำกัด',
        _csrf: csrfFrom(page.text),
      };
      const thai = await staff.agent
        .post('/admin/donations')
        .type('form')
        .send({ ...base, email: 'company@example.net', submissionId: randomUUID() });
      assert.equal(thai.status, 303);
      const thaiMail = await MailMessage.findOne({ template: 'donationReceipt', to: 'company@example.net' });
      assert.equal(thaiMail?.locale, 'th');
      assert.match(thaiMail?.subject ?? '', /ใบเสร็จ/);
      const english = await staff.agent
        .post('/admin/donations')
        .type('form')
        .send({ ...base, email: 'expat@example.net', donorLocale: 'en', submissionId: randomUUID() });
      assert.equal(english.status, 303);
      const enMail = await MailMessage.findOne({ template: 'donationReceipt', to: 'expat@example.net' });
      assert.equal(enMail?.locale, 'en');
      const bad = await staff.agent
        .post('/admin/donations')
        .type('form')
        .send({ ...base, email: 'x@example.net', donorLocale: 'fr', submissionId: randomUUID() });
      assert.equal(bad.status, 422);
      await staff.agent.get('/admin/donations?lang=th');
    });
  });

  describe('gifts given before registering', () => {
    it('guest pledges as somsri@example.net → registers → verifies → staff confirm (receipt) → /account/gifts lists it', async () => {
      const { res } = await pledge({ amount: 'other', customAmount: '1,500' });
      assert.equal(res.status, 303);
      const gift = await Donation.findOne({ 'donor.email': 'somsri@example.net' });
      assert.equal(gift?.donor?.userId ?? null, null);

      const donor = browser(ctx.app);
      const registered = await donor.submit('/register', '/register', {
        name: 'สมศรี มีสุข',
        email: 'Somsri@Example.net',
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        preferredLanguage: 'th',
      });
      assert.equal(registered.status, 200);
      // Registering with the address is not enough: nothing joins (and no login) before the address is verified.
      assert.equal(
        (await donor.submit('/login', '/login', { email: 'somsri@example.net', password: PASSWORD })).status,
        422,
      );
      assert.equal((await Donation.findById(gift?._id))?.donor?.userId ?? null, null);

      const link = await mailedPath('somsri@example.net', 'emailVerification', VERIFY_LINK);
      assert.equal((await donor.agent.get(link)).status, 200);
      await donor.login('somsri@example.net', PASSWORD);
      const page = await staff.agent.get(`/admin/donations/${String(gift?._id)}`);
      const confirm = await staff.agent
        .post(`/admin/donations/${String(gift?._id)}/confirm-pledge`)
        .type('form')
        .send({ receivedAt: today, reference: 'GSB-1', _csrf: csrfFrom(page.text) });
      assert.equal(confirm.status, 303);
      const paid = await Donation.findById(gift?._id);
      assert.match(paid?.receiptNumber ?? '', /^\d{4}-\d{6}$/);

      const mine = await donor.agent.get('/account/gifts');
      assert.match(mine.text, /฿1,500/);
      assert.ok(mine.text.includes(paid?.receiptNumber as string), 'with its receipt');
    });

    it('links only gifts with the same address and no account, case-insensitively, and only once', async () => {
      const other = await makeUser({ email: 'other@example.net' });
      await pledge({ email: 'OTHER@example.net', name: 'คนอื่น' });
      const before = await Donation.findOne({ 'donor.email': 'other@example.net' });
      assert.equal(await linkGiftsToVerifiedEmail(other.id, 'Other@Example.NET'), 1);
      assert.equal(await linkGiftsToVerifiedEmail(other.id, 'other@example.net'), 0);
      assert.equal(String((await Donation.findById(before?._id))?.donor?.userId), other.id);
      const somsri = await Donation.findOne({ 'donor.email': 'somsri@example.net' });
      assert.notEqual(String(somsri?.donor?.userId), other.id, 'someone else’s gift stays theirs');
    });

    it('lets a verified donor claim a later guest gift by its reference; every wrong combination says only "not found"', async () => {
      // Verified first (makeUser verifies), then a gift as a guest: it does not join by itself.
      const owner = await makeUser({ email: 'claim@example.net' });
      const { agent, res } = await pledge({ email: 'claim@example.net', name: 'นายเคลม' });
      const code = /class="reference">([0-9A-F]{8})</.exec(
        (await agent.agent.get(res.headers.location as string)).text,
      )?.[1] as string;
      assert.equal((await Donation.findOne({ 'donor.email': 'claim@example.net' }))?.donor?.userId ?? null, null);
      const donor = browser(ctx.app);
      await donor.login(owner.email, PASSWORD);
      const claim = (fields: Record<string, string>) => donor.submit('/account/gifts', '/account/gifts/claim', fields);

      for (const wrong of [
        { reference: 'FFFFFFFF', email: 'claim@example.net' },
        { reference: code, email: 'somsri@example.net' },
        { reference: 'not-a-code', email: 'claim@example.net' },
      ]) {
        const refused = await claim(wrong);
        assert.equal(refused.status, 422, JSON.stringify(wrong));
        assert.match(refused.text, /ไม่พบการบริจาคที่ตรงกับรหัสอ้างอิงและอีเมลนี้/);
      }
      // Someone else's gift, with its code and its address: the same answer.
      const somsriGift = await Donation.findOne({ 'donor.email': 'somsri@example.net' });
      const foreign = await claim({
        reference: String(somsriGift?._id).slice(-8).toUpperCase(),
        email: 'somsri@example.net',
      });
      assert.equal(foreign.status, 422);

      const ok = await claim({ reference: code.toLowerCase(), email: 'Claim@example.net' });
      assert.equal(ok.status, 303);
      const gift = await Donation.findOne({ 'donor.email': 'claim@example.net' });
      assert.equal(String(gift?.donor?.userId), owner.id);
      assert.match((await donor.agent.get('/account/gifts')).text, /฿500/);
    });

    it('refuses a claim from an account whose address is not verified, and changes nothing', async () => {
      await pledge({ email: 'unverified@example.net', name: 'ยังไม่ยืนยัน' });
      const code = String((await Donation.findOne({ 'donor.email': 'unverified@example.net' }))?._id)
        .slice(-8)
        .toUpperCase();
      const person = await makeUser({ email: 'unverified@example.net', verified: false });
      // Such an account cannot log in, so the gate is met where the service is called.
      await assert.rejects(
        claimGift(person, { reference: code, email: 'unverified@example.net' }),
        EmailNotVerifiedError,
      );
      assert.equal((await Donation.findOne({ 'donor.email': 'unverified@example.net' }))?.donor?.userId ?? null, null);
    });
  });
});

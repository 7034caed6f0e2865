import assert from 'node:assert/strict';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { fundEffect } from '../helpers/journal.js';
import { Receipt } from '../../src/modules/funds/receipt.model.js';
import { Campaign } from '../../src/modules/funds/campaign.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { invalidateTotals } from '../../src/modules/accounting/journal.service.js';
import { bangkokDay } from '../../src/shared/dates.js';

async function counts() {
  return {
    donations: await Donation.countDocuments(),
    ledger: await JournalEntry.countDocuments(),
    receipts: await Receipt.countDocuments(),
    campaigns: await Campaign.countDocuments(),
  };
}

describe('giving without Stripe, staff money pages and public transparency', () => {
  const ctx = useTestApp({
    config: {
      FOUNDATION_BANK_ACCOUNT: 'ธนาคารกรุงไทย สาขาหาดใหญ่ เลขที่ 123-4-56789-0',
      FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1',
    },
  });
  let staff: ReturnType<typeof browser>;
  const today = bangkokDay(new Date());

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    const user = await makeUser({ roles: ['staff'], name: 'เจ้าหน้าที่ การเงิน' });
    staff = browser(ctx.app);
    await staff.login(user.email, PASSWORD);
  });

  async function recordOffline(fields: Record<string, string>) {
    const page = await staff.agent.get('/admin/donations/new');
    assert.equal(page.status, 200);
    return staff.agent
      .post('/admin/donations')
      .type('form')
      .send({
        fund: 'education',
        amount: '2,000',
        channel: 'bank_transfer',
        receivedAt: today,
        reference: 'KTB-0001',
        name: 'ร้านข้าวแกงป้าศรี',
        submissionId: randomUUID(),
        _csrf: csrfFrom(page.text),
        ...fields,
      });
  }

  describe('pledges when online payment is not configured', () => {
    it('says so on the donate page and shows the bank account and PromptPay ID from config', async () => {
      const res = await request(ctx.app).get('/funds/elderly/donate');
      assert.match(res.text, /ขณะนี้ยังไม่เปิดรับชำระเงินออนไลน์/);
      assert.match(res.text, /ธนาคารกรุงไทย สาขาหาดใหญ่ เลขที่ 123-4-56789-0/);
      assert.match(res.text, /0-9940-00123-45-1/);
      assert.match(res.text, /แจ้งความประสงค์บริจาค/);
      assert.doesNotMatch(res.text, /value="monthly"/);
    });

    it('records a pledge, shows how to transfer with a reference, and emails it; staff then confirm the transfer', async () => {
      const agent = browser(ctx.app);
      const page = await agent.agent.get('/funds/elderly/donate');
      const res = await agent.agent
        .post('/donate')
        .type('form')
        .send({
          fund: 'elderly',
          amount: 'other',
          customAmount: '750',
          frequency: 'one_time',
          name: 'ลุงแดง',
          email: 'daeng@example.org',
          submissionId: /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1],
          _csrf: csrfFrom(page.text),
        });
      assert.equal(res.status, 303);
      const thanks = await agent.agent.get(res.headers.location as string);
      assert.match(thanks.text, /ขอบคุณที่แจ้งความประสงค์บริจาค/);
      assert.match(thanks.text, /123-4-56789-0/);
      const pledge = await Donation.findOne({ 'donor.email': 'daeng@example.org' });
      assert.equal(pledge?.status, 'pledged');
      const reference = String(pledge?._id).slice(-8).toUpperCase();
      assert.match(thanks.text, new RegExp(reference));
      assert.equal(
        await JournalEntry.countDocuments({ ref: `donation:${String(pledge?._id)}` }),
        0,
        'a pledge is not money',
      );
      const mail = await MailMessage.findOne({ template: 'donationPledge', to: 'daeng@example.org' });
      assert.match(mail?.text ?? '', new RegExp(reference));

      const detail = await staff.agent.get(`/admin/donations/${String(pledge?._id)}`);
      assert.match(detail.text, /บันทึกการรับเงินโอน/);
      const confirm = await staff.agent
        .post(`/admin/donations/${String(pledge?._id)}/confirm-pledge`)
        .type('form')
        .send({ receivedAt: today, reference: 'KTB-778899', _csrf: csrfFrom(detail.text) });
      assert.equal(confirm.status, 303);
      const paid = await Donation.findById(pledge?._id);
      assert.equal(paid?.status, 'paid');
      assert.equal(paid?.channel, 'bank_transfer');
      assert.match(paid?.receiptNumber ?? '', /^\d{4}-\d{6}$/);
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${String(pledge?._id)}` }), 1);
      const again = await staff.agent
        .post(`/admin/donations/${String(pledge?._id)}/confirm-pledge`)
        .type('form')
        .send({ receivedAt: today, _csrf: csrfFrom(detail.text) });
      assert.equal(again.status, 409);
    });

    it('refuses a monthly gift without online payment and changes nothing', async () => {
      const before = await counts();
      const agent = browser(ctx.app);
      const page = await agent.agent.get('/donate');
      const res = await agent.agent
        .post('/donate')
        .type('form')
        .send({
          fund: 'general',
          amount: '100',
          frequency: 'monthly',
          name: 'ก',
          email: 'a@example.org',
          submissionId: randomUUID(),
          _csrf: csrfFrom(page.text),
        });
      assert.equal(res.status, 422);
      assert.match(res.text, /การบริจาครายเดือนต้องชำระออนไลน์/);
      assert.deepEqual(await counts(), before);
    });

    it('keeps the thank-you page behind its signed link', async () => {
      const pledge = await Donation.findOne({ status: { $in: ['pledged', 'paid'] } });
      assert.equal((await request(ctx.app).get(`/donate/thanks/${String(pledge?._id)}`)).status, 403);
      assert.equal((await request(ctx.app).get('/donate/thanks/not-an-id?token=x')).status, 403);
    });
  });

  describe('offline gifts, refunds and corrections', () => {
    it('records a bank transfer through the same ledger and receipt path, once per form', async () => {
      const before = await counts();
      const submissionId = randomUUID();
      const res = await recordOffline({
        submissionId,
        email: 'pasri@example.org',
        wantsTaxReceipt: 'on',
        taxFullName: 'ร้านข้าวแกงป้าศรี',
        taxId: '0105512345671',
        taxAddress: 'หาดใหญ่',
      });
      assert.equal(res.status, 303);
      const again = await recordOffline({ submissionId });
      assert.equal(again.status, 303);
      const gift = await Donation.findOne({ 'donor.name': 'ร้านข้าวแกงป้าศรี' });
      assert.equal(gift?.status, 'paid');
      assert.equal(gift?.amountSatang, 2_000_00);
      assert.equal(gift?.reference, 'KTB-0001');
      const after = await counts();
      assert.equal(after.donations - before.donations, 1);
      assert.equal(after.ledger - before.ledger, 1);
      assert.equal(after.receipts - before.receipts, 1);
      assert.ok(await MailMessage.findOne({ template: 'donationReceipt', to: 'pasri@example.org' }));
      const entry = await JournalEntry.findOne({ ref: `donation:${String(gift?._id)}` });
      assert.equal(bangkokDay(entry?.occurredAt as Date), today);
    });

    const badOffline: [string, Record<string, string>, RegExp][] = [
      ['a negative amount', { amount: '-5' }, /กรุณากรอกจำนวนเงินเป็นตัวเลขบาท/],
      ['fractional satang', { amount: '1.234' }, /ทศนิยมไม่เกิน 2 ตำแหน่ง/],
      ['an unknown channel', { channel: 'bitcoin' }, /กรุณาเลือกจากตัวเลือกที่มี/],
      ['an impossible date', { receivedAt: '2026-02-30' }, /กรุณากรอกวันที่ให้ถูกต้อง/],
      ['a date in the future', { receivedAt: bangkokDay(new Date(Date.now() + 3 * 86_400_000)) }, /ต้องไม่เป็นวันในอนาคต/],
      ['a date beyond any calendar we accept', { receivedAt: '2999-01-01' }, /กรุณากรอกวันที่ให้ถูกต้อง/],
      ['no donor name', { name: '' }, /กรุณากรอกช่องนี้/],
      ['misplaced thousands separators (1,0,0 is not ฿100)', { amount: '1,0,0' }, /ใส่จุลภาคได้เฉพาะคั่นทุกสามหลัก/],
      ['an amount above the app’s maximum', { amount: '100,000,000.01' }, /จำนวนเงินต้องไม่เกิน ฿100,000,000/],
      [
        'an HTML name, shown escaped',
        { name: '<script>alert(1)</script>', amount: 'x' },
        /&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
      ],
    ];
    for (const [label, fields, message] of badOffline) {
      it(`refuses ${label} and records nothing`, async () => {
        const before = await counts();
        const res = await recordOffline(fields);
        assert.equal(res.status, 422, res.text.slice(0, 200));
        assert.match(res.text, message);
        assert.doesNotMatch(res.text, /<script>alert/);
        assert.deepEqual(await counts(), before);
      });
    }

    it('records a manual refund as a new ledger entry, never more than was given', async () => {
      const gift = await Donation.findOne({ 'donor.name': 'ร้านข้าวแกงป้าศรี' });
      const id = String(gift?._id);
      const page = await staff.agent.get(`/admin/donations/${id}`);
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
      const tooMuch = await staff.agent
        .post(`/admin/donations/${id}/refund`)
        .type('form')
        .send({ amount: '2500', submissionId, _csrf: csrfFrom(page.text) });
      assert.equal(tooMuch.status, 422);
      const ok = await staff.agent
        .post(`/admin/donations/${id}/refund`)
        .type('form')
        .send({ amount: '500', submissionId, _csrf: csrfFrom(page.text) });
      assert.equal(ok.status, 303);
      const twice = await staff.agent
        .post(`/admin/donations/${id}/refund`)
        .type('form')
        .send({ amount: '500', submissionId, _csrf: csrfFrom(page.text) });
      assert.equal(twice.status, 303);
      const refunded = await Donation.findById(id);
      assert.equal(refunded?.status, 'partially_refunded');
      assert.equal(refunded?.refundedSatang, 500_00);
      const entries = await JournalEntry.find({ ref: `donation:${id}` });
      assert.deepEqual(
        entries.map(fundEffect).sort((a, b) => a - b),
        [-500_00, 2_000_00],
      );
    });

    it('records an endowment’s returns as an adjustment that shows apart from its principal', async () => {
      const endowmentGift = await recordOffline({ fund: 'endowment', amount: '10,000', name: 'คุณทองดี' });
      assert.equal(endowmentGift.status, 303);
      const page = await staff.agent.get('/admin/ledger/adjust');
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
      const noMemo = await staff.agent
        .post('/admin/ledger/adjust')
        .type('form')
        .send({
          fund: 'endowment',
          direction: 'credit',
          amount: '300',
          memo: '',
          submissionId,
          _csrf: csrfFrom(page.text),
        });
      assert.equal(noMemo.status, 422);
      const res = await staff.agent
        .post('/admin/ledger/adjust')
        .type('form')
        .send({
          fund: 'endowment',
          direction: 'credit',
          amount: '300',
          memo: 'ดอกเบี้ยเงินฝากประจำ ไตรมาส 3',
          submissionId,
          _csrf: csrfFrom(page.text),
        });
      assert.equal(res.status, 303);
      invalidateTotals();
      const fund = (await request(ctx.app).get('/api/v1/funds/endowment')).body.data;
      assert.equal(fund.principalSatang, 10_000_00);
      assert.equal(fund.spendableSatang, 300_00);
      assert.equal(fund.availableSatang, 10_300_00);
      // A debit within what the fund has is booked; one above it is refused (see the bad-input corpus).
      const fee = await staff.agent.get('/admin/ledger/adjust');
      const feeId = /name="submissionId" value="([^"]+)"/.exec(fee.text)?.[1] as string;
      const debit = await staff.agent
        .post('/admin/ledger/adjust')
        .type('form')
        .send({
          fund: 'endowment',
          direction: 'debit',
          amount: '50',
          memo: 'ค่าธรรมเนียมธนาคาร',
          submissionId: feeId,
          _csrf: csrfFrom(fee.text),
        });
      assert.equal(debit.status, 303);
      invalidateTotals();
      assert.equal((await request(ctx.app).get('/api/v1/funds/endowment')).body.data.availableSatang, 10_250_00);
      const pageText = (await request(ctx.app).get('/funds/endowment')).text;
      assert.match(pageText, /เงินต้น \(เก็บรักษาไว้\)/);
      assert.match(pageText, /฿10,000/);
    });
  });

  describe('the staff list and CSV', () => {
    before(async () => {
      for (let i = 0; i < 27; i += 1) {
        const res = await recordOffline({
          fund: i % 2 ? 'media' : 'environment',
          amount: String(100 + i),
          channel: i % 3 ? 'cash' : 'cheque',
          name: `ผู้บริจาค ${i}`,
          reference: `R-${i}`,
        });
        assert.equal(res.status, 303);
      }
      await recordOffline({ fund: 'media', amount: '99', name: '=HYPERLINK("http://evil.example")', reference: 'X' });
      await recordOffline({ fund: 'media', amount: '1,000.50', name: '-2+3', reference: 'Y' });
    });

    it('lists gifts newest first with filters and pagination', async () => {
      const all = await staff.agent.get('/admin/donations');
      assert.equal(all.status, 200);
      assert.match(all.text, /หน้า 1 จาก 2/);
      const media = await staff.agent.get('/admin/donations?fund=media&channel=cash');
      const rows = (media.text.match(/<tr>/g) ?? []).length - 1;
      const expected = await Donation.countDocuments({
        fundId: (await Fund.findOne({ slug: 'media' }))?._id,
        channel: 'cash',
      });
      assert.equal(rows, expected);
      const search = await staff.agent.get(`/admin/donations?q=${encodeURIComponent('ผู้บริจาค 1')}`);
      assert.match(search.text, /ผู้บริจาค 1/);
      assert.doesNotMatch(search.text, /ผู้บริจาค 2</);
      const none = await staff.agent.get('/admin/donations?from=2001-01-01&to=2001-01-31');
      assert.match(none.text, /ไม่พบรายการบริจาคตามเงื่อนไขนี้/);
      const junk = await staff.agent.get('/admin/donations?status=bogus&page=-4&from=yesterday');
      assert.equal(junk.status, 200, 'bad filters fall back to "any"');
    });

    it('exports CSV that Excel opens with Thai text: UTF-8 with a BOM, formulas kept as text', async () => {
      const res = await staff.agent.get('/admin/donations.csv?fund=media').buffer(true);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
      const text = res.text;
      assert.ok(text.startsWith('\uFEFF'), 'byte-order mark');
      const lines = text.slice(1).trimEnd().split('\r\n');
      assert.equal(lines[0]?.split(',')[0], 'id');
      assert.equal(
        lines.length - 1,
        await Donation.countDocuments({ fundId: (await Fund.findOne({ slug: 'media' }))?._id }),
      );
      assert.ok(text.includes('กองทุนสื่อ'));
      assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"")"`));
      assert.ok(text.includes(',99.00,'));
      assert.ok(text.includes(',1000.50,'), 'thousands separators still read, amounts stay numbers');
      assert.ok(text.includes(",'-2+3,"), 'a formula starting with a minus stays text');
    });

    it('keeps donors and anonymous visitors out of the staff pages', async () => {
      const donor = await makeUser();
      const agent = browser(ctx.app);
      await agent.login(donor.email, PASSWORD);
      for (const path of [
        '/admin/donations',
        '/admin/donations.csv',
        '/admin/donations/new',
        '/admin/campaigns',
        '/admin/ledger/adjust',
      ]) {
        assert.equal((await agent.agent.get(path)).status, 403, path);
        assert.equal((await request(ctx.app).get(path)).status, 302, path);
      }
      const page = await agent.agent.get('/account');
      const before = await counts();
      const res = await agent.agent
        .post('/admin/donations')
        .type('form')
        .send({
          fund: 'education',
          amount: '100',
          channel: 'cash',
          receivedAt: today,
          name: 'x',
          submissionId: randomUUID(),
          _csrf: csrfFrom(page.text),
        });
      assert.equal(res.status, 403);
      assert.deepEqual(await counts(), before);
    });
  });

  describe('campaigns', () => {
    it('lets staff create a campaign that shows on its fund page and counts its own gifts', async () => {
      const page = await staff.agent.get('/admin/campaigns/new');
      const endsOn = bangkokDay(new Date(Date.now() + 30 * 86_400_000));
      const fields = {
        fund: 'disaster-relief',
        slug: 'flood-hatyai-2569',
        nameTh: 'กองบุญช่วยผู้ประสบอุทกภัยหาดใหญ่',
        nameEn: 'Hat Yai flood relief',
        goal: '200,000',
        endsOn,
        _csrf: csrfFrom(page.text),
      };
      const res = await staff.agent.post('/admin/campaigns').type('form').send(fields);
      assert.equal(res.status, 303);
      const taken = await staff.agent.post('/admin/campaigns').type('form').send(fields);
      assert.equal(taken.status, 409);
      assert.match(taken.text, /ชื่อย่อนี้ถูกใช้แล้ว/);
      const past = await staff.agent
        .post('/admin/campaigns')
        .type('form')
        .send({ ...fields, slug: 'old-one', endsOn: '2020-01-01' });
      assert.equal(past.status, 422);
      const huge = await staff.agent
        .post('/admin/campaigns')
        .type('form')
        .send({ ...fields, slug: 'too-big', goal: '100,000,001' });
      assert.equal(huge.status, 422);
      assert.match(huge.text, /จำนวนเงินต้องไม่เกิน ฿100,000,000/);
      const slipped = await staff.agent
        .post('/admin/campaigns')
        .type('form')
        .send({ ...fields, slug: 'slipped', goal: '2,00,000' });
      assert.equal(slipped.status, 422);
      assert.equal(await Campaign.countDocuments({ slug: { $in: ['too-big', 'slipped'] } }), 0);
      const fundPage = await request(ctx.app).get('/funds/disaster-relief');
      assert.match(fundPage.text, /กองบุญช่วยผู้ประสบอุทกภัยหาดใหญ่/);
      const gift = await recordOffline({
        fund: 'disaster-relief',
        campaign: 'flood-hatyai-2569',
        amount: '5,000',
        name: 'ชมรมจักรยานหาดใหญ่',
      });
      assert.equal(gift.status, 303);
      const campaignPage = await request(ctx.app).get('/campaigns/flood-hatyai-2569');
      assert.match(campaignPage.text, /฿5,000/);
      assert.match(campaignPage.text, /฿200,000/);
      const wrongFund = await recordOffline({
        fund: 'education',
        campaign: 'flood-hatyai-2569',
        amount: '10',
        name: 'x',
      });
      assert.equal(wrongFund.status, 422);
    });
  });

  describe('transparency', () => {
    it('shows every fund’s raised, refunded, granted, committed and available, with a monthly SVG chart', async () => {
      invalidateTotals();
      const res = await request(ctx.app).get('/transparency');
      assert.equal(res.status, 200);
      assert.match(res.text, /<svg class="chart"/);
      assert.equal((res.text.match(/<rect class="bar"/g) ?? []).length, 12);
      for (const word of ['ยอดบริจาค', 'คืนเงินแล้ว', 'มอบทุนแล้ว', 'ผูกพันไว้กับทุนที่อนุมัติ', 'พร้อมมอบทุน'])
        assert.ok(res.text.includes(word), word);
      assert.match(res.text, /฿500/, 'the refund shows');
      const en = await request(ctx.app).get('/transparency?lang=en');
      assert.match(en.text, /Net gifts per month/);
    });

    it('publishes open data with no personal data of donors', async () => {
      const json = await request(ctx.app).get('/transparency/funds.json');
      assert.equal(json.status, 200);
      const education = json.body.funds.find((f: { slug: string }) => f.slug === 'education');
      assert.equal(education.raisedSatang, 2_000_00 + 0);
      const text = JSON.stringify(json.body);
      for (const secret of ['ร้านข้าวแกงป้าศรี', 'pasri@example.org', 'daeng@example.org', 'ลุงแดง', '0105512345671'])
        assert.ok(!text.includes(secret), secret);
      const csv = await request(ctx.app).get('/transparency/funds.csv');
      assert.ok(csv.text.startsWith('\uFEFF'));
      assert.match(csv.text, /education,กองทุนเพื่อการศึกษา,Education Fund/);
      const monthly = await request(ctx.app).get('/transparency/gifts-by-month.csv');
      assert.equal(monthly.text.trimEnd().split('\r\n').length, 13);
      assert.equal((await request(ctx.app).get('/transparency/funds.xml')).status, 404);
    });

    it('shows recent gifts on a fund page by name, or as anonymous, never with an email', async () => {
      await recordOffline({
        fund: 'children-youth',
        amount: '300',
        name: 'นายเปิดเผย ชื่อจริง',
        email: 'open@example.org',
      });
      await recordOffline({
        fund: 'children-youth',
        amount: '400',
        name: 'นางซ่อน นาม',
        anonymous: 'on',
        email: 'hidden@example.org',
      });
      const page = await request(ctx.app).get('/funds/children-youth');
      assert.match(page.text, /นายเปิดเผย ชื่อจริง/);
      assert.match(page.text, /ผู้ไม่ประสงค์ออกนาม/);
      assert.doesNotMatch(page.text, /นางซ่อน นาม|hidden@example.org|open@example.org/);
    });
  });
});

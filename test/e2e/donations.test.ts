import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useTestApp, stripeTestConfig } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { startStripeRecorder, type StripeRecorder } from '../helpers/stripe-recorder.js';
import { checkoutSession, deliver, event, invoice, charge, refund, signedHeader } from '../helpers/stripe-events.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { RecurringGift } from '../../src/modules/funds/recurring-gift.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { fundEffect } from '../helpers/journal.js';
import { Receipt } from '../../src/modules/funds/receipt.model.js';
import { WebhookEvent } from '../../src/modules/funds/payments/webhook-event.model.js';
import { MailMessage } from '../../src/shared/mail/mail-message.model.js';
import { buddhistYear } from '../../src/shared/dates.js';
import { reconcilePendingCheckouts } from '../../src/modules/funds/reconcile.service.js';
import { invalidateTotals } from '../../src/modules/accounting/journal.service.js';
import { listFunds } from '../../src/modules/funds/fund.service.js';

const YEAR = buddhistYear(new Date());

async function snapshot() {
  return {
    donations: await Donation.countDocuments(),
    monthly: await RecurringGift.countDocuments(),
    ledger: await JournalEntry.countDocuments(),
    receipts: await Receipt.countDocuments(),
  };
}

async function fundBalance(
  slug: string,
): Promise<{ raisedSatang: number; refundedSatang: number; availableSatang: number }> {
  invalidateTotals();
  const fund = (await listFunds()).find((f) => f.slug === slug);
  assert.ok(fund);
  return fund;
}

describe('online giving through Stripe (stripe-mock) and its webhooks', () => {
  let recorder: StripeRecorder;
  // Registered before useTestApp's own hook, so the relay is up when the app's config is built.
  before(async () => {
    recorder = await startStripeRecorder(process.env.TEST_STRIPE_API_URL as string);
  });
  const ctx = useTestApp({
    config: () => ({ ...stripeTestConfig(), STRIPE_API_URL: recorder.url }),
  });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });
  after(async () => {
    await recorder?.close();
  });

  /** Fills in the donate form like a person and returns the response of submitting it. */
  async function donate(
    fields: Record<string, string>,
    agent = browser(ctx.app),
    formPage = `/funds/${fields.fund ?? 'education'}/donate`,
  ) {
    const page = await agent.agent.get(formPage);
    assert.equal(page.status, 200);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
    return agent.agent
      .post('/donate')
      .type('form')
      .send({
        fund: 'education',
        amount: '500',
        frequency: 'one_time',
        name: 'สมหญิง รักดี',
        email: 'somying@example.org',
        submissionId,
        _csrf: csrfFrom(page.text),
        ...fields,
      });
  }

  it('shows the donate form in Thai with preset amounts, monthly option and tax receipt fields', async () => {
    const res = await request(ctx.app).get('/funds/education/donate');
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="th">/);
    for (const text of [
      '฿100',
      '฿300',
      '฿500',
      '฿1,000',
      '฿3,000',
      'จำนวนอื่น',
      'รายเดือน',
      'ใบเสร็จเพื่อลดหย่อนภาษี',
      'e-Donation',
      'กองทุนเพื่อการศึกษา',
    ]) {
      assert.ok(res.text.includes(text), text);
    }
    assert.doesNotMatch(res.text, /ยังไม่เปิดรับชำระเงินออนไลน์/);
    const general = await request(ctx.app).get('/donate?lang=en');
    assert.match(general.text, /<option value="general" selected>General Fund \(where most needed\)/);
  });

  it('starts a one-time Checkout with card and PromptPay in baht, with exactly the parameters Stripe needs', async () => {
    recorder.clear();
    const res = await donate({ amount: 'other', customAmount: '1,250.50', anonymous: 'on', dedication: 'อุทิศแด่คุณยาย' });
    assert.equal(res.status, 303);
    assert.match(res.headers.location as string, /^https:\/\/checkout\.stripe\.com\//);
    const donation = await Donation.findOne({ amountSatang: 125_050 });
    assert.ok(donation);
    assert.equal(donation.status, 'pending');
    assert.equal(donation.donor.anonymous, true);
    assert.ok(donation.stripe?.checkoutSessionId?.startsWith('cs_'));
    const calls = recorder.requests.filter((r) => r.path === '/v1/checkout/sessions');
    assert.equal(calls.length, 1);
    const p = (calls[0] as (typeof calls)[0]).params;
    const id = donation._id.toString();
    assert.equal(p.get('mode'), 'payment');
    assert.deepEqual(
      p.getAll('payment_method_types[]').length
        ? p.getAll('payment_method_types[]')
        : [p.get('payment_method_types[0]'), p.get('payment_method_types[1]')],
      ['card', 'promptpay'],
    );
    assert.equal(p.get('line_items[0][price_data][currency]'), 'thb');
    assert.equal(p.get('line_items[0][price_data][unit_amount]'), '125050');
    assert.equal(p.get('line_items[0][quantity]'), '1');
    assert.equal(p.get('line_items[0][price_data][product_data][name]'), 'กองทุนเพื่อการศึกษา');
    assert.equal(p.get('client_reference_id'), id);
    assert.equal(p.get('metadata[donationId]'), id);
    assert.equal(p.get('payment_intent_data[metadata][donationId]'), id);
    assert.equal(p.get('customer_email'), 'somying@example.org');
    assert.equal(p.get('locale'), 'th');
    assert.match(p.get('success_url') as string, new RegExp(`^http://localhost:3999/donate/thanks/${id}\\?token=`));
    assert.match(p.get('cancel_url') as string, new RegExp(`^http://localhost:3999/donate/cancelled/${id}\\?token=`));
    assert.equal(calls[0]?.idempotencyKey, `form:${donation.submissionKey.slice(5)}`);
  });

  it('a double-clicked form starts one gift and sends the donor to the same Checkout', async () => {
    const agent = browser(ctx.app);
    const page = await agent.agent.get('/funds/elderly/donate');
    const fields = {
      fund: 'elderly',
      amount: '300',
      frequency: 'one_time',
      name: 'ก',
      email: 'k@example.org',
      submissionId: randomUUID(),
      _csrf: csrfFrom(page.text),
    };
    const [a, b] = await Promise.all([
      agent.agent.post('/donate').type('form').send(fields),
      agent.agent.post('/donate').type('form').send(fields),
    ]);
    assert.equal(a.status, 303);
    assert.equal(b.status, 303);
    assert.equal(await Donation.countDocuments({ submissionKey: `form:${fields.submissionId}` }), 1);
    assert.equal(a.headers.location, b.headers.location);
  });

  const badAmounts: [string, Record<string, string>, RegExp][] = [
    ['below Stripe’s minimum', { amount: 'other', customAmount: '5' }, /ขั้นต่ำ.*10 บาท/],
    ['above the online maximum', { amount: 'other', customAmount: '600000' }, /ไม่เกิน 500000 บาท|ไม่เกิน 500,000 บาท/],
    ['negative', { amount: 'other', customAmount: '-100' }, /กรุณากรอกจำนวนเงินเป็นตัวเลขบาท/],
    ['fractional satang', { amount: 'other', customAmount: '100.005' }, /ทศนิยมไม่เกิน 2 ตำแหน่ง/],
    ['not a number', { amount: 'other', customAmount: 'หนึ่งร้อย' }, /กรุณากรอกจำนวนเงินเป็นตัวเลขบาท/],
    ['absurdly large', { amount: 'other', customAmount: '99999999999999999999' }, /กรุณากรอกจำนวนเงิน/],
    ['empty', { amount: 'other', customAmount: '' }, /กรุณาเลือกหรือกรอกจำนวนเงิน/],
    ['a tampered preset', { amount: '-500' }, /กรุณากรอกจำนวนเงินเป็นตัวเลขบาท/],
    [
      'an invalid national ID',
      { wantsTaxReceipt: 'on', taxFullName: 'สมหญิง รักดี', taxId: '1234567890123', taxAddress: 'หาดใหญ่' },
      /เลขประจำตัว 13 หลักไม่ถูกต้อง/,
    ],
    ['tax receipt without details', { wantsTaxReceipt: 'on' }, /กรุณากรอกช่องนี้/],
    ['an unknown frequency', { frequency: 'weekly' }, /กรุณาเลือกจากตัวเลือกที่มี/],
    ['a bad email', { email: 'not-an-email' }, /กรุณากรอกอีเมลให้ถูกต้อง/],
  ];
  for (const [label, fields, message] of badAmounts) {
    it(`refuses ${label} with a clear Thai message and records nothing`, async () => {
      const before = await snapshot();
      recorder.clear();
      const res = await donate(fields);
      assert.equal(res.status, 422, res.text.slice(0, 300));
      assert.match(res.text, message);
      assert.match(res.text, /name="submissionId"/, 'the form is shown again');
      assert.deepEqual(await snapshot(), before);
      assert.equal(recorder.requests.length, 0, 'Stripe was not called');
    });
  }

  it('refuses an unknown or archived fund, and $-operators in the form, changing nothing', async () => {
    const before = await snapshot();
    const unknown = await donate({ fund: 'no-such-fund' }, browser(ctx.app), '/funds/education/donate');
    assert.equal(unknown.status, 404);
    const operator = await donate({ 'amount[$gt]': '0' });
    assert.equal(operator.status, 400);
    assert.deepEqual(await snapshot(), before);
  });

  it('accepts a valid 13-digit ID with its check digit and keeps the e-Donation consent', async () => {
    const res = await donate({
      amount: '1000',
      wantsTaxReceipt: 'on',
      taxFullName: 'บริษัท ตัวอย่าง จำกัด',
      taxId: '0-1055-12345-67-1',
      taxAddress: '1 ถนนนิพัทธ์อุทิศ หาดใหญ่ สงขลา',
      eDonationConsent: 'on',
    });
    assert.equal(res.status, 303);
    const donation = await Donation.findOne({ 'taxReceipt.fullName': 'บริษัท ตัวอย่าง จำกัด' });
    assert.equal(donation?.taxReceipt?.taxId, '0105512345671');
    assert.equal(donation?.taxReceipt?.eDonationConsent, true);
  });

  describe('webhooks', () => {
    async function pendingGift(amountSatang: number, fund = 'education') {
      const res = await donate({ fund, amount: 'other', customAmount: (amountSatang / 100).toFixed(2) });
      assert.equal(res.status, 303);
      const donation = await Donation.findOne({ amountSatang, fund: undefined }).sort({ createdAt: -1 });
      assert.ok(donation);
      return donation._id.toString();
    }

    it('credits a paid checkout once, numbers its receipt and emails it, however often Stripe repeats it', async () => {
      const id = await pendingGift(1_000_00);
      const before = await fundBalance('education');
      const completed = event('checkout.session.completed', checkoutSession(id, 1_000_00));
      const first = await deliver(ctx.app, completed);
      assert.equal(first.status, 200);
      assert.equal(first.body.outcome, 'processed');
      const again = await deliver(ctx.app, completed);
      assert.equal(again.body.outcome, 'duplicate');
      // A different event about the same checkout (Stripe may send both) must not count twice either.
      const twin = await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 1_000_00)));
      assert.equal(twin.status, 200);
      const donation = await Donation.findById(id);
      assert.equal(donation?.status, 'paid');
      assert.match(donation?.receiptNumber ?? '', new RegExp(`^${YEAR}-\\d{6}$`));
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}` }), 1);
      assert.equal(await Receipt.countDocuments({ donationId: id }), 1);
      const after = await fundBalance('education');
      assert.equal(after.raisedSatang - before.raisedSatang, 1_000_00);
      assert.equal(after.availableSatang - before.availableSatang, 1_000_00);
      const mail = await MailMessage.findOne({
        template: 'donationReceipt',
        to: 'somying@example.org',
        subject: new RegExp(donation?.receiptNumber ?? 'x'),
      });
      assert.ok(mail, 'the receipt is emailed');
      assert.deepEqual(
        mail.attachments.map((a) => ({ kind: a.kind, refId: a.refId })),
        [{ kind: 'receipt', refId: id }],
      );
      assert.equal(await MailMessage.countDocuments({ template: 'donationReceipt', 'attachments.refId': id }), 1);
      const api = await request(ctx.app).get('/api/v1/funds/education');
      assert.equal(api.body.data.raisedSatang, after.raisedSatang);
    });

    it('refuses forged, unsigned, stale-secret and tampered deliveries with 400 and changes nothing', async () => {
      const id = await pendingGift(777_00);
      const evt = event('checkout.session.completed', checkoutSession(id, 777_00));
      const before = await snapshot();
      const events = await WebhookEvent.countDocuments();
      assert.equal((await deliver(ctx.app, evt, { secret: 'whsec_someone_else' })).status, 400);
      assert.equal((await deliver(ctx.app, evt, { header: 't=1,v1=deadbeef' })).status, 400);
      const unsigned = await request(ctx.app)
        .post('/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(evt));
      assert.equal(unsigned.status, 400);
      assert.match(unsigned.body.error.message, /ลายเซ็น/);
      // Signed for one body, sent with another (an amount changed in transit).
      const header = signedHeader(JSON.stringify(evt));
      const tampered = { ...evt, data: { object: { ...evt.data.object, amount_total: 1 } } };
      const res = await request(ctx.app)
        .post('/webhooks/stripe')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', header)
        .send(JSON.stringify(tampered));
      assert.equal(res.status, 400);
      assert.deepEqual(await snapshot(), before);
      assert.equal(await WebhookEvent.countDocuments(), events);
      assert.equal((await Donation.findById(id))?.status, 'pending');
    });

    it('refuses a payment whose amount or currency disagrees with the gift: nothing credited, event logged as rejected', async () => {
      const id = await pendingGift(400_00);
      const wrongAmount = event('checkout.session.completed', checkoutSession(id, 4_00));
      const res = await deliver(ctx.app, wrongAmount);
      assert.equal(res.status, 200);
      assert.equal(res.body.outcome, 'rejected');
      const wrongCurrency = event('checkout.session.completed', checkoutSession(id, 400_00, { currency: 'usd' }));
      assert.equal((await deliver(ctx.app, wrongCurrency)).body.outcome, 'rejected');
      assert.equal((await Donation.findById(id))?.status, 'pending');
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}` }), 0);
      assert.equal((await WebhookEvent.findById(wrongAmount.id))?.status, 'rejected');
      const unknownGift = await deliver(
        ctx.app,
        event('checkout.session.completed', checkoutSession('64b7f0c2a1b2c3d4e5f60718', 400_00)),
      );
      assert.equal(unknownGift.body.outcome, 'rejected');
    });

    it('acknowledges event types it does not handle', async () => {
      const res = await deliver(ctx.app, event('customer.created', { id: 'cus_1', object: 'customer' }));
      assert.equal(res.status, 200);
      assert.equal(res.body.outcome, 'ignored');
    });

    it('PromptPay: completed but unpaid waits, then async success confirms; in reverse order the gift stays paid', async () => {
      const a = await pendingGift(250_00);
      await deliver(
        ctx.app,
        event('checkout.session.completed', checkoutSession(a, 250_00, { paymentStatus: 'unpaid' })),
      );
      assert.equal((await Donation.findById(a))?.status, 'processing');
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${a}` }), 0);
      await deliver(ctx.app, event('checkout.session.async_payment_succeeded', checkoutSession(a, 250_00)));
      const paid = await Donation.findById(a);
      assert.equal(paid?.status, 'paid');
      assert.equal(paid?.stripe?.paymentMethod, 'promptpay');

      const b = await pendingGift(260_00);
      await deliver(ctx.app, event('checkout.session.async_payment_succeeded', checkoutSession(b, 260_00)));
      await deliver(
        ctx.app,
        event('checkout.session.completed', checkoutSession(b, 260_00, { paymentStatus: 'unpaid' })),
      );
      await deliver(ctx.app, event('checkout.session.expired', { ...checkoutSession(b, 260_00), status: 'expired' }));
      assert.equal((await Donation.findById(b))?.status, 'paid');
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${b}`, kind: 'donation' }), 1);

      const c = await pendingGift(270_00);
      await deliver(
        ctx.app,
        event('checkout.session.completed', checkoutSession(c, 270_00, { paymentStatus: 'unpaid' })),
      );
      await deliver(
        ctx.app,
        event('checkout.session.async_payment_failed', checkoutSession(c, 270_00, { paymentStatus: 'unpaid' })),
      );
      assert.equal((await Donation.findById(c))?.status, 'failed');
      const d = await pendingGift(280_00);
      await deliver(
        ctx.app,
        event('checkout.session.expired', {
          ...checkoutSession(d, 280_00, { paymentStatus: 'unpaid' }),
          status: 'expired',
        }),
      );
      assert.equal((await Donation.findById(d))?.status, 'expired');
      assert.equal(await JournalEntry.countDocuments({ ref: { $in: [`donation:${c}`, `donation:${d}`] } }), 0);
    });

    it('records partial and full refunds once, from charge.refunded and refund.updated in any order', async () => {
      const id = await pendingGift(1_000_00, 'environment');
      const pi = `pi_${id}`;
      await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 1_000_00, { paymentIntent: pi })));
      const before = await fundBalance('environment');
      await deliver(ctx.app, event('charge.refunded', charge(pi, 1_000_00, 300_00)));
      await deliver(ctx.app, event('refund.updated', refund('re_1', pi, 300_00, 'succeeded')));
      let donation = await Donation.findById(id);
      assert.equal(donation?.status, 'partially_refunded');
      assert.equal(donation?.refundedSatang, 300_00);
      let after = await fundBalance('environment');
      assert.equal(before.availableSatang - after.availableSatang, 300_00);
      assert.equal(after.refundedSatang - before.refundedSatang, 300_00);
      // A PromptPay refund waiting for the donor's bank details counts only once it succeeds.
      await deliver(ctx.app, event('refund.updated', refund('re_2', pi, 700_00, 'pending')));
      assert.equal((await Donation.findById(id))?.refundedSatang, 300_00);
      await deliver(ctx.app, event('refund.updated', refund('re_2', pi, 700_00, 'succeeded')));
      await deliver(ctx.app, event('charge.refunded', charge(pi, 1_000_00, 1_000_00)));
      await deliver(ctx.app, event('charge.refunded', charge(pi, 1_000_00, 300_00)));
      donation = await Donation.findById(id);
      assert.equal(donation?.status, 'refunded');
      assert.equal(donation?.refundedSatang, 1_000_00);
      after = await fundBalance('environment');
      assert.equal(before.availableSatang - after.availableSatang, 1_000_00);
      const refunds = await JournalEntry.find({ ref: `donation:${id}`, kind: 'refund' });
      assert.equal(
        refunds.reduce((s, e) => s + fundEffect(e), 0),
        -1_000_00,
      );
      assert.equal(await Receipt.countDocuments({ donationId: id }), 1, 'the receipt number is kept, never reused');
    });

    it('keeps a refund that arrives before the payment and books it when the payment is confirmed', async () => {
      const id = await pendingGift(500_00, 'media');
      await deliver(
        ctx.app,
        event('refund.updated', refund('re_early', `pi_${id}`, 200_00, 'succeeded', { donationId: id })),
      );
      assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}` }), 0);
      await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 500_00)));
      const donation = await Donation.findById(id);
      assert.equal(donation?.status, 'partially_refunded');
      const entries = await JournalEntry.find({ ref: `donation:${id}` });
      assert.equal(
        entries.reduce((s, e) => s + fundEffect(e), 0),
        300_00,
      );
    });

    it('asks Stripe to retry a refund for a payment it has not seen yet', async () => {
      const res = await deliver(ctx.app, event('charge.refunded', charge('pi_unknown_yet', 100_00, 100_00)));
      assert.equal(res.status, 503);
      const old = await deliver(
        ctx.app,
        event('charge.refunded', charge('pi_unknown_old', 100_00, 100_00), {
          created: Math.floor(Date.now() / 1000) - 3 * 86_400,
        }),
      );
      assert.equal(old.status, 200);
      assert.equal(old.body.outcome, 'rejected');
    });
  });

  describe('monthly gifts', () => {
    it('starts a card-only subscription Checkout, then records each paid month once as its own gift', async () => {
      const donor = await makeUser({ email: 'monthly@example.org' });
      const agent = browser(ctx.app);
      await agent.login(donor.email, PASSWORD);
      recorder.clear();
      const res = await donate(
        { fund: 'children-youth', amount: '300', frequency: 'monthly', email: 'monthly@example.org' },
        agent,
      );
      assert.equal(res.status, 303);
      const gift = await RecurringGift.findOne({ 'donor.email': 'monthly@example.org' });
      assert.ok(gift);
      assert.equal(gift.status, 'pending');
      assert.equal(String(gift.donor?.userId), donor.id);
      const p = recorder.requests.find((r) => r.path === '/v1/checkout/sessions')?.params as URLSearchParams;
      assert.equal(p.get('mode'), 'subscription');
      assert.equal(p.get('payment_method_types[0]'), 'card');
      assert.equal(p.get('payment_method_types[1]'), null, 'no PromptPay for subscriptions');
      assert.equal(p.get('line_items[0][price_data][recurring][interval]'), 'month');
      assert.equal(p.get('line_items[0][price_data][unit_amount]'), '30000');
      assert.equal(p.get('subscription_data[metadata][recurringGiftId]'), gift._id.toString());

      const giftId = gift._id.toString();
      const sub = `sub_${giftId}`;
      // The first invoice may arrive before the checkout's own event.
      const january = event('invoice.paid', invoice(giftId, 300_00, { id: `in_jan_${giftId}`, subscription: sub }));
      assert.equal((await deliver(ctx.app, january)).body.outcome, 'processed');
      await deliver(
        ctx.app,
        event(
          'checkout.session.completed',
          checkoutSession(giftId, 300_00, { mode: 'subscription', subscription: sub }),
        ),
      );
      await deliver(ctx.app, january);
      await deliver(
        ctx.app,
        event('invoice.paid', invoice(giftId, 300_00, { id: `in_jan_${giftId}`, subscription: sub })),
      );
      await deliver(
        ctx.app,
        event('invoice.paid', invoice(giftId, 300_00, { id: `in_feb_${giftId}`, subscription: sub })),
      );
      const months = await Donation.find({ recurringGiftId: giftId }).sort({ createdAt: 1 });
      assert.equal(months.length, 2);
      assert.ok(
        months.every(
          (m) => m.status === 'paid' && m.frequency === 'monthly' && /^\d{4}-\d{6}$/.test(m.receiptNumber ?? ''),
        ),
      );
      assert.equal(
        await JournalEntry.countDocuments({ ref: { $in: months.map((m) => `donation:${m._id.toString()}`) } }),
        2,
      );
      const active = await RecurringGift.findById(giftId);
      assert.equal(active?.status, 'active');
      assert.equal(active?.stripe?.subscriptionId, sub);

      const mismatch = await deliver(
        ctx.app,
        event('invoice.paid', invoice(giftId, 999_00, { id: `in_bad_${giftId}`, subscription: sub })),
      );
      assert.equal(mismatch.body.outcome, 'rejected');
      assert.equal(await Donation.countDocuments({ recurringGiftId: giftId }), 2);

      await deliver(
        ctx.app,
        event('invoice.payment_failed', invoice(giftId, 300_00, { id: `in_mar_${giftId}`, subscription: sub })),
      );
      assert.equal((await RecurringGift.findById(giftId))?.status, 'past_due');
      assert.ok(await MailMessage.findOne({ template: 'monthlyPaymentFailed', to: 'monthly@example.org' }));

      // The donor cancels from their page: Stripe is asked to cancel the subscription.
      recorder.clear();
      const list = await agent.agent.get('/account/gifts');
      assert.match(list.text, /การบริจาครายเดือน/);
      const cancel = await agent.agent
        .post(`/account/gifts/monthly/${giftId}/cancel`)
        .type('form')
        .send({ _csrf: csrfFrom(list.text) });
      assert.equal(cancel.status, 303);
      assert.ok(recorder.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${sub}`));
      assert.equal((await RecurringGift.findById(giftId))?.status, 'cancelled');
      await deliver(
        ctx.app,
        event('customer.subscription.deleted', {
          id: sub,
          object: 'subscription',
          metadata: { recurringGiftId: giftId },
        }),
      );
      assert.equal(
        await MailMessage.countDocuments({ template: 'monthlyCancelled', to: 'monthly@example.org' }),
        1,
        'one cancellation email',
      );
    });

    it('a subscription deleted at Stripe marks the monthly gift cancelled; another donor cannot cancel it', async () => {
      const res = await donate({ fund: 'elderly', amount: '100', frequency: 'monthly', email: 'other@example.org' });
      assert.equal(res.status, 303);
      const gift = await RecurringGift.findOne({ 'donor.email': 'other@example.org' });
      const giftId = String(gift?._id);
      const stranger = await makeUser();
      const agent = browser(ctx.app);
      await agent.login(stranger.email, PASSWORD);
      const page = await agent.agent.get('/account/gifts');
      const refused = await agent.agent
        .post(`/account/gifts/monthly/${giftId}/cancel`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      assert.equal(refused.status, 403);
      await deliver(
        ctx.app,
        event('customer.subscription.deleted', {
          id: 'sub_x',
          object: 'subscription',
          metadata: { recurringGiftId: giftId },
        }),
      );
      assert.equal((await RecurringGift.findById(giftId))?.status, 'cancelled');
    });
  });

  it('a storm of 200 mixed signed deliveries with duplicates, shuffled and concurrent, leaves ledger and receipt numbers exact', async function () {
    this.timeout(180_000);
    const gifts: { id: string; amount: number; refund: number }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const amount = (100 + i * 7) * 100;
      const res = await donate({ fund: 'disaster-relief', amount: 'other', customAmount: String(amount / 100) });
      assert.equal(res.status, 303);
      const donation = await Donation.findOne({ amountSatang: amount, status: 'pending' }).sort({ createdAt: -1 });
      gifts.push({ id: String(donation?._id), amount, refund: i % 5 === 0 ? 50_00 : 0 });
    }
    const abandoned: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await donate({ fund: 'disaster-relief', amount: 'other', customAmount: String(900 + i) });
      assert.equal(res.status, 303);
      abandoned.push(String((await Donation.findOne({ amountSatang: (900 + i) * 100, status: 'pending' }))?._id));
    }
    const monthly: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await donate({
        fund: 'disaster-relief',
        amount: '300',
        frequency: 'monthly',
        email: `storm${i}@example.org`,
      });
      assert.equal(res.status, 303);
      monthly.push(String((await RecurringGift.findOne({ 'donor.email': `storm${i}@example.org` }))?._id));
    }
    const receiptsBefore = await Receipt.countDocuments({ year: YEAR });
    const before = await fundBalance('disaster-relief');
    const deliveries = [];
    for (const g of gifts) {
      const completed = event(
        'checkout.session.completed',
        checkoutSession(g.id, g.amount, { paymentIntent: `pi_${g.id}` }),
      );
      deliveries.push(completed, completed, completed);
      if (g.refund) {
        const r = event(
          'refund.updated',
          refund(`re_${g.id}`, `pi_${g.id}`, g.refund, 'succeeded', { donationId: g.id }),
        );
        deliveries.push(r, r);
      }
    }
    for (const id of abandoned) {
      const expired = event('checkout.session.expired', {
        ...checkoutSession(id, 0, { paymentStatus: 'unpaid' }),
        status: 'expired',
      });
      deliveries.push(expired, expired);
    }
    for (const id of monthly) {
      const setUp = event(
        'checkout.session.completed',
        checkoutSession(id, 300_00, { mode: 'subscription', subscription: `sub_${id}` }),
      );
      const first = event('invoice.paid', invoice(id, 300_00, { id: `in_1_${id}`, subscription: `sub_${id}` }));
      const second = event('invoice.paid', invoice(id, 300_00, { id: `in_2_${id}`, subscription: `sub_${id}` }));
      deliveries.push(setUp, first, first, second, second, second);
    }
    deliveries.push(event('customer.created', { id: 'cus_storm', object: 'customer' }));
    while (deliveries.length < 200) deliveries.push(deliveries[deliveries.length % 90] as (typeof deliveries)[0]);
    deliveries.sort(() => Math.random() - 0.5);
    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += 10) {
      const batch = await Promise.all(deliveries.slice(i, i + 10).map((d) => deliver(ctx.app, d)));
      statuses.push(...batch.map((r) => r.status));
    }
    assert.deepEqual([...new Set(statuses)], [200]);
    const after = await fundBalance('disaster-relief');
    const expectedRaised = gifts.reduce((s, g) => s + g.amount, 0) + monthly.length * 2 * 300_00;
    const expectedRefunded = gifts.reduce((s, g) => s + g.refund, 0);
    assert.equal(after.raisedSatang - before.raisedSatang, expectedRaised);
    assert.equal(after.refundedSatang - before.refundedSatang, expectedRefunded);
    assert.equal(after.availableSatang - before.availableSatang, expectedRaised - expectedRefunded);
    const receipts = await Receipt.find({ year: YEAR }).sort({ number: 1 });
    assert.equal(receipts.length, receiptsBefore + gifts.length + monthly.length * 2);
    receipts.forEach((r, i) => assert.equal(r.number, i + 1, 'no gaps, no repeats'));
    for (const g of gifts) assert.equal(await Receipt.countDocuments({ donationId: g.id }), 1);
    for (const id of abandoned) assert.equal((await Donation.findById(id))?.status, 'expired');
    for (const id of monthly) {
      assert.equal((await RecurringGift.findById(id))?.status, 'active');
      assert.equal(await Donation.countDocuments({ recurringGiftId: id, status: 'paid' }), 2);
    }
  });

  it('the reconciliation job asks Stripe about checkouts pending for over an hour', async () => {
    const id = (await Donation.findOne({ status: 'pending', channel: 'online' }))?._id.toString() as string;
    recorder.clear();
    const report = await reconcilePendingCheckouts(new Date(Date.now() + 2 * 60 * 60 * 1000));
    assert.ok(report.checked >= 1);
    const sessionId = (await Donation.findById(id))?.stripe?.checkoutSessionId;
    assert.ok(recorder.requests.some((r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${sessionId}`));
    // stripe-mock answers that the session is still open and unpaid: nothing may be credited.
    assert.equal((await Donation.findById(id))?.status, 'pending');
    assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}` }), 0);
    const none = await reconcilePendingCheckouts(new Date());
    assert.equal(none.checked, 0, 'fresh checkouts are left alone');
  });
});

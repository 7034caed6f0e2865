/**
 * Stripe's processing fee on online gifts: a confirmed online gift queues the booking of its fee,
 * the job reads the payment's balance transaction from Stripe (stripe-mock), and books the fee in
 * the journal once, or nothing when Stripe's balance is not in baht (stripe-mock's fixture is in
 * US dollars with a fee of 0). Offline gifts queue nothing.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp, stripeTestConfig } from '../helpers/context.js';
import { startStripeRecorder, type StripeRecorder } from '../helpers/stripe-recorder.js';
import { checkoutSession, deliver, event } from '../helpers/stripe-events.js';
import { makeDonation, makeUser } from '../helpers/factories.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { randomUUID } from 'node:crypto';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { allFundTotals } from '../../src/modules/accounting/journal.service.js';
import { BOOK_PAYMENT_FEE_JOB, bookPaymentFee, feeBearer } from '../../src/modules/funds/payment-fee.service.js';

const jobs = () => mongoose.connection.collection('agendaJobs');

describe('payment processing fees (Stripe, through stripe-mock)', () => {
  let recorder: StripeRecorder;
  before(async () => {
    recorder = await startStripeRecorder(process.env.TEST_STRIPE_API_URL as string);
  });
  const ctx = useTestApp({ config: () => ({ ...stripeTestConfig(), STRIPE_API_URL: recorder.url }) });
  let fundId: mongoose.Types.ObjectId;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    fundId = (await Fund.findOne({ slug: 'education' }).lean())!._id;
  });
  after(async () => {
    await recorder?.close();
  });

  async function pendingOnlineGift(amountSatang: number): Promise<string> {
    const _id = new mongoose.Types.ObjectId();
    await Donation.collection.insertOne({
      _id,
      submissionKey: `fee-test:${String(_id)}`,
      fundId,
      amountSatang,
      currency: 'THB',
      frequency: 'one_time',
      channel: 'online',
      status: 'pending',
      donor: { name: 'ผู้บริจาคออนไลน์', anonymous: false, locale: 'th' },
      stripe: { checkoutSessionId: `cs_test_${String(_id)}` },
      refunds: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    return String(_id);
  }

  it('queues the fee of a gift confirmed online, and of no gift recorded by staff', async () => {
    const id = await pendingOnlineGift(800_00);
    const res = await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 800_00)));
    assert.equal(res.status, 200);
    assert.equal(await jobs().countDocuments({ name: BOOK_PAYMENT_FEE_JOB, 'data.donationId': id }), 1);
    const staff = await makeUser({ roles: ['staff'] });
    const offline = await makeDonation(staff, { amountSatang: 300_00, reference: 'KTB-fee' });
    assert.equal(await jobs().countDocuments({ name: BOOK_PAYMENT_FEE_JOB, 'data.donationId': String(offline) }), 0);
  });

  it('reads the payment’s balance transaction, and books nothing from a balance not in baht', async () => {
    const id = await pendingOnlineGift(1_200_00);
    await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 1_200_00)));
    const entriesBefore = await JournalEntry.countDocuments();
    recorder.clear();
    assert.equal(await bookPaymentFee(id), 'no_fee');
    const call = recorder.requests.find((r) => r.path === `/v1/payment_intents/pi_${id}`);
    assert.ok(call, 'the payment intent was asked for');
    assert.equal(call.method, 'GET');
    // stripe-node writes arrays as expand[0]=…
    const expand = [...call.params].filter(([key]) => key.startsWith('expand')).map(([, value]) => value);
    assert.deepEqual(expand, ['latest_charge.balance_transaction']);
    assert.equal(await JournalEntry.countDocuments(), entriesBefore, 'nothing booked');
    assert.equal(await JournalEntry.countDocuments({ idempotencyKey: `fee:${id}` }), 0);
    const book = await trialBalance({ id: String(new mongoose.Types.ObjectId()), roles: ['staff'] });
    assert.ok(book.balanced);
  });

  it('books a baht fee once, on the gift’s fund, with every figure exact and the books balanced', async () => {
    const id = await pendingOnlineGift(1_000_00);
    await deliver(ctx.app, event('checkout.session.completed', checkoutSession(id, 1_000_00)));
    const before = (await allFundTotals()).get(String(fundId));
    // The fee as a payout's contents report it (a baht balance transaction: what Stripe sends a Thai account).
    const fee = { feeSatang: 36_50, netSatang: 963_50, currency: 'thb', balanceTransactionId: 'txn_fee_test' };
    const results = await Promise.all([bookPaymentFee(id, fee), bookPaymentFee(id, fee)]);
    assert.ok(results.includes('booked'));
    assert.equal(await bookPaymentFee(id, fee), 'booked_before');
    assert.equal(await JournalEntry.countDocuments({ idempotencyKey: `fee:${id}` }), 1);
    const after = (await allFundTotals()).get(String(fundId));
    assert.equal((after?.feesSatang ?? 0) - (before?.feesSatang ?? 0), 36_50);
    assert.equal((before?.availableSatang ?? 0) - (after?.availableSatang ?? 0), 36_50);
    assert.equal((after?.raisedSatang ?? 0) - (before?.raisedSatang ?? 0), 0, 'the gift itself is unchanged');
    assert.equal((await Donation.findById(id).lean())?.feeSatang, 36_50);
    const book = await trialBalance({ id: String(new mongoose.Types.ObjectId()), roles: ['staff'] });
    assert.ok(book.balanced);
    const fees = book.lines.find((l) => l.account === 'processing_fees' && l.fundId === String(fundId));
    assert.ok((fees?.balanceSatang ?? 0) >= 36_50);
  });

  it('leaves gifts that were not paid online, and unknown ids, alone without asking Stripe', async () => {
    const staff = await makeUser({ roles: ['staff'] });
    const offline = await makeDonation(staff, { amountSatang: 100_00, reference: 'KTB-fee-2' });
    recorder.clear();
    assert.equal(await bookPaymentFee(String(offline)), 'not_online');
    assert.equal(await bookPaymentFee('not-an-id'), 'not_online');
    assert.equal(await bookPaymentFee(String(new mongoose.Types.ObjectId())), 'not_online');
    const pending = await pendingOnlineGift(50_00);
    assert.equal(await bookPaymentFee(pending), 'not_online', 'not confirmed yet');
    assert.equal(recorder.requests.length, 0);
  });

  it('lets the donor add the card fee so the fund gets the whole gift, charged to Stripe as one amount', async () => {
    const agent = browser(ctx.app);
    const page = await agent.agent.get('/funds/education/donate');
    assert.match(page.text, /เพิ่มค่าธรรมเนียมให้ด้วย เพื่อให้กองทุนได้รับเต็มจำนวน/);
    assert.match(page.text, /บัตร 3.65% พร้อมเพย์ 1.65%/);
    recorder.clear();
    const res = await agent.agent
      .post('/donate')
      .type('form')
      .send({
        fund: 'education',
        amount: '1000',
        frequency: 'one_time',
        name: 'ผู้ช่วยค่าธรรมเนียม',
        email: 'cover@example.org',
        coverFee: 'on',
        submissionId: randomUUID(),
        _csrf: csrfFrom(page.text),
      });
    assert.equal(res.status, 303);
    const gift = await Donation.findOne({ 'donor.email': 'cover@example.org' }).lean();
    // ฿1,000 ÷ (1 − 3.65 %) = ฿1,037.89 (rounded up): Stripe's 3.65 % of that leaves the fund ฿1,000.
    assert.equal(gift?.amountSatang, 1_037_89);
    assert.equal(gift?.coveredFeeSatang, 37_89);
    const checkout = recorder.requests.find((r) => r.path === '/v1/checkout/sessions');
    assert.equal(checkout?.params.get('line_items[0][price_data][unit_amount]'), '103789');
    assert.ok(1_037_89 - Math.round((1_037_89 * 365) / 10_000) >= 1_000_00);
  });

  it('puts the fee on the gift’s fund, or on the general fund when the foundation says so', () => {
    assert.equal(feeBearer('fund-a', 'fund', 'general-fund'), 'fund-a');
    assert.equal(feeBearer('fund-a', 'general', 'general-fund'), 'general-fund');
    assert.equal(feeBearer('fund-a', 'general', undefined), 'fund-a', 'no general fund: the gift’s own');
  });
});

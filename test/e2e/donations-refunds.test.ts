/**
 * Manual refunds under concurrency (issue 12, security 3): the remaining-amount check runs inside
 * the gift's lock against a fresh read, and a refund never takes the fund below zero.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { stripeTestConfig, useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { fundTotalsNow, postEntry } from '../../src/modules/accounting/journal.service.js';
import { grantCommitted } from '../../src/modules/accounting/movements.js';
import { applyRefund } from '../../src/modules/funds/donation.service.js';
import {
  confirmPledge,
  recordManualRefund,
  recordOfflineGift,
} from '../../src/modules/funds/donation-offline.service.js';
import { bangkokDay } from '../../src/shared/dates.js';
import { createStripeClient, stripeProvider } from '../../src/modules/funds/payments/stripe.provider.js';

describe('manual refunds: parallel requests, gift and fund limits', () => {
  const ctx = useTestApp();
  let staff: ReturnType<typeof browser>;
  const today = bangkokDay(new Date());

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    const user = await makeUser({ roles: ['staff'] });
    staff = browser(ctx.app);
    await staff.login(user.email, PASSWORD);
  });

  async function cashGift(fund: string, amount: string, name: string): Promise<string> {
    const page = await staff.agent.get('/admin/donations/new');
    const res = await staff.agent
      .post('/admin/donations')
      .type('form')
      .send({
        fund,
        amount,
        channel: 'cash',
        receivedAt: today,
        name,
        submissionId: randomUUID(),
        _csrf: csrfFrom(page.text),
      });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const gift = await Donation.findOne({ 'donor.name': name });
    return String(gift?._id);
  }

  async function commit(fund: string, amountSatang: number): Promise<void> {
    const doc = await Fund.findOne({ slug: fund });
    await postEntry({
      movement: grantCommitted(String(doc?._id), amountSatang),
      ref: `award:test-${randomUUID()}`,
      idempotencyKey: `test:${randomUUID()}`,
    });
  }

  it('20 parallel refunds of ฿60,000 on a ฿100,000 cash gift with ฿12,000 committed: exactly one succeeds, totals exact', async function () {
    this.timeout(120_000);
    const id = await cashGift('media', '100,000', 'ห้างทองเยาวราช');
    await commit('media', 12_000_00);
    const page = await staff.agent.get(`/admin/donations/${id}`);
    const csrf = csrfFrom(page.text);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        staff.agent
          .post(`/admin/donations/${id}/refund`)
          .type('form')
          .send({ amount: '60,000', submissionId: randomUUID(), _csrf: csrf }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 303).length, 1, `statuses: ${statuses.join(',')}`);
    for (const r of responses.filter((x) => x.status !== 303)) {
      assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
      assert.match(r.text, /คืนเงินได้ไม่เกิน 40000 บาท/);
    }
    const gift = await Donation.findById(id);
    assert.equal(gift?.refundedSatang, 60_000_00);
    assert.equal(gift?.status, 'partially_refunded');
    assert.equal(gift?.refunds.length, 1);
    assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}`, kind: 'refund' }), 1);
    const fund = await Fund.findOne({ slug: 'media' });
    assert.deepEqual(await fundTotalsNow(String(fund?._id)), {
      raisedSatang: 100_000_00,
      refundedSatang: 60_000_00,
      feesSatang: 0,
      grantedSatang: 0,
      committedSatang: 12_000_00,
      availableSatang: 28_000_00,
    });
  });

  it('refuses a refund the fund cannot pay (money committed to grants) and records nothing', async () => {
    const id = await cashGift('education', '100,000', 'สหกรณ์ออมทรัพย์ครู');
    await commit('education', 50_000_00);
    const page = await staff.agent.get(`/admin/donations/${id}`);
    const res = await staff.agent
      .post(`/admin/donations/${id}/refund`)
      .type('form')
      .send({ amount: '60,000', submissionId: randomUUID(), _csrf: csrfFrom(page.text) });
    assert.equal(res.status, 422);
    assert.match(res.text, /กองทุนมีเงินพร้อมใช้เพียง ฿50,000/);
    const gift = await Donation.findById(id);
    assert.equal(gift?.refundedSatang, 0);
    assert.equal(gift?.refunds.length, 0);
    assert.equal(await JournalEntry.countDocuments({ ref: `donation:${id}`, kind: 'refund' }), 0);
    const ok = await staff.agent
      .post(`/admin/donations/${id}/refund`)
      .type('form')
      .send({ amount: '50,000', submissionId: randomUUID(), _csrf: csrfFrom(page.text) });
    assert.equal(ok.status, 303);
    const fund = await Fund.findOne({ slug: 'education' });
    assert.equal((await fundTotalsNow(String(fund?._id))).availableSatang, 0);
  });

  it('records a refund the payment provider already made even when it takes the fund below zero', async () => {
    const id = await cashGift('environment', '1,000', 'ชมรมรักษ์ทะเล');
    await commit('environment', 800_00);
    // A refund reported from outside (as Stripe's webhooks report them) is a fact: booked, with a warning logged.
    await applyRefund(id, {
      refund: { refundId: 're_test_fact', amountSatang: 500_00, status: 'succeeded' },
      currency: 'THB',
    });
    const fund = await Fund.findOne({ slug: 'environment' });
    assert.equal((await fundTotalsNow(String(fund?._id))).availableSatang, -300_00);
  });

  it('answers 404 for a gift id that is not one, on refund and on confirming a pledge', async () => {
    const page = await staff.agent.get('/admin/donations/new');
    for (const action of ['refund', 'confirm-pledge']) {
      const res = await staff.agent
        .post(`/admin/donations/not-an-id/${action}`)
        .type('form')
        .send({ amount: '1', receivedAt: today, submissionId: randomUUID(), _csrf: csrfFrom(page.text) });
      assert.equal(res.status, 404, action);
    }
  });

  it('refuses staff money actions (refund, pledge confirmation, offline gift) from people who are not staff, in the service too', async () => {
    const gift = await Donation.findOne({ 'donor.name': 'ชมรมรักษ์ทะเล' });
    const donor = await makeUser();
    await assert.rejects(recordManualRefund(donor, String(gift?._id), 100, randomUUID()), { status: 403 });
    await assert.rejects(recordManualRefund(undefined, String(gift?._id), 100, randomUUID()), { status: 401 });
    await assert.rejects(confirmPledge(donor, String(gift?._id), new Date(), ''), { status: 403 });
    await assert.rejects(recordOfflineGift(donor, {} as Parameters<typeof recordOfflineGift>[1]), { status: 403 });
  });
});

describe('refunds through the payment provider (stripe-mock)', () => {
  it('asks Stripe to return money from the gift’s payment (with an idempotency key) and says what Stripe answered', async () => {
    const config = stripeTestConfig();
    const provider = stripeProvider(
      createStripeClient({
        secretKey: config.STRIPE_SECRET_KEY ?? '',
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        apiUrl: config.STRIPE_API_URL,
      }),
    );
    assert.equal(provider.features.refund, true);
    assert.equal(provider.features.recurring, true);
    const started = await provider.refund({
      donationId: '65f0c0ffee0000000000abcd',
      amountSatang: 500_00,
      paymentIntentId: 'pi_123',
      idempotencyKey: `refund:${randomUUID()}`,
    });
    assert.match(started.refundId, /^re_/);
    assert.ok(['pending', 'succeeded', 'failed', 'canceled'].includes(started.status));
    // Without a payment at Stripe there is nothing to refund there: refused before any call.
    await assert.rejects(provider.refund({ donationId: 'x', amountSatang: 1, idempotencyKey: randomUUID() }), {
      name: 'PaymentProviderError',
    });
  });
});

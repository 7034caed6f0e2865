/**
 * Stripe payouts: signed `payout.paid` / `payout.failed` events move money between Stripe
 * clearing and the bank in the journal, once each however often they are delivered; the payout's
 * contents are read from Stripe (stripe-mock: one fixture payment in US dollars that is none of
 * our gifts) and the reconciliation page lists what does not add up.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp, stripeTestConfig } from '../helpers/context.js';
import { startStripeRecorder, type StripeRecorder } from '../helpers/stripe-recorder.js';
import { deliver, event } from '../helpers/stripe-events.js';
import { browser } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { Payout } from '../../src/modules/funds/payout.model.js';

const staffActor = { id: new mongoose.Types.ObjectId().toString(), roles: ['staff'] };

function payout(id: string, amountSatang: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    object: 'payout',
    amount: amountSatang,
    currency: 'thb',
    arrival_date: Math.floor(Date.now() / 1000),
    status: 'paid',
    failure_code: null,
    ...overrides,
  };
}

async function line(account: string): Promise<number> {
  const book = await trialBalance(staffActor);
  assert.ok(book.balanced, 'the books balance');
  return book.lines.find((l) => l.account === account && !l.fundId)?.balanceSatang ?? 0;
}

describe('Stripe payouts to the bank, and their reconciliation', () => {
  let recorder: StripeRecorder;
  before(async () => {
    recorder = await startStripeRecorder(process.env.TEST_STRIPE_API_URL as string);
  });
  const ctx = useTestApp({ config: () => ({ ...stripeTestConfig(), STRIPE_API_URL: recorder.url }) });
  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
  });
  after(async () => {
    await recorder?.close();
  });

  it('books a paid payout once: Stripe clearing to the bank', async () => {
    const bankBefore = await line('bank');
    const clearingBefore = await line('stripe_clearing');
    const paid = event('payout.paid', payout('po_test_one', 5_000_00));
    recorder.clear();
    assert.equal((await deliver(ctx.app, paid)).status, 200);
    assert.equal((await deliver(ctx.app, paid)).body.outcome, 'duplicate');
    // Another event about the same payout (Stripe may send one): still once.
    assert.equal((await deliver(ctx.app, event('payout.paid', payout('po_test_one', 5_000_00)))).status, 200);
    assert.equal(await JournalEntry.countDocuments({ ref: 'payout:po_test_one' }), 1);
    assert.equal((await line('bank')) - bankBefore, 5_000_00);
    assert.equal((await line('stripe_clearing')) - clearingBefore, -5_000_00);
    const listed = recorder.requests.find((r) => r.path === '/v1/balance_transactions');
    assert.ok(listed, 'the payout’s contents were asked for');
    assert.equal(listed.params.get('payout'), 'po_test_one');
  });

  it('takes a failed payout back to Stripe clearing, once, and a failure first books nothing', async () => {
    await deliver(ctx.app, event('payout.paid', payout('po_test_two', 1_234_56)));
    const bank = await line('bank');
    const failed = event(
      'payout.failed',
      payout('po_test_two', 1_234_56, { status: 'failed', failure_code: 'account_closed' }),
    );
    await deliver(ctx.app, failed);
    await deliver(ctx.app, event('payout.failed', payout('po_test_two', 1_234_56, { status: 'failed' })));
    assert.equal(bank - (await line('bank')), 1_234_56);
    assert.equal(await JournalEntry.countDocuments({ ref: 'payout:po_test_two' }), 2);
    const doc = await Payout.findById('po_test_two').lean();
    assert.equal(doc?.status, 'failed');
    assert.equal(doc?.failureCode, 'account_closed');
    // A late "paid" after the failure does not make it paid again, nor book it twice.
    await deliver(ctx.app, event('payout.paid', payout('po_test_two', 1_234_56)));
    assert.equal((await Payout.findById('po_test_two').lean())?.status, 'failed');
    assert.equal(await JournalEntry.countDocuments({ ref: 'payout:po_test_two' }), 2);

    await deliver(ctx.app, event('payout.failed', payout('po_test_three', 99_00, { status: 'failed' })));
    assert.equal(await JournalEntry.countDocuments({ ref: 'payout:po_test_three' }), 0);
  });

  it('refuses a payout event without an id, an amount or a date, booking nothing', async () => {
    const before = await JournalEntry.countDocuments();
    for (const broken of [
      payout('not-a-payout', 100),
      payout('po_test_bad', -100),
      payout('po_test_bad', 10.5),
      { ...payout('po_test_bad', 100), arrival_date: 'soon' },
    ]) {
      const res = await deliver(ctx.app, event('payout.paid', broken));
      assert.ok(res.status < 500, `answered ${res.status}`);
    }
    assert.equal(await JournalEntry.countDocuments(), before);
  });

  it('shows staff each payout, its payments, fees and what does not add up', async () => {
    const user = await makeUser({ roles: ['staff'] });
    const staff = browser(ctx.app);
    await staff.login(user.email, PASSWORD);
    const list = await staff.agent.get('/admin/books/payouts');
    assert.equal(list.status, 200);
    assert.match(list.text, /po_test_one/);
    assert.match(list.text, /฿5,000/);
    assert.match(list.text, /โอนไม่สำเร็จ/);
    const one = await staff.agent.get('/admin/books/payouts/po_test_one');
    assert.equal(one.status, 200);
    assert.match(one.text, /Stripe โอน ฿5,000/);
    // stripe-mock's fixture: one US-dollar payment that is none of our gifts, net ≠ the payout.
    assert.match(one.text, /รายการที่ยอดไม่ตรงกัน/);
    assert.match(one.text, /ไม่ตรงกับการบริจาคใดในระบบ/);
    assert.match(one.text, /ไม่เท่ากับยอดสุทธิของรายการ/);
    assert.equal((await staff.agent.get('/admin/books/payouts/po_nobody')).status, 404);
    assert.equal((await staff.agent.get('/admin/books/payouts/..%2F..')).status, 404);
    const donorUser = await makeUser();
    const donor = browser(ctx.app);
    await donor.login(donorUser.email, PASSWORD);
    assert.equal((await donor.agent.get('/admin/books/payouts')).status, 403);
  });
});

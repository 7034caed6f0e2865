/**
 * The gifts' top-level lookup fields (donorUserId, monthKey, the Stripe-id copies): records saved
 * before them are filled by the start-up backfill, every writer keeps them, and each query that
 * now uses them returns what the nested-field query returned before.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { makeUser } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { RecurringGift } from '../../src/modules/funds/recurring-gift.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { backfillDonationKeys } from '../../src/modules/funds/donation-keys.backfill.js';
import { monthKeyOf, monthKeyOfRange } from '../../src/modules/funds/donation-keys.js';
import { donorYearGifts, linkGiftsToVerifiedEmail, listMyGifts } from '../../src/modules/funds/my-gifts.service.js';
import { backfillGiftCodes, listDonations } from '../../src/modules/funds/donation-query.service.js';
import { hasOwnGifts } from '../../src/modules/funds/todo.service.js';
import { refFilter } from '../../src/modules/funds/payments/payment-refs.js';
import { parseBangkokDay } from '../../src/shared/dates.js';

const ids = (docs: { _id: unknown }[]) => docs.map((d) => String(d._id)).sort();
const STATUSES = ['paid', 'pending', 'refunded', 'expired', 'partially_refunded', 'pledged'];

describe('gifts’ top-level lookup fields and their backfill', () => {
  useTestApp();
  let fundId: mongoose.Types.ObjectId;
  let donor: { id: string; email: string };
  const staff = { id: new mongoose.Types.ObjectId().toString(), roles: ['staff'] };

  before(async function () {
    this.timeout(60_000);
    await runSeeds({ demoUsers: false, socialMap: false });
    fundId = (await Fund.findOne({ slug: 'education' }).lean())!._id;
    donor = await makeUser({ email: 'old-gifts@example.org' });
    const userId = new mongoose.Types.ObjectId(donor.id);
    // Records as an earlier version wrote them: no top-level copies (straight through the driver).
    const old = Array.from({ length: 60 }, (_, i) => {
      // 2025-10-31 17:30 UTC is 1 November 00:30 in Bangkok: a month edge in the other zone.
      const createdAt = new Date(Date.UTC(2025, 9, 31, 17, 30) + (i - 30) * 3 * 60 * 60 * 1000);
      return {
        _id: new mongoose.Types.ObjectId(),
        submissionKey: `old-${i}`,
        fundId,
        amountSatang: 100_00 + i,
        frequency: 'one_time',
        channel: 'online',
        status: STATUSES[i % STATUSES.length],
        donor: { name: 'ผู้บริจาคเก่า', email: 'old-gifts@example.org', ...(i % 3 === 0 ? { userId } : {}) },
        stripe: { paymentIntentId: `pi_old_${i}`, ...(i % 2 ? { invoiceId: `in_old_${i}` } : {}) },
        paidAt: createdAt,
        refunds: [],
        createdAt,
        updatedAt: createdAt,
      };
    });
    await Donation.collection.insertMany(old);
    await RecurringGift.collection.insertMany([
      {
        submissionKey: 'old-monthly',
        fundId,
        amountSatang: 300_00,
        status: 'active',
        donor: { name: 'ผู้บริจาคเก่า', email: 'old-gifts@example.org', userId },
        stripe: { subscriptionId: 'sub_old_1' },
        createdAt: new Date('2025-06-01T00:00:00Z'),
      },
    ]);
  });

  it('fills the old records once, and a second run changes nothing', async function () {
    this.timeout(60_000);
    assert.equal(await Donation.countDocuments({ monthKey: { $exists: true } }), 0);
    const changed = await backfillDonationKeys();
    assert.equal(changed, 61);
    const all = await Donation.find({}).lean();
    for (const d of all) {
      assert.equal(d.monthKey, monthKeyOf(d.createdAt as Date));
      assert.equal(String(d.donorUserId ?? ''), String(d.donor?.userId ?? ''));
      assert.equal(d.stripePaymentIntentId, d.stripe?.paymentIntentId);
      assert.equal(d.stripeInvoiceId, d.stripe?.invoiceId);
    }
    const monthly = await RecurringGift.findOne({ submissionKey: 'old-monthly' }).lean();
    assert.equal(String(monthly?.donorUserId), donor.id);
    assert.equal(monthly?.stripeSubscriptionId, 'sub_old_1');
    assert.equal(await backfillDonationKeys(), 0, 'done once: the marker says so');
    assert.equal(await backfillDonationKeys({ force: true }), 0, 'forced: every record already right');
  });

  it('finds the same gifts as the nested-field queries did', async () => {
    const userId = new mongoose.Types.ObjectId(donor.id);
    const history = await listMyGifts(donor, 1);
    const before = await Donation.find({ 'donor.userId': userId, status: { $nin: ['pending', 'expired'] } })
      .sort({ createdAt: -1 })
      .limit(20)
      .lean();
    assert.ok(before.length > 0);
    assert.deepEqual(
      history.gifts.items.map((g) => g.id),
      before.map((d) => String(d._id)),
    );
    assert.equal(
      history.gifts.total,
      await Donation.countDocuments({ 'donor.userId': userId, status: { $nin: ['pending', 'expired'] } }),
    );
    assert.deepEqual(
      history.monthly.map((m) => m.id),
      ids(await RecurringGift.find({ 'donor.userId': userId }).lean()),
    );
    assert.equal(await hasOwnGifts(donor), true);
    const year = (await donorYearGifts(donor, 2568)).map((g) => g.amountSatang).sort();
    const from = parseBangkokDay('2025-01-01') as Date;
    const to = parseBangkokDay('2026-01-01') as Date;
    const yearBefore = await Donation.find({
      'donor.userId': userId,
      status: { $in: ['paid', 'partially_refunded'] },
      paidAt: { $gte: from, $lt: to },
    }).lean();
    assert.deepEqual(year, yearBefore.map((d) => d.amountSatang).sort());

    for (const [fromDay, toDay] of [
      ['2025-11-01', '2025-11-30'],
      ['2025-10-01', '2025-10-31'],
      ['2025-10-30', '2025-11-02'],
    ] as const) {
      const range = { from: parseBangkokDay(fromDay) as Date, to: parseBangkokDay(toDay) as Date };
      const list = await listDonations(staff, { fund: 'education', ...range }, 1, 100);
      const end = parseBangkokDay(toDay, { endOfDay: true }) as Date;
      const expected = await Donation.find({ fundId, createdAt: { $gte: range.from, $lt: end } }).lean();
      assert.ok(expected.length > 0, `${fromDay}..${toDay} has gifts`);
      assert.deepEqual(list.items.map((r) => r.id).sort(), ids(expected), `${fromDay}..${toDay}`);
      assert.equal(
        list.totalSatang,
        expected.reduce((sum, d) => sum + d.amountSatang, 0),
      );
    }
    assert.equal(
      monthKeyOfRange(parseBangkokDay('2025-10-30') as Date, parseBangkokDay('2025-11-02') as Date),
      undefined,
    );

    const byIntent = await Donation.findOne(refFilter('paymentIntentId', 'pi_old_7')).lean();
    assert.equal(byIntent?.submissionKey, 'old-7');
    const byInvoice = await Donation.findOne(refFilter('invoiceId', 'in_old_9')).lean();
    assert.equal(byInvoice?.submissionKey, 'old-9');
    const bySubscription = await RecurringGift.findOne(refFilter('subscriptionId', 'sub_old_1')).lean();
    assert.equal(bySubscription?.submissionKey, 'old-monthly');
  });

  it('keeps the copies on every write that sets the donor', async () => {
    const later = await makeUser({ email: 'later@example.org' });
    const gift = await Donation.create({
      submissionKey: 'new-1',
      fundId,
      amountSatang: 50_00,
      channel: 'online',
      status: 'pending',
      donor: { name: 'ภายหลัง', email: 'later@example.org' },
    });
    assert.equal(gift.monthKey, monthKeyOf(gift.get('createdAt') as Date));
    assert.equal(gift.donorUserId, undefined);
    // Verifying the address joins the gift to the account: the update writes the copy too.
    assert.equal(await linkGiftsToVerifiedEmail(later.id, later.email), 1);
    const joined = await Donation.findById(gift._id).lean();
    assert.equal(String(joined?.donorUserId), later.id);
    // A save that clears the donor's user (anonymising) clears the copy; a projected save keeps the month.
    const projected = await Donation.findById(gift._id, { donor: 1 });
    projected!.set('donor.userId', undefined);
    await projected!.save();
    const cleared = await Donation.findById(gift._id).lean();
    assert.equal(cleared?.donorUserId, undefined);
    assert.equal(cleared?.monthKey, gift.monthKey);
  });

  it('gives the old gifts their codes in single updates, and staff find a gift by the code the donor holds', async function () {
    this.timeout(60_000);
    const missing = await Donation.countDocuments({ giftCode: null });
    assert.ok(missing >= 60, `${missing} gifts without a code: more than the bulkWrite FerretDB did not answer`);
    await backfillGiftCodes({ force: true });
    assert.equal(await Donation.countDocuments({ giftCode: null }), 0);
    const old = await Donation.findOne({ submissionKey: 'old-11' }).lean();
    const code = String(old?._id).slice(-8).toLowerCase();
    const found = await listDonations(staff, { q: code }, 1, 25);
    assert.deepEqual(
      found.items.map((row) => row.id),
      [String(old?._id)],
    );
  });
});

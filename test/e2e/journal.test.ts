/**
 * The double-entry journal: the old ledger moved into it with every fund's figures unchanged,
 * the books balancing, the accountant's trial balance and general-ledger CSV, and closing a month.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { runSeeds } from '../../seeds/index.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { FundsDataFix } from '../../src/modules/funds/data-fix.model.js';
import { JOURNAL_FIX, migrateLedgerToJournal } from '../../src/modules/funds/journal-migration.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { ClosedPeriod, closeMonth, nextMonth } from '../../src/modules/accounting/period.service.js';
import { allFundTotals, invalidateTotals, postEntry } from '../../src/modules/accounting/journal.service.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { donationReceived, refundMoved } from '../../src/modules/accounting/movements.js';
import { assertBalanced } from '../../src/modules/accounting/postings.rules.js';
import { ConflictError, ValidationError } from '../../src/shared/errors.js';
import { bangkokDay, bangkokMonth } from '../../src/shared/dates.js';

const staffActor = { id: new mongoose.Types.ObjectId().toString(), roles: ['staff'] };

/** The month before `month`. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe('the double-entry journal', function () {
  this.timeout(60_000);
  const ctx = useTestApp();
  let education: string;
  let elderly: string;

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    education = String((await Fund.findOne({ slug: 'education' }).lean())?._id);
    elderly = String((await Fund.findOne({ slug: 'elderly' }).lean())?._id);
  });

  describe('moving the old ledger in', () => {
    const legacy = () => mongoose.connection.collection('ledgerentries');

    before(async () => {
      // A database from before the journal: gifts, refunds, an award paid in part, a correction.
      const online = new mongoose.Types.ObjectId();
      const cash = new mongoose.Types.ObjectId();
      await Donation.collection.insertMany([
        {
          _id: online,
          submissionKey: 'old-online',
          fundId: new mongoose.Types.ObjectId(education),
          amountSatang: 1_000_00,
          channel: 'online',
          status: 'partially_refunded',
          donor: { name: 'ก' },
          createdAt: new Date('2026-03-02T03:00:00Z'),
        },
        {
          _id: cash,
          submissionKey: 'old-cash',
          fundId: new mongoose.Types.ObjectId(elderly),
          amountSatang: 5_000_00,
          channel: 'bank_transfer',
          status: 'paid',
          donor: { name: 'ข' },
          createdAt: new Date('2026-03-03T03:00:00Z'),
        },
      ]);
      const at = (day: number) => new Date(Date.UTC(2026, 2, day, 3));
      const row = (kind: string, fundId: string, amountSatang: number, ref: string, key: string, day: number) => ({
        kind,
        fundId: new mongoose.Types.ObjectId(fundId),
        amountSatang,
        currency: 'THB',
        ref,
        groupId: key,
        idempotencyKey: key,
        occurredAt: at(day),
        createdAt: at(day),
      });
      await legacy().insertMany([
        row('donation', education, 1_000_00, `donation:${online}`, `donation:${online}`, 2),
        row('refund', education, -250_00, `donation:${online}`, `refund:${online}:0->25000`, 4),
        row('donation', elderly, 5_000_00, `donation:${cash}`, `donation:${cash}`, 3),
        row('grant_commitment', elderly, -3_000_00, 'award:a1', 'award:a1:commitment', 5),
        row('disbursement', elderly, -1_000_00, 'award:a1', 'award:a1:tranche:1:disbursement', 6),
        row('commitment_release', elderly, 1_000_00, 'award:a1', 'award:a1:tranche:1:release', 6),
        row('adjustment', elderly, 12_34, 'adjustment:x', 'adjustment:x', 7),
      ]);
      await FundsDataFix.deleteOne({ _id: JOURNAL_FIX });
    });

    it('writes one balanced entry per old one and leaves every fund’s figures as they were', async () => {
      assert.equal(await migrateLedgerToJournal(), 7);
      const entries = await JournalEntry.find({ ref: { $in: [/^donation:/, /^award:a1/, /^adjustment:x/] } }).lean();
      assert.equal(entries.length, 7);
      for (const e of entries)
        assertBalanced(e.postings.map((p) => ({ ...p, fundId: p.fundId ? String(p.fundId) : undefined })));
      const totals = await allFundTotals();
      assert.deepEqual(totals.get(education), {
        raisedSatang: 1_000_00,
        refundedSatang: 250_00,
        feesSatang: 0,
        grantedSatang: 0,
        committedSatang: 0,
        availableSatang: 750_00,
      });
      assert.deepEqual(totals.get(elderly), {
        raisedSatang: 5_000_00,
        refundedSatang: 0,
        feesSatang: 0,
        grantedSatang: 1_000_00,
        committedSatang: 2_000_00,
        availableSatang: 5_000_00 - 3_000_00 + 12_34,
      });
      // The online gift came through Stripe's balance; the transfer and the grant went through the bank.
      const book = await trialBalance(staffActor);
      assert.ok(book.balanced);
      const line = (account: string, fundId?: string) =>
        book.lines.find((l) => l.account === account && l.fundId === fundId)?.balanceSatang;
      assert.equal(line('stripe_clearing'), 750_00);
      assert.equal(line('bank'), 5_000_00 - 1_000_00 + 12_34);
      assert.equal(line('grants_payable', elderly), 2_000_00);
    });

    it('runs once; run again after its mark is lost, it books nothing twice', async () => {
      assert.equal(await migrateLedgerToJournal(), 0);
      await FundsDataFix.deleteOne({ _id: JOURNAL_FIX });
      const before = await JournalEntry.countDocuments();
      assert.equal(await migrateLedgerToJournal(), 0);
      assert.equal(await JournalEntry.countDocuments(), before);
      assert.ok(await FundsDataFix.exists({ _id: JOURNAL_FIX }));
    });
  });

  describe('closing a month', () => {
    const thisMonth = bangkokMonth(new Date());
    const lastMonth = previousMonth(thisMonth);

    after(async () => {
      await ClosedPeriod.deleteMany({});
    });

    it('refuses the month not yet ended, a month out of order and a malformed month', async () => {
      await assert.rejects(closeMonth(staffActor, thisMonth), ValidationError);
      await assert.rejects(closeMonth(staffActor, '2026-13'), ValidationError);
      await assert.rejects(closeMonth({ id: staffActor.id, roles: ['donor'] }, lastMonth), /forbidden|Forbidden/);
      assert.equal(await closeMonth(staffActor, previousMonth(previousMonth(lastMonth))), true);
      await assert.rejects(closeMonth(staffActor, lastMonth), ConflictError, 'the month between is still open');
      assert.equal(await closeMonth(staffActor, previousMonth(lastMonth)), true);
    });

    it('closes once when two staff close together', async () => {
      const results = await Promise.all([closeMonth(staffActor, lastMonth), closeMonth(staffActor, lastMonth)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(nextMonth(lastMonth), thisMonth);
    });

    it('takes no staff entry dated in a closed month, and books a late fact in the open month', async () => {
      const inClosed = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
      const count = await JournalEntry.countDocuments();
      await assert.rejects(
        postEntry({
          movement: donationReceived(education, 100_00, 'bank'),
          ref: 'test:closed',
          idempotencyKey: 'test:closed',
          occurredAt: inClosed,
        }),
        ConflictError,
      );
      assert.equal(await JournalEntry.countDocuments(), count, 'nothing booked');
      assert.equal(
        await postEntry({
          movement: refundMoved(education, -50_00, 'stripe'),
          ref: 'test:late',
          idempotencyKey: 'test:late',
          occurredAt: inClosed,
          inClosedMonth: 'book_now',
        }),
        true,
      );
      const late = await JournalEntry.findOne({ idempotencyKey: 'test:late' }).lean();
      assert.equal(late?.period, thisMonth);
      assert.match(late?.memo ?? '', new RegExp(inClosed.toISOString().slice(0, 10)));
    });

    it('refuses an offline gift dated in a closed month, in Thai, and records nothing', async () => {
      const user = await makeUser({ roles: ['staff'] });
      const staff = browser(ctx.app);
      await staff.login(user.email, PASSWORD);
      const gifts = await Donation.countDocuments();
      const res = await staff.submit('/admin/donations/new', '/admin/donations', {
        fund: 'education',
        amount: '2,000',
        channel: 'bank_transfer',
        receivedAt: bangkokDay(new Date(Date.now() - 40 * 24 * 60 * 60 * 1000)),
        reference: 'KTB-0002',
        name: 'ร้านข้าวแกงป้าศรี',
        submissionId: randomUUID(),
      });
      assert.equal(res.status, 422);
      assert.match(res.text, /เดือนนี้ปิดงวดบัญชีแล้ว/);
      assert.equal(await Donation.countDocuments(), gifts);
    });
  });

  describe('the accountant’s pages', () => {
    let staff: ReturnType<typeof browser>;

    before(async () => {
      const user = await makeUser({ roles: ['staff'] });
      staff = browser(ctx.app);
      await staff.login(user.email, PASSWORD);
      invalidateTotals();
    });

    it('shows the trial balance in Thai, balanced, with Buddhist-era months', async () => {
      const res = await staff.agent.get('/admin/books');
      assert.equal(res.status, 200);
      assert.match(res.text, /งบทดลอง/);
      assert.match(res.text, /เดบิตเท่ากับเครดิต/);
      assert.match(res.text, /1120/);
      assert.match(res.text, new RegExp(String(new Date().getUTCFullYear() + 543)));
      const en = await staff.agent.get('/admin/books?lang=en');
      assert.match(en.text, /Trial balance/);
      assert.match(en.text, /Stripe clearing/);
      await staff.agent.get('/admin/books?lang=th'); // remembered: back to Thai for the rest
    });

    it('exports the general ledger as a CSV Excel reads, one line per posting', async () => {
      const month = bangkokMonth(new Date());
      const res = await staff.agent.get(`/admin/books/general-ledger.csv?from=2026-01&to=${month}`).buffer(true);
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      const text = String(res.text);
      assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads Thai');
      const lines = text.trim().split(/\r?\n/);
      assert.match(lines[0] ?? '', /วันที่.*รหัสบัญชี.*เดบิต.*เครดิต/);
      const entries = await JournalEntry.find({ period: { $gte: '2026-01', $lte: month } }).lean();
      const postings = entries.reduce((n, e) => n + e.postings.length, 0);
      assert.equal(lines.length - 1, postings);
      assert.ok(lines.some((l) => l.includes('รับบริจาค') && l.includes('4100') && l.includes('1000.00')));
    });

    it('refuses a range it cannot export with a clear message, and sends no file', async () => {
      const wide = await staff.agent.get('/admin/books/general-ledger.csv?from=2020-01&to=2026-12');
      assert.equal(wide.status, 422);
      assert.match(wide.text, /ไม่เกิน 13 เดือน/);
      const reversed = await staff.agent.get('/admin/books/general-ledger.csv?from=2026-05&to=2026-01');
      assert.equal(reversed.status, 422);
      const missing = await staff.agent.get('/admin/books/general-ledger.csv');
      assert.equal(missing.status, 422);
      const operator = await staff.agent.get('/admin/books/general-ledger.csv?from[$gt]=&to=2026-01');
      assert.equal(operator.status, 400);
    });

    it('closes a month from the page, with a confirmation, and says so on a second click', async () => {
      await ClosedPeriod.deleteMany({});
      const lastMonth = previousMonth(bangkokMonth(new Date()));
      const page = await staff.agent.get('/admin/books');
      const csrf = csrfFrom(page.text);
      const early = await staff.agent.post('/admin/books/close').type('form').send({ _csrf: csrf });
      assert.equal(early.status, 422);
      assert.match(early.text, /class="field-error"[^>]*>กรุณาเลือกเดือน</);
      const first = await staff.agent
        .post('/admin/books/close')
        .type('form')
        .send({ month: lastMonth, confirm: 'on', _csrf: csrf });
      assert.equal(first.status, 303);
      const after = await staff.agent.get('/admin/books');
      assert.match(after.text, /ปิดงวดบัญชีแล้ว/);
      assert.match(after.text, /ปิดงวดแล้วถึง/);
      const again = await staff.agent
        .post('/admin/books/close')
        .type('form')
        .send({ month: lastMonth, confirm: 'on', _csrf: csrf });
      assert.equal(again.status, 303);
      assert.match((await staff.agent.get('/admin/books')).text, /เดือนนี้ปิดงวดไว้แล้ว/);
      const bad = await staff.agent
        .post('/admin/books/close')
        .type('form')
        .send({ month: 'soon', confirm: 'on', _csrf: csrf });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /กรุณาเลือกเดือน/);
      await ClosedPeriod.deleteMany({});
    });
  });
});

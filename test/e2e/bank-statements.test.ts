/**
 * Bank statements end to end (issue 16): donors pledge through the donate form, staff import the
 * bank's CSV (Buddhist-era dates, thousands separators, separate money in/out columns, a row that
 * cannot be read), see each line beside the pledges it may be, and confirm in one click at the
 * amount that arrived. Importing twice keeps one line each; a double click or two confirms at
 * once book one gift; a lapsed pledge's late transfer becomes a new gift; the journal stays
 * balanced and the fund's money is exact to the satang. Bad statements are refused whole.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestApp } from '../helpers/context.js';
import { browser, csrfFrom } from '../helpers/agent.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { collectionStates, changedCollections } from '../helpers/db-state.js';
import { runSeeds } from '../../seeds/index.js';
import { Donation } from '../../src/modules/funds/donation.model.js';
import { Fund } from '../../src/modules/funds/fund.model.js';
import { BankAccount, BankStatement, StatementLine } from '../../src/modules/funds/bank-statement.model.js';
import { JournalEntry } from '../../src/modules/accounting/journal-entry.model.js';
import { trialBalance } from '../../src/modules/accounting/books.service.js';
import { fundTotalsNow } from '../../src/modules/accounting/journal.service.js';
import { confirmLinePledge, recordLineAsGift } from '../../src/modules/funds/statement-lines.service.js';
import { moveUnconfirmed } from '../../src/modules/funds/donation.service.js';
import { ClosedPeriod } from '../../src/modules/accounting/period.service.js';
import { bangkokDay } from '../../src/shared/dates.js';
import { ConflictError } from '../../src/shared/errors.js';
import type { PublicUser } from '../../src/modules/accounts/user.types.js';

/** dd/mm/yyyy in the Buddhist era, as Thai banks write it. */
const thaiDay = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${Number(y) + 543}`;
};

describe('bank statements: import, match to pledges, confirm', function () {
  this.timeout(60_000);
  const ctx = useTestApp({ config: { FOUNDATION_PROMPTPAY_ID: '0-9940-00123-45-1' } });
  let staffUser: PublicUser;
  let staff: ReturnType<typeof browser>;
  let elderlyId: string;
  const today = bangkokDay(new Date());

  before(async () => {
    await runSeeds({ demoUsers: false, socialMap: false });
    staffUser = await makeUser({ roles: ['staff'] });
    staff = browser(ctx.app);
    await staff.login(staffUser.email, PASSWORD);
    elderlyId = String((await Fund.findOne({ slug: 'elderly' }).lean())?._id);
  });

  /** A guest pledges through the donate form; the pledge's gift code. */
  async function pledge(amount: string, name: string, email: string): Promise<{ id: string; code: string }> {
    const guest = browser(ctx.app);
    const page = await guest.agent.get('/funds/elderly/donate');
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const res = await guest.agent
      .post('/donate')
      .type('form')
      .send({
        fund: 'elderly',
        amount: 'other',
        customAmount: amount,
        frequency: 'one_time',
        name,
        email,
        submissionId,
        _csrf: csrfFrom(page.text),
      });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const gift = await Donation.findOne({ 'donor.email': email }).lean();
    assert.equal(gift?.status, 'pledged');
    return { id: String(gift?._id), code: String(gift?.giftCode) };
  }

  /** Posts the import form as the browser does: the CSRF token first, then the layout, then the file. */
  async function importCsv(fields: Record<string, string>, csv: string | Buffer, filename = 'kbank.csv') {
    const page = await staff.agent.get('/admin/books/statements');
    let req = staff.agent.post('/admin/books/statements').field('_csrf', csrfFrom(page.text));
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return req.attach('statement', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), filename);
  }

  const KBANK_LAYOUT = {
    bankAccountId: '',
    accountName: 'กสิกรไทย ออมทรัพย์ 123-4-56789-0',
    dateColumn: 'A',
    descriptionColumn: 'F',
    debitColumn: 'C',
    creditColumn: 'D',
    balanceColumn: 'E',
    hasHeader: 'on',
  };

  async function balancedJournal() {
    const balance = await trialBalance(staffUser, undefined);
    assert.equal(balance.balanced, true, 'the journal is balanced');
    assert.equal(balance.totalDebitSatang, balance.totalCreditSatang);
  }

  let somsri: { id: string; code: string };
  let prasert: { id: string; code: string };
  let statementId: string;
  let csv: string;

  it('imports a KBank-style statement and matches lines to pledges by reference, name and amount', async () => {
    somsri = await pledge('1,500', 'สมศรี มีสุข', 'somsri@example.net');
    prasert = await pledge('800', 'Prasert Jaidee', 'prasert@example.net');
    csv = [
      'วันที่,รายการ,ถอน,ฝาก,คงเหลือ,รายละเอียด',
      `${thaiDay(today)},โอนเข้า,,"1,500.00","11,500.00",PromptPay ${somsri.code}`,
      `${thaiDay(today)},โอนเข้า,,800.00,"12,300.00",FROM PRASERT JAIDEE`,
      `${thaiDay(today)},ค่าธรรมเนียม,15.00,,"12,285.00",ค่าธรรมเนียมรายเดือน`,
      '',
      `${thaiDay(today)},ดอกเบี้ย,,3.21,"12,288.21",ดอกเบี้ยเงินฝาก`,
      'ยอดรวม,,,,,',
    ].join('\r\n');
    const res = await importCsv(KBANK_LAYOUT, csv);
    assert.equal(res.status, 303, res.text.slice(0, 500));
    statementId = String(res.headers.location).split('/').pop() as string;
    const page = await staff.agent.get(res.headers.location as string);
    assert.equal(page.status, 200);
    assert.match(page.text, /อ่านได้ 4 รายการ เป็นรายการใหม่ 4 รายการ/);
    // The "total" row is named, not imported.
    assert.match(page.text, /อ่านไม่ได้ 1 แถว/);
    assert.match(page.text, /แถว 7: วันที่อ่านไม่ได้/);
    assert.match(page.text, /รหัสอ้างอิงตรงกัน/);
    assert.match(page.text, /ชื่อผู้บริจาคตรงกัน/);
    assert.match(page.text, new RegExp(`value="${somsri.id}"`));
    assert.equal(await StatementLine.countDocuments({ statementId, status: 'open' }), 3);
    assert.equal(await StatementLine.countDocuments({ statementId, status: 'money_out' }), 1);
    // Importing books nothing.
    assert.equal(await JournalEntry.countDocuments({ ref: `donation:${somsri.id}` }), 0);
    const account = await BankAccount.findOne({ nameKey: KBANK_LAYOUT.accountName.toLowerCase() }).lean();
    assert.equal(account?.mapping?.credit, 3);
  });

  it('imports the same statement again (with the saved layout) and keeps every line once', async () => {
    const account = await BankAccount.findOne({}).lean();
    const linesBefore = await StatementLine.countDocuments({});
    const res = await importCsv({ bankAccountId: String(account?._id) }, csv, 'kbank-again.csv');
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const page = await staff.agent.get(res.headers.location as string);
    assert.match(page.text, /เป็นรายการใหม่ 0 รายการ/);
    assert.equal(await StatementLine.countDocuments({}), linesBefore);
    assert.equal(await BankStatement.countDocuments({}), 2);
  });

  it('confirms a pledge in one click at the amount received; a second click books nothing more', async () => {
    const line = await StatementLine.findOne({ statementId, amountSatang: 1_500_00 }).lean();
    const page = await staff.agent.get(`/admin/books/statements/${statementId}`);
    const action = `/admin/books/statements/${statementId}/lines/${String(line?._id)}/confirm?show=open&page=1`;
    const totalsBefore = await fundTotalsNow(elderlyId);
    const send = () =>
      staff.agent
        .post(action)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), donationId: somsri.id, amount: '1,500.00' });
    const [first, second] = await Promise.all([send(), send()]);
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    const gift = await Donation.findById(somsri.id).lean();
    assert.equal(gift?.status, 'paid');
    assert.equal(gift?.amountSatang, 1_500_00);
    assert.equal(gift?.channel, 'bank_transfer');
    assert.equal(String(gift?.statementLineId), String(line?._id));
    assert.ok(gift?.receiptNumber, 'a receipt was issued');
    const entries = await JournalEntry.find({ ref: `donation:${somsri.id}` }).lean();
    assert.equal(entries.length, 1, 'one entry for the gift');
    const bank = entries[0]?.postings.find((p) => p.account === 'bank');
    assert.equal(bank?.debitSatang, 1_500_00, 'the bank account is debited');
    const totalsAfter = await fundTotalsNow(elderlyId);
    assert.equal(totalsAfter.raisedSatang - totalsBefore.raisedSatang, 1_500_00);
    assert.equal(totalsAfter.availableSatang - totalsBefore.availableSatang, 1_500_00);
    assert.equal((await StatementLine.findById(line?._id).lean())?.status, 'pledge_confirmed');
    await balancedJournal();
  });

  it('books what actually arrived when it differs from the pledge, never more than the line', async () => {
    const line = await StatementLine.findOne({ statementId, amountSatang: 800_00 }).lean();
    const lineId = String(line?._id);
    const action = `/admin/books/statements/${statementId}/lines/${lineId}/confirm`;
    const tooMuch = await staff.submit(`/admin/books/statements/${statementId}`, action, {
      donationId: prasert.id,
      amount: '900',
    });
    assert.equal(tooMuch.status, 303);
    const shown = await staff.agent.get(tooMuch.headers.location as string);
    assert.match(shown.text, /จำนวนเงินที่ได้รับต้องมากกว่า 0 และไม่เกินยอดในรายการ \(฿800\)/);
    assert.equal((await Donation.findById(prasert.id).lean())?.status, 'pledged');
    const before = await fundTotalsNow(elderlyId);
    await confirmLinePledge(staffUser, lineId, prasert.id, 750_00);
    const gift = await Donation.findById(prasert.id).lean();
    assert.equal(gift?.amountSatang, 750_00);
    assert.equal((await fundTotalsNow(elderlyId)).availableSatang - before.availableSatang, 750_00);
    await balancedJournal();
  });

  it('confirms a pledge from one line only: a second line for the same pledge is refused', async () => {
    const other = await pledge('250', 'วิไล ใจดี', 'wilai@example.net');
    const twoLines = [
      `${thaiDay(today)},โอนเข้า,,250.00,,${other.code}`,
      `${thaiDay(today)},โอนเข้า,,250.00,,${other.code} (โอนซ้ำ)`,
    ].join('\n');
    const res = await importCsv({ ...KBANK_LAYOUT, hasHeader: '' }, twoLines, 'two.csv');
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const id = String(res.headers.location).split('/').pop() as string;
    const lines = await StatementLine.find({ statementId: id }).lean();
    assert.equal(lines.length, 2);
    const results = await Promise.allSettled(
      lines.map((l) => confirmLinePledge(staffUser, String(l._id), other.id, 250_00)),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(refused.reason instanceof ConflictError);
    assert.equal(await JournalEntry.countDocuments({ ref: `donation:${other.id}` }), 1);
    assert.equal(await StatementLine.countDocuments({ statementId: id, status: 'open' }), 1);
  });

  it("records a lapsed pledge's late transfer as a new gift, once", async () => {
    const late = await pledge('600', 'บุญมี ศรีสุข', 'boonmee@example.net');
    await moveUnconfirmed(late.id, 'expired', { reason: 'pledge_lapsed' });
    const res = await importCsv({ ...KBANK_LAYOUT, hasHeader: '' }, `${thaiDay(today)},โอน,,600,,${late.code}\n`);
    const id = String(res.headers.location).split('/').pop() as string;
    const page = await staff.agent.get(`/admin/books/statements/${id}`);
    assert.match(page.text, /คำมั่นหมดอายุแล้ว/);
    assert.match(page.text, /บันทึกเป็นการบริจาคใหม่/);
    const line = await StatementLine.findOne({ statementId: id }).lean();
    const before = await fundTotalsNow(elderlyId);
    const [a, b] = await Promise.all([
      recordLineAsGift(staffUser, String(line?._id), late.id),
      recordLineAsGift(staffUser, String(line?._id), late.id),
    ]);
    assert.equal(a, b, 'one gift');
    const gift = await Donation.findById(a).lean();
    assert.equal(gift?.status, 'paid');
    assert.equal(gift?.donor?.name, 'บุญมี ศรีสุข');
    assert.equal(String(gift?.fundId), elderlyId);
    assert.equal((await Donation.findById(late.id).lean())?.status, 'expired', 'the lapsed pledge stays lapsed');
    assert.equal((await fundTotalsNow(elderlyId)).availableSatang - before.availableSatang, 600_00);
    await balancedJournal();
  });

  it('sets aside a line that is no gift, and opens it again', async () => {
    const line = await StatementLine.findOne({ statementId, amountSatang: 3_21 }).lean();
    const base = `/admin/books/statements/${statementId}/lines/${String(line?._id)}`;
    const page = `/admin/books/statements/${statementId}`;
    assert.equal((await staff.submit(page, `${base}/not-a-gift`, {})).status, 303);
    assert.equal((await StatementLine.findById(line?._id).lean())?.status, 'not_a_gift');
    const done = await staff.agent.get(`${page}?show=settled`);
    assert.match(done.text, /ไม่ใช่เงินบริจาค/);
    assert.equal((await staff.submit(page, `${base}/reopen`, {})).status, 303);
    assert.equal((await StatementLine.findById(line?._id).lean())?.status, 'open');
  });

  it('refuses a line dated in a closed month, booking nothing', async () => {
    const old = await pledge('320', 'มานะ อดทน', 'mana@example.net');
    const res = await importCsv({ ...KBANK_LAYOUT, hasHeader: '' }, `01/01/2568,โอน,,320,,${old.code}\n`);
    const id = String(res.headers.location).split('/').pop() as string;
    const line = await StatementLine.findOne({ statementId: id }).lean();
    await ClosedPeriod.create({ _id: '2025-01', closedAt: new Date(), closedBy: new mongoose.Types.ObjectId() });
    try {
      const sent = await staff.submit(
        `/admin/books/statements/${id}`,
        `/admin/books/statements/${id}/lines/${String(line?._id)}/confirm`,
        { donationId: old.id, amount: '320' },
      );
      const shown = await staff.agent.get(sent.headers.location as string);
      assert.match(shown.text, /เดือนนี้ปิดงวดบัญชีแล้ว/);
      assert.equal((await Donation.findById(old.id).lean())?.status, 'pledged');
      assert.equal((await StatementLine.findById(line?._id).lean())?.status, 'open');
    } finally {
      await ClosedPeriod.deleteMany({});
    }
  });

  describe('bad statements are refused with a clear message, changing nothing', () => {
    const refused = async (fields: Record<string, string>, file: string | Buffer, message: RegExp) => {
      const before = await collectionStates();
      const res = await importCsv(fields, file);
      assert.equal(res.status, 422, res.text.slice(0, 300));
      assert.match(res.text, message);
      assert.deepEqual(changedCollections(before, await collectionStates()), [], 'nothing stored');
    };

    it('a 50 MB file', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'a,b,c\n');
      await refused(KBANK_LAYOUT, big, /ไฟล์ใหญ่เกิน 2 MB/);
    });

    it('a file that is not text (an image)', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      await refused(KBANK_LAYOUT, png, /รับเฉพาะไฟล์ข้อความ CSV/);
    });

    it('wrong columns: fewer columns than the layout', async () => {
      await refused(KBANK_LAYOUT, 'วันที่,ยอด\n01/12/2569,100\n', /มีคอลัมน์น้อยกว่ารูปแบบที่ระบุ/);
    });

    it('dates that are not dates, and amounts that are not amounts', async () => {
      await refused(KBANK_LAYOUT, 'h,h,h,h,h,h\n31/02/2569,x,,100,,y\n', /แถว 2: วันที่อ่านไม่ได้/);
      await refused(KBANK_LAYOUT, 'h,h,h,h,h,h\n01/12/2569,x,,1.2.3,,y\n', /แถว 2: จำนวนเงินอ่านไม่ได้/);
    });

    it('an empty file, only empty lines, no file, a layout without a date column or an amount', async () => {
      await refused(KBANK_LAYOUT, '', /ไฟล์ว่างเปล่า|ไฟล์นี้ไม่มีรายการ/);
      await refused(KBANK_LAYOUT, '\n\n,,,\n', /ไฟล์นี้ไม่มีรายการ/);
      await refused({ ...KBANK_LAYOUT, dateColumn: '' }, 'x\n', /กรุณากรอก|จำเป็น/);
      await refused({ ...KBANK_LAYOUT, dateColumn: 'ZZZ' }, 'x\n', /ใส่ตัวอักษรคอลัมน์/);
      await refused({ ...KBANK_LAYOUT, creditColumn: '', debitColumn: '' }, 'x\n', /กรุณาบอกคอลัมน์จำนวนเงิน/);
    });

    it('an account id that is no account, or an operator', async () => {
      await refused({ bankAccountId: new mongoose.Types.ObjectId().toString() }, 'x\n', /กรุณาเลือกบัญชีธนาคาร/);
      const before = await collectionStates();
      const res = await importCsv({ 'bankAccountId[$ne]': 'x' }, 'x\n');
      assert.equal(res.status, 400);
      assert.deepEqual(changedCollections(before, await collectionStates()), []);
    });
  });
});

import assert from 'node:assert/strict';
import {
  csvRows,
  matchPledges,
  readStatement,
  receivedAtOf,
  statementDay,
  statementSatang,
  type PledgeToMatch,
  type StatementMapping,
} from '../../../../src/modules/funds/statement.rules.js';

/** A Krungthai-like export: date, description, money out, money in, balance. */
const KTB: StatementMapping = { date: 0, description: 1, debit: 2, credit: 3, balance: 4, hasHeader: true };

const STATEMENT = [
  '\uFEFFวันที่,รายการ,ถอน,ฝาก,คงเหลือ',
  '01/12/2569,"โอนเข้า PromptPay 4557A711 สมหญิง",,"1,250.50","11,250.50"',
  '01/12/2569,ค่าธรรมเนียม,10.00,,"11,240.50"',
  '',
  '02/12/2569,"รับโอน นาง มาลี ใจดี",,500.00,"11,740.50"',
  '02/12/2569,"รับโอน นาง มาลี ใจดี",,500.00,"11,740.50"',
  '31/02/2569,วันที่ผิด,,100.00,',
  '03/12/2569,จำนวนผิด,,หนึ่งร้อย,',
  '03/12/2569,สั้นไป',
].join('\r\n');

describe('bank statement CSV', () => {
  it('splits quoted cells, doubled quotes and both line endings', () => {
    assert.deepEqual(csvRows('a,"b, c","say ""hi"""\r\nd,,\n"e\nf",g'), [
      ['a', 'b, c', 'say "hi"'],
      ['d', '', ''],
      ['e\nf', 'g'],
    ]);
  });

  it('reads Buddhist-era and Gregorian dates, and refuses days that do not exist', () => {
    assert.equal(statementDay('01/12/2569'), '2026-12-01');
    assert.equal(statementDay('1/2/2026'), '2026-02-01');
    assert.equal(statementDay('2026-12-01'), '2026-12-01');
    assert.equal(statementDay('29.02.2567'), '2024-02-29');
    for (const bad of ['31/02/2569', '2026-13-01', '12/2569', 'เมื่อวาน', '']) assert.equal(statementDay(bad), null, bad);
  });

  it('reads amounts with commas, a baht sign, brackets and signs, to the satang', () => {
    assert.equal(statementSatang('1,250.50'), 1_250_50);
    assert.equal(statementSatang('฿1,000'), 1_000_00);
    assert.equal(statementSatang('1250.5 บาท'), 1_250_50);
    assert.equal(statementSatang('(500.00)'), -500_00);
    assert.equal(statementSatang('-10'), -10_00);
    for (const bad of ['1,25,0', '1.234', 'หนึ่งร้อย', '', '1e5', '99999999999999999999']) {
      assert.equal(statementSatang(bad), null, bad);
    }
  });

  it('gives each line its money in or out and lists the rows it could not read, skipping empty ones', () => {
    const { lines, problems } = readStatement(STATEMENT, KTB);
    assert.deepEqual(
      lines.map((l) => [l.row, l.day, l.amountSatang, l.balanceSatang]),
      [
        [2, '2026-12-01', 1_250_50, 11_250_50],
        [3, '2026-12-01', -10_00, 11_240_50],
        [5, '2026-12-02', 500_00, 11_740_50],
        [6, '2026-12-02', 500_00, 11_740_50],
      ],
    );
    assert.deepEqual(problems, [
      { row: 7, key: 'date' },
      { row: 8, key: 'amount' },
      { row: 9, key: 'columns' },
    ]);
  });

  it('fingerprints lines so the same statement read twice gives the same lines, twin lines apart', () => {
    const first = readStatement(STATEMENT, KTB).lines.map((l) => l.fingerprint);
    const again = readStatement(STATEMENT, KTB).lines.map((l) => l.fingerprint);
    assert.deepEqual(again, first);
    assert.equal(new Set(first).size, first.length, 'two identical transfers stay two lines');
    // A statement of the next days that repeats yesterday's lines finds them again.
    const overlap = readStatement(STATEMENT.split('\r\n').slice(0, 3).join('\r\n'), KTB).lines.map(
      (l) => l.fingerprint,
    );
    assert.deepEqual(overlap, first.slice(0, 2));
  });

  it('reads one signed amount column too', () => {
    const { lines } = readStatement('2026-12-01,in,"1,000.00"\n2026-12-01,out,(20.00)', {
      date: 0,
      description: 1,
      amount: 2,
      hasHeader: false,
    });
    assert.deepEqual(
      lines.map((l) => l.amountSatang),
      [1_000_00, -20_00],
    );
  });
});

describe('matching a statement line to pledges', () => {
  const pledges: PledgeToMatch[] = [
    { id: 'p1', amountSatang: 500_00, day: '2026-11-30', reference: 'AB12CD34', donorName: 'นาง มาลี ใจดี' },
    { id: 'p2', amountSatang: 500_00, day: '2026-12-01', reference: 'EF56AB78', donorName: 'สมชาย' },
    { id: 'p3', amountSatang: 500_00, day: '2026-11-01', reference: 'OLD00001', donorName: 'ใครสักคน' },
    { id: 'p4', amountSatang: 1_250_50, day: '2026-12-01', reference: '4557A711', donorName: 'สมหญิง รักดี' },
    { id: 'p5', amountSatang: 500_00, day: '2026-12-03', reference: 'LATER001', donorName: 'ภายหลัง' },
  ];
  const line = (amountSatang: number, day: string, description: string) => ({
    row: 1,
    day,
    amountSatang,
    description,
    balanceSatang: undefined,
    fingerprint: 'x',
  });

  it('ranks the reference, then the donor’s name, then amount and date alone; the same amount only', () => {
    assert.deepEqual(matchPledges(line(1_250_50, '2026-12-01', 'โอนเข้า 4557a711'), pledges, 7), [
      { pledgeId: 'p4', reason: 'reference' },
    ]);
    assert.deepEqual(matchPledges(line(500_00, '2026-12-02', 'รับโอน นาง มาลี ใจดี'), pledges, 7), [
      { pledgeId: 'p1', reason: 'name' },
      { pledgeId: 'p2', reason: 'amount_and_date' },
    ]);
  });

  it('looks only from the pledge’s day to the window’s end, and never at money out', () => {
    const matched = matchPledges(line(500_00, '2026-12-02', 'ไม่ระบุ'), pledges, 7).map((m) => m.pledgeId);
    assert.ok(!matched.includes('p3'), 'a month before: outside the window');
    assert.ok(!matched.includes('p5'), 'pledged after the money came');
    assert.deepEqual(matchPledges(line(-500_00, '2026-12-02', 'AB12CD34'), pledges, 7), []);
  });

  it('dates a line at noon in Bangkok of its day, or now when that noon is still to come', () => {
    // 00:30 on 3 December in Bangkok: a line of that day is dated now, one of 1 December at its noon.
    const now = new Date('2026-12-02T17:30:00Z');
    assert.equal(receivedAtOf('2026-12-03', now).toISOString(), now.toISOString());
    assert.equal(receivedAtOf('2026-12-01', now).toISOString(), '2026-12-01T05:00:00.000Z');
  });
});

import assert from 'node:assert/strict';
import { bahtText, bahtTextEnglish } from '../../../src/shared/baht-text.js';
import { formatThaiId, isValidThaiId, normaliseThaiId, thaiIdCheckDigit } from '../../../src/shared/thai-id.js';
import {
  canMove,
  formatReceiptNumber,
  onlineAmountProblem,
  refundedTotal,
  statusAfterRefunds,
  MIN_ONLINE_SATANG,
  MAX_ONLINE_SATANG,
} from '../../../src/modules/funds/donation.rules.js';
import { monthLabel, monthRange, renderMonthlyChart } from '../../../src/modules/funds/monthly-chart.js';
import { csvCell, toCsv } from '../../../src/shared/csv.js';
import { bangkokMonth, parseBangkokDay } from '../../../src/shared/dates.js';

describe('baht in Thai words', () => {
  const cases: [number, string][] = [
    [0, 'ศูนย์บาทถ้วน'],
    [1_00, 'หนึ่งบาทถ้วน'],
    [11_00, 'สิบเอ็ดบาทถ้วน'],
    [21_00, 'ยี่สิบเอ็ดบาทถ้วน'],
    [20_00, 'ยี่สิบบาทถ้วน'],
    [101_00, 'หนึ่งร้อยเอ็ดบาทถ้วน'],
    [110_00, 'หนึ่งร้อยสิบบาทถ้วน'],
    [1_250_00, 'หนึ่งพันสองร้อยห้าสิบบาทถ้วน'],
    [1_000_000_00, 'หนึ่งล้านบาทถ้วน'],
    [1_000_001_00, 'หนึ่งล้านเอ็ดบาทถ้วน'],
    [11_000_000_00, 'สิบเอ็ดล้านบาทถ้วน'],
    [21_121_221_00, 'ยี่สิบเอ็ดล้านหนึ่งแสนสองหมื่นหนึ่งพันสองร้อยยี่สิบเอ็ดบาทถ้วน'],
    [1_000_000_000_000_00, 'หนึ่งล้านล้านบาทถ้วน'],
    [50, 'ห้าสิบสตางค์'],
    [1, 'หนึ่งสตางค์'],
    [11, 'สิบเอ็ดสตางค์'],
    [1_250_75, 'หนึ่งพันสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์'],
    [100_01, 'หนึ่งร้อยบาทหนึ่งสตางค์'],
    [-5_00, 'ลบห้าบาทถ้วน'],
  ];
  for (const [satang, words] of cases) {
    it(`${satang} satang → ${words}`, () => assert.equal(bahtText(satang), words));
  }
  it('refuses fractions of a satang and non-numbers', () => {
    assert.throws(() => bahtText(1.5), TypeError);
    assert.throws(() => bahtText(Number.NaN), TypeError);
  });
  it('writes English words for English receipts', () => {
    assert.equal(bahtTextEnglish(1_250_00), 'One thousand two hundred fifty baht only');
    assert.equal(bahtTextEnglish(1_000_001_50), 'One million one baht and fifty satang');
    assert.equal(bahtTextEnglish(21_00), 'Twenty-one baht only');
  });
});

describe('Thai 13-digit IDs', () => {
  it('accepts IDs whose check digit is right, with or without dashes and spaces', () => {
    const first12 = '110170020703';
    const id = first12 + String(thaiIdCheckDigit(first12));
    assert.ok(isValidThaiId(id));
    assert.ok(isValidThaiId(formatThaiId(id)));
    assert.ok(isValidThaiId('0-1055-12345-67-1'));
    assert.equal(normaliseThaiId(' 0 1055 12345 67 1 '), '0105512345671');
  });
  it('refuses a wrong check digit, wrong length and letters', () => {
    assert.equal(isValidThaiId('1234567890123'), false);
    assert.equal(isValidThaiId('0105512345670'), false);
    assert.equal(isValidThaiId('010551234567'), false);
    assert.equal(isValidThaiId('01055123456712'), false);
    assert.equal(isValidThaiId('A105512345671'), false);
    assert.equal(isValidThaiId(''), false);
  });
  it('prints IDs the way Thai cards do', () => assert.equal(formatThaiId('0105512345671'), '0-1055-12345-67-1'));
});

describe('gift rules', () => {
  it('enforces Stripe’s minimum and a sane maximum for online gifts', () => {
    assert.equal(onlineAmountProblem(MIN_ONLINE_SATANG - 1), 'below_minimum');
    assert.equal(onlineAmountProblem(MIN_ONLINE_SATANG), null);
    assert.equal(onlineAmountProblem(MAX_ONLINE_SATANG), null);
    assert.equal(onlineAmountProblem(MAX_ONLINE_SATANG + 1), 'above_maximum');
  });
  it('never lets a late event pull a confirmed gift back', () => {
    assert.ok(canMove('pending', 'paid'));
    assert.ok(canMove('processing', 'paid'));
    assert.ok(canMove('pledged', 'paid'));
    assert.equal(canMove('paid', 'processing'), false);
    assert.equal(canMove('paid', 'expired'), false);
    assert.equal(canMove('failed', 'paid'), false);
    assert.equal(canMove('expired', 'processing'), false);
  });
  it('counts refunds once whichever way Stripe reports them, capped at the gift', () => {
    const refunds = [
      { refundId: 're_1', amountSatang: 300, status: 'succeeded' as const },
      { refundId: 're_2', amountSatang: 500, status: 'pending' as const },
    ];
    assert.equal(refundedTotal(1000, refunds, 0), 300);
    assert.equal(refundedTotal(1000, refunds, 300), 300, 'the same refund seen twice');
    assert.equal(refundedTotal(1000, refunds, 800), 800, 'the charge knows more than the refunds seen so far');
    assert.equal(refundedTotal(1000, [{ refundId: 'x', amountSatang: 5000, status: 'succeeded' }], 0), 1000);
    assert.equal(refundedTotal(1000, [{ refundId: 'x', amountSatang: 500, status: 'failed' }], 0), 0);
    assert.equal(statusAfterRefunds(1000, 0), 'paid');
    assert.equal(statusAfterRefunds(1000, 1), 'partially_refunded');
    assert.equal(statusAfterRefunds(1000, 1000), 'refunded');
  });
  it('numbers receipts per Buddhist-era year with six digits', () => {
    assert.equal(formatReceiptNumber(2569, 123), '2569-000123');
    assert.equal(formatReceiptNumber(2570, 1), '2570-000001');
  });
});

describe('monthly chart and dates', () => {
  it('counts months back across a year end, in Bangkok time', () => {
    assert.deepEqual(monthRange('2026-02', 4), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.equal(bangkokMonth(new Date('2026-01-31T17:30:00Z')), '2026-02', 'already February in Bangkok');
    assert.equal(monthLabel('2026-02', 'th'), 'ก.พ. 69');
    assert.equal(monthLabel('2026-02', 'en'), 'Feb 26');
  });
  it('draws one bar per month, scaled to the largest, with no script', () => {
    const svg = renderMonthlyChart(
      [
        { month: '2026-01', amountSatang: 100_00 },
        { month: '2026-02', amountSatang: 50_00 },
        { month: '2026-03', amountSatang: 0 },
      ],
      'th',
      'ยอด <บริจาค>',
    );
    assert.equal((svg.match(/<rect /g) ?? []).length, 3);
    assert.match(svg, /aria-label="ยอด &lt;บริจาค&gt;"/);
    assert.doesNotMatch(svg, /<script/);
    const heights = [...svg.matchAll(/height="(\d+)"><\/rect>/g)].map((m) => Number(m[1]));
    assert.equal(heights[0], 2 * (heights[1] as number));
    assert.equal(heights[2], 0);
  });
  it('reads a Bangkok calendar day as the UTC moment it starts, and refuses impossible dates', () => {
    assert.equal(parseBangkokDay('2026-11-24')?.toISOString(), '2026-11-23T17:00:00.000Z');
    assert.equal(parseBangkokDay('2026-11-24', { endOfDay: true })?.toISOString(), '2026-11-24T17:00:00.000Z');
    assert.equal(parseBangkokDay('2026-02-30'), null);
    assert.equal(parseBangkokDay('24/11/2026'), null);
  });
});

describe('CSV for Excel', () => {
  it('starts with a byte-order mark, quotes what needs it and ends lines with CRLF', () => {
    const csv = toCsv([
      ['name', 'amount'],
      ['สมชาย "ใจดี", หาดใหญ่', 100],
    ]);
    assert.ok(csv.startsWith('\uFEFF'));
    assert.equal(csv, '\uFEFFname,amount\r\n"สมชาย ""ใจดี"", หาดใหญ่",100\r\n');
  });
  it('keeps formulas as text (CSV injection)', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+66 81'), "'+66 81");
    assert.equal(csvCell(-5), '-5', 'numbers stay numbers');
    assert.equal(csvCell('-1.00'), '-1.00', 'a number written as text stays a number');
    assert.equal(csvCell('-0.50'), '-0.50');
    assert.equal(csvCell('-1+1'), "'-1+1", 'a formula that starts like a number is still text');
    assert.equal(csvCell('-2-3'), "'-2-3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('+1'), "'+1", 'a leading plus is never a plain number');
  });
});

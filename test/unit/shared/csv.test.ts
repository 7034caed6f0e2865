import assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../../src/shared/csv.js';

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

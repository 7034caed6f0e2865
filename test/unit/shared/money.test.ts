import assert from 'node:assert/strict';
import {
  formatSatang,
  parseBahtToSatang,
  satangToDecimal,
  satangToInput,
  satangToBaht,
  MAX_AMOUNT_SATANG,
  parseWholeNumber,
} from '../../../src/shared/money.js';

describe('money (satang)', () => {
  it('formats whole baht without decimals and satang with two', () => {
    assert.equal(formatSatang(125_000), '฿1,250');
    assert.equal(formatSatang(125_050), '฿1,250.50');
    assert.equal(formatSatang(5), '฿0.05');
    assert.equal(formatSatang(0), '฿0');
    assert.equal(formatSatang(-250_000), '-฿2,500');
    assert.equal(formatSatang(1_000_000_000, 'en'), '฿10,000,000');
    assert.equal(formatSatang(123_456, 'th', { symbol: false }), '1,234.56');
  });

  it('refuses non-integers instead of rounding money', () => {
    assert.throws(() => formatSatang(10.5), TypeError);
    assert.throws(() => formatSatang(Number.NaN), TypeError);
    assert.throws(() => formatSatang(2 ** 60), TypeError);
  });

  it('parses what people type into satang', () => {
    assert.equal(parseBahtToSatang('1,250'), 125_000);
    assert.equal(parseBahtToSatang('1250.5'), 125_050);
    assert.equal(parseBahtToSatang('1250.05'), 125_005);
    assert.equal(parseBahtToSatang(' ฿500 '), 50_000);
    assert.equal(parseBahtToSatang('500 บาท'), 50_000);
    assert.equal(parseBahtToSatang('๑๒๕๐'), 125_000);
    assert.equal(parseBahtToSatang('0'), 0);
  });

  it('rejects negative, fractional-satang, exotic and huge amounts', () => {
    for (const bad of ['-100', '1.005', '1e5', 'abc', '', '12.', '.5', '0x10', '1 000', '9999999999999']) {
      assert.equal(parseBahtToSatang(bad), null, bad);
    }
    assert.ok(MAX_AMOUNT_SATANG < Number.MAX_SAFE_INTEGER);
  });

  it('accepts commas only as thousands separators', () => {
    assert.equal(parseBahtToSatang('1,000'), 1_000_00);
    assert.equal(parseBahtToSatang('1,000.50'), 1_000_50);
    assert.equal(parseBahtToSatang('12,345,678'), 12_345_678_00);
    for (const bad of ['1,0,0', '10,00', '1,0000', ',100', '100,', '1,,000', '1,000,00', '1,000.5,0']) {
      assert.equal(parseBahtToSatang(bad), null, bad);
    }
  });

  it('writes satang as a plain decimal for spreadsheets, sign kept below one baht', () => {
    assert.equal(satangToDecimal(125_050), '1250.50');
    assert.equal(satangToDecimal(-100), '-1.00');
    assert.equal(satangToDecimal(-50), '-0.50');
    assert.equal(satangToDecimal(0), '0.00');
  });
});

describe('whole numbers typed by a person', () => {
  it('reads digits with thousands commas, Thai digits too, and nothing Number() would stretch to', () => {
    assert.equal(parseWholeNumber('1,200'), 1200);
    assert.equal(parseWholeNumber(' ๑๒ '), 12);
    assert.equal(parseWholeNumber('0'), 0);
    for (const bad of ['1e3', '0x10', '1.5', '-3', '1,0,0', '', ' ', '12a', 'Infinity'])
      assert.equal(parseWholeNumber(bad), null, bad);
  });

  it('writes satang back into a form field the way a person types it, and reads back the same', () => {
    assert.equal(satangToInput(360_000), '3600');
    assert.equal(satangToInput(85_050), '850.50');
    assert.equal(satangToInput(5), '0.05');
    assert.equal(satangToInput(null), '');
    assert.equal(satangToInput(undefined), '');
    for (const satang of [0, 1, 99, 100, 85_050, 360_000, MAX_AMOUNT_SATANG]) {
      assert.equal(parseBahtToSatang(satangToInput(satang)), satang);
    }
  });

  it('gives baht for message parameters and refuses what is not satang', () => {
    assert.equal(satangToBaht(2000), 20);
    assert.equal(satangToBaht(85_050), 850.5);
    assert.throws(() => satangToBaht(1.5), TypeError);
  });
});

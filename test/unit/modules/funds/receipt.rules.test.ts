import assert from 'node:assert/strict';
import { formatReceiptNumber, nextReceiptNumber, receiptYear } from '../../../../src/modules/funds/receipt.rules.js';

describe('receipt numbers', () => {
  it('numbers receipts per Buddhist-era year with six digits', () => {
    assert.equal(formatReceiptNumber(2569, 123), '2569-000123');
    assert.equal(formatReceiptNumber(2570, 1), '2570-000001');
  });

  it('starts a year at 1 and follows its highest number', () => {
    assert.equal(nextReceiptNumber(0), 1);
    assert.equal(nextReceiptNumber(41), 42);
  });

  it('takes the year in Bangkok: a receipt on New Year’s Eve after 17:00 UTC is in the next year', () => {
    assert.equal(receiptYear(new Date('2026-12-31T16:59:59Z')), 2569);
    assert.equal(receiptYear(new Date('2026-12-31T17:00:00Z')), 2570);
  });
});

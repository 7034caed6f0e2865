import assert from 'node:assert/strict';
import { buddhistYear, formatDate } from '../../../src/shared/dates.js';

describe('dates (Buddhist era in Thai, Bangkok time)', () => {
  it('shows Thai dates in the Buddhist era', () => {
    const d = new Date('2026-11-24T10:00:00Z');
    assert.equal(formatDate(d, 'th'), '24 พฤศจิกายน 2569');
    assert.match(formatDate(d, 'th', 'short'), /24 พ\.ย\. 2569/);
  });

  it('shows English dates in the Gregorian calendar', () => {
    assert.equal(formatDate(new Date('2026-11-24T10:00:00Z'), 'en'), '24 November 2026');
  });

  it('uses Bangkok time whatever the server zone: 20:00 UTC on 31 Dec is already New Year', () => {
    const d = new Date('2026-12-31T20:00:00Z');
    assert.equal(formatDate(d, 'th'), '1 มกราคม 2570');
    assert.equal(buddhistYear(d), 2570);
    assert.equal(buddhistYear(new Date('2026-12-31T16:59:59Z')), 2569);
  });

  it('includes the time for dateTime and gives nothing for invalid dates', () => {
    assert.match(formatDate(new Date('2026-01-02T03:04:00Z'), 'th', 'dateTime'), /2 มกราคม 2569.*10:04/);
    assert.equal(formatDate(new Date('nope'), 'th'), '');
  });
});

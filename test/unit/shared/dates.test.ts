import assert from 'node:assert/strict';
import { bangkokMonth, buddhistYear, formatDate, parseBangkokDay } from '../../../src/shared/dates.js';

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

describe('Bangkok months and days', () => {
  it('counts the month in Bangkok time', () => {
    assert.equal(bangkokMonth(new Date('2026-01-31T17:30:00Z')), '2026-02', 'already February in Bangkok');
  });
  it('reads a Bangkok calendar day as the UTC moment it starts, and refuses impossible dates', () => {
    assert.equal(parseBangkokDay('2026-11-24')?.toISOString(), '2026-11-23T17:00:00.000Z');
    assert.equal(parseBangkokDay('2026-11-24', { endOfDay: true })?.toISOString(), '2026-11-24T17:00:00.000Z');
    assert.equal(parseBangkokDay('2026-02-30'), null);
    assert.equal(parseBangkokDay('24/11/2026'), null);
  });
});

/**
 * The receipt-number rule, pure: receipts are numbered per Buddhist-era year (the year in
 * Bangkok when the receipt is issued), from 1 without gaps, six digits: 2569-000123.
 * receipt.service.ts hands the numbers out (unique {year, number} index, retry on a clash).
 */
import { buddhistYear } from '../../shared/dates.js';

/** The year a receipt issued at `issuedAt` is numbered in: numbers restart each Buddhist-era year. */
export function receiptYear(issuedAt: Date): number {
  return buddhistYear(issuedAt);
}

/** The number after the year's highest (0 for a year with no receipt yet). */
export function nextReceiptNumber(highest: number): number {
  return highest + 1;
}

/** The receipt number as printed and searched for: 2569-000123. */
export function formatReceiptNumber(year: number, number: number): string {
  return `${year}-${String(number).padStart(6, '0')}`;
}

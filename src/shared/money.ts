/**
 * Money is an integer number of satang (1 baht = 100 satang). These pure functions are the only
 * place that converts between what people type, what we store and what we show.
 */

export const SATANG_PER_BAHT = 100;
/** The largest amount we accept anywhere (100 million baht): far above any gift, far below 2^53. */
export const MAX_AMOUNT_SATANG = 100_000_000 * SATANG_PER_BAHT;

export function isSatang(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Digits with commas only between groups of three ("1,000", "12,345,678"), or no commas at all. */
const GROUPED_DIGITS = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const asciiDigits = (text: string) => text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));

/**
 * Parses a whole number typed by a person ("1,200", "๑๒"): digits only, commas as thousands
 * separators. Not "1e3" or "0x10", which Number() would read; null for anything else. The budget
 * script (public/budget-total.js) reads a quantity by the same rule, so its total is the server's.
 */
export function parseWholeNumber(input: string): number | null {
  const normalised = asciiDigits(input.trim());
  if (!GROUPED_DIGITS.test(normalised) || normalised.replace(/,/g, '').length > 15) return null;
  return Number(normalised.replace(/,/g, ''));
}

/**
 * Parses a baht amount typed by a person ("1,250", "1250.50", "๑๒๕๐") into satang.
 * Returns null for anything that is not a non-negative amount with at most two decimals, and
 * for commas that are not thousands separators ("1,0,0" is a typing slip, not ฿100).
 */
export function parseBahtToSatang(input: string): number | null {
  const normalised = asciiDigits(input.trim())
    .replace(/^฿\s*/, '')
    .replace(/\s*(บาท|THB|baht)$/i, '');
  const match = /^([\d,]{1,16})(?:\.(\d{1,2}))?$/.exec(normalised);
  if (!match || !GROUPED_DIGITS.test(match[1] as string)) return null;
  const digits = (match[1] as string).replace(/,/g, '');
  if (digits.length > 12) return null;
  const baht = Number(digits);
  const satang = Number((match[2] ?? '').padEnd(2, '0'));
  const total = baht * SATANG_PER_BAHT + satang;
  return Number.isSafeInteger(total) ? total : null;
}

/** Satang as a plain decimal number of baht for spreadsheets: -50 → "-0.50", 125050 → "1250.50". */
export function satangToDecimal(amountSatang: number): string {
  if (!isSatang(amountSatang)) throw new TypeError(`amountSatang must be a safe integer, got ${String(amountSatang)}`);
  const abs = Math.abs(amountSatang);
  const sign = amountSatang < 0 ? '-' : '';
  return `${sign}${Math.trunc(abs / SATANG_PER_BAHT)}.${String(abs % SATANG_PER_BAHT).padStart(2, '0')}`;
}

/**
 * Satang as a form field's value, the way a person would type it: 360000 → "3600",
 * 85050 → "850.50"; '' for no amount. `parseBahtToSatang` reads it back to the same satang.
 */
export function satangToInput(amountSatang: number | null | undefined): string {
  if (amountSatang === null || amountSatang === undefined) return '';
  return satangToDecimal(amountSatang).replace(/\.00$/, '');
}

/** Satang as a number of baht for message parameters ("at least ฿{{min}}"): 2000 → 20. */
export function satangToBaht(amountSatang: number): number {
  if (!isSatang(amountSatang)) throw new TypeError(`amountSatang must be a safe integer, got ${String(amountSatang)}`);
  return amountSatang / SATANG_PER_BAHT;
}

export type Locale = 'th' | 'en';

/**
 * Formats satang as baht for people: "฿1,250" or "฿1,250.50" (decimals only when there are
 * satang). Uses integer arithmetic so no float ever touches the amount.
 */
export function formatSatang(amountSatang: number, locale: Locale = 'th', options: { symbol?: boolean } = {}): string {
  if (!isSatang(amountSatang)) throw new TypeError(`amountSatang must be a safe integer, got ${String(amountSatang)}`);
  const negative = amountSatang < 0;
  const abs = Math.abs(amountSatang);
  const baht = Math.trunc(abs / SATANG_PER_BAHT);
  const satang = abs % SATANG_PER_BAHT;
  const grouped = new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-US', { useGrouping: true }).format(baht);
  const digits = satang === 0 ? grouped : `${grouped}.${String(satang).padStart(2, '0')}`;
  const symbol = options.symbol === false ? '' : '฿';
  return `${negative ? '-' : ''}${symbol}${digits}`;
}
